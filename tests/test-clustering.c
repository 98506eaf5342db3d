/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-clustering"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fa-flow-bundle.h"
#include "fa-flow.h"
#include "fa-place-clustering.h"
#include "fa-place.h"
#include "fa-test-utils.h"

#define N_PLACES 600

typedef struct
{
  GPtrArray *places;
  double     points[2 * N_PLACES];
  double     lonlat[2 * N_PLACES];
  double     weights[N_PLACES];
} Places;

/* Places around a few towns, as real ones lie, in plate carrée (the
 * points are the degrees), with heavy-tailed weights. */
static void
places_init (Places *p,
             guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double towns[12][2];

  for (guint t = 0; t < G_N_ELEMENTS (towns); t++)
    {
      towns[t][0] = g_rand_double_range (rand, 20, 140);
      towns[t][1] = g_rand_double_range (rand, 35, 65);
    }
  p->places = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < N_PLACES; i++)
    {
      guint t = g_rand_int_range (rand, 0, G_N_ELEMENTS (towns));
      double lon = towns[t][0] + g_rand_double_range (rand, -4, 4);
      double lat = towns[t][1] + g_rand_double_range (rand, -3, 3);
      g_autofree char *id = g_strdup_printf ("p%u", i);
      g_autofree char *name = g_strdup_printf ("Place %u", i);

      g_ptr_array_add (p->places, fa_place_new (id, name, lon, lat, NULL, FA_PLACE_KIND_CITY, NULL));
      p->points[2 * i] = p->lonlat[2 * i] = lon;
      p->points[2 * i + 1] = p->lonlat[2 * i + 1] = lat;
      p->weights[i] = 1 + floor (1000 / pow (g_rand_double_range (rand, 0.001, 1), 1.3));
    }
}

static void
places_clear (Places *p)
{
  g_clear_pointer (&p->places, g_ptr_array_unref);
}

/* Every level partitions the places: each in exactly one cluster, which
 * holds it; a cluster's weight is its places' weights added up; levels
 * only merge; the last holds everything. */
static void
test_levels (void)
{
  Places p;
  g_autoptr(FaPlaceClustering) clustering = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  guint n_levels, previous = G_MAXUINT;

  places_init (&p, 7);
  for (guint i = 0; i < N_PLACES; i++)
    g_hash_table_insert (index, g_ptr_array_index (p.places, i), GUINT_TO_POINTER (i));
  clustering = fa_place_clustering_new (p.places, p.points, p.lonlat, p.weights);
  n_levels = fa_place_clustering_get_n_levels (clustering);
  g_assert_cmpuint (n_levels, >, 3);
  g_assert_cmpuint (fa_place_clustering_get_n_places (clustering), ==, N_PLACES);
  g_assert_cmpuint (fa_place_clustering_get_n_clusters (clustering, 0), ==, N_PLACES);
  g_assert_cmpuint (fa_place_clustering_get_n_clusters (clustering, n_levels - 1), ==, 1);

  for (guint level = 0; level < n_levels; level++)
    {
      guint n = fa_place_clustering_get_n_clusters (clustering, level);
      g_autofree guint *seen = g_new0 (guint, N_PLACES);
      guint members = 0;

      g_assert_cmpuint (n, <=, previous);
      previous = n;
      if (level > 0)
        g_assert_cmpfloat (fa_place_clustering_get_radius (clustering, level), >,
                           fa_place_clustering_get_radius (clustering, level - 1));

      for (guint c = 0; c < n; c++)
        {
          FaPlaceCluster *cluster = fa_place_clustering_get_cluster (clustering, level, c);
          GPtrArray *places = fa_place_cluster_get_places (cluster);
          double sum = 0, x1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE;
          FaRect bounds;

          g_assert_cmpuint (places->len, ==, fa_place_cluster_get_n_places (cluster));
          for (guint k = 0; k < places->len; k++)
            {
              FaPlace *place = g_ptr_array_index (places, k);
              guint i = GPOINTER_TO_UINT (g_hash_table_lookup (index, place));

              seen[i]++;
              sum += p.weights[i];
              x1 = MIN (x1, p.points[2 * i]);
              x2 = MAX (x2, p.points[2 * i]);
              g_assert_true (fa_place_clustering_lookup (clustering, level, place) == cluster);
              g_assert_true (fa_place_cluster_contains (cluster, place));
              /* The heaviest first: it names the cluster. */
              if (k > 0)
                g_assert_cmpfloat (p.weights[i], <=,
                                   p.weights[GPOINTER_TO_UINT (g_hash_table_lookup (index, g_ptr_array_index (places, 0)))]);
            }
          members += places->len;
          g_assert_cmpfloat (fabs (fa_place_cluster_get_weight (cluster) - sum), <=, 1e-9 * sum);
          fa_place_cluster_get_bounds (cluster, &bounds);
          g_assert_cmpfloat (bounds.x1, ==, x1);
          g_assert_cmpfloat (bounds.x2, ==, x2);
          /* The centre lies among the places. */
          g_assert_cmpfloat (fa_place_cluster_get_x (cluster), >=, x1 - 1e-9);
          g_assert_cmpfloat (fa_place_cluster_get_x (cluster), <=, x2 + 1e-9);
          if (level == 0)
            g_assert_cmpuint (places->len, ==, 1);
        }
      g_assert_cmpuint (members, ==, N_PLACES);
      for (guint i = 0; i < N_PLACES; i++)
        g_assert_cmpuint (seen[i], ==, 1);
    }

  /* A place of another dataset belongs to no cluster. */
  {
    g_autoptr(FaPlace) stranger = fa_place_new ("s", "S", 0, 0, NULL, FA_PLACE_KIND_CITY, NULL);

    g_assert_null (fa_place_clustering_lookup (clustering, 1, stranger));
  }

  places_clear (&p);
}

/* Zoomed far enough in, every place is on its own again; zoomed out, all
 * merge; in between the level grows with the scale, and two places are
 * merged only at a level whose radius on screen reaches their distance
 * apart (within the chain of merges: twice the radius per level). */
static void
test_zoom (void)
{
  Places p;
  g_autoptr(FaPlaceClustering) clustering = NULL;
  guint n_levels, previous = 0;

  places_init (&p, 11);
  clustering = fa_place_clustering_new (p.places, p.points, p.lonlat, p.weights);
  n_levels = fa_place_clustering_get_n_levels (clustering);

  g_assert_cmpuint (fa_place_clustering_level_for_scale (clustering, 1e-9), ==, 0);
  g_assert_cmpuint (fa_place_clustering_level_for_scale (clustering, 1e6), ==, n_levels - 1);
  for (double upp = 1e-5; upp < 10; upp *= 1.5)
    {
      guint level = fa_place_clustering_level_for_scale (clustering, upp);

      g_assert_cmpuint (level, >=, previous);
      previous = level;
      if (level > 0)
        g_assert_cmpfloat (fa_place_clustering_get_radius (clustering, level), <=, FA_CLUSTER_RADIUS_PX * upp);
    }

  /* At 1° per 100 pixels, no two places more than 2 × 0.56° apart (the
   * radius of the level and the one below it: a merge can only move a
   * centre by the radius) share a cluster with places far away. */
  {
    double upp = 0.01;
    guint level = fa_place_clustering_level_for_scale (clustering, upp);
    double reach = 0;

    for (guint l = 1; l <= level; l++)
      reach += fa_place_clustering_get_radius (clustering, l);
    for (guint c = 0; c < fa_place_clustering_get_n_clusters (clustering, level); c++)
      {
        FaPlaceCluster *cluster = fa_place_clustering_get_cluster (clustering, level, c);
        FaRect b;

        fa_place_cluster_get_bounds (cluster, &b);
        g_assert_cmpfloat (hypot (b.x2 - b.x1, b.y2 - b.y1), <=, 2 * reach + 1e-9);
      }
  }

  places_clear (&p);
}

/* The same places give the same clusters. */
static void
test_deterministic (void)
{
  Places a, b;
  g_autoptr(FaPlaceClustering) ca = NULL, cb = NULL;

  places_init (&a, 3);
  places_init (&b, 3);
  ca = fa_place_clustering_new (a.places, a.points, a.lonlat, a.weights);
  cb = fa_place_clustering_new (b.places, b.points, b.lonlat, b.weights);
  g_assert_cmpuint (fa_place_clustering_get_n_levels (ca), ==, fa_place_clustering_get_n_levels (cb));
  for (guint level = 0; level < fa_place_clustering_get_n_levels (ca); level++)
    {
      g_assert_cmpuint (fa_place_clustering_get_n_clusters (ca, level), ==,
                        fa_place_clustering_get_n_clusters (cb, level));
      for (guint c = 0; c < fa_place_clustering_get_n_clusters (ca, level); c++)
        g_assert_cmpstr (fa_place_get_id (fa_place_cluster_get_main_place (fa_place_clustering_get_cluster (ca, level, c))), ==,
                         fa_place_get_id (fa_place_cluster_get_main_place (fa_place_clustering_get_cluster (cb, level, c))));
    }
  places_clear (&a);
  places_clear (&b);
}

static FaFlow *
make_flow (FaPlace    *from,
           FaPlace    *to,
           gint64      count,
           gint64      low,
           gint64      high,
           const char *combined)
{
  return g_object_new (FA_TYPE_FLOW, "id", "f", "origin", from, "destination", to,
                       "count", count, "count-low", low, "count-high", high,
                       "combined", combined, NULL);
}

/* A bundle adds its flows up as the source allows: a figure for several
 * routes together once, a range by its bounds, "at least" open above,
 * flows without a figure apart. */
static void
test_bundle_sums (void)
{
  Places p;
  g_autoptr(FaPlaceClustering) clustering = NULL;
  FaPlaceCluster *from, *to;
  FaPlace *a, *b;
  g_autoptr(GPtrArray) flows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) closed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(FaFlowBundle) bundle = NULL, bounded = NULL;
  g_autofree char *text = NULL, *number = NULL, *expected = NULL;

  places_init (&p, 5);
  clustering = fa_place_clustering_new (p.places, p.points, p.lonlat, p.weights);
  a = g_ptr_array_index (p.places, 0);
  b = g_ptr_array_index (p.places, 1);
  from = fa_place_clustering_lookup (clustering, 0, a);
  to = fa_place_clustering_lookup (clustering, 0, b);

  g_ptr_array_add (flows, make_flow (a, b, 100, -1, -1, NULL));
  g_ptr_array_add (flows, make_flow (a, b, -1, 1000, 9999, NULL));
  g_ptr_array_add (flows, make_flow (a, b, 500, -1, -1, "both-routes"));
  g_ptr_array_add (flows, make_flow (a, b, 500, -1, -1, "both-routes"));
  g_ptr_array_add (flows, make_flow (a, b, -1, 200, -1, NULL));
  g_ptr_array_add (flows, make_flow (a, b, -1, -1, -1, NULL));
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (closed, g_object_ref (g_ptr_array_index (flows, i)));

  bundle = fa_flow_bundle_new (from, to, NULL, g_steal_pointer (&flows));
  g_assert_cmpint (fa_flow_bundle_get_low (bundle), ==, 100 + 1000 + 500 + 200);
  g_assert_cmpint (fa_flow_bundle_get_high (bundle), ==, -1);
  g_assert_cmpuint (fa_flow_bundle_get_n_without_figure (bundle), ==, 1);
  g_assert_cmpuint (fa_flow_bundle_get_flows (bundle)->len, ==, 6);
  text = fa_flow_bundle_describe (bundle);
  /* (Digits grouped as the locale does.) */
  number = fa_count_format (1800);
  expected = g_strdup_printf ("6 flows, at least %s people", number);
  g_assert_nonnull (strstr (text, expected));
  g_assert_nonnull (strstr (text, "1 of them gives no figure"));
  g_assert_nonnull (strstr (text, "Place 0 → Place 1"));

  bounded = fa_flow_bundle_new (from, to, NULL, g_steal_pointer (&closed));
  g_assert_cmpint (fa_flow_bundle_get_low (bounded), ==, 100 + 1000 + 500);
  g_assert_cmpint (fa_flow_bundle_get_high (bounded), ==, 100 + 9999 + 500);
  g_assert_cmpuint (fa_flow_bundle_get_n_without_figure (bounded), ==, 0);

  places_clear (&p);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fa/clustering/levels", test_levels);
  g_test_add_func ("/fa/clustering/zoom", test_zoom);
  g_test_add_func ("/fa/clustering/deterministic", test_deterministic);
  g_test_add_func ("/fa/clustering/bundle-sums", test_bundle_sums);

  return g_test_run ();
}
