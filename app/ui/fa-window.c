/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>

#include "fa-window.h"

#include "fa-animation.h"
#include "fa-animation-dialog.h"
#include "fa-application.h"
#include "fa-category.h"
#include "fa-dataset.h"
#include "fa-details-pane.h"
#include "fa-export.h"
#include "fa-export-dialog.h"
#include "fa-flow.h"
#include "fa-flow-table.h"
#include "fa-item-table.h"
#include "fa-geodata.h"
#include "fa-map-view.h"
#include "fa-map.h"
#include "fa-preset.h"
#include "fa-print-operation.h"
#include "fa-projection.h"
#include "fa-feature-layer.h"
#include "fa-shape-layer.h"
#include "fa-shapefile.h"
#include "fa-timeline.h"

/* The window shows one map document (FaMap) and lets every widget bind to
 * its state: the timeline, the table and the details pane take the state
 * as a property in the template, GSettings binds to it, and the map view
 * draws the document.  Loading and exporting run on worker threads. */
struct _FaWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;       /* owned */
  FaMap                *map;            /* owned */
  FaMapState           *state;          /* borrowed from @map */
  GListStore           *sidebar_layers; /* FaMapLayer: what the sidebar lists */
  GtkFileChooserNative *chooser;        /* owned while open */
  FaExportDialog       *export_dialog;  /* borrowed while open */
  FaAnimationDialog    *animation_dialog; /* borrowed while open */
  FaPrintOperation     *print_operation;  /* owned while printing */
  gpointer              print_progress;   /* Operation, while the page is printed */
  gulong                print_cancel_id;
  GtkPageSetup         *page_setup;       /* owned: what prints start from */
  GtkPrintSettings     *print_settings;   /* owned, nullable: the last print's */
  GCancellable         *cancellable;    /* owned: loads under way, cancelled on close */
  GFileMonitor         *monitor;        /* owned: live reload */
  guint                 reload_id;
  GError               *reload_error;   /* owned: the last failed reload */
  AdwToast             *error_toast;    /* borrowed: shown while @reload_error stands */
  AdwToast             *undo_toast;     /* borrowed: offers to put @removed_layer back */
  FaShapeLayer         *removed_layer;  /* owned, nullable: the layer last removed */
  guint                 removed_position;
  AdwToast             *filter_toast;   /* borrowed: offers to undo the last preset */
  char                **filter_hidden;  /* owned, nullable: the categories hidden before it */
  double                filter_view[3]; /* the view before it: centre x, y and scale */
  char                 *pending_dataset; /* owned: to open once the base map is there */
  GPtrArray            *pending_layers;  /* owned: GFile, to add once the base map is there */
  guint                 loads;          /* datasets being read */
  GPtrArray            *operations;     /* Operation: what Cancel stops, oldest first */
  guint                 progress_show_id;
  guint                 progress_pulse_id;
  guint                 open_serial;    /* the newest request to open a dataset wins */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  AdwFlap              *flap;
  GtkListBox           *layer_list;
  FaMapView            *map_view;
  GtkLabel             *status_label;
  GtkListBox           *category_list;
  GtkBox               *preset_box;
  AdwFlap              *details_flap;
  AdwFlap              *info_flap;
  FaFlowTable          *flow_table;
  GtkStack             *table_stack;
  AdwComboRow          *min_count_row;
  AdwComboRow          *clustering_row;
  AdwComboRow          *top_row;
  GtkWidget            *table_switcher;
  FaItemTable          *place_table;
  FaItemTable          *event_table;
  FaItemTable          *role_table;
  FaDetailsPane        *details_pane;
  FaTimeline           *timeline;
  GtkBox               *map_box;
  GtkOverlay           *map_overlay;
  GtkWidget            *timeline_separator;
  /* Presentation (full screen): what the chrome was, to put it back. */
  gboolean              presenting;
  gboolean              flap_was_revealed;
  gboolean              details_were_revealed;
  gboolean              info_was_revealed;
  gboolean              pointer_on_timeline;
  guint                 hide_timeline_id;
  GMenu                *recent_menu;
  GtkSpinner           *spinner;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
};

G_DEFINE_FINAL_TYPE (FaWindow, fa_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MAP,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void open_dataset_async (FaWindow   *self,
                                const char *path,
                                gboolean    reload);

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

static void
update_busy (FaWindow *self)
{
  gboolean busy = self->loads > 0 || fa_map_get_busy (self->map);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

/* --- Long operations ------------------------------------------------------ */

/* A load or an export under way.  If it takes longer than a moment, a bar
 * over the map says what it is and offers Cancel; a cancelled operation
 * changes nothing (no layer, no dataset, no file). */
typedef struct
{
  char         *title;        /* owned */
  GCancellable *cancellable;  /* owned */
  double        fraction;     /* how much is done, 0 to 1; < 0: unknown */
} Operation;

/* Longer than this, and the user is shown what is happening. */
#define PROGRESS_DELAY_MS 400

static void
operation_free (Operation *op)
{
  g_free (op->title);
  g_object_unref (op->cancellable);
  g_free (op);
}

static void
update_progress (FaWindow *self)
{
  guint n = self->operations->len;

  if (self->map == NULL || self->progress_revealer == NULL)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-operations", n > 0);

  if (n == 0)
    {
      g_clear_handle_id (&self->progress_show_id, g_source_remove);
      g_clear_handle_id (&self->progress_pulse_id, g_source_remove);
      gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
      return;
    }

  {
    Operation *newest = g_ptr_array_index (self->operations, n - 1);
    g_autofree char *text = NULL;

    if (n == 1)
      text = g_strdup (newest->title);
    else
      /* translators: %s says what is under way, e.g. Opening “roads.shp”…; %u is how many more */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (and %u more)", "%s (and %u more)", n - 1),
                              newest->title, n - 1);
    gtk_label_set_text (self->progress_label, text);
    if (newest->fraction >= 0)
      gtk_progress_bar_set_fraction (self->progress_bar, newest->fraction);
  }
}

static gboolean
progress_pulse_cb (gpointer data)
{
  FaWindow *self = data;
  guint n = self->operations->len;

  /* An operation that knows how far it is shows that instead. */
  if (n == 0 || ((Operation *) g_ptr_array_index (self->operations, n - 1))->fraction < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static gboolean
progress_show_cb (gpointer data)
{
  FaWindow *self = data;

  self->progress_show_id = 0;
  if (self->operations->len > 0 && self->progress_revealer != NULL)
    {
      update_progress (self);
      gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
      if (self->progress_pulse_id == 0)
        self->progress_pulse_id = g_timeout_add (120, progress_pulse_cb, self);
    }
  return G_SOURCE_REMOVE;
}

/* Starts tracking an operation; pass its cancellable to the work and
 * end it with end_operation() in the callback, whatever the outcome. */
static Operation *
begin_operation (FaWindow   *self,
                 const char *title)
{
  Operation *op = g_new0 (Operation, 1);

  op->title = g_strdup (title);
  op->cancellable = g_cancellable_new ();
  op->fraction = -1;
  g_ptr_array_add (self->operations, op);
  if (self->progress_show_id == 0 &&
      (self->progress_revealer == NULL || !gtk_revealer_get_reveal_child (self->progress_revealer)))
    self->progress_show_id = g_timeout_add (PROGRESS_DELAY_MS, progress_show_cb, self);
  update_progress (self);
  return op;
}

static void
end_operation (FaWindow  *self,
               Operation *op)
{
  g_ptr_array_remove (self->operations, op);
  update_progress (self);
}

/* Says how far @op is: @title replaces its title, and @fraction (0 to 1)
 * fills the bar instead of its pulse. */
static void
set_operation_progress (FaWindow   *self,
                        Operation  *op,
                        const char *title,
                        double      fraction)
{
  g_free (op->title);
  op->title = g_strdup (title);
  op->fraction = CLAMP (fraction, 0, 1);
  update_progress (self);
}

static void
cancel_operations_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);

  for (guint i = 0; i < self->operations->len; i++)
    g_cancellable_cancel (((Operation *) g_ptr_array_index (self->operations, i))->cancellable);
}

/* --- Categories ----------------------------------------------------------- */

static void
on_category_toggled_cb (GtkCheckButton *check,
                        FaWindow       *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "fa-category-id");

  fa_map_state_set_category_visible (self->state, id, gtk_check_button_get_active (check));
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

/* One row a category of the dataset shown, with its flow count. */
static void
rebuild_category_list (FaWindow *self)
{
  FaDataset *dataset = fa_map_state_get_dataset (self->state);
  GListModel *categories;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->category_list))) != NULL)
    gtk_list_box_remove (self->category_list, child);

  if (dataset == NULL)
    return;

  categories = fa_dataset_get_categories (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(FaCategory) category = g_list_model_get_item (categories, i);
      guint count = fa_dataset_get_category_n_flows (dataset, category);
      GtkWidget *row, *check, *swatch;
      g_autofree char *subtitle = NULL;

      if (count == 0)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fa_category_get_label (category));
      /* Of every date: the legend counts the flows of the month shown. */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u flow in the dataset",
                                               "%u flows in the dataset", count), count);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_tooltip_text (row, fa_category_get_description (category));

      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   fa_map_state_get_category_visible (self->state, fa_category_get_id (category)));
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

/* One button a preset of the dataset: the stories it tells, in its words. */
static void
rebuild_presets (FaWindow *self)
{
  FaDataset *dataset = fa_map_state_get_dataset (self->state);
  GListModel *presets = dataset ? fa_dataset_get_presets (dataset) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preset_box))) != NULL)
    gtk_box_remove (self->preset_box, child);

  for (guint i = 0; presets != NULL && i < g_list_model_get_n_items (presets); i++)
    {
      g_autoptr(FaPreset) preset = g_list_model_get_item (presets, i);
      GtkWidget *button = gtk_button_new_with_label (fa_preset_get_label (preset));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.preset");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", fa_preset_get_id (preset));
      if (fa_preset_get_description (preset) != NULL)
        gtk_widget_set_tooltip_text (button, fa_preset_get_description (preset));
      gtk_box_append (self->preset_box, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->preset_box), presets != NULL && g_list_model_get_n_items (presets) > 0);
}

/* The check boxes follow the state (presets change many at once). */
static void
on_hidden_categories_cb (FaWindow   *self,
                         GParamSpec *pspec,
                         FaMapState *state)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->category_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
      const char *id = check ? g_object_get_data (G_OBJECT (check), "fa-category-id") : NULL;

      if (id != NULL)
        {
          g_signal_handlers_block_by_func (check, on_category_toggled_cb, self);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), fa_map_state_get_category_visible (state, id));
          g_signal_handlers_unblock_by_func (check, on_category_toggled_cb, self);
        }
    }
}

/* Frames the places that the flows shown connect, so that a preset opens
 * on its story. */
static void
zoom_to_flows (FaWindow *self)
{
  FaRect rect;

  if (fa_map_get_story_rect (self->map, &rect))
    fa_map_view_fit_rect (self->map_view, &rect, 48);
}

/* --- Toasts ---------------------------------------------------------------- */

/* libadwaita 1.2 frees a toast's record when its hide animation ends, and
 * its show animation, if still running, reads that record when it ends: a
 * toast dismissed in the first half second it is shown crashes the
 * window (seen pressing Ctrl+Shift+A, then Ctrl+1).  So a toast that says
 * something new is the same toast retitled (adding it again restarts its
 * timeout), and a dismissal waits until the toast is fully shown. */
#define TOAST_SHOWING_US (700 * G_USEC_PER_SEC / 1000)

static void
add_toast (FaWindow *self,
           AdwToast *toast)
{
  g_object_set_data_full (G_OBJECT (toast), "fa-added-us",
                          g_memdup2 (&(gint64) { g_get_monotonic_time () }, sizeof (gint64)), g_free);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
dismiss_later_cb (gpointer data)
{
  adw_toast_dismiss (ADW_TOAST (data));
  return G_SOURCE_REMOVE;
}

static void
withdraw_toast (AdwToast *toast)
{
  const gint64 *added = g_object_get_data (G_OBJECT (toast), "fa-added-us");
  gint64 age = added != NULL ? g_get_monotonic_time () - *added : G_MAXINT64;

  if (age >= TOAST_SHOWING_US)
    adw_toast_dismiss (toast);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) ((TOAST_SHOWING_US - age) / 1000) + 1,
                        dismiss_later_cb, g_object_ref (toast), g_object_unref);
}

/* A toast's title is Pango markup: names from files (a layer's, a
 * preset's) are text. */
static AdwToast *
toast_new_text (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

/* The toast shown says @text instead, for another five seconds. */
static void
retitle_toast (FaWindow   *self,
               AdwToast   *toast,
               const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_set_title (toast, escaped);
  /* Already in the overlay: restarts its timeout, and keeps no reference. */
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static void
on_filter_toast_dismissed_cb (AdwToast *toast,
                              FaWindow *self)
{
  /* Gone with its toast: only the latest preset can be undone. */
  if (self->filter_toast == toast)
    {
      self->filter_toast = NULL;
      g_clear_pointer (&self->filter_hidden, g_strfreev);
    }
}

/* A preset replaces the categories the user chose, and the view: the
 * toast that says what is shown offers to put both back. */
static void
offer_filter_undo (FaWindow           *self,
                   const char         *show,
                   const char * const *hidden_before,
                   const double        view_before[3])
{
  FaDataset *dataset = fa_map_state_get_dataset (self->state);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (g_str_equal (show, "all"))
    title = g_strdup (_("Showing all categories"));
  for (guint i = 0; title == NULL && dataset != NULL && i < g_list_model_get_n_items (fa_dataset_get_presets (dataset)); i++)
    {
      g_autoptr(FaPreset) preset = g_list_model_get_item (fa_dataset_get_presets (dataset), i);

      if (g_str_equal (fa_preset_get_id (preset), show))
        /* translators: %s is a preset's name, such as Forced Relocation from Ukraine */
        title = g_strdup_printf (_("Showing “%s”"), fa_preset_get_label (preset));
    }
  if (title == NULL)
    title = g_strdup (_("Categories changed"));

  g_strfreev (self->filter_hidden);
  self->filter_hidden = g_strdupv ((char **) hidden_before);
  memcpy (self->filter_view, view_before, sizeof self->filter_view);

  if (self->filter_toast != NULL)
    {
      retitle_toast (self, self->filter_toast, title);
      return;
    }
  toast = toast_new_text (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-filter");
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_filter_toast_dismissed_cb), self, 0);
  self->filter_toast = toast;
  add_toast (self, toast);
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);
  FaViewport *viewport = fa_map_view_get_viewport (self->map_view);
  const char *show = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) hidden = g_strdupv ((char **) fa_map_state_get_hidden_categories (self->state));
  double view[3] = { fa_viewport_get_center_x (viewport), fa_viewport_get_center_y (viewport),
                     fa_viewport_get_scale (viewport) };
  g_autoptr(GError) error = NULL;

  if (!fa_map_apply_show (self->map, show, &error))
    {
      g_warning ("%s", error->message);
      return;
    }
  if (!g_strv_equal ((const char * const *) hidden, fa_map_state_get_hidden_categories (self->state)))
    offer_filter_undo (self, show, (const char * const *) hidden, view);
  zoom_to_flows (self);
}

static void
undo_filter_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);
  g_auto(GStrv) hidden = g_steal_pointer (&self->filter_hidden);
  FaViewport *viewport = fa_map_view_get_viewport (self->map_view);

  if (hidden == NULL)
    return;
  fa_map_state_set_hidden_categories (self->state, (const char * const *) hidden);
  fa_viewport_set_scale (viewport, self->filter_view[2]);
  fa_viewport_set_center (viewport, self->filter_view[0], self->filter_view[1]);
  if (self->filter_toast != NULL)
    withdraw_toast (self->filter_toast);
}

/* Ctrl+1 … Ctrl+9: the dataset's presets, in the sidebar's order. */
static void
preset_number_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);
  FaDataset *dataset = fa_map_state_get_dataset (self->state);
  int n = g_variant_get_int32 (parameter);
  g_autoptr(FaPreset) preset = NULL;

  if (dataset == NULL || n < 1 || (guint) n > g_list_model_get_n_items (fa_dataset_get_presets (dataset)))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  preset = g_list_model_get_item (fa_dataset_get_presets (dataset), (guint) n - 1);
  gtk_widget_activate_action (widget, "win.preset", "s", fa_preset_get_id (preset));
}

/* The sidebar's thresholds: the smallest flow shown, and how many of the
 * largest; the state's properties, the rows' choices. */
static const gint64 min_counts[] = { 0, 100, 1000, 10000, 100000 };
static const gint64 tops[] = { 0, 5, 10, 20, 50 };

/* One property's choices in a combo row: the row of the largest choice
 * not above the value, and back; whatever the property's integer type. */
typedef struct
{
  const gint64 *values;
  guint         n_values;
} Choices;

static const Choices min_count_choices = { min_counts, G_N_ELEMENTS (min_counts) };
static const Choices top_choices = { tops, G_N_ELEMENTS (tops) };

static gboolean
value_to_row (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  const Choices *choices = user_data;
  g_auto(GValue) value = G_VALUE_INIT;
  guint row = 0;

  g_value_init (&value, G_TYPE_INT64);
  if (!g_value_transform (from, &value))
    return FALSE;
  for (guint i = 0; i < choices->n_values; i++)
    if (choices->values[i] <= g_value_get_int64 (&value))
      row = i;
  g_value_set_uint (to, row);
  return TRUE;
}

static gboolean
row_to_value (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  const Choices *choices = user_data;
  g_auto(GValue) value = G_VALUE_INIT;
  guint row = g_value_get_uint (from);

  if (row >= choices->n_values)
    return FALSE;
  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, choices->values[row]);
  return g_value_transform (&value, to);
}

/* The clustering row: Automatic, Always, Never. */
static const FaClustering clustering_rows[] = { FA_CLUSTERING_AUTO, FA_CLUSTERING_ON, FA_CLUSTERING_OFF };

static gboolean
clustering_to_row (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (clustering_rows); i++)
    if ((int) clustering_rows[i] == g_value_get_enum (from))
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
row_to_clustering (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  guint row = g_value_get_uint (from);

  if (row >= G_N_ELEMENTS (clustering_rows))
    return FALSE;
  g_value_set_enum (to, clustering_rows[row]);
  return TRUE;
}

static void
setup_thresholds (FaWindow *self)
{
  g_autoptr(GtkStringList) counts = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) top = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (min_counts); i++)
    {
      g_autofree char *number = fa_count_format (min_counts[i]);
      /* translators: a choice of the smallest flow shown; %s is a number of people */
      g_autofree char *text = i == 0 ? g_strdup (_("Any")) : g_strdup_printf (_("%s people"), number);

      gtk_string_list_append (counts, text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tops); i++)
    {
      /* translators: a choice of how many flows the map shows */
      g_autofree char *text = i == 0 ? g_strdup (_("All"))
                              : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The largest", "The %u largest", tops[i]),
                                                 (guint) tops[i]);

      gtk_string_list_append (top, text);
    }
  adw_combo_row_set_model (self->min_count_row, G_LIST_MODEL (counts));
  adw_combo_row_set_model (self->top_row, G_LIST_MODEL (top));
  g_object_bind_property_full (self->state, "min-count", self->min_count_row, "selected",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               value_to_row, row_to_value, (gpointer) &min_count_choices, NULL);
  g_object_bind_property_full (self->state, "top", self->top_row, "selected",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               value_to_row, row_to_value, (gpointer) &top_choices, NULL);
  g_object_bind_property_full (self->state, "clustering", self->clustering_row, "selected",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               clustering_to_row, row_to_clustering, NULL, NULL);
}

/* The table and its search, from anywhere. */
static void
toggle_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);

  adw_flap_set_reveal_flap (self->details_flap, !adw_flap_get_reveal_flap (self->details_flap));
}

static void
search_flows_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);

  adw_flap_set_reveal_flap (self->details_flap, TRUE);
  gtk_stack_set_visible_child_name (self->table_stack, "flows");
  fa_flow_table_focus_search (self->flow_table);
}

/* --- Selection ------------------------------------------------------------ */

static void
on_map_item_activated_cb (FaWindow  *self,
                          GObject   *item,
                          FaMapView *map_view)
{
  fa_map_state_set_selected (self->state, item);
}

static void
on_timeline_event_activated_cb (FaWindow   *self,
                                FaEvent    *event,
                                FaTimeline *timeline)
{
  fa_map_state_set_selected (self->state, G_OBJECT (event));
}

static void
on_details_close_requested_cb (FaWindow      *self,
                               FaDetailsPane *pane)
{
  fa_map_state_set_selected (self->state, NULL);
}

/* The details of the selected item have a pane of their own, beside the
 * table or without it: selecting opens it, and closing it (its button,
 * Escape, or a click beside it where it covers the map) clears the
 * selection, so the map is not left dimmed around nothing. */
static void
on_selected_cb (FaWindow   *self,
                GParamSpec *pspec,
                FaMapState *state)
{
  GObject *item = fa_map_state_get_selected (state);

  if (!self->presenting)
    adw_flap_set_reveal_flap (self->info_flap, item != NULL);
}

static void
on_info_revealed_cb (FaWindow   *self,
                     GParamSpec *pspec,
                     AdwFlap    *flap)
{
  if (!adw_flap_get_reveal_flap (flap) && !self->presenting)
    fa_map_state_set_selected (self->state, NULL);
}

/* Where the window is too narrow for a panel beside the map (below about
 * 900 pixels for the sidebar), the panel covers the map instead, as
 * AdwFlap does; then one panel at a time, so the map shows beside it.
 * The flaps are locked: one that folds closes, but unfolding opens none
 * (AdwFlap's own rule would open every panel when the window first grows
 * to its size). */
static void
on_flap_revealed_cb (FaWindow   *self,
                     GParamSpec *pspec,
                     AdwFlap    *flap)
{
  AdwFlap *flaps[] = { self->flap, self->details_flap, self->info_flap };

  if (!adw_flap_get_reveal_flap (flap) || !adw_flap_get_folded (flap))
    return;
  if (g_str_equal (g_param_spec_get_name (pspec), "folded"))
    {
      adw_flap_set_reveal_flap (flap, FALSE);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (flaps); i++)
    if (flaps[i] != flap && adw_flap_get_folded (flaps[i]) && adw_flap_get_reveal_flap (flaps[i]))
      adw_flap_set_reveal_flap (flaps[i], FALSE);
}

/* --- Datasets ------------------------------------------------------------- */

static void
remember_recent (FaWindow   *self,
                 const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  GtkRecentData data = { 0 };

  if (uri == NULL)
    return;
  data.display_name = g_path_get_basename (path);
  data.mime_type = (char *) "inode/directory";
  data.app_name = (char *) g_get_application_name ();
  data.app_exec = (char *) "flowatlas %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
  g_free (data.display_name);
}

/* The datasets FlowAtlas opened, newest first, from the desktop's list of
 * recent files (GtkRecentManager). */
static void
rebuild_recent_menu (FaWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  const char *app_name = g_get_application_name ();
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && n < 6; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autofree char *path = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (app_name == NULL || !gtk_recent_info_has_application (info, app_name) || !gtk_recent_info_is_local (info))
        continue;
      path = g_filename_from_uri (gtk_recent_info_get_uri (info), NULL, NULL);
      if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (path));
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
on_show_problems_cb (AdwToast *toast,
                     FaWindow *self)
{
  if (self->reload_error != NULL)
    show_error_dialog (self, _("Problems in the Dataset"), self->reload_error->message);
}

static void
on_error_toast_dismissed_cb (AdwToast *toast,
                             FaWindow *self)
{
  if (self->error_toast == toast)
    self->error_toast = NULL;
}

static void
on_monitor_changed_cb (FaWindow          *self,
                       GFile             *file,
                       GFile             *other,
                       GFileMonitorEvent  event,
                       GFileMonitor      *monitor);

static void
watch_dataset (FaWindow  *self,
               FaDataset *dataset)
{
  g_autoptr(GFile) dir = NULL;

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
}

/* Puts a loaded dataset on the map. */
static void
apply_dataset (FaWindow  *self,
               FaDataset *dataset)
{
  FaDataset *old = fa_map_state_get_dataset (self->state);
  gboolean same_folder = old != NULL &&
                         g_strcmp0 (fa_dataset_get_directory (old), fa_dataset_get_directory (dataset)) == 0;
  g_autofree char *bundled = fa_dataset_dup_default_path ();
  const char *path = fa_dataset_get_directory (dataset);
  gboolean is_bundled = g_strcmp0 (bundled, path) == 0;

  /* The state keeps the month where the dataset covers it and the item
   * of the same id selected: a reload changes nothing the user chose. */
  fa_map_state_set_dataset (self->state, dataset);
  rebuild_category_list (self);
  rebuild_presets (self);
  adw_window_title_set_title (self->window_title, fa_dataset_get_title (dataset));

  if (!same_folder)
    {
      watch_dataset (self, dataset);
      g_settings_set_string (self->settings, "dataset", is_bundled ? "" : path);
      if (!is_bundled)
        remember_recent (self, path);
      fa_map_state_set_selected (self->state, NULL);
      /* Another dataset: show where its flows are (a view saved from the
       * last session, applied at start-up, still wins). */
      zoom_to_flows (self);
    }

  /* A newcomer sees one story first (the dataset's first preset), not
   * every flow at once. */
  if (g_settings_get_boolean (self->settings, "first-run"))
    {
      GListModel *presets = fa_dataset_get_presets (dataset);
      g_autoptr(FaPreset) first = g_list_model_get_item (presets, 0);

      g_settings_set_boolean (self->settings, "first-run", FALSE);
      if (first != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.preset", "s", fa_preset_get_id (first));
    }
}

typedef struct
{
  FaWindow  *window;   /* owned */
  char      *path;     /* owned */
  gboolean   reload;
  guint      serial;
  Operation *op;       /* owned by the window's list until ended */
} DatasetLoad;

static void
dataset_load_free (DatasetLoad *load)
{
  g_object_unref (load->window);
  g_free (load->path);
  g_free (load);
}

static void
on_dataset_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  DatasetLoad *load = user_data;
  FaWindow *self = load->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(FaDataset) dataset = NULL;

  dataset = fa_dataset_load_finish (result, &error);
  self->loads--;
  end_operation (self, load->op);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->map == NULL)
    {
      dataset_load_free (load);
      return;
    }
  update_busy (self);

  /* Opened something else since: this result is stale. */
  if (load->serial != self->open_serial)
    {
      dataset_load_free (load);
      return;
    }

  if (dataset == NULL && load->reload)
    {
      /* The map keeps its last good version; the toast stays until the
       * files are fixed. */
      g_clear_error (&self->reload_error);
      self->reload_error = g_steal_pointer (&error);
      if (self->error_toast == NULL)
        {
          self->error_toast = adw_toast_new (_("The dataset has errors; the map shows its last good version"));
          adw_toast_set_button_label (self->error_toast, _("Show Problems"));
          adw_toast_set_timeout (self->error_toast, 0);
          g_signal_connect_object (self->error_toast, "button-clicked", G_CALLBACK (on_show_problems_cb), self, 0);
          g_signal_connect_object (self->error_toast, "dismissed", G_CALLBACK (on_error_toast_dismissed_cb), self, 0);
          add_toast (self, self->error_toast);
        }
    }
  else if (dataset == NULL)
    {
      g_autofree char *name = g_path_get_basename (load->path);
      /* translators: %s is a folder name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      show_error_dialog (self, heading, error->message);
    }
  else
    {
      g_clear_error (&self->reload_error);
      if (self->error_toast != NULL)
        withdraw_toast (self->error_toast);
      apply_dataset (self, dataset);
      if (load->reload)
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Dataset reloaded")));
    }
  dataset_load_free (load);
}

/* Reads @path on a worker thread; on error the dataset shown stays. */
static void
open_dataset_async (FaWindow   *self,
                    const char *path,
                    gboolean    reload)
{
  DatasetLoad *load;

  if (fa_map_get_geodata (self->map) == NULL)
    {
      /* Region codes are checked against the base map: wait for it. */
      g_free (self->pending_dataset);
      self->pending_dataset = g_strdup (path);
      return;
    }

  load = g_new0 (DatasetLoad, 1);
  load->window = g_object_ref (self);
  load->path = g_strdup (path);
  load->reload = reload;
  load->serial = ++self->open_serial;
  {
    g_autofree char *name = g_filename_display_basename (path);
    /* translators: %s is a folder's name */
    g_autofree char *title = g_strdup_printf (_("Opening “%s”…"), name);

    load->op = begin_operation (self, title);
  }
  self->loads++;
  update_busy (self);
  fa_dataset_load_async (path, fa_map_get_geodata (self->map), load->op->cancellable, on_dataset_loaded_cb, load);
}

static gboolean
reload_cb (gpointer data)
{
  FaWindow *self = data;
  FaDataset *dataset = fa_map_state_get_dataset (self->state);

  self->reload_id = 0;
  if (dataset != NULL)
    open_dataset_async (self, fa_dataset_get_directory (dataset), TRUE);
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
 * Loads @path now and shows it.  On error the dataset shown stays as it
 * was.  The window's own ways of opening (the dialog, recent files, a
 * dropped folder) read the dataset on a worker thread instead.
 */
gboolean
fa_window_open_dataset (FaWindow    *self,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(FaDataset) dataset = NULL;

  g_return_val_if_fail (FA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  dataset = fa_dataset_new_from_directory (path, fa_map_get_geodata (self->map), error);
  if (dataset == NULL)
    return FALSE;

  /* It wins over any load still under way. */
  self->open_serial++;
  g_clear_pointer (&self->pending_dataset, g_free);
  apply_dataset (self, dataset);
  return TRUE;
}

/**
 * fa_window_open_file:
 *
 * Opens what @file is: a dataset folder (or a file inside one) as the
 * dataset, a `.shp` file as a layer.  Problems are shown in a dialog.
 */
void
fa_window_open_file (FaWindow *self,
                     GFile    *file)
{
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;

  g_return_if_fail (FA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      /* translators: %s is a URI */
      g_autofree char *body = g_strdup_printf (_("%s: only local files can be opened"), uri);

      show_error_dialog (self, _("Could Not Open the File"), body);
      return;
    }

  lower = g_ascii_strdown (path, -1);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    open_dataset_async (self, path, FALSE);
  else if (g_str_has_suffix (lower, ".shp"))
    fa_window_add_shapefile_async (self, file);
  else if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".ini"))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      open_dataset_async (self, dir, FALSE);
    }
  else
    {
      g_autofree char *name = g_filename_display_basename (path);
      /* translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      show_error_dialog (self, heading,
                         _("FlowAtlas opens dataset folders (or a .csv file in one) and shapefiles (.shp)."));
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

      if (file != NULL)
        fa_window_open_file (self, file);
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
  open_dataset_async (FA_WINDOW (widget), g_variant_get_string (parameter, NULL), FALSE);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* Full screen for presenting: the map, its timeline and nothing of the
 * window's chrome; F11 leaves it. */
#define TIMELINE_HIDE_MS 3000

static gboolean
hide_timeline_cb (gpointer data)
{
  FaWindow *self = data;

  self->hide_timeline_id = 0;
  if (self->presenting && !self->pointer_on_timeline)
    gtk_widget_set_visible (GTK_WIDGET (self->timeline), FALSE);
  return G_SOURCE_REMOVE;
}

/* While presenting, the timeline shows when the pointer moves or a month
 * is stepped, and gets out of the map's way a moment later. */
static void
show_timeline_for_a_while (FaWindow *self)
{
  if (!self->presenting)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->timeline), TRUE);
  g_clear_handle_id (&self->hide_timeline_id, g_source_remove);
  self->hide_timeline_id = g_timeout_add (TIMELINE_HIDE_MS, hide_timeline_cb, self);
}

static void
on_pointer_moved_cb (GtkEventControllerMotion *controller,
                     double                    x,
                     double                    y,
                     FaWindow                 *self)
{
  show_timeline_for_a_while (self);
}

static void
on_timeline_enter_cb (GtkEventControllerMotion *controller,
                      double                    x,
                      double                    y,
                      FaWindow                 *self)
{
  self->pointer_on_timeline = TRUE;
}

static void
on_timeline_leave_cb (GtkEventControllerMotion *controller,
                      FaWindow                 *self)
{
  self->pointer_on_timeline = FALSE;
  show_timeline_for_a_while (self);
}

/* Presentation: full screen, no chrome; the timeline floats over the
 * bottom of the map with its date large, and hides while the map is left
 * alone; the arrow keys step the months.  Leaving puts everything back
 * where it was. */
static void
set_presenting (FaWindow *self,
                gboolean  presenting)
{
  GtkWidget *timeline = GTK_WIDGET (self->timeline);

  if (self->presenting == presenting)
    return;
  self->presenting = presenting;

  g_object_ref (timeline);
  if (presenting)
    {
      self->flap_was_revealed = adw_flap_get_reveal_flap (self->flap);
      self->details_were_revealed = adw_flap_get_reveal_flap (self->details_flap);
      self->info_was_revealed = adw_flap_get_reveal_flap (self->info_flap);
      adw_flap_set_reveal_flap (self->flap, FALSE);
      adw_flap_set_reveal_flap (self->details_flap, FALSE);
      adw_flap_set_reveal_flap (self->info_flap, FALSE);
      gtk_box_remove (self->map_box, timeline);
      gtk_widget_set_valign (timeline, GTK_ALIGN_END);
      gtk_widget_set_margin_start (timeline, 24);
      gtk_widget_set_margin_end (timeline, 24);
      gtk_widget_set_margin_bottom (timeline, 24);
      gtk_widget_add_css_class (timeline, "presentation");
      gtk_overlay_add_overlay (self->map_overlay, timeline);
    }
  else
    {
      gtk_overlay_remove_overlay (self->map_overlay, timeline);
      gtk_widget_set_valign (timeline, GTK_ALIGN_FILL);
      gtk_widget_set_margin_start (timeline, 0);
      gtk_widget_set_margin_end (timeline, 0);
      gtk_widget_set_margin_bottom (timeline, 0);
      gtk_widget_remove_css_class (timeline, "presentation");
      gtk_box_insert_child_after (self->map_box, timeline, self->timeline_separator);
      adw_flap_set_reveal_flap (self->flap, self->flap_was_revealed);
      adw_flap_set_reveal_flap (self->details_flap, self->details_were_revealed);
      adw_flap_set_reveal_flap (self->info_flap, self->info_was_revealed &&
                                fa_map_state_get_selected (self->state) != NULL);
    }
  g_object_unref (timeline);
  gtk_widget_set_visible (self->timeline_separator, !presenting);
  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), !presenting);
  g_clear_handle_id (&self->hide_timeline_id, g_source_remove);
  gtk_widget_set_visible (timeline, TRUE);
  if (presenting)
    show_timeline_for_a_while (self);
}

static void
present (FaWindow *self,
         gboolean  presenting)
{
  if (presenting == self->presenting)
    return;
  /* The layout changes at once; the window manager follows. */
  set_presenting (self, presenting);
  if (presenting)
    {
      gtk_window_fullscreen (GTK_WINDOW (self));
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Press F11 or Escape to leave full screen")));
    }
  else
    gtk_window_unfullscreen (GTK_WINDOW (self));
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);

  present (self, !self->presenting);
}

/* The window manager may leave full screen on its own. */
static void
on_fullscreened_cb (FaWindow   *self,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  if (!gtk_window_is_fullscreen (GTK_WINDOW (self)))
    set_presenting (self, FALSE);
}

/**
 * fa_window_get_presenting:
 *
 * Returns: whether the window presents the map (full screen, no chrome)
 */
gboolean
fa_window_get_presenting (FaWindow *self)
{
  g_return_val_if_fail (FA_IS_WINDOW (self), FALSE);

  return self->presenting;
}

/* While presenting, the arrow keys step the months, not the map, and
 * Escape leaves. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        modifiers,
                   FaWindow              *self)
{
  int step = 0;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean typing = focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT (focus));

  /* Ctrl+Shift+A, every category: lists and tables bind it too (to
   * unselect all), so it would do nothing with the focus in the sidebar's
   * categories or in the table.  In an entry it stays the entry's. */
  if (!typing && (modifiers & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) == (GDK_CONTROL_MASK | GDK_SHIFT_MASK) &&
      (keyval == GDK_KEY_a || keyval == GDK_KEY_A))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.preset", "s", "all");
      return TRUE;
    }

  /* The timeline's keys work wherever the focus is, the map included,
   * except where they are text: in an entry, or on a button or a list
   * row that Space activates. */
  if (!self->presenting && !(modifiers & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) && !typing)
    {
      gboolean activatable = focus != NULL && (GTK_IS_BUTTON (focus) || GTK_IS_LIST_BOX_ROW (focus) ||
                                               GTK_IS_CHECK_BUTTON (focus) || GTK_IS_SWITCH (focus));

      switch (keyval)
        {
        case GDK_KEY_space:
          if (activatable)
            return FALSE;
          gtk_widget_activate_action (GTK_WIDGET (self), "win.play", NULL);
          return TRUE;
        case GDK_KEY_Page_Up:
        case GDK_KEY_Page_Down:
          gtk_widget_activate_action (GTK_WIDGET (self), "win.step", "i", keyval == GDK_KEY_Page_Up ? -12 : 12);
          return TRUE;
        case GDK_KEY_Escape:
          /* Closes the details, and the selection with them. */
          if (fa_map_state_get_selected (self->state) == NULL)
            return FALSE;
          fa_map_state_set_selected (self->state, NULL);
          return TRUE;
        default:
          break;
        }
    }

  if (!self->presenting || (modifiers & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
      step = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
      step = 1;
      break;
    case GDK_KEY_Escape:
      present (self, FALSE);
      return TRUE;
    default:
      return FALSE;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.step", "i", step);
  show_timeline_for_a_while (self);
  return TRUE;
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

/* Alt+1, Alt+2, Alt+3: the timeline's modes, as its menu names them. */
static void
time_mode_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);
  const char *nick = g_variant_get_string (parameter, NULL);
  g_autoptr(GEnumClass) modes = g_type_class_ref (FA_TYPE_TIME_MODE);
  GEnumValue *mode = g_enum_get_value_by_nick (modes, nick);

  if (mode == NULL || mode->value == FA_TIME_MODE_ALL)
    {
      g_warning ("no time mode '%s'", nick);
      return;
    }
  fa_map_state_set_time_mode (self->state, mode->value);
}

/* --- Layers --------------------------------------------------------------- */

static void
on_undo_toast_dismissed_cb (AdwToast *toast,
                            FaWindow *self)
{
  /* Gone with its toast: only the latest removal can be undone. */
  if (self->undo_toast == toast)
    {
      self->undo_toast = NULL;
      g_clear_object (&self->removed_layer);
  g_clear_pointer (&self->filter_hidden, g_strfreev);
    }
}

/* A removed layer can be put back from the toast that says so, at the
 * place it had. */
static void
remove_layer_with_undo (FaWindow   *self,
                        FaMapLayer *layer)
{
  g_autoptr(FaMapLayer) removed = g_object_ref (layer);
  g_autofree char *title = NULL;
  guint position;
  AdwToast *toast;

  position = fa_map_remove_user_layer (self->map, layer);
  if (position == G_MAXUINT || !FA_IS_SHAPE_LAYER (removed))
    return;

  g_set_object (&self->removed_layer, FA_SHAPE_LAYER (removed));
  self->removed_position = position;

  /* translators: %s is the name of a map layer the user removed */
  title = g_strdup_printf (_("“%s” removed"), fa_map_layer_get_title (removed));
  if (self->undo_toast != NULL)
    {
      retitle_toast (self, self->undo_toast, title);
      return;
    }
  toast = toast_new_text (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-remove-layer");
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self, 0);
  self->undo_toast = toast;
  add_toast (self, toast);
}

static void
on_remove_layer_clicked_cb (GtkButton *button,
                            FaWindow  *self)
{
  remove_layer_with_undo (self, g_object_get_data (G_OBJECT (button), "fa-layer"));
}

static void
undo_remove_layer_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);
  g_autoptr(FaShapeLayer) layer = g_steal_pointer (&self->removed_layer);

  if (layer == NULL)
    return;
  fa_map_insert_user_layer (self->map, layer, self->removed_position);
  if (self->undo_toast != NULL)
    withdraw_toast (self->undo_toast);
}

/**
 * fa_window_remove_layer:
 * @self: a #FaWindow
 * @layer: one of the user's layers
 *
 * Removes @layer as its row's Remove button does, with a toast that
 * offers to undo it.
 */
void
fa_window_remove_layer (FaWindow   *self,
                        FaMapLayer *layer)
{
  g_return_if_fail (FA_IS_WINDOW (self));
  g_return_if_fail (FA_IS_MAP_LAYER (layer));

  remove_layer_with_undo (self, layer);
}

static void
on_label_field_selected_cb (GtkDropDown *drop_down,
                            GParamSpec  *pspec,
                            gpointer     user_data)
{
  FaShapeLayer *layer = g_object_get_data (G_OBJECT (drop_down), "fa-layer");
  guint selected = gtk_drop_down_get_selected (drop_down);
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);

  fa_shape_layer_set_label_field (layer, selected == 0 || item == NULL ? NULL : gtk_string_object_get_string (item));
}

static GtkWidget *
create_layer_row (gpointer item,
                  gpointer user_data)
{
  FaWindow *self = user_data;
  FaMapLayer *layer = item;
  GtkWidget *row, *check, *remove;
  g_autofree char *summary = fa_map_layer_dup_summary (layer);
  GListModel *user_layers = fa_map_state_get_user_layers (self->state);
  gboolean removable = FALSE;

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

  /* The user's own layers can be removed; the base map cannot. */
  for (guint i = 0; i < g_list_model_get_n_items (user_layers) && !removable; i++)
    {
      g_autoptr(GObject) user_layer = g_list_model_get_item (user_layers, i);

      removable = user_layer == (GObject *) layer;
    }
  /* A layer of points is labelled by one of its attributes, or not. */
  if (FA_IS_SHAPE_LAYER (layer) &&
      fa_feature_layer_get_geometry_type (fa_shape_layer_get_features (FA_SHAPE_LAYER (layer))) == FA_GEOMETRY_POINT &&
      fa_feature_layer_get_source (fa_shape_layer_get_features (FA_SHAPE_LAYER (layer))) != NULL)
    {
      FaShapefile *source = fa_feature_layer_get_source (fa_shape_layer_get_features (FA_SHAPE_LAYER (layer)));
      g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
      const char *current = fa_shape_layer_get_label_field (FA_SHAPE_LAYER (layer));
      GtkWidget *labels;
      guint selected = 0;

      gtk_string_list_append (fields, _("No Labels"));
      for (guint f = 0; f < fa_shapefile_get_n_fields (source); f++)
        {
          gtk_string_list_append (fields, fa_shapefile_get_field_name (source, f));
          if (g_strcmp0 (fa_shapefile_get_field_name (source, f), current) == 0)
            selected = f + 1;
        }
      labels = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&fields)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (labels), selected);
      gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (labels, _("Label Points By"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (labels),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Label Points By"), -1);
      g_object_set_data_full (G_OBJECT (labels), "fa-layer", g_object_ref (layer), g_object_unref);
      g_signal_connect (labels, "notify::selected", G_CALLBACK (on_label_field_selected_cb), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), labels);
    }

  if (removable)
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
  GListModel *user_layers = fa_map_state_get_user_layers (self->state);
  FaMapLayer *basemap = fa_map_get_base_layer (self->map);

  /* The sidebar lists the user layers, newest first, then the base map. */
  g_list_store_remove_all (self->sidebar_layers);
  for (guint i = g_list_model_get_n_items (user_layers); i > 0; i--)
    {
      g_autoptr(FaMapLayer) layer = g_list_model_get_item (user_layers, i - 1);

      g_list_store_append (self->sidebar_layers, layer);
    }
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
on_renderer_cb (FaWindow   *self,
                GParamSpec *pspec,
                FaMap      *map)
{
  FaProjection *projection = fa_map_get_projection (map);

  rebuild_layer_list (self);
  if (projection != NULL)
    adw_window_title_set_subtitle (self->window_title, fa_projection_get_title (projection));
}

static void
on_map_busy_cb (FaWindow   *self,
                GParamSpec *pspec,
                FaMap      *map)
{
  update_busy (self);
}

static void
on_map_error_cb (FaWindow     *self,
                 const GError *error,
                 FaMap        *map)
{
  show_error_dialog (self, _("Could Not Change the Projection"), error->message);
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

static gboolean
reveal_sidebar_idle_cb (gpointer data)
{
  FaWindow *self = data;

  if (self->flap != NULL)
    adw_flap_set_reveal_flap (self->flap, TRUE);
  return G_SOURCE_REMOVE;
}

/* Shows the layers sidebar.  HACK: AdwFlap 1.2 animating its reveal
 * before it has been laid out allocates a negative width (a warning);
 * there, reveal it once the window has drawn. */
static void
reveal_sidebar (FaWindow *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self->flap)) && gtk_widget_get_width (GTK_WIDGET (self->flap)) > 0)
    adw_flap_set_reveal_flap (self->flap, TRUE);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, 250, reveal_sidebar_idle_cb, g_object_ref (self), g_object_unref);
}

/**
 * fa_window_set_projection:
 * @definition: a preset id, a PROJ string or an EPSG code
 *
 * Re-projects the base map and every user layer now.  On error nothing
 * changes.  The projection menu does the same on a worker thread,
 * through the state.
 */
gboolean
fa_window_set_projection (FaWindow    *self,
                          const char  *definition,
                          GError     **error)
{
  g_return_val_if_fail (FA_IS_WINDOW (self), FALSE);

  return fa_map_set_projection (self->map, definition, error);
}

static void
on_layer_warnings_cb (AdwToast *toast,
                      FaWindow *self)
{
  show_error_dialog (self, _("Problems in the Shapefile"),
                     g_object_get_data (G_OBJECT (toast), "warnings"));
}

/* Says that @layer was added; what the loader could not read (an unusable
 * .prj, an unreadable .dbf) stays one click away. */
static void
announce_layer (FaWindow     *self,
                FaShapeLayer *layer)
{
  FaShapefile *shp = fa_feature_layer_get_source (fa_shape_layer_get_features (layer));
  const char * const *warnings = fa_shapefile_get_warnings (shp);
  const char *name = fa_map_layer_get_title (FA_MAP_LAYER (layer));
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (warnings[0] == NULL)
    /* translators: %s is a layer's name */
    title = g_strdup_printf (_("Added “%s”"), name);
  else
    /* translators: %s is a layer's name */
    title = g_strdup_printf (_("Added “%s” with problems"), name);

  toast = toast_new_text (title);
  if (warnings[0] != NULL)
    {
      g_object_set_data_full (G_OBJECT (toast), "warnings",
                              g_strjoinv ("\n\n", (char **) warnings), g_free);
      adw_toast_set_button_label (toast, _("Show Problems"));
      adw_toast_set_timeout (toast, 0);
      g_signal_connect (toast, "button-clicked", G_CALLBACK (on_layer_warnings_cb), self);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * fa_window_add_shapefile:
 *
 * Reads @file now and adds it as a layer above the base map.  On error
 * the map is unchanged.
 */
gboolean
fa_window_add_shapefile (FaWindow  *self,
                         GFile     *file,
                         GError   **error)
{
  g_autoptr(FaShapefile) shp = NULL;
  FaShapeLayer *layer;
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

  shp = fa_shapefile_load (path, error);
  if (shp == NULL || (layer = fa_map_add_shapefile (self->map, shp, error)) == NULL)
    return FALSE;

  reveal_sidebar (self);
  announce_layer (self, layer);
  return TRUE;
}

typedef struct
{
  FaWindow  *window;  /* owned */
  Operation *op;      /* owned by the window's list until ended */
} OperationDone;

static void
on_shapefile_added_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  OperationDone *done = user_data;
  g_autoptr(FaWindow) self = done->window;
  g_autoptr(GError) error = NULL;
  FaShapeLayer *layer;

  end_operation (self, done->op);
  g_free (done);
  layer = fa_map_add_shapefile_finish (FA_MAP (object), result, &error);
  if (self->map == NULL)
    return;
  if (layer == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_dialog (self, _("Could Not Add the Shapefile"), error->message);
      return;
    }

  reveal_sidebar (self);
  announce_layer (self, layer);
}

/**
 * fa_window_add_shapefile_async:
 *
 * Reads and projects @file on a worker thread, then adds it as a layer;
 * problems are shown in a dialog.
 */
void
fa_window_add_shapefile_async (FaWindow *self,
                               GFile    *file)
{
  g_return_if_fail (FA_IS_WINDOW (self));

  /* Opened at start-up, before the base map is read: wait for it. */
  if (fa_map_get_renderer (self->map) == NULL)
    {
      g_ptr_array_add (self->pending_layers, g_object_ref (file));
      return;
    }
  {
    OperationDone *done = g_new0 (OperationDone, 1);
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *display = g_filename_display_name (name);
    /* translators: %s is a file's name */
    g_autofree char *title = g_strdup_printf (_("Opening “%s”…"), display);

    done->window = g_object_ref (self);
    done->op = begin_operation (self, title);
    fa_map_add_shapefile_async (self->map, file, done->op->cancellable, on_shapefile_added_cb, done);
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

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          fa_window_add_shapefile_async (self, file);
        }
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

/* --- Export --------------------------------------------------------------- */

typedef struct
{
  FaWindow  *window;  /* owned */
  char      *path;    /* owned */
  Operation *op;      /* owned by the window's list until ended */
} ExportDone;

/* Ends the operation of @done and frees it, enabling @action again.
 * Returns: (transfer full): the window; @path: (transfer full) */
static FaWindow *
export_done_end (ExportDone  *done,
                 const char  *action,
                 char       **path)
{
  FaWindow *self = done->window;

  *path = done->path;
  end_operation (self, done->op);
  g_free (done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), action, TRUE);

  return self;
}

/* A file written: a toast offers to open it or show it in its folder. */
static void
announce_export (FaWindow   *self,
                 const char *path)
{
  g_autofree char *name = g_filename_display_basename (path);
  /* translators: %s is a file name */
  g_autofree char *title = g_strdup_printf (_("Exported “%s”"), name);
  AdwToast *toast = toast_new_text (title);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *folder = gtk_button_new_with_mnemonic (_("Show in _Folder"));

  /* A toast has one button of its own: the other goes beside the title. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (folder, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (folder), "win.show-in-folder");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (folder), "s", path);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), folder);
  adw_toast_set_custom_title (toast, box);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-file");
  adw_toast_set_action_target_value (toast, g_variant_new_string (path));
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_exported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(FaWindow) self = export_done_end (user_data, "win.export", &path);
  g_autoptr(GError) error = NULL;

  if (self->map == NULL)
    return;
  if (!fa_map_export_finish (FA_MAP (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_dialog (self, _("Could Not Export the Map"), error->message);
      return;
    }
  announce_export (self, path);
}

/* The exported file, in the application the desktop opens it with. */
static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

static void
open_folder_of (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *uri = g_file_get_uri (parent);

  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static void
on_show_items_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      /* No file manager that selects a file: open its folder. */
      g_debug ("FileManager1.ShowItems: %s", error->message);
      open_folder_of (file);
    }
}

/* The exported file selected in its folder (the FileManager1 interface
 * of Files, Dolphin, Nemo and others). */
static void
show_in_folder_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GFile *file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autofree char *uri = g_file_get_uri (file);
  const char *uris[] = { uri, NULL };
  GDBusConnection *bus = g_application_get_dbus_connection (g_application_get_default ());

  if (bus == NULL)
    {
      open_folder_of (file);
      g_object_unref (file);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                          on_show_items_cb, file);
}

/* The area in view, fitted to @width × @height (0: the view's size). */
static FaViewport *
fit_viewport (FaWindow *self,
              int       width,
              int       height)
{
  FaViewport *viewport = fa_viewport_copy (fa_map_state_get_viewport (self->state));
  FaRect visible;

  if (width > 0 && height > 0)
    {
      fa_viewport_get_visible_rect (viewport, &visible);
      fa_viewport_set_size (viewport, width, height);
      fa_viewport_fit_rect (viewport, &visible, 0);
    }

  return viewport;
}

/**
 * fa_window_export_async:
 * @path: a `.png`, `.svg` or `.pdf` file
 * @width: the size of the picture, or 0 for the map's size on screen
 * @height: likewise
 * @pixel_scale: pixel density of a PNG
 *
 * Draws the map as the window shows it (date, categories, layers,
 * projection and the area in view, fitted to the size) on a worker
 * thread; the window stays usable.
 */
static void
export_with (FaWindow            *self,
             const char          *path,
             int                  width,
             int                  height,
             double               pixel_scale,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(FaViewport) viewport = fit_viewport (self, width, height);

  fa_map_export_async (self->map, viewport, fa_map_style_get (FA_MAP_STYLE_PRINT), pixel_scale, path,
                       cancellable, callback, user_data);
}

void
fa_window_export_async (FaWindow            *self,
                        const char          *path,
                        int                  width,
                        int                  height,
                        double               pixel_scale,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (FA_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  export_with (self, path, width, height, pixel_scale, self->cancellable, callback, user_data);
}

/* Copy: the map as the window shows it, drawn by the export path on a
 * worker into a PNG in the user's cache (at twice the screen's pixels),
 * then put on the clipboard as an image for slides and e-mail. */
static void
on_copied_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(FaWindow) self = export_done_end (user_data, "win.copy-map", &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (self->map == NULL)
    return;
  if (fa_map_export_finish (FA_MAP (object), result, &error))
    texture = gdk_texture_new_from_filename (path, &error);
  g_unlink (path);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_dialog (self, _("Could Not Copy the Map"), error->message);
      return;
    }

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Map copied as an image")));
}

static void
copy_map_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "flowatlas", NULL);
  g_autoptr(GError) error = NULL;
  ExportDone *done;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dir);
      g_autofree char *body = g_strdup_printf ("%s: %s", name, g_strerror (saved));

      show_error_dialog (self, _("Could Not Copy the Map"), body);
      return;
    }

  done = g_new0 (ExportDone, 1);
  done->window = g_object_ref (self);
  done->path = g_build_filename (dir, "clipboard.png", NULL);
  done->op = begin_operation (self, _("Copying the map…"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-map", FALSE);
  export_with (self, done->path, 0, 0, 2.0, done->op->cancellable, on_copied_cb, done);
}

static void
on_export_dialog_export_cb (FaWindow       *self,
                            const char     *path,
                            FaExportDialog *dialog)
{
  ExportDone *done = g_new0 (ExportDone, 1);
  g_autofree char *name = g_filename_display_basename (path);
  /* translators: %s is a file's name */
  g_autofree char *title = g_strdup_printf (_("Exporting “%s”…"), name);

  done->window = g_object_ref (self);
  done->path = g_strdup (path);
  done->op = begin_operation (self, title);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
  fa_export_dialog_export_async (dialog, path, done->op->cancellable, on_exported_cb, done);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_export_dialog_destroy_cb (FaWindow  *self,
                             GtkWidget *dialog)
{
  if ((GtkWidget *) self->export_dialog == dialog)
    self->export_dialog = NULL;
}

/* Ctrl+E: the dialog sets up size, format and wording with a preview;
 * the export itself runs on a worker once a file is chosen. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);

  if (self->export_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->export_dialog));
      return;
    }
  if (self->map == NULL || fa_map_get_renderer (self->map) == NULL)
    return;

  self->export_dialog = fa_export_dialog_new (GTK_WINDOW (self), self->map);
  g_signal_connect_object (self->export_dialog, "export", G_CALLBACK (on_export_dialog_export_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->export_dialog, "destroy", G_CALLBACK (on_export_dialog_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->export_dialog));
}

/**
 * fa_window_get_export_dialog:
 *
 * Returns: (transfer none) (nullable): the export dialog, while open
 */
FaExportDialog *
fa_window_get_export_dialog (FaWindow *self)
{
  g_return_val_if_fail (FA_IS_WINDOW (self), NULL);

  return self->export_dialog;
}

/* --- Animation ------------------------------------------------------------ */

/* On the main thread, as frames are written. */
static void
on_animation_progress_cb (guint    done,
                          guint    total,
                          gpointer user_data)
{
  ExportDone *export = user_data;
  /* translators: progress of an animated export: frames written, of how many */
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "Exporting animation… %u of %u frame",
                                                         "Exporting animation… %u of %u frames", total),
                                            done, total);

  set_operation_progress (export->window, export->op, title, total > 0 ? (double) done / total : 0);
}

static void
on_animation_exported_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(FaWindow) self = export_done_end (user_data, "win.export-animation", &path);
  g_autoptr(GError) error = NULL;

  /* A failed or cancelled animation leaves no file (see fa_animation_export()). */
  if (!fa_animation_export_finish (result, &error))
    {
      if (self->map != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_dialog (self, _("Could Not Export the Animation"), error->message);
      return;
    }
  if (self->map != NULL)
    announce_export (self, path);
}

/* The file is chosen: the window's map as it is now, its view fitted to
 * the frames, played from the dialog's first month to its last. */
static void
on_animation_dialog_export_cb (FaWindow          *self,
                               const char        *path,
                               FaAnimationDialog *dialog)
{
  FaRenderer *renderer = fa_map_get_renderer (self->map);
  g_autoptr(FaViewport) viewport = NULL;
  g_autoptr(FaMapSnapshot) state = NULL;
  g_autoptr(FaMapSnapshot) snapshot = NULL;
  ExportDone *done;
  int width, height;

  if (renderer == NULL)
    return;

  fa_animation_dialog_get_size (dialog, &width, &height);
  viewport = fit_viewport (self, width, height);
  state = fa_map_state_snapshot (self->state);
  snapshot = fa_map_snapshot_copy (state);
  /* Nothing the pointer happens to be over goes into a file. */
  g_clear_object (&snapshot->hovered);

  done = g_new0 (ExportDone, 1);
  done->window = g_object_ref (self);
  done->path = g_strdup (path);
  done->op = begin_operation (self, _("Exporting animation…"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-animation", FALSE);
  fa_animation_export_async (renderer, viewport, fa_map_style_get (FA_MAP_STYLE_PRINT), snapshot,
                             fa_animation_dialog_get_from (dialog), fa_animation_dialog_get_to (dialog),
                             fa_animation_dialog_get_fps (dialog), fa_animation_dialog_get_speed (dialog),
                             path, on_animation_progress_cb, done, done->op->cancellable,
                             on_animation_exported_cb, done);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_animation_dialog_destroy_cb (FaWindow  *self,
                                GtkWidget *dialog)
{
  if ((GtkWidget *) self->animation_dialog == dialog)
    self->animation_dialog = NULL;
}

/* Ctrl+Shift+E: the months, pace, format and size of a video of the
 * timeline's playback; it is drawn on a worker once a file is chosen,
 * with progress and Cancel over the map. */
static void
export_animation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  FaWindow *self = FA_WINDOW (widget);

  if (self->animation_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->animation_dialog));
      return;
    }
  if (self->map == NULL || fa_map_get_renderer (self->map) == NULL)
    return;

  self->animation_dialog = fa_animation_dialog_new (GTK_WINDOW (self), self->map);
  g_signal_connect_object (self->animation_dialog, "export", G_CALLBACK (on_animation_dialog_export_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->animation_dialog, "destroy", G_CALLBACK (on_animation_dialog_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->animation_dialog));
}

/**
 * fa_window_get_animation_dialog:
 *
 * Returns: (transfer none) (nullable): the Export Animation dialog,
 *   while open
 */
FaAnimationDialog *
fa_window_get_animation_dialog (FaWindow *self)
{
  g_return_val_if_fail (FA_IS_WINDOW (self), NULL);

  return self->animation_dialog;
}

/* --- Printing ------------------------------------------------------------- */

/* A4 landscape; the map fills the printable area inside the paper's
 * margins. */
static GtkPageSetup *
default_page_setup (void)
{
  GtkPageSetup *page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (page_setup, a4);
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_LANDSCAPE);

  return page_setup;
}

static void
on_print_cancelled_cb (GCancellable *cancellable,
                       gpointer      data)
{
  fa_print_operation_cancel (FA_PRINT_OPERATION (data));
}

/* The dialog is closed and the page is being drawn: the bar over the map
 * says so, and its Cancel stops printing. */
static void
on_print_begin_cb (FaWindow          *self,
                   GtkPrintContext   *context,
                   GtkPrintOperation *print)
{
  Operation *op;

  if (self->print_progress != NULL)
    return;

  op = begin_operation (self, _("Printing…"));
  self->print_progress = op;
  self->print_cancel_id = g_cancellable_connect (op->cancellable, G_CALLBACK (on_print_cancelled_cb),
                                                 g_object_ref (print), g_object_unref);
}

static void
end_print_progress (FaWindow *self)
{
  Operation *op = g_steal_pointer (&self->print_progress);

  if (op == NULL)
    return;
  g_cancellable_disconnect (op->cancellable, self->print_cancel_id);
  self->print_cancel_id = 0;
  end_operation (self, op);
}

static void
on_print_done_cb (FaWindow                *self,
                  GtkPrintOperationResult  result,
                  GtkPrintOperation       *print)
{
  g_autoptr(GError) error = NULL;
  const GError *draw_error = fa_print_operation_get_draw_error (FA_PRINT_OPERATION (print));

  end_print_progress (self);
  switch (result)
    {
    case GTK_PRINT_OPERATION_RESULT_APPLY:
      /* The next print starts from this one's printer, paper and options. */
      g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (print));
      if (gtk_print_operation_get_default_page_setup (print) != NULL)
        g_set_object (&self->page_setup, gtk_print_operation_get_default_page_setup (print));
      break;

    case GTK_PRINT_OPERATION_RESULT_ERROR:
      {
        g_autofree char *export_filename = NULL;
        g_autofree char *body = NULL;
        const char *reason;

        gtk_print_operation_get_error (print, &error);
        reason = error != NULL ? error->message : _("The printing system gave no reason.");
        /* Cairo's reasons do not say which file. */
        g_object_get (print, "export-filename", &export_filename, NULL);
        if (export_filename != NULL)
          {
            g_autofree char *display = g_filename_display_name (export_filename);

            body = g_strdup_printf ("%s: %s", display, reason);
          }
        show_error_dialog (self, _("Could Not Print the Map"), body != NULL ? body : reason);
      }
      break;

    case GTK_PRINT_OPERATION_RESULT_CANCEL:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
    default:
      if (draw_error != NULL)
        show_error_dialog (self, _("Could Not Print the Map"), draw_error->message);
      break;
    }

  if ((GtkPrintOperation *) self->print_operation == print)
    g_clear_object (&self->print_operation);
}

/**
 * fa_window_print:
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, as Print does, or
 *   %GTK_PRINT_OPERATION_ACTION_EXPORT to write @export_filename
 * @export_filename: (nullable): a PDF file, for export
 *
 * Prints the map as the window shows it on one page of the window's page
 * setup, drawn on a worker; a failure is shown in a message dialog.  Does
 * nothing while a print is under way or before the base map is loaded.
 */
void
fa_window_print (FaWindow                *self,
                 GtkPrintOperationAction  action,
                 const char              *export_filename)
{
  GtkPrintOperation *print;

  g_return_if_fail (FA_IS_WINDOW (self));
  g_return_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_filename != NULL);

  if (self->print_operation != NULL || self->map == NULL || fa_map_get_renderer (self->map) == NULL)
    return;

  self->print_operation = fa_print_operation_new (self->map);
  print = GTK_PRINT_OPERATION (self->print_operation);
  gtk_print_operation_set_default_page_setup (print, self->page_setup);
  {
    g_autoptr(GtkPrintSettings) settings = self->print_settings != NULL
                                           ? gtk_print_settings_copy (self->print_settings)
                                           : gtk_print_settings_new ();
    g_autofree char *job_name = NULL;

    /* Print to File offers a file named after the map, not "output",
     * until the user has picked one. */
    g_object_get (print, "job-name", &job_name, NULL);
    if (!gtk_print_settings_has_key (settings, GTK_PRINT_SETTINGS_OUTPUT_URI) && job_name != NULL)
      gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME,
                              g_strdelimit (job_name, G_DIR_SEPARATOR_S, '-'));
    gtk_print_operation_set_print_settings (print, settings);
  }
  g_signal_connect_object (print, "begin-print", G_CALLBACK (on_print_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (print, "done", G_CALLBACK (on_print_done_cb), self, G_CONNECT_SWAPPED);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (print, export_filename);
  /* Whatever the outcome, "done" follows, and says it. */
  gtk_print_operation_run (print, action, GTK_WINDOW (self), NULL);
}

/* Ctrl+P: the print dialog, with the paper and orientation on its Page
 * Setup tab (GTK 4.8's separate Page Setup dialog shows every orientation
 * as chosen, so there is none); the page is drawn on a worker once the
 * dialog is closed. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  fa_window_print (FA_WINDOW (widget), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL);
}

/**
 * fa_window_get_page_setup:
 *
 * Returns: (transfer none): the paper, orientation and margins the next
 *   print starts from: A4 landscape at first, then the last print's
 */
GtkPageSetup *
fa_window_get_page_setup (FaWindow *self)
{
  g_return_val_if_fail (FA_IS_WINDOW (self), NULL);

  return self->page_setup;
}

/* --- Window --------------------------------------------------------------- */

static gboolean
on_drop_cb (FaWindow      *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    fa_window_open_file (self, l->data);

  return TRUE;
}

static void
on_map_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fa_map_load_finish (FA_MAP (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_dialog (self, _("Could Not Load the Base Map"), error->message);
      return;
    }

  if (self->pending_dataset != NULL)
    {
      g_autofree char *path = g_steal_pointer (&self->pending_dataset);

      open_dataset_async (self, path, FALSE);
    }
  {
    g_autoptr(GPtrArray) files = g_steal_pointer (&self->pending_layers);

    self->pending_layers = g_ptr_array_new_with_free_func (g_object_unref);
    for (guint i = 0; i < files->len; i++)
      fa_window_add_shapefile_async (self, g_ptr_array_index (files, i));
  }
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

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  /* The callbacks still run (they hold the window) and end them. */
  for (guint i = 0; self->operations != NULL && i < self->operations->len; i++)
    g_cancellable_cancel (((Operation *) g_ptr_array_index (self->operations, i))->cancellable);
  /* A print dialog still open has nothing to tell a closed window. */
  if (self->print_operation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->print_operation, self);
      fa_print_operation_cancel (self->print_operation);
      g_clear_object (&self->print_operation);
    }
  end_print_progress (self);
  g_clear_object (&self->page_setup);
  g_clear_object (&self->print_settings);
  g_clear_handle_id (&self->progress_show_id, g_source_remove);
  g_clear_handle_id (&self->progress_pulse_id, g_source_remove);
  g_clear_handle_id (&self->hide_timeline_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* GSettings actions outlive the window otherwise, and would notify a
   * disposed action group when the settings change. */
  g_action_map_remove_action (G_ACTION_MAP (self), "projection");
  g_action_map_remove_action (G_ACTION_MAP (self), "show-regions");
  g_action_map_remove_action (G_ACTION_MAP (self), "rescale-widths");
  g_action_map_remove_action (G_ACTION_MAP (self), "arrow-labels");
  g_action_map_remove_action (G_ACTION_MAP (self), "undated-every-month");
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
  g_clear_error (&self->reload_error);
  g_signal_handlers_disconnect_by_data (gtk_recent_manager_get_default (), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FA_TYPE_WINDOW);
  if (self->map != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->map, self);
      g_signal_handlers_disconnect_by_data (self->state, self);
      g_signal_handlers_disconnect_by_data (fa_map_state_get_user_layers (self->state), self);
    }
  self->state = NULL;
  g_clear_object (&self->map);
  g_clear_object (&self->sidebar_layers);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending_dataset, g_free);
  g_clear_pointer (&self->pending_layers, g_ptr_array_unref);
  g_clear_object (&self->removed_layer);

  G_OBJECT_CLASS (fa_window_parent_class)->dispose (object);
}

static void
fa_window_finalize (GObject *object)
{
  FaWindow *self = FA_WINDOW (object);

  g_clear_pointer (&self->operations, g_ptr_array_unref);

  G_OBJECT_CLASS (fa_window_parent_class)->finalize (object);
}

static void
fa_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FaWindow *self = FA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;

    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_window_class_init (FaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = fa_window_dispose;
  object_class->finalize = fa_window_finalize;
  object_class->get_property = fa_window_get_property;
  window_class->close_request = fa_window_close_request;

  /**
   * FaWindow:map:
   *
   * The map document the window shows; the template binds the map view
   * to it.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, FA_TYPE_MAP,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * FaWindow:state:
   *
   * The map's state; the template binds the timeline, the flows table
   * and the details pane to it.
   */
  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, FA_TYPE_MAP_STATE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FA_TYPE_MAP_VIEW);
  g_type_ensure (FA_TYPE_TIMELINE);
  g_type_ensure (FA_TYPE_FLOW_TABLE);
  g_type_ensure (FA_TYPE_ITEM_TABLE);
  g_type_ensure (FA_TYPE_DETAILS_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/fa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, layer_list);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, category_list);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, preset_box);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, details_flap);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, info_flap);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, table_stack);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, min_count_row);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, clustering_row);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, top_row);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, table_switcher);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, place_table);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, event_table);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, role_table);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, map_box);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, map_overlay);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, timeline_separator);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, flow_table);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, details_pane);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_map_item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_details_close_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_info_revealed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_revealed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_event_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_hover_text_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.add-shapefile", NULL, add_shapefile_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-animation", NULL, export_animation_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  gtk_widget_class_install_action (widget_class, "win.show-in-folder", "s", show_in_folder_action);
  gtk_widget_class_install_action (widget_class, "win.undo-remove-layer", NULL, undo_remove_layer_action);
  gtk_widget_class_install_action (widget_class, "win.undo-filter", NULL, undo_filter_action);
  gtk_widget_class_install_action (widget_class, "win.copy-map", NULL, copy_map_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-operations", NULL, cancel_operations_action);
  gtk_widget_class_install_action (widget_class, "win.open-dataset", NULL, open_dataset_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.preset", "s", preset_action);
  gtk_widget_class_install_action (widget_class, "win.preset-number", "i", preset_number_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-table", NULL, toggle_table_action);
  gtk_widget_class_install_action (widget_class, "win.search-flows", NULL, search_flows_action);
  for (int n = 1; n <= 9; n++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + n, GDK_CONTROL_MASK, "win.preset-number", "i", n);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.preset", "s", "all");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.toggle-table", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search-flows", NULL);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.step", "i", step_action);
  gtk_widget_class_install_action (widget_class, "win.time-mode", "s", time_mode_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-dataset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.time-mode", "s", "at");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.time-mode", "s", "cumulative");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.time-mode", "s", "window");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "win.step", "i", -12);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "win.step", "i", 12);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.add-shapefile", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-animation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.copy-map", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "map.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "map.zoom-out", NULL);
}

static void
fa_window_init (FaWindow *self)
{
  g_autoptr(GVariant) saved_extent = NULL;
  GtkDropTarget *drop;
  gsize n_extent = 0;

  /* The document first: the template binds its widgets to it. */
  self->map = fa_map_new (NULL);
  self->state = fa_map_get_state (self->map);
  self->cancellable = g_cancellable_new ();
  self->operations = g_ptr_array_new_with_free_func ((GDestroyNotify) operation_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-operations", FALSE);
  self->pending_layers = g_ptr_array_new_with_free_func (g_object_unref);
  self->page_setup = default_page_setup ();
  self->settings = g_settings_new (SCHEMA_ID);

  /* The state follows the saved settings and writes them back: the
   * settings are the memory of the state, nothing else. */
  g_settings_bind (self->settings, "projection", self->state, "projection", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "hidden-categories", self->state, "hidden-categories", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "time-mode", self->state, "time-mode", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-from", self->state, "from", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "month", self->state, "month", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "rescale-widths", self->state, "rescale-widths", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "undated-every-month", self->state, "undated-every-month", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-regions", self->state, "show-regions", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "arrow-labels", self->state, "arrow-labels", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "clustering", self->state, "clustering", G_SETTINGS_BIND_DEFAULT);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self->map, "geodata", self->role_table, "geodata", G_BINDING_SYNC_CREATE);
  setup_thresholds (self);
  /* Four tabs as wide as their names, so that they fit the table's width
   * in every language. */
  gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (self->table_switcher)), FALSE);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (on_fullscreened_cb), NULL);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    /* Before the map's own arrow-key panning. */
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  {
    GtkEventController *motion = gtk_event_controller_motion_new ();
    GtkEventController *on_timeline = gtk_event_controller_motion_new ();

    g_signal_connect (motion, "motion", G_CALLBACK (on_pointer_moved_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->map_overlay), motion);
    g_signal_connect (on_timeline, "enter", G_CALLBACK (on_timeline_enter_cb), self);
    g_signal_connect (on_timeline, "leave", G_CALLBACK (on_timeline_leave_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->timeline), on_timeline);
  }

  self->sidebar_layers = g_list_store_new (FA_TYPE_MAP_LAYER);
  gtk_list_box_bind_model (self->layer_list, G_LIST_MODEL (self->sidebar_layers), create_layer_row, self, NULL);
  g_signal_connect_object (fa_map_state_get_user_layers (self->state), "items-changed",
                           G_CALLBACK (on_user_layers_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map, "notify::renderer", G_CALLBACK (on_renderer_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map, "notify::busy", G_CALLBACK (on_map_busy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map, "error", G_CALLBACK (on_map_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::hidden-categories", G_CALLBACK (on_hidden_categories_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::selected", G_CALLBACK (on_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed", G_CALLBACK (rebuild_recent_menu),
                           self, G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* The settings are the state behind the view actions. */
  {
    g_autoptr(GAction) projection_action = g_settings_create_action (self->settings, "projection");
    g_autoptr(GAction) regions_action = g_settings_create_action (self->settings, "show-regions");
    g_autoptr(GAction) rescale_action = g_settings_create_action (self->settings, "rescale-widths");
    g_autoptr(GAction) undated_action = g_settings_create_action (self->settings, "undated-every-month");
    g_autoptr(GAction) labels_action = g_settings_create_action (self->settings, "arrow-labels");

    g_action_map_add_action (G_ACTION_MAP (self), projection_action);
    g_action_map_add_action (G_ACTION_MAP (self), regions_action);
    g_action_map_add_action (G_ACTION_MAP (self), rescale_action);
    g_action_map_add_action (G_ACTION_MAP (self), undated_action);
    g_action_map_add_action (G_ACTION_MAP (self), labels_action);
  }

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_swapped (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map_view), GTK_EVENT_CONTROLLER (drop));

  /* The dataset of the last session, else the bundled one, once the base
   * map is read (on a worker thread, like the dataset). */
  {
    g_autofree char *path = g_settings_get_string (self->settings, "dataset");

    if (path[0] == '\0' || !g_file_test (path, G_FILE_TEST_IS_DIR))
      {
        g_free (path);
        path = fa_dataset_dup_default_path ();
      }
    self->pending_dataset = g_steal_pointer (&path);
  }
  fa_map_load_async (self->map, NULL, self->cancellable, on_map_loaded_cb, g_object_ref (self));

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
 * fa_window_get_map:
 *
 * Returns: (transfer none): the map document shown
 */
FaMap *
fa_window_get_map (FaWindow *self)
{
  g_return_val_if_fail (FA_IS_WINDOW (self), NULL);

  return self->map;
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

  return fa_map_state_get_dataset (self->state);
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

/**
 * fa_window_get_n_operations:
 *
 * Returns: how many loads and exports are under way that Cancel
 *   (win.cancel-operations) stops
 */
guint
fa_window_get_n_operations (FaWindow *self)
{
  g_return_val_if_fail (FA_IS_WINDOW (self), 0);

  return self->operations->len;
}

/**
 * fa_window_get_loading:
 *
 * Returns: whether the base map, a dataset or a layer is being read
 */
gboolean
fa_window_get_loading (FaWindow *self)
{
  g_return_val_if_fail (FA_IS_WINDOW (self), FALSE);

  return self->loads > 0 || fa_map_get_busy (self->map) || fa_map_get_geodata (self->map) == NULL ||
         self->pending_dataset != NULL || self->pending_layers->len > 0;
}
