/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-types.h"

G_BEGIN_DECLS

/* How a role fills a region: alone (its pattern), and over a region that
 * another role filled already (its overlay). */
typedef enum
{
  FA_ROLE_PATTERN_FILL,              /* a plain tint */
  FA_ROLE_PATTERN_LIGHT,             /* a light tint, for large regions */
  FA_ROLE_PATTERN_STRIPES,           /* falling stripes */
  FA_ROLE_PATTERN_VERTICAL_STRIPES,  /* a light tint and vertical stripes */
  FA_ROLE_PATTERN_OUTLINE,           /* a border inside the region */
} FaRolePattern;

/* Which end of a flow plays the role. */
typedef enum
{
  FA_ROLE_END_ORIGIN,
  FA_ROLE_END_DESTINATION,
} FaRoleEnd;

#define FA_TYPE_ROLE_PATTERN (fa_role_pattern_get_type ())
GType fa_role_pattern_get_type (void) G_GNUC_CONST;
#define FA_TYPE_ROLE_END (fa_role_end_get_type ())
GType fa_role_end_get_type (void) G_GNUC_CONST;

#define FA_TYPE_REGION_ROLE (fa_region_role_get_type ())
G_DECLARE_FINAL_TYPE (FaRegionRole, fa_region_role, FA, REGION_ROLE, GObject)

FaRegionRole       *fa_region_role_new                  (const char         *id,
                                                         const char         *label,
                                                         guint32             color,
                                                         FaRolePattern       pattern,
                                                         FaRolePattern       overlay,
                                                         FaRoleEnd           end,
                                                         const char * const *categories,
                                                         const char * const *within,
                                                         const char * const *except,
                                                         gboolean            subdivisions_only);
const char         *fa_region_role_get_id               (FaRegionRole       *self);
const char         *fa_region_role_get_label            (FaRegionRole       *self);
guint32             fa_region_role_get_color            (FaRegionRole       *self);
FaRolePattern       fa_region_role_get_pattern          (FaRegionRole       *self);
FaRolePattern       fa_region_role_get_overlay          (FaRegionRole       *self);
FaRoleEnd           fa_region_role_get_end              (FaRegionRole       *self);
const char * const *fa_region_role_get_categories       (FaRegionRole       *self);
void                fa_region_role_set_combination      (FaRegionRole       *self,
                                                         const char         *other_id,
                                                         const char         *label);
const char         *fa_region_role_get_combined_with    (FaRegionRole       *self);
const char         *fa_region_role_get_combined_label   (FaRegionRole       *self);
gboolean            fa_region_role_applies              (FaRegionRole       *self,
                                                         FaFlow             *flow,
                                                         FaPlace           **place);

G_END_DECLS
