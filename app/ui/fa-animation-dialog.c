/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-animation-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "fa-animation-dialog.h"

#include "fa-animation.h"
#include "fa-dataset.h"
#include "fa-map-state.h"
#include "fa-month.h"
#include "fa-month-spin.h"
#include "fa-time-filter.h"

/* What the user sets up before the file chooser for an animation of the
 * timeline: its format, size, months and pace.  The dialog only collects
 * the settings; once a file is chosen it emits ::export, and the window
 * draws the animation of its map (view, categories, layers) on a worker,
 * with progress and Cancel of its own, while the dialog is gone. */

static const struct
{
  const char     *name;    /* translatable */
  FaExportFormat  format;
  const char     *ext;
  int             width;   /* the size offered first */
  int             height;
} formats[] = {
  { N_("WebM Video"), FA_EXPORT_WEBM, "webm", 1920, 1080 },
  /* A GIF has a palette of its own per frame and no inter-frame
   * compression: large frames make large files. */
  { N_("GIF Animation"), FA_EXPORT_GIF, "gif", 960, 540 },
};

/* Even sides only: VP8 needs them. */
static const struct
{
  const char *name;    /* translatable */
  int         width;
  int         height;
} sizes[] = {
  { N_("1920 × 1080 (Full HD)"), 1920, 1080 },
  { N_("1280 × 720 (HD)"), 1280, 720 },
  { N_("960 × 540"), 960, 540 },
};

struct _FaAnimationDialog
{
  AdwWindow             parent_instance;

  FaMap                *map;           /* owned */
  GtkFileChooserNative *chooser;       /* owned while open */
  FaMonth               from;          /* the settings as last notified */
  FaMonth               to;
  int                   fps;
  double                speed;
  gboolean              has_dates;     /* the dataset has months to offer */
  gboolean              can_export;
  gboolean              size_chosen;   /* by the user: a new format keeps it */
  gboolean              setting_size;  /* the dialog itself picks a size */

  /* Template */
  AdwComboRow          *format_row;
  AdwComboRow          *size_row;
  AdwActionRow         *from_row;
  AdwActionRow         *to_row;
  GtkSpinButton        *from_spin;
  GtkSpinButton        *to_spin;
  GtkSpinButton        *fps_spin;
  GtkSpinButton        *speed_spin;
  GtkLabel             *summary_label;
  GtkButton            *export_button;
};

G_DEFINE_FINAL_TYPE (FaAnimationDialog, fa_animation_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_MAP,
  PROP_FROM,
  PROP_TO,
  PROP_FPS,
  PROP_SPEED,
  PROP_CAN_EXPORT,
  N_PROPS
};

enum {
  EXPORT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- The settings -------------------------------------------------------- */

static guint
get_format_index (FaAnimationDialog *self)
{
  return MIN (adw_combo_row_get_selected (self->format_row), G_N_ELEMENTS (formats) - 1);
}

/* Why there is nothing to export, or NULL. */
static const char *
get_problem (FaAnimationDialog *self)
{
  if (!self->has_dates)
    return _("The dataset has no dates to animate");
  if (self->from >= self->to)
    return _("The first month must come before the last");
  return NULL;
}

static void
select_size_index (FaAnimationDialog *self,
                   guint              index)
{
  self->setting_size = TRUE;
  adw_combo_row_set_selected (self->size_row, index);
  self->setting_size = FALSE;
}

/* Reads the widgets, notifies what changed and says what the file will
 * be, or why there is none. */
static void
sync_settings (FaAnimationDialog *self)
{
  FaMonth from = fa_month_spin_get_month (self->from_spin);
  FaMonth to = fa_month_spin_get_month (self->to_spin);
  int fps = gtk_spin_button_get_value_as_int (self->fps_spin);
  double speed = gtk_spin_button_get_value (self->speed_spin);
  const char *problem;
  gboolean can_export;

  g_object_freeze_notify (G_OBJECT (self));
  if (from != self->from)
    {
      self->from = from;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
    }
  if (to != self->to)
    {
      self->to = to;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO]);
    }
  if (fps != self->fps)
    {
      self->fps = fps;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FPS]);
    }
  if (speed != self->speed)
    {
      self->speed = speed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
    }

  problem = get_problem (self);
  can_export = problem == NULL;
  if (can_export != self->can_export)
    {
      self->can_export = can_export;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_EXPORT]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  {
    g_autofree char *text = fa_animation_dialog_get_summary_text (self);

    gtk_label_set_text (self->summary_label, text);
  }
  if (can_export)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), can_export);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button), problem);
}

/* --- Callbacks ----------------------------------------------------------- */

static void
on_setting_changed_cb (FaAnimationDialog *self)
{
  sync_settings (self);
}

static void
on_format_changed_cb (FaAnimationDialog *self)
{
  guint f = get_format_index (self);

  /* Each format starts at its own size, until the user picks one. */
  if (!self->size_chosen)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      if (sizes[i].width == formats[f].width && sizes[i].height == formats[f].height)
        select_size_index (self, i);
  sync_settings (self);
}

static void
on_size_changed_cb (FaAnimationDialog *self)
{
  if (!self->setting_size)
    self->size_chosen = TRUE;
  sync_settings (self);
}

/* "2", "0.5": no trailing zeros. */
static gboolean
on_speed_output_cb (FaAnimationDialog *self,
                    GtkSpinButton     *spin)
{
  g_autofree char *text = g_strdup_printf ("%g", gtk_spin_button_get_value (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static gboolean
is_animation_path (const char *path)
{
  FaExportFormat format;

  return fa_export_format_from_path (path, &format, NULL) &&
         (format == FA_EXPORT_WEBM || format == FA_EXPORT_GIF);
}

static void
on_chooser_response_cb (FaAnimationDialog    *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  /* The window closes the dialog from ::export: hold on to both. */
  g_autoptr(FaAnimationDialog) hold = g_object_ref (self);
  g_autoptr(GtkFileChooserNative) owned = g_steal_pointer (&self->chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      /* A name typed as .gif or .webm is that format; any other gets the
       * chosen format's extension. */
      if (path != NULL && !is_animation_path (path))
        {
          char *with_ext = g_strconcat (path, ".", formats[get_format_index (self)].ext, NULL);

          g_free (path);
          path = with_ext;
        }
      if (path != NULL)
        fa_animation_dialog_export_to (self, path);
    }
}

static void
on_export_clicked_cb (FaAnimationDialog *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *pattern = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  guint f = get_format_index (self);

  if (self->chooser != NULL || !self->can_export)
    return;

  from = fa_month_format_iso (self->from);
  to = fa_month_format_iso (self->to);
  /* translators: the name offered for an exported animation; the %s are
   * its first and last months, as 2022-01 and 2023-06, and the extension
   * follows */
  name = g_strdup_printf (_("map-%s-%s"), from, to);
  file_name = g_strconcat (name, ".", formats[f].ext, NULL);
  pattern = g_strconcat ("*.", formats[f].ext, NULL);

  self->chooser = gtk_file_chooser_native_new (_("Export Animation"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _(formats[f].name));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- GObject ------------------------------------------------------------- */

/* The months of the dataset shown; From starts where the timeline's
 * window does (else at the first month), To at the window's month. */
static void
set_map (FaAnimationDialog *self,
         FaMap             *map)
{
  FaMapState *state;
  FaDataset *dataset;
  FaMonth first = FA_MONTH_NONE;
  FaMonth last = FA_MONTH_NONE;
  FaMonth from, to;

  if (map == NULL)
    return;

  self->map = g_object_ref (map);
  state = fa_map_get_state (map);
  dataset = fa_map_state_get_dataset (state);
  if (dataset != NULL)
    {
      first = fa_dataset_get_first_month (dataset);
      last = fa_dataset_get_last_month (dataset);
    }

  if (fa_month_is_valid (first) && fa_month_is_valid (last) && first <= last)
    {
      self->has_dates = TRUE;
      from = fa_map_state_get_from (state);
      if (fa_map_state_get_time_mode (state) != FA_TIME_MODE_WINDOW || !fa_month_is_valid (from))
        from = first;
      to = fa_map_state_get_month (state);
      if (!fa_month_is_valid (to))
        to = last;
      fa_month_spin_configure (self->from_spin, from, first, last);
      fa_month_spin_configure (self->to_spin, to, first, last);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->from_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->to_row), FALSE);
    }
  sync_settings (self);
}

static void
fa_animation_dialog_dispose (GObject *object)
{
  FaAnimationDialog *self = FA_ANIMATION_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), FA_TYPE_ANIMATION_DIALOG);

  G_OBJECT_CLASS (fa_animation_dialog_parent_class)->dispose (object);
}

static void
fa_animation_dialog_finalize (GObject *object)
{
  FaAnimationDialog *self = FA_ANIMATION_DIALOG (object);

  g_clear_object (&self->map);

  G_OBJECT_CLASS (fa_animation_dialog_parent_class)->finalize (object);
}

static void
fa_animation_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FaAnimationDialog *self = FA_ANIMATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, fa_animation_dialog_get_map (self));
      break;

    case PROP_FROM:
      g_value_set_int (value, fa_animation_dialog_get_from (self));
      break;

    case PROP_TO:
      g_value_set_int (value, fa_animation_dialog_get_to (self));
      break;

    case PROP_FPS:
      g_value_set_int (value, fa_animation_dialog_get_fps (self));
      break;

    case PROP_SPEED:
      g_value_set_double (value, fa_animation_dialog_get_speed (self));
      break;

    case PROP_CAN_EXPORT:
      g_value_set_boolean (value, fa_animation_dialog_get_can_export (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_animation_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FaAnimationDialog *self = FA_ANIMATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MAP:
      set_map (self, g_value_get_object (value));
      break;

    case PROP_FROM:
      fa_animation_dialog_set_from (self, g_value_get_int (value));
      break;

    case PROP_TO:
      fa_animation_dialog_set_to (self, g_value_get_int (value));
      break;

    case PROP_FPS:
      fa_animation_dialog_set_fps (self, g_value_get_int (value));
      break;

    case PROP_SPEED:
      fa_animation_dialog_set_speed (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_animation_dialog_class_init (FaAnimationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fa_animation_dialog_dispose;
  object_class->finalize = fa_animation_dialog_finalize;
  object_class->get_property = fa_animation_dialog_get_property;
  object_class->set_property = fa_animation_dialog_set_property;

  /**
   * FaAnimationDialog:map:
   *
   * The map document to animate; its dataset gives the months offered.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, FA_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * FaAnimationDialog:from:
   *
   * The first month shown, within the dataset's months.
   */
  properties[PROP_FROM] =
    g_param_spec_int ("from", NULL, NULL, G_MININT32, FA_MONTH_MAX, FA_MONTH_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FaAnimationDialog:to:
   *
   * The last month shown; it stays on screen for a second at the end.
   */
  properties[PROP_TO] =
    g_param_spec_int ("to", NULL, NULL, G_MININT32, FA_MONTH_MAX, FA_MONTH_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FaAnimationDialog:fps:
   *
   * Frames per second.
   */
  properties[PROP_FPS] =
    g_param_spec_int ("fps", NULL, NULL, FA_ANIMATION_MIN_FPS, FA_ANIMATION_MAX_FPS, FA_ANIMATION_DEFAULT_FPS,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FaAnimationDialog:speed:
   *
   * Months per second, as the timeline plays.
   */
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.25, 64, FA_ANIMATION_DEFAULT_SPEED,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FaAnimationDialog:can-export:
   *
   * Whether the settings make an animation: a dataset with dates, and a
   * first month before the last.
   */
  properties[PROP_CAN_EXPORT] =
    g_param_spec_boolean ("can-export", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FaAnimationDialog::export:
   * @path: the file the user chose, `.webm` or `.gif`
   *
   * The user chose where to write the animation: the handler starts it
   * with the dialog's settings and closes the dialog.
   */
  signals[EXPORT] =
    g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/flowatlas/FlowAtlas/ui/fa-animation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FaAnimationDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, FaAnimationDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, FaAnimationDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, FaAnimationDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, FaAnimationDialog, from_spin);
  gtk_widget_class_bind_template_child (widget_class, FaAnimationDialog, to_spin);
  gtk_widget_class_bind_template_child (widget_class, FaAnimationDialog, fps_spin);
  gtk_widget_class_bind_template_child (widget_class, FaAnimationDialog, speed_spin);
  gtk_widget_class_bind_template_child (widget_class, FaAnimationDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FaAnimationDialog, export_button);
  gtk_widget_class_bind_template_callback (widget_class, on_setting_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_size_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_speed_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
}

static void
fa_animation_dialog_init (FaAnimationDialog *self)
{
  g_autoptr(GtkStringList) format_model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) size_model = gtk_string_list_new (NULL);

  self->from = FA_MONTH_NONE;
  self->to = FA_MONTH_NONE;
  self->fps = FA_ANIMATION_DEFAULT_FPS;
  self->speed = FA_ANIMATION_DEFAULT_SPEED;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* "2023" is January as the first month, December as the last. */
  fa_month_spin_init (self->from_spin, FALSE);
  fa_month_spin_init (self->to_spin, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    gtk_string_list_append (format_model, _(formats[i].name));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    gtk_string_list_append (size_model, _(sizes[i].name));
  adw_combo_row_set_model (self->size_row, G_LIST_MODEL (size_model));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (format_model));

  gtk_adjustment_configure (gtk_spin_button_get_adjustment (self->fps_spin), FA_ANIMATION_DEFAULT_FPS,
                            FA_ANIMATION_MIN_FPS, FA_ANIMATION_MAX_FPS, 1, 5, 0);
  gtk_adjustment_configure (gtk_spin_button_get_adjustment (self->speed_spin), FA_ANIMATION_DEFAULT_SPEED,
                            0.25, 64, 0.25, 1, 0);
  /* Setting the models picked sizes, the user none. */
  self->size_chosen = FALSE;
  on_format_changed_cb (self);
}

/* --- Public API ---------------------------------------------------------- */

/**
 * fa_animation_dialog_new:
 * @parent: the window whose map this animates
 * @map: its map document
 */
FaAnimationDialog *
fa_animation_dialog_new (GtkWindow *parent,
                         FaMap     *map)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (FA_IS_MAP (map), NULL);

  return g_object_new (FA_TYPE_ANIMATION_DIALOG,
                       "transient-for", parent,
                       "map", map,
                       NULL);
}

FaMap *
fa_animation_dialog_get_map (FaAnimationDialog *self)
{
  g_return_val_if_fail (FA_IS_ANIMATION_DIALOG (self), NULL);

  return self->map;
}

/**
 * fa_animation_dialog_get_format:
 *
 * Returns: %FA_EXPORT_WEBM or %FA_EXPORT_GIF
 */
FaExportFormat
fa_animation_dialog_get_format (FaAnimationDialog *self)
{
  g_return_val_if_fail (FA_IS_ANIMATION_DIALOG (self), FA_EXPORT_WEBM);

  return formats[get_format_index (self)].format;
}

/**
 * fa_animation_dialog_set_format:
 * @format: %FA_EXPORT_WEBM or %FA_EXPORT_GIF
 *
 * Chooses the format, and its usual size unless a size was chosen.
 */
void
fa_animation_dialog_set_format (FaAnimationDialog *self,
                                FaExportFormat     format)
{
  g_return_if_fail (FA_IS_ANIMATION_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      {
        adw_combo_row_set_selected (self->format_row, i);
        return;
      }
  g_return_if_reached ();
}

FaMonth
fa_animation_dialog_get_from (FaAnimationDialog *self)
{
  g_return_val_if_fail (FA_IS_ANIMATION_DIALOG (self), FA_MONTH_NONE);

  return self->from;
}

/**
 * fa_animation_dialog_set_from:
 * @from: a month, clamped to the dataset's
 */
void
fa_animation_dialog_set_from (FaAnimationDialog *self,
                              FaMonth            from)
{
  g_return_if_fail (FA_IS_ANIMATION_DIALOG (self));

  gtk_spin_button_set_value (self->from_spin, from);
}

FaMonth
fa_animation_dialog_get_to (FaAnimationDialog *self)
{
  g_return_val_if_fail (FA_IS_ANIMATION_DIALOG (self), FA_MONTH_NONE);

  return self->to;
}

/**
 * fa_animation_dialog_set_to:
 * @to: a month, clamped to the dataset's
 */
void
fa_animation_dialog_set_to (FaAnimationDialog *self,
                            FaMonth            to)
{
  g_return_if_fail (FA_IS_ANIMATION_DIALOG (self));

  gtk_spin_button_set_value (self->to_spin, to);
}

int
fa_animation_dialog_get_fps (FaAnimationDialog *self)
{
  g_return_val_if_fail (FA_IS_ANIMATION_DIALOG (self), FA_ANIMATION_DEFAULT_FPS);

  return self->fps;
}

void
fa_animation_dialog_set_fps (FaAnimationDialog *self,
                             int                fps)
{
  g_return_if_fail (FA_IS_ANIMATION_DIALOG (self));

  gtk_spin_button_set_value (self->fps_spin, fps);
}

double
fa_animation_dialog_get_speed (FaAnimationDialog *self)
{
  g_return_val_if_fail (FA_IS_ANIMATION_DIALOG (self), FA_ANIMATION_DEFAULT_SPEED);

  return self->speed;
}

/**
 * fa_animation_dialog_set_speed:
 * @speed: months per second, 0.25 to 64
 */
void
fa_animation_dialog_set_speed (FaAnimationDialog *self,
                               double             speed)
{
  g_return_if_fail (FA_IS_ANIMATION_DIALOG (self));

  gtk_spin_button_set_value (self->speed_spin, speed);
}

/**
 * fa_animation_dialog_get_size:
 *
 * The size of the frames, in pixels.
 */
void
fa_animation_dialog_get_size (FaAnimationDialog *self,
                              int               *width,
                              int               *height)
{
  guint i;

  g_return_if_fail (FA_IS_ANIMATION_DIALOG (self));

  i = MIN (adw_combo_row_get_selected (self->size_row), G_N_ELEMENTS (sizes) - 1);
  if (width != NULL)
    *width = sizes[i].width;
  if (height != NULL)
    *height = sizes[i].height;
}

/**
 * fa_animation_dialog_select_size:
 *
 * Chooses the size offered of @width × @height, as the user would.
 *
 * Returns: whether one is offered
 */
gboolean
fa_animation_dialog_select_size (FaAnimationDialog *self,
                                 int                width,
                                 int                height)
{
  g_return_val_if_fail (FA_IS_ANIMATION_DIALOG (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (sizes[i].width == width && sizes[i].height == height)
      {
        adw_combo_row_set_selected (self->size_row, i);
        self->size_chosen = TRUE;
        return TRUE;
      }

  return FALSE;
}

/**
 * fa_animation_dialog_get_n_frames:
 *
 * Returns: how many frames the animation has, the held last month
 *   included; 0 when there is nothing to export
 */
guint
fa_animation_dialog_get_n_frames (FaAnimationDialog *self)
{
  g_return_val_if_fail (FA_IS_ANIMATION_DIALOG (self), 0);

  if (!self->can_export)
    return 0;
  return fa_animation_count_frames (self->from, self->to, self->fps, self->speed);
}

gboolean
fa_animation_dialog_get_can_export (FaAnimationDialog *self)
{
  g_return_val_if_fail (FA_IS_ANIMATION_DIALOG (self), FALSE);

  return self->can_export;
}

/**
 * fa_animation_dialog_get_summary_text:
 *
 * Returns: (transfer full): the line under the settings: the length of
 *   the animation ("62 frames, 6.2 s"), or why there is none
 */
char *
fa_animation_dialog_get_summary_text (FaAnimationDialog *self)
{
  const char *problem;
  guint n;

  g_return_val_if_fail (FA_IS_ANIMATION_DIALOG (self), NULL);

  problem = get_problem (self);
  if (problem != NULL)
    return g_strdup (problem);

  n = fa_animation_dialog_get_n_frames (self);
  /* translators: the length of an animation: its number of frames, then
   * its duration in seconds, as "62 frames, 6.2 s" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u frame, %.1f s", "%u frames, %.1f s", n),
                          n, (double) n / self->fps);
}

/**
 * fa_animation_dialog_export_to:
 * @path: a `.webm` or `.gif` file
 *
 * Does what choosing @path in the file chooser does: emits
 * #FaAnimationDialog::export, unless the settings make no animation.
 *
 * Returns: whether the signal was emitted
 */
gboolean
fa_animation_dialog_export_to (FaAnimationDialog *self,
                               const char        *path)
{
  g_return_val_if_fail (FA_IS_ANIMATION_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!self->can_export)
    return FALSE;
  g_signal_emit (self, signals[EXPORT], 0, path);
  return TRUE;
}
