/* test-window.c — the main window under a real display (Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "fa-autocleanups.h"
#include "fa-map-view.h"
#include "fa-renderer.h"
#include "fa-resources.h"
#include "fa-test-utils.h"
#include "fa-window.h"

static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  /* Iterate until @n frames were drawn, or give up after 5 s. */
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GdkFrameClock *clock;
  gint64 start_frame;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  start_frame = gdk_frame_clock_get_frame_counter (clock);
  while (gdk_frame_clock_get_frame_counter (clock) < start_frame + n &&
         g_get_monotonic_time () < end)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
}

static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static guint32
texture_pixel (GdkTexture *texture,
               int         x,
               int         y)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) width * height * 4);
  g_autoptr(cairo_surface_t) surface = NULL;

  gdk_texture_download (texture, data, width * 4);
  surface = cairo_image_surface_create_for_data (data, CAIRO_FORMAT_ARGB32, width, height, width * 4);
  return fa_test_get_pixel (surface, x, y);
}

static void
test_window_shows_map (void)
{
  g_autoptr(GError) error = NULL;
  FaWindow *window = fa_window_new (NULL);
  FaMapView *map_view = fa_window_get_map_view (window);
  g_autoptr(GdkTexture) texture = NULL;
  FaRenderer *renderer;
  guint n_layers;
  guint32 center;
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *broken = fa_test_write_file (dir, "broken.shp", "\x00\x00\x27\x0a garbage", 14);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (map_view), 3);

  g_assert_true (gtk_widget_get_realized (GTK_WIDGET (map_view)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map_view)), >, 400);
  renderer = fa_map_view_get_renderer (map_view);
  g_assert_nonnull (renderer);

  /* The map is drawn: the centre of the default view (Russia) is land,
   * not the empty background. */
  texture = render_widget (GTK_WIDGET (map_view));
  center = texture_pixel (texture, gtk_widget_get_width (GTK_WIDGET (map_view)) / 2,
                          gtk_widget_get_height (GTK_WIDGET (map_view)) / 2);
  g_test_message ("centre pixel #%06x", center);
  g_assert_true (fa_test_color_near (center, 0xf7f5f1, 10) || fa_test_color_near (center, 0x34363a, 10));

  /* A broken shapefile is refused with the reader's message; nothing is lost. */
  n_layers = g_list_model_get_n_items (fa_renderer_get_layers (renderer));
  g_assert_false (fa_window_add_shapefile (window, broken_file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "broken.shp"));
  g_assert_cmpuint (g_list_model_get_n_items (fa_renderer_get_layers (renderer)), ==, n_layers);
  g_assert_true (fa_map_view_get_renderer (map_view) == renderer);
  g_clear_error (&error);

  /* Keyboard zoom and reset go through the map's actions. */
  {
    double scale = fa_viewport_get_scale (fa_map_view_get_viewport (map_view));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map_view), "map.zoom-in", NULL));
    g_assert_cmpfloat (fa_viewport_get_scale (fa_map_view_get_viewport (map_view)), <, scale);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map_view), "map.reset", NULL));
    g_assert_cmpfloat_with_epsilon (fa_viewport_get_scale (fa_map_view_get_viewport (map_view)), scale, scale * 1e-6);
  }

  /* Another projection re-projects and redraws. */
  g_assert_true (fa_window_set_projection (window, "world", &error));
  g_assert_no_error (error);
  wait_frames (GTK_WIDGET (map_view), 2);
  g_assert_true (fa_map_view_get_renderer (map_view) != renderer);

  gtk_window_destroy (GTK_WINDOW (window));
  fa_test_rmtree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (fa_get_resource ());

  g_test_add_func ("/fa/window/shows-map", test_window_shows_map);

  return g_test_run ();
}
