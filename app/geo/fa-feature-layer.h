/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "fa-shapefile.h"
#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_FEATURE_LAYER (fa_feature_layer_get_type ())
G_DECLARE_FINAL_TYPE (FaFeatureLayer, fa_feature_layer, FA, FEATURE_LAYER, GObject)

FaFeatureLayer *fa_feature_layer_new                (FaShapefile          *source,
                                                     FaProjection         *projection,
                                                     GError              **error);

FaShapefile    *fa_feature_layer_get_source         (FaFeatureLayer       *self);
FaProjection   *fa_feature_layer_get_projection     (FaFeatureLayer       *self);
FaGeometryType  fa_feature_layer_get_geometry_type  (FaFeatureLayer       *self);
guint           fa_feature_layer_get_n_features     (FaFeatureLayer       *self);
guint           fa_feature_layer_get_n_points       (FaFeatureLayer       *self);
void            fa_feature_layer_get_bounds         (FaFeatureLayer       *self,
                                                     FaRect               *bounds);

guint           fa_feature_layer_get_record         (FaFeatureLayer       *self,
                                                     guint                 feature);
const char     *fa_feature_layer_get_value          (FaFeatureLayer       *self,
                                                     guint                 feature,
                                                     const char           *field_name);
void            fa_feature_layer_get_feature_bounds (FaFeatureLayer       *self,
                                                     guint                 feature,
                                                     FaRect               *bounds);
double          fa_feature_layer_get_feature_area   (FaFeatureLayer       *self,
                                                     guint                 feature);
gboolean        fa_feature_layer_get_label_point    (FaFeatureLayer       *self,
                                                     guint                 feature,
                                                     double               *x,
                                                     double               *y);

void            fa_feature_layer_append_path        (FaFeatureLayer       *self,
                                                     guint                 feature,
                                                     cairo_t              *cr,
                                                     const cairo_matrix_t *to_device,
                                                     double                tolerance);
/* Point geometry: the projected points of a feature (none for lines and
 * polygons).  Returns the number of points. */
guint           fa_feature_layer_get_points         (FaFeatureLayer       *self,
                                                     guint                 feature,
                                                     const double        **x,
                                                     const double        **y);
gboolean        fa_feature_layer_contains           (FaFeatureLayer       *self,
                                                     guint                 feature,
                                                     double                x,
                                                     double                y);
int             fa_feature_layer_pick               (FaFeatureLayer       *self,
                                                     double                x,
                                                     double                y,
                                                     double                tolerance);
int             fa_feature_layer_find               (FaFeatureLayer       *self,
                                                     const char           *field_name,
                                                     const char           *value);

G_END_DECLS
