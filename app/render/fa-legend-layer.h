/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fa-map-layer.h"

G_BEGIN_DECLS

/* Where the overlay's parts go in one drawing, in pixels; a part that is
 * not drawn has an empty box (x2 <= x1). */
typedef struct
{
  FaRect heading;     /* title and date line */
  FaRect legend;
  FaRect scale_bar;
  FaRect credits;     /* source and base-map credit */
} FaOverlayLayout;

#define FA_TYPE_LEGEND_LAYER (fa_legend_layer_get_type ())
G_DECLARE_FINAL_TYPE (FaLegendLayer, fa_legend_layer, FA, LEGEND_LAYER, FaMapLayer)

FaLegendLayer *fa_legend_layer_new             (void);
void           fa_legend_layer_set_layers      (FaLegendLayer *self,
                                                GPtrArray     *layers);
void           fa_legend_layer_set_projection  (FaLegendLayer *self,
                                                FaProjection  *projection);
void           fa_legend_layer_set_dataset     (FaLegendLayer *self,
                                                FaDataset     *dataset);
const char    *fa_legend_layer_get_heading     (FaLegendLayer *self);
void           fa_legend_layer_set_heading     (FaLegendLayer *self,
                                                const char    *heading);
const char    *fa_legend_layer_get_subheading  (FaLegendLayer *self);
void           fa_legend_layer_set_subheading  (FaLegendLayer *self,
                                                const char    *subheading);
const char    *fa_legend_layer_get_attribution (FaLegendLayer *self);
void           fa_legend_layer_set_attribution (FaLegendLayer *self,
                                                const char    *attribution);
gboolean       fa_legend_layer_get_show_legend (FaLegendLayer *self);
void           fa_legend_layer_set_show_legend (FaLegendLayer *self,
                                                gboolean       show_legend);
void           fa_legend_layer_measure_layout  (FaLegendLayer         *self,
                                                const FaRenderContext *ctx,
                                                FaOverlayLayout       *layout);
void           fa_legend_layer_compute_layout  (FaLegendLayer         *self,
                                                const FaRenderContext *ctx,
                                                FaOverlayLayout       *layout);
gboolean       fa_legend_layer_measure_shared  (FaLegendLayer         *self,
                                                const FaRenderContext *ctxs,
                                                guint                  n_ctxs,
                                                double                 max_width,
                                                double                 max_height,
                                                double                *width,
                                                double                *height);
void           fa_legend_layer_draw_shared     (FaLegendLayer         *self,
                                                cairo_t               *cr,
                                                const FaRenderContext *ctxs,
                                                guint                  n_ctxs,
                                                double                 x,
                                                double                 y,
                                                double                 max_width,
                                                double                 max_height);
double         fa_legend_layer_compute_scale_bar (FaProjection *projection,
                                                FaViewport    *viewport,
                                                double         max_width,
                                                double        *width_px);

G_END_DECLS
