/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-map-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <errno.h>
#include <math.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#endif
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "fa-map-view.h"

#include "fa-autocleanups.h"
#include "fa-feature-layer.h"
#include "fa-flow-bundle.h"
#include "fa-frame.h"
#include "fa-place-cluster.h"
#include "fa-projection.h"

/* Pixels rendered around the visible area, so that a pan shows map
 * rather than empty sea until the static layers are redrawn. */
#define CACHE_MARGIN    160
/* How long the scale must rest before the layers are redrawn: a zoom
 * without an end event (a wheel, a programmatic animation) is over when
 * no change came for about two frames.  Gestures with an end redraw at
 * once, and pans never wait. */
#define SETTLE_MS       30
/* After a pan within the images' margin: the labels and the legend's
 * corner are chosen for the view where it rests. */
#define PAN_REST_MS     150
#define KEY_PAN_PX      80.0
#define ZOOM_STEP       1.5

/* An image of some layers for one viewport state, rendered on a worker
 * thread; shown translated and scaled while the view moves on, until the
 * next one arrives (libshumate's way).  GSK's cairo renderer paints the
 * image surface itself (a texture node would be downloaded into a new
 * surface every frame); the GL renderer gets a texture, made once. */
typedef struct
{
  cairo_surface_t *surface;       /* owned: the image, device pixels */
  GdkTexture      *texture;       /* owned: the same pixels, made when needed */
  cairo_region_t  *region;        /* owned, nullable: where it has content, in
                                   * logical pixels (%NULL: everywhere) */
  gboolean         opaque;        /* every pixel is opaque */
  FaFrame         *frame;         /* owned: what the drawing placed, for hit tests */
  FaMapSnapshot   *snapshot;      /* owned: the state it shows */
  FaViewport      *viewport;      /* owned: its view, margins included */
  FaRenderer      *renderer;      /* borrowed: which renderer drew it */
  double           center_x;
  double           center_y;
  double           scale;
  int              width;         /* logical pixels, margins included */
  int              height;
  int              factor;
  gboolean         dirty;         /* the view moved on: draw again */
  gboolean         dirty_hard;    /* the content changed: what is under way is stale too */
  GCancellable    *cancellable;   /* owned while a render is under way */
  double           pending_scale; /* the view of the render under way */
  double           pending_center_x;
  double           pending_center_y;
  int              pending_width;
  int              pending_height;
  int              pending_factor;
} Cache;

struct _FaMapView
{
  GtkWidget        parent_instance;

  FaMap           *map;            /* owned */
  FaMapState      *state;          /* borrowed from @map */
  /* The map styles with the desktop's text scaling (gtk-xft-dpi), which
   * the map's labels and legend follow on screen; rewritten only when the
   * scaling changes (workers read them), by kind. */
  FaMapStyle       scaled_styles[FA_MAP_STYLE_HIGH_CONTRAST_DARK + 1];
  double           text_scale;
  FaViewport      *viewport;       /* owned: the state's */
  FaRenderer      *renderer;       /* owned: the map's current one */

  Cache            base;           /* the static layers, over the sea */
  Cache            dyn;            /* flows, places, events, choropleth */
  Cache            merged;         /* both in one opaque image, when they match */
  cairo_surface_t *merged_base;    /* borrowed: the images @merged was made of */
  cairo_surface_t *merged_dyn;
  GCancellable    *merge_cancellable;
  Cache            overlay;        /* legend, heading, scale bar: the view's size */
  double           overlay_cy;     /* where it puts the projection's origin, in pixels */
  const FaMapStyle *overlay_style;
  guint            settle_id;
  guint            pan_rest_id;

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

  FaMapHit         hover;          /* a base-map feature under the pointer */
  gboolean         rendering;      /* as last notified */
  char            *hover_text;
  char            *description;     /* the accessible description */
  double           press_x;
  double           press_y;
};

G_DEFINE_FINAL_TYPE (FaMapView, fa_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAP,
  PROP_HOVER_TEXT,
  PROP_RENDERING,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_hover (FaMapView *self);

static const FaMapStyle *
get_style (FaMapView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  gboolean dark = adw_style_manager_get_dark (manager);

  FaMapStyleKind kind;

  /* The desktop's high contrast is followed on the map too. */
  if (adw_style_manager_get_high_contrast (manager))
    kind = dark ? FA_MAP_STYLE_HIGH_CONTRAST_DARK : FA_MAP_STYLE_HIGH_CONTRAST;
  else
    kind = dark ? FA_MAP_STYLE_DARK : FA_MAP_STYLE_LIGHT;
  if (self->text_scale == 1.0)
    return fa_map_style_get (kind);
  return &self->scaled_styles[kind];
}

/* The desktop's text scaling: Large Text is an Xft resolution of 144.
 * Returns whether it changed. */
static gboolean
update_text_scale (FaMapView *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  int dpi = 0;
  double scale;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  scale = dpi > 0 ? CLAMP (dpi / 1024.0 / 96.0, 0.5, 3.0) : 1.0;
  if (fabs (scale - 1.0) < 0.01)
    scale = 1.0;
  if (scale == self->text_scale)
    return FALSE;

  self->text_scale = scale;
  for (guint k = 0; k < G_N_ELEMENTS (self->scaled_styles); k++)
    {
      self->scaled_styles[k] = *fa_map_style_get (k);
      self->scaled_styles[k].text_scale = scale;
    }
  return TRUE;
}

static FaProjection *
get_projection (FaMapView *self)
{
  return self->renderer != NULL ? fa_renderer_get_projection (self->renderer) : NULL;
}

static void
cache_clear (Cache *cache)
{
  if (cache->cancellable != NULL)
    g_cancellable_cancel (cache->cancellable);
  g_clear_object (&cache->cancellable);
  g_clear_pointer (&cache->surface, cairo_surface_destroy);
  g_clear_pointer (&cache->region, cairo_region_destroy);
  g_clear_object (&cache->texture);
  g_clear_pointer (&cache->frame, fa_frame_unref);
  g_clear_pointer (&cache->snapshot, fa_map_snapshot_unref);
  g_clear_object (&cache->viewport);
  cache->renderer = NULL;
}

static void
merged_clear (FaMapView *self)
{
  if (self->merge_cancellable != NULL)
    g_cancellable_cancel (self->merge_cancellable);
  g_clear_object (&self->merge_cancellable);
  cache_clear (&self->merged);
  self->merged_base = NULL;
  self->merged_dyn = NULL;
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
update_rendering (FaMapView *self)
{
  gboolean rendering = fa_map_view_get_rendering (self);

  if (self->rendering != rendering)
    {
      self->rendering = rendering;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERING]);
    }
}

static void
invalidate_dynamic (FaMapView *self)
{
  self->overlay.dirty = TRUE;
  self->dyn.dirty = self->dyn.dirty_hard = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
invalidate_cache (FaMapView *self)
{
  self->base.dirty = self->base.dirty_hard = TRUE;
  self->dyn.dirty = self->dyn.dirty_hard = TRUE;
  self->overlay.dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The view moved: the images are right but will not cover it for long. */
static void
invalidate_view (FaMapView *self)
{
  self->base.dirty = TRUE;
  self->dyn.dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
settle_cb (gpointer data)
{
  FaMapView *self = data;

  self->settle_id = 0;
  invalidate_cache (self);
  update_rendering (self);

  return G_SOURCE_REMOVE;
}

static void
queue_settle (FaMapView *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
  update_rendering (self);
}

/* A jump of the view that no gesture continues: draw it now. */
static void
jump_done (FaMapView *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  invalidate_cache (self);
  update_rendering (self);
}

/* A gesture that says when it ends (a drag, a pinch, a touchpad scroll):
 * no need to wait for the scale to rest. */
static gboolean pan_rest_cb (gpointer data);

static void
gesture_end (FaMapView *self)
{
  if (self->settle_id != 0)
    jump_done (self);
  /* A drag that ended rests where it is. */
  if (self->pan_rest_id != 0)
    {
      g_clear_handle_id (&self->pan_rest_id, g_source_remove);
      pan_rest_cb (self);
    }
}

/* --- Rendering on a worker ------------------------------------------------ */

typedef struct
{
  FaRenderer       *renderer;   /* owned */
  FaViewport       *viewport;   /* owned */
  FaMapSnapshot    *snapshot;   /* owned */
  const FaMapStyle *style;
  FaLayerSet        which;
  int               margin;      /* px around the view, for pans */
  int               factor;
  guint             n_bands;    /* threads for layers that place nothing */
  double            center_x;   /* the view it shows */
  double            center_y;
  double            scale;
  int               width;
  int               height;
  double            origin_y;   /* where it puts the projection's origin */
  FaFrame          *frame;      /* owned: the result */
  cairo_surface_t  *surface;    /* owned: the result */
  cairo_region_t   *region;     /* owned: the result's content, overlays only */
  cairo_surface_t  *under;      /* owned, nullable: the static image of the same
                                 * view, for a dynamic job to merge onto */
  cairo_surface_t  *merged;     /* owned: the result over @under */
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_clear_object (&job->renderer);
  g_clear_object (&job->viewport);
  g_clear_pointer (&job->snapshot, fa_map_snapshot_unref);
  g_clear_pointer (&job->frame, fa_frame_unref);
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_clear_pointer (&job->region, cairo_region_destroy);
  g_clear_pointer (&job->under, cairo_surface_destroy);
  g_clear_pointer (&job->merged, cairo_surface_destroy);
  g_free (job);
}

/* @dyn over @base, in a new opaque image. */
static cairo_surface_t *
merge_surfaces (cairo_surface_t *base,
                cairo_surface_t *dyn)
{
  cairo_surface_t *result = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                        cairo_image_surface_get_width (base),
                                                        cairo_image_surface_get_height (base));
  cairo_t *cr = cairo_create (result);

  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, base, 0, 0);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_set_source_surface (cr, dyn, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (result);

  return result;
}

#define CONTENT_TILE 32  /* device pixels */

/* Where a mostly transparent image (the overlay: a legend, a heading and
 * a scale bar over nothing) has content, in tiles: painting only those
 * spares every frame the blending of two million empty pixels. */
static cairo_region_t *
content_region (cairo_surface_t *surface,
                int              factor)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  cairo_region_t *region = cairo_region_create ();

  for (int ty = 0; ty < h; ty += CONTENT_TILE)
    for (int tx = 0; tx < w; tx += CONTENT_TILE)
      {
        int y2 = MIN (ty + CONTENT_TILE, h), x2 = MIN (tx + CONTENT_TILE, w);
        gboolean empty = TRUE;

        for (int y = ty; y < y2 && empty; y++)
          {
            const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);

            for (int x = tx; x < x2; x++)
              if (row[x] != 0)
                {
                  empty = FALSE;
                  break;
                }
          }
        if (!empty)
          {
            /* In logical pixels, rounded outwards. */
            cairo_rectangle_int_t r = { tx / factor, ty / factor,
                                        (x2 + factor - 1) / factor - tx / factor,
                                        (y2 + factor - 1) / factor - ty / factor };

            cairo_region_union_rectangle (region, &r);
          }
      }

  return region;
}

/* Drawing the next image must not take the core the frames need: on
 * Linux a thread has a nice value of its own, and the threads it starts
 * (the bands) inherit it.  A worker thread of GLib's pool stays at the
 * lower priority afterwards, since raising it again needs privileges;
 * the pool's other work is background work too. */
static void
lower_thread_priority (void)
{
#ifdef __linux__
  errno = 0;
  if (getpriority (PRIO_PROCESS, 0) < 10 && errno == 0)
    setpriority (PRIO_PROCESS, 0, 10);
#endif
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  g_autoptr(cairo_t) cr = NULL;
  FaRenderContext ctx;
  int w = fa_viewport_get_width (job->viewport) * job->factor;
  int h = fa_viewport_get_height (job->viewport) * job->factor;

  if (g_task_return_error_if_cancelled (task))
    return;

  lower_thread_priority ();
  job->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status (job->surface) != CAIRO_STATUS_SUCCESS)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "%s",
                               cairo_status_to_string (cairo_surface_status (job->surface)));
      return;
    }
  fa_renderer_init_context (job->renderer, &ctx, job->viewport, job->style, job->snapshot);

  if (job->which & FA_LAYERS_STATIC)
    {
      /* The sea under everything, so that the image is opaque and can be
       * copied rather than blended; then the layers, on several threads:
       * they record nothing for hit tests. */
      cr = cairo_create (job->surface);
      fa_map_style_set_source (cr, &job->style->ocean);
      cairo_paint (cr);
      g_clear_pointer (&cr, cairo_destroy);
      if (!fa_renderer_render_bands (job->renderer, job->surface, job->factor, &ctx,
                                     job->which, job->n_bands, cancellable))
        {
          if (!g_task_return_error_if_cancelled (task))
            g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                                     cairo_status_to_string (cairo_surface_status (job->surface)));
          return;
        }
    }
  else
    {
      cr = cairo_create (job->surface);
      cairo_scale (cr, job->factor, job->factor);
      job->frame = fa_frame_new ();
      ctx.frame = job->frame;
      /* What is seen lies inside the margin: labels go there, whole. */
      ctx.shown = (FaRect) { job->margin, job->margin,
                             fa_viewport_get_width (job->viewport) - job->margin,
                             fa_viewport_get_height (job->viewport) - job->margin };
      fa_renderer_render (job->renderer, cr, &ctx, job->which);
      g_clear_pointer (&cr, cairo_destroy);
      cairo_surface_flush (job->surface);
      if (job->which == FA_LAYERS_OVERLAY)
        job->region = content_region (job->surface, job->factor);
      /* The frames then copy one opaque image instead of blending two,
       * from the moment the flows of a new month arrive. */
      if (job->under != NULL && !g_cancellable_is_cancelled (cancellable))
        {
          job->merged = merge_surfaces (job->under, job->surface);
          /* Out of memory: the frames blend the two images instead. */
          if (cairo_surface_status (job->merged) != CAIRO_STATUS_SUCCESS)
            g_clear_pointer (&job->merged, cairo_surface_destroy);
        }
    }

  g_task_return_boolean (task, TRUE);
}

/* --- One opaque image of both, when they match ---------------------------- */

typedef struct
{
  cairo_surface_t *base;     /* owned */
  cairo_surface_t *dyn;      /* owned */
  cairo_surface_t *result;   /* owned */
} MergeJob;

static void
merge_job_free (MergeJob *job)
{
  g_clear_pointer (&job->base, cairo_surface_destroy);
  g_clear_pointer (&job->dyn, cairo_surface_destroy);
  g_clear_pointer (&job->result, cairo_surface_destroy);
  g_free (job);
}

static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MergeJob *job = task_data;

  lower_thread_priority ();
  job->result = merge_surfaces (job->base, job->dyn);

  if (cairo_surface_status (job->result) != CAIRO_STATUS_SUCCESS)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "%s",
                             cairo_status_to_string (cairo_surface_status (job->result)));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
caches_match (const Cache *a,
              const Cache *b)
{
  return a->surface != NULL && b->surface != NULL &&
         a->renderer == b->renderer &&
         a->center_x == b->center_x && a->center_y == b->center_y && a->scale == b->scale &&
         a->width == b->width && a->height == b->height && a->factor == b->factor;
}

/* @surface (taken) shows the base and dynamic images now shown, merged. */
static void
install_merged (FaMapView       *self,
                cairo_surface_t *surface)
{
  merged_clear (self);
  self->merged = self->base;
  self->merged.surface = surface;
  self->merged.texture = NULL;
  self->merged.region = NULL;
  self->merged.frame = NULL;
  self->merged.snapshot = NULL;
  self->merged.viewport = NULL;
  self->merged.cancellable = NULL;
  self->merged.opaque = TRUE;
  self->merged_base = self->base.surface;
  self->merged_dyn = self->dyn.surface;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_merge_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FaMapView *self = FA_MAP_VIEW (object);
  MergeJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot draw the map: %s", error->message);
      return;
    }

  /* Either image replaced since: this one is stale. */
  if (job->base != self->base.surface || job->dyn != self->dyn.surface)
    return;

  install_merged (self, g_steal_pointer (&job->result));
}

/* Once the images of both kinds show the same view, one image of both
 * halves what every frame composites. */
static void
maybe_merge (FaMapView *self)
{
  g_autoptr(GTask) task = NULL;
  MergeJob *job;

  if (!caches_match (&self->base, &self->dyn) || self->base.cancellable != NULL ||
      self->dyn.cancellable != NULL)
    return;
  if (self->merged_base == self->base.surface && self->merged_dyn == self->dyn.surface)
    return;

  merged_clear (self);
  self->merge_cancellable = g_cancellable_new ();
  job = g_new0 (MergeJob, 1);
  job->base = cairo_surface_reference (self->base.surface);
  job->dyn = cairo_surface_reference (self->dyn.surface);
  task = g_task_new (self, self->merge_cancellable, on_merge_done_cb, NULL);
  g_task_set_source_tag (task, maybe_merge);
  g_task_set_task_data (task, job, (GDestroyNotify) merge_job_free);
  g_task_run_in_thread (task, merge_thread);
}

static void
on_render_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  FaMapView *self = FA_MAP_VIEW (object);
  Cache *cache = user_data;
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot draw the map: %s", error->message);
      return;
    }

  /* A job cancelled after it had finished: a newer one is under way. */
  if (g_task_get_cancellable (G_TASK (result)) != cache->cancellable)
    return;

  g_clear_object (&cache->cancellable);
  g_clear_pointer (&cache->surface, cairo_surface_destroy);
  g_clear_pointer (&cache->region, cairo_region_destroy);
  g_clear_object (&cache->texture);
  g_clear_pointer (&cache->frame, fa_frame_unref);
  g_clear_pointer (&cache->snapshot, fa_map_snapshot_unref);
  g_clear_object (&cache->viewport);

  cache->surface = g_steal_pointer (&job->surface);
  cache->region = g_steal_pointer (&job->region);
  cache->opaque = (job->which & FA_LAYERS_STATIC) != 0;
  cache->center_x = job->center_x;
  cache->center_y = job->center_y;
  cache->scale = job->scale;
  cache->width = job->width;
  cache->height = job->height;
  cache->factor = job->factor;
  cache->frame = g_steal_pointer (&job->frame);
  cache->snapshot = fa_map_snapshot_ref (job->snapshot);
  cache->viewport = g_object_ref (job->viewport);
  cache->renderer = job->renderer;

  if (cache == &self->overlay)
    {
      self->overlay_cy = job->origin_y;
      self->overlay_style = job->style;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (cache == &self->dyn)
    {
      if (job->merged != NULL && job->under == self->base.surface)
        install_merged (self, g_steal_pointer (&job->merged));
      update_hover (self);
    }
  maybe_merge (self);
  update_rendering (self);
}

/* Starts drawing @cache anew for the view as it is now; the texture it
 * has stays on screen, moved into place, until the new one is ready. */
static void
start_render (FaMapView  *self,
              Cache      *cache,
              FaLayerSet  which,
              int         width,
              int         height)
{
  /* The overlay is fixed to the screen: no margin. */
  int margin = which == FA_LAYERS_OVERLAY ? 0 : CACHE_MARGIN;
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  if (cache->cancellable != NULL)
    g_cancellable_cancel (cache->cancellable);
  g_clear_object (&cache->cancellable);
  cache->cancellable = g_cancellable_new ();

  job = g_new0 (RenderJob, 1);
  job->renderer = g_object_ref (self->renderer);
  job->viewport = fa_viewport_copy (self->viewport);
  fa_viewport_set_size (job->viewport, width + 2 * margin, height + 2 * margin);
  job->snapshot = fa_map_state_snapshot (self->state);
  job->style = get_style (self);
  job->which = which;
  job->margin = margin;
  job->factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  job->n_bands = MAX (g_get_num_processors (), 1);
  job->center_x = fa_viewport_get_center_x (self->viewport);
  job->center_y = fa_viewport_get_center_y (self->viewport);
  job->scale = fa_viewport_get_scale (self->viewport);
  job->width = width + 2 * margin;
  job->height = height + 2 * margin;
  fa_viewport_projected_to_screen (self->viewport, 0, 0, NULL, &job->origin_y);
  if (which == FA_LAYERS_DYNAMIC && self->base.surface != NULL && self->base.renderer == self->renderer &&
      self->base.center_x == job->center_x && self->base.center_y == job->center_y &&
      self->base.scale == job->scale && self->base.width == job->width &&
      self->base.height == job->height && self->base.factor == job->factor)
    job->under = cairo_surface_reference (self->base.surface);

  cache->dirty_hard = FALSE;
  cache->pending_scale = job->scale;
  cache->pending_center_x = job->center_x;
  cache->pending_center_y = job->center_y;
  cache->pending_width = job->width;
  cache->pending_height = job->height;
  cache->pending_factor = job->factor;
  cache->dirty = FALSE;

  task = g_task_new (self, cache->cancellable, on_render_done_cb, cache);
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  g_task_run_in_thread (task, render_thread);
  update_rendering (self);
}

/* Whether @cache should be drawn anew now.  A render under way for the
 * same scale and size (a pan that went past the margin) is left to
 * finish, and the next starts when it arrives: a long pan keeps getting
 * fresh images instead of restarting one that never ends. */
static gboolean
cache_needs_render (FaMapView *self,
                    Cache     *cache,
                    int        width,
                    int        height)
{
  int factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  gboolean same_view;

  if (cache->cancellable != NULL)
    {
      same_view = cache->pending_scale == fa_viewport_get_scale (self->viewport) &&
                  cache->pending_width == width + 2 * CACHE_MARGIN &&
                  cache->pending_height == height + 2 * CACHE_MARGIN &&
                  cache->pending_factor == factor;
      return !same_view || (cache->dirty && cache->dirty_hard);
    }

  return cache->dirty || cache->surface == NULL ||
         cache->width != width + 2 * CACHE_MARGIN ||
         cache->height != height + 2 * CACHE_MARGIN ||
         cache->factor != factor;
}

/* Screen point → coordinates in the drawing of the dynamic layers shown,
 * where their hit tests live.  FALSE while none matches the view. */
static gboolean
to_dyn_coords (FaMapView *self,
               double     x,
               double     y,
               double    *dx,
               double    *dy)
{
  double sx, sy;

  if (self->dyn.surface == NULL || self->dyn.frame == NULL || self->dyn.renderer != self->renderer ||
      self->dyn.scale != fa_viewport_get_scale (self->viewport))
    return FALSE;

  fa_viewport_projected_to_screen (self->viewport, self->dyn.center_x, self->dyn.center_y, &sx, &sy);
  *dx = x - (sx - self->dyn.width / 2.0);
  *dy = y - (sy - self->dyn.height / 2.0);
  return TRUE;
}

/* Where the cached image's content belongs now, in widget pixels: a pan
 * translates it, a zoom in progress scales it. */
static graphene_rect_t
cache_place (FaViewport  *viewport,
             const Cache *cache)
{
  double ratio = cache->scale / fa_viewport_get_scale (viewport);
  double sx, sy;

  fa_viewport_projected_to_screen (viewport, cache->center_x, cache->center_y, &sx, &sy);
  return GRAPHENE_RECT_INIT (sx - cache->width / 2.0 * ratio, sy - cache->height / 2.0 * ratio,
                             cache->width * ratio, cache->height * ratio);
}

static gboolean
cache_covers (FaViewport  *viewport,
              const Cache *cache,
              int          width,
              int          height)
{
  graphene_rect_t place = cache_place (viewport, cache);

  return cache->opaque &&
         place.origin.x <= 0 && place.origin.y <= 0 &&
         place.origin.x + place.size.width >= width &&
         place.origin.y + place.size.height >= height;
}

static void
append_cached (FaMapView   *self,
               GtkSnapshot *snapshot,
               Cache       *cache,
               gboolean     use_cairo,
               int          width,
               int          height)
{
  /* The overlay is fixed to the screen, at its own scale until the next
   * one arrives; the map's images follow the view. */
  graphene_rect_t place = cache == &self->overlay ? GRAPHENE_RECT_INIT (0, 0, cache->width, cache->height)
                                                  : cache_place (self->viewport, cache);

  if (use_cairo)
    {
      /* GSK's cairo renderer replays this onto the window: one blit of the
       * image itself (on X11 and Wayland a "similar" surface is an image
       * surface too, so a copy of it would save nothing). */
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      double ratio = place.size.width / cache->width;
      gboolean exact = fabs (ratio - 1) < 1e-9;

      if (exact)
        {
          /* Whole device pixels: a copy, not a resampling. */
          place.origin.x = round (place.origin.x * cache->factor) / cache->factor;
          place.origin.y = round (place.origin.y * cache->factor) / cache->factor;
        }
      if (cache->region != NULL)
        {
          cairo_translate (cr, place.origin.x, place.origin.y);
          gdk_cairo_region (cr, cache->region);
          cairo_clip (cr);
          cairo_translate (cr, -place.origin.x, -place.origin.y);
        }
      cairo_translate (cr, place.origin.x, place.origin.y);
      cairo_scale (cr, ratio / cache->factor, ratio / cache->factor);
      cairo_set_source_surface (cr, cache->surface, 0, 0);
      /* While a zoom scales the image, the nearest pixel is drawn: twice as
       * fast as blending four, on frames that last a moment; the crisp
       * image follows when the zoom rests. */
      cairo_pattern_set_filter (cairo_get_source (cr),
                                exact || self->settle_id != 0 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_BILINEAR);
      if (cache->opaque && cache_covers (self->viewport, cache, width, height))
        cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cr);
      cairo_destroy (cr);
      return;
    }

  if (cache->texture == NULL)
    {
      g_autoptr(GBytes) bytes = NULL;

      cairo_surface_flush (cache->surface);
      bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (cache->surface),
                                          (gsize) cairo_image_surface_get_stride (cache->surface) *
                                          cairo_image_surface_get_height (cache->surface),
                                          (GDestroyNotify) cairo_surface_destroy,
                                          cairo_surface_reference (cache->surface));
      cache->texture = gdk_memory_texture_new (cairo_image_surface_get_width (cache->surface),
                                               cairo_image_surface_get_height (cache->surface),
                                               GDK_MEMORY_DEFAULT, bytes,
                                               cairo_image_surface_get_stride (cache->surface));
    }
  gtk_snapshot_append_texture (snapshot, cache->texture, &place);
}

static gboolean
renders_with_cairo (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}

static void
fa_map_view_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  FaMapView *self = FA_MAP_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const FaMapStyle *style = get_style (self);
  gboolean use_cairo = renders_with_cairo (widget);
  gboolean base_ok, dyn_ok, hover_region, merged_ok;
  cairo_t *cr;

  if (self->renderer == NULL || width <= 0 || height <= 0)
    {
      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { style->ocean.red, style->ocean.green, style->ocean.blue, 1 },
                                 &GRAPHENE_RECT_INIT (0, 0, width, height));
      return;
    }

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

  /* Nothing heavy here: images are drawn on a worker and arrive later. */
  if (cache_needs_render (self, &self->base, width, height))
    start_render (self, &self->base, FA_LAYERS_STATIC, width, height);
  if (cache_needs_render (self, &self->dyn, width, height))
    start_render (self, &self->dyn, FA_LAYERS_DYNAMIC, width, height);

  base_ok = self->base.surface != NULL && self->base.renderer == self->renderer;
  dyn_ok = self->dyn.surface != NULL && self->dyn.renderer == self->renderer;
  hover_region = self->hover.features != NULL && self->hover.feature >= 0;
  merged_ok = base_ok && dyn_ok && self->merged.surface != NULL &&
              self->merged_base == self->base.surface && self->merged_dyn == self->dyn.surface;

  /* The sea, where no opaque image covers the view. */
  if (!(merged_ok && cache_covers (self->viewport, &self->merged, width, height)) &&
      !(base_ok && cache_covers (self->viewport, &self->base, width, height)))
    gtk_snapshot_append_color (snapshot, &(GdkRGBA) { style->ocean.red, style->ocean.green, style->ocean.blue, 1 },
                               &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (merged_ok && !hover_region)
    append_cached (self, snapshot, &self->merged, use_cairo, width, height);
  else
    {
      if (base_ok)
        append_cached (self, snapshot, &self->base, use_cairo, width, height);

      /* The hovered region, over the base map and under the flows. */
      if (hover_region)
        {
          FaRenderContext ctx;

          cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
          fa_renderer_init_context (self->renderer, &ctx, self->viewport, style, NULL);
          cairo_new_path (cr);
          fa_feature_layer_append_path (self->hover.features, self->hover.feature, cr, &ctx.to_device, 0.5);
          fa_map_style_set_source (cr, &style->highlight);
          cairo_fill_preserve (cr);
          fa_map_style_set_source_alpha (cr, &style->highlight, 2.5);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
          cairo_destroy (cr);
        }

      if (dyn_ok)
        append_cached (self, snapshot, &self->dyn, use_cairo, width, height);
    }

  /* Legend and scale bar are fixed to the screen: drawn on a worker too,
   * into an image of the view's size kept until what they show changes
   * (the state, the scale, or the latitude at the centre, which the scale
   * bar measures); the last one stays on screen meanwhile. */
  {
    Cache *overlay = &self->overlay;
    int factor = gtk_widget_get_scale_factor (widget);
    double cy;

    fa_viewport_projected_to_screen (self->viewport, 0, 0, NULL, &cy);
    /* While a zoom goes on (until the scale rests), its scale bar waits
     * with the map's images: drawing it at every step kept a worker busy
     * and made the crisp image after the zoom wait for it. */
    if ((overlay->surface == NULL || overlay->dirty || overlay->width != width ||
         overlay->height != height || overlay->factor != factor ||
         (self->settle_id == 0 && overlay->scale != fa_viewport_get_scale (self->viewport)) ||
         fabs (cy - self->overlay_cy) > 16 || self->overlay_style != style ||
         overlay->renderer != self->renderer) &&
        overlay->cancellable == NULL)
      {
        /* One under way is left to finish: the next starts when it
         * arrives, so that a month changing every frame still shows. */
        start_render (self, overlay, FA_LAYERS_OVERLAY, width, height);
      }
    if (overlay->surface != NULL && overlay->renderer == self->renderer)
      append_cached (self, snapshot, overlay, use_cairo, width, height);
  }
}

/* A map needs room: the window's side panels fold over it (AdwFlap folds
 * a panel when the minimum widths no longer fit) rather than leave it
 * narrower than this, so the sidebar folds below about 900 pixels. */
#define MINIMUM_WIDTH  600
#define NATURAL_HEIGHT 400

static void
fa_map_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? MINIMUM_WIDTH : 0;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? MINIMUM_WIDTH : NATURAL_HEIGHT;
}

/* The view's size is the viewport's: set on allocation, before any fit
 * or drawing asks for it. */
static void
fa_map_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  FaMapView *self = FA_MAP_VIEW (widget);

  if (self->viewport != NULL && width > 0 && height > 0)
    fa_viewport_set_size (self->viewport, width, height);
}

static gboolean
pan_rest_cb (gpointer data)
{
  FaMapView *self = data;

  Cache *dyn = &self->dyn;
  double cx, cy;

  self->pan_rest_id = 0;
  if (self->viewport == NULL || dyn->surface == NULL || dyn->dirty)
    {
      update_rendering (self);
      return G_SOURCE_REMOVE;
    }
  /* The map image moved with the pan, the overlay stayed: labels were
   * kept clear of a legend that is now elsewhere on the map. */
  cx = fa_viewport_get_center_x (self->viewport);
  cy = fa_viewport_get_center_y (self->viewport);
  if (dyn->cancellable != NULL ? cx != dyn->pending_center_x || cy != dyn->pending_center_y
                               : cx != dyn->center_x || cy != dyn->center_y)
    invalidate_dynamic (self);
  else
    /* Nothing to redraw: the frame that says the view rests. */
    gtk_widget_queue_draw (GTK_WIDGET (self));
  update_rendering (self);

  return G_SOURCE_REMOVE;
}

static void
on_viewport_changed_cb (FaMapView  *self,
                        GParamSpec *pspec,
                        FaViewport *viewport)
{
  /* A scale change makes the images blurry: redraw once the scale
   * rests.  A pan redraws as soon as half the margin is used up, without
   * waiting for the view to rest, so a long drag keeps finding map. */
  if (self->base.surface != NULL)
    {
      double dx = fabs (fa_viewport_get_center_x (viewport) - self->base.center_x) / self->base.scale;
      double dy = fabs (fa_viewport_get_center_y (viewport) - self->base.center_y) / self->base.scale;

      if (fa_viewport_get_scale (viewport) != self->base.scale)
        queue_settle (self);
      else
        {
          if ((dx > CACHE_MARGIN * 0.5 || dy > CACHE_MARGIN * 0.5) && self->settle_id == 0)
            invalidate_view (self);
          /* A pan: the settle of a zoom redraws at the new centre anyway. */
          g_clear_handle_id (&self->pan_rest_id, g_source_remove);
          self->pan_rest_id = g_timeout_add (PAN_REST_MS, pan_rest_cb, self);
          update_rendering (self);
        }
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What the map shows, for a screen reader: said again when the month or
 * the categories change. */
static void
update_description (FaMapView *self)
{
  g_autoptr(FaMapSnapshot) snapshot = NULL;
  g_autofree char *text = NULL;

  if (self->state == NULL)
    return;
  snapshot = fa_map_state_snapshot (self->state);
  text = fa_map_snapshot_describe (snapshot);
  if (g_strcmp0 (text, self->description) == 0)
    return;
  g_free (self->description);
  self->description = g_steal_pointer (&text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

/**
 * fa_map_view_get_description:
 *
 * Returns: (nullable): the map's accessible description, what it shows
 */
const char *
fa_map_view_get_description (FaMapView *self)
{
  g_return_val_if_fail (FA_IS_MAP_VIEW (self), NULL);

  return self->description;
}

static void
on_map_changed_cb (FaMapView *self,
                   guint      kinds,
                   FaMap     *map)
{
  if (kinds & (FA_LAYERS_DYNAMIC | FA_LAYERS_STATIC))
    update_description (self);
  self->overlay.dirty = TRUE;
  if (kinds & FA_LAYERS_STATIC)
    invalidate_cache (self);
  else if (kinds & FA_LAYERS_DYNAMIC)
    invalidate_dynamic (self);
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_map_renderer_cb (FaMapView  *self,
                    GParamSpec *pspec,
                    FaMap      *map)
{
  FaRenderer *renderer = fa_map_get_renderer (map);
  FaProjection *old_projection = get_projection (self);

  if (renderer == self->renderer)
    return;

  /* Another projection: its own default view. */
  if (renderer == NULL || old_projection == NULL ||
      g_strcmp0 (fa_projection_get_definition (old_projection),
                 fa_projection_get_definition (fa_renderer_get_projection (renderer))) != 0)
    self->view_initialized = FALSE;

  g_set_object (&self->renderer, renderer);
  if (renderer != NULL)
    {
      FaProjection *projection = fa_renderer_get_projection (renderer);
      /* On screen, zoom stops where the base map has no more detail,
       * ten times short of what an export may draw. */
      double scale_min = 10 * fa_projection_get_finest_scale (projection);

      fa_viewport_set_scale_limits (self->viewport, scale_min, scale_min * 1e4);
    }

  self->hover = FA_MAP_HIT_INIT;
  set_hover_text (self, NULL);
  invalidate_cache (self);
}

static void
on_dark_changed_cb (FaMapView       *self,
                    GParamSpec      *pspec,
                    AdwStyleManager *manager)
{
  invalidate_cache (self);
}

static void
on_xft_dpi_changed_cb (FaMapView   *self,
                       GParamSpec  *pspec,
                       GtkSettings *settings)
{
  if (update_text_scale (self))
    invalidate_cache (self);
}

/* What is under the pointer: an arrow or a marker of the dynamic layers
 * (from the drawing shown), else a region or country of the base map. */
static void
update_hover (FaMapView *self)
{
  FaMapHit hit = FA_MAP_HIT_INIT;
  g_autofree char *text = NULL;
  FaRenderContext ctx;
  double x, y;

  if (self->renderer == NULL || self->state == NULL)
    return;

  if (self->have_pointer && to_dyn_coords (self, self->pointer_x, self->pointer_y, &x, &y))
    {
      fa_renderer_init_context (self->renderer, &ctx, self->dyn.viewport, get_style (self), self->dyn.snapshot);
      ctx.frame = self->dyn.frame;
      if (fa_renderer_pick (self->renderer, &ctx, FA_LAYERS_DYNAMIC, x, y, &hit) && hit.item != NULL)
        {
          text = fa_renderer_describe (self->renderer, &ctx, &hit);
          fa_map_state_set_hovered (self->state, hit.item);
          self->hover = FA_MAP_HIT_INIT;
          set_hover_text (self, text);
          gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
          gtk_widget_queue_draw (GTK_WIDGET (self));
          return;
        }
    }
  fa_map_state_set_hovered (self->state, NULL);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);

  hit = FA_MAP_HIT_INIT;
  if (self->have_pointer)
    {
      g_autoptr(FaMapSnapshot) state = fa_map_state_snapshot (self->state);

      fa_renderer_init_context (self->renderer, &ctx, self->viewport, get_style (self), state);
      if (fa_renderer_pick (self->renderer, &ctx, FA_LAYERS_STATIC, self->pointer_x, self->pointer_y, &hit))
        text = fa_renderer_describe (self->renderer, &ctx, &hit);
    }

  if (hit.features != self->hover.features || hit.feature != self->hover.feature || text == NULL)
    {
      self->hover = hit;
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
  gesture_end (self);
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
  FaMapHit hit = FA_MAP_HIT_INIT;
  double dx, dy;

  /* A click, not the end of a drag. */
  if (n_press != 1 || hypot (x - self->press_x, y - self->press_y) > 4 || self->renderer == NULL)
    return;

  if (to_dyn_coords (self, x, y, &dx, &dy))
    {
      FaRenderContext ctx;

      fa_renderer_init_context (self->renderer, &ctx, self->dyn.viewport, get_style (self), self->dyn.snapshot);
      ctx.frame = self->dyn.frame;
      fa_renderer_pick (self->renderer, &ctx, FA_LAYERS_DYNAMIC, dx, dy, &hit);
    }

  /* A cluster of places, or an arrow between two, opens: the map zooms
   * to its places (at most eight times in, centred on them). */
  if (FA_IS_PLACE_CLUSTER (hit.item) || FA_IS_FLOW_BUNDLE (hit.item))
    {
      FaRect rect, visible;
      double cx, cy, w, h;

      if (FA_IS_PLACE_CLUSTER (hit.item))
        fa_place_cluster_get_bounds (FA_PLACE_CLUSTER (hit.item), &rect);
      else
        fa_flow_bundle_get_bounds (FA_FLOW_BUNDLE (hit.item), &rect);
      fa_viewport_get_visible_rect (self->viewport, &visible);
      cx = (rect.x1 + rect.x2) / 2;
      cy = (rect.y1 + rect.y2) / 2;
      w = MAX (rect.x2 - rect.x1, (visible.x2 - visible.x1) / 8);
      h = MAX (rect.y2 - rect.y1, (visible.y2 - visible.y1) / 8);
      rect = (FaRect) { cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2 };
      fa_viewport_fit_rect (self->viewport, &rect, 48);
      return;
    }

  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, hit.item);
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
  g_clear_handle_id (&self->pan_rest_id, g_source_remove);
  fa_map_view_set_map (self, NULL);
  cache_clear (&self->base);
  cache_clear (&self->dyn);
  merged_clear (self);
  cache_clear (&self->overlay);

  G_OBJECT_CLASS (fa_map_view_parent_class)->dispose (object);
}

static void
fa_map_view_finalize (GObject *object)
{
  FaMapView *self = FA_MAP_VIEW (object);

  g_clear_pointer (&self->hover_text, g_free);
  g_clear_pointer (&self->description, g_free);

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
    case PROP_MAP:
      g_value_set_object (value, fa_map_view_get_map (self));
      break;

    case PROP_HOVER_TEXT:
      g_value_set_string (value, fa_map_view_get_hover_text (self));
      break;

    case PROP_RENDERING:
      g_value_set_boolean (value, fa_map_view_get_rendering (self));
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
    case PROP_MAP:
      fa_map_view_set_map (self, g_value_get_object (value));
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

#ifdef __GLIBC__
  /* Every frame GTK's cairo renderer allocates an image of the damaged
   * area (8 MB for a 1920×1080 map) and frees it, and every new image of
   * the map is as big.  glibc maps such blocks from the kernel and gives
   * them back at once, so each frame faulted in and zeroed 2000 fresh
   * pages: kept in the heap they are reused.  Measured with bench-window,
   * p95 of a month change 46 → 29 ms, of a pan 28 → 18 ms. */
  mallopt (M_MMAP_THRESHOLD, 64 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif

  object_class->dispose = fa_map_view_dispose;
  object_class->finalize = fa_map_view_finalize;
  object_class->get_property = fa_map_view_get_property;
  object_class->set_property = fa_map_view_set_property;
  widget_class->snapshot = fa_map_view_snapshot;
  widget_class->measure = fa_map_view_measure;
  widget_class->size_allocate = fa_map_view_size_allocate;

  /**
   * FaMapView:map:
   *
   * The map document shown; the view shows its state's viewport.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, FA_TYPE_MAP,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FaMapView:rendering:
   *
   * Whether a worker is drawing a new image of the map; the old one is
   * shown meanwhile.
   */
  properties[PROP_RENDERING] =
    g_param_spec_boolean ("rendering", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
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

  self->hover = FA_MAP_HIT_INIT;

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
  g_signal_connect_swapped (controller, "scroll-end", G_CALLBACK (gesture_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  g_signal_connect_swapped (gesture, "end", G_CALLBACK (gesture_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
  self->text_scale = 1.0;
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-xft-dpi",
                           G_CALLBACK (on_xft_dpi_changed_cb), self, G_CONNECT_SWAPPED);
  update_text_scale (self);
}

GtkWidget *
fa_map_view_new (void)
{
  return g_object_new (FA_TYPE_MAP_VIEW, NULL);
}

/**
 * fa_map_view_get_map:
 *
 * Returns: (transfer none) (nullable): the map shown
 */
FaMap *
fa_map_view_get_map (FaMapView *self)
{
  g_return_val_if_fail (FA_IS_MAP_VIEW (self), NULL);

  return self->map;
}

void
fa_map_view_set_map (FaMapView *self,
                     FaMap     *map)
{
  g_return_if_fail (FA_IS_MAP_VIEW (self));
  g_return_if_fail (!map || FA_IS_MAP (map));

  if (self->map == map)
    return;

  if (self->map != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->map, self);
      g_signal_handlers_disconnect_by_data (self->viewport, self);
    }
  cache_clear (&self->base);
  cache_clear (&self->dyn);
  merged_clear (self);
  cache_clear (&self->overlay);
  g_clear_object (&self->renderer);
  g_clear_object (&self->viewport);
  self->state = NULL;
  self->view_initialized = FALSE;

  g_set_object (&self->map, map);
  if (map != NULL)
    {
      self->state = fa_map_get_state (map);
      self->viewport = g_object_ref (fa_map_state_get_viewport (self->state));
      g_signal_connect_object (self->viewport, "notify", G_CALLBACK (on_viewport_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (map, "changed", G_CALLBACK (on_map_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (map, "notify::renderer", G_CALLBACK (on_map_renderer_cb), self, G_CONNECT_SWAPPED);
      on_map_renderer_cb (self, NULL, map);
      update_description (self);
    }

  self->hover = FA_MAP_HIT_INIT;
  set_hover_text (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fa_map_view_get_rendering:
 *
 * Returns: whether a new image of the map is being drawn
 */
gboolean
fa_map_view_get_rendering (FaMapView *self)
{
  g_return_val_if_fail (FA_IS_MAP_VIEW (self), FALSE);

  return self->base.cancellable != NULL || self->dyn.cancellable != NULL ||
         self->overlay.cancellable != NULL || self->settle_id != 0 || self->pan_rest_id != 0 ||
         (self->renderer != NULL && (self->base.dirty || self->dyn.dirty || self->overlay.dirty));
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
  fa_viewport_set_size (self->viewport, gtk_widget_get_width (GTK_WIDGET (self)),
                        gtk_widget_get_height (GTK_WIDGET (self)));
  if (fa_projection_project_extent (projection, extent, &rect))
    fa_viewport_fit_rect (self->viewport, &rect, 8);
  jump_done (self);
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
  fa_viewport_set_size (self->viewport, gtk_widget_get_width (GTK_WIDGET (self)),
                        gtk_widget_get_height (GTK_WIDGET (self)));
  /* With room for the title and the legend the overlay draws. */
  if (self->renderer != NULL && self->state != NULL)
    {
      g_autoptr(FaMapSnapshot) snapshot = fa_map_state_snapshot (self->state);

      fa_renderer_frame_rect (self->renderer, self->viewport, get_style (self), snapshot, rect, margin);
    }
  else
    fa_viewport_fit_rect (self->viewport, rect, margin);
  jump_done (self);
}
