/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-hairlines"

#include "config.h"

#include <math.h>
#include <cairo-pdf.h>

#include "fa-autocleanups.h"
#include "fa-hairlines.h"

/* FaHairlines draws the base map's borders instead of cairo_stroke(): it
 * must put the same ink in the same places (within a pixel) at every
 * width it accepts, in HiDPI scale too, and refuse what it cannot draw. */

#define SIZE 200

static const FaColor black = { 0, 0, 0, 1 };

/* A closed ring with steep, shallow and diagonal edges, and an open line. */
static void
append_shapes (cairo_t *cr)
{
  cairo_move_to (cr, 20.3, 30.7);
  cairo_line_to (cr, 170.2, 42.9);
  cairo_line_to (cr, 150.6, 160.1);
  cairo_line_to (cr, 95.5, 95.5);
  cairo_line_to (cr, 30.1, 175.4);
  cairo_close_path (cr);
  cairo_move_to (cr, 10.5, 190.2);
  cairo_line_to (cr, 190.5, 120.7);
}

static cairo_surface_t *
draw (double   width,
      double   scale,
      gboolean hairlines)
{
  int px = (int) (SIZE * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, px, px);
  g_autoptr(cairo_t) cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  append_shapes (cr);
  if (hairlines)
    {
      g_auto(FaHairlines) h = { 0 };

      g_assert_true (fa_hairlines_init (&h, cr, width));
      fa_hairlines_add_path (&h, cr);
      cairo_new_path (cr);
      fa_hairlines_paint (&h, cr, &black, 1.0);
    }
  else
    {
      cairo_set_line_width (cr, width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
      cairo_stroke (cr);
    }
  cairo_surface_flush (surface);
  return surface;
}

static guint8
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  int w = cairo_image_surface_get_width (s);

  if (x < 0 || y < 0 || x >= w || y >= cairo_image_surface_get_height (s))
    return 0;
  return cairo_image_surface_get_data (s)[(gsize) y * cairo_image_surface_get_stride (s) + x];
}

static double
ink (cairo_surface_t *s)
{
  int w = cairo_image_surface_get_width (s);
  double sum = 0;

  for (int y = 0; y < w; y++)
    for (int x = 0; x < w; x++)
      sum += pixel (s, x, y) / 255.0;
  return sum;
}

/* Pixels of @a with clear ink that have no ink in @b within one pixel. */
static guint
strays (cairo_surface_t *a,
        cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a);
  guint n = 0;

  for (int y = 0; y < w; y++)
    for (int x = 0; x < w; x++)
      {
        gboolean near = FALSE;

        if (pixel (a, x, y) < 96)
          continue;
        for (int dy = -1; dy <= 1 && !near; dy++)
          for (int dx = -1; dx <= 1 && !near; dx++)
            near = pixel (b, x + dx, y + dy) > 0;
        n += !near;
      }
  return n;
}

static void
check_like_stroke (double width,
                   double scale)
{
  g_autoptr(cairo_surface_t) stroked = draw (width, scale, FALSE);
  g_autoptr(cairo_surface_t) fast = draw (width, scale, TRUE);
  double a = ink (stroked), b = ink (fast);

  g_test_message ("width %.2f at scale %.0f: ink %.1f stroked, %.1f as hairlines", width, scale, a, b);
  /* The same amount of ink (the stroker's joins and end caps differ a
   * little), in the same places. */
  g_assert_cmpfloat (fabs (a - b), <, 0.03 * a);
  g_assert_cmpuint (strays (stroked, fast), ==, 0);
  g_assert_cmpuint (strays (fast, stroked), ==, 0);
}

static void
test_like_stroke (void)
{
  static const double widths[] = { 0.5, 0.6, 0.8, 1.0, 1.3, 2.0 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    check_like_stroke (widths[i], 1);
}

static void
test_like_stroke_hidpi (void)
{
  check_like_stroke (0.5, 2);
  check_like_stroke (0.8, 2);
}

/* A line shared by two rings is drawn once, not darker. */
static void
test_shared_edge (void)
{
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_A8, SIZE, SIZE);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  g_auto(FaHairlines) h = { 0 };
  double x;

  g_assert_true (fa_hairlines_init (&h, cr, 0.5));
  cairo_rectangle (cr, 20, 20.5, 80, 80);
  cairo_rectangle (cr, 100, 20.5, 80, 80);
  fa_hairlines_add_path (&h, cr);
  cairo_new_path (cr);
  fa_hairlines_paint (&h, cr, &black, 1.0);
  cairo_surface_flush (surface);

  /* The shared edge x = 100 covers half of columns 99 and 100 … */
  x = pixel (surface, 99, 60) + pixel (surface, 100, 60);
  g_assert_cmpfloat (fabs (x - 128), <=, 2);
  /* … as much as an edge of one ring alone. */
  x = pixel (surface, 19, 60) + pixel (surface, 20, 60);
  g_assert_cmpfloat (fabs (x - 128), <=, 2);
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

/* Vector output keeps real strokes; so do rotated space and wide lines. */
static void
test_refuses (void)
{
  g_autoptr(cairo_surface_t) pdf = cairo_pdf_surface_create_for_stream (discard, NULL, 100, 100);
  g_autoptr(cairo_surface_t) image = cairo_image_surface_create (CAIRO_FORMAT_A8, 100, 100);
  g_autoptr(cairo_t) vector = cairo_create (pdf);
  g_autoptr(cairo_t) cr = cairo_create (image);
  FaHairlines h;

  g_assert_false (fa_hairlines_init (&h, vector, 0.8));
  g_assert_null (h.data);
  g_assert_false (fa_hairlines_init (&h, cr, 4.0));
  g_assert_false (fa_hairlines_init (&h, cr, 0));
  cairo_scale (cr, 2, 2);
  g_assert_false (fa_hairlines_init (&h, cr, 1.5));
  cairo_identity_matrix (cr);
  cairo_rotate (cr, 0.3);
  g_assert_false (fa_hairlines_init (&h, cr, 0.8));
  cairo_identity_matrix (cr);
  g_assert_true (fa_hairlines_init (&h, cr, 0.8));
  fa_hairlines_clear (&h);
  g_assert_null (h.data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fa/hairlines/like-stroke", test_like_stroke);
  g_test_add_func ("/fa/hairlines/like-stroke-hidpi", test_like_stroke_hidpi);
  g_test_add_func ("/fa/hairlines/shared-edge", test_shared_edge);
  g_test_add_func ("/fa/hairlines/refuses", test_refuses);

  return g_test_run ();
}
