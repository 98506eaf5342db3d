/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fa-test-utils.h"
#include "fa-month.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <string.h>

guint32
fa_test_get_pixel (cairo_surface_t *surface,
                   int              x,
                   int              y)
{
  const guint8 *data;
  guint32 argb;
  guint a, r, g, b;

  cairo_surface_flush (surface);
  g_assert_true (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32 ||
                 cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  data = cairo_image_surface_get_data (surface);
  argb = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
  a = cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24 ? 255 : (argb >> 24) & 0xff;
  r = (argb >> 16) & 0xff;
  g = (argb >> 8) & 0xff;
  b = argb & 0xff;
  if (a != 0 && a != 255)
    {
      r = MIN (255, r * 255 / a);
      g = MIN (255, g * 255 / a);
      b = MIN (255, b * 255 / a);
    }

  return (r << 16) | (g << 8) | b;
}

gboolean
fa_test_color_near (guint32 a,
                    guint32 b,
                    int     tolerance)
{
  for (guint shift = 0; shift <= 16; shift += 8)
    {
      int ca = (a >> shift) & 0xff;
      int cb = (b >> shift) & 0xff;

      if (ABS (ca - cb) > tolerance)
        return FALSE;
    }

  return TRUE;
}

char *
fa_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("flowatlas-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
fa_test_rmtree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            fa_test_rmtree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

char *
fa_test_isolate_xdg (void)
{
  const char *vars[][2] = {
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_STATE_HOME", "state" },
  };
  char *root = fa_test_make_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (root, vars[i][1], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (vars[i][0], dir, TRUE);
    }

  return root;
}

char *
fa_test_write_file (const char *dir,
                    const char *name,
                    const void *contents,
                    gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  if (length < 0)
    length = strlen (contents);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

int
fa_test_run_flowatlas (char **out,
                       char **err,
                       ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("FLOWATLAS_BIN");
  const char *arg;
  int status = -1;
  va_list args;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (char *) bin);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);

  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return -1;
}

guint
fa_test_count_color (cairo_surface_t *surface,
                     int              x,
                     int              y,
                     int              width,
                     int              height,
                     guint32          rgb,
                     int              tolerance)
{
  guint count = 0;

  for (int j = MAX (0, y); j < MIN (y + height, cairo_image_surface_get_height (surface)); j++)
    for (int i = MAX (0, x); i < MIN (x + width, cairo_image_surface_get_width (surface)); i++)
      if (fa_test_color_near (fa_test_get_pixel (surface, i, j), rgb, tolerance))
        count++;

  return count;
}

FaFlow *
fa_test_make_flow (const char *start,
                   const char *end)
{
  FaMonth start_month = FA_MONTH_NONE, end_month = FA_MONTH_NONE;
  FaMonthPrecision start_precision = FA_MONTH_PRECISION_NONE;
  FaMonthPrecision end_precision = FA_MONTH_PRECISION_NONE;

  if (start != NULL)
    g_assert_true (fa_month_parse (start, &start_precision, FALSE, &start_month));
  if (end != NULL)
    g_assert_true (fa_month_parse (end, &end_precision, TRUE, &end_month));

  return g_object_new (FA_TYPE_FLOW,
                       "id", "test",
                       "start", start_month,
                       "start-precision", start_precision,
                       "end", end_month,
                       "end-precision", end_precision,
                       NULL);
}

void
fa_test_tmpdir_set_up (FaTestTmpdir  *fixture,
                       gconstpointer  data)
{
  fixture->dir = fa_test_make_tmpdir ();
}

void
fa_test_tmpdir_tear_down (FaTestTmpdir  *fixture,
                          gconstpointer  data)
{
  fa_test_rmtree (fixture->dir);
  g_free (fixture->dir);
}
