/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "fa-map-style.h"

G_BEGIN_DECLS

/**
 * FaHairlines:
 *
 * Thin lines (up to a few device pixels wide) drawn without
 * cairo_stroke(): the segments of many paths are sampled into one 8-bit
 * coverage mask, and the colour is painted through it once.  See
 * fa-hairlines.c for why.  Fields are private.
 */
typedef struct
{
  guint8         *data;       /* owned: coverage, 0–255 */
  int             x;          /* device position of the mask's first pixel */
  int             y;
  int             width;
  int             height;
  int             stride;
  double          thickness;  /* the line's width, in device pixels */
  cairo_matrix_t  to_device;  /* user space → device space, at init */
} FaHairlines;

gboolean fa_hairlines_init     (FaHairlines   *h,
                                cairo_t       *cr,
                                double         line_width);
void     fa_hairlines_add_path (FaHairlines   *h,
                                cairo_t       *cr);
void     fa_hairlines_paint    (FaHairlines   *h,
                                cairo_t       *cr,
                                const FaColor *color,
                                double         alpha);
void     fa_hairlines_clear    (FaHairlines   *h);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FaHairlines, fa_hairlines_clear)

G_END_DECLS
