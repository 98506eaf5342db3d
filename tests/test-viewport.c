/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>

#include "fa-viewport.h"

static void
test_round_trip (void)
{
  g_autoptr(FaViewport) viewport = fa_viewport_new ();
  double x, y, sx, sy;

  fa_viewport_set_size (viewport, 800, 600);
  fa_viewport_set_center (viewport, 1000, 2000);
  fa_viewport_set_scale (viewport, 10);

  /* The centre of the screen is the centre of the view, y grows up. */
  fa_viewport_screen_to_projected (viewport, 400, 300, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 1000, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 2000, 1e-9);
  fa_viewport_screen_to_projected (viewport, 410, 290, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 1100, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 2100, 1e-9);

  fa_viewport_projected_to_screen (viewport, 1100, 2100, &sx, &sy);
  g_assert_cmpfloat_with_epsilon (sx, 410, 1e-9);
  g_assert_cmpfloat_with_epsilon (sy, 290, 1e-9);
}

static void
test_matrix_matches (void)
{
  g_autoptr(FaViewport) viewport = fa_viewport_new ();
  cairo_matrix_t m;
  double x = -5000, y = 7000, sx, sy;

  fa_viewport_set_size (viewport, 640, 480);
  fa_viewport_set_center (viewport, -1234, 5678);
  fa_viewport_set_scale (viewport, 3.5);
  fa_viewport_get_matrix (viewport, &m);
  fa_viewport_projected_to_screen (viewport, x, y, &sx, &sy);
  cairo_matrix_transform_point (&m, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, sx, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, sy, 1e-9);
}

static void
test_zoom_keeps_anchor (void)
{
  g_autoptr(FaViewport) viewport = fa_viewport_new ();
  double before_x, before_y, after_x, after_y;

  fa_viewport_set_size (viewport, 800, 600);
  fa_viewport_set_scale (viewport, 100);
  fa_viewport_screen_to_projected (viewport, 123, 456, &before_x, &before_y);
  fa_viewport_zoom_at (viewport, 2.0, 123, 456);
  g_assert_cmpfloat_with_epsilon (fa_viewport_get_scale (viewport), 50, 1e-9);
  fa_viewport_screen_to_projected (viewport, 123, 456, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (before_x, after_x, 1e-6);
  g_assert_cmpfloat_with_epsilon (before_y, after_y, 1e-6);
}

static void
test_scale_limits (void)
{
  g_autoptr(FaViewport) viewport = fa_viewport_new ();

  fa_viewport_set_scale_limits (viewport, 10, 1000);
  fa_viewport_set_scale (viewport, 1);
  g_assert_cmpfloat (fa_viewport_get_scale (viewport), ==, 10);
  fa_viewport_set_scale (viewport, 1e9);
  g_assert_cmpfloat (fa_viewport_get_scale (viewport), ==, 1000);
  /* Nonsense never reaches the state. */
  fa_viewport_set_scale (viewport, -1);
  fa_viewport_set_scale (viewport, NAN);
  fa_viewport_set_center (viewport, INFINITY, 0);
  g_assert_cmpfloat (fa_viewport_get_scale (viewport), ==, 1000);
  g_assert_cmpfloat (fa_viewport_get_center_x (viewport), ==, 0);
}

static void
test_fit_rect (void)
{
  g_autoptr(FaViewport) viewport = fa_viewport_new ();
  FaRect rect = { 0, 0, 400, 100 };
  FaRect visible;

  fa_viewport_set_size (viewport, 200, 200);
  fa_viewport_fit_rect (viewport, &rect, 0);
  /* The wide rectangle fills the width; square pixels centre it. */
  g_assert_cmpfloat_with_epsilon (fa_viewport_get_scale (viewport), 2, 1e-9);
  fa_viewport_get_visible_rect (viewport, &visible);
  g_assert_cmpfloat_with_epsilon (visible.x1, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (visible.x2, 400, 1e-9);
  g_assert_cmpfloat_with_epsilon (visible.y1, -150, 1e-9);
  g_assert_cmpfloat_with_epsilon (visible.y2, 250, 1e-9);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(FaViewport) viewport = fa_viewport_new ();
  guint count = 0;

  g_signal_connect (viewport, "notify::scale", G_CALLBACK (on_notify_cb), &count);
  fa_viewport_set_scale (viewport, 5);
  fa_viewport_set_scale (viewport, 5);
  g_assert_cmpuint (count, ==, 1);

  {
    g_autoptr(FaViewport) copy = fa_viewport_copy (viewport);

    g_assert_cmpfloat (fa_viewport_get_scale (copy), ==, 5);
  }
  g_assert_finalize_object (g_steal_pointer (&viewport));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fa/viewport/round-trip", test_round_trip);
  g_test_add_func ("/fa/viewport/matrix", test_matrix_matches);
  g_test_add_func ("/fa/viewport/zoom-keeps-anchor", test_zoom_keeps_anchor);
  g_test_add_func ("/fa/viewport/scale-limits", test_scale_limits);
  g_test_add_func ("/fa/viewport/fit-rect", test_fit_rect);
  g_test_add_func ("/fa/viewport/notify", test_notify_only_on_change);

  return g_test_run ();
}
