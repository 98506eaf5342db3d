/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-types.h"

G_BEGIN_DECLS

/* A named projection offered in the UI and on the command line. */
typedef struct
{
  const char *id;           /* "europe-asia", "europe-russia", "eurasia", "world" */
  const char *title;        /* marked for translation; translate at the point of use */
  const char *definition;   /* PROJ string */
  double      extent[4];    /* default view: west, south, east, north in degrees */
} FaProjectionPreset;

#define FA_PROJECTION_DEFAULT_PRESET "europe-asia"

#define FA_TYPE_PROJECTION (fa_projection_get_type ())
G_DECLARE_FINAL_TYPE (FaProjection, fa_projection, FA, PROJECTION, GObject)

const FaProjectionPreset *fa_projection_get_presets          (guint               *n_presets);
const FaProjectionPreset *fa_projection_find_preset          (const char          *id);

FaProjection             *fa_projection_new                  (const char          *definition,
                                                              GError             **error);
FaProjection             *fa_projection_new_to_lonlat        (const char          *source_crs,
                                                              GError             **error);

const char               *fa_projection_get_definition       (FaProjection        *self);
const char               *fa_projection_get_title            (FaProjection        *self);
const FaProjectionPreset *fa_projection_get_preset           (FaProjection        *self);
gboolean                  fa_projection_is_geographic        (FaProjection        *self);
double                    fa_projection_get_finest_scale     (FaProjection        *self);
double                    fa_projection_get_central_meridian (FaProjection        *self);
void                      fa_projection_get_default_extent   (FaProjection        *self,
                                                              double               extent[4]);

gsize                     fa_projection_forward              (FaProjection        *self,
                                                              double              *x,
                                                              double              *y,
                                                              gsize                n_points);
gsize                     fa_projection_inverse              (FaProjection        *self,
                                                              double              *x,
                                                              double              *y,
                                                              gsize                n_points);
gboolean                  fa_projection_project_extent       (FaProjection        *self,
                                                              const double         extent[4],
                                                              FaRect              *out_rect);
double                    fa_projection_geodesic_distance    (double               lon1,
                                                              double               lat1,
                                                              double               lon2,
                                                              double               lat2);

G_END_DECLS
