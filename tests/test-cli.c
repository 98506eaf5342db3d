/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-cli"

#define _GNU_SOURCE
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <signal.h>
#include <math.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <shapefil.h>

#include "fa-autocleanups.h"
#include "fa-test-utils.h"

typedef FaTestTmpdir Fixture;

#define fixture_set_up    fa_test_tmpdir_set_up
#define fixture_tear_down fa_test_tmpdir_tear_down

#define run fa_test_run_flowatlas

static void
test_export_png (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "map.png", NULL);
  g_autofree char *arg = g_strconcat ("--export=", path, NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(cairo_surface_t) png = NULL;

  g_assert_cmpint (run (&out, &err, arg, "--size=640x360", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 360);
}

static void
test_export_png_scale (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "map@2x.png", NULL);
  g_autofree char *arg = g_strconcat ("--export=", path, NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(cairo_surface_t) png = NULL;

  g_assert_cmpint (run (&out, &err, arg, "--size=400x300", "--scale=2", "--projection=world", NULL), ==, 0);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 600);
}

static void
test_export_plate_carree (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "pc.png", NULL);
  g_autofree char *arg = g_strconcat ("--export=", path, NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(cairo_surface_t) png = NULL;
  guint32 sea, land;

  /* 720×360 pixels for the whole world: two pixels per degree,
   * x = (lon + 180) × 2, y = (90 − lat) × 2. */
  g_assert_cmpint (run (&out, &err, arg, "--size=720x360", "--projection=EPSG:4326",
                        "--extent=-180,-90,180,90", "--no-dataset", NULL), ==, 0);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 720);
  /* Mid-Pacific, 155°W 5°S, is sea; Siberia, 105°E 65°N, is land
   * (both away from the 10° graticule, the labels and the legend). */
  sea = fa_test_get_pixel (png, 50, 190);
  land = fa_test_get_pixel (png, 570, 50);
  g_assert_true (fa_test_color_near (sea, 0xe4ecf2, 8));
  g_assert_true (fa_test_color_near (land, 0xfbfaf7, 8));
}

static void
test_export_svg_pdf (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *svg = g_build_filename (fixture->dir, "map.svg", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "map.pdf", NULL);
  g_autofree char *svg_arg = g_strconcat ("--export=", svg, NULL);
  g_autofree char *pdf_arg = g_strconcat ("--export=", pdf, NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpint (run (&out, &err, svg_arg, "--size=800x500", NULL), ==, 0);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "width=\"800pt\""));
  g_assert_nonnull (strstr (contents, "height=\"500pt\""));
  /* Text stays text-like vectors: glyphs are symbols, not an embedded image. */
  g_assert_null (strstr (contents, "<image"));
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, pdf_arg, "--size=800x500", NULL), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_nonnull (memmem (contents, length, "/MediaBox [ 0 0 800 500 ]", 25));
  g_assert_nonnull (memmem (contents, length, "/FontFile", 9));
}

static void
test_bad_shapefile (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *out_path = g_build_filename (fixture->dir, "map.png", NULL);
  g_autofree char *arg = g_strconcat ("--export=", out_path, NULL);
  g_autofree char *broken = fa_test_write_file (fixture->dir, "broken.shp", "not a shapefile at all", -1);
  g_autofree char *shp_arg = g_strconcat ("--shapefile=", broken, NULL);
  g_autofree char *missing_arg = g_strconcat ("--shapefile=", fixture->dir, "/missing.shp", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (&out, &err, arg, shp_arg, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "flowatlas: "));
  g_assert_nonnull (strstr (err, "broken.shp"));
  /* One line. */
  g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, arg, missing_arg, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "missing.shp"));
}

/* A shapefile that can be drawn but has an unusable .prj and an
 * unreadable .dbf: drawn, and the command line says what it ignored. */
static void
test_shapefile_warnings (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *out_path = g_build_filename (fixture->dir, "map.png", NULL);
  g_autofree char *arg = g_strconcat ("--export=", out_path, NULL);
  g_autofree char *stem = g_build_filename (g_getenv ("FLOWATLAS_GEODATA"), "naturalearth", "countries-low", NULL);
  g_autofree char *shp = g_build_filename (fixture->dir, "land.shp", NULL);
  g_autofree char *shp_arg = g_strconcat ("--shapefile=", shp, NULL);
  g_autofree char *dbf = g_build_filename (fixture->dir, "land.dbf", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *exts[] = { "shp", "shx" };

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *from = g_strconcat (stem, ".", exts[i], NULL);
      g_autofree char *to = g_strconcat (fixture->dir, "/land.", exts[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (to, contents, length, NULL));
    }
  g_free (fa_test_write_file (fixture->dir, "land.prj", "GEOGCS[\"Caf\xe9\x01\"]", -1));
  g_assert_cmpint (mkfifo (dbf, 0600), ==, 0);

  g_assert_cmpint (run (&out, &err, arg, "--no-dataset", shp_arg, NULL), ==, 0);
  g_assert_true (g_file_test (out_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_utf8_validate (err, -1, NULL));
  g_assert_nonnull (strstr (err, "flowatlas: warning: land.prj: "));
  g_assert_nonnull (strstr (err, "read as WGS 84"));
  g_assert_nonnull (strstr (err, "flowatlas: warning: land.dbf: "));
  g_assert_nonnull (strstr (err, "named pipe"));
}

static guint
count_pages (const char *contents,
             gsize       length)
{
  guint n = 0;

  for (const char *p = contents; (p = memmem (p, length - (p - contents), "/Type /Page", 11)) != NULL; p += 11)
    if (p[11] != 's')
      n++;
  return n;
}

/* What poppler's @tool (pdftotext, pdfinfo) reads in @pdf. */
static char *
poppler (const char *tool,
         const char *pdf)
{
  const char *argv[] = { tool, pdf, "-", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  /* pdfinfo takes one file and prints to standard output. */
  if (g_str_equal (tool, "pdfinfo"))
    argv[2] = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* The value of one line of pdfinfo's output, such as "Pages". */
static char *
info_value (const char *info,
            const char *key)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key) && lines[i][strlen (key)] == ':')
      return g_strstrip (g_strdup (lines[i] + strlen (key) + 1));
  return NULL;
}

/* A briefing deck as a reader's viewer reads it: its title on every page,
 * three pages of A4 landscape, each preset's own title. */
static void
test_pdf_text (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *deck = g_build_filename (fixture->dir, "deck.pdf", NULL);
  g_autofree char *deck_arg = g_strconcat ("--export=", deck, NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *text = NULL, *info = NULL;
  g_auto(GStrv) pages = NULL;

  g_assert_cmpint (run (&out, &err, deck_arg, "--pages=relocation,dprk-workers,source-regions",
                        "--paper=a4-landscape", "--date=2023-06", NULL), ==, 0);
  info = poppler ("pdfinfo", deck);
  g_test_message ("%s", info);
  {
    g_autofree char *n_pages = info_value (info, "Pages");
    g_autofree char *size = info_value (info, "Page size");

    g_assert_cmpstr (n_pages, ==, "3");
    g_assert_cmpstr (size, ==, "842 x 595 pts (A4)");
  }
  text = poppler ("pdftotext", deck);
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), >=, 3);
  /* Each page is titled by its preset and dated. */
  g_assert_nonnull (strstr (pages[0], "Forced Relocation"));
  g_assert_nonnull (strstr (pages[1], "North Korean"));
  g_assert_nonnull (strstr (pages[2], "Source Regions"));
  for (guint i = 0; i < 3; i++)
    g_assert_nonnull (strstr (pages[i], "As of June 2023"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&text, g_free);

  /* A title given is the title printed. */
  g_assert_cmpint (run (&out, &err, deck_arg, "--paper=letter", "--title=Briefing for the minister",
                        "--subtitle=Prepared 4 December 2026", NULL), ==, 0);
  text = poppler ("pdftotext", deck);
  g_assert_nonnull (strstr (text, "Briefing for the minister"));
  g_assert_nonnull (strstr (text, "Prepared 4 December 2026"));
  g_clear_pointer (&info, g_free);
  info = poppler ("pdfinfo", deck);
  {
    g_autofree char *size = info_value (info, "Page size");

    g_assert_cmpstr (size, ==, "612 x 792 pts (letter)");
  }
}

/* A user's layer of points is labelled by its name field, by the field
 * given, or not at all (--shapefile-labels, in --shapefile's order). */
static void
test_shapefile_labels (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *stem = g_build_filename (fixture->dir, "cities", NULL);
  g_autofree char *shp_arg = g_strconcat ("--shapefile=", stem, ".shp", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "cities.pdf", NULL);
  g_autofree char *pdf_arg = g_strconcat ("--export=", pdf, NULL);
  static const char *names[] = { "Kyivtown", "Kharkivtown" };
  static const char *codes[] = { "C-KY", "C-KH" };
  double lon[] = { 30.52, 36.23 }, lat[] = { 50.45, 49.99 };
  SHPHandle shp = SHPCreate (stem, SHPT_POINT);
  DBFHandle dbf = DBFCreate (stem);

  g_assert_nonnull (shp);
  g_assert_nonnull (dbf);
  DBFAddField (dbf, "NAME", FTString, 20, 0);
  DBFAddField (dbf, "code", FTString, 8, 0);
  for (int i = 0; i < 2; i++)
    {
      SHPObject *object = SHPCreateSimpleObject (SHPT_POINT, 1, &lon[i], &lat[i], NULL);

      g_assert_cmpint (SHPWriteObject (shp, -1, object), >=, 0);
      SHPDestroyObject (object);
      DBFWriteStringAttribute (dbf, i, 0, names[i]);
      DBFWriteStringAttribute (dbf, i, 1, codes[i]);
    }
  SHPClose (shp);
  DBFClose (dbf);

  for (guint pass = 0; pass < 3; pass++)
    {
      g_autofree char *out = NULL, *err = NULL, *text = NULL;
      const char *labels = pass == 0 ? NULL : pass == 1 ? "--shapefile-labels=code" : "--shapefile-labels=";

      g_assert_cmpint (run (&out, &err, pdf_arg, shp_arg, "--extent=20,44,42,54", "--no-dataset",
                            labels, NULL), ==, 0);
      text = poppler ("pdftotext", pdf);
      g_test_message ("pass %u: %s", pass, text);
      g_assert_true ((strstr (text, "Kyivtown") != NULL) == (pass == 0));
      g_assert_true ((strstr (text, "C-KH") != NULL) == (pass == 1));
    }
}

/* --min-count and --top on --list: exactly the flows of at least N people
 * (by figure, or the top of a range; none without a figure), and the N
 * largest, in the dataset's order. */
typedef struct
{
  char   *id;
  gint64  size;   /* -1: no figure */
} Row;

static GArray *
parse_list (const char *tsv)
{
  g_auto(GStrv) lines = g_strsplit (tsv, "\n", -1);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", -1);
      Row row;

      if (g_strv_length (cells) < 7)
        continue;
      row.id = g_strdup (cells[0]);
      row.size = *cells[5] != '\0' ? g_ascii_strtoll (cells[5], NULL, 10)
                 : *cells[4] != '\0' ? g_ascii_strtoll (cells[4], NULL, 10) : -1;
      g_array_append_val (rows, row);
    }
  return rows;
}

static void
test_list_min_count_top (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *all_out = NULL, *min_out = NULL, *top_out = NULL, *err = NULL;
  g_autoptr(GArray) all = NULL, min = NULL, top = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) got = g_string_new (NULL);
  gint64 cut;
  guint n_top = 5, n_larger = 0;

  g_assert_cmpint (run (&all_out, &err, "--list", "--date=2023-06", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&min_out, &err, "--list", "--date=2023-06", "--min-count=2000", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&top_out, &err, "--list", "--date=2023-06", "--top=5", NULL), ==, 0);
  all = parse_list (all_out);
  min = parse_list (min_out);
  top = parse_list (top_out);
  g_assert_cmpuint (all->len, >, 20);

  /* At least 2,000 people: every such row of the whole list, in order. */
  for (guint i = 0; i < all->len; i++)
    if (g_array_index (all, Row, i).size >= 2000)
      g_string_append_printf (expected, "%s ", g_array_index (all, Row, i).id);
  for (guint i = 0; i < min->len; i++)
    g_string_append_printf (got, "%s ", g_array_index (min, Row, i).id);
  g_test_message ("min-count 2000: %s", got->str);
  g_assert_cmpstr (got->str, ==, expected->str);
  g_assert_cmpuint (min->len, <, all->len);

  /* The five largest: five rows, none smaller than any row left out
   * (ties fall in the dataset's order). */
  g_assert_cmpuint (top->len, ==, n_top);
  cut = G_MAXINT64;
  for (guint i = 0; i < top->len; i++)
    cut = MIN (cut, g_array_index (top, Row, i).size);
  for (guint i = 0; i < all->len; i++)
    n_larger += g_array_index (all, Row, i).size > cut;
  g_test_message ("top 5: the smallest kept has %" G_GINT64_FORMAT "; %u rows are larger", cut, n_larger);
  g_assert_cmpuint (n_larger, <=, n_top);

  for (guint i = 0; i < all->len; i++)
    g_free (g_array_index (all, Row, i).id);
  for (guint i = 0; i < min->len; i++)
    g_free (g_array_index (min, Row, i).id);
  for (guint i = 0; i < top->len; i++)
    g_free (g_array_index (top, Row, i).id);
}

/* A small map has a brief legend: the entries' labels, and of their
 * details only what must stay, the occupation's date and approximation;
 * a slide-sized map has them all. */
static void
test_brief_legend (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "small.pdf", NULL);
  g_autofree char *pdf_arg = g_strconcat ("--export=", pdf, NULL);
  static const char *sizes[] = { "--size=600x360", "--size=1920x1080" };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *out = NULL, *err = NULL, *text = NULL;
      gboolean brief = i == 0;

      g_assert_cmpint (run (&out, &err, pdf_arg, "--date=2024-03", sizes[i], NULL), ==, 0);
      text = poppler ("pdftotext", pdf);
      g_assert_nonnull (strstr (text, "Oblasts partly occupied by Russia"));
      g_assert_nonnull (strstr (text, "the whole oblast is marked, not the line of"));
      if (brief)
        {
          g_assert_nonnull (strstr (text, "As of March 2024; the whole oblast is marked"));
          g_assert_null (strstr (text, "Luhansk Oblast"));
          g_assert_null (strstr (text, "square-root scale"));
        }
      else
        {
          g_assert_nonnull (strstr (text, "Luhansk Oblast"));
          g_assert_nonnull (strstr (text, "Width: square-root scale"));
          g_assert_nonnull (strstr (text, "Whole region occupied, as of March 2024"));
        }
    }
}

/* --lang writes the map in another language than the environment's:
 * title, date line with the month's name, legend, country names. */
static void
test_lang (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "karte.pdf", NULL);
  g_autofree char *pdf_arg = g_strconcat ("--export=", pdf, NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *text = NULL;

  /* The environment asks for French; --lang says German. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_assert_cmpint (run (&out, &err, pdf_arg, "--lang=de", "--date=2023-06", "--show=relocation",
                        "--size=1200x800", NULL), ==, 0);
  g_unsetenv ("LANGUAGE");
  text = poppler ("pdftotext", pdf);
  g_assert_nonnull (strstr (text, "Bericht über Menschenhandel 2024: Russland"));
  g_assert_nonnull (strstr (text, "Stand: Juni 2023"));
  g_assert_nonnull (strstr (text, "Ströme"));
  /* Thousands as German writes them. */
  g_assert_nonnull (strstr (text, "10.000 Personen"));
  g_assert_null (strstr (text, "10,000"));
  g_assert_null (strstr (text, "June"));
  g_assert_null (strstr (text, "Situation en"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The source's magnitude words beside the arrows, as the dataset
   * translates them (magnitude:de); the English ones nowhere. */
  g_assert_cmpint (run (&out, &err, pdf_arg, "--lang=de", "--date=2023-06", "--show=relocation",
                        "--labels", "--size=1200x800", NULL), ==, 0);
  text = poppler ("pdftotext", pdf);
  g_assert_nonnull (strstr (text, "Hunderttausende"));
  g_assert_null (strstr (text, "hundreds of thousands"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Ukrainian: the month in the nominative of the catalogue, not the C
   * library's English (no Ukrainian locale need be installed). */
  g_assert_cmpint (run (&out, &err, pdf_arg, "--lang=uk", "--date=2023-06", "--show=relocation",
                        "--size=1200x800", NULL), ==, 0);
  text = poppler ("pdftotext", pdf);
  g_assert_nonnull (strstr (text, "Станом на червень 2023"));
  /* Oblasts by iso-codes' Ukrainian names, in the occupied-territory legend. */
  g_assert_nonnull (strstr (text, "Луганська область"));
  g_assert_null (strstr (text, "Luhansk Oblast"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Russian: the month in lower case mid-sentence, "г." after the year. */
  g_assert_cmpint (run (&out, &err, pdf_arg, "--lang=ru", "--date=2023-06", "--show=relocation",
                        "--size=1200x800", NULL), ==, 0);
  text = poppler ("pdftotext", pdf);
  g_assert_nonnull (strstr (text, "По состоянию на июнь 2023 г."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, pdf_arg, "--lang=../../etc", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--lang"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* The window follows the desktop. */
  g_assert_cmpint (run (&out, &err, "--lang=de", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--lang"));
}

/* Country names in the map's language, CLDR's through ICU, also where
 * the base map has no column for it (Spanish, Korean); English maps keep
 * Natural Earth's names. */
static void
test_lang_country_names (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "names.pdf", NULL);
  g_autofree char *pdf_arg = g_strconcat ("--export=", pdf, NULL);
  struct
  {
    const char *lang;                  /* NULL: the C locale, no --lang */
    const char *present[5];
    const char *absent[4];
  } maps[] = {
    /* ICU's short "Russie", not the DBF's ISO "Russie, Fédération de". */
    { "--lang=fr", { "\nRussie\n", "Mongolie", "Corée du Nord", "Japon", NULL },
                   { "Fédération", "Mongolia", "Japan", NULL } },
    { "--lang=es", { "\nRusia\n", "Corea del Norte", "Corea del Sur", "Japón", NULL },
                   { "Japan", "South Korea", NULL } },
    { "--lang=ko", { "\n러시아\n", "몽골", "북한", "일본", NULL },
                   { "Mongolia", "Japan", "South Korea", NULL } },
    { NULL, { "Mongolia", "Japan", "South Korea", "Tajikistan", NULL },
            { "Mongolie", "Japon", NULL } },
  };

  for (guint m = 0; m < G_N_ELEMENTS (maps); m++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *text = NULL;

      g_test_message ("%s", maps[m].lang != NULL ? maps[m].lang : "C");
      if (maps[m].lang != NULL)
        g_assert_cmpint (run (&out, &err, pdf_arg, maps[m].lang, "--date=2023-06", "--show=dprk-workers",
                              "--size=1600x900", NULL), ==, 0);
      else
        g_assert_cmpint (run (&out, &err, pdf_arg, "--date=2023-06", "--show=dprk-workers",
                              "--size=1600x900", NULL), ==, 0);
      text = poppler ("pdftotext", pdf);
      for (guint i = 0; maps[m].present[i] != NULL; i++)
        g_assert_nonnull (strstr (text, maps[m].present[i]));
      for (guint i = 0; maps[m].absent[i] != NULL; i++)
        g_assert_null (strstr (text, maps[m].absent[i]));
    }
}

/* A deck, a series and panels: the files, pages and sizes asked for,
 * and maps that differ where the data does. */
static void
test_series_and_decks (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *deck = g_build_filename (fixture->dir, "deck.pdf", NULL);
  g_autofree char *deck_arg = g_strconcat ("--export=", deck, NULL);
  g_autofree char *series_arg = g_strconcat ("--export=", fixture->dir, "/rel.png", NULL);
  g_autofree char *panels = g_build_filename (fixture->dir, "panels.png", NULL);
  g_autofree char *panels_arg = g_strconcat ("--export=", panels, NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *a = NULL, *b = NULL;
  gsize length, a_len, b_len;
  const char *months[] = { "2021-12", "2022-01", "2022-02", "2022-03" };

  g_assert_cmpint (run (&out, &err, deck_arg, "--pages=relocation,dprk-workers,source-regions",
                        "--paper=a4-landscape", "--date=2023-06", "--title=Briefing deck", NULL), ==, 0);
  g_assert_true (g_file_get_contents (deck, &contents, &length, NULL));
  g_assert_cmpuint (count_pages (contents, length), ==, 3);
  g_assert_nonnull (memmem (contents, length, "/MediaBox [ 0 0 842 595 ]", 25));
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, deck_arg, "--frames=year", "--from=2020", "--date=2023-06",
                        "--paper=letter", NULL), ==, 0);
  g_assert_true (g_file_get_contents (deck, &contents, &length, NULL));
  g_assert_cmpuint (count_pages (contents, length), ==, 4);
  g_assert_nonnull (memmem (contents, length, "/MediaBox [ 0 0 612 792 ]", 25));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Four months of the invasion's start, one file each, named by month. */
  g_assert_cmpint (run (&out, &err, series_arg, "--frames=month", "--from=2021-12", "--date=2022-03",
                        "--show=relocation", "--size=480x270", NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_autofree char *name = g_strdup_printf ("rel-%s.png", months[i]);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(cairo_surface_t) png = cairo_image_surface_create_from_png (path);

      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (png), ==, 480);
    }
  {
    g_autofree char *first = g_build_filename (fixture->dir, "rel-2021-12.png", NULL);
    g_autofree char *last = g_build_filename (fixture->dir, "rel-2022-03.png", NULL);

    g_assert_true (g_file_get_contents (first, &a, &a_len, NULL));
    g_assert_true (g_file_get_contents (last, &b, &b_len, NULL));
    g_assert_false (a_len == b_len && memcmp (a, b, a_len) == 0);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, panels_arg, "--panels=2021-06,2023-06", "--show=relocation",
                        "--size=1200x600", NULL), ==, 0);
  {
    g_autoptr(cairo_surface_t) png = cairo_image_surface_create_from_png (panels);

    g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1200);
    g_assert_cmpint (cairo_image_surface_get_height (png), ==, 600);
  }
}

/* The timeline's playback as a video and as a GIF: files of their kind,
 * and the same set-up errors as a still map. */
static void
test_animation (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *webm = g_build_filename (fixture->dir, "rel.webm", NULL);
  g_autofree char *gif = g_build_filename (fixture->dir, "rel.gif", NULL);
  g_autofree char *webm_arg = g_strconcat ("--export=", webm, NULL);
  g_autofree char *gif_arg = g_strconcat ("--export=", gif, NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpint (run (&out, &err, webm_arg, "--from=2022-01", "--date=2022-03", "--fps=4",
                        "--size=320x180", "--show=relocation", NULL), ==, 0);
  g_assert_true (g_file_get_contents (webm, &contents, &length, NULL));
  /* EBML, and a WebM document type. */
  g_assert_true (length > 1000 && memcmp (contents, "\x1a\x45\xdf\xa3", 4) == 0);
  g_assert_nonnull (memmem (contents, MIN (length, 64), "webm", 4));
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, gif_arg, "--from=2022-01", "--date=2022-03", "--fps=4",
                        "--size=320x180", NULL), ==, 0);
  g_assert_true (g_file_get_contents (gif, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "GIF89a"));
  /* Loops forever, and holds more than one image. */
  g_assert_nonnull (memmem (contents, length, "NETSCAPE2.0", 11));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, gif_arg, "--panels=2021-06,2023-06", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--panels"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, gif_arg, "--fps=100", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--fps"));
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "map.png", NULL);
  g_autofree char *arg = g_strconcat ("--export=", path, NULL);
  const char *bad[][2] = {
    { "--size=big", "--size" },
    { "--size=0x100", "--size" },
    { "--scale=100", "--scale" },
    { "--extent=10,20,5,30", "--extent" },
    { "--extent=a,b,c,d", "--extent" },
    { "--projection=+proj=nonsense", "nonsense" },
    { "--projection=EPSG:999999", "EPSG:999999" },
    { "--style=neon", "--style" },
    { "--no-such-option", "no-such-option" },
    /* Numbers as people write them: not hex, not nan. */
    { "--extent=0x10,40,50,60", "--extent" },
    { "--extent=nan,40,50,60", "--extent" },
    /* Not text: the message names the option. */
    { "--projection=\xff\xfe", "--projection" },
    /* 400 megapixels (1.6 GB while drawn): refused before any work. */
    { "--size=20000x20000", "150" },
    /* A 100 m view takes Cairo tens of seconds to dash the flows across
     * it: refused, with the smallest extent that would do. */
    { "--extent=30,50,30.001,50.001", "too small" },
    { "--extent=30,50,30.001,50.001", "km wide" },
    { "--legend=top", "--legend" },
    { "--paper=a5", "--paper" },
    /* A PNG at paper size takes its pixels from --dpi. */
    { "--dpi=300", "--paper" },
    { "--dpi=20", "--paper" },
    { "--frames=week", "--frames" },
    { "--frames=month", "--from" },
    { "--panels=2021-06", "--panels" },
    { "--panels=2021-06,June", "June" },
    { "--pages=nope", "relocation" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_autofree char *shown = g_strescape (bad[i][0], NULL);

      g_test_message ("%s", shown);
      g_assert_cmpint (run (&out, &err, arg, bad[i][0], NULL), ==, 2);
      g_assert_nonnull (strstr (err, bad[i][1]));
      g_assert_true (g_utf8_validate (err, -1, NULL));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  {
    g_autofree char *out = NULL, *err = NULL;
    g_autofree char *txt = g_strconcat ("--export=", fixture->dir, "/map.txt", NULL);

    g_assert_cmpint (run (&out, &err, txt, NULL), ==, 2);
    g_assert_nonnull (strstr (err, "map.txt"));
    g_assert_nonnull (strstr (err, ".png"));
  }
}

/* The child writes at most this many bytes per file, as on a disk that is
 * full; the signal is ignored so that write() fails with EFBIG. */
static void
limit_file_size_cb (gpointer data)
{
  struct rlimit limit = { 4096, 4096 };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* A failed export leaves the earlier file as it was: the map is drawn
 * into a temporary file beside it, renamed over it only when complete. */
static void
test_failed_export_keeps_file (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *formats[] = { "png", "svg", "pdf" };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *name = g_strdup_printf ("map.%s", formats[f]);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *arg = g_strconcat ("--export=", path, NULL);
      const char *argv[] = { g_getenv ("FLOWATLAS_BIN"), arg, NULL };
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *before = NULL, *after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;
      gsize before_len = 0, after_len = 0;
      const char *entry;
      int status = -1;

      g_assert_cmpint (run (&out, &err, arg, NULL), ==, 0);
      g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
      g_assert_cmpuint (before_len, >, 4096);

      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, limit_file_size_cb, NULL,
                    &out, &err, &status, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s", name, err);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 1);
      /* The file's name and the system's reason. */
      g_assert_nonnull (strstr (err, name));
      g_assert_nonnull (strstr (err, g_strerror (EFBIG)));

      g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
      g_assert_cmpuint (after_len, ==, before_len);
      g_assert_true (memcmp (before, after, before_len) == 0);

      /* And no temporary file left behind. */
      dir = g_dir_open (fixture->dir, 0, NULL);
      while ((entry = g_dir_read_name (dir)) != NULL)
        g_assert_true (g_str_has_prefix (entry, "map.") && strchr (entry + 4, '.') == NULL);
    }
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (&out, &err, "--export=/nonexistent-dir/map.pdf", "--size=100x100", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "/nonexistent-dir/map.pdf"));
}

static void
test_help_version (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *options[] = { "--export", "--size", "--scale", "--projection", "--extent",
                            "--shapefile", "--version" };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run (&out, &err, "--help", NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_assert_nonnull (strstr (out, options[i]));
  /* The operands are named once ("[DATASET] [DATASET|FILE…]" it was). */
  g_assert_nonnull (strstr (out, "flowatlas [OPTION…] [DATASET|FILE…] — "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--version", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "flowatlas " PACKAGE_VERSION "\n");
}

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *bad = g_build_filename (fixture->dir, "bad", NULL);
  g_autofree char *f1 = NULL, *f2 = NULL;

  /* The bundled dataset is clean. */
  g_assert_cmpint (run (&out, &err, "--check", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "tip-2024-russia: 51 places, 80 flows, 29 events, 27 categories\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A hand-made dataset with mistakes: every problem, with file, line and column. */
  g_mkdir (bad, 0755);
  f1 = fa_test_write_file (bad, "places.csv",
                           "id,name,lat,lon,kind\n"
                           "a,Alpha,50,30,city\n"
                           "b,Beta,55,37,city\n", -1);
  f2 = fa_test_write_file (bad, "flows.csv",
                           "id,origin,dest,count_low,count_high,start,category\n"
                           "f1,a,c,10,20,2023-01,x\n"
                           "f2,a,b,50,20,2023-13,x\n", -1);
  g_assert_cmpint (run (&out, &err, "--check", bad, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "flows.csv:2:3: dest: unknown place \"c\"; did you mean \"a\"?\n"));
  g_assert_nonnull (strstr (err, "flows.csv:3:4: count_low: 50 is above count_high (20)\n"));
  g_assert_nonnull (strstr (err, "flows.csv:3:6: start: malformed date \"2023-13\"; expected YYYY, YYYY-MM or YYYY-MM-DD\n"));

  /* A site must name a category that exists. */
  {
    g_autofree char *sites = g_build_filename (fixture->dir, "sites", NULL);
    g_autofree char *c1 = NULL, *c2 = NULL, *c3 = NULL;

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_mkdir (sites, 0755);
    c1 = fa_test_write_file (sites, "categories.csv",
                             "id,label,color,group,form,description\ncamps,Camps,#123456,other,,Camps\n", -1);
    c2 = fa_test_write_file (sites, "places.csv",
                             "id,name,lat,lon,kind,category\na,Alpha,50,30,camp,camsp\nb,Beta,55,37,city,\n", -1);
    c3 = fa_test_write_file (sites, "flows.csv", "id,origin,dest,count,category\nf,a,b,1,camps\n", -1);
    g_assert_cmpint (run (&out, &err, "--check", sites, NULL), ==, 1);
    g_assert_cmpstr (err, ==, "places.csv:2:6: category: unknown category \"camsp\"; did you mean \"camps\"?\n");
  }
}

/* Column @column (0-based) of each data row of a --list output. */
static GPtrArray *
list_column (const char *out,
             guint       column)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 12);
      g_ptr_array_add (values, g_strdup (cells[column]));
    }
  return values;
}

/* What the map says at a month is what the source says of that month:
 * before the full-scale war, nothing of it; rows without a time only in
 * the reporting period (April 2023 to March 2024), or at every month
 * when asked, and always marked. */
static void
test_list_dating (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *months[] = { "2014-01", "2021-06" };

  for (guint m = 0; m < G_N_ELEMENTS (months); m++)
    {
      g_autofree char *out = NULL, *err = NULL, *all = NULL;
      g_autofree char *arg = g_strconcat ("--date=", months[m], NULL);
      g_autoptr(GPtrArray) starts = NULL;
      g_autoptr(GPtrArray) dated = NULL;
      guint n_undated = 0;

      g_assert_cmpint (run (&out, &err, "--list", arg, NULL), ==, 0);
      starts = list_column (out, 7);
      dated = list_column (out, 9);
      g_test_message ("%s: %u rows", months[m], starts->len);
      for (guint i = 0; i < starts->len; i++)
        {
          /* Nothing the source places in the full-scale war (from 2022-02). */
          g_assert_true (strcmp (starts->pdata[i], "2022-02") < 0);
          g_assert_cmpstr (dated->pdata[i], !=, "reporting-period");
          g_assert_cmpstr (dated->pdata[i], !=, "not-dated");
        }

      /* Asked for: the undated rows too, marked as such. */
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run (&all, &err, "--list", arg, "--undated-every-month", NULL), ==, 0);
      g_clear_pointer (&dated, g_ptr_array_unref);
      dated = list_column (all, 9);
      for (guint i = 0; i < dated->len; i++)
        if (g_str_equal (dated->pdata[i], "reporting-period") || g_str_equal (dated->pdata[i], "not-dated"))
          n_undated++;
      g_assert_cmpuint (n_undated, >=, 30);
      g_assert_cmpuint (dated->len, ==, starts->len + n_undated);
    }

  /* June 2023, in the reporting period: the undated rows of the period
   * are there and marked; "in previous years" ones are not. */
  {
    g_autofree char *out = NULL, *err = NULL;
    g_autoptr(GPtrArray) ids = NULL;
    g_autoptr(GPtrArray) dated = NULL;
    guint n_period = 0;

    g_assert_cmpint (run (&out, &err, "--list", "--date=2023-06", NULL), ==, 0);
    ids = list_column (out, 0);
    dated = list_column (out, 9);
    for (guint i = 0; i < ids->len; i++)
      {
        if (g_str_equal (ids->pdata[i], "labour-cn-ru"))
          g_assert_cmpstr (dated->pdata[i], ==, "reporting-period");
        if (g_str_equal (ids->pdata[i], "children-ua-ru"))
          g_assert_cmpstr (dated->pdata[i], ==, "context");
        g_assert_cmpstr (ids->pdata[i], !=, "dprk-thousands-previous");
        n_period += g_str_equal (dated->pdata[i], "reporting-period");
      }
    g_assert_true (g_ptr_array_find_with_equal_func (ids, "labour-cn-ru", g_str_equal, NULL));
    g_assert_cmpuint (n_period, >=, 30);
  }
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out2015 = NULL, *out2019 = NULL, *err = NULL;
  g_autofree char *fmb = g_build_filename (fixture->dir, "fmb", NULL);
  g_autofree char *f1 = NULL, *f2 = NULL, *out = NULL;
  /* id and dated are new (issue 10): which row, and where its time comes from. */
  const char *header = "id\torigin\tdest\tcategory\tcount_low\tcount_high\tmagnitude\tstart\tend\tdated\tcertainty\tkind\n";
  const char *prior_2018 = "kp\tru\tdprk-labour\t20000\t20000\t";

  /* "Prior to 2018, the DPRK sent approximately 20,000 North Korean
   * citizens to Russia annually": listed in 2015, not in 2019. */
  g_assert_cmpint (run (&out2015, &err, "--list", "--date=2015", "--show=dprk-workers", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out2015, header));
  g_assert_nonnull (strstr (out2015, prior_2018));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out2019, &err, "--list", "--date=2019", "--show=dprk-workers", NULL), ==, 0);
  g_assert_null (strstr (out2019, prior_2018));

  /* A FlowmapBlue folder: duplicate rows summed. */
  g_mkdir (fmb, 0755);
  f1 = fa_test_write_file (fmb, "locations.csv", "id,name,lat,lon\nx,X,10,10\ny,Y,20,20\n", -1);
  f2 = fa_test_write_file (fmb, "flows.csv", "origin,dest,count\nx,y,5\nx,y,7\n", -1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--list", fmb, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "x\ty\t"));
  g_assert_nonnull (strstr (out, "\t12\t12\t"));
}

/* A FlowmapBlue folder of @n_places places around four towns, each
 * joined by flows to the next places. */
static char *
write_many_places (const char *dir,
                   guint       n_places)
{
  char *folder = g_build_filename (dir, "many", NULL);
  g_autoptr(GString) locations = g_string_new ("id,name,lat,lon\n");
  g_autoptr(GString) flows = g_string_new ("origin,dest,count\n");
  static const double towns[4][2] = { { 37.6, 55.7 }, { 82.9, 55.0 }, { 131.9, 43.1 }, { 30.5, 50.4 } };
  g_autofree char *a = NULL, *b = NULL;

  g_mkdir (folder, 0755);
  for (guint i = 0; i < n_places; i++)
    {
      const double *town = towns[i % 4];
      double r = 0.05 * (1 + i / 4 % 40), t = i * 2.399963;
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (lat, sizeof lat, town[1] + r * sin (t));
      g_ascii_dtostr (lon, sizeof lon, town[0] + r * cos (t));
      g_string_append_printf (locations, "p%u,Place %u,%s,%s\n", i, i, lat, lon);
      g_string_append_printf (flows, "p%u,p%u,%u\n", i, (i + 1) % n_places, 10 + i);
      g_string_append_printf (flows, "p%u,p%u,%u\n", i, (i + 7) % n_places, 5 + i % 13);
    }
  a = fa_test_write_file (folder, "locations.csv", locations->str, -1);
  b = fa_test_write_file (folder, "flows.csv", flows->str, -1);
  return folder;
}

/* Near places merge on a dataset of many places (the legend says so, and
 * clusters are named after their main place), not on the bundled one;
 * --clustering decides for any dataset; zoomed in far enough, every
 * place is back on its own. */
static void
test_clustering (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *folder = write_many_places (fixture->dir, 400);
  g_autofree char *pdf = g_build_filename (fixture->dir, "clusters.pdf", NULL);
  g_autofree char *arg = g_strconcat ("--export=", pdf, NULL);
  const char *note = "Near places merged";

  struct {
    const char *dataset;
    const char *option;
    const char *extent;
    gboolean    merged;
  } cases[] = {
    { folder, NULL, NULL, TRUE },
    { folder, "--clustering=auto", NULL, TRUE },
    { folder, "--clustering=off", NULL, FALSE },
    /* Around one town, 0.1° across: every place on its own. */
    { folder, NULL, "--extent=37.55,55.65,37.65,55.75", FALSE },
    { NULL, NULL, NULL, FALSE },
    { NULL, "--clustering=on", NULL, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL, *text = NULL;
      g_autofree char *flat = NULL;
      const char *args[6] = { NULL };
      guint n = 0;

      args[n++] = "--size=1600x1000";
      if (cases[i].option != NULL)
        args[n++] = cases[i].option;
      if (cases[i].extent != NULL)
        args[n++] = cases[i].extent;
      if (cases[i].dataset != NULL)
        args[n++] = cases[i].dataset;
      g_assert_cmpint (run (&out, &err, arg, args[0], args[1], args[2], args[3], NULL), ==, 0);
      text = poppler ("pdftotext", pdf);
      flat = g_strdelimit (g_strdup (text), "\n", ' ');
      g_test_message ("case %u: %s", i, strstr (flat, note) ? strstr (flat, note) : "(no note)");
      g_assert_true ((strstr (flat, note) != NULL) == cases[i].merged);
      /* A cluster's marker counts its places; its label names the main one. */
      if (cases[i].merged)
        g_assert_nonnull (strstr (flat, "other places"));
      else
        g_assert_null (strstr (flat, "other places"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fa/cli/export-png", test_export_png);
  ADD ("/fa/cli/export-png-scale", test_export_png_scale);
  ADD ("/fa/cli/export-plate-carree", test_export_plate_carree);
  ADD ("/fa/cli/export-svg-pdf", test_export_svg_pdf);
  ADD ("/fa/cli/pdf-text", test_pdf_text);
  ADD ("/fa/cli/brief-legend", test_brief_legend);
  ADD ("/fa/cli/lang", test_lang);
  ADD ("/fa/cli/lang-country-names", test_lang_country_names);
  ADD ("/fa/cli/bad-shapefile", test_bad_shapefile);
  ADD ("/fa/cli/shapefile-warnings", test_shapefile_warnings);
  ADD ("/fa/cli/shapefile-labels", test_shapefile_labels);
  ADD ("/fa/cli/usage-errors", test_usage_errors);
  ADD ("/fa/cli/series-and-decks", test_series_and_decks);
  ADD ("/fa/cli/animation", test_animation);
  ADD ("/fa/cli/unwritable", test_unwritable);
  ADD ("/fa/cli/failed-export-keeps-file", test_failed_export_keeps_file);
  ADD ("/fa/cli/help-version", test_help_version);
  ADD ("/fa/cli/check", test_check);
  ADD ("/fa/cli/list", test_list);
  ADD ("/fa/cli/list-min-count-top", test_list_min_count_top);
  ADD ("/fa/cli/clustering", test_clustering);
  ADD ("/fa/cli/list-dating", test_list_dating);
#undef ADD

  return g_test_run ();
}
