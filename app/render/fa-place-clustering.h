/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-place-cluster.h"
#include "fa-types.h"

G_BEGIN_DECLS

/* Places closer than this many pixels on screen merge into one cluster. */
#define FA_CLUSTER_RADIUS_PX 56.0

/* The "auto" clustering applies to datasets with more places than this
 * that flows join: a curated dataset, where every place matters, is
 * drawn place by place. */
#define FA_CLUSTER_AUTO_PLACES 300

#define FA_TYPE_PLACE_CLUSTERING (fa_place_clustering_get_type ())
G_DECLARE_FINAL_TYPE (FaPlaceClustering, fa_place_clustering, FA, PLACE_CLUSTERING, GObject)

FaPlaceClustering *fa_place_clustering_new             (GPtrArray         *places,
                                                        const double      *points,
                                                        const double      *lonlat,
                                                        const double      *weights);
guint              fa_place_clustering_get_n_levels    (FaPlaceClustering *self);
guint              fa_place_clustering_get_n_places    (FaPlaceClustering *self);
double             fa_place_clustering_get_radius      (FaPlaceClustering *self,
                                                        guint              level);
guint              fa_place_clustering_level_for_scale (FaPlaceClustering *self,
                                                        double             units_per_pixel);
guint              fa_place_clustering_get_n_clusters  (FaPlaceClustering *self,
                                                        guint              level);
FaPlaceCluster    *fa_place_clustering_get_cluster     (FaPlaceClustering *self,
                                                        guint              level,
                                                        guint              index);
FaPlaceCluster    *fa_place_clustering_lookup          (FaPlaceClustering *self,
                                                        guint              level,
                                                        FaPlace           *place);

G_END_DECLS
