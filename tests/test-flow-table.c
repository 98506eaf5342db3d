/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-flow-table"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "fa-category.h"
#include "fa-dataset.h"
#include "fa-details-pane.h"
#include "fa-event.h"
#include "fa-flow-table.h"
#include "fa-flow.h"
#include "fa-month.h"
#include "fa-place.h"
#include "fa-resources.h"
#include "fa-map-state.h"
#include "fa-time-filter.h"

/* Flows in the bundled dataset. */
#define N_BUNDLED_FLOWS 80

#define COMBINED_WARNING "This figure is given once for several routes together; do not add them up."

typedef struct
{
  FaDataset   *dataset;
  FaMapState  *state;
  FaFlowTable *table;
} Fixture;

static FaDataset *
load_dataset (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *geodata = g_getenv ("FLOWATLAS_GEODATA");
  FaDataset *dataset;

  g_assert_nonnull (geodata);
  path = g_build_filename (geodata, "datasets", "tip-2024-russia", NULL);
  dataset = fa_dataset_new_from_directory (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  return dataset;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dataset = load_dataset ();
  /* The table lists what a map state shows: every flow, to begin with. */
  fixture->state = fa_map_state_new ();
  fa_map_state_set_dataset (fixture->state, fixture->dataset);
  fa_map_state_set_time_filter (fixture->state, &FA_TIME_FILTER_ALL);
  fixture->table = g_object_ref_sink (FA_FLOW_TABLE (fa_flow_table_new ()));
  fa_flow_table_set_state (fixture->table, fixture->state);
  g_assert_true (fa_flow_table_get_dataset (fixture->table) == fixture->dataset);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->table);
  g_assert_finalize_object (fixture->state);
  g_assert_finalize_object (fixture->dataset);
}

static FaFlow *
find_flow (FaDataset  *dataset,
           gboolean  (*match) (FaFlow *flow))
{
  GListModel *flows = fa_dataset_get_flows (dataset);

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(FaFlow) flow = g_list_model_get_item (flows, i);

      if (match (flow))
        return flow;   /* the dataset keeps it alive */
    }

  return NULL;
}

static gboolean
model_contains (GListModel *model,
                gpointer    item)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (model, i);

      if (object == item)
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *
find_widget (GtkWidget *root,
             gboolean  (*match) (GtkWidget *widget, gconstpointer data),
             gconstpointer data)
{
  GtkWidget *child;

  if (match (root, data))
    return root;

  for (child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_column_view (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_COLUMN_VIEW (widget);
}

static gboolean
is_scrolled_window (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_SCROLLED_WINDOW (widget);
}

/* Visible itself and in every ancestor up to @top. */
static gboolean
is_shown_in (GtkWidget *widget,
             GtkWidget *top)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      if (!gtk_widget_get_visible (widget))
        return FALSE;
      if (widget == top)
        return TRUE;
    }

  return FALSE;
}

static void
wait_for_draw (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GdkFrameClock *clock;
  gint64 start;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  start = gdk_frame_clock_get_frame_counter (clock);
  while (gdk_frame_clock_get_frame_counter (clock) < start + 2 && g_get_monotonic_time () < end)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *counter)
{
  (*counter)++;
}

static void
test_all_flows (Fixture       *fixture,
                gconstpointer  data)
{
  GListModel *flows = fa_dataset_get_flows (fixture->dataset);
  g_autoptr(GtkWidget) table = NULL;
  guint n_visible = 0;

  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, N_BUNDLED_FLOWS);
  g_assert_cmpuint (fa_flow_table_get_n_visible (fixture->table), ==, N_BUNDLED_FLOWS);
  g_object_get (fixture->table, "n-visible", &n_visible, NULL);
  g_assert_cmpuint (n_visible, ==, N_BUNDLED_FLOWS);
  g_assert_cmpuint (g_list_model_get_n_items (fa_flow_table_get_model (fixture->table)), ==, N_BUNDLED_FLOWS);
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->table), is_label_with_text, G_STRINGIFY (N_BUNDLED_FLOWS) " flows"));
  g_assert_null (fa_flow_table_get_selected_flow (fixture->table));

  /* No dataset, no rows. */
  table = g_object_ref_sink (fa_flow_table_new ());
  g_assert_cmpuint (fa_flow_table_get_n_visible (FA_FLOW_TABLE (table)), ==, 0);
}

static gboolean
is_dprk_prior_to_2018 (FaFlow *flow)
{
  return strstr (fa_flow_get_id (flow), "dprk") != NULL &&
         fa_flow_get_end (flow) != FA_MONTH_NONE &&
         fa_month_get_year (fa_flow_get_end (flow)) == 2017 &&
         fa_flow_get_start (flow) == FA_MONTH_NONE;
}

static void
test_time_filter (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *rows = fa_flow_table_get_model (fixture->table);
  GListModel *flows = fa_dataset_get_flows (fixture->dataset);
  FaFlow *dprk = find_flow (fixture->dataset, is_dprk_prior_to_2018);
  FaMonth january_2022 = fa_month_from_ym (2022, 1);
  FaTimeFilter filter;
  guint n_notify = 0, n_started_2022 = 0;
  g_autofree char *caption = NULL;

  g_assert_nonnull (dprk);
  g_assert_nonnull (strstr (fa_flow_get_quote (dprk), "Prior to 2018"));

  g_signal_connect (fixture->table, "notify::n-visible", G_CALLBACK (count_notify), &n_notify);
  fa_time_filter_init_at (&filter, fa_month_from_ym (2015, 1));
  fa_map_state_set_time_filter (fixture->state, &filter);
  g_assert_cmpuint (n_notify, ==, 1);

  g_assert_cmpuint (fa_flow_table_get_n_visible (fixture->table), >, 0);
  g_assert_cmpuint (fa_flow_table_get_n_visible (fixture->table), <, N_BUNDLED_FLOWS);
  g_assert_true (model_contains (rows, dprk));

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(FaFlow) flow = g_list_model_get_item (flows, i);

      if (fa_flow_get_start (flow) != FA_MONTH_NONE && fa_flow_get_start (flow) >= january_2022)
        {
          n_started_2022++;
          g_assert_false (model_contains (rows, flow));
        }
    }
  g_assert_cmpuint (n_started_2022, >, 0);

  /* translators' plural and the caption follow the filter. */
  caption = g_strdup_printf ("%u of %u flows", fa_flow_table_get_n_visible (fixture->table), N_BUNDLED_FLOWS);
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->table), is_label_with_text, caption));

  /* Setting the same filter again changes nothing; NULL shows everything. */
  fa_map_state_set_time_filter (fixture->state, &filter);
  g_assert_cmpuint (n_notify, ==, 1);
  fa_map_state_set_time_filter (fixture->state, &FA_TIME_FILTER_ALL);
  g_assert_cmpuint (fa_flow_table_get_n_visible (fixture->table), ==, N_BUNDLED_FLOWS);
}

static gboolean
mentions (FaFlow     *flow,
          const char *folded_needle)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *folded = NULL;
  GPtrArray *via = fa_flow_get_via (flow);

  g_string_append_printf (text, "%s\n%s\n%s\n%s\n%s\n",
                          fa_place_get_name (fa_flow_get_origin (flow)),
                          fa_place_get_name (fa_flow_get_destination (flow)),
                          fa_flow_get_category (flow) ? fa_category_get_label (fa_flow_get_category (flow)) : "",
                          fa_flow_get_magnitude (flow) ? fa_flow_get_magnitude (flow) : "",
                          fa_flow_get_quote (flow) ? fa_flow_get_quote (flow) : "");
  for (guint i = 0; via != NULL && i < via->len; i++)
    g_string_append (text, fa_place_get_name (g_ptr_array_index (via, i)));
  folded = g_utf8_casefold (text->str, -1);

  return strstr (folded, folded_needle) != NULL;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *rows = fa_flow_table_get_model (fixture->table);
  guint n_belarus, n_notify = 0;

  g_signal_connect (fixture->table, "notify::search-text", G_CALLBACK (count_notify), &n_notify);
  fa_flow_table_set_search_text (fixture->table, "Belarus");
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpstr (fa_flow_table_get_search_text (fixture->table), ==, "Belarus");

  n_belarus = fa_flow_table_get_n_visible (fixture->table);
  g_assert_cmpuint (n_belarus, >, 0);
  g_assert_cmpuint (n_belarus, <, N_BUNDLED_FLOWS);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(FaFlow) flow = g_list_model_get_item (rows, i);

      g_assert_true (mentions (flow, "belarus"));
    }

  /* Case-insensitive, and every word must match. */
  fa_flow_table_set_search_text (fixture->table, "bELARUS");
  g_assert_cmpuint (fa_flow_table_get_n_visible (fixture->table), ==, n_belarus);
  fa_flow_table_set_search_text (fixture->table, "belarus  recreational");
  g_assert_cmpuint (fa_flow_table_get_n_visible (fixture->table), >, 0);
  g_assert_cmpuint (fa_flow_table_get_n_visible (fixture->table), <, n_belarus);

  /* A straight apostrophe finds the quotes' typographic one. */
  fa_flow_table_set_search_text (fixture->table, "Russia's full-scale invasion");
  g_assert_cmpuint (fa_flow_table_get_n_visible (fixture->table), >, 0);

  fa_flow_table_set_search_text (fixture->table, "no flow says this");
  g_assert_cmpuint (fa_flow_table_get_n_visible (fixture->table), ==, 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->table), is_label_with_text, "0 of " G_STRINGIFY (N_BUNDLED_FLOWS) " flows"));

  fa_flow_table_set_search_text (fixture->table, "");
  g_assert_cmpuint (fa_flow_table_get_n_visible (fixture->table), ==, N_BUNDLED_FLOWS);
}

static void
test_categories (Fixture       *fixture,
                 gconstpointer  data)
{
  GListModel *rows = fa_flow_table_get_model (fixture->table);

  g_assert_true (fa_map_state_get_category_visible (fixture->state, "dprk-labour"));
  fa_map_state_set_category_visible (fixture->state, "dprk-labour", FALSE);
  g_assert_false (fa_map_state_get_category_visible (fixture->state, "dprk-labour"));
  g_assert_cmpuint (fa_flow_table_get_n_visible (fixture->table), <, N_BUNDLED_FLOWS);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(FaFlow) flow = g_list_model_get_item (rows, i);

      g_assert_cmpstr (fa_category_get_id (fa_flow_get_category (flow)), !=, "dprk-labour");
    }

  fa_map_state_set_category_visible (fixture->state, "dprk-labour", TRUE);
  g_assert_cmpuint (fa_flow_table_get_n_visible (fixture->table), ==, N_BUNDLED_FLOWS);
}

static void
test_selected_flow (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (fa_flow_table_get_model (fixture->table));
  /* Starts February 2022: hidden at January 2015. */
  FaFlow *flow = fa_dataset_lookup_flow (fixture->dataset, "civilians-occupied-ru");
  FaTimeFilter filter;
  FaFlow *selected = NULL;
  guint n_notify = 0;

  g_assert_nonnull (flow);
  g_signal_connect (fixture->table, "notify::selected-flow", G_CALLBACK (count_notify), &n_notify);

  g_object_set (fixture->table, "selected-flow", flow, NULL);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) flow);
  g_object_get (fixture->table, "selected-flow", &selected, NULL);
  g_assert_true (selected == flow);
  g_clear_object (&selected);

  /* The row stays selected however the table is sorted. */
  fa_flow_table_sort_by (fixture->table, "to", GTK_SORT_DESCENDING);
  g_assert_true (fa_flow_table_get_selected_flow (fixture->table) == flow);
  fa_flow_table_set_selected_flow (fixture->table, NULL);
  g_assert_null (fa_flow_table_get_selected_flow (fixture->table));
  fa_flow_table_set_selected_flow (fixture->table, flow);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) flow);

  /* A flow the filters hide cannot be selected. */
  fa_time_filter_init_at (&filter, fa_month_from_ym (2015, 1));
  fa_map_state_set_time_filter (fixture->state, &filter);
  g_assert_null (fa_flow_table_get_selected_flow (fixture->table));
  g_assert_null (fa_map_state_get_selected (fixture->state));
  fa_flow_table_set_selected_flow (fixture->table, flow);
  g_assert_null (fa_flow_table_get_selected_flow (fixture->table));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
}

static void
magnitude_keys (FaFlow *flow,
                gint64 *low,
                gint64 *high)
{
  gint64 count = fa_flow_get_count (flow);

  *low = fa_flow_get_count_low (flow) >= 0 ? fa_flow_get_count_low (flow) : count;
  *high = fa_flow_get_count_high (flow) >= 0 ? fa_flow_get_count_high (flow)
        : fa_flow_get_count_low (flow) >= 0 ? G_MAXINT64 : count;
}

static void
test_sort_magnitude (Fixture       *fixture,
                     gconstpointer  data)
{
  GListModel *rows = fa_flow_table_get_model (fixture->table);
  gint64 previous_low = G_MININT64, previous_high = G_MININT64;
  g_autoptr(FaFlow) first = NULL;
  g_autoptr(FaFlow) last = NULL;

  fa_flow_table_sort_by (fixture->table, "magnitude", GTK_SORT_ASCENDING);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_BUNDLED_FLOWS);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(FaFlow) flow = g_list_model_get_item (rows, i);
      gint64 low, high;

      magnitude_keys (flow, &low, &high);
      g_assert_cmpint (low, >=, previous_low);
      if (low == previous_low)
        g_assert_cmpint (high, >=, previous_high);
      previous_low = low;
      previous_high = high;
    }

  /* "more than two million" is the largest; flows without a number come first. */
  last = g_list_model_get_item (rows, N_BUNDLED_FLOWS - 1);
  g_assert_cmpint (fa_flow_get_count_low (last), ==, 2000000);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpint (fa_flow_get_count (first), ==, -1);
  g_assert_cmpint (fa_flow_get_count_low (first), ==, -1);

  fa_flow_table_sort_by (fixture->table, "magnitude", GTK_SORT_DESCENDING);
  g_clear_object (&first);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpint (fa_flow_get_count_low (first), ==, 2000000);

  /* Every column sorts without complaint. */
  fa_flow_table_sort_by (fixture->table, "from", GTK_SORT_ASCENDING);
  fa_flow_table_sort_by (fixture->table, "category", GTK_SORT_ASCENDING);
  fa_flow_table_sort_by (fixture->table, "since", GTK_SORT_ASCENDING);
  fa_flow_table_sort_by (fixture->table, "until", GTK_SORT_DESCENDING);
  fa_flow_table_sort_by (fixture->table, "certainty", GTK_SORT_ASCENDING);
  fa_flow_table_sort_by (fixture->table, NULL, GTK_SORT_ASCENDING);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_BUNDLED_FLOWS);
}

static void
on_flow_activated (FaFlowTable *table,
                   FaFlow      *flow,
                   FaFlow     **out)
{
  g_set_object (out, flow);
}

static void
test_in_window (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *column_view, *scrolled;
  GtkAdjustment *vadjustment;
  GListModel *rows = fa_flow_table_get_model (fixture->table);
  g_autoptr(FaFlow) first = g_list_model_get_item (rows, 0);
  g_autoptr(FaFlow) last = g_list_model_get_item (rows, N_BUNDLED_FLOWS - 1);
  g_autoptr(FaFlow) activated = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (fixture->table));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (window);

  /* The cells show the flows. */
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->table), is_label_with_text,
                                 fa_place_get_name (fa_flow_get_origin (first))));

  /* Selecting the last row from outside scrolls to it. */
  scrolled = find_widget (GTK_WIDGET (fixture->table), is_scrolled_window, NULL);
  g_assert_nonnull (scrolled);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0.0);
  fa_flow_table_set_selected_flow (fixture->table, last);
  wait_for_draw (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >=,
                     gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment) - 1);

  column_view = find_widget (GTK_WIDGET (fixture->table), is_column_view, NULL);
  g_assert_nonnull (column_view);
  g_signal_connect (fixture->table, "flow-activated", G_CALLBACK (on_flow_activated), &activated);
  g_signal_emit_by_name (column_view, "activate", 0);
  g_assert_true (activated == first);

  gtk_window_set_child (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_combined (FaFlow *flow)
{
  return fa_flow_get_combined (flow) != NULL && fa_flow_get_quote (flow) != NULL;
}

static gboolean
is_not_combined (FaFlow *flow)
{
  return fa_flow_get_combined (flow) == NULL && fa_flow_get_quote (flow) != NULL;
}

static void
test_details_flow (void)
{
  g_autoptr(FaDataset) dataset = load_dataset ();
  g_autoptr(GtkWidget) pane = g_object_ref_sink (fa_details_pane_new ());
  FaFlow *combined = find_flow (dataset, is_combined);
  FaFlow *single = find_flow (dataset, is_not_combined);
  GtkWidget *label;
  guint n_notify = 0;

  g_assert_nonnull (combined);
  g_assert_nonnull (single);
  g_signal_connect (pane, "notify::item", G_CALLBACK (count_notify), &n_notify);

  fa_details_pane_set_dataset (FA_DETAILS_PANE (pane), dataset);
  g_object_set (pane, "item", combined, NULL);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_true (fa_details_pane_get_item (FA_DETAILS_PANE (pane)) == G_OBJECT (combined));

  /* The quote, verbatim and selectable. */
  label = find_widget (pane, is_label_with_text, fa_flow_get_quote (combined));
  g_assert_nonnull (label);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));
  g_assert_true (is_shown_in (label, pane));

  /* The combined figure carries its warning. */
  label = find_widget (pane, is_label_with_text, COMBINED_WARNING);
  g_assert_nonnull (label);
  g_assert_true (is_shown_in (label, pane));

  /* The magnitude in the source's words. */
  g_assert_nonnull (find_widget (pane, is_label_with_text, fa_flow_get_magnitude (combined)));

  fa_details_pane_set_item (FA_DETAILS_PANE (pane), G_OBJECT (single));
  g_assert_nonnull (find_widget (pane, is_label_with_text, fa_flow_get_quote (single)));
  label = find_widget (pane, is_label_with_text, COMBINED_WARNING);
  g_assert_false (is_shown_in (label, pane));

  fa_details_pane_set_item (FA_DETAILS_PANE (pane), NULL);
  g_assert_null (fa_details_pane_get_item (FA_DETAILS_PANE (pane)));
}

/* Copy Quote with Citation: the quote verbatim, the report's title and
 * where in it; Copy as Table Row: a line of headings over a line of
 * values, as many of each, with the quote among them. */
static void
test_details_copy (void)
{
  g_autoptr(FaDataset) dataset = load_dataset ();
  g_autoptr(GtkWidget) pane = g_object_ref_sink (fa_details_pane_new ());
  FaFlow *flow = find_flow (dataset, is_not_combined);
  g_autofree char *quote = NULL;
  g_autofree char *row = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) headings = NULL;
  g_auto(GStrv) values = NULL;

  fa_details_pane_set_dataset (FA_DETAILS_PANE (pane), dataset);
  g_assert_null (fa_details_pane_dup_quote (FA_DETAILS_PANE (pane)));
  g_assert_null (fa_details_pane_dup_row (FA_DETAILS_PANE (pane)));

  fa_details_pane_set_item (FA_DETAILS_PANE (pane), G_OBJECT (flow));
  quote = fa_details_pane_dup_quote (FA_DETAILS_PANE (pane));
  expected = g_strdup_printf ("“%s”\n— %s, %s", fa_flow_get_quote (flow),
                              fa_dataset_get_title (dataset), fa_flow_get_source (flow));
  g_assert_cmpstr (quote, ==, expected);

  row = fa_details_pane_dup_row (FA_DETAILS_PANE (pane));
  lines = g_strsplit (row, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");
  headings = g_strsplit (lines[0], "\t", -1);
  values = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpuint (g_strv_length (headings), ==, g_strv_length (values));
  g_assert_cmpstr (headings[0], ==, "Flow");
  g_assert_true (g_strv_contains ((const char * const *) headings, "Category"));
  g_assert_true (g_strv_contains ((const char * const *) headings, "Magnitude as Stated"));
  g_assert_true (g_strv_contains ((const char * const *) values,
                                  fa_category_get_label (fa_flow_get_category (flow))));
  g_assert_true (g_strv_contains ((const char * const *) values, fa_flow_get_quote (flow)));
  g_assert_true (g_str_has_prefix (values[0], fa_place_get_name (fa_flow_get_origin (flow))));

  fa_details_pane_set_item (FA_DETAILS_PANE (pane), NULL);
  g_assert_null (fa_details_pane_dup_quote (FA_DETAILS_PANE (pane)));
  g_assert_null (fa_details_pane_dup_row (FA_DETAILS_PANE (pane)));
}

static gboolean
is_repatriated_at_least_200 (FaFlow *flow)
{
  return g_str_equal (fa_flow_get_id (flow), "dprk-repatriated-2023-08");
}

static gboolean
is_civilians_occupied_by (FaFlow *flow)
{
  return g_str_equal (fa_flow_get_id (flow), "civilians-occupied-by");
}

static void
test_details_wording (void)
{
  g_autoptr(FaDataset) dataset = load_dataset ();
  g_autoptr(GtkWidget) pane = g_object_ref_sink (fa_details_pane_new ());
  FaFlow *flow;

  fa_details_pane_set_dataset (FA_DETAILS_PANE (pane), dataset);

  /* Heading, route, open-ended span, plain-words certainty, the range behind the words. */
  flow = find_flow (dataset, is_civilians_occupied_by);
  g_assert_nonnull (flow);
  fa_details_pane_set_item (FA_DETAILS_PANE (pane), G_OBJECT (flow));
  g_assert_nonnull (find_widget (pane, is_label_with_text, "Russia-occupied territory in Ukraine → Belarus"));
  g_assert_nonnull (find_widget (pane, is_label_with_text, "via Filtration detention centers (occupied Ukraine)"));
  g_assert_nonnull (find_widget (pane, is_label_with_text, "February 2022 – ongoing"));
  g_assert_nonnull (find_widget (pane, is_label_with_text, "Reported by media, observers or NGOs"));
  {
    /* Grouped as the map's language groups digits (fa_count_format()):
     * "200,000" in C and en_US.UTF-8, "200.000" in a German locale. */
    g_autofree char *low = fa_count_format (200000);
    g_autofree char *high = fa_count_format (999999);
    g_autofree char *range = g_strdup_printf ("%s – %s", low, high);

    g_test_message ("range: %s", range);
    g_assert_nonnull (find_widget (pane, is_label_with_text, range));
  }
  g_assert_nonnull (find_widget (pane, is_label_with_text, "Source: Trafficking in Persons Report 2024: Russia, Prosecution, para. 3"));

  /* "at least 200" already says its number: no second line. */
  flow = find_flow (dataset, is_repatriated_at_least_200);
  fa_details_pane_set_item (FA_DETAILS_PANE (pane), G_OBJECT (flow));
  g_assert_nonnull (find_widget (pane, is_label_with_text, "at least 200"));
  g_assert_nonnull (find_widget (pane, is_label_with_text, "August 2023"));

  /* "4,723 in 2022" already gives its number. */
  fa_details_pane_set_item (FA_DETAILS_PANE (pane),
                            G_OBJECT (fa_dataset_lookup_flow (dataset, "dprk-visas-2022")));
  g_assert_nonnull (find_widget (pane, is_label_with_text, "4,723 in 2022"));
  g_assert_null (find_widget (pane, is_label_with_text, "4723"));
  g_assert_nonnull (find_widget (pane, is_label_with_text, "Reported by the government or authorities"));

  flow = find_flow (dataset, is_dprk_prior_to_2018);
  fa_details_pane_set_item (FA_DETAILS_PANE (pane), G_OBJECT (flow));
  g_assert_nonnull (find_widget (pane, is_label_with_text, "until 2017"));
}

static void
test_details_event_and_place (void)
{
  g_autoptr(FaDataset) dataset = load_dataset ();
  g_autoptr(GtkWidget) pane = g_object_ref_sink (fa_details_pane_new ());
  FaEvent *event = fa_dataset_lookup_event (dataset, "martial-law-2022-10");
  FaPlace *place = fa_dataset_lookup_place (dataset, "by");
  GtkWidget *label;

  fa_details_pane_set_dataset (FA_DETAILS_PANE (pane), dataset);

  g_assert_nonnull (event);
  fa_details_pane_set_item (FA_DETAILS_PANE (pane), G_OBJECT (event));
  g_assert_nonnull (find_widget (pane, is_label_with_text, fa_event_get_title (event)));
  g_assert_nonnull (find_widget (pane, is_label_with_text, "October 2022"));
  label = find_widget (pane, is_label_with_text, fa_event_get_quote (event));
  g_assert_nonnull (label);
  g_assert_true (is_shown_in (label, pane));

  g_assert_nonnull (place);
  fa_details_pane_set_item (FA_DETAILS_PANE (pane), G_OBJECT (place));
  g_assert_nonnull (find_widget (pane, is_label_with_text, "Belarus"));
  g_assert_nonnull (find_widget (pane, is_label_with_text, "Country"));
  /* Its flows are counted from the dataset. */
  label = find_widget (pane, is_label_with_text, "Flows");
  g_assert_nonnull (label);
  label = gtk_widget_get_next_sibling (label);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "flows end here"));
}

static void
on_close_requested (GtkWidget *pane,
                    guint     *counter)
{
  (*counter)++;
}

static gboolean
is_close_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0;
}

static void
test_details_close (void)
{
  g_autoptr(GtkWidget) pane = g_object_ref_sink (fa_details_pane_new ());
  GtkWidget *button = find_widget (pane, is_close_button, NULL);
  guint n_closed = 0;

  g_assert_nonnull (button);
  g_signal_connect (pane, "close-requested", G_CALLBACK (on_close_requested), &n_closed);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (n_closed, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (fa_get_resource ());

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fa/flow-table/all-flows", test_all_flows);
  ADD ("/fa/flow-table/time-filter", test_time_filter);
  ADD ("/fa/flow-table/search", test_search);
  ADD ("/fa/flow-table/categories", test_categories);
  ADD ("/fa/flow-table/selected-flow", test_selected_flow);
  ADD ("/fa/flow-table/sort-magnitude", test_sort_magnitude);
  ADD ("/fa/flow-table/in-window", test_in_window);
#undef ADD
  g_test_add_func ("/fa/details-pane/flow", test_details_flow);
  g_test_add_func ("/fa/details-pane/wording", test_details_wording);
  g_test_add_func ("/fa/details-pane/event-and-place", test_details_event_and_place);
  g_test_add_func ("/fa/details-pane/close", test_details_close);
  g_test_add_func ("/fa/details-pane/copy", test_details_copy);

  return g_test_run ();
}
