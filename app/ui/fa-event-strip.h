/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_EVENT_STRIP (fa_event_strip_get_type ())
G_DECLARE_FINAL_TYPE (FaEventStrip, fa_event_strip, FA, EVENT_STRIP, GtkWidget)

GtkWidget *fa_event_strip_new              (void);
FaDataset *fa_event_strip_get_dataset      (FaEventStrip *self);
void       fa_event_strip_set_dataset      (FaEventStrip *self,
                                            FaDataset    *dataset);
FaMonth    fa_event_strip_get_month        (FaEventStrip *self);
void       fa_event_strip_set_month        (FaEventStrip *self,
                                            FaMonth       month);
FaMonth    fa_event_strip_get_window_start (FaEventStrip *self);
void       fa_event_strip_set_window_start (FaEventStrip *self,
                                            FaMonth       month);
GtkRange  *fa_event_strip_get_align_range  (FaEventStrip *self);
void       fa_event_strip_set_align_range  (FaEventStrip *self,
                                            GtkRange     *range);
guint      fa_event_strip_get_undated_count (FaEventStrip *self,
                                             FaMonth       month);
guint      fa_event_strip_get_count        (FaEventStrip *self,
                                            FaMonth       month);
guint      fa_event_strip_get_max_count    (FaEventStrip *self);
double     fa_event_strip_month_to_x       (FaEventStrip *self,
                                            FaMonth       month);
FaMonth    fa_event_strip_month_at_x       (FaEventStrip *self,
                                            double        x);

G_END_DECLS
