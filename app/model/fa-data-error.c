/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-data-error"

#include "config.h"

#include "fa-data-error.h"

#include <glib/gi18n.h>

#include "fa-data-problem.h"

typedef struct
{
  GPtrArray *problems;    /* owned, of FaDataProblem; never modified once set */
  guint      n_problems;  /* including those not kept */
} FaDataErrorPrivate;

static void
fa_data_error_private_init (FaDataErrorPrivate *priv)
{
  priv->problems = NULL;
  priv->n_problems = 0;
}

static void
fa_data_error_private_copy (const FaDataErrorPrivate *src,
                            FaDataErrorPrivate       *dest)
{
  dest->problems = src->problems != NULL ? g_ptr_array_ref (src->problems) : NULL;
  dest->n_problems = src->n_problems;
}

static void
fa_data_error_private_clear (FaDataErrorPrivate *priv)
{
  g_clear_pointer (&priv->problems, g_ptr_array_unref);
}

G_DEFINE_EXTENDED_ERROR (FaDataError, fa_data_error)

/**
 * fa_data_error_new_from_problems:
 * @code: the error code
 * @problems: (element-type FaDataProblem): the problems kept, in the order found;
 *   the array must own its elements and not change afterwards
 * @n_problems: how many problems were found, at least `problems->len`
 *
 * Creates an error whose message lists @problems one per line (see
 * fa_data_problem_to_string()), followed by "… and N more problems" when
 * @n_problems exceeds them.
 *
 * Returns: (transfer full): a new #FA_DATA_ERROR error holding a reference on @problems
 */
GError *
fa_data_error_new_from_problems (FaDataError  code,
                                 GPtrArray   *problems,
                                 guint        n_problems)
{
  g_autoptr(GString) message = NULL;
  FaDataErrorPrivate *priv;
  GError *error;

  g_return_val_if_fail (problems != NULL, NULL);
  g_return_val_if_fail (n_problems >= problems->len, NULL);

  message = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = fa_data_problem_to_string (g_ptr_array_index (problems, i));

      if (i > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, line);
    }
  if (n_problems > problems->len)
    {
      guint more = n_problems - problems->len;

      if (message->len > 0)
        g_string_append_c (message, '\n');
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "… and %u more problem",
                                           "… and %u more problems", more),
                              more);
    }

  error = g_error_new_literal (FA_DATA_ERROR, code, message->str);
  priv = fa_data_error_get_private (error);
  priv->problems = g_ptr_array_ref (problems);
  priv->n_problems = n_problems;

  return error;
}

/**
 * fa_data_error_get_problems:
 * @error: an error
 *
 * Gets the problems behind a dataset error, for listing them one by one.
 * At most %FA_DATA_ERROR_MAX_PROBLEMS are kept.
 *
 * Returns: (transfer none) (nullable) (element-type FaDataProblem): the
 *   problems, or %NULL when @error is not a #FA_DATA_ERROR or has none
 */
GPtrArray *
fa_data_error_get_problems (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != FA_DATA_ERROR)
    return NULL;

  return fa_data_error_get_private (error)->problems;
}

/**
 * fa_data_error_get_n_problems:
 * @error: an error
 *
 * Gets how many problems were found, including those beyond the ones kept.
 *
 * Returns: the number of problems, 0 when @error is not a #FA_DATA_ERROR
 */
guint
fa_data_error_get_n_problems (const GError *error)
{
  g_return_val_if_fail (error != NULL, 0);

  if (error->domain != FA_DATA_ERROR)
    return 0;

  return fa_data_error_get_private (error)->n_problems;
}
