/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-month.h"
#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_EVENT (fa_event_get_type ())
G_DECLARE_FINAL_TYPE (FaEvent, fa_event, FA, EVENT, GObject)

const char       *fa_event_get_id          (FaEvent *self);
FaMonth           fa_event_get_month       (FaEvent *self);
FaMonthPrecision  fa_event_get_precision   (FaEvent *self);
int               fa_event_get_day         (FaEvent *self);
FaMonth           fa_event_get_last_month  (FaEvent *self);
const char       *fa_event_get_title       (FaEvent *self);
const char       *fa_event_get_description (FaEvent *self);
FaPlace          *fa_event_get_place       (FaEvent *self);
FaCategory       *fa_event_get_category    (FaEvent *self);
const char       *fa_event_get_quote       (FaEvent *self);
const char       *fa_event_get_source      (FaEvent *self);

gboolean          fa_event_is_active       (FaEvent *self,
                                            FaMonth  month);

G_END_DECLS
