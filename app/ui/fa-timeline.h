/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fa-time-filter.h"
#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_TIMELINE (fa_timeline_get_type ())
G_DECLARE_FINAL_TYPE (FaTimeline, fa_timeline, FA, TIMELINE, GtkWidget)

GtkWidget  *fa_timeline_new             (void);
FaMapState *fa_timeline_get_state       (FaTimeline   *self);
void        fa_timeline_set_state       (FaTimeline   *self,
                                         FaMapState   *state);
FaDataset  *fa_timeline_get_dataset     (FaTimeline   *self);
void        fa_timeline_set_dataset     (FaTimeline   *self,
                                         FaDataset    *dataset);
FaMonth     fa_timeline_get_first_month (FaTimeline   *self);
FaMonth     fa_timeline_get_last_month  (FaTimeline   *self);
FaMonth     fa_timeline_get_month       (FaTimeline   *self);
void        fa_timeline_set_month       (FaTimeline   *self,
                                         FaMonth       month);
FaMonth     fa_timeline_get_from        (FaTimeline   *self);
void        fa_timeline_set_from        (FaTimeline   *self,
                                         FaMonth       from);
FaTimeMode  fa_timeline_get_mode        (FaTimeline   *self);
void        fa_timeline_set_mode        (FaTimeline   *self,
                                         FaTimeMode    mode);
gboolean    fa_timeline_get_playing     (FaTimeline   *self);
void        fa_timeline_set_playing     (FaTimeline   *self,
                                         gboolean      playing);
void        fa_timeline_toggle_playing  (FaTimeline   *self);
double      fa_timeline_get_speed       (FaTimeline   *self);
void        fa_timeline_set_speed       (FaTimeline   *self,
                                         double        speed);
gboolean    fa_timeline_get_loop        (FaTimeline   *self);
void        fa_timeline_set_loop        (FaTimeline   *self,
                                         gboolean      loop);
double      fa_timeline_get_position    (FaTimeline   *self);
void        fa_timeline_step            (FaTimeline   *self,
                                         int           months);
void        fa_timeline_get_filter      (FaTimeline   *self,
                                         FaTimeFilter *out);

G_END_DECLS
