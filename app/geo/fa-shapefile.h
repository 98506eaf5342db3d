/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fa-types.h"

G_BEGIN_DECLS

typedef enum
{
  FA_GEOMETRY_NONE,
  FA_GEOMETRY_POINT,      /* points and multipoints */
  FA_GEOMETRY_LINE,       /* polylines (arcs) */
  FA_GEOMETRY_POLYGON,    /* polygons, any number of rings, holes included */
} FaGeometryType;

#define FA_TYPE_SHAPEFILE (fa_shapefile_get_type ())
G_DECLARE_FINAL_TYPE (FaShapefile, fa_shapefile, FA, SHAPEFILE, GObject)

FaShapefile    *fa_shapefile_load              (const char    *path,
                                                GError       **error);

const char     *fa_shapefile_get_path          (FaShapefile   *self);
char           *fa_shapefile_dup_display_name  (FaShapefile   *self);
FaGeometryType  fa_shapefile_get_geometry_type (FaShapefile   *self);
guint           fa_shapefile_get_n_records     (FaShapefile   *self);
guint           fa_shapefile_get_n_points      (FaShapefile   *self);
void            fa_shapefile_get_bounds        (FaShapefile   *self,
                                                FaRect        *lonlat_bounds);
const char * const *fa_shapefile_get_warnings  (FaShapefile   *self);

guint           fa_shapefile_get_n_fields      (FaShapefile   *self);
const char     *fa_shapefile_get_field_name    (FaShapefile   *self,
                                                guint          field);
int             fa_shapefile_find_field        (FaShapefile   *self,
                                                const char    *name);
const char     *fa_shapefile_get_value         (FaShapefile   *self,
                                                guint          record,
                                                guint          field);

guint           fa_shapefile_get_shape         (FaShapefile   *self,
                                                guint          record,
                                                const double **lon,
                                                const double **lat,
                                                const guint  **part_starts);

G_END_DECLS
