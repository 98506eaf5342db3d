/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_PLACE_CLUSTER (fa_place_cluster_get_type ())
G_DECLARE_FINAL_TYPE (FaPlaceCluster, fa_place_cluster, FA, PLACE_CLUSTER, GObject)

FaPlaceCluster *fa_place_cluster_new            (guint           level,
                                                 GPtrArray      *places,
                                                 double          x,
                                                 double          y,
                                                 double          lon,
                                                 double          lat,
                                                 double          weight,
                                                 const FaRect   *bounds);
guint           fa_place_cluster_get_level      (FaPlaceCluster *self);
guint           fa_place_cluster_get_n_places   (FaPlaceCluster *self);
GPtrArray      *fa_place_cluster_get_places     (FaPlaceCluster *self);
FaPlace        *fa_place_cluster_get_main_place (FaPlaceCluster *self);
gboolean        fa_place_cluster_contains       (FaPlaceCluster *self,
                                                 FaPlace        *place);
double          fa_place_cluster_get_x          (FaPlaceCluster *self);
double          fa_place_cluster_get_y          (FaPlaceCluster *self);
double          fa_place_cluster_get_lon        (FaPlaceCluster *self);
double          fa_place_cluster_get_lat        (FaPlaceCluster *self);
double          fa_place_cluster_get_weight     (FaPlaceCluster *self);
void            fa_place_cluster_get_bounds     (FaPlaceCluster *self,
                                                 FaRect         *bounds);
char           *fa_place_cluster_dup_name       (FaPlaceCluster *self);

G_END_DECLS
