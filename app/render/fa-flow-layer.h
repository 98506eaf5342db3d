/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fa-map-layer.h"
#include "fa-place-clustering.h"

G_BEGIN_DECLS

/* Arrow width in pixels for a number of people: a square-root scale, so
 * that the *area* of an arrow's cross-section grows with the count.
 * FA_FLOW_WIDTH_REF people are FA_FLOW_WIDTH_AT_REF pixels wide. */
#define FA_FLOW_WIDTH_REF     1000000.0
#define FA_FLOW_WIDTH_AT_REF  26.0
#define FA_FLOW_WIDTH_MIN     1.5
#define FA_FLOW_WIDTH_MAX     40.0

#define FA_TYPE_FLOW_LAYER (fa_flow_layer_get_type ())
G_DECLARE_FINAL_TYPE (FaFlowLayer, fa_flow_layer, FA, FLOW_LAYER, FaMapLayer)

FaFlowLayer  *fa_flow_layer_new             (FaDataset             *dataset,
                                             FaProjection          *projection);
FaDataset    *fa_flow_layer_get_dataset     (FaFlowLayer           *self);
FaProjection *fa_flow_layer_get_projection  (FaFlowLayer           *self);
double        fa_flow_layer_width_for_count (FaFlowLayer           *self,
                                             const FaRenderContext *ctx,
                                             double                 count);
gboolean      fa_flow_layer_get_place_point (FaFlowLayer           *self,
                                             FaPlace               *place,
                                             double                *x,
                                             double                *y);
char         *fa_flow_describe              (FaFlow                *flow);
FaPlaceClustering *fa_flow_layer_get_clustering (FaFlowLayer       *self,
                                             const FaRenderContext *ctx,
                                             guint                 *level);

char        *fa_flow_dup_magnitude_label   (FaFlow                *flow);

G_END_DECLS
