/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fa-map-style.h"
#include "fa-time-filter.h"
#include "fa-types.h"
#include "fa-viewport.h"

G_BEGIN_DECLS

/**
 * FaLegendPosition:
 * @FA_LEGEND_POSITION_AUTO: the corner that hides the least of the story
 * @FA_LEGEND_POSITION_LEFT: the better of the two left corners
 * @FA_LEGEND_POSITION_RIGHT: the better of the two right corners
 * @FA_LEGEND_POSITION_BOTTOM: the better of the two bottom corners
 *
 * Where the legend panel goes; #FaMapState:show-legend hides it.
 */
typedef enum
{
  FA_LEGEND_POSITION_AUTO,
  FA_LEGEND_POSITION_LEFT,
  FA_LEGEND_POSITION_RIGHT,
  FA_LEGEND_POSITION_BOTTOM,
} FaLegendPosition;

#define FA_TYPE_LEGEND_POSITION (fa_legend_position_get_type ())
GType fa_legend_position_get_type (void) G_GNUC_CONST;

/**
 * FaClustering:
 * @FA_CLUSTERING_AUTO: clusters for datasets of more than
 *   FA_CLUSTER_AUTO_PLACES places joined by flows, every place otherwise
 * @FA_CLUSTERING_OFF: every place on its own, at every zoom
 * @FA_CLUSTERING_ON: near places merge on a zoomed-out map
 *
 * Whether places near each other on screen merge into clusters, and the
 * flows between them into one arrow (see FaPlaceClustering).
 */
typedef enum
{
  FA_CLUSTERING_AUTO,
  FA_CLUSTERING_OFF,
  FA_CLUSTERING_ON,
} FaClustering;

#define FA_TYPE_CLUSTERING (fa_clustering_get_type ())
GType fa_clustering_get_type (void) G_GNUC_CONST;

/* An immutable picture of a state, taken on the main thread and read by
 * layers on any thread while it is drawn.  Its fields are read-only. */
struct _FaMapSnapshot
{
  FaDataset    *dataset;         /* nullable */
  FaTimeFilter  time;
  GHashTable   *hidden;          /* category id set */
  GPtrArray    *visible;         /* FaFlow: the flows shown, in dataset order */
  GHashTable   *visible_set;     /* FaFlow* set of the same */
  GObject      *selected;        /* nullable: FaFlow, FaPlace or FaEvent */
  GObject      *hovered;         /* nullable */
  double        fade_position;   /* < 0: not playing */
  guint         rescale_widths : 1;
  guint         show_regions : 1;
  guint         show_legend : 1;
  guint         arrow_labels : 1;  /* each arrow's magnitude, as stated, beside it */
  guint         hide_credits : 1;  /* the source and base-map credit are elsewhere on
                                    * the page (panels: once, on the last map) */
  FaLegendPosition legend_position;
  FaClustering  clustering;
  gint64        min_count;       /* > 0: only flows of at least this many people */
  guint         top;             /* > 0: only the @top largest flows */
  char         *title;           /* nullable: the dataset's title when NULL */
  char         *subtitle;        /* nullable: the date line when NULL */

  /*< private >*/
  gint          ref_count;
};

#define FA_TYPE_MAP_SNAPSHOT (fa_map_snapshot_get_type ())
GType          fa_map_snapshot_get_type         (void) G_GNUC_CONST;
FaMapSnapshot *fa_map_snapshot_ref              (FaMapSnapshot      *snapshot);
void           fa_map_snapshot_unref            (FaMapSnapshot      *snapshot);
FaMapSnapshot *fa_map_snapshot_copy             (const FaMapSnapshot *snapshot);
FaMapSnapshot *fa_map_snapshot_copy_at_time     (const FaMapSnapshot *snapshot,
                                                 const FaTimeFilter  *time,
                                                 double               fade_position);
gboolean       fa_map_snapshot_flow_is_shown    (const FaMapSnapshot *snapshot,
                                                 FaFlow             *flow);
char          *fa_map_snapshot_describe         (const FaMapSnapshot *snapshot);
GHashTable    *fa_map_snapshot_dup_region_roles (const FaMapSnapshot *snapshot);
gboolean       fa_map_snapshot_category_visible (const FaMapSnapshot *snapshot,
                                                 const char         *category_id);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaMapSnapshot, fa_map_snapshot_unref)

#define FA_TYPE_MAP_STATE (fa_map_state_get_type ())
G_DECLARE_FINAL_TYPE (FaMapState, fa_map_state, FA, MAP_STATE, GObject)

FaMapState    *fa_map_state_new                  (void);

FaDataset     *fa_map_state_get_dataset          (FaMapState         *self);
void           fa_map_state_set_dataset          (FaMapState         *self,
                                                  FaDataset          *dataset);
void           fa_map_state_get_time_filter      (FaMapState         *self,
                                                  FaTimeFilter       *filter);
void           fa_map_state_set_time_filter      (FaMapState         *self,
                                                  const FaTimeFilter *filter);
FaMonth        fa_map_state_get_month            (FaMapState         *self);
void           fa_map_state_set_month            (FaMapState         *self,
                                                  FaMonth             month);
FaTimeMode     fa_map_state_get_time_mode        (FaMapState         *self);
void           fa_map_state_set_time_mode        (FaMapState         *self,
                                                  FaTimeMode          mode);
FaMonth        fa_map_state_get_from             (FaMapState         *self);
void           fa_map_state_set_from             (FaMapState         *self,
                                                  FaMonth             from);

const char * const *fa_map_state_get_hidden_categories (FaMapState   *self);
void           fa_map_state_set_hidden_categories (FaMapState        *self,
                                                  const char * const *ids);
gboolean       fa_map_state_get_category_visible (FaMapState         *self,
                                                  const char         *category_id);
void           fa_map_state_set_category_visible (FaMapState         *self,
                                                  const char         *category_id,
                                                  gboolean            visible);
void           fa_map_state_show_only_categories (FaMapState         *self,
                                                  GHashTable         *category_ids);

GObject       *fa_map_state_get_selected         (FaMapState         *self);
void           fa_map_state_set_selected         (FaMapState         *self,
                                                  GObject            *item);
GObject       *fa_map_state_get_hovered          (FaMapState         *self);
void           fa_map_state_set_hovered          (FaMapState         *self,
                                                  GObject            *item);

const char    *fa_map_state_get_projection       (FaMapState         *self);
void           fa_map_state_set_projection       (FaMapState         *self,
                                                  const char         *definition);
FaMapStyleKind fa_map_state_get_style            (FaMapState         *self);
void           fa_map_state_set_style            (FaMapState         *self,
                                                  FaMapStyleKind      style);
gboolean       fa_map_state_get_rescale_widths   (FaMapState         *self);
void           fa_map_state_set_rescale_widths   (FaMapState         *self,
                                                  gboolean            rescale);
gboolean       fa_map_state_get_show_regions     (FaMapState         *self);
void           fa_map_state_set_show_regions     (FaMapState         *self,
                                                  gboolean            show_regions);
gboolean       fa_map_state_get_undated_every_month (FaMapState      *self);
void           fa_map_state_set_undated_every_month (FaMapState      *self,
                                                     gboolean         value);
const char    *fa_map_state_get_title            (FaMapState         *self);
void           fa_map_state_set_title            (FaMapState         *self,
                                                  const char         *title);
const char    *fa_map_state_get_subtitle         (FaMapState         *self);
void           fa_map_state_set_subtitle         (FaMapState         *self,
                                                  const char         *subtitle);
gboolean       fa_map_state_get_arrow_labels     (FaMapState         *self);
void           fa_map_state_set_arrow_labels     (FaMapState         *self,
                                                  gboolean            arrow_labels);
gboolean       fa_map_state_get_show_legend      (FaMapState         *self);
void           fa_map_state_set_show_legend      (FaMapState         *self,
                                                  gboolean            show_legend);
FaLegendPosition fa_map_state_get_legend_position (FaMapState       *self);
void           fa_map_state_set_legend_position  (FaMapState         *self,
                                                  FaLegendPosition    position);
double         fa_map_state_get_fade_position    (FaMapState         *self);
void           fa_map_state_set_fade_position    (FaMapState         *self,
                                                  double              position);

FaViewport    *fa_map_state_get_viewport         (FaMapState         *self);
GListModel    *fa_map_state_get_user_layers      (FaMapState         *self);
GListModel    *fa_map_state_get_visible_flows    (FaMapState         *self);
gint64         fa_map_state_get_min_count        (FaMapState         *self);
void           fa_map_state_set_min_count        (FaMapState         *self,
                                                  gint64              min_count);
FaClustering   fa_map_state_get_clustering       (FaMapState         *self);
void           fa_map_state_set_clustering       (FaMapState         *self,
                                                  FaClustering        clustering);
guint          fa_map_state_get_top              (FaMapState         *self);
void           fa_map_state_set_top              (FaMapState         *self,
                                                  guint               top);
gboolean       fa_map_state_flow_is_shown        (FaMapState         *self,
                                                  FaFlow             *flow);
FaMapSnapshot *fa_map_state_snapshot             (FaMapState         *self);

G_END_DECLS
