/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-animation"

#include "config.h"

#include "fa-animation.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fa-autocleanups.h"
#include "fa-gif-writer.h"
#include "fa-map-layer.h"
#include "fa-month.h"
#include "fa-webm-writer.h"

/* Cairo keeps each frame in memory, twice: cap them as single images are. */
#define MAX_PIXELS (40.0 * 1000 * 1000)
/* The last month stays on screen this long, as a still map. */
#define HOLD_SECONDS 1

static void
set_write_error (GError     **error,
                 const char  *path,
                 const char  *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_WRITE,
               /* translators: 1: a file path, 2: why it could not be written */
               _("Cannot write “%s”: %s"), display, reason);
}

static guint
count_moving_frames (FaMonth from,
                     FaMonth to,
                     int     fps,
                     double  speed)
{
  /* As the timeline plays: the last month is shown as long as any other,
   * so the position runs from @from to the end of @to. */
  return (guint) ceil ((to + 1 - from) * (double) fps / speed - 1e-9);
}

/**
 * fa_animation_count_frames:
 * @from: the first month shown
 * @to: the last month shown, at or after @from
 * @fps: frames per second
 * @speed: months per second
 *
 * Returns: how many frames an animation of these settings has: the
 *   months played at @speed, then the last one held for a second
 */
guint
fa_animation_count_frames (FaMonth from,
                           FaMonth to,
                           int     fps,
                           double  speed)
{
  g_return_val_if_fail (to >= from && fps > 0 && speed > 0, 0);

  return count_moving_frames (from, to, fps, speed) + (guint) fps * HOLD_SECONDS;
}

/* Whether every static layer lies below every other: then the static
 * ones are drawn once for all frames, as the window's base image. */
static gboolean
static_layers_at_bottom (FaRenderer *renderer)
{
  g_autoptr(GPtrArray) layers = fa_renderer_ref_layers (renderer);
  gboolean seen_other = FALSE;

  for (guint i = 0; i < layers->len; i++)
    {
      FaMapLayer *layer = g_ptr_array_index (layers, i);

      if (fa_map_layer_get_kind (layer) == FA_LAYERS_STATIC)
        {
          if (seen_other)
            return FALSE;
        }
      else
        seen_other = TRUE;
    }

  return TRUE;
}

typedef struct
{
  FaWebmWriter *webm;
  FaGifWriter  *gif;
} Writer;

static gboolean
writer_add (Writer           *writer,
            cairo_surface_t  *frame,
            GError          **error)
{
  if (writer->webm != NULL)
    return fa_webm_writer_add_frame (writer->webm, frame, error);
  return fa_gif_writer_add_frame (writer->gif, frame, error);
}

/**
 * fa_animation_export:
 * @snapshot: the map to animate; its time filter is replaced, frame by
 *   frame, by the month shown
 * @from: the first month
 * @to: the last month, at or after @from
 * @fps: frames per second, 1 to 30
 * @speed: months per second of the animation
 * @path: a `.webm` or `.gif` file
 * @progress: (nullable): called after each frame, on this thread
 *
 * Draws the timeline's playback from @from to @to into @path, frame by
 * frame, as the window plays it: flows that begin in a month fade in
 * over it, flows that end fade out, and the last month is held for a
 * second.  The file appears only when it is complete: a failed or
 * cancelled export leaves nothing and keeps a file already at @path.
 *
 * Returns: %TRUE on success; otherwise %FALSE with @error set
 */
gboolean
fa_animation_export (FaRenderer           *renderer,
                     FaViewport           *viewport,
                     const FaMapStyle     *style,
                     const FaMapSnapshot  *snapshot,
                     FaMonth               from,
                     FaMonth               to,
                     int                   fps,
                     double                speed,
                     const char           *path,
                     FaAnimationProgress   progress,
                     gpointer              progress_data,
                     GCancellable         *cancellable,
                     GError              **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *display = NULL;
  g_autoptr(cairo_surface_t) base = NULL;
  g_autoptr(cairo_surface_t) frame = NULL;
  g_autoptr(FaWebmWriter) webm = NULL;
  g_autoptr(FaGifWriter) gif = NULL;
  g_autoptr(GError) local_error = NULL;
  FaExportFormat format;
  Writer writer = { NULL, NULL };
  FaRenderContext ctx;
  FaTimeFilter time;
  guint n_moving, n_frames;
  int width, height, fd;
  gboolean cached;
  gboolean ok = FALSE;

  g_return_val_if_fail (FA_IS_RENDERER (renderer), FALSE);
  g_return_val_if_fail (FA_IS_VIEWPORT (viewport), FALSE);
  g_return_val_if_fail (style != NULL && snapshot != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  /* Not the still images' message, which would offer .png, .svg and .pdf. */
  if (!fa_export_format_from_path (path, &format, NULL) ||
      (format != FA_EXPORT_WEBM && format != FA_EXPORT_GIF))
    {
      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_FORMAT,
                   _("%s: an animation is written as .webm or .gif"), display);
      return FALSE;
    }
  if (!fa_month_is_valid (from) || !fa_month_is_valid (to) || to < from)
    {
      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_SIZE,
                   _("%s: an animation needs a first month at or before its last"), display);
      return FALSE;
    }
  if (fps < FA_ANIMATION_MIN_FPS || fps > FA_ANIMATION_MAX_FPS || !(speed >= 0.25 && speed <= 64))
    {
      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_SIZE,
                   _("%s: %d frames per second at %g months per second is not possible"),
                   display, fps, speed);
      return FALSE;
    }
  width = fa_viewport_get_width (viewport);
  height = fa_viewport_get_height (viewport);
  if (width < 2 || height < 2 || (double) width * height > MAX_PIXELS || width > 16384 || height > 16384)
    {
      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_SIZE,
                   /* translators: 1: a file path, 2: width, 3: height */
                   _("%s: an animation of %d×%d is too large or too small"), display, width, height);
      return FALSE;
    }
  /* VP8 needs even sides: videoconvert would otherwise crop or fail. */
  if (format == FA_EXPORT_WEBM && (width % 2 != 0 || height % 2 != 0))
    {
      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_SIZE,
                   _("%s: a WebM video needs an even width and height, not %d×%d"), display, width, height);
      return FALSE;
    }

  n_moving = count_moving_frames (from, to, fps, speed);
  n_frames = fa_animation_count_frames (from, to, fps, speed);

  /* The temporary file lives beside the target, so that the rename is
   * atomic and a full disk shows before anything is replaced. */
  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_write_error (error, path, g_strerror (saved_errno));
      return FALSE;
    }
  {
    mode_t mask = umask (0);

    umask (mask);
    fchmod (fd, 0666 & ~mask);
  }

  if (format == FA_EXPORT_GIF)
    {
      gif = fa_gif_writer_new (fd, display, width, height, fps, &local_error);
      writer.gif = gif;
    }
  else
    {
      close (fd);
      webm = fa_webm_writer_new (tmp_path, display, width, height, fps, &local_error);
      writer.webm = webm;
    }
  if (gif == NULL && webm == NULL)
    goto out;

  frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (frame) != CAIRO_STATUS_SUCCESS)
    {
      set_write_error (&local_error, path, cairo_status_to_string (cairo_surface_status (frame)));
      goto out;
    }

  /* The base map, once: the static layers do not change with the month. */
  fa_renderer_init_context (renderer, &ctx, viewport, style, snapshot);
  ctx.for_export = TRUE;
  cached = static_layers_at_bottom (renderer);
  if (cached)
    {
      g_autoptr(cairo_t) cr = NULL;

      base = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cr = cairo_create (base);
      fa_map_style_set_source (cr, &style->ocean);
      cairo_paint (cr);
      g_clear_pointer (&cr, cairo_destroy);
      if (!fa_renderer_render_bands (renderer, base, 1, &ctx, FA_LAYERS_STATIC,
                                     MAX (g_get_num_processors (), 1), cancellable))
        {
          if (!g_cancellable_set_error_if_cancelled (cancellable, &local_error))
            set_write_error (&local_error, path, cairo_status_to_string (cairo_surface_status (base)));
          goto out;
        }
      cairo_surface_flush (base);
    }

  time = snapshot->time;
  time.mode = FA_TIME_MODE_AT;
  for (guint k = 0; k < n_frames; k++)
    {
      g_autoptr(FaMapSnapshot) at = NULL;
      g_autoptr(cairo_t) cr = NULL;
      double position;

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        goto out;

      if (k < n_moving)
        {
          position = from + k * speed / fps;
          time.month = MIN ((FaMonth) floor (position), to);
        }
      else
        {
          position = -1;
          time.month = to;
        }
      at = fa_map_snapshot_copy_at_time (snapshot, &time, position);
      fa_renderer_init_context (renderer, &ctx, viewport, style, at);
      ctx.for_export = TRUE;

      cr = cairo_create (frame);
      if (cached)
        {
          cairo_surface_flush (frame);
          memcpy (cairo_image_surface_get_data (frame), cairo_image_surface_get_data (base),
                  (gsize) cairo_image_surface_get_stride (base) * height);
          cairo_surface_mark_dirty (frame);
          fa_renderer_render (renderer, cr, &ctx, FA_LAYERS_DYNAMIC | FA_LAYERS_OVERLAY);
        }
      else
        {
          fa_map_style_set_source (cr, &style->ocean);
          cairo_paint (cr);
          fa_renderer_render_image (renderer, cr, frame, &ctx, 1.0);
        }
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        {
          set_write_error (&local_error, path, cairo_status_to_string (cairo_status (cr)));
          goto out;
        }
      g_clear_pointer (&cr, cairo_destroy);

      if (!writer_add (&writer, frame, &local_error))
        goto out;
      if (progress != NULL)
        progress (k + 1, n_frames, progress_data);
    }

  if (webm != NULL)
    ok = fa_webm_writer_finish (webm, &local_error);
  else
    ok = fa_gif_writer_finish (gif, &local_error);

out:
  g_clear_pointer (&webm, fa_webm_writer_free);
  g_clear_pointer (&gif, fa_gif_writer_free);
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    ok = FALSE;
  if (ok && g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      set_write_error (&local_error, path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp_path);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return ok;
}

/* --- On a worker ---------------------------------------------------------- */

typedef struct
{
  FaRenderer          *renderer;   /* owned */
  FaViewport          *viewport;   /* owned: a copy */
  const FaMapStyle    *style;
  FaMapSnapshot       *snapshot;   /* owned */
  FaMonth              from;
  FaMonth              to;
  int                  fps;
  double               speed;
  char                *path;       /* owned */
  FaAnimationProgress  progress;
  gpointer             progress_data;
  GMainContext        *context;    /* owned: where progress is reported */
  gint                 pending;    /* a progress report is queued */
  guint                done;       /* atomic: the last frame count */
  guint                total;
  GTask               *task;       /* borrowed */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->renderer);
  g_clear_object (&job->viewport);
  g_clear_pointer (&job->snapshot, fa_map_snapshot_unref);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job->path);
  g_free (job);
}

static gboolean
report_progress_cb (gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);

  g_atomic_int_set (&job->pending, 0);
  if (!g_task_get_completed (task))
    job->progress ((guint) g_atomic_int_get (&job->done), job->total, job->progress_data);

  return G_SOURCE_REMOVE;
}

/* On the worker: at most one report waits in the caller's context. */
static void
worker_progress_cb (guint    done,
                    guint    total,
                    gpointer data)
{
  Job *job = data;

  g_atomic_int_set (&job->done, (gint) done);
  job->total = total;
  if (g_atomic_int_compare_and_exchange (&job->pending, 0, 1))
    g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, report_progress_cb,
                                g_object_ref (job->task), g_object_unref);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (fa_animation_export (job->renderer, job->viewport, job->style, job->snapshot,
                           job->from, job->to, job->fps, job->speed, job->path,
                           job->progress != NULL ? worker_progress_cb : NULL, job,
                           cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * fa_animation_export_async:
 * @progress: (nullable): called in the thread-default main context of
 *   the caller as frames are written (not necessarily after each one)
 *
 * Like fa_animation_export(), on a worker thread; @snapshot and a copy of
 * @viewport are kept until it ends.  Finish with
 * fa_animation_export_finish().
 */
void
fa_animation_export_async (FaRenderer           *renderer,
                           FaViewport           *viewport,
                           const FaMapStyle     *style,
                           FaMapSnapshot        *snapshot,
                           FaMonth               from,
                           FaMonth               to,
                           int                   fps,
                           double                speed,
                           const char           *path,
                           FaAnimationProgress   progress,
                           gpointer              progress_data,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (FA_IS_RENDERER (renderer));
  g_return_if_fail (FA_IS_VIEWPORT (viewport));
  g_return_if_fail (snapshot != NULL && style != NULL && path != NULL);

  job = g_new0 (Job, 1);
  job->renderer = g_object_ref (renderer);
  job->viewport = fa_viewport_copy (viewport);
  job->style = style;
  job->snapshot = fa_map_snapshot_ref (snapshot);
  job->from = from;
  job->to = to;
  job->fps = fps;
  job->speed = speed;
  job->path = g_strdup (path);
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fa_animation_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  job->task = task;
  g_task_run_in_thread (task, export_thread);
}

gboolean
fa_animation_export_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fa_animation_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
