/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fa-flow-layer.h"
#include "fa-map-layer.h"

G_BEGIN_DECLS

/* Events this many months before the month shown, and in it, are recent. */
#define FA_EVENT_RECENT_MONTHS 3

#define FA_TYPE_EVENT_LAYER (fa_event_layer_get_type ())
G_DECLARE_FINAL_TYPE (FaEventLayer, fa_event_layer, FA, EVENT_LAYER, FaMapLayer)

FaEventLayer *fa_event_layer_new       (FaFlowLayer        *flows);
gboolean      fa_event_is_recent       (FaEvent            *event,
                                        const FaTimeFilter *time);

G_END_DECLS
