/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-dataset"

#include "config.h"

#include "fa-dataset.h"
#include "fa-time-filter.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fa-category.h"
#include "fa-dataset-private.h"
#include "fa-event.h"
#include "fa-flow.h"
#include "fa-geodata.h"
#include "fa-month.h"
#include "fa-place.h"
#include "fa-preset.h"
#include "fa-region-role.h"

G_DEFINE_FINAL_TYPE (FaDataset, fa_dataset, G_TYPE_OBJECT)

typedef const char *(*GetIdFunc) (gpointer item);

static void
index_items (GListStore *store,
             GHashTable *by_id,
             GPtrArray  *items,
             GetIdFunc   get_id)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (by_id, (gpointer) get_id (items->pdata[i]), items->pdata[i]);
}

static void
extend_range (FaDataset *self,
              FaMonth    month)
{
  if (month == FA_MONTH_NONE)
    return;

  if (self->first_month == FA_MONTH_NONE || month < self->first_month)
    self->first_month = month;
  if (self->last_month == FA_MONTH_NONE || month > self->last_month)
    self->last_month = month;
}

/* Writes a value as one TSV cell: tabs and line breaks become spaces. */
static void
append_cell (GString    *out,
             const char *text)
{
  if (text == NULL)
    return;

  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

static void
append_count (GString *out,
              gint64   count)
{
  if (count >= 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, count);
}

static void
append_date (GString          *out,
             FaMonth           month,
             FaMonthPrecision  precision,
             int               day)
{
  g_autofree char *text = NULL;

  if (month == FA_MONTH_NONE)
    return;

  text = fa_month_format_date_iso (month, precision, day);
  g_string_append (out, text);
}

static void
fa_dataset_finalize (GObject *object)
{
  FaDataset *self = (FaDataset *) object;

  g_clear_pointer (&self->places_by_id, g_hash_table_unref);
  g_clear_pointer (&self->flows_by_id, g_hash_table_unref);
  g_clear_pointer (&self->events_by_id, g_hash_table_unref);
  g_clear_pointer (&self->categories_by_id, g_hash_table_unref);
  g_clear_object (&self->places);
  g_clear_object (&self->flows);
  g_clear_object (&self->events);
  g_clear_object (&self->categories);
  g_clear_object (&self->presets);
  g_clear_object (&self->roles);
  g_clear_pointer (&self->role_array, g_ptr_array_unref);
  g_clear_pointer (&self->place_array, g_ptr_array_unref);
  g_clear_pointer (&self->flow_array, g_ptr_array_unref);
  g_clear_pointer (&self->event_array, g_ptr_array_unref);
  g_clear_pointer (&self->category_array, g_ptr_array_unref);
  g_clear_pointer (&self->group_labels, g_hash_table_unref);
  g_clear_pointer (&self->category_n_flows, g_hash_table_unref);
  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->source_url, g_free);
  g_clear_pointer (&self->published, g_free);
  g_clear_pointer (&self->licence, g_free);
  g_clear_pointer (&self->source_text_path, g_free);
  g_clear_pointer (&self->index_offsets, g_free);
  g_clear_pointer (&self->index_flows, g_free);
  g_clear_pointer (&self->index_always, g_array_unref);
  g_clear_pointer (&self->index_undated, g_array_unref);
  g_mutex_clear (&self->index_lock);

  G_OBJECT_CLASS (fa_dataset_parent_class)->finalize (object);
}

static void
fa_dataset_class_init (FaDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fa_dataset_finalize;
}

static void
fa_dataset_init (FaDataset *self)
{
  self->period_first = self->period_last = FA_MONTH_NONE;
  g_mutex_init (&self->index_lock);
  self->presets = g_list_store_new (FA_TYPE_PRESET);
  self->roles = g_list_store_new (FA_TYPE_REGION_ROLE);
  self->role_array = g_ptr_array_new_with_free_func (g_object_unref);
  self->group_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->places = g_list_store_new (FA_TYPE_PLACE);
  self->flows = g_list_store_new (FA_TYPE_FLOW);
  self->events = g_list_store_new (FA_TYPE_EVENT);
  self->categories = g_list_store_new (FA_TYPE_CATEGORY);
  self->places_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->flows_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->events_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->categories_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->category_n_flows = g_hash_table_new (NULL, NULL);
  self->first_month = FA_MONTH_NONE;
  self->last_month = FA_MONTH_NONE;
}

/* Fills a new dataset with the loader's items (the arrays keep their own
 * references), indexes them by id and finds the months they cover. */
void
_fa_dataset_set_items (FaDataset *self,
                       GPtrArray *places,
                       GPtrArray *flows,
                       GPtrArray *events,
                       GPtrArray *categories)
{
  g_assert (FA_IS_DATASET (self));
  g_assert (g_hash_table_size (self->places_by_id) == 0);

  index_items (self->places, self->places_by_id, places, (GetIdFunc) fa_place_get_id);
  index_items (self->flows, self->flows_by_id, flows, (GetIdFunc) fa_flow_get_id);
  index_items (self->events, self->events_by_id, events, (GetIdFunc) fa_event_get_id);
  index_items (self->categories, self->categories_by_id, categories, (GetIdFunc) fa_category_get_id);
  /* The loader's arrays stay as they are from now on: the workers read
   * them rather than the list stores (see fa_dataset_get_role_array()). */
  self->place_array = g_ptr_array_ref (places);
  self->flow_array = g_ptr_array_ref (flows);
  self->event_array = g_ptr_array_ref (events);
  self->category_array = g_ptr_array_ref (categories);

  /* Every known month counts, so a dataset of open-ended flows still has
   * a range; so does the reporting period, where undated rows show. */
  for (guint i = 0; i < flows->len; i++)
    {
      FaCategory *category = fa_flow_get_category (flows->pdata[i]);

      extend_range (self, fa_flow_get_start (flows->pdata[i]));
      extend_range (self, fa_flow_get_end (flows->pdata[i]));
      if (category != NULL)
        g_hash_table_insert (self->category_n_flows, category,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->category_n_flows, category)) + 1));
    }
  extend_range (self, self->period_first);
  extend_range (self, self->period_last);
  for (guint i = 0; i < events->len; i++)
    {
      extend_range (self, fa_event_get_month (events->pdata[i]));
      extend_range (self, fa_event_get_last_month (events->pdata[i]));
    }
}

/**
 * fa_dataset_new_from_directory:
 * @path: a dataset folder: places.csv, flows.csv, optionally events.csv,
 *   categories.csv and dataset.ini; or a FlowmapBlue export with
 *   locations.csv and flows.csv
 * @geodata: (nullable): the map data, to check region codes and place
 *   regions without coordinates at their label points
 * @error: return location for an error
 *
 * Loads a dataset, all or nothing.  Every problem found is reported, up to
 * %FA_DATA_ERROR_MAX_PROBLEMS: the error's message lists them one per line
 * as `FILE:LINE:COLUMN: message`, and fa_data_error_get_problems() gives
 * them as #FaDataProblem structures.
 *
 * Without @geodata, places given by region alone have no location (NaN).
 *
 * Returns: (transfer full): the dataset, or %NULL with @error set:
 *   %FA_DATA_ERROR_NOT_FOUND when @path is not a folder or cannot be read,
 *   %FA_DATA_ERROR_INVALID when a file is missing, unreadable or invalid
 */
FaDataset *
fa_dataset_new_from_directory (const char  *path,
                               FaGeodata   *geodata,
                               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _fa_dataset_load (path, geodata, error);
}

/**
 * fa_dataset_get_directory:
 * @self: a dataset
 *
 * Returns: the folder the dataset was loaded from
 */
const char *
fa_dataset_get_directory (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return self->directory;
}

/**
 * fa_dataset_get_name:
 * @self: a dataset
 *
 * Returns: the folder's base name, such as "tip-2024-russia"
 */
const char *
fa_dataset_get_name (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return self->name;
}

/**
 * fa_dataset_get_title:
 * @self: a dataset
 *
 * Returns: the title from dataset.ini in the current locale, or else the
 *   folder's base name
 */
const char *
fa_dataset_get_title (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return self->title != NULL ? self->title : self->name;
}

/**
 * fa_dataset_get_description:
 * @self: a dataset
 *
 * Returns: (nullable): the description from dataset.ini, in the current locale
 */
const char *
fa_dataset_get_description (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return self->description;
}

/**
 * fa_dataset_get_source:
 * @self: a dataset
 *
 * Returns: (nullable): the source the data comes from, as dataset.ini names it
 */
const char *
fa_dataset_get_source (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return self->source;
}

/**
 * fa_dataset_get_source_url:
 * @self: a dataset
 *
 * Returns: (nullable): where the source can be found
 */
const char *
fa_dataset_get_source_url (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return self->source_url;
}

/**
 * fa_dataset_get_published:
 * @self: a dataset
 *
 * Returns: (nullable): when the source was published, as written in dataset.ini
 */
const char *
fa_dataset_get_published (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return self->published;
}

/**
 * fa_dataset_get_licence:
 * @self: a dataset
 *
 * Returns: (nullable): the licence of the data
 */
const char *
fa_dataset_get_licence (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return self->licence;
}

/**
 * fa_dataset_get_source_text_path:
 * @self: a dataset
 *
 * Returns: (nullable) (type filename): the full path of the verbatim source
 *   text shipped in the folder, which the quotes come from
 */
const char *
fa_dataset_get_source_text_path (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return self->source_text_path;
}

/**
 * fa_dataset_get_places:
 * @self: a dataset
 *
 * Returns: (transfer none): the places, as a list of #FaPlace in file order
 */
GListModel *
fa_dataset_get_places (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->places);
}

/**
 * fa_dataset_get_flows:
 * @self: a dataset
 *
 * Returns: (transfer none): the flows, as a list of #FaFlow in file order
 */
GListModel *
fa_dataset_get_flows (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->flows);
}

/**
 * fa_dataset_get_events:
 * @self: a dataset
 *
 * Returns: (transfer none): the events, as a list of #FaEvent in file order
 */
GListModel *
fa_dataset_get_events (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->events);
}

/**
 * fa_dataset_get_categories:
 * @self: a dataset
 *
 * Returns: (transfer none): the categories, as a list of #FaCategory in
 *   categories.csv order, or in order of first use without that file
 */
GListModel *
fa_dataset_get_categories (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->categories);
}

/**
 * fa_dataset_lookup_place:
 * @self: a dataset
 * @id: a place id
 *
 * Returns: (transfer none) (nullable): the place with that id
 */
FaPlace *
fa_dataset_lookup_place (FaDataset  *self,
                         const char *id)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->places_by_id, id);
}

/**
 * fa_dataset_lookup_flow:
 * @self: a dataset
 * @id: a flow id
 *
 * Returns: (transfer none) (nullable): the flow with that id
 */
FaFlow *
fa_dataset_lookup_flow (FaDataset  *self,
                        const char *id)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->flows_by_id, id);
}

/**
 * fa_dataset_lookup_event:
 * @self: a dataset
 * @id: an event id
 *
 * Returns: (transfer none) (nullable): the event with that id
 */
FaEvent *
fa_dataset_lookup_event (FaDataset  *self,
                         const char *id)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->events_by_id, id);
}

/**
 * fa_dataset_lookup_category:
 * @self: a dataset
 * @id: a category id
 *
 * Returns: (transfer none) (nullable): the category with that id
 */
FaCategory *
fa_dataset_lookup_category (FaDataset  *self,
                            const char *id)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->categories_by_id, id);
}

/**
 * fa_dataset_get_first_month:
 * @self: a dataset
 *
 * Returns: the earliest month any flow or event mentions, open ends
 *   ignored, or %FA_MONTH_NONE when nothing is dated
 */
FaMonth
fa_dataset_get_first_month (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), FA_MONTH_NONE);

  return self->first_month;
}

/**
 * fa_dataset_get_last_month:
 * @self: a dataset
 *
 * Returns: the latest month any flow or event mentions, open ends
 *   ignored, or %FA_MONTH_NONE when nothing is dated
 */
FaMonth
fa_dataset_get_last_month (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), FA_MONTH_NONE);

  return self->last_month;
}

/**
 * fa_dataset_count_active:
 * @self: a dataset
 * @month: a valid month
 *
 * Returns: how many flows are active in @month (see fa_flow_is_active())
 */
guint
fa_dataset_count_active (FaDataset *self,
                         FaMonth    month)
{
  return fa_dataset_count_active_split (self, month, NULL);
}

/**
 * fa_dataset_count_active_split:
 * @self: a dataset
 * @month: a valid month
 * @undated: (out) (optional): how many of them the source reports without
 *   a time (shown for the reporting period)
 *
 * Returns: how many flows are active in @month, in one pass over them
 */
guint
fa_dataset_count_active_split (FaDataset *self,
                               FaMonth    month,
                               guint     *undated)
{
  GListModel *flows;
  guint n_items;
  guint count = 0, n_undated = 0;

  g_return_val_if_fail (FA_IS_DATASET (self), 0);

  flows = G_LIST_MODEL (self->flows);
  n_items = g_list_model_get_n_items (flows);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(FaFlow) flow = g_list_model_get_item (flows, i);

      if (fa_flow_is_active (flow, month))
        {
          count++;
          n_undated += !fa_flow_is_dated (flow);
        }
    }

  if (undated != NULL)
    *undated = n_undated;
  return count;
}

/* A flow spanning more months than this is a candidate at every month. */
#define INDEX_MAX_SPAN 36

static void
build_index (FaDataset *self)
{
  GPtrArray *flows = fa_dataset_get_flow_array (self);
  FaMonth first = self->first_month, last = self->last_month;
  g_autofree guint *counts = NULL;
  guint n = 0, total = 0;

  self->index_always = g_array_new (FALSE, FALSE, sizeof (guint));
  self->index_undated = g_array_new (FALSE, FALSE, sizeof (guint));
  if (fa_month_is_valid (first) && fa_month_is_valid (last) && last >= first)
    n = (guint) MIN (last - first + 1, 12 * 1000);
  self->index_first = first;
  self->index_n_months = n;
  counts = g_new0 (guint, n + 1);

  /* Two passes: count each month's flows, then place them. */
  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          self->index_offsets = g_new0 (guint, n + 1);
          for (guint m = 0; m < n; m++)
            self->index_offsets[m + 1] = self->index_offsets[m] + counts[m];
          total = self->index_offsets[n];
          self->index_flows = g_new (guint, MAX (total, 1));
          memset (counts, 0, (n + 1) * sizeof (guint));
        }
      for (guint i = 0; i < flows->len; i++)
        {
          FaFlow *flow = g_ptr_array_index (flows, i);
          FaMonth start = fa_flow_get_shown_start (flow);
          FaMonth end = fa_flow_get_shown_end (flow);
          gint64 lo, hi;

          if (pass == 0 && !fa_flow_is_dated (flow))
            g_array_append_val (self->index_undated, i);
          /* Never active at a month: only "undated every month" shows it. */
          if (fa_flow_get_dating (flow) == FA_DATING_NOT_DATED)
            continue;
          /* (And a span beyond the months indexed, however short.) */
          if (n == 0 || start == FA_MONTH_NONE || end == FA_MONTH_NONE || end - start >= INDEX_MAX_SPAN ||
              start < first || (gint64) end > (gint64) first + n - 1)
            {
              if (pass == 0)
                g_array_append_val (self->index_always, i);
              continue;
            }
          lo = start;
          hi = end;
          for (gint64 m = lo; m <= hi; m++)
            {
              guint k = (guint) (m - first);

              if (pass == 1)
                self->index_flows[self->index_offsets[k] + counts[k]] = i;
              counts[k]++;
            }
        }
    }
  self->index_built = TRUE;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b,
               gpointer      unused)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/**
 * fa_dataset_collect_candidates:
 * @self: a dataset
 * @month: a valid month
 * @with_undated: also the flows without a time of their own (shown at
 *   every month when the filter asks)
 * @indices: (element-type guint): where the candidates' positions in
 *   fa_dataset_get_flow_array() go, ascending and each once
 *
 * The flows that can match a filter at @month: every flow
 * fa_flow_is_active() at @month, and possibly some that are not (a flow
 * of a long or open span is always a candidate).  A month of 100,000
 * flows reads a few thousand instead of all; callers still test each.
 * Thread-safe.
 */
void
fa_dataset_collect_candidates (FaDataset *self,
                               FaMonth    month,
                               gboolean   with_undated,
                               GArray    *indices)
{
  guint before;

  g_return_if_fail (FA_IS_DATASET (self));
  g_return_if_fail (indices != NULL);

  g_mutex_lock (&self->index_lock);
  if (!self->index_built)
    build_index (self);
  g_mutex_unlock (&self->index_lock);

  before = indices->len;
  if (month >= self->index_first && self->index_n_months > 0 &&
      (gint64) month - self->index_first < self->index_n_months)
    {
      guint k = (guint) (month - self->index_first);

      g_array_append_vals (indices, self->index_flows + self->index_offsets[k],
                           self->index_offsets[k + 1] - self->index_offsets[k]);
    }
  g_array_append_vals (indices, self->index_always->data, self->index_always->len);
  if (with_undated)
    g_array_append_vals (indices, self->index_undated->data, self->index_undated->len);

  /* In dataset order, each once. */
  g_qsort_with_data (indices->data + before * sizeof (guint), (gint) (indices->len - before), sizeof (guint),
                     compare_guint, NULL);
  {
    guint out = before;

    for (guint i = before; i < indices->len; i++)
      if (out == before || g_array_index (indices, guint, i) != g_array_index (indices, guint, out - 1))
        g_array_index (indices, guint, out++) = g_array_index (indices, guint, i);
    g_array_set_size (indices, out);
  }
}

/**
 * fa_dataset_count_active_months:
 * @self: a dataset
 * @first: the first month counted, a valid month
 * @last: the last month counted, not before @first
 * @counts: (out caller-allocates) (array): for each month from @first to
 *   @last, how many flows are active (as fa_dataset_count_active())
 * @undated: (out caller-allocates) (array) (optional): how many of them
 *   the source reports without a time
 *
 * The counts of every month at once, in one pass over the flows (each
 * adds one to the months of its span): what a timeline draws, where a
 * count per month would read every flow for every month.
 */
void
fa_dataset_count_active_months (FaDataset *self,
                                FaMonth    first,
                                FaMonth    last,
                                guint     *counts,
                                guint     *undated)
{
  GPtrArray *flows;
  guint n;
  g_autofree gint64 *diff = NULL;
  g_autofree gint64 *diff_undated = NULL;
  gint64 run = 0, run_undated = 0;

  g_return_if_fail (FA_IS_DATASET (self));
  g_return_if_fail (fa_month_is_valid (first) && fa_month_is_valid (last) && last >= first);
  g_return_if_fail (counts != NULL);

  n = (guint) (last - first + 1);
  diff = g_new0 (gint64, n + 1);
  diff_undated = g_new0 (gint64, n + 1);
  flows = fa_dataset_get_flow_array (self);
  for (guint i = 0; i < flows->len; i++)
    {
      FaFlow *flow = g_ptr_array_index (flows, i);
      FaMonth start = fa_flow_get_shown_start (flow);
      FaMonth end = fa_flow_get_shown_end (flow);
      FaMonth lo, hi;

      /* fa_flow_is_active() at each month of the span, and at none
       * outside it. */
      if (fa_flow_get_dating (flow) == FA_DATING_NOT_DATED)
        continue;
      lo = start == FA_MONTH_NONE ? first : MAX (start, first);
      hi = end == FA_MONTH_NONE ? last : MIN (end, last);
      if (lo > hi)
        continue;
      diff[lo - first]++;
      diff[hi - first + 1]--;
      if (!fa_flow_is_dated (flow))
        {
          diff_undated[lo - first]++;
          diff_undated[hi - first + 1]--;
        }
    }
  for (guint m = 0; m < n; m++)
    {
      run += diff[m];
      run_undated += diff_undated[m];
      counts[m] = (guint) run;
      if (undated != NULL)
        undated[m] = (guint) run_undated;
    }
}

/**
 * fa_dataset_write_tsv:
 * @self: a dataset
 * @flows: (nullable): the flows to list, a #GListModel of #FaFlow of this
 *   dataset (such as a map state's visible flows); %NULL lists them all
 * @out: where to append the table
 *
 * Appends the flows as tab-separated values for scripts and screen readers:
 * a header row `origin dest category count_low count_high magnitude start
 * end certainty`, then one row per flow in file order.  Places and categories
 * are given by id, unknown counts and open ends as empty cells, dates at the
 * precision they were written (`2017`, `2022-02`); tabs and line breaks
 * inside values become spaces.
 */
void
fa_dataset_write_tsv (FaDataset  *self,
                      GListModel *flows,
                      GString    *out)
{
  guint n_items;

  g_return_if_fail (FA_IS_DATASET (self));
  g_return_if_fail (!flows || G_IS_LIST_MODEL (flows));
  g_return_if_fail (out != NULL);

  g_string_append (out, "id\torigin\tdest\tcategory\tcount_low\tcount_high\tmagnitude\tstart\tend\tdated\tcertainty\tkind\n");

  if (flows == NULL)
    flows = G_LIST_MODEL (self->flows);
  n_items = g_list_model_get_n_items (flows);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(FaFlow) flow = g_list_model_get_item (flows, i);
      FaCategory *category = fa_flow_get_category (flow);
      const char *category_id = category != NULL ? fa_category_get_id (category) : NULL;

      append_cell (out, fa_flow_get_id (flow));
      g_string_append_c (out, '\t');
      append_cell (out, fa_place_get_id (fa_flow_get_origin (flow)));
      g_string_append_c (out, '\t');
      append_cell (out, fa_place_get_id (fa_flow_get_destination (flow)));
      g_string_append_c (out, '\t');
      append_cell (out, category_id);
      g_string_append_c (out, '\t');
      append_count (out, fa_flow_get_count_low (flow));
      g_string_append_c (out, '\t');
      append_count (out, fa_flow_get_count_high (flow));
      g_string_append_c (out, '\t');
      append_cell (out, fa_flow_get_magnitude (flow));
      g_string_append_c (out, '\t');
      append_date (out, fa_flow_get_start (flow), fa_flow_get_start_precision (flow),
                   fa_flow_get_start_day (flow));
      g_string_append_c (out, '\t');
      append_date (out, fa_flow_get_end (flow), fa_flow_get_end_precision (flow),
                   fa_flow_get_end_day (flow));
      g_string_append_c (out, '\t');
      append_cell (out, fa_dating_to_string (fa_flow_get_dating (flow)));
      g_string_append_c (out, '\t');
      append_cell (out, fa_certainty_to_string (fa_flow_get_certainty (flow)));
      g_string_append_c (out, '\t');
      append_cell (out, fa_flow_kind_to_string (fa_flow_get_kind (flow)));
      g_string_append_c (out, '\n');
    }
}

/**
 * fa_dataset_describe_summary:
 * @self: a dataset
 *
 * Describes the dataset in one line, such as
 * "tip-2024-russia: 52 places, 61 flows, 24 events, 14 categories".
 *
 * Returns: (transfer full): the summary, in the current locale
 */
char *
fa_dataset_describe_summary (FaDataset *self)
{
  g_autofree char *places = NULL;
  g_autofree char *flows = NULL;
  g_autofree char *events = NULL;
  g_autofree char *categories = NULL;
  guint n;

  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->places));
  places = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u place", "%u places", n), n);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->flows));
  flows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u flow", "%u flows", n), n);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->categories));
  categories = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u category", "%u categories", n), n);

  /* translators: 1: the dataset's folder name, 2–5: counts such as "52 places",
   * "61 flows", "24 events" and "14 categories" */
  return g_strdup_printf (_("%s: %s, %s, %s, %s"), self->name, places, flows, events, categories);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * fa_dataset_parse_show:
 * @list: comma-separated category ids and the ids of the dataset's presets
 *
 * Returns: (transfer full) (nullable): the set of visible category ids, or
 *   %NULL with @error set naming the unknown word and the valid ones
 */
GHashTable *
fa_dataset_parse_show (FaDataset   *self,
                       const char  *list,
                       GError     **error)
{
  g_autoptr(GHashTable) visible = NULL;
  g_auto(GStrv) words = NULL;
  GListModel *categories, *presets;
  guint n, n_presets;

  g_return_val_if_fail (FA_IS_DATASET (self), NULL);
  g_return_val_if_fail (list != NULL, NULL);

  visible = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  words = g_strsplit (list, ",", -1);
  categories = fa_dataset_get_categories (self);
  presets = fa_dataset_get_presets (self);
  n = g_list_model_get_n_items (categories);
  n_presets = g_list_model_get_n_items (presets);

  for (guint w = 0; words[w] != NULL; w++)
    {
      const char *word = g_strstrip (words[w]);
      gboolean known = FALSE;

      if (*word == '\0')
        continue;

      for (guint p = 0; p < n_presets; p++)
        {
          g_autoptr(FaPreset) preset = g_list_model_get_item (presets, p);

          if (!g_str_equal (word, fa_preset_get_id (preset)))
            continue;
          known = TRUE;
          for (guint i = 0; i < n; i++)
            {
              g_autoptr(FaCategory) category = g_list_model_get_item (categories, i);

              if (fa_preset_includes (preset, category))
                g_hash_table_add (visible, g_strdup (fa_category_get_id (category)));
            }
        }

      if (!known && fa_dataset_lookup_category (self, word) != NULL)
        {
          known = TRUE;
          g_hash_table_add (visible, g_strdup (word));
        }

      if (!known)
        {
          g_autoptr(GString) valid = g_string_new (NULL);

          for (guint p = 0; p < n_presets; p++)
            {
              g_autoptr(FaPreset) preset = g_list_model_get_item (presets, p);

              g_string_append_printf (valid, "%s%s", valid->len > 0 ? ", " : "", fa_preset_get_id (preset));
            }
          for (guint i = 0; i < n; i++)
            {
              g_autoptr(FaCategory) category = g_list_model_get_item (categories, i);

              g_string_append_printf (valid, "%s%s", valid->len > 0 ? ", " : "", fa_category_get_id (category));
            }
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* translators: 1: a word from --show, 2: the list of valid words */
                       _("--show: unknown category “%s”; expected one of: %s"), word, valid->str);
          return NULL;
        }
    }

  return g_steal_pointer (&visible);
}

/**
 * fa_dataset_get_category_n_flows:
 * @category: one of the dataset's categories
 *
 * Returns: how many of the dataset's flows are of @category, at any date
 *   (0 for a category only places or events have)
 */
guint
fa_dataset_get_category_n_flows (FaDataset  *self,
                                 FaCategory *category)
{
  g_return_val_if_fail (FA_IS_DATASET (self), 0);
  g_return_val_if_fail (FA_IS_CATEGORY (category), 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->category_n_flows, category));
}

/**
 * fa_dataset_get_presets:
 *
 * Returns: (transfer none): the presets the dataset declares, a
 *   #GListModel of #FaPreset in file order
 */
GListModel *
fa_dataset_get_presets (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->presets);
}

/**
 * fa_dataset_get_role_array:
 *
 * The roles of fa_dataset_get_roles(), in an array that any thread may
 * read: a #GListStore remembers the last position read, so two threads
 * reading one at once can get each other's items.
 *
 * Returns: (transfer none) (element-type FaRegionRole): the roles
 */
GPtrArray *
fa_dataset_get_role_array (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return self->role_array;
}

static GPtrArray *
empty_array (void)
{
  static GPtrArray *empty;

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ptr_array_new ());
  return empty;
}

/**
 * fa_dataset_get_place_array:
 *
 * Returns: (transfer none) (element-type FaPlace): the places, for any thread
 */
GPtrArray *
fa_dataset_get_place_array (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return self->place_array != NULL ? self->place_array : empty_array ();
}

/**
 * fa_dataset_get_flow_array:
 *
 * Returns: (transfer none) (element-type FaFlow): the flows, for any
 *   thread (see fa_dataset_get_role_array())
 */
GPtrArray *
fa_dataset_get_flow_array (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return self->flow_array != NULL ? self->flow_array : empty_array ();
}

/**
 * fa_dataset_get_event_array:
 *
 * Returns: (transfer none) (element-type FaEvent): the events, for any thread
 */
GPtrArray *
fa_dataset_get_event_array (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return self->event_array != NULL ? self->event_array : empty_array ();
}

/**
 * fa_dataset_get_category_array:
 *
 * Returns: (transfer none) (element-type FaCategory): the categories, for
 *   any thread
 */
GPtrArray *
fa_dataset_get_category_array (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return self->category_array != NULL ? self->category_array : empty_array ();
}

/**
 * fa_dataset_get_roles:
 *
 * Returns: (transfer none): the roles of regions the dataset declares for
 *   its source-region map, a #GListModel of #FaRegionRole, first first
 */
GListModel *
fa_dataset_get_roles (FaDataset *self)
{
  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->roles);
}

/**
 * fa_dataset_get_group_label:
 * @group_id: (nullable): a category group
 *
 * Returns: (transfer none) (nullable): the group's label as the dataset
 *   declares it, else the id itself; %NULL for no group
 */
const char *
fa_dataset_get_group_label (FaDataset  *self,
                            const char *group_id)
{
  const char *label;

  g_return_val_if_fail (FA_IS_DATASET (self), NULL);

  if (group_id == NULL)
    return NULL;
  label = g_hash_table_lookup (self->group_labels, group_id);
  return label != NULL ? label : group_id;
}

/**
 * fa_dataset_dup_default_path:
 *
 * The dataset a new user sees first: the one the installed geodata names
 * in `datasets/default` (a file holding a folder name), else the first
 * folder of `datasets/` in alphabetical order.
 *
 * Returns: (transfer full) (nullable): its folder, or %NULL when the
 *   installation has none
 */
char *
fa_dataset_dup_default_path (void)
{
  g_autofree char *datasets = g_build_filename (fa_geodata_get_default_directory (), "datasets", NULL);
  g_autofree char *marker = g_build_filename (datasets, "default", NULL);
  g_autofree char *name = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *entry;

  if (g_file_get_contents (marker, &name, NULL, NULL))
    {
      g_strstrip (name);
      if (name[0] != '\0' && strchr (name, G_DIR_SEPARATOR) == NULL && !g_str_equal (name, ".."))
        return g_build_filename (datasets, name, NULL);
    }

  dir = g_dir_open (datasets, 0, NULL);
  if (dir == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (datasets, entry, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (names, g_strdup (entry));
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_sort (names, compare_names);
  return g_build_filename (datasets, g_ptr_array_index (names, 0), NULL);
}

typedef struct
{
  char      *path;     /* owned */
  FaGeodata *geodata;  /* owned, nullable */
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  g_clear_object (&job->geodata);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;
  FaDataset *dataset;

  dataset = fa_dataset_new_from_directory (job->path, job->geodata, &error);
  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, g_object_unref);
}

/**
 * fa_dataset_load_async:
 * @path: a dataset folder
 * @geodata: (nullable): to check region codes against
 *
 * Reads @path on a worker thread, like fa_dataset_new_from_directory().
 */
void
fa_dataset_load_async (const char          *path,
                       FaGeodata           *geodata,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fa_dataset_load_async);
  job = g_new0 (LoadJob, 1);
  job->path = g_strdup (path);
  job->geodata = geodata ? g_object_ref (geodata) : NULL;
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * fa_dataset_load_finish:
 *
 * Returns: (transfer full) (nullable): the dataset, or %NULL with @error
 *   set listing every problem
 */
FaDataset *
fa_dataset_load_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * fa_dataset_get_reporting_period:
 * @first: (out) (optional): the period's first month
 * @last: (out) (optional): its last month
 *
 * The months the source reports on (`reporting_period` in dataset.ini):
 * rows without a date are shown for them.
 *
 * Returns: %FALSE (and %FA_MONTH_NONE) when the dataset declares none
 */
gboolean
fa_dataset_get_reporting_period (FaDataset *self,
                                 FaMonth   *first,
                                 FaMonth   *last)
{
  g_return_val_if_fail (FA_IS_DATASET (self), FALSE);

  if (first != NULL)
    *first = self->period_first;
  if (last != NULL)
    *last = self->period_last;
  return self->period_first != FA_MONTH_NONE;
}
