/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fa-dataset.h"

G_BEGIN_DECLS

struct _FaDataset
{
  GObject     parent_instance;

  char       *directory;         /* owned */
  char       *name;              /* owned: the folder's base name */
  char       *title;             /* owned; metadata below are owned and nullable */
  char       *description;
  char       *source;
  char       *source_url;
  char       *published;
  char       *licence;
  char       *source_text_path;

  GListStore *places;            /* owned, of FaPlace */
  GListStore *flows;             /* owned, of FaFlow */
  GListStore *events;            /* owned, of FaEvent */
  GListStore *categories;        /* owned, of FaCategory */
  GListStore *presets;           /* owned, of FaPreset */
  GListStore *roles;             /* owned, of FaRegionRole */
  GPtrArray  *role_array;        /* owned: the same roles, for any thread */
  GPtrArray  *place_array;       /* owned (nullable until loaded): the places, for any thread */
  GPtrArray  *flow_array;        /* owned (nullable until loaded): the flows, for any thread */
  GPtrArray  *event_array;       /* owned (nullable until loaded): the events, for any thread */
  GPtrArray  *category_array;    /* owned (nullable until loaded): the categories, for any thread */
  GHashTable *group_labels;      /* owned: group id → label */
  GHashTable *category_n_flows;  /* owned: borrowed FaCategory → flows of it */

  GHashTable *places_by_id;      /* owned: borrowed id → borrowed item */
  GHashTable *flows_by_id;
  GHashTable *events_by_id;
  GHashTable *categories_by_id;

  FaMonth     first_month;
  FaMonth     last_month;
  FaMonth     period_first;      /* the reporting period, or FA_MONTH_NONE */
  FaMonth     period_last;

  /* Which flows can be active at a month (fa_dataset_collect_candidates()),
   * built on first use under @index_lock, then read by any thread. */
  GMutex      index_lock;
  gboolean    index_built;
  FaMonth     index_first;
  guint       index_n_months;
  guint      *index_offsets;     /* n_months + 1 offsets into @index_flows */
  guint      *index_flows;       /* flow indices, ascending within a month */
  GArray     *index_always;      /* guint: flows with long or open spans */
  GArray     *index_undated;     /* guint: flows without a time of their own */
};

FaDataset *_fa_dataset_load      (const char  *path,
                                  FaGeodata   *geodata,
                                  GError     **error);
void       _fa_dataset_set_items (FaDataset   *self,
                                  GPtrArray   *places,
                                  GPtrArray   *flows,
                                  GPtrArray   *events,
                                  GPtrArray   *categories);

G_END_DECLS
