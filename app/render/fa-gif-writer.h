/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Writes opaque ARGB32 frames into an animated GIF that loops for ever,
 * with giflib: each frame stores only the rectangle that changed, with
 * its own palette. */
typedef struct _FaGifWriter FaGifWriter;

FaGifWriter *fa_gif_writer_new       (int               fd,
                                      const char       *display_path,
                                      int               width,
                                      int               height,
                                      int               fps,
                                      GError          **error);
gboolean     fa_gif_writer_add_frame (FaGifWriter      *self,
                                      cairo_surface_t  *frame,
                                      GError          **error);
gboolean     fa_gif_writer_finish    (FaGifWriter      *self,
                                      GError          **error);
void         fa_gif_writer_free      (FaGifWriter      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaGifWriter, fa_gif_writer_free)

G_END_DECLS
