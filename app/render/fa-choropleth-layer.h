/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fa-basemap-layer.h"
#include "fa-flow-layer.h"

G_BEGIN_DECLS

#define FA_TYPE_CHOROPLETH_LAYER (fa_choropleth_layer_get_type ())
G_DECLARE_FINAL_TYPE (FaChoroplethLayer, fa_choropleth_layer, FA, CHOROPLETH_LAYER, FaMapLayer)

FaChoroplethLayer *fa_choropleth_layer_new       (FaFlowLayer        *flows,
                                                  FaBasemapLayer     *basemap);

G_END_DECLS
