/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-dating.h"
#include "fa-month.h"
#include "fa-types.h"

G_BEGIN_DECLS

/* How the source qualifies a flow. */
typedef enum
{
  FA_CERTAINTY_UNKNOWN,         /* not given */
  FA_CERTAINTY_OFFICIAL,
  FA_CERTAINTY_REPORTED,
  FA_CERTAINTY_REPORTEDLY,
  FA_CERTAINTY_ESTIMATED,
  FA_CERTAINTY_PREVIOUS_YEARS,
} FaCertainty;

/* What a row counts (FORMAT.md §5.2). */
typedef enum
{
  FA_FLOW_KIND_MOVEMENT,       /* people moved (or were moved) from origin to destination */
  FA_FLOW_KIND_STOCK,          /* people from origin present at destination at a time */
} FaFlowKind;

#define FA_TYPE_FLOW_KIND (fa_flow_kind_get_type ())
GType        fa_flow_kind_get_type    (void) G_GNUC_CONST;
const char  *fa_flow_kind_to_string   (FaFlowKind    kind);

#define FA_TYPE_CERTAINTY (fa_certainty_get_type ())
GType        fa_certainty_get_type    (void) G_GNUC_CONST;
const char  *fa_certainty_to_string   (FaCertainty   certainty);
gboolean     fa_certainty_from_string (const char   *text,
                                       FaCertainty  *out);

#define FA_TYPE_FLOW (fa_flow_get_type ())
G_DECLARE_FINAL_TYPE (FaFlow, fa_flow, FA, FLOW, GObject)

const char       *fa_flow_get_id              (FaFlow  *self);
FaPlace          *fa_flow_get_origin          (FaFlow  *self);
FaPlace          *fa_flow_get_destination     (FaFlow  *self);
GPtrArray        *fa_flow_get_via             (FaFlow  *self);
gint64            fa_flow_get_count           (FaFlow  *self);
gint64            fa_flow_get_count_low       (FaFlow  *self);
gint64            fa_flow_get_count_high      (FaFlow  *self);
gint64            fa_flow_get_size            (FaFlow  *self);
const char       *fa_flow_get_magnitude       (FaFlow  *self);
FaMonth           fa_flow_get_start           (FaFlow  *self);
FaMonthPrecision  fa_flow_get_start_precision (FaFlow  *self);
int               fa_flow_get_start_day       (FaFlow  *self);
FaMonth           fa_flow_get_end             (FaFlow  *self);
FaMonthPrecision  fa_flow_get_end_precision   (FaFlow  *self);
int               fa_flow_get_end_day         (FaFlow  *self);
FaCategory       *fa_flow_get_category        (FaFlow  *self);
FaCertainty       fa_flow_get_certainty       (FaFlow  *self);
FaDating          fa_flow_get_dating          (FaFlow  *self);
FaFlowKind        fa_flow_get_kind            (FaFlow  *self);
gboolean          fa_flow_is_stock            (FaFlow  *self);
gboolean          fa_flow_is_dated            (FaFlow  *self);
FaMonth           fa_flow_get_shown_start     (FaFlow  *self);
FaMonth           fa_flow_get_shown_end       (FaFlow  *self);
char             *fa_flow_describe_undated    (FaFlow  *self);
const char       *fa_flow_get_quote           (FaFlow  *self);
const char       *fa_flow_get_source          (FaFlow  *self);
const char       *fa_flow_get_combined        (FaFlow  *self);
const char       *fa_flow_get_note            (FaFlow  *self);

gboolean          fa_flow_is_active           (FaFlow  *self,
                                               FaMonth  month);
gboolean          fa_flow_is_active_in        (FaFlow  *self,
                                               FaMonth  from,
                                               FaMonth  to);
gboolean          fa_flow_has_started         (FaFlow  *self,
                                               FaMonth  month);

char             *fa_count_format             (gint64   count);

G_END_DECLS
