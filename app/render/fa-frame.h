/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-types.h"

G_BEGIN_DECLS

/* A drawing's results belong to whoever asked for the drawing, not to
 * the layers: the window keeps the frame of the image it shows, an export
 * keeps its own, and neither disturbs the other. */
#define FA_TYPE_FRAME (fa_frame_get_type ())
GType     fa_frame_get_type       (void) G_GNUC_CONST;
FaFrame  *fa_frame_new            (void);
FaFrame  *fa_frame_ref            (FaFrame        *frame);
void      fa_frame_unref          (FaFrame        *frame);
void      fa_frame_set_layer_data (FaFrame        *frame,
                                   gconstpointer   layer,
                                   gpointer        data,
                                   GDestroyNotify  destroy);
gpointer  fa_frame_get_layer_data (const FaFrame  *frame,
                                   gconstpointer   layer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaFrame, fa_frame_unref)

G_END_DECLS
