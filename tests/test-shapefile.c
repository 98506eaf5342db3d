/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-shapefile"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <proj.h>
#include <shapefil.h>
#include <string.h>
#include <sys/stat.h>

#include "fa-autocleanups.h"
#include "fa-geo-error.h"
#include "fa-shapefile.h"
#include "fa-test-utils.h"

/* The offset of the first record's content in a .shp: header + record header. */
#define FIRST_CONTENT 108

/* Helpers */

static SHPObject *
make_object (int           type,
             int           n_parts,
             const int    *part_starts,
             int           n_points,
             const double *xy)
{
  g_autofree double *x = g_new (double, MAX (n_points, 1));
  g_autofree double *y = g_new (double, MAX (n_points, 1));

  for (int i = 0; i < n_points; i++)
    {
      x[i] = xy[2 * i];
      y[i] = xy[2 * i + 1];
    }

  return SHPCreateObject (type, -1, n_parts, part_starts, NULL, n_points, x, y, NULL, NULL);
}

/* Writes dir/name.shp and .shx; takes ownership of the objects. */
static char *
write_shapes (const char  *dir,
              const char  *name,
              int          type,
              SHPObject  **objects,
              guint        n_objects)
{
  g_autofree char *stem = g_build_filename (dir, name, NULL);
  SHPHandle shp = SHPCreate (stem, type);

  g_assert_nonnull (shp);
  for (guint i = 0; i < n_objects; i++)
    {
      g_assert_cmpint (SHPWriteObject (shp, -1, objects[i]), >=, 0);
      SHPDestroyObject (objects[i]);
    }
  SHPClose (shp);

  return g_strconcat (stem, ".shp", NULL);
}

/* Writes dir/name.dbf with a text field NAME (raw bytes) and a number POP. */
static char *
write_names (const char         *dir,
             const char         *name,
             guint               n_records,
             const char * const *names)
{
  g_autofree char *stem = g_build_filename (dir, name, NULL);
  DBFHandle dbf = DBFCreate (stem);

  g_assert_nonnull (dbf);
  g_assert_cmpint (DBFAddField (dbf, "NAME", FTString, 32, 0), ==, 0);
  g_assert_cmpint (DBFAddField (dbf, "POP", FTInteger, 10, 0), ==, 1);
  for (guint i = 0; i < n_records; i++)
    {
      g_assert_true (DBFWriteStringAttribute (dbf, i, 0, names[i]));
      g_assert_true (DBFWriteIntegerAttribute (dbf, i, 1, (int) (i + 1) * 100));
    }
  DBFClose (dbf);

  return g_strconcat (stem, ".dbf", NULL);
}

static char *
sibling (const char *shp_path,
         const char *ext)
{
  g_autofree char *stem = g_strndup (shp_path, strlen (shp_path) - 4);

  return g_strconcat (stem, ".", ext, NULL);
}

static void
patch_file (const char *path,
            gsize       offset,
            const void *bytes,
            gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offset + len, <=, length);
  memcpy (contents + offset, bytes, len);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
patch_be32 (const char *path,
            gsize       offset,
            guint32     value)
{
  guint32 be = GUINT32_TO_BE (value);

  patch_file (path, offset, &be, 4);
}

static void
patch_le32 (const char *path,
            gsize       offset,
            guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  patch_file (path, offset, &le, 4);
}

static void
patch_le_double (const char *path,
                 gsize       offset,
                 double      value)
{
  guint64 bits;

  memcpy (&bits, &value, 8);
  bits = GUINT64_TO_LE (bits);
  patch_file (path, offset, &bits, 8);
}

static gsize
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return (gsize) st.st_size;
}

static void
truncate_file (const char *path,
               gsize       size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (size, <=, length);
  g_file_set_contents (path, contents, size, &error);
  g_assert_no_error (error);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("“%s” does not contain “%s”", haystack, needle);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
    }
}

/* Loads @path expecting error @code whose message names @name and @detail. */
static void
assert_load_fails (const char *path,
                   int         code,
                   const char *name,
                   const char *detail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FaShapefile) shapefile = fa_shapefile_load (path, &error);

  g_assert_null (shapefile);
  g_assert_error (error, FA_GEO_ERROR, code);
  g_test_message ("%s", error->message);
  assert_contains (error->message, name);
  if (detail != NULL)
    assert_contains (error->message, detail);
}

static FaShapefile *
load_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  FaShapefile *shapefile = fa_shapefile_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (shapefile);
  return shapefile;
}

/* Two polygon records: an outer ring with a hole plus an island, and a square. */
static char *
write_polygons (const char *dir,
                const char *name)
{
  static const int parts[] = { 0, 5, 10 };
  static const double rings[] = {
    0, 0,  0, 10,  10, 10,  10, 0,  0, 0,      /* outer, clockwise */
    2, 2,  8, 2,  8, 8,  2, 8,  2, 2,          /* hole */
    20, 0,  20, 5,  25, 5,  25, 0,  20, 0,     /* island */
  };
  static const int square_parts[] = { 0 };
  static const double square[] = { 30, 30,  30, 31,  31, 31,  31, 30,  30, 30 };
  static const char * const names[] = { "Alpha", "Beta" };
  SHPObject *objects[2];

  objects[0] = make_object (SHPT_POLYGON, 3, parts, 15, rings);
  objects[1] = make_object (SHPT_POLYGON, 1, square_parts, 5, square);
  g_free (write_names (dir, name, 2, names));
  return write_shapes (dir, name, SHPT_POLYGON, objects, 2);
}

/* Well-formed files */

static void
test_polygon (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "countries");
  g_autoptr(FaShapefile) shapefile = load_ok (path);
  g_autofree char *display = fa_shapefile_dup_display_name (shapefile);
  const double *lon, *lat;
  const guint *parts;
  FaRect bounds;
  guint n_parts;

  g_assert_cmpstr (display, ==, "countries");
  g_assert_cmpstr (fa_shapefile_get_path (shapefile), ==, path);
  g_assert_cmpint (fa_shapefile_get_geometry_type (shapefile), ==, FA_GEOMETRY_POLYGON);
  g_assert_cmpuint (fa_shapefile_get_n_records (shapefile), ==, 2);
  g_assert_cmpuint (fa_shapefile_get_n_points (shapefile), ==, 20);

  n_parts = fa_shapefile_get_shape (shapefile, 0, &lon, &lat, &parts);
  g_assert_cmpuint (n_parts, ==, 3);
  g_assert_cmpuint (parts[0], ==, 0);
  g_assert_cmpuint (parts[1], ==, 5);
  g_assert_cmpuint (parts[2], ==, 10);
  g_assert_cmpuint (parts[3], ==, 15);
  g_assert_cmpfloat (lon[6], ==, 8.0);
  g_assert_cmpfloat (lat[6], ==, 2.0);
  g_assert_cmpfloat (lon[12], ==, 25.0);
  g_assert_cmpfloat (lat[12], ==, 5.0);

  n_parts = fa_shapefile_get_shape (shapefile, 1, &lon, &lat, &parts);
  g_assert_cmpuint (n_parts, ==, 1);
  g_assert_cmpuint (parts[1], ==, 5);
  g_assert_cmpfloat (lon[2], ==, 31.0);

  fa_shapefile_get_bounds (shapefile, &bounds);
  g_assert_cmpfloat (bounds.x1, ==, 0.0);
  g_assert_cmpfloat (bounds.y1, ==, 0.0);
  g_assert_cmpfloat (bounds.x2, ==, 31.0);
  g_assert_cmpfloat (bounds.y2, ==, 31.0);

  g_assert_cmpuint (fa_shapefile_get_n_fields (shapefile), ==, 2);
  g_assert_cmpstr (fa_shapefile_get_field_name (shapefile, 0), ==, "NAME");
  g_assert_cmpint (fa_shapefile_find_field (shapefile, "name"), ==, 0);
  g_assert_cmpint (fa_shapefile_find_field (shapefile, "Pop"), ==, 1);
  g_assert_cmpint (fa_shapefile_find_field (shapefile, "nope"), ==, -1);
  g_assert_cmpstr (fa_shapefile_get_value (shapefile, 0, 0), ==, "Alpha");
  g_assert_cmpstr (fa_shapefile_get_value (shapefile, 1, 0), ==, "Beta");
  g_assert_cmpstr (fa_shapefile_get_value (shapefile, 1, 1), ==, "200");
  g_assert_cmpstr (fa_shapefile_get_value (shapefile, 1, 7), ==, "");
  g_assert_cmpstr (fa_shapefile_get_value (shapefile, 1, (guint) -1), ==, "");

  fa_test_rmtree (dir);
}

static void
test_path_without_extension (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "regions");
  g_autofree char *stem = g_build_filename (dir, "regions", NULL);
  g_autoptr(FaShapefile) shapefile = load_ok (stem);

  g_assert_cmpstr (fa_shapefile_get_path (shapefile), ==, path);
  g_assert_cmpuint (fa_shapefile_get_n_records (shapefile), ==, 2);

  fa_test_rmtree (dir);
}

static void
test_lines (void)
{
  static const int parts[] = { 0, 3 };
  static const double xy[] = { 0, 0,  1, 1,  2, 0,   5, 5,  6, 6 };
  g_autofree char *dir = fa_test_make_tmpdir ();
  SHPObject *objects[] = { make_object (SHPT_ARC, 2, parts, 5, xy) };
  g_autofree char *path = write_shapes (dir, "rivers", SHPT_ARC, objects, 1);
  g_autoptr(FaShapefile) shapefile = load_ok (path);
  const double *lon, *lat;
  const guint *starts;

  g_assert_cmpint (fa_shapefile_get_geometry_type (shapefile), ==, FA_GEOMETRY_LINE);
  g_assert_cmpuint (fa_shapefile_get_shape (shapefile, 0, &lon, &lat, &starts), ==, 2);
  g_assert_cmpuint (starts[1], ==, 3);
  g_assert_cmpuint (starts[2], ==, 5);
  g_assert_cmpfloat (lon[4], ==, 6.0);
  /* No .dbf: no fields, and values are empty. */
  g_assert_cmpuint (fa_shapefile_get_n_fields (shapefile), ==, 0);
  g_assert_cmpstr (fa_shapefile_get_value (shapefile, 0, 0), ==, "");

  fa_test_rmtree (dir);
}

static void
test_points (void)
{
  static const double a[] = { 37.6, 55.75 };
  static const double b[] = { 30.5, 50.45 };
  static const double many[] = { 1, 2,  3, 4,  5, 6 };
  g_autofree char *dir = fa_test_make_tmpdir ();
  SHPObject *points[] = {
    make_object (SHPT_POINT, 0, NULL, 1, a),
    make_object (SHPT_POINT, 0, NULL, 1, b),
  };
  SHPObject *multi[] = { make_object (SHPT_MULTIPOINT, 0, NULL, 3, many) };
  g_autofree char *points_path = write_shapes (dir, "cities", SHPT_POINT, points, 2);
  g_autofree char *multi_path = write_shapes (dir, "multi", SHPT_MULTIPOINT, multi, 1);
  g_autoptr(FaShapefile) cities = load_ok (points_path);
  g_autoptr(FaShapefile) multipoints = load_ok (multi_path);
  const double *lon, *lat;
  const guint *starts;

  g_assert_cmpint (fa_shapefile_get_geometry_type (cities), ==, FA_GEOMETRY_POINT);
  g_assert_cmpuint (fa_shapefile_get_n_records (cities), ==, 2);
  g_assert_cmpuint (fa_shapefile_get_shape (cities, 1, &lon, &lat, &starts), ==, 1);
  g_assert_cmpuint (starts[1], ==, 1);
  g_assert_cmpfloat (lon[0], ==, 30.5);
  g_assert_cmpfloat (lat[0], ==, 50.45);

  g_assert_cmpint (fa_shapefile_get_geometry_type (multipoints), ==, FA_GEOMETRY_POINT);
  g_assert_cmpuint (fa_shapefile_get_shape (multipoints, 0, &lon, &lat, &starts), ==, 1);
  g_assert_cmpuint (starts[1], ==, 3);
  g_assert_cmpfloat (lat[2], ==, 6.0);

  fa_test_rmtree (dir);
}

static void
test_z_and_m (void)
{
  static const int parts[] = { 0 };
  static const double z[] = { 100, 200, 300, 400, 100 };
  static const double pt[] = { 12.5, 41.9 };
  g_autofree char *dir = fa_test_make_tmpdir ();
  SHPObject *polygons[] = {
    SHPCreateObject (SHPT_POLYGONZ, -1, 1, parts, NULL, 5,
                     (double[]) { 0, 0, 1, 1, 0 }, (double[]) { 0, 1, 1, 0, 0 }, z, z),
  };
  SHPObject *points[] = {
    SHPCreateObject (SHPT_POINTM, -1, 0, NULL, NULL, 1,
                     (double[]) { pt[0] }, (double[]) { pt[1] }, NULL, (double[]) { 7 }),
  };
  g_autofree char *zpath = write_shapes (dir, "polyz", SHPT_POLYGONZ, polygons, 1);
  g_autofree char *mpath = write_shapes (dir, "pointm", SHPT_POINTM, points, 1);
  g_autoptr(FaShapefile) polyz = load_ok (zpath);
  g_autoptr(FaShapefile) pointm = load_ok (mpath);
  const double *lon, *lat;
  const guint *starts;

  g_assert_cmpint (fa_shapefile_get_geometry_type (polyz), ==, FA_GEOMETRY_POLYGON);
  g_assert_cmpuint (fa_shapefile_get_shape (polyz, 0, &lon, &lat, &starts), ==, 1);
  g_assert_cmpuint (starts[1], ==, 5);
  g_assert_cmpfloat (lon[2], ==, 1.0);
  g_assert_cmpfloat (lat[2], ==, 1.0);

  g_assert_cmpint (fa_shapefile_get_geometry_type (pointm), ==, FA_GEOMETRY_POINT);
  g_assert_cmpuint (fa_shapefile_get_shape (pointm, 0, &lon, &lat, NULL), ==, 1);
  g_assert_cmpfloat (lon[0], ==, 12.5);
  g_assert_cmpfloat (lat[0], ==, 41.9);

  fa_test_rmtree (dir);
}

static void
test_null_shapes (void)
{
  static const int parts[] = { 0 };
  static const double ring[] = { 0, 0,  0, 1,  1, 1,  1, 0,  0, 0 };
  g_autofree char *dir = fa_test_make_tmpdir ();
  SHPObject *objects[] = {
    SHPCreateSimpleObject (SHPT_NULL, 0, NULL, NULL, NULL),
    make_object (SHPT_POLYGON, 1, parts, 5, ring),
    SHPCreateSimpleObject (SHPT_NULL, 0, NULL, NULL, NULL),
  };
  g_autofree char *path = write_shapes (dir, "holes", SHPT_POLYGON, objects, 3);
  g_autoptr(FaShapefile) shapefile = load_ok (path);
  const guint *starts;

  g_assert_cmpuint (fa_shapefile_get_n_records (shapefile), ==, 3);
  g_assert_cmpuint (fa_shapefile_get_shape (shapefile, 0, NULL, NULL, &starts), ==, 0);
  g_assert_cmpuint (starts[0], ==, 0);
  g_assert_cmpuint (fa_shapefile_get_shape (shapefile, 1, NULL, NULL, &starts), ==, 1);
  g_assert_cmpuint (starts[1], ==, 5);
  g_assert_cmpuint (fa_shapefile_get_shape (shapefile, 2, NULL, NULL, NULL), ==, 0);

  fa_test_rmtree (dir);
}

/* "Москва" in Windows-1251. */
static const char moscow_cp1251[] = "\xcc\xee\xf1\xea\xe2\xe0";

static void
test_cp1251_cpg (void)
{
  static const int parts[] = { 0 };
  static const double ring[] = { 37, 55,  37, 56,  38, 56,  38, 55,  37, 55 };
  const char * const names[] = { moscow_cp1251 };
  g_autofree char *dir = fa_test_make_tmpdir ();
  SHPObject *objects[] = { make_object (SHPT_POLYGON, 1, parts, 5, ring) };
  g_autofree char *path = write_shapes (dir, "cities", SHPT_POLYGON, objects, 1);
  g_autofree char *dbf = write_names (dir, "cities", 1, names);
  g_autofree char *cpg = fa_test_write_file (dir, "cities.cpg", "1251\n", -1);
  g_autoptr(FaShapefile) with_cpg = load_ok (path);
  g_autoptr(FaShapefile) with_ldid = NULL;
  g_autoptr(FaShapefile) guessed = NULL;

  g_assert_cmpstr (fa_shapefile_get_value (with_cpg, 0, 0), ==, "Москва");

  /* No .cpg: the language driver byte 0xC9 says Windows-1251. */
  g_unlink (cpg);
  patch_file (dbf, 29, "\xc9", 1);
  with_ldid = load_ok (path);
  g_assert_cmpstr (fa_shapefile_get_value (with_ldid, 0, 0), ==, "Москва");

  /* Nothing declared and not UTF-8: read as Windows-1252, still valid UTF-8. */
  patch_file (dbf, 29, "\x00", 1);
  guessed = load_ok (path);
  g_assert_true (g_utf8_validate (fa_shapefile_get_value (guessed, 0, 0), -1, NULL));
  g_assert_cmpstr (fa_shapefile_get_value (guessed, 0, 0), ==, "Ìîñêâà");

  fa_test_rmtree (dir);
}

static void
test_utf8_and_koi8 (void)
{
  static const int parts[] = { 0 };
  static const double ring[] = { 37, 55,  37, 56,  38, 56,  38, 55,  37, 55 };
  const char * const utf8_names[] = { "Київ" };
  const char * const koi8_names[] = { "\xed\xcf\xd3\xcb\xd7\xc1" };   /* "Москва" */
  g_autofree char *dir = fa_test_make_tmpdir ();
  SHPObject *a[] = { make_object (SHPT_POLYGON, 1, parts, 5, ring) };
  SHPObject *b[] = { make_object (SHPT_POLYGON, 1, parts, 5, ring) };
  g_autofree char *utf8_path = write_shapes (dir, "utf8", SHPT_POLYGON, a, 1);
  g_autofree char *koi8_path = write_shapes (dir, "koi8", SHPT_POLYGON, b, 1);
  g_autofree char *utf8_dbf = write_names (dir, "utf8", 1, utf8_names);
  g_autofree char *koi8_dbf = write_names (dir, "koi8", 1, koi8_names);
  g_autofree char *utf8_cpg = fa_test_write_file (dir, "utf8.cpg", "UTF-8", -1);
  g_autofree char *koi8_cpg = fa_test_write_file (dir, "koi8.cpg", "KOI8-R", -1);
  g_autoptr(FaShapefile) utf8 = load_ok (utf8_path);
  g_autoptr(FaShapefile) koi8 = load_ok (koi8_path);

  g_assert_cmpstr (fa_shapefile_get_value (utf8, 0, 0), ==, "Київ");
  g_assert_cmpstr (fa_shapefile_get_value (koi8, 0, 0), ==, "Москва");

  fa_test_rmtree (dir);
}

static void
test_projected_prj (void)
{
  static const double lonlat[] = { 37.6173, 55.7558,  -9.1393, 38.7223 };
  g_autoptr(PJ_CONTEXT) ctx = proj_context_create ();
  g_autoptr(PJ) merc = proj_create (ctx, "EPSG:3857");
  g_autoptr(PJ) op = proj_create_crs_to_crs (ctx, "EPSG:4326", "EPSG:3857", NULL);
  g_autoptr(PJ) norm = proj_normalize_for_visualization (ctx, op);
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *prj = NULL;
  g_autoptr(FaShapefile) shapefile = NULL;
  double xy[4];
  SHPObject *objects[2];

  for (guint i = 0; i < 2; i++)
    {
      PJ_COORD c = proj_coord (lonlat[2 * i], lonlat[2 * i + 1], 0, 0);

      c = proj_trans (norm, PJ_FWD, c);
      xy[2 * i] = c.xy.x;
      xy[2 * i + 1] = c.xy.y;
      g_assert_cmpfloat (fabs (c.xy.x), >, 1e5);
      objects[i] = make_object (SHPT_POINT, 0, NULL, 1, xy + 2 * i);
    }
  path = write_shapes (dir, "merc", SHPT_POINT, objects, 2);
  prj = fa_test_write_file (dir, "merc.prj", proj_as_wkt (ctx, merc, PJ_WKT1_ESRI, NULL), -1);
  shapefile = load_ok (path);

  for (guint i = 0; i < 2; i++)
    {
      const double *lon, *lat;

      fa_shapefile_get_shape (shapefile, i, &lon, &lat, NULL);
      g_assert_cmpfloat_with_epsilon (lon[0], lonlat[2 * i], 1e-7);
      g_assert_cmpfloat_with_epsilon (lat[0], lonlat[2 * i + 1], 1e-7);
    }

  fa_test_rmtree (dir);
}

static void
test_wgs84_prj (void)
{
  const char *wkt = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\","
                    "6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],"
                    "UNIT[\"Degree\",0.0174532925199433]]";
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "ne");
  g_autofree char *prj = fa_test_write_file (dir, "ne.prj", wkt, -1);
  g_autoptr(FaShapefile) shapefile = load_ok (path);
  const double *lon, *lat;

  fa_shapefile_get_shape (shapefile, 0, &lon, &lat, NULL);
  g_assert_cmpfloat (lon[6], ==, 8.0);
  g_assert_cmpfloat (lat[6], ==, 2.0);

  fa_test_rmtree (dir);
}

/* Malformed files */

/* Asserts that @shapefile has exactly one warning, containing each of the
 * NULL-terminated strings, and that it is valid UTF-8 without controls. */
static void
assert_one_warning (FaShapefile *shapefile,
                    ...)
{
  const char * const *warnings = fa_shapefile_get_warnings (shapefile);
  const char *needle;
  va_list args;

  g_assert_nonnull (warnings[0]);
  g_test_message ("warning: %s", warnings[0]);
  g_assert_null (warnings[1]);
  g_assert_true (g_utf8_validate (warnings[0], -1, NULL));
  for (const char *p = warnings[0]; *p != '\0'; p++)
    g_assert_false (g_ascii_iscntrl (*p));

  va_start (args, shapefile);
  while ((needle = va_arg (args, const char *)) != NULL)
    assert_contains (warnings[0], needle);
  va_end (args);
}

static void
assert_valid_message (const char *message)
{
  g_assert_true (g_utf8_validate (message, -1, NULL));
  for (const char *p = message; *p != '\0'; p++)
    g_assert_false (g_ascii_iscntrl (*p));
}

/* A .prj PROJ cannot read, on coordinates that fit lon/lat: a warning, and
 * the shapes as they are.  On projected coordinates: an error that says so. */
static void
test_bad_prj (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "odd");
  g_autofree char *prj = fa_test_write_file (dir, "odd.prj", "PROJCS[\"nonsense\", garbage", -1);
  g_autoptr(FaShapefile) shapefile = NULL;
  const double *lon;

  shapefile = load_ok (path);
  assert_one_warning (shapefile, "odd.prj", "read as WGS 84", NULL);
  fa_shapefile_get_shape (shapefile, 0, &lon, NULL, NULL);
  g_assert_cmpfloat (lon[6], ==, 8.0);

  /* A NUL byte: PROJ would see only the text before it. */
  g_clear_object (&shapefile);
  g_free (fa_test_write_file (dir, "odd.prj", "GEOGCS[\"WGS 84\"\0garbage", 24));
  shapefile = load_ok (path);
  assert_one_warning (shapefile, "odd.prj", "NUL byte at offset 15", NULL);

  fa_test_rmtree (dir);
}

/* Web Mercator metres: about 3.3e6 east, 6.6e6 north. */
static char *
write_mercator_square (const char *dir,
                       const char *name)
{
  static const int parts[] = { 0 };
  static const double ring[] = {
    3339584.7, 6446275.8,  3339584.7, 6621293.7,  3450904.2, 6621293.7,  3339584.7, 6446275.8,
  };
  SHPObject *objects[] = { make_object (SHPT_POLYGON, 1, parts, 4, ring) };

  return write_shapes (dir, name, SHPT_POLYGON, objects, 1);
}

/* Projected coordinates without a usable .prj used to load and draw
 * nothing (far off the map); now the error says why. */
static void
test_projected_without_prj (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_mercator_square (dir, "metres");
  g_autofree char *prj = NULL;

  assert_load_fails (path, FA_GEO_ERROR_PROJECTION, "metres.shp",
                     "coordinates up to 6.6e6 look projected, but there is no .prj file");

  prj = fa_test_write_file (dir, "metres.prj", "PROJCS[\"nonsense\", garbage", -1);
  assert_load_fails (path, FA_GEO_ERROR_PROJECTION, "metres.shp",
                     "coordinates up to 6.6e6 look projected, but the .prj file cannot be used: "
                     "metres.prj: ");
  fa_test_rmtree (dir);
}

/* A Windows-1252 .prj with accents (and a control character) used to be
 * read past its end by g_utf8_strlen() and shown raw. */
static void
test_prj_not_utf8 (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_mercator_square (dir, "lambert");
  g_autofree char *prj = fa_test_write_file (dir, "lambert.prj",
                                             "PROJCS[\"R\xe9seau g\xe9od\xe9sique fran\xe7" "ais\x1b[31m\","
                                             "garbage", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(FaShapefile) shapefile = fa_shapefile_load (path, &error);

  g_assert_null (shapefile);
  g_assert_error (error, FA_GEO_ERROR, FA_GEO_ERROR_PROJECTION);
  g_test_message ("%s", error->message);
  assert_valid_message (error->message);
  assert_contains (error->message, "R\xc3\xa9seau g\xc3\xa9od\xc3\xa9sique fran\xc3\xa7" "ais\\x1B[31m");
  fa_test_rmtree (dir);
}

/* Shapelib opened "stem.shp", then "stem.SHP", whatever we had checked:
 * here a decoy x.shp next to x.sHP, of the same size, whose one record
 * splits the same 15 points into 3 parts where x.sHP has 1 (and 2 empty
 * ones).  Decoding it wrote past the part array. */
static void
test_sidecar_case (void)
{
  static const int real_parts[] = { 0, 0, 0 };
  static const int decoy_parts[] = { 0, 5, 10 };
  static const double xy[] = {
    0, 0,  0, 10,  10, 10,  10, 0,  0, 0,
    2, 2,  8, 2,  8, 8,  2, 8,  2, 2,
    20, 0,  20, 5,  25, 5,  25, 0,  20, 0,
  };
  g_autofree char *dir = fa_test_make_tmpdir ();
  SHPObject *real[] = { make_object (SHPT_POLYGON, 3, real_parts, 15, xy) };
  SHPObject *decoy[] = { make_object (SHPT_POLYGON, 3, decoy_parts, 15, xy) };
  g_autofree char *real_path = write_shapes (dir, "real", SHPT_POLYGON, real, 1);
  g_autofree char *decoy_path = write_shapes (dir, "decoy", SHPT_POLYGON, decoy, 1);
  g_autofree char *real_shx = sibling (real_path, "shx");
  g_autofree char *path = g_build_filename (dir, "x.sHP", NULL);
  g_autofree char *shx = g_build_filename (dir, "x.shx", NULL);
  g_autofree char *lower = g_build_filename (dir, "x.shp", NULL);
  g_autofree char *upper = g_build_filename (dir, "x.SHP", NULL);
  g_autoptr(FaShapefile) shapefile = NULL;
  const guint *starts;

  g_assert_cmpint (g_rename (real_path, path), ==, 0);
  g_assert_cmpint (g_rename (real_shx, shx), ==, 0);
  g_assert_cmpint (g_rename (decoy_path, lower), ==, 0);

  shapefile = load_ok (path);
  g_assert_cmpuint (fa_shapefile_get_shape (shapefile, 0, NULL, NULL, &starts), ==, 1);
  g_assert_cmpuint (starts[1], ==, 15);
  g_clear_object (&shapefile);

  /* x.SHP next to x.shp: each is read as itself. */
  g_assert_cmpint (g_rename (path, upper), ==, 0);
  shapefile = load_ok (upper);
  g_assert_cmpuint (fa_shapefile_get_shape (shapefile, 0, NULL, NULL, NULL), ==, 1);
  g_clear_object (&shapefile);
  shapefile = load_ok (lower);
  g_assert_cmpuint (fa_shapefile_get_shape (shapefile, 0, NULL, NULL, NULL), ==, 3);
  g_clear_object (&shapefile);

  /* Mixed-case sidecars follow the case of the .shp's extension. */
  {
    g_autofree char *mixed = g_build_filename (dir, "y.Shp", NULL);
    g_autofree char *mixed_shx = g_build_filename (dir, "y.Shx", NULL);
    g_autofree char *mixed_dbf = g_build_filename (dir, "y.Dbf", NULL);
    static const char * const names[] = { "Alpha" };
    g_autofree char *dbf = write_names (dir, "names", 1, names);

    g_assert_cmpint (g_rename (upper, mixed), ==, 0);
    g_assert_cmpint (g_rename (shx, mixed_shx), ==, 0);
    g_assert_cmpint (g_rename (dbf, mixed_dbf), ==, 0);
    shapefile = load_ok (mixed);
    g_assert_cmpstr (fa_shapefile_get_value (shapefile, 0, 0), ==, "Alpha");
  }

  fa_test_rmtree (dir);
}

/* FIFOs blocked open() for ever; as sidecars they were silently ignored. */
static void
test_fifo (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *pipe = g_build_filename (dir, "pipe.shp", NULL);
  g_autofree char *path = write_polygons (dir, "sides");
  g_autofree char *dbf = sibling (path, "dbf");
  g_autofree char *prj = sibling (path, "prj");
  g_autofree char *cpg = sibling (path, "cpg");
  g_autoptr(FaShapefile) shapefile = NULL;

  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
  assert_load_fails (pipe, FA_GEO_ERROR_OPEN,
                     "pipe.shp: cannot read the file: it is a named pipe (FIFO); "
                     "expected a regular file", NULL);

  /* A .dbf that is a FIFO: the shapes load without attributes, and say why. */
  g_assert_cmpint (g_unlink (dbf), ==, 0);
  g_assert_cmpint (mkfifo (dbf, 0600), ==, 0);
  shapefile = load_ok (path);
  g_assert_cmpuint (fa_shapefile_get_n_fields (shapefile), ==, 0);
  assert_one_warning (shapefile, "sides.dbf: cannot read the file: it is a named pipe (FIFO); "
                      "expected a regular file; the shapes have no attributes", NULL);
  g_clear_object (&shapefile);
  g_unlink (dbf);

  g_assert_cmpint (mkfifo (prj, 0600), ==, 0);
  shapefile = load_ok (path);
  assert_one_warning (shapefile, "sides.prj: cannot read the file: it is a named pipe", "WGS 84", NULL);
  g_clear_object (&shapefile);
  g_unlink (prj);

  g_free (write_names (dir, "sides", 2, (const char * const[]) { "A", "B" }));
  g_assert_cmpint (mkfifo (cpg, 0600), ==, 0);
  shapefile = load_ok (path);
  assert_one_warning (shapefile, "sides.cpg: cannot read the file", "guessing the text encoding of sides.dbf", NULL);
  g_assert_cmpstr (fa_shapefile_get_value (shapefile, 1, 0), ==, "B");

  fa_test_rmtree (dir);
}

/* A folder: "DIR.shp: cannot open" and "mmap() failed: No such device". */
static void
test_folder (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "maps", NULL);
  g_autofree char *shp_folder = g_build_filename (dir, "x.shp", NULL);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (shp_folder, 0700), ==, 0);
  assert_load_fails (folder, FA_GEO_ERROR_OPEN,
                     "maps: cannot read the file: it is a folder; expected a .shp file", NULL);
  assert_load_fails (shp_folder, FA_GEO_ERROR_OPEN,
                     "x.shp: cannot read the file: it is a folder; expected a regular file", NULL);
  fa_test_rmtree (dir);
}

/* The index may point many entries at one big record: each copy of its
 * points would be allocated again, far beyond the size of the files. */
static void
test_overlapping_records (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "overlap");
  g_autofree char *shx = sibling (path, "shx");

  /* Record 2 at the offset of record 1, with its length. */
  patch_be32 (shx, 108, 50);
  patch_be32 (shx, 112, (FIRST_CONTENT + 44 + 3 * 4 + 15 * 16 - FIRST_CONTENT) / 2);
  assert_load_fails (path, FA_GEO_ERROR_FORMAT, "overlap.shx",
                     "the index places records on top of each other");

  /* More entries than the .shp has room for (a record takes 12 bytes). */
  {
    g_autofree char *big = g_malloc0 (100 + 8 * 1000);
    g_autofree char *header = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (shx, &header, &length, NULL));
    memcpy (big, header, 100);
    for (guint i = 0; i < 1000; i++)
      {
        guint32 entry[2] = { GUINT32_TO_BE (50), GUINT32_TO_BE (2) };

        memcpy (big + 100 + 8 * i, entry, 8);
      }
    g_assert_true (g_file_set_contents (shx, big, 100 + 8 * 1000, NULL));
    patch_be32 (shx, 24, (100 + 8 * 1000) / 2);
    assert_load_fails (path, FA_GEO_ERROR_TRUNCATED, "overlap.shx", "lists 1000 records");
  }
  fa_test_rmtree (dir);
}

static void
test_truncated_header (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "short");

  truncate_file (path, 60);
  assert_load_fails (path, FA_GEO_ERROR_TRUNCATED, "short.shp", "100");
  fa_test_rmtree (dir);
}

static void
test_truncated_mid_record (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "cut");
  gsize size = file_size (path);

  /* Cut the second record in half.  The header still gives the old length. */
  truncate_file (path, size - 40);
  assert_load_fails (path, FA_GEO_ERROR_TRUNCATED, "cut.shp", "truncated");

  /* With a consistent header length, the index points past the end. */
  patch_be32 (path, 24, (guint32) (size - 40) / 2);
  assert_load_fails (path, FA_GEO_ERROR_TRUNCATED, "cut.shp", "record 2");
  fa_test_rmtree (dir);
}

static void
test_huge_declared_length (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "liar");

  patch_be32 (path, 24, 0x7fffffff);
  assert_load_fails (path, FA_GEO_ERROR_TRUNCATED, "liar.shp", NULL);
  fa_test_rmtree (dir);
}

static void
test_wrong_file_code (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "code");
  g_autofree char *shx = sibling (path, "shx");

  patch_be32 (path, 0, 1234);
  assert_load_fails (path, FA_GEO_ERROR_FORMAT, "code.shp", "9994");

  patch_be32 (path, 0, 9994);
  patch_be32 (shx, 0, 4321);
  assert_load_fails (path, FA_GEO_ERROR_FORMAT, "code.shx", "9994");
  fa_test_rmtree (dir);
}

static void
test_bad_version (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "version");

  patch_le32 (path, 28, 999);
  assert_load_fails (path, FA_GEO_ERROR_FORMAT, "version.shp", "1000");
  fa_test_rmtree (dir);
}

static void
test_unknown_shape_type (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "kind");

  patch_le32 (path, 32, 7);
  assert_load_fails (path, FA_GEO_ERROR_FORMAT, "kind.shp", "7");

  patch_le32 (path, 32, 31);
  assert_load_fails (path, FA_GEO_ERROR_FORMAT, "kind.shp", "multipatch");

  /* A record of an unknown type. */
  patch_le32 (path, 32, 5);
  patch_le32 (path, FIRST_CONTENT, 42);
  assert_load_fails (path, FA_GEO_ERROR_FORMAT, "kind.shp", "record 1");
  fa_test_rmtree (dir);
}

static void
test_mixed_types (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "mixed");

  /* Record 2 claims to be a point in a polygon file. */
  {
    g_autofree char *shx = sibling (path, "shx");
    g_autofree char *contents = NULL;
    gsize len;
    guint32 offset;

    g_assert_true (g_file_get_contents (shx, &contents, &len, NULL));
    memcpy (&offset, contents + 108, 4);
    patch_le32 (path, GUINT32_FROM_BE (offset) * 2 + 8, SHPT_POINT);
  }
  assert_load_fails (path, FA_GEO_ERROR_FORMAT, "mixed.shp", "record 2");
  fa_test_rmtree (dir);
}

static void
test_nan_coordinate (void)
{
  static const int parts[] = { 0 };
  double ring[] = { 0, 0,  0, 1,  NAN, 1,  1, 0,  0, 0 };
  g_autofree char *dir = fa_test_make_tmpdir ();
  SHPObject *objects[] = { make_object (SHPT_POLYGON, 1, parts, 5, ring) };
  g_autofree char *path = write_shapes (dir, "nan", SHPT_POLYGON, objects, 1);

  assert_load_fails (path, FA_GEO_ERROR_BAD_GEOMETRY, "nan.shp", "record 1");

  /* Infinity, patched into the first point of the first ring. */
  objects[0] = make_object (SHPT_POLYGON, 1, parts, 5,
                            (double[]) { 0, 0,  0, 1,  1, 1,  1, 0,  0, 0 });
  g_free (write_shapes (dir, "inf", SHPT_POLYGON, objects, 1));
  g_free (path);
  path = g_build_filename (dir, "inf.shp", NULL);
  patch_le_double (path, FIRST_CONTENT + 48, INFINITY);
  assert_load_fails (path, FA_GEO_ERROR_BAD_GEOMETRY, "inf.shp", "record 1");
  fa_test_rmtree (dir);
}

static void
test_huge_counts (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "huge");

  /* 2^31 points in a 300-byte record must fail at once, not allocate. */
  patch_le32 (path, FIRST_CONTENT + 40, 0x7ffffff0);
  assert_load_fails (path, FA_GEO_ERROR_TRUNCATED, "huge.shp", "record 1");

  patch_le32 (path, FIRST_CONTENT + 40, 15);
  patch_le32 (path, FIRST_CONTENT + 36, 0xfffffff0);
  assert_load_fails (path, FA_GEO_ERROR_TRUNCATED, "huge.shp", "record 1");

  patch_le32 (path, FIRST_CONTENT + 36, 0xffffffff);
  patch_le32 (path, FIRST_CONTENT + 40, 0xffffffff);
  assert_load_fails (path, FA_GEO_ERROR_TRUNCATED, "huge.shp", "record 1");
  fa_test_rmtree (dir);
}

static void
test_bad_part_starts (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "parts");

  /* Part 2 of 3 starting at point 900 of 15. */
  patch_le32 (path, FIRST_CONTENT + 48, 900);
  assert_load_fails (path, FA_GEO_ERROR_BAD_GEOMETRY, "parts.shp",
                     "record 1: part 2 starts at point 900, but the shape has only 15 points");

  /* Decreasing: part 3 starts before part 2. */
  patch_le32 (path, FIRST_CONTENT + 48, 12);
  assert_load_fails (path, FA_GEO_ERROR_BAD_GEOMETRY, "parts.shp", "part 3");

  /* The first part must start at 0. */
  patch_le32 (path, FIRST_CONTENT + 48, 5);
  patch_le32 (path, FIRST_CONTENT + 44, 1);
  assert_load_fails (path, FA_GEO_ERROR_BAD_GEOMETRY, "parts.shp", "record 1");
  fa_test_rmtree (dir);
}

static void
test_index_beyond_file (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "index");
  g_autofree char *shx = sibling (path, "shx");

  /* Record 2's offset far past the end of the .shp. */
  patch_be32 (shx, 108, 0x40000000);
  assert_load_fails (path, FA_GEO_ERROR_TRUNCATED, "index.shp", "record 2");

  /* A length that runs past the end. */
  patch_be32 (shx, 108, 50);
  patch_be32 (shx, 112, 0x7fffffff);
  assert_load_fails (path, FA_GEO_ERROR_TRUNCATED, "index.shp", "record 2");

  /* An offset inside the header. */
  patch_be32 (shx, 112, 20);
  patch_be32 (shx, 100, 4);
  assert_load_fails (path, FA_GEO_ERROR_TRUNCATED, "index.shp", "record 1");
  fa_test_rmtree (dir);
}

static void
test_missing_shx (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "lonely");
  g_autofree char *shx = sibling (path, "shx");

  g_unlink (shx);
  assert_load_fails (path, FA_GEO_ERROR_OPEN, "lonely.shx", NULL);
  fa_test_rmtree (dir);
}

static void
test_missing_shp (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "ghost.shp", NULL);

  assert_load_fails (path, FA_GEO_ERROR_OPEN, "ghost.shp", NULL);
  fa_test_rmtree (dir);
}

static void
test_dbf_too_short (void)
{
  static const char * const names[] = { "Alpha" };
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "few");
  g_autofree char *dbf = write_names (dir, "few", 1, names);

  assert_load_fails (path, FA_GEO_ERROR_ATTRIBUTES, "few.dbf", "1 records");
  assert_load_fails (path, FA_GEO_ERROR_ATTRIBUTES, "few.shp", "2 shapes");
  fa_test_rmtree (dir);
}

static void
test_dbf_extra_records (void)
{
  static const char * const names[] = { "Alpha", "Beta", "Gamma" };
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "many");
  g_autofree char *dbf = write_names (dir, "many", 3, names);
  g_autoptr(FaShapefile) shapefile = load_ok (path);

  g_assert_cmpuint (fa_shapefile_get_n_records (shapefile), ==, 2);
  g_assert_cmpstr (fa_shapefile_get_value (shapefile, 1, 0), ==, "Beta");
  fa_test_rmtree (dir);
}

static void
test_dbf_huge_count (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "bloat");
  g_autofree char *dbf = sibling (path, "dbf");

  patch_le32 (dbf, 4, 0x7fffffff);
  assert_load_fails (path, FA_GEO_ERROR_TRUNCATED, "bloat.dbf", NULL);
  fa_test_rmtree (dir);
}

static void
test_dbf_bad_header (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "header");
  g_autofree char *dbf = sibling (path, "dbf");
  guint16 len = GUINT16_TO_LE (60000);

  /* A header longer than the file. */
  patch_file (dbf, 8, &len, 2);
  assert_load_fails (path, FA_GEO_ERROR_TRUNCATED, "header.dbf", NULL);

  /* A field wider than the record: NAME is 32 wide, say the record is 10. */
  len = GUINT16_TO_LE (97);
  patch_file (dbf, 8, &len, 2);
  len = GUINT16_TO_LE (10);
  patch_file (dbf, 10, &len, 2);
  assert_load_fails (path, FA_GEO_ERROR_FORMAT, "header.dbf", "NAME");
  fa_test_rmtree (dir);
}

/* Flip random bytes: every outcome must be a clean success or a GError. */
static void
test_random_corruption (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "fuzz");
  g_autofree char *shx = sibling (path, "shx");
  g_autofree char *dbf = sibling (path, "dbf");
  const char *files[] = { path, shx, dbf };
  char *originals[3] = { NULL, };
  gsize lengths[3];

  for (guint f = 0; f < 3; f++)
    g_assert_true (g_file_get_contents (files[f], &originals[f], &lengths[f], NULL));

  for (guint round = 0; round < 600; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FaShapefile) shapefile = NULL;
      guint f = round % 3;
      g_autofree char *copy = g_memdup2 (originals[f], lengths[f]);
      guint n_flips = g_test_rand_int_range (1, 6);

      for (guint i = 0; i < n_flips; i++)
        {
          gsize at = g_test_rand_int_range (0, (gint32) lengths[f]);

          copy[at] = (char) g_test_rand_int_range (0, 256);
        }
      g_assert_true (g_file_set_contents (files[f], copy, lengths[f], NULL));

      shapefile = fa_shapefile_load (path, &error);
      g_assert_true ((shapefile == NULL) != (error == NULL));
      if (error != NULL)
        g_assert_true (error->domain == FA_GEO_ERROR);
      else
        for (guint r = 0; r < fa_shapefile_get_n_records (shapefile); r++)
          for (guint k = 0; k < fa_shapefile_get_n_fields (shapefile); k++)
            g_assert_true (g_utf8_validate (fa_shapefile_get_value (shapefile, r, k), -1, NULL));

      g_assert_true (g_file_set_contents (files[f], originals[f], lengths[f], NULL));
    }

  for (guint f = 0; f < 3; f++)
    g_free (originals[f]);
  fa_test_rmtree (dir);
}

/* Values decode on first access; the strings stay put for the caller to
 * keep, and first accesses from several threads agree. */
typedef struct
{
  FaShapefile *shapefile;
  guint        start;
  const char  *seen[4][2];
} ReadJob;

static gpointer
read_values_thread (gpointer data)
{
  ReadJob *job = data;

  /* Each thread starts at a different record, so first accesses collide. */
  for (guint i = 0; i < 4; i++)
    {
      guint r = (job->start + i) % 4;

      for (guint f = 0; f < 2; f++)
        job->seen[r][f] = fa_shapefile_get_value (job->shapefile, r, f);
    }

  return NULL;
}

static void
test_lazy_values (void)
{
  static const int parts[] = { 0 };
  static const double ring[] = { 37, 55,  37, 56,  38, 56,  38, 55,  37, 55 };
  const char * const names[] = { moscow_cp1251, "Kyiv", "", "Berlin" };
  const char * const expected[] = { "Москва", "Kyiv", "", "Berlin" };
  g_autofree char *dir = fa_test_make_tmpdir ();
  SHPObject *objects[4];
  g_autofree char *path = NULL;
  g_autofree char *dbf = NULL;
  g_autofree char *cpg = NULL;
  g_autoptr(FaShapefile) shapefile = NULL;
  ReadJob jobs[4];
  GThread *threads[4];

  for (guint i = 0; i < 4; i++)
    objects[i] = make_object (SHPT_POLYGON, 1, parts, 5, ring);
  path = write_shapes (dir, "cities", SHPT_POLYGON, objects, 4);
  dbf = write_names (dir, "cities", 4, names);
  cpg = fa_test_write_file (dir, "cities.cpg", "1251\n", -1);
  shapefile = load_ok (path);

  for (guint t = 0; t < 4; t++)
    {
      jobs[t].shapefile = shapefile;
      jobs[t].start = t;
      threads[t] = g_thread_new ("read-values", read_values_thread, &jobs[t]);
    }
  for (guint t = 0; t < 4; t++)
    g_thread_join (threads[t]);

  for (guint r = 0; r < 4; r++)
    {
      g_autofree char *population = g_strdup_printf ("%u", (r + 1) * 100);

      g_assert_cmpstr (jobs[0].seen[r][0], ==, expected[r]);
      g_assert_cmpstr (jobs[0].seen[r][1], ==, population);
      for (guint t = 1; t < 4; t++)
        {
          g_assert_true (jobs[t].seen[r][0] == jobs[0].seen[r][0]);
          g_assert_true (jobs[t].seen[r][1] == jobs[0].seen[r][1]);
        }
      /* Decoded once: later calls return the same string. */
      g_assert_true (fa_shapefile_get_value (shapefile, r, 0) == jobs[0].seen[r][0]);
    }
  g_assert_cmpstr (fa_shapefile_get_value (shapefile, 0, 2), ==, "");

  /* The values were copied at load: the .dbf may change or go meanwhile. */
  g_unlink (dbf);
  g_assert_cmpstr (fa_shapefile_get_value (shapefile, 3, 0), ==, "Berlin");

  fa_test_rmtree (dir);
}

/* GDAL's spelling of WGS 84, over several lines: read as it is, like
 * ESRI's; and a real conversion still updates the bounds. */
static void
test_wgs84_prj_gdal (void)
{
  const char *wkt = "GEOGCS[\"WGS 84\",\n"
                    "    DATUM[\"WGS_1984\",\n"
                    "        SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],\n"
                    "        AUTHORITY[\"EPSG\",\"6326\"]],\n"
                    "    PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],\n"
                    "    UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],\n"
                    "    AXIS[\"Latitude\",NORTH],\n"
                    "    AXIS[\"Longitude\",EAST],\n"
                    "    AUTHORITY[\"EPSG\",\"4326\"]]\n";
  static const double lonlat[] = { 37.6173, 55.7558,  -9.1393, 38.7223 };
  g_autoptr(PJ_CONTEXT) ctx = proj_context_create ();
  g_autoptr(PJ) merc = proj_create (ctx, "EPSG:3857");
  g_autoptr(PJ) op = proj_create_crs_to_crs (ctx, "EPSG:4326", "EPSG:3857", NULL);
  g_autoptr(PJ) norm = proj_normalize_for_visualization (ctx, op);
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_polygons (dir, "gdal");
  g_autofree char *prj = fa_test_write_file (dir, "gdal.prj", wkt, -1);
  g_autofree char *merc_path = NULL;
  g_autofree char *merc_prj = NULL;
  g_autoptr(FaShapefile) shapefile = load_ok (path);
  g_autoptr(FaShapefile) converted = NULL;
  SHPObject *objects[2];
  const double *lon, *lat;
  FaRect bounds;
  double xy[4];

  fa_shapefile_get_shape (shapefile, 0, &lon, &lat, NULL);
  g_assert_cmpfloat (lon[6], ==, 8.0);
  g_assert_cmpfloat (lat[6], ==, 2.0);
  fa_shapefile_get_bounds (shapefile, &bounds);
  g_assert_cmpfloat (bounds.x1, ==, 0.0);
  g_assert_cmpfloat (bounds.x2, ==, 31.0);
  g_assert_cmpfloat (bounds.y1, ==, 0.0);
  g_assert_cmpfloat (bounds.y2, ==, 31.0);

  for (guint i = 0; i < 2; i++)
    {
      PJ_COORD c = proj_trans (norm, PJ_FWD, proj_coord (lonlat[2 * i], lonlat[2 * i + 1], 0, 0));

      xy[2 * i] = c.xy.x;
      xy[2 * i + 1] = c.xy.y;
      objects[i] = make_object (SHPT_POINT, 0, NULL, 1, xy + 2 * i);
    }
  merc_path = write_shapes (dir, "merc", SHPT_POINT, objects, 2);
  merc_prj = fa_test_write_file (dir, "merc.prj", proj_as_wkt (ctx, merc, PJ_WKT1_ESRI, NULL), -1);
  converted = load_ok (merc_path);
  fa_shapefile_get_bounds (converted, &bounds);
  g_assert_cmpfloat_with_epsilon (bounds.x1, -9.1393, 1e-7);
  g_assert_cmpfloat_with_epsilon (bounds.x2, 37.6173, 1e-7);
  g_assert_cmpfloat_with_epsilon (bounds.y1, 38.7223, 1e-7);
  g_assert_cmpfloat_with_epsilon (bounds.y2, 55.7558, 1e-7);

  fa_test_rmtree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fa/shapefile/polygon", test_polygon);
  g_test_add_func ("/fa/shapefile/path-without-extension", test_path_without_extension);
  g_test_add_func ("/fa/shapefile/lines", test_lines);
  g_test_add_func ("/fa/shapefile/points", test_points);
  g_test_add_func ("/fa/shapefile/z-and-m", test_z_and_m);
  g_test_add_func ("/fa/shapefile/null-shapes", test_null_shapes);
  g_test_add_func ("/fa/shapefile/cp1251", test_cp1251_cpg);
  g_test_add_func ("/fa/shapefile/utf8-and-koi8", test_utf8_and_koi8);
  g_test_add_func ("/fa/shapefile/projected-prj", test_projected_prj);
  g_test_add_func ("/fa/shapefile/wgs84-prj", test_wgs84_prj);
  g_test_add_func ("/fa/shapefile/bad-prj", test_bad_prj);
  g_test_add_func ("/fa/shapefile/truncated-header", test_truncated_header);
  g_test_add_func ("/fa/shapefile/truncated-mid-record", test_truncated_mid_record);
  g_test_add_func ("/fa/shapefile/huge-declared-length", test_huge_declared_length);
  g_test_add_func ("/fa/shapefile/wrong-file-code", test_wrong_file_code);
  g_test_add_func ("/fa/shapefile/bad-version", test_bad_version);
  g_test_add_func ("/fa/shapefile/unknown-shape-type", test_unknown_shape_type);
  g_test_add_func ("/fa/shapefile/mixed-types", test_mixed_types);
  g_test_add_func ("/fa/shapefile/nan-coordinate", test_nan_coordinate);
  g_test_add_func ("/fa/shapefile/huge-counts", test_huge_counts);
  g_test_add_func ("/fa/shapefile/bad-part-starts", test_bad_part_starts);
  g_test_add_func ("/fa/shapefile/index-beyond-file", test_index_beyond_file);
  g_test_add_func ("/fa/shapefile/missing-shx", test_missing_shx);
  g_test_add_func ("/fa/shapefile/missing-shp", test_missing_shp);
  g_test_add_func ("/fa/shapefile/dbf-too-short", test_dbf_too_short);
  g_test_add_func ("/fa/shapefile/dbf-extra-records", test_dbf_extra_records);
  g_test_add_func ("/fa/shapefile/dbf-huge-count", test_dbf_huge_count);
  g_test_add_func ("/fa/shapefile/dbf-bad-header", test_dbf_bad_header);
  g_test_add_func ("/fa/shapefile/random-corruption", test_random_corruption);
  g_test_add_func ("/fa/shapefile/lazy-values", test_lazy_values);
  g_test_add_func ("/fa/shapefile/wgs84-prj-gdal", test_wgs84_prj_gdal);
  g_test_add_func ("/fa/shapefile/projected-without-prj", test_projected_without_prj);
  g_test_add_func ("/fa/shapefile/prj-not-utf8", test_prj_not_utf8);
  g_test_add_func ("/fa/shapefile/sidecar-case", test_sidecar_case);
  g_test_add_func ("/fa/shapefile/fifo", test_fifo);
  g_test_add_func ("/fa/shapefile/folder", test_folder);
  g_test_add_func ("/fa/shapefile/overlapping-records", test_overlapping_records);

  return g_test_run ();
}
