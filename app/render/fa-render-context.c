/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-render-context"

#include "config.h"

#include "fa-map-state.h"
#include "fa-projection.h"
#include "fa-render-context.h"

/* Metres in one degree of latitude: plate carrée maps measure in degrees. */
#define METERS_PER_DEGREE 111320.0

/**
 * fa_render_context_init:
 * @ctx: (out caller-allocates): the context to fill
 * @projection: (nullable): the map projection, for the ground scale
 * @state: (nullable): the state to draw; without one, the dataset layers
 *   draw nothing
 *
 * Fills @ctx for one drawing of @viewport, without a frame to record hit
 * data in (set @ctx->frame for that).
 */
void
fa_render_context_init (FaRenderContext     *ctx,
                        FaViewport          *viewport,
                        FaProjection        *projection,
                        const FaMapStyle    *style,
                        const FaMapSnapshot *state)
{
  g_return_if_fail (ctx != NULL);
  g_return_if_fail (FA_IS_VIEWPORT (viewport));
  g_return_if_fail (style != NULL);

  ctx->viewport = viewport;
  ctx->style = style;
  ctx->state = state;
  ctx->time = state != NULL ? state->time : FA_TIME_FILTER_ALL;
  ctx->frame = NULL;
  ctx->for_export = FALSE;
  ctx->story = FALSE;
  ctx->shown = (FaRect) { 0, 0, fa_viewport_get_width (viewport), fa_viewport_get_height (viewport) };
  fa_viewport_get_matrix (viewport, &ctx->to_device);
  fa_viewport_get_visible_rect (viewport, &ctx->visible);
  ctx->meters_per_pixel = fa_viewport_get_scale (viewport);
  if (projection != NULL && fa_projection_is_geographic (projection))
    ctx->meters_per_pixel *= METERS_PER_DEGREE;
}

/**
 * fa_render_context_set_viewport:
 * @viewport: a view of the same scale as @ctx's, of another size or
 *   centre
 *
 * Makes @ctx draw @viewport: its device matrix, its visible rectangle and
 * the part seen (all of it) follow; the ground scale stays.
 */
void
fa_render_context_set_viewport (FaRenderContext *ctx,
                                FaViewport      *viewport)
{
  g_return_if_fail (ctx != NULL);
  g_return_if_fail (FA_IS_VIEWPORT (viewport));

  ctx->viewport = viewport;
  ctx->shown = (FaRect) { 0, 0, fa_viewport_get_width (viewport), fa_viewport_get_height (viewport) };
  fa_viewport_get_matrix (viewport, &ctx->to_device);
  fa_viewport_get_visible_rect (viewport, &ctx->visible);
}
