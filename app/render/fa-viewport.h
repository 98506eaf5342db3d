/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_VIEWPORT (fa_viewport_get_type ())
G_DECLARE_FINAL_TYPE (FaViewport, fa_viewport, FA, VIEWPORT, GObject)

FaViewport *fa_viewport_new                 (void);
FaViewport *fa_viewport_copy                (FaViewport     *self);

double      fa_viewport_get_center_x        (FaViewport     *self);
double      fa_viewport_get_center_y        (FaViewport     *self);
void        fa_viewport_set_center          (FaViewport     *self,
                                             double          x,
                                             double          y);
double      fa_viewport_get_scale           (FaViewport     *self);
void        fa_viewport_set_scale           (FaViewport     *self,
                                             double          scale);
void        fa_viewport_set_scale_limits    (FaViewport     *self,
                                             double          min_scale,
                                             double          max_scale);
int         fa_viewport_get_width           (FaViewport     *self);
int         fa_viewport_get_height          (FaViewport     *self);
void        fa_viewport_set_size            (FaViewport     *self,
                                             int             width,
                                             int             height);

void        fa_viewport_get_matrix          (FaViewport     *self,
                                             cairo_matrix_t *matrix);
void        fa_viewport_get_visible_rect    (FaViewport     *self,
                                             FaRect         *rect);
void        fa_viewport_screen_to_projected (FaViewport     *self,
                                             double          sx,
                                             double          sy,
                                             double         *x,
                                             double         *y);
void        fa_viewport_projected_to_screen (FaViewport     *self,
                                             double          x,
                                             double          y,
                                             double         *sx,
                                             double         *sy);
void        fa_viewport_put_point_at        (FaViewport     *self,
                                             double          x,
                                             double          y,
                                             double          sx,
                                             double          sy);
void        fa_viewport_zoom_at             (FaViewport     *self,
                                             double          factor,
                                             double          sx,
                                             double          sy);
void        fa_viewport_pan_by              (FaViewport     *self,
                                             double          dx,
                                             double          dy);
void        fa_viewport_fit_rect_in         (FaViewport     *self,
                                             const FaRect   *rect,
                                             const FaRect   *area);
void        fa_viewport_fit_rect            (FaViewport     *self,
                                             const FaRect   *rect,
                                             double          margin);

G_END_DECLS
