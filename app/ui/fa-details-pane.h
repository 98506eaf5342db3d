/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fa-flow.h"
#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_DETAILS_PANE (fa_details_pane_get_type ())
G_DECLARE_FINAL_TYPE (FaDetailsPane, fa_details_pane, FA, DETAILS_PANE, GtkWidget)

GtkWidget  *fa_details_pane_new                (void);

FaDataset  *fa_details_pane_get_dataset        (FaDetailsPane *self);
void        fa_details_pane_set_dataset        (FaDetailsPane *self,
                                                FaDataset     *dataset);
GObject    *fa_details_pane_get_item           (FaDetailsPane *self);
void        fa_details_pane_set_item           (FaDetailsPane *self,
                                                GObject       *item);

const char *fa_details_pane_describe_certainty (FaCertainty    certainty);
char       *fa_details_pane_dup_quote          (FaDetailsPane *self);
char       *fa_details_pane_dup_row            (FaDetailsPane *self);

G_END_DECLS
