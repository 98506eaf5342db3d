/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "fa-map-style.h"

G_BEGIN_DECLS

typedef struct _FaLabelPlacer FaLabelPlacer;

FaLabelPlacer *fa_label_placer_new      (double                width,
                                         double                height);
void           fa_label_placer_free     (FaLabelPlacer        *self);
void           fa_label_placer_reserve  (FaLabelPlacer        *self,
                                         double                x,
                                         double                y,
                                         double                width,
                                         double                height);
gboolean       fa_label_placer_try      (FaLabelPlacer        *self,
                                         double                x,
                                         double                y,
                                         double                width,
                                         double                height);
gboolean       fa_label_placer_overlaps (FaLabelPlacer        *self,
                                         double                x,
                                         double                y,
                                         double                width,
                                         double                height);
PangoLayout   *fa_create_layout         (cairo_t              *cr);
void           fa_draw_label            (cairo_t              *cr,
                                         PangoLayout          *layout,
                                         double                x,
                                         double                y,
                                         const FaColor        *color,
                                         const FaColor        *halo,
                                         double                halo_width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaLabelPlacer, fa_label_placer_free)

G_END_DECLS
