/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FA_GEO_ERROR (fa_geo_error_quark ())

typedef enum
{
  FA_GEO_ERROR_OPEN,          /* a file is missing or cannot be read */
  FA_GEO_ERROR_TRUNCATED,     /* a file ends before its structure says it should */
  FA_GEO_ERROR_FORMAT,        /* wrong file code, unknown shape type, bad header */
  FA_GEO_ERROR_BAD_GEOMETRY,  /* NaN/infinite coordinates, impossible part indexes */
  FA_GEO_ERROR_ATTRIBUTES,    /* .dbf problems: record count, encoding */
  FA_GEO_ERROR_PROJECTION,    /* PROJ could not create or run a transformation */
} FaGeoError;

GQuark fa_geo_error_quark (void);

G_END_DECLS
