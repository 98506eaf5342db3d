/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-place-cluster.h"
#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_FLOW_BUNDLE (fa_flow_bundle_get_type ())
G_DECLARE_FINAL_TYPE (FaFlowBundle, fa_flow_bundle, FA, FLOW_BUNDLE, GObject)

FaFlowBundle   *fa_flow_bundle_new                (FaPlaceCluster *from,
                                                   FaPlaceCluster *to,
                                                   FaCategory     *category,
                                                   GPtrArray      *flows);
FaPlaceCluster *fa_flow_bundle_get_from           (FaFlowBundle   *self);
FaPlaceCluster *fa_flow_bundle_get_to             (FaFlowBundle   *self);
FaCategory     *fa_flow_bundle_get_category       (FaFlowBundle   *self);
GPtrArray      *fa_flow_bundle_get_flows          (FaFlowBundle   *self);
gint64          fa_flow_bundle_get_low            (FaFlowBundle   *self);
gint64          fa_flow_bundle_get_high           (FaFlowBundle   *self);
guint           fa_flow_bundle_get_n_without_figure (FaFlowBundle *self);
void            fa_flow_bundle_get_bounds         (FaFlowBundle   *self,
                                                   FaRect         *bounds);
char           *fa_flow_bundle_describe           (FaFlowBundle   *self);

G_END_DECLS
