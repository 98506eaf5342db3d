/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* memmem */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-export-equal"

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "fa-autocleanups.h"
#include "fa-dataset.h"
#include "fa-export-dialog.h"
#include "fa-map-view.h"
#include "fa-map.h"
#include "fa-month.h"
#include "fa-resources.h"
#include "fa-test-utils.h"
#include "fa-window.h"

#define RELOCATION_COLOR 0x0072b2

typedef FaTestTmpdir Fixture;

#define fixture_set_up    fa_test_tmpdir_set_up
#define fixture_tear_down fa_test_tmpdir_tear_down

static void
wait_frames (GtkWidget *widget,
             guint      n)
{
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
 * map view has drawn the view (as tests/test-window.c does). */
static void
wait_ready (FaWindow *window)
{
  FaMapView *map_view = fa_window_get_map_view (window);
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while ((fa_window_get_loading (window) || fa_map_view_get_rendering (map_view) ||
          !gtk_widget_get_mapped (GTK_WIDGET (map_view))) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  wait_frames (GTK_WIDGET (map_view), 2);
  while (fa_map_view_get_rendering (map_view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  wait_frames (GTK_WIDGET (map_view), 1);

  g_assert_false (fa_window_get_loading (window));
  g_assert_false (fa_map_view_get_rendering (map_view));
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} ExportWait;

static void
on_exported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportWait *wait = user_data;

  wait->ok = fa_map_export_finish (FA_MAP (object), result, &wait->error);
  wait->done = TRUE;
}

/* Exports through the window, as its Export action does, and waits. */
static cairo_surface_t *
export_window (FaWindow   *window,
               const char *path)
{
  ExportWait wait = { FALSE, FALSE, NULL };
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  cairo_surface_t *png;

  fa_window_export_async (window, path, 960, 540, 1.0, on_exported_cb, &wait);
  while (!wait.done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.done);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  return png;
}

/* Exports the same map from the command line, with the extent the view
 * shows, printed exactly and in any locale. */
static cairo_surface_t *
export_cli (const char   *path,
            const double  extent[4])
{
  g_autofree char *export_arg = g_strconcat ("--export=", path, NULL);
  g_autofree char *extent_arg = NULL;
  g_autofree char *out = NULL, *err = NULL;
  char numbers[4][G_ASCII_DTOSTR_BUF_SIZE];
  cairo_surface_t *png;

  for (guint i = 0; i < 4; i++)
    g_ascii_formatd (numbers[i], sizeof numbers[i], "%.17g", extent[i]);
  extent_arg = g_strdup_printf ("--extent=%s,%s,%s,%s", numbers[0], numbers[1], numbers[2], numbers[3]);
  g_test_message ("flowatlas %s", extent_arg);

  g_assert_cmpint (fa_test_run_flowatlas (&out, &err, export_arg, "--projection=EPSG:4326", extent_arg,
                                          "--size=960x540", "--date=2023-06", "--show=relocation", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  return png;
}

/* The pixels whose alpha or colour channels differ by more than
 * @tolerance. */
static guint
count_different (cairo_surface_t *a,
                 cairo_surface_t *b,
                 int              tolerance)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  const guint8 *pa, *pb;
  guint n = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  g_assert_cmpint (cairo_image_surface_get_format (a), ==, cairo_image_surface_get_format (b));
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  pa = cairo_image_surface_get_data (a);
  pb = cairo_image_surface_get_data (b);

  for (int y = 0; y < height; y++)
    {
      const guint8 *ra = pa + y * cairo_image_surface_get_stride (a);
      const guint8 *rb = pb + y * cairo_image_surface_get_stride (b);

      for (int x = 0; x < width * 4; x += 4)
        for (int c = 0; c < 4; c++)
          if (ABS ((int) ra[x + c] - (int) rb[x + c]) > tolerance)
            {
              n++;
              break;
            }
    }

  return n;
}

/* A window showing the forced relocation from Ukraine in June 2023, in
 * plate carrée, at 20° E–60° E, 40° N–60° N. */
static FaWindow *
show_relocation (double extent[4])
{
  FaWindow *window = fa_window_new (NULL);
  FaMapView *view = fa_window_get_map_view (window);
  FaMap *map = fa_window_get_map (window);
  FaMapState *state = fa_map_get_state (map);
  g_autoptr(GError) error = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);
  g_assert_nonnull (fa_window_get_dataset (window));

  g_assert_true (fa_window_set_projection (window, "EPSG:4326", &error));
  g_assert_no_error (error);
  fa_map_state_set_month (state, fa_month_from_ym (2023, 6));
  g_assert_true (fa_map_apply_show (map, "relocation", &error));
  g_assert_no_error (error);
  fa_map_view_show_extent (view, (double[]) { 20, 40, 60, 60 });
  wait_ready (window);
  /* Wherever the display's pointer is, nothing is hovered: that is
   * /fa/export-equal/hover-not-exported. */
  fa_map_state_set_hovered (state, NULL);

  g_assert_cmpint (fa_map_state_get_month (state), ==, fa_month_from_ym (2023, 6));
  g_assert_cmpint (fa_map_state_get_time_mode (state), ==, FA_TIME_MODE_AT);
  g_assert_true (fa_map_view_get_extent (view, extent));
  /* The view shows at least the box asked for. */
  g_assert_cmpfloat (extent[0], <=, 20 + 1e-6);
  g_assert_cmpfloat (extent[1], <=, 40 + 1e-6);
  g_assert_cmpfloat (extent[2], >=, 60 - 1e-6);
  g_assert_cmpfloat (extent[3], >=, 60 - 1e-6);

  return window;
}

static void
assert_same_pictures (cairo_surface_t *gui,
                      cairo_surface_t *cli)
{
  guint total = 960 * 540;
  guint different = count_different (gui, cli, 8);
  guint gui_blue = fa_test_count_color (gui, 0, 0, 960, 540, RELOCATION_COLOR, 24);
  guint cli_blue = fa_test_count_color (cli, 0, 0, 960, 540, RELOCATION_COLOR, 24);

  g_test_message ("%u of %u pixels differ; relocation colour: %u in the window's, %u in the command line's",
                  different, total, gui_blue, cli_blue);
  g_assert_cmpint (cairo_image_surface_get_width (gui), ==, 960);
  g_assert_cmpint (cairo_image_surface_get_height (gui), ==, 540);
  /* At most 0.5 % of the pixels differ by more than 8 a channel. */
  g_assert_cmpuint (different * 200, <=, total);
  /* Both show the forced transfers of civilians (#0072b2). */
  g_assert_cmpuint (gui_blue, >, 300);
  g_assert_cmpuint (cli_blue, >, 300);
}

static void
test_window_and_cli (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *gui_path = g_build_filename (fixture->dir, "window.png", NULL);
  g_autofree char *cli_path = g_build_filename (fixture->dir, "cli.png", NULL);
  g_autoptr(cairo_surface_t) gui = NULL;
  g_autoptr(cairo_surface_t) cli = NULL;
  double extent[4];
  FaWindow *window;

  window = show_relocation (extent);
  gui = export_window (window, gui_path);
  cli = export_cli (cli_path, extent);
  if (g_getenv ("FA_TEST_SAVE_SHOT") != NULL)
    {
      g_autofree char *copy = g_strconcat (g_getenv ("FA_TEST_SAVE_SHOT"), "-window.png", NULL);

      cairo_surface_write_to_png (gui, copy);
      g_free (copy);
      copy = g_strconcat (g_getenv ("FA_TEST_SAVE_SHOT"), "-cli.png", NULL);
      cairo_surface_write_to_png (cli, copy);
    }
  assert_same_pictures (gui, cli);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The arrow under the pointer is emphasised on screen, not in a picture
 * for print (FaRenderContext:for_export: "no hover"). */
static void
test_hover_not_exported (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *plain_path = g_build_filename (fixture->dir, "plain.png", NULL);
  g_autofree char *hover_path = g_build_filename (fixture->dir, "hover.png", NULL);
  g_autoptr(cairo_surface_t) plain = NULL;
  g_autoptr(cairo_surface_t) hovered = NULL;
  double extent[4];
  FaWindow *window;
  FaMapState *state;
  FaFlow *flow;
  guint different;

  window = show_relocation (extent);
  state = fa_map_get_state (fa_window_get_map (window));
  flow = fa_dataset_lookup_flow (fa_window_get_dataset (window), "civilians-occupied-ru");
  g_assert_nonnull (flow);
  g_assert_true (fa_map_state_flow_is_shown (state, flow));

  plain = export_window (window, plain_path);
  fa_map_state_set_hovered (state, G_OBJECT (flow));
  hovered = export_window (window, hover_path);
  different = count_different (plain, hovered, 8);
  g_test_message ("%u pixels differ with the arrow hovered", different);
  if (different > 0)
    {
      /* Fixed; a regression would be: no layer reads FaRenderContext.for_export, which
       * fa_export_to_file() sets; fa_flow_layer_render() draws the
       * hovered flow with its emphasis halo in exports too. */
      g_test_fail_printf ("%s", "the hovered arrow is emphasised in exports");
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
dialog_busy (FaExportDialog *dialog)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (fa_export_dialog_get_busy (dialog) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return fa_export_dialog_get_busy (dialog);
}

/* Ctrl+E opens a dialog whose preview is the file it writes: the same
 * pixels, drawn by the same code from the same state. */
static void
test_dialog_preview (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "dialog.png", NULL);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "dialog.pdf", NULL);
  g_autofree char *size_text = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(cairo_surface_t) png = NULL;
  ExportWait wait = { FALSE, FALSE, NULL };
  double extent[4];
  FaWindow *window;
  FaExportDialog *dialog;
  GdkTexture *preview;
  guchar *pixels;
  gsize pdf_len;
  gint64 end;
  guint different = 0, blue = 0;
  int stride;

  window = show_relocation (extent);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = fa_window_get_export_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  fa_export_dialog_select_size (dialog, 1080, 1080);
  fa_export_dialog_set_pixel_scale (dialog, 1);
  g_assert_false (dialog_busy (dialog));
  preview = fa_export_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  g_assert_cmpint (gdk_texture_get_width (preview), ==, 1080);
  g_assert_cmpint (gdk_texture_get_height (preview), ==, 1080);
  size_text = fa_export_dialog_get_size_text (dialog);
  g_assert_nonnull (strstr (size_text, "1080"));

  fa_export_dialog_export_async (dialog, path, NULL, on_exported_cb, &wait);
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!wait.done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1080);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 1080);

  /* GDK_MEMORY_DEFAULT is cairo's ARGB32: compare word for word. */
  stride = cairo_image_surface_get_stride (png);
  pixels = g_malloc ((gsize) stride * 1080);
  gdk_texture_download (preview, pixels, stride);
  cairo_surface_flush (png);
  for (int y = 0; y < 1080; y++)
    {
      const guint32 *a = (const guint32 *) (gconstpointer) (pixels + (gsize) y * stride);
      const guint32 *b = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (png) + (gsize) y * stride);

      for (int x = 0; x < 1080; x++)
        {
          different += a[x] != b[x];
        }
    }
  g_free (pixels);
  blue = fa_test_count_color (png, 0, 0, 1080, 1080, RELOCATION_COLOR, 24);
  g_test_message ("%u pixels differ between preview and file; %u of the relocation blue", different, blue);
  if (g_getenv ("FA_TEST_SAVE_SHOT") != NULL)
    {
      g_autofree char *copy = g_strconcat (g_getenv ("FA_TEST_SAVE_SHOT"), "-dialog.png", NULL);

      cairo_surface_write_to_png (png, copy);
    }
  g_assert_cmpuint (different, ==, 0);
  g_assert_cmpuint (blue, >, 300);

  /* A paper size: a PDF page of A4's 842 × 595 points. */
  fa_export_dialog_select_size (dialog, 842, 595);
  g_clear_pointer (&size_text, g_free);
  size_text = fa_export_dialog_get_size_text (dialog);
  g_assert_nonnull (strstr (size_text, "297"));
  g_assert_nonnull (strstr (size_text, "210"));
  wait = (ExportWait) { FALSE, FALSE, NULL };
  fa_export_dialog_export_async (dialog, pdf_path, NULL, on_exported_cb, &wait);
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!wait.done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  g_assert_true (g_file_get_contents (pdf_path, &pdf, &pdf_len, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF"));
  /* Binary streams hold NUL bytes: search the whole file. */
  g_assert_nonnull (memmem (pdf, pdf_len, "/MediaBox [ 0 0 842 595 ]", strlen ("/MediaBox [ 0 0 842 595 ]")));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (fa_window_get_export_dialog (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Waits for fa_export_dialog_export_async() to write @path. */
static void
export_dialog (FaExportDialog *dialog,
               const char     *path)
{
  ExportWait wait = { FALSE, FALSE, NULL };
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  fa_export_dialog_export_async (dialog, path, NULL, on_exported_cb, &wait);
  while (!wait.done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.done);
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
}

/* How many pixels of @texture differ from @png's, word for word. */
static guint
count_different_from_texture (GdkTexture      *texture,
                              cairo_surface_t *png)
{
  int width = cairo_image_surface_get_width (png);
  int height = cairo_image_surface_get_height (png);
  int stride = cairo_image_surface_get_stride (png);
  g_autofree guchar *pixels = NULL;
  guint different = 0;

  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  pixels = g_malloc ((gsize) stride * height);
  gdk_texture_download (texture, pixels, stride);
  cairo_surface_flush (png);
  for (int y = 0; y < height; y++)
    {
      const guint32 *a = (const guint32 *) (gconstpointer) (pixels + (gsize) y * stride);
      const guint32 *b = (const guint32 *) (gconstpointer) (cairo_image_surface_get_data (png) + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        different += a[x] != b[x];
    }

  return different;
}

/* What pdftotext reads in @pdf, its white space made single spaces (a
 * label may wrap). */
static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  words = g_strsplit_set (out, " \n\t\f", -1);
  {
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint i = 0; words[i] != NULL; i++)
      if (*words[i] != '\0')
        g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", words[i]);
    return g_string_free (g_steal_pointer (&text), FALSE);
  }
}

/* Map Language: a French map from an English interface, drawn from the
 * window's state by the command line in another process; in English the
 * same way, it is the picture the dialog draws itself. */
static void
test_dialog_language (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *own_path = g_build_filename (fixture->dir, "own.png", NULL);
  g_autofree char *en_path = g_build_filename (fixture->dir, "en.png", NULL);
  g_autofree char *fr_path = g_build_filename (fixture->dir, "fr.pdf", NULL);
  g_autoptr(cairo_surface_t) own = NULL;
  g_autoptr(cairo_surface_t) en = NULL;
  g_autofree char *text = NULL;
  double extent[4];
  FaWindow *window;
  FaExportDialog *dialog;
  GdkTexture *preview;
  guint different;

  window = show_relocation (extent);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = fa_window_get_export_dialog (window);
  fa_export_dialog_select_size (dialog, 960, 540);
  fa_export_dialog_set_pixel_scale (dialog, 1);
  g_assert_false (dialog_busy (dialog));
  g_assert_null (fa_export_dialog_get_language (dialog));
  export_dialog (dialog, own_path);
  own = cairo_image_surface_create_from_png (own_path);

  /* The state as a command line draws the same picture. */
  g_assert_true (fa_export_dialog_set_language (dialog, "en"));
  g_assert_cmpstr (fa_export_dialog_get_language (dialog), ==, "en");
  g_assert_false (dialog_busy (dialog));
  export_dialog (dialog, en_path);
  en = cairo_image_surface_create_from_png (en_path);
  g_assert_cmpint (cairo_surface_status (en), ==, CAIRO_STATUS_SUCCESS);
  different = count_different (own, en, 8);
  g_test_message ("in English through the command line: %u of %u pixels differ", different, 960 * 540);
  g_assert_cmpuint (different * 200, <=, 960 * 540);
  /* And the preview is that picture. */
  preview = fa_export_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  g_assert_cmpuint (count_different_from_texture (preview, en), ==, 0);

  /* In French: the names, the date line and the categories. */
  g_assert_false (fa_export_dialog_set_language (dialog, "xx"));
  g_assert_true (fa_export_dialog_set_language (dialog, "fr"));
  fa_export_dialog_select_size (dialog, 842, 595);
  g_assert_false (dialog_busy (dialog));
  export_dialog (dialog, fr_path);
  text = pdf_text (fr_path);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Russie"));
  g_assert_nonnull (strstr (text, "juin 2023"));
  g_assert_nonnull (strstr (text, "Transfert forcé de civils ukrainiens"));
  g_assert_null (strstr (text, "Forced transfer of Ukrainian civilians"));
  g_assert_null (strstr (text, "June 2023"));

  /* Cancelled while the other process draws: no file, not even its
   * temporary one. */
  {
    g_autofree char *cancelled = g_build_filename (fixture->dir, "cancelled.pdf", NULL);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    ExportWait wait = { FALSE, FALSE, NULL };
    gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    gint64 cancel_at = g_get_monotonic_time () + 150 * 1000;
    g_autoptr(GDir) dir = NULL;
    const char *name;

    fa_export_dialog_export_async (dialog, cancelled, cancellable, on_exported_cb, &wait);
    while (!wait.done && g_get_monotonic_time () < end)
      {
        g_main_context_iteration (NULL, FALSE);
        if (g_get_monotonic_time () >= cancel_at && !g_cancellable_is_cancelled (cancellable))
          g_cancellable_cancel (cancellable);
      }
    g_assert_true (wait.done);
    g_assert_false (wait.ok);
    g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&wait.error);
    dir = g_dir_open (fixture->dir, 0, NULL);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, "cancelled.pdf"));
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Compare Dates: the dialog's preview is its file, a page of the view at
 * two months side by side, laid out by the command line's --panels code:
 * the same page as `flowatlas --panels` with the view's extent. */
static void
test_dialog_panels (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "panels.png", NULL);
  g_autofree char *cli_path = g_build_filename (fixture->dir, "panels-cli.png", NULL);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "panels.pdf", NULL);
  g_autofree char *svg_path = g_build_filename (fixture->dir, "panels.svg", NULL);
  g_autofree char *export_arg = g_strconcat ("--export=", cli_path, NULL);
  g_autofree char *extent_arg = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *svg = NULL;
  g_autoptr(cairo_surface_t) png = NULL;
  g_autoptr(cairo_surface_t) cli = NULL;
  char numbers[4][G_ASCII_DTOSTR_BUF_SIZE];
  FaMonth first, june_2021 = fa_month_from_ym (2021, 6), june_2023 = fa_month_from_ym (2023, 6);
  double extent[4];
  FaWindow *window;
  FaExportDialog *dialog;
  GdkTexture *preview;
  gsize pdf_len;
  guint different, left_blue, right_blue, total = 960 * 540;

  window = show_relocation (extent);
  first = fa_dataset_get_first_month (fa_window_get_dataset (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = fa_window_get_export_dialog (window);
  g_assert_nonnull (dialog);
  fa_export_dialog_select_size (dialog, 960, 540);
  fa_export_dialog_set_pixel_scale (dialog, 1);
  g_assert_cmpuint (fa_export_dialog_get_panels (dialog), ==, 0);

  /* Months evenly spaced from the dataset's first to the window's. */
  fa_export_dialog_set_panels (dialog, 3);
  g_assert_cmpuint (fa_export_dialog_get_panels (dialog), ==, 3);
  g_assert_cmpint (fa_export_dialog_get_panel_month (dialog, 0), ==, first);
  g_assert_cmpint (fa_export_dialog_get_panel_month (dialog, 1), >, first);
  g_assert_cmpint (fa_export_dialog_get_panel_month (dialog, 1), <, june_2023);
  g_assert_cmpint (fa_export_dialog_get_panel_month (dialog, 2), ==, june_2023);
  fa_export_dialog_set_panels (dialog, 2);
  g_assert_cmpint (fa_export_dialog_get_panel_month (dialog, 0), ==, first);
  g_assert_cmpint (fa_export_dialog_get_panel_month (dialog, 1), ==, june_2023);
  fa_export_dialog_set_panel_month (dialog, 0, june_2021);
  g_assert_cmpint (fa_export_dialog_get_panel_month (dialog, 0), ==, june_2021);

  /* The preview is the file. */
  g_assert_false (dialog_busy (dialog));
  preview = fa_export_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  export_dialog (dialog, path);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  different = count_different_from_texture (preview, png);
  /* June 2021 (left) is before the forced transfers; June 2023 has them.
   * The legend's strip below the maps is left out. */
  left_blue = fa_test_count_color (png, 0, 0, 480, 300, RELOCATION_COLOR, 24);
  right_blue = fa_test_count_color (png, 480, 0, 480, 300, RELOCATION_COLOR, 24);
  g_test_message ("%u pixels differ between preview and file; relocation blue: %u left, %u right",
                  different, left_blue, right_blue);
  g_assert_cmpuint (different, ==, 0);
  g_assert_cmpuint (left_blue, <, 20);
  g_assert_cmpuint (right_blue, >, 200);

  /* The command line's page of the same extent and months. */
  for (guint i = 0; i < 4; i++)
    g_ascii_formatd (numbers[i], sizeof numbers[i], "%.17g", extent[i]);
  extent_arg = g_strdup_printf ("--extent=%s,%s,%s,%s", numbers[0], numbers[1], numbers[2], numbers[3]);
  g_assert_cmpint (fa_test_run_flowatlas (&out, &err, export_arg, "--projection=EPSG:4326", extent_arg,
                                          "--size=960x540", "--panels=2021-06,2023-06", "--show=relocation",
                                          NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  cli = cairo_image_surface_create_from_png (cli_path);
  g_assert_cmpint (cairo_surface_status (cli), ==, CAIRO_STATUS_SUCCESS);
  different = count_different (png, cli, 8);
  g_test_message ("%u of %u pixels differ from the command line's", different, total);
  if (g_getenv ("FA_TEST_SAVE_SHOT") != NULL)
    {
      g_autofree char *copy = g_strconcat (g_getenv ("FA_TEST_SAVE_SHOT"), "-panels.png", NULL);

      cairo_surface_write_to_png (png, copy);
      g_free (copy);
      copy = g_strconcat (g_getenv ("FA_TEST_SAVE_SHOT"), "-panels-cli.png", NULL);
      cairo_surface_write_to_png (cli, copy);
    }
  g_assert_cmpuint (different * 200, <=, total);

  /* A PDF page of A4 and an SVG hold the comparison too. */
  fa_export_dialog_select_size (dialog, 842, 595);
  g_assert_cmpuint (fa_export_dialog_get_panels (dialog), ==, 2);
  export_dialog (dialog, pdf_path);
  g_assert_true (g_file_get_contents (pdf_path, &pdf, &pdf_len, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF"));
  g_assert_nonnull (memmem (pdf, pdf_len, "/MediaBox [ 0 0 842 595 ]", strlen ("/MediaBox [ 0 0 842 595 ]")));
  export_dialog (dialog, svg_path);
  g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_nonnull (strstr (svg, "width=\"842pt\""));

  /* Four maps do not fit 400 × 300: the dialog says so and draws none;
   * two do. */
  fa_export_dialog_select_size (dialog, 400, 300);
  fa_export_dialog_set_panels (dialog, 4);
  problem = fa_export_dialog_dup_problem (dialog);
  g_assert_nonnull (problem);
  g_assert_false (dialog_busy (dialog));
  g_assert_null (fa_export_dialog_get_preview (dialog));
  fa_export_dialog_set_panels (dialog, 2);
  g_clear_pointer (&problem, g_free);
  problem = fa_export_dialog_dup_problem (dialog);
  g_assert_null (problem);
  g_assert_false (dialog_busy (dialog));
  g_assert_nonnull (fa_export_dialog_get_preview (dialog));
  g_assert_cmpint (gdk_texture_get_width (fa_export_dialog_get_preview (dialog)), ==, 400);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() sets a fixed locale; the flowatlas process started
   * for the comparison takes the environment's, as its main() does.  Use
   * the same here, so that both format dates and figures alike whatever
   * the locale the tests run in. */
  setlocale (LC_ALL, "");
  adw_init ();
  g_resources_register (fa_get_resource ());

  g_test_add ("/fa/export-equal/window-and-cli", Fixture, NULL,
              fixture_set_up, test_window_and_cli, fixture_tear_down);
  g_test_add ("/fa/export-equal/dialog-preview", Fixture, NULL,
              fixture_set_up, test_dialog_preview, fixture_tear_down);
  g_test_add ("/fa/export-equal/dialog-language", Fixture, NULL,
              fixture_set_up, test_dialog_language, fixture_tear_down);
  g_test_add ("/fa/export-equal/dialog-panels", Fixture, NULL,
              fixture_set_up, test_dialog_panels, fixture_tear_down);
  g_test_add ("/fa/export-equal/hover-not-exported", Fixture, NULL,
              fixture_set_up, test_hover_not_exported, fixture_tear_down);

  return g_test_run ();
}
