/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Writes ARGB32 frames into a WebM (VP8) file through GStreamer:
 * appsrc ! videoconvert ! vp8enc ! webmmux ! filesink. */
typedef struct _FaWebmWriter FaWebmWriter;

FaWebmWriter *fa_webm_writer_new       (const char       *file_path,
                                        const char       *display_path,
                                        int               width,
                                        int               height,
                                        int               fps,
                                        GError          **error);
gboolean      fa_webm_writer_add_frame (FaWebmWriter     *self,
                                        cairo_surface_t  *frame,
                                        GError          **error);
gboolean      fa_webm_writer_finish    (FaWebmWriter     *self,
                                        GError          **error);
void          fa_webm_writer_free      (FaWebmWriter     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaWebmWriter, fa_webm_writer_free)

G_END_DECLS
