/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-data-problem"

#include "config.h"

#include "fa-data-problem.h"

#include "fa-text.h"

/* Problems quote what the files hold; a message this long is a quoted
 * value gone wild (fields may be a mebibyte), not more information. */
#define MAX_MESSAGE_CHARS 1000

G_DEFINE_BOXED_TYPE (FaDataProblem, fa_data_problem, fa_data_problem_copy, fa_data_problem_free)

/**
 * fa_data_problem_new:
 * @file: the file's base name
 * @line: 1-based line, or 0 when the problem concerns the whole file
 * @column: 1-based field number, or 0 when the problem concerns the whole row
 * @message: the message, without the location
 *
 * The file name and the message are made safe to show whatever they quote:
 * valid UTF-8, control characters escaped (see fa_text_quote()), and the
 * message cut after 1000 characters.
 *
 * Returns: (transfer full): a new problem; free it with fa_data_problem_free()
 */
FaDataProblem *
fa_data_problem_new (const char *file,
                     guint       line,
                     guint       column,
                     const char *message)
{
  FaDataProblem *self;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_new0 (FaDataProblem, 1);
  self->file = fa_text_quote (file, -1, FA_TEXT_MAX_QUOTED);
  self->line = line;
  self->column = column;
  self->message = fa_text_quote (message, -1, MAX_MESSAGE_CHARS);

  return self;
}

/**
 * fa_data_problem_copy:
 * @self: a problem
 *
 * Returns: (transfer full): a deep copy of @self
 */
FaDataProblem *
fa_data_problem_copy (const FaDataProblem *self)
{
  FaDataProblem *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (FaDataProblem, 1);
  copy->file = g_strdup (self->file);
  copy->line = self->line;
  copy->column = self->column;
  copy->message = g_strdup (self->message);

  return copy;
}

/**
 * fa_data_problem_free:
 * @self: (nullable): a problem
 *
 * Frees @self and its strings.
 */
void
fa_data_problem_free (FaDataProblem *self)
{
  if (self == NULL)
    return;

  g_free (self->file);
  g_free (self->message);
  g_free (self);
}

/**
 * fa_data_problem_to_string:
 * @self: a problem
 *
 * Formats @self the way compilers do: `FILE:LINE:COLUMN: message`, leaving out
 * the column when it is 0 and the line too when that is 0.
 *
 * Returns: (transfer full): the formatted problem
 */
char *
fa_data_problem_to_string (const FaDataProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->line == 0)
    return g_strdup_printf ("%s: %s", self->file, self->message);
  if (self->column == 0)
    return g_strdup_printf ("%s:%u: %s", self->file, self->line, self->message);
  return g_strdup_printf ("%s:%u:%u: %s", self->file, self->line, self->column, self->message);
}
