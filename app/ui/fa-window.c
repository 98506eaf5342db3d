/* fa-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fa-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fa-application.h"
#include "fa-basemap-layer.h"
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
  guint                 n_layers_added;
  GtkFileChooserNative *chooser;        /* owned while open */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwFlap              *flap;
  GtkListBox           *layer_list;
  FaMapView            *map_view;
  GtkLabel             *status_label;
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
  g_list_store_remove_all (G_LIST_STORE (g_object_get_data (G_OBJECT (self), "fa-sidebar-model")));
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->user_layers)); i > 0; i--)
    {
      g_autoptr(FaMapLayer) layer = g_list_model_get_item (G_LIST_MODEL (self->user_layers), i - 1);

      g_list_store_append (G_LIST_STORE (g_object_get_data (G_OBJECT (self), "fa-sidebar-model")), layer);
    }
  basemap = fa_renderer_find_layer (self->renderer, FA_TYPE_BASEMAP_LAYER);
  if (basemap != NULL)
    g_list_store_append (G_LIST_STORE (g_object_get_data (G_OBJECT (self), "fa-sidebar-model")), basemap);
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

  g_set_object (&self->renderer, renderer);
  g_signal_handlers_block_by_func (self->user_layers, on_user_layers_changed_cb, self);
  g_list_store_splice (self->user_layers, 0, n, layers->pdata, layers->len);
  g_signal_handlers_unblock_by_func (self->user_layers, on_user_layers_changed_cb, self);

  fa_map_view_set_renderer (self->map_view, renderer);
  adw_window_title_set_subtitle (self->window_title, fa_projection_get_title (projection));
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
  gtk_widget_dispose_template (GTK_WIDGET (self), FA_TYPE_WINDOW);
  g_clear_object (&self->renderer);
  g_clear_object (&self->user_layers);
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
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/fa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, layer_list);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, FaWindow, status_label);

  gtk_widget_class_install_action (widget_class, "win.add-shapefile", NULL, add_shapefile_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);

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
  g_autoptr(GListStore) sidebar_model = g_list_store_new (FA_TYPE_MAP_LAYER);
  g_autoptr(GVariant) saved_extent = NULL;
  g_autoptr(GAction) projection_action = NULL;
  g_autoptr(GAction) regions_action = NULL;
  GtkDropTarget *drop;
  gsize n_extent = 0;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (SCHEMA_ID);
  self->user_layers = g_list_store_new (FA_TYPE_SHAPE_LAYER);
  g_object_set_data_full (G_OBJECT (self), "fa-sidebar-model", g_object_ref (sidebar_model), g_object_unref);
  gtk_list_box_bind_model (self->layer_list, G_LIST_MODEL (sidebar_model), create_layer_row, self, NULL);
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
