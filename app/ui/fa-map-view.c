/* fa-map-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fa-map-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fa-autocleanups.h"
#include "fa-basemap-layer.h"
#include "fa-category.h"
#include "fa-choropleth-layer.h"
#include "fa-flow-layer.h"
#include "fa-flow.h"
#include "fa-month.h"
#include "fa-place-layer.h"
#include "fa-place.h"
#include "fa-map-view.h"
#include "fa-projection.h"

/* Pixels rendered around the visible area, so that a pan shows map
 * rather than empty sea until the static layers are redrawn. */
#define CACHE_MARGIN    160
/* How long the view must rest before the static layers are redrawn. */
#define SETTLE_MS       120
#define KEY_PAN_PX      80.0
#define ZOOM_STEP       1.5

struct _FaMapView
{
  GtkWidget        parent_instance;

  FaRenderer      *renderer;       /* owned */
  FaViewport      *viewport;       /* owned */
  gulong           renderer_changed_id;

  /* The static layers rendered once for a viewport state, then only
   * translated or scaled while the view moves. */
  GdkTexture      *cache;          /* owned */
  double           cache_center_x;
  double           cache_center_y;
  double           cache_scale;
  int              cache_width;    /* logical pixels, margins included */
  int              cache_height;
  int              cache_factor;
  guint            settle_id;
  gboolean         cache_dirty;

  /* The dynamic layers (flows, places, events, choropleth), cached the
   * same way: a pan moves the image instead of redrawing eighty arrows. */
  GdkTexture      *dyn_cache;      /* owned */
  double           dyn_center_x;
  double           dyn_center_y;
  double           dyn_scale;
  int              dyn_width;
  int              dyn_height;
  int              dyn_factor;
  gboolean         dyn_dirty;

  /* Gestures */
  double           drag_anchor_x;  /* projected point under the pointer */
  double           drag_anchor_y;
  double           drag_start_x;
  double           drag_start_y;
  double           zoom_begin_scale;
  double           zoom_anchor_x;
  double           zoom_anchor_y;
  double           pointer_x;
  double           pointer_y;
  gboolean         have_pointer;
  gboolean         view_initialized;
  gboolean         has_pending_extent;
  double           pending_extent[4];
  gboolean         has_pending_rect;
  FaRect           pending_rect;
  double           pending_margin;

  FaBasemapHit     hover;
  char            *hover_text;
  FaTimeFilter     time;
  double           press_x;
  double           press_y;
};

G_DEFINE_FINAL_TYPE (FaMapView, fa_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RENDERER,
  PROP_HOVER_TEXT,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const FaMapStyle *
get_style (FaMapView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  return fa_map_style_get (adw_style_manager_get_dark (manager) ? FA_MAP_STYLE_DARK
                                                                  : FA_MAP_STYLE_LIGHT);
}

static FaProjection *
get_projection (FaMapView *self)
{
  return self->renderer != NULL ? fa_renderer_get_projection (self->renderer) : NULL;
}

static FaBasemapLayer *
get_basemap (FaMapView *self)
{
  if (self->renderer == NULL)
    return NULL;

  return (FaBasemapLayer *) fa_renderer_find_layer (self->renderer, FA_TYPE_BASEMAP_LAYER);
}

static void
set_hover_text (FaMapView  *self,
                const char *text)
{
  if (g_strcmp0 (self->hover_text, text) == 0)
    return;

  g_free (self->hover_text);
  self->hover_text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_TEXT]);
}

static void
invalidate_dynamic (FaMapView *self)
{
  self->dyn_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
invalidate_cache (FaMapView *self)
{
  self->cache_dirty = TRUE;
  self->dyn_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
settle_cb (gpointer data)
{
  FaMapView *self = data;

  self->settle_id = 0;
  invalidate_cache (self);

  return G_SOURCE_REMOVE;
}

static void
queue_settle (FaMapView *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
}

static GdkTexture *
render_texture (FaMapView          *self,
                FaLayerSet          which,
                const FaTimeFilter *time,
                int                 cw,
                int                 ch,
                int                 factor)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  g_autoptr(FaViewport) viewport = NULL;
  g_autoptr(GBytes) bytes = NULL;
  FaRenderContext ctx;

  viewport = fa_viewport_copy (self->viewport);
  fa_viewport_set_size (viewport, cw, ch);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cw * factor, ch * factor);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return NULL;
  cr = cairo_create (surface);
  cairo_scale (cr, factor, factor);

  fa_renderer_init_context (self->renderer, &ctx, viewport, get_style (self), time);
  fa_renderer_render (self->renderer, cr, &ctx, which);
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_flush (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * ch * factor);
  return gdk_memory_texture_new (cw * factor, ch * factor, GDK_MEMORY_DEFAULT,
                                 bytes, cairo_image_surface_get_stride (surface));
}

static void
render_dyn_cache (FaMapView *self,
                  int        width,
                  int        height)
{
  int factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  g_clear_object (&self->dyn_cache);
  self->dyn_width = width + 2 * CACHE_MARGIN;
  self->dyn_height = height + 2 * CACHE_MARGIN;
  self->dyn_cache = render_texture (self, FA_LAYERS_DYNAMIC, &self->time,
                                    self->dyn_width, self->dyn_height, factor);
  self->dyn_center_x = fa_viewport_get_center_x (self->viewport);
  self->dyn_center_y = fa_viewport_get_center_y (self->viewport);
  self->dyn_scale = fa_viewport_get_scale (self->viewport);
  self->dyn_factor = factor;
  self->dyn_dirty = FALSE;
}

/* Screen point → coordinates in the last rendering of the dynamic
 * layers, where their hit tests live.  FALSE while a zoom is pending. */
static gboolean
to_dyn_coords (FaMapView *self,
               double     x,
               double     y,
               double    *dx,
               double    *dy)
{
  double sx, sy;

  if (self->dyn_cache == NULL || self->dyn_dirty || self->dyn_scale != fa_viewport_get_scale (self->viewport))
    return FALSE;

  fa_viewport_projected_to_screen (self->viewport, self->dyn_center_x, self->dyn_center_y, &sx, &sy);
  *dx = x - (sx - self->dyn_width / 2.0);
  *dy = y - (sy - self->dyn_height / 2.0);
  return TRUE;
}

static void
append_cached (GtkSnapshot *snapshot,
               FaViewport  *viewport,
               GdkTexture  *texture,
               double       center_x,
               double       center_y,
               double       cache_scale,
               int          cw,
               int          ch)
{
  double ratio = cache_scale / fa_viewport_get_scale (viewport);
  double sx, sy;

  /* Where the cached image's content belongs now: a pan translates it, a
   * zoom in progress scales it. */
  fa_viewport_projected_to_screen (viewport, center_x, center_y, &sx, &sy);
  gtk_snapshot_append_texture (snapshot, texture,
                               &GRAPHENE_RECT_INIT (sx - cw / 2.0 * ratio, sy - ch / 2.0 * ratio,
                                                    cw * ratio, ch * ratio));
}

static void
render_cache (FaMapView *self,
              int        width,
              int        height)
{
  int factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  g_clear_object (&self->cache);
  self->cache_width = width + 2 * CACHE_MARGIN;
  self->cache_height = height + 2 * CACHE_MARGIN;
  self->cache = render_texture (self, FA_LAYERS_STATIC, NULL, self->cache_width, self->cache_height, factor);
  self->cache_center_x = fa_viewport_get_center_x (self->viewport);
  self->cache_center_y = fa_viewport_get_center_y (self->viewport);
  self->cache_scale = fa_viewport_get_scale (self->viewport);
  self->cache_factor = factor;
  self->cache_dirty = FALSE;
}

static void
fa_map_view_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  FaMapView *self = FA_MAP_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->renderer == NULL || width <= 0 || height <= 0)
    return;

  fa_viewport_set_size (self->viewport, width, height);
  if (!self->view_initialized)
    {
      if (self->has_pending_rect)
        fa_map_view_fit_rect (self, &self->pending_rect, self->pending_margin);
      else if (self->has_pending_extent)
        fa_map_view_show_extent (self, self->pending_extent);
      else
        fa_map_view_reset_view (self);
    }

  if (self->cache == NULL || self->cache_dirty ||
      self->cache_width != width + 2 * CACHE_MARGIN ||
      self->cache_height != height + 2 * CACHE_MARGIN ||
      self->cache_factor != gtk_widget_get_scale_factor (widget))
    render_cache (self, width, height);

  if (self->dyn_cache == NULL || self->dyn_dirty ||
      self->dyn_width != width + 2 * CACHE_MARGIN ||
      self->dyn_height != height + 2 * CACHE_MARGIN ||
      self->dyn_factor != gtk_widget_get_scale_factor (widget))
    render_dyn_cache (self, width, height);

  if (self->cache != NULL)
    {
      const FaMapStyle *style = get_style (self);

      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { style->ocean.red, style->ocean.green, style->ocean.blue, 1 },
                                 &GRAPHENE_RECT_INIT (0, 0, width, height));
      append_cached (snapshot, self->viewport, self->cache, self->cache_center_x, self->cache_center_y,
                     self->cache_scale, self->cache_width, self->cache_height);
    }

  /* The hovered region, over the base map and under the flows. */
  if (self->hover.layer != NULL)
    {
      FaBasemapLayer *basemap = get_basemap (self);
      FaRenderContext ctx;

      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      fa_renderer_init_context (self->renderer, &ctx, self->viewport, get_style (self), &self->time);
      if (basemap != NULL)
        fa_basemap_layer_draw_highlight (basemap, cr, &ctx, &self->hover);
      cairo_destroy (cr);
    }

  if (self->dyn_cache != NULL)
    append_cached (snapshot, self->viewport, self->dyn_cache, self->dyn_center_x, self->dyn_center_y,
                   self->dyn_scale, self->dyn_width, self->dyn_height);

  /* Legend and scale bar are fixed to the screen: drawn live, cheaply. */
  {
    FaRenderContext ctx;

    cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
    fa_renderer_init_context (self->renderer, &ctx, self->viewport, get_style (self), &self->time);
    fa_renderer_render (self->renderer, cr, &ctx, FA_LAYERS_OVERLAY);
    cairo_destroy (cr);
  }
}

static void
on_viewport_changed_cb (FaMapView  *self,
                        GParamSpec *pspec,
                        FaViewport *viewport)
{
  /* A scale change makes the cache blurry: redraw once the view rests.
   * A pan needs no redraw until the margin is used up. */
  if (self->cache != NULL)
    {
      double dx = fabs (fa_viewport_get_center_x (viewport) - self->cache_center_x) / self->cache_scale;
      double dy = fabs (fa_viewport_get_center_y (viewport) - self->cache_center_y) / self->cache_scale;

      if (fa_viewport_get_scale (viewport) != self->cache_scale ||
          dx > CACHE_MARGIN * 0.5 || dy > CACHE_MARGIN * 0.5)
        queue_settle (self);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_renderer_changed_cb (FaMapView  *self,
                        guint       kinds,
                        FaRenderer *renderer)
{
  if (kinds & FA_LAYERS_STATIC)
    invalidate_cache (self);
  else if (kinds & FA_LAYERS_DYNAMIC)
    invalidate_dynamic (self);
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_dark_changed_cb (FaMapView       *self,
                    GParamSpec      *pspec,
                    AdwStyleManager *manager)
{
  invalidate_cache (self);
}

static FaFlowLayer *
get_flow_layer (FaMapView *self)
{
  return self->renderer ? (FaFlowLayer *) fa_renderer_find_layer (self->renderer, FA_TYPE_FLOW_LAYER) : NULL;
}

static FaPlaceLayer *
get_place_layer (FaMapView *self)
{
  return self->renderer ? (FaPlaceLayer *) fa_renderer_find_layer (self->renderer, FA_TYPE_PLACE_LAYER) : NULL;
}

/* The figures of a flow, for its tooltip. */
static char *
describe_flow (FaFlow *flow)
{
  FaCategory *category = fa_flow_get_category (flow);
  const char *magnitude = fa_flow_get_magnitude (flow);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *span = NULL;

  if (fa_flow_get_start (flow) != FA_MONTH_NONE)
    start = fa_month_format_date (fa_flow_get_start (flow), fa_flow_get_start_precision (flow),
                                  fa_flow_get_start_day (flow));
  if (fa_flow_get_end (flow) != FA_MONTH_NONE)
    end = fa_month_format_date (fa_flow_get_end (flow), fa_flow_get_end_precision (flow),
                                fa_flow_get_end_day (flow));
  if (start != NULL && end != NULL)
    span = g_strcmp0 (start, end) == 0 ? g_strdup (start) : g_strdup_printf ("%s – %s", start, end);
  else if (start != NULL)
    /* translators: %s is a date such as "February 2022" */
    span = g_strdup_printf (_("since %s"), start);
  else if (end != NULL)
    /* translators: %s is a date such as "2017" */
    span = g_strdup_printf (_("until %s"), end);

  /* translators: 1: origin, 2: destination, 3: category, 4: the figure as the source states it, 5: dates */
  return g_strdup_printf (_("%s → %s\n%s\n%s%s%s"),
                          fa_place_get_name (fa_flow_get_origin (flow)),
                          fa_place_get_name (fa_flow_get_destination (flow)),
                          category ? fa_category_get_label (category) : "",
                          magnitude && *magnitude ? magnitude : _("No figure in the source"),
                          span ? " · " : "", span ? span : "");
}

static void
update_hover (FaMapView *self)
{
  FaBasemapLayer *basemap = get_basemap (self);
  FaFlowLayer *flows = get_flow_layer (self);
  FaPlaceLayer *places = get_place_layer (self);
  FaRenderContext ctx;
  FaBasemapHit hit = { NULL, -1 };
  FaFlow *flow = NULL;
  FaPlace *place = NULL;
  double x, y;

  if (self->have_pointer && self->renderer != NULL &&
      to_dyn_coords (self, self->pointer_x, self->pointer_y, &x, &y))
    {
      fa_renderer_init_context (self->renderer, &ctx, self->viewport, get_style (self), &self->time);
      if (places != NULL)
        place = fa_place_layer_pick (places, x, y);
      if (place == NULL && flows != NULL)
        flow = fa_flow_layer_pick (flows, &ctx, x, y);
    }
  if (flows != NULL)
    fa_flow_layer_set_hover_flow (flows, flow);
  if (flow != NULL || place != NULL)
    {
      g_autofree char *text = NULL;

      self->hover = hit;
      if (flow != NULL)
        text = describe_flow (flow);
      else if (fa_place_get_note (place) != NULL)
        text = g_strdup_printf ("%s\n%s", fa_place_get_name (place), fa_place_get_note (place));
      else
        text = g_strdup (fa_place_get_name (place));
      set_hover_text (self, text);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);

  if (basemap != NULL && self->have_pointer)
    {
      fa_viewport_screen_to_projected (self->viewport, self->pointer_x, self->pointer_y, &x, &y);
      fa_renderer_init_context (self->renderer, &ctx, self->viewport, get_style (self), NULL);
      fa_basemap_layer_pick (basemap, &ctx, x, y, &hit);
    }

  if (hit.layer != self->hover.layer || hit.feature != self->hover.feature)
    {
      g_autofree char *text = NULL;

      self->hover = hit;
      if (hit.layer != NULL && hit.name != NULL)
        {
          if (hit.country != NULL && g_strcmp0 (hit.country, hit.name) != 0)
            /* translators: 1: a region such as "Donetsk", 2: its country */
            text = g_strdup_printf (_("%s, %s"), hit.name, hit.country);
          else
            text = g_strdup (hit.name);
          if (hit.occupied != NULL && hit.occupied[0] != '\0')
            {
              g_autofree char *with_note = g_strdup_printf ("%s — %s", text, hit.occupied);

              g_free (text);
              text = g_steal_pointer (&with_note);
            }
          /* Its role in the flows shown, as the choropleth colours it. */
          {
            FaChoroplethLayer *choropleth =
              (FaChoroplethLayer *) fa_renderer_find_layer (self->renderer, FA_TYPE_CHOROPLETH_LAYER);
            g_autofree char *roles = NULL;

            if (choropleth != NULL && fa_map_layer_get_visible (FA_MAP_LAYER (choropleth)) && hit.code != NULL)
              roles = fa_choropleth_describe_roles (fa_choropleth_layer_get_roles (choropleth, &self->time,
                                                                                   hit.code));
            if (roles != NULL)
              {
                g_autofree char *with_roles = g_strdup_printf ("%s\n%s", text, roles);

                g_free (text);
                text = g_steal_pointer (&with_roles);
              }
          }
        }
      set_hover_text (self, text);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_motion_cb (FaMapView                *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->have_pointer = TRUE;
  update_hover (self);
}

static void
on_leave_cb (FaMapView                *self,
             GtkEventControllerMotion *controller)
{
  self->have_pointer = FALSE;
  update_hover (self);
}

static void
on_drag_begin_cb (FaMapView      *self,
                  double          start_x,
                  double          start_y,
                  GtkGestureDrag *gesture)
{
  fa_viewport_screen_to_projected (self->viewport, start_x, start_y,
                                   &self->drag_anchor_x, &self->drag_anchor_y);
  self->drag_start_x = start_x;
  self->drag_start_y = start_y;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
on_drag_update_cb (FaMapView      *self,
                   double          offset_x,
                   double          offset_y,
                   GtkGestureDrag *gesture)
{
  /* Absolute, not incremental: the grabbed point stays under the pointer. */
  fa_viewport_put_point_at (self->viewport, self->drag_anchor_x, self->drag_anchor_y,
                            self->drag_start_x + offset_x, self->drag_start_y + offset_y);
}

static void
on_drag_end_cb (FaMapView      *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  queue_settle (self);
}

static gboolean
on_scroll_cb (FaMapView                *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *controller)
{
  double factor;

  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    factor = pow (2, -dy / 200.0);   /* touchpads: smooth, in pixels */
  else
    factor = pow (ZOOM_STEP, -dy);

  if (self->have_pointer)
    fa_viewport_zoom_at (self->viewport, factor, self->pointer_x, self->pointer_y);
  else
    fa_map_view_zoom_by (self, factor);

  return GDK_EVENT_STOP;
}

static void
on_zoom_begin_cb (FaMapView        *self,
                  GdkEventSequence *sequence,
                  GtkGesture       *gesture)
{
  double cx, cy;

  self->zoom_begin_scale = fa_viewport_get_scale (self->viewport);
  gtk_gesture_get_bounding_box_center (gesture, &cx, &cy);
  fa_viewport_screen_to_projected (self->viewport, cx, cy, &self->zoom_anchor_x, &self->zoom_anchor_y);
}

static void
on_zoom_scale_changed_cb (FaMapView      *self,
                          double          scale,
                          GtkGestureZoom *gesture)
{
  double cx, cy;

  if (!(scale > 0))
    return;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy);
  fa_viewport_set_scale (self->viewport, self->zoom_begin_scale / scale);
  fa_viewport_put_point_at (self->viewport, self->zoom_anchor_x, self->zoom_anchor_y, cx, cy);
}

static void
on_click_pressed_cb (FaMapView       *self,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkGestureClick *gesture)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->press_x = x;
  self->press_y = y;
  if (n_press == 2)
    fa_viewport_zoom_at (self->viewport, 2.0, x, y);
}

static void
on_click_released_cb (FaMapView       *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  FaPlaceLayer *places = get_place_layer (self);
  FaFlowLayer *flows = get_flow_layer (self);
  GObject *item = NULL;
  double dx, dy;

  /* A click, not the end of a drag. */
  if (n_press != 1 || hypot (x - self->press_x, y - self->press_y) > 4 || self->renderer == NULL)
    return;

  if (to_dyn_coords (self, x, y, &dx, &dy))
    {
      if (places != NULL)
        item = (GObject *) fa_place_layer_pick (places, dx, dy);
      if (item == NULL && flows != NULL)
        {
          FaRenderContext ctx;

          fa_renderer_init_context (self->renderer, &ctx, self->viewport, get_style (self), &self->time);
          item = (GObject *) fa_flow_layer_pick (flows, &ctx, dx, dy);
        }
    }

  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

static gboolean
on_query_tooltip_cb (FaMapView  *self,
                     int         x,
                     int         y,
                     gboolean    keyboard_mode,
                     GtkTooltip *tooltip)
{
  if (self->hover_text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, self->hover_text);
  return TRUE;
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  FaMapView *self = FA_MAP_VIEW (widget);
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  fa_viewport_pan_by (self->viewport, dx * KEY_PAN_PX, dy * KEY_PAN_PX);
  queue_settle (self);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fa_map_view_zoom_by (FA_MAP_VIEW (widget), ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  fa_map_view_zoom_by (FA_MAP_VIEW (widget), 1 / ZOOM_STEP);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  fa_map_view_reset_view (FA_MAP_VIEW (widget));
}

static void
fa_map_view_dispose (GObject *object)
{
  FaMapView *self = FA_MAP_VIEW (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->renderer != NULL)
    g_clear_signal_handler (&self->renderer_changed_id, self->renderer);
  g_clear_object (&self->renderer);
  g_clear_object (&self->cache);
  g_clear_object (&self->dyn_cache);

  G_OBJECT_CLASS (fa_map_view_parent_class)->dispose (object);
}

static void
fa_map_view_finalize (GObject *object)
{
  FaMapView *self = FA_MAP_VIEW (object);

  g_clear_object (&self->viewport);
  g_clear_pointer (&self->hover_text, g_free);

  G_OBJECT_CLASS (fa_map_view_parent_class)->finalize (object);
}

static void
fa_map_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FaMapView *self = FA_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_RENDERER:
      g_value_set_object (value, fa_map_view_get_renderer (self));
      break;

    case PROP_HOVER_TEXT:
      g_value_set_string (value, fa_map_view_get_hover_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_map_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FaMapView *self = FA_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_RENDERER:
      fa_map_view_set_renderer (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_map_view_class_init (FaMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fa_map_view_dispose;
  object_class->finalize = fa_map_view_finalize;
  object_class->get_property = fa_map_view_get_property;
  object_class->set_property = fa_map_view_set_property;
  widget_class->snapshot = fa_map_view_snapshot;

  properties[PROP_RENDERER] =
    g_param_spec_object ("renderer", NULL, NULL, FA_TYPE_RENDERER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HOVER_TEXT] =
    g_param_spec_string ("hover-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FaMapView::item-activated:
   * @item: (nullable): the #FaFlow or #FaPlace clicked, or %NULL for the map
   *
   * Emitted when the user clicks the map.
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.reset", NULL, reset_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(ii)", 0, 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);

  gtk_widget_class_set_css_name (widget_class, "mapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fa_map_view_init (FaMapView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->viewport = fa_viewport_new ();
  self->hover.feature = -1;
  self->time = FA_TIME_FILTER_ALL;
  g_signal_connect_object (self->viewport, "notify", G_CALLBACK (on_viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (self), "map-view");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map"),
                                  -1);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                                GTK_EVENT_CONTROLLER_SCROLL_KINETIC);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
fa_map_view_new (void)
{
  return g_object_new (FA_TYPE_MAP_VIEW, NULL);
}

FaRenderer *
fa_map_view_get_renderer (FaMapView *self)
{
  g_return_val_if_fail (FA_IS_MAP_VIEW (self), NULL);

  return self->renderer;
}

/**
 * fa_map_view_set_renderer:
 *
 * Shows the map of @renderer.  A renderer in another projection resets
 * the view to that projection's default extent.
 */
void
fa_map_view_set_renderer (FaMapView  *self,
                          FaRenderer *renderer)
{
  FaProjection *old_projection;

  g_return_if_fail (FA_IS_MAP_VIEW (self));
  g_return_if_fail (!renderer || FA_IS_RENDERER (renderer));

  if (self->renderer == renderer)
    return;

  old_projection = get_projection (self);
  if (self->renderer != NULL)
    g_clear_signal_handler (&self->renderer_changed_id, self->renderer);

  if (renderer == NULL || old_projection != fa_renderer_get_projection (renderer))
    self->view_initialized = FALSE;

  g_set_object (&self->renderer, renderer);
  if (renderer != NULL)
    {
      FaProjection *projection = fa_renderer_get_projection (renderer);
      double scale_min = fa_projection_is_geographic (projection) ? 0.0005 : 50;

      fa_viewport_set_scale_limits (self->viewport, scale_min, scale_min * 1e4);
      self->renderer_changed_id =
        g_signal_connect_swapped (renderer, "changed", G_CALLBACK (on_renderer_changed_cb), self);
    }

  self->hover = (FaBasemapHit) { NULL, -1 };
  set_hover_text (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERER]);
  invalidate_cache (self);
}

/**
 * fa_map_view_get_viewport:
 *
 * Returns: (transfer none): the viewport; gestures change it
 */
FaViewport *
fa_map_view_get_viewport (FaMapView *self)
{
  g_return_val_if_fail (FA_IS_MAP_VIEW (self), NULL);

  return self->viewport;
}

const char *
fa_map_view_get_hover_text (FaMapView *self)
{
  g_return_val_if_fail (FA_IS_MAP_VIEW (self), NULL);

  return self->hover_text;
}

/**
 * fa_map_view_show_extent:
 * @extent: west, south, east, north in degrees
 */
void
fa_map_view_show_extent (FaMapView    *self,
                         const double  extent[4])
{
  FaProjection *projection;
  FaRect rect;

  g_return_if_fail (FA_IS_MAP_VIEW (self));

  projection = get_projection (self);
  if (projection == NULL || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    {
      /* Not laid out yet: the first frame applies it. */
      memcpy (self->pending_extent, extent, sizeof self->pending_extent);
      self->has_pending_extent = TRUE;
      self->has_pending_rect = FALSE;
      self->view_initialized = FALSE;
      return;
    }

  self->has_pending_extent = FALSE;
  self->has_pending_rect = FALSE;
  self->view_initialized = TRUE;
  if (fa_projection_project_extent (projection, extent, &rect))
    fa_viewport_fit_rect (self->viewport, &rect, 8);
  queue_settle (self);
}

void
fa_map_view_reset_view (FaMapView *self)
{
  double extent[4];

  g_return_if_fail (FA_IS_MAP_VIEW (self));

  if (get_projection (self) == NULL)
    return;

  fa_projection_get_default_extent (get_projection (self), extent);
  fa_map_view_show_extent (self, extent);
}

/**
 * fa_map_view_zoom_by:
 * @factor: > 1 zooms in, around the centre of the view
 */
void
fa_map_view_zoom_by (FaMapView *self,
                     double     factor)
{
  g_return_if_fail (FA_IS_MAP_VIEW (self));

  fa_viewport_zoom_at (self->viewport, factor,
                       fa_viewport_get_width (self->viewport) / 2.0,
                       fa_viewport_get_height (self->viewport) / 2.0);
}

/**
 * fa_map_view_get_extent:
 * @extent: (out): west, south, east, north in degrees
 *
 * Returns: whether the visible area could be expressed in degrees
 */
gboolean
fa_map_view_get_extent (FaMapView *self,
                        double     extent[4])
{
  FaProjection *projection;
  double xs[4], ys[4];
  FaRect r;

  g_return_val_if_fail (FA_IS_MAP_VIEW (self), FALSE);

  projection = get_projection (self);
  if (projection == NULL || !self->view_initialized)
    return FALSE;

  /* The midpoints of the edges: a conic view is no lon/lat box, and its
   * corners may lie off the globe. */
  fa_viewport_get_visible_rect (self->viewport, &r);
  xs[0] = r.x1; ys[0] = (r.y1 + r.y2) / 2;
  xs[1] = r.x2; ys[1] = ys[0];
  xs[2] = (r.x1 + r.x2) / 2; ys[2] = r.y1;
  xs[3] = xs[2]; ys[3] = r.y2;
  if (fa_projection_inverse (projection, xs, ys, 4) != 4)
    return FALSE;

  extent[0] = xs[0];
  extent[2] = xs[1] > xs[0] ? xs[1] : xs[1] + 360;
  extent[1] = ys[2];
  extent[3] = ys[3];

  return extent[1] < extent[3];
}

/**
 * fa_map_view_set_time_filter:
 * @time: (nullable): which flows to show; %NULL shows all
 *
 * Only the dynamic layers depend on it: the cached base map stays.
 */
void
fa_map_view_set_time_filter (FaMapView          *self,
                             const FaTimeFilter *time)
{
  FaTimeFilter filter = time != NULL ? *time : FA_TIME_FILTER_ALL;

  g_return_if_fail (FA_IS_MAP_VIEW (self));

  if (fa_time_filter_equal (&self->time, &filter))
    return;

  self->time = filter;
  invalidate_dynamic (self);
}

const FaTimeFilter *
fa_map_view_get_time_filter (FaMapView *self)
{
  g_return_val_if_fail (FA_IS_MAP_VIEW (self), NULL);

  return &self->time;
}

/**
 * fa_map_view_fit_rect:
 * @rect: a rectangle in projected units
 * @margin: pixels to keep free around it
 *
 * Shows @rect whole, centred.
 */
void
fa_map_view_fit_rect (FaMapView    *self,
                      const FaRect *rect,
                      double        margin)
{
  g_return_if_fail (FA_IS_MAP_VIEW (self));
  g_return_if_fail (rect != NULL);

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    {
      /* Not laid out yet: the first frame applies it. */
      self->pending_rect = *rect;
      self->pending_margin = margin;
      self->has_pending_rect = TRUE;
      self->view_initialized = FALSE;
      return;
    }

  self->view_initialized = TRUE;
  self->has_pending_extent = FALSE;
  self->has_pending_rect = FALSE;
  fa_viewport_fit_rect (self->viewport, rect, margin);
  queue_settle (self);
}
