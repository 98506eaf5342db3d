/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-item-table"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fa-item-table.h"

#include "fa-category.h"
#include "fa-dataset.h"
#include "fa-event.h"
#include "fa-flow.h"
#include "fa-month.h"
#include "fa-place.h"
#include "fa-region-role.h"
#include "fa-text.h"

/* The places or the events of the dataset as a table, beside the flows':
 * the map's text alternative.  Each column sorts, the search finds words
 * in any of them, and a row selected is the map's selection (the details
 * pane shows it); the map's selection is selected here when it is one of
 * the rows. */

struct _FaItemTable
{
  GtkWidget           parent_instance;

  FaItemTableKind     kind;
  FaMapState         *state;        /* owned */
  FaDataset          *dataset;      /* owned: the state's, when last seen */
  GHashTable         *n_flows;      /* FaPlace* → flows from, to or via it */
  FaGeodata          *geodata;      /* owned, nullable: names of countries and regions */
  GListStore         *role_rows;    /* owned: GtkStringObject of ISO codes (roles) */
  GHashTable         *roles;        /* owned, nullable: ISO code → role bits */
  char              **terms;        /* owned, nullable: the folded search */
  gboolean            syncing;

  GtkSearchEntry     *search_entry;
  GtkColumnView      *column_view;
  GtkStack           *stack;        /* the rows, or why there are none */
  GtkLabel           *empty_title;
  GtkLabel           *empty_text;
  GtkLabel           *caption;
  GtkCustomFilter    *filter;       /* owned */
  GtkFilterListModel *filtered;     /* owned */
  GtkSortListModel   *sorted;       /* owned */
  GtkSingleSelection *selection;    /* owned */
};

G_DEFINE_FINAL_TYPE (FaItemTable, fa_item_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_STATE,
  PROP_GEODATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define N_COLUMNS 4

typedef struct
{
  const char *title;
  int         width;
  gboolean    numeric;   /* sorted by key (), not by its text */
} Column;

static const Column place_columns[N_COLUMNS] = {
  { N_("Place"), 150, FALSE },
  { N_("Kind"), 120, FALSE },
  { N_("Flows"), 60, TRUE },
  { N_("Source"), 160, FALSE },
};

static const Column event_columns[N_COLUMNS] = {
  { N_("Date"), 110, TRUE },
  { N_("Event"), 200, FALSE },
  { N_("Place"), 120, FALSE },
  { N_("Category"), 140, FALSE },
};

static const Column role_columns[N_COLUMNS] = {
  { N_("Country or Region"), 150, FALSE },
  { N_("Roles at This Date"), 240, FALSE },
  { N_("Code"), 60, FALSE },
  { NULL, 0, FALSE },
};

static const Column *
get_columns (FaItemTable *self)
{
  switch (self->kind)
    {
    case FA_ITEM_TABLE_EVENTS: return event_columns;
    case FA_ITEM_TABLE_ROLES:  return role_columns;
    case FA_ITEM_TABLE_PLACES:
    default:                   return place_columns;
    }
}

static guint
get_n_columns (FaItemTable *self)
{
  const Column *columns = get_columns (self);
  guint n = 0;

  while (n < N_COLUMNS && columns[n].title != NULL)
    n++;
  return n;
}

/* A number to sort a numeric column by. */
static gint64
cell_key (FaItemTable *self,
          GObject     *item,
          guint        column)
{
  if (FA_IS_PLACE (item) && column == 2)
    return GPOINTER_TO_UINT (g_hash_table_lookup (self->n_flows, item));
  if (FA_IS_EVENT (item) && column == 0)
    return (gint64) fa_event_get_month (FA_EVENT (item)) * 32 + MAX (fa_event_get_day (FA_EVENT (item)), 0);
  return 0;
}

/**
 * fa_item_table_dup_cell_text:
 * @column: 0 to 3
 *
 * Returns: (transfer full): what the table shows of @item in @column
 */
char *
fa_item_table_dup_cell_text (FaItemTable *self,
                             GObject     *item,
                             guint        column)
{
  g_return_val_if_fail (FA_IS_ITEM_TABLE (self), NULL);

  if (FA_IS_PLACE (item))
    {
      FaPlace *place = FA_PLACE (item);

      switch (column)
        {
        case 0: return g_strdup (fa_place_get_name (place));
        case 1: return g_strdup (fa_place_kind_describe (fa_place_get_kind (place)));
        case 2: return g_strdup_printf ("%" G_GINT64_FORMAT, cell_key (self, item, column));
        case 3: return g_strdup (fa_place_get_source (place));
        default: return NULL;
        }
    }
  if (GTK_IS_STRING_OBJECT (item))
    {
      const char *code = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
      guint bits = self->roles != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (self->roles, code)) : 0;
      GListModel *role_list = self->dataset != NULL ? fa_dataset_get_roles (self->dataset) : NULL;
      const char *name = self->geodata != NULL ? fa_geodata_get_name (self->geodata, code) : NULL;
      g_autoptr(GString) text = NULL;

      switch (column)
        {
        case 0: return g_strdup (name != NULL ? name : code);
        case 2: return g_strdup (code);
        case 1:
          text = g_string_new (NULL);
          for (guint r = 0; role_list != NULL && r < MIN (g_list_model_get_n_items (role_list), 32); r++)
            {
              g_autoptr(FaRegionRole) role = g_list_model_get_item (role_list, r);

              if (!(bits & (1u << r)))
                continue;
              if (text->len > 0)
                /* translators: between two roles of a country in the roles table */
                g_string_append (text, _("; "));
              g_string_append (text, fa_region_role_get_label (role));
            }
          return g_string_free (g_steal_pointer (&text), FALSE);
        default: return NULL;
        }
    }
  if (FA_IS_EVENT (item))
    {
      FaEvent *event = FA_EVENT (item);
      FaPlace *place = fa_event_get_place (event);
      FaCategory *category = fa_event_get_category (event);

      switch (column)
        {
        case 0: return fa_month_format_date (fa_event_get_month (event), fa_event_get_precision (event),
                                             fa_event_get_day (event));
        case 1: return g_strdup (fa_event_get_title (event));
        case 2: return place != NULL ? g_strdup (fa_place_get_name (place)) : NULL;
        case 3: return category != NULL ? g_strdup (fa_category_get_label (category)) : NULL;
        default: return NULL;
        }
    }
  return NULL;
}

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  FaItemTable *self = user_data;
  g_autoptr(GString) haystack = NULL;
  g_autofree char *folded = NULL;

  if (self->terms == NULL)
    return TRUE;

  haystack = g_string_new (NULL);
  for (guint c = 0; c < get_n_columns (self); c++)
    {
      g_autofree char *text = fa_item_table_dup_cell_text (self, item, c);

      if (text != NULL)
        g_string_append_printf (haystack, "%s\n", text);
    }
  /* The quote too: what the source says of it. */
  if (FA_IS_EVENT (item) && fa_event_get_quote (FA_EVENT (item)) != NULL)
    g_string_append (haystack, fa_event_get_quote (FA_EVENT (item)));
  if (FA_IS_PLACE (item) && fa_place_get_quote (FA_PLACE (item)) != NULL)
    g_string_append (haystack, fa_place_get_quote (FA_PLACE (item)));
  folded = fa_text_fold (haystack->str);

  for (guint i = 0; self->terms[i] != NULL; i++)
    if (strstr (folded, self->terms[i]) == NULL)
      return FALSE;
  return TRUE;
}

static int
compare_cells (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GtkColumnViewColumn *column = user_data;
  FaItemTable *self = g_object_get_data (G_OBJECT (column), "fa-table");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (column), "fa-column"));
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  if (get_columns (self)[index].numeric)
    {
      gint64 ka = cell_key (self, (GObject *) a, index);
      gint64 kb = cell_key (self, (GObject *) b, index);

      return ka < kb ? -1 : ka > kb;
    }
  ta = fa_item_table_dup_cell_text (self, (GObject *) a, index);
  tb = fa_item_table_dup_cell_text (self, (GObject *) b, index);
  return g_utf8_collate (ta != NULL ? ta : "", tb != NULL ? tb : "");
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  FaItemTable *self = user_data;
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "fa-column"));
  g_autofree char *text = fa_item_table_dup_cell_text (self, gtk_list_item_get_item (list_item), column);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), text != NULL && *text != '\0' ? text : "—");
  /* The whole text, where the column cuts it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : "", -1);
}

static void
update_caption (FaItemTable *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  GListModel *all = gtk_filter_list_model_get_model (self->filtered);
  guint n = all != NULL ? g_list_model_get_n_items (all) : 0;
  g_autofree char *text = NULL;

  if (self->kind == FA_ITEM_TABLE_PLACES)
    /* translators: the places table's count: 1: rows shown, 2: places in all */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u place", "%u of %u places", n), shown, n);
  else if (self->kind == FA_ITEM_TABLE_EVENTS)
    /* translators: the events table's count: 1: rows shown, 2: events in all */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u event", "%u of %u events", n), shown, n);
  else
    /* translators: the roles table's count: 1: rows shown, 2: countries and regions the map fills */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u country or region",
                                         "%u of %u countries and regions", n), shown, n);
  gtk_label_set_text (self->caption, text);

  /* No row: say why, where the rows would be. */
  if (shown == 0 && n == 0 && self->kind == FA_ITEM_TABLE_ROLES)
    {
      gtk_label_set_text (self->empty_title, _("No Tinted Countries or Regions"));
      gtk_label_set_text (self->empty_text, _("At this date, the categories shown give no country or region a role on the map."));
    }
  else
    {
      gtk_label_set_text (self->empty_title,
                          self->kind == FA_ITEM_TABLE_PLACES ? _("No Matching Places")
                          : self->kind == FA_ITEM_TABLE_EVENTS ? _("No Matching Events")
                          : _("No Matching Countries or Regions"));
      gtk_label_set_text (self->empty_text, _("Try another search."));
    }
  gtk_stack_set_visible_child_name (self->stack, shown == 0 ? "empty" : "table");
}

/* The map's selection, here too when it is one of the rows. */
static void
sync_selection (FaItemTable *self)
{
  GObject *selected = self->state != NULL ? fa_map_state_get_selected (self->state) : NULL;
  GListModel *rows = G_LIST_MODEL (self->sorted);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; selected != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);

      if (row == selected)
        {
          position = i;
          break;
        }
    }
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;
}

static void
on_selected_item_cb (FaItemTable        *self,
                     GParamSpec         *pspec,
                     GtkSingleSelection *selection)
{
  GObject *item = gtk_single_selection_get_selected_item (selection);

  /* Countries and regions are not items of the map's selection. */
  if (self->syncing || self->state == NULL || item == NULL || GTK_IS_STRING_OBJECT (item))
    return;
  fa_map_state_set_selected (self->state, item);
}

static void
on_state_selected_cb (FaItemTable *self,
                      GParamSpec  *pspec,
                      FaMapState  *state)
{
  sync_selection (self);
}

static void
count_flows (FaItemTable *self)
{
  GListModel *flows = self->dataset != NULL ? fa_dataset_get_flows (self->dataset) : NULL;

  g_hash_table_remove_all (self->n_flows);
  for (guint i = 0; flows != NULL && i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(FaFlow) flow = g_list_model_get_item (flows, i);
      GPtrArray *via = fa_flow_get_via (flow);
      FaPlace *ends[] = { fa_flow_get_origin (flow), fa_flow_get_destination (flow) };

      for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
        if (ends[e] != NULL && (e == 0 || ends[e] != ends[0]))
          g_hash_table_insert (self->n_flows, ends[e],
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->n_flows, ends[e])) + 1));
      for (guint v = 0; via != NULL && v < via->len; v++)
        {
          FaPlace *place = g_ptr_array_index (via, v);

          g_hash_table_insert (self->n_flows, place,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->n_flows, place)) + 1));
        }
    }
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
same_roles (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer code, bits;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &code, &bits))
    {
      gpointer other;

      if (!g_hash_table_lookup_extended (b, code, NULL, &other) || other != bits)
        return FALSE;
    }
  return TRUE;
}

/* The roles change with what the map shows: the month, the categories. */
static void
update_roles (FaItemTable *self)
{
  g_autoptr(FaMapSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer code;

  if (self->kind != FA_ITEM_TABLE_ROLES)
    return;
  if (self->state != NULL)
    {
      GHashTable *roles;

      snapshot = fa_map_state_snapshot (self->state);
      roles = fa_map_snapshot_dup_region_roles (snapshot);
      /* Most months change no role (the timeline plays through them):
       * then the rows stay as they are. */
      if (self->roles != NULL && same_roles (roles, self->roles))
        {
          g_hash_table_unref (roles);
          return;
        }
      g_clear_pointer (&self->roles, g_hash_table_unref);
      self->roles = roles;
      g_hash_table_iter_init (&iter, self->roles);
      while (g_hash_table_iter_next (&iter, &code, NULL))
        g_ptr_array_add (codes, code);
      g_ptr_array_sort (codes, compare_codes);
    }
  else
    g_clear_pointer (&self->roles, g_hash_table_unref);
  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (objects, gtk_string_object_new (g_ptr_array_index (codes, i)));
  g_list_store_splice (self->role_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->role_rows)),
                       objects->pdata, objects->len);
  update_caption (self);
}

static void
on_visible_flows_changed_cb (FaItemTable *self,
                             guint        position,
                             guint        removed,
                             guint        added,
                             GListModel  *model)
{
  update_roles (self);
}

static void
on_dataset_cb (FaItemTable *self,
               GParamSpec  *pspec,
               FaMapState  *state)
{
  FaDataset *dataset = state != NULL ? fa_map_state_get_dataset (state) : NULL;

  if (dataset == self->dataset && pspec != NULL)
    return;
  g_set_object (&self->dataset, dataset);
  count_flows (self);
  gtk_filter_list_model_set_model (self->filtered,
                                   dataset == NULL ? NULL
                                   : self->kind == FA_ITEM_TABLE_PLACES ? fa_dataset_get_places (dataset)
                                   : self->kind == FA_ITEM_TABLE_EVENTS ? fa_dataset_get_events (dataset)
                                                                         : G_LIST_MODEL (self->role_rows));
  /* The old roles' codes were the old dataset's strings. */
  g_clear_pointer (&self->roles, g_hash_table_unref);
  update_roles (self);
  update_caption (self);
  sync_selection (self);
}

static void
on_search_changed_cb (FaItemTable    *self,
                      GtkSearchEntry *entry)
{
  g_strfreev (self->terms);
  self->terms = fa_text_split_search (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_caption (self);
}

static void
on_activate_cb (FaItemTable   *self,
                guint          position,
                GtkColumnView *view)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (item != NULL && self->state != NULL && !GTK_IS_STRING_OBJECT (item))
    fa_map_state_set_selected (self->state, item);
}

/* --- GObject --------------------------------------------------------------- */

static void
fa_item_table_dispose (GObject *object)
{
  FaItemTable *self = FA_ITEM_TABLE (object);
  GtkWidget *child;

  fa_item_table_set_state (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->dataset);
  g_clear_object (&self->geodata);

  G_OBJECT_CLASS (fa_item_table_parent_class)->dispose (object);
}

static void
fa_item_table_finalize (GObject *object)
{
  FaItemTable *self = FA_ITEM_TABLE (object);

  g_strfreev (self->terms);
  g_hash_table_unref (self->n_flows);
  g_clear_pointer (&self->roles, g_hash_table_unref);
  g_clear_object (&self->role_rows);

  G_OBJECT_CLASS (fa_item_table_parent_class)->finalize (object);
}

static void
fa_item_table_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FaItemTable *self = FA_ITEM_TABLE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;

    case PROP_GEODATA:
      g_value_set_object (value, self->geodata);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_item_table_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FaItemTable *self = FA_ITEM_TABLE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;

    case PROP_STATE:
      fa_item_table_set_state (self, g_value_get_object (value));
      break;

    case PROP_GEODATA:
      fa_item_table_set_geodata (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_item_table_constructed (GObject *object)
{
  FaItemTable *self = FA_ITEM_TABLE (object);
  FaItemTableKind kind = self->kind;
  const Column *columns = get_columns (self);
  GtkWidget *scrolled;

  G_OBJECT_CLASS (fa_item_table_parent_class)->constructed (object);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  {
    const char *search = kind == FA_ITEM_TABLE_PLACES ? _("Search places")
                         : kind == FA_ITEM_TABLE_EVENTS ? _("Search events") : _("Search countries and regions");

    g_object_set (self->search_entry, "placeholder-text", search, NULL);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, search, -1);
  }
  gtk_widget_set_margin_start (GTK_WIDGET (self->search_entry), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->search_entry), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->search_entry), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->search_entry), 6);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  gtk_widget_set_parent (GTK_WIDGET (self->search_entry), GTK_WIDGET (self));
  gtk_widget_set_parent (gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selected_item_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == FA_ITEM_TABLE_PLACES ? _("Places")
                                  : kind == FA_ITEM_TABLE_EVENTS ? _("Events") : _("Countries and Regions"), -1);
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (on_activate_cb), self);

  for (guint c = 0; c < get_n_columns (self); c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter;

      g_object_set_data (G_OBJECT (factory), "fa-column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), self);
      column = gtk_column_view_column_new (_(columns[c].title), factory);
      g_object_set_data (G_OBJECT (column), "fa-table", self);
      g_object_set_data (G_OBJECT (column), "fa-column", GUINT_TO_POINTER (c));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, columns[c].width);
      if (c == get_n_columns (self) - 1)
        gtk_column_view_column_set_expand (column, TRUE);
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cells, column, NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
  /* Events read in their order, places by name. */
  {
    g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (gtk_column_view_get_columns (self->column_view), 0);

    gtk_column_view_sort_by_column (self->column_view, first, GTK_SORT_ASCENDING);
  }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled, "table");
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *image = g_object_new (GTK_TYPE_IMAGE, "icon-name", "edit-find-symbolic",
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

    gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
    gtk_widget_set_margin_start (box, 24);
    gtk_widget_set_margin_end (box, 24);
    gtk_image_set_pixel_size (GTK_IMAGE (image), 48);
    gtk_widget_set_margin_bottom (image, 6);
    gtk_widget_add_css_class (image, "dim-label");
    gtk_box_append (GTK_BOX (box), image);
    self->empty_title = GTK_LABEL (gtk_label_new (NULL));
    self->empty_text = GTK_LABEL (gtk_label_new (NULL));
    gtk_widget_add_css_class (GTK_WIDGET (self->empty_title), "title-4");
    gtk_widget_add_css_class (GTK_WIDGET (self->empty_text), "dim-label");
    for (guint i = 0; i < 2; i++)
      {
        GtkLabel *label = i == 0 ? self->empty_title : self->empty_text;

        gtk_label_set_wrap (label, TRUE);
        gtk_label_set_justify (label, GTK_JUSTIFY_CENTER);
        gtk_box_append (GTK_BOX (box), GTK_WIDGET (label));
      }
    gtk_stack_add_named (self->stack, box, "empty");
  }
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  self->caption = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->caption, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->caption), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->caption), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->caption), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->caption), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->caption), "caption");
  gtk_widget_set_parent (GTK_WIDGET (self->caption), GTK_WIDGET (self));
  update_caption (self);
  if (self->state != NULL)
    on_dataset_cb (self, NULL, self->state);
}


static void
fa_item_table_class_init (FaItemTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fa_item_table_dispose;
  object_class->finalize = fa_item_table_finalize;
  object_class->get_property = fa_item_table_get_property;
  object_class->set_property = fa_item_table_set_property;
  object_class->constructed = fa_item_table_constructed;

  /**
   * FaItemTable:state:
   *
   * The map state whose dataset the table lists and whose selection it
   * shares.
   */
  /**
   * FaItemTable:kind:
   *
   * What the table lists: 0 for places, 1 for events, 2 for the roles of
   * countries and regions (#FaItemTableKind).
   */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, FA_ITEM_TABLE_PLACES, FA_ITEM_TABLE_ROLES, FA_ITEM_TABLE_PLACES,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, FA_TYPE_MAP_STATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FaItemTable:geodata:
   *
   * Where the names of countries and regions come from (the roles table).
   */
  properties[PROP_GEODATA] =
    g_param_spec_object ("geodata", NULL, NULL, FA_TYPE_GEODATA,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "itemtable");
}

static void
fa_item_table_init (FaItemTable *self)
{
  self->n_flows = g_hash_table_new (NULL, NULL);
  self->role_rows = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
}

/**
 * fa_item_table_new:
 * @kind: what the table lists
 */
GtkWidget *
fa_item_table_new (FaItemTableKind kind)
{
  return g_object_new (FA_TYPE_ITEM_TABLE, "kind", kind, NULL);
}

FaMapState *
fa_item_table_get_state (FaItemTable *self)
{
  g_return_val_if_fail (FA_IS_ITEM_TABLE (self), NULL);

  return self->state;
}

void
fa_item_table_set_state (FaItemTable *self,
                         FaMapState  *state)
{
  g_return_if_fail (FA_IS_ITEM_TABLE (self));

  if (self->state == state)
    return;
  if (self->state != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->state, self);
      g_signal_handlers_disconnect_by_data (fa_map_state_get_visible_flows (self->state), self);
    }
  g_set_object (&self->state, state);
  if (state != NULL)
    {
      g_signal_connect_object (state, "notify::dataset", G_CALLBACK (on_dataset_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (state, "notify::selected", G_CALLBACK (on_state_selected_cb), self,
                               G_CONNECT_SWAPPED);
      if (self->kind == FA_ITEM_TABLE_ROLES)
        g_signal_connect_object (fa_map_state_get_visible_flows (state), "items-changed",
                                 G_CALLBACK (on_visible_flows_changed_cb), self, G_CONNECT_SWAPPED);
    }
  if (self->filtered != NULL)
    on_dataset_cb (self, NULL, state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/**
 * fa_item_table_set_search_text:
 *
 * Searches as if @text were typed in the table's search entry.
 */
void
fa_item_table_set_search_text (FaItemTable *self,
                               const char  *text)
{
  g_return_if_fail (FA_IS_ITEM_TABLE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  on_search_changed_cb (self, self->search_entry);
}

/**
 * fa_item_table_get_rows:
 *
 * Returns: (transfer none): the rows shown, in their order
 */
GListModel *
fa_item_table_get_rows (FaItemTable *self)
{
  g_return_val_if_fail (FA_IS_ITEM_TABLE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

void
fa_item_table_focus_search (FaItemTable *self)
{
  g_return_if_fail (FA_IS_ITEM_TABLE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * fa_item_table_set_geodata:
 * @geodata: (nullable): where the names of countries and regions come from
 */
void
fa_item_table_set_geodata (FaItemTable *self,
                           FaGeodata   *geodata)
{
  g_return_if_fail (FA_IS_ITEM_TABLE (self));

  if (g_set_object (&self->geodata, geodata))
    {
      /* The same roles, named anew. */
      g_clear_pointer (&self->roles, g_hash_table_unref);
      update_roles (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEODATA]);
    }
}
