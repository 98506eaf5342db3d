/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-preset"

#include "config.h"

#include "fa-preset.h"

#include "fa-category.h"

/* A dataset declares its presets in dataset.ini ([Preset:ID]); the
 * window's sidebar and --show offer them.  No preset is built in. */
struct _FaPreset
{
  GObject   parent_instance;

  char     *id;           /* owned */
  char     *label;        /* owned */
  char     *description;  /* owned, nullable */
  char    **groups;       /* owned, NULL-terminated */
  char    **categories;   /* owned, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (FaPreset, fa_preset, G_TYPE_OBJECT)

static void
fa_preset_finalize (GObject *object)
{
  FaPreset *self = FA_PRESET (object);

  g_free (self->id);
  g_free (self->label);
  g_free (self->description);
  g_strfreev (self->groups);
  g_strfreev (self->categories);

  G_OBJECT_CLASS (fa_preset_parent_class)->finalize (object);
}

static void
fa_preset_class_init (FaPresetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fa_preset_finalize;
}

static void
fa_preset_init (FaPreset *self)
{
}

/**
 * fa_preset_new:
 * @groups: (nullable) (array zero-terminated=1): category groups it shows
 * @categories: (nullable) (array zero-terminated=1): categories it shows
 *
 * Returns: (transfer full): a preset showing the categories of @groups and
 *   the @categories named
 */
FaPreset *
fa_preset_new (const char         *id,
               const char         *label,
               const char         *description,
               const char * const *groups,
               const char * const *categories)
{
  FaPreset *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (FA_TYPE_PRESET, NULL);
  self->id = g_strdup (id);
  self->label = g_strdup (label != NULL && *label != '\0' ? label : id);
  self->description = g_strdup (description);
  self->groups = groups ? g_strdupv ((char **) groups) : g_new0 (char *, 1);
  self->categories = categories ? g_strdupv ((char **) categories) : g_new0 (char *, 1);

  return self;
}

const char *
fa_preset_get_id (FaPreset *self)
{
  g_return_val_if_fail (FA_IS_PRESET (self), NULL);

  return self->id;
}

const char *
fa_preset_get_label (FaPreset *self)
{
  g_return_val_if_fail (FA_IS_PRESET (self), NULL);

  return self->label;
}

const char *
fa_preset_get_description (FaPreset *self)
{
  g_return_val_if_fail (FA_IS_PRESET (self), NULL);

  return self->description;
}

const char * const *
fa_preset_get_groups (FaPreset *self)
{
  g_return_val_if_fail (FA_IS_PRESET (self), NULL);

  return (const char * const *) self->groups;
}

const char * const *
fa_preset_get_categories (FaPreset *self)
{
  g_return_val_if_fail (FA_IS_PRESET (self), NULL);

  return (const char * const *) self->categories;
}

/**
 * fa_preset_includes:
 *
 * Returns: whether the preset shows @category
 */
gboolean
fa_preset_includes (FaPreset   *self,
                    FaCategory *category)
{
  g_return_val_if_fail (FA_IS_PRESET (self), FALSE);
  g_return_val_if_fail (FA_IS_CATEGORY (category), FALSE);

  return g_strv_contains ((const char * const *) self->categories, fa_category_get_id (category)) ||
         (fa_category_get_group (category) != NULL &&
          g_strv_contains ((const char * const *) self->groups, fa_category_get_group (category)));
}
