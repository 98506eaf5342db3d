/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fa-csv.h"
#include "fa-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fa_fuzz_quiet_logs ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(FaCsvReader) reader = fa_csv_reader_new (bytes, "fuzz.csv");
  g_autoptr(GError) error = NULL;
  guint last_line = 0;

  while (fa_csv_reader_next_row (reader, &error))
    {
      guint n_fields = fa_csv_reader_get_n_fields (reader);
      guint line = fa_csv_reader_get_line (reader);

      if (n_fields == 0 || n_fields > FA_CSV_MAX_FIELDS || line < last_line || line == 0)
        abort ();
      last_line = line;

      for (guint i = 0; i < n_fields; i++)
        {
          const char *field = fa_csv_reader_get_field (reader, i);
          gsize length = strlen (field);

          if (length > FA_CSV_MAX_FIELD_LENGTH || !g_utf8_validate (field, length, NULL) ||
              fa_csv_reader_get_field_line (reader, i) < line)
            abort ();
        }
    }

  if (error != NULL)
    fa_fuzz_check_message (error->message);

  /* Once finished, it stays finished. */
  if (fa_csv_reader_next_row (reader, NULL))
    abort ();

  return 0;
}
