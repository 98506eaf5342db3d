/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "fa-label-space.h"
#include "fa-render-context.h"
#include "fa-types.h"

G_BEGIN_DECLS

/* One entry of the legend that a layer contributes. */
typedef struct
{
  FaMapLayer *layer;    /* borrowed: the layer that drew the entry */
  char    *label;
  char    *detail;      /* nullable: a second, smaller line */
  gboolean counts_map;  /* the detail counts what one map shows ("3 flows"):
                         * a legend shared by several maps leaves it out */
  char    *shared_detail; /* nullable: the detail in a legend shared by maps
                           * of several dates, when the detail names one */
  char    *brief_detail;  /* nullable: the detail in a brief legend, where a
                           * small view leaves room for labels only; what
                           * must stay (a date, an approximation) */
  void   (*draw_swatch) (FaMapLayer            *layer,
                         cairo_t               *cr,
                         const FaRenderContext *ctx,
                         double                 width,
                         double                 height,
                         gpointer               data);
  gpointer data;
  GDestroyNotify data_free;
} FaLegendEntry;

void fa_legend_entry_free (FaLegendEntry *entry);

/* What lies under a point of one drawing of the map. */
typedef struct
{
  FaMapLayer     *layer;      /* borrowed: the layer hit; NULL for nothing */
  GObject        *item;       /* borrowed, nullable: a FaFlow, FaPlace or FaEvent */
  FaFeatureLayer *features;   /* borrowed, nullable: a feature's layer */
  int             feature;    /* its index, or -1 */
  const char     *code;       /* borrowed, nullable: its ISO 3166 code */
  double          map_x;      /* the point asked about, in projected units */
  double          map_y;
} FaMapHit;

#define FA_MAP_HIT_INIT ((FaMapHit) { NULL, NULL, NULL, -1, NULL, 0, 0 })
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaLegendEntry, fa_legend_entry_free)

#define FA_TYPE_MAP_LAYER (fa_map_layer_get_type ())
G_DECLARE_DERIVABLE_TYPE (FaMapLayer, fa_map_layer, FA, MAP_LAYER, GObject)

struct _FaMapLayerClass
{
  GObjectClass parent_class;

  void     (*render)         (FaMapLayer            *self,
                              cairo_t               *cr,
                              const FaRenderContext *ctx);
  void     (*collect_legend) (FaMapLayer            *self,
                              const FaRenderContext *ctx,
                              GPtrArray             *entries);
  gboolean (*pick)           (FaMapLayer            *self,
                              const FaRenderContext *ctx,
                              double                 x,
                              double                 y,
                              FaMapHit              *hit);
  void     (*describe)       (FaMapLayer            *self,
                              const FaRenderContext *ctx,
                              const FaMapHit        *hit,
                              GString               *text);
  char *   (*dup_summary)    (FaMapLayer            *self);
  void     (*collect_labels) (FaMapLayer            *self,
                              cairo_t               *cr,
                              const FaRenderContext *ctx,
                              FaLabelSpace          *space);

  gpointer padding[6];
};

const char *fa_map_layer_get_title      (FaMapLayer            *self);
char       *fa_map_layer_dup_summary    (FaMapLayer            *self);
void        fa_map_layer_set_title      (FaMapLayer            *self,
                                         const char            *title);
gboolean    fa_map_layer_get_visible    (FaMapLayer            *self);
void        fa_map_layer_set_visible    (FaMapLayer            *self,
                                         gboolean               visible);
double      fa_map_layer_get_opacity    (FaMapLayer            *self);
void        fa_map_layer_set_opacity    (FaMapLayer            *self,
                                         double                 opacity);
FaLayerSet  fa_map_layer_get_kind       (FaMapLayer            *self);
void        fa_map_layer_set_kind       (FaMapLayer            *self,
                                         FaLayerSet             kind);

void        fa_map_layer_render         (FaMapLayer            *self,
                                         cairo_t               *cr,
                                         const FaRenderContext *ctx);
void        fa_map_layer_collect_legend (FaMapLayer            *self,
                                         const FaRenderContext *ctx,
                                         GPtrArray             *entries);
gboolean    fa_map_layer_pick           (FaMapLayer            *self,
                                         const FaRenderContext *ctx,
                                         double                 x,
                                         double                 y,
                                         FaMapHit              *hit);
void        fa_map_layer_describe       (FaMapLayer            *self,
                                         const FaRenderContext *ctx,
                                         const FaMapHit        *hit,
                                         GString               *text);
void        fa_map_layer_collect_labels (FaMapLayer            *self,
                                         cairo_t               *cr,
                                         const FaRenderContext *ctx,
                                         FaLabelSpace          *space);
void        fa_map_layer_changed        (FaMapLayer            *self);

FaLabelSpace *fa_map_layers_place_labels (GPtrArray            *layers,
                                          cairo_t              *cr,
                                          const FaRenderContext *ctx,
                                          FaLayerSet            which);

G_END_DECLS
