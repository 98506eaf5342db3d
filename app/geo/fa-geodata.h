/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-shapefile.h"
#include "fa-types.h"

G_BEGIN_DECLS

typedef enum
{
  FA_DETAIL_LOW,      /* world view */
  FA_DETAIL_MEDIUM,   /* a continent */
  FA_DETAIL_HIGH,     /* a country or closer */
} FaDetail;

#define FA_N_DETAILS 3

typedef enum
{
  FA_GEODATA_COUNTRIES,
  FA_GEODATA_REGIONS,
  FA_GEODATA_OCCUPIED,
} FaGeodataKind;

#define FA_TYPE_GEODATA (fa_geodata_get_type ())
G_DECLARE_FINAL_TYPE (FaGeodata, fa_geodata, FA, GEODATA, GObject)

const char  *fa_geodata_get_default_directory (void);

FaGeodata   *fa_geodata_new                   (const char     *directory,
                                               GError        **error);
const char  *fa_geodata_get_directory         (FaGeodata      *self);

FaShapefile *fa_geodata_get_layer             (FaGeodata      *self,
                                               FaGeodataKind   kind,
                                               FaDetail        detail,
                                               GError        **error);

gboolean     fa_geodata_has_code              (FaGeodata      *self,
                                               const char     *code);
gboolean     fa_geodata_get_label_point       (FaGeodata      *self,
                                               const char     *code,
                                               double         *lon,
                                               double         *lat);
const char  *fa_geodata_get_name              (FaGeodata      *self,
                                               const char     *code);

G_END_DECLS
