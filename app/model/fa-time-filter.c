/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-time-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "fa-time-filter.h"

#include "fa-event.h"
#include "fa-flow.h"
#include "fa-month.h"
#include "fa-place.h"

GType
fa_time_mode_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { FA_TIME_MODE_ALL, "FA_TIME_MODE_ALL", "all" },
        { FA_TIME_MODE_AT, "FA_TIME_MODE_AT", "at" },
        { FA_TIME_MODE_CUMULATIVE, "FA_TIME_MODE_CUMULATIVE", "cumulative" },
        { FA_TIME_MODE_WINDOW, "FA_TIME_MODE_WINDOW", "window" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type, g_enum_register_static ("FaTimeMode", values));
    }

  return type;
}

G_DEFINE_BOXED_TYPE (FaTimeFilter, fa_time_filter, fa_time_filter_copy, fa_time_filter_free)

FaTimeFilter *
fa_time_filter_copy (const FaTimeFilter *filter)
{
  g_return_val_if_fail (filter != NULL, NULL);

  return g_memdup2 (filter, sizeof *filter);
}

void
fa_time_filter_free (FaTimeFilter *filter)
{
  g_free (filter);
}

/**
 * fa_time_filter_init_at:
 * @month: a month, or %FA_MONTH_NONE for no filter
 */
void
fa_time_filter_init_at (FaTimeFilter *filter,
                        FaMonth       month)
{
  g_return_if_fail (filter != NULL);

  filter->mode = month == FA_MONTH_NONE ? FA_TIME_MODE_ALL : FA_TIME_MODE_AT;
  filter->month = month;
  filter->from = FA_MONTH_NONE;
  filter->undated_always = FALSE;
}

/**
 * fa_time_filter_matches_flow:
 * @filter: (nullable): %NULL matches everything
 *
 * Start and end months are inclusive; a year-only date covers its whole
 * year and an open end is unbounded.  A row the source gives no time
 * shows for the reporting period only, or not at a single month at all
 * (FORMAT.md §7), unless the filter's @undated_always is set.
 */
gboolean
fa_time_filter_matches_flow (const FaTimeFilter *filter,
                             FaFlow             *flow)
{
  g_return_val_if_fail (FA_IS_FLOW (flow), FALSE);

  if (filter == NULL || filter->month == FA_MONTH_NONE)
    return TRUE;

  /* Asked for: rows without a time at every month, drawn as undated. */
  if (filter->undated_always && !fa_flow_is_dated (flow))
    return TRUE;

  switch (filter->mode)
    {
    case FA_TIME_MODE_AT:
      return fa_flow_is_active (flow, filter->month);

    case FA_TIME_MODE_CUMULATIVE:
      return fa_flow_has_started (flow, filter->month);

    case FA_TIME_MODE_WINDOW:
      return fa_flow_is_active_in (flow,
                                   filter->from == FA_MONTH_NONE ? FA_MONTH_MIN : MIN (filter->from, filter->month),
                                   filter->month);

    case FA_TIME_MODE_ALL:
    default:
      return TRUE;
    }
}

/**
 * fa_time_filter_matches_place:
 * @filter: (nullable): %NULL matches everything
 *
 * Whether a site's evidence is shown: as a flow is, by the months the
 * source says it of.  A place that is no site always matches.
 */
gboolean
fa_time_filter_matches_place (const FaTimeFilter *filter,
                              FaPlace            *place)
{
  g_return_val_if_fail (FA_IS_PLACE (place), FALSE);

  if (filter == NULL || filter->month == FA_MONTH_NONE || fa_place_get_category_id (place) == NULL)
    return TRUE;

  if (filter->undated_always && !fa_dating_is_dated (fa_place_get_evidence_dating (place)))
    return TRUE;

  switch (filter->mode)
    {
    case FA_TIME_MODE_AT:
      return fa_place_evidence_is_active_in (place, filter->month, filter->month);

    case FA_TIME_MODE_CUMULATIVE:
      return fa_place_evidence_has_started (place, filter->month);

    case FA_TIME_MODE_WINDOW:
      return fa_place_evidence_is_active_in (place,
                                             filter->from == FA_MONTH_NONE ? FA_MONTH_MIN : MIN (filter->from, filter->month),
                                             filter->month);

    case FA_TIME_MODE_ALL:
    default:
      return TRUE;
    }
}

/**
 * fa_time_filter_matches_event:
 * @filter: (nullable): %NULL matches everything
 *
 * An event matches "at M" in the months it covers (a year-only event
 * covers its year), "cumulative" once it happened, and a window it
 * overlaps.
 */
gboolean
fa_time_filter_matches_event (const FaTimeFilter *filter,
                              FaEvent            *event)
{
  FaMonth first, last, from;

  g_return_val_if_fail (FA_IS_EVENT (event), FALSE);

  if (filter == NULL || filter->month == FA_MONTH_NONE)
    return TRUE;

  first = fa_event_get_month (event);
  last = fa_event_get_last_month (event);
  switch (filter->mode)
    {
    case FA_TIME_MODE_AT:
      return first <= filter->month && filter->month <= last;

    case FA_TIME_MODE_CUMULATIVE:
      return first <= filter->month;

    case FA_TIME_MODE_WINDOW:
      from = filter->from == FA_MONTH_NONE ? FA_MONTH_MIN : MIN (filter->from, filter->month);
      return first <= filter->month && last >= from;

    case FA_TIME_MODE_ALL:
    default:
      return TRUE;
    }
}

gboolean
fa_time_filter_equal (const FaTimeFilter *a,
                      const FaTimeFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->mode == b->mode && a->month == b->month && !a->undated_always == !b->undated_always &&
         (a->mode != FA_TIME_MODE_WINDOW || a->from == b->from);
}

/**
 * fa_time_filter_describe:
 * @first_month: the dataset's first month, where a cumulative map starts
 *
 * Returns: (transfer full) (nullable): the date line drawn on the map,
 *   such as "As of June 2023" or "2014 – June 2023, cumulative"; %NULL
 *   when the filter shows everything
 */
char *
fa_time_filter_describe (const FaTimeFilter *filter,
                         FaMonth             first_month)
{
  g_autofree char *month = NULL;
  g_autofree char *from = NULL;

  g_return_val_if_fail (filter != NULL, NULL);

  /* No month (yet): no date line, rather than a made-up one. */
  if (filter->mode == FA_TIME_MODE_ALL || !fa_month_is_valid (filter->month))
    return NULL;

  month = fa_month_format (filter->month);
  switch (filter->mode)
    {
    case FA_TIME_MODE_AT:
      /* translators: %s is a month such as "June 2023" */
      return g_strdup_printf (_("As of %s"), month);

    case FA_TIME_MODE_CUMULATIVE:
      if (first_month == FA_MONTH_NONE || first_month >= filter->month)
        /* translators: %s is a month such as "June 2023" */
        return g_strdup_printf (_("Up to %s, cumulative"), month);
      from = g_strdup_printf ("%d", fa_month_get_year (first_month));
      /* translators: 1: a year such as "2014", 2: a month such as "June 2023" */
      return g_strdup_printf (_("%s – %s, cumulative"), from, month);

    case FA_TIME_MODE_WINDOW:
      if (!fa_month_is_valid (filter->from))
        /* translators: %s is a month such as "June 2023" */
        return g_strdup_printf (_("Up to %s"), month);
      from = fa_month_format (MIN (filter->from, filter->month));
      /* translators: a time window, 1: its first month, 2: its last month */
      return g_strdup_printf (_("%s – %s"), from, month);

    case FA_TIME_MODE_ALL:
    default:
      return NULL;
    }
}
