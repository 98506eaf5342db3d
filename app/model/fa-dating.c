/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-dating"

#include "config.h"

#include "fa-dating.h"

#include <glib/gi18n-lib.h>

/* The time semantics of every dated thing of a dataset, in one place: the
 * months a row is shown for follow from where its time comes from
 * (FORMAT.md §7.1).  Flows and the evidence of sites both use them. */

G_DEFINE_ENUM_TYPE (FaDating, fa_dating,
  G_DEFINE_ENUM_VALUE (FA_DATING_STATED, "stated"),
  G_DEFINE_ENUM_VALUE (FA_DATING_CONTEXT, "context"),
  G_DEFINE_ENUM_VALUE (FA_DATING_REPORTING_PERIOD, "reporting-period"),
  G_DEFINE_ENUM_VALUE (FA_DATING_NOT_DATED, "not-dated"))

/**
 * fa_dating_to_string:
 *
 * Returns: the keyword of the `dated` column and of `--list`, such as
 *   "reporting-period"
 */
const char *
fa_dating_to_string (FaDating dating)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (FA_TYPE_DATING);
  GEnumValue *value = g_enum_get_value (klass, dating);

  return value != NULL ? value->value_nick : "stated";
}

/**
 * fa_dating_is_dated:
 *
 * Returns: whether the source gives the row a time, itself or by its
 *   context; %FALSE for a row drawn as "time not stated"
 */
gboolean
fa_dating_is_dated (FaDating dating)
{
  return dating == FA_DATING_STATED || dating == FA_DATING_CONTEXT;
}

/**
 * fa_dating_is_active_in:
 * @dating: where the row's time comes from
 * @shown_start: the first month it is shown for, or %FA_MONTH_NONE when open
 * @shown_end: the last month it is shown for, or %FA_MONTH_NONE when open
 * @from: the first month of a window, or %FA_MONTH_NONE for no lower limit
 * @to: the last month of the window (inclusive), or %FA_MONTH_NONE for no upper limit
 *
 * Returns: whether a row shown for @shown_start … @shown_end runs during
 *   at least one month of the window; never for a row known to have
 *   happened at no month in particular
 */
gboolean
fa_dating_is_active_in (FaDating dating,
                        FaMonth  shown_start,
                        FaMonth  shown_end,
                        FaMonth  from,
                        FaMonth  to)
{
  /* Not known to run at any month. */
  if (dating == FA_DATING_NOT_DATED)
    return FALSE;

  if (to != FA_MONTH_NONE && shown_start != FA_MONTH_NONE && shown_start > to)
    return FALSE;
  if (from != FA_MONTH_NONE && shown_end != FA_MONTH_NONE && shown_end < from)
    return FALSE;

  return TRUE;
}

/**
 * fa_dating_has_started:
 * @dating: where the row's time comes from
 * @shown_start: the first month it is shown for, or %FA_MONTH_NONE when open
 * @month: a valid month
 *
 * Returns: whether the row had begun by @month, ended or not: what a
 *   cumulative view up to @month shows
 */
gboolean
fa_dating_has_started (FaDating dating,
                       FaMonth  shown_start,
                       FaMonth  month)
{
  /* Known to have happened by the start of the reporting period, if the
   * dataset has one; else at no month in particular. */
  if (dating == FA_DATING_NOT_DATED)
    return shown_start != FA_MONTH_NONE && shown_start <= month;

  return shown_start == FA_MONTH_NONE || shown_start <= month;
}

/**
 * fa_dating_describe_undated:
 * @dating: where the row's time comes from
 * @previous_years: whether the source places it "in previous years"
 * @shown_start: the first month it is shown for
 * @shown_end: the last month it is shown for
 *
 * What the map says of the time of a row the source gives none: "Time not
 * stated in the source; shown for the report’s period, April 2023 – March
 * 2024".
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL for a dated
 *   row
 */
char *
fa_dating_describe_undated (FaDating dating,
                            gboolean previous_years,
                            FaMonth  shown_start,
                            FaMonth  shown_end)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (fa_dating_is_dated (dating))
    return NULL;

  if (dating == FA_DATING_REPORTING_PERIOD && fa_month_is_valid (shown_start) && fa_month_is_valid (shown_end))
    {
      first = fa_month_format (shown_start);
      last = fa_month_format (shown_end);
      /* translators: 1 and 2 are months, such as "April 2023" and "March 2024" */
      return g_strdup_printf (_("Time not stated in the source; shown for the report’s period, %s – %s"),
                              first, last);
    }

  if (previous_years && fa_month_is_valid (shown_start))
    {
      first = fa_month_format (shown_start);
      /* translators: %s is the first month of the report's period, such as "April 2023" */
      return g_strdup_printf (_("Time not stated in the source: in previous years, before %s"), first);
    }

  return g_strdup (_("Time not stated in the source"));
}
