/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-types.h"

G_BEGIN_DECLS

/* The form of exploitation, when one applies. */
typedef enum
{
  FA_CATEGORY_FORM_NONE,
  FA_CATEGORY_FORM_LABOUR,
  FA_CATEGORY_FORM_SEX,
  FA_CATEGORY_FORM_MILITARY,
  FA_CATEGORY_FORM_MIXED,
} FaCategoryForm;

#define FA_TYPE_CATEGORY_FORM (fa_category_form_get_type ())
GType fa_category_form_get_type (void) G_GNUC_CONST;

#define FA_TYPE_CATEGORY (fa_category_get_type ())
G_DECLARE_FINAL_TYPE (FaCategory, fa_category, FA, CATEGORY, GObject)

const char      *fa_category_get_id          (FaCategory *self);
const char      *fa_category_get_label       (FaCategory *self);
guint32          fa_category_get_color       (FaCategory *self);
const char      *fa_category_get_group       (FaCategory *self);
FaCategoryForm   fa_category_get_form        (FaCategory *self);
const char      *fa_category_get_description (FaCategory *self);

G_END_DECLS
