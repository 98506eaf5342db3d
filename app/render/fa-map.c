/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-map"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fa-map.h"

#include "fa-basemap-layer.h"
#include "fa-category.h"
#include "fa-dataset.h"
#include "fa-export.h"
#include "fa-feature-layer.h"
#include "fa-flow-layer.h"
#include "fa-flow.h"
#include "fa-geodata.h"
#include "fa-legend-layer.h"
#include "fa-map-state-private.h"
#include "fa-projection.h"
#include "fa-shape-layer.h"
#include "fa-shapefile.h"

/* The map document.  It owns the state, and assembles from it the
 * projection, the base map, the user's layers and the dataset's layers
 * into one renderer.  The window, the command line, exports and tests all
 * draw through it, so what is exported is what is shown.  Work that can
 * take longer than a frame (projecting every layer anew) has an async
 * variant that runs on a worker thread and swaps the result in whole. */
struct _FaMap
{
  GObject       parent_instance;

  FaMapState   *state;                  /* owned */
  FaGeodata    *geodata;                /* owned, nullable until loaded */
  FaRenderer   *renderer;               /* owned, nullable until the geodata is there */
  GCancellable *projection_cancellable; /* owned: the rebuild under way */
  guint         busy;                   /* projections and loads under way */
  guint         n_layers_added;         /* for the colours of new user layers */
  gboolean      applying;               /* the state changes because we change it */
};

G_DEFINE_FINAL_TYPE (FaMap, fa_map, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_GEODATA,
  PROP_RENDERER,
  PROP_BUSY,
  N_PROPS
};

enum {
  CHANGED,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- Building ------------------------------------------------------------- */

/* Everything a projection needs, built on any thread, then swapped in. */
typedef struct
{
  FaGeodata   *geodata;      /* owned */
  char        *definition;   /* owned */
  GPtrArray   *old_layers;   /* owned: FaShapeLayer to re-project */
  FaRenderer  *renderer;     /* owned: the result */
  GPtrArray   *layers;       /* owned: FaShapeLayer, re-projected */
} Build;

static void
build_free (Build *build)
{
  g_clear_object (&build->geodata);
  g_clear_pointer (&build->definition, g_free);
  g_clear_pointer (&build->old_layers, g_ptr_array_unref);
  g_clear_object (&build->renderer);
  g_clear_pointer (&build->layers, g_ptr_array_unref);
  g_free (build);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Build, build_free)

static Build *
build_new (FaMap      *self,
           const char *definition)
{
  Build *build = g_new0 (Build, 1);
  GListModel *layers = fa_map_state_get_user_layers (self->state);

  build->geodata = g_object_ref (self->geodata);
  build->definition = g_strdup (definition);
  build->old_layers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    g_ptr_array_add (build->old_layers, g_list_model_get_item (layers, i));

  return build;
}

/* Thread-safe: reads only immutable data (geodata, shapefiles). */
static gboolean
build_run (Build   *build,
           GError **error)
{
  g_autoptr(FaProjection) projection = NULL;

  projection = fa_projection_new (build->definition, error);
  if (projection == NULL)
    return FALSE;

  build->renderer = fa_renderer_new_for_geodata (build->geodata, projection, error);
  if (build->renderer == NULL)
    return FALSE;

  /* What the first frame's framing and legend read (the occupied
   * territory and the names of its regions), read and projected here
   * rather than on the main thread in the first snapshot. */
  {
    FaBasemapLayer *basemap = (FaBasemapLayer *) fa_renderer_find_layer (build->renderer, FA_TYPE_BASEMAP_LAYER);

    if (basemap != NULL)
      {
        fa_basemap_layer_get_features (basemap, FA_GEODATA_OCCUPIED, FA_DETAIL_HIGH);
        fa_basemap_layer_get_features (basemap, FA_GEODATA_REGIONS, FA_DETAIL_MEDIUM);
      }
  }

  build->layers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < build->old_layers->len; i++)
    {
      FaShapeLayer *old = g_ptr_array_index (build->old_layers, i);
      g_autoptr(FaFeatureLayer) features = NULL;
      FaShapeLayer *layer;

      features = fa_feature_layer_new (fa_feature_layer_get_source (fa_shape_layer_get_features (old)),
                                       projection, error);
      if (features == NULL)
        return FALSE;
      layer = fa_shape_layer_new (features, fa_shape_layer_get_color (old));
      fa_map_layer_set_visible (FA_MAP_LAYER (layer), fa_map_layer_get_visible (FA_MAP_LAYER (old)));
      g_ptr_array_add (build->layers, layer);
    }

  return TRUE;
}

static void
on_renderer_changed_cb (FaMap      *self,
                        guint       kinds,
                        FaRenderer *renderer)
{
  g_signal_emit (self, signals[CHANGED], 0, kinds);
}

static FaBasemapLayer *
get_basemap (FaMap *self)
{
  if (self->renderer == NULL)
    return NULL;
  return (FaBasemapLayer *) fa_renderer_find_layer (self->renderer, FA_TYPE_BASEMAP_LAYER);
}

static void
apply_dataset (FaMap *self)
{
  FaDataset *dataset = fa_map_state_get_dataset (self->state);
  FaLegendLayer *legend;

  if (self->renderer == NULL)
    return;

  fa_renderer_set_dataset (self->renderer, dataset);
  legend = (FaLegendLayer *) fa_renderer_find_layer (self->renderer, FA_TYPE_LEGEND_LAYER);
  if (legend != NULL)
    fa_legend_layer_set_dataset (legend, dataset);
}

/* Main thread: swaps in a finished build. */
static void
build_apply (FaMap *self,
             Build *build)
{
  GListStore *store = _fa_map_state_get_user_layer_store (self->state);
  FaBasemapLayer *basemap;

  if (self->renderer != NULL)
    g_signal_handlers_disconnect_by_func (self->renderer, on_renderer_changed_cb, self);
  g_set_object (&self->renderer, build->renderer);

  for (guint i = 0; i < build->layers->len; i++)
    fa_renderer_add_layer (self->renderer, g_ptr_array_index (build->layers, i));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       build->layers->pdata, build->layers->len);

  basemap = get_basemap (self);
  if (basemap != NULL)
    g_object_bind_property (self->state, "show-regions", basemap, "show-regions", G_BINDING_SYNC_CREATE);
  apply_dataset (self);

  g_signal_connect_object (self->renderer, "changed", G_CALLBACK (on_renderer_changed_cb),
                           self, G_CONNECT_SWAPPED);

  self->applying = TRUE;
  fa_map_state_set_projection (self->state, build->definition);
  self->applying = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERER]);
  g_signal_emit (self, signals[CHANGED], 0, (guint) FA_LAYERS_ALL);
}

static void
set_busy (FaMap    *self,
          gboolean  busy)
{
  gboolean was = self->busy > 0;

  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  if (was != (self->busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Build *build = task_data;
  GError *error = NULL;

  if (build_run (build, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_projection_rebuilt_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  FaMap *self = FA_MAP (object);
  g_autoptr(GError) error = NULL;

  if (!fa_map_set_projection_finish (self, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Whoever set the state asked for something impossible: the map
       * keeps what it shows, and the state says so again. */
      if (self->renderer != NULL)
        {
          self->applying = TRUE;
          fa_map_state_set_projection (self->state,
                                       fa_projection_get_definition (fa_renderer_get_projection (self->renderer)));
          self->applying = FALSE;
        }
      g_signal_emit (self, signals[ERROR], 0, error);
    }
}

/* The state asked for another projection (a binding, a menu): rebuild
 * off the main thread. */
static void
on_state_projection_cb (FaMap      *self,
                        GParamSpec *pspec,
                        FaMapState *state)
{
  const char *definition = fa_map_state_get_projection (state);

  if (self->applying || self->geodata == NULL)
    return;
  if (self->renderer != NULL &&
      g_strcmp0 (definition, fa_projection_get_definition (fa_renderer_get_projection (self->renderer))) == 0)
    return;

  fa_map_set_projection_async (self, definition, NULL, on_projection_rebuilt_cb, NULL);
}

static void
on_state_dataset_cb (FaMap      *self,
                     GParamSpec *pspec,
                     FaMapState *state)
{
  apply_dataset (self);
}

static void
on_state_changed_cb (FaMap      *self,
                     GParamSpec *pspec,
                     FaMapState *state)
{
  const char *name = g_param_spec_get_name (pspec);

  /* The labels keep clear of the legend and the title: they move too. */
  if (g_str_equal (name, "show-legend") || g_str_equal (name, "legend-position") ||
      g_str_equal (name, "title") ||
      g_str_equal (name, "subtitle"))
    g_signal_emit (self, signals[CHANGED], 0, (guint) (FA_LAYERS_DYNAMIC | FA_LAYERS_OVERLAY));
  else if (g_str_equal (name, "style"))
    g_signal_emit (self, signals[CHANGED], 0, (guint) FA_LAYERS_ALL);
  else if (g_str_equal (name, "time-filter") || g_str_equal (name, "hidden-categories") ||
           g_str_equal (name, "selected") || g_str_equal (name, "hovered") ||
           g_str_equal (name, "rescale-widths") || g_str_equal (name, "fade-position") ||
           g_str_equal (name, "arrow-labels") || g_str_equal (name, "clustering"))
    g_signal_emit (self, signals[CHANGED], 0, (guint) (FA_LAYERS_DYNAMIC | FA_LAYERS_OVERLAY));
}

/* --- GObject -------------------------------------------------------------- */

static void
fa_map_dispose (GObject *object)
{
  FaMap *self = FA_MAP (object);

  if (self->projection_cancellable != NULL)
    g_cancellable_cancel (self->projection_cancellable);
  g_clear_object (&self->projection_cancellable);
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  if (self->renderer != NULL)
    g_signal_handlers_disconnect_by_data (self->renderer, self);
  g_clear_object (&self->renderer);
  g_clear_object (&self->geodata);
  g_clear_object (&self->state);

  G_OBJECT_CLASS (fa_map_parent_class)->dispose (object);
}

static void
fa_map_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  FaMap *self = FA_MAP (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;

    case PROP_GEODATA:
      g_value_set_object (value, self->geodata);
      break;

    case PROP_RENDERER:
      g_value_set_object (value, self->renderer);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, fa_map_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_map_class_init (FaMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fa_map_dispose;
  object_class->get_property = fa_map_get_property;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, FA_TYPE_MAP_STATE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_GEODATA] =
    g_param_spec_object ("geodata", NULL, NULL, FA_TYPE_GEODATA,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FaMap:renderer:
   *
   * The layers of the map in its current projection; replaced whole when
   * the projection changes.  %NULL until the base map is loaded.
   */
  properties[PROP_RENDERER] =
    g_param_spec_object ("renderer", NULL, NULL, FA_TYPE_RENDERER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FaMap:busy:
   *
   * Whether the map is re-projecting or loading a layer.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FaMap::changed:
   * @kinds: the #FaLayerSet bits of what looks different now
   *
   * Emitted when a drawing of the map would differ from the last one.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * FaMap::error:
   * @error: what went wrong
   *
   * Emitted when a change asked for through the state (a projection)
   * cannot be made; the map stays as it was.
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
fa_map_init (FaMap *self)
{
  self->state = fa_map_state_new ();
  g_signal_connect_object (self->state, "notify::projection", G_CALLBACK (on_state_projection_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::dataset", G_CALLBACK (on_state_dataset_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify", G_CALLBACK (on_state_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * fa_map_new:
 * @geodata: (nullable): the base map; set it later with
 *   fa_map_set_geodata() when it loads asynchronously
 *
 * Returns: (transfer full): a map with a new state, in the state's
 *   projection once the base map is there
 */
FaMap *
fa_map_new (FaGeodata *geodata)
{
  g_autoptr(FaMap) self = g_object_new (FA_TYPE_MAP, NULL);

  g_return_val_if_fail (!geodata || FA_IS_GEODATA (geodata), NULL);

  if (geodata != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* The default projection is a preset: it cannot fail but by a
       * broken installation, which the base map's own load reports. */
      if (!fa_map_set_geodata (self, geodata, &error))
        g_warning ("%s", error->message);
    }

  return g_steal_pointer (&self);
}

/**
 * fa_map_get_state:
 *
 * Returns: (transfer none): the state the map draws
 */
FaMapState *
fa_map_get_state (FaMap *self)
{
  g_return_val_if_fail (FA_IS_MAP (self), NULL);

  return self->state;
}

/**
 * fa_map_get_geodata:
 *
 * Returns: (transfer none) (nullable): the base map's data
 */
FaGeodata *
fa_map_get_geodata (FaMap *self)
{
  g_return_val_if_fail (FA_IS_MAP (self), NULL);

  return self->geodata;
}

/**
 * fa_map_set_geodata:
 *
 * Builds the map in the state's projection, or the default one if that
 * cannot be shown (with @error telling why).
 *
 * Returns: %TRUE when the state's projection was built
 */
gboolean
fa_map_set_geodata (FaMap      *self,
                    FaGeodata  *geodata,
                    GError    **error)
{
  g_return_val_if_fail (FA_IS_MAP (self), FALSE);
  g_return_val_if_fail (FA_IS_GEODATA (geodata), FALSE);

  g_set_object (&self->geodata, geodata);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEODATA]);

  if (fa_map_set_projection (self, fa_map_state_get_projection (self->state), error))
    return TRUE;

  fa_map_set_projection (self, FA_PROJECTION_DEFAULT_PRESET, NULL);
  return FALSE;
}

/**
 * fa_map_get_renderer:
 *
 * Returns: (transfer none) (nullable): the layers in the current projection
 */
FaRenderer *
fa_map_get_renderer (FaMap *self)
{
  g_return_val_if_fail (FA_IS_MAP (self), NULL);

  return self->renderer;
}

/**
 * fa_map_get_base_layer:
 *
 * The base map every map has, below the user's layers: what the window
 * lists after them, to show or hide.
 *
 * Returns: (transfer none) (nullable): the layer, or %NULL before the
 *   geodata is loaded
 */
FaMapLayer *
fa_map_get_base_layer (FaMap *self)
{
  g_return_val_if_fail (FA_IS_MAP (self), NULL);

  if (self->renderer == NULL)
    return NULL;
  return fa_renderer_find_layer (self->renderer, FA_TYPE_BASEMAP_LAYER);
}

/**
 * fa_map_get_projection:
 *
 * Returns: (transfer none) (nullable): the projection drawn
 */
FaProjection *
fa_map_get_projection (FaMap *self)
{
  g_return_val_if_fail (FA_IS_MAP (self), NULL);

  return self->renderer != NULL ? fa_renderer_get_projection (self->renderer) : NULL;
}

gboolean
fa_map_get_busy (FaMap *self)
{
  g_return_val_if_fail (FA_IS_MAP (self), FALSE);

  return self->busy > 0;
}

/**
 * fa_map_set_projection:
 * @definition: a preset id, a PROJ string or an EPSG code
 *
 * Re-projects the base map and every user layer, on this thread.  On
 * error nothing changes.
 *
 * Returns: %TRUE on success
 */
gboolean
fa_map_set_projection (FaMap       *self,
                       const char  *definition,
                       GError     **error)
{
  g_autoptr(Build) build = NULL;

  g_return_val_if_fail (FA_IS_MAP (self), FALSE);
  g_return_val_if_fail (definition != NULL, FALSE);

  if (self->geodata == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The base map is not loaded yet"));
      return FALSE;
    }

  /* A newer request wins over one still running. */
  if (self->projection_cancellable != NULL)
    g_cancellable_cancel (self->projection_cancellable);

  build = build_new (self, definition);
  if (!build_run (build, error))
    return FALSE;

  build_apply (self, build);
  return TRUE;
}

static void
on_build_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FaMap *self = FA_MAP (object);
  g_autoptr(GTask) task = user_data;
  GTask *inner = G_TASK (result);
  Build *build = g_task_get_task_data (inner);
  GError *error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (inner, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  build_apply (self, build);
  g_task_return_boolean (task, TRUE);
}

/**
 * fa_map_set_projection_async:
 *
 * Like fa_map_set_projection(), with the work on a worker thread; the map
 * shows the old projection until the new one is ready.  A later call
 * cancels an earlier one.
 */
void
fa_map_set_projection_async (FaMap               *self,
                             const char          *definition,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (FA_IS_MAP (self));
  g_return_if_fail (definition != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fa_map_set_projection_async);

  if (self->geodata == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The base map is not loaded yet"));
      return;
    }

  if (self->projection_cancellable != NULL)
    g_cancellable_cancel (self->projection_cancellable);
  g_clear_object (&self->projection_cancellable);
  self->projection_cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  g_task_set_check_cancellable (task, FALSE);

  set_busy (self, TRUE);
  inner = g_task_new (self, self->projection_cancellable, on_build_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (inner, build_new (self, definition), (GDestroyNotify) build_free);
  g_task_run_in_thread (inner, build_thread);
}

gboolean
fa_map_set_projection_finish (FaMap         *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  char      *directory;  /* owned, nullable: the default */
  Build     *build;      /* owned: the result, once the geodata is read */
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->directory);
  g_clear_pointer (&job->build, build_free);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(FaGeodata) geodata = NULL;
  GError *error = NULL;

  geodata = fa_geodata_new (job->directory, &error);
  if (geodata == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_set_object (&job->build->geodata, geodata);
  if (!build_run (job->build, NULL))
    {
      /* A saved projection that no longer works: the default one. */
      g_free (job->build->definition);
      job->build->definition = g_strdup (FA_PROJECTION_DEFAULT_PRESET);
      g_clear_object (&job->build->renderer);
      g_clear_pointer (&job->build->layers, g_ptr_array_unref);
      if (!build_run (job->build, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * fa_map_load_async:
 * @directory: (nullable): the geodata folder; %NULL for the installed one
 *
 * Reads the base map and builds the map in the state's projection (or
 * the default one, if the state's cannot be shown) on a worker thread.
 */
void
fa_map_load_async (FaMap               *self,
                   const char          *directory,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (FA_IS_MAP (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fa_map_load_async);
  job = g_new0 (LoadJob, 1);
  job->directory = g_strdup (directory);
  job->build = g_new0 (Build, 1);
  job->build->definition = g_strdup (fa_map_state_get_projection (self->state));
  job->build->old_layers = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, load_thread);
}

gboolean
fa_map_load_finish (FaMap         *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  LoadJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  g_set_object (&self->geodata, job->build->geodata);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEODATA]);
  build_apply (self, job->build);
  return TRUE;
}

/* --- User layers ---------------------------------------------------------- */

/**
 * fa_map_insert_user_layer:
 * @layer: a layer in the map's projection
 * @position: its place among the user layers, from the bottom
 */
void
fa_map_insert_user_layer (FaMap        *self,
                          FaShapeLayer *layer,
                          guint         position)
{
  GListStore *store;
  guint n;

  g_return_if_fail (FA_IS_MAP (self));
  g_return_if_fail (FA_IS_SHAPE_LAYER (layer));
  g_return_if_fail (self->renderer != NULL);

  store = _fa_map_state_get_user_layer_store (self->state);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  position = MIN (position, n);

  /* User layers sit above the base map and its choropleth, below the
   * flows: in the renderer, right after the one below it. */
  if (position == n)
    fa_renderer_add_layer (self->renderer, FA_MAP_LAYER (layer));
  else
    {
      g_autoptr(FaMapLayer) above = g_list_model_get_item (G_LIST_MODEL (store), position);
      GListModel *layers = fa_renderer_get_layers (self->renderer);
      guint at = 0;

      for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
        {
          g_autoptr(FaMapLayer) other = g_list_model_get_item (layers, i);

          if (other == above)
            {
              at = i;
              break;
            }
        }
      fa_renderer_insert_layer (self->renderer, FA_MAP_LAYER (layer), at);
    }
  g_list_store_insert (store, position, layer);
}

/**
 * fa_map_remove_user_layer:
 *
 * Returns: where @layer was among the user layers (to put it back), or
 *   %G_MAXUINT when it was not one
 */
guint
fa_map_remove_user_layer (FaMap      *self,
                          FaMapLayer *layer)
{
  GListStore *store;
  guint position;

  g_return_val_if_fail (FA_IS_MAP (self), G_MAXUINT);
  g_return_val_if_fail (FA_IS_MAP_LAYER (layer), G_MAXUINT);

  store = _fa_map_state_get_user_layer_store (self->state);
  if (!g_list_store_find (store, layer, &position))
    return G_MAXUINT;

  if (self->renderer != NULL)
    fa_renderer_remove_layer (self->renderer, layer);
  g_list_store_remove (store, position);
  return position;
}

/**
 * fa_map_add_shapefile:
 * @shapefile: a loaded shapefile
 *
 * Projects @shapefile and adds it on top of the user layers.
 *
 * Returns: (transfer none) (nullable): the new layer, or %NULL with @error
 *   set
 */
FaShapeLayer *
fa_map_add_shapefile (FaMap        *self,
                      FaShapefile  *shapefile,
                      GError      **error)
{
  g_autoptr(FaFeatureLayer) features = NULL;
  g_autoptr(FaShapeLayer) layer = NULL;

  g_return_val_if_fail (FA_IS_MAP (self), NULL);
  g_return_val_if_fail (FA_IS_SHAPEFILE (shapefile), NULL);

  if (self->renderer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The base map is not loaded yet"));
      return NULL;
    }

  features = fa_feature_layer_new (shapefile, fa_map_get_projection (self), error);
  if (features == NULL)
    return NULL;

  layer = fa_shape_layer_new (features, fa_map_style_get_layer_color (self->n_layers_added++));
  fa_map_insert_user_layer (self, layer, G_MAXUINT);
  return layer;
}

typedef struct
{
  char         *path;        /* owned */
  FaProjection *projection;  /* owned */
  FaShapefile  *shapefile;   /* owned: the result */
  FaFeatureLayer *features;  /* owned: the result, projected */
} ShapefileLoad;

static void
shapefile_load_free (ShapefileLoad *load)
{
  g_free (load->path);
  g_clear_object (&load->projection);
  g_clear_object (&load->shapefile);
  g_clear_object (&load->features);
  g_free (load);
}

static void
load_shapefile_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ShapefileLoad *load = task_data;
  GError *error = NULL;

  load->shapefile = fa_shapefile_load (load->path, &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (load->shapefile != NULL)
    load->features = fa_feature_layer_new (load->shapefile, load->projection, &error);
  if (load->features == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * fa_map_add_shapefile_async:
 * @file: a local `.shp` file
 *
 * Reads and projects @file on a worker thread, then adds it.
 */
void
fa_map_add_shapefile_async (FaMap               *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ShapefileLoad *load;
  char *path;

  g_return_if_fail (FA_IS_MAP (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fa_map_add_shapefile_async);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("%s: only local files can be added"), uri);
      return;
    }
  if (self->renderer == NULL)
    {
      g_free (path);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The base map is not loaded yet"));
      return;
    }

  load = g_new0 (ShapefileLoad, 1);
  load->path = path;
  load->projection = g_object_ref (fa_map_get_projection (self));
  g_task_set_task_data (task, load, (GDestroyNotify) shapefile_load_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, load_shapefile_thread);
}

/**
 * fa_map_add_shapefile_finish:
 *
 * Returns: (transfer none) (nullable): the layer added, or %NULL with
 *   @error set (naming the file and, where it applies, the record)
 */
FaShapeLayer *
fa_map_add_shapefile_finish (FaMap         *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  ShapefileLoad *load;
  g_autoptr(FaShapeLayer) layer = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  load = g_task_get_task_data (G_TASK (result));
  /* The projection changed while the file loaded: project it anew. */
  if (load->projection != fa_map_get_projection (self))
    return fa_map_add_shapefile (self, load->shapefile, error);

  layer = fa_shape_layer_new (load->features, fa_map_style_get_layer_color (self->n_layers_added++));
  fa_map_insert_user_layer (self, layer, G_MAXUINT);
  return layer;
}

/* --- Story ---------------------------------------------------------------- */

/**
 * fa_map_apply_show:
 * @list: category ids and preset ids, comma-separated, or "all"
 *
 * Shows the categories @list names and hides the others.
 *
 * Returns: %FALSE with @error set naming an unknown word; nothing changes
 */
gboolean
fa_map_apply_show (FaMap       *self,
                   const char  *list,
                   GError     **error)
{
  g_autoptr(GHashTable) visible = NULL;
  FaDataset *dataset;

  g_return_val_if_fail (FA_IS_MAP (self), FALSE);
  g_return_val_if_fail (list != NULL, FALSE);

  dataset = fa_map_state_get_dataset (self->state);
  if (dataset == NULL)
    return TRUE;

  if (!g_str_equal (list, "all"))
    {
      visible = fa_dataset_parse_show (dataset, list, error);
      if (visible == NULL)
        return FALSE;
    }
  fa_map_state_show_only_categories (self->state, visible);
  return TRUE;
}

/**
 * fa_map_get_story_rect:
 * @rect: (out caller-allocates): projected units
 *
 * The rectangle that frames the places the flows shown connect, at least
 * about 1,500 km across; fa_renderer_frame_rect() fits it into a view
 * with room for the title and the legend.
 *
 * Returns: %FALSE when fewer than two places are shown
 */
gboolean
fa_map_get_story_rect (FaMap  *self,
                       FaRect *rect)
{
  GListModel *flows;
  FaFlowLayer *layer;
  FaRect r = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  guint n_points = 0;
  double min_size;

  g_return_val_if_fail (FA_IS_MAP (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (self->renderer == NULL)
    return FALSE;
  layer = (FaFlowLayer *) fa_renderer_find_layer (self->renderer, FA_TYPE_FLOW_LAYER);
  if (layer == NULL)
    return FALSE;

  flows = fa_map_state_get_visible_flows (self->state);
  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(FaFlow) flow = g_list_model_get_item (flows, i);
      FaPlace *ends[2] = { fa_flow_get_origin (flow), fa_flow_get_destination (flow) };

      for (guint e = 0; e < 2; e++)
        {
          double x, y;

          if (!fa_flow_layer_get_place_point (layer, ends[e], &x, &y))
            continue;
          r.x1 = MIN (r.x1, x);
          r.y1 = MIN (r.y1, y);
          r.x2 = MAX (r.x2, x);
          r.y2 = MAX (r.y2, y);
          n_points++;
        }
    }
  if (n_points < 2)
    return FALSE;

  /* Never closer than about 1,500 km across (in map units: metres, or
   * degrees in plate carrée). */
  min_size = fa_projection_is_geographic (fa_map_get_projection (self)) ? 14 : 1.5e6;
  if (r.x2 - r.x1 < min_size)
    {
      double c = (r.x1 + r.x2) / 2;

      r.x1 = c - min_size / 2;
      r.x2 = c + min_size / 2;
    }
  if (r.y2 - r.y1 < min_size)
    {
      double c = (r.y1 + r.y2) / 2;

      r.y1 = c - min_size / 2;
      r.y2 = c + min_size / 2;
    }
  *rect = r;
  return TRUE;
}

/* --- Drawing -------------------------------------------------------------- */

/**
 * fa_map_init_context:
 * @state: (nullable): a snapshot of the map's state, or %NULL for none
 *
 * Fills @ctx for one drawing of the map.
 */
void
fa_map_init_context (FaMap               *self,
                     FaRenderContext     *ctx,
                     FaViewport          *viewport,
                     const FaMapStyle    *style,
                     const FaMapSnapshot *state)
{
  g_return_if_fail (FA_IS_MAP (self));
  g_return_if_fail (self->renderer != NULL);

  fa_renderer_init_context (self->renderer, ctx, viewport, style, state);
}

/**
 * fa_map_export:
 * @viewport: the view to draw, at the size of the file
 * @path: a `.png`, `.svg` or `.pdf` file
 *
 * Draws the state as it is now into @path, as the window shows it.
 *
 * Returns: %TRUE on success; otherwise %FALSE with @error set
 */
gboolean
fa_map_export (FaMap             *self,
               FaViewport        *viewport,
               const FaMapStyle  *style,
               double             pixel_scale,
               const char        *path,
               GError           **error)
{
  g_autoptr(FaMapSnapshot) snapshot = NULL;

  g_return_val_if_fail (FA_IS_MAP (self), FALSE);

  if (self->renderer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The base map is not loaded yet"));
      return FALSE;
    }

  snapshot = fa_map_state_snapshot (self->state);
  return fa_export_to_file (self->renderer, viewport, style, snapshot, pixel_scale, path, NULL, error);
}

typedef struct
{
  FaRenderer       *renderer;   /* owned */
  FaViewport       *viewport;   /* owned: a copy; NULL for pages */
  FaMapSnapshot    *snapshot;   /* owned */
  FaExportPage     *pages;      /* owned, with what they hold */
  guint             n_pages;
  const FaMapStyle *style;
  double            pixel_scale;
  char             *path;       /* owned */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->renderer);
  g_clear_object (&job->viewport);
  g_clear_pointer (&job->snapshot, fa_map_snapshot_unref);
  for (guint i = 0; i < job->n_pages; i++)
    fa_export_page_clear (&job->pages[i]);
  g_free (job->pages);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (job->pages != NULL
      ? fa_export_pages_to_file (job->renderer, job->style, job->pages, job->n_pages,
                                 job->pixel_scale, job->path, cancellable, &error)
      : fa_export_to_file (job->renderer, job->viewport, job->style, job->snapshot,
                           job->pixel_scale, job->path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * fa_map_export_async:
 *
 * Like fa_map_export(), on a worker thread: the state is taken as it is
 * now, and later changes do not reach the file.
 */
void
fa_map_export_async (FaMap               *self,
                     FaViewport          *viewport,
                     const FaMapStyle    *style,
                     double               pixel_scale,
                     const char          *path,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(FaMapSnapshot) snapshot = NULL;

  g_return_if_fail (FA_IS_MAP (self));

  snapshot = fa_map_state_snapshot (self->state);
  fa_map_export_snapshot_async (self, snapshot, viewport, style, pixel_scale, path,
                                cancellable, callback, user_data);
}

/**
 * fa_map_export_snapshot_async:
 * @snapshot: the state to draw: one of this map's, or a copy of one
 *   changed for this export (its title, say)
 *
 * Like fa_map_export_async(), for @snapshot; finish with
 * fa_map_export_finish().
 */
void
fa_map_export_snapshot_async (FaMap               *self,
                              FaMapSnapshot       *snapshot,
                              FaViewport          *viewport,
                              const FaMapStyle    *style,
                              double               pixel_scale,
                              const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (FA_IS_MAP (self));
  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (FA_IS_VIEWPORT (viewport));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fa_map_export_async);
  if (self->renderer == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The base map is not loaded yet"));
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->renderer = g_object_ref (self->renderer);
  job->viewport = fa_viewport_copy (viewport);
  job->snapshot = fa_map_snapshot_ref (snapshot);
  job->style = style;
  job->pixel_scale = pixel_scale;
  job->path = g_strdup (path);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * fa_map_export_pages_async:
 * @pages: (array length=n_pages): pages of this map's snapshots, as
 *   fa_export_page_init_panels() lays them out; the export takes over
 *   what they hold and leaves them empty
 * @n_pages: how many; PNG and SVG take one
 *
 * Like fa_map_export_snapshot_async(), for pages of one or more maps
 * (see fa_export_pages_to_file()); finish with fa_map_export_finish().
 */
void
fa_map_export_pages_async (FaMap               *self,
                           FaExportPage        *pages,
                           guint                n_pages,
                           const FaMapStyle    *style,
                           double               pixel_scale,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (FA_IS_MAP (self));
  g_return_if_fail (pages != NULL && n_pages > 0);
  g_return_if_fail (style != NULL);
  g_return_if_fail (path != NULL);

  job = g_new0 (ExportJob, 1);
  job->pages = g_memdup2 (pages, sizeof (FaExportPage) * n_pages);
  job->n_pages = n_pages;
  memset (pages, 0, sizeof (FaExportPage) * n_pages);
  job->style = style;
  job->pixel_scale = pixel_scale;
  job->path = g_strdup (path);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fa_map_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  if (self->renderer == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The base map is not loaded yet"));
      return;
    }

  job->renderer = g_object_ref (self->renderer);
  g_task_run_in_thread (task, export_thread);
}

gboolean
fa_map_export_finish (FaMap         *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
add_argument (GPtrArray  *args,
              const char *name,
              const char *value)
{
  g_ptr_array_add (args, value != NULL ? g_strdup_printf ("--%s=%s", name, value) : g_strdup_printf ("--%s", name));
}

/* A number as the command line reads it, whatever the locale. */
static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
}

/**
 * fa_map_dup_command_line:
 * @self: a #FaMap
 * @snapshot: the state to draw, as for fa_map_export_snapshot_async()
 * @viewport: the view and the output's size
 * @view: (nullable): the box to fit into each map, in projected units;
 *   %NULL for @viewport's (maps compared side by side each fit the
 *   window's own box)
 * @style: the palette
 * @pixel_scale: pixel density of a PNG
 * @error: where a state the command line cannot say is reported
 *
 * The `flowatlas` options (after the program's name, without `--export`
 * or `--lang`) that draw the same map as fa_map_export_snapshot_async()
 * with these arguments: the dataset folder, projection, view (in the
 * projection's coordinates), size, palette, time filter, categories
 * shown, wording, legend and the user's visible layers.  The export
 * dialog runs them in another process to draw a map in another language
 * than the interface's (gettext's language is the process's).
 *
 * Returns: (transfer full) (nullable): a %NULL-terminated array, or %NULL
 *   with @error set
 */
GStrv
fa_map_dup_command_line (FaMap               *self,
                         const FaMapSnapshot *snapshot,
                         FaViewport          *viewport,
                         const FaRect        *view_rect,
                         const FaMapStyle    *style,
                         double               pixel_scale,
                         GError             **error)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  static const char * const legend_positions[] = { "auto", "left", "right", "bottom" };
  static const char * const styles[] = { "light", "dark", "print" };
  GListModel *layers;
  FaRect visible;
  g_autofree char *x1 = NULL, *y1 = NULL, *x2 = NULL, *y2 = NULL, *scale = NULL;
  g_autofree char *view = NULL;
  g_autofree char *size = NULL;

  g_return_val_if_fail (FA_IS_MAP (self), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (FA_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  if (snapshot->dataset != NULL)
    {
      const char *directory = fa_dataset_get_directory (snapshot->dataset);

      if (directory == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The dataset has no folder to read it from again"));
          return NULL;
        }
      g_ptr_array_add (args, g_strdup (directory));
    }
  else
    add_argument (args, "no-dataset", NULL);

  add_argument (args, "projection", fa_map_state_get_projection (self->state));
  if (view_rect != NULL)
    visible = *view_rect;
  else
    fa_viewport_get_visible_rect (viewport, &visible);
  x1 = format_number (visible.x1);
  y1 = format_number (visible.y1);
  x2 = format_number (visible.x2);
  y2 = format_number (visible.y2);
  view = g_strdup_printf ("%s,%s,%s,%s", x1, y1, x2, y2);
  add_argument (args, "view", view);
  size = g_strdup_printf ("%dx%d", fa_viewport_get_width (viewport), fa_viewport_get_height (viewport));
  add_argument (args, "size", size);
  if (pixel_scale != 1)
    {
      scale = format_number (pixel_scale);
      add_argument (args, "scale", scale);
    }
  add_argument (args, "style", styles[CLAMP ((int) style->kind, 0, (int) G_N_ELEMENTS (styles) - 1)]);

  if (snapshot->time.mode != FA_TIME_MODE_ALL)
    {
      g_autofree char *month = fa_month_format_iso (snapshot->time.month);

      add_argument (args, "date", month);
      if (snapshot->time.mode == FA_TIME_MODE_CUMULATIVE)
        add_argument (args, "cumulative", NULL);
      else if (snapshot->time.mode == FA_TIME_MODE_WINDOW)
        {
          g_autofree char *from = fa_month_format_iso (snapshot->time.from);

          add_argument (args, "from", from);
        }
    }
  if (snapshot->time.undated_always)
    add_argument (args, "undated-every-month", NULL);

  if (snapshot->dataset != NULL && snapshot->hidden != NULL && g_hash_table_size (snapshot->hidden) > 0)
    {
      GListModel *categories = fa_dataset_get_categories (snapshot->dataset);
      g_autoptr(GString) shown = g_string_new (NULL);

      for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
        {
          g_autoptr(FaCategory) category = g_list_model_get_item (categories, i);
          const char *id = fa_category_get_id (category);

          if (g_hash_table_contains (snapshot->hidden, id))
            continue;
          if (shown->len > 0)
            g_string_append_c (shown, ',');
          g_string_append (shown, id);
        }
      if (shown->len == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Every category is hidden: the map shows no flows"));
          return NULL;
        }
      add_argument (args, "show", shown->str);
    }

  if (snapshot->title != NULL)
    add_argument (args, "title", snapshot->title);
  if (snapshot->subtitle != NULL)
    add_argument (args, "subtitle", snapshot->subtitle);
  if (!snapshot->show_legend)
    add_argument (args, "no-legend", NULL);
  else
    add_argument (args, "legend", legend_positions[CLAMP ((int) snapshot->legend_position, 0,
                                                          (int) G_N_ELEMENTS (legend_positions) - 1)]);
  if (snapshot->arrow_labels)
    add_argument (args, "labels", NULL);
  if (snapshot->min_count > 0)
    {
      g_autofree char *min = g_strdup_printf ("%" G_GINT64_FORMAT, snapshot->min_count);

      add_argument (args, "min-count", min);
    }
  if (snapshot->top > 0)
    {
      g_autofree char *top = g_strdup_printf ("%u", snapshot->top);

      add_argument (args, "top", top);
    }
  if (snapshot->clustering != FA_CLUSTERING_AUTO)
    add_argument (args, "clustering", snapshot->clustering == FA_CLUSTERING_ON ? "on" : "off");
  if (!snapshot->show_regions)
    add_argument (args, "no-regions", NULL);
  if (snapshot->rescale_widths)
    add_argument (args, "rescale-widths", NULL);

  layers = fa_map_state_get_user_layers (self->state);
  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(FaMapLayer) layer = g_list_model_get_item (layers, i);
      FaShapefile *source;

      if (!FA_IS_SHAPE_LAYER (layer) || !fa_map_layer_get_visible (layer))
        continue;
      source = fa_feature_layer_get_source (fa_shape_layer_get_features (FA_SHAPE_LAYER (layer)));
      if (source == NULL || fa_shapefile_get_path (source) == NULL)
        continue;
      add_argument (args, "shapefile", fa_shapefile_get_path (source));
      add_argument (args, "shapefile-labels",
                    fa_shape_layer_get_label_field (FA_SHAPE_LAYER (layer)) != NULL
                    ? fa_shape_layer_get_label_field (FA_SHAPE_LAYER (layer)) : "");
    }

  g_ptr_array_add (args, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&args), FALSE);
}
