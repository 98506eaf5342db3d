/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fa-time-filter.h"
#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_FLOW_TABLE (fa_flow_table_get_type ())
G_DECLARE_FINAL_TYPE (FaFlowTable, fa_flow_table, FA, FLOW_TABLE, GtkWidget)

GtkWidget          *fa_flow_table_new                   (void);

FaDataset          *fa_flow_table_get_dataset           (FaFlowTable        *self);
void                fa_flow_table_set_dataset           (FaFlowTable        *self,
                                                         FaDataset          *dataset);

FaMapState         *fa_flow_table_get_state             (FaFlowTable        *self);
void                fa_flow_table_set_state             (FaFlowTable        *self,
                                                         FaMapState         *state);

const char         *fa_flow_table_get_search_text       (FaFlowTable        *self);
void                fa_flow_table_set_search_text       (FaFlowTable        *self,
                                                         const char         *text);

FaFlow             *fa_flow_table_get_selected_flow     (FaFlowTable        *self);
void                fa_flow_table_set_selected_flow     (FaFlowTable        *self,
                                                         FaFlow             *flow);

guint               fa_flow_table_get_n_visible         (FaFlowTable        *self);
GListModel         *fa_flow_table_get_model             (FaFlowTable        *self);
void                fa_flow_table_sort_by               (FaFlowTable        *self,
                                                         const char         *column_id,
                                                         GtkSortType         direction);
void                fa_flow_table_focus_search          (FaFlowTable        *self);

G_END_DECLS
