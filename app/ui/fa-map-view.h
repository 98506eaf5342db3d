/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fa-map.h"
#include "fa-viewport.h"

G_BEGIN_DECLS

#define FA_TYPE_MAP_VIEW (fa_map_view_get_type ())
G_DECLARE_FINAL_TYPE (FaMapView, fa_map_view, FA, MAP_VIEW, GtkWidget)

GtkWidget  *fa_map_view_new            (void);
FaMap      *fa_map_view_get_map        (FaMapView    *self);
void        fa_map_view_set_map        (FaMapView    *self,
                                        FaMap        *map);
gboolean    fa_map_view_get_rendering  (FaMapView    *self);
const char *fa_map_view_get_description (FaMapView   *self);
FaViewport *fa_map_view_get_viewport   (FaMapView    *self);
const char *fa_map_view_get_hover_text (FaMapView    *self);
void        fa_map_view_reset_view     (FaMapView    *self);
void        fa_map_view_zoom_by        (FaMapView    *self,
                                        double        factor);
void        fa_map_view_fit_rect       (FaMapView    *self,
                                        const FaRect *rect,
                                        double        margin);
void        fa_map_view_show_extent    (FaMapView    *self,
                                        const double  extent[4]);
gboolean    fa_map_view_get_extent     (FaMapView    *self,
                                        double        extent[4]);

G_END_DECLS
