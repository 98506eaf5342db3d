/* fa-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fa-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fa-application.h"
#include "fa-basemap-layer.h"
#include "fa-category.h"
#include "fa-cli.h"
#include "fa-data-error.h"
#include "fa-data-problem.h"
#include "fa-dataset.h"
#include "fa-details-pane.h"
#include "fa-flow-layer.h"
#include "fa-flow-table.h"
#include "fa-flow.h"
#include "fa-place.h"
#include "fa-timeline.h"
#include "fa-export.h"
#include "fa-geodata.h"
#include "fa-map-view.h"
#include "fa-projection.h"
#include "fa-renderer.h"
#include "fa-shape-layer.h"
#include "fa-window.h"

struct _FaWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;       /* owned */
  FaGeodata            *geodata;        /* owned */
  FaRenderer           *renderer;       /* owned */
  GListStore           *user_layers;    /* FaShapeLayer, in the order added */
  GListStore           *sidebar_layers; /* FaMapLayer: what the sidebar lists */
  guint                 n_layers_added;
  GtkFileChooserNative *chooser;        /* owned while open */
  FaDataset            *dataset;        /* owned, nullable */
  FaFlowLayer          *flows;          /* borrowed from the renderer */
  GFileMonitor         *monitor;        /* owned: live reload */
  guint                 reload_id;
  GError               *reload_error;   /* owned: the last failed reload */
  gboolean              restoring;      /* applying saved settings */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwFlap              *flap;
  GtkListBox           *layer_list;
  FaMapView            *map_view;
  GtkLabel             *status_label;
  GtkListBox           *category_list;
  AdwFlap              *details_flap;
  FaFlowTable          *flow_table;
  FaDetailsPane        *details_pane;
  FaTimeline           *timeline;
  GMenu                *recent_menu;
};

G_DEFINE_FINAL_TYPE (FaWindow, fa_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_error_dialog (FaWindow   *self,
                   const char *heading,
                   const char *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}


static void update_time_filter (FaWindow *self);
static void rebuild_category_list (FaWindow *self);

/* Category visibility lives in GSettings ("hidden-categories"), so that it
 * survives a restart and a dataset reload. */
static void
apply_category_visibility (FaWindow *self)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-categories");
  GListModel *categories;

  if (self->dataset == NULL)
    return;

  categories = fa_dataset_get_categories (self->dataset);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(FaCategory) category = g_list_model_get_item (categories, i);
      const char *id = fa_category_get_id (category);
      gboolean visible = !g_strv_contains ((const char * const *) hidden, id);

      if (self->flows != NULL)
        fa_flow_layer_set_category_visible (self->flows, id, visible);
      fa_flow_table_set_category_visible (self->flow_table, id, visible);
    }
}

static void
set_category_visible (FaWindow   *self,
                      const char *id,
                      gboolean    visible)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-categories");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; hidden[i] != NULL; i++)
    if (!g_str_equal (hidden[i], id))
      g_strv_builder_add (builder, hidden[i]);
  if (!visible)
    g_strv_builder_add (builder, id);
  result = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "hidden-categories", (const char * const *) result);
}

static void
on_category_toggled_cb (GtkCheckButton *check,
                        FaWindow       *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "fa-category-id");

  set_category_visible (self, id, gtk_check_button_get_active (check));
}

static void
draw_swatch_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        data)
{
  guint32 rgb = GPOINTER_TO_UINT (data);

  cairo_rectangle (cr, 1, height / 2.0 - 3, width - 2, 6);
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_fill (cr);
}

static void
rebuild_category_list (FaWindow *self)
{
  GtkWidget *child;
  GListModel *categories, *flows;
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-categories");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->category_list))) != NULL)
    gtk_list_box_remove (self->category_list, child);

  if (self->dataset == NULL)
    return;

  flows = fa_dataset_get_flows (self->dataset);
  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(FaFlow) flow = g_list_model_get_item (flows, i);
      FaCategory *category = fa_flow_get_category (flow);

      g_hash_table_insert (counts, category,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, category)) + 1));
    }

  categories = fa_dataset_get_categories (self->dataset);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(FaCategory) category = g_list_model_get_item (categories, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, category));
      GtkWidget *row, *check, *swatch;
      g_autofree char *subtitle = NULL;

      if (count == 0)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fa_category_get_label (category));
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u flow", "%u flows", count), count);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_tooltip_text (row, fa_category_get_description (category));

      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   !g_strv_contains ((const char * const *) hidden, fa_category_get_id (category)));
      g_object_set_data_full (G_OBJECT (check), "fa-category-id",
                              g_strdup (fa_category_get_id (category)), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_category_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

      swatch = gtk_drawing_area_new ();
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 22);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 16);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch_cb,
                                      GUINT_TO_POINTER (fa_category_get_color (category)), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), swatch);

      gtk_list_box_append (self->category_list, row);
    }
}

static void
on_hidden_categories_changed_cb (FaWindow   *self,
                                 const char *key,
                                 GSettings  *settings)
{
  g_auto(GStrv) hidden = g_settings_get_strv (settings, "hidden-categories");
  GtkWidget *row;

  apply_category_visibility (self);

  /* Keep the check boxes in step (presets change many at once). */
  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->category_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
      const char *id = check ? g_object_get_data (G_OBJECT (check), "fa-category-id") : NULL;

      if (id != NULL)
        {
          g_signal_handlers_block_by_func (check, on_category_toggled_cb, self);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       !g_strv_contains ((const char * const *) hidden, id));
          g_signal_handlers_unblock_by_func (check, on_category_toggled_cb, self);
        }
    }
}

/* Frames the places that the flows shown connect, so that a preset opens
 * on its story; the legend's corner is kept clear. */
static void
zoom_to_flows (FaWindow *self)
{
  GListModel *flows;
  FaRect rect = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  FaTimeFilter filter;
  guint n_points = 0;
  double min_size;

  if (self->dataset == NULL || self->flows == NULL)
    return;

  fa_timeline_get_filter (self->timeline, &filter);
  flows = fa_dataset_get_flows (self->dataset);
  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(FaFlow) flow = g_list_model_get_item (flows, i);
      FaPlace *ends[2] = { fa_flow_get_origin (flow), fa_flow_get_destination (flow) };

      if (!fa_flow_layer_flow_is_shown (self->flows, flow, &filter))
        continue;
      for (guint e = 0; e < 2; e++)
        {
          double x, y;

          if (!fa_flow_layer_get_place_point (self->flows, ends[e], &x, &y))
            continue;
          rect.x1 = MIN (rect.x1, x);
          rect.y1 = MIN (rect.y1, y);
          rect.x2 = MAX (rect.x2, x);
          rect.y2 = MAX (rect.y2, y);
          n_points++;
        }
    }
  if (n_points < 2)
    return;

  /* Never closer than about 1,500 km across (in map units: metres, or
   * degrees in plate carrée). */
  min_size = fa_projection_is_geographic (fa_renderer_get_projection (self->renderer)) ? 14 : 1.5e6;
  if (rect.x2 - rect.x1 < min_size)
    {
      double c = (rect.x1 + rect.x2) / 2;

      rect.x1 = c - min_size / 2;
      rect.x2 = c + min_size / 2;
    }
  if (rect.y2 - rect.y1 < min_size)
    {
      double c = (rect.y1 + rect.y2) / 2;

      rect.y1 = c - min_size / 2;
      rect.y2 = c + min_size / 2;
    }
  /* Room on the right for the legend, at the top for the title. */
  rect.x2 += (rect.x2 - rect.x1) * 0.45;
  rect.y2 += (rect.y2 - rect.y1) * 0.2;
  fa_map_view_fit_rect (self->map_view, &rect, 48);
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);
  const char *preset = g_variant_get_string (parameter, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) visible = NULL;
  g_auto(GStrv) hidden = NULL;
  GListModel *categories;

  if (self->dataset == NULL)
    return;

  /* The presets are those of --show; "all" hides nothing. */
  if (!g_str_equal (preset, "all"))
    {
      visible = fa_cli_parse_show (self->dataset, preset, NULL);
      if (visible == NULL)
        return;
    }

  categories = fa_dataset_get_categories (self->dataset);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(FaCategory) category = g_list_model_get_item (categories, i);

      if (visible != NULL && !g_hash_table_contains (visible, fa_category_get_id (category)))
        g_strv_builder_add (builder, fa_category_get_id (category));
    }
  hidden = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "hidden-categories", (const char * const *) hidden);
  zoom_to_flows (self);
}

static void
show_item (FaWindow *self,
           GObject  *item)
{
  FaFlow *flow = FA_IS_FLOW (item) ? FA_FLOW (item) : NULL;

  if (self->flows != NULL)
    fa_flow_layer_set_selected_flow (self->flows, flow);
  if (flow != NULL || item == NULL)
    fa_flow_table_set_selected_flow (self->flow_table, flow);
  fa_details_pane_set_item (self->details_pane, item);
  gtk_widget_set_visible (GTK_WIDGET (self->details_pane), item != NULL);
  if (item != NULL)
    adw_flap_set_reveal_flap (self->details_flap, TRUE);
}

static void
on_map_item_activated_cb (FaWindow  *self,
                          GObject   *item,
                          FaMapView *map_view)
{
  show_item (self, item);
}

static void
on_table_selected_flow_cb (FaWindow    *self,
                           GParamSpec  *pspec,
                           FaFlowTable *table)
{
  FaFlow *flow = fa_flow_table_get_selected_flow (table);

  if (self->flows != NULL && fa_flow_layer_get_selected_flow (self->flows) == flow)
    return;
  if (self->flows != NULL)
    fa_flow_layer_set_selected_flow (self->flows, flow);
  if (flow != NULL)
    {
      fa_details_pane_set_item (self->details_pane, G_OBJECT (flow));
      gtk_widget_set_visible (GTK_WIDGET (self->details_pane), TRUE);
    }
}

static void
on_details_close_requested_cb (FaWindow      *self,
                               FaDetailsPane *pane)
{
  show_item (self, NULL);
}

static void
update_time_filter (FaWindow *self)
{
  FaTimeFilter filter;

  if (self->dataset == NULL)
    return;

  fa_timeline_get_filter (self->timeline, &filter);
  fa_map_view_set_time_filter (self->map_view, &filter);
  fa_flow_table_set_time_filter (self->flow_table, &filter);

  if (!self->restoring)
    {
      const char *mode = filter.mode == FA_TIME_MODE_CUMULATIVE ? "cumulative"
                         : filter.mode == FA_TIME_MODE_WINDOW ? "window" : "at";

      g_settings_set_int (self->settings, "month", fa_timeline_get_month (self->timeline));
      g_settings_set_int (self->settings, "window-from", fa_timeline_get_from (self->timeline));
      g_settings_set_string (self->settings, "time-mode", mode);
    }
}

static void
on_timeline_changed_cb (FaWindow   *self,
                        GParamSpec *pspec,
                        FaTimeline *timeline)
{
  update_time_filter (self);
}

static void
on_timeline_position_cb (FaWindow   *self,
                         GParamSpec *pspec,
                         FaTimeline *timeline)
{
  if (self->flows != NULL)
    fa_flow_layer_set_fade_position (self->flows, fa_timeline_get_playing (timeline)
                                                  ? fa_timeline_get_position (timeline) : -1);
}

static void
on_timeline_event_activated_cb (FaWindow   *self,
                                FaEvent    *event,
                                FaTimeline *timeline)
{
  show_item (self, G_OBJECT (event));
}

static void
restore_time (FaWindow *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, "time-mode");
  int month = g_settings_get_int (self->settings, "month");
  int from = g_settings_get_int (self->settings, "window-from");

  self->restoring = TRUE;
  fa_timeline_set_month (self->timeline, month > 0 ? month : fa_dataset_get_last_month (self->dataset));
  fa_timeline_set_from (self->timeline, from > 0 ? from : fa_dataset_get_first_month (self->dataset));
  fa_timeline_set_mode (self->timeline, g_str_equal (mode, "cumulative") ? FA_TIME_MODE_CUMULATIVE
                                        : g_str_equal (mode, "window") ? FA_TIME_MODE_WINDOW
                                        : FA_TIME_MODE_AT);
  self->restoring = FALSE;
  update_time_filter (self);
}

/* Puts @dataset on the map, the timeline, the table and the sidebar. */
static void
apply_dataset (FaWindow  *self,
               FaDataset *dataset)
{
  FaFlow *selected = self->flows ? fa_flow_layer_get_selected_flow (self->flows) : NULL;
  g_autofree char *selected_id = selected ? g_strdup (fa_flow_get_id (selected)) : NULL;
  gboolean same_folder = self->dataset != NULL &&
                         g_strcmp0 (fa_dataset_get_directory (self->dataset), fa_dataset_get_directory (dataset)) == 0;
  FaMonth month = fa_timeline_get_month (self->timeline);

  g_set_object (&self->dataset, dataset);
  self->flows = self->renderer ? fa_renderer_set_dataset (self->renderer, dataset) : NULL;
  if (self->flows != NULL)
    g_settings_bind (self->settings, "rescale-widths", self->flows, "rescale", G_SETTINGS_BIND_GET);

  fa_flow_table_set_dataset (self->flow_table, dataset);
  fa_details_pane_set_dataset (self->details_pane, dataset);
  /* The timeline clamps its month to the new range: that is no choice of
   * the user's to remember. */
  self->restoring = TRUE;
  fa_timeline_set_dataset (self->timeline, dataset);
  self->restoring = FALSE;
  apply_category_visibility (self);
  rebuild_category_list (self);
  adw_window_title_set_title (self->window_title, fa_dataset_get_title (dataset));

  if (same_folder)
    {
      /* A reload keeps the month and the selection. */
      fa_timeline_set_month (self->timeline, month);
      update_time_filter (self);
      if (selected_id != NULL)
        show_item (self, (GObject *) fa_dataset_lookup_flow (dataset, selected_id));
    }
  else
    {
      restore_time (self);
      show_item (self, NULL);
      /* Another dataset: show where its flows are (a view saved from the
       * last session, applied after this at start-up, still wins). */
      zoom_to_flows (self);
    }

  /* A newcomer sees one story first, not every flow at once. */
  if (g_settings_get_boolean (self->settings, "first-run"))
    {
      g_settings_set_boolean (self->settings, "first-run", FALSE);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.preset", "s", "relocation");
    }
}

static void
remember_recent (FaWindow   *self,
                 const char *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-datasets");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < 6; i++)
    if (!g_str_equal (recent[i], path))
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  result = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-datasets", (const char * const *) result);
}

static void
rebuild_recent_menu (FaWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-datasets");

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_menu, item);
    }
}

static void
on_recent_changed_cb (FaWindow   *self,
                      const char *key,
                      GSettings  *settings)
{
  rebuild_recent_menu (self);
}

static void
on_show_problems_cb (AdwToast *toast,
                     FaWindow *self)
{
  if (self->reload_error != NULL)
    show_error_dialog (self, _("Problems in the Dataset"), self->reload_error->message);
}

static gboolean
reload_cb (gpointer data)
{
  FaWindow *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FaDataset) dataset = NULL;

  self->reload_id = 0;
  if (self->dataset == NULL)
    return G_SOURCE_REMOVE;

  /* A new dataset replaces the current one only if it loads cleanly. */
  dataset = fa_dataset_new_from_directory (fa_dataset_get_directory (self->dataset), self->geodata, &error);
  if (dataset == NULL)
    {
      AdwToast *toast = adw_toast_new (_("The dataset has errors; the map shows its last good version"));

      g_clear_error (&self->reload_error);
      self->reload_error = g_steal_pointer (&error);
      adw_toast_set_button_label (toast, _("Show Problems"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_show_problems_cb), self, 0);
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return G_SOURCE_REMOVE;
    }

  g_clear_error (&self->reload_error);
  apply_dataset (self, dataset);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Dataset reloaded")));
  return G_SOURCE_REMOVE;
}

static void
on_monitor_changed_cb (FaWindow          *self,
                       GFile             *file,
                       GFile             *other,
                       GFileMonitorEvent  event,
                       GFileMonitor      *monitor)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;

  /* Spreadsheets save in several steps: wait for them to settle. */
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (300, reload_cb, self);
}

/**
 * fa_window_open_dataset:
 * @path: a dataset folder
 *
 * Loads @path and shows it.  On error the dataset shown stays as it was.
 */
gboolean
fa_window_open_dataset (FaWindow    *self,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(FaDataset) dataset = NULL;
  g_autoptr(GFile) dir = NULL;

  g_return_val_if_fail (FA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  dataset = fa_dataset_new_from_directory (path, self->geodata, error);
  if (dataset == NULL)
    return FALSE;

  apply_dataset (self, dataset);

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  dir = g_file_new_for_path (fa_dataset_get_directory (dataset));
  self->monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->monitor != NULL)
    {
      g_file_monitor_set_rate_limit (self->monitor, 200);
      g_signal_connect_object (self->monitor, "changed", G_CALLBACK (on_monitor_changed_cb), self, G_CONNECT_SWAPPED);
    }

  {
    g_autofree char *bundled = fa_cli_dup_default_dataset ();
    gboolean is_bundled = g_strcmp0 (bundled, path) == 0;

    g_settings_set_string (self->settings, "dataset", is_bundled ? "" : path);
    if (!is_bundled)
      remember_recent (self, path);
  }

  return TRUE;
}

static void
open_path_interactive (FaWindow   *self,
                       const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!fa_window_open_dataset (self, path, &error))
    {
      g_autofree char *name = g_path_get_basename (path);
      /* translators: %s is a folder name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      show_error_dialog (self, heading, error->message);
    }
}

static void
on_open_response_cb (FaWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        open_path_interactive (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
open_dataset_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Open Dataset"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Open"), _("_Cancel"));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_path_interactive (FA_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  fa_timeline_toggle_playing (FA_WINDOW (widget)->timeline);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  fa_timeline_step (FA_WINDOW (widget)->timeline, g_variant_get_int32 (parameter));
}

static void
on_remove_layer_clicked_cb (GtkButton *button,
                            FaWindow  *self)
{
  FaMapLayer *layer = g_object_get_data (G_OBJECT (button), "fa-layer");
  guint position;

  if (layer == NULL)
    return;

  fa_renderer_remove_layer (self->renderer, layer);
  if (g_list_store_find (self->user_layers, layer, &position))
    g_list_store_remove (self->user_layers, position);
}

static GtkWidget *
create_layer_row (gpointer item,
                  gpointer user_data)
{
  FaWindow *self = user_data;
  FaMapLayer *layer = item;
  GtkWidget *row, *check, *remove;
  g_autofree char *summary = NULL;

  if (FA_IS_SHAPE_LAYER (layer))
    summary = fa_shape_layer_dup_summary (FA_SHAPE_LAYER (layer));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fa_map_layer_get_title (layer));
  if (summary != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  gtk_widget_add_css_class (row, "layer-row");

  check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Show Layer"));
  g_object_bind_property (layer, "visible", check, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  if (FA_IS_SHAPE_LAYER (layer))
    {
      remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, _("Remove Layer"));
      gtk_widget_add_css_class (remove, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Layer"), -1);
      g_object_set_data_full (G_OBJECT (remove), "fa-layer", g_object_ref (layer), g_object_unref);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_layer_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }

  return row;
}

static void
rebuild_layer_list (FaWindow *self)
{
  FaMapLayer *basemap;

  /* The sidebar lists the user layers, newest first, then the base map. */
  g_list_store_remove_all (self->sidebar_layers);
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->user_layers)); i > 0; i--)
    {
      g_autoptr(FaMapLayer) layer = g_list_model_get_item (G_LIST_MODEL (self->user_layers), i - 1);

      g_list_store_append (self->sidebar_layers, layer);
    }
  basemap = fa_renderer_find_layer (self->renderer, FA_TYPE_BASEMAP_LAYER);
  if (basemap != NULL)
    g_list_store_append (self->sidebar_layers, basemap);
}

static void
on_user_layers_changed_cb (FaWindow   *self,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GListModel *model)
{
  rebuild_layer_list (self);
}

static void
on_hover_text_changed_cb (FaWindow   *self,
                          GParamSpec *pspec,
                          FaMapView  *map_view)
{
  const char *text = fa_map_view_get_hover_text (map_view);

  gtk_label_set_label (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && text[0] != '\0');
}

/**
 * fa_window_set_projection:
 * @definition: a preset id, a PROJ string or an EPSG code
 *
 * Re-projects the base map and every user layer.  On error nothing
 * changes.
 */
gboolean
fa_window_set_projection (FaWindow    *self,
                          const char  *definition,
                          GError     **error)
{
  g_autoptr(FaProjection) projection = NULL;
  g_autoptr(FaRenderer) renderer = NULL;
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_object_unref);
  FaMapLayer *old_basemap;
  guint n;

  g_return_val_if_fail (FA_IS_WINDOW (self), FALSE);

  projection = fa_projection_new (definition, error);
  if (projection == NULL)
    return FALSE;

  renderer = fa_renderer_new_for_geodata (self->geodata, projection, error);
  if (renderer == NULL)
    return FALSE;

  /* Re-project every user layer before anything is replaced. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->user_layers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FaShapeLayer) old = g_list_model_get_item (G_LIST_MODEL (self->user_layers), i);
      FaFeatureLayer *old_features = fa_shape_layer_get_features (old);
      g_autoptr(FaFeatureLayer) features = NULL;
      FaShapeLayer *layer;

      features = fa_feature_layer_new (fa_feature_layer_get_source (old_features), projection, error);
      if (features == NULL)
        return FALSE;
      layer = fa_shape_layer_new (features, fa_shape_layer_get_color (old));
      fa_map_layer_set_visible (FA_MAP_LAYER (layer), fa_map_layer_get_visible (FA_MAP_LAYER (old)));
      g_ptr_array_add (layers, layer);
    }

  old_basemap = self->renderer ? fa_renderer_find_layer (self->renderer, FA_TYPE_BASEMAP_LAYER) : NULL;
  if (old_basemap != NULL)
    {
      FaMapLayer *basemap = fa_renderer_find_layer (renderer, FA_TYPE_BASEMAP_LAYER);

      fa_map_layer_set_visible (basemap, fa_map_layer_get_visible (old_basemap));
    }
  g_settings_bind (self->settings, "show-regions",
                   fa_renderer_find_layer (renderer, FA_TYPE_BASEMAP_LAYER), "show-regions",
                   G_SETTINGS_BIND_DEFAULT);

  for (guint i = 0; i < layers->len; i++)
    fa_renderer_add_layer (renderer, g_ptr_array_index (layers, i));

  {
    FaFlow *selected = self->flows ? fa_flow_layer_get_selected_flow (self->flows) : NULL;

    self->flows = self->dataset ? fa_renderer_set_dataset (renderer, self->dataset) : NULL;
    if (self->flows != NULL)
      {
        fa_flow_layer_set_selected_flow (self->flows, selected);
        g_settings_bind (self->settings, "rescale-widths", self->flows, "rescale", G_SETTINGS_BIND_GET);
      }
  }

  g_set_object (&self->renderer, renderer);
  g_signal_handlers_block_by_func (self->user_layers, on_user_layers_changed_cb, self);
  g_list_store_splice (self->user_layers, 0, n, layers->pdata, layers->len);
  g_signal_handlers_unblock_by_func (self->user_layers, on_user_layers_changed_cb, self);

  fa_map_view_set_renderer (self->map_view, renderer);
  adw_window_title_set_subtitle (self->window_title, fa_projection_get_title (projection));
  apply_category_visibility (self);
  rebuild_layer_list (self);

  return TRUE;
}

/**
 * fa_window_add_shapefile:
 *
 * Reads @file and adds it as a layer above the base map.  On error the
 * map is unchanged.
 */
gboolean
fa_window_add_shapefile (FaWindow  *self,
                         GFile     *file,
                         GError   **error)
{
  g_autoptr(FaShapeLayer) layer = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (FA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: only local files can be added"), uri);
      return FALSE;
    }

  layer = fa_shape_layer_new_from_file (path, fa_renderer_get_projection (self->renderer),
                                        fa_map_style_get_layer_color (self->n_layers_added), error);
  if (layer == NULL)
    return FALSE;

  self->n_layers_added++;
  fa_renderer_add_layer (self->renderer, FA_MAP_LAYER (layer));
  g_list_store_append (self->user_layers, layer);
  adw_flap_set_reveal_flap (self->flap, TRUE);

  return TRUE;
}

static void
add_files (FaWindow  *self,
           GSList    *files)
{
  guint added = 0;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_file_get_basename (l->data);

      if (!fa_window_add_shapefile (self, l->data, &error))
        {
          /* translators: %s is a file name */
          g_autofree char *heading = g_strdup_printf (_("Could Not Add “%s”"), name);

          show_error_dialog (self, heading, error->message);
        }
      else
        added++;
    }

  if (added > 0)
    {
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u layer", "Added %u layers", added), added);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }
}

static void
on_chooser_response_cb (FaWindow             *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GSList *list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      add_files (self, list);
      g_slist_free_full (list, g_object_unref);
    }

  g_clear_object (&self->chooser);
}

static void
add_shapefile_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Add Shapefile"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Shapefiles"));
  gtk_file_filter_add_pattern (filter, "*.shp");
  gtk_file_filter_add_pattern (filter, "*.SHP");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_export_response_cb (FaWindow             *self,
                       int                   response,
                       GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(FaViewport) viewport = fa_viewport_copy (fa_map_view_get_viewport (self->map_view));
      g_autoptr(GError) error = NULL;
      FaExportFormat format;

      /* No extension: PNG, the format slides take best. */
      if (!fa_export_format_from_path (path, &format, NULL))
        {
          char *with_ext = g_strconcat (path, ".png", NULL);

          g_free (path);
          path = with_ext;
        }

      if (!fa_export_to_file (self->renderer, viewport, fa_map_style_get (FA_MAP_STYLE_PRINT),
                              NULL, 2.0, path, &error))
        show_error_dialog (self, _("Could Not Export the Map"), error->message);
      else
        {
          g_autofree char *name = g_path_get_basename (path);
          /* translators: %s is a file name */
          g_autofree char *title = g_strdup_printf (_("Exported “%s”"), name);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
        }
    }

  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);
  const char *patterns[][2] = {
    { N_("PNG Image"), "*.png" },
    { N_("PDF Document"), "*.pdf" },
    { N_("SVG Image"), "*.svg" },
  };

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Map"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(patterns[i][0]));
      gtk_file_filter_add_pattern (filter, patterns[i][1]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("map.png"));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_projection_changed_cb (FaWindow   *self,
                          const char *key,
                          GSettings  *settings)
{
  g_autofree char *definition = g_settings_get_string (settings, "projection");
  g_autoptr(GError) error = NULL;

  if (self->renderer != NULL &&
      g_strcmp0 (definition, fa_projection_get_definition (fa_renderer_get_projection (self->renderer))) == 0)
    return;

  if (!fa_window_set_projection (self, definition, &error))
    {
      show_error_dialog (self, _("Could Not Change the Projection"), error->message);
      return;
    }
  fa_map_view_reset_view (self->map_view);
}

static gboolean
on_drop_cb (FaWindow      *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  if (files != NULL && g_file_query_file_type (files->data, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *path = g_file_get_path (files->data);

      if (path != NULL)
        open_path_interactive (self, path);
      return TRUE;
    }
  add_files (self, files);

  return TRUE;
}

static gboolean
fa_window_close_request (GtkWindow *window)
{
  FaWindow *self = FA_WINDOW (window);
  double extent[4];
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", MAX (width, 360));
      g_settings_set_int (self->settings, "window-height", MAX (height, 360));
    }
  if (fa_map_view_get_extent (self->map_view, extent))
    g_settings_set_value (self->settings, "view-extent",
                          g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, extent, 4, sizeof (double)));

  return GTK_WINDOW_CLASS (fa_window_parent_class)->close_request (window);
}

static void
fa_window_dispose (GObject *object)
{
  FaWindow *self = FA_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* GSettings actions outlive the window otherwise, and would notify a
   * disposed action group when the settings change. */
  g_action_map_remove_action (G_ACTION_MAP (self), "projection");
  g_action_map_remove_action (G_ACTION_MAP (self), "show-regions");
  g_action_map_remove_action (G_ACTION_MAP (self), "rescale-widths");
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  g_clear_error (&self->reload_error);
  gtk_widget_dispose_template (GTK_WIDGET (self), FA_TYPE_WINDOW);
  self->flows = NULL;
  g_clear_object (&self->dataset);
  g_clear_object (&self->renderer);
  g_clear_object (&self->user_layers);
  g_clear_object (&self->sidebar_layers);
  g_clear_object (&self->geodata);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fa_window_parent_class)->dispose (object);
}

static void
fa_window_class_init (FaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = fa_window_dispose;
  window_class->close_request = fa_window_close_request;

  g_type_ensure (FA_TYPE_MAP_VIEW);
  g_type_ensure (FA_TYPE_TIMELINE);
  g_type_ensure (FA_TYPE_FLOW_TABLE);
  g_type_ensure (FA_TYPE_DETAILS_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/fa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, layer_list);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, category_list);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, details_flap);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, flow_table);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, details_pane);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, recent_menu);

  gtk_widget_class_install_action (widget_class, "win.add-shapefile", NULL, add_shapefile_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.open-dataset", NULL, open_dataset_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.preset", "s", preset_action);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.step", "i", step_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-dataset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "win.step", "i", -12);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "win.step", "i", 12);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.add-shapefile", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "map.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "map.zoom-out", NULL);
}

static void
fa_window_init (FaWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) saved_extent = NULL;
  g_autoptr(GAction) projection_action = NULL;
  g_autoptr(GAction) regions_action = NULL;
  GtkDropTarget *drop;
  gsize n_extent = 0;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (SCHEMA_ID);
  self->user_layers = g_list_store_new (FA_TYPE_SHAPE_LAYER);
  self->sidebar_layers = g_list_store_new (FA_TYPE_MAP_LAYER);
  gtk_list_box_bind_model (self->layer_list, G_LIST_MODEL (self->sidebar_layers), create_layer_row, self, NULL);
  g_signal_connect_object (self->user_layers, "items-changed",
                           G_CALLBACK (on_user_layers_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->map_view, "notify::hover-text",
                           G_CALLBACK (on_hover_text_changed_cb), self, G_CONNECT_SWAPPED);

  /* The settings are the state behind the view actions. */
  projection_action = g_settings_create_action (self->settings, "projection");
  regions_action = g_settings_create_action (self->settings, "show-regions");
  g_action_map_add_action (G_ACTION_MAP (self), projection_action);
  g_action_map_add_action (G_ACTION_MAP (self), regions_action);
  g_signal_connect_object (self->settings, "changed::projection",
                           G_CALLBACK (on_projection_changed_cb), self, G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_swapped (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map_view), GTK_EVENT_CONTROLLER (drop));

  self->geodata = fa_geodata_new (NULL, &error);
  if (self->geodata == NULL)
    {
      show_error_dialog (self, _("Could Not Load the Base Map"), error->message);
      return;
    }

  {
    g_autofree char *definition = g_settings_get_string (self->settings, "projection");

    if (!fa_window_set_projection (self, definition, &error))
      {
        g_clear_error (&error);
        g_settings_reset (self->settings, "projection");
        if (!fa_window_set_projection (self, FA_PROJECTION_DEFAULT_PRESET, &error))
          {
            show_error_dialog (self, _("Could Not Load the Base Map"), error->message);
            return;
          }
      }
  }

  g_signal_connect_object (self->map_view, "item-activated",
                           G_CALLBACK (on_map_item_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flow_table, "notify::selected-flow",
                           G_CALLBACK (on_table_selected_flow_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->details_pane, "close-requested",
                           G_CALLBACK (on_details_close_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::month", G_CALLBACK (on_timeline_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::mode", G_CALLBACK (on_timeline_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::from", G_CALLBACK (on_timeline_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::position", G_CALLBACK (on_timeline_position_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::playing", G_CALLBACK (on_timeline_position_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "event-activated",
                           G_CALLBACK (on_timeline_event_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::hidden-categories",
                           G_CALLBACK (on_hidden_categories_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::recent-datasets",
                           G_CALLBACK (on_recent_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);
  {
    g_autoptr(GAction) rescale_action = g_settings_create_action (self->settings, "rescale-widths");

    g_action_map_add_action (G_ACTION_MAP (self), rescale_action);
  }

  /* The dataset of the last session, else the bundled one. */
  {
    g_autofree char *path = g_settings_get_string (self->settings, "dataset");
    g_autoptr(GError) dataset_error = NULL;

    if (path[0] == '\0' || !fa_window_open_dataset (self, path, &dataset_error))
      {
        g_autofree char *bundled = fa_cli_dup_default_dataset ();

        g_clear_error (&dataset_error);
        if (!fa_window_open_dataset (self, bundled, &dataset_error))
          show_error_dialog (self, _("Could Not Open the Bundled Dataset"), dataset_error->message);
      }
  }

  /* Arrow keys pan the map from the start. */
  gtk_widget_grab_focus (GTK_WIDGET (self->map_view));

  saved_extent = g_settings_get_value (self->settings, "view-extent");
  {
    const double *extent = g_variant_get_fixed_array (saved_extent, &n_extent, sizeof (double));

    if (n_extent == 4)
      fa_map_view_show_extent (self->map_view, extent);
  }
}

FaWindow *
fa_window_new (FaApplication *application)
{
  return g_object_new (FA_TYPE_WINDOW, "application", application, NULL);
}

FaMapView *
fa_window_get_map_view (FaWindow *self)
{
  g_return_val_if_fail (FA_IS_WINDOW (self), NULL);

  return self->map_view;
}

/**
 * fa_window_get_dataset:
 *
 * Returns: (transfer none) (nullable): the dataset shown
 */
FaDataset *
fa_window_get_dataset (FaWindow *self)
{
  g_return_val_if_fail (FA_IS_WINDOW (self), NULL);

  return self->dataset;
}

/**
 * fa_window_get_reload_error:
 *
 * Returns: (transfer none) (nullable): why the last reload of the dataset
 *   failed, while the map shows its last good version
 */
const GError *
fa_window_get_reload_error (FaWindow *self)
{
  g_return_val_if_fail (FA_IS_WINDOW (self), NULL);

  return self->reload_error;
}

FaTimeline *
fa_window_get_timeline (FaWindow *self)
{
  g_return_val_if_fail (FA_IS_WINDOW (self), NULL);

  return self->timeline;
}
