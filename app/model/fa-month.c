/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-month"

#include "config.h"

#include "fa-month.h"
#include "fa-text.h"

#include <glib/gi18n.h>
#include <string.h>

G_DEFINE_ENUM_TYPE (FaMonthPrecision, fa_month_precision,
  G_DEFINE_ENUM_VALUE (FA_MONTH_PRECISION_NONE, "none"),
  G_DEFINE_ENUM_VALUE (FA_MONTH_PRECISION_YEAR, "year"),
  G_DEFINE_ENUM_VALUE (FA_MONTH_PRECISION_MONTH, "month"),
  G_DEFINE_ENUM_VALUE (FA_MONTH_PRECISION_DAY, "day"))

/* Reads exactly n ASCII digits. */
static gboolean
parse_digits (const char *text,
              guint       n,
              int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }

  *out = value;
  return TRUE;
}

/* Month names come from FlowAtlas's own catalogue, not from the C
 * library's LC_TIME: the date line is then in the language of the rest of
 * the sentence ("Stand: Juni 2023"), whatever locale LANG names and
 * whether or not it is installed. */
#define STANDALONE_CONTEXT "month name standing alone"
#define IN_DATE_CONTEXT "month name in a date"

/* translators: the nominative, as in the date line "June 2023" (%OB in the
 * month formats); lower or upper case as the language writes a month in
 * the middle of a sentence ("Stand: Juni 2023", "станом на червень 2023"). */
static const char *const standalone_names[] = {
  NC_("month name standing alone", "January"),
  NC_("month name standing alone", "February"),
  NC_("month name standing alone", "March"),
  NC_("month name standing alone", "April"),
  NC_("month name standing alone", "May"),
  NC_("month name standing alone", "June"),
  NC_("month name standing alone", "July"),
  NC_("month name standing alone", "August"),
  NC_("month name standing alone", "September"),
  NC_("month name standing alone", "October"),
  NC_("month name standing alone", "November"),
  NC_("month name standing alone", "December"),
};

/* translators: the form in a full date, as in "24 February 2022" (%B in
 * the month formats): the genitive where the language has one ("24 лютого
 * 2022"). */
static const char *const in_date_names[] = {
  NC_("month name in a date", "January"),
  NC_("month name in a date", "February"),
  NC_("month name in a date", "March"),
  NC_("month name in a date", "April"),
  NC_("month name in a date", "May"),
  NC_("month name in a date", "June"),
  NC_("month name in a date", "July"),
  NC_("month name in a date", "August"),
  NC_("month name in a date", "September"),
  NC_("month name in a date", "October"),
  NC_("month name in a date", "November"),
  NC_("month name in a date", "December"),
};

/* @format with its month-name conversions (%OB, %B) replaced by the
 * catalogue's names, for g_date_time_format() to do the rest. */
static char *
substitute_month_names (const char *format,
                        int         month)
{
  const char *standalone = fa_text_pgettext (STANDALONE_CONTEXT, standalone_names[month - 1]);
  const char *in_date = fa_text_pgettext (IN_DATE_CONTEXT, in_date_names[month - 1]);
  GString *out = g_string_new (NULL);

  for (const char *p = format; *p != '\0'; p++)
    {
      const char *name = NULL;
      guint skip = 0;

      if (p[0] == '%' && p[1] == '%')
        {
          g_string_append (out, "%%");
          p++;
          continue;
        }
      if (g_str_has_prefix (p, "%OB"))
        {
          name = standalone;
          skip = 2;
        }
      else if (g_str_has_prefix (p, "%B"))
        {
          name = in_date;
          skip = 1;
        }

      if (name == NULL)
        {
          g_string_append_c (out, *p);
          continue;
        }
      /* A name is text, never a conversion of its own. */
      for (const char *c = name; *c != '\0'; c++)
        {
          if (*c == '%')
            g_string_append_c (out, '%');
          g_string_append_c (out, *c);
        }
      p += skip;
    }

  return g_string_free (out, FALSE);
}

static char *
format_or_iso (FaMonth     month,
               int         day,
               const char *format,
               char     *(*fallback) (FaMonth))
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *named = NULL;
  char *text = NULL;

  dt = g_date_time_new_utc (fa_month_get_year (month), fa_month_get_month (month),
                            day, 0, 0, 0);
  named = substitute_month_names (format, fa_month_get_month (month));
  if (dt != NULL)
    text = g_date_time_format (dt, named);

  /* A broken translation of the format must not lose the date. */
  return text != NULL ? text : fallback (month);
}

static char *
format_year (FaMonth month)
{
  return g_strdup_printf ("%04d", fa_month_get_year (month));
}

/**
 * fa_month_from_ym:
 * @year: a year, 1 to 9999
 * @month: a month, 1 (January) to 12
 *
 * Returns: the month as `year * 12 + (month - 1)`
 */
FaMonth
fa_month_from_ym (int year,
                  int month)
{
  g_return_val_if_fail (year >= 1 && year <= 9999, FA_MONTH_NONE);
  g_return_val_if_fail (month >= 1 && month <= 12, FA_MONTH_NONE);

  return year * 12 + (month - 1);
}

/**
 * fa_month_get_year:
 * @month: a valid month
 *
 * Returns: the year of @month
 */
int
fa_month_get_year (FaMonth month)
{
  g_return_val_if_fail (fa_month_is_valid (month), 0);

  return month / 12;
}

/**
 * fa_month_get_month:
 * @month: a valid month
 *
 * Returns: the month of the year, 1 (January) to 12
 */
int
fa_month_get_month (FaMonth month)
{
  g_return_val_if_fail (fa_month_is_valid (month), 0);

  return month % 12 + 1;
}

/**
 * fa_month_is_valid:
 * @month: a month
 *
 * Returns: %TRUE when @month lies between %FA_MONTH_MIN and %FA_MONTH_MAX,
 *   so it is neither %FA_MONTH_NONE nor garbage
 */
gboolean
fa_month_is_valid (FaMonth month)
{
  return month >= FA_MONTH_MIN && month <= FA_MONTH_MAX;
}

/**
 * fa_month_parse_date:
 * @text: a date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
 * @is_end: whether @text ends a range: a year alone then means its December
 *   rather than its January
 * @month: (out) (optional): the month
 * @precision: (out) (optional): how precisely @text was written
 * @day: (out) (optional): the day of the month, or 0 without one
 *
 * Parses a date strictly: no surrounding spaces, a four-digit year from 0001,
 * two-digit months and days, and days that exist in their month.
 *
 * Returns: %TRUE if @text is such a date; the outputs are untouched otherwise
 */
gboolean
fa_month_parse_date (const char       *text,
                     gboolean          is_end,
                     FaMonth          *month,
                     FaMonthPrecision *precision,
                     int              *day)
{
  gsize length;
  int y = 0, m = 0, d = 0;
  FaMonthPrecision p;

  g_return_val_if_fail (text != NULL, FALSE);

  length = strlen (text);
  if (length != 4 && length != 7 && length != 10)
    return FALSE;
  if (!parse_digits (text, 4, &y) || y < 1)
    return FALSE;
  p = FA_MONTH_PRECISION_YEAR;
  m = is_end ? 12 : 1;

  if (length >= 7)
    {
      if (text[4] != '-' || !parse_digits (text + 5, 2, &m) || m < 1 || m > 12)
        return FALSE;
      p = FA_MONTH_PRECISION_MONTH;
    }

  if (length == 10)
    {
      if (text[7] != '-' || !parse_digits (text + 8, 2, &d) ||
          !g_date_valid_dmy (d, m, y))
        return FALSE;
      p = FA_MONTH_PRECISION_DAY;
    }

  if (month != NULL)
    *month = fa_month_from_ym (y, m);
  if (precision != NULL)
    *precision = p;
  if (day != NULL)
    *day = d;

  return TRUE;
}

/**
 * fa_month_parse:
 * @text: a date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
 * @precision: (out) (optional): how precisely @text was written
 * @is_end: whether @text ends an inclusive range (`2017` then means December 2017)
 * @out: (out) (optional): the month
 *
 * Like fa_month_parse_date(), dropping the day.
 *
 * Returns: %TRUE if @text is a valid date
 */
gboolean
fa_month_parse (const char       *text,
                FaMonthPrecision *precision,
                gboolean          is_end,
                FaMonth          *out)
{
  return fa_month_parse_date (text, is_end, out, precision, NULL);
}

/**
 * fa_month_format:
 * @month: a valid month
 *
 * Formats @month for people, in the current locale: "June 2023".
 *
 * Returns: (transfer full): the month's name and year
 */
char *
fa_month_format (FaMonth month)
{
  g_return_val_if_fail (fa_month_is_valid (month), NULL);

  /* translators: a month and year, as in "June 2023"; see g_date_time_format().
   * %OB is the month name in the nominative case, standing alone. */
  return format_or_iso (month, 1, _("%OB %Y"), fa_month_format_iso);
}

/**
 * fa_month_format_iso:
 * @month: a valid month
 *
 * Returns: (transfer full): @month as `YYYY-MM`, such as "2023-06"
 */
char *
fa_month_format_iso (FaMonth month)
{
  g_return_val_if_fail (fa_month_is_valid (month), NULL);

  return g_strdup_printf ("%04d-%02d", fa_month_get_year (month), fa_month_get_month (month));
}

/**
 * fa_month_format_date:
 * @month: a valid month
 * @precision: how much of the date to show
 * @day: the day of the month, used with %FA_MONTH_PRECISION_DAY
 *
 * Formats a date for people at its precision, in the current locale:
 * "24 February 2022", "June 2023" or "2017".
 *
 * Returns: (transfer full): the formatted date
 */
char *
fa_month_format_date (FaMonth          month,
                      FaMonthPrecision precision,
                      int              day)
{
  g_return_val_if_fail (fa_month_is_valid (month), NULL);

  switch (precision)
    {
    case FA_MONTH_PRECISION_DAY:
      /* translators: a full date, as in "24 February 2022"; see g_date_time_format().
       * %B is the month name in the genitive case where the language has one. */
      return format_or_iso (month, CLAMP (day, 1, 31), _("%-d %B %Y"), fa_month_format_iso);

    case FA_MONTH_PRECISION_YEAR:
      return format_year (month);

    case FA_MONTH_PRECISION_NONE:
    case FA_MONTH_PRECISION_MONTH:
    default:
      return fa_month_format (month);
    }
}

/**
 * fa_month_format_date_iso:
 * @month: a valid month
 * @precision: how much of the date to write
 * @day: the day of the month, used with %FA_MONTH_PRECISION_DAY
 *
 * Writes a date back at the precision it was read: "2022-02-24", "2022-02"
 * or "2017".
 *
 * Returns: (transfer full): the ISO 8601 date
 */
char *
fa_month_format_date_iso (FaMonth          month,
                          FaMonthPrecision precision,
                          int              day)
{
  g_return_val_if_fail (fa_month_is_valid (month), NULL);

  switch (precision)
    {
    case FA_MONTH_PRECISION_DAY:
      return g_strdup_printf ("%04d-%02d-%02d", fa_month_get_year (month),
                              fa_month_get_month (month), CLAMP (day, 1, 31));

    case FA_MONTH_PRECISION_YEAR:
      return format_year (month);

    case FA_MONTH_PRECISION_NONE:
    case FA_MONTH_PRECISION_MONTH:
    default:
      return fa_month_format_iso (month);
    }
}

/**
 * fa_month_format_span:
 * @start: the first month, or %FA_MONTH_NONE when open
 * @end: the last month, or %FA_MONTH_NONE when open
 *
 * A span as tooltips say it: "February 2022 – March 2024", "since February
 * 2022", "until 2017", or one date when both ends are the same.
 *
 * Returns: (transfer full) (nullable): the span, or %NULL when both ends
 *   are open
 */
char *
fa_month_format_span (FaMonth          start,
                      FaMonthPrecision start_precision,
                      int              start_day,
                      FaMonth          end,
                      FaMonthPrecision end_precision,
                      int              end_day)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (start != FA_MONTH_NONE)
    first = fa_month_format_date (start, start_precision, start_day);
  if (end != FA_MONTH_NONE)
    last = fa_month_format_date (end, end_precision, end_day);

  if (first != NULL && last != NULL)
    return g_strcmp0 (first, last) == 0 ? g_steal_pointer (&first) : g_strdup_printf ("%s – %s", first, last);
  if (first != NULL)
    /* translators: %s is a date such as "February 2022" */
    return g_strdup_printf (_("since %s"), first);
  if (last != NULL)
    /* translators: %s is a date such as "2017" */
    return g_strdup_printf (_("until %s"), last);
  return NULL;
}
