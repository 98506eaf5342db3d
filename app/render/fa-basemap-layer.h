/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fa-feature-layer.h"
#include "fa-geodata.h"
#include "fa-map-layer.h"

G_BEGIN_DECLS

/* What lies under a point of the map. */
typedef struct
{
  FaFeatureLayer *layer;        /* borrowed; NULL when nothing was hit */
  int             feature;
  const char     *name;         /* borrowed from the layer */
  const char     *code;         /* ISO 3166-1 alpha-2 or ISO 3166-2 */
  const char     *country;      /* the country's name; equals name for a country */
  const char     *occupied;     /* NULL, or the occupied-territory note */
} FaBasemapHit;

#define FA_TYPE_BASEMAP_LAYER (fa_basemap_layer_get_type ())
G_DECLARE_FINAL_TYPE (FaBasemapLayer, fa_basemap_layer, FA, BASEMAP_LAYER, FaMapLayer)

FaBasemapLayer *fa_basemap_layer_new               (FaGeodata              *geodata,
                                                    FaProjection           *projection,
                                                    GError                **error);
FaProjection   *fa_basemap_layer_get_projection    (FaBasemapLayer         *self);
FaFeatureLayer *fa_basemap_layer_get_features      (FaBasemapLayer         *self,
                                                    FaGeodataKind           kind,
                                                    FaDetail                detail);
void            fa_basemap_layer_draw_occupied     (FaBasemapLayer         *self,
                                                    cairo_t                *cr,
                                                    const FaRenderContext  *ctx);
FaGeodata      *fa_basemap_layer_get_geodata       (FaBasemapLayer         *self);
gboolean        fa_basemap_layer_get_show_regions  (FaBasemapLayer         *self);
void            fa_basemap_layer_set_show_regions  (FaBasemapLayer         *self,
                                                    gboolean                show_regions);
FaDetail        fa_basemap_layer_pick_detail       (double                  meters_per_pixel);
gboolean        fa_basemap_layer_pick              (FaBasemapLayer         *self,
                                                    const FaRenderContext  *ctx,
                                                    double                  x,
                                                    double                  y,
                                                    FaBasemapHit           *hit);
FaMonth         fa_basemap_layer_get_occupied_month (FaBasemapLayer        *self,
                                                    const FaRenderContext  *ctx);
void            fa_basemap_layer_list_occupied     (FaBasemapLayer         *self,
                                                    const FaRenderContext  *ctx,
                                                    GPtrArray              *full,
                                                    GPtrArray              *partial,
                                                    const char            **occupier);
void            fa_basemap_layer_draw_occupied_swatch (cairo_t             *cr,
                                                    const FaMapStyle       *style,
                                                    double                  width,
                                                    double                  height,
                                                    gboolean                full);

G_END_DECLS
