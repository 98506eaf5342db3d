/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fa-map.h"

G_BEGIN_DECLS

#define FA_TYPE_EXPORT_DIALOG (fa_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FaExportDialog, fa_export_dialog, FA, EXPORT_DIALOG, AdwWindow)

FaExportDialog *fa_export_dialog_new           (GtkWindow           *parent,
                                                FaMap               *map);
FaMap          *fa_export_dialog_get_map       (FaExportDialog      *self);
void            fa_export_dialog_select_size   (FaExportDialog      *self,
                                                int                  width,
                                                int                  height);
void            fa_export_dialog_set_pixel_scale (FaExportDialog    *self,
                                                double               scale);
GdkTexture     *fa_export_dialog_get_preview   (FaExportDialog      *self);
gboolean        fa_export_dialog_get_busy      (FaExportDialog      *self);
char           *fa_export_dialog_get_size_text (FaExportDialog      *self);
guint           fa_export_dialog_get_panels    (FaExportDialog      *self);
void            fa_export_dialog_set_panels    (FaExportDialog      *self,
                                                guint                n_panels);
FaMonth         fa_export_dialog_get_panel_month (FaExportDialog    *self,
                                                guint                index);
void            fa_export_dialog_set_panel_month (FaExportDialog    *self,
                                                guint                index,
                                                FaMonth              month);
char           *fa_export_dialog_dup_problem   (FaExportDialog      *self);
void            fa_export_dialog_export_async  (FaExportDialog      *self,
                                                const char          *path,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);

const char     *fa_export_dialog_get_language   (FaExportDialog *self);
gboolean        fa_export_dialog_set_language   (FaExportDialog *self,
                                                 const char     *language);

G_END_DECLS
