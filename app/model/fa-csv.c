/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-csv"

#include "config.h"

#include "fa-csv.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fa-data-error.h"
#include "fa-data-problem.h"
#include "fa-text.h"

struct _FaCsvReader
{
  GBytes     *bytes;        /* owned */
  const char *data;         /* borrowed from bytes */
  gsize       length;
  gsize       pos;
  guint       line;         /* 1-based line at pos */
  gsize       bad_offset;   /* first byte that is not UTF-8, or G_MAXSIZE */
  char       *name;         /* owned */

  GPtrArray  *fields;       /* owned, of GString; reused, only n_fields are current */
  GArray     *field_lines;  /* of guint, parallel to fields */
  guint       n_fields;
  guint       row_line;
  gboolean    done;         /* end reached or fatal problem reported */
};

static gboolean
set_problem (FaCsvReader  *self,
             GError      **error,
             guint         line,
             guint         column,
             const char   *message)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) fa_data_problem_free);

  g_ptr_array_add (problems, fa_data_problem_new (self->name, line, column, message));
  g_propagate_error (error, fa_data_error_new_from_problems (FA_DATA_ERROR_INVALID, problems, 1));
  self->done = TRUE;

  return FALSE;
}

static gboolean
set_field_too_long (FaCsvReader  *self,
                    GError      **error)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf (_("field is longer than %u bytes"), FA_CSV_MAX_FIELD_LENGTH);
  return set_problem (self, error, self->line, self->n_fields, message);
}

static GString *
begin_field (FaCsvReader *self)
{
  GString *field;

  if (self->n_fields == self->fields->len)
    {
      g_ptr_array_add (self->fields, g_string_new (NULL));
      g_array_set_size (self->field_lines, self->fields->len);
    }

  field = g_ptr_array_index (self->fields, self->n_fields);
  g_string_truncate (field, 0);
  g_array_index (self->field_lines, guint, self->n_fields) = self->line;
  self->n_fields++;

  return field;
}

/* Appends data[pos, end) to field and moves pos to end, checking the
 * limits and the encoding on the way.  The span holds no line break. */
static gboolean
append_span (FaCsvReader  *self,
             GString      *field,
             gsize         end,
             GError      **error)
{
  if (self->bad_offset >= self->pos && self->bad_offset < end)
    {
      g_autofree char *message = NULL;

      /* translators: %02X is the hexadecimal value of a byte */
      message = g_strdup_printf (_("invalid UTF-8 (byte 0x%02X); save the file as UTF-8"),
                                 (guchar) self->data[self->bad_offset]);
      return set_problem (self, error, self->line, self->n_fields, message);
    }

  if (field->len + (end - self->pos) > FA_CSV_MAX_FIELD_LENGTH)
    return set_field_too_long (self, error);

  g_string_append_len (field, self->data + self->pos, end - self->pos);
  self->pos = end;

  return TRUE;
}

/* The offset of the next stop character (or of the end) from pos on. */
static gsize
find_stop (FaCsvReader *self,
           char         stop)
{
  gsize end = self->pos;

  while (end < self->length)
    {
      char c = self->data[end];

      if (c == stop || c == '\r' || c == '\n')
        break;
      end++;
    }

  return end;
}

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}

/* Consumes one line break (CRLF, LF or a lone CR) at pos, if any. */
static void
skip_line_break (FaCsvReader *self)
{
  if (self->pos >= self->length)
    return;

  if (self->data[self->pos] == '\r')
    {
      self->pos++;
      if (self->pos < self->length && self->data[self->pos] == '\n')
        self->pos++;
    }
  else if (self->data[self->pos] == '\n')
    self->pos++;
  else
    return;

  self->line++;
}

static gboolean
read_quoted (FaCsvReader  *self,
             GString      *field,
             GError      **error)
{
  guint quote_line = self->line;

  self->pos++;  /* the opening quote */

  for (;;)
    {
      gsize end;

      end = find_stop (self, '"');
      if (!append_span (self, field, end, error))
        return FALSE;

      if (self->pos >= self->length)
        return set_problem (self, error, quote_line, self->n_fields,
                            _("unterminated quoted field: the closing quote is missing"));

      if (self->data[self->pos] == '"')
        {
          if (self->pos + 1 < self->length && self->data[self->pos + 1] == '"')
            {
              if (!append_span (self, field, self->pos + 1, error))
                return FALSE;
              self->pos++;  /* the second quote of the pair */
            }
          else
            {
              self->pos++;
              break;
            }
        }
      else
        {
          /* A line break inside the field, normalized to LF. */
          if (field->len >= FA_CSV_MAX_FIELD_LENGTH)
            return set_field_too_long (self, error);
          skip_line_break (self);
          g_string_append_c (field, '\n');
        }
    }

  /* Lenient: text between the closing quote and the next separator is kept. */
  return append_span (self, field, find_stop (self, ','), error);
}

/**
 * fa_csv_reader_new:
 * @bytes: the file contents
 * @name: the file name used in problems, usually a base name
 *
 * Creates a reader over @bytes.  A leading UTF-8 byte order mark is skipped.
 *
 * Returns: (transfer full): a new reader; free it with fa_csv_reader_free()
 */
FaCsvReader *
fa_csv_reader_new (GBytes     *bytes,
                   const char *name)
{
  FaCsvReader *self;
  const char *end = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_new0 (FaCsvReader, 1);
  self->bytes = g_bytes_ref (bytes);
  self->data = g_bytes_get_data (bytes, &self->length);
  self->name = g_strdup (name);
  self->line = 1;
  self->fields = g_ptr_array_new_with_free_func (free_string);
  self->field_lines = g_array_new (FALSE, TRUE, sizeof (guint));

  if (self->length >= 3 && memcmp (self->data, "\xEF\xBB\xBF", 3) == 0)
    self->pos = 3;

  self->bad_offset = G_MAXSIZE;
  if (self->length > self->pos &&
      !g_utf8_validate_len (self->data + self->pos, self->length - self->pos, &end))
    self->bad_offset = end - self->data;

  return self;
}

/**
 * fa_csv_read_file:
 * @path: a regular file
 * @error: return location for an error
 *
 * Reads a whole data file, refusing anything larger than
 * %FA_CSV_MAX_FILE_SIZE and anything but a regular file, which could block
 * or never end.
 *
 * Returns: (transfer full): the contents, or %NULL with @error set (an
 *   #FA_DATA_ERROR with one problem naming the file's base name)
 */
GBytes *
fa_csv_read_file (const char  *path,
                  GError     **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *message = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* One descriptor for the check and the read, opened without blocking: a
   * FIFO would block open() until a writer comes, and a name checked
   * before opening could be another file by then. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        message = g_strdup (_("the file does not exist"));
      else
        /* translators: %s is a system error message */
        message = g_strdup_printf (_("cannot open the file: %s"), g_strerror (saved_errno));
      goto fail;
    }

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      message = g_strdup_printf (_("cannot read the file: %s"), g_strerror (saved_errno));
      goto fail;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      if (S_ISDIR (st.st_mode))
        message = g_strdup (_("cannot read the file: it is a folder; expected a regular file"));
      else if (S_ISFIFO (st.st_mode))
        message = g_strdup (_("cannot read the file: it is a named pipe (FIFO); expected a regular file"));
      else
        message = g_strdup (_("cannot read the file: it is not a regular file"));
      goto fail;
    }

  if (st.st_size > FA_CSV_MAX_FILE_SIZE)
    {
      close (fd);
      goto too_large;
    }

  buffer = g_byte_array_sized_new ((guint) st.st_size);
  for (;;)
    {
      guint8 chunk[65536];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          message = g_strdup_printf (_("cannot read the file: %s"), g_strerror (saved_errno));
          goto fail;
        }
      if (n == 0)
        break;
      /* The file may grow while it is read. */
      if (buffer->len + (gsize) n > FA_CSV_MAX_FILE_SIZE)
        {
          close (fd);
          goto too_large;
        }
      g_byte_array_append (buffer, chunk, n);
    }
  close (fd);

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));

too_large:
  /* translators: %u is a size in mebibytes */
  message = g_strdup_printf (_("the file is larger than %u MiB"), FA_CSV_MAX_FILE_SIZE / (1024 * 1024));

fail:
  name = fa_text_display_name (path);
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) fa_data_problem_free);
  g_ptr_array_add (problems, fa_data_problem_new (name, 0, 0, message));
  g_propagate_error (error, fa_data_error_new_from_problems (FA_DATA_ERROR_INVALID, problems, 1));
  return NULL;
}

/**
 * fa_csv_reader_new_for_path:
 * @path: a regular file
 * @error: return location for an error
 *
 * Reads the file at @path with fa_csv_read_file() and creates a reader
 * named after its base name.
 *
 * Returns: (transfer full): a new reader, or %NULL with @error set (an
 *   #FA_DATA_ERROR with one problem) when the file cannot be read
 */
FaCsvReader *
fa_csv_reader_new_for_path (const char  *path,
                            GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = fa_csv_read_file (path, error);
  if (bytes == NULL)
    return NULL;

  name = fa_text_display_name (path);
  return fa_csv_reader_new (bytes, name);
}

/**
 * fa_csv_reader_free:
 * @self: (nullable): a reader
 *
 * Frees @self.
 */
void
fa_csv_reader_free (FaCsvReader *self)
{
  if (self == NULL)
    return;

  g_bytes_unref (self->bytes);
  g_free (self->name);
  g_ptr_array_unref (self->fields);
  g_array_unref (self->field_lines);
  g_free (self);
}

/**
 * fa_csv_reader_get_name:
 * @self: a reader
 *
 * Returns: the name used in problems
 */
const char *
fa_csv_reader_get_name (FaCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

/**
 * fa_csv_reader_next_row:
 * @self: a reader
 * @error: return location for an error
 *
 * Reads the next non-blank row.  Its fields stay valid until the next call.
 *
 * Returns: %TRUE when a row was read; %FALSE at the end of the data, or with
 *   @error set (an #FA_DATA_ERROR with one problem) when the data is broken,
 *   after which every call returns %FALSE
 */
gboolean
fa_csv_reader_next_row (FaCsvReader  *self,
                        GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  while (!self->done)
    {
      gboolean first_quoted = FALSE;

      self->n_fields = 0;
      self->row_line = self->line;

      if (self->pos >= self->length)
        break;

      for (;;)
        {
          GString *field;

          if (self->n_fields == FA_CSV_MAX_FIELDS)
            {
              g_autofree char *message = NULL;

              message = g_strdup_printf (_("more than %u fields in one row"), FA_CSV_MAX_FIELDS);
              return set_problem (self, error, self->line, 0, message);
            }

          field = begin_field (self);
          if (self->pos < self->length && self->data[self->pos] == '"')
            {
              first_quoted |= self->n_fields == 1;
              if (!read_quoted (self, field, error))
                return FALSE;
            }
          else if (!append_span (self, field, find_stop (self, ','), error))
            return FALSE;

          if (self->pos < self->length && self->data[self->pos] == ',')
            {
              self->pos++;
              continue;
            }

          skip_line_break (self);
          break;
        }

      /* Skip blank lines, but not a row holding one quoted empty field. */
      if (self->n_fields == 1 && !first_quoted &&
          ((GString *) g_ptr_array_index (self->fields, 0))->len == 0)
        continue;

      return TRUE;
    }

  self->n_fields = 0;
  self->done = TRUE;
  return FALSE;
}

/**
 * fa_csv_reader_get_line:
 * @self: a reader
 *
 * Returns: the 1-based line where the current row starts
 */
guint
fa_csv_reader_get_line (FaCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->row_line;
}

/**
 * fa_csv_reader_get_n_fields:
 * @self: a reader
 *
 * Returns: the number of fields in the current row
 */
guint
fa_csv_reader_get_n_fields (FaCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_fields;
}

/**
 * fa_csv_reader_get_field:
 * @self: a reader
 * @index: a 0-based field index, below fa_csv_reader_get_n_fields()
 *
 * Returns: (transfer none): the unquoted field text, valid UTF-8
 */
const char *
fa_csv_reader_get_field (FaCsvReader *self,
                         guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_fields, NULL);

  return ((GString *) g_ptr_array_index (self->fields, index))->str;
}

/**
 * fa_csv_reader_get_field_line:
 * @self: a reader
 * @index: a 0-based field index, below fa_csv_reader_get_n_fields()
 *
 * Returns: the 1-based line where the field starts; it differs from the
 *   row's line after a quoted field spanning several lines
 */
guint
fa_csv_reader_get_field_line (FaCsvReader *self,
                              guint        index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->n_fields, 0);

  return g_array_index (self->field_lines, guint, index);
}
