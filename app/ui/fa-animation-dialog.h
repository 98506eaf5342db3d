/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fa-export.h"
#include "fa-map.h"

G_BEGIN_DECLS

#define FA_TYPE_ANIMATION_DIALOG (fa_animation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FaAnimationDialog, fa_animation_dialog, FA, ANIMATION_DIALOG, AdwWindow)

FaAnimationDialog *fa_animation_dialog_new              (GtkWindow         *parent,
                                                         FaMap             *map);
FaMap             *fa_animation_dialog_get_map          (FaAnimationDialog *self);
FaExportFormat     fa_animation_dialog_get_format       (FaAnimationDialog *self);
void               fa_animation_dialog_set_format       (FaAnimationDialog *self,
                                                         FaExportFormat     format);
FaMonth            fa_animation_dialog_get_from         (FaAnimationDialog *self);
void               fa_animation_dialog_set_from         (FaAnimationDialog *self,
                                                         FaMonth            from);
FaMonth            fa_animation_dialog_get_to           (FaAnimationDialog *self);
void               fa_animation_dialog_set_to           (FaAnimationDialog *self,
                                                         FaMonth            to);
int                fa_animation_dialog_get_fps          (FaAnimationDialog *self);
void               fa_animation_dialog_set_fps          (FaAnimationDialog *self,
                                                         int                fps);
double             fa_animation_dialog_get_speed        (FaAnimationDialog *self);
void               fa_animation_dialog_set_speed        (FaAnimationDialog *self,
                                                         double             speed);
void               fa_animation_dialog_get_size         (FaAnimationDialog *self,
                                                         int               *width,
                                                         int               *height);
gboolean           fa_animation_dialog_select_size      (FaAnimationDialog *self,
                                                         int                width,
                                                         int                height);
guint              fa_animation_dialog_get_n_frames     (FaAnimationDialog *self);
gboolean           fa_animation_dialog_get_can_export   (FaAnimationDialog *self);
char              *fa_animation_dialog_get_summary_text (FaAnimationDialog *self);
gboolean           fa_animation_dialog_export_to        (FaAnimationDialog *self,
                                                         const char        *path);

G_END_DECLS
