/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fa-basemap-layer.h"

G_BEGIN_DECLS

#define FA_TYPE_OCCUPIED_LAYER (fa_occupied_layer_get_type ())
G_DECLARE_FINAL_TYPE (FaOccupiedLayer, fa_occupied_layer, FA, OCCUPIED_LAYER, FaMapLayer)

FaOccupiedLayer *fa_occupied_layer_new (FaBasemapLayer *basemap);

G_END_DECLS
