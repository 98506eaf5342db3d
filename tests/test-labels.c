/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-labels"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "fa-autocleanups.h"
#include "fa-dataset.h"
#include "fa-flow-layer.h"
#include "fa-flow.h"
#include "fa-geodata.h"
#include "fa-label-space.h"
#include "fa-legend-layer.h"
#include "fa-map.h"
#include "fa-month.h"
#include "fa-place.h"
#include "fa-projection.h"
#include "fa-test-utils.h"

/* One label space for the whole map (the story's labels first, none over
 * another, none cut by the frame) and a legend placed where the story is
 * not, read from the layout's own results. */

static FaGeodata *geodata;

typedef struct
{
  FaMap     *map;
  FaDataset *dataset;
  char      *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  path = g_build_filename (g_getenv ("FLOWATLAS_GEODATA"), "datasets", "tip-2024-russia", NULL);
  fixture->dataset = fa_dataset_new_from_directory (path, geodata, &error);
  g_assert_no_error (error);
  fixture->map = fa_map_new (geodata);
  fixture->dir = fa_test_make_tmpdir ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_unref (fixture->map);
  g_object_unref (fixture->dataset);
  fa_test_rmtree (fixture->dir);
  g_free (fixture->dir);
}

typedef struct
{
  FaViewport      *viewport;
  FaMapSnapshot   *snapshot;
  FaRenderContext  ctx;
  FaLabelSpace    *labels;
  FaOverlayLayout  overlay;
} Layout;

static void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->labels, fa_label_space_free);
  g_clear_pointer (&layout->snapshot, fa_map_snapshot_unref);
  g_clear_object (&layout->viewport);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Layout, layout_clear)

/* Lays out the map's state as an export of @width × @height would, framed
 * on the story as a preset is. */
static void
lay_out (FaMap  *map,
         int     width,
         int     height,
         Layout *layout)
{
  FaRenderer *renderer = fa_map_get_renderer (map);
  const FaMapStyle *style = fa_map_style_get (FA_MAP_STYLE_PRINT);
  FaLegendLayer *legend = FA_LEGEND_LAYER (fa_renderer_find_layer (renderer, FA_TYPE_LEGEND_LAYER));
  FaRect story;

  layout->viewport = fa_viewport_new ();
  fa_viewport_set_size (layout->viewport, width, height);
  layout->snapshot = fa_map_state_snapshot (fa_map_get_state (map));
  g_assert_true (fa_map_get_story_rect (map, &story));
  fa_renderer_frame_rect (renderer, layout->viewport, style, layout->snapshot, &story, 48);
  fa_renderer_init_context (renderer, &layout->ctx, layout->viewport, style, layout->snapshot);
  layout->ctx.for_export = TRUE;
  layout->labels = fa_renderer_place_labels (renderer, NULL, &layout->ctx);
  fa_legend_layer_compute_layout (legend, &layout->ctx, &layout->overlay);
}

static gboolean
boxes_meet (double ax, double ay, double aw, double ah,
            double bx, double by, double bw, double bh)
{
  return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

static gboolean
rect_empty (const FaRect *r)
{
  return !(r->x2 > r->x1 && r->y2 > r->y1);
}

/* No two labels overlap, none is cut by the frame, none covers what it
 * must keep clear of. */
static void
assert_labels_clean (Layout *layout,
                     double  width,
                     double  height)
{
  guint n = fa_label_space_get_n_placed (layout->labels);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      FaPlacedLabel a;

      g_assert_true (fa_label_space_get_placed (layout->labels, i, &a));
      g_assert_cmpfloat (a.x, >=, 0);
      g_assert_cmpfloat (a.y, >=, 0);
      g_assert_cmpfloat (a.x + a.width, <=, width);
      g_assert_cmpfloat (a.y + a.height, <=, height);
      if (i > 0)
        {
          FaPlacedLabel before;

          fa_label_space_get_placed (layout->labels, i - 1, &before);
          g_assert_cmpfloat (before.priority, >=, a.priority);
        }
      for (guint j = i + 1; j < n; j++)
        {
          FaPlacedLabel b;

          fa_label_space_get_placed (layout->labels, j, &b);
          if (boxes_meet (a.x, a.y, a.width, a.height, b.x, b.y, b.width, b.height))
            g_error ("“%s” and “%s” overlap", a.text, b.text);
        }
      for (guint k = 0; k < fa_label_space_get_n_obstacles (layout->labels); k++)
        {
          FaRect o;

          fa_label_space_get_obstacle (layout->labels, k, &o);
          if (boxes_meet (a.x, a.y, a.width, a.height, o.x1, o.y1, o.x2 - o.x1, o.y2 - o.y1))
            g_error ("“%s” covers an obstacle at %.0f,%.0f", a.text, o.x1, o.y1);
        }
    }
}

/* The legend covers no place the flows shown connect and no label of the
 * story. */
static void
assert_legend_clear_of_story (FaMap  *map,
                              Layout *layout)
{
  FaFlowLayer *flows = FA_FLOW_LAYER (fa_renderer_find_layer (fa_map_get_renderer (map), FA_TYPE_FLOW_LAYER));
  const FaRect *legend = &layout->overlay.legend;
  guint n = 0;

  g_assert_false (rect_empty (legend));
  for (guint i = 0; i < layout->snapshot->visible->len; i++)
    {
      FaFlow *flow = g_ptr_array_index (layout->snapshot->visible, i);
      FaPlace *ends[] = { fa_flow_get_origin (flow), fa_flow_get_destination (flow) };

      for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
        {
          double x, y;

          if (!fa_flow_layer_get_place_point (flows, ends[e], &x, &y))
            continue;
          cairo_matrix_transform_point (&layout->ctx.to_device, &x, &y);
          n++;
          if (boxes_meet (legend->x1, legend->y1, legend->x2 - legend->x1, legend->y2 - legend->y1,
                          x - 6, y - 6, 12, 12))
            g_error ("the legend covers %s at %.0f,%.0f", fa_place_get_name (ends[e]), x, y);
        }
    }
  g_assert_cmpuint (n, >, 0);

  for (guint i = 0; i < fa_label_space_get_n_placed (layout->labels); i++)
    {
      FaPlacedLabel label;

      fa_label_space_get_placed (layout->labels, i, &label);
      if (label.priority > FA_LABEL_PRIORITY_COUNTRY &&
          boxes_meet (legend->x1, legend->y1, legend->x2 - legend->x1, legend->y2 - legend->y1,
                      label.x, label.y, label.width, label.height))
        g_error ("the legend covers the label “%s”", label.text);
    }
}

/* The three presets at the sizes of a slide, a laptop and a small window. */
static void
test_presets (Fixture       *fixture,
              gconstpointer  data)
{
  FaMapState *state = fa_map_get_state (fixture->map);
  static const char *presets[] = { "relocation", "dprk-workers", "source-regions" };
  static const int sizes[][2] = { { 1920, 1080 }, { 1280, 800 }, { 800, 600 } };

  fa_map_state_set_dataset (state, fixture->dataset);
  fa_map_state_set_month (state, fa_month_from_ym (2023, 6));
  for (guint p = 0; p < G_N_ELEMENTS (presets); p++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (fa_map_apply_show (fixture->map, presets[p], &error));
      g_assert_no_error (error);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_auto(Layout) layout = { 0 };

          g_test_message ("%s at %dx%d", presets[p], sizes[s][0], sizes[s][1]);
          lay_out (fixture->map, sizes[s][0], sizes[s][1], &layout);
          assert_labels_clean (&layout, sizes[s][0], sizes[s][1]);
          assert_legend_clear_of_story (fixture->map, &layout);
        }
    }
}

/* On the pixels too: North Korea, where the workers come from, is drawn
 * the same with the legend and without it. */
static void
test_legend_pixels (Fixture       *fixture,
                    gconstpointer  data)
{
  FaMapState *state = fa_map_get_state (fixture->map);
  FaRenderer *renderer = fa_map_get_renderer (fixture->map);
  FaFlowLayer *flows;
  g_autoptr(GError) error = NULL;
  g_auto(Layout) layout = { 0 };
  g_autoptr(FaMapSnapshot) bare = NULL;
  g_autoptr(cairo_surface_t) with = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  g_autoptr(cairo_surface_t) without = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  g_autoptr(cairo_t) cr = NULL;
  FaRenderContext ctx;
  FaPlace *dprk;
  double x, y;
  guint differ = 0;

  fa_map_state_set_dataset (state, fixture->dataset);
  fa_map_state_set_month (state, fa_month_from_ym (2023, 6));
  g_assert_true (fa_map_apply_show (fixture->map, "dprk-workers", &error));
  lay_out (fixture->map, 800, 600, &layout);

  cr = cairo_create (with);
  fa_renderer_render (renderer, cr, &layout.ctx, FA_LAYERS_ALL);
  g_clear_pointer (&cr, cairo_destroy);
  bare = fa_map_snapshot_copy (layout.snapshot);
  bare->show_legend = FALSE;
  fa_renderer_init_context (renderer, &ctx, layout.viewport, layout.ctx.style, bare);
  ctx.for_export = TRUE;
  cr = cairo_create (without);
  fa_renderer_render (renderer, cr, &ctx, FA_LAYERS_ALL);
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_flush (with);
  cairo_surface_flush (without);

  flows = FA_FLOW_LAYER (fa_renderer_find_layer (renderer, FA_TYPE_FLOW_LAYER));
  dprk = fa_dataset_lookup_place (fixture->dataset, "kp");
  g_assert_nonnull (dprk);
  g_assert_true (fa_flow_layer_get_place_point (flows, dprk, &x, &y));
  cairo_matrix_transform_point (&layout.ctx.to_device, &x, &y);
  g_test_message ("%s at %.0f,%.0f", fa_place_get_name (dprk), x, y);
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (x, <, 800);
  for (int j = (int) y - 4; j <= (int) y + 4; j++)
    for (int i = (int) x - 4; i <= (int) x + 4; i++)
      differ += fa_test_get_pixel (with, i, j) != fa_test_get_pixel (without, i, j);
  g_assert_cmpuint (differ, ==, 0);
}

/* "Ukraine" the country is not printed beside "Ukraine" the place. */
static void
test_repeated_name (Fixture       *fixture,
                    gconstpointer  data)
{
  FaMapState *state = fa_map_get_state (fixture->map);
  g_autoptr(GError) error = NULL;
  g_auto(Layout) layout = { 0 };
  gboolean place_named = FALSE;

  fa_map_state_set_dataset (state, fixture->dataset);
  fa_map_state_set_month (state, fa_month_from_ym (2023, 6));
  g_assert_true (fa_map_apply_show (fixture->map, "relocation", &error));
  lay_out (fixture->map, 1920, 1080, &layout);

  for (guint i = 0; i < fa_label_space_get_n_placed (layout.labels); i++)
    {
      FaPlacedLabel label;

      fa_label_space_get_placed (layout.labels, i, &label);
      if (g_str_equal (label.text, "Ukraine"))
        {
          g_assert_cmpfloat (label.priority, ==, FA_LABEL_PRIORITY_PLACE);
          place_named = TRUE;
        }
    }
  g_assert_true (place_named);
}

/* The desktop's text scaling (FaMapStyle.text_scale, what the window
 * sets from Large Text): every label of the map and the legend grow by
 * it, and the labels stay clear of each other and of the frame. */
static void
test_text_scale (Fixture       *fixture,
                 gconstpointer  data)
{
  FaMapState *state = fa_map_get_state (fixture->map);
  FaRenderer *renderer = fa_map_get_renderer (fixture->map);
  FaLegendLayer *legend = FA_LEGEND_LAYER (fa_renderer_find_layer (renderer, FA_TYPE_LEGEND_LAYER));
  g_autoptr(GError) error = NULL;
  g_auto(Layout) layout = { 0 };
  FaMapStyle large = *fa_map_style_get (FA_MAP_STYLE_PRINT);
  FaRenderContext ctx;
  g_autoptr(FaLabelSpace) labels = NULL;
  FaOverlayLayout overlay;
  guint matched = 0;

  fa_map_state_set_dataset (state, fixture->dataset);
  fa_map_state_set_month (state, fa_month_from_ym (2023, 6));
  g_assert_true (fa_map_apply_show (fixture->map, "relocation", &error));
  lay_out (fixture->map, 1920, 1080, &layout);

  large.text_scale = 1.5;
  fa_renderer_init_context (renderer, &ctx, layout.viewport, &large, layout.snapshot);
  ctx.for_export = TRUE;
  labels = fa_renderer_place_labels (renderer, NULL, &ctx);
  fa_legend_layer_compute_layout (legend, &ctx, &overlay);

  /* The same names, 1.5 times as tall (within a pixel of rounding). */
  for (guint i = 0; i < fa_label_space_get_n_placed (layout.labels); i++)
    {
      FaPlacedLabel a, b;

      fa_label_space_get_placed (layout.labels, i, &a);
      for (guint j = 0; j < fa_label_space_get_n_placed (labels); j++)
        {
          fa_label_space_get_placed (labels, j, &b);
          if (!g_str_equal (a.text, b.text))
            continue;
          g_assert_cmpfloat (fabs (b.height - 1.5 * a.height), <=, 0.12 * a.height + 1.5);
          matched++;
          break;
        }
    }
  g_test_message ("%u names in both layouts", matched);
  g_assert_cmpuint (matched, >, 5);
  /* The legend and the title grow too. */
  g_assert_cmpfloat (overlay.heading.y2 - overlay.heading.y1, >, 1.3 * (layout.overlay.heading.y2 - layout.overlay.heading.y1));
  /* (The legend yields to the map, down to two thirds: it grows less.) */
  g_test_message ("legend %.0f×%.0f → %.0f×%.0f", layout.overlay.legend.x2 - layout.overlay.legend.x1,
                  layout.overlay.legend.y2 - layout.overlay.legend.y1,
                  overlay.legend.x2 - overlay.legend.x1, overlay.legend.y2 - overlay.legend.y1);
  g_assert_cmpfloat ((overlay.legend.x2 - overlay.legend.x1) * (overlay.legend.y2 - overlay.legend.y1), >,
                     1.2 * (layout.overlay.legend.x2 - layout.overlay.legend.x1) *
                     (layout.overlay.legend.y2 - layout.overlay.legend.y1));
}

/* A country's name moves off a marker standing on its label point, and
 * without the marker it stays there. */
static void
test_name_moves_for_marker (Fixture       *fixture,
                            gconstpointer  data)
{
  FaMapState *state = fa_map_get_state (fixture->map);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (fixture->dir, "steppe", NULL);
  g_autofree char *places = NULL, *f1 = NULL, *f2 = NULL, *f3 = NULL;
  g_autoptr(FaDataset) steppe = NULL;
  const double extent[4] = { 85, 40, 120, 55 };
  double lon, lat;

  g_assert_true (fa_geodata_get_label_point (geodata, "MN", &lon, &lat));
  g_mkdir (dir, 0755);
  places = g_strdup_printf ("id,name,lat,lon,kind\nulaan,U,%.4f,%.4f,city\nfar,F,41,116,city\n", lat, lon);
  f1 = fa_test_write_file (dir, "places.csv", places, -1);
  f2 = fa_test_write_file (dir, "flows.csv", "id,origin,dest,count,start,category\nf,ulaan,far,1000,2020-01,test\n", -1);
  f3 = fa_test_write_file (dir, "categories.csv",
                           "id,label,color,group,form,description\ntest,Test,#ff0000,other,,A test flow\n", -1);
  steppe = fa_dataset_new_from_directory (dir, geodata, &error);
  g_assert_no_error (error);

  for (guint with_place = 0; with_place < 2; with_place++)
    {
      FaRenderer *renderer = fa_map_get_renderer (fixture->map);
      g_autoptr(FaViewport) viewport = fa_viewport_new ();
      g_autoptr(FaMapSnapshot) snapshot = NULL;
      g_autoptr(FaLabelSpace) space = NULL;
      FaRenderContext ctx;
      FaRect rect;
      double x = lon, y = lat;
      gboolean found = FALSE;

      fa_map_state_set_dataset (state, with_place ? steppe : NULL);
      fa_viewport_set_size (viewport, 700, 300);
      g_assert_true (fa_projection_project_extent (fa_map_get_projection (fixture->map), extent, &rect));
      fa_viewport_fit_rect (viewport, &rect, 0);
      snapshot = fa_map_state_snapshot (state);
      snapshot->show_legend = FALSE;
      fa_renderer_init_context (renderer, &ctx, viewport, fa_map_style_get (FA_MAP_STYLE_PRINT), snapshot);
      space = fa_renderer_place_labels (renderer, NULL, &ctx);
      fa_projection_forward (fa_map_get_projection (fixture->map), &x, &y, 1);
      cairo_matrix_transform_point (&ctx.to_device, &x, &y);

      for (guint i = 0; i < fa_label_space_get_n_placed (space); i++)
        {
          FaPlacedLabel label;

          fa_label_space_get_placed (space, i, &label);
          if (!g_str_equal (label.text, "Mongolia"))
            continue;
          found = TRUE;
          g_test_message ("Mongolia at %.0f,%.0f %.0fx%.0f; label point %.0f,%.0f",
                          label.x, label.y, label.width, label.height, x, y);
          g_assert_cmpint (boxes_meet (label.x, label.y, label.width, label.height, x - 6, y - 6, 12, 12),
                           ==, !with_place);
        }
      g_assert_true (found);
    }
}

/* Arrow labels say the magnitude as the source does, and only when asked. */
static void
test_arrow_labels (Fixture       *fixture,
                   gconstpointer  data)
{
  FaMapState *state = fa_map_get_state (fixture->map);
  g_autoptr(GError) error = NULL;

  fa_map_state_set_dataset (state, fixture->dataset);
  fa_map_state_set_month (state, fa_month_from_ym (2023, 6));
  g_assert_true (fa_map_apply_show (fixture->map, "relocation", &error));

  for (guint on = 0; on < 2; on++)
    {
      g_auto(Layout) layout = { 0 };
      g_autoptr(GString) said = g_string_new ("");
      guint n_arrows = 0;

      fa_map_state_set_arrow_labels (state, on);
      lay_out (fixture->map, 1920, 1080, &layout);
      assert_labels_clean (&layout, 1920, 1080);
      for (guint i = 0; i < fa_label_space_get_n_placed (layout.labels); i++)
        {
          FaPlacedLabel label;

          fa_label_space_get_placed (layout.labels, i, &label);
          if (label.priority != FA_LABEL_PRIORITY_ARROW)
            continue;
          n_arrows++;
          g_string_append_printf (said, "%s\n", label.text);
        }
      g_test_message ("arrow labels:\n%s", said->str);
      if (on)
        {
          g_assert_cmpuint (n_arrows, >=, 3);
          g_assert_nonnull (strstr (said->str, "tens of thousands\n"));
        }
      else
        g_assert_cmpuint (n_arrows, ==, 0);
    }
}

/* The window draws a margin around what is seen: labels lie whole in the
 * part that is seen, and keep clear of the legend where the overlay (drawn
 * over what is seen alone) puts it.  The window's own cases: its screen
 * style, at normal and large text (1.5), in several sizes; the legend's
 * corner follows what the seen part shows, so a label pass that judged the
 * map with the margin's matrix chose another corner and hid every label. */
static void
test_labels_in_shown_part (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct { int w, h; double text_scale; } cases[] = {
    { 1280, 800, 1.0 }, { 852, 648, 1.5 }, { 926, 648, 1.5 }, { 1074, 648, 1.5 }, { 1000, 700, 1.0 },
  };
  FaMapState *state = fa_map_get_state (fixture->map);
  FaRenderer *renderer = fa_map_get_renderer (fixture->map);
  FaLegendLayer *legend = FA_LEGEND_LAYER (fa_renderer_find_layer (renderer, FA_TYPE_LEGEND_LAYER));
  g_autoptr(GError) error = NULL;

  fa_map_state_set_dataset (state, fixture->dataset);
  fa_map_state_set_month (state, fa_month_from_ym (2024, 3));
  g_assert_true (fa_map_apply_show (fixture->map, "relocation", &error));
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const int m = 160, w = cases[c].w, h = cases[c].h;
      FaMapStyle style = *fa_map_style_get (FA_MAP_STYLE_LIGHT);
      g_autoptr(FaViewport) seen = fa_viewport_new ();
      g_autoptr(FaViewport) wide = NULL;
      g_autoptr(FaLabelSpace) space = NULL;
      g_autoptr(FaMapSnapshot) snapshot = fa_map_state_snapshot (state);
      FaRenderContext ctx, overlay_ctx;
      FaOverlayLayout overlay;
      FaRect story;
      guint n_places = 0;
      gboolean found = FALSE;

      style.text_scale = cases[c].text_scale;
      fa_viewport_set_size (seen, w, h);
      g_assert_true (fa_map_get_story_rect (fixture->map, &story));
      fa_renderer_frame_rect (renderer, seen, &style, snapshot, &story, 24);
      /* The overlay, as the window draws it: over the seen part alone. */
      fa_renderer_init_context (renderer, &overlay_ctx, seen, &style, snapshot);
      fa_legend_layer_compute_layout (legend, &overlay_ctx, &overlay);
      g_assert_false (rect_empty (&overlay.legend));

      wide = fa_viewport_copy (seen);
      fa_viewport_set_size (wide, w + 2 * m, h + 2 * m);
      fa_renderer_init_context (renderer, &ctx, wide, &style, snapshot);
      ctx.shown = (FaRect) { m, m, m + w, m + h };
      space = fa_renderer_place_labels (renderer, NULL, &ctx);
      for (guint i = 0; i < fa_label_space_get_n_placed (space); i++)
        {
          FaPlacedLabel label;

          fa_label_space_get_placed (space, i, &label);
          g_assert_cmpfloat (label.x, >=, m);
          g_assert_cmpfloat (label.y, >=, m);
          g_assert_cmpfloat (label.x + label.width, <=, m + w);
          g_assert_cmpfloat (label.y + label.height, <=, m + h);
          if (label.priority > FA_LABEL_PRIORITY_COUNTRY)
            n_places++;
        }
      g_test_message ("%d×%d, text ×%.1f: %u labels, %u of the story; legend at %.0f,%.0f",
                      w, h, cases[c].text_scale, fa_label_space_get_n_placed (space), n_places,
                      overlay.legend.x1, overlay.legend.y1);
      /* The story's places and callouts are named, not all hidden. */
      g_assert_cmpuint (n_places, >=, 2);
      /* The legend of what is seen is an obstacle where the overlay draws it. */
      for (guint k = 0; k < fa_label_space_get_n_obstacles (space); k++)
        {
          FaRect o;

          fa_label_space_get_obstacle (space, k, &o);
          if (fabs (o.x1 - (m + overlay.legend.x1 - 2)) < 1 && fabs (o.y1 - (m + overlay.legend.y1 - 2)) < 1 &&
              fabs (o.x2 - (m + overlay.legend.x2 + 2)) < 1 && fabs (o.y2 - (m + overlay.legend.y2 + 2)) < 1)
            found = TRUE;
        }
      g_assert_true (found);
    }
}

/* One legend for the panels of a page: as wide as it may be, and then no
 * taller than it must be. */
static void
test_shared_legend (Fixture       *fixture,
                    gconstpointer  data)
{
  FaMapState *state = fa_map_get_state (fixture->map);
  FaRenderer *renderer = fa_map_get_renderer (fixture->map);
  g_autoptr(GError) error = NULL;
  g_autoptr(FaMapSnapshot) before = NULL;
  g_auto(Layout) after = { 0 };
  FaLegendLayer *legend;
  FaRenderContext ctxs[2];
  double wide_w, wide_h, narrow_w, narrow_h, one_w, one_h;

  fa_map_state_set_dataset (state, fixture->dataset);
  g_assert_true (fa_map_apply_show (fixture->map, "relocation", &error));
  fa_map_state_set_month (state, fa_month_from_ym (2023, 6));
  lay_out (fixture->map, 700, 500, &after);
  /* The same view a year and a half before, when no flow was shown. */
  fa_map_state_set_month (state, fa_month_from_ym (2021, 6));
  before = fa_map_state_snapshot (state);
  fa_renderer_init_context (renderer, &ctxs[0], after.viewport, after.ctx.style, before);
  ctxs[0].for_export = TRUE;
  ctxs[1] = after.ctx;
  legend = FA_LEGEND_LAYER (fa_renderer_find_layer (renderer, FA_TYPE_LEGEND_LAYER));

  g_assert_true (fa_legend_layer_measure_shared (legend, ctxs, 2, 1500, 600, &wide_w, &wide_h));
  g_assert_true (fa_legend_layer_measure_shared (legend, ctxs, 2, 400, 2000, &narrow_w, &narrow_h));
  g_assert_true (fa_legend_layer_measure_shared (legend, &ctxs[1], 1, 1500, 600, &one_w, &one_h));
  g_test_message ("wide %.0fx%.0f, narrow %.0fx%.0f, June 2023 alone %.0fx%.0f",
                  wide_w, wide_h, narrow_w, narrow_h, one_w, one_h);
  g_assert_cmpfloat (wide_w, <=, 1500);
  g_assert_cmpfloat (narrow_w, <=, 400);
  /* Columns across the page: much shorter than one column. */
  g_assert_cmpfloat (wide_h * 2, <, narrow_h);
  /* June 2021 shows no flows: both maps together list no more than June
   * 2023 does (each entry once, no per-map flow counts). */
  g_assert_cmpfloat (wide_w * wide_h, <=, one_w * one_h * 1.05);
}

/* Arabic is written right to left: the map's title, legend and scale bar
 * take the right side, the credits the left, as GTK mirrors the window. */
static void
test_rtl_overlay (Fixture       *fixture,
                  gconstpointer  data)
{
  FaMapState *state = fa_map_get_state (fixture->map);
  g_autoptr(GError) error = NULL;
  const double width = 1600;

  fa_map_state_set_dataset (state, fixture->dataset);
  fa_map_state_set_month (state, fa_month_from_ym (2023, 6));
  g_assert_true (fa_map_apply_show (fixture->map, "relocation", &error));

  for (guint arabic = 0; arabic < 2; arabic++)
    {
      g_auto(Layout) layout = { 0 };
      const FaOverlayLayout *o;

      if (arabic)
        g_setenv ("LANGUAGE", "ar", TRUE);
      lay_out (fixture->map, (int) width, 900, &layout);
      g_unsetenv ("LANGUAGE");
      o = &layout.overlay;
      g_test_message ("%s: heading %.0f–%.0f, legend %.0f–%.0f, scale bar %.0f–%.0f, credits %.0f–%.0f",
                      arabic ? "ar" : "C", o->heading.x1, o->heading.x2, o->legend.x1, o->legend.x2,
                      o->scale_bar.x1, o->scale_bar.x2, o->credits.x1, o->credits.x2);
      g_assert_false (rect_empty (&o->heading));
      g_assert_false (rect_empty (&o->scale_bar));
      g_assert_false (rect_empty (&o->credits));
      if (arabic)
        {
          g_assert_cmpfloat (o->heading.x2, >, width - 20);
          g_assert_cmpfloat (o->scale_bar.x2, >, width - 20);
          g_assert_cmpfloat (o->credits.x1, <, 20);
        }
      else
        {
          g_assert_cmpfloat (o->heading.x1, <, 20);
          g_assert_cmpfloat (o->scale_bar.x1, <, 20);
          g_assert_cmpfloat (o->credits.x2, >, width - 20);
        }
      assert_labels_clean (&layout, width, 900);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* The built catalogues, for the right-to-left case. */
  setlocale (LC_ALL, "");
  if (g_getenv ("FLOWATLAS_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("FLOWATLAS_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  geodata = fa_geodata_new (NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fa/labels/presets", test_presets);
  ADD ("/fa/labels/legend-pixels", test_legend_pixels);
  ADD ("/fa/labels/repeated-name", test_repeated_name);
  ADD ("/fa/labels/text-scale", test_text_scale);
  ADD ("/fa/labels/name-moves-for-marker", test_name_moves_for_marker);
  ADD ("/fa/labels/arrow-labels", test_arrow_labels);
  ADD ("/fa/labels/shown-part", test_labels_in_shown_part);
  ADD ("/fa/labels/shared-legend", test_shared_legend);
  ADD ("/fa/labels/rtl-overlay", test_rtl_overlay);
#undef ADD

  status = g_test_run ();
  g_object_unref (geodata);
  return status;
}
