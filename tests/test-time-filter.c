/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <locale.h>

#include "fa-flow.h"
#include "fa-month.h"
#include "fa-test-utils.h"
#include "fa-time-filter.h"

#define make_flow fa_test_make_flow

static FaTimeFilter
filter (FaTimeMode  mode,
        int         year,
        int         month,
        int         from_year,
        int         from_month)
{
  FaTimeFilter f = { mode, fa_month_from_ym (year, month),
                     from_year > 0 ? fa_month_from_ym (from_year, from_month) : FA_MONTH_NONE };

  return f;
}

static void
test_at (void)
{
  g_autoptr(FaFlow) war = make_flow ("2022-02", NULL);       /* since the invasion, ongoing */
  g_autoptr(FaFlow) prior = make_flow (NULL, "2017");        /* "prior to 2018" */
  g_autoptr(FaFlow) year = make_flow ("2023", "2023");       /* "in 2023" */
  FaTimeFilter f;

  /* Start and end months are inclusive. */
  f = filter (FA_TIME_MODE_AT, 2022, 1, 0, 0);
  g_assert_false (fa_time_filter_matches_flow (&f, war));
  f = filter (FA_TIME_MODE_AT, 2022, 2, 0, 0);
  g_assert_true (fa_time_filter_matches_flow (&f, war));
  f = filter (FA_TIME_MODE_AT, 2035, 6, 0, 0);
  g_assert_true (fa_time_filter_matches_flow (&f, war));

  /* A year-only end covers its December; an open start has no beginning. */
  f = filter (FA_TIME_MODE_AT, 2017, 12, 0, 0);
  g_assert_true (fa_time_filter_matches_flow (&f, prior));
  f = filter (FA_TIME_MODE_AT, 2018, 1, 0, 0);
  g_assert_false (fa_time_filter_matches_flow (&f, prior));
  f = filter (FA_TIME_MODE_AT, 2001, 1, 0, 0);
  g_assert_true (fa_time_filter_matches_flow (&f, prior));

  /* "In 2023" is January to December 2023. */
  f = filter (FA_TIME_MODE_AT, 2023, 1, 0, 0);
  g_assert_true (fa_time_filter_matches_flow (&f, year));
  f = filter (FA_TIME_MODE_AT, 2023, 12, 0, 0);
  g_assert_true (fa_time_filter_matches_flow (&f, year));
  f = filter (FA_TIME_MODE_AT, 2024, 1, 0, 0);
  g_assert_false (fa_time_filter_matches_flow (&f, year));

  /* No filter shows everything. */
  g_assert_true (fa_time_filter_matches_flow (NULL, year));
  f = FA_TIME_FILTER_ALL;
  g_assert_true (fa_time_filter_matches_flow (&f, prior));
}

static void
test_cumulative (void)
{
  g_autoptr(FaFlow) year = make_flow ("2023", "2023");
  g_autoptr(FaFlow) prior = make_flow (NULL, "2017");
  FaTimeFilter f;

  /* Everything that had begun by the month, over or not. */
  f = filter (FA_TIME_MODE_CUMULATIVE, 2022, 12, 0, 0);
  g_assert_false (fa_time_filter_matches_flow (&f, year));
  f = filter (FA_TIME_MODE_CUMULATIVE, 2023, 1, 0, 0);
  g_assert_true (fa_time_filter_matches_flow (&f, year));
  f = filter (FA_TIME_MODE_CUMULATIVE, 2030, 1, 0, 0);
  g_assert_true (fa_time_filter_matches_flow (&f, year));
  g_assert_true (fa_time_filter_matches_flow (&f, prior));
}

static void
test_window (void)
{
  g_autoptr(FaFlow) year = make_flow ("2023", "2023");
  g_autoptr(FaFlow) prior = make_flow (NULL, "2017");
  FaTimeFilter f;

  /* Active at any time in the window, both ends inclusive. */
  f = filter (FA_TIME_MODE_WINDOW, 2024, 6, 2023, 12);
  g_assert_true (fa_time_filter_matches_flow (&f, year));
  f = filter (FA_TIME_MODE_WINDOW, 2024, 6, 2024, 1);
  g_assert_false (fa_time_filter_matches_flow (&f, year));
  f = filter (FA_TIME_MODE_WINDOW, 2022, 12, 2020, 1);
  g_assert_false (fa_time_filter_matches_flow (&f, year));
  f = filter (FA_TIME_MODE_WINDOW, 2023, 1, 2017, 12);
  g_assert_true (fa_time_filter_matches_flow (&f, prior));
  g_assert_true (fa_time_filter_matches_flow (&f, year));
}

static void
test_describe (void)
{
  g_autofree char *at = NULL, *cumulative = NULL, *window = NULL, *all = NULL;
  FaTimeFilter f;

  f = filter (FA_TIME_MODE_AT, 2023, 6, 0, 0);
  at = fa_time_filter_describe (&f, fa_month_from_ym (2014, 1));
  g_assert_cmpstr (at, ==, "As of June 2023");

  f = filter (FA_TIME_MODE_CUMULATIVE, 2023, 6, 0, 0);
  cumulative = fa_time_filter_describe (&f, fa_month_from_ym (2014, 1));
  g_assert_cmpstr (cumulative, ==, "2014 – June 2023, cumulative");

  f = filter (FA_TIME_MODE_WINDOW, 2023, 6, 2022, 3);
  window = fa_time_filter_describe (&f, fa_month_from_ym (2014, 1));
  g_assert_cmpstr (window, ==, "March 2022 – June 2023");

  f = FA_TIME_FILTER_ALL;
  all = fa_time_filter_describe (&f, fa_month_from_ym (2014, 1));
  g_assert_null (all);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fa/time-filter/at", test_at);
  g_test_add_func ("/fa/time-filter/cumulative", test_cumulative);
  g_test_add_func ("/fa/time-filter/window", test_window);
  g_test_add_func ("/fa/time-filter/describe", test_describe);

  return g_test_run ();
}
