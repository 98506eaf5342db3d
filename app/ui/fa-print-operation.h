/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_PRINT_OPERATION (fa_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (FaPrintOperation, fa_print_operation, FA, PRINT_OPERATION, GtkPrintOperation)

FaPrintOperation *fa_print_operation_new         (FaMap            *map);
FaMap            *fa_print_operation_get_map     (FaPrintOperation *self);
gboolean          fa_print_operation_get_drawing (FaPrintOperation *self);
const GError     *fa_print_operation_get_draw_error (FaPrintOperation *self);
void              fa_print_operation_cancel      (FaPrintOperation *self);

G_END_DECLS
