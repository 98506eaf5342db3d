/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-renderer"

#include "config.h"

#include "fa-renderer.h"

#include "fa-autocleanups.h"

#include "fa-basemap-layer.h"
#include "fa-choropleth-layer.h"
#include "fa-dataset.h"
#include "fa-event-layer.h"
#include "fa-flow-layer.h"
#include "fa-place-layer.h"
#include "fa-legend-layer.h"
#include "fa-map-state.h"
#include "fa-occupied-layer.h"
#include "fa-shape-layer.h"

#include <string.h>

/* One renderer serves the widget, export and tests alike: it knows only
 * Cairo.  The widget asks for the static layers once per settled view and
 * caches them, then draws the dynamic and overlay layers every frame.
 */
struct _FaRenderer
{
  GObject       parent_instance;

  FaProjection *projection;   /* owned */
  GListStore   *layers;       /* FaMapLayer, bottom first: the model, changed on
                               * the main thread only */
  /* The same layers as an array that is replaced, never changed, when the
   * model changes: drawings on worker threads iterate a reference to it,
   * never the model, which a thread may not read while another edits it. */
  GMutex        frozen_lock;
  GPtrArray    *frozen;       /* owned: FaMapLayer refs */
};

G_DEFINE_FINAL_TYPE (FaRenderer, fa_renderer, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_layer_changed_cb (FaRenderer *self,
                     FaMapLayer *layer)
{
  g_signal_emit (self, signals[CHANGED], 0, (guint) fa_map_layer_get_kind (layer));
}

static void
on_layer_notify_cb (FaRenderer *self,
                    GParamSpec *pspec,
                    FaMapLayer *layer)
{
  /* Hover and selection repaint the live layers only. */
  g_signal_emit (self, signals[CHANGED], 0, (guint) fa_map_layer_get_kind (layer));
}

/* After every change of the model, on the main thread. */
static void
refreeze (FaRenderer *self)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *old;
  guint n = self->layers != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->layers)) : 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (G_LIST_MODEL (self->layers), i));

  g_mutex_lock (&self->frozen_lock);
  old = self->frozen;
  self->frozen = array;
  g_mutex_unlock (&self->frozen_lock);
  g_clear_pointer (&old, g_ptr_array_unref);

  for (guint i = 0; i < array->len; i++)
    if (FA_IS_LEGEND_LAYER (g_ptr_array_index (array, i)))
      fa_legend_layer_set_layers (g_ptr_array_index (array, i), array);
}

/**
 * fa_renderer_ref_layers:
 *
 * The layers as they are now, for a drawing on any thread: the array
 * stays as it is while the renderer's layers change.
 *
 * Returns: (transfer full) (element-type FaMapLayer): a read-only array
 */
GPtrArray *
fa_renderer_ref_layers (FaRenderer *self)
{
  GPtrArray *array;

  g_return_val_if_fail (FA_IS_RENDERER (self), NULL);

  g_mutex_lock (&self->frozen_lock);
  array = g_ptr_array_ref (self->frozen);
  g_mutex_unlock (&self->frozen_lock);

  return array;
}

static void
fa_renderer_finalize (GObject *object)
{
  FaRenderer *self = FA_RENDERER (object);

  g_clear_pointer (&self->frozen, g_ptr_array_unref);
  g_mutex_clear (&self->frozen_lock);

  G_OBJECT_CLASS (fa_renderer_parent_class)->finalize (object);
}

static void
fa_renderer_dispose (GObject *object)
{
  FaRenderer *self = FA_RENDERER (object);

  if (self->layers != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->layers));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FaMapLayer) layer = g_list_model_get_item (G_LIST_MODEL (self->layers), i);

          g_signal_handlers_disconnect_by_data (layer, self);
        }
      /* The legend holds the list it describes: break the cycle. */
      g_list_store_remove_all (self->layers);
      refreeze (self);
    }
  g_clear_object (&self->layers);
  g_clear_object (&self->projection);

  G_OBJECT_CLASS (fa_renderer_parent_class)->dispose (object);
}

static void
fa_renderer_class_init (FaRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fa_renderer_dispose;
  object_class->finalize = fa_renderer_finalize;

  /**
   * FaRenderer::changed:
   * @kinds: the #FaLayerSet bits of what changed
   *
   * Emitted when any layer changed what it draws, or was added or removed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
fa_renderer_init (FaRenderer *self)
{
  self->layers = g_list_store_new (FA_TYPE_MAP_LAYER);
  g_mutex_init (&self->frozen_lock);
  self->frozen = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * fa_renderer_new:
 * @projection: the projection all layers are drawn in
 *
 * Returns: (transfer full): a renderer without layers
 */
FaRenderer *
fa_renderer_new (FaProjection *projection)
{
  FaRenderer *self;

  g_return_val_if_fail (projection != NULL, NULL);

  self = g_object_new (FA_TYPE_RENDERER, NULL);
  self->projection = g_object_ref (projection);

  return self;
}

FaProjection *
fa_renderer_get_projection (FaRenderer *self)
{
  g_return_val_if_fail (FA_IS_RENDERER (self), NULL);

  return self->projection;
}

/**
 * fa_renderer_get_layers:
 *
 * Returns: (transfer none): the layers, a #GListModel of #FaMapLayer
 */
GListModel *
fa_renderer_get_layers (FaRenderer *self)
{
  g_return_val_if_fail (FA_IS_RENDERER (self), NULL);

  return G_LIST_MODEL (self->layers);
}

void
fa_renderer_insert_layer (FaRenderer *self,
                          FaMapLayer *layer,
                          guint       position)
{
  g_return_if_fail (FA_IS_RENDERER (self));
  g_return_if_fail (FA_IS_MAP_LAYER (layer));

  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->layers)));
  g_signal_connect_object (layer, "changed", G_CALLBACK (on_layer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (layer, "notify", G_CALLBACK (on_layer_notify_cb), self, G_CONNECT_SWAPPED);
  g_list_store_insert (self->layers, position, layer);
  refreeze (self);
  g_signal_emit (self, signals[CHANGED], 0, (guint) FA_LAYERS_ALL);
}

/**
 * fa_renderer_add_layer:
 *
 * Adds @layer on top of the map content: below the screen-fixed overlays
 * (legend, scale bar) unless it is an overlay itself.
 */
void
fa_renderer_add_layer (FaRenderer *self,
                       FaMapLayer *layer)
{
  guint n, position;

  g_return_if_fail (FA_IS_RENDERER (self));
  g_return_if_fail (FA_IS_MAP_LAYER (layer));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->layers));
  position = n;
  if (fa_map_layer_get_kind (layer) != FA_LAYERS_OVERLAY)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FaMapLayer) other = g_list_model_get_item (G_LIST_MODEL (self->layers), i);

          if (fa_map_layer_get_kind (other) == FA_LAYERS_OVERLAY)
            {
              position = i;
              break;
            }
        }
    }

  fa_renderer_insert_layer (self, layer, position);
}

/**
 * fa_renderer_set_dataset:
 * @dataset: (nullable): the dataset to draw, or %NULL for none
 *
 * Replaces the dataset layers: the source-region choropleth over the base
 * map, the flow arrows, and the place markers above them.  The legend
 * takes the dataset's title.
 *
 * Returns: (transfer none) (nullable): the new flow layer
 */
FaFlowLayer *
fa_renderer_set_dataset (FaRenderer *self,
                         FaDataset  *dataset)
{
  g_autoptr(FaFlowLayer) flows = NULL;
  g_autoptr(FaPlaceLayer) places = NULL;
  g_autoptr(FaChoroplethLayer) choropleth = NULL;
  g_autoptr(FaEventLayer) events = NULL;
  FaBasemapLayer *basemap;
  FaLegendLayer *legend;
  GType types[] = { FA_TYPE_CHOROPLETH_LAYER, FA_TYPE_FLOW_LAYER, FA_TYPE_PLACE_LAYER, FA_TYPE_EVENT_LAYER };

  g_return_val_if_fail (FA_IS_RENDERER (self), NULL);
  g_return_val_if_fail (!dataset || FA_IS_DATASET (dataset), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      FaMapLayer *old;

      while ((old = fa_renderer_find_layer (self, types[i])) != NULL)
        fa_renderer_remove_layer (self, old);
    }

  legend = (FaLegendLayer *) fa_renderer_find_layer (self, FA_TYPE_LEGEND_LAYER);
  if (legend != NULL)
    fa_legend_layer_set_dataset (legend, dataset);

  if (dataset == NULL)
    return NULL;

  flows = fa_flow_layer_new (dataset, self->projection);
  places = fa_place_layer_new (flows);
  basemap = (FaBasemapLayer *) fa_renderer_find_layer (self, FA_TYPE_BASEMAP_LAYER);
  if (basemap != NULL)
    {
      choropleth = fa_choropleth_layer_new (flows, basemap);
      fa_renderer_add_layer (self, FA_MAP_LAYER (choropleth));
    }
  fa_renderer_add_layer (self, FA_MAP_LAYER (flows));
  fa_renderer_add_layer (self, FA_MAP_LAYER (places));
  events = fa_event_layer_new (flows);
  fa_renderer_add_layer (self, FA_MAP_LAYER (events));

  return flows;
}

/**
 * fa_renderer_new_for_geodata:
 * @geodata: the bundled base map
 * @projection: the map projection
 *
 * A renderer with the layers every FlowAtlas map has: the base map at the
 * bottom and the legend on top.
 *
 * Returns: (transfer full) (nullable): the renderer, or %NULL with @error
 *   set when the base map cannot be loaded
 */
FaRenderer *
fa_renderer_new_for_geodata (FaGeodata     *geodata,
                             FaProjection  *projection,
                             GError       **error)
{
  g_autoptr(FaRenderer) self = NULL;
  g_autoptr(FaBasemapLayer) basemap = NULL;
  g_autoptr(FaLegendLayer) legend = NULL;

  basemap = fa_basemap_layer_new (geodata, projection, error);
  if (basemap == NULL)
    return NULL;

  self = fa_renderer_new (projection);
  legend = fa_legend_layer_new ();
  fa_legend_layer_set_projection (legend, projection);
  fa_renderer_add_layer (self, FA_MAP_LAYER (basemap));
  /* Occupied territory as of the month shown: over the base map's image. */
  {
    g_autoptr(FaOccupiedLayer) occupied = fa_occupied_layer_new (basemap);

    fa_renderer_add_layer (self, FA_MAP_LAYER (occupied));
  }
  fa_renderer_add_layer (self, FA_MAP_LAYER (legend));

  return g_steal_pointer (&self);
}

void
fa_renderer_remove_layer (FaRenderer *self,
                          FaMapLayer *layer)
{
  guint position;

  g_return_if_fail (FA_IS_RENDERER (self));
  g_return_if_fail (FA_IS_MAP_LAYER (layer));

  if (!g_list_store_find (self->layers, layer, &position))
    return;

  g_signal_handlers_disconnect_by_data (layer, self);
  g_list_store_remove (self->layers, position);
  refreeze (self);
  g_signal_emit (self, signals[CHANGED], 0, (guint) FA_LAYERS_ALL);
}

/**
 * fa_renderer_find_layer:
 *
 * Returns: (transfer none) (nullable): the first layer of @type
 */
FaMapLayer *
fa_renderer_find_layer (FaRenderer *self,
                        GType       type)
{
  g_autoptr(GPtrArray) layers = NULL;

  g_return_val_if_fail (FA_IS_RENDERER (self), NULL);

  layers = fa_renderer_ref_layers (self);
  for (guint i = 0; i < layers->len; i++)
    {
      FaMapLayer *layer = g_ptr_array_index (layers, i);

      /* The model holds it too. */
      if (G_TYPE_CHECK_INSTANCE_TYPE (layer, type))
        return layer;
    }

  return NULL;
}

/**
 * fa_renderer_init_context:
 * @ctx: (out caller-allocates): the context of one frame
 */
void
fa_renderer_init_context (FaRenderer          *self,
                          FaRenderContext     *ctx,
                          FaViewport          *viewport,
                          const FaMapStyle    *style,
                          const FaMapSnapshot *state)
{
  g_return_if_fail (FA_IS_RENDERER (self));

  fa_render_context_init (ctx, viewport, self->projection, style, state);
}

/**
 * fa_renderer_pick:
 * @ctx: the drawing asked about, with the frame it recorded
 * @which: the kinds of layers to ask
 * @hit: (out caller-allocates): the topmost thing under the point
 *
 * Returns: whether a layer of @which has something under (@x, @y)
 */
gboolean
fa_renderer_pick (FaRenderer            *self,
                  const FaRenderContext *ctx,
                  FaLayerSet             which,
                  double                 x,
                  double                 y,
                  FaMapHit              *hit)
{
  g_autoptr(GPtrArray) layers = NULL;

  g_return_val_if_fail (FA_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  *hit = FA_MAP_HIT_INIT;
  layers = fa_renderer_ref_layers (self);
  for (guint i = layers->len; i > 0; i--)
    {
      FaMapLayer *layer = g_ptr_array_index (layers, i - 1);

      if ((fa_map_layer_get_kind (layer) & which) && fa_map_layer_pick (layer, ctx, x, y, hit))
        return TRUE;
    }

  return FALSE;
}

/**
 * fa_renderer_describe:
 * @hit: a hit from fa_renderer_pick()
 *
 * Returns: (transfer full) (nullable): what every layer says about @hit,
 *   one statement a line, or %NULL when none says anything
 */
char *
fa_renderer_describe (FaRenderer            *self,
                      const FaRenderContext *ctx,
                      const FaMapHit        *hit)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) layers = NULL;

  g_return_val_if_fail (FA_IS_RENDERER (self), NULL);
  g_return_val_if_fail (hit != NULL, NULL);

  if (hit->layer == NULL)
    return NULL;

  /* The layer hit speaks first, then the others add to it. */
  fa_map_layer_describe (hit->layer, ctx, hit, text);
  layers = fa_renderer_ref_layers (self);
  for (guint i = 0; i < layers->len; i++)
    {
      FaMapLayer *layer = g_ptr_array_index (layers, i);

      if (layer != hit->layer)
        fa_map_layer_describe (layer, ctx, hit, text);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Shapefile layers can be large (Natural Earth's admin-1 has 1.3 million
 * points), so they are drawn on a second thread into an image of their own
 * while the main thread draws the layers below, then composited in place.
 * Only shape layers go there: they draw immutable geometry with Cairo alone
 * (no Pango) and only ever paint over, so drawing them apart and compositing
 * the result gives the same pixels.  Below this many points a thread does
 * not pay for its image and the compositing. */
#define PARALLEL_MIN_POINTS 100000
#define PARALLEL_MAX_PIXELS 40e6

typedef struct
{
  GPtrArray             *layers;        /* owned: the FaMapLayers to draw, bottom first */
  cairo_surface_t       *surface;       /* owned: transparent, the size of the export */
  double                 pixel_scale;
  const FaRenderContext *ctx;           /* borrowed: read-only while the thread runs */
  cairo_status_t         status;
} LayerJob;

static gpointer
layer_job_thread (gpointer data)
{
  LayerJob *job = data;
  g_autoptr(cairo_t) cr = NULL;

  /* Touch every page by writing: the new image is calloc()'d, and blending
   * onto it would otherwise read the shared zero page first, then pay a
   * copy-on-write fault and a TLB shootdown of the other thread per page. */
  memset (cairo_image_surface_get_data (job->surface), 0,
          (gsize) cairo_image_surface_get_stride (job->surface) *
          cairo_image_surface_get_height (job->surface));
  cairo_surface_mark_dirty (job->surface);

  cr = cairo_create (job->surface);
  cairo_scale (cr, job->pixel_scale, job->pixel_scale);
  for (guint i = 0; i < job->layers->len; i++)
    fa_map_layer_render (g_ptr_array_index (job->layers, i), cr, job->ctx);
  job->status = cairo_status (cr);

  return NULL;
}

/* --- Framing ------------------------------------------------------------ */

/**
 * fa_renderer_frame_rect:
 * @viewport: the view to move, at its final size
 * @state: (nullable): what is drawn, for the legend's size
 * @rect: projected units: what must be seen, the story of a preset
 * @margin: pixels to keep around it
 *
 * Zooms and centres @viewport on @rect with room for the title above it
 * and for the legend beside it, or below it when that leaves the map
 * larger (a portrait page): the legend's automatic place is then where
 * the story is not.
 */
void
fa_renderer_frame_rect (FaRenderer          *self,
                        FaViewport          *viewport,
                        const FaMapStyle    *style,
                        const FaMapSnapshot *state,
                        const FaRect        *rect,
                        double               margin)
{
  FaLegendLayer *legend;
  FaRenderContext ctx;
  FaOverlayLayout layout;
  FaLegendPosition position = state != NULL ? state->legend_position : FA_LEGEND_POSITION_AUTO;
  double w = fa_viewport_get_width (viewport), h = fa_viewport_get_height (viewport);
  FaRect free_area, beside, below;
  double rw = rect->x2 - rect->x1, rh = rect->y2 - rect->y1;

  g_return_if_fail (FA_IS_RENDERER (self));
  g_return_if_fail (FA_IS_VIEWPORT (viewport));
  g_return_if_fail (style != NULL && rect != NULL);

  fa_viewport_fit_rect (viewport, rect, margin);
  legend = (FaLegendLayer *) fa_renderer_find_layer (self, FA_TYPE_LEGEND_LAYER);
  if (legend == NULL || !fa_map_layer_get_visible (FA_MAP_LAYER (legend)) || !(rw > 0) || !(rh > 0))
    return;

  fa_renderer_init_context (self, &ctx, viewport, style, state);
  ctx.for_export = TRUE;
  /* Only the sizes and the insets count here, the same in any corner. */
  fa_legend_layer_measure_layout (legend, &ctx, &layout);

  free_area = (FaRect) { margin, margin, w - margin, h - margin };
  if (layout.heading.y2 > layout.heading.y1)
    free_area.y1 = MAX (free_area.y1, layout.heading.y2 + margin / 2);
  if (!(layout.legend.x2 > layout.legend.x1))
    {
      fa_viewport_fit_rect_in (viewport, rect, &free_area);
      return;
    }

  /* The legend's size, wherever this first framing put it, and its
   * distance from the edge. */
  {
    double lw = layout.legend.x2 - layout.legend.x1, lh = layout.legend.y2 - layout.legend.y1;
    double inset = MIN (layout.legend.x1, w - layout.legend.x2);

    beside = free_area;
    if (position == FA_LEGEND_POSITION_LEFT)
      beside.x1 = MAX (beside.x1, inset + lw + margin);
    else
      beside.x2 = MIN (beside.x2, w - inset - lw - margin);
    below = free_area;
    below.y2 = MIN (below.y2, h - inset - lh - margin);
  }

  /* The room that shows the story larger, unless the legend's side is
   * given. */
  {
    double scale_beside = MAX (rw / MAX (1.0, beside.x2 - beside.x1), rh / MAX (1.0, beside.y2 - beside.y1));
    double scale_below = MAX (rw / MAX (1.0, below.x2 - below.x1), rh / MAX (1.0, below.y2 - below.y1));
    gboolean use_below = position == FA_LEGEND_POSITION_BOTTOM ||
                         (position == FA_LEGEND_POSITION_AUTO && scale_below < scale_beside);

    if (use_below && below.y2 - below.y1 > h / 4)
      fa_viewport_fit_rect_in (viewport, rect, &below);
    else if (beside.x2 - beside.x1 > w / 4)
      fa_viewport_fit_rect_in (viewport, rect, &beside);
    else
      fa_viewport_fit_rect_in (viewport, rect, &free_area);
  }
}

/* --- Labels ------------------------------------------------------------- */

static FaLabelSpace *
place_labels (GPtrArray             *layers,
              cairo_t               *cr,
              const FaRenderContext *ctx)
{
  return fa_map_layers_place_labels (layers, cr, ctx, FA_LAYERS_ALL);
}

/* The labels of every layer, static ones included, in one pass over the
 * map's content and under the legend: drawn with the dynamic layers,
 * because what the story labels this month decides where the base map's
 * names still fit. */
static void
draw_labels (GPtrArray             *layers,
             cairo_t               *cr,
             const FaRenderContext *ctx)
{
  g_autoptr(FaLabelSpace) space = place_labels (layers, cr, ctx);

  fa_label_space_draw (space, cr);
}

/**
 * fa_renderer_place_labels:
 * @cr: (nullable): the context to measure text on; a scratch image if %NULL
 *
 * The result of the label pass of a drawing with @ctx: which labels are
 * shown and where, and what they had to keep clear of.
 *
 * Returns: (transfer full): the label space
 */
FaLabelSpace *
fa_renderer_place_labels (FaRenderer            *self,
                          cairo_t               *cr,
                          const FaRenderContext *ctx)
{
  g_autoptr(cairo_surface_t) scratch = NULL;
  g_autoptr(cairo_t) own = NULL;
  g_autoptr(GPtrArray) layers = NULL;

  g_return_val_if_fail (FA_IS_RENDERER (self), NULL);
  g_return_val_if_fail (ctx != NULL, NULL);

  if (cr == NULL)
    {
      scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      own = cairo_create (scratch);
      cr = own;
    }

  layers = fa_renderer_ref_layers (self);
  return place_labels (layers, cr, ctx);
}

/* Draws layers start to end; the labels, when due, go in before the first
 * overlay layer (the legend covers nothing, the labels keep clear of it). */
static void
render_range (GPtrArray             *layers,
              guint                  start,
              guint                  end,
              cairo_t               *cr,
              const FaRenderContext *ctx,
              FaLayerSet             which,
              gboolean              *labels_due)
{
  for (guint i = start; i < end; i++)
    {
      FaMapLayer *layer = g_ptr_array_index (layers, i);
      FaLayerSet kind = fa_map_layer_get_kind (layer);

      if (!(kind & which))
        continue;
      if (*labels_due && kind == FA_LAYERS_OVERLAY)
        {
          draw_labels (layers, cr, ctx);
          *labels_due = FALSE;
        }
      fa_map_layer_render (layer, cr, ctx);
    }
}

/* Draws every layer onto @cr, which targets the image @surface: the lowest
 * run of heavy shape layers on a second thread, see PARALLEL_MIN_POINTS. */
/**
 * fa_renderer_render_image:
 * @cr: a context on @surface, scaled by @pixel_scale
 * @surface: the image surface @cr draws on
 *
 * Draws every layer, like fa_renderer_render(), choosing threads itself:
 * the renderer is where the threading policy lives, so that the window's
 * caches and exports share it.
 */
void
fa_renderer_render_image (FaRenderer            *renderer,
                          cairo_t               *cr,
                          cairo_surface_t       *surface,
                          const FaRenderContext *ctx,
                          double                 pixel_scale)
{
  g_autoptr(GPtrArray) layers = fa_renderer_ref_layers (renderer);
  guint n = layers->len;
  g_autoptr(GPtrArray) shapes = g_ptr_array_new_with_free_func (g_object_unref);
  guint first = n;
  guint64 n_points = 0;
  LayerJob job = { 0 };
  GThread *thread;
  gboolean labels_due = TRUE;

  for (guint i = 0; i < n; i++)
    {
      FaMapLayer *layer = g_ptr_array_index (layers, i);

      if (!FA_IS_SHAPE_LAYER (layer))
        {
          if (shapes->len > 0)
            break;
          continue;
        }

      if (shapes->len == 0)
        first = i;
      if (fa_map_layer_get_visible (layer))
        n_points += fa_feature_layer_get_n_points (fa_shape_layer_get_features (FA_SHAPE_LAYER (layer)));
      g_ptr_array_add (shapes, g_object_ref (layer));
    }

  /* The second thread needs an image as large as the export: above
   * PARALLEL_MAX_PIXELS, memory counts more than time. */
  if (n_points < PARALLEL_MIN_POINTS || g_get_num_processors () < 2 ||
      (double) cairo_image_surface_get_width (surface) * cairo_image_surface_get_height (surface) > PARALLEL_MAX_PIXELS)
    {
      render_range (layers, 0, n, cr, ctx, FA_LAYERS_ALL, &labels_due);
      if (labels_due)
        draw_labels (layers, cr, ctx);
      return;
    }

  job.layers = shapes;
  job.pixel_scale = pixel_scale;
  job.ctx = ctx;
  job.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            cairo_image_surface_get_width (surface),
                                            cairo_image_surface_get_height (surface));
  if (cairo_surface_status (job.surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (job.surface);
      render_range (layers, 0, n, cr, ctx, FA_LAYERS_ALL, &labels_due);
      if (labels_due)
        draw_labels (layers, cr, ctx);
      return;
    }
  thread = g_thread_new ("fa-export-shapes", layer_job_thread, &job);
  render_range (layers, 0, first, cr, ctx, FA_LAYERS_ALL, &labels_due);
  g_thread_join (thread);

  if (job.status == CAIRO_STATUS_SUCCESS)
    {
      cairo_save (cr);
      cairo_identity_matrix (cr);
      cairo_set_source_surface (cr, job.surface, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  else
    render_range (layers, first, first + shapes->len, cr, ctx, FA_LAYERS_ALL, &labels_due);
  cairo_surface_destroy (job.surface);

  render_range (layers, first + shapes->len, n, cr, ctx, FA_LAYERS_ALL, &labels_due);
  if (labels_due)
    draw_labels (layers, cr, ctx);
}

/**
 * fa_renderer_render:
 * @cr: a context whose user space is the viewport's pixels
 * @which: the kinds of layers to draw
 *
 * Draws the layers of the kinds in @which, bottom first.  With the
 * dynamic layers come the labels of every layer (see
 * fa_renderer_place_labels()), under the overlay.
 */
void
fa_renderer_render (FaRenderer            *self,
                    cairo_t               *cr,
                    const FaRenderContext *ctx,
                    FaLayerSet             which)
{
  gboolean labels_due = (which & FA_LAYERS_DYNAMIC) != 0;
  g_autoptr(GPtrArray) layers = NULL;

  g_return_if_fail (FA_IS_RENDERER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (ctx != NULL);

  layers = fa_renderer_ref_layers (self);
  render_range (layers, 0, layers->len, cr, ctx, which, &labels_due);
  if (labels_due)
    draw_labels (layers, cr, ctx);
}

/* One horizontal band of a banded render: a surface of its own over the
 * band's rows of the shared image, so that no two threads ever touch one
 * cairo surface object. */
typedef struct
{
  GPtrArray             *layers;       /* borrowed: the renderer's, frozen */
  const FaRenderContext *ctx;
  cairo_surface_t       *surface;      /* owned: the band's rows */
  int                    y0;           /* device rows above it */
  int                    factor;
  FaLayerSet             which;
  GCancellable          *cancellable;
  cairo_status_t         status;
} Band;

static gpointer
band_thread (gpointer data)
{
  Band *band = data;
  g_autoptr(cairo_t) cr = cairo_create (band->surface);

  cairo_translate (cr, 0, -band->y0);
  cairo_scale (cr, band->factor, band->factor);
  for (guint i = 0; i < band->layers->len; i++)
    {
      FaMapLayer *layer = g_ptr_array_index (band->layers, i);

      if (g_cancellable_is_cancelled (band->cancellable))
        break;
      if (fa_map_layer_get_kind (layer) & band->which)
        fa_map_layer_render (layer, cr, band->ctx);
    }
  band->status = cairo_status (cr);

  return NULL;
}

/**
 * fa_renderer_render_bands:
 * @image: an image surface of the viewport's size times @factor
 * @factor: device pixels per viewport pixel
 * @ctx: a context without a frame: layers that record what they place
 *   cannot share one between threads
 * @which: the kinds of layers to draw
 * @n_bands: how many threads share the work, at least 1
 * @cancellable: (nullable): checked between layers
 *
 * Draws the layers of the kinds in @which into @image, cut into @n_bands
 * horizontal bands drawn at once on as many threads.  Every layer draws
 * all of its content into each band and the band's bounds clip it, so the
 * pixels are those of one fa_renderer_render(); the layers cull what lies
 * outside a band, so each thread does a part of the work.
 *
 * With the dynamic layers, the labels and then the overlay are drawn
 * after the bands, over the whole image, on the calling thread.
 *
 * Returns: %FALSE if @cancellable was cancelled or Cairo failed
 */
gboolean
fa_renderer_render_bands (FaRenderer            *self,
                          cairo_surface_t       *image,
                          int                    factor,
                          const FaRenderContext *ctx,
                          FaLayerSet             which,
                          guint                  n_bands,
                          GCancellable          *cancellable)
{
  int width, height, stride;
  unsigned char *data;
  cairo_format_t format;
  g_autofree Band *bands = NULL;
  g_autofree GThread **threads = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (FA_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (cairo_surface_get_type (image) == CAIRO_SURFACE_TYPE_IMAGE, FALSE);
  g_return_val_if_fail (ctx != NULL && ctx->frame == NULL, FALSE);
  g_return_val_if_fail (factor >= 1, FALSE);

  layers = fa_renderer_ref_layers (self);
  cairo_surface_flush (image);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  format = cairo_image_surface_get_format (image);
  data = cairo_image_surface_get_data (image);
  /* A band shorter than this costs more in set-up than it saves. */
  n_bands = CLAMP (n_bands, 1, (guint) MAX (height / 64, 1));

  bands = g_new0 (Band, n_bands);
  threads = g_new0 (GThread *, n_bands);
  for (guint b = 0; b < n_bands; b++)
    {
      int y0 = (int) ((gint64) height * b / n_bands);
      int y1 = (int) ((gint64) height * (b + 1) / n_bands);

      bands[b].layers = layers;
      bands[b].ctx = ctx;
      bands[b].y0 = y0;
      bands[b].factor = factor;
      /* The labels and the overlay over them need the whole image. */
      bands[b].which = which & FA_LAYERS_DYNAMIC ? which & ~FA_LAYERS_OVERLAY : which;
      bands[b].cancellable = cancellable;
      bands[b].surface = cairo_image_surface_create_for_data (data + (gsize) y0 * stride, format,
                                                              width, y1 - y0, stride);
      if (b > 0)
        threads[b] = g_thread_new ("fa-render-band", band_thread, &bands[b]);
    }
  band_thread (&bands[0]);

  for (guint b = 0; b < n_bands; b++)
    {
      if (threads[b] != NULL)
        g_thread_join (threads[b]);
      cairo_surface_flush (bands[b].surface);
      ok = ok && bands[b].status == CAIRO_STATUS_SUCCESS;
      cairo_surface_destroy (bands[b].surface);
    }
  cairo_surface_mark_dirty (image);

  if (ok && (which & FA_LAYERS_DYNAMIC) && !g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(cairo_t) cr = cairo_create (image);
      gboolean labels_due = TRUE;

      cairo_scale (cr, factor, factor);
      render_range (layers, 0, layers->len, cr, ctx,
                    which & FA_LAYERS_OVERLAY, &labels_due);
      if (labels_due)
        draw_labels (layers, cr, ctx);
      ok = cairo_status (cr) == CAIRO_STATUS_SUCCESS;
    }

  return ok && !g_cancellable_is_cancelled (cancellable);
}
