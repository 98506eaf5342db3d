/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-region-role"

#include "config.h"

#include <string.h>

#include "fa-region-role.h"

#include "fa-category.h"
#include "fa-flow.h"
#include "fa-place.h"

/* A role of the source-region map, declared by a dataset in dataset.ini
 * ([Role:ID]): the countries and regions at one end of the flows of some
 * categories are tinted with it.  The engine knows no role of its own. */
struct _FaRegionRole
{
  GObject        parent_instance;

  char          *id;                 /* owned */
  char          *label;              /* owned */
  guint32        color;              /* 0xRRGGBB */
  FaRolePattern  pattern;
  FaRolePattern  overlay;
  FaRoleEnd      end;
  char         **categories;         /* owned, NULL-terminated */
  char         **within;             /* owned, NULL-terminated: code prefixes the place must lie in */
  char         **except;             /* owned, NULL-terminated: code prefixes it must not lie in */
  gboolean       subdivisions_only;  /* only regions (ISO 3166-2), never whole countries */
  char          *combined_with;      /* owned, nullable: a role often found with this one */
  char          *combined_label;     /* owned, nullable: the legend's words for both */
};

G_DEFINE_FINAL_TYPE (FaRegionRole, fa_region_role, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FaRolePattern, fa_role_pattern,
  G_DEFINE_ENUM_VALUE (FA_ROLE_PATTERN_FILL, "fill"),
  G_DEFINE_ENUM_VALUE (FA_ROLE_PATTERN_LIGHT, "light"),
  G_DEFINE_ENUM_VALUE (FA_ROLE_PATTERN_STRIPES, "stripes"),
  G_DEFINE_ENUM_VALUE (FA_ROLE_PATTERN_VERTICAL_STRIPES, "vertical-stripes"),
  G_DEFINE_ENUM_VALUE (FA_ROLE_PATTERN_OUTLINE, "outline"))

G_DEFINE_ENUM_TYPE (FaRoleEnd, fa_role_end,
  G_DEFINE_ENUM_VALUE (FA_ROLE_END_ORIGIN, "origin"),
  G_DEFINE_ENUM_VALUE (FA_ROLE_END_DESTINATION, "destination"))

static void
fa_region_role_finalize (GObject *object)
{
  FaRegionRole *self = FA_REGION_ROLE (object);

  g_free (self->id);
  g_free (self->label);
  g_strfreev (self->categories);
  g_strfreev (self->within);
  g_strfreev (self->except);
  g_free (self->combined_with);
  g_free (self->combined_label);

  G_OBJECT_CLASS (fa_region_role_parent_class)->finalize (object);
}

static void
fa_region_role_class_init (FaRegionRoleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fa_region_role_finalize;
}

static void
fa_region_role_init (FaRegionRole *self)
{
}

/**
 * fa_region_role_new:
 * @categories: (array zero-terminated=1): the categories whose flows give
 *   the role
 * @within: (nullable) (array zero-terminated=1): ISO code prefixes; when
 *   given, only places that lie wholly within them take the role
 * @except: (nullable) (array zero-terminated=1): ISO code prefixes of
 *   places that never take the role (such as the country the flows are
 *   about)
 * @subdivisions_only: only first-level regions take the role
 *
 * Returns: (transfer full): a role
 */
FaRegionRole *
fa_region_role_new (const char         *id,
                    const char         *label,
                    guint32             color,
                    FaRolePattern       pattern,
                    FaRolePattern       overlay,
                    FaRoleEnd           end,
                    const char * const *categories,
                    const char * const *within,
                    const char * const *except,
                    gboolean            subdivisions_only)
{
  FaRegionRole *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (FA_TYPE_REGION_ROLE, NULL);
  self->id = g_strdup (id);
  self->label = g_strdup (label != NULL && *label != '\0' ? label : id);
  self->color = color;
  self->pattern = pattern;
  self->overlay = overlay;
  self->end = end;
  self->categories = categories ? g_strdupv ((char **) categories) : g_new0 (char *, 1);
  self->within = within ? g_strdupv ((char **) within) : g_new0 (char *, 1);
  self->except = except ? g_strdupv ((char **) except) : g_new0 (char *, 1);
  self->subdivisions_only = subdivisions_only;

  return self;
}

const char *
fa_region_role_get_id (FaRegionRole *self)
{
  g_return_val_if_fail (FA_IS_REGION_ROLE (self), NULL);

  return self->id;
}

const char *
fa_region_role_get_label (FaRegionRole *self)
{
  g_return_val_if_fail (FA_IS_REGION_ROLE (self), NULL);

  return self->label;
}

guint32
fa_region_role_get_color (FaRegionRole *self)
{
  g_return_val_if_fail (FA_IS_REGION_ROLE (self), 0);

  return self->color;
}

FaRolePattern
fa_region_role_get_pattern (FaRegionRole *self)
{
  g_return_val_if_fail (FA_IS_REGION_ROLE (self), FA_ROLE_PATTERN_FILL);

  return self->pattern;
}

FaRolePattern
fa_region_role_get_overlay (FaRegionRole *self)
{
  g_return_val_if_fail (FA_IS_REGION_ROLE (self), FA_ROLE_PATTERN_STRIPES);

  return self->overlay;
}

FaRoleEnd
fa_region_role_get_end (FaRegionRole *self)
{
  g_return_val_if_fail (FA_IS_REGION_ROLE (self), FA_ROLE_END_ORIGIN);

  return self->end;
}

const char * const *
fa_region_role_get_categories (FaRegionRole *self)
{
  g_return_val_if_fail (FA_IS_REGION_ROLE (self), NULL);

  return (const char * const *) self->categories;
}

/**
 * fa_region_role_set_combination:
 * @other_id: a role that a region may play together with this one
 * @label: what the legend calls a region of both roles
 */
void
fa_region_role_set_combination (FaRegionRole *self,
                                const char   *other_id,
                                const char   *label)
{
  g_return_if_fail (FA_IS_REGION_ROLE (self));

  g_free (self->combined_with);
  g_free (self->combined_label);
  self->combined_with = g_strdup (other_id);
  self->combined_label = g_strdup (label);
}

const char *
fa_region_role_get_combined_with (FaRegionRole *self)
{
  g_return_val_if_fail (FA_IS_REGION_ROLE (self), NULL);

  return self->combined_with;
}

const char *
fa_region_role_get_combined_label (FaRegionRole *self)
{
  g_return_val_if_fail (FA_IS_REGION_ROLE (self), NULL);

  return self->combined_label;
}

/* A place lies wholly within the areas of @prefixes ("RU" holds every
 * federal subject) when each of its codes starts with one of them. */
static gboolean
place_within (FaPlace           *place,
              const char * const *prefixes)
{
  const char * const *codes = fa_place_get_region_codes (place);

  if (codes == NULL || codes[0] == NULL || prefixes[0] == NULL)
    return FALSE;
  for (guint i = 0; codes[i] != NULL; i++)
    {
      gboolean inside = FALSE;

      for (guint k = 0; prefixes[k] != NULL && !inside; k++)
        inside = g_str_has_prefix (codes[i], prefixes[k]);
      if (!inside)
        return FALSE;
    }
  return TRUE;
}

/**
 * fa_region_role_applies:
 * @place: (out) (transfer none): the place that takes the role
 *
 * Returns: whether @flow gives the role to one of its ends
 */
gboolean
fa_region_role_applies (FaRegionRole  *self,
                        FaFlow        *flow,
                        FaPlace      **place)
{
  FaCategory *category;
  FaPlace *end;
  const char * const *codes;

  g_return_val_if_fail (FA_IS_REGION_ROLE (self), FALSE);
  g_return_val_if_fail (FA_IS_FLOW (flow), FALSE);

  category = fa_flow_get_category (flow);
  if (category == NULL || !g_strv_contains ((const char * const *) self->categories, fa_category_get_id (category)))
    return FALSE;

  end = self->end == FA_ROLE_END_ORIGIN ? fa_flow_get_origin (flow) : fa_flow_get_destination (flow);
  codes = fa_place_get_region_codes (end);
  if (codes == NULL || codes[0] == NULL)
    return FALSE;
  if (place_within (end, (const char * const *) self->except))
    return FALSE;
  if (self->within[0] != NULL && !place_within (end, (const char * const *) self->within))
    return FALSE;
  if (self->subdivisions_only && strchr (codes[0], '-') == NULL)
    return FALSE;

  *place = end;
  return TRUE;
}
