/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-month.h"

G_BEGIN_DECLS

/* Where the time of a row (a flow, or the evidence of a site) comes from
 * (FORMAT.md §7). */
typedef enum
{
  FA_DATING_STATED,            /* the text gives its start or end */
  FA_DATING_CONTEXT,           /* dated from the passage it belongs to; the note says how */
  FA_DATING_REPORTING_PERIOD,  /* no time given: shown for the period the report covers */
  FA_DATING_NOT_DATED,         /* no time given, and none to infer ("in previous years") */
} FaDating;

#define FA_TYPE_DATING (fa_dating_get_type ())
GType        fa_dating_get_type          (void) G_GNUC_CONST;
const char  *fa_dating_to_string         (FaDating  dating);
gboolean     fa_dating_is_dated          (FaDating  dating);

gboolean     fa_dating_is_active_in      (FaDating  dating,
                                          FaMonth   shown_start,
                                          FaMonth   shown_end,
                                          FaMonth   from,
                                          FaMonth   to);
gboolean     fa_dating_has_started       (FaDating  dating,
                                          FaMonth   shown_start,
                                          FaMonth   month);
char        *fa_dating_describe_undated  (FaDating  dating,
                                          gboolean  previous_years,
                                          FaMonth   shown_start,
                                          FaMonth   shown_end);

G_END_DECLS
