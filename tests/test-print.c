/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* memmem */
#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-print"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "fa-map-state.h"
#include "fa-map-view.h"
#include "fa-map.h"
#include "fa-print-operation.h"
#include "fa-resources.h"
#include "fa-test-utils.h"
#include "fa-window.h"

#define TITLE "Printed Flows Check"

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

static FaWindow *
open_window (void)
{
  FaWindow *window = fa_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wait_ready (window);
  g_assert_nonnull (fa_map_get_renderer (fa_window_get_map (window)));

  return window;
}

/* What a print went through. */
typedef struct
{
  FaPrintOperation        *op;
  gboolean                 cancel_when_drawing;
  gboolean                 done;
  GtkPrintOperationResult  result;
  guint                    draw_started;
  guint                    draw_ended;
  guint                    turns_while_drawing;  /* main-loop dispatches while the worker drew */
  guint                    tick_id;
} PrintRun;

static gboolean
tick_cb (gpointer data)
{
  PrintRun *run = data;

  if (fa_print_operation_get_drawing (run->op))
    run->turns_while_drawing++;
  return G_SOURCE_CONTINUE;
}

/* A source above the default priority, added as the worker starts, is
 * dispatched before the worker's result can be (GTask returns it at the
 * default priority): the main loop turns while the page is drawn. */
static gboolean
first_turn_cb (gpointer data)
{
  PrintRun *run = data;

  if (fa_print_operation_get_drawing (run->op))
    run->turns_while_drawing++;
  return G_SOURCE_REMOVE;
}

static void
on_drawing_cb (FaPrintOperation *op,
               GParamSpec       *pspec,
               PrintRun         *run)
{
  if (fa_print_operation_get_drawing (op))
    {
      run->draw_started++;
      g_idle_add_full (G_PRIORITY_HIGH, first_turn_cb, run, NULL);
      if (run->cancel_when_drawing)
        fa_print_operation_cancel (op);
    }
  else
    run->draw_ended++;
}

static void
on_done_cb (GtkPrintOperation       *op,
            GtkPrintOperationResult  result,
            PrintRun                *run)
{
  g_assert_false (run->done);
  run->done = TRUE;
  run->result = result;
}

/* Prints @window's map as its Print action does, but to a PDF without a
 * dialog, and waits until it is done and the worker has finished. */
static GtkPrintOperationResult
print_to_pdf (FaWindow   *window,
              const char *path,
              gboolean    cancel_when_drawing,
              PrintRun   *run)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperation *print;
  GtkPrintOperationResult result;
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  *run = (PrintRun) { 0 };
  run->op = fa_print_operation_new (fa_window_get_map (window));
  run->cancel_when_drawing = cancel_when_drawing;
  print = GTK_PRINT_OPERATION (run->op);
  gtk_print_operation_set_default_page_setup (print, fa_window_get_page_setup (window));
  gtk_print_operation_set_export_filename (print, path);
  g_signal_connect (run->op, "notify::drawing", G_CALLBACK (on_drawing_cb), run);
  g_signal_connect (run->op, "done", G_CALLBACK (on_done_cb), run);
  run->tick_id = g_timeout_add (1, tick_cb, run);

  /* Export runs GTK's own main loop until the page is written. */
  result = gtk_print_operation_run (print, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (window), &error);
  g_assert_no_error (error);
  while ((!run->done || fa_print_operation_get_drawing (run->op)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_clear_handle_id (&run->tick_id, g_source_remove);

  g_assert_true (run->done);
  g_assert_false (fa_print_operation_get_drawing (run->op));
  g_assert_null (fa_print_operation_get_draw_error (run->op));
  g_assert_cmpuint (run->draw_started, ==, 1);
  g_assert_cmpuint (run->draw_ended, ==, 1);
  g_test_message ("main loop turned %u times while the page was drawn", run->turns_while_drawing);
  g_clear_object (&run->op);

  return result;
}

/* Counts the page objects ("/Type /Page", not the tree's "/Pages") and
 * checks that each page's MediaBox is @width × @height points. */
static guint
count_pages (const char *pdf,
             gsize       len,
             double      width,
             double      height)
{
  static const char page_key[] = "/Type /Page";
  static const char box_key[] = "/MediaBox [";
  const char *p = pdf, *end = pdf + len;
  guint pages = 0, boxes = 0;

  while ((p = memmem (p, end - p, page_key, strlen (page_key))) != NULL)
    {
      p += strlen (page_key);
      if (p < end && *p != 's')
        pages++;
    }

  p = pdf;
  while ((p = memmem (p, end - p, box_key, strlen (box_key))) != NULL)
    {
      char *next;
      double box[4];

      p += strlen (box_key);
      for (guint i = 0; i < 4; i++)
        {
          box[i] = g_ascii_strtod (p, &next);
          g_assert_true (next != p);
          p = next;
        }
      g_test_message ("MediaBox %g %g %g %g", box[0], box[1], box[2], box[3]);
      g_assert_cmpfloat_with_epsilon (box[2] - box[0], width, 1.0);
      g_assert_cmpfloat_with_epsilon (box[3] - box[1], height, 1.0);
      boxes++;
    }
  g_assert_cmpuint (boxes, >=, 1);

  return pages;
}

static void
on_blank_draw_page_cb (GtkPrintOperation *op,
                       GtkPrintContext   *context,
                       int                page_nr,
                       gpointer           user_data)
{
}

/* The same paper, printed with nothing on it. */
static gsize
blank_pdf_size (GtkPageSetup *page_setup,
                const char   *path)
{
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  gsize len = 0;

  gtk_print_operation_set_n_pages (op, 1);
  gtk_print_operation_set_default_page_setup (op, page_setup);
  gtk_print_operation_set_export_filename (op, path);
  g_signal_connect (op, "draw-page", G_CALLBACK (on_blank_draw_page_cb), NULL);
  g_assert_cmpint (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &pdf, &len, NULL));

  return len;
}

static gboolean
window_has_action (FaWindow   *window,
                   const char *name)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (window);
  const GVariantType *parameter_type;
  const char *action, *property;
  GType owner;

  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &action, &parameter_type, &property); i++)
    if (g_str_equal (action, name))
      return TRUE;
  return FALSE;
}

static void
test_print_to_pdf (Fixture       *fixture,
                   gconstpointer  data)
{
  FaWindow *window = open_window ();
  GtkPageSetup *page_setup = fa_window_get_page_setup (window);
  g_autofree char *path = g_build_filename (fixture->dir, "print.pdf", NULL);
  g_autofree char *blank_path = g_build_filename (fixture->dir, "blank.pdf", NULL);
  g_autofree char *pdf = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  gsize len = 0, blank_len;
  PrintRun run;

  g_assert_true (window_has_action (window, "win.print"));

  /* Prints start on A4 landscape. */
  g_assert_nonnull (page_setup);
  g_assert_cmpint (gtk_page_setup_get_orientation (page_setup), ==, GTK_PAGE_ORIENTATION_LANDSCAPE);
  g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_paper_width (page_setup, GTK_UNIT_POINTS), 842, 1);
  g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_paper_height (page_setup, GTK_UNIT_POINTS), 595, 1);

  fa_map_state_set_title (fa_map_get_state (fa_window_get_map (window)), TITLE);
  g_assert_cmpint (print_to_pdf (window, path, FALSE, &run), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_cmpint (run.result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_cmpuint (run.turns_while_drawing, >, 0);

  g_assert_true (g_file_get_contents (path, &pdf, &len, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  g_assert_cmpuint (count_pages (pdf, len, 842, 595), ==, 1);

  /* A map, not an empty page: coastlines, arrows and labels weigh. */
  blank_len = blank_pdf_size (page_setup, blank_path);
  g_test_message ("print: %" G_GSIZE_FORMAT " bytes; blank page: %" G_GSIZE_FORMAT, len, blank_len);
  g_assert_cmpuint (len, >, blank_len + 20000);

  /* The map's title is on the page, as text.  Cairo embeds font subsets
   * in compressed streams, so the text is read back by Poppler
   * (poppler-utils, in tools/debian-packages.txt). */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GError) error = NULL;
    const char *argv[] = { pdftotext, "-q", path, "-", NULL };
    int status = -1;

    g_assert_nonnull (pdftotext);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, TITLE));
  }

  if (g_getenv ("FA_TEST_SAVE_PRINT") != NULL)
    g_assert_true (g_file_set_contents (g_getenv ("FA_TEST_SAVE_PRINT"), pdf, len, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Cancelled while the worker draws: the operation ends at once as
 * cancelled, without an error, and the worker's page is dropped. */
static void
test_print_cancel (Fixture       *fixture,
                   gconstpointer  data)
{
  FaWindow *window = open_window ();
  g_autofree char *path = g_build_filename (fixture->dir, "cancelled.pdf", NULL);
  PrintRun run;

  g_assert_cmpint (print_to_pdf (window, path, TRUE, &run), ==, GTK_PRINT_OPERATION_RESULT_CANCEL);
  g_assert_cmpint (run.result, ==, GTK_PRINT_OPERATION_RESULT_CANCEL);

  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == parent)
      found = l->data;
  g_list_free (toplevels);

  return found;
}

static void
wait_operations_ended (FaWindow *window)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (fa_window_get_n_operations (window) > 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fa_window_get_n_operations (window), ==, 0);
}

/* The window's own print path: its page setup, its operations (the bar
 * over the map with Cancel) and its message for a failure. */
static void
test_print_window (Fixture       *fixture,
                   gconstpointer  data)
{
  FaWindow *window = open_window ();
  g_autofree char *path = g_build_filename (fixture->dir, "window.pdf", NULL);
  g_autofree char *again = g_build_filename (fixture->dir, "again.pdf", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "no-such-folder", "print.pdf", NULL);
  g_autofree char *pdf = NULL;
  AdwMessageDialog *dialog;
  gsize len = 0;

  fa_window_print (window, GTK_PRINT_OPERATION_ACTION_EXPORT, path);
  wait_operations_ended (window);
  g_assert_null (find_message_dialog (GTK_WINDOW (window)));
  g_assert_true (g_file_get_contents (path, &pdf, &len, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  g_assert_cmpuint (count_pages (pdf, len, 842, 595), ==, 1);

  /* A file that cannot be written: the message says so. */
  fa_window_print (window, GTK_PRINT_OPERATION_ACTION_EXPORT, bad);
  wait_operations_ended (window);
  dialog = find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Print the Map");
  g_test_message ("error: %s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "print.pdf"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The window prints again after a failure. */
  fa_window_print (window, GTK_PRINT_OPERATION_ACTION_EXPORT, again);
  wait_operations_ended (window);
  g_assert_true (g_file_test (again, G_FILE_TEST_IS_REGULAR));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xdg = fa_test_isolate_xdg ();
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (fa_get_resource ());

  g_test_add ("/fa/print/to-pdf", Fixture, NULL, fixture_set_up, test_print_to_pdf, fixture_tear_down);
  g_test_add ("/fa/print/cancel", Fixture, NULL, fixture_set_up, test_print_cancel, fixture_tear_down);
  g_test_add ("/fa/print/window", Fixture, NULL, fixture_set_up, test_print_window, fixture_tear_down);

  status = g_test_run ();
  fa_test_rmtree (xdg);
  return status;
}
