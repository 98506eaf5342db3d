/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-renderer"

#include "config.h"

#include <shapefil.h>

#include "fa-autocleanups.h"
#include "fa-basemap-layer.h"
#include "fa-geodata.h"
#include "fa-projection.h"
#include "fa-renderer.h"
#include "fa-shape-layer.h"
#include "fa-test-utils.h"

static char *
write_square_shapefile (const char *dir)
{
  char *path = g_build_filename (dir, "square.shp", NULL);
  double lon[] = { 10, 10, 20, 20, 10 };
  double lat[] = { 40, 50, 50, 40, 40 };
  SHPHandle shp = SHPCreate (path, SHPT_POLYGON);
  DBFHandle dbf;
  SHPObject *obj;

  g_assert_nonnull (shp);
  obj = SHPCreateSimpleObject (SHPT_POLYGON, 5, lon, lat, NULL);
  SHPWriteObject (shp, -1, obj);
  SHPDestroyObject (obj);
  SHPClose (shp);

  dbf = DBFCreate (path);
  DBFAddField (dbf, "name", FTString, 20, 0);
  DBFWriteStringAttribute (dbf, 0, 0, "square");
  DBFClose (dbf);

  return path;
}

static cairo_surface_t *
render (FaRenderer   *renderer,
        FaProjection *projection,
        const double  extent[4],
        int           width,
        int           height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  g_autoptr(FaViewport) viewport = fa_viewport_new ();
  FaRenderContext ctx;
  FaRect rect;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  fa_viewport_set_size (viewport, width, height);
  g_assert_true (fa_projection_project_extent (projection, extent, &rect));
  fa_viewport_fit_rect (viewport, &rect, 0);
  fa_renderer_init_context (renderer, &ctx, viewport, fa_map_style_get (FA_MAP_STYLE_LIGHT), NULL);
  fa_renderer_render (renderer, cr, &ctx, FA_LAYERS_ALL);

  return surface;
}

static void
test_polygon_fill (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = write_square_shapefile (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(FaProjection) projection = fa_projection_new ("EPSG:4326", &error);
  g_autoptr(FaRenderer) renderer = NULL;
  g_autoptr(FaShapeLayer) layer = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  const FaColor color = { 0x00 / 255.0, 0x72 / 255.0, 0xb2 / 255.0, 1 };
  const double extent[4] = { 0, 30, 30, 60 };

  g_assert_no_error (error);
  renderer = fa_renderer_new (projection);
  layer = fa_shape_layer_new_from_file (path, projection, &color, &error);
  g_assert_no_error (error);
  fa_renderer_add_layer (renderer, FA_MAP_LAYER (layer));

  /* 300×300 pixels for 30°×30°: the square spans pixels 100 to 200. */
  surface = render (renderer, projection, extent, 300, 300);

  /* Inside: the layer colour at 22 % over white. */
  fa_assert_pixel (surface, 150, 150, 0xc7e0ee, 3);
  fa_assert_pixel (surface, 110, 190, 0xc7e0ee, 3);
  /* Outside: untouched. */
  fa_assert_pixel (surface, 50, 50, 0xffffff, 0);
  fa_assert_pixel (surface, 250, 150, 0xffffff, 0);
  fa_assert_pixel (surface, 150, 230, 0xffffff, 0);
  /* The outline is darker than the fill. */
  g_assert_cmpuint (fa_test_get_pixel (surface, 100, 150) & 0xff0000, <, 0xc70000);

  /* A hidden layer draws nothing. */
  fa_map_layer_set_visible (FA_MAP_LAYER (layer), FALSE);
  g_clear_pointer (&surface, cairo_surface_destroy);
  surface = render (renderer, projection, extent, 300, 300);
  fa_assert_pixel (surface, 150, 150, 0xffffff, 0);

  fa_test_rmtree (dir);
}

static void
test_basemap (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FaGeodata) geodata = fa_geodata_new (NULL, &error);
  g_autoptr(FaProjection) projection = NULL;
  g_autoptr(FaRenderer) renderer = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  const FaMapStyle *style = fa_map_style_get (FA_MAP_STYLE_LIGHT);
  const double extent[4] = { 20, 40, 60, 60 };
  guint32 ocean = ((guint) (style->ocean.red * 255 + 0.5) << 16) |
                  ((guint) (style->ocean.green * 255 + 0.5) << 8) |
                  (guint) (style->ocean.blue * 255 + 0.5);
  guint32 land = ((guint) (style->land.red * 255 + 0.5) << 16) |
                 ((guint) (style->land.green * 255 + 0.5) << 8) |
                 (guint) (style->land.blue * 255 + 0.5);
  FaMapLayer *legend;

  g_assert_no_error (error);
  projection = fa_projection_new ("EPSG:4326", &error);
  g_assert_no_error (error);
  renderer = fa_renderer_new_for_geodata (geodata, projection, &error);
  g_assert_no_error (error);

  /* Only the map: no legend panels over the pixels we probe. */
  legend = fa_renderer_find_layer (renderer, g_type_from_name ("FaLegendLayer"));
  g_assert_nonnull (legend);
  fa_map_layer_set_visible (legend, FALSE);

  /* 400×200 pixels for 40°×20°: 10 pixels a degree, x = (lon − 20) × 10,
   * y = (60 − lat) × 10. */
  surface = render (renderer, projection, extent, 400, 200);
  /* The Black Sea at 34°E 43°N. */
  fa_assert_pixel (surface, 140, 170, ocean, 6);
  /* Land near Voronezh, 39°E 51.5°N, away from borders and graticule. */
  fa_assert_pixel (surface, 193, 83, land, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fa/renderer/polygon-fill", test_polygon_fill);
  g_test_add_func ("/fa/renderer/basemap", test_basemap);

  return g_test_run ();
}
