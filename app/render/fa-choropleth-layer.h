/* fa-choropleth-layer.h — countries and regions coloured by their role
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fa-basemap-layer.h"
#include "fa-flow-layer.h"

G_BEGIN_DECLS

/* Roles a country or region plays in the flows shown, as bits. */
typedef enum
{
  FA_ROLE_LABOUR_ORIGIN   = 1 << 0,  /* victims of labour trafficking in Russia come from here */
  FA_ROLE_SEX_ORIGIN      = 1 << 1,  /* victims of sex trafficking in Russia come from here */
  FA_ROLE_MILITARY_ORIGIN = 1 << 2,  /* people coerced into Russia's forces come from here */
  FA_ROLE_DESTINATION     = 1 << 3,  /* Russian victims are exploited here */
  FA_ROLE_ABROAD_ORIGIN   = 1 << 4,  /* a region of Russia whose people are exploited abroad */
  FA_ROLE_WORKERS_SENT    = 1 << 5,  /* a region of Russia named as where DPRK workers are sent */
} FaRole;

#define FA_TYPE_CHOROPLETH_LAYER (fa_choropleth_layer_get_type ())
G_DECLARE_FINAL_TYPE (FaChoroplethLayer, fa_choropleth_layer, FA, CHOROPLETH_LAYER, FaMapLayer)

FaChoroplethLayer *fa_choropleth_layer_new       (FaFlowLayer        *flows,
                                                  FaBasemapLayer     *basemap);

char              *fa_choropleth_describe_roles  (guint               roles);

G_END_DECLS
