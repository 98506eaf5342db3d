/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-flow-export"

#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "fa-autocleanups.h"
#include "fa-geodata.h"
#include "fa-test-utils.h"

typedef FaTestTmpdir Fixture;

#define fixture_set_up    fa_test_tmpdir_set_up
#define fixture_tear_down fa_test_tmpdir_tear_down

/* Exports with the given extra arguments and returns the PNG. */
static cairo_surface_t *
export_png (Fixture    *fixture,
            const char *name,
            const char *size,
            const char *extent,
            ...)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *export_arg = g_strconcat ("--export=", path, NULL);
  g_autofree char *size_arg = g_strconcat ("--size=", size, NULL);
  g_autofree char *extent_arg = g_strconcat ("--extent=", extent, NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[8] = { NULL };
  const char *arg;
  guint n = 0;
  va_list ap;
  cairo_surface_t *png;

  va_start (ap, extent);
  while ((arg = va_arg (ap, const char *)) != NULL && n < G_N_ELEMENTS (args) - 1)
    args[n++] = arg;
  va_end (ap);

  g_assert_cmpint (fa_test_run_flowatlas (&out, &err, export_arg, size_arg, extent_arg,
                                          "--projection=EPSG:4326",
                                          args[0], args[1], args[2], args[3], args[4], args[5], NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  return png;
}

/* A dataset folder of @places and @flows with one red category, "test". */
static void
write_test_dataset (const char *dataset,
                    const char *places,
                    const char *flows)
{
  g_mkdir (dataset, 0755);
  g_free (fa_test_write_file (dataset, "places.csv", places, -1));
  g_free (fa_test_write_file (dataset, "flows.csv", flows, -1));
  g_free (fa_test_write_file (dataset, "categories.csv",
                              "id,label,color,group,form,description\n"
                              "test,Test,#ff0000,other,,A test flow\n", -1));
}

static void
test_dprk_flow_and_category (Fixture       *fixture,
                             gconstpointer  data)
{
  /* 20 px a degree: x = (lon − 115) × 20, y = (70 − lat) × 20.  North
   * Korea is near 127° E 40° N, Russia's Far East near 138° E 55° N; the
   * box between them lies clear of the heading and the legend. */
  g_autoptr(cairo_surface_t) shown = export_png (fixture, "shown.png", "900x800", "115,30,160,70",
                                                 "--show=dprk-request", "--date=2023-12", NULL);
  g_autoptr(cairo_surface_t) hidden = export_png (fixture, "hidden.png", "900x800", "115,30,160,70",
                                                  "--show=child-return", "--date=2023-12", NULL);
  guint with_flow = fa_test_count_color (shown, 200, 260, 300, 380, 0xee7733, 40);
  guint without = fa_test_count_color (hidden, 200, 260, 300, 380, 0xee7733, 40);

  g_test_message ("dprk-request pixels: %u shown, %u hidden", with_flow, without);
  g_assert_cmpuint (with_flow, >, 150);
  g_assert_cmpuint (without, ==, 0);
}

static void
test_choropleth (Fixture       *fixture,
                 gconstpointer  data)
{
  /* The world at 4 px a degree, x = (lon + 180) × 4, y = (90 − lat) × 4.
   * Nigeria (6° E, 8° N) is an origin of sex trafficking victims in
   * Russia; the land colour and the sex-origin colour at half strength
   * blend to about #e4bacf. */
  g_autoptr(cairo_surface_t) shown = export_png (fixture, "sex.png", "1440x720", "-180,-90,180,90",
                                                 "--show=sex-trafficking", NULL);
  g_autoptr(cairo_surface_t) other = export_png (fixture, "labour.png", "1440x720", "-180,-90,180,90",
                                                 "--show=dprk-labour", NULL);

  fa_assert_pixel (shown, 744, 328, 0xe4bacf, 14);
  /* Without that category Nigeria is plain land. */
  fa_assert_pixel (other, 744, 328, 0xfbfaf7, 8);
}

static void
test_dates (Fixture       *fixture,
            gconstpointer  data)
{
  /* Forced transfers of Ukrainian children (#d55e00) start in February
   * 2022: none at the end of 2021, many in June 2023.  Ukraine to Russia
   * at 10 px a degree, x = (lon − 20) × 10, y = (62 − lat) × 10. */
  g_autoptr(cairo_surface_t) before = export_png (fixture, "2021.png", "800x300", "20,32,60,62",
                                                  "--show=child-transfer", "--date=2021-12", NULL);
  g_autoptr(cairo_surface_t) after = export_png (fixture, "2023.png", "800x300", "20,32,60,62",
                                                 "--show=child-transfer", "--date=2023-06", NULL);
  guint n_before = fa_test_count_color (before, 100, 60, 300, 200, 0xd55e00, 40);
  guint n_after = fa_test_count_color (after, 100, 60, 300, 200, 0xd55e00, 40);

  g_test_message ("child-transfer pixels: %u in 2021-12, %u in 2023-06", n_before, n_after);
  g_assert_cmpuint (n_before, ==, 0);
  g_assert_cmpuint (n_after, >, 200);
}

static void
test_dprk_before_2018 (Fixture       *fixture,
                       gconstpointer  data)
{
  /* "Prior to 2018, the DPRK sent approximately 20,000 North Korean
   * citizens to Russia annually": a wide solid arrow in 2015, gone in
   * 2019 (the thin dashed flows without figures remain). */
  g_autoptr(cairo_surface_t) y2015 = export_png (fixture, "2015.png", "1000x500", "20,20,140,80",
                                                 "--show=dprk-labour", "--date=2015", "--no-legend", NULL);
  g_autoptr(cairo_surface_t) y2019 = export_png (fixture, "2019.png", "1000x500", "20,20,140,80",
                                                 "--show=dprk-labour", "--date=2019", "--no-legend", NULL);
  guint n2015 = fa_test_count_color (y2015, 300, 100, 500, 300, 0xcc3311, 40);
  guint n2019 = fa_test_count_color (y2019, 300, 100, 500, 300, 0xcc3311, 40);

  g_test_message ("dprk-labour pixels: %u in 2015, %u in 2019", n2015, n2019);
  g_assert_cmpuint (n2015, >, 200);
  g_assert_cmpuint (n2019 * 4, <, n2015);
}

static void
test_antimeridian (Fixture       *fixture,
                   gconstpointer  data)
{
  /* A flow from 170° E to 170° W crosses the antimeridian: in plate
   * carrée it leaves one edge and comes back at the other, and never
   * crosses the whole map. */
  g_autofree char *dataset = g_build_filename (fixture->dir, "bering", NULL);
  g_autoptr(cairo_surface_t) png = NULL;
  guint middle, west_edge, east_edge;

  write_test_dataset (dataset,
                      "id,name,lat,lon,kind\n"
                      "a,West of the line,60,170,city\n"
                      "b,East of the line,60,-170,city\n",
                      "id,origin,dest,count,category,certainty\n"
                      "across,a,b,10000,test,reported\n");

  png = export_png (fixture, "bering.png", "1440x720", "-180,-90,180,90", dataset, NULL);
  /* x = (lon + 180) × 4, y = (90 − lat) × 4: the arc lies near 60–65° N,
   * y = 100–120, above the legend. */
  middle = fa_test_count_color (png, 160, 40, 1120, 160, 0xff0000, 60);
  west_edge = fa_test_count_color (png, 0, 40, 40, 160, 0xff0000, 60);
  east_edge = fa_test_count_color (png, 1400, 40, 40, 160, 0xff0000, 60);

  g_test_message ("red pixels: middle %u, west edge %u, east edge %u", middle, west_edge, east_edge);
  g_assert_cmpuint (middle, ==, 0);
  g_assert_cmpuint (west_edge, >, 20);
  g_assert_cmpuint (east_edge, >, 20);
}

/* "at least 100,000" is drawn to 100,000 and no further (before, a light
 * band reached twice the figure): as thick as "100,000" itself, plus the
 * "or more" mark halfway. */
static void
test_open_ended (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *dataset = g_build_filename (fixture->dir, "open", NULL);
  g_autoptr(cairo_surface_t) png = NULL;
  guint open = 0, exact = 0;

  write_test_dataset (dataset,
                      "id,name,lat,lon,kind\n"
                      "a,A,50,0,city\nb,B,50,20,city\n"
                      "c,C,40,0,city\nd,D,40,20,city\n",
                      "id,origin,dest,count,count_low,count_high,magnitude,category\n"
                      "open,a,b,,100000,,\"at least 100,000\",test\n"
                      "exact,c,d,100000,,,\"100,000\",test\n");

  /* 20 px a degree: x = (lon + 5) × 20, y = (60 − lat) × 20; a column a
   * quarter of the way along both arrows, which have the same shape. */
  png = export_png (fixture, "open.png", "600x600", "-5,30,25,60", dataset, "--no-legend", NULL);
  for (int y = 0; y < 600; y++)
    {
      guint32 p = fa_test_get_pixel (png, (5 + 5) * 20, y);
      int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

      if (r > 150 && r - g > 50 && r - b > 50)
        {
          if (y < 300)
            open++;
          else
            exact++;
        }
    }
  g_test_message ("red pixels across the shaft: at least 100,000: %u, 100,000: %u", open, exact);
  g_assert_cmpuint (exact, >, 3);
  g_assert_cmpuint (open, <=, exact + 1);
  g_assert_cmpuint (open + 1, >=, exact);
}

/* The legend goes where it hides the least of the story: with the places
 * and their flow in the bottom right corner, where it would stand by
 * default, it moves away, and that corner looks as without a legend. */
static void
test_legend_placement (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *dataset = g_build_filename (fixture->dir, "corner", NULL);
  g_autoptr(cairo_surface_t) with = NULL;
  g_autoptr(cairo_surface_t) without = NULL;
  guint differ_corner = 0, differ_elsewhere = 0;

  write_test_dataset (dataset,
                      "id,name,lat,lon,kind\n"
                      "a,Alpha,36,13,city\nb,Beta,33,21,city\n",
                      "id,origin,dest,count,category\n"
                      "f,a,b,50000,test\n");

  /* 20 px a degree: Alpha at (360, 480), Beta at (520, 540). */
  with = export_png (fixture, "with.png", "600x600", "-5,30,25,60", dataset, NULL);
  without = export_png (fixture, "without.png", "600x600", "-5,30,25,60", dataset, "--no-legend", NULL);
  for (int y = 0; y < 600; y += 2)
    for (int x = 0; x < 600; x += 2)
      {
        gboolean corner = x >= 340 && x < 590 && y >= 440 && y < 560;

        if (fa_test_get_pixel (with, x, y) != fa_test_get_pixel (without, x, y))
          {
            if (corner)
              differ_corner++;
            else
              differ_elsewhere++;
          }
      }
  g_test_message ("pixels the legend changed: %u by the places, %u elsewhere",
                  differ_corner, differ_elsewhere);
  g_assert_cmpuint (differ_corner, ==, 0);
  g_assert_cmpuint (differ_elsewhere, >, 2000);
}

/* A stock ("approximately 500 North Korean workers remained in the
 * country") is people present, not people moving: a circle on the
 * destination, no arrow between the places.  The movement beside it with
 * the same figure is an arrow. */
static void
test_stock (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *dataset = g_build_filename (fixture->dir, "stock", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(cairo_surface_t) png = NULL;
  guint stock_shaft = 0, movement_shaft = 0, ring = 0;

  write_test_dataset (dataset,
                      "id,name,lat,lon,kind\n"
                      "a,A,50,0,city\nb,B,50,20,city\n"
                      "c,C,40,0,city\nd,D,40,20,city\n",
                      "id,origin,dest,count,magnitude,category,kind\n"
                      "present,a,b,1000000,\"1,000,000\",test,stock\n"
                      "moved,c,d,1000000,\"1,000,000\",test,movement\n");

  /* --list says which is which. */
  g_assert_cmpint (fa_test_run_flowatlas (&out, &err, "--list", dataset, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "present\ta\tb\ttest\t1000000\t1000000\t1,000,000\t\t\tnot-dated\t\tstock\n"));
  g_assert_nonnull (strstr (out, "\tmovement\n"));

  /* 20 px a degree: x = (lon + 5) × 20, y = (60 − lat) × 20.  Halfway
   * along, x = 300: the movement's shaft crosses the column near y = 400,
   * nothing crosses it near y = 200.  B is at (500, 200); the ring of a
   * million people has the radius an arrow of a million has for width,
   * 26 px. */
  png = export_png (fixture, "stock.png", "600x600", "-5,30,25,60", dataset, "--no-legend", NULL);
  for (int y = 100; y < 500; y++)
    {
      guint32 p = fa_test_get_pixel (png, 300, y);
      int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

      if (r > 150 && r - g > 50 && r - b > 50)
        {
          if (y < 300)
            stock_shaft++;
          else
            movement_shaft++;
        }
    }
  for (int i = 0; i < 360; i += 10)
    {
      double a = i * G_PI / 180;
      guint32 p = fa_test_get_pixel (png, (int) round (500 + 26 * cos (a)), (int) round (200 + 26 * sin (a)));
      int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

      ring += r > 150 && r - g > 50 && r - b > 50;
    }
  g_test_message ("red across the shafts: stock %u, movement %u; ring %u of 36", stock_shaft, movement_shaft, ring);
  g_assert_cmpuint (stock_shaft, ==, 0);
  g_assert_cmpuint (movement_shaft, >, 10);
  g_assert_cmpuint (ring, >=, 30);
}

/* Pixels of @png in the box that are clearly red: the occupied hatch
 * (over land, antialiased, in stripes of either density). */
static guint
count_red (cairo_surface_t *png,
           double           x,
           double           y,
           int              size)
{
  guint n = 0;

  for (int j = (int) y - size / 2; j < (int) y + size / 2; j++)
    for (int i = (int) x - size / 2; i < (int) x + size / 2; i++)
      {
        guint32 p = fa_test_get_pixel (png, i, j);
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

        n += r > g + 45 && r > b + 45;
      }
  return n;
}

/* Occupation follows the timeline: Crimea from February 2014, parts of
 * Zaporizhzhia oblast from February 2022, Kyiv oblast only in spring 2022. */
static guint
count_differing (cairo_surface_t *a,
                 cairo_surface_t *b,
                 int              x1,
                 int              y1,
                 int              x2,
                 int              y2)
{
  guint n = 0;

  for (int y = y1; y < y2; y++)
    for (int x = x1; x < x2; x++)
      n += fa_test_get_pixel (a, x, y) != fa_test_get_pixel (b, x, y);
  return n;
}

/* --title replaces the dataset's title in the heading and nothing else;
 * an empty one keeps the dataset's. */
static void
test_title (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(cairo_surface_t) plain = NULL;
  g_autoptr(cairo_surface_t) titled = NULL;
  g_autoptr(cairo_surface_t) empty = NULL;
  guint heading, below;

  plain = export_png (fixture, "plain.png", "600x400", "20,40,60,60", "--date=2023-06", "--no-legend", NULL);
  titled = export_png (fixture, "titled.png", "600x400", "20,40,60,60", "--date=2023-06", "--no-legend",
                       "--title=Briefing map, Ministry of Justice", NULL);
  empty = export_png (fixture, "empty.png", "600x400", "20,40,60,60", "--date=2023-06", "--no-legend",
                      "--title=", NULL);
  /* The heading panel is at the top left, under y = 90. */
  heading = count_differing (plain, titled, 0, 0, 600, 90);
  below = count_differing (plain, titled, 0, 120, 600, 400);
  g_test_message ("pixels changed by --title: %u in the heading, %u below it", heading, below);
  g_assert_cmpuint (heading, >, 500);
  g_assert_cmpuint (below, ==, 0);
  g_assert_cmpuint (count_differing (plain, empty, 0, 0, 600, 400), ==, 0);
}

/* --show without --extent frames its story, as a preset does in the
 * window: a flow across Switzerland is drawn large in a view of about
 * 1,500 km, not in a few pixels of the default view of Eurasia. */
static void
test_show_frames_story (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *dataset = g_build_filename (fixture->dir, "alps", NULL);
  g_autofree char *framed = g_build_filename (fixture->dir, "framed.png", NULL);
  g_autofree char *plain = g_build_filename (fixture->dir, "plain.png", NULL);
  g_autofree char *framed_arg = g_strconcat ("--export=", framed, NULL);
  g_autofree char *plain_arg = g_strconcat ("--export=", plain, NULL);
  g_autoptr(cairo_surface_t) framed_png = NULL;
  g_autoptr(cairo_surface_t) plain_png = NULL;
  guint n_framed, n_plain;

  write_test_dataset (dataset,
                      "id,name,lat,lon,kind\n"
                      "ge,Geneva,46.2,6.1,city\nzh,Zurich,47.4,8.5,city\n",
                      "id,origin,dest,count,category\n"
                      "f,ge,zh,500000,test\n");

  g_assert_cmpint (fa_test_run_flowatlas (NULL, NULL, framed_arg, dataset, "--size=600x400",
                                          "--show=test", "--no-legend", NULL), ==, 0);
  g_assert_cmpint (fa_test_run_flowatlas (NULL, NULL, plain_arg, dataset, "--size=600x400",
                                          "--no-legend", NULL), ==, 0);
  framed_png = cairo_image_surface_create_from_png (framed);
  plain_png = cairo_image_surface_create_from_png (plain);
  n_framed = count_red (framed_png, 300, 200, 400);
  n_plain = count_red (plain_png, 300, 200, 400);
  g_test_message ("red pixels: %u framed by --show, %u in the default view", n_framed, n_plain);
  /* The default view has the red of the occupied hatch; the flow
   * itself is a few pixels there. */
  g_assert_cmpuint (n_framed, >, 2 * n_plain);
}

static void
test_occupation_over_time (Fixture       *fixture,
                           gconstpointer  data)
{
  /* Plate carrée, 50 px a degree over 29–40° E, 44–53° N:
   * x = (lon − 29) × 50, y = (53 − lat) × 50, the legend left out (the
   * title stays, over 52–53° N).
   * Interior points: Crimea 34.1° E 45.3° N, Zaporizhzhia oblast
   * 35.6° E 47.3° N, Kyiv oblast 30.3° E 50.9° N (north-west of Kyiv). */
  struct { const char *date; gboolean crimea, zaporizhzhia, kyiv; } cases[] = {
    { "2014-01", FALSE, FALSE, FALSE },
    { "2015-06", TRUE, FALSE, FALSE },
    { "2022-03", TRUE, TRUE, TRUE },
    { "2023-06", TRUE, TRUE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("occupied-%s.png", cases[i].date);
      g_autofree char *date = g_strconcat ("--date=", cases[i].date, NULL);
      g_autoptr(cairo_surface_t) png = export_png (fixture, name, "550x450", "29,44,40,53",
                                                   date, "--show=dprk-workers", "--no-legend", NULL);
      /* The hatch, in 30 × 30 px around each point. */
      guint crimea = count_red (png, (34.1 - 29) * 50, (53 - 45.3) * 50, 30);
      guint zaporizhzhia = count_red (png, (35.6 - 29) * 50, (53 - 47.3) * 50, 30);
      guint kyiv = count_red (png, (30.3 - 29) * 50, (53 - 50.9) * 50, 30);

      g_test_message ("%s: hatch pixels: Crimea %u, Zaporizhzhia %u, Kyiv oblast %u",
                      cases[i].date, crimea, zaporizhzhia, kyiv);
      g_assert_cmpint (crimea > 20, ==, cases[i].crimea);
      g_assert_cmpint (zaporizhzhia > 20, ==, cases[i].zaporizhzhia);
      g_assert_cmpint (kyiv > 20, ==, cases[i].kyiv);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fa/flow-export/dprk-flow-and-category", test_dprk_flow_and_category);
  ADD ("/fa/flow-export/choropleth", test_choropleth);
  ADD ("/fa/flow-export/dates", test_dates);
  ADD ("/fa/flow-export/dprk-before-2018", test_dprk_before_2018);
  ADD ("/fa/flow-export/antimeridian", test_antimeridian);
  ADD ("/fa/flow-export/occupation-over-time", test_occupation_over_time);
  ADD ("/fa/flow-export/open-ended", test_open_ended);
  ADD ("/fa/flow-export/legend-placement", test_legend_placement);
  ADD ("/fa/flow-export/show-frames-story", test_show_frames_story);
  ADD ("/fa/flow-export/title", test_title);
  ADD ("/fa/flow-export/stock", test_stock);
#undef ADD

  return g_test_run ();
}
