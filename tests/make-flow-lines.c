/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes the flows of a FlowmapBlue folder as a polyline shapefile, for
 * bench-flows.sh: a peer such as MapServer then draws the same lines as
 * FlowAtlas does.
 *
 *   make-flow-lines FOLDER OUT.shp
 *
 * FOLDER holds locations.csv (id, lat, lon, other columns ignored) and
 * flows.csv (origin, dest, count, other columns ignored), simple CSV
 * without quotes, as tests/make-flowmap.py writes them.  Each row of
 * flows.csv becomes one great-circle polyline in longitude/latitude
 * (WGS 84), sampled about every 150 km with 8 to 64 segments as
 * FlowAtlas samples its arrows, with its count in the .dbf.  Longitudes
 * are unrolled along a line: one that crosses the antimeridian goes past
 * ±180° rather than jumping across the map. */

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <geodesic.h>
#include <glib.h>
#include <shapefil.h>

typedef struct
{
  double lat;
  double lon;
} Place;

/* The columns of a header that a reader needs, by name. */
typedef struct
{
  const char *name;
  int index;
} Column;

static G_NORETURN void G_GNUC_PRINTF (3, 4)
fail (const char *file,
      guint       line,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (line > 0)
    g_printerr ("make-flow-lines: %s:%u: %s\n", file, line, message);
  else
    g_printerr ("make-flow-lines: %s: %s\n", file, message);
  exit (EXIT_FAILURE);
}

/* The lines of @path, without their line ends (LF or CRLF). */
static char **
read_lines (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  char **lines;

  if (!g_file_get_contents (path, &text, NULL, &error))
    fail (path, 0, "%s", error->message);
  lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      gsize len = strlen (*l);

      if (len > 0 && (*l)[len - 1] == '\r')
        (*l)[len - 1] = '\0';
    }
  return lines;
}

/* The fields of line @number of @path; quotes are refused rather than
 * misread. */
static char **
split_row (const char *path,
           guint       number,
           const char *line)
{
  if (strchr (line, '"') != NULL)
    fail (path, number, "quoted fields are not supported");
  return g_strsplit (line, ",", -1);
}

/* Finds each of @columns in the header @fields, or fails. */
static void
find_columns (const char *path,
              char      **fields,
              Column     *columns,
              guint       n_columns)
{
  for (guint c = 0; c < n_columns; c++)
    {
      columns[c].index = -1;
      for (int i = 0; fields[i] != NULL; i++)
        if (g_ascii_strcasecmp (g_strstrip (fields[i]), columns[c].name) == 0)
          {
            columns[c].index = i;
            break;
          }
      if (columns[c].index < 0)
        fail (path, 1, "no column \"%s\" in the header", columns[c].name);
    }
}

static double
parse_number (const char *path,
              guint       number,
              const char *what,
              const char *text,
              double      min,
              double      max)
{
  char *end;
  double value;

  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(value >= min && value <= max))
    fail (path, number, "%s \"%s\" is not a number from %g to %g", what, text, min, max);
  return value;
}

/* Reads locations.csv into a table of id → Place. */
static GHashTable *
read_places (const char *path)
{
  g_auto(GStrv) lines = read_lines (path);
  g_auto(GStrv) header = NULL;
  GHashTable *places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Column columns[] = { { "id", 0 }, { "lat", 0 }, { "lon", 0 } };
  guint n_fields;

  if (lines[0] == NULL || lines[0][0] == '\0')
    fail (path, 1, "no header");
  header = split_row (path, 1, lines[0]);
  n_fields = g_strv_length (header);
  find_columns (path, header, columns, G_N_ELEMENTS (columns));

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      Place *place;
      const char *id;

      if (lines[i][0] == '\0')
        continue;
      fields = split_row (path, i + 1, lines[i]);
      if (g_strv_length (fields) != n_fields)
        fail (path, i + 1, "%u fields, the header has %u", g_strv_length (fields), n_fields);
      id = fields[columns[0].index];
      if (id[0] == '\0')
        fail (path, i + 1, "empty id");
      if (g_hash_table_contains (places, id))
        fail (path, i + 1, "id \"%s\" given twice", id);
      place = g_new (Place, 1);
      place->lat = parse_number (path, i + 1, "lat", fields[columns[1].index], -90, 90);
      place->lon = parse_number (path, i + 1, "lon", fields[columns[2].index], -180, 180);
      g_hash_table_insert (places, g_strdup (id), place);
    }
  if (g_hash_table_size (places) == 0)
    fail (path, 0, "no places");
  return places;
}

/* The great circle from @a to @b, as FlowAtlas samples it (see
 * build_leg_between() in app/render/fa-flow-layer.c), into @x and @y
 * (room for 65 points); returns the number of points. */
static int
sample_great_circle (const struct geod_geodesic *geod,
                     const Place                *a,
                     const Place                *b,
                     double                     *x,
                     double                     *y)
{
  struct geod_geodesicline line;
  int n;

  geod_inverseline (&line, geod, a->lat, a->lon, b->lat, b->lon, 0);
  n = CLAMP ((int) (line.s13 / 150000), 8, 64);
  for (int i = 0; i <= n; i++)
    geod_genposition (&line, GEOD_LONG_UNROLL, line.s13 * i / n,
                      &y[i], &x[i], NULL, NULL, NULL, NULL, NULL, NULL);
  return n + 1;
}

/* The .prj that tells GIS tools the lines are in WGS 84 longitude/latitude. */
static void
write_prj (const char *shp_path)
{
  static const char wkt[] =
    "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
    "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_str_has_suffix (shp_path, ".shp")
                          ? g_strndup (shp_path, strlen (shp_path) - 4)
                          : g_strdup (shp_path);
  g_autofree char *path = g_strconcat (base, ".prj", NULL);

  if (!g_file_set_contents (path, wkt, -1, &error))
    fail (path, 0, "%s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GHashTable) places = NULL;
  g_autofree char *locations_path = NULL;
  g_autofree char *flows_path = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  Column columns[] = { { "origin", 0 }, { "dest", 0 }, { "count", 0 } };
  struct geod_geodesic geod;
  double x[65], y[65];
  const char *out;
  SHPHandle shp;
  DBFHandle dbf;
  int count_field;
  guint n_fields, n_lines = 0, n_loops = 0;
  guint64 n_points = 0;

  if (argc != 3)
    {
      g_printerr ("usage: make-flow-lines FOLDER OUT.shp\n");
      return 2;
    }
  out = argv[2];
  locations_path = g_build_filename (argv[1], "locations.csv", NULL);
  flows_path = g_build_filename (argv[1], "flows.csv", NULL);
  places = read_places (locations_path);

  lines = read_lines (flows_path);
  if (lines[0] == NULL || lines[0][0] == '\0')
    fail (flows_path, 1, "no header");
  header = split_row (flows_path, 1, lines[0]);
  n_fields = g_strv_length (header);
  find_columns (flows_path, header, columns, G_N_ELEMENTS (columns));

  /* shapelib takes OUT.shp or OUT and writes OUT.shp, .shx and .dbf. */
  shp = SHPCreate (out, SHPT_ARC);
  if (shp == NULL)
    fail (out, 0, "cannot create the shapefile");
  dbf = DBFCreate (out);
  if (dbf == NULL)
    fail (out, 0, "cannot create the .dbf");
  count_field = DBFAddField (dbf, "count", FTDouble, 18, 3);
  if (count_field < 0)
    fail (out, 0, "cannot add the field “count” to the .dbf");

  geod_init (&geod, 6378137, 1 / 298.257223563);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      const Place *origin, *dest;
      SHPObject *object;
      double count;
      int n, shape;

      if (lines[i][0] == '\0')
        continue;
      fields = split_row (flows_path, i + 1, lines[i]);
      if (g_strv_length (fields) != n_fields)
        fail (flows_path, i + 1, "%u fields, the header has %u", g_strv_length (fields), n_fields);
      origin = g_hash_table_lookup (places, fields[columns[0].index]);
      if (origin == NULL)
        fail (flows_path, i + 1, "origin \"%s\" is not in locations.csv", fields[columns[0].index]);
      dest = g_hash_table_lookup (places, fields[columns[1].index]);
      if (dest == NULL)
        fail (flows_path, i + 1, "dest \"%s\" is not in locations.csv", fields[columns[1].index]);
      count = parse_number (flows_path, i + 1, "count", fields[columns[2].index], 0, 1e15);

      /* A flow from a place to itself draws no line, in FlowAtlas either. */
      if (origin == dest)
        {
          n_loops++;
          continue;
        }

      n = sample_great_circle (&geod, origin, dest, x, y);
      object = SHPCreateSimpleObject (SHPT_ARC, n, x, y, NULL);
      shape = SHPWriteObject (shp, -1, object);
      SHPDestroyObject (object);
      if (shape < 0)
        fail (out, 0, "cannot write line %u", n_lines + 1);
      if (!DBFWriteDoubleAttribute (dbf, shape, count_field, count))
        fail (out, 0, "cannot write the count of line %u", n_lines + 1);
      n_lines++;
      n_points += n;
    }
  SHPClose (shp);
  DBFClose (dbf);
  write_prj (out);

  if (n_lines == 0)
    fail (flows_path, 0, "no flows between two places");
  g_print ("%s: %u lines, %" G_GUINT64_FORMAT " points from %u places",
           out, n_lines, n_points, g_hash_table_size (places));
  if (n_loops > 0)
    g_print (" (%u flows from a place to itself left out)", n_loops);
  g_print ("\n");
  return EXIT_SUCCESS;
}
