/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "fa-flow-layer.h"
#include "fa-map-layer.h"
#include "fa-render-context.h"

G_BEGIN_DECLS

#define FA_TYPE_RENDERER (fa_renderer_get_type ())
G_DECLARE_FINAL_TYPE (FaRenderer, fa_renderer, FA, RENDERER, GObject)

FaRenderer   *fa_renderer_new            (FaProjection          *projection);
FaRenderer   *fa_renderer_new_for_geodata (FaGeodata            *geodata,
                                          FaProjection          *projection,
                                          GError               **error);
FaProjection *fa_renderer_get_projection (FaRenderer            *self);
FaFlowLayer  *fa_renderer_set_dataset    (FaRenderer            *self,
                                          FaDataset             *dataset);
GListModel   *fa_renderer_get_layers     (FaRenderer            *self);
GPtrArray    *fa_renderer_ref_layers     (FaRenderer            *self);
void          fa_renderer_add_layer      (FaRenderer            *self,
                                          FaMapLayer            *layer);
void          fa_renderer_insert_layer   (FaRenderer            *self,
                                          FaMapLayer            *layer,
                                          guint                  position);
void          fa_renderer_remove_layer   (FaRenderer            *self,
                                          FaMapLayer            *layer);
FaMapLayer   *fa_renderer_find_layer     (FaRenderer            *self,
                                          GType                  type);
void          fa_renderer_render         (FaRenderer            *self,
                                          cairo_t               *cr,
                                          const FaRenderContext *ctx,
                                          FaLayerSet             which);
void          fa_renderer_render_image   (FaRenderer            *self,
                                          cairo_t               *cr,
                                          cairo_surface_t       *surface,
                                          const FaRenderContext *ctx,
                                          double                 pixel_scale);
gboolean      fa_renderer_render_bands   (FaRenderer            *self,
                                          cairo_surface_t       *image,
                                          int                    factor,
                                          const FaRenderContext *ctx,
                                          FaLayerSet             which,
                                          guint                  n_bands,
                                          GCancellable          *cancellable);
void          fa_renderer_init_context   (FaRenderer            *self,
                                          FaRenderContext       *ctx,
                                          FaViewport            *viewport,
                                          const FaMapStyle      *style,
                                          const FaMapSnapshot   *state);
gboolean      fa_renderer_pick           (FaRenderer            *self,
                                          const FaRenderContext *ctx,
                                          FaLayerSet             which,
                                          double                 x,
                                          double                 y,
                                          FaMapHit              *hit);
void          fa_renderer_frame_rect     (FaRenderer            *self,
                                          FaViewport            *viewport,
                                          const FaMapStyle      *style,
                                          const FaMapSnapshot   *state,
                                          const FaRect          *rect,
                                          double                 margin);
FaLabelSpace *fa_renderer_place_labels   (FaRenderer            *self,
                                          cairo_t               *cr,
                                          const FaRenderContext *ctx);
char         *fa_renderer_describe       (FaRenderer            *self,
                                          const FaRenderContext *ctx,
                                          const FaMapHit        *hit);

G_END_DECLS
