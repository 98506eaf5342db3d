/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fa-geodata.h"
#include "fa-map-state.h"

G_BEGIN_DECLS

/**
 * FaItemTableKind:
 * @FA_ITEM_TABLE_PLACES: the dataset's places and sites
 * @FA_ITEM_TABLE_EVENTS: the dataset's dated events
 * @FA_ITEM_TABLE_ROLES: the countries and regions the map fills, with
 *   the roles the flows shown give them
 */
typedef enum
{
  FA_ITEM_TABLE_PLACES,
  FA_ITEM_TABLE_EVENTS,
  FA_ITEM_TABLE_ROLES,
} FaItemTableKind;

#define FA_TYPE_ITEM_TABLE (fa_item_table_get_type ())
G_DECLARE_FINAL_TYPE (FaItemTable, fa_item_table, FA, ITEM_TABLE, GtkWidget)

GtkWidget   *fa_item_table_new              (FaItemTableKind  kind);
FaMapState  *fa_item_table_get_state        (FaItemTable     *self);
void         fa_item_table_set_state        (FaItemTable     *self,
                                             FaMapState      *state);
void         fa_item_table_set_search_text  (FaItemTable     *self,
                                             const char      *text);
GListModel  *fa_item_table_get_rows         (FaItemTable     *self);
char        *fa_item_table_dup_cell_text    (FaItemTable     *self,
                                             GObject         *item,
                                             guint            column);
void         fa_item_table_focus_search     (FaItemTable     *self);
void         fa_item_table_set_geodata      (FaItemTable     *self,
                                             FaGeodata       *geodata);

G_END_DECLS
