/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A month as one integer: year * 12 + (month - 1).  January 2022 is
 * 2022 * 12 + 0.  Comparisons and differences are plain integer maths.
 */
typedef gint32 FaMonth;

#define FA_MONTH_MIN     (1 * 12)
#define FA_MONTH_MAX     (9999 * 12 + 11)
/* "No month": an open start or end, or no month selected. */
#define FA_MONTH_NONE    G_MININT32

/* An axis-aligned rectangle in projected map units. */
typedef struct
{
  double x1;
  double y1;
  double x2;
  double y2;
} FaRect;

/* geo */
typedef struct _FaProjection       FaProjection;
typedef struct _FaShapefile        FaShapefile;
typedef struct _FaFeatureLayer     FaFeatureLayer;
typedef struct _FaGeodata          FaGeodata;

/* model */
typedef struct _FaPlace            FaPlace;
typedef struct _FaFlow             FaFlow;
typedef struct _FaEvent            FaEvent;
typedef struct _FaCategory         FaCategory;
typedef struct _FaDataset          FaDataset;
typedef struct _FaPreset           FaPreset;
typedef struct _FaRegionRole       FaRegionRole;

/* render */
typedef struct _FaViewport         FaViewport;
typedef struct _FaMapStyle         FaMapStyle;
typedef struct _FaRenderContext    FaRenderContext;
typedef struct _FaMapLayer         FaMapLayer;
typedef struct _FaBasemapLayer     FaBasemapLayer;
typedef struct _FaShapeLayer       FaShapeLayer;
typedef struct _FaLegendLayer      FaLegendLayer;
typedef struct _FaRenderer         FaRenderer;
typedef struct _FaFrame            FaFrame;
typedef struct _FaMapState         FaMapState;
typedef struct _FaMapSnapshot      FaMapSnapshot;
typedef struct _FaMap              FaMap;

/* ui */
typedef struct _FaApplication      FaApplication;
typedef struct _FaWindow           FaWindow;
typedef struct _FaMapView          FaMapView;
typedef struct _FaTimeline         FaTimeline;

G_END_DECLS
