/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-map"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fa-autocleanups.h"
#include "fa-category.h"
#include "fa-dataset.h"
#include "fa-flow-layer.h"
#include "fa-flow.h"
#include "fa-frame.h"
#include "fa-geo-error.h"
#include "fa-geodata.h"
#include "fa-map.h"
#include "fa-month.h"
#include "fa-occupied-layer.h"
#include "fa-choropleth-layer.h"
#include "fa-place-layer.h"
#include "fa-place.h"
#include "fa-projection.h"
#include "fa-test-utils.h"

/* The base map is large: read once for all tests. */
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

  g_assert_nonnull (g_getenv ("FLOWATLAS_GEODATA"));
  path = g_build_filename (g_getenv ("FLOWATLAS_GEODATA"), "datasets", "tip-2024-russia", NULL);
  fixture->dataset = fa_dataset_new_from_directory (path, geodata, &error);
  g_assert_no_error (error);
  fixture->map = fa_map_new (geodata);
  g_assert_nonnull (fa_map_get_renderer (fixture->map));
  fixture->dir = fa_test_make_tmpdir ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  FaMap *map = fixture->map;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* A worker thread may hold its task, and so the map, a little longer
   * than the task's callback ran. */
  g_object_add_weak_pointer (G_OBJECT (map), (gpointer *) &map);
  g_object_unref (fixture->map);
  while (map != NULL && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_null (map);
  /* Not g_assert_finalize_object(): the layers of a renderer outlive it
   * (see /fa/map/renderer-released), and hold the dataset. */
  g_object_unref (fixture->dataset);
  fa_test_rmtree (fixture->dir);
  g_free (fixture->dir);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* --- Projections -------------------------------------------------------------- */

static void
test_projection_bad (Fixture       *fixture,
                     gconstpointer  data)
{
  FaMap *map = fixture->map;
  FaMapState *state = fa_map_get_state (map);
  FaRenderer *renderer = fa_map_get_renderer (map);
  FaProjection *projection = fa_map_get_projection (map);
  const char *bad[] = { "+proj=no-such-projection", "EPSG:999999", "not a projection at all" };
  guint n_renderer = 0, n_projection = 0;

  g_assert_cmpstr (fa_map_state_get_projection (state), ==, FA_PROJECTION_DEFAULT_PRESET);
  g_signal_connect (map, "notify::renderer", G_CALLBACK (on_notify_cb), &n_renderer);
  g_signal_connect (state, "notify::projection", G_CALLBACK (on_notify_cb), &n_projection);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (fa_map_set_projection (map, bad[i], &error));
      g_assert_error (error, FA_GEO_ERROR, FA_GEO_ERROR_PROJECTION);
      g_test_message ("%s: %s", bad[i], error->message);
      g_assert_nonnull (strstr (error->message, bad[i]));

      /* Nothing changed. */
      g_assert_true (fa_map_get_renderer (map) == renderer);
      g_assert_true (fa_map_get_projection (map) == projection);
      g_assert_cmpstr (fa_map_state_get_projection (state), ==, FA_PROJECTION_DEFAULT_PRESET);
    }
  g_assert_cmpuint (n_renderer, ==, 0);
  g_assert_cmpuint (n_projection, ==, 0);

  g_signal_handlers_disconnect_by_data (map, &n_renderer);
  g_signal_handlers_disconnect_by_data (state, &n_projection);
}

static void
test_projection_good (Fixture       *fixture,
                      gconstpointer  data)
{
  FaMap *map = fixture->map;
  FaMapState *state = fa_map_get_state (map);
  g_autoptr(FaRenderer) old = g_object_ref (fa_map_get_renderer (map));
  g_autoptr(GError) error = NULL;
  FaRenderer *renderer;
  FaFlowLayer *flows;
  guint n_renderer = 0, n_projection = 0;

  fa_map_state_set_dataset (state, fixture->dataset);
  g_assert_nonnull (fa_renderer_find_layer (old, FA_TYPE_FLOW_LAYER));
  g_signal_connect (map, "notify::renderer", G_CALLBACK (on_notify_cb), &n_renderer);
  g_signal_connect (state, "notify::projection", G_CALLBACK (on_notify_cb), &n_projection);

  g_assert_true (fa_map_set_projection (map, "EPSG:4326", &error));
  g_assert_no_error (error);

  /* A new renderer in the new projection, and the state says so. */
  renderer = fa_map_get_renderer (map);
  g_assert_true (renderer != old);
  g_assert_cmpuint (n_renderer, ==, 1);
  g_assert_cmpuint (n_projection, ==, 1);
  g_assert_cmpstr (fa_map_state_get_projection (state), ==, "EPSG:4326");
  g_assert_true (fa_map_get_projection (map) == fa_renderer_get_projection (renderer));
  g_assert_cmpstr (fa_projection_get_definition (fa_map_get_projection (map)), ==, "EPSG:4326");
  g_assert_true (fa_projection_is_geographic (fa_map_get_projection (map)));

  /* It draws the dataset shown, in the new projection. */
  flows = FA_FLOW_LAYER (fa_renderer_find_layer (renderer, FA_TYPE_FLOW_LAYER));
  g_assert_nonnull (flows);
  g_assert_true (fa_flow_layer_get_dataset (flows) == fixture->dataset);
  g_assert_true (fa_flow_layer_get_projection (flows) == fa_map_get_projection (map));
  {
    FaPlace *moscow_region = fa_dataset_lookup_place (fixture->dataset, "ru");
    double x, y;

    /* In plate carrée, projected units are degrees. */
    g_assert_true (fa_flow_layer_get_place_point (flows, moscow_region, &x, &y));
    g_assert_cmpfloat_with_epsilon (x, fa_place_get_lon (moscow_region), 1e-6);
    g_assert_cmpfloat_with_epsilon (y, fa_place_get_lat (moscow_region), 1e-6);
  }

  /* The same definition again is built anew, without a change of state. */
  g_assert_true (fa_map_set_projection (map, "EPSG:4326", &error));
  g_assert_cmpuint (n_projection, ==, 1);

  g_signal_handlers_disconnect_by_data (map, &n_renderer);
  g_signal_handlers_disconnect_by_data (state, &n_projection);
}

typedef struct
{
  guint   n_errors;
  GError *error;
} ErrorCount;

static void
on_map_error_cb (FaMap        *map,
                 const GError *error,
                 ErrorCount   *count)
{
  count->n_errors++;
  g_clear_error (&count->error);
  count->error = g_error_copy (error);
}

/* Through the state (as a menu or GSettings sets it): rebuilt on a
 * worker thread; an impossible one is reported and undone. */
static void
test_projection_through_state (Fixture       *fixture,
                               gconstpointer  data)
{
  FaMap *map = fixture->map;
  FaMapState *state = fa_map_get_state (map);
  FaRenderer *renderer = fa_map_get_renderer (map);
  ErrorCount count = { 0, NULL };
  gint64 end;

  g_signal_connect (map, "error", G_CALLBACK (on_map_error_cb), &count);

  fa_map_state_set_projection (state, "EPSG:3857");
  g_assert_true (fa_map_get_busy (map));
  /* The map shows the old projection until the new one is ready. */
  g_assert_true (fa_map_get_renderer (map) == renderer);
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (fa_map_get_busy (map) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (fa_map_get_busy (map));
  g_assert_cmpuint (count.n_errors, ==, 0);
  g_assert_true (fa_map_get_renderer (map) != renderer);
  g_assert_cmpstr (fa_projection_get_definition (fa_map_get_projection (map)), ==, "EPSG:3857");
  renderer = fa_map_get_renderer (map);

  fa_map_state_set_projection (state, "+proj=no-such-projection");
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((fa_map_get_busy (map) || count.n_errors == 0) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count.n_errors, ==, 1);
  g_assert_error (count.error, FA_GEO_ERROR, FA_GEO_ERROR_PROJECTION);
  g_assert_true (fa_map_get_renderer (map) == renderer);
  g_assert_cmpstr (fa_map_state_get_projection (state), ==, "EPSG:3857");

  g_signal_handlers_disconnect_by_data (map, &count);
  g_clear_error (&count.error);
}

/* --- Hit tests ---------------------------------------------------------------- */

/* One drawing of the map: its image, its view and the frame it recorded. */
typedef struct
{
  cairo_surface_t *surface;
  FaViewport      *viewport;
  FaMapSnapshot   *snapshot;
  FaFrame         *frame;
  FaRenderContext  ctx;
} Drawing;

static void
drawing_clear (Drawing *drawing)
{
  g_clear_pointer (&drawing->surface, cairo_surface_destroy);
  g_clear_object (&drawing->viewport);
  g_clear_pointer (&drawing->snapshot, fa_map_snapshot_unref);
  g_clear_pointer (&drawing->frame, fa_frame_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Drawing, drawing_clear)

/* Draws @map's state as it is now, @extent (degrees) fitted into
 * @width × @height pixels. */
static void
draw_map (FaMap        *map,
          Drawing      *drawing,
          const double  extent[4],
          int           width,
          int           height)
{
  FaRenderer *renderer = fa_map_get_renderer (map);
  const FaMapStyle *style = fa_map_style_get (FA_MAP_STYLE_LIGHT);
  g_autoptr(cairo_t) cr = NULL;
  FaRect rect;

  drawing->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  drawing->viewport = fa_viewport_new ();
  fa_viewport_set_size (drawing->viewport, width, height);
  g_assert_true (fa_projection_project_extent (fa_map_get_projection (map), extent, &rect));
  fa_viewport_fit_rect (drawing->viewport, &rect, 0);
  drawing->snapshot = fa_map_state_snapshot (fa_map_get_state (map));
  drawing->frame = fa_frame_new ();

  cr = cairo_create (drawing->surface);
  fa_map_style_set_source (cr, &style->ocean);
  cairo_paint (cr);
  fa_renderer_init_context (renderer, &drawing->ctx, drawing->viewport, style, drawing->snapshot);
  drawing->ctx.frame = drawing->frame;
  fa_renderer_render (renderer, cr, &drawing->ctx, FA_LAYERS_ALL);
  cairo_surface_flush (drawing->surface);
}

/* Where @place is drawn, in the drawing's pixels. */
static void
place_on_screen (FaMap         *map,
                 const Drawing *drawing,
                 FaPlace       *place,
                 double        *x,
                 double        *y)
{
  FaFlowLayer *flows = FA_FLOW_LAYER (fa_renderer_find_layer (fa_map_get_renderer (map), FA_TYPE_FLOW_LAYER));

  g_assert_true (fa_flow_layer_get_place_point (flows, place, x, y));
  cairo_matrix_transform_point (&drawing->ctx.to_device, x, y);
}

/* A pixel of @flow's arrow in @drawing: from the middle of the chord
 * between its ends, along the perpendicular on the right of travel
 * (where arrows bow, by about 16 % of the chord), the pixel of its
 * category's colour nearest the expected bow. */
static gboolean
find_arrow_pixel (FaMap         *map,
                  const Drawing *drawing,
                  FaFlow        *flow,
                  int           *out_x,
                  int           *out_y)
{
  guint32 color = fa_category_get_color (fa_flow_get_category (flow));
  int width = cairo_image_surface_get_width (drawing->surface);
  int height = cairo_image_surface_get_height (drawing->surface);
  double ox, oy, dx, dy, chord, nx, ny, mx, my;

  place_on_screen (map, drawing, fa_flow_get_origin (flow), &ox, &oy);
  place_on_screen (map, drawing, fa_flow_get_destination (flow), &dx, &dy);
  chord = hypot (dx - ox, dy - oy);
  g_assert_cmpfloat (chord, >, 50);
  /* The right-hand normal on screen, where y grows down. */
  nx = -(dy - oy) / chord;
  ny = (dx - ox) / chord;
  mx = (ox + dx) / 2;
  my = (oy + dy) / 2;

  /* Outwards from the expected bow, on both sides of it. */
  for (int step = 0; step <= (int) (chord * 0.3); step++)
    for (int sign = -1; sign <= 1; sign += 2)
      {
        double off = 0.16 * chord + sign * step;
        int x = (int) round (mx + nx * off);
        int y = (int) round (my + ny * off);

        if (x < 0 || y < 0 || x >= width || y >= height)
          continue;
        if (fa_test_color_near (fa_test_get_pixel (drawing->surface, x, y), color, 24))
          {
            *out_x = x;
            *out_y = y;
            return TRUE;
          }
      }

  return FALSE;
}

/* Ukraine to Russia at 20 px a degree: x = (lon − 20) × 20,
 * y = (60 − lat) × 20. */
static const double extent[4] = { 20, 40, 60, 60 };
#define WIDTH  800
#define HEIGHT 400

/* June 2023, only the forced transfers of children: one arrow from
 * Ukraine to Russia, one to Belarus, one loop within occupied Ukraine. */
static void
set_up_children (Fixture *fixture)
{
  FaMapState *state = fa_map_get_state (fixture->map);
  g_autoptr(GError) error = NULL;

  g_assert_true (fa_map_set_projection (fixture->map, "EPSG:4326", &error));
  g_assert_no_error (error);
  fa_map_state_set_dataset (state, fixture->dataset);
  fa_map_state_set_month (state, fa_month_from_ym (2023, 6));
  g_assert_true (fa_map_apply_show (fixture->map, "child-transfer", &error));
  g_assert_no_error (error);
  fa_map_state_set_show_legend (state, FALSE);
}

static void
test_pick (Fixture       *fixture,
           gconstpointer  data)
{
  FaMap *map = fixture->map;
  FaFlow *flow = fa_dataset_lookup_flow (fixture->dataset, "children-ua-ru");
  FaPlace *belarus = fa_dataset_lookup_place (fixture->dataset, "by");
  g_auto(Drawing) drawing = { 0 };
  FaMapHit hit = FA_MAP_HIT_INIT;
  g_autofree char *text = NULL;
  int ax = 0, ay = 0;
  double px, py;

  g_assert_nonnull (flow);
  g_assert_nonnull (belarus);
  set_up_children (fixture);
  g_assert_true (fa_map_state_flow_is_shown (fa_map_get_state (map), flow));
  draw_map (map, &drawing, extent, WIDTH, HEIGHT);
  if (g_getenv ("FA_TEST_SAVE_SHOT") != NULL)
    cairo_surface_write_to_png (drawing.surface, g_getenv ("FA_TEST_SAVE_SHOT"));

  /* On the arrow: that flow, from the flow layer. */
  g_assert_true (find_arrow_pixel (map, &drawing, flow, &ax, &ay));
  g_test_message ("arrow pixel at %d, %d", ax, ay);
  g_assert_true (fa_renderer_pick (fa_map_get_renderer (map), &drawing.ctx, FA_LAYERS_DYNAMIC, ax, ay, &hit));
  g_assert_true (FA_IS_FLOW_LAYER (hit.layer));
  g_assert_true (hit.item == G_OBJECT (flow));

  /* Its description names where it comes from and where it goes. */
  text = fa_renderer_describe (fa_map_get_renderer (map), &drawing.ctx, &hit);
  g_assert_nonnull (text);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, fa_place_get_name (fa_flow_get_origin (flow))));
  g_assert_nonnull (strstr (text, fa_place_get_name (fa_flow_get_destination (flow))));

  /* On Belarus's marker: the place. */
  place_on_screen (map, &drawing, belarus, &px, &py);
  g_assert_true (fa_renderer_pick (fa_map_get_renderer (map), &drawing.ctx, FA_LAYERS_DYNAMIC, px, py, &hit));
  g_assert_true (FA_IS_PLACE_LAYER (hit.layer));
  g_assert_true (hit.item == G_OBJECT (belarus));
  g_clear_pointer (&text, g_free);
  text = fa_renderer_describe (fa_map_get_renderer (map), &drawing.ctx, &hit);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, fa_place_get_name (belarus)));
  /* The flows shown that reach it, counted; a range ("tens of
   * thousands") is not added up into people. */
  g_assert_nonnull (strstr (text, "1 flow shown arrives here"));
  g_assert_null (strstr (text, "people in all"));

  /* The Black Sea at 34° E 43° N: nothing drawn, nothing picked. */
  {
    const FaMapStyle *style = fa_map_style_get (FA_MAP_STYLE_LIGHT);
    guint32 ocean = ((guint) (style->ocean.red * 255 + 0.5) << 16) |
                    ((guint) (style->ocean.green * 255 + 0.5) << 8) |
                    (guint) (style->ocean.blue * 255 + 0.5);

    fa_assert_pixel (drawing.surface, 280, 340, ocean, 6);
  }
  g_assert_false (fa_renderer_pick (fa_map_get_renderer (map), &drawing.ctx, FA_LAYERS_DYNAMIC, 280, 340, &hit));
  g_assert_null (hit.layer);
  g_assert_null (hit.item);
}

/* Hit data belongs to the drawing that made it, not to the layers. */
static void
test_pick_frames (Fixture       *fixture,
                  gconstpointer  data)
{
  FaMap *map = fixture->map;
  FaRenderer *renderer;
  FaFlow *flow = fa_dataset_lookup_flow (fixture->dataset, "children-ua-ru");
  FaPlace *belarus = fa_dataset_lookup_place (fixture->dataset, "by");
  g_auto(Drawing) first = { 0 };
  g_auto(Drawing) second = { 0 };
  g_autoptr(FaFrame) fresh = fa_frame_new ();
  g_autofree char *png = g_build_filename (fixture->dir, "export.png", NULL);
  g_autoptr(GError) error = NULL;
  FaRenderContext ctx;
  FaMapHit hit = FA_MAP_HIT_INIT;
  int ax = 0, ay = 0, bx = 0, by = 0;
  double px, py;

  set_up_children (fixture);
  renderer = fa_map_get_renderer (map);
  draw_map (map, &first, extent, WIDTH, HEIGHT);
  g_assert_true (find_arrow_pixel (map, &first, flow, &ax, &ay));
  place_on_screen (map, &first, belarus, &px, &py);

  /* The same view with a frame that was never drawn: nothing. */
  ctx = first.ctx;
  ctx.frame = fresh;
  g_assert_false (fa_renderer_pick (renderer, &ctx, FA_LAYERS_DYNAMIC, ax, ay, &hit));
  g_assert_null (hit.item);
  g_assert_false (fa_renderer_pick (renderer, &ctx, FA_LAYERS_DYNAMIC, px, py, &hit));
  g_assert_null (hit.item);
  /* Nor without a frame at all. */
  ctx.frame = NULL;
  g_assert_false (fa_renderer_pick (renderer, &ctx, FA_LAYERS_DYNAMIC, ax, ay, &hit));

  /* A second drawing at twice the size, into its own frame, and an export
   * in between: the arrow is elsewhere in them... */
  draw_map (map, &second, extent, 2 * WIDTH, 2 * HEIGHT);
  g_assert_true (fa_map_export (map, second.viewport, fa_map_style_get (FA_MAP_STYLE_PRINT), 1.0, png, &error));
  g_assert_no_error (error);
  g_assert_true (find_arrow_pixel (map, &second, flow, &bx, &by));
  g_test_message ("arrow pixel at %d, %d in the first drawing, %d, %d in the second", ax, ay, bx, by);
  g_assert_true (fa_renderer_pick (renderer, &second.ctx, FA_LAYERS_DYNAMIC, bx, by, &hit));
  g_assert_true (hit.item == G_OBJECT (flow));
  fa_renderer_pick (renderer, &second.ctx, FA_LAYERS_DYNAMIC, ax, ay, &hit);
  g_assert_true (hit.item != G_OBJECT (flow));

  /* ...and the first frame still answers for the first drawing. */
  g_assert_true (fa_renderer_pick (renderer, &first.ctx, FA_LAYERS_DYNAMIC, ax, ay, &hit));
  g_assert_true (hit.item == G_OBJECT (flow));
  g_assert_true (fa_renderer_pick (renderer, &first.ctx, FA_LAYERS_DYNAMIC, px, py, &hit));
  g_assert_true (hit.item == G_OBJECT (belarus));
  fa_renderer_pick (renderer, &first.ctx, FA_LAYERS_DYNAMIC, bx, by, &hit);
  g_assert_true (hit.item != G_OBJECT (flow));
}

/* A renderer replaced by another projection lets go of its layers (the
 * base map in the old projection, the flows and their dataset). */
static void
test_renderer_released (Fixture       *fixture,
                        gconstpointer  data)
{
  FaMap *map = fixture->map;
  FaRenderer *renderer;
  GType types[] = { FA_TYPE_FLOW_LAYER, FA_TYPE_PLACE_LAYER, g_type_from_name ("FaBasemapLayer"),
                    g_type_from_name ("FaLegendLayer") };
  gpointer layers[G_N_ELEMENTS (types)];
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) alive = g_string_new (NULL);

  fa_map_state_set_dataset (fa_map_get_state (map), fixture->dataset);
  renderer = fa_map_get_renderer (map);
  g_object_add_weak_pointer (G_OBJECT (renderer), (gpointer *) &renderer);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_assert_true (types[i] != G_TYPE_INVALID);
      layers[i] = fa_renderer_find_layer (renderer, types[i]);
      g_assert_nonnull (layers[i]);
      g_object_add_weak_pointer (layers[i], &layers[i]);
    }

  g_assert_true (fa_map_set_projection (map, "EPSG:4326", &error));
  g_assert_no_error (error);
  g_assert_null (renderer);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (layers[i] != NULL)
      {
        g_string_append_printf (alive, "%s%s", alive->len > 0 ? ", " : "", G_OBJECT_TYPE_NAME (layers[i]));
        g_object_remove_weak_pointer (layers[i], &layers[i]);
      }
  if (alive->len > 0)
    {
      /* Fixed; a regression would be: FaLegendLayer keeps a strong reference to the GListStore of
       * its renderer's layers (fa_legend_layer_set_layers()), which holds
       * the legend: a cycle that fa_renderer_dispose() does not break, so
       * every replaced renderer leaks all its layers. */
      g_test_message ("still alive after the renderer: %s", alive->str);
      g_test_fail_printf ("%s", "the layers of a replaced renderer are never finalized");
    }
}

/* The labels of the legend entries the layers give for @extent. */
static char *
legend_labels (FaMap        *map,
               const double  view[4])
{
  g_auto(Drawing) drawing = { 0 };
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) fa_legend_entry_free);
  GString *labels = g_string_new (NULL);
  GType types[] = { FA_TYPE_OCCUPIED_LAYER, FA_TYPE_CHOROPLETH_LAYER };

  draw_map (map, &drawing, view, WIDTH, HEIGHT);
  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      FaMapLayer *layer = fa_renderer_find_layer (fa_map_get_renderer (map), types[t]);

      g_assert_nonnull (layer);
      fa_map_layer_collect_legend (layer, &drawing.ctx, entries);
    }
  for (guint i = 0; i < entries->len; i++)
    g_string_append_printf (labels, "%s\n", ((FaLegendEntry *) g_ptr_array_index (entries, i))->label);

  return g_string_free (labels, FALSE);
}

/* The legend speaks of what the map shows: the occupied oblasts and the
 * tinted Far East have entries only in a view that has them. */
static void
test_legend_in_view (Fixture       *fixture,
                     gconstpointer  data)
{
  FaMapState *state = fa_map_get_state (fixture->map);
  g_autoptr(GError) error = NULL;
  static const double europe[4] = { 20, 40, 60, 60 };
  static const double far_east[4] = { 120, 42, 160, 62 };
  g_autofree char *in_europe = NULL, *in_far_east = NULL;

  g_assert_true (fa_map_set_projection (fixture->map, "EPSG:4326", &error));
  fa_map_state_set_dataset (state, fixture->dataset);
  fa_map_state_set_month (state, fa_month_from_ym (2023, 6));
  g_assert_true (fa_map_apply_show (fixture->map, "dprk-workers", &error));
  g_assert_no_error (error);

  in_europe = legend_labels (fixture->map, europe);
  in_far_east = legend_labels (fixture->map, far_east);
  g_test_message ("Europe:\n%sFar East:\n%s", in_europe, in_far_east);
  g_assert_nonnull (strstr (in_europe, "Sevastopol"));
  g_assert_null (strstr (in_europe, "North Korean workers are sent"));
  g_assert_null (strstr (in_far_east, "Sevastopol"));
  g_assert_null (strstr (in_far_east, "partly occupied"));
  g_assert_nonnull (strstr (in_far_east, "North Korean workers are sent"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  geodata = fa_geodata_new (NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fa/map/projection-bad", test_projection_bad);
  ADD ("/fa/map/projection-good", test_projection_good);
  ADD ("/fa/map/projection-through-state", test_projection_through_state);
  ADD ("/fa/map/pick", test_pick);
  ADD ("/fa/map/pick-frames", test_pick_frames);
  ADD ("/fa/map/renderer-released", test_renderer_released);
  ADD ("/fa/map/legend-in-view", test_legend_in_view);
#undef ADD

  status = g_test_run ();
  g_clear_object (&geodata);
  return status;
}
