/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include "fa-flow.h"
#include "fa-month.h"
#include "fa-test-utils.h"

#define make_flow fa_test_make_flow

static void
test_arithmetic (void)
{
  FaMonth month = fa_month_from_ym (2022, 2);

  g_assert_cmpint (month, ==, 2022 * 12 + 1);
  g_assert_cmpint (fa_month_get_year (month), ==, 2022);
  g_assert_cmpint (fa_month_get_month (month), ==, 2);
  g_assert_cmpint (fa_month_from_ym (2022, 12) + 1, ==, fa_month_from_ym (2023, 1));
  g_assert_cmpint (fa_month_get_month (fa_month_from_ym (2023, 12)), ==, 12);
  g_assert_true (fa_month_is_valid (month));
  g_assert_false (fa_month_is_valid (FA_MONTH_NONE));
}

static void
test_parse (void)
{
  FaMonthPrecision precision;
  FaMonth month;
  int day;

  g_assert_true (fa_month_parse ("2017", &precision, FALSE, &month));
  g_assert_cmpint (month, ==, fa_month_from_ym (2017, 1));
  g_assert_cmpint (precision, ==, FA_MONTH_PRECISION_YEAR);

  /* A year alone ending a range means its December. */
  g_assert_true (fa_month_parse ("2017", &precision, TRUE, &month));
  g_assert_cmpint (month, ==, fa_month_from_ym (2017, 12));

  g_assert_true (fa_month_parse ("2022-02", &precision, TRUE, &month));
  g_assert_cmpint (month, ==, fa_month_from_ym (2022, 2));
  g_assert_cmpint (precision, ==, FA_MONTH_PRECISION_MONTH);

  g_assert_true (fa_month_parse_date ("2022-02-24", FALSE, &month, &precision, &day));
  g_assert_cmpint (month, ==, fa_month_from_ym (2022, 2));
  g_assert_cmpint (precision, ==, FA_MONTH_PRECISION_DAY);
  g_assert_cmpint (day, ==, 24);

  g_assert_true (fa_month_parse ("2024-02-29", NULL, FALSE, NULL));
}

static void
test_parse_invalid (void)
{
  const char *invalid[] = {
    "", "23", "20233", "2023-13", "2023-00", "2023-1", "2023-01-1", "2023-02-30",
    "2023-02-29", "0000", "2023/01", " 2023", "2023 ", "2023-01-01T00:00", "２０２３",
    "-2023", "2023-1a", "year",
  };
  FaMonth month = 42;

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("parsing \"%s\"", invalid[i]);
      g_assert_false (fa_month_parse (invalid[i], NULL, FALSE, &month));
      g_assert_cmpint (month, ==, 42);
    }
}

static void
test_format (void)
{
  g_autofree char *june = fa_month_format (fa_month_from_ym (2023, 6));
  g_autofree char *iso = fa_month_format_iso (fa_month_from_ym (2023, 6));
  g_autofree char *day = fa_month_format_date (fa_month_from_ym (2022, 2), FA_MONTH_PRECISION_DAY, 24);
  g_autofree char *year = fa_month_format_date (fa_month_from_ym (2017, 12), FA_MONTH_PRECISION_YEAR, 0);
  g_autofree char *iso_day = fa_month_format_date_iso (fa_month_from_ym (2022, 2), FA_MONTH_PRECISION_DAY, 4);
  g_autofree char *iso_month = fa_month_format_date_iso (fa_month_from_ym (2022, 2), FA_MONTH_PRECISION_MONTH, 0);
  g_autofree char *iso_year = fa_month_format_date_iso (fa_month_from_ym (2017, 12), FA_MONTH_PRECISION_YEAR, 0);

  /* The tests run in C.UTF-8. */
  g_assert_cmpstr (june, ==, "June 2023");
  g_assert_cmpstr (iso, ==, "2023-06");
  g_assert_cmpstr (day, ==, "24 February 2022");
  g_assert_cmpstr (year, ==, "2017");
  g_assert_cmpstr (iso_day, ==, "2022-02-04");
  g_assert_cmpstr (iso_month, ==, "2022-02");
  g_assert_cmpstr (iso_year, ==, "2017");
}

static void
test_active_boundaries (void)
{
  g_autoptr(FaFlow) flow = make_flow ("2022-02", "2023-06");

  g_assert_false (fa_flow_is_active (flow, fa_month_from_ym (2022, 1)));
  g_assert_true (fa_flow_is_active (flow, fa_month_from_ym (2022, 2)));
  g_assert_true (fa_flow_is_active (flow, fa_month_from_ym (2022, 12)));
  g_assert_true (fa_flow_is_active (flow, fa_month_from_ym (2023, 6)));
  g_assert_false (fa_flow_is_active (flow, fa_month_from_ym (2023, 7)));

  g_assert_false (fa_flow_has_started (flow, fa_month_from_ym (2022, 1)));
  g_assert_true (fa_flow_has_started (flow, fa_month_from_ym (2022, 2)));
  g_assert_true (fa_flow_has_started (flow, fa_month_from_ym (2030, 1)));
}

static void
test_active_years (void)
{
  /* "2017" to "2017": all of 2017, both ends inclusive. */
  g_autoptr(FaFlow) flow = make_flow ("2017", "2017");

  g_assert_cmpint (fa_flow_get_start (flow), ==, fa_month_from_ym (2017, 1));
  g_assert_cmpint (fa_flow_get_end (flow), ==, fa_month_from_ym (2017, 12));
  g_assert_false (fa_flow_is_active (flow, fa_month_from_ym (2016, 12)));
  g_assert_true (fa_flow_is_active (flow, fa_month_from_ym (2017, 1)));
  g_assert_true (fa_flow_is_active (flow, fa_month_from_ym (2017, 12)));
  g_assert_false (fa_flow_is_active (flow, fa_month_from_ym (2018, 1)));
}

static void
test_active_open (void)
{
  g_autoptr(FaFlow) since = make_flow ("2014", NULL);
  g_autoptr(FaFlow) until = make_flow (NULL, "2017");
  g_autoptr(FaFlow) always = make_flow (NULL, NULL);

  g_assert_false (fa_flow_is_active (since, fa_month_from_ym (2013, 12)));
  g_assert_true (fa_flow_is_active (since, fa_month_from_ym (2014, 1)));
  g_assert_true (fa_flow_is_active (since, fa_month_from_ym (9999, 12)));

  g_assert_true (fa_flow_is_active (until, FA_MONTH_MIN));
  g_assert_true (fa_flow_is_active (until, fa_month_from_ym (2017, 12)));
  g_assert_false (fa_flow_is_active (until, fa_month_from_ym (2018, 1)));
  g_assert_true (fa_flow_has_started (until, FA_MONTH_MIN));

  g_assert_true (fa_flow_is_active (always, FA_MONTH_MIN));
  g_assert_true (fa_flow_is_active (always, FA_MONTH_MAX));
}

static void
test_active_in_window (void)
{
  g_autoptr(FaFlow) flow = make_flow ("2022-02", "2022-04");
  g_autoptr(FaFlow) since = make_flow ("2022-02", NULL);

  /* Windows touching either end overlap; windows beside them do not. */
  g_assert_true (fa_flow_is_active_in (flow, fa_month_from_ym (2021, 1), fa_month_from_ym (2022, 2)));
  g_assert_true (fa_flow_is_active_in (flow, fa_month_from_ym (2022, 4), fa_month_from_ym (2023, 1)));
  g_assert_true (fa_flow_is_active_in (flow, fa_month_from_ym (2022, 3), fa_month_from_ym (2022, 3)));
  g_assert_true (fa_flow_is_active_in (flow, fa_month_from_ym (2020, 1), fa_month_from_ym (2025, 1)));
  g_assert_false (fa_flow_is_active_in (flow, fa_month_from_ym (2021, 1), fa_month_from_ym (2022, 1)));
  g_assert_false (fa_flow_is_active_in (flow, fa_month_from_ym (2022, 5), fa_month_from_ym (2023, 1)));

  g_assert_true (fa_flow_is_active_in (flow, FA_MONTH_NONE, fa_month_from_ym (2022, 2)));
  g_assert_false (fa_flow_is_active_in (flow, fa_month_from_ym (2022, 5), FA_MONTH_NONE));
  g_assert_true (fa_flow_is_active_in (since, fa_month_from_ym (2030, 1), FA_MONTH_NONE));
  g_assert_false (fa_flow_is_active_in (since, FA_MONTH_NONE, fa_month_from_ym (2022, 1)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fa/month/arithmetic", test_arithmetic);
  g_test_add_func ("/fa/month/parse", test_parse);
  g_test_add_func ("/fa/month/parse-invalid", test_parse_invalid);
  g_test_add_func ("/fa/month/format", test_format);
  g_test_add_func ("/fa/month/active-boundaries", test_active_boundaries);
  g_test_add_func ("/fa/month/active-years", test_active_years);
  g_test_add_func ("/fa/month/active-open", test_active_open);
  g_test_add_func ("/fa/month/active-in-window", test_active_in_window);

  return g_test_run ();
}
