/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-application"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <shapefil.h>

#include "fa-application.h"
#include "fa-dataset.h"
#include "fa-map.h"
#include "fa-resources.h"
#include "fa-test-utils.h"
#include "fa-window.h"

typedef struct
{
  FaApplication *app;
  char          *dir;
  char          *shapefile;  /* dir/square.shp */
  char          *dataset;    /* dir/dataset, a tiny dataset folder */
} Fixture;

/* A square of 10° from 30° E 45° N, in a .shp/.shx/.dbf without .prj
 * (read as WGS 84). */
static char *
write_square_shapefile (const char *dir)
{
  char *path = g_build_filename (dir, "square.shp", NULL);
  double lon[] = { 30, 30, 40, 40, 30 };
  double lat[] = { 45, 55, 55, 45, 45 };
  SHPHandle shp = SHPCreate (path, SHPT_POLYGON);
  DBFHandle dbf;
  SHPObject *obj;

  g_assert_nonnull (shp);
  obj = SHPCreateSimpleObject (SHPT_POLYGON, 5, lon, lat, NULL);
  g_assert_cmpint (SHPWriteObject (shp, -1, obj), ==, 0);
  SHPDestroyObject (obj);
  SHPClose (shp);

  dbf = DBFCreate (path);
  g_assert_nonnull (dbf);
  DBFAddField (dbf, "name", FTString, 20, 0);
  DBFWriteStringAttribute (dbf, 0, 0, "square");
  DBFClose (dbf);

  return path;
}

static char *
write_dataset (const char *dir)
{
  char *path = g_build_filename (dir, "dataset", NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_free (fa_test_write_file (path, "places.csv", "id,name,lat,lon,kind\na,Alpha,50,30,city\nb,Beta,55,37,city\n", -1));
  g_free (fa_test_write_file (path, "flows.csv", "id,origin,dest,count,category\nf1,a,b,100,x\n", -1));
  return path;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint serial;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = fa_test_make_tmpdir ();
  fixture->shapefile = write_square_shapefile (fixture->dir);
  fixture->dataset = write_dataset (fixture->dir);

  /* The application is single-instance: each test registers its own id
   * on the private session bus of the test run, so that no test finds
   * another's instance, nor one whose name is still being released. */
  fixture->app = fa_application_new ();
  id = g_strdup_printf ("%s.Test%u", APP_ID, ++serial);
  g_application_set_application_id (G_APPLICATION (fixture->app), id);
  g_assert_true (g_application_register (G_APPLICATION (fixture->app), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (fixture->app)));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));
}

/* Quits as Ctrl+Q does: every window closes (saving its state). */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkApplication *app = GTK_APPLICATION (fixture->app);
  GListModel *toplevels = gtk_window_get_toplevels ();
  gint64 end;

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (gtk_application_get_windows (app) != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (gtk_application_get_windows (app));

  /* Error dialogs a failing test left. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_application_quit (G_APPLICATION (app));
  g_clear_object (&fixture->app);
  fa_test_rmtree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->shapefile);
  g_free (fixture->dataset);
}

static FaWindow *
get_window (Fixture *fixture)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app));

  g_assert_nonnull (windows);
  g_assert_null (windows->next);
  g_assert_true (FA_IS_WINDOW (windows->data));
  return windows->data;
}

/* Iterates until @window has nothing left to read, or 20 s have passed. */
static void
wait_loaded (FaWindow *window)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (fa_window_get_loading (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (fa_window_get_loading (window));
  /* Results delivered in idles after the last load. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The messages of the error dialogs shown, one a line; NULL for none. */
static char *
dup_error_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "\n" : "",
                                adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                                adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (window)));
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
open_path (Fixture    *fixture,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_application_open (G_APPLICATION (fixture->app), &file, 1, "");
}

static guint
n_user_layers (FaWindow *window)
{
  return g_list_model_get_n_items (fa_map_state_get_user_layers (fa_map_get_state (fa_window_get_map (window))));
}

/* The running instance, its window ready, is handed a shapefile, then a
 * dataset folder. */
static void
test_open_in_running (Fixture       *fixture,
                      gconstpointer  data)
{
  FaWindow *window;
  g_autofree char *errors = NULL;
  FaDataset *bundled;

  g_application_activate (G_APPLICATION (fixture->app));
  window = get_window (fixture);
  wait_loaded (window);
  bundled = fa_window_get_dataset (window);
  g_assert_nonnull (bundled);
  g_assert_cmpuint (n_user_layers (window), ==, 0);

  open_path (fixture, fixture->shapefile);
  /* The same window, reading the file on a worker. */
  g_assert_true (get_window (fixture) == window);
  g_assert_true (fa_window_get_loading (window));
  wait_loaded (window);
  errors = dup_error_dialogs ();
  g_assert_cmpstr (errors, ==, NULL);
  g_assert_cmpuint (n_user_layers (window), ==, 1);
  {
    g_autoptr(FaMapLayer) layer = g_list_model_get_item (fa_map_state_get_user_layers (fa_map_get_state (fa_window_get_map (window))), 0);

    g_assert_cmpstr (fa_map_layer_get_title (layer), ==, "square");
  }

  open_path (fixture, fixture->dataset);
  g_assert_true (get_window (fixture) == window);
  wait_loaded (window);
  errors = dup_error_dialogs ();
  g_assert_cmpstr (errors, ==, NULL);
  g_assert_true (fa_window_get_dataset (window) != bundled);
  g_assert_cmpstr (fa_dataset_get_directory (fa_window_get_dataset (window)), ==, fixture->dataset);
  g_assert_cmpuint (g_list_model_get_n_items (fa_dataset_get_flows (fa_window_get_dataset (window))), ==, 1);
  /* The layer stays. */
  g_assert_cmpuint (n_user_layers (window), ==, 1);
}

/* `flowatlas FOLDER` and `flowatlas FILE.shp` before any window: the new
 * window opens them once its base map is read. */
static void
test_open_at_start (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dataset);
  g_autoptr(GFile) shapefile = g_file_new_for_path (fixture->shapefile);
  GFile *files[] = { folder, shapefile };
  g_autofree char *errors = NULL;
  FaWindow *window;

  g_application_open (G_APPLICATION (fixture->app), files, G_N_ELEMENTS (files), "");
  window = get_window (fixture);
  wait_loaded (window);

  /* The folder, not the bundled dataset. */
  g_assert_nonnull (fa_window_get_dataset (window));
  g_assert_cmpstr (fa_dataset_get_directory (fa_window_get_dataset (window)), ==, fixture->dataset);

  errors = dup_error_dialogs ();
  if (n_user_layers (window) != 1)
    {
      /* Fixed; a regression would be: fa_window_open_file() defers a dataset until the base map is
       * read (pending_dataset), but passes a shapefile straight to
       * fa_map_add_shapefile_async(), which fails while the map has no
       * renderer yet. */
      g_test_message ("error dialogs: %s", errors);
      g_test_fail_printf ("%s", "a shapefile opened before the base map is read is refused");
      return;
    }
  g_assert_cmpstr (errors, ==, NULL);
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

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fa/application/open-in-running", test_open_in_running);
  ADD ("/fa/application/open-at-start", test_open_at_start);
#undef ADD

  status = g_test_run ();
  fa_test_rmtree (xdg);
  return status;
}
