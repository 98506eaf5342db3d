/* fa-flow-layer.h — curved arrows whose width encodes magnitude ranges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fa-map-layer.h"

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

FaFlowLayer *fa_flow_layer_new                   (FaDataset             *dataset,
                                                  FaProjection          *projection);
FaDataset   *fa_flow_layer_get_dataset           (FaFlowLayer           *self);
FaProjection *fa_flow_layer_get_projection       (FaFlowLayer           *self);

gboolean     fa_flow_layer_get_category_visible  (FaFlowLayer           *self,
                                                  const char            *category_id);
void         fa_flow_layer_set_category_visible  (FaFlowLayer           *self,
                                                  const char            *category_id,
                                                  gboolean               visible);
void         fa_flow_layer_set_visible_categories (FaFlowLayer          *self,
                                                  GHashTable            *category_ids);
gboolean     fa_flow_layer_flow_is_shown         (FaFlowLayer           *self,
                                                  FaFlow                *flow,
                                                  const FaTimeFilter    *time);

FaFlow      *fa_flow_layer_get_selected_flow     (FaFlowLayer           *self);
void         fa_flow_layer_set_selected_flow     (FaFlowLayer           *self,
                                                  FaFlow                *flow);
FaFlow      *fa_flow_layer_get_hover_flow        (FaFlowLayer           *self);
void         fa_flow_layer_set_hover_flow        (FaFlowLayer           *self,
                                                  FaFlow                *flow);
gboolean     fa_flow_layer_get_rescale           (FaFlowLayer           *self);
void         fa_flow_layer_set_rescale           (FaFlowLayer           *self,
                                                  gboolean               rescale);
double       fa_flow_layer_get_fade_position     (FaFlowLayer           *self);
void         fa_flow_layer_set_fade_position     (FaFlowLayer           *self,
                                                  double                 position);

FaFlow      *fa_flow_layer_pick                  (FaFlowLayer           *self,
                                                  const FaRenderContext *ctx,
                                                  double                 sx,
                                                  double                 sy);
double       fa_flow_layer_width_for_count       (FaFlowLayer           *self,
                                                  double                 count);
gboolean     fa_flow_layer_get_place_point       (FaFlowLayer           *self,
                                                  FaPlace               *place,
                                                  double                *x,
                                                  double                *y);

G_END_DECLS
