/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-category"

#include "config.h"

#include "fa-category.h"

struct _FaCategory
{
  GObject          parent_instance;

  char            *id;           /* owned */
  char            *label;        /* owned */
  char            *description;  /* owned, nullable */
  guint32          color;        /* 0xRRGGBB */
  char            *group;        /* owned, nullable: a group id of the dataset */
  FaCategoryForm   form;
};

G_DEFINE_FINAL_TYPE (FaCategory, fa_category, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FaCategoryForm, fa_category_form,
  G_DEFINE_ENUM_VALUE (FA_CATEGORY_FORM_NONE, "none"),
  G_DEFINE_ENUM_VALUE (FA_CATEGORY_FORM_LABOUR, "labour"),
  G_DEFINE_ENUM_VALUE (FA_CATEGORY_FORM_SEX, "sex"),
  G_DEFINE_ENUM_VALUE (FA_CATEGORY_FORM_MILITARY, "military"),
  G_DEFINE_ENUM_VALUE (FA_CATEGORY_FORM_MIXED, "mixed"))

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_COLOR,
  PROP_GROUP,
  PROP_FORM,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fa_category_finalize (GObject *object)
{
  FaCategory *self = (FaCategory *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->group, g_free);

  G_OBJECT_CLASS (fa_category_parent_class)->finalize (object);
}

static void
fa_category_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FaCategory *self = FA_CATEGORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, fa_category_get_id (self));
      break;

    case PROP_LABEL:
      g_value_set_string (value, fa_category_get_label (self));
      break;

    case PROP_COLOR:
      g_value_set_uint (value, fa_category_get_color (self));
      break;

    case PROP_GROUP:
      g_value_set_string (value, fa_category_get_group (self));
      break;

    case PROP_FORM:
      g_value_set_enum (value, fa_category_get_form (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, fa_category_get_description (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_category_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FaCategory *self = FA_CATEGORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;

    case PROP_COLOR:
      self->color = g_value_get_uint (value);
      break;

    case PROP_GROUP:
      self->group = g_value_dup_string (value);
      break;

    case PROP_FORM:
      self->form = g_value_get_enum (value);
      break;

    case PROP_DESCRIPTION:
      self->description = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_category_class_init (FaCategoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                             G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = fa_category_finalize;
  object_class->get_property = fa_category_get_property;
  object_class->set_property = fa_category_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  /**
   * FaCategory:color:
   *
   * The legend colour as 0xRRGGBB.
   */
  properties[PROP_COLOR] = g_param_spec_uint ("color", NULL, NULL, 0, 0xffffff, 0, flags);
  properties[PROP_GROUP] =
    g_param_spec_string ("group", NULL, NULL, NULL, flags);
  properties[PROP_FORM] =
    g_param_spec_enum ("form", NULL, NULL,
                       FA_TYPE_CATEGORY_FORM, FA_CATEGORY_FORM_NONE, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fa_category_init (FaCategory *self)
{
}

/**
 * fa_category_get_id:
 * @self: a category
 *
 * Returns: the category's id, as used in the `category` columns
 */
const char *
fa_category_get_id (FaCategory *self)
{
  g_return_val_if_fail (FA_IS_CATEGORY (self), NULL);

  return self->id;
}

/**
 * fa_category_get_label:
 * @self: a category
 *
 * Returns: the legend label, in the current locale when the dataset has it
 */
const char *
fa_category_get_label (FaCategory *self)
{
  g_return_val_if_fail (FA_IS_CATEGORY (self), NULL);

  return self->label != NULL ? self->label : self->id;
}

/**
 * fa_category_get_color:
 * @self: a category
 *
 * Returns: the legend colour as 0xRRGGBB
 */
guint32
fa_category_get_color (FaCategory *self)
{
  g_return_val_if_fail (FA_IS_CATEGORY (self), 0);

  return self->color;
}

/**
 * fa_category_get_group:
 *
 * Returns: (nullable): the id of the group the category belongs to, as
 *   the dataset declares it (see fa_dataset_get_group_label())
 */
const char *
fa_category_get_group (FaCategory *self)
{
  g_return_val_if_fail (FA_IS_CATEGORY (self), NULL);

  return self->group;
}

/**
 * fa_category_get_form:
 * @self: a category
 *
 * Returns: the form of exploitation, or %FA_CATEGORY_FORM_NONE
 */
FaCategoryForm
fa_category_get_form (FaCategory *self)
{
  g_return_val_if_fail (FA_IS_CATEGORY (self), FA_CATEGORY_FORM_NONE);

  return self->form;
}

/**
 * fa_category_get_description:
 * @self: a category
 *
 * Returns: (nullable): a longer description
 */
const char *
fa_category_get_description (FaCategory *self)
{
  g_return_val_if_fail (FA_IS_CATEGORY (self), NULL);

  return self->description;
}
