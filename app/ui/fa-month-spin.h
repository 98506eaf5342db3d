/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fa-types.h"

G_BEGIN_DECLS

/* A GtkSpinButton whose value is an FaMonth, shown as "June 2023" in the
 * language of the window and typed as 2023-06 or 2023. */
void    fa_month_spin_init      (GtkSpinButton *spin,
                                 gboolean       year_means_december);
FaMonth fa_month_spin_get_month (GtkSpinButton *spin);
void    fa_month_spin_configure (GtkSpinButton *spin,
                                 FaMonth        month,
                                 FaMonth        first,
                                 FaMonth        last);

G_END_DECLS
