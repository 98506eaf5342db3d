/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "fa-animation.h"
#include "fa-animation-dialog.h"
#include "fa-autocleanups.h"
#include "fa-map-view.h"
#include "fa-map.h"
#include "fa-map-state.h"
#include "fa-renderer.h"
#include "fa-resources.h"
#include "fa-test-utils.h"
#include "fa-window.h"
#include "fa-category.h"
#include "fa-dataset.h"
#include "fa-details-pane.h"
#include "fa-flow-layer.h"
#include "fa-flow.h"
#include "fa-event.h"
#include "fa-item-table.h"
#include "fa-place.h"
#include "fa-month.h"
#include "fa-projection.h"
#include "fa-timeline.h"
#include <glib/gstdio.h>

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

/* Iterates until the window has read its base map and dataset and the
 * map's worker has drawn the view, or 10 s have passed. */
static void
wait_ready (FaWindow *window)
{
  FaMapView *map_view = fa_window_get_map_view (window);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((fa_window_get_loading (window) || fa_map_view_get_rendering (map_view) ||
          !gtk_widget_get_mapped (GTK_WIDGET (map_view))) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  wait_frames (GTK_WIDGET (map_view), 2);
  while (fa_map_view_get_rendering (map_view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  wait_frames (GTK_WIDGET (map_view), 1);
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


static void
test_window_shows_map (void)
{
  g_autoptr(GError) error = NULL;
  FaWindow *window = fa_window_new (NULL);
  FaMapView *map_view = fa_window_get_map_view (window);
  g_autoptr(GdkTexture) texture = NULL;
  FaRenderer *renderer;
  guint n_layers;
  g_autofree char *dir = fa_test_make_tmpdir ();
  static const char garbage[] = "\x00\x00\x27\x0a garbage";
  g_autofree char *broken = fa_test_write_file (dir, "broken.shp", garbage, sizeof garbage - 1);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);

  g_assert_true (gtk_widget_get_realized (GTK_WIDGET (map_view)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map_view)), >, 400);
  renderer = fa_map_get_renderer (fa_window_get_map (window));
  g_test_message ("view: scale %g, centre %g %g, size %d×%d", fa_viewport_get_scale (fa_map_view_get_viewport (map_view)),
                  fa_viewport_get_center_x (fa_map_view_get_viewport (map_view)),
                  fa_viewport_get_center_y (fa_map_view_get_viewport (map_view)),
                  fa_viewport_get_width (fa_map_view_get_viewport (map_view)),
                  fa_viewport_get_height (fa_map_view_get_viewport (map_view)));
  g_assert_nonnull (renderer);

  /* The map is drawn: a large share of the view is land (light or dark
   * palette), not the empty background. */
  texture = render_widget (GTK_WIDGET (map_view));
  {
    int width = gdk_texture_get_width (texture);
    int height = gdk_texture_get_height (texture);
    g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 4);
    g_autoptr(cairo_surface_t) surface = NULL;
    guint land;

    gdk_texture_download (texture, pixels, width * 4);
    surface = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32, width, height, width * 4);
    land = fa_test_count_color (surface, 0, 0, width, height, 0xf7f5f1, 6) +
           fa_test_count_color (surface, 0, 0, width, height, 0x34363a, 6);
    g_test_message ("land pixels: %u of %d", land, width * height);
    if (g_getenv ("FA_TEST_SAVE_SHOT"))
      gdk_texture_save_to_png (texture, g_getenv ("FA_TEST_SAVE_SHOT"));
    g_assert_cmpuint (land, >, (guint) (width * height / 5));
    if (g_getenv ("FA_TEST_SAVE_SHOT"))
      gdk_texture_save_to_png (texture, g_getenv ("FA_TEST_SAVE_SHOT"));
  }

  /* A broken shapefile is refused with the reader's message; nothing is lost. */
  n_layers = g_list_model_get_n_items (fa_renderer_get_layers (renderer));
  g_assert_false (fa_window_add_shapefile (window, broken_file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "broken.shp"));
  g_assert_cmpuint (g_list_model_get_n_items (fa_renderer_get_layers (renderer)), ==, n_layers);
  g_assert_true (fa_map_get_renderer (fa_window_get_map (window)) == renderer);
  g_clear_error (&error);

  /* Keyboard zoom and reset go through the map's actions. */
  {
    double scale;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map_view), "map.reset", NULL));
    scale = fa_viewport_get_scale (fa_map_view_get_viewport (map_view));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map_view), "map.zoom-in", NULL));
    g_assert_cmpfloat (fa_viewport_get_scale (fa_map_view_get_viewport (map_view)), <, scale);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map_view), "map.reset", NULL));
    g_assert_cmpfloat_with_epsilon (fa_viewport_get_scale (fa_map_view_get_viewport (map_view)), scale, scale * 1e-6);
  }

  /* Another projection re-projects and redraws. */
  g_assert_true (fa_window_set_projection (window, "world", &error));
  g_assert_no_error (error);
  wait_ready (window);
  g_assert_true (fa_map_get_renderer (fa_window_get_map (window)) != renderer);

  /* For looking at: the whole window with both side panes and a flow
   * selected, when FA_TEST_SAVE_WINDOW names a PNG. */
  if (g_getenv ("FA_TEST_SAVE_WINDOW") != NULL)
    {
      g_autoptr(GdkTexture) shot = NULL;
      FaDataset *dataset = fa_window_get_dataset (window);
      g_autoptr(FaFlow) flow = g_list_model_get_item (fa_dataset_get_flows (dataset), 2);

      g_assert_true (fa_window_set_projection (window, "europe-asia", &error));
      gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "relocation");
      gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL);
      g_signal_emit_by_name (map_view, "item-activated", flow);
      wait_ready (window);
      shot = render_widget (GTK_WIDGET (window));
      gdk_texture_save_to_png (shot, g_getenv ("FA_TEST_SAVE_WINDOW"));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  fa_test_rmtree (dir);
}

static gboolean
wait_until (gboolean (*cond) (gpointer),
            gpointer   data,
            double     seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!cond (data) && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10000);
    }

  return cond (data);
}

static void
test_persistence (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  FaWindow *window;
  FaTimeline *timeline;
  FaMonth march_2020 = fa_month_from_ym (2020, 3);
  FaTimeFilter filter;

  /* A first session: a month, a mode, a hidden category, a projection. */
  window = fa_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);
  timeline = fa_window_get_timeline (window);
  fa_timeline_set_month (timeline, march_2020);
  fa_timeline_set_mode (timeline, FA_TIME_MODE_CUMULATIVE);
  g_settings_set_strv (settings, "hidden-categories", (const char *[]) { "child-transfer", NULL });
  g_settings_set_string (settings, "projection", "eurasia");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_close (GTK_WINDOW (window));

  /* The next start comes back to the same state. */
  window = fa_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);
  timeline = fa_window_get_timeline (window);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, march_2020);
  g_assert_cmpint (fa_timeline_get_mode (timeline), ==, FA_TIME_MODE_CUMULATIVE);
  fa_timeline_get_filter (timeline, &filter);
  g_assert_cmpint (filter.mode, ==, FA_TIME_MODE_CUMULATIVE);
  g_assert_cmpint (filter.month, ==, march_2020);
  {
    FaMap *map = fa_window_get_map (window);
    FaMapState *state = fa_map_get_state (map);
    FaRenderer *renderer = fa_map_get_renderer (map);
    FaTimeFilter shown;
    int width, height;

    /* Restored through the settings bindings of the state. */
    g_assert_false (fa_map_state_get_category_visible (state, "child-transfer"));
    g_assert_true (fa_map_state_get_category_visible (state, "civilian-transfer"));
    g_assert_cmpstr (fa_projection_get_definition (fa_renderer_get_projection (renderer)), ==, "eurasia");
    fa_map_state_get_time_filter (state, &shown);
    g_assert_cmpint (shown.month, ==, march_2020);
    g_assert_cmpint (shown.mode, ==, FA_TIME_MODE_CUMULATIVE);
    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 900);
    g_assert_cmpint (height, ==, 640);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "hidden-categories");
  g_settings_reset (settings, "projection");
  g_settings_reset (settings, "month");
  g_settings_reset (settings, "time-mode");
}

typedef struct
{
  FaWindow  *window;
  FaDataset *before;
} ReloadState;

static gboolean
dataset_replaced (gpointer data)
{
  ReloadState *state = data;

  return fa_window_get_dataset (state->window) != state->before;
}

static gboolean
reload_failed (gpointer data)
{
  ReloadState *state = data;

  return fa_window_get_reload_error (state->window) != NULL;
}

static void
test_live_reload (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *places = NULL, *flows = NULL;
  g_autoptr(GError) error = NULL;
  ReloadState state;

  places = fa_test_write_file (dir, "places.csv", "id,name,lat,lon,kind\na,Alpha,50,30,city\nb,Beta,55,37,city\n", -1);
  flows = fa_test_write_file (dir, "flows.csv", "id,origin,dest,count,category\nf1,a,b,100,x\n", -1);

  state.window = fa_window_new (NULL);
  gtk_window_present (GTK_WINDOW (state.window));
  wait_ready (state.window);
  fa_window_open_dataset (state.window, dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (fa_dataset_get_flows (fa_window_get_dataset (state.window))), ==, 1);

  /* Saved from a spreadsheet: a second flow appears within a second. */
  state.before = fa_window_get_dataset (state.window);
  g_free (fa_test_write_file (dir, "flows.csv", "id,origin,dest,count,category\nf1,a,b,100,x\nf2,b,a,50,x\n", -1));
  g_assert_true (wait_until (dataset_replaced, &state, 3.0));
  g_assert_cmpuint (g_list_model_get_n_items (fa_dataset_get_flows (fa_window_get_dataset (state.window))), ==, 2);

  /* A mistake: the last good state stays, and the problem is kept to show. */
  state.before = fa_window_get_dataset (state.window);
  g_free (fa_test_write_file (dir, "flows.csv", "id,origin,dest,count,category\nf1,a,nowhere,100,x\n", -1));
  g_assert_true (wait_until (reload_failed, &state, 3.0));
  g_assert_true (fa_window_get_dataset (state.window) == state.before);
  g_assert_cmpuint (g_list_model_get_n_items (fa_dataset_get_flows (fa_window_get_dataset (state.window))), ==, 2);
  g_assert_nonnull (strstr (fa_window_get_reload_error (state.window)->message, "flows.csv:2:3"));

  gtk_window_destroy (GTK_WINDOW (state.window));
  fa_test_rmtree (dir);
}

/* Counts the frames of a widget, and how many came while the window was
 * busy: a frame clock ticks only when the main loop turns. */
typedef struct
{
  FaWindow *window;
  guint     n_frames;
  guint     n_rendering;     /* frames while the map view was drawing */
  guint     n_loading;       /* frames while the window was reading */
  guint     n_busy;          /* frames while either was */
  gint64    last_busy_time;  /* µs: the last frame while busy, or 0 */
  gint64    max_busy_gap;    /* µs: the longest wait for a frame while busy */
} FrameCount;

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  FrameCount *count = data;
  gboolean rendering = fa_map_view_get_rendering (fa_window_get_map_view (count->window));
  gboolean loading = fa_window_get_loading (count->window);
  gint64 now = g_get_monotonic_time ();

  count->n_frames++;
  if (rendering)
    count->n_rendering++;
  if (loading)
    count->n_loading++;
  if (rendering || loading)
    {
      count->n_busy++;
      if (count->last_busy_time != 0)
        count->max_busy_gap = MAX (count->max_busy_gap, now - count->last_busy_time);
      count->last_busy_time = now;
    }
  else
    count->last_busy_time = 0;

  return G_SOURCE_CONTINUE;
}

/* A dataset that takes a while to read: 2,000 flows between 400 places,
 * each with a long note (16 MB in all); few enough flows that showing
 * them stays quick. */
static void
write_slow_dataset (const char *dir)
{
  g_autoptr(GString) places = g_string_new ("id,name,lat,lon,kind\n");
  g_autoptr(GString) flows = g_string_new ("id,origin,dest,count,category,start,end,note\n");
  g_autofree char *note = g_strnfill (8000, 'x');
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (places, "p%u,Place %u,%u.%u,%u.%u,city\n", i, i,
                            45 + i / 40, i % 10, 25 + i % 40, i % 7);
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (flows, "f%u,p%u,p%u,%u,c%u,20%02u-%02u,,%s\n", i,
                            g_rand_int_range (rand, 0, 400), g_rand_int_range (rand, 0, 400),
                            g_rand_int_range (rand, 1, 100000), i % 5,
                            g_rand_int_range (rand, 10, 24), g_rand_int_range (rand, 1, 13), note);
  g_rand_free (rand);
  g_free (fa_test_write_file (dir, "places.csv", places->str, places->len));
  g_free (fa_test_write_file (dir, "flows.csv", flows->str, flows->len));
}

/* Iterates until @busy says the work is done, or @seconds have passed;
 * returns how long it took, in ms. */
static double
wait_idle (FaWindow *window,
           gboolean (*busy) (FaWindow *window),
           double     seconds)
{
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + (gint64) (seconds * G_USEC_PER_SEC);

  while (busy (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (busy (window));
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
is_rendering (FaWindow *window)
{
  return fa_map_view_get_rendering (fa_window_get_map_view (window));
}

static gboolean
is_busy (FaWindow *window)
{
  return fa_window_get_loading (window) || is_rendering (window);
}

static void
test_main_loop_turns (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  FaWindow *window = fa_window_new (NULL);
  FaMapView *map_view = fa_window_get_map_view (window);
  FrameCount count = { window, 0, 0, 0, 0, 0, 0 };
  guint n_busy_before;
  double ms;
  guint tick_id;

  write_slow_dataset (dir);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (map_view), count_frame_cb, &count, NULL);

  /* Zooming in and out again: the view redraws on a worker once it
   * settles, and shows the old image, scaled, meanwhile. */
  for (guint i = 0; i < 3; i++)
    fa_map_view_zoom_by (map_view, 1.5);
  fa_map_view_zoom_by (map_view, 1 / 1.5);
  g_assert_true (is_rendering (window));
  ms = wait_idle (window, is_rendering, 20);
  g_test_message ("zoom: drawn in %.0f ms, %u frames meanwhile", ms, count.n_rendering);
  g_assert_cmpuint (count.n_rendering, >=, 3);

  /* Opening a folder: read on a worker, then drawn on one. */
  n_busy_before = count.n_busy;
  count.last_busy_time = 0;
  fa_window_open_file (window, folder);
  g_assert_true (fa_window_get_loading (window));
  ms = wait_idle (window, is_busy, 30);
  g_test_message ("dataset: read and drawn in %.0f ms, %u frames meanwhile (%u while reading); "
                  "longest wait for a frame %.0f ms", ms, count.n_busy - n_busy_before,
                  count.n_loading, count.max_busy_gap / 1000.0);
  g_assert_cmpstr (fa_dataset_get_directory (fa_window_get_dataset (window)), ==, dir);
  g_assert_cmpuint (g_list_model_get_n_items (fa_dataset_get_flows (fa_window_get_dataset (window))), ==, 2000);
  g_assert_cmpuint (count.n_loading, >=, 1);
  g_assert_cmpuint (count.n_busy - n_busy_before, >=, 3);

  gtk_widget_remove_tick_callback (GTK_WIDGET (map_view), tick_id);
  gtk_window_destroy (GTK_WINDOW (window));
  fa_test_rmtree (dir);
}

static gboolean
progress_revealed (FaWindow *window)
{
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (window), FA_TYPE_WINDOW,
                                                                       "progress_revealer"));

  return gtk_revealer_get_reveal_child (revealer);
}

/* A load that takes a while says what it is and offers Cancel; Cancel
 * leaves the window as it was. */
static void
test_cancel (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *shp = g_build_filename (g_getenv ("FLOWATLAS_GEODATA"), "naturalearth", "regions-high.shp", NULL);
  g_autoptr(GFile) shp_file = g_file_new_for_path (shp);
  FaWindow *window = fa_window_new (NULL);
  g_autofree char *before = NULL;
  FaMapState *state;
  guint n_layers;
  gint64 start;

  write_slow_dataset (dir);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);
  state = fa_map_get_state (fa_window_get_map (window));
  before = g_strdup (fa_dataset_get_directory (fa_window_get_dataset (window)));
  n_layers = g_list_model_get_n_items (fa_map_state_get_user_layers (state));
  g_assert_false (progress_revealed (window));

  /* Cancelled at once: the dataset shown stays, nothing is reported. */
  fa_window_open_file (window, folder);
  g_assert_true (fa_window_get_loading (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-operations", NULL));
  wait_idle (window, is_busy, 30);
  g_assert_cmpstr (fa_dataset_get_directory (fa_window_get_dataset (window)), ==, before);
  g_assert_false (progress_revealed (window));

  /* A shapefile of 742,000 points, cancelled: no layer. */
  fa_window_add_shapefile_async (window, shp_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-operations", NULL));
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, FALSE);
  wait_idle (window, is_busy, 30);
  g_assert_cmpuint (g_list_model_get_n_items (fa_map_state_get_user_layers (state)), ==, n_layers);
  g_assert_false (progress_revealed (window));

  /* Not cancelled: once it has taken longer than a moment, the bar
   * shows (if the machine is that slow), and goes when it is done. */
  fa_window_open_file (window, folder);
  start = g_get_monotonic_time ();
  while (fa_window_get_loading (window) && g_get_monotonic_time () - start < 600 * 1000)
    g_main_context_iteration (NULL, FALSE);
  if (fa_window_get_loading (window))
    g_assert_true (progress_revealed (window));
  wait_idle (window, is_busy, 30);
  g_assert_cmpstr (fa_dataset_get_directory (fa_window_get_dataset (window)), ==, dir);
  g_assert_false (progress_revealed (window));

  gtk_window_destroy (GTK_WINDOW (window));
  fa_test_rmtree (dir);
}

static gboolean
clipboard_has_texture (gpointer data)
{
  GdkClipboard *clipboard = data;

  return gdk_clipboard_get_content (clipboard) != NULL &&
         gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard), GDK_TYPE_TEXTURE);
}

/* Copy Map Image (Ctrl+Shift+C): the map as the window shows it, at twice
 * its pixels, on the clipboard as an image; no file is left behind. */
static void
test_copy_map (void)
{
  FaWindow *window = fa_window_new (NULL);
  FaMapView *map_view;
  GdkClipboard *clipboard;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  g_autofree char *cached = g_build_filename (g_get_user_cache_dir (), "flowatlas", "clipboard.png", NULL);
  GdkTexture *texture;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);
  map_view = fa_window_get_map_view (window);
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_assert_false (clipboard_has_texture (clipboard));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-map", NULL));
  g_assert_true (wait_until (clipboard_has_texture, clipboard, 20.0));
  g_value_init (&value, GDK_TYPE_TEXTURE);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value, &error));
  g_assert_no_error (error);
  texture = g_value_get_object (&value);
  g_test_message ("copied %d×%d for a map view of %d×%d", gdk_texture_get_width (texture),
                  gdk_texture_get_height (texture), gtk_widget_get_width (GTK_WIDGET (map_view)),
                  gtk_widget_get_height (GTK_WIDGET (map_view)));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 2 * gtk_widget_get_width (GTK_WIDGET (map_view)));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 2 * gtk_widget_get_height (GTK_WIDGET (map_view)));
  g_assert_false (g_file_test (cached, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* F11 presents the map: no header bar or sidebars, the timeline over the
 * map; again, and everything is back where it was. */
static void
test_presentation (void)
{
  FaWindow *window = fa_window_new (NULL);
  GtkWidget *timeline;
  GtkWidget *docked_parent;
  FaMapView *map_view;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);
  timeline = GTK_WIDGET (fa_window_get_timeline (window));
  map_view = fa_window_get_map_view (window);
  docked_parent = gtk_widget_get_parent (timeline);
  g_assert_false (fa_window_get_presenting (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fullscreen", NULL));
  g_assert_true (fa_window_get_presenting (window));
  /* Over the map, in the overlay that holds the map view. */
  g_assert_true (GTK_IS_OVERLAY (gtk_widget_get_parent (timeline)));
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (map_view)) == gtk_widget_get_parent (timeline));
  g_assert_true (gtk_widget_has_css_class (timeline, "presentation"));
  g_assert_true (gtk_widget_get_visible (timeline));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fullscreen", NULL));
  g_assert_false (fa_window_get_presenting (window));
  g_assert_true (gtk_widget_get_parent (timeline) == docked_parent);
  g_assert_false (gtk_widget_has_css_class (timeline, "presentation"));
  g_assert_true (gtk_widget_get_visible (timeline));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The panels: the sidebar, the table and the details each beside the map
 * where there is room, over it where there is not (one at a time), and
 * the map always at least 600 pixels wide.  The details have a pane of
 * their own: selecting opens it, without the table; closing it clears the
 * selection. */
static gboolean
flaps_at_rest (gpointer data)
{
  AdwFlap **flaps = data;

  for (guint i = 0; flaps[i] != NULL; i++)
    if (adw_flap_get_reveal_progress (flaps[i]) != (adw_flap_get_reveal_flap (flaps[i]) ? 1.0 : 0.0))
      return FALSE;
  return TRUE;
}

/* Until the panels' animations have ended and the layout followed. */
static void
settle (FaWindow *window,
        AdwFlap **flaps)
{
  wait_frames (GTK_WIDGET (fa_window_get_map_view (window)), 2);
  g_assert_true (wait_until (flaps_at_rest, flaps, 5.0));
  wait_frames (GTK_WIDGET (fa_window_get_map_view (window)), 2);
}

static void
test_panels (void)
{
  FaWindow *window = fa_window_new (NULL);
  FaMapView *map_view = fa_window_get_map_view (window);
  FaMapState *state = fa_map_get_state (fa_window_get_map (window));
  AdwFlap *info, *table, *sidebar;
  AdwFlap *flaps[4] = { NULL };
  FaDataset *dataset;
  FaFlow *flow;

  gtk_window_set_default_size (GTK_WINDOW (window), 1800, 900);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);
  info = ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (map_view), ADW_TYPE_FLAP));
  table = ADW_FLAP (gtk_widget_get_ancestor (gtk_widget_get_parent (GTK_WIDGET (info)), ADW_TYPE_FLAP));
  sidebar = ADW_FLAP (gtk_widget_get_ancestor (gtk_widget_get_parent (GTK_WIDGET (table)), ADW_TYPE_FLAP));
  g_assert_nonnull (sidebar);
  flaps[0] = sidebar;
  flaps[1] = table;
  flaps[2] = info;
  g_assert_true (FA_IS_DETAILS_PANE (gtk_widget_get_first_child (gtk_widget_get_first_child (adw_flap_get_flap (info)))) ||
                 FA_IS_DETAILS_PANE (gtk_widget_get_first_child (adw_flap_get_flap (info))));

  /* Wide: the sidebar and the table beside the map. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  adw_flap_set_reveal_flap (table, TRUE);
  settle (window, flaps);
  g_assert_false (adw_flap_get_folded (sidebar));
  g_assert_false (adw_flap_get_folded (table));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map_view)), >=, 600);
  g_assert_false (adw_flap_get_reveal_flap (info));
  g_test_message ("wide: window %d, map %d; folded: sidebar %d, table %d, details %d",
                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_width (GTK_WIDGET (map_view)),
                  adw_flap_get_folded (sidebar), adw_flap_get_folded (table), adw_flap_get_folded (info));

  /* Selecting a flow opens its details, and only them. */
  dataset = fa_window_get_dataset (window);
  flow = g_list_model_get_item (fa_dataset_get_flows (dataset), 0);
  fa_map_state_set_selected (state, G_OBJECT (flow));
  settle (window, flaps);
  g_assert_true (adw_flap_get_reveal_flap (info));
  g_assert_true (adw_flap_get_reveal_flap (table));
  /* Closing them clears the selection: nothing stays dimmed. */
  adw_flap_set_reveal_flap (info, FALSE);
  g_assert_null (fa_map_state_get_selected (state));
  /* And closing the table leaves the details alone. */
  fa_map_state_set_selected (state, G_OBJECT (flow));
  adw_flap_set_reveal_flap (table, FALSE);
  settle (window, flaps);
  g_assert_true (adw_flap_get_reveal_flap (info));
  g_assert_true (fa_map_state_get_selected (state) == G_OBJECT (flow));
  fa_map_state_set_selected (state, NULL);
  g_assert_false (adw_flap_get_reveal_flap (info));
  g_object_unref (flow);

  /* Narrow: the panels fold over the map, one at a time, and the map
   * keeps the window's width. */
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 500);
  settle (window, flaps);
  g_test_message ("at 600x500: window %d, map %d×%d", gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_width (GTK_WIDGET (map_view)), gtk_widget_get_height (GTK_WIDGET (map_view)));
  g_assert_true (adw_flap_get_folded (sidebar));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map_view)), >=, 600);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (map_view)), >=, 200);
  adw_flap_set_reveal_flap (sidebar, TRUE);
  settle (window, flaps);
  adw_flap_set_reveal_flap (table, TRUE);
  settle (window, flaps);
  g_assert_true (adw_flap_get_folded (table));
  g_assert_true (adw_flap_get_reveal_flap (table));
  g_assert_false (adw_flap_get_reveal_flap (sidebar));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map_view)), >=, 600);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Removing a layer says so in a toast with Undo, which puts the layer back
 * where it was, in the list and in the drawing. */
static gboolean
layer_drawn (FaWindow   *window,
             FaMapLayer *layer)
{
  GListModel *layers = fa_renderer_get_layers (fa_map_get_renderer (fa_window_get_map (window)));

  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(FaMapLayer) other = g_list_model_get_item (layers, i);

      if (other == layer)
        return TRUE;
    }
  return FALSE;
}

static void
test_undo_remove_layer (void)
{
  FaWindow *window = fa_window_new (NULL);
  FaMapState *state = fa_map_get_state (fa_window_get_map (window));
  GListModel *user_layers = fa_map_state_get_user_layers (state);
  g_autoptr(GError) error = NULL;
  g_autoptr(FaMapLayer) first = NULL;
  g_autoptr(FaMapLayer) second = NULL;
  g_autoptr(FaMapLayer) back = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("FLOWATLAS_GEODATA"), "naturalearth",
                                                i == 0 ? "countries-low.shp" : "occupied.shp", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (fa_window_add_shapefile (window, file, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (g_list_model_get_n_items (user_layers), ==, 2);
  first = g_list_model_get_item (user_layers, 0);
  second = g_list_model_get_item (user_layers, 1);

  fa_window_remove_layer (window, first);
  g_assert_cmpuint (g_list_model_get_n_items (user_layers), ==, 1);
  g_assert_false (layer_drawn (window, first));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-remove-layer", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (user_layers), ==, 2);
  back = g_list_model_get_item (user_layers, 0);
  g_assert_true (back == first);
  g_assert_true (layer_drawn (window, first));
  g_assert_true (layer_drawn (window, second));

  /* Undone once: a second Undo changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-remove-layer", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (user_layers), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A preset replaces the user's categories and view; the toast that says
 * so puts both back. */
static void
test_undo_preset (void)
{
  FaWindow *window = fa_window_new (NULL);
  FaMapState *state = fa_map_get_state (fa_window_get_map (window));
  FaViewport *viewport = fa_map_view_get_viewport (fa_window_get_map_view (window));
  g_auto(GStrv) chosen = NULL;
  double scale, cx, cy;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);

  /* The user's own choice: every category but one, at a view of their own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "all"));
  fa_map_state_set_category_visible (state, "dprk-labour", FALSE);
  chosen = g_strdupv ((char **) fa_map_state_get_hidden_categories (state));
  g_assert_cmpuint (g_strv_length (chosen), ==, 1);
  fa_viewport_set_scale (viewport, fa_viewport_get_scale (viewport) * 0.8);
  fa_viewport_set_center (viewport, fa_viewport_get_center_x (viewport) + 1e5, fa_viewport_get_center_y (viewport));
  wait_ready (window);
  scale = fa_viewport_get_scale (viewport);
  cx = fa_viewport_get_center_x (viewport);
  cy = fa_viewport_get_center_y (viewport);

  /* Ctrl+1 shows the first preset's categories and frames them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset-number", "i", 1));
  g_assert_false (g_strv_equal ((const char * const *) chosen, fa_map_state_get_hidden_categories (state)));
  g_assert_cmpfloat (fa_viewport_get_scale (viewport), !=, scale);

  /* Undo: the categories and the view as they were. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-filter", NULL));
  g_assert_true (g_strv_equal ((const char * const *) chosen, fa_map_state_get_hidden_categories (state)));
  g_assert_cmpfloat_with_epsilon (fa_viewport_get_scale (viewport), scale, scale * 1e-9);
  g_assert_cmpfloat_with_epsilon (fa_viewport_get_center_x (viewport), cx, 1e-3);
  g_assert_cmpfloat_with_epsilon (fa_viewport_get_center_y (viewport), cy, 1e-3);

  /* Undone once: a second Undo changes nothing. */
  fa_map_state_set_category_visible (state, "dprk-labour", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-filter", NULL));
  g_assert_cmpuint (g_strv_length ((char **) fa_map_state_get_hidden_categories (state)), ==, 0);

  /* A preset that changes nothing offers nothing to undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "all"));
  fa_map_state_set_category_visible (state, "dprk-labour", FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-filter", NULL));
  g_assert_cmpuint (g_strv_length ((char **) fa_map_state_get_hidden_categories (state)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The titles of the toasts on show (the toast overlay's children other
 * than its content). */
static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s|", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static char *
toasts_text (FaWindow *window, guint *n_toasts)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (fa_window_get_map_view (window)), ADW_TYPE_TOAST_OVERLAY);
  GString *text = g_string_new (NULL);

  *n_toasts = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (child != adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay)) && gtk_widget_get_can_target (child))
      {
        (*n_toasts)++;
        collect_labels (child, text);
      }
  return g_string_free (text, FALSE);
}

/* Presets in quick succession (keys pressed faster than a toast appears)
 * say so in one toast, retitled; an Undo at once withdraws it safely
 * (libadwaita 1.2 crashed on a toast dismissed while it appeared). */
static void
test_toasts (void)
{
  FaWindow *window = fa_window_new (NULL);
  FaMapState *state = fa_map_get_state (fa_window_get_map (window));
  g_autofree char *text = NULL;
  guint n;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);

  for (guint i = 0; i < 8; i++)
    {
      if (i % 2 == 0)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "all"));
      else
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset-number", "i", 1 + i / 2 % 3));
      iterate_for (60);
    }
  iterate_for (200);
  text = toasts_text (window, &n);
  g_test_message ("%u toast(s): %s", n, text);
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (text, "Showing “"));

  /* Undo at once, twice over. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "all"));
      iterate_for (30);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset-number", "i", 2));
      iterate_for (30);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-filter", NULL));
      g_assert_cmpuint (g_strv_length ((char **) fa_map_state_get_hidden_categories (state)), ==, 0);
    }
  iterate_for (1500);
  g_clear_pointer (&text, g_free);
  text = toasts_text (window, &n);
  g_test_message ("after Undo: %u toast(s): %s", n, text);
  g_assert_cmpuint (n, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window's shortcuts, as the shortcuts window lists them: each key is
 * bound (in the window's shortcut controller) to its action, and the
 * actions do what they say wherever the focus is. */
static char *
find_binding (GtkWidget  *widget,
              const char *trigger_text)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GVariant *args = gtk_shortcut_get_arguments (shortcut);

          if (g_strcmp0 (trigger, trigger_text) != 0)
            continue;
          if (args != NULL)
            {
              g_autofree char *printed = g_variant_print (args, FALSE);
              g_autofree char *name = gtk_shortcut_action_to_string (action);

              return g_strdup_printf ("%s %s", name, printed);
            }
          return gtk_shortcut_action_to_string (action);
        }
    }
  return NULL;
}

static void
test_shortcuts (void)
{
  FaWindow *window = fa_window_new (NULL);
  FaMapState *state = fa_map_get_state (fa_window_get_map (window));
  AdwFlap *table;
  GtkWidget *focus;
  static const struct { const char *trigger, *action; } bindings[] = {
    { "<Control>t", "action(win.toggle-table)" },
    { "<Control>f", "action(win.search-flows)" },
    { "<Control>1", "action(win.preset-number) 1" },
    { "<Control>3", "action(win.preset-number) 3" },
    { "<Shift><Control>a", "action(win.preset) 'all'" },
    { "F9", "action(win.toggle-sidebar)" },
    { "<Alt>2", "action(win.time-mode) 'cumulative'" },
  };

  gtk_window_set_default_size (GTK_WINDOW (window), 1800, 900);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);

  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    {
      g_autofree char *found = find_binding (GTK_WIDGET (window), bindings[i].trigger);

      g_test_message ("%s: %s", bindings[i].trigger, found);
      g_assert_cmpstr (found, ==, bindings[i].action);
    }

  /* Ctrl+1: the dataset's first preset, as its button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset-number", "i", 1));
  {
    g_autoptr(FaMapSnapshot) snapshot = fa_map_state_snapshot (state);

    g_assert_true (fa_map_snapshot_category_visible (snapshot, "civilian-transfer"));
    g_assert_false (fa_map_snapshot_category_visible (snapshot, "dprk-labour"));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "all"));
  {
    g_autoptr(FaMapSnapshot) snapshot = fa_map_state_snapshot (state);

    g_assert_true (fa_map_snapshot_category_visible (snapshot, "dprk-labour"));
  }

  /* Ctrl+F: the table opens with the focus in its search. */
  table = ADW_FLAP (gtk_widget_get_ancestor (gtk_widget_get_parent (GTK_WIDGET (gtk_widget_get_ancestor (
            GTK_WIDGET (fa_window_get_map_view (window)), ADW_TYPE_FLAP))), ADW_TYPE_FLAP));
  g_assert_false (adw_flap_get_reveal_flap (table));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search-flows", NULL));
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_true (adw_flap_get_reveal_flap (table));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));
  /* Ctrl+T closes it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-table", NULL));
  g_assert_false (adw_flap_get_reveal_flap (table));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The table's other tabs: the places and the events, each searchable and
 * sharing the map's selection. */
static void
collect_item_tables (GtkWidget *widget,
                     GPtrArray *tables)
{
  if (FA_IS_ITEM_TABLE (widget))
    g_ptr_array_add (tables, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_item_tables (child, tables);
}

static GtkSingleSelection *
find_selection (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkSingleSelection *found = find_selection (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What a table says where its rows would be: the title of its empty
 * state, or NULL while it shows rows. */
static const char *
empty_title_of (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget))
    {
      GtkWidget *shown = gtk_stack_get_visible_child (GTK_STACK (widget));

      if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (widget)), "empty") != 0)
        return NULL;
      for (GtkWidget *child = gtk_widget_get_first_child (shown); child != NULL; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "title-4"))
          return gtk_label_get_text (GTK_LABEL (child));
      return NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *found = empty_title_of (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_item_tables (void)
{
  FaWindow *window = fa_window_new (NULL);
  FaMapState *state = fa_map_get_state (fa_window_get_map (window));
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  FaItemTable *places = NULL, *events = NULL, *roles = NULL;
  GListModel *rows;
  g_autoptr(GObject) moldova = NULL;
  g_autoptr(GObject) first = NULL;
  g_autofree char *date = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1800, 900);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);
  collect_item_tables (GTK_WIDGET (window), tables);
  g_assert_cmpuint (tables->len, ==, 3);
  for (guint i = 0; i < tables->len; i++)
    {
      int kind;

      g_object_get (tables->pdata[i], "kind", &kind, NULL);
      if (kind == FA_ITEM_TABLE_PLACES)
        places = tables->pdata[i];
      else if (kind == FA_ITEM_TABLE_EVENTS)
        events = tables->pdata[i];
      else
        roles = tables->pdata[i];
    }
  g_assert_nonnull (places);
  g_assert_nonnull (events);
  g_assert_nonnull (roles);

  /* Every place, sorted by name; a search finds one. */
  rows = fa_item_table_get_rows (places);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==,
                    g_list_model_get_n_items (fa_dataset_get_places (fa_window_get_dataset (window))));
  fa_item_table_set_search_text (places, "moldova");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  moldova = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (fa_place_get_name (FA_PLACE (moldova)), ==, "Moldova");
  g_assert_null (empty_title_of (GTK_WIDGET (places)));
  /* A search that finds nothing says so. */
  fa_item_table_set_search_text (places, "atlantis");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_cmpstr (empty_title_of (GTK_WIDGET (places)), ==, "No Matching Places");
  fa_item_table_set_search_text (places, "moldova");
  g_assert_null (empty_title_of (GTK_WIDGET (places)));

  /* The events in their order: the first is the earliest. */
  rows = fa_item_table_get_rows (events);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==,
                    g_list_model_get_n_items (fa_dataset_get_events (fa_window_get_dataset (window))));
  first = g_list_model_get_item (rows, 0);
  for (guint i = 1; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) event = g_list_model_get_item (rows, i);

      g_assert_cmpint (fa_event_get_month (FA_EVENT (event)), >=, fa_event_get_month (FA_EVENT (first)));
    }
  date = fa_item_table_dup_cell_text (events, first, 0);
  g_assert_nonnull (date);

  /* Selecting on the map selects the row; a row selected in the table is
   * the map's selection. */
  fa_map_state_set_selected (state, first);
  g_assert_true (gtk_single_selection_get_selected_item (find_selection (GTK_WIDGET (events))) == first);
  gtk_single_selection_set_selected (find_selection (GTK_WIDGET (places)), 0);
  g_assert_true (fa_map_state_get_selected (state) == moldova);
  g_assert_null (gtk_single_selection_get_selected_item (find_selection (GTK_WIDGET (events))));

  /* The roles of countries follow what the map shows: none for the
   * relocation flows alone, Afghanistan's with every category. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset-number", "i", 1));
  rows = fa_item_table_get_rows (roles);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_cmpstr (empty_title_of (GTK_WIDGET (roles)), ==, "No Tinted Countries or Regions");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "all"));
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 10);
  fa_item_table_set_search_text (roles, "afghanistan");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  {
    g_autoptr(GObject) row = g_list_model_get_item (rows, 0);
    g_autofree char *code = fa_item_table_dup_cell_text (roles, row, 2);
    g_autofree char *role = fa_item_table_dup_cell_text (roles, row, 1);

    g_test_message ("Afghanistan: %s", role);
    g_assert_cmpstr (code, ==, "AF");
    g_assert_true (role != NULL && *role != '\0');
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The sidebar's thresholds are the state's min-count and top, both ways,
 * and the flows shown follow. */
static AdwComboRow *
find_combo_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_COMBO_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_COMBO_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found = find_combo_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_thresholds (void)
{
  FaWindow *window = fa_window_new (NULL);
  FaMapState *state = fa_map_get_state (fa_window_get_map (window));
  AdwComboRow *min_row, *top_row;
  guint all;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);
  min_row = find_combo_row (GTK_WIDGET (window), "Smallest Flow");
  top_row = find_combo_row (GTK_WIDGET (window), "Flows Shown");
  g_assert_nonnull (min_row);
  g_assert_nonnull (top_row);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", "all"));
  all = g_list_model_get_n_items (fa_map_state_get_visible_flows (state));

  adw_combo_row_set_selected (min_row, 3);   /* 10,000 people */
  g_assert_cmpint (fa_map_state_get_min_count (state), ==, 10000);
  g_assert_cmpuint (g_list_model_get_n_items (fa_map_state_get_visible_flows (state)), <, all);
  adw_combo_row_set_selected (top_row, 1);   /* the 5 largest */
  g_assert_cmpuint (fa_map_state_get_top (state), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (fa_map_state_get_visible_flows (state)), <=, 5);

  fa_map_state_set_min_count (state, 0);
  fa_map_state_set_top (state, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (min_row), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (top_row), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (fa_map_state_get_visible_flows (state)), ==, all);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Large text (the desktop's text scaling at 1.5): the window still fits a
 * 1280 × 800 screen with the map at least 600 pixels wide beside the
 * sidebar's fold. */
static void
test_large_text (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  FaWindow *window;
  FaMapView *map_view;
  int dpi = 0, min_width = 0, min_height = 0;

  g_autoptr(GtkWidget) probe = g_object_ref_sink (gtk_label_new ("Forced transfer of Ukrainian civilians"));
  int normal = 0, large = 0;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  gtk_widget_measure (probe, GTK_ORIENTATION_VERTICAL, -1, &normal, NULL, NULL, NULL);
  g_object_set (settings, "gtk-xft-dpi", (int) (96 * 1.5 * 1024), NULL);
  /* The setting takes effect: text is half as large again. */
  g_clear_object (&probe);
  probe = g_object_ref_sink (gtk_label_new ("Forced transfer of Ukrainian civilians"));
  gtk_widget_measure (probe, GTK_ORIENTATION_VERTICAL, -1, &large, NULL, NULL, NULL);
  g_test_message ("a line of text: %d px, %d px at 1.5", normal, large);
  g_assert_cmpint (large, >=, normal * 1.3);
  window = fa_window_new (NULL);
  map_view = fa_window_get_map_view (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  wait_frames (GTK_WIDGET (map_view), 20);
  wait_ready (window);

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);
  g_test_message ("text at 1.5: window %d×%d, its minimum %d×%d, map %d×%d",
                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)),
                  min_width, min_height,
                  gtk_widget_get_width (GTK_WIDGET (map_view)), gtk_widget_get_height (GTK_WIDGET (map_view)));
  g_assert_cmpint (min_width, <=, 1280);
  g_assert_cmpint (min_height, <=, 800);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (map_view)), >=, 600);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (map_view)), >=, 400);
  if (g_getenv ("FA_TEST_SAVE_SHOT") != NULL)
    {
      g_autoptr(GdkTexture) shot = render_widget (GTK_WIDGET (window));

      gdk_texture_save_to_png (shot, g_getenv ("FA_TEST_SAVE_SHOT"));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
}

/* A screen reader hears what the map shows, and again when the month
 * changes. */
static void
test_map_description (void)
{
  FaWindow *window = fa_window_new (NULL);
  FaMapView *map_view;
  FaMapState *state;
  g_autoptr(GError) error = NULL;
  const char *text;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);
  map_view = fa_window_get_map_view (window);
  state = fa_map_get_state (fa_window_get_map (window));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (map_view), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (map_view), GTK_ACCESSIBLE_PROPERTY_LABEL, "Map");

  g_assert_true (fa_map_apply_show (fa_window_get_map (window), "relocation", &error));
  g_assert_no_error (error);
  fa_map_state_set_month (state, fa_month_from_ym (2023, 6));
  while (g_main_context_iteration (NULL, FALSE));
  text = fa_map_view_get_description (map_view);
  g_test_message ("%s", text);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "As of June 2023 — Forced Relocation from Ukraine: "));
  g_assert_nonnull (strstr (text, "flows shown; largest: hundreds of thousands "));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (map_view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);

  /* The categories, when no preset shows just them: every one, or how many. */
  g_assert_true (fa_map_apply_show (fa_window_get_map (window), "all", &error));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_true (g_str_has_prefix (fa_map_view_get_description (map_view), "As of June 2023 — all categories: "));
  fa_map_state_set_category_visible (state, "dprk-labour", FALSE);
  while (g_main_context_iteration (NULL, FALSE));
  text = fa_map_view_get_description (map_view);
  g_test_message ("%s", text);
  {
    FaDataset *dataset = fa_window_get_dataset (window);
    GListModel *categories = fa_dataset_get_categories (dataset);
    guint n = 0;
    g_autofree char *expected = NULL;

    /* Of the categories the sidebar lists: those with flows. */
    for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
      {
        g_autoptr(FaCategory) category = g_list_model_get_item (categories, i);

        n += fa_dataset_get_category_n_flows (dataset, category) > 0;
      }
    expected = g_strdup_printf ("As of June 2023 — %u of %u categories: ", n - 1, n);

    g_assert_true (g_str_has_prefix (text, expected));
  }
  g_assert_true (fa_map_apply_show (fa_window_get_map (window), "relocation", &error));

  /* Before the invasion, no relocation flows: said so. */
  fa_map_state_set_month (state, fa_month_from_ym (2015, 6));
  while (g_main_context_iteration (NULL, FALSE));
  text = fa_map_view_get_description (map_view);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "As of June 2015 — Forced Relocation from Ukraine: 0 flows shown"));
  g_assert_null (strstr (text, "hundreds of thousands"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the window's progress bar and label showed during an export. */
typedef struct
{
  double  max_fraction;
  char   *last_label;   /* owned */
} ProgressSeen;

static void
on_progress_fraction_cb (GtkProgressBar *bar,
                         GParamSpec     *pspec,
                         ProgressSeen   *seen)
{
  seen->max_fraction = MAX (seen->max_fraction, gtk_progress_bar_get_fraction (bar));
}

static void
on_progress_label_cb (GtkLabel     *label,
                      GParamSpec   *pspec,
                      ProgressSeen *seen)
{
  g_free (seen->last_label);
  seen->last_label = g_strdup (gtk_label_get_text (label));
}

static gboolean
no_operations (gpointer data)
{
  return fa_window_get_n_operations (data) == 0;
}

static FaAnimationDialog *
open_animation_dialog (FaWindow *window)
{
  FaAnimationDialog *dialog;

  g_assert_null (fa_window_get_animation_dialog (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-animation", NULL));
  dialog = fa_window_get_animation_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  return dialog;
}

/* The first AdwMessageDialog shown, or NULL. */
static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      return l->data;

  return NULL;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;

  return n;
}

/* Export Animation (Ctrl+Shift+E): the dialog offers the window's months
 * and the core's defaults, refuses a range that ends before it starts,
 * and the window writes the WebM on a worker with progress in frames. */
static void
test_export_animation (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "animation.webm", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "no-such-folder", "animation.webm", NULL);
  FaMonth january = fa_month_from_ym (2022, 1);
  FaMonth march = fa_month_from_ym (2022, 3);
  FaWindow *window = fa_window_new (NULL);
  FaMapState *state;
  FaAnimationDialog *dialog;
  GtkWidget *export_button;
  GtkWidget *bar, *label;
  ProgressSeen seen = { 0, NULL };
  g_autofree char *summary = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  AdwMessageDialog *message;
  guint n_frames;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);
  state = fa_map_get_state (fa_window_get_map (window));
  fa_map_state_set_month (state, fa_month_from_ym (2023, 6));

  /* The defaults: WebM at full HD, the core's pace, up to the month shown. */
  dialog = open_animation_dialog (window);
  export_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), FA_TYPE_ANIMATION_DIALOG,
                                                             "export_button"));
  g_assert_cmpint (fa_animation_dialog_get_format (dialog), ==, FA_EXPORT_WEBM);
  g_assert_cmpint (fa_animation_dialog_get_fps (dialog), ==, FA_ANIMATION_DEFAULT_FPS);
  g_assert_cmpfloat (fa_animation_dialog_get_speed (dialog), ==, FA_ANIMATION_DEFAULT_SPEED);
  g_assert_cmpint (fa_animation_dialog_get_to (dialog), ==, fa_month_from_ym (2023, 6));
  g_assert_cmpint (fa_animation_dialog_get_from (dialog), <, fa_animation_dialog_get_to (dialog));
  g_assert_true (fa_animation_dialog_get_can_export (dialog));
  g_assert_true (gtk_widget_get_sensitive (export_button));
  fa_animation_dialog_get_size (dialog, &width, &height);
  g_assert_cmpint (width, ==, 1920);
  g_assert_cmpint (height, ==, 1080);

  /* A GIF starts smaller. */
  fa_animation_dialog_set_format (dialog, FA_EXPORT_GIF);
  fa_animation_dialog_get_size (dialog, &width, &height);
  g_assert_cmpint (width, ==, 960);
  g_assert_cmpint (height, ==, 540);
  fa_animation_dialog_set_format (dialog, FA_EXPORT_WEBM);

  /* The end before the start: no export, and the dialog says why. */
  fa_animation_dialog_set_from (dialog, march);
  fa_animation_dialog_set_to (dialog, january);
  g_assert_false (fa_animation_dialog_get_can_export (dialog));
  g_assert_false (gtk_widget_get_sensitive (export_button));
  g_assert_cmpuint (fa_animation_dialog_get_n_frames (dialog), ==, 0);
  summary = fa_animation_dialog_get_summary_text (dialog);
  g_assert_nonnull (strstr (summary, "before"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (export_button), ==, summary);
  g_assert_false (fa_animation_dialog_export_to (dialog, path));
  g_clear_pointer (&summary, g_free);

  /* Three months at 4 frames a second and 2 months a second: 6 frames,
   * then the last month held for a second. */
  fa_animation_dialog_set_from (dialog, january);
  fa_animation_dialog_set_to (dialog, march);
  fa_animation_dialog_set_fps (dialog, 4);
  g_assert_true (fa_animation_dialog_select_size (dialog, 960, 540));
  g_assert_true (fa_animation_dialog_get_can_export (dialog));
  n_frames = fa_animation_count_frames (january, march, 4, FA_ANIMATION_DEFAULT_SPEED);
  g_assert_cmpuint (n_frames, ==, 10);
  g_assert_cmpuint (fa_animation_dialog_get_n_frames (dialog), ==, n_frames);
  summary = fa_animation_dialog_get_summary_text (dialog);
  g_assert_cmpstr (summary, ==, "10 frames, 2.5 s");

  /* Export: the dialog goes, the window shows how far it is. */
  bar = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), FA_TYPE_WINDOW, "progress_bar"));
  label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), FA_TYPE_WINDOW, "progress_label"));
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (on_progress_fraction_cb), &seen);
  g_signal_connect (label, "notify::label", G_CALLBACK (on_progress_label_cb), &seen);
  g_assert_true (fa_animation_dialog_export_to (dialog, path));
  g_assert_null (fa_window_get_animation_dialog (window));
  g_assert_cmpuint (fa_window_get_n_operations (window), ==, 1);
  g_assert_true (wait_until (no_operations, window, 60.0));
  g_signal_handlers_disconnect_by_data (bar, &seen);
  g_signal_handlers_disconnect_by_data (label, &seen);

  g_assert_null (find_message_dialog ());
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_test_message ("%s: %" G_GSIZE_FORMAT " bytes; progress %g, “%s”", path, length, seen.max_fraction,
                  seen.last_label);
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (contents, 4, "\x1a\x45\xdf\xa3", 4);
  g_assert_cmpfloat (seen.max_fraction, ==, 1.0);
  g_assert_cmpstr (seen.last_label, ==, "Exporting animation… 10 of 10 frames");
  /* No temporary file stays beside it. */
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* A folder that is not there: a message that names the file. */
  dialog = open_animation_dialog (window);
  fa_animation_dialog_set_from (dialog, january);
  fa_animation_dialog_set_to (dialog, march);
  fa_animation_dialog_select_size (dialog, 960, 540);
  g_assert_true (fa_animation_dialog_export_to (dialog, bad_path));
  g_assert_true (wait_until (no_operations, window, 60.0));
  message = find_message_dialog ();
  g_assert_nonnull (message);
  g_test_message ("error: %s", adw_message_dialog_get_body (message));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "no-such-folder"));
  gtk_window_destroy (GTK_WINDOW (message));

  gtk_window_destroy (GTK_WINDOW (window));
  g_free (seen.last_label);
  fa_test_rmtree (dir);
}

/* Cancel over the map stops an animation under way: no file, and a file
 * that was there before stays as it was. */
static void
test_export_animation_cancel (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cancelled.webm", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *contents = NULL;
  FaWindow *window = fa_window_new (NULL);
  FaAnimationDialog *dialog;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);

  /* A long one: every month of the dataset at full HD. */
  dialog = open_animation_dialog (window);
  fa_animation_dialog_set_from (dialog, FA_MONTH_MIN);
  fa_animation_dialog_set_to (dialog, FA_MONTH_MAX);
  g_assert_cmpuint (fa_animation_dialog_get_n_frames (dialog), >, 100);
  g_assert_true (fa_animation_dialog_export_to (dialog, path));
  g_assert_cmpuint (fa_window_get_n_operations (window), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-operations", NULL));
  g_assert_true (wait_until (no_operations, window, 60.0));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 0);
  g_assert_null (find_message_dialog ());

  /* Over a file of the same name: it stays. */
  kept = fa_test_write_file (dir, "cancelled.webm", "before", -1);
  dialog = open_animation_dialog (window);
  fa_animation_dialog_set_from (dialog, FA_MONTH_MIN);
  fa_animation_dialog_set_to (dialog, FA_MONTH_MAX);
  g_assert_true (fa_animation_dialog_export_to (dialog, path));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-operations", NULL));
  g_assert_true (wait_until (no_operations, window, 60.0));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "before");
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_assert_null (find_message_dialog ());

  gtk_window_destroy (GTK_WINDOW (window));
  fa_test_rmtree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Opening folders adds them to the recent files: not the user's. */
  g_autofree char *xdg = fa_test_isolate_xdg ();
  int status;

  /* GTK's test accessibility backend, so that roles and properties can
   * be asserted (the environment says none, for the other GUI tests). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (fa_get_resource ());

  g_test_add_func ("/fa/window/shows-map", test_window_shows_map);
  g_test_add_func ("/fa/window/persistence", test_persistence);
  g_test_add_func ("/fa/window/live-reload", test_live_reload);
  g_test_add_func ("/fa/window/main-loop-turns", test_main_loop_turns);
  g_test_add_func ("/fa/window/cancel", test_cancel);
  g_test_add_func ("/fa/window/copy-map", test_copy_map);
  g_test_add_func ("/fa/window/presentation", test_presentation);
  g_test_add_func ("/fa/window/panels", test_panels);
  g_test_add_func ("/fa/window/undo-remove-layer", test_undo_remove_layer);
  g_test_add_func ("/fa/window/undo-preset", test_undo_preset);
  g_test_add_func ("/fa/window/toasts", test_toasts);
  g_test_add_func ("/fa/window/shortcuts", test_shortcuts);
  g_test_add_func ("/fa/window/item-tables", test_item_tables);
  g_test_add_func ("/fa/window/thresholds", test_thresholds);
  g_test_add_func ("/fa/window/large-text", test_large_text);
  g_test_add_func ("/fa/window/map-description", test_map_description);
  g_test_add_func ("/fa/window/export-animation", test_export_animation);
  g_test_add_func ("/fa/window/export-animation-cancel", test_export_animation_cancel);

  status = g_test_run ();
  fa_test_rmtree (xdg);
  return status;
}
