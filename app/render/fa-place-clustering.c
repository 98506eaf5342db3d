/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-place-clustering"

#include "config.h"

#include <math.h>

#include "fa-place-clustering.h"
#include "fa-place.h"

/* A hierarchy of clusters of places, as flowmap.gl builds with
 * supercluster: level 0 has every place alone; each further level merges
 * the clusters of the one below that lie within its radius (twice the
 * radius below) of a heavier one, around the heaviest first, at their
 * weighted centre.  A drawing picks the level whose radius is
 * FA_CLUSTER_RADIUS_PX on screen, so clusters open as the map zooms in
 * and every place is back on its own far enough in.  Built once for a
 * dataset and projection, from every flow (so clusters stay put while
 * the months change); immutable, so any thread reads it. */

#define MAX_LEVELS 24

typedef struct
{
  double     radius;       /* projected units */
  GPtrArray *clusters;     /* FaPlaceCluster, owned */
  guint     *of_place;     /* place index → cluster index */
} Level;

struct _FaPlaceClustering
{
  GObject     parent_instance;

  guint       n_places;
  double     *weights;     /* by place index */
  GHashTable *index;       /* FaPlace* → place index + 1 */
  GArray     *levels;      /* Level */
};

G_DEFINE_FINAL_TYPE (FaPlaceClustering, fa_place_clustering, G_TYPE_OBJECT)

static void
level_clear (Level *level)
{
  g_clear_pointer (&level->clusters, g_ptr_array_unref);
  g_clear_pointer (&level->of_place, g_free);
}

static void
fa_place_clustering_finalize (GObject *object)
{
  FaPlaceClustering *self = FA_PLACE_CLUSTERING (object);

  g_clear_pointer (&self->levels, g_array_unref);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->weights, g_free);

  G_OBJECT_CLASS (fa_place_clustering_parent_class)->finalize (object);
}

static void
fa_place_clustering_class_init (FaPlaceClusteringClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fa_place_clustering_finalize;
}

static void
fa_place_clustering_init (FaPlaceClustering *self)
{
  self->levels = g_array_new (FALSE, TRUE, sizeof (Level));
  g_array_set_clear_func (self->levels, (GDestroyNotify) level_clear);
  self->index = g_hash_table_new (NULL, NULL);
}

static int
compare_weight_desc (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  GPtrArray *clusters = data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  double wa = fa_place_cluster_get_weight (g_ptr_array_index (clusters, ia));
  double wb = fa_place_cluster_get_weight (g_ptr_array_index (clusters, ib));

  if (wa != wb)
    return wa > wb ? -1 : 1;
  return (ia > ib) - (ia < ib);
}

/* Places, the heaviest first (the first in the dataset on a tie). */
static int
compare_place_weight_desc (gconstpointer a,
                           gconstpointer b,
                           gpointer      data)
{
  FaPlaceClustering *self = data;
  guint ia = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, *(FaPlace * const *) a)) - 1;
  guint ib = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, *(FaPlace * const *) b)) - 1;

  if (self->weights[ia] != self->weights[ib])
    return self->weights[ia] > self->weights[ib] ? -1 : 1;
  return (ia > ib) - (ia < ib);
}

static gint64
cell_key (double x,
          double y,
          double cell)
{
  gint64 cx = (gint64) floor (x / cell), cy = (gint64) floor (y / cell);

  return (cx << 32) ^ (cy & 0xffffffff);
}

/* The level above @below: merges within @radius. */
static void
build_level (FaPlaceClustering *self,
             guint              depth,
             const Level       *below,
             double             radius,
             Level             *out)
{
  GPtrArray *prev = below->clusters;
  g_autoptr(GHashTable) grid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  g_autofree guint *order = g_new (guint, prev->len);
  g_autofree gint *assigned = g_new (gint, prev->len);

  out->radius = radius;
  out->clusters = g_ptr_array_new_with_free_func (g_object_unref);
  out->of_place = g_new (guint, self->n_places);

  for (guint i = 0; i < prev->len; i++)
    {
      FaPlaceCluster *c = g_ptr_array_index (prev, i);
      gint64 key = cell_key (fa_place_cluster_get_x (c), fa_place_cluster_get_y (c), radius);
      GArray *cell = g_hash_table_lookup (grid, &key);

      if (cell == NULL)
        {
          cell = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (grid, g_memdup2 (&key, sizeof key), cell);
        }
      g_array_append_val (cell, i);
      order[i] = i;
      assigned[i] = -1;
    }
  g_qsort_with_data (order, (gint) prev->len, sizeof (guint), compare_weight_desc, prev);

  for (guint o = 0; o < prev->len; o++)
    {
      guint seed = order[o];
      FaPlaceCluster *s = g_ptr_array_index (prev, seed);
      double sx = fa_place_cluster_get_x (s), sy = fa_place_cluster_get_y (s);
      double slon = fa_place_cluster_get_lon (s);
      g_autoptr(GArray) merged = g_array_new (FALSE, FALSE, sizeof (guint));
      GPtrArray *places;
      double w = 0, total = 0, x = 0, y = 0, lon = 0, lat = 0;
      FaRect bounds;
      gint64 cx, cy;

      if (assigned[seed] >= 0)
        continue;

      assigned[seed] = out->clusters->len;
      g_array_append_val (merged, seed);
      cx = (gint64) floor (sx / radius);
      cy = (gint64) floor (sy / radius);
      for (gint64 gx = cx - 1; gx <= cx + 1; gx++)
        for (gint64 gy = cy - 1; gy <= cy + 1; gy++)
          {
            gint64 key = (gx << 32) ^ (gy & 0xffffffff);
            GArray *cell = g_hash_table_lookup (grid, &key);

            for (guint k = 0; cell != NULL && k < cell->len; k++)
              {
                guint j = g_array_index (cell, guint, k);
                FaPlaceCluster *c = g_ptr_array_index (prev, j);

                if (assigned[j] >= 0 ||
                    hypot (fa_place_cluster_get_x (c) - sx, fa_place_cluster_get_y (c) - sy) > radius)
                  continue;
                assigned[j] = out->clusters->len;
                g_array_append_val (merged, j);
              }
          }

      places = g_ptr_array_new_with_free_func (g_object_unref);
      fa_place_cluster_get_bounds (s, &bounds);
      for (guint k = 0; k < merged->len; k++)
        {
          FaPlaceCluster *c = g_ptr_array_index (prev, g_array_index (merged, guint, k));
          GPtrArray *members = fa_place_cluster_get_places (c);
          double cw = MAX (fa_place_cluster_get_weight (c), 1e-9);
          double clon = fa_place_cluster_get_lon (c);
          FaRect b;

          /* Longitudes near the seed's, across the antimeridian too. */
          clon += 360 * round ((slon - clon) / 360);
          w += fa_place_cluster_get_weight (c);
          total += cw;
          x += cw * fa_place_cluster_get_x (c);
          y += cw * fa_place_cluster_get_y (c);
          lon += cw * clon;
          lat += cw * fa_place_cluster_get_lat (c);
          fa_place_cluster_get_bounds (c, &b);
          bounds.x1 = MIN (bounds.x1, b.x1);
          bounds.y1 = MIN (bounds.y1, b.y1);
          bounds.x2 = MAX (bounds.x2, b.x2);
          bounds.y2 = MAX (bounds.y2, b.y2);
          for (guint m = 0; m < members->len; m++)
            g_ptr_array_add (places, g_object_ref (g_ptr_array_index (members, m)));
        }
      /* The members, the heaviest place first: it names the cluster. */
      g_ptr_array_sort_with_data (places, compare_place_weight_desc, self);
      if (merged->len == 1)
        {
          g_ptr_array_add (out->clusters, g_object_ref (s));
          g_ptr_array_unref (places);
          continue;
        }
      lon = lon / total;
      if (lon >= 180)
        lon -= 360;
      else if (lon < -180)
        lon += 360;
      g_ptr_array_add (out->clusters,
                       fa_place_cluster_new (depth, places, x / total, y / total, lon, lat / total, w, &bounds));
    }

  for (guint p = 0; p < self->n_places; p++)
    out->of_place[p] = assigned[below->of_place[p]];
}

/**
 * fa_place_clustering_new:
 * @places: (element-type FaPlace): the places to cluster
 * @points: their projected points, x and y for each
 * @lonlat: their longitudes and latitudes, two for each
 * @weights: how much passes through each (the heaviest of several near
 *   ones names and centres their cluster)
 *
 * Returns: (transfer full): the clusters of @places at every level
 */
FaPlaceClustering *
fa_place_clustering_new (GPtrArray    *places,
                         const double *points,
                         const double *lonlat,
                         const double *weights)
{
  FaPlaceClustering *self;
  Level base = { 0 };
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE, radius;

  g_return_val_if_fail (places != NULL, NULL);

  self = g_object_new (FA_TYPE_PLACE_CLUSTERING, NULL);
  self->n_places = places->len;
  self->weights = g_memdup2 (weights, MAX (places->len, 1) * sizeof (double));
  base.radius = 0;
  base.clusters = g_ptr_array_new_with_free_func (g_object_unref);
  base.of_place = g_new (guint, MAX (places->len, 1));
  for (guint i = 0; i < places->len; i++)
    {
      FaPlace *place = g_ptr_array_index (places, i);
      GPtrArray *one = g_ptr_array_new_with_free_func (g_object_unref);
      FaRect at = { points[2 * i], points[2 * i + 1], points[2 * i], points[2 * i + 1] };

      g_ptr_array_add (one, g_object_ref (place));
      g_ptr_array_add (base.clusters,
                       fa_place_cluster_new (0, one, points[2 * i], points[2 * i + 1],
                                             lonlat[2 * i], lonlat[2 * i + 1], weights[i], &at));
      base.of_place[i] = i;
      g_hash_table_insert (self->index, place, GUINT_TO_POINTER (i + 1));
      x1 = MIN (x1, points[2 * i]);
      y1 = MIN (y1, points[2 * i + 1]);
      x2 = MAX (x2, points[2 * i]);
      y2 = MAX (y2, points[2 * i + 1]);
    }
  g_array_append_val (self->levels, base);
  if (places->len < 2)
    return self;

  /* From a 16384th of the spread of the places, doubling, until one
   * cluster holds them all. */
  radius = MAX (hypot (x2 - x1, y2 - y1), 1e-9) / 16384;
  for (guint depth = 1; depth < MAX_LEVELS; depth++, radius *= 2)
    {
      const Level *below = &g_array_index (self->levels, Level, self->levels->len - 1);
      Level level = { 0 };

      build_level (self, depth, below, radius, &level);
      g_array_append_val (self->levels, level);
      if (level.clusters->len == 1)
        break;
    }

  return self;
}

guint
fa_place_clustering_get_n_levels (FaPlaceClustering *self)
{
  g_return_val_if_fail (FA_IS_PLACE_CLUSTERING (self), 0);

  return self->levels->len;
}

guint
fa_place_clustering_get_n_places (FaPlaceClustering *self)
{
  g_return_val_if_fail (FA_IS_PLACE_CLUSTERING (self), 0);

  return self->n_places;
}

/**
 * fa_place_clustering_get_radius:
 *
 * Returns: how near, in projected units, places of @level merge (0 at
 *   level 0)
 */
double
fa_place_clustering_get_radius (FaPlaceClustering *self,
                                guint              level)
{
  g_return_val_if_fail (FA_IS_PLACE_CLUSTERING (self), 0);
  g_return_val_if_fail (level < self->levels->len, 0);

  return g_array_index (self->levels, Level, level).radius;
}

/**
 * fa_place_clustering_level_for_scale:
 * @units_per_pixel: the drawing's projected units per pixel
 *
 * Returns: the coarsest level whose radius is at most
 *   FA_CLUSTER_RADIUS_PX on screen
 */
guint
fa_place_clustering_level_for_scale (FaPlaceClustering *self,
                                     double             units_per_pixel)
{
  double reach = FA_CLUSTER_RADIUS_PX * units_per_pixel;
  guint level = 0;

  g_return_val_if_fail (FA_IS_PLACE_CLUSTERING (self), 0);

  for (guint l = 1; l < self->levels->len; l++)
    if (g_array_index (self->levels, Level, l).radius <= reach)
      level = l;

  return level;
}

guint
fa_place_clustering_get_n_clusters (FaPlaceClustering *self,
                                    guint              level)
{
  g_return_val_if_fail (FA_IS_PLACE_CLUSTERING (self), 0);
  g_return_val_if_fail (level < self->levels->len, 0);

  return g_array_index (self->levels, Level, level).clusters->len;
}

/**
 * fa_place_clustering_get_cluster:
 *
 * Returns: (transfer none): the cluster @index of @level
 */
FaPlaceCluster *
fa_place_clustering_get_cluster (FaPlaceClustering *self,
                                 guint              level,
                                 guint              index)
{
  const Level *l;

  g_return_val_if_fail (FA_IS_PLACE_CLUSTERING (self), NULL);
  g_return_val_if_fail (level < self->levels->len, NULL);

  l = &g_array_index (self->levels, Level, level);
  g_return_val_if_fail (index < l->clusters->len, NULL);

  return g_ptr_array_index (l->clusters, index);
}

/**
 * fa_place_clustering_lookup:
 *
 * Returns: (transfer none) (nullable): the cluster of @level that holds
 *   @place; %NULL for a place not clustered (one without a point)
 */
FaPlaceCluster *
fa_place_clustering_lookup (FaPlaceClustering *self,
                            guint              level,
                            FaPlace           *place)
{
  guint i;
  const Level *l;

  g_return_val_if_fail (FA_IS_PLACE_CLUSTERING (self), NULL);
  g_return_val_if_fail (level < self->levels->len, NULL);

  i = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, place));
  if (i == 0)
    return NULL;
  l = &g_array_index (self->levels, Level, level);

  return g_ptr_array_index (l->clusters, l->of_place[i - 1]);
}
