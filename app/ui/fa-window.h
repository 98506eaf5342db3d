/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fa-animation-dialog.h"
#include "fa-export-dialog.h"
#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_WINDOW (fa_window_get_type ())
G_DECLARE_FINAL_TYPE (FaWindow, fa_window, FA, WINDOW, AdwApplicationWindow)

FaWindow     *fa_window_new                 (FaApplication       *application);
FaMapView    *fa_window_get_map_view        (FaWindow            *self);
FaMap        *fa_window_get_map             (FaWindow            *self);
gboolean      fa_window_add_shapefile       (FaWindow            *self,
                                             GFile               *file,
                                             GError             **error);
void          fa_window_add_shapefile_async (FaWindow            *self,
                                             GFile               *file);
gboolean      fa_window_open_dataset        (FaWindow            *self,
                                             const char          *path,
                                             GError             **error);
void          fa_window_open_file           (FaWindow            *self,
                                             GFile               *file);
gboolean      fa_window_set_projection      (FaWindow            *self,
                                             const char          *definition,
                                             GError             **error);
FaExportDialog *fa_window_get_export_dialog  (FaWindow            *self);
FaAnimationDialog *fa_window_get_animation_dialog (FaWindow       *self);
void          fa_window_export_async        (FaWindow            *self,
                                             const char          *path,
                                             int                  width,
                                             int                  height,
                                             double               pixel_scale,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
FaDataset    *fa_window_get_dataset         (FaWindow            *self);
const GError *fa_window_get_reload_error    (FaWindow            *self);
FaTimeline   *fa_window_get_timeline        (FaWindow            *self);
gboolean      fa_window_get_loading         (FaWindow            *self);
guint         fa_window_get_n_operations    (FaWindow            *self);
GtkPageSetup *fa_window_get_page_setup      (FaWindow            *self);
void          fa_window_print               (FaWindow            *self,
                                             GtkPrintOperationAction action,
                                             const char          *export_filename);

gboolean        fa_window_get_presenting       (FaWindow        *self);
void            fa_window_remove_layer         (FaWindow        *self,
                                                FaMapLayer      *layer);

G_END_DECLS
