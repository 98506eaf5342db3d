/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-projection"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fa-geo-error.h"
#include "fa-projection.h"

typedef struct
{
  const char *name;
  double      lon;
  double      lat;
} Place;

static const Place places[] = {
  { "Moscow",    37.6173, 55.7558 },
  { "Lisbon",    -9.1393, 38.7223 },
  { "Pyongyang", 125.7625, 39.0392 },
  { "Chukotka",  177.5,   64.7 },
  { "Chukotka east of 180°", -172.0, 65.5 },
  { "Tokyo",     139.6917, 35.6895 },
};

static FaProjection *
new_ok (const char *definition)
{
  g_autoptr(GError) error = NULL;
  FaProjection *projection = fa_projection_new (definition, &error);

  g_assert_no_error (error);
  g_assert_true (FA_IS_PROJECTION (projection));
  return projection;
}

static double
lon_difference (double a,
                double b)
{
  double d = fmod (fabs (a - b), 360.0);

  return MIN (d, 360.0 - d);
}

static void
test_presets (void)
{
  const FaProjectionPreset *presets;
  guint n_presets = 0;

  presets = fa_projection_get_presets (&n_presets);
  g_assert_cmpuint (n_presets, ==, 4);
  g_assert_cmpstr (presets[0].id, ==, FA_PROJECTION_DEFAULT_PRESET);
  g_assert_true (fa_projection_find_preset ("world") != NULL);
  g_assert_true (fa_projection_find_preset ("europe-russia") != NULL);
  g_assert_true (fa_projection_find_preset ("eurasia") != NULL);
  g_assert_null (fa_projection_find_preset ("mars"));

  for (guint i = 0; i < n_presets; i++)
    {
      g_autoptr(FaProjection) projection = new_ok (presets[i].id);
      double extent[4];

      g_assert_true (fa_projection_get_preset (projection) == &presets[i]);
      g_assert_cmpstr (fa_projection_get_definition (projection), ==, presets[i].id);
      g_assert_cmpstr (fa_projection_get_title (projection), !=, "");
      g_assert_false (fa_projection_is_geographic (projection));
      fa_projection_get_default_extent (projection, extent);
      g_assert_cmpmem (extent, sizeof extent, presets[i].extent, sizeof extent);
      g_assert_cmpfloat (extent[0], <, extent[2]);
      g_assert_cmpfloat (extent[1], <, extent[3]);
    }
}

static void
test_round_trip (void)
{
  const FaProjectionPreset *presets;
  guint n_presets = 0;

  presets = fa_projection_get_presets (&n_presets);
  for (guint p = 0; p < n_presets; p++)
    {
      g_autoptr(FaProjection) projection = new_ok (presets[p].id);

      for (guint i = 0; i < G_N_ELEMENTS (places); i++)
        {
          double x = places[i].lon;
          double y = places[i].lat;

          g_test_message ("%s: %s", presets[p].id, places[i].name);
          g_assert_cmpuint (fa_projection_forward (projection, &x, &y, 1), ==, 1);
          g_assert_true (x != HUGE_VAL && y != HUGE_VAL);
          g_assert_cmpfloat (fabs (x), >, 1.0);   /* metres, not degrees */
          g_assert_cmpuint (fa_projection_inverse (projection, &x, &y, 1), ==, 1);
          g_assert_cmpfloat (lon_difference (x, places[i].lon), <, 1e-6);
          g_assert_cmpfloat (fabs (y - places[i].lat), <, 1e-6);
        }
    }
}

/* The default view must show Lisbon to Chukotka, Korea and Japan. */
static void
test_default_extents (void)
{
  const FaProjectionPreset *presets;
  guint n_presets = 0;

  presets = fa_projection_get_presets (&n_presets);
  for (guint p = 0; p < n_presets; p++)
    {
      g_autoptr(FaProjection) projection = new_ok (presets[p].id);
      FaRect rect;

      g_assert_true (fa_projection_project_extent (projection, presets[p].extent, &rect));
      g_assert_cmpfloat (rect.x1, <, rect.x2);
      g_assert_cmpfloat (rect.y1, <, rect.y2);

      for (guint i = 0; i < G_N_ELEMENTS (places); i++)
        {
          double x = places[i].lon;
          double y = places[i].lat;
          gboolean expected = TRUE;

          /* Europe and Russia ends at the Yenisei. */
          if (g_str_equal (presets[p].id, "europe-russia") && (x > 90.0 || x < -12.0))
            expected = FALSE;

          fa_projection_forward (projection, &x, &y, 1);
          g_test_message ("%s: %s", presets[p].id, places[i].name);
          g_assert_cmpint (x >= rect.x1 && x <= rect.x2 && y >= rect.y1 && y <= rect.y2, ==, expected);
        }
    }
}

static void
test_geographic (void)
{
  g_autoptr(FaProjection) projection = new_ok ("EPSG:4326");
  double x[] = { 37.6173, -172.0, 0.0 };
  double y[] = { 55.7558, 65.5, -89.0 };
  double extent[4];
  FaRect rect;

  g_assert_true (fa_projection_is_geographic (projection));
  g_assert_null (fa_projection_get_preset (projection));
  g_assert_cmpfloat (fa_projection_get_central_meridian (projection), ==, 0.0);
  g_assert_cmpuint (fa_projection_forward (projection, x, y, 3), ==, 3);
  g_assert_cmpfloat_with_epsilon (x[0], 37.6173, 1e-12);
  g_assert_cmpfloat_with_epsilon (y[0], 55.7558, 1e-12);
  g_assert_cmpfloat_with_epsilon (x[1], -172.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (y[2], -89.0, 1e-12);

  fa_projection_get_default_extent (projection, extent);
  g_assert_true (fa_projection_project_extent (projection, (double[]) { -10, 30, 40, 60 }, &rect));
  g_assert_cmpfloat_with_epsilon (rect.x1, -10.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rect.y2, 60.0, 1e-9);
}

static void
test_web_mercator (void)
{
  g_autoptr(FaProjection) projection = new_ok ("EPSG:3857");
  double x = 37.6173;
  double y = 55.7558;
  double expected_x = 6378137.0 * x * G_PI / 180.0;
  double expected_y = 6378137.0 * log (tan (G_PI / 4 + y * G_PI / 360.0));
  double extent[4];

  g_assert_false (fa_projection_is_geographic (projection));
  g_assert_cmpfloat (fa_projection_get_central_meridian (projection), ==, 0.0);
  g_assert_cmpuint (fa_projection_forward (projection, &x, &y, 1), ==, 1);
  g_assert_cmpfloat_with_epsilon (x, expected_x, 1e-3);
  g_assert_cmpfloat_with_epsilon (y, expected_y, 1e-3);

  /* The CRS's area of use, not ±90°. */
  fa_projection_get_default_extent (projection, extent);
  g_assert_cmpfloat (extent[3], <, 86.0);
  g_assert_cmpfloat (extent[3], >, 80.0);
}

static void
test_proj_string (void)
{
  g_autoptr(FaProjection) projection = new_ok ("+proj=merc +lon_0=100 +datum=WGS84");
  double x = 100.0;
  double y = 0.0;

  g_assert_cmpfloat_with_epsilon (fa_projection_get_central_meridian (projection), 100.0, 1e-9);
  fa_projection_forward (projection, &x, &y, 1);
  g_assert_cmpfloat_with_epsilon (x, 0.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, 0.0, 1e-6);
}

static void
test_bad_definition (void)
{
  const char *bad[] = { "+proj=nonsense +lon_0=3", "EPSG:999999", "not a projection", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FaProjection) projection = fa_projection_new (bad[i], &error);

      g_assert_null (projection);
      g_assert_error (error, FA_GEO_ERROR, FA_GEO_ERROR_PROJECTION);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

/* A definition that is not UTF-8 was measured with g_utf8_strlen() and
 * cut with g_utf8_substring(), which read past its end; raw bytes and
 * control characters went into the message. */
static void
test_bad_definition_bytes (void)
{
  const char *bad[] = {
    "PROJCS[\"R\xe9seau g\xe9od\xe9sique\",garbage",
    /* A Latin-1 byte where the cut at 60 characters falls. */
    "PROJCS[\"0123456789012345678901234567890123456789012345678901\xe9\xe9\xe9\xe9\xe9\xe9\",x",
    "+proj=nonsense\x1b]0;title\x07\r\n+lon_0=3",
    "\xff\xfe\xfd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FaProjection) projection = fa_projection_new (bad[i], &error);

      g_assert_null (projection);
      g_assert_error (error, FA_GEO_ERROR, FA_GEO_ERROR_PROJECTION);
      g_test_message ("%s", error->message);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      for (const char *p = error->message; *p != '\0'; p++)
        g_assert_false (g_ascii_iscntrl (*p));
    }
}

static void
test_failed_points (void)
{
  g_autoptr(FaProjection) projection = new_ok ("world");
  double x[] = { 10.0, NAN, 20.0, INFINITY };
  double y[] = { 50.0, 10.0, 95.0, 0.0 };
  double px[] = { 1e9, 0.0 };
  double py[] = { 1e9, 0.0 };

  /* A NaN, a latitude beyond the pole and an infinity fail; the rest work. */
  g_assert_cmpuint (fa_projection_forward (projection, x, y, 4), ==, 1);
  g_assert_true (x[0] != HUGE_VAL);
  g_assert_true (x[1] == HUGE_VAL && y[1] == HUGE_VAL);
  g_assert_true (x[2] == HUGE_VAL && y[2] == HUGE_VAL);
  g_assert_true (x[3] == HUGE_VAL && y[3] == HUGE_VAL);

  /* Far off the map. */
  g_assert_cmpuint (fa_projection_inverse (projection, px, py, 2), ==, 1);
  g_assert_true (px[0] == HUGE_VAL);
  g_assert_cmpfloat_with_epsilon (px[1], 11.0, 1e-9);
}

static void
test_central_meridians (void)
{
  static const struct { const char *id; double lon_0; } expected[] = {
    { "europe-asia", 90.0 },
    { "europe-russia", 40.0 },
    { "eurasia", 75.0 },
    { "world", 11.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(FaProjection) projection = new_ok (expected[i].id);

      g_assert_cmpfloat_with_epsilon (fa_projection_get_central_meridian (projection),
                                      expected[i].lon_0, 1e-9);
    }
}

static void
test_world_extent (void)
{
  g_autoptr(FaProjection) projection = new_ok ("world");
  FaRect rect;
  double x[] = { -168.9, -169.1 };
  double y[] = { 0.0, 0.0 };

  g_assert_true (fa_projection_project_extent (projection,
                                               (double[]) { -180, -60, 180, 85 }, &rect));
  /* Just east of the cut is the far left, just west of it the far right. */
  fa_projection_forward (projection, x, y, 2);
  g_assert_cmpfloat (x[0], <, 0.0);
  g_assert_cmpfloat (x[1], >, 0.0);
  g_assert_cmpfloat (rect.x1, <=, x[0]);
  g_assert_cmpfloat (rect.x2, >=, x[1]);
  g_assert_cmpfloat (x[0] - rect.x1, <, 1e5);
  g_assert_cmpfloat (rect.x2 - x[1], <, 1e5);
}

static void
test_geodesic (void)
{
  double d = fa_projection_geodesic_distance (37.6173, 55.7558, 30.5234, 50.4501);

  g_assert_cmpfloat_with_epsilon (d, 756000.0, 5000.0);
  g_assert_cmpfloat (fa_projection_geodesic_distance (10, 20, 10, 20), ==, 0.0);
  /* A quarter of the meridian. */
  g_assert_cmpfloat_with_epsilon (fa_projection_geodesic_distance (0, 0, 0, 90),
                                  10001965.7, 1.0);
}

static void
test_to_lonlat (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FaProjection) to_lonlat = fa_projection_new_to_lonlat ("EPSG:3857", &error);
  double x = 6378137.0 * 30.0 * G_PI / 180.0;
  double y = 0.0;

  g_assert_no_error (error);
  g_assert_cmpuint (fa_projection_forward (to_lonlat, &x, &y, 1), ==, 1);
  g_assert_cmpfloat_with_epsilon (x, 30.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 0.0, 1e-9);

  g_assert_null (fa_projection_new_to_lonlat ("GEOGCS[broken", &error));
  g_assert_error (error, FA_GEO_ERROR, FA_GEO_ERROR_PROJECTION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fa/projection/presets", test_presets);
  g_test_add_func ("/fa/projection/round-trip", test_round_trip);
  g_test_add_func ("/fa/projection/default-extents", test_default_extents);
  g_test_add_func ("/fa/projection/geographic", test_geographic);
  g_test_add_func ("/fa/projection/web-mercator", test_web_mercator);
  g_test_add_func ("/fa/projection/proj-string", test_proj_string);
  g_test_add_func ("/fa/projection/bad-definition", test_bad_definition);
  g_test_add_func ("/fa/projection/bad-definition-bytes", test_bad_definition_bytes);
  g_test_add_func ("/fa/projection/failed-points", test_failed_points);
  g_test_add_func ("/fa/projection/central-meridians", test_central_meridians);
  g_test_add_func ("/fa/projection/world-extent", test_world_extent);
  g_test_add_func ("/fa/projection/geodesic", test_geodesic);
  g_test_add_func ("/fa/projection/to-lonlat", test_to_lonlat);

  return g_test_run ();
}
