/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FA_TYPE_DATA_PROBLEM (fa_data_problem_get_type ())

typedef struct _FaDataProblem FaDataProblem;

/**
 * FaDataProblem:
 * @file: the file's base name, such as "flows.csv"
 * @line: the 1-based physical line where the field starts, or 0 for the whole file
 * @column: the 1-based field number, or 0 for the whole row or file
 * @message: what is wrong and what was expected, without the location; problems
 *   about one field start with the column's header name, as in `start: malformed date …`
 *
 * A problem in a dataset file, as listed by fa_data_error_get_problems().
 */
struct _FaDataProblem
{
  char  *file;
  guint  line;
  guint  column;
  char  *message;
};

GType          fa_data_problem_get_type  (void) G_GNUC_CONST;
FaDataProblem *fa_data_problem_new       (const char          *file,
                                          guint                line,
                                          guint                column,
                                          const char          *message);
FaDataProblem *fa_data_problem_copy      (const FaDataProblem *self);
void           fa_data_problem_free      (FaDataProblem       *self);
char          *fa_data_problem_to_string (const FaDataProblem *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaDataProblem, fa_data_problem_free)

G_END_DECLS
