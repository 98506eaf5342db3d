/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "fa-map-style.h"
#include "fa-time-filter.h"
#include "fa-types.h"
#include "fa-viewport.h"

G_BEGIN_DECLS

typedef enum
{
  FA_LAYERS_STATIC  = 1 << 0,  /* depends only on the viewport: cached by the widget */
  FA_LAYERS_DYNAMIC = 1 << 1,  /* map content that changes with month or selection */
  FA_LAYERS_OVERLAY = 1 << 2,  /* fixed to the screen: legend, scale bar */
  FA_LAYERS_ALL     = 0x7,
} FaLayerSet;

struct _FaRenderContext
{
  FaViewport       *viewport;     /* borrowed */
  const FaMapStyle *style;        /* borrowed */
  cairo_matrix_t    to_device;    /* projected units → pixels (cr's user space) */
  FaRect            visible;      /* projected units */
  double            meters_per_pixel;
  FaTimeFilter      time;         /* which flows and events to show */
  const FaMapSnapshot *state;     /* borrowed, nullable: what the user set up */
  FaFrame          *frame;        /* borrowed, nullable: where layers record what they
                                   * placed, for hit tests of this drawing */
  gboolean          for_export;   /* print-quality: no hover, full legend */
  gboolean          story;        /* a coarse drawing of what the map is about,
                                   * where the legend weighs what it would
                                   * hide: faint detail may be left out */
  FaRect            shown;        /* pixels: the part of the viewport that is seen,
                                   * where labels must lie whole (the window
                                   * draws a margin around it); set by
                                   * fa_render_context_init() to all of it */
};

void fa_render_context_init (FaRenderContext     *ctx,
                             FaViewport          *viewport,
                             FaProjection        *projection,
                             const FaMapStyle    *style,
                             const FaMapSnapshot *state);
void fa_render_context_set_viewport (FaRenderContext     *ctx,
                                     FaViewport          *viewport);

G_END_DECLS
