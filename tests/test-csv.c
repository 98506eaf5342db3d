/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "fa-csv.h"
#include "fa-data-error.h"
#include "fa-data-problem.h"
#include "fa-test-utils.h"

/* Reads data into "line:field|field|…" strings, one per row, or the error. */
static char *
read_all (const char *data,
          gssize      length,
          GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(FaCsvReader) reader = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (length < 0)
    length = strlen (data);
  bytes = g_bytes_new (data, length);
  reader = fa_csv_reader_new (bytes, "test.csv");

  while (fa_csv_reader_next_row (reader, error))
    {
      g_string_append_printf (out, "%u:", fa_csv_reader_get_line (reader));
      for (guint i = 0; i < fa_csv_reader_get_n_fields (reader); i++)
        {
          if (i > 0)
            g_string_append_c (out, '|');
          g_string_append (out, fa_csv_reader_get_field (reader, i));
        }
      g_string_append_c (out, ';');
    }

  /* Once done, a reader stays done. */
  g_assert_false (fa_csv_reader_next_row (reader, NULL));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_rows (const char *data,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = read_all (data, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, expected);
}

static void
assert_problem (const char *data,
                gssize      length,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = read_all (data, length, &error);
  GPtrArray *problems;
  g_autofree char *text = NULL;

  g_assert_error (error, FA_DATA_ERROR, FA_DATA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);

  problems = fa_data_error_get_problems (error);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (fa_data_error_get_n_problems (error), ==, 1);
  text = fa_data_problem_to_string (g_ptr_array_index (problems, 0));
  g_assert_cmpstr (text, ==, expected);
}

static void
test_plain (void)
{
  assert_rows ("a,b,c\n1,2,3\n", "1:a|b|c;2:1|2|3;");
  assert_rows ("a,b,c\n1,2,3", "1:a|b|c;2:1|2|3;");
  assert_rows ("a,,\n,x,\n", "1:a||;2:|x|;");
  assert_rows ("", "");
  assert_rows ("only", "1:only;");
  /* Spaces are data. */
  assert_rows (" a , b \n", "1: a | b ;");
}

static void
test_quoting (void)
{
  assert_rows ("\"a,b\",\"c\"\"d\",e\n", "1:a,b|c\"d|e;");
  assert_rows ("\"\",\"\"\"\"\"\"\n", "1:|\"\";");
  /* Lenient: a quote inside an unquoted field is text; so is text after a closing quote. */
  assert_rows ("ab\"c,d\n", "1:ab\"c|d;");
  assert_rows ("\"ab\"c,d\n", "1:abc|d;");
  /* A lone quoted empty field is a row, not a blank line. */
  assert_rows ("a\n\"\"\nb\n", "1:a;2:;3:b;");
}

static void
test_multiline (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(FaCsvReader) reader = NULL;
  const char *data = "id,note,x\n1,\"first\nsecond\n\nfourth\",\"y\nz\"\n2,b,c\n";

  assert_rows (data, "1:id|note|x;2:1|first\nsecond\n\nfourth|y\nz;7:2|b|c;");

  /* Each field knows the line it starts on. */
  bytes = g_bytes_new_static (data, strlen (data));
  reader = fa_csv_reader_new (bytes, "test.csv");
  g_assert_true (fa_csv_reader_next_row (reader, NULL));
  g_assert_true (fa_csv_reader_next_row (reader, NULL));
  g_assert_cmpuint (fa_csv_reader_get_line (reader), ==, 2);
  g_assert_cmpuint (fa_csv_reader_get_field_line (reader, 0), ==, 2);
  g_assert_cmpuint (fa_csv_reader_get_field_line (reader, 1), ==, 2);
  g_assert_cmpuint (fa_csv_reader_get_field_line (reader, 2), ==, 5);
  g_assert_true (fa_csv_reader_next_row (reader, NULL));
  g_assert_cmpuint (fa_csv_reader_get_line (reader), ==, 7);
  g_assert_false (fa_csv_reader_next_row (reader, NULL));
}

static void
test_line_endings (void)
{
  /* CRLF, with line breaks in quoted fields normalized to LF. */
  assert_rows ("a,b\r\n1,\"x\r\ny\"\r\n2,3\r\n", "1:a|b;2:1|x\ny;4:2|3;");
  /* Mixed, and a lone CR. */
  assert_rows ("a\r\nb\nc\rd", "1:a;2:b;3:c;4:d;");
  /* Blank lines are skipped but counted. */
  assert_rows ("a\n\n\r\n\nb\n\n", "1:a;5:b;");
}

static void
test_bom (void)
{
  assert_rows ("\xEF\xBB\xBFid,name\nx,y\n", "1:id|name;2:x|y;");
  assert_rows ("\xEF\xBB\xBF", "");
  /* Only a leading BOM is skipped. */
  assert_rows ("a\n\xEF\xBB\xBF" "b\n", "1:a;2:\xEF\xBB\xBF" "b;");
}

static void
test_unterminated_quote (void)
{
  /* Reported where the quote opened, with the field number. */
  assert_problem ("a,b\n1,\"abc\n2,3\n4,5\n", -1,
                  "test.csv:2:2: unterminated quoted field: the closing quote is missing");
  assert_problem ("a,b\n1,2\n\"", -1,
                  "test.csv:3:1: unterminated quoted field: the closing quote is missing");
}

static void
test_invalid_utf8 (void)
{
  assert_problem ("a,b\n1,x\xFFy\n", -1,
                  "test.csv:2:2: invalid UTF-8 (byte 0xFF); save the file as UTF-8");
  /* Latin-1 "é", on the line of the bad byte inside a multi-line field. */
  assert_problem ("a,b,c\n1,\"x\ny\nCaf\xE9\",2\n", -1,
                  "test.csv:4:2: invalid UTF-8 (byte 0xE9); save the file as UTF-8");
  /* A truncated sequence at the very end. */
  assert_problem ("a,b\n1,\xC3", -1,
                  "test.csv:2:2: invalid UTF-8 (byte 0xC3); save the file as UTF-8");
  assert_problem ("a,b\n1,x\0y\n", 10,
                  "test.csv:2:2: invalid UTF-8 (byte 0x00); save the file as UTF-8");
  /* Bad bytes after a closing quote are caught too. */
  assert_problem ("\"a\"\x80,b\n", -1,
                  "test.csv:1:1: invalid UTF-8 (byte 0x80); save the file as UTF-8");
}

static void
test_limits (void)
{
  g_autoptr(GString) data = g_string_new ("a,b\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;

  /* 1000 fields are fine, 1001 are not. */
  for (guint i = 0; i < FA_CSV_MAX_FIELDS - 1; i++)
    g_string_append_c (data, ',');
  g_string_append_c (data, '\n');
  rows = read_all (data->str, data->len, &error);
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_free);

  g_string_set_size (data, 0);
  for (guint i = 0; i < FA_CSV_MAX_FIELDS; i++)
    g_string_append_c (data, ',');
  assert_problem (data->str, data->len, "test.csv:1: more than 1000 fields in one row");

  /* One field over the length limit, unquoted and quoted. */
  g_string_set_size (data, 0);
  g_string_append (data, "a,");
  for (guint i = 0; i < FA_CSV_MAX_FIELD_LENGTH + 1; i++)
    g_string_append_c (data, 'x');
  assert_problem (data->str, data->len, "test.csv:1:2: field is longer than 1048576 bytes");

  g_string_set_size (data, 0);
  g_string_append (data, "\"");
  for (guint i = 0; i < FA_CSV_MAX_FIELD_LENGTH; i++)
    g_string_append_c (data, i % 2 ? '\n' : 'x');
  g_string_append (data, "x\"\n");
  assert_problem (data->str, data->len, "test.csv:524289:1: field is longer than 1048576 bytes");
}

static void
test_read_file (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *small = fa_test_write_file (dir, "small.csv", "a,b\n1,2\n", -1);
  g_autofree char *big = g_build_filename (dir, "big.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  g_autoptr(FaCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  FILE *file;

  reader = fa_csv_reader_new_for_path (small, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fa_csv_reader_get_name (reader), ==, "small.csv");
  g_assert_true (fa_csv_reader_next_row (reader, NULL));
  g_assert_true (fa_csv_reader_next_row (reader, NULL));
  g_assert_cmpstr (fa_csv_reader_get_field (reader, 1), ==, "2");

  /* A sparse file one byte over the limit. */
  file = g_fopen (big, "wb");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, FA_CSV_MAX_FILE_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('x', file), ==, 'x');
  g_assert_cmpint (fclose (file), ==, 0);
  bytes = fa_csv_read_file (big, &error);
  g_assert_null (bytes);
  g_assert_error (error, FA_DATA_ERROR, FA_DATA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "big.csv: the file is larger than 64 MiB");
  g_clear_error (&error);

  bytes = fa_csv_read_file (missing, &error);
  g_assert_null (bytes);
  g_assert_cmpstr (error->message, ==, "missing.csv: the file does not exist");
  g_clear_error (&error);

  /* Directories (and FIFOs, devices) are refused before opening. */
  bytes = fa_csv_read_file (dir, &error);
  g_assert_null (bytes);
  g_assert_error (error, FA_DATA_ERROR, FA_DATA_ERROR_INVALID);
  g_clear_error (&error);

  fa_test_rmtree (dir);
}

/* A FIFO blocked open() for ever: refused at once, by what it is.  And a
 * file name that is not UTF-8 is shown as one. */
static void
test_read_special (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autofree char *pipe = g_build_filename (dir, "pipe.csv", NULL);
  g_autofree char *latin1 = fa_test_write_file (dir, "caf\xe9.csv", "a,b\n1,2\n", -1);
  g_autoptr(FaCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
  bytes = fa_csv_read_file (pipe, &error);
  g_assert_null (bytes);
  g_assert_error (error, FA_DATA_ERROR, FA_DATA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "pipe.csv: cannot read the file: it is a named pipe (FIFO); expected a regular file");
  g_clear_error (&error);

  bytes = fa_csv_read_file (dir, &error);
  g_assert_null (bytes);
  g_assert_true (g_str_has_suffix (error->message, ": cannot read the file: it is a folder; expected a regular file"));
  g_clear_error (&error);

  reader = fa_csv_reader_new_for_path (latin1, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (fa_csv_reader_get_name (reader), -1, NULL));

  fa_test_rmtree (dir);
}

/* Random edits of a valid file never crash or hang the reader; it either
 * reads rows or stops with one located problem. */
static void
test_mutations (void)
{
  const char *valid =
    "\xEF\xBB\xBFid,name,note\r\n"
    "kyiv,\"Kyiv, \"\"capital\"\"\",\"multi\nline\"\r\n"
    "lviv,Львів,\n";
  gsize length = strlen (valid);

  for (guint iteration = 0; iteration < 2000; iteration++)
    {
      g_autoptr(GArray) data = g_array_new (FALSE, FALSE, sizeof (guint8));
      g_autoptr(GError) error = NULL;
      g_autofree char *rows = NULL;
      guint n_edits = g_test_rand_int_range (1, 6);

      g_array_append_vals (data, valid, length);
      for (guint e = 0; e < n_edits; e++)
        {
          guint at = g_test_rand_int_range (0, data->len + 1);
          guint8 byte = g_test_rand_int_range (0, 256);
          static const guint8 specials[] = { '"', ',', '\r', '\n', 0xC3, 0xEF, 0 };

          if (g_test_rand_bit ())
            byte = specials[g_test_rand_int_range (0, G_N_ELEMENTS (specials))];

          switch (g_test_rand_int_range (0, 3))
            {
            case 0:
              if (at < data->len)
                g_array_remove_index (data, at);
              break;
            case 1:
              g_array_insert_val (data, at, byte);
              break;
            default:
              if (at < data->len)
                ((guint8 *) data->data)[at] ^= 1 << g_test_rand_int_range (0, 8);
              break;
            }
        }

      rows = read_all (data->data, data->len, &error);
      if (error != NULL)
        {
          g_assert_error (error, FA_DATA_ERROR, FA_DATA_ERROR_INVALID);
          g_assert_true (g_str_has_prefix (error->message, "test.csv:"));
          g_assert_cmpuint (fa_data_error_get_problems (error)->len, ==, 1);
        }
      else
        g_assert_true (g_utf8_validate (rows, -1, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fa/csv/plain", test_plain);
  g_test_add_func ("/fa/csv/quoting", test_quoting);
  g_test_add_func ("/fa/csv/multiline", test_multiline);
  g_test_add_func ("/fa/csv/line-endings", test_line_endings);
  g_test_add_func ("/fa/csv/bom", test_bom);
  g_test_add_func ("/fa/csv/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/fa/csv/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/fa/csv/limits", test_limits);
  g_test_add_func ("/fa/csv/read-file", test_read_file);
  g_test_add_func ("/fa/csv/read-special", test_read_special);
  g_test_add_func ("/fa/csv/mutations", test_mutations);

  return g_test_run ();
}
