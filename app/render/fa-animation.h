/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fa-export.h"
#include "fa-map-state.h"
#include "fa-renderer.h"

G_BEGIN_DECLS

#define FA_ANIMATION_MIN_FPS 1
#define FA_ANIMATION_MAX_FPS 30
#define FA_ANIMATION_DEFAULT_FPS 10
/* Months per second: the timeline's default playback speed. */
#define FA_ANIMATION_DEFAULT_SPEED 2.0

/* Called with the number of frames written and the total; in the
 * thread that started the export (see fa_animation_export_async()). */
typedef void (*FaAnimationProgress) (guint    done,
                                     guint    total,
                                     gpointer user_data);

guint    fa_animation_count_frames  (FaMonth               from,
                                     FaMonth               to,
                                     int                   fps,
                                     double                speed);
gboolean fa_animation_export        (FaRenderer           *renderer,
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
                                     GError              **error);
void     fa_animation_export_async  (FaRenderer           *renderer,
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
                                     gpointer              user_data);
gboolean fa_animation_export_finish (GAsyncResult         *result,
                                     GError              **error);

G_END_DECLS
