/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "fa-autocleanups.h"
#include "fa-hairlines.h"

/* Thin lines drawn without cairo_stroke().  Cairo 1.16 strokes by building
 * the outline polygon of every segment and scan-converting it, about 2,000
 * instructions a segment: the base map's borders and region outlines were
 * over half of each image the window renders after a zoom, and Natural
 * Earth's admin-1 (200,000 segments at world scale) most of an export.  On
 * image surfaces we instead sample each segment once per pixel column (row,
 * if steep) into an 8-bit coverage mask, box-filtered over the line's
 * width, and paint the colour through the mask once, for a tenth of the
 * cost.  Where lines meet, the mask keeps the larger coverage, so a border
 * shared by two polygons is drawn once instead of twice and darker. */

/* A larger clip falls back to cairo_stroke() rather than allocate a huge mask. */
#define MAX_MASK_PIXELS (64.0 * 1024 * 1024)

/* Wider lines need joins and caps: cairo_stroke() draws those. */
#define MAX_THICKNESS 2.5

/**
 * fa_hairlines_init:
 * @h: an uninitialised #FaHairlines
 * @cr: where the lines will be painted, with the transformation the paths
 *   will be appended with
 * @line_width: the lines' width in user space, as for cairo_set_line_width()
 *
 * Returns: %FALSE where real strokes are needed: vector surfaces (SVG and
 *   PDF keep their lines), rotated or skewed user space, lines wider than
 *   a few device pixels, or a clip too large for a mask; @h is then
 *   cleared and needs no fa_hairlines_clear().
 */
gboolean
fa_hairlines_init (FaHairlines *h,
                   cairo_t     *cr,
                   double       line_width)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  double sx = 1, sy = 1;
  double x1, y1, x2, y2;

  memset (h, 0, sizeof *h);

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  /* A device scale on the surface itself is applied after our device
   * space: the mask would be scaled up, blurred. */
  cairo_surface_get_device_scale (target, &sx, &sy);
  if (sx != 1 || sy != 1)
    return FALSE;

  cairo_get_matrix (cr, &h->to_device);
  if (h->to_device.xy != 0 || h->to_device.yx != 0 ||
      h->to_device.xx <= 0 || h->to_device.xx != h->to_device.yy)
    return FALSE;
  h->thickness = line_width * h->to_device.xx;
  if (!(h->thickness > 0) || h->thickness > MAX_THICKNESS)
    return FALSE;

  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  cairo_matrix_transform_point (&h->to_device, &x1, &y1);
  cairo_matrix_transform_point (&h->to_device, &x2, &y2);
  if (!(x2 > x1 && y2 > y1) || (x2 - x1) * (y2 - y1) > MAX_MASK_PIXELS)
    return FALSE;

  h->x = (int) floor (x1);
  h->y = (int) floor (y1);
  h->width = (int) ceil (x2) - h->x;
  h->height = (int) ceil (y2) - h->y;
  h->stride = cairo_format_stride_for_width (CAIRO_FORMAT_A8, h->width);
  /* Cleared by writing, not calloc()'d: reading a fresh page first maps the
   * shared zero page, and the write after it then costs a copy-on-write
   * fault and, while the image draws on two threads, a TLB shootdown. */
  h->data = g_malloc ((gsize) h->stride * h->height);
  memset (h->data, 0, (gsize) h->stride * h->height);
  return TRUE;
}

/* @a runs along the segment's major axis, @b across it. */
static inline void
plot (FaHairlines *h,
      gboolean     steep,
      int          a,
      int          b,
      double       coverage)
{
  int x = steep ? b : a;
  int y = steep ? a : b;
  guint8 value;
  guint8 *p;

  if (x < 0 || y < 0 || x >= h->width || y >= h->height)
    return;

  value = (guint8) (MIN (coverage, 1.0) * 255.0 + 0.5);
  p = &h->data[(gsize) y * h->stride + x];
  if (value > *p)
    *p = value;
}

/* From (x0, y0) to (x1, y1), in the mask's pixels. */
static void
add_segment (FaHairlines *h,
             double       x0,
             double       y0,
             double       x1,
             double       y1)
{
  gboolean steep = fabs (y1 - y0) > fabs (x1 - x0);
  double a0 = steep ? y0 : x0;
  double a1 = steep ? y1 : x1;
  double b0 = steep ? x0 : y0;
  double b1 = steep ? x1 : y1;
  double a_size = steep ? h->height : h->width;
  double b_size = steep ? h->width : h->height;
  double slope, half;
  int first, end, step;

  if (a0 == a1)
    return;

  slope = (b1 - b0) / (a1 - a0);
  /* Across the major axis, a line of width w is w·sqrt(1 + slope²) thick
   * in each column: without that, diagonals would look thinner. */
  half = h->thickness * sqrt (1.0 + slope * slope) / 2;

  /* Sample pixel centres from a0 (included) to a1 (excluded), so that the
   * segments of a ring sample each column once; clamp to the mask first, so
   * that vertices far outside the view neither overflow nor cost a loop. */
  if (a1 > a0)
    {
      first = (int) ceil (MAX (a0, -1.0) - 0.5);
      end = (int) ceil (MIN (a1, a_size + 1) - 0.5);
      step = 1;
      if (first >= end)
        return;
    }
  else
    {
      first = (int) floor (MIN (a0, a_size + 1) - 0.5);
      end = (int) floor (MAX (a1, -1.0) - 0.5);
      step = -1;
      if (first <= end)
        return;
    }

  for (int a = first; a != end; a += step)
    {
      /* The line covers [lo, hi] of this column; each pixel it meets gets
       * the length it covers of it (a box filter). */
      double centre = b0 + slope * (a + 0.5 - a0);
      double lo = centre - half;
      double hi = centre + half;

      if (hi < -1 || lo > b_size + 1)
        continue;

      for (int row = (int) floor (lo); row < hi; row++)
        plot (h, steep, a, row, MIN (hi, row + 1.0) - MAX (lo, (double) row));
    }
}

/**
 * fa_hairlines_add_path:
 * @h: an initialised #FaHairlines
 * @cr: the context it was initialised with
 *
 * Adds the lines of the current path (curves flattened) to the mask; the
 * path itself stays, to be filled or cleared.
 */
void
fa_hairlines_add_path (FaHairlines *h,
                       cairo_t     *cr)
{
  g_autoptr(cairo_path_t) path = NULL;
  cairo_matrix_t ctm;
  double start_x = 0, start_y = 0;
  double x = 0, y = 0;
  double xx, yy, x0, y0;

  g_return_if_fail (h->data != NULL);

  /* The path comes in user space; the mask is in device space, less its
   * origin.  The matrix is the one the path was made with. */
  cairo_get_matrix (cr, &ctm);
  g_return_if_fail (memcmp (&ctm, &h->to_device, sizeof ctm) == 0);
  path = cairo_copy_path_flat (cr);
  xx = h->to_device.xx;
  yy = h->to_device.yy;
  x0 = h->to_device.x0 - h->x;
  y0 = h->to_device.y0 - h->y;

  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      const cairo_path_data_t *data = &path->data[i];
      double px, py;

      switch (data->header.type)
        {
        case CAIRO_PATH_MOVE_TO:
          start_x = x = xx * data[1].point.x + x0;
          start_y = y = yy * data[1].point.y + y0;
          break;

        case CAIRO_PATH_LINE_TO:
          px = xx * data[1].point.x + x0;
          py = yy * data[1].point.y + y0;
          add_segment (h, x, y, px, py);
          x = px;
          y = py;
          break;

        case CAIRO_PATH_CLOSE_PATH:
          add_segment (h, x, y, start_x, start_y);
          x = start_x;
          y = start_y;
          break;

        case CAIRO_PATH_CURVE_TO:
        default:
          /* A flattened path has no curves. */
          break;
        }
    }
}

/**
 * fa_hairlines_paint:
 * @h: an initialised #FaHairlines
 * @cr: the context it was initialised with
 * @color: the lines' colour
 * @alpha: a factor on its opacity
 *
 * Paints the lines added so far, once.
 */
void
fa_hairlines_paint (FaHairlines   *h,
                    cairo_t       *cr,
                    const FaColor *color,
                    double         alpha)
{
  g_autoptr(cairo_surface_t) mask = NULL;

  g_return_if_fail (h->data != NULL);

  mask = cairo_image_surface_create_for_data (h->data, CAIRO_FORMAT_A8,
                                              h->width, h->height, h->stride);
  cairo_save (cr);
  cairo_identity_matrix (cr);
  fa_map_style_set_source_alpha (cr, color, alpha);
  cairo_mask_surface (cr, mask, h->x, h->y);
  cairo_restore (cr);
  /* The mask borrows h->data: let go of it before the data goes. */
  cairo_surface_finish (mask);
}

/**
 * fa_hairlines_clear:
 * @h: a #FaHairlines
 *
 * Frees the mask; @h may be initialised again.
 */
void
fa_hairlines_clear (FaHairlines *h)
{
  g_clear_pointer (&h->data, g_free);
}
