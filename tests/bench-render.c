/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "bench-render"

#include "config.h"

#include <stdlib.h>

#include "fa-autocleanups.h"
#include "fa-basemap-layer.h"
#include "fa-map.h"
#include "fa-dataset.h"
#include "fa-month.h"
#include "fa-feature-layer.h"
#include "fa-flow-layer.h"
#include "fa-geodata.h"
#include "fa-projection.h"
#include "fa-renderer.h"

#define WIDTH  1920
#define HEIGHT 1080

typedef struct
{
  double min;
  double median;
  double max;
} Stats;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static Stats
stats_of (double *ms,
          guint   n)
{
  Stats s;

  qsort (ms, n, sizeof *ms, compare_doubles);
  s.min = ms[0];
  s.median = ms[n / 2];
  s.max = ms[n - 1];
  return s;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
print_stats (const char *what,
             Stats       s,
             guint       n)
{
  g_print ("%-46s median %8.2f ms   min %8.2f   max %8.2f   (n=%u)\n",
           what, s.median, s.min, s.max, n);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FaGeodata) geodata = NULL;
  g_autoptr(FaProjection) projection = NULL;
  g_autoptr(FaMap) map = NULL;
  g_autoptr(FaMapSnapshot) snap = NULL;
  FaMapState *state;
  FaRenderer *renderer;
  g_autoptr(FaViewport) viewport = NULL;
  g_autoptr(FaViewport) cache_viewport = NULL;
  g_autoptr(cairo_surface_t) frame = NULL;
  g_autoptr(cairo_surface_t) cache = NULL;
  g_autoptr(cairo_surface_t) dyn_cache = NULL;
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 20;
  const FaMapStyle *style = fa_map_style_get (FA_MAP_STYLE_LIGHT);
  g_autofree double *ms = NULL;
  double extent[4];
  double t0;
  FaRect rect;

  n = CLAMP (n, 3, 1000);
  ms = g_new (double, n);

  g_print ("FlowAtlas %s benchmark, %dx%d\n", PACKAGE_VERSION, WIDTH, HEIGHT);

  /* 1. Loading: the geodata index and the projected base map, as at start-up. */
  t0 = now_ms ();
  geodata = fa_geodata_new (NULL, &error);
  g_assert_no_error (error);
  map = fa_map_new (geodata);
  state = fa_map_get_state (map);
  renderer = fa_map_get_renderer (map);
  projection = g_object_ref (fa_map_get_projection (map));
  g_print ("%-46s %8.2f ms\n", "load geodata + project base map (start-up)", now_ms () - t0);

  {
    g_autofree char *path = fa_dataset_dup_default_path ();
    g_autoptr(FaDataset) dataset = NULL;

    t0 = now_ms ();
    dataset = fa_dataset_new_from_directory (path, geodata, &error);
    g_assert_no_error (error);
    fa_map_state_set_dataset (state, dataset);
    fa_map_state_set_time_filter (state, &FA_TIME_FILTER_ALL);
    g_print ("%-46s %8.2f ms\n", "load + validate the bundled dataset", now_ms () - t0);
  }

  for (guint kind = FA_GEODATA_COUNTRIES; kind <= FA_GEODATA_REGIONS; kind++)
    for (guint detail = FA_DETAIL_LOW; detail <= FA_DETAIL_HIGH; detail++)
      {
        g_autoptr(FaGeodata) fresh = fa_geodata_new (NULL, &error);
        g_autoptr(FaFeatureLayer) layer = NULL;
        g_autofree char *what = NULL;
        FaShapefile *shp;
        double t1;

        g_assert_no_error (error);
        t0 = now_ms ();
        shp = fa_geodata_get_layer (fresh, kind, detail, &error);
        g_assert_no_error (error);
        t1 = now_ms ();
        layer = fa_feature_layer_new (shp, projection, &error);
        g_assert_no_error (error);
        what = g_strdup_printf ("  %s-%s: read %u points",
                                kind == FA_GEODATA_COUNTRIES ? "countries" : "regions",
                                detail == FA_DETAIL_LOW ? "low" : detail == FA_DETAIL_MEDIUM ? "medium" : "high",
                                fa_shapefile_get_n_points (shp));
        g_print ("%-46s %8.2f ms, project %8.2f ms\n", what, t1 - t0, now_ms () - t1);
      }

  viewport = fa_viewport_new ();
  fa_viewport_set_size (viewport, WIDTH, HEIGHT);
  fa_projection_get_default_extent (projection, extent);
  g_assert_true (fa_projection_project_extent (projection, extent, &rect));
  fa_viewport_fit_rect (viewport, &rect, 0);

  frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);

  /* 2. A full frame: every layer, as an export or a settled view draws it. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(cairo_t) cr = cairo_create (frame);
      FaRenderContext ctx;

      t0 = now_ms ();
      g_clear_pointer (&snap, fa_map_snapshot_unref);
        snap = fa_map_state_snapshot (state);
        fa_renderer_init_context (renderer, &ctx, viewport, style, snap);
      fa_renderer_render (renderer, cr, &ctx, FA_LAYERS_ALL);
      cairo_surface_flush (frame);
      ms[i] = now_ms () - t0;
    }
  print_stats ("full frame, default view (all layers)", stats_of (ms, n), n);

  /* The same zoomed in on eastern Ukraine: regions and the finest detail. */
  {
    g_autoptr(FaViewport) close = fa_viewport_copy (viewport);
    const double ukraine[4] = { 30, 45, 41, 51 };
    FaRect r;

    g_assert_true (fa_projection_project_extent (projection, ukraine, &r));
    fa_viewport_fit_rect (close, &r, 0);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(cairo_t) cr = cairo_create (frame);
        FaRenderContext ctx;

        t0 = now_ms ();
        g_clear_pointer (&snap, fa_map_snapshot_unref);
        snap = fa_map_state_snapshot (state);
        fa_renderer_init_context (renderer, &ctx, close, style, snap);
        fa_renderer_render (renderer, cr, &ctx, FA_LAYERS_ALL);
        cairo_surface_flush (frame);
        ms[i] = now_ms () - t0;
      }
    print_stats ("full frame, eastern Ukraine (high detail)", stats_of (ms, n), n);
  }

  /* 3. A pan frame, as the widget draws it: the cached static and
   * dynamic layers (rendered once, with the widget's margin) are
   * translated, and the screen-fixed legend is drawn live. */
  {
    int margin = 160;
    g_autoptr(cairo_t) cr = NULL;
    FaRenderContext ctx;

    cache = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH + 2 * margin, HEIGHT + 2 * margin);
    cache_viewport = fa_viewport_copy (viewport);
    fa_viewport_set_size (cache_viewport, WIDTH + 2 * margin, HEIGHT + 2 * margin);
    cr = cairo_create (cache);
    t0 = now_ms ();
    g_clear_pointer (&snap, fa_map_snapshot_unref);
        snap = fa_map_state_snapshot (state);
        fa_renderer_init_context (renderer, &ctx, cache_viewport, style, snap);
    fa_renderer_render (renderer, cr, &ctx, FA_LAYERS_STATIC);
    cairo_surface_flush (cache);
    g_print ("%-46s %8.2f ms\n", "static cache re-render after a gesture", now_ms () - t0);

    dyn_cache = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH + 2 * margin, HEIGHT + 2 * margin);
    {
      g_autoptr(cairo_t) dcr = cairo_create (dyn_cache);
      FaTimeFilter filter;

      fa_time_filter_init_at (&filter, fa_month_from_ym (2023, 6));
      t0 = now_ms ();
      fa_map_state_set_time_filter (state, &filter);
        g_clear_pointer (&snap, fa_map_snapshot_unref);
        snap = fa_map_state_snapshot (state);
        fa_renderer_init_context (renderer, &ctx, cache_viewport, style, snap);
      fa_renderer_render (renderer, dcr, &ctx, FA_LAYERS_DYNAMIC);
      cairo_surface_flush (dyn_cache);
      g_print ("%-46s %8.2f ms\n", "dynamic cache re-render after a gesture", now_ms () - t0);
    }

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(cairo_t) fcr = cairo_create (frame);
        double dx = (i % 7) * 9.0 - 27, dy = (i % 5) * 7.0 - 14;

        t0 = now_ms ();
        fa_viewport_pan_by (viewport, dx, dy);
        g_clear_pointer (&snap, fa_map_snapshot_unref);
        snap = fa_map_state_snapshot (state);
        fa_renderer_init_context (renderer, &ctx, viewport, style, snap);
        cairo_set_source_surface (fcr, cache, -margin + dx, -margin + dy);
        cairo_paint (fcr);
        cairo_set_source_surface (fcr, dyn_cache, -margin + dx, -margin + dy);
        cairo_paint (fcr);
        fa_renderer_render (renderer, fcr, &ctx, FA_LAYERS_OVERLAY);
        cairo_surface_flush (frame);
        ms[i] = now_ms () - t0;
      }
    print_stats ("pan frame (cached texture + live layers)", stats_of (ms, n), n);
    g_print ("%-46s %8s    target < 16 ms\n", "", "");

    /* 4. A month change while dragging the timeline: the base map stays
     * cached; the flows, places, events, choropleth and legend of the new
     * month are drawn for the next frame. */
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(cairo_t) fcr = cairo_create (frame);
        FaTimeFilter filter;

        fa_time_filter_init_at (&filter, fa_month_from_ym (2014 + (i % 11), 1 + (i * 5) % 12));
        t0 = now_ms ();
        fa_map_state_set_time_filter (state, &filter);
        g_clear_pointer (&snap, fa_map_snapshot_unref);
        snap = fa_map_state_snapshot (state);
        fa_renderer_init_context (renderer, &ctx, viewport, style, snap);
        cairo_set_source_surface (fcr, cache, -margin, -margin);
        cairo_paint (fcr);
        fa_renderer_render (renderer, fcr, &ctx, FA_LAYERS_DYNAMIC | FA_LAYERS_OVERLAY);
        cairo_surface_flush (frame);
        ms[i] = now_ms () - t0;
      }
    print_stats ("month change frame (all categories)", stats_of (ms, n), n);

    {
      const char *presets[] = { "relocation", "dprk-workers", "source-regions" };

      for (guint p = 0; p < G_N_ELEMENTS (presets); p++)
        {
          g_autofree char *what = g_strdup_printf ("month change frame (%s)", presets[p]);

          g_assert_true (fa_map_apply_show (map, presets[p], NULL));
          for (guint i = 0; i < n; i++)
            {
              g_autoptr(cairo_t) fcr = cairo_create (frame);
              FaTimeFilter filter;

              fa_time_filter_init_at (&filter, fa_month_from_ym (2014 + (i % 11), 1 + (i * 5) % 12));
              t0 = now_ms ();
              fa_map_state_set_time_filter (state, &filter);
        g_clear_pointer (&snap, fa_map_snapshot_unref);
        snap = fa_map_state_snapshot (state);
        fa_renderer_init_context (renderer, &ctx, viewport, style, snap);
              cairo_set_source_surface (fcr, cache, -margin, -margin);
              cairo_paint (fcr);
              fa_renderer_render (renderer, fcr, &ctx, FA_LAYERS_DYNAMIC | FA_LAYERS_OVERLAY);
              cairo_surface_flush (frame);
              ms[i] = now_ms () - t0;
            }
          print_stats (what, stats_of (ms, n), n);
        }
      g_assert_true (fa_map_apply_show (map, "all", NULL));
    }

    /* Where a live frame goes, layer by layer. */
    {
      GListModel *layers = fa_renderer_get_layers (renderer);
      FaTimeFilter filter;

      fa_time_filter_init_at (&filter, fa_month_from_ym (2023, 6));
      fa_map_state_set_time_filter (state, &filter);
        g_clear_pointer (&snap, fa_map_snapshot_unref);
        snap = fa_map_state_snapshot (state);
        fa_renderer_init_context (renderer, &ctx, viewport, style, snap);
      for (guint l = 0; l < g_list_model_get_n_items (layers); l++)
        {
          g_autoptr(FaMapLayer) layer = g_list_model_get_item (layers, l);
          g_autofree char *what = NULL;

          if (!(fa_map_layer_get_kind (layer) & (FA_LAYERS_DYNAMIC | FA_LAYERS_OVERLAY)))
            continue;
          for (guint i = 0; i < n; i++)
            {
              g_autoptr(cairo_t) fcr = cairo_create (frame);

              t0 = now_ms ();
              fa_map_layer_render (layer, fcr, &ctx);
              cairo_surface_flush (frame);
              ms[i] = now_ms () - t0;
            }
          what = g_strdup_printf ("  layer %s", G_OBJECT_TYPE_NAME (layer));
          print_stats (what, stats_of (ms, n), n);
        }
    }
    g_print ("%-46s %8s    target < 16 ms (one frame at 60 Hz)\n", "", "");
  }

  return 0;
}
