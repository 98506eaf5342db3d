/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-webm-writer"

#include "config.h"

#include "fa-webm-writer.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <string.h>

#include "fa-export.h"

#define MAX_QUEUED 4

struct _FaWebmWriter
{
  GstElement *pipeline;   /* owned */
  GstElement *appsrc;     /* owned */
  GstBus     *bus;        /* owned */
  char       *display;    /* owned: the path named in errors */
  int         width;
  int         height;
  int         fps;
  guint64     n_frames;
  gboolean    finished;
};

/* The elements the pipeline needs, and the Debian package of each. */
static const struct { const char *element; const char *package; } needed[] = {
  { "appsrc", "gstreamer1.0-plugins-base" },
  { "videoconvert", "gstreamer1.0-plugins-base" },
  { "vp8enc", "gstreamer1.0-plugins-good" },
  { "webmmux", "gstreamer1.0-plugins-good" },
  { "filesink", "libgstreamer1.0-0" },
};

static void
set_error (GError     **error,
           const char  *display,
           const char  *reason)
{
  g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_WRITE,
               /* translators: 1: a file path, 2: why it could not be written */
               _("Cannot write “%s”: %s"), display, reason);
}

/* Turns an error message from the bus, if there is one, into @error. */
static gboolean
check_bus (FaWebmWriter  *self,
           GstClockTime   timeout,
           GError       **error)
{
  g_autoptr(GstMessage) message = NULL;
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  message = gst_bus_timed_pop_filtered (self->bus, timeout,
                                        timeout == 0 ? GST_MESSAGE_ERROR
                                                     : GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
  if (message == NULL)
    {
      if (timeout == 0)
        return TRUE;
      set_error (error, self->display, _("the video encoder did not finish"));
      return FALSE;
    }
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    return TRUE;

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("%s: %s", self->display, debug != NULL ? debug : "");
  set_error (error, self->display, gst_error->message);
  return FALSE;
}

/**
 * fa_webm_writer_new:
 * @file_path: the file to write (a temporary file beside the target)
 * @display_path: the path to name in error messages
 * @fps: frames per second
 *
 * Returns: (transfer full) (nullable): a writer, or %NULL with @error set
 *   when GStreamer or one of its elements is missing
 */
FaWebmWriter *
fa_webm_writer_new (const char  *file_path,
                    const char  *display_path,
                    int          width,
                    int          height,
                    int          fps,
                    GError     **error)
{
  g_autoptr(FaWebmWriter) self = NULL;
  g_autoptr(GError) init_error = NULL;
  g_autoptr(GstCaps) caps = NULL;
  GstElement *convert, *encoder, *muxer, *sink;
  guint bitrate;

  g_return_val_if_fail (file_path != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0 && fps > 0, NULL);

  if (!gst_init_check (NULL, NULL, &init_error))
    {
      set_error (error, display_path, init_error->message);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      g_autoptr(GstElementFactory) factory = gst_element_factory_find (needed[i].element);

      if (factory == NULL)
        {
          g_autofree char *reason =
            /* translators: 1: a GStreamer element, 2: the package that provides it */
            g_strdup_printf (_("the GStreamer element “%s” is missing; install %s"),
                             needed[i].element, needed[i].package);

          set_error (error, display_path, reason);
          return NULL;
        }
    }

  self = g_new0 (FaWebmWriter, 1);
  self->display = g_strdup (display_path);
  self->width = width;
  self->height = height;
  self->fps = fps;
  self->pipeline = gst_object_ref_sink (gst_pipeline_new ("fa-webm"));
  /* The writer's own reference, not the floating one the bin sinks. */
  self->appsrc = gst_element_factory_make ("appsrc", NULL);
  if (self->appsrc != NULL)
    gst_object_ref_sink (self->appsrc);
  convert = gst_element_factory_make ("videoconvert", NULL);
  encoder = gst_element_factory_make ("vp8enc", NULL);
  muxer = gst_element_factory_make ("webmmux", NULL);
  sink = gst_element_factory_make ("filesink", NULL);
  if (self->appsrc == NULL || convert == NULL || encoder == NULL || muxer == NULL || sink == NULL)
    {
      set_error (error, display_path, _("cannot create the GStreamer pipeline"));
      return NULL;
    }

  /* Cairo's ARGB32 is native-endian 0xAARRGGBB: B, G, R, A bytes here. */
  caps = gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING, G_BYTE_ORDER == G_LITTLE_ENDIAN ? "BGRA" : "ARGB",
                              "width", G_TYPE_INT, width,
                              "height", G_TYPE_INT, height,
                              "framerate", GST_TYPE_FRACTION, fps, 1,
                              NULL);
  /* The queue is bounded in fa_webm_writer_add_frame(), which waits for
   * the encoder rather than filling memory with frames; not by "block",
   * which would wait for ever on an encoder stopped by an error. */
  g_object_set (self->appsrc,
                "caps", caps,
                "format", GST_FORMAT_TIME,
                "is-live", FALSE,
                "max-bytes", (guint64) 0,
                NULL);
  /* Maps are flat colour with thin lines: about 4 Mbit/s for 1080p at
   * 10 frames/s keeps arrows and labels sharp. */
  bitrate = (guint) CLAMP ((double) width * height * fps * 0.2, 200000.0, 20000000.0);
  g_object_set (encoder,
                "deadline", (gint64) 1,
                "cpu-used", 4,
                "threads", (int) MIN (g_get_num_processors (), 8),
                "target-bitrate", (int) bitrate,
                "keyframe-max-dist", fps * 5,
                NULL);
  g_object_set (sink, "location", file_path, NULL);

  gst_bin_add_many (GST_BIN (self->pipeline), self->appsrc, convert, encoder, muxer, sink, NULL);
  if (!gst_element_link_many (self->appsrc, convert, encoder, muxer, sink, NULL))
    {
      set_error (error, display_path, _("cannot link the GStreamer pipeline"));
      return NULL;
    }

  self->bus = gst_element_get_bus (self->pipeline);
  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (check_bus (self, 0, error))
        set_error (error, display_path, _("cannot start the GStreamer pipeline"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * fa_webm_writer_add_frame:
 * @frame: an ARGB32 image surface of the writer's size
 *
 * Queues one frame, shown for 1/fps seconds.
 */
gboolean
fa_webm_writer_add_frame (FaWebmWriter     *self,
                          cairo_surface_t  *frame,
                          GError          **error)
{
  GstBuffer *buffer;
  GstMapInfo map;
  const guint8 *data;
  int stride;
  gsize row = (gsize) self->width * 4;
  GstFlowReturn flow;

  g_return_val_if_fail (self != NULL && !self->finished, FALSE);
  g_return_val_if_fail (cairo_image_surface_get_width (frame) == self->width &&
                        cairo_image_surface_get_height (frame) == self->height, FALSE);

  /* At most a few frames wait for the encoder. */
  while (gst_app_src_get_current_level_bytes (GST_APP_SRC (self->appsrc)) >= row * self->height * MAX_QUEUED)
    {
      if (!check_bus (self, 0, error))
        return FALSE;
      g_usleep (2000);
    }
  if (!check_bus (self, 0, error))
    return FALSE;

  cairo_surface_flush (frame);
  data = cairo_image_surface_get_data (frame);
  stride = cairo_image_surface_get_stride (frame);
  buffer = gst_buffer_new_allocate (NULL, row * self->height, NULL);
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  for (int y = 0; y < self->height; y++)
    memcpy (map.data + row * y, data + (gsize) stride * y, row);
  gst_buffer_unmap (buffer, &map);

  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (self->n_frames, GST_SECOND, self->fps);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (self->n_frames + 1, GST_SECOND, self->fps) -
                                 GST_BUFFER_PTS (buffer);
  self->n_frames++;

  flow = gst_app_src_push_buffer (GST_APP_SRC (self->appsrc), buffer);
  if (flow != GST_FLOW_OK)
    {
      if (check_bus (self, 0, error))
        set_error (error, self->display, gst_flow_get_name (flow));
      return FALSE;
    }

  return TRUE;
}

/**
 * fa_webm_writer_finish:
 *
 * Ends the stream and waits until the file is complete.
 */
gboolean
fa_webm_writer_finish (FaWebmWriter  *self,
                       GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL && !self->finished, FALSE);

  self->finished = TRUE;
  gst_app_src_end_of_stream (GST_APP_SRC (self->appsrc));
  ok = check_bus (self, 60 * GST_SECOND + gst_util_uint64_scale (self->n_frames, GST_SECOND, 4), error);
  gst_element_set_state (self->pipeline, GST_STATE_NULL);

  return ok;
}

void
fa_webm_writer_free (FaWebmWriter *self)
{
  if (self == NULL)
    return;

  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  g_clear_object (&self->bus);
  g_clear_object (&self->appsrc);
  g_clear_object (&self->pipeline);
  g_free (self->display);
  g_free (self);
}
