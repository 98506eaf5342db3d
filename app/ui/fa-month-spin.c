/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-month-spin"

#include "config.h"

#include "fa-month-spin.h"

#include "fa-month.h"

/* Months read as "June 2023", in the language of the window. */
static gboolean
on_output_cb (GtkSpinButton *spin,
              gpointer       user_data)
{
  FaMonth month = fa_month_spin_get_month (spin);
  g_autofree char *text = fa_month_is_valid (month) ? fa_month_format (month) : g_strdup ("");

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

/* Typed as 2023-06 or 2023 (January, or December for a last month); the
 * month's name as shown stays what it is, and anything else is undone. */
static int
on_input_cb (GtkSpinButton *spin,
             double        *new_value,
             gpointer       user_data)
{
  gboolean year_means_december = GPOINTER_TO_INT (user_data);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  FaMonth current = fa_month_spin_get_month (spin);
  FaMonthPrecision precision;
  FaMonth month;

  if (fa_month_is_valid (current))
    {
      g_autofree char *shown = fa_month_format (current);

      if (g_strcmp0 (text, shown) == 0)
        {
          *new_value = current;
          return TRUE;
        }
    }
  if (fa_month_parse (text, &precision, year_means_december, &month) &&
      precision != FA_MONTH_PRECISION_DAY && fa_month_is_valid (month))
    {
      GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);

      /* A month outside the range offered is its first or last. */
      *new_value = CLAMP (month, gtk_adjustment_get_lower (adjustment), gtk_adjustment_get_upper (adjustment));
      return TRUE;
    }

  return GTK_INPUT_ERROR;
}

/**
 * fa_month_spin_init:
 * @year_means_december: whether a year typed alone is its last month (the
 *   end of a range) rather than its first
 *
 * Makes @spin show and read its value as a month.
 */
void
fa_month_spin_init (GtkSpinButton *spin,
                    gboolean       year_means_december)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  g_signal_connect (spin, "output", G_CALLBACK (on_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_input_cb), GINT_TO_POINTER (year_means_december));
  on_output_cb (spin, NULL);
}

FaMonth
fa_month_spin_get_month (GtkSpinButton *spin)
{
  g_return_val_if_fail (GTK_IS_SPIN_BUTTON (spin), FA_MONTH_NONE);

  return (FaMonth) gtk_spin_button_get_value_as_int (spin);
}

/**
 * fa_month_spin_configure:
 * @month: the month shown, clamped to @first … @last
 *
 * Offers the months from @first to @last, a month a step and a year a
 * page, and shows @month.
 */
void
fa_month_spin_configure (GtkSpinButton *spin,
                         FaMonth        month,
                         FaMonth        first,
                         FaMonth        last)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));
  g_return_if_fail (first <= last);

  gtk_adjustment_configure (gtk_spin_button_get_adjustment (spin), CLAMP (month, first, last),
                            first, last, 1, 12, 0);
  /* The adjustment may keep its value: show it as a month. */
  on_output_cb (spin, NULL);
}
