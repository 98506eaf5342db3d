/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fa-feature-layer.h"
#include "fa-map-layer.h"
#include "fa-map-style.h"

G_BEGIN_DECLS

#define FA_TYPE_SHAPE_LAYER (fa_shape_layer_get_type ())
G_DECLARE_FINAL_TYPE (FaShapeLayer, fa_shape_layer, FA, SHAPE_LAYER, FaMapLayer)

FaShapeLayer   *fa_shape_layer_new            (FaFeatureLayer *features,
                                               const FaColor  *color);
FaShapeLayer   *fa_shape_layer_new_from_file  (const char     *path,
                                               FaProjection   *projection,
                                               const FaColor  *color,
                                               GError        **error);
FaFeatureLayer *fa_shape_layer_get_features   (FaShapeLayer   *self);
const FaColor  *fa_shape_layer_get_color      (FaShapeLayer   *self);
char           *fa_shape_layer_dup_summary    (FaShapeLayer   *self);
const char     *fa_shape_layer_get_label_field (FaShapeLayer  *self);
void            fa_shape_layer_set_label_field (FaShapeLayer  *self,
                                               const char     *field);

G_END_DECLS
