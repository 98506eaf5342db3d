/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fa-fuzz.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

gboolean
fa_fuzz_next_part (FaFuzzInput    *input,
                   const uint8_t **part,
                   size_t         *part_size)
{
  guint32 length;

  if (input->size < 4)
    return FALSE;

  length = (guint32) input->data[0] | ((guint32) input->data[1] << 8) |
           ((guint32) input->data[2] << 16) | ((guint32) input->data[3] << 24);
  input->data += 4;
  input->size -= 4;
  if (length > input->size)
    length = (guint32) input->size;

  *part = input->data;
  *part_size = length;
  input->data += length;
  input->size -= length;
  return TRUE;
}

static char *tmpdir;

static void
remove_tmpdir (void)
{
  if (tmpdir == NULL)
    return;
  fa_fuzz_clear_dir (tmpdir);
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

const char *
fa_fuzz_get_tmpdir (void)
{
  if (tmpdir == NULL)
    {
      g_autofree char *template = NULL;

      if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0)
        template = g_strdup ("/dev/shm/fa-fuzz-XXXXXX");
      else
        template = g_build_filename (g_get_tmp_dir (), "fa-fuzz-XXXXXX", NULL);

      tmpdir = g_mkdtemp (g_steal_pointer (&template));
      if (tmpdir == NULL)
        {
          perror ("fa-fuzz: mkdtemp");
          abort ();
        }
      atexit (remove_tmpdir);
    }

  return tmpdir;
}

void
fa_fuzz_write_file (const char    *dir,
                    const char    *name,
                    const uint8_t *data,
                    size_t         size)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  FILE *file;

  g_unlink (path);
  file = g_fopen (path, "wb");
  if (file == NULL || (size > 0 && fwrite (data, 1, size, file) != size) || fclose (file) != 0)
    {
      perror (path);
      abort ();
    }
}

void
fa_fuzz_clear_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        g_unlink (path);
    }
}

void
fa_fuzz_check_message (const char *message)
{
  if (!g_utf8_validate (message, -1, NULL))
    {
      fprintf (stderr, "fa-fuzz: message is not valid UTF-8: %s\n", message);
      abort ();
    }

  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\n' && (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029))
        {
          fprintf (stderr, "fa-fuzz: message holds control character U+%04X: %s\n", c, message);
          abort ();
        }
    }
}

static void
drop_log (const char     *log_domain,
          GLogLevelFlags  log_level,
          const char     *message,
          gpointer        user_data)
{
  /* The warnings are checked like the errors. */
  fa_fuzz_check_message (message);
}

void
fa_fuzz_quiet_logs (void)
{
  /* A critical or a warning means that input reached a programmer check
   * (g_return_if_fail, g_warning): a bug, like a crash. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_handler (NULL, G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG, drop_log, NULL);
  g_log_set_handler ("fa-shapefile", G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG, drop_log, NULL);
  g_log_set_handler ("fa-projection", G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG, drop_log, NULL);
  g_log_set_handler ("fa-dataset-loader", G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG, drop_log, NULL);
}
