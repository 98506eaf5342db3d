/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-types.h"

G_BEGIN_DECLS

/* How precisely a date was written: "2017", "2022-02" or "2022-02-24". */
typedef enum
{
  FA_MONTH_PRECISION_NONE,   /* no date: an open end */
  FA_MONTH_PRECISION_YEAR,
  FA_MONTH_PRECISION_MONTH,
  FA_MONTH_PRECISION_DAY,
} FaMonthPrecision;

#define FA_TYPE_MONTH_PRECISION (fa_month_precision_get_type ())
GType     fa_month_precision_get_type (void) G_GNUC_CONST;

FaMonth   fa_month_from_ym            (int                year,
                                       int                month);
int       fa_month_get_year           (FaMonth            month);
int       fa_month_get_month          (FaMonth            month);
gboolean  fa_month_is_valid           (FaMonth            month);

gboolean  fa_month_parse              (const char        *text,
                                       FaMonthPrecision  *precision,
                                       gboolean           is_end,
                                       FaMonth           *out);
gboolean  fa_month_parse_date         (const char        *text,
                                       gboolean           is_end,
                                       FaMonth           *month,
                                       FaMonthPrecision  *precision,
                                       int               *day);

char     *fa_month_format             (FaMonth            month);
char     *fa_month_format_iso         (FaMonth            month);
char     *fa_month_format_date        (FaMonth            month,
                                       FaMonthPrecision   precision,
                                       int                day);
char     *fa_month_format_date_iso    (FaMonth            month,
                                       FaMonthPrecision   precision,
                                       int                day);
char     *fa_month_format_span        (FaMonth            start,
                                       FaMonthPrecision   start_precision,
                                       int                start_day,
                                       FaMonth            end,
                                       FaMonthPrecision   end_precision,
                                       int                end_day);

G_END_DECLS
