/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fa-time-filter.h"
#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_DATASET (fa_dataset_get_type ())
G_DECLARE_FINAL_TYPE (FaDataset, fa_dataset, FA, DATASET, GObject)

FaDataset  *fa_dataset_new_from_directory    (const char  *path,
                                              FaGeodata   *geodata,
                                              GError     **error);

const char *fa_dataset_get_directory         (FaDataset   *self);
const char *fa_dataset_get_name              (FaDataset   *self);
const char *fa_dataset_get_title             (FaDataset   *self);
const char *fa_dataset_get_description       (FaDataset   *self);
const char *fa_dataset_get_source            (FaDataset   *self);
const char *fa_dataset_get_source_url        (FaDataset   *self);
const char *fa_dataset_get_published         (FaDataset   *self);
const char *fa_dataset_get_licence           (FaDataset   *self);
const char *fa_dataset_get_source_text_path  (FaDataset   *self);

GListModel *fa_dataset_get_places            (FaDataset   *self);
GListModel *fa_dataset_get_flows             (FaDataset   *self);
GListModel *fa_dataset_get_events            (FaDataset   *self);
GListModel *fa_dataset_get_categories        (FaDataset   *self);

FaPlace    *fa_dataset_lookup_place          (FaDataset   *self,
                                              const char  *id);
FaFlow     *fa_dataset_lookup_flow           (FaDataset   *self,
                                              const char  *id);
FaEvent    *fa_dataset_lookup_event          (FaDataset   *self,
                                              const char  *id);
FaCategory *fa_dataset_lookup_category       (FaDataset   *self,
                                              const char  *id);

FaMonth     fa_dataset_get_first_month       (FaDataset   *self);
FaMonth     fa_dataset_get_last_month        (FaDataset   *self);
void        fa_dataset_collect_candidates    (FaDataset   *self,
                                              FaMonth      month,
                                              gboolean     with_undated,
                                              GArray      *indices);
void        fa_dataset_count_active_months   (FaDataset   *self,
                                              FaMonth      first,
                                              FaMonth      last,
                                              guint       *counts,
                                              guint       *undated);
guint       fa_dataset_count_active_split    (FaDataset   *self,
                                              FaMonth      month,
                                              guint       *undated);
gboolean    fa_dataset_get_reporting_period  (FaDataset   *self,
                                              FaMonth     *first,
                                              FaMonth     *last);
guint       fa_dataset_count_active          (FaDataset   *self,
                                              FaMonth      month);

void        fa_dataset_write_tsv             (FaDataset   *self,
                                              GListModel  *flows,
                                              GString     *out);
char       *fa_dataset_describe_summary      (FaDataset   *self);
GListModel *fa_dataset_get_presets           (FaDataset   *self);
guint       fa_dataset_get_category_n_flows  (FaDataset   *self,
                                              FaCategory  *category);
GListModel *fa_dataset_get_roles             (FaDataset   *self);
GPtrArray  *fa_dataset_get_role_array        (FaDataset   *self);
GPtrArray  *fa_dataset_get_place_array       (FaDataset   *self);
GPtrArray  *fa_dataset_get_flow_array        (FaDataset   *self);
GPtrArray  *fa_dataset_get_event_array       (FaDataset   *self);
GPtrArray  *fa_dataset_get_category_array    (FaDataset   *self);
const char *fa_dataset_get_group_label       (FaDataset   *self,
                                              const char  *group_id);
GHashTable *fa_dataset_parse_show            (FaDataset   *self,
                                              const char  *list,
                                              GError     **error);
char       *fa_dataset_dup_default_path      (void);
void        fa_dataset_load_async            (const char          *path,
                                              FaGeodata           *geodata,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
FaDataset  *fa_dataset_load_finish           (GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
