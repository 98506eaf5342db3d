/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-geodata"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "fa-feature-layer.h"
#include "fa-geo-error.h"
#include "fa-geodata.h"
#include "fa-projection.h"
#include "fa-test-utils.h"

static FaGeodata *
open_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *probe = g_build_filename (fa_geodata_get_default_directory (),
                                             "naturalearth", "countries-low.shp", NULL);
  FaGeodata *geodata;

  /* The geodata is part of the repository: missing, it is a failure. */
  if (!g_file_test (probe, G_FILE_TEST_EXISTS))
    g_error ("the bundled geodata is missing: %s", probe);

  geodata = fa_geodata_new (NULL, &error);
  g_assert_no_error (error);
  return geodata;
}

/* The features of @layer containing (lon, lat), by their iso_a2 codes. */
static char *
countries_at (FaFeatureLayer *layer,
              double          lon,
              double          lat)
{
  g_autoptr(GString) codes = g_string_new (NULL);
  double x = lon;
  double y = lat;

  fa_projection_forward (fa_feature_layer_get_projection (layer), &x, &y, 1);
  for (guint f = 0; f < fa_feature_layer_get_n_features (layer); f++)
    {
      if (fa_feature_layer_contains (layer, f, x, y))
        g_string_append_printf (codes, "%s%s", codes->len > 0 ? "," : "",
                                fa_feature_layer_get_value (layer, f, "iso_a2"));
    }

  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static void
test_codes (void)
{
  g_autoptr(FaGeodata) geodata = open_bundled ();
  double lon, lat;

  if (geodata == NULL)
    return;

  g_assert_true (fa_geodata_has_code (geodata, "UA"));
  g_assert_true (fa_geodata_has_code (geodata, "UKR"));
  g_assert_true (fa_geodata_has_code (geodata, "RU"));
  g_assert_true (fa_geodata_has_code (geodata, "KP"));
  g_assert_true (fa_geodata_has_code (geodata, "UA-43"));
  g_assert_true (fa_geodata_has_code (geodata, "ua-43"));
  g_assert_true (fa_geodata_has_code (geodata, "RU-CHU"));
  g_assert_true (fa_geodata_has_code (geodata, "RU-DA"));
  g_assert_false (fa_geodata_has_code (geodata, "XX-99"));
  g_assert_false (fa_geodata_has_code (geodata, "-99"));
  g_assert_false (fa_geodata_has_code (geodata, ""));

  g_assert_cmpstr (fa_geodata_get_name (geodata, "UA"), ==, "Ukraine");
  g_assert_cmpstr (fa_geodata_get_name (geodata, "PRK"), ==, "North Korea");
  g_assert_null (fa_geodata_get_name (geodata, "XX"));

  g_assert_true (fa_geodata_get_label_point (geodata, "UA-43", &lon, &lat));
  g_assert_cmpfloat (lon, >, 32.0);
  g_assert_cmpfloat (lon, <, 37.0);
  g_assert_cmpfloat (lat, >, 44.0);
  g_assert_cmpfloat (lat, <, 46.5);
  g_assert_true (fa_geodata_get_label_point (geodata, "RU-CHU", &lon, &lat));
  g_assert_cmpfloat (fabs (lon), >, 160.0);
  g_assert_false (fa_geodata_get_label_point (geodata, "XX", &lon, &lat));
}

/* Crimea is Ukraine in every level of detail. */
static void
test_crimea (void)
{
  g_autoptr(FaGeodata) geodata = open_bundled ();
  g_autoptr(GError) error = NULL;
  const char *projections[] = { "EPSG:4326", FA_PROJECTION_DEFAULT_PRESET };

  if (geodata == NULL)
    return;

  for (guint p = 0; p < G_N_ELEMENTS (projections); p++)
    {
      g_autoptr(FaProjection) projection = fa_projection_new (projections[p], &error);

      g_assert_no_error (error);
      for (FaDetail detail = FA_DETAIL_LOW; detail <= FA_DETAIL_HIGH; detail++)
        {
          FaShapefile *countries = fa_geodata_get_layer (geodata, FA_GEODATA_COUNTRIES, detail, &error);
          g_autoptr(FaFeatureLayer) layer = NULL;
          g_autofree char *simferopol = NULL;
          g_autofree char *sevastopol = NULL;
          g_autofree char *moscow = NULL;
          g_autofree char *pyongyang = NULL;

          g_assert_no_error (error);
          layer = fa_feature_layer_new (countries, projection, &error);
          g_assert_no_error (error);

          simferopol = countries_at (layer, 34.10, 44.95);
          sevastopol = countries_at (layer, 33.52, 44.60);
          moscow = countries_at (layer, 37.6173, 55.7558);
          pyongyang = countries_at (layer, 125.7625, 39.0392);
          g_test_message ("%s, detail %d: Simferopol %s, Moscow %s", projections[p], detail,
                          simferopol, moscow);
          g_assert_cmpstr (simferopol, ==, "UA");
          g_assert_cmpstr (sevastopol, ==, "UA");
          g_assert_cmpstr (moscow, ==, "RU");
          g_assert_cmpstr (pyongyang, ==, "KP");
        }
    }
}

static void
test_layers (void)
{
  g_autoptr(FaGeodata) geodata = open_bundled ();
  g_autoptr(GError) error = NULL;
  FaShapefile *low, *medium, *high, *occupied;

  if (geodata == NULL)
    return;

  low = fa_geodata_get_layer (geodata, FA_GEODATA_REGIONS, FA_DETAIL_LOW, &error);
  g_assert_no_error (error);
  medium = fa_geodata_get_layer (geodata, FA_GEODATA_REGIONS, FA_DETAIL_MEDIUM, &error);
  g_assert_no_error (error);
  high = fa_geodata_get_layer (geodata, FA_GEODATA_REGIONS, FA_DETAIL_HIGH, &error);
  g_assert_no_error (error);
  g_assert_true (low == medium);
  g_assert_true (high != medium);
  g_assert_cmpuint (fa_shapefile_get_n_points (high), >, fa_shapefile_get_n_points (medium));
  g_assert_true (fa_geodata_get_layer (geodata, FA_GEODATA_REGIONS, FA_DETAIL_HIGH, NULL) == high);

  occupied = fa_geodata_get_layer (geodata, FA_GEODATA_OCCUPIED, FA_DETAIL_HIGH, &error);
  g_assert_no_error (error);
  g_assert_true (fa_geodata_get_layer (geodata, FA_GEODATA_OCCUPIED, FA_DETAIL_LOW, NULL) == occupied);
  g_assert_cmpint (fa_shapefile_get_geometry_type (occupied), ==, FA_GEOMETRY_POLYGON);
  g_assert_cmpint (fa_shapefile_find_field (occupied, "status"), >=, 0);
  g_assert_cmpint (fa_shapefile_find_field (occupied, "iso_3166_2"), >=, 0);

  g_assert_cmpstr (fa_geodata_get_directory (geodata), ==, fa_geodata_get_default_directory ());
}

static void
test_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "nowhere", NULL);
  g_autofree char *ne = g_build_filename (dir, "naturalearth", NULL);
  g_autoptr(FaGeodata) geodata = NULL;

  geodata = fa_geodata_new (missing, &error);
  g_assert_null (geodata);
  g_assert_error (error, FA_GEO_ERROR, FA_GEO_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* The directory is there but the files are not. */
  g_assert_cmpint (g_mkdir (ne, 0700), ==, 0);
  geodata = fa_geodata_new (dir, &error);
  g_assert_null (geodata);
  g_assert_error (error, FA_GEO_ERROR, FA_GEO_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "countries-low.shp"));

  fa_test_rmtree (dir);
}

static void
test_default_directory (void)
{
  const char *env = g_getenv ("FLOWATLAS_GEODATA");

  if (env != NULL && *env != '\0')
    g_assert_cmpstr (fa_geodata_get_default_directory (), ==, env);
  else
    g_assert_nonnull (fa_geodata_get_default_directory ());
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fa/geodata/codes", test_codes);
  g_test_add_func ("/fa/geodata/crimea", test_crimea);
  g_test_add_func ("/fa/geodata/layers", test_layers);
  g_test_add_func ("/fa/geodata/missing", test_missing);
  g_test_add_func ("/fa/geodata/default-directory", test_default_directory);

  return g_test_run ();
}
