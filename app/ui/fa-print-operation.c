/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-print-operation"

#include "config.h"

#include <glib/gi18n.h>

#include "fa-print-operation.h"

#include "fa-autocleanups.h"
#include "fa-dataset.h"
#include "fa-export.h"
#include "fa-map.h"
#include "fa-map-state.h"
#include "fa-map-style.h"
#include "fa-viewport.h"

/* Printing the map as the window shows it: one page, laid out by the code
 * that writes PDF exports, on the printable area of the paper.  The page
 * is drawn on a worker into a recording surface as soon as printing
 * begins; GTK waits for it (deferred drawing) while the main loop goes on,
 * and the recording is then replayed, still as vectors, onto the printer's
 * surface. */
struct _FaPrintOperation
{
  GtkPrintOperation  parent_instance;

  FaMap             *map;         /* owned */
  FaRenderer        *renderer;    /* owned, nullable: the base map was not loaded */
  FaViewport        *view;        /* owned: the view when printing was asked for */
  FaMapSnapshot     *snapshot;    /* owned: the state then, without the hover */
  GCancellable      *cancellable; /* owned: the page's worker */
  cairo_surface_t   *recording;   /* owned: the page, once drawn */
  GtkPrintContext   *deferred;    /* owned: a page GTK waits for */
  GError            *error;       /* owned: why the page could not be drawn */
  gboolean           drawing;
};

G_DEFINE_FINAL_TYPE (FaPrintOperation, fa_print_operation, GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_MAP,
  PROP_DRAWING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  FaRenderer       *renderer;  /* owned */
  FaViewport       *viewport;  /* owned */
  FaMapSnapshot    *snapshot;  /* owned */
  const FaMapStyle *style;
} PageJob;

static void
page_job_free (PageJob *job)
{
  g_clear_object (&job->renderer);
  g_clear_object (&job->viewport);
  g_clear_pointer (&job->snapshot, fa_map_snapshot_unref);
  g_free (job);
}

static void
set_drawing (FaPrintOperation *self,
             gboolean          drawing)
{
  if (self->drawing == drawing)
    return;

  self->drawing = drawing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAWING]);
}

static void
paint_recording (FaPrintOperation *self,
                 GtkPrintContext  *context)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  cairo_save (cr);
  cairo_set_source_surface (cr, self->recording, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* Lets GTK go on with a page it waited for: drawn, or left blank when
 * printing was cancelled or failed. */
static void
finish_deferred (FaPrintOperation *self)
{
  g_autoptr(GtkPrintContext) context = g_steal_pointer (&self->deferred);

  if (context == NULL)
    return;
  if (self->recording != NULL && self->error == NULL &&
      !g_cancellable_is_cancelled (self->cancellable))
    paint_recording (self, context);
  gtk_print_operation_draw_page_finish (GTK_PRINT_OPERATION (self));
}

static void
fail (FaPrintOperation *self,
      GError           *error)
{
  g_clear_error (&self->error);
  self->error = error;
  gtk_print_operation_cancel (GTK_PRINT_OPERATION (self));
}

/* On a worker: the page as the PDF export draws it, recorded. */
static void
draw_page_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PageJob *job = task_data;
  FaExportPanel panel = { job->snapshot, job->viewport, 0, 0 };
  FaExportPage page = { 0 };
  g_autoptr(cairo_surface_t) recording = NULL;
  g_autoptr(cairo_t) cr = NULL;
  cairo_rectangle_t extents = { 0, 0, 0, 0 };
  cairo_status_t status;

  if (g_task_return_error_if_cancelled (task))
    return;

  page.width = fa_viewport_get_width (job->viewport);
  page.height = fa_viewport_get_height (job->viewport);
  page.panels = &panel;
  page.n_panels = 1;
  extents.width = page.width;
  extents.height = page.height;

  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cr = cairo_create (recording);
  fa_export_draw_page (job->renderer, job->style, &page, cr);
  status = cairo_status (cr);
  g_clear_pointer (&cr, cairo_destroy);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (recording);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_task_return_new_error (task, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                               /* translators: %s is Cairo's reason, such as "out of memory" */
                               _("Cannot draw the map: %s"), cairo_status_to_string (status));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&recording), (GDestroyNotify) cairo_surface_destroy);
}

static void
on_page_drawn_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FaPrintOperation *self = FA_PRINT_OPERATION (object);
  GError *error = NULL;
  cairo_surface_t *recording;

  recording = g_task_propagate_pointer (G_TASK (result), &error);
  if (recording == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_error_free (error);
      else
        fail (self, error);
    }
  else
    {
      g_clear_pointer (&self->recording, cairo_surface_destroy);
      self->recording = recording;
    }

  finish_deferred (self);
  set_drawing (self, FALSE);
}

/* The page's size is known: the printable area of the paper chosen. */
static void
fa_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  FaPrintOperation *self = FA_PRINT_OPERATION (operation);
  g_autoptr(GTask) task = NULL;
  PageJob *job;
  FaRect visible;
  int width, height;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (self->renderer == NULL)
    {
      fail (self, g_error_new_literal (GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                                       _("The base map is not loaded yet")));
      return;
    }

  /* The context's units are points (see init); a viewport has whole
   * ones, inside the printable area. */
  width = (int) gtk_print_context_get_width (context);
  height = (int) gtk_print_context_get_height (context);
  if (width < 1 || height < 1)
    {
      fail (self, g_error_new_literal (GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                                       _("The paper has no room for the map inside its margins")));
      return;
    }

  job = g_new0 (PageJob, 1);
  job->renderer = g_object_ref (self->renderer);
  job->snapshot = fa_map_snapshot_ref (self->snapshot);
  job->style = fa_map_style_get (FA_MAP_STYLE_PRINT);
  /* The area the window showed, fitted to the page, as an export does. */
  job->viewport = fa_viewport_copy (self->view);
  fa_viewport_get_visible_rect (job->viewport, &visible);
  fa_viewport_set_size (job->viewport, width, height);
  fa_viewport_fit_rect (job->viewport, &visible, 0);

  task = g_task_new (self, self->cancellable, on_page_drawn_cb, NULL);
  g_task_set_source_tag (task, fa_print_operation_begin_print);
  g_task_set_task_data (task, job, (GDestroyNotify) page_job_free);
  g_task_run_in_thread (task, draw_page_thread);
  set_drawing (self, TRUE);
}

static void
fa_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  FaPrintOperation *self = FA_PRINT_OPERATION (operation);

  if (self->recording != NULL)
    paint_recording (self, context);
  else if (self->drawing)
    {
      /* GTK goes on once the worker is done (finish_deferred()). */
      gtk_print_operation_set_defer_drawing (operation);
      g_set_object (&self->deferred, context);
    }
}

static void
fa_print_operation_constructed (GObject *object)
{
  FaPrintOperation *self = FA_PRINT_OPERATION (object);
  FaMapState *state = fa_map_get_state (self->map);
  g_autoptr(FaMapSnapshot) snapshot = fa_map_state_snapshot (state);
  FaDataset *dataset = fa_map_state_get_dataset (state);
  const char *title;

  G_OBJECT_CLASS (fa_print_operation_parent_class)->constructed (object);

  /* What the window shows now, not what it shows once the dialog closes:
   * the renderer, the view and the state belong together. */
  if (fa_map_get_renderer (self->map) != NULL)
    self->renderer = g_object_ref (fa_map_get_renderer (self->map));
  self->view = fa_viewport_copy (fa_map_state_get_viewport (state));
  self->snapshot = fa_map_snapshot_copy (snapshot);
  /* Nothing the pointer happens to be over goes on paper. */
  g_clear_object (&self->snapshot->hovered);

  title = self->snapshot->title;
  if ((title == NULL || title[0] == '\0') && dataset != NULL)
    title = fa_dataset_get_title (dataset);
  if (title == NULL || title[0] == '\0')
    /* translators: the name of a print job when the map has no title */
    title = _("FlowAtlas Map");
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), title);
}

static void
fa_print_operation_dispose (GObject *object)
{
  FaPrintOperation *self = FA_PRINT_OPERATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->deferred);

  G_OBJECT_CLASS (fa_print_operation_parent_class)->dispose (object);
}

static void
fa_print_operation_finalize (GObject *object)
{
  FaPrintOperation *self = FA_PRINT_OPERATION (object);

  g_clear_object (&self->map);
  g_clear_object (&self->renderer);
  g_clear_object (&self->view);
  g_clear_pointer (&self->snapshot, fa_map_snapshot_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->recording, cairo_surface_destroy);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (fa_print_operation_parent_class)->finalize (object);
}

static void
fa_print_operation_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FaPrintOperation *self = FA_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, fa_print_operation_get_map (self));
      break;

    case PROP_DRAWING:
      g_value_set_boolean (value, fa_print_operation_get_drawing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_print_operation_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FaPrintOperation *self = FA_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_MAP:
      self->map = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_print_operation_class_init (FaPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->constructed = fa_print_operation_constructed;
  object_class->dispose = fa_print_operation_dispose;
  object_class->finalize = fa_print_operation_finalize;
  object_class->get_property = fa_print_operation_get_property;
  object_class->set_property = fa_print_operation_set_property;
  print_class->begin_print = fa_print_operation_begin_print;
  print_class->draw_page = fa_print_operation_draw_page;

  /**
   * FaPrintOperation:map:
   *
   * The map document to print, as it is when the operation is made.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, FA_TYPE_MAP,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * FaPrintOperation:drawing:
   *
   * Whether the page is being drawn on a worker thread.
   */
  properties[PROP_DRAWING] =
    g_param_spec_boolean ("drawing", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fa_print_operation_init (FaPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  self->cancellable = g_cancellable_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
}

/**
 * fa_print_operation_new:
 * @map: the map to print
 *
 * Returns: (transfer full): an operation that prints @map as it is now
 *   (the date, categories, layers, projection, title and the area in
 *   view) on one page; run it with gtk_print_operation_run()
 */
FaPrintOperation *
fa_print_operation_new (FaMap *map)
{
  g_return_val_if_fail (FA_IS_MAP (map), NULL);

  return g_object_new (FA_TYPE_PRINT_OPERATION, "map", map, NULL);
}

/**
 * fa_print_operation_get_map:
 *
 * Returns: (transfer none): the map printed
 */
FaMap *
fa_print_operation_get_map (FaPrintOperation *self)
{
  g_return_val_if_fail (FA_IS_PRINT_OPERATION (self), NULL);

  return self->map;
}

/**
 * fa_print_operation_get_drawing:
 *
 * Returns: whether the page is being drawn, on a worker
 */
gboolean
fa_print_operation_get_drawing (FaPrintOperation *self)
{
  g_return_val_if_fail (FA_IS_PRINT_OPERATION (self), FALSE);

  return self->drawing;
}

/**
 * fa_print_operation_get_draw_error:
 *
 * Returns: (nullable) (transfer none): why the page could not be drawn;
 *   the operation then ended as cancelled
 */
const GError *
fa_print_operation_get_draw_error (FaPrintOperation *self)
{
  g_return_val_if_fail (FA_IS_PRINT_OPERATION (self), NULL);

  return self->error;
}

/**
 * fa_print_operation_cancel:
 *
 * Stops printing: the worker's page is dropped, a page GTK waits for is
 * let go blank, and the operation ends with
 * %GTK_PRINT_OPERATION_RESULT_CANCEL.
 */
void
fa_print_operation_cancel (FaPrintOperation *self)
{
  g_return_if_fail (FA_IS_PRINT_OPERATION (self));

  g_cancellable_cancel (self->cancellable);
  gtk_print_operation_cancel (GTK_PRINT_OPERATION (self));
  finish_deferred (self);
}
