/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-map-state"

#include "config.h"

#include <string.h>

#include "fa-map-state.h"
#include "fa-region-role.h"
#include "fa-map-state-private.h"

#include "fa-category.h"
#include "fa-dataset.h"
#include "fa-event.h"
#include "fa-flow.h"
#include "fa-flow-layer.h"
#include "fa-place.h"
#include "fa-preset.h"

#include <glib/gi18n.h>
#include "fa-projection.h"
#include "fa-shape-layer.h"

/* The one document state every view observes, as Sysprof's session is:
 * the window's widgets bind to its properties, GSettings binds to them,
 * and the renderer draws a snapshot of it.  Derived state (the flows
 * shown) is computed here, once per change. */
struct _FaMapState
{
  GObject         parent_instance;

  FaDataset      *dataset;          /* owned, nullable */
  FaTimeFilter    time;
  char          **hidden;           /* owned, sorted, NULL-terminated */
  GHashTable     *hidden_set;       /* owned: borrowed strings of @hidden */
  GObject        *selected;         /* owned, nullable */
  GObject        *hovered;          /* owned, nullable */
  char           *projection;       /* owned */
  FaMapStyleKind  style;
  double          fade_position;
  FaViewport     *viewport;         /* owned */
  GListStore     *user_layers;      /* owned: FaShapeLayer, bottom first */
  GListStore     *visible_flows;    /* owned: FaFlow */
  GHashTable     *visible_set;      /* owned: FaFlow* set, mirrors @visible_flows */
  FaMapSnapshot  *snapshot;         /* owned, nullable: cached until a change */
  char           *title;            /* owned, nullable: the dataset's title when NULL */
  char           *subtitle;         /* owned, nullable: the date line when NULL */
  guint           rescale_widths : 1;
  guint           show_regions : 1;
  guint           show_legend : 1;
  guint           arrow_labels : 1;
  gint64          min_count;
  guint           top;
  FaLegendPosition legend_position;
  FaClustering  clustering;
};

G_DEFINE_FINAL_TYPE (FaMapState, fa_map_state, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FaLegendPosition, fa_legend_position,
                    G_DEFINE_ENUM_VALUE (FA_LEGEND_POSITION_AUTO, "auto"),
                    G_DEFINE_ENUM_VALUE (FA_LEGEND_POSITION_LEFT, "left"),
                    G_DEFINE_ENUM_VALUE (FA_LEGEND_POSITION_RIGHT, "right"),
                    G_DEFINE_ENUM_VALUE (FA_LEGEND_POSITION_BOTTOM, "bottom"))

G_DEFINE_ENUM_TYPE (FaClustering, fa_clustering,
                    G_DEFINE_ENUM_VALUE (FA_CLUSTERING_AUTO, "auto"),
                    G_DEFINE_ENUM_VALUE (FA_CLUSTERING_OFF, "off"),
                    G_DEFINE_ENUM_VALUE (FA_CLUSTERING_ON, "on"))

G_DEFINE_BOXED_TYPE (FaMapSnapshot, fa_map_snapshot, fa_map_snapshot_ref, fa_map_snapshot_unref)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_TIME_FILTER,
  PROP_MONTH,
  PROP_TIME_MODE,
  PROP_FROM,
  PROP_HIDDEN_CATEGORIES,
  PROP_SELECTED,
  PROP_HOVERED,
  PROP_PROJECTION,
  PROP_STYLE,
  PROP_RESCALE_WIDTHS,
  PROP_SHOW_REGIONS,
  PROP_SHOW_LEGEND,
  PROP_ARROW_LABELS,
  PROP_MIN_COUNT,
  PROP_TOP,
  PROP_LEGEND_POSITION,
  PROP_CLUSTERING,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_UNDATED_EVERY_MONTH,
  PROP_FADE_POSITION,
  PROP_VIEWPORT,
  PROP_USER_LAYERS,
  PROP_VISIBLE_FLOWS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- Snapshot ------------------------------------------------------------ */

FaMapSnapshot *
fa_map_snapshot_ref (FaMapSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);

  g_atomic_int_inc (&snapshot->ref_count);
  return snapshot;
}

void
fa_map_snapshot_unref (FaMapSnapshot *snapshot)
{
  g_return_if_fail (snapshot != NULL);

  if (!g_atomic_int_dec_and_test (&snapshot->ref_count))
    return;

  g_clear_object (&snapshot->dataset);
  g_clear_pointer (&snapshot->hidden, g_hash_table_unref);
  g_clear_pointer (&snapshot->visible, g_ptr_array_unref);
  g_clear_pointer (&snapshot->visible_set, g_hash_table_unref);
  g_clear_object (&snapshot->selected);
  g_clear_object (&snapshot->hovered);
  g_free (snapshot->title);
  g_free (snapshot->subtitle);
  g_free (snapshot);
}

/**
 * fa_map_snapshot_copy:
 *
 * A new snapshot equal to @snapshot, not yet shared: its creator may
 * change its fields (an export dialog's own title, say) before anything
 * else reads it.
 *
 * Returns: (transfer full): the copy
 */
FaMapSnapshot *
fa_map_snapshot_copy (const FaMapSnapshot *snapshot)
{
  FaMapSnapshot *copy;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (snapshot != NULL, NULL);

  copy = g_new0 (FaMapSnapshot, 1);
  *copy = *snapshot;
  copy->ref_count = 1;
  copy->dataset = snapshot->dataset ? g_object_ref (snapshot->dataset) : NULL;
  copy->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, snapshot->hidden);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (copy->hidden, g_strdup (key));
  copy->visible = g_ptr_array_new_full (snapshot->visible->len, g_object_unref);
  copy->visible_set = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < snapshot->visible->len; i++)
    {
      FaFlow *flow = g_ptr_array_index (snapshot->visible, i);

      g_ptr_array_add (copy->visible, g_object_ref (flow));
      g_hash_table_add (copy->visible_set, flow);
    }
  copy->selected = snapshot->selected ? g_object_ref (snapshot->selected) : NULL;
  copy->hovered = snapshot->hovered ? g_object_ref (snapshot->hovered) : NULL;
  copy->title = g_strdup (snapshot->title);
  copy->subtitle = g_strdup (snapshot->subtitle);

  return copy;
}

/* The test of whether a flow is shown: its category is not hidden and
 * the time filter matches it.  Everything else asks the visible set. */
static gboolean
flow_passes (GHashTable         *hidden,
             const FaTimeFilter *time,
             FaFlow             *flow)
{
  FaCategory *category = fa_flow_get_category (flow);

  if (category != NULL && g_hash_table_contains (hidden, fa_category_get_id (category)))
    return FALSE;

  return fa_time_filter_matches_flow (time, flow);
}

/**
 * fa_map_snapshot_flow_is_shown:
 * @snapshot: (nullable): %NULL shows every flow
 */
gboolean
fa_map_snapshot_flow_is_shown (const FaMapSnapshot *snapshot,
                               FaFlow              *flow)
{
  if (snapshot == NULL)
    return TRUE;

  return g_hash_table_contains (snapshot->visible_set, flow);
}

static int
compare_size_desc (gconstpointer a,
                   gconstpointer b)
{
  gint64 sa = fa_flow_get_size (*(FaFlow * const *) a);
  gint64 sb = fa_flow_get_size (*(FaFlow * const *) b);

  return sa > sb ? -1 : sa < sb;
}

/* The flows shown, in the dataset's order (@out holds references): a
 * category not hidden, the time filter matching, then with @min_count
 * only flows whose figure (or, for a range, its top) is at least that —
 * a flow without a figure cannot be compared, and is left out — and with
 * @top only the largest that many (the first in the dataset on a tie). */
static void
select_flows (FaDataset          *dataset,
              GHashTable         *hidden,
              const FaTimeFilter *time,
              gint64              min_count,
              guint               top,
              GPtrArray          *out)
{
  /* Copies at other dates are made on workers: the array, not the list
   * model. */
  GPtrArray *flows = fa_dataset_get_flow_array (dataset);

  /* At one month, only the flows that can be active then are tested (a
   * month of 100,000 flows reads a few thousand); in any other mode, all. */
  if (time != NULL && time->mode == FA_TIME_MODE_AT && time->month != FA_MONTH_NONE)
    {
      g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));

      fa_dataset_collect_candidates (dataset, time->month, time->undated_always, candidates);
      for (guint c = 0; c < candidates->len; c++)
        {
          FaFlow *flow = g_ptr_array_index (flows, g_array_index (candidates, guint, c));

          if (flow_passes (hidden, time, flow) && (min_count <= 0 || fa_flow_get_size (flow) >= min_count))
            g_ptr_array_add (out, g_object_ref (flow));
        }
    }
  else
    for (guint i = 0; i < flows->len; i++)
      {
        FaFlow *flow = g_ptr_array_index (flows, i);

        if (flow_passes (hidden, time, flow) && (min_count <= 0 || fa_flow_get_size (flow) >= min_count))
          g_ptr_array_add (out, g_object_ref (flow));
      }

  if (top > 0 && out->len > top)
    {
      /* Borrowed pointers (a copy would take @out's free function). */
      g_autoptr(GPtrArray) ranked = g_ptr_array_sized_new (out->len);
      g_autoptr(GHashTable) kept = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < out->len; i++)
        g_ptr_array_add (ranked, g_ptr_array_index (out, i));

      /* g_ptr_array_sort is stable (a merge sort): ties keep dataset order. */
      g_ptr_array_sort (ranked, compare_size_desc);
      for (guint i = 0; i < top; i++)
        g_hash_table_add (kept, g_ptr_array_index (ranked, i));
      for (guint i = out->len; i-- > 0;)
        if (!g_hash_table_contains (kept, g_ptr_array_index (out, i)))
          g_ptr_array_remove_index (out, i);
    }
}

static void
add_roles (GHashTable *roles,
           FaPlace    *place,
           guint       bit)
{
  const char * const *codes = fa_place_get_region_codes (place);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    g_hash_table_insert (roles, (gpointer) codes[i],
                         GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (roles, codes[i])) | bit));
}

/**
 * fa_map_snapshot_dup_region_roles:
 * @snapshot: a map state
 *
 * The roles the flows shown give countries and regions (the choropleth's
 * fills): ISO 3166 code → bits, bit i for the dataset's i-th role (of
 * its first 32).  The codes are the dataset's strings.
 *
 * Returns: (transfer full): a new table, empty without a dataset or roles
 */
GHashTable *
fa_map_snapshot_dup_region_roles (const FaMapSnapshot *snapshot)
{
  GHashTable *roles = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *role_list;
  guint n_roles;

  g_return_val_if_fail (snapshot != NULL, roles);

  if (snapshot->dataset == NULL)
    return roles;
  /* Any thread draws: the array, not the list model. */
  role_list = fa_dataset_get_role_array (snapshot->dataset);
  n_roles = MIN (role_list->len, 32);
  for (guint r = 0; r < n_roles; r++)
    {
      FaRegionRole *role = g_ptr_array_index (role_list, r);

      for (guint i = 0; i < snapshot->visible->len; i++)
        {
          FaPlace *place;

          if (fa_region_role_applies (role, g_ptr_array_index (snapshot->visible, i), &place))
            add_roles (roles, place, 1u << r);
        }
    }

  return roles;
}

/* Which categories the map shows, in words: the preset that shows
 * exactly these, every category, or how many; of the categories that
 * have flows, as the sidebar lists them. */
static char *
describe_categories (const FaMapSnapshot *snapshot)
{
  g_autoptr(GPtrArray) with_flows = g_ptr_array_new ();
  GPtrArray *categories;
  GListModel *presets;
  guint n_shown = 0;

  if (snapshot->dataset == NULL)
    return NULL;
  categories = fa_dataset_get_category_array (snapshot->dataset);
  presets = fa_dataset_get_presets (snapshot->dataset);
  for (guint i = 0; i < categories->len; i++)
    {
      FaCategory *category = categories->pdata[i];

      if (fa_dataset_get_category_n_flows (snapshot->dataset, category) == 0)
        continue;
      g_ptr_array_add (with_flows, category);
      if (fa_map_snapshot_category_visible (snapshot, fa_category_get_id (category)))
        n_shown++;
    }
  if (with_flows->len == 0)
    return NULL;
  if (n_shown == with_flows->len)
    return g_strdup (_("all categories"));

  for (guint p = 0; p < g_list_model_get_n_items (presets); p++)
    {
      g_autoptr(FaPreset) preset = g_list_model_get_item (presets, p);
      gboolean same = TRUE;

      for (guint i = 0; same && i < with_flows->len; i++)
        {
          FaCategory *category = with_flows->pdata[i];

          same = fa_preset_includes (preset, category) ==
                 fa_map_snapshot_category_visible (snapshot, fa_category_get_id (category));
        }
      if (same)
        return g_strdup (fa_preset_get_label (preset));
    }

  /* translators: which categories the map shows, as in "3 of 20 categories" */
  return g_strdup_printf (ngettext ("%u of %u category", "%u of %u categories", with_flows->len),
                          n_shown, with_flows->len);
}

/**
 * fa_map_snapshot_describe:
 *
 * What the map shows, in a sentence for a screen reader: "As of June
 * 2023 — Forced Relocation from Ukraine: 17 flows shown; largest:
 * hundreds of thousands from Russia-occupied territory in Ukraine to
 * Russia".  The categories are named by the preset that shows exactly
 * them, as "all categories", or counted ("3 of 20 categories").
 *
 * Returns: (transfer full): the description
 */
char *
fa_map_snapshot_describe (const FaMapSnapshot *snapshot)
{
  g_autofree char *date = NULL;
  g_autofree char *count = NULL;
  g_autofree char *what = NULL;
  GString *text;
  FaFlow *largest = NULL;
  guint n;

  g_return_val_if_fail (snapshot != NULL, NULL);

  n = snapshot->visible->len;
  if (snapshot->dataset != NULL)
    date = fa_time_filter_describe (&snapshot->time, fa_dataset_get_first_month (snapshot->dataset));
  /* translators: how many flows the map shows */
  count = g_strdup_printf (ngettext ("%u flow shown", "%u flows shown", n), n);
  what = describe_categories (snapshot);
  if (what != NULL)
    {
      char *with_what;

      /* translators: 1: what the map shows: a preset's name, such as
       * Forced Relocation from Ukraine, "all categories" or "3 of 20
       * categories", 2: "17 flows shown" */
      with_what = g_strdup_printf (_("%s: %s"), what, count);
      g_free (count);
      count = with_what;
    }
  text = g_string_new (NULL);
  if (date != NULL)
    /* translators: 1: the date line, such as "As of June 2023", 2: "17 flows shown" */
    g_string_append_printf (text, _("%s — %s"), date, count);
  else
    g_string_append (text, count);

  for (guint i = 0; i < n; i++)
    {
      FaFlow *flow = g_ptr_array_index (snapshot->visible, i);

      if (fa_flow_get_size (flow) >= 0 && (largest == NULL || fa_flow_get_size (flow) > fa_flow_get_size (largest)))
        largest = flow;
    }
  if (largest != NULL)
    {
      g_autofree char *magnitude = fa_flow_dup_magnitude_label (largest);

      if (fa_flow_get_origin (largest) == fa_flow_get_destination (largest))
        /* translators: after "17 flows shown": the largest flow, moving
         * within one place, 1: its magnitude in the source's words, 2: the place */
        g_string_append_printf (text, _("; largest: %s within %s"), magnitude,
                                fa_place_get_name (fa_flow_get_origin (largest)));
      else
        /* translators: after "17 flows shown": the largest flow, 1: its
         * magnitude in the source's words, 2: its origin, 3: its destination */
        g_string_append_printf (text, _("; largest: %s from %s to %s"), magnitude,
                                fa_place_get_name (fa_flow_get_origin (largest)),
                                fa_place_get_name (fa_flow_get_destination (largest)));
    }

  return g_string_free (text, FALSE);
}

/**
 * fa_map_snapshot_category_visible:
 * @snapshot: (nullable): %NULL shows every category
 */
gboolean
fa_map_snapshot_category_visible (const FaMapSnapshot *snapshot,
                                  const char          *category_id)
{
  if (snapshot == NULL || category_id == NULL)
    return TRUE;

  return !g_hash_table_contains (snapshot->hidden, category_id);
}

/**
 * fa_map_snapshot_copy_at_time:
 * @time: the time filter of the copy
 * @fade_position: the playback position in months, or -1 when still
 *
 * A new snapshot equal to @snapshot but at another time: the flows shown
 * are those of @time, by the same test as the state's.  Frame series,
 * panels and animations draw each of their dates from one snapshot of
 * the user's map this way, on any thread.
 *
 * Returns: (transfer full): the copy
 */
FaMapSnapshot *
fa_map_snapshot_copy_at_time (const FaMapSnapshot *snapshot,
                              const FaTimeFilter  *time,
                              double               fade_position)
{
  FaMapSnapshot *copy;

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (time != NULL, NULL);

  copy = fa_map_snapshot_copy (snapshot);
  copy->time = *time;
  copy->fade_position = fade_position;
  g_ptr_array_set_size (copy->visible, 0);
  g_hash_table_remove_all (copy->visible_set);
  if (copy->dataset != NULL)
    {
      select_flows (copy->dataset, copy->hidden, &copy->time, copy->min_count, copy->top, copy->visible);
      for (guint i = 0; i < copy->visible->len; i++)
        g_hash_table_add (copy->visible_set, g_ptr_array_index (copy->visible, i));
    }

  return copy;
}

/* --- State ---------------------------------------------------------------- */

static void
invalidate_snapshot (FaMapState *self)
{
  g_clear_pointer (&self->snapshot, fa_map_snapshot_unref);
}

static void
update_visible_flows (FaMapState *self)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->visible_flows));
  gboolean same = TRUE;

  if (self->dataset != NULL)
    select_flows (self->dataset, self->hidden_set, &self->time, self->min_count, self->top, shown);

  invalidate_snapshot (self);

  /* One items-changed, and none when the same flows stay. */
  if (shown->len == n_old)
    {
      for (guint i = 0; i < shown->len && same; i++)
        {
          g_autoptr(FaFlow) old = g_list_model_get_item (G_LIST_MODEL (self->visible_flows), i);

          same = old == g_ptr_array_index (shown, i);
        }
      if (same)
        return;
    }

  g_hash_table_remove_all (self->visible_set);
  for (guint i = 0; i < shown->len; i++)
    g_hash_table_add (self->visible_set, g_ptr_array_index (shown, i));
  g_list_store_splice (self->visible_flows, 0, n_old, shown->pdata, shown->len);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
set_hidden (FaMapState         *self,
            const char * const *ids)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      gboolean dup = FALSE;

      for (guint k = 0; k < sorted->len && !dup; k++)
        dup = g_str_equal (g_ptr_array_index (sorted, k), ids[i]);
      if (!dup)
        g_ptr_array_add (sorted, g_strdup (ids[i]));
    }
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);

  g_hash_table_remove_all (self->hidden_set);
  g_strfreev (self->hidden);
  self->hidden = (char **) g_ptr_array_steal (sorted, NULL);
  for (guint i = 0; self->hidden[i] != NULL; i++)
    g_hash_table_add (self->hidden_set, self->hidden[i]);
}

/* Whether @ids, as a set, is the set of hidden ids. */
static gboolean
same_hidden (FaMapState         *self,
             const char * const *ids)
{
  guint n = 0;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      gboolean repeated = FALSE;

      if (!g_hash_table_contains (self->hidden_set, ids[i]))
        return FALSE;
      for (guint k = 0; k < i && !repeated; k++)
        repeated = g_str_equal (ids[k], ids[i]);
      n += !repeated;
    }
  return n == g_hash_table_size (self->hidden_set);
}

/* A new dataset: the item of the same id stays selected (a reload keeps
 * the selection); an item of another dataset does not. */
static GObject *
find_same_item (FaDataset *dataset,
                GObject   *item)
{
  if (dataset == NULL || item == NULL)
    return NULL;
  if (FA_IS_FLOW (item))
    return (GObject *) fa_dataset_lookup_flow (dataset, fa_flow_get_id (FA_FLOW (item)));
  if (FA_IS_PLACE (item))
    return (GObject *) fa_dataset_lookup_place (dataset, fa_place_get_id (FA_PLACE (item)));
  if (FA_IS_EVENT (item))
    return (GObject *) fa_dataset_lookup_event (dataset, fa_event_get_id (FA_EVENT (item)));
  return NULL;
}

/* The month shown stays within the dataset's period; 0 or less stands
 * for its last month (the newest situation, where a newcomer starts). */
static FaMonth
clamp_month (FaMapState *self,
             FaMonth     month,
             gboolean    to_last)
{
  FaMonth first, last;

  if (self->dataset == NULL)
    return month;

  first = fa_dataset_get_first_month (self->dataset);
  last = fa_dataset_get_last_month (self->dataset);
  if (first == FA_MONTH_NONE || last == FA_MONTH_NONE)
    return month;
  if (month <= 0 || month == FA_MONTH_NONE)
    return to_last ? last : first;

  return CLAMP (month, first, last);
}

static void
fa_map_state_dispose (GObject *object)
{
  FaMapState *self = FA_MAP_STATE (object);

  invalidate_snapshot (self);
  g_clear_object (&self->dataset);
  g_clear_object (&self->selected);
  g_clear_object (&self->hovered);
  if (self->user_layers != NULL)
    g_list_store_remove_all (self->user_layers);
  if (self->visible_flows != NULL)
    g_list_store_remove_all (self->visible_flows);

  G_OBJECT_CLASS (fa_map_state_parent_class)->dispose (object);
}

static void
fa_map_state_finalize (GObject *object)
{
  FaMapState *self = FA_MAP_STATE (object);

  g_clear_pointer (&self->hidden_set, g_hash_table_unref);
  g_clear_pointer (&self->hidden, g_strfreev);
  g_clear_pointer (&self->visible_set, g_hash_table_unref);
  g_clear_pointer (&self->projection, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_object (&self->viewport);
  g_clear_object (&self->user_layers);
  g_clear_object (&self->visible_flows);

  G_OBJECT_CLASS (fa_map_state_parent_class)->finalize (object);
}

static void
fa_map_state_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FaMapState *self = FA_MAP_STATE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    case PROP_TIME_FILTER:
      g_value_set_boxed (value, &self->time);
      break;

    case PROP_MONTH:
      g_value_set_int (value, fa_map_state_get_month (self));
      break;

    case PROP_TIME_MODE:
      g_value_set_enum (value, self->time.mode);
      break;

    case PROP_FROM:
      g_value_set_int (value, fa_map_state_get_from (self));
      break;

    case PROP_HIDDEN_CATEGORIES:
      g_value_set_boxed (value, self->hidden);
      break;

    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;

    case PROP_HOVERED:
      g_value_set_object (value, self->hovered);
      break;

    case PROP_PROJECTION:
      g_value_set_string (value, self->projection);
      break;

    case PROP_STYLE:
      g_value_set_int (value, self->style);
      break;

    case PROP_RESCALE_WIDTHS:
      g_value_set_boolean (value, self->rescale_widths);
      break;

    case PROP_SHOW_REGIONS:
      g_value_set_boolean (value, self->show_regions);
      break;

    case PROP_UNDATED_EVERY_MONTH:
      g_value_set_boolean (value, self->time.undated_always);
      break;

    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;

    case PROP_ARROW_LABELS:
      g_value_set_boolean (value, self->arrow_labels);
      break;

    case PROP_MIN_COUNT:
      g_value_set_int64 (value, self->min_count);
      break;

    case PROP_TOP:
      g_value_set_uint (value, self->top);
      break;

    case PROP_LEGEND_POSITION:
      g_value_set_enum (value, self->legend_position);
      break;

    case PROP_CLUSTERING:
      g_value_set_enum (value, self->clustering);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_FADE_POSITION:
      g_value_set_double (value, self->fade_position);
      break;

    case PROP_VIEWPORT:
      g_value_set_object (value, self->viewport);
      break;

    case PROP_USER_LAYERS:
      g_value_set_object (value, self->user_layers);
      break;

    case PROP_VISIBLE_FLOWS:
      g_value_set_object (value, self->visible_flows);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_map_state_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FaMapState *self = FA_MAP_STATE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      fa_map_state_set_dataset (self, g_value_get_object (value));
      break;

    case PROP_TIME_FILTER:
      fa_map_state_set_time_filter (self, g_value_get_boxed (value));
      break;

    case PROP_MONTH:
      fa_map_state_set_month (self, g_value_get_int (value));
      break;

    case PROP_TIME_MODE:
      fa_map_state_set_time_mode (self, g_value_get_enum (value));
      break;

    case PROP_FROM:
      fa_map_state_set_from (self, g_value_get_int (value));
      break;

    case PROP_HIDDEN_CATEGORIES:
      fa_map_state_set_hidden_categories (self, g_value_get_boxed (value));
      break;

    case PROP_SELECTED:
      fa_map_state_set_selected (self, g_value_get_object (value));
      break;

    case PROP_HOVERED:
      fa_map_state_set_hovered (self, g_value_get_object (value));
      break;

    case PROP_PROJECTION:
      fa_map_state_set_projection (self, g_value_get_string (value));
      break;

    case PROP_STYLE:
      fa_map_state_set_style (self, g_value_get_int (value));
      break;

    case PROP_RESCALE_WIDTHS:
      fa_map_state_set_rescale_widths (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_REGIONS:
      fa_map_state_set_show_regions (self, g_value_get_boolean (value));
      break;

    case PROP_UNDATED_EVERY_MONTH:
      fa_map_state_set_undated_every_month (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_LEGEND:
      fa_map_state_set_show_legend (self, g_value_get_boolean (value));
      break;

    case PROP_ARROW_LABELS:
      fa_map_state_set_arrow_labels (self, g_value_get_boolean (value));
      break;

    case PROP_MIN_COUNT:
      fa_map_state_set_min_count (self, g_value_get_int64 (value));
      break;

    case PROP_TOP:
      fa_map_state_set_top (self, g_value_get_uint (value));
      break;

    case PROP_LEGEND_POSITION:
      fa_map_state_set_legend_position (self, g_value_get_enum (value));
      break;

    case PROP_CLUSTERING:
      fa_map_state_set_clustering (self, g_value_get_enum (value));
      break;

    case PROP_TITLE:
      fa_map_state_set_title (self, g_value_get_string (value));
      break;

    case PROP_SUBTITLE:
      fa_map_state_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_FADE_POSITION:
      fa_map_state_set_fade_position (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_map_state_class_init (FaMapStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = fa_map_state_dispose;
  object_class->finalize = fa_map_state_finalize;
  object_class->get_property = fa_map_state_get_property;
  object_class->set_property = fa_map_state_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, FA_TYPE_DATASET, rw);
  /**
   * FaMapState:time-filter:
   *
   * Which flows and events are shown, by time.  #FaMapState:month,
   * #FaMapState:time-mode and #FaMapState:from are its parts, for
   * bindings; each change notifies both.
   */
  properties[PROP_TIME_FILTER] =
    g_param_spec_boxed ("time-filter", NULL, NULL, FA_TYPE_TIME_FILTER, rw);
  /**
   * FaMapState:month:
   *
   * The month shown, kept within the dataset's period; set 0 for the
   * dataset's last month.
   */
  properties[PROP_MONTH] =
    g_param_spec_int ("month", NULL, NULL, G_MININT32, FA_MONTH_MAX, 0, rw);
  properties[PROP_TIME_MODE] =
    g_param_spec_enum ("time-mode", NULL, NULL, FA_TYPE_TIME_MODE, FA_TIME_MODE_AT, rw);
  properties[PROP_FROM] =
    g_param_spec_int ("from", NULL, NULL, G_MININT32, FA_MONTH_MAX, 0, rw);
  /**
   * FaMapState:hidden-categories:
   *
   * The ids of the categories whose flows are not shown.  Kept across
   * datasets, so that ids unknown to the dataset shown are harmless.
   */
  properties[PROP_HIDDEN_CATEGORIES] =
    g_param_spec_boxed ("hidden-categories", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, G_TYPE_OBJECT, rw);
  properties[PROP_HOVERED] =
    g_param_spec_object ("hovered", NULL, NULL, G_TYPE_OBJECT, rw);
  /**
   * FaMapState:projection:
   *
   * The projection asked for: a preset id, a PROJ string or an EPSG
   * code.  The #FaMap built on the state follows it.
   */
  properties[PROP_PROJECTION] =
    g_param_spec_string ("projection", NULL, NULL, FA_PROJECTION_DEFAULT_PRESET, rw);
  properties[PROP_STYLE] =
    g_param_spec_int ("style", NULL, NULL, FA_MAP_STYLE_LIGHT, FA_MAP_STYLE_HIGH_CONTRAST_DARK, FA_MAP_STYLE_LIGHT, rw);
  /**
   * FaMapState:rescale-widths:
   *
   * %FALSE (the default) keeps one arrow-width scale at every date, so
   * that maps of two months compare; %TRUE fits it to the flows shown.
   */
  properties[PROP_RESCALE_WIDTHS] =
    g_param_spec_boolean ("rescale-widths", NULL, NULL, FALSE, rw);
  properties[PROP_SHOW_REGIONS] =
    g_param_spec_boolean ("show-regions", NULL, NULL, TRUE, rw);
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, TRUE, rw);
  /**
   * FaMapState:arrow-labels:
   *
   * Whether each arrow carries its magnitude as the source states it
   * ("tens of thousands", "at least 200").
   */
  properties[PROP_ARROW_LABELS] =
    g_param_spec_boolean ("arrow-labels", NULL, NULL, FALSE, rw);
  /**
   * FaMapState:min-count:
   *
   * When above 0, only flows of at least this many people are shown (by
   * their figure, or the top of their range); flows without a figure are
   * left out then.
   */
  properties[PROP_MIN_COUNT] =
    g_param_spec_int64 ("min-count", NULL, NULL, 0, G_MAXINT64, 0, rw);
  /**
   * FaMapState:top:
   *
   * When above 0, only that many of the largest flows are shown.
   */
  properties[PROP_TOP] =
    g_param_spec_uint ("top", NULL, NULL, 0, G_MAXUINT, 0, rw);
  /**
   * FaMapState:legend-position:
   *
   * Where the legend goes: the corner that hides the least of the story,
   * or the better corner of one side.
   */
  properties[PROP_LEGEND_POSITION] =
    g_param_spec_enum ("legend-position", NULL, NULL, FA_TYPE_LEGEND_POSITION,
                       FA_LEGEND_POSITION_AUTO, rw);
  /**
   * FaMapState:clustering:
   *
   * Whether near places merge into clusters, and the flows between them
   * into one arrow, on a zoomed-out map; by default only for datasets of
   * many places.
   */
  properties[PROP_CLUSTERING] =
    g_param_spec_enum ("clustering", NULL, NULL, FA_TYPE_CLUSTERING,
                       FA_CLUSTERING_AUTO, rw);
  /**
   * FaMapState:title:
   *
   * The map's title, or %NULL for the dataset's own.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, rw);
  /**
   * FaMapState:subtitle:
   *
   * The line under the title, or %NULL for the date line ("As of June
   * 2023"), which follows the month.
   */
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL, rw);
  /**
   * FaMapState:undated-every-month:
   *
   * Whether rows the source gives no time for show at every month (drawn
   * as undated), not only for the reporting period.
   */
  properties[PROP_UNDATED_EVERY_MONTH] =
    g_param_spec_boolean ("undated-every-month", NULL, NULL, FALSE, rw);
  /**
   * FaMapState:fade-position:
   *
   * While the timeline plays, its position in months (fractional): flows
   * beginning or ending in the month shown fade in or out.  -1 otherwise.
   */
  properties[PROP_FADE_POSITION] =
    g_param_spec_double ("fade-position", NULL, NULL, -1, G_MAXDOUBLE, -1, rw);
  properties[PROP_VIEWPORT] =
    g_param_spec_object ("viewport", NULL, NULL, FA_TYPE_VIEWPORT, ro);
  properties[PROP_USER_LAYERS] =
    g_param_spec_object ("user-layers", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  /**
   * FaMapState:visible-flows:
   *
   * The flows shown: a #GListModel of #FaFlow in dataset order, derived
   * once per change of dataset, time filter or categories.
   */
  properties[PROP_VISIBLE_FLOWS] =
    g_param_spec_object ("visible-flows", NULL, NULL, G_TYPE_LIST_MODEL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fa_map_state_init (FaMapState *self)
{
  self->time = (FaTimeFilter) { FA_TIME_MODE_AT, 0, 0 };
  self->hidden = g_new0 (char *, 1);
  self->hidden_set = g_hash_table_new (g_str_hash, g_str_equal);
  self->projection = g_strdup (FA_PROJECTION_DEFAULT_PRESET);
  self->style = FA_MAP_STYLE_LIGHT;
  self->fade_position = -1;
  self->show_regions = TRUE;
  self->show_legend = TRUE;
  self->viewport = fa_viewport_new ();
  self->user_layers = g_list_store_new (FA_TYPE_SHAPE_LAYER);
  self->visible_flows = g_list_store_new (FA_TYPE_FLOW);
  self->visible_set = g_hash_table_new (NULL, NULL);
}

FaMapState *
fa_map_state_new (void)
{
  return g_object_new (FA_TYPE_MAP_STATE, NULL);
}

/**
 * fa_map_state_get_dataset:
 *
 * Returns: (transfer none) (nullable): the dataset shown
 */
FaDataset *
fa_map_state_get_dataset (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), NULL);

  return self->dataset;
}

/**
 * fa_map_state_set_dataset:
 * @dataset: (nullable): the dataset to show
 *
 * The month stays where it was when the new dataset covers it (a reload
 * keeps it), and the item of the same id stays selected.
 */
void
fa_map_state_set_dataset (FaMapState *self,
                          FaDataset  *dataset)
{
  g_autoptr(GObject) selected = NULL;
  FaTimeFilter old = self->time;

  g_return_if_fail (FA_IS_MAP_STATE (self));
  g_return_if_fail (!dataset || FA_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  selected = find_same_item (dataset, self->selected);
  if (selected != NULL)
    g_object_ref (selected);
  g_set_object (&self->dataset, dataset);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);

  self->time.month = clamp_month (self, self->time.month, TRUE);
  self->time.from = clamp_month (self, self->time.from, FALSE);
  if (!fa_time_filter_equal (&old, &self->time) || old.from != self->time.from)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_FILTER]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
    }
  update_visible_flows (self);
  fa_map_state_set_selected (self, selected);
  fa_map_state_set_hovered (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * fa_map_state_get_time_filter:
 * @filter: (out caller-allocates): the time filter
 */
void
fa_map_state_get_time_filter (FaMapState   *self,
                              FaTimeFilter *filter)
{
  g_return_if_fail (FA_IS_MAP_STATE (self));
  g_return_if_fail (filter != NULL);

  *filter = self->time;
}

void
fa_map_state_set_time_filter (FaMapState         *self,
                              const FaTimeFilter *filter)
{
  FaTimeFilter next;
  FaTimeFilter old;

  g_return_if_fail (FA_IS_MAP_STATE (self));
  g_return_if_fail (filter != NULL);

  old = self->time;
  next = *filter;
  /* #FaMapState:undated-every-month is the state's own. */
  next.undated_always = old.undated_always;
  if (next.mode != FA_TIME_MODE_ALL)
    {
      next.month = clamp_month (self, next.month, TRUE);
      next.from = clamp_month (self, next.from, FALSE);
    }
  if (old.mode == next.mode && old.month == next.month && old.from == next.from)
    return;

  self->time = next;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_FILTER]);
  if (old.month != next.month)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
  if (old.mode != next.mode)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_MODE]);
  if (old.from != next.from)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
  update_visible_flows (self);
  g_object_thaw_notify (G_OBJECT (self));
}

FaMonth
fa_map_state_get_month (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), 0);

  return self->time.month;
}

void
fa_map_state_set_month (FaMapState *self,
                        FaMonth     month)
{
  FaTimeFilter filter;

  g_return_if_fail (FA_IS_MAP_STATE (self));

  filter = self->time;
  filter.month = month;
  fa_map_state_set_time_filter (self, &filter);
}

FaTimeMode
fa_map_state_get_time_mode (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), FA_TIME_MODE_AT);

  return self->time.mode;
}

void
fa_map_state_set_time_mode (FaMapState *self,
                            FaTimeMode  mode)
{
  FaTimeFilter filter;

  g_return_if_fail (FA_IS_MAP_STATE (self));

  filter = self->time;
  filter.mode = mode;
  fa_map_state_set_time_filter (self, &filter);
}

FaMonth
fa_map_state_get_from (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), 0);

  return self->time.from;
}

void
fa_map_state_set_from (FaMapState *self,
                       FaMonth     from)
{
  FaTimeFilter filter;

  g_return_if_fail (FA_IS_MAP_STATE (self));

  filter = self->time;
  filter.from = from;
  fa_map_state_set_time_filter (self, &filter);
}

/**
 * fa_map_state_get_hidden_categories:
 *
 * Returns: (transfer none): the hidden category ids, sorted
 */
const char * const *
fa_map_state_get_hidden_categories (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), NULL);

  return (const char * const *) self->hidden;
}

/**
 * fa_map_state_set_hidden_categories:
 * @ids: (nullable) (array zero-terminated=1): category ids to hide
 */
void
fa_map_state_set_hidden_categories (FaMapState         *self,
                                    const char * const *ids)
{
  g_return_if_fail (FA_IS_MAP_STATE (self));

  if (same_hidden (self, ids))
    return;

  /* Derived state first, so that whoever is notified sees it current. */
  set_hidden (self, ids);
  update_visible_flows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_CATEGORIES]);
}

gboolean
fa_map_state_get_category_visible (FaMapState *self,
                                   const char *category_id)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), FALSE);
  g_return_val_if_fail (category_id != NULL, FALSE);

  return !g_hash_table_contains (self->hidden_set, category_id);
}

void
fa_map_state_set_category_visible (FaMapState *self,
                                   const char *category_id,
                                   gboolean    visible)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) hidden = NULL;

  g_return_if_fail (FA_IS_MAP_STATE (self));
  g_return_if_fail (category_id != NULL);

  if (fa_map_state_get_category_visible (self, category_id) == !!visible)
    return;

  builder = g_strv_builder_new ();
  for (guint i = 0; self->hidden[i] != NULL; i++)
    if (!g_str_equal (self->hidden[i], category_id))
      g_strv_builder_add (builder, self->hidden[i]);
  if (!visible)
    g_strv_builder_add (builder, category_id);
  hidden = g_strv_builder_end (builder);
  fa_map_state_set_hidden_categories (self, (const char * const *) hidden);
}

/**
 * fa_map_state_show_only_categories:
 * @category_ids: (nullable) (element-type utf8 utf8): the ids to show, as a
 *   set; %NULL shows every category of the dataset
 *
 * Hides every other category of the dataset shown.
 */
void
fa_map_state_show_only_categories (FaMapState *self,
                                   GHashTable *category_ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) hidden = NULL;

  g_return_if_fail (FA_IS_MAP_STATE (self));

  if (self->dataset != NULL && category_ids != NULL)
    {
      GListModel *categories = fa_dataset_get_categories (self->dataset);

      for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
        {
          g_autoptr(FaCategory) category = g_list_model_get_item (categories, i);

          if (!g_hash_table_contains (category_ids, fa_category_get_id (category)))
            g_strv_builder_add (builder, fa_category_get_id (category));
        }
    }
  hidden = g_strv_builder_end (builder);
  fa_map_state_set_hidden_categories (self, (const char * const *) hidden);
}

/**
 * fa_map_state_get_selected:
 *
 * Returns: (transfer none) (nullable): the #FaFlow, #FaPlace or #FaEvent
 *   selected
 */
GObject *
fa_map_state_get_selected (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), NULL);

  return self->selected;
}

void
fa_map_state_set_selected (FaMapState *self,
                           GObject    *item)
{
  g_return_if_fail (FA_IS_MAP_STATE (self));
  g_return_if_fail (!item || G_IS_OBJECT (item));

  if (g_set_object (&self->selected, item))
    {
      invalidate_snapshot (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }
}

/**
 * fa_map_state_get_hovered:
 *
 * Returns: (transfer none) (nullable): the item under the pointer
 */
GObject *
fa_map_state_get_hovered (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), NULL);

  return self->hovered;
}

void
fa_map_state_set_hovered (FaMapState *self,
                          GObject    *item)
{
  g_return_if_fail (FA_IS_MAP_STATE (self));
  g_return_if_fail (!item || G_IS_OBJECT (item));

  if (g_set_object (&self->hovered, item))
    {
      invalidate_snapshot (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVERED]);
    }
}

const char *
fa_map_state_get_projection (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), NULL);

  return self->projection;
}

/**
 * fa_map_state_set_projection:
 * @definition: (nullable): a preset id, a PROJ string or an EPSG code;
 *   %NULL for the default
 */
void
fa_map_state_set_projection (FaMapState *self,
                             const char *definition)
{
  g_return_if_fail (FA_IS_MAP_STATE (self));

  if (definition == NULL || *definition == '\0')
    definition = FA_PROJECTION_DEFAULT_PRESET;
  if (g_strcmp0 (self->projection, definition) == 0)
    return;

  g_free (self->projection);
  self->projection = g_strdup (definition);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECTION]);
}

FaMapStyleKind
fa_map_state_get_style (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), FA_MAP_STYLE_LIGHT);

  return self->style;
}

void
fa_map_state_set_style (FaMapState     *self,
                        FaMapStyleKind  style)
{
  g_return_if_fail (FA_IS_MAP_STATE (self));

  if (self->style == style)
    return;

  self->style = style;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
}

#define DEFINE_BOOLEAN(name, field, PROP)                             \
gboolean                                                              \
fa_map_state_get_##name (FaMapState *self)                            \
{                                                                     \
  g_return_val_if_fail (FA_IS_MAP_STATE (self), FALSE);               \
                                                                      \
  return self->field;                                                 \
}                                                                     \
                                                                      \
void                                                                  \
fa_map_state_set_##name (FaMapState *self,                            \
                         gboolean    value)                           \
{                                                                     \
  g_return_if_fail (FA_IS_MAP_STATE (self));                          \
                                                                      \
  value = !!value;                                                    \
  if (self->field == (guint) value)                                   \
    return;                                                           \
                                                                      \
  self->field = value;                                                \
  invalidate_snapshot (self);                                         \
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);       \
}

DEFINE_BOOLEAN (rescale_widths, rescale_widths, PROP_RESCALE_WIDTHS)
DEFINE_BOOLEAN (show_regions, show_regions, PROP_SHOW_REGIONS)
DEFINE_BOOLEAN (show_legend, show_legend, PROP_SHOW_LEGEND)
DEFINE_BOOLEAN (arrow_labels, arrow_labels, PROP_ARROW_LABELS)

FaLegendPosition
fa_map_state_get_legend_position (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), FA_LEGEND_POSITION_AUTO);

  return self->legend_position;
}

void
fa_map_state_set_legend_position (FaMapState       *self,
                                  FaLegendPosition  position)
{
  g_return_if_fail (FA_IS_MAP_STATE (self));
  g_return_if_fail (position <= FA_LEGEND_POSITION_BOTTOM);

  if (self->legend_position == position)
    return;

  self->legend_position = position;
  invalidate_snapshot (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEGEND_POSITION]);
}

/**
 * fa_map_state_get_title:
 *
 * Returns: (nullable): the title set for the map, %NULL for the dataset's
 */
const char *
fa_map_state_get_title (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), NULL);

  return self->title;
}

/**
 * fa_map_state_set_title:
 * @title: (nullable): a title, or %NULL (or "") for the dataset's own
 */
void
fa_map_state_set_title (FaMapState *self,
                        const char *title)
{
  g_return_if_fail (FA_IS_MAP_STATE (self));

  if (title != NULL && title[0] == '\0')
    title = NULL;
  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  invalidate_snapshot (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * fa_map_state_get_subtitle:
 *
 * Returns: (nullable): the line set under the title, %NULL for the date line
 */
const char *
fa_map_state_get_subtitle (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), NULL);

  return self->subtitle;
}

/**
 * fa_map_state_set_subtitle:
 * @subtitle: (nullable): a line, or %NULL (or "") for the date line
 */
void
fa_map_state_set_subtitle (FaMapState *self,
                           const char *subtitle)
{
  g_return_if_fail (FA_IS_MAP_STATE (self));

  if (subtitle != NULL && subtitle[0] == '\0')
    subtitle = NULL;
  if (g_strcmp0 (self->subtitle, subtitle) == 0)
    return;

  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
  invalidate_snapshot (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

gboolean
fa_map_state_get_undated_every_month (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), FALSE);

  return self->time.undated_always;
}

void
fa_map_state_set_undated_every_month (FaMapState *self,
                                      gboolean    value)
{
  g_return_if_fail (FA_IS_MAP_STATE (self));

  if (!self->time.undated_always == !value)
    return;

  self->time.undated_always = !!value;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDATED_EVERY_MONTH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_FILTER]);
  update_visible_flows (self);
  g_object_thaw_notify (G_OBJECT (self));
}

#undef DEFINE_BOOLEAN

double
fa_map_state_get_fade_position (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), -1);

  return self->fade_position;
}

void
fa_map_state_set_fade_position (FaMapState *self,
                                double      position)
{
  g_return_if_fail (FA_IS_MAP_STATE (self));

  if (position < 0)
    position = -1;
  if (self->fade_position == position)
    return;

  self->fade_position = position;
  invalidate_snapshot (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FADE_POSITION]);
}

/**
 * fa_map_state_get_viewport:
 *
 * Returns: (transfer none): the view shown: its centre and scale; the
 *   window's map sets its size
 */
FaViewport *
fa_map_state_get_viewport (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), NULL);

  return self->viewport;
}

/**
 * fa_map_state_get_user_layers:
 *
 * Returns: (transfer none): the user's shapefile layers, a #GListModel of
 *   #FaShapeLayer, bottom first; #FaMap adds and removes them
 */
GListModel *
fa_map_state_get_user_layers (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), NULL);

  return G_LIST_MODEL (self->user_layers);
}

GListStore *
_fa_map_state_get_user_layer_store (FaMapState *self)
{
  return self->user_layers;
}

/**
 * fa_map_state_get_visible_flows:
 *
 * Returns: (transfer none): the flows shown, a #GListModel of #FaFlow
 */
GListModel *
fa_map_state_get_visible_flows (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), NULL);

  return G_LIST_MODEL (self->visible_flows);
}

/**
 * fa_map_state_flow_is_shown:
 *
 * Returns: whether @flow is among the flows shown
 */
gboolean
fa_map_state_flow_is_shown (FaMapState *self,
                            FaFlow     *flow)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), FALSE);

  return g_hash_table_contains (self->visible_set, flow);
}

/**
 * fa_map_state_snapshot:
 *
 * Returns: (transfer full): an immutable copy of what layers need to
 *   draw the state, safe to read from any thread
 */
FaMapSnapshot *
fa_map_state_snapshot (FaMapState *self)
{
  FaMapSnapshot *snapshot;
  guint n;

  g_return_val_if_fail (FA_IS_MAP_STATE (self), NULL);

  if (self->snapshot != NULL)
    return fa_map_snapshot_ref (self->snapshot);

  snapshot = g_new0 (FaMapSnapshot, 1);
  snapshot->ref_count = 1;
  snapshot->dataset = self->dataset ? g_object_ref (self->dataset) : NULL;
  snapshot->time = self->time;
  snapshot->hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; self->hidden[i] != NULL; i++)
    g_hash_table_add (snapshot->hidden, g_strdup (self->hidden[i]));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->visible_flows));
  snapshot->visible = g_ptr_array_new_full (n, g_object_unref);
  snapshot->visible_set = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      FaFlow *flow = g_list_model_get_item (G_LIST_MODEL (self->visible_flows), i);

      g_ptr_array_add (snapshot->visible, flow);
      g_hash_table_add (snapshot->visible_set, flow);
    }
  snapshot->selected = self->selected ? g_object_ref (self->selected) : NULL;
  snapshot->hovered = self->hovered ? g_object_ref (self->hovered) : NULL;
  snapshot->fade_position = self->fade_position;
  snapshot->rescale_widths = self->rescale_widths;
  snapshot->show_regions = self->show_regions;
  snapshot->show_legend = self->show_legend;
  snapshot->arrow_labels = self->arrow_labels;
  snapshot->min_count = self->min_count;
  snapshot->top = self->top;
  snapshot->legend_position = self->legend_position;
  snapshot->clustering = self->clustering;
  snapshot->title = g_strdup (self->title);
  snapshot->subtitle = g_strdup (self->subtitle);

  self->snapshot = fa_map_snapshot_ref (snapshot);
  return snapshot;
}

gint64
fa_map_state_get_min_count (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), 0);

  return self->min_count;
}

/**
 * fa_map_state_set_min_count:
 * @min_count: 0 for every flow
 */
void
fa_map_state_set_min_count (FaMapState *self,
                            gint64      min_count)
{
  g_return_if_fail (FA_IS_MAP_STATE (self));

  min_count = MAX (min_count, 0);
  if (self->min_count == min_count)
    return;
  self->min_count = min_count;
  update_visible_flows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_COUNT]);
}

guint
fa_map_state_get_top (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), 0);

  return self->top;
}

/**
 * fa_map_state_set_top:
 * @top: 0 for every flow
 */
void
fa_map_state_set_top (FaMapState *self,
                      guint       top)
{
  g_return_if_fail (FA_IS_MAP_STATE (self));

  if (self->top == top)
    return;
  self->top = top;
  update_visible_flows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOP]);
}

FaClustering
fa_map_state_get_clustering (FaMapState *self)
{
  g_return_val_if_fail (FA_IS_MAP_STATE (self), FA_CLUSTERING_AUTO);

  return self->clustering;
}

void
fa_map_state_set_clustering (FaMapState   *self,
                             FaClustering  clustering)
{
  g_return_if_fail (FA_IS_MAP_STATE (self));
  g_return_if_fail (clustering <= FA_CLUSTERING_ON);

  if (self->clustering == clustering)
    return;

  self->clustering = clustering;
  invalidate_snapshot (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLUSTERING]);
}
