/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-types.h"

G_BEGIN_DECLS

typedef enum
{
  FA_TIME_MODE_ALL,         /* every flow, whatever its dates */
  FA_TIME_MODE_AT,          /* active at @month */
  FA_TIME_MODE_CUMULATIVE,  /* started at or before @month */
  FA_TIME_MODE_WINDOW,      /* active at any time from @from to @month */
} FaTimeMode;

#define FA_TYPE_TIME_MODE (fa_time_mode_get_type ())
GType fa_time_mode_get_type (void) G_GNUC_CONST;

typedef struct
{
  FaTimeMode mode;
  FaMonth    month;   /* the month shown; the end of a window */
  FaMonth    from;    /* the start of a window */
  gboolean   undated_always;  /* rows the source gives no time show at every month */
} FaTimeFilter;

#define FA_TIME_FILTER_ALL ((FaTimeFilter) { FA_TIME_MODE_ALL, FA_MONTH_NONE, FA_MONTH_NONE, FALSE })

/* A boxed type, so that the filter can be a property. */
#define FA_TYPE_TIME_FILTER (fa_time_filter_get_type ())
GType         fa_time_filter_get_type      (void) G_GNUC_CONST;
FaTimeFilter *fa_time_filter_copy          (const FaTimeFilter *filter);
void          fa_time_filter_free          (FaTimeFilter       *filter);

void     fa_time_filter_init_at            (FaTimeFilter       *filter,
                                            FaMonth             month);
gboolean fa_time_filter_matches_place      (const FaTimeFilter *filter,
                                            FaPlace            *place);
gboolean fa_time_filter_matches_flow       (const FaTimeFilter *filter,
                                            FaFlow             *flow);
gboolean fa_time_filter_matches_event      (const FaTimeFilter *filter,
                                            FaEvent            *event);
gboolean fa_time_filter_equal              (const FaTimeFilter *a,
                                            const FaTimeFilter *b);
char    *fa_time_filter_describe           (const FaTimeFilter *filter,
                                            FaMonth             first_month);

G_END_DECLS
