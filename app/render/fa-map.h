/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fa-export.h"
#include "fa-map-state.h"
#include "fa-renderer.h"
#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_MAP (fa_map_get_type ())
G_DECLARE_FINAL_TYPE (FaMap, fa_map, FA, MAP, GObject)

FaMap        *fa_map_new                  (FaGeodata            *geodata);
FaMapState   *fa_map_get_state            (FaMap                *self);
FaGeodata    *fa_map_get_geodata          (FaMap                *self);
gboolean      fa_map_set_geodata          (FaMap                *self,
                                           FaGeodata            *geodata,
                                           GError              **error);
void          fa_map_load_async           (FaMap                *self,
                                           const char           *directory,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean      fa_map_load_finish          (FaMap                *self,
                                           GAsyncResult         *result,
                                           GError              **error);
FaRenderer   *fa_map_get_renderer         (FaMap                *self);
FaMapLayer   *fa_map_get_base_layer       (FaMap                *self);
FaProjection *fa_map_get_projection       (FaMap                *self);
gboolean      fa_map_get_busy             (FaMap                *self);

gboolean      fa_map_set_projection       (FaMap                *self,
                                           const char           *definition,
                                           GError              **error);
void          fa_map_set_projection_async (FaMap                *self,
                                           const char           *definition,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean      fa_map_set_projection_finish (FaMap               *self,
                                           GAsyncResult         *result,
                                           GError              **error);

FaShapeLayer *fa_map_add_shapefile        (FaMap                *self,
                                           FaShapefile          *shapefile,
                                           GError              **error);
void          fa_map_add_shapefile_async  (FaMap                *self,
                                           GFile                *file,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
FaShapeLayer *fa_map_add_shapefile_finish (FaMap                *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void          fa_map_insert_user_layer    (FaMap                *self,
                                           FaShapeLayer         *layer,
                                           guint                 position);
guint         fa_map_remove_user_layer    (FaMap                *self,
                                          FaMapLayer           *layer);

gboolean      fa_map_apply_show           (FaMap                *self,
                                           const char           *list,
                                           GError              **error);
gboolean      fa_map_get_story_rect       (FaMap                *self,
                                           FaRect               *rect);
void          fa_map_init_context         (FaMap                *self,
                                           FaRenderContext      *ctx,
                                           FaViewport           *viewport,
                                           const FaMapStyle     *style,
                                           const FaMapSnapshot  *state);

gboolean      fa_map_export               (FaMap                *self,
                                           FaViewport           *viewport,
                                           const FaMapStyle     *style,
                                           double                pixel_scale,
                                           const char           *path,
                                           GError              **error);
void          fa_map_export_async         (FaMap                *self,
                                           FaViewport           *viewport,
                                           const FaMapStyle     *style,
                                           double                pixel_scale,
                                           const char           *path,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GStrv         fa_map_dup_command_line      (FaMap               *self,
                                           const FaMapSnapshot  *snapshot,
                                           FaViewport           *viewport,
                                           const FaRect         *view,
                                           const FaMapStyle     *style,
                                           double                pixel_scale,
                                           GError              **error);
void          fa_map_export_snapshot_async (FaMap               *self,
                                           FaMapSnapshot        *snapshot,
                                           FaViewport           *viewport,
                                           const FaMapStyle     *style,
                                           double                pixel_scale,
                                           const char           *path,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
void          fa_map_export_pages_async   (FaMap                *self,
                                           FaExportPage         *pages,
                                           guint                 n_pages,
                                           const FaMapStyle     *style,
                                           double                pixel_scale,
                                           const char           *path,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean      fa_map_export_finish        (FaMap                *self,
                                           GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
