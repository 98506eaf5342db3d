/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-flow-table"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fa-flow-table.h"
#include "fa-text.h"
#include "fa-map-state.h"

#include "fa-category.h"
#include "fa-dataset.h"
#include "fa-details-pane.h"
#include "fa-flow.h"
#include "fa-month.h"
#include "fa-place.h"

/* The table is the accessible, keyboard-friendly reading of the map: one
 * row per flow, filtered by the same time filter and category visibility
 * as the map, plus a free-text search.
 *
 * Model chain: the map state's visible flows (or, without a state, the
 * dataset's flows) → GtkFilterListModel (a GtkCustomFilter for the
 * search) → GtkSortListModel (the column view's sorter) →
 * GtkSingleSelection.  Which flows are shown is the state's decision,
 * made once for the map and the table alike.
 */
struct _FaFlowTable
{
  GtkWidget            parent_instance;

  FaDataset           *dataset;            /* owned */
  FaMapState          *state;              /* owned, nullable: whose visible flows to list */
  char                *search_text;        /* owned, as typed */
  char               **search_terms;       /* owned, folded; NULL matches all */
  GHashTable          *haystacks;          /* owned: FaFlow (ref) → folded text */
  FaFlow              *selected_flow;      /* owned */

  GtkCustomFilter     *filter;             /* owned */
  GtkFilterListModel  *filter_model;       /* owned */
  GtkSortListModel    *sort_model;         /* owned */
  GtkSingleSelection  *selection;          /* owned */

  /* Template widgets */
  GtkSearchEntry      *search_entry;
  GtkStack            *stack;
  GtkScrolledWindow   *scrolled_window;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *from_column;
  GtkColumnViewColumn *to_column;
  GtkColumnViewColumn *category_column;
  GtkColumnViewColumn *magnitude_column;
  GtkColumnViewColumn *since_column;
  GtkColumnViewColumn *until_column;
  GtkColumnViewColumn *certainty_column;
  GtkLabel            *caption_label;
};

G_DEFINE_FINAL_TYPE (FaFlowTable, fa_flow_table, GTK_TYPE_WIDGET)

static void on_selected_flow_cb (FaFlowTable *self,
                                 GParamSpec  *pspec,
                                 gpointer     unused);

enum {
  PROP_0,
  PROP_DATASET,
  PROP_SELECTED_FLOW,
  PROP_N_VISIBLE,
  PROP_SEARCH_TEXT,
  PROP_STATE,
  N_PROPS
};

enum {
  FLOW_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Shown in a cell whose value the source does not give. */
#define EMPTY_CELL "—"

static void
append_field (GString    *haystack,
              const char *text)
{
  if (text != NULL && *text != '\0')
    {
      g_string_append (haystack, text);
      g_string_append_c (haystack, '\n');
    }
}

static const char *
flow_get_haystack (FaFlowTable *self,
                   FaFlow      *flow)
{
  g_autoptr(GString) haystack = NULL;
  const char *cached;
  char *folded;
  GPtrArray *via;
  FaCategory *category;

  cached = g_hash_table_lookup (self->haystacks, flow);
  if (cached != NULL)
    return cached;

  haystack = g_string_new (NULL);
  append_field (haystack, fa_place_get_name (fa_flow_get_origin (flow)));
  append_field (haystack, fa_place_get_name (fa_flow_get_destination (flow)));
  via = fa_flow_get_via (flow);
  for (guint i = 0; via != NULL && i < via->len; i++)
    append_field (haystack, fa_place_get_name (g_ptr_array_index (via, i)));
  category = fa_flow_get_category (flow);
  if (category != NULL)
    append_field (haystack, fa_category_get_label (category));
  append_field (haystack, fa_flow_get_magnitude (flow));
  append_field (haystack, fa_flow_get_quote (flow));

  folded = fa_text_fold (haystack->str);
  g_hash_table_insert (self->haystacks, g_object_ref (flow), folded);

  return folded;
}

static gboolean
filter_flow (gpointer item,
             gpointer user_data)
{
  FaFlowTable *self = user_data;
  FaFlow *flow = item;

  if (self->search_terms != NULL)
    {
      const char *haystack = flow_get_haystack (self, flow);

      for (guint i = 0; self->search_terms[i] != NULL; i++)
        if (strstr (haystack, self->search_terms[i]) == NULL)
          return FALSE;
    }

  return TRUE;
}

/* The sort keys of a magnitude: "approximately 500" is 500–500, "at least
 * 200" is 200–∞, "tens of thousands" 20,000–99,999; no number sorts first. */
static void
flow_get_magnitude_keys (FaFlow *flow,
                         gint64 *low,
                         gint64 *high)
{
  gint64 count = fa_flow_get_count (flow);
  gint64 count_low = fa_flow_get_count_low (flow);
  gint64 count_high = fa_flow_get_count_high (flow);

  *low = count_low >= 0 ? count_low : count;
  if (count_high >= 0)
    *high = count_high;
  else if (count_low >= 0)
    *high = G_MAXINT64;
  else
    *high = count;
}

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return a < b ? GTK_ORDERING_SMALLER : a > b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
sort_by_magnitude (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  gint64 a_low, a_high, b_low, b_high;

  flow_get_magnitude_keys ((FaFlow *) a, &a_low, &a_high);
  flow_get_magnitude_keys ((FaFlow *) b, &b_low, &b_high);
  if (a_low != b_low)
    return compare_int64 (a_low, b_low);
  return compare_int64 (a_high, b_high);
}

static int
sort_by_start (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  /* An open start (FA_MONTH_NONE, the smallest int) sorts first. */
  return compare_int64 (fa_flow_get_start ((FaFlow *) a), fa_flow_get_start ((FaFlow *) b));
}

static gint64
end_key (FaFlow *flow)
{
  FaMonth end = fa_flow_get_end (flow);

  /* An open end is "ongoing": later than any month. */
  return end == FA_MONTH_NONE ? G_MAXINT64 : end;
}

static int
sort_by_end (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  return compare_int64 (end_key ((FaFlow *) a), end_key ((FaFlow *) b));
}

static int
certainty_rank (FaCertainty certainty)
{
  /* Firmest first. */
  switch (certainty)
    {
    case FA_CERTAINTY_OFFICIAL:       return 0;
    case FA_CERTAINTY_REPORTED:       return 1;
    case FA_CERTAINTY_ESTIMATED:      return 2;
    case FA_CERTAINTY_REPORTEDLY:     return 3;
    case FA_CERTAINTY_PREVIOUS_YEARS: return 4;
    case FA_CERTAINTY_UNKNOWN:
    default:                          return 5;
    }
}

static int
sort_by_certainty (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return compare_int64 (certainty_rank (fa_flow_get_certainty ((FaFlow *) a)),
                        certainty_rank (fa_flow_get_certainty ((FaFlow *) b)));
}

static const char *
certainty_short_label (FaCertainty certainty)
{
  switch (certainty)
    {
    case FA_CERTAINTY_OFFICIAL:
      /* translators: table cell; the Russian government reported it */
      return C_("certainty", "Official");
    case FA_CERTAINTY_REPORTED:
      /* translators: table cell; media, observers or NGOs reported it */
      return C_("certainty", "Reported");
    case FA_CERTAINTY_REPORTEDLY:
      /* translators: table cell; the source says "reportedly" */
      return C_("certainty", "Reportedly");
    case FA_CERTAINTY_ESTIMATED:
      return C_("certainty", "Estimate");
    case FA_CERTAINTY_PREVIOUS_YEARS:
      return C_("certainty", "Previous years");
    case FA_CERTAINTY_UNKNOWN:
    default:
      return EMPTY_CELL;
    }
}

static GtkSorter *
string_sorter_new (const char *outer,
                   GType       inner_type,
                   const char *inner)
{
  GtkExpression *expression;

  expression = gtk_property_expression_new (inner_type,
                                            gtk_property_expression_new (FA_TYPE_FLOW, NULL, outer),
                                            inner);
  return GTK_SORTER (gtk_string_sorter_new (expression));
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  guint32 rgb = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "fa-color"));
  double size = MIN (width, height);
  double x = (width - size) / 2.0;
  double y = (height - size) / 2.0;
  double r = size / 4.0;

  if ((rgb & 0x1000000) == 0)
    return;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + size - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + size - r, y + size - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + size - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
  cairo_fill_preserve (cr);
  /* A faint edge keeps pale colours visible on a white row. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static gboolean
on_cell_query_tooltip_cb (GtkWidget  *widget,
                          int         x,
                          int         y,
                          gboolean    keyboard,
                          GtkTooltip *tooltip,
                          gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "fa-tooltip");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* A cell's tooltip, given when asked for.  gtk_widget_set_tooltip_text()
 * asks the display where the pointer is, a round trip to the X server for
 * every cell bound: on a month change that was most of the main thread's
 * time.  Screen readers get the same text as the cell's description. */
static void
set_cell_tooltip (GtkWidget  *widget,
                  const char *text)
{
  if (g_object_get_data (G_OBJECT (widget), "fa-tooltip-handler") == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb), NULL);
      g_object_set_data (G_OBJECT (widget), "fa-tooltip-handler", GINT_TO_POINTER (TRUE));
      gtk_widget_set_has_tooltip (widget, TRUE);
    }
  g_object_set_data_full (G_OBJECT (widget), "fa-tooltip", g_strdup (text), g_free);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
set_cell_text (GtkListItem *list_item,
               const char  *text,
               const char  *tooltip)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));

  gtk_label_set_text (label, text != NULL && *text != '\0' ? text : EMPTY_CELL);
  set_cell_tooltip (GTK_WIDGET (label), tooltip);
}

static char *
format_date_cell (FaMonth          month,
                  FaMonthPrecision precision,
                  int              day)
{
  if (month == FA_MONTH_NONE || !fa_month_is_valid (month))
    return NULL;
  /* The table is narrow: a day precision shows as its month. */
  if (precision == FA_MONTH_PRECISION_DAY)
    precision = FA_MONTH_PRECISION_MONTH;
  return fa_month_format_date (month, precision, day);
}

static void
update_caption (FaFlowTable *self)
{
  guint n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint n_total = 0;
  g_autofree char *text = NULL;

  if (self->dataset != NULL)
    n_total = g_list_model_get_n_items (fa_dataset_get_flows (self->dataset));

  if (n_visible == n_total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u flow", "%u flows", n_total), n_total);
  else
    /* translators: 1: the number of flows shown, 2: all flows, as in "12 of 80 flows" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u flow", "%u of %u flows", n_total),
                            n_visible, n_total);
  gtk_label_set_text (self->caption_label, text);

  gtk_stack_set_visible_child_name (self->stack,
                                    n_visible == 0 && n_total > 0 ? "empty" : "table");
}

static void
set_selected_flow_internal (FaFlowTable *self,
                            FaFlow      *flow)
{
  if (g_set_object (&self->selected_flow, flow))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_FLOW]);
}

static GtkWidget *
find_list_view (GtkColumnView *column_view)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;

  return NULL;
}

static void
scroll_to_position (FaFlowTable *self,
                    guint        position)
{
  GtkWidget *list_view = find_list_view (self->column_view);

  /* HACK: gtk_column_view_scroll_to() is GTK 4.12; on 4.8 the inner list
   * view's "list.scroll-to-item" action does the same, minimal scroll. */
  if (list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

static void
on_filter_model_items_changed_cb (FaFlowTable *self,
                                  guint        position,
                                  guint        removed,
                                  guint        added,
                                  GListModel  *model)
{
  g_assert (FA_IS_FLOW_TABLE (self));

  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
  update_caption (self);
}

static void
on_selection_selected_item_cb (FaFlowTable        *self,
                               GParamSpec         *pspec,
                               GtkSingleSelection *selection)
{
  g_assert (FA_IS_FLOW_TABLE (self));

  set_selected_flow_internal (self, gtk_single_selection_get_selected_item (selection));
}

static void
on_search_entry_search_changed_cb (FaFlowTable    *self,
                                   GtkSearchEntry *entry)
{
  g_assert (FA_IS_FLOW_TABLE (self));

  fa_flow_table_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_entry_stop_search_cb (FaFlowTable    *self,
                                GtkSearchEntry *entry)
{
  g_assert (FA_IS_FLOW_TABLE (self));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_search_entry_activate_cb (FaFlowTable    *self,
                             GtkSearchEntry *entry)
{
  g_assert (FA_IS_FLOW_TABLE (self));

  /* Enter in the search moves to the results, as in a file chooser. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
        gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_child_focus (GTK_WIDGET (self->column_view), GTK_DIR_TAB_FORWARD);
    }
}

static gboolean
on_search_key_pressed_cb (FaFlowTable           *self,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GtkEventControllerKey *controller)
{
  g_assert (FA_IS_FLOW_TABLE (self));

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    {
      on_search_entry_activate_cb (self, self->search_entry);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
on_column_view_activate_cb (FaFlowTable   *self,
                            guint          position,
                            GtkColumnView *column_view)
{
  g_autoptr(FaFlow) flow = NULL;

  g_assert (FA_IS_FLOW_TABLE (self));

  flow = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (flow != NULL)
    g_signal_emit (self, signals[FLOW_ACTIVATED], 0, flow);
}

static void
on_text_cell_setup_cb (FaFlowTable              *self,
                       GtkListItem              *list_item,
                       GtkSignalListItemFactory *factory)
{
  GtkWidget *label;

  label = g_object_new (GTK_TYPE_LABEL,
                        "xalign", 0.0f,
                        "ellipsize", PANGO_ELLIPSIZE_END,
                        "single-line-mode", TRUE,
                        NULL);
  gtk_list_item_set_child (list_item, label);
}

static void
on_category_cell_setup_cb (FaFlowTable              *self,
                           GtkListItem              *list_item,
                           GtkSignalListItemFactory *factory)
{
  GtkWidget *box, *swatch, *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  swatch = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 10);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, NULL, NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  label = g_object_new (GTK_TYPE_LABEL,
                        "xalign", 0.0f,
                        "ellipsize", PANGO_ELLIPSIZE_END,
                        "single-line-mode", TRUE,
                        "hexpand", TRUE,
                        NULL);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
on_from_cell_bind_cb (FaFlowTable              *self,
                      GtkListItem              *list_item,
                      GtkSignalListItemFactory *factory)
{
  FaFlow *flow = gtk_list_item_get_item (list_item);
  const char *name = fa_place_get_name (fa_flow_get_origin (flow));

  set_cell_text (list_item, name, name);
}

static void
on_to_cell_bind_cb (FaFlowTable              *self,
                    GtkListItem              *list_item,
                    GtkSignalListItemFactory *factory)
{
  FaFlow *flow = gtk_list_item_get_item (list_item);
  const char *name = fa_place_get_name (fa_flow_get_destination (flow));
  GPtrArray *via = fa_flow_get_via (flow);
  g_autofree char *tooltip = NULL;

  if (via != NULL && via->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < via->len; i++)
        {
          if (i > 0)
            g_string_append (names, ", ");
          g_string_append (names, fa_place_get_name (g_ptr_array_index (via, i)));
        }
      /* translators: 1: a destination, 2: the places passed on the way */
      tooltip = g_strdup_printf (_("%s, via %s"), name, names->str);
    }

  set_cell_text (list_item, name, tooltip != NULL ? tooltip : name);
}

static void
on_category_cell_bind_cb (FaFlowTable              *self,
                          GtkListItem              *list_item,
                          GtkSignalListItemFactory *factory)
{
  FaFlow *flow = gtk_list_item_get_item (list_item);
  FaCategory *category = fa_flow_get_category (flow);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (swatch);
  const char *text = category != NULL ? fa_category_get_label (category) : NULL;

  g_object_set_data (G_OBJECT (swatch), "fa-color",
                     GUINT_TO_POINTER (category != NULL ? 0x1000000 | fa_category_get_color (category) : 0));
  gtk_widget_queue_draw (swatch);
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : EMPTY_CELL);
  set_cell_tooltip (box, text);
}

static void
on_magnitude_cell_bind_cb (FaFlowTable              *self,
                           GtkListItem              *list_item,
                           GtkSignalListItemFactory *factory)
{
  FaFlow *flow = gtk_list_item_get_item (list_item);
  const char *magnitude = fa_flow_get_magnitude (flow);

  if (magnitude != NULL && *magnitude != '\0')
    set_cell_text (list_item, magnitude, magnitude);
  else
    set_cell_text (list_item, NULL, _("The source gives no number"));
}

static void
on_since_cell_bind_cb (FaFlowTable              *self,
                       GtkListItem              *list_item,
                       GtkSignalListItemFactory *factory)
{
  FaFlow *flow = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  text = format_date_cell (fa_flow_get_start (flow), fa_flow_get_start_precision (flow),
                           fa_flow_get_start_day (flow));
  if (text != NULL)
    tooltip = fa_month_format_date (fa_flow_get_start (flow), fa_flow_get_start_precision (flow),
                                    fa_flow_get_start_day (flow));
  set_cell_text (list_item, text, tooltip != NULL ? tooltip : _("Start not given"));
}

static void
on_until_cell_bind_cb (FaFlowTable              *self,
                       GtkListItem              *list_item,
                       GtkSignalListItemFactory *factory)
{
  FaFlow *flow = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  text = format_date_cell (fa_flow_get_end (flow), fa_flow_get_end_precision (flow),
                           fa_flow_get_end_day (flow));
  if (text != NULL)
    tooltip = fa_month_format_date (fa_flow_get_end (flow), fa_flow_get_end_precision (flow),
                                    fa_flow_get_end_day (flow));
  set_cell_text (list_item, text, tooltip != NULL ? tooltip : _("Ongoing, or end not given"));
}

static void
on_certainty_cell_bind_cb (FaFlowTable              *self,
                           GtkListItem              *list_item,
                           GtkSignalListItemFactory *factory)
{
  FaCertainty certainty = fa_flow_get_certainty (gtk_list_item_get_item (list_item));

  set_cell_text (list_item, certainty_short_label (certainty),
                 fa_details_pane_describe_certainty (certainty));
}

static void
on_map_cb (GtkWidget *widget,
           gpointer   unused)
{
  FaFlowTable *self = FA_FLOW_TABLE (widget);
  guint position = gtk_single_selection_get_selected (self->selection);

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  if (position != GTK_INVALID_LIST_POSITION)
    scroll_to_position (self, position);
}

static void
on_unmap_cb (GtkWidget *widget,
             gpointer   unused)
{
  FaFlowTable *self = FA_FLOW_TABLE (widget);

  gtk_column_view_set_model (self->column_view, NULL);
}

static void
fa_flow_table_dispose (GObject *object)
{
  FaFlowTable *self = (FaFlowTable *) object;
  GtkWidget *child;

  fa_flow_table_set_state (self, NULL);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FA_TYPE_FLOW_TABLE);
  /* The template's unnamed children (separators) are not template
   * children; unparent them too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->selected_flow);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (fa_flow_table_parent_class)->dispose (object);
}

static void
fa_flow_table_finalize (GObject *object)
{
  FaFlowTable *self = (FaFlowTable *) object;

  g_clear_pointer (&self->haystacks, g_hash_table_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->search_terms, g_strfreev);

  G_OBJECT_CLASS (fa_flow_table_parent_class)->finalize (object);
}

static void
fa_flow_table_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FaFlowTable *self = FA_FLOW_TABLE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, fa_flow_table_get_dataset (self));
      break;

    case PROP_SELECTED_FLOW:
      g_value_set_object (value, fa_flow_table_get_selected_flow (self));
      break;

    case PROP_N_VISIBLE:
      g_value_set_uint (value, fa_flow_table_get_n_visible (self));
      break;

    case PROP_SEARCH_TEXT:
      g_value_set_string (value, fa_flow_table_get_search_text (self));
      break;

    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_flow_table_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FaFlowTable *self = FA_FLOW_TABLE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      fa_flow_table_set_dataset (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_FLOW:
      fa_flow_table_set_selected_flow (self, g_value_get_object (value));
      break;

    case PROP_SEARCH_TEXT:
      fa_flow_table_set_search_text (self, g_value_get_string (value));
      break;

    case PROP_STATE:
      fa_flow_table_set_state (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_flow_table_class_init (FaFlowTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fa_flow_table_dispose;
  object_class->finalize = fa_flow_table_finalize;
  object_class->get_property = fa_flow_table_get_property;
  object_class->set_property = fa_flow_table_set_property;

  /**
   * FaFlowTable:dataset:
   *
   * The dataset whose flows are listed.
   */
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         FA_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FaFlowTable:selected-flow:
   *
   * The flow of the selected row.  Setting a flow selects its row and
   * scrolls it into view; a flow the filters hide selects nothing, and the
   * property then reads %NULL.
   */
  properties[PROP_SELECTED_FLOW] =
    g_param_spec_object ("selected-flow", NULL, NULL,
                         FA_TYPE_FLOW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FaFlowTable:n-visible:
   *
   * How many rows the filters let through.
   */
  properties[PROP_N_VISIBLE] =
    g_param_spec_uint ("n-visible", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FaFlowTable:search-text:
   *
   * The text in the search entry.
   */
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, FA_TYPE_MAP_STATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FaFlowTable::flow-activated:
   * @self: the table
   * @flow: the flow of the row
   *
   * The user activated a row, with Enter or a double click.
   */
  signals[FLOW_ACTIVATED] =
    g_signal_new ("flow-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FA_TYPE_FLOW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/fa-flow-table.ui");
  gtk_widget_class_bind_template_child (widget_class, FaFlowTable, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FaFlowTable, stack);
  gtk_widget_class_bind_template_child (widget_class, FaFlowTable, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, FaFlowTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, FaFlowTable, from_column);
  gtk_widget_class_bind_template_child (widget_class, FaFlowTable, to_column);
  gtk_widget_class_bind_template_child (widget_class, FaFlowTable, category_column);
  gtk_widget_class_bind_template_child (widget_class, FaFlowTable, magnitude_column);
  gtk_widget_class_bind_template_child (widget_class, FaFlowTable, since_column);
  gtk_widget_class_bind_template_child (widget_class, FaFlowTable, until_column);
  gtk_widget_class_bind_template_child (widget_class, FaFlowTable, certainty_column);
  gtk_widget_class_bind_template_child (widget_class, FaFlowTable, caption_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_cell_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_category_cell_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_from_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_to_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_category_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_magnitude_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_since_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_until_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_certainty_cell_bind_cb);

  gtk_widget_class_set_css_name (widget_class, "flowtable");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fa_flow_table_init (FaFlowTable *self)
{
  GtkEventController *key;
  g_autoptr(GtkCustomSorter) magnitude_sorter = NULL;
  g_autoptr(GtkCustomSorter) since_sorter = NULL;
  g_autoptr(GtkCustomSorter) until_sorter = NULL;
  g_autoptr(GtkCustomSorter) certainty_sorter = NULL;
  g_autoptr(GtkSorter) from_sorter = NULL;
  g_autoptr(GtkSorter) to_sorter = NULL;
  g_autoptr(GtkSorter) category_sorter = NULL;

  g_signal_connect (self, "notify::selected-flow", G_CALLBACK (on_selected_flow_cb), NULL);
  /* Keys hold a reference, so a reloaded flow never reuses a stale entry's address. */
  self->haystacks = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_flow, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  /* The view gets its rows while it is on screen only: GTK 4.8's list
   * views build and bind row widgets on every change of the model, mapped
   * or not, and a month of 100,000 flows changes thousands of rows (a
   * fifth of the main thread's time while the timeline played, hidden).
   * The models, the count and the selection stay current all along. */
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (on_unmap_cb), NULL);

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (on_filter_model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_selected_item_cb), self,
                           G_CONNECT_SWAPPED);

  /* Sorters live here rather than in the template: most compare values
   * (open dates, magnitude ranges) that no property expression gives. */
  from_sorter = string_sorter_new ("origin", FA_TYPE_PLACE, "name");
  to_sorter = string_sorter_new ("destination", FA_TYPE_PLACE, "name");
  category_sorter = string_sorter_new ("category", FA_TYPE_CATEGORY, "label");
  magnitude_sorter = gtk_custom_sorter_new (sort_by_magnitude, NULL, NULL);
  since_sorter = gtk_custom_sorter_new (sort_by_start, NULL, NULL);
  until_sorter = gtk_custom_sorter_new (sort_by_end, NULL, NULL);
  certainty_sorter = gtk_custom_sorter_new (sort_by_certainty, NULL, NULL);
  gtk_column_view_column_set_sorter (self->from_column, from_sorter);
  gtk_column_view_column_set_sorter (self->to_column, to_sorter);
  gtk_column_view_column_set_sorter (self->category_column, category_sorter);
  gtk_column_view_column_set_sorter (self->magnitude_column, GTK_SORTER (magnitude_sorter));
  gtk_column_view_column_set_sorter (self->since_column, GTK_SORTER (since_sorter));
  gtk_column_view_column_set_sorter (self->until_column, GTK_SORTER (until_sorter));
  gtk_column_view_column_set_sorter (self->certainty_column, GTK_SORTER (certainty_sorter));

  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);

  update_caption (self);
}

/**
 * fa_flow_table_new:
 *
 * Returns: (transfer floating): a new, empty flow table
 */
GtkWidget *
fa_flow_table_new (void)
{
  return g_object_new (FA_TYPE_FLOW_TABLE, NULL);
}

/**
 * fa_flow_table_get_dataset:
 *
 * Returns: (transfer none) (nullable): the dataset listed
 */
FaDataset *
fa_flow_table_get_dataset (FaFlowTable *self)
{
  g_return_val_if_fail (FA_IS_FLOW_TABLE (self), NULL);

  return self->dataset;
}

/**
 * fa_flow_table_set_dataset:
 * @dataset: (nullable): the dataset whose flows to list
 *
 * Lists the flows of @dataset; the selection is cleared, while the time
 * filter, hidden categories and search stay.
 */
void
fa_flow_table_set_dataset (FaFlowTable *self,
                           FaDataset   *dataset)
{
  g_return_if_fail (FA_IS_FLOW_TABLE (self));
  g_return_if_fail (dataset == NULL || FA_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_hash_table_remove_all (self->haystacks);
  g_set_object (&self->dataset, dataset);
  if (self->state == NULL)
    gtk_filter_list_model_set_model (self->filter_model,
                                     dataset != NULL ? fa_dataset_get_flows (dataset) : NULL);
  update_caption (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

/**
 * fa_flow_table_get_search_text:
 *
 * Returns: (transfer none): the search text, "" when none
 */
const char *
fa_flow_table_get_search_text (FaFlowTable *self)
{
  g_return_val_if_fail (FA_IS_FLOW_TABLE (self), NULL);

  return self->search_text != NULL ? self->search_text : "";
}

/**
 * fa_flow_table_set_search_text:
 * @text: (nullable): words every listed flow must contain
 *
 * Lists only flows whose places, category, magnitude or quote contain
 * every word of @text, ignoring case.  The search entry shows @text.
 */
void
fa_flow_table_set_search_text (FaFlowTable *self,
                               const char  *text)
{
  g_auto(GStrv) old_terms = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (FA_IS_FLOW_TABLE (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (text, fa_flow_table_get_search_text (self)) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_strdup (text);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    {
      /* Replacing the text clears it first, and GtkSearchEntry reports an
       * empty text at once: do not let that reach us half-way. */
      g_signal_handlers_block_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
      g_signal_handlers_unblock_by_func (self->search_entry, on_search_entry_search_changed_cb, self);
    }

  old_terms = g_steal_pointer (&self->search_terms);
  self->search_terms = fa_text_split_search (text);

  /* Typing on narrows; deleting widens.  Spare GTK a full refilter. */
  if (old_terms == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->search_terms == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (g_strv_length (old_terms) == g_strv_length (self->search_terms))
    {
      gboolean stricter = TRUE, looser = TRUE;

      for (guint i = 0; self->search_terms[i] != NULL; i++)
        {
          stricter &= strstr (self->search_terms[i], old_terms[i]) != NULL;
          looser &= strstr (old_terms[i], self->search_terms[i]) != NULL;
        }
      if (stricter)
        change = GTK_FILTER_CHANGE_MORE_STRICT;
      else if (looser)
        change = GTK_FILTER_CHANGE_LESS_STRICT;
    }

  gtk_filter_changed (GTK_FILTER (self->filter), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

/**
 * fa_flow_table_get_selected_flow:
 *
 * Returns: (transfer none) (nullable): the flow of the selected row
 */
FaFlow *
fa_flow_table_get_selected_flow (FaFlowTable *self)
{
  g_return_val_if_fail (FA_IS_FLOW_TABLE (self), NULL);

  return self->selected_flow;
}

/**
 * fa_flow_table_set_selected_flow:
 * @flow: (nullable): the flow to select
 *
 * Selects the row of @flow and scrolls it into view, as when the user
 * clicks its arrow on the map.  When the filters hide @flow, or @flow is
 * %NULL, no row is selected.
 */
void
fa_flow_table_set_selected_flow (FaFlowTable *self,
                                 FaFlow      *flow)
{
  GListModel *model;
  guint position = GTK_INVALID_LIST_POSITION;
  guint n_items;

  g_return_if_fail (FA_IS_FLOW_TABLE (self));
  g_return_if_fail (flow == NULL || FA_IS_FLOW (flow));

  model = G_LIST_MODEL (self->selection);
  n_items = g_list_model_get_n_items (model);
  for (guint i = 0; flow != NULL && i < n_items; i++)
    {
      g_autoptr(FaFlow) item = g_list_model_get_item (model, i);

      if (item == flow)
        {
          position = i;
          break;
        }
    }

  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    scroll_to_position (self, position);
}

/**
 * fa_flow_table_get_n_visible:
 *
 * Returns: the number of rows the filters let through
 */
guint
fa_flow_table_get_n_visible (FaFlowTable *self)
{
  g_return_val_if_fail (FA_IS_FLOW_TABLE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

/**
 * fa_flow_table_get_model:
 *
 * The rows as shown: filtered and sorted.  Tests and exports read it.
 *
 * Returns: (transfer none): a list model of #FaFlow
 */
GListModel *
fa_flow_table_get_model (FaFlowTable *self)
{
  g_return_val_if_fail (FA_IS_FLOW_TABLE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * fa_flow_table_sort_by:
 * @column_id: (nullable): "from", "to", "category", "magnitude", "since",
 *   "until" or "certainty"; %NULL restores the dataset's order
 * @direction: ascending or descending
 *
 * Sorts the rows as a click on a column header does.
 */
void
fa_flow_table_sort_by (FaFlowTable *self,
                       const char  *column_id,
                       GtkSortType  direction)
{
  static const char * const ids[] = {
    "from", "to", "category", "magnitude", "since", "until", "certainty",
  };
  GtkColumnViewColumn *columns[G_N_ELEMENTS (ids)];

  g_return_if_fail (FA_IS_FLOW_TABLE (self));

  if (column_id == NULL)
    {
      gtk_column_view_sort_by_column (self->column_view, NULL, direction);
      return;
    }

  columns[0] = self->from_column;
  columns[1] = self->to_column;
  columns[2] = self->category_column;
  columns[3] = self->magnitude_column;
  columns[4] = self->since_column;
  columns[5] = self->until_column;
  columns[6] = self->certainty_column;
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (g_str_equal (ids[i], column_id))
      {
        gtk_column_view_sort_by_column (self->column_view, columns[i], direction);
        return;
      }

  g_critical ("%s: no column \"%s\"", G_STRFUNC, column_id);
}

/**
 * fa_flow_table_focus_search:
 *
 * Moves the keyboard focus to the search entry, for a Ctrl+F shortcut.
 */
void
fa_flow_table_focus_search (FaFlowTable *self)
{
  g_return_if_fail (FA_IS_FLOW_TABLE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_state_selected_cb (FaFlowTable *self,
                      GParamSpec  *pspec,
                      FaMapState  *state)
{
  GObject *item = fa_map_state_get_selected (state);

  fa_flow_table_set_selected_flow (self, FA_IS_FLOW (item) ? FA_FLOW (item) : NULL);
}

static void
on_selected_flow_cb (FaFlowTable *self,
                     GParamSpec  *pspec,
                     gpointer     unused)
{
  GObject *item;

  if (self->state == NULL)
    return;

  /* A row chosen selects its flow; a row let go clears a flow selection,
   * but not the selection of a place or event the table does not list. */
  item = fa_map_state_get_selected (self->state);
  if (self->selected_flow != NULL)
    fa_map_state_set_selected (self->state, G_OBJECT (self->selected_flow));
  else if (FA_IS_FLOW (item))
    fa_map_state_set_selected (self->state, NULL);
}

static void
on_state_dataset_cb (FaFlowTable *self,
                     GParamSpec  *pspec,
                     FaMapState  *state)
{
  fa_flow_table_set_dataset (self, fa_map_state_get_dataset (state));
  on_state_selected_cb (self, NULL, state);
}

/**
 * fa_flow_table_get_state:
 *
 * Returns: (transfer none) (nullable): the state whose flows are listed
 */
FaMapState *
fa_flow_table_get_state (FaFlowTable *self)
{
  g_return_val_if_fail (FA_IS_FLOW_TABLE (self), NULL);

  return self->state;
}

/**
 * fa_flow_table_set_state:
 * @state: (nullable): the map state to follow
 *
 * Lists the flows the state shows, and keeps the selection of the table
 * and the state the same.
 */
void
fa_flow_table_set_state (FaFlowTable *self,
                         FaMapState  *state)
{
  g_return_if_fail (FA_IS_FLOW_TABLE (self));
  g_return_if_fail (!state || FA_IS_MAP_STATE (state));

  if (self->state == state)
    return;

  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_set_object (&self->state, state);
  if (state != NULL)
    {
      gtk_filter_list_model_set_model (self->filter_model, fa_map_state_get_visible_flows (state));
      g_signal_connect_object (state, "notify::dataset", G_CALLBACK (on_state_dataset_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (state, "notify::selected", G_CALLBACK (on_state_selected_cb), self, G_CONNECT_SWAPPED);
      on_state_dataset_cb (self, NULL, state);
    }
  else
    gtk_filter_list_model_set_model (self->filter_model,
                                     self->dataset != NULL ? fa_dataset_get_flows (self->dataset) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}
