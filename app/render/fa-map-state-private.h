/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fa-map-state.h"

G_BEGIN_DECLS

GListStore *_fa_map_state_get_user_layer_store (FaMapState *self);

G_END_DECLS
