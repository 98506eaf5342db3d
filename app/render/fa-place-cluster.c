/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-place-cluster"

#include "config.h"

#include <glib/gi18n.h>

#include "fa-place-cluster.h"
#include "fa-place.h"

/* Places drawn as one at some zoom (see FaPlaceClustering): immutable,
 * so any thread may read one. */
struct _FaPlaceCluster
{
  GObject     parent_instance;

  guint       level;
  GPtrArray  *places;     /* FaPlace, owned; the heaviest first */
  GHashTable *set;        /* FaPlace* set of the same, for clusters of several */
  double      x;          /* projected: the weighted centre */
  double      y;
  double      lon;
  double      lat;
  double      weight;     /* the sum of the members' weights */
  FaRect      bounds;     /* projected: the members' points */
};

G_DEFINE_FINAL_TYPE (FaPlaceCluster, fa_place_cluster, G_TYPE_OBJECT)

static void
fa_place_cluster_finalize (GObject *object)
{
  FaPlaceCluster *self = FA_PLACE_CLUSTER (object);

  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_clear_pointer (&self->set, g_hash_table_unref);

  G_OBJECT_CLASS (fa_place_cluster_parent_class)->finalize (object);
}

static void
fa_place_cluster_class_init (FaPlaceClusterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fa_place_cluster_finalize;
}

static void
fa_place_cluster_init (FaPlaceCluster *self)
{
}

/**
 * fa_place_cluster_new:
 * @level: the level of its clustering it belongs to (0: every place alone)
 * @places: (transfer container): its places (FaPlace, referenced by the
 *   array), the heaviest first
 * @weight: the sum of the places' weights
 * @bounds: the places' projected points
 */
FaPlaceCluster *
fa_place_cluster_new (guint         level,
                      GPtrArray    *places,
                      double        x,
                      double        y,
                      double        lon,
                      double        lat,
                      double        weight,
                      const FaRect *bounds)
{
  FaPlaceCluster *self;

  g_return_val_if_fail (places != NULL && places->len > 0, NULL);

  self = g_object_new (FA_TYPE_PLACE_CLUSTER, NULL);
  self->level = level;
  self->places = places;
  self->x = x;
  self->y = y;
  self->lon = lon;
  self->lat = lat;
  self->weight = weight;
  self->bounds = *bounds;
  if (places->len > 1)
    {
      self->set = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < places->len; i++)
        g_hash_table_add (self->set, g_ptr_array_index (places, i));
    }

  return self;
}

guint
fa_place_cluster_get_level (FaPlaceCluster *self)
{
  g_return_val_if_fail (FA_IS_PLACE_CLUSTER (self), 0);

  return self->level;
}

guint
fa_place_cluster_get_n_places (FaPlaceCluster *self)
{
  g_return_val_if_fail (FA_IS_PLACE_CLUSTER (self), 0);

  return self->places->len;
}

/**
 * fa_place_cluster_get_places:
 *
 * Returns: (transfer none) (element-type FaPlace): the places, the
 *   heaviest first
 */
GPtrArray *
fa_place_cluster_get_places (FaPlaceCluster *self)
{
  g_return_val_if_fail (FA_IS_PLACE_CLUSTER (self), NULL);

  return self->places;
}

/**
 * fa_place_cluster_get_main_place:
 *
 * Returns: (transfer none): the place through which most passes, whose
 *   name the cluster takes
 */
FaPlace *
fa_place_cluster_get_main_place (FaPlaceCluster *self)
{
  g_return_val_if_fail (FA_IS_PLACE_CLUSTER (self), NULL);

  return g_ptr_array_index (self->places, 0);
}

gboolean
fa_place_cluster_contains (FaPlaceCluster *self,
                           FaPlace        *place)
{
  g_return_val_if_fail (FA_IS_PLACE_CLUSTER (self), FALSE);

  if (self->set == NULL)
    return g_ptr_array_index (self->places, 0) == place;

  return g_hash_table_contains (self->set, place);
}

double
fa_place_cluster_get_x (FaPlaceCluster *self)
{
  g_return_val_if_fail (FA_IS_PLACE_CLUSTER (self), 0);

  return self->x;
}

double
fa_place_cluster_get_y (FaPlaceCluster *self)
{
  g_return_val_if_fail (FA_IS_PLACE_CLUSTER (self), 0);

  return self->y;
}

double
fa_place_cluster_get_lon (FaPlaceCluster *self)
{
  g_return_val_if_fail (FA_IS_PLACE_CLUSTER (self), 0);

  return self->lon;
}

double
fa_place_cluster_get_lat (FaPlaceCluster *self)
{
  g_return_val_if_fail (FA_IS_PLACE_CLUSTER (self), 0);

  return self->lat;
}

double
fa_place_cluster_get_weight (FaPlaceCluster *self)
{
  g_return_val_if_fail (FA_IS_PLACE_CLUSTER (self), 0);

  return self->weight;
}

void
fa_place_cluster_get_bounds (FaPlaceCluster *self,
                             FaRect         *bounds)
{
  g_return_if_fail (FA_IS_PLACE_CLUSTER (self));

  *bounds = self->bounds;
}

/**
 * fa_place_cluster_dup_name:
 *
 * Returns: (transfer full): the main place's name, and how many more
 *   the cluster holds ("Kazan and 11 other places")
 */
char *
fa_place_cluster_dup_name (FaPlaceCluster *self)
{
  const char *name;
  guint others;

  g_return_val_if_fail (FA_IS_PLACE_CLUSTER (self), NULL);

  name = fa_place_get_name (fa_place_cluster_get_main_place (self));
  others = self->places->len - 1;
  if (others == 0)
    return g_strdup (name);

  /* translators: the name of a cluster of places on a zoomed-out map: 1 is
   * the place through which most passes, 2 how many others are merged
   * with it ("Kazan and 11 other places") */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u other place", "%s and %u other places", others),
                          name, others);
}
