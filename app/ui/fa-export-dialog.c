/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-export-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fa-export-dialog.h"

#include "fa-autocleanups.h"
#include "fa-dataset.h"
#include "fa-export.h"
#include "fa-map-state.h"
#include "fa-map-style.h"
#include "fa-month.h"
#include "fa-month-spin.h"
#include "fa-time-filter.h"
#include "fa-viewport.h"

/* What the user sets up before the file chooser: the size, format and
 * wording of one export of the map as the window shows it, with a preview
 * drawn by the very code that writes the file. */

#define PREVIEW_DELAY_MS 120

typedef enum
{
  UNIT_PIXELS,
  UNIT_POINTS,
} Unit;

typedef struct
{
  const char *name;    /* translatable */
  int         width;   /* 0: the window's view, or the custom size */
  int         height;
  Unit        unit;
} SizePreset;

/* Pixels for the screen, points (1/72 in) for paper: A4 is 210 × 297 mm,
 * US Letter 8.5 × 11 in. */
static const SizePreset size_presets[] = {
  { N_("Slide 16:9"), 1920, 1080, UNIT_PIXELS },
  { N_("Slide 4:3"), 1440, 1080, UNIT_PIXELS },
  { N_("Square"), 1080, 1080, UNIT_PIXELS },
  { N_("A4 Landscape"), 842, 595, UNIT_POINTS },
  { N_("A4 Portrait"), 595, 842, UNIT_POINTS },
  { N_("US Letter Landscape"), 792, 612, UNIT_POINTS },
  { N_("US Letter Portrait"), 612, 792, UNIT_POINTS },
  { N_("As in the Window"), 0, 0, UNIT_PIXELS },
  { N_("Custom"), 0, 0, UNIT_PIXELS },
};
#define SIZE_WINDOW (G_N_ELEMENTS (size_presets) - 2)
#define SIZE_CUSTOM (G_N_ELEMENTS (size_presets) - 1)

static const struct { const char *name; FaExportFormat format; const char *ext; } formats[] = {
  { N_("PNG Image"), FA_EXPORT_PNG, "png" },
  { N_("PDF Document"), FA_EXPORT_PDF, "pdf" },
  { N_("SVG Image"), FA_EXPORT_SVG, "svg" },
};

static const struct { const char *name; FaMapStyleKind kind; } styles[] = {
  { N_("Print"), FA_MAP_STYLE_PRINT },
  { N_("Light"), FA_MAP_STYLE_LIGHT },
  { N_("Dark"), FA_MAP_STYLE_DARK },
};

static const double scales[] = { 1, 2, 3 };

/* The choices of the Compare Dates row: its index + 1 maps, or none. */
static const char * const compare_choices[] = {
  N_("None"), N_("Two Maps"), N_("Three Maps"), N_("Four Maps"),
};

struct _FaExportDialog
{
  AdwWindow             parent_instance;

  FaMap                *map;            /* owned */
  FaViewport           *view;           /* owned: the window's view when opened */
  char                 *default_title;  /* owned */
  char                 *default_subtitle;
  char                 *preview_dir;    /* owned: a private folder, removed at the end */
  GdkTexture           *preview_texture;
  GCancellable         *preview_cancellable;
  guint                 preview_id;
  GtkFileChooserNative *chooser;
  guint                 last_size;      /* the size preset last seen */
  FaMonth               first_month;    /* the dataset's, for the maps compared */
  FaMonth               last_month;
  FaMonth               month;          /* the window's, the last map's by default */
  gboolean              has_dates;      /* the dataset has months to compare */
  guint                 dates_edited;   /* bit i: the user set map i's month */
  gboolean              setting_dates;
  gboolean              panels_shown;   /* the subtitle offered is the page's */

  /* Template */
  GtkPicture           *preview;
  GtkSpinner           *spinner;
  GtkLabel             *size_label;
  AdwComboRow          *format_row;
  AdwComboRow          *size_row;
  AdwActionRow         *width_row;
  AdwActionRow         *height_row;
  GtkSpinButton        *width_spin;
  GtkSpinButton        *height_spin;
  AdwComboRow          *scale_row;
  AdwEntryRow          *title_row;
  AdwEntryRow          *subtitle_row;
  GtkSwitch            *legend_switch;
  AdwComboRow          *legend_position_row;
  AdwComboRow          *style_row;
  AdwComboRow          *language_row;
  AdwComboRow          *compare_row;
  AdwActionRow         *date_rows[FA_EXPORT_MAX_PANELS];
  GtkSpinButton        *date_spins[FA_EXPORT_MAX_PANELS];
  GtkButton            *export_button;
};

G_DEFINE_FINAL_TYPE (FaExportDialog, fa_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_MAP,
  PROP_BUSY,
  PROP_PANELS,
  N_PROPS
};

enum {
  EXPORT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- The settings -------------------------------------------------------- */

static FaExportFormat
get_format (FaExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->format_row);

  return formats[MIN (i, G_N_ELEMENTS (formats) - 1)].format;
}

static const char *
get_extension (FaExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->format_row);

  return formats[MIN (i, G_N_ELEMENTS (formats) - 1)].ext;
}

static const SizePreset *
get_preset (FaExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->size_row);

  return &size_presets[MIN (i, G_N_ELEMENTS (size_presets) - 1)];
}

/* The output's size, in pixels at 1× (PNG) or points (PDF, SVG). */
static void
get_size (FaExportDialog *self,
          int            *width,
          int            *height)
{
  const SizePreset *preset = get_preset (self);

  if (preset == &size_presets[SIZE_CUSTOM])
    {
      *width = gtk_spin_button_get_value_as_int (self->width_spin);
      *height = gtk_spin_button_get_value_as_int (self->height_spin);
    }
  else if (preset == &size_presets[SIZE_WINDOW])
    {
      *width = fa_viewport_get_width (self->view);
      *height = fa_viewport_get_height (self->view);
    }
  else
    {
      *width = preset->width;
      *height = preset->height;
    }
  *width = CLAMP (*width, 200, 8000);
  *height = CLAMP (*height, 200, 8000);
}

static double
get_scale (FaExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->scale_row);

  /* Vector formats have no pixels to multiply. */
  if (get_format (self) != FA_EXPORT_PNG)
    return 1;
  return scales[MIN (i, G_N_ELEMENTS (scales) - 1)];
}

static const FaMapStyle *
get_style (FaExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->style_row);

  return fa_map_style_get (styles[MIN (i, G_N_ELEMENTS (styles) - 1)].kind);
}

/* The map's languages: the interface's, or one of the catalogues', each
 * named in its own language (as GNOME's language choosers do). */
static const struct
{
  const char *code;   /* nullable: the interface's */
  const char *name;
} languages[] = {
  { NULL, N_("Same as the Application") },
  { "ar", "العربية" },
  { "de", "Deutsch" },
  { "en", "English" },
  { "es", "Español" },
  { "fr", "Français" },
  { "ko", "한국어" },
  { "ru", "Русский" },
  { "uk", "Українська" },
  { "zh_CN", "中文（简体）" },
};

static const char *
get_language (FaExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->language_row);

  return languages[MIN (i, G_N_ELEMENTS (languages) - 1)].code;
}

/* The window's view, the same area fitted to the output's size. */
static FaViewport *
make_viewport (FaExportDialog *self)
{
  FaViewport *viewport = fa_viewport_copy (self->view);
  FaRect visible;
  int width, height;

  get_size (self, &width, &height);
  fa_viewport_get_visible_rect (viewport, &visible);
  fa_viewport_set_size (viewport, width, height);
  fa_viewport_fit_rect (viewport, &visible, 0);

  return viewport;
}

/* The window's state, with this export's wording: a title or subtitle
 * left as it was offered stays the map's own (the date line follows the
 * language and the month). */
static FaMapSnapshot *
make_snapshot (FaExportDialog *self)
{
  g_autoptr(FaMapSnapshot) state = fa_map_state_snapshot (fa_map_get_state (self->map));
  FaMapSnapshot *snapshot = fa_map_snapshot_copy (state);
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  const char *subtitle = gtk_editable_get_text (GTK_EDITABLE (self->subtitle_row));

  if (g_strcmp0 (title, self->default_title) != 0)
    {
      g_free (snapshot->title);
      snapshot->title = g_strdup (title);
    }
  if (g_strcmp0 (subtitle, self->default_subtitle) != 0)
    {
      g_free (snapshot->subtitle);
      snapshot->subtitle = g_strdup (subtitle);
    }
  snapshot->show_legend = gtk_switch_get_active (self->legend_switch);
  snapshot->legend_position = adw_combo_row_get_selected (self->legend_position_row);
  /* Nothing the pointer happens to be over goes into a file. */
  g_clear_object (&snapshot->hovered);

  return snapshot;
}

/* Each map of a comparison shows the window's view, the same area fitted
 * to the map's size (an FaExportFrameFunc). */
static FaViewport *
frame_like_view (double   width,
                 double   height,
                 gpointer user_data)
{
  FaViewport *viewport = fa_viewport_copy (user_data);
  FaRect visible;

  fa_viewport_get_visible_rect (viewport, &visible);
  fa_viewport_set_size (viewport, (int) width, (int) height);
  fa_viewport_fit_rect (viewport, &visible, 0);

  return viewport;
}

/* The time of each map compared: the situation at its month, or, if the
 * window shows every flow begun by then, that at each month. */
static void
get_panel_dates (FaExportDialog *self,
                 FaTimeFilter    dates[FA_EXPORT_MAX_PANELS],
                 guint           n)
{
  FaTimeFilter now;

  fa_map_state_get_time_filter (fa_map_get_state (self->map), &now);
  for (guint i = 0; i < n; i++)
    {
      dates[i] = FA_TIME_FILTER_ALL;
      dates[i].mode = now.mode == FA_TIME_MODE_CUMULATIVE ? FA_TIME_MODE_CUMULATIVE : FA_TIME_MODE_AT;
      dates[i].month = fa_month_spin_get_month (self->date_spins[i]);
      dates[i].undated_always = now.undated_always;
    }
}

/* The page's own heading: the title, and the subtitle as typed (the
 * maps carry their dates). */
static const char *
get_heading (FaExportDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->title_row));
}

static const char *
get_subheading (FaExportDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->subtitle_row));
}

/* Why the export cannot be made as set up, or NULL. */
static char *
dup_problem (FaExportDialog *self)
{
  guint n = fa_export_dialog_get_panels (self);
  int width, height;

  if (n == 0)
    return NULL;
  get_size (self, &width, &height);
  if (fa_export_panels_fit (get_style (self), n, width, height, 0, get_heading (self), get_subheading (self)))
    return NULL;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The size is too small for %u map side by side: each would be under %d on a side",
                                       "The size is too small for %u maps side by side: each would be under %d on a side",
                                       n),
                          n, FA_EXPORT_PANEL_MIN_SIZE);
}

/* The page comparing the maps at their dates: the same composition as
 * the command line's --panels. */
static gboolean
make_panels_page (FaExportDialog  *self,
                  FaExportPage    *page,
                  GError         **error)
{
  g_autoptr(FaMapSnapshot) base = make_snapshot (self);
  FaTimeFilter dates[FA_EXPORT_MAX_PANELS];
  guint n = fa_export_dialog_get_panels (self);
  int width, height;

  get_size (self, &width, &height);
  get_panel_dates (self, dates, n);

  return fa_export_page_init_panels (page, fa_map_get_renderer (self->map), get_style (self), base,
                                     dates, n, frame_like_view, self->view, width, height, 0,
                                     get_heading (self), get_subheading (self), error);
}

/* --- In another language ------------------------------------------------- */

/* gettext's language is the process's: a map in another language than the
 * interface's is drawn by the command line, from the same state. */
static char *
find_program (void)
{
  g_autofree char *self_exe = NULL;

  if (g_getenv ("FLOWATLAS_BIN") != NULL)
    return g_strdup (g_getenv ("FLOWATLAS_BIN"));
  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe != NULL)
    {
      g_autofree char *base = g_path_get_basename (self_exe);

      if (g_str_equal (base, "flowatlas"))
        return g_steal_pointer (&self_exe);
    }
  return g_find_program_in_path ("flowatlas");
}

/* g_strv_builder_take() is GLib 2.80's. */
static void
builder_take (GStrvBuilder *builder,
              char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

static GStrv
dup_language_command (FaExportDialog  *self,
                      const char      *language,
                      const char      *path,
                      double           pixel_scale,
                      GError         **error)
{
  g_autoptr(FaViewport) viewport = make_viewport (self);
  g_autoptr(FaMapSnapshot) snapshot = make_snapshot (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) options = NULL;
  g_autofree char *program = find_program ();
  guint n_panels = fa_export_dialog_get_panels (self);
  FaRect window_view;

  if (program == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The flowatlas program, which draws maps in another language, cannot be found"));
      return NULL;
    }
  /* Compared maps each fit the window's own view, as here. */
  if (n_panels > 0)
    fa_viewport_get_visible_rect (self->view, &window_view);
  options = fa_map_dup_command_line (self->map, snapshot, viewport, n_panels > 0 ? &window_view : NULL,
                                     get_style (self), pixel_scale, error);
  if (options == NULL)
    return NULL;

  g_strv_builder_add (builder, program);
  builder_take (builder, g_strdup_printf ("--lang=%s", language));
  builder_take (builder, g_strdup_printf ("--export=%s", path));
  g_strv_builder_addv (builder, (const char **) options);
  if (n_panels > 0)
    {
      g_autoptr(GString) months = g_string_new ("--panels=");

      for (guint i = 0; i < n_panels; i++)
        {
          g_autofree char *iso = fa_month_format_iso (fa_month_spin_get_month (self->date_spins[i]));

          g_string_append_printf (months, "%s%s", i > 0 ? "," : "", iso);
        }
      g_strv_builder_add (builder, months->str);
    }
  return g_strv_builder_end (builder);
}

/* A cancelled command is killed: the temporary file it was writing beside
 * its output (the output's name and six characters, see fa-export.c)
 * goes too; the output itself was never touched. */
static void
remove_partial_output (const char * const *argv,
                       gint64              started)
{
  const char *path = NULL;
  g_autofree char *dir_name = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  for (guint i = 0; argv[i] != NULL; i++)
    if (g_str_has_prefix (argv[i], "--export="))
      path = argv[i] + strlen ("--export=");
  if (path == NULL)
    return;
  dir_name = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  dir = g_dir_open (dir_name, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, base) || strlen (name) != strlen (base) + 7 || name[strlen (base)] != '.')
        continue;
      full = g_build_filename (dir_name, name, NULL);
      if (g_stat (full, &st) == 0 && (gint64) st.st_mtime * G_USEC_PER_SEC >= started - G_USEC_PER_SEC)
        g_unlink (full);
    }
}

/* Runs @argv and waits; its error message on failure. */
static gboolean
run_command (const char * const *argv,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *err = NULL;
  gint64 started = g_get_real_time ();

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (process == NULL)
    return FALSE;
  if (!g_subprocess_communicate_utf8 (process, NULL, cancellable, NULL, &err, error))
    {
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
      remove_partial_output (argv, started);
      return FALSE;
    }
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_strstrip (err);
      if (g_str_has_prefix (err, "flowatlas: "))
        memmove (err, err + strlen ("flowatlas: "), strlen (err) - strlen ("flowatlas: ") + 1);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           err != NULL && *err != '\0' ? err : _("The map could not be drawn in that language"));
      return FALSE;
    }
  return TRUE;
}

static void
command_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_command ((const char * const *) task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* --- The preview --------------------------------------------------------- */

typedef struct
{
  FaRenderer       *renderer;   /* owned */
  FaViewport       *viewport;   /* owned */
  FaMapSnapshot    *snapshot;   /* owned */
  FaExportPage      page;       /* maps compared; none: the one map */
  const FaMapStyle *style;
  char             *path;       /* owned */
  GStrv             argv;       /* owned, nullable: drawn by the command line, in another language */
} PreviewJob;

static void
preview_job_free (PreviewJob *job)
{
  g_clear_object (&job->renderer);
  g_clear_object (&job->viewport);
  g_clear_pointer (&job->snapshot, fa_map_snapshot_unref);
  fa_export_page_clear (&job->page);
  g_free (job->path);
  g_strfreev (job->argv);
  g_free (job);
}

/* The output drawn as a PNG at 1× (a PDF or SVG page at one pixel a
 * point): the file a PNG export writes, read back. */
static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewJob *job = task_data;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  if (job->argv != NULL
      ? !run_command ((const char * const *) job->argv, cancellable, &error)
      : job->page.n_panels > 0
      ? !fa_export_pages_to_file (job->renderer, job->style, &job->page, 1, 1.0, job->path,
                                  cancellable, &error)
      : !fa_export_to_file (job->renderer, job->viewport, job->style, job->snapshot, 1.0, job->path,
                            cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  texture = gdk_texture_new_from_filename (job->path, &error);
  g_unlink (job->path);
  if (texture == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
on_preview_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(FaExportDialog) self = g_weak_ref_get (weak);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);
  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->preview_cancellable);
  gtk_spinner_stop (self->spinner);
  if (texture == NULL)
    {
      gtk_picture_set_paintable (self->preview, NULL);
      gtk_label_set_text (self->size_label, error->message);
    }
  else
    {
      g_set_object (&self->preview_texture, texture);
      gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
preview_cb (gpointer data)
{
  FaExportDialog *self = data;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  FaRenderer *renderer = fa_map_get_renderer (self->map);
  g_autofree char *problem = dup_problem (self);
  PreviewJob *job;
  GWeakRef *weak;

  self->preview_id = 0;
  if (renderer == NULL)
    return G_SOURCE_REMOVE;
  /* Nothing to show but why (under the preview). */
  if (problem != NULL)
    {
      if (self->preview_cancellable != NULL)
        g_cancellable_cancel (self->preview_cancellable);
      g_clear_object (&self->preview_cancellable);
      g_clear_object (&self->preview_texture);
      gtk_picture_set_paintable (self->preview, NULL);
      gtk_spinner_stop (self->spinner);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return G_SOURCE_REMOVE;
    }
  if (self->preview_dir == NULL)
    {
      self->preview_dir = g_dir_make_tmp ("flowatlas-preview-XXXXXX", &error);
      if (self->preview_dir == NULL)
        {
          gtk_label_set_text (self->size_label, error->message);
          return G_SOURCE_REMOVE;
        }
    }

  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();

  job = g_new0 (PreviewJob, 1);
  job->renderer = g_object_ref (renderer);
  job->viewport = make_viewport (self);
  job->snapshot = make_snapshot (self);
  job->style = get_style (self);
  job->path = g_build_filename (self->preview_dir, "preview.png", NULL);
  if (get_language (self) != NULL)
    job->argv = dup_language_command (self, get_language (self), job->path, 1.0, &error);
  if ((get_language (self) != NULL && job->argv == NULL) ||
      (get_language (self) == NULL && fa_export_dialog_get_panels (self) > 0 &&
       !make_panels_page (self, &job->page, &error)))
    {
      preview_job_free (job);
      gtk_label_set_text (self->size_label, error->message);
      return G_SOURCE_REMOVE;
    }

  /* The preview does not keep a closed dialog alive: the window may open
   * a new one at once. */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  task = g_task_new (NULL, self->preview_cancellable, on_preview_done_cb, weak);
  g_task_set_source_tag (task, preview_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) preview_job_free);
  /* One preview at a time: a newer one waits for the file name. */
  g_task_run_in_thread (task, preview_thread);
  gtk_spinner_start (self->spinner);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  return G_SOURCE_REMOVE;
}

static void
update_size_label (FaExportDialog *self)
{
  g_autofree char *problem = dup_problem (self);
  g_autofree char *text = fa_export_dialog_get_size_text (self);

  gtk_label_set_text (self->size_label, problem != NULL ? problem : text);
}

/* The Compare Dates row says why it is off, or why the maps chosen do
 * not fit; the Export button waits for a size they fit. */
static void
update_compare (FaExportDialog *self)
{
  g_autofree char *problem = dup_problem (self);
  guint n = fa_export_dialog_get_panels (self);
  const char *subtitle = problem;
  gboolean sensitive = TRUE;
  int width, height;

  get_size (self, &width, &height);
  if (!self->has_dates)
    {
      sensitive = FALSE;
      subtitle = _("The dataset has no dates to compare");
    }
  else if (n == 0 &&
           !fa_export_panels_fit (get_style (self), 2, width, height, 0, get_heading (self), get_subheading (self)))
    {
      sensitive = FALSE;
      subtitle = _("The size is too small for maps side by side");
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_row), sensitive);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->compare_row), subtitle != NULL ? subtitle : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), problem == NULL);
  for (guint i = 0; i < FA_EXPORT_MAX_PANELS; i++)
    gtk_widget_set_visible (GTK_WIDGET (self->date_rows[i]), i < n);
}

/* Months evenly spaced from the dataset's first to the window's, which
 * the last map shows; a month the user set stays. */
static void
set_default_dates (FaExportDialog *self,
                   guint           n)
{
  FaMonth span = self->month - self->first_month;

  if (!self->has_dates || n < 2)
    return;

  self->setting_dates = TRUE;
  for (guint i = 0; i < n; i++)
    {
      FaMonth step = (span * (FaMonth) i + (FaMonth) (n - 1) / 2) / (FaMonth) (n - 1);

      if (!(self->dates_edited & (1u << i)))
        gtk_spin_button_set_value (self->date_spins[i], self->first_month + step);
    }
  self->setting_dates = FALSE;
}

static void
on_setting_changed_cb (FaExportDialog *self)
{
  gboolean custom = get_preset (self) == &size_presets[SIZE_CUSTOM];
  guint size = adw_combo_row_get_selected (self->size_row);

  /* A paper size is for a document to print: a PDF, unless the user
   * then asks for another format. */
  if (size != self->last_size)
    {
      self->last_size = size;
      if (get_preset (self)->unit == UNIT_POINTS && get_format (self) == FA_EXPORT_PNG)
        adw_combo_row_set_selected (self->format_row, 1);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->width_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->height_row), custom);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale_row), get_format (self) == FA_EXPORT_PNG);
  update_size_label (self);
  update_compare (self);

  /* Typing a title redraws once the keys rest. */
  g_clear_handle_id (&self->preview_id, g_source_remove);
  if (self->map != NULL)
    self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, preview_cb, self);
}

static void
on_compare_changed_cb (FaExportDialog *self)
{
  gboolean shown = fa_export_dialog_get_panels (self) > 0;

  set_default_dates (self, fa_export_dialog_get_panels (self));

  /* The subtitle offered follows: a single map's is its date line; a
   * page of maps has none, each map being titled by its date. */
  if (shown != self->panels_shown)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->subtitle_row));
      const char *offered = self->panels_shown ? "" : self->default_subtitle;

      self->panels_shown = shown;
      if (g_strcmp0 (text, offered) == 0)
        gtk_editable_set_text (GTK_EDITABLE (self->subtitle_row), shown ? "" : self->default_subtitle);
    }

  on_setting_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANELS]);
}

static void
on_date_changed_cb (FaExportDialog *self,
                    GtkSpinButton  *spin)
{
  for (guint i = 0; i < FA_EXPORT_MAX_PANELS && !self->setting_dates; i++)
    if (self->date_spins[i] == spin)
      self->dates_edited |= 1u << i;
  on_setting_changed_cb (self);
}

/* --- Export -------------------------------------------------------------- */

static void
on_chooser_response_cb (FaExportDialog       *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      FaExportFormat format;

      /* A name without a known extension gets the chosen format's. */
      if (path != NULL && !fa_export_format_from_path (path, &format, NULL))
        {
          char *with_ext = g_strconcat (path, ".", get_extension (self), NULL);

          g_free (path);
          path = with_ext;
        }
      if (path != NULL)
        g_signal_emit (self, signals[EXPORT], 0, path);
    }

  g_clear_object (&self->chooser);
}

static void
on_export_clicked_cb (FaExportDialog *self)
{
  g_autofree char *name = NULL;
  FaMapState *state = fa_map_get_state (self->map);
  FaDataset *dataset = fa_map_state_get_dataset (state);

  if (self->chooser != NULL)
    return;

  if (dataset != NULL && fa_export_dialog_get_panels (self) > 0)
    {
      g_autoptr(GString) months = g_string_new (NULL);

      for (guint i = 0; i < fa_export_dialog_get_panels (self); i++)
        {
          g_autofree char *iso = fa_month_format_iso (fa_month_spin_get_month (self->date_spins[i]));

          g_string_append_printf (months, "%s%s", i > 0 ? "-" : "", iso);
        }
      /* translators: the name offered for an exported comparison of
       * maps; %s is their months, as 2021-06-2023-06, and the extension
       * follows */
      name = g_strdup_printf (_("comparison-%s"), months->str);
    }
  else if (dataset != NULL)
    {
      g_autofree char *month = fa_month_format_iso (fa_map_state_get_month (state));

      /* translators: the name offered for an exported map; %s is its
       * month, as 2023-06, and the extension follows */
      name = g_strdup_printf (_("map-%s"), month);
    }
  else
    {
      /* translators: the name offered for an exported map, without its
       * extension */
      name = g_strdup (_("map"));
    }
  {
    g_autofree char *file_name = g_strconcat (name, ".", get_extension (self), NULL);
    g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
    g_autofree char *pattern = g_strconcat ("*.", get_extension (self), NULL);
    guint i = adw_combo_row_get_selected (self->format_row);

    self->chooser = gtk_file_chooser_native_new (_("Export Map"), GTK_WINDOW (self),
                                                 GTK_FILE_CHOOSER_ACTION_SAVE,
                                                 _("_Export"), _("_Cancel"));
    gtk_file_filter_set_name (filter, _(formats[MIN (i, G_N_ELEMENTS (formats) - 1)].name));
    gtk_file_filter_add_pattern (filter, pattern);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
  }
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- GObject ------------------------------------------------------------- */

static void
set_map (FaExportDialog *self,
         FaMap          *map)
{
  FaMapState *state;
  FaDataset *dataset;
  g_autoptr(FaMapSnapshot) snapshot = NULL;

  if (map == NULL)
    return;

  self->map = g_object_ref (map);
  state = fa_map_get_state (map);
  dataset = fa_map_state_get_dataset (state);
  self->view = fa_viewport_copy (fa_map_state_get_viewport (state));
  snapshot = fa_map_state_snapshot (state);

  /* The map's own title and date line, offered for editing. */
  if (fa_map_state_get_title (state) != NULL)
    self->default_title = g_strdup (fa_map_state_get_title (state));
  else if (dataset != NULL)
    self->default_title = g_strdup (fa_dataset_get_title (dataset));
  else
    self->default_title = g_strdup ("");
  if (fa_map_state_get_subtitle (state) != NULL)
    self->default_subtitle = g_strdup (fa_map_state_get_subtitle (state));
  else if (dataset != NULL)
    self->default_subtitle = fa_time_filter_describe (&snapshot->time, fa_dataset_get_first_month (dataset));
  if (self->default_subtitle == NULL)
    self->default_subtitle = g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), self->default_title);
  gtk_editable_set_text (GTK_EDITABLE (self->subtitle_row), self->default_subtitle);
  gtk_switch_set_active (self->legend_switch, fa_map_state_get_show_legend (state));
  adw_combo_row_set_selected (self->legend_position_row, fa_map_state_get_legend_position (state));

  /* The months to compare are the dataset's; the last map shows the
   * window's month. */
  if (dataset != NULL)
    {
      self->first_month = fa_dataset_get_first_month (dataset);
      self->last_month = fa_dataset_get_last_month (dataset);
    }
  self->has_dates = fa_month_is_valid (self->first_month) && fa_month_is_valid (self->last_month) &&
                    self->first_month <= self->last_month;
  if (self->has_dates)
    {
      self->month = fa_map_state_get_month (state);
      if (!fa_month_is_valid (self->month))
        self->month = self->last_month;
      self->month = CLAMP (self->month, self->first_month, self->last_month);
      self->setting_dates = TRUE;
      for (guint i = 0; i < FA_EXPORT_MAX_PANELS; i++)
        fa_month_spin_configure (self->date_spins[i], self->month, self->first_month, self->last_month);
      self->setting_dates = FALSE;
    }
  on_setting_changed_cb (self);
}

static void
fa_export_dialog_dispose (GObject *object)
{
  FaExportDialog *self = FA_EXPORT_DIALOG (object);

  g_clear_handle_id (&self->preview_id, g_source_remove);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), FA_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (fa_export_dialog_parent_class)->dispose (object);
}

static void
fa_export_dialog_finalize (GObject *object)
{
  FaExportDialog *self = FA_EXPORT_DIALOG (object);

  /* A preview still being written is cancelled, and writes into its
   * own file only: the folder goes once it is empty. */
  if (self->preview_dir != NULL)
    {
      g_autofree char *path = g_build_filename (self->preview_dir, "preview.png", NULL);

      g_unlink (path);
      g_rmdir (self->preview_dir);
    }
  g_clear_pointer (&self->preview_dir, g_free);
  g_clear_object (&self->preview_texture);
  g_clear_object (&self->map);
  g_clear_object (&self->view);
  g_clear_pointer (&self->default_title, g_free);
  g_clear_pointer (&self->default_subtitle, g_free);

  G_OBJECT_CLASS (fa_export_dialog_parent_class)->finalize (object);
}

static void
fa_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FaExportDialog *self = FA_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, fa_export_dialog_get_busy (self));
      break;

    case PROP_PANELS:
      g_value_set_uint (value, fa_export_dialog_get_panels (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_export_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FaExportDialog *self = FA_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MAP:
      set_map (self, g_value_get_object (value));
      break;

    case PROP_PANELS:
      fa_export_dialog_set_panels (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_export_dialog_class_init (FaExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fa_export_dialog_dispose;
  object_class->finalize = fa_export_dialog_finalize;
  object_class->get_property = fa_export_dialog_get_property;
  object_class->set_property = fa_export_dialog_set_property;

  /**
   * FaExportDialog:map:
   *
   * The map document to export, as its window shows it when the dialog
   * opens.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, FA_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * FaExportDialog:busy:
   *
   * Whether a preview is being drawn or waits to be.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FaExportDialog:panels:
   *
   * How many maps of the view, each at its month, the export compares on
   * one page: 2 to 4, or 0 for the one map of the window's month.
   */
  properties[PROP_PANELS] =
    g_param_spec_uint ("panels", NULL, NULL, 0, FA_EXPORT_MAX_PANELS, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FaExportDialog::export:
   * @path: the file the user chose
   *
   * The user chose where to write the map: the handler starts
   * fa_export_dialog_export_async() and closes the dialog.
   */
  signals[EXPORT] =
    g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/flowatlas/FlowAtlas/ui/fa-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, size_label);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, subtitle_row);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, legend_position_row);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, style_row);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, compare_row);
  for (guint i = 0; i < FA_EXPORT_MAX_PANELS; i++)
    {
      g_autofree char *row = g_strdup_printf ("date_row_%u", i + 1);
      g_autofree char *spin = g_strdup_printf ("date_spin_%u", i + 1);

      gtk_widget_class_bind_template_child_full (widget_class, row, FALSE,
                                                 G_STRUCT_OFFSET (FaExportDialog, date_rows) + i * sizeof (gpointer));
      gtk_widget_class_bind_template_child_full (widget_class, spin, FALSE,
                                                 G_STRUCT_OFFSET (FaExportDialog, date_spins) + i * sizeof (gpointer));
    }
  gtk_widget_class_bind_template_child (widget_class, FaExportDialog, export_button);
  gtk_widget_class_bind_template_callback (widget_class, on_setting_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_compare_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed_cb);
}

static GListModel *
string_list_of (const char * const *names,
                guint               n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _(names[i]));

  return G_LIST_MODEL (list);
}

static void
fa_export_dialog_init (FaExportDialog *self)
{
  const char *names[G_N_ELEMENTS (size_presets)];
  g_autoptr(GListModel) size_model = NULL;
  g_autoptr(GListModel) format_model = NULL;
  g_autoptr(GListModel) style_model = NULL;
  g_autoptr(GListModel) legend_model = NULL;
  g_autoptr(GListModel) compare_model = NULL;
  /* In the order of FaLegendPosition. */
  static const char * const legend_positions[] = {
    N_("Automatic"), N_("Left"), N_("Right"), N_("Bottom"),
  };
  g_autoptr(GtkStringList) scale_model = gtk_string_list_new (NULL);

  self->first_month = FA_MONTH_NONE;
  self->last_month = FA_MONTH_NONE;
  self->month = FA_MONTH_NONE;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* A year typed alone is its January. */
  for (guint i = 0; i < FA_EXPORT_MAX_PANELS; i++)
    fa_month_spin_init (self->date_spins[i], FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (size_presets); i++)
    names[i] = size_presets[i].name;
  size_model = string_list_of (names, G_N_ELEMENTS (size_presets));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    names[i] = formats[i].name;
  format_model = string_list_of (names, G_N_ELEMENTS (formats));
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    names[i] = styles[i].name;
  style_model = string_list_of (names, G_N_ELEMENTS (styles));
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      /* translators: a pixel density, as 2× */
      g_autofree char *text = g_strdup_printf (_("%g×"), scales[i]);

      gtk_string_list_append (scale_model, text);
    }

  adw_combo_row_set_model (self->size_row, size_model);
  adw_combo_row_set_model (self->format_row, format_model);
  adw_combo_row_set_model (self->style_row, style_model);
  legend_model = string_list_of (legend_positions, G_N_ELEMENTS (legend_positions));
  adw_combo_row_set_model (self->legend_position_row, legend_model);
  adw_combo_row_set_model (self->scale_row, G_LIST_MODEL (scale_model));
  {
    g_autoptr(GtkStringList) language_model = gtk_string_list_new (NULL);

    for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
      gtk_string_list_append (language_model, languages[i].code == NULL ? _(languages[i].name)
                                                                          : languages[i].name);
    adw_combo_row_set_model (self->language_row, G_LIST_MODEL (language_model));
  }
  compare_model = string_list_of (compare_choices, G_N_ELEMENTS (compare_choices));
  adw_combo_row_set_model (self->compare_row, compare_model);
  /* Slides want sharp pixels: 2× unless told otherwise. */
  adw_combo_row_set_selected (self->scale_row, 1);
}

/**
 * fa_export_dialog_new:
 * @parent: the window whose map this exports
 * @map: its map document
 */
FaExportDialog *
fa_export_dialog_new (GtkWindow *parent,
                      FaMap     *map)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (FA_IS_MAP (map), NULL);

  return g_object_new (FA_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "map", map,
                       NULL);
}

FaMap *
fa_export_dialog_get_map (FaExportDialog *self)
{
  g_return_val_if_fail (FA_IS_EXPORT_DIALOG (self), NULL);

  return self->map;
}

/**
 * fa_export_dialog_select_size:
 *
 * Chooses the preset of that size, or a custom size.
 */
void
fa_export_dialog_select_size (FaExportDialog *self,
                              int             width,
                              int             height)
{
  g_return_if_fail (FA_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < SIZE_WINDOW; i++)
    if (size_presets[i].width == width && size_presets[i].height == height)
      {
        adw_combo_row_set_selected (self->size_row, i);
        return;
      }
  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
  adw_combo_row_set_selected (self->size_row, SIZE_CUSTOM);
}

/**
 * fa_export_dialog_set_pixel_scale:
 * @scale: 1, 2 or 3
 */
void
fa_export_dialog_set_pixel_scale (FaExportDialog *self,
                                  double          scale)
{
  g_return_if_fail (FA_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (scales[i] == scale)
      adw_combo_row_set_selected (self->scale_row, i);
}

/**
 * fa_export_dialog_get_preview:
 *
 * Returns: (transfer none) (nullable): the preview shown, the output as
 *   a PNG at 1× would be
 */
GdkTexture *
fa_export_dialog_get_preview (FaExportDialog *self)
{
  g_return_val_if_fail (FA_IS_EXPORT_DIALOG (self), NULL);

  return self->preview_texture;
}

gboolean
fa_export_dialog_get_busy (FaExportDialog *self)
{
  g_return_val_if_fail (FA_IS_EXPORT_DIALOG (self), FALSE);

  return self->preview_id != 0 || self->preview_cancellable != NULL;
}

/**
 * fa_export_dialog_get_size_text:
 *
 * Returns: (transfer full): what the file will be, as shown under the
 *   preview ("3840 × 2160 pixels, PNG image")
 */
char *
fa_export_dialog_get_size_text (FaExportDialog *self)
{
  int width, height;
  guint f;

  g_return_val_if_fail (FA_IS_EXPORT_DIALOG (self), NULL);

  get_size (self, &width, &height);
  f = MIN (adw_combo_row_get_selected (self->format_row), G_N_ELEMENTS (formats) - 1);
  if (get_format (self) == FA_EXPORT_PNG)
    {
      double scale = get_scale (self);

      /* translators: the size of an exported image; the last %s is its
       * format, as "PNG Image" */
      return g_strdup_printf (_("%d × %d pixels, %s"), (int) (width * scale), (int) (height * scale),
                              _(formats[f].name));
    }

  /* translators: the size of an exported page in millimetres; the last
   * %s is its format, as "PDF Document" */
  return g_strdup_printf (_("%.0f × %.0f mm, %s"), width * 25.4 / 72, height * 25.4 / 72, _(formats[f].name));
}

/**
 * fa_export_dialog_export_async:
 * @path: where to write; its extension gives the format
 *
 * Writes the map as the dialog sets it up, on a worker thread.  The
 * callback gets the dialog's #FaMap as its source: finish with
 * fa_map_export_finish().  The dialog may close meanwhile.
 */
void
fa_export_dialog_export_async (FaExportDialog      *self,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(FaViewport) viewport = NULL;
  g_autoptr(FaMapSnapshot) snapshot = NULL;

  g_return_if_fail (FA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (get_language (self) != NULL)
    {
      GError *error = NULL;
      GStrv argv = dup_language_command (self, get_language (self), path, get_scale (self), &error);
      g_autoptr(GTask) task = NULL;

      if (argv == NULL)
        {
          g_task_report_error (self->map, callback, user_data, fa_map_export_async, error);
          return;
        }
      task = g_task_new (self->map, cancellable, callback, user_data);
      g_task_set_source_tag (task, fa_export_dialog_export_async);
      g_task_set_task_data (task, argv, (GDestroyNotify) g_strfreev);
      g_task_run_in_thread (task, command_thread);
      return;
    }

  /* The page the preview shows, composed alike. */
  if (fa_export_dialog_get_panels (self) > 0)
    {
      FaExportPage page;
      GError *error = NULL;

      if (fa_map_get_renderer (self->map) == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The base map is not loaded yet"));
      else if (make_panels_page (self, &page, &error))
        {
          fa_map_export_pages_async (self->map, &page, 1, get_style (self), get_scale (self), path,
                                     cancellable, callback, user_data);
          return;
        }
      g_task_report_error (self->map, callback, user_data, fa_map_export_async, error);
      return;
    }

  viewport = make_viewport (self);
  snapshot = make_snapshot (self);
  fa_map_export_snapshot_async (self->map, snapshot, viewport, get_style (self), get_scale (self), path,
                                cancellable, callback, user_data);
}

/**
 * fa_export_dialog_get_panels:
 *
 * Returns: how many maps the export compares side by side, 2 to 4, or 0
 *   for one map; 0 too when the dataset has no dates
 */
guint
fa_export_dialog_get_panels (FaExportDialog *self)
{
  guint i;

  g_return_val_if_fail (FA_IS_EXPORT_DIALOG (self), 0);

  i = adw_combo_row_get_selected (self->compare_row);
  if (!self->has_dates || i == GTK_INVALID_LIST_POSITION || i == 0)
    return 0;
  return MIN (i + 1, FA_EXPORT_MAX_PANELS);
}

/**
 * fa_export_dialog_set_panels:
 * @n_panels: 2 to 4 maps side by side, or 0 (or 1) for one
 */
void
fa_export_dialog_set_panels (FaExportDialog *self,
                             guint           n_panels)
{
  g_return_if_fail (FA_IS_EXPORT_DIALOG (self));

  n_panels = MIN (n_panels, FA_EXPORT_MAX_PANELS);
  adw_combo_row_set_selected (self->compare_row, n_panels < 2 ? 0 : n_panels - 1);
}

/**
 * fa_export_dialog_get_panel_month:
 * @index: which map, from 0: left to right, then top to bottom
 *
 * Returns: the month of that map of a comparison
 */
FaMonth
fa_export_dialog_get_panel_month (FaExportDialog *self,
                                  guint           index)
{
  g_return_val_if_fail (FA_IS_EXPORT_DIALOG (self), FA_MONTH_NONE);
  g_return_val_if_fail (index < FA_EXPORT_MAX_PANELS, FA_MONTH_NONE);

  return fa_month_spin_get_month (self->date_spins[index]);
}

/**
 * fa_export_dialog_set_panel_month:
 * @month: clamped to the dataset's months
 */
void
fa_export_dialog_set_panel_month (FaExportDialog *self,
                                  guint           index,
                                  FaMonth         month)
{
  g_return_if_fail (FA_IS_EXPORT_DIALOG (self));
  g_return_if_fail (index < FA_EXPORT_MAX_PANELS);

  gtk_spin_button_set_value (self->date_spins[index], month);
}

/**
 * fa_export_dialog_dup_problem:
 *
 * Returns: (transfer full) (nullable): why the export cannot be made as
 *   set up (the maps compared do not fit the size), or %NULL
 */
char *
fa_export_dialog_dup_problem (FaExportDialog *self)
{
  g_return_val_if_fail (FA_IS_EXPORT_DIALOG (self), NULL);

  return dup_problem (self);
}

/**
 * fa_export_dialog_get_language:
 *
 * Returns: (nullable): the language of the map the dialog exports, such as
 *   "fr"; %NULL for the interface's
 */
const char *
fa_export_dialog_get_language (FaExportDialog *self)
{
  g_return_val_if_fail (FA_IS_EXPORT_DIALOG (self), NULL);

  return get_language (self);
}

/**
 * fa_export_dialog_set_language:
 * @language: (nullable): a language of the catalogues, such as "uk", or
 *   %NULL for the interface's
 *
 * Returns: whether FlowAtlas has that language
 */
gboolean
fa_export_dialog_set_language (FaExportDialog *self,
                               const char     *language)
{
  g_return_val_if_fail (FA_IS_EXPORT_DIALOG (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].code, language) == 0)
      {
        adw_combo_row_set_selected (self->language_row, i);
        return TRUE;
      }
  return FALSE;
}
