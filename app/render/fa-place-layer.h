/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fa-flow-layer.h"
#include "fa-map-layer.h"
#include "fa-place.h"

G_BEGIN_DECLS

#define FA_TYPE_PLACE_LAYER (fa_place_layer_get_type ())
G_DECLARE_FINAL_TYPE (FaPlaceLayer, fa_place_layer, FA, PLACE_LAYER, FaMapLayer)

FaPlaceLayer *fa_place_layer_new  (FaFlowLayer           *flows);
void          fa_place_draw_icon  (cairo_t               *cr,
                                   const FaMapStyle      *style,
                                   FaPlaceKind            kind,
                                   double                 x,
                                   double                 y);

G_END_DECLS
