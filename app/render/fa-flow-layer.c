/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-flow-layer"

#include "config.h"

#include <geodesic.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fa-category.h"
#include "fa-dataset.h"
#include "fa-flow-bundle.h"
#include "fa-flow-layer.h"
#include "fa-flow.h"
#include "fa-frame.h"
#include "fa-hairlines.h"
#include "fa-map-state.h"
#include "fa-month.h"
#include "fa-place-clustering.h"
#include "fa-place.h"
#include "fa-projection.h"

/* Geometry of the arrows, in pixels. */
#define MARKER_GAP      5.0    /* space left between an arrow and its place */
#define BULGE_BASE      0.16   /* arc height as a share of the chord */
#define BULGE_STEP      0.10   /* each further arrow between the same places */
#define BULGE_MAX       140.0
#define LOOP_RADIUS     13.0
#define DASH_WIDTH      1.7    /* arrows without a figure */
#define PICK_SLOP       4.0
#define STOCK_MIN_RADIUS 7.0   /* a stock's circle, whatever its figure */
/* Beyond this many arrows a map is dense: the strongest are drawn last,
 * on top, and the weaker fainter, so that the strongest read first. */
#define DENSE_ITEMS     150

/* One leg of a route, projected once: a geodesic sampled in lon/lat and
 * projected, split where it would cross the map's cut meridian. */
typedef struct
{
  GArray   *x;          /* double, map units */
  GArray   *y;
  GArray   *parts;      /* guint: first point of each piece */
  gboolean  self_loop;
} Leg;

typedef struct
{
  GPtrArray *legs;      /* Leg */
} Route;

/* What the last frame drew, for hit testing in screen pixels. */
typedef struct
{
  GObject *item;        /* owned: a FaFlow or a FaFlowBundle */
  GArray *pts;          /* double pairs */
  double  half_width;
} PickPath;

/* The layer keeps only what follows from its dataset and projection (the
 * projected routes, built on first use and shared by every drawing, on
 * any thread); what one drawing placed goes into that drawing's frame. */
struct _FaFlowLayer
{
  FaMapLayer    parent_instance;

  FaDataset    *dataset;            /* owned */
  FaProjection *projection;         /* owned */
  GMutex        lock;               /* guards @routes, @points, @bundle_routes and @clustering */
  GHashTable   *routes;             /* FaFlow* → Route* */
  GHashTable   *points;             /* FaPlace* → double[2], NULL when unplaceable */
  GHashTable   *bundle_routes;      /* "from>to" of two FaPlaceCluster → Route* */
  FaPlaceClustering *clustering;    /* owned, built on first use */
  /* The last drawing's arrows, under @lock: a map draws them several
   * times (the image, the legend's story, the labels), and bands of one
   * image share them.  They follow from the state and the scale only. */
  FaMapSnapshot *items_state;       /* owned */
  double         items_scale[4];    /* the to_device matrix's linear part */
  GArray        *items;             /* owned, Item */
};

G_DEFINE_FINAL_TYPE (FaFlowLayer, fa_flow_layer, FA_TYPE_MAP_LAYER)

static void
leg_free (Leg *leg)
{
  g_array_unref (leg->x);
  g_array_unref (leg->y);
  g_array_unref (leg->parts);
  g_free (leg);
}

static void
route_free (Route *route)
{
  g_ptr_array_unref (route->legs);
  g_free (route);
}

static void
pick_path_clear (PickPath *pick)
{
  g_clear_pointer (&pick->pts, g_array_unref);
  g_clear_object (&pick->item);
}

/* Appends to the picks of this drawing, when it has a frame. */
static void
record_pick (const FaRenderContext *ctx,
             FaFlowLayer           *self,
             GObject               *item,
             GArray                *pts,
             double                 half_width)
{
  GArray *picks;
  PickPath pick;

  if (ctx->frame == NULL)
    return;

  picks = fa_frame_get_layer_data (ctx->frame, self);
  if (picks == NULL)
    {
      picks = g_array_new (FALSE, FALSE, sizeof (PickPath));
      g_array_set_clear_func (picks, (GDestroyNotify) pick_path_clear);
      fa_frame_set_layer_data (ctx->frame, self, picks, (GDestroyNotify) g_array_unref);
    }
  pick.item = g_object_ref (item);
  pick.pts = g_array_ref (pts);
  pick.half_width = half_width;
  g_array_append_val (picks, pick);
}

/* --- Geometry ----------------------------------------------------------- */

static gboolean
place_lonlat (FaPlace *place,
              double  *lon,
              double  *lat)
{
  if (place == NULL || !fa_place_has_location (place))
    return FALSE;

  *lon = fa_place_get_lon (place);
  *lat = fa_place_get_lat (place);
  return isfinite (*lon) && isfinite (*lat);
}

static double
wrap_lon (double lon,
          double lon0)
{
  while (lon < lon0 - 180)
    lon += 360;
  while (lon >= lon0 + 180)
    lon -= 360;
  return lon;
}

/**
 * fa_flow_layer_get_place_point:
 * @x: (out): projected x
 * @y: (out): projected y
 *
 * Returns: whether @place has a position on this map
 */
gboolean
fa_flow_layer_get_place_point (FaFlowLayer *self,
                               FaPlace     *place,
                               double      *x,
                               double      *y)
{
  double *pt;

  g_return_val_if_fail (FA_IS_FLOW_LAYER (self), FALSE);

  g_mutex_lock (&self->lock);
  if (!g_hash_table_lookup_extended (self->points, place, NULL, (gpointer *) &pt))
    {
      double lon, lat;

      pt = NULL;
      if (place_lonlat (place, &lon, &lat))
        {
          double px = wrap_lon (lon, fa_projection_get_central_meridian (self->projection));
          double py = lat;

          if (fa_projection_forward (self->projection, &px, &py, 1) == 1)
            {
              pt = g_new (double, 2);
              pt[0] = px;
              pt[1] = py;
            }
        }
      g_hash_table_insert (self->points, place, pt);
    }
  if (pt != NULL)
    {
      *x = pt[0];
      *y = pt[1];
    }
  g_mutex_unlock (&self->lock);

  return pt != NULL;
}

static Leg *
leg_new (void)
{
  Leg *leg = g_new0 (Leg, 1);

  leg->x = g_array_new (FALSE, FALSE, sizeof (double));
  leg->y = g_array_new (FALSE, FALSE, sizeof (double));
  leg->parts = g_array_new (FALSE, FALSE, sizeof (guint));

  return leg;
}

static Leg *build_leg_between (FaFlowLayer *self,
                               double       lon1,
                               double       lat1,
                               double       lon2,
                               double       lat2);

static Leg *
build_leg (FaFlowLayer *self,
           FaPlace     *from,
           FaPlace     *to)
{
  double lon1, lat1, lon2, lat2;
  Leg *leg;

  if (!place_lonlat (from, &lon1, &lat1) || !place_lonlat (to, &lon2, &lat2))
    return NULL;

  if (from == to || (fabs (lon1 - lon2) < 1e-9 && fabs (lat1 - lat2) < 1e-9))
    {
      double x, y;
      guint zero = 0;

      leg = leg_new ();
      leg->self_loop = TRUE;
      if (fa_flow_layer_get_place_point (self, from, &x, &y))
        {
          g_array_append_val (leg->x, x);
          g_array_append_val (leg->y, y);
          g_array_append_val (leg->parts, zero);
        }
      return leg;
    }

  return build_leg_between (self, lon1, lat1, lon2, lat2);
}

/* A great circle between two points, projected. */
static Leg *
build_leg_between (FaFlowLayer *self,
                   double       lon1,
                   double       lat1,
                   double       lon2,
                   double       lat2)
{
  struct geod_geodesic geod;
  struct geod_geodesicline line;
  double lon0 = fa_projection_get_central_meridian (self->projection);
  g_autoptr(GArray) lons = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lats = g_array_new (FALSE, FALSE, sizeof (double));
  Leg *leg = leg_new ();
  int n, wrap = 0, prev_wrap = G_MININT;

  /* The great circle, sampled about every 150 km (a smooth curve at any
   * zoom that shows a whole route), with unrolled longitudes so that a
   * crossing of the cut meridian can be found. */
  geod_init (&geod, 6378137, 1 / 298.257223563);
  geod_inverseline (&line, &geod, lat1, lon1, lat2, lon2, 0);
  n = CLAMP ((int) (line.s13 / 150000), 8, 64);
  for (int i = 0; i <= n; i++)
    {
      double lat, lon;

      geod_genposition (&line, GEOD_LONG_UNROLL, line.s13 * i / n,
                        &lat, &lon, NULL, NULL, NULL, NULL, NULL, NULL);
      g_array_append_val (lons, lon);
      g_array_append_val (lats, lat);
    }

  /* Shift so that the start lies in [lon0 − 180, lon0 + 180), then cut the
   * line wherever it leaves that band: no arrow crosses the whole map. */
  {
    double shift = wrap_lon (g_array_index (lons, double, 0), lon0) - g_array_index (lons, double, 0);

    for (guint i = 0; i < lons->len; i++)
      g_array_index (lons, double, i) += shift;
  }

  /* The pieces in longitude and latitude first, then projected in one
   * call (one PROJ call per point was most of building a thousand bundles'
   * routes after a zoom); points that do not project are left out. */
  {
    g_autoptr(GArray) rx = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) ry = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) rparts = g_array_new (FALSE, FALSE, sizeof (guint));

    for (guint i = 0; i < lons->len; i++)
      {
        double lon = g_array_index (lons, double, i);
        double lat = g_array_index (lats, double, i);
        double x, y;

        wrap = (int) floor ((lon - (lon0 - 180)) / 360);
        if (wrap != prev_wrap)
          {
            guint start = rx->len;

            if (prev_wrap != G_MININT && i > 0)
              {
                /* Close the piece at the cut and open the next one there. */
                double plon = g_array_index (lons, double, i - 1);
                double plat = g_array_index (lats, double, i - 1);
                double cut = lon0 - 180 + 360 * MAX (wrap, prev_wrap);
                double t = (cut - plon) / (lon - plon);
                double clat = plat + (lat - plat) * t;
                double ex = cut - 360 * prev_wrap - (wrap > prev_wrap ? 1e-7 : -1e-7);

                g_array_append_val (rx, ex);
                g_array_append_val (ry, clat);
                start = rx->len;
                ex = cut - 360 * wrap + (wrap > prev_wrap ? 1e-7 : -1e-7);
                g_array_append_val (rparts, start);
                g_array_append_val (rx, ex);
                g_array_append_val (ry, clat);
              }
            else
              g_array_append_val (rparts, start);
            prev_wrap = wrap;
          }

        x = lon - 360 * wrap;
        y = lat;
        g_array_append_val (rx, x);
        g_array_append_val (ry, y);
      }

    fa_projection_forward (self->projection, (double *) (gpointer) rx->data, (double *) (gpointer) ry->data, rx->len);
    for (guint p = 0; p < rparts->len; p++)
      {
        guint first = g_array_index (rparts, guint, p);
        guint end = p + 1 < rparts->len ? g_array_index (rparts, guint, p + 1) : rx->len;
        guint start = leg->x->len;

        g_array_append_val (leg->parts, start);
        for (guint k = first; k < end; k++)
          {
            double x = g_array_index (rx, double, k), y = g_array_index (ry, double, k);

            if (x == HUGE_VAL || y == HUGE_VAL)
              continue;
            g_array_append_val (leg->x, x);
            g_array_append_val (leg->y, y);
          }
      }
  }

  return leg;
}

/* Routes never change once built, so a drawing may use one after the
 * lock is released. */
static Route *
ensure_route (FaFlowLayer *self,
              FaFlow      *flow)
{
  Route *route, *other;
  GPtrArray *via;
  FaPlace *from;

  g_mutex_lock (&self->lock);
  route = g_hash_table_lookup (self->routes, flow);
  g_mutex_unlock (&self->lock);
  if (route != NULL)
    return route;

  route = g_new0 (Route, 1);
  route->legs = g_ptr_array_new_with_free_func ((GDestroyNotify) leg_free);
  from = fa_flow_get_origin (flow);
  via = fa_flow_get_via (flow);
  for (guint i = 0; via != NULL && i <= via->len; i++)
    {
      FaPlace *to = i < via->len ? g_ptr_array_index (via, i) : fa_flow_get_destination (flow);
      Leg *leg = build_leg (self, from, to);

      if (leg != NULL)
        g_ptr_array_add (route->legs, leg);
      from = to;
    }
  if (via == NULL)
    {
      Leg *leg = build_leg (self, from, fa_flow_get_destination (flow));

      if (leg != NULL)
        g_ptr_array_add (route->legs, leg);
    }

  g_mutex_lock (&self->lock);
  other = g_hash_table_lookup (self->routes, flow);
  if (other == NULL)
    g_hash_table_insert (self->routes, flow, route);
  g_mutex_unlock (&self->lock);
  if (other != NULL)
    {
      route_free (route);
      return other;
    }
  return route;
}

/* The one leg of a bundle's arrow, between its clusters' centres. */
static Route *
ensure_bundle_route (FaFlowLayer  *self,
                     FaFlowBundle *bundle)
{
  FaPlaceCluster *from = fa_flow_bundle_get_from (bundle);
  FaPlaceCluster *to = fa_flow_bundle_get_to (bundle);
  g_autofree char *key = g_strdup_printf ("%p>%p", (void *) from, (void *) to);
  Route *route, *other;
  Leg *leg;

  g_mutex_lock (&self->lock);
  route = g_hash_table_lookup (self->bundle_routes, key);
  g_mutex_unlock (&self->lock);
  if (route != NULL)
    return route;

  route = g_new0 (Route, 1);
  route->legs = g_ptr_array_new_with_free_func ((GDestroyNotify) leg_free);
  leg = build_leg_between (self, fa_place_cluster_get_lon (from), fa_place_cluster_get_lat (from),
                           fa_place_cluster_get_lon (to), fa_place_cluster_get_lat (to));
  g_ptr_array_add (route->legs, leg);

  g_mutex_lock (&self->lock);
  other = g_hash_table_lookup (self->bundle_routes, key);
  if (other == NULL)
    g_hash_table_insert (self->bundle_routes, g_steal_pointer (&key), route);
  g_mutex_unlock (&self->lock);
  if (other != NULL)
    {
      route_free (route);
      return other;
    }
  return route;
}

/* The clusters of every place that a flow of the dataset joins, weighted
 * by the people through it (and one for each flow, so that flows without
 * a figure count too): built once, whatever the month. */
static FaPlaceClustering *
ensure_clustering (FaFlowLayer *self)
{
  GPtrArray *flows = fa_dataset_get_flow_array (self->dataset);
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) places = g_ptr_array_new ();
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lonlat = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (double));
  FaPlaceClustering *clustering;

  g_mutex_lock (&self->lock);
  clustering = self->clustering;
  g_mutex_unlock (&self->lock);
  if (clustering != NULL)
    return clustering;

  for (guint i = 0; i < flows->len; i++)
    {
      FaFlow *flow = g_ptr_array_index (flows, i);
      GPtrArray *via = fa_flow_get_via (flow);
      double w = 1 + MAX (0, (double) fa_flow_get_size (flow));

      for (guint k = 0; k < 2 + (via != NULL ? via->len : 0); k++)
        {
          FaPlace *place = k == 0 ? fa_flow_get_origin (flow)
                           : k == 1 ? fa_flow_get_destination (flow)
                           : g_ptr_array_index (via, k - 2);
          gpointer at;
          double x, y, lon, lat;

          if (g_hash_table_lookup_extended (index, place, NULL, &at))
            {
              if (at != NULL)
                g_array_index (weights, double, GPOINTER_TO_UINT (at) - 1) += w;
              continue;
            }
          if (!fa_flow_layer_get_place_point (self, place, &x, &y) || !place_lonlat (place, &lon, &lat))
            {
              g_hash_table_insert (index, place, NULL);
              continue;
            }
          g_ptr_array_add (places, place);
          g_hash_table_insert (index, place, GUINT_TO_POINTER (places->len));
          g_array_append_val (points, x);
          g_array_append_val (points, y);
          g_array_append_val (lonlat, lon);
          g_array_append_val (lonlat, lat);
          g_array_append_val (weights, w);
        }
    }
  clustering = fa_place_clustering_new (places, (double *) points->data, (double *) lonlat->data,
                                        (double *) weights->data);

  g_mutex_lock (&self->lock);
  if (self->clustering == NULL)
    self->clustering = clustering;
  else
    {
      g_object_unref (clustering);
      clustering = self->clustering;
    }
  g_mutex_unlock (&self->lock);

  return clustering;
}

/**
 * fa_flow_layer_get_clustering:
 * @ctx: a drawing
 * @level: (out) (optional): the level of the clusters it draws
 *
 * Whether the drawing merges near places, by its state's
 * #FaMapState:clustering and the number of places flows join, and at
 * which level for its scale.
 *
 * Returns: (transfer none) (nullable): the clusters, or %NULL when every
 *   place is drawn on its own
 */
FaPlaceClustering *
fa_flow_layer_get_clustering (FaFlowLayer           *self,
                              const FaRenderContext *ctx,
                              guint                 *level)
{
  FaPlaceClustering *clustering;
  const cairo_matrix_t *m = &ctx->to_device;
  double pixels_per_unit;
  guint l;

  g_return_val_if_fail (FA_IS_FLOW_LAYER (self), NULL);

  if (ctx->state == NULL || ctx->state->dataset != self->dataset ||
      ctx->state->clustering == FA_CLUSTERING_OFF)
    return NULL;
  /* Only a dataset of many places clusters on its own: counting them
   * needs no clustering. */
  if (ctx->state->clustering == FA_CLUSTERING_AUTO &&
      fa_dataset_get_place_array (self->dataset)->len <= FA_CLUSTER_AUTO_PLACES)
    return NULL;

  clustering = ensure_clustering (self);
  if (ctx->state->clustering == FA_CLUSTERING_AUTO &&
      fa_place_clustering_get_n_places (clustering) <= FA_CLUSTER_AUTO_PLACES)
    return NULL;

  pixels_per_unit = sqrt (fabs (m->xx * m->yy - m->xy * m->yx));
  if (!(pixels_per_unit > 0))
    return NULL;
  l = fa_place_clustering_level_for_scale (clustering, 1 / pixels_per_unit);
  /* (A level that merges nothing draws as every place alone.) */
  if (l == 0 || fa_place_clustering_get_n_clusters (clustering, l) == fa_place_clustering_get_n_places (clustering))
    return NULL;
  if (level != NULL)
    *level = l;

  return clustering;
}

/* --- Widths -------------------------------------------------------------- */

/* The count an arrow of FA_FLOW_WIDTH_AT_REF pixels stands for: fixed,
 * or the largest figure shown when the state rescales. */
static double
reference_count (const FaRenderContext *ctx)
{
  double max_count = 0;

  if (ctx->state == NULL || !ctx->state->rescale_widths)
    return FA_FLOW_WIDTH_REF;

  for (guint i = 0; i < ctx->state->visible->len; i++)
    {
      FaFlow *flow = g_ptr_array_index (ctx->state->visible, i);

      max_count = MAX (max_count, (double) MAX (fa_flow_get_count_high (flow),
                                                MAX (fa_flow_get_count_low (flow), fa_flow_get_count (flow))));
    }

  return max_count > 0 ? max_count : FA_FLOW_WIDTH_REF;
}

static double
width_for (double ref,
           double count)
{
  if (count <= 0)
    return 0;

  return CLAMP (FA_FLOW_WIDTH_AT_REF * sqrt (count / ref), FA_FLOW_WIDTH_MIN, FA_FLOW_WIDTH_MAX);
}

/**
 * fa_flow_layer_width_for_count:
 * @ctx: the drawing, whose state says whether widths are rescaled
 *
 * Returns: the arrow width in pixels for @count people on the scale of
 *   @ctx (fixed, or rescaled to the visible flows)
 */
double
fa_flow_layer_width_for_count (FaFlowLayer           *self,
                               const FaRenderContext *ctx,
                               double                 count)
{
  g_return_val_if_fail (FA_IS_FLOW_LAYER (self), 0);

  return width_for (reference_count (ctx), count);
}

/* core: the low bound (or the exact figure); band: up to the high bound.
 * An open upper bound ("more than two million") gets a band to twice the
 * low bound.  Both 0: the source gives no figure. */
static void
flow_widths (double  ref,
             FaFlow *flow,
             double *core,
             double *band)
{
  gint64 low = fa_flow_get_count_low (flow);
  gint64 high = fa_flow_get_count_high (flow);
  gint64 count = fa_flow_get_count (flow);

  if (low <= 0 && count > 0)
    low = count;
  if (high <= 0 && count > 0)
    high = count;

  *core = low > 0 ? width_for (ref, low) : 0;
  /* An open end ("at least 200") is drawn to its figure, no further: the
   * "or more" mark says the rest (see draw_or_more). */
  if (high > low && low > 0)
    *band = width_for (ref, high);
  else
    *band = 0;
}

/* "at least 200", "more than two million": a lower figure and no upper. */
static gboolean
is_open_ended (FaFlow *flow)
{
  return fa_flow_get_count (flow) <= 0 && fa_flow_get_count_low (flow) > 0 &&
         fa_flow_get_count_high (flow) <= 0;
}

static void set_category_color (cairo_t *cr,
                                FaFlow  *flow,
                                double   alpha);

/* The "or more" mark: a plus sign on the shaft, in the arrow's colour
 * with a halo, at @x, @y. */
static void
draw_or_more (cairo_t               *cr,
              const FaRenderContext *ctx,
              FaFlow                *flow,
              double                 core,
              double                 x,
              double                 y,
              double                 alpha)
{
  double r = MAX (4.5, core / 2 + 3.5);

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r + 1.5, 0, 2 * G_PI);
  fa_map_style_set_source_alpha (cr, &ctx->style->halo, 0.95 * alpha);
  cairo_fill (cr);
  cairo_move_to (cr, x - r + 1, y);
  cairo_line_to (cr, x + r - 1, y);
  cairo_move_to (cr, x, y - r + 1);
  cairo_line_to (cr, x, y + r - 1);
  set_category_color (cr, flow, 0.95 * alpha);
  cairo_set_line_width (cr, MAX (1.8, r * 0.42));
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* --- Drawing ------------------------------------------------------------- */

typedef struct
{
  FaFlow *flow;         /* a bundle's: its first member, for its colour */
  FaFlowBundle *bundle; /* owned, nullable: the flows between two clusters */
  double  core;
  double  band;
  double  size;         /* people, for the order of a dense map */
  double  dense_alpha;  /* 1, or less for the weaker arrows of a dense map */
  gboolean undated;     /* drawn as "time not stated" */
  gboolean open;        /* "or more" */
  gboolean dense;
  double  bulge;   /* share of the chord */
  int     loop_index;
} Item;

static int
compare_items_by_width (gconstpointer a,
                        gconstpointer b)
{
  const Item *ia = a, *ib = b;
  double wa = MAX (ia->core, ia->band), wb = MAX (ib->core, ib->band);

  return (wa < wb) - (wa > wb);
}

static void
set_category_color (cairo_t *cr,
                    FaFlow  *flow,
                    double   alpha)
{
  FaCategory *category = fa_flow_get_category (flow);
  guint32 rgb = category != NULL ? fa_category_get_color (category) : 0x555555;

  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static FaColor
rgb_color (guint32 rgb)
{
  return (FaColor) { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, 1 };
}

/* The edge an arrow of @rgb needs to stand out from the map at 3:1 (see
 * fa_map_style_edge_color()); FALSE when its colour does on its own. */
static gboolean
edge_for_rgb (const FaRenderContext *ctx,
              guint32                rgb,
              FaColor               *edge)
{
  FaColor hue = rgb_color (rgb);

  *edge = fa_map_style_edge_color (ctx->style, &hue);
  return edge->red != hue.red || edge->green != hue.green || edge->blue != hue.blue;
}

static gboolean
edge_for (const FaRenderContext *ctx,
          FaFlow                *flow,
          FaColor               *edge)
{
  FaCategory *category = fa_flow_get_category (flow);

  return edge_for_rgb (ctx, category != NULL ? fa_category_get_color (category) : 0x555555, edge);
}

/* Transforms a leg piece to screen space, bows it to the right of travel
 * and trims its ends; returns the points as pairs. */
static GArray *
screen_polyline (const Leg            *leg,
                 guint                 part,
                 const cairo_matrix_t *m,
                 double                bulge_share,
                 double                trim_start,
                 double                trim_end)
{
  guint first = g_array_index (leg->parts, guint, part);
  guint last = part + 1 < leg->parts->len ? g_array_index (leg->parts, guint, part + 1) : leg->x->len;
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) len = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));
  double total = 0, cx, cy, chord, nx, ny, bulge;
  guint n;

  for (guint i = first; i < last; i++)
    {
      double x = g_array_index (leg->x, double, i);
      double y = g_array_index (leg->y, double, i);

      cairo_matrix_transform_point (m, &x, &y);
      g_array_append_val (raw, x);
      g_array_append_val (raw, y);
    }
  n = raw->len / 2;
  if (n < 2)
    return out;

#define RX(i) g_array_index (raw, double, 2 * (i))
#define RY(i) g_array_index (raw, double, 2 * (i) + 1)
  cx = RX (n - 1) - RX (0);
  cy = RY (n - 1) - RY (0);
  chord = hypot (cx, cy);
  if (chord < 1e-6)
    return out;
  /* The right-hand normal in screen space (y grows down). */
  nx = -cy / chord;
  ny = cx / chord;
  bulge = MIN (chord * bulge_share, BULGE_MAX);

  g_array_append_val (len, total);
  for (guint i = 1; i < n; i++)
    {
      total += hypot (RX (i) - RX (i - 1), RY (i) - RY (i - 1));
      g_array_append_val (len, total);
    }

  for (guint i = 0; i < n; i++)
    {
      double t = total > 0 ? g_array_index (len, double, i) / total : 0;
      double off = bulge * sin (G_PI * t);
      double x = RX (i) + nx * off;
      double y = RY (i) + ny * off;

      g_array_append_val (out, x);
      g_array_append_val (out, y);
    }
#undef RX
#undef RY

  /* Trim along the bowed line. */
  if (trim_start > 0 || trim_end > 0)
    {
      g_autoptr(GArray) trimmed = g_array_new (FALSE, FALSE, sizeof (double));
      double acc = 0, arc = 0;
      guint m_pts = out->len / 2;

      for (guint i = 1; i < m_pts; i++)
        arc += hypot (g_array_index (out, double, 2 * i) - g_array_index (out, double, 2 * i - 2),
                      g_array_index (out, double, 2 * i + 1) - g_array_index (out, double, 2 * i - 1));
      if (arc <= trim_start + trim_end + 2)
        {
          g_array_set_size (out, 0);
          return out;
        }

      for (guint i = 0; i < m_pts; i++)
        {
          double x = g_array_index (out, double, 2 * i);
          double y = g_array_index (out, double, 2 * i + 1);
          double seg = 0;

          if (i > 0)
            {
              double px = g_array_index (out, double, 2 * i - 2);
              double py = g_array_index (out, double, 2 * i - 1);

              seg = hypot (x - px, y - py);
              if (acc < trim_start && acc + seg >= trim_start)
                {
                  double t = (trim_start - acc) / seg;
                  double ix = px + (x - px) * t, iy = py + (y - py) * t;

                  g_array_append_val (trimmed, ix);
                  g_array_append_val (trimmed, iy);
                }
              if (acc < arc - trim_end && acc + seg >= arc - trim_end)
                {
                  double t = (arc - trim_end - acc) / seg;
                  double ix = px + (x - px) * t, iy = py + (y - py) * t;

                  g_array_append_val (trimmed, ix);
                  g_array_append_val (trimmed, iy);
                }
              acc += seg;
            }
          if (acc > trim_start && acc < arc - trim_end)
            {
              g_array_append_val (trimmed, x);
              g_array_append_val (trimmed, y);
            }
        }
      g_array_set_size (out, 0);
      g_array_append_vals (out, trimmed->data, trimmed->len);
    }

  return out;
}

static void
append_polyline (cairo_t *cr,
                 GArray  *pts)
{
  for (guint i = 0; i < pts->len / 2; i++)
    {
      double x = g_array_index (pts, double, 2 * i);
      double y = g_array_index (pts, double, 2 * i + 1);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
}

static void
append_arrowhead (cairo_t *cr,
                  double   tip_x,
                  double   tip_y,
                  double   dx,
                  double   dy,
                  double   width,
                  double   length)
{
  double bx = tip_x - dx * length, by = tip_y - dy * length;
  double nx = -dy, ny = dx;

  cairo_move_to (cr, tip_x, tip_y);
  cairo_line_to (cr, bx + nx * width / 2, by + ny * width / 2);
  cairo_line_to (cr, bx - nx * width / 2, by - ny * width / 2);
  cairo_close_path (cr);
}

static void
head_size (double  core,
           double  band,
           double *width,
           double *length)
{
  double w = MAX (MAX (core, band), DASH_WIDTH);

  *width = w * 1.35 + 7;
  *length = *width * 0.85 + 1;
}

/* Whether @flow is drawn as "time not stated": in a dataset with a time
 * dimension, a row the source gives no time.  Where no row has a time,
 * undated is the rule and marks nothing. */
static gboolean
drawn_undated (FaFlowLayer *self,
               FaFlow      *flow)
{
  return !fa_flow_is_dated (flow) && fa_dataset_get_first_month (self->dataset) != FA_MONTH_NONE;
}

/* Strokes the shaft: a halo, the light band, the solid core (or a dashed
 * line without a figure). */
static void
stroke_shaft (FaFlowLayer           *self,
              cairo_t               *cr,
              const FaRenderContext *ctx,
              const Item            *item,
              GArray                *pts,
              double                 alpha,
              gboolean               emphasis)
{
  static const double dash[] = { 5.0, 3.5 };
  static const double dots[] = { 0.01, 3.6 };
  double outer = MAX (MAX (item->core, item->band), DASH_WIDTH);
  FaColor edge;
  gboolean has_edge = edge_for (ctx, item->flow, &edge);

  cairo_save (cr);
  /* The shafts are smooth curves of short segments: bevel joins look the
   * same as round ones there, at a fraction of the stroker's work. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* A halo keeps wide arrows apart where they cross; the thin dashed
   * ones read well without, and skipping it saves a third of a frame. */
  if (emphasis)
    {
      append_polyline (cr, pts);
      fa_map_style_set_source (cr, &ctx->style->label);
      cairo_set_line_width (cr, outer + 5);
      cairo_stroke (cr);
    }
  else if (item->core > 0 && (!item->dense || item->core >= 3))
    {
      /* (On a dense map, only arrows wide enough to cross others visibly.) */
      append_polyline (cr, pts);
      fa_map_style_set_source_alpha (cr, &ctx->style->halo, 0.75 * alpha);
      cairo_set_line_width (cr, outer + 2);
      cairo_stroke (cr);
    }

  if (item->band > 0)
    {
      append_polyline (cr, pts);
      set_category_color (cr, item->flow, 0.38 * alpha);
      cairo_set_line_width (cr, item->band);
      cairo_stroke (cr);
    }

  /* A colour too close to the land's gets an edge that is not. */
  if (has_edge && item->core > 0)
    {
      append_polyline (cr, pts);
      fa_map_style_set_source_alpha (cr, &edge, 0.95 * alpha);
      cairo_set_line_width (cr, item->core + 2);
      cairo_stroke (cr);
    }

  append_polyline (cr, pts);
  if (item->core > 0)
    {
      set_category_color (cr, item->flow, 0.92 * alpha);
      cairo_set_line_width (cr, item->core);
    }
  else if (item->undated)
    {
      /* No figure and no time: dots, not dashes (thin: all edge). */
      if (has_edge)
        fa_map_style_set_source_alpha (cr, &edge, 0.95 * alpha);
      else
        set_category_color (cr, item->flow, 0.95 * alpha);
      cairo_set_line_width (cr, DASH_WIDTH + 0.6);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, dots, G_N_ELEMENTS (dots), 0);
    }
  else
    {
      if (has_edge)
        fa_map_style_set_source_alpha (cr, &edge, 0.95 * alpha);
      else
        set_category_color (cr, item->flow, 0.95 * alpha);
      cairo_set_line_width (cr, DASH_WIDTH);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
    }
  cairo_stroke (cr);

  /* The source gives no time: a row of light dots down the middle says
   * "time not stated" on any arrow with a figure (FORMAT.md §7.1). */
  if (item->core > 0 && item->undated)
    {
      append_polyline (cr, pts);
      fa_map_style_set_source_alpha (cr, &ctx->style->halo, 0.95 * alpha);
      cairo_set_line_width (cr, CLAMP (item->core * 0.45, 1.6, 3.5));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, dots, G_N_ELEMENTS (dots), 0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_head (cairo_t               *cr,
           const FaRenderContext *ctx,
           const Item            *item,
           double                 tip_x,
           double                 tip_y,
           double                 dx,
           double                 dy,
           double                 alpha,
           gboolean               emphasis)
{
  double hw, hl;

  head_size (item->core, item->band, &hw, &hl);
  append_arrowhead (cr, tip_x, tip_y, dx, dy, hw, hl);
  if (emphasis)
    {
      fa_map_style_set_source (cr, &ctx->style->label);
      cairo_set_line_width (cr, 3);
      cairo_stroke_preserve (cr);
    }
  else
    {
      FaColor edge;

      fa_map_style_set_source_alpha (cr, &ctx->style->halo, 0.8 * alpha);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke_preserve (cr);
      /* The shaft's edge goes round the head too. */
      if (edge_for (ctx, item->flow, &edge))
        {
          fa_map_style_set_source_alpha (cr, &edge, 0.95 * alpha);
          cairo_set_line_width (cr, 2);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          cairo_stroke_preserve (cr);
        }
    }
  set_category_color (cr, item->flow, (item->core > 0 ? 0.95 : 0.85) * alpha);
  cairo_fill (cr);
}

static GObject *
item_object (const Item *item)
{
  return item->bundle != NULL ? G_OBJECT (item->bundle) : G_OBJECT (item->flow);
}

static Route *
item_route (FaFlowLayer *self,
            const Item  *item)
{
  return item->bundle != NULL ? ensure_bundle_route (self, item->bundle) : ensure_route (self, item->flow);
}

/* Whether @hovered (a bundle of another drawing) stands for @item. */
static gboolean
same_bundle (const Item *item,
             GObject    *hovered)
{
  FaFlowBundle *other;

  if (item->bundle == NULL || !FA_IS_FLOW_BUNDLE (hovered))
    return FALSE;
  other = FA_FLOW_BUNDLE (hovered);

  return fa_flow_bundle_get_from (other) == fa_flow_bundle_get_from (item->bundle) &&
         fa_flow_bundle_get_to (other) == fa_flow_bundle_get_to (item->bundle) &&
         fa_flow_bundle_get_category (other) == fa_flow_bundle_get_category (item->bundle);
}

static double
item_alpha (FaFlowLayer           *self,
            const FaRenderContext *ctx,
            const Item            *item)
{
  FaFlow *flow = item->flow;
  double alpha = 1.0;
  FaCertainty certainty = fa_flow_get_certainty (flow);

  /* Weaker wording, fainter arrow. */
  if (certainty == FA_CERTAINTY_REPORTEDLY || certainty == FA_CERTAINTY_PREVIOUS_YEARS)
    alpha = 0.62;
  /* No time in the source: lighter too. */
  if (drawn_undated (self, flow))
    alpha *= 0.8;

  alpha *= item->dense_alpha;

  /* A bundle: the sum of flows of several certainties and dates. */
  if (item->bundle != NULL)
    {
      alpha = item->dense_alpha;
      if (FA_IS_FLOW (ctx->state->selected) &&
          !g_ptr_array_find (fa_flow_bundle_get_flows (item->bundle), ctx->state->selected, NULL))
        alpha *= 0.3;
      return alpha;
    }

  if (FA_IS_FLOW (ctx->state->selected) && (GObject *) flow != ctx->state->selected)
    alpha *= 0.3;

  /* While playing, flows that begin this month fade in and flows that end
   * this month fade out over the month. */
  if (ctx->state->fade_position >= 0 && ctx->time.mode == FA_TIME_MODE_AT && ctx->time.month != FA_MONTH_NONE)
    {
      double frac = ctx->state->fade_position - floor (ctx->state->fade_position);

      if (fa_flow_get_start (flow) == ctx->time.month)
        alpha *= CLAMP (0.15 + frac * 1.7, 0, 1);
      if (fa_flow_get_end (flow) == ctx->time.month)
        alpha *= CLAMP (1.0 - frac * 0.85, 0, 1);
    }

  return alpha;
}

static void
draw_loop (FaFlowLayer           *self,
           cairo_t               *cr,
           const FaRenderContext *ctx,
           const Item            *item,
           const Leg             *leg,
           gboolean               with_head,
           gboolean               emphasis,
           double                 alpha)
{
  double px, py, r, cx, cy, a0, a1, outer;
  g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));

  if (leg->x->len == 0)
    return;

  px = g_array_index (leg->x, double, 0);
  py = g_array_index (leg->y, double, 0);
  cairo_matrix_transform_point (&ctx->to_device, &px, &py);

  outer = MAX (MAX (item->core, item->band), DASH_WIDTH);
  r = LOOP_RADIUS + outer / 2 + item->loop_index * (outer + 6);
  /* A ring beside the place, open where it touches it. */
  cx = px + r * 0.75;
  cy = py - r * 0.75;
  a0 = atan2 (py - cy, px - cx) + 0.5;
  a1 = a0 + 2 * G_PI - 1.0;
  for (int i = 0; i <= 48; i++)
    {
      double a = a0 + (a1 - a0) * i / 48.0;
      double x = cx + r * cos (a), y = cy + r * sin (a);

      g_array_append_val (pts, x);
      g_array_append_val (pts, y);
    }

  stroke_shaft (self, cr, ctx, item, pts, alpha, emphasis);
  if (with_head)
    {
      double tx = cx + r * cos (a1 + 0.35), ty = cy + r * sin (a1 + 0.35);

      draw_head (cr, ctx, item, tx, ty, -sin (a1 + 0.35), cos (a1 + 0.35), alpha, emphasis);
    }

  record_pick (ctx, self, item_object (item), pts, outer / 2 + PICK_SLOP);
}

/* A stock (people from the origin present at the destination, FORMAT.md
 * §5.2) is no movement, so it gets no arrow: a circle on the destination,
 * its radius the width an arrow of the same figure would have (the same
 * square-root scale), light out to the high figure of a range.  Stocks of
 * one place nest, the larger below. */
static void
draw_stock (FaFlowLayer           *self,
            cairo_t               *cr,
            const FaRenderContext *ctx,
            const Item            *item,
            gboolean               emphasis)
{
  static const double dash[] = { 5.0, 3.5 };
  static const double dots[] = { 0.01, 3.6 };
  double alpha = emphasis ? 1.0 : item_alpha (self, ctx, item);
  double x, y, r, outer;
  g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));

  if (!fa_flow_layer_get_place_point (self, fa_flow_get_destination (item->flow), &x, &y))
    return;
  cairo_matrix_transform_point (&ctx->to_device, &x, &y);
  r = MAX (STOCK_MIN_RADIUS, item->core);
  outer = MAX (r, item->band);

  cairo_save (cr);
  cairo_new_path (cr);
  if (item->band > r)
    {
      cairo_arc (cr, x, y, item->band, 0, 2 * G_PI);
      set_category_color (cr, item->flow, 0.16 * alpha);
      cairo_fill (cr);
    }
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  set_category_color (cr, item->flow, 0.22 * alpha);
  cairo_fill_preserve (cr);
  if (emphasis)
    {
      fa_map_style_set_source (cr, &ctx->style->label);
      cairo_set_line_width (cr, 4.5);
      cairo_stroke_preserve (cr);
    }
  else
    {
      fa_map_style_set_source_alpha (cr, &ctx->style->halo, 0.8 * alpha);
      cairo_set_line_width (cr, 4);
      cairo_stroke_preserve (cr);
    }
  set_category_color (cr, item->flow, 0.95 * alpha);
  cairo_set_line_width (cr, 2);
  /* No time in the source: a dotted ring, as the arrows' dots; no figure:
   * a dashed one, as the arrows' dashes. */
  if (drawn_undated (self, item->flow))
    {
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, dots, G_N_ELEMENTS (dots), 0);
    }
  else if (item->core <= 0)
    cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* "or more", on the ring. */
  if (item->open)
    draw_or_more (cr, ctx, item->flow, 2, x + r * G_SQRT2 / 2, y - r * G_SQRT2 / 2, alpha);

  /* Picked anywhere inside the circle. */
  g_array_append_val (pts, x);
  g_array_append_val (pts, y);
  g_array_append_val (pts, x);
  g_array_append_val (pts, y);
  record_pick (ctx, self, item_object (item), pts, outer + PICK_SLOP);
}

static void
draw_item (FaFlowLayer           *self,
           cairo_t               *cr,
           const FaRenderContext *ctx,
           const Item            *item,
           gboolean               emphasis)
{
  Route *route = item_route (self, item);
  double alpha = item_alpha (self, ctx, item);
  double hw, hl, outer = MAX (MAX (item->core, item->band), DASH_WIDTH);

  if (fa_flow_is_stock (item->flow))
    {
      draw_stock (self, cr, ctx, item, emphasis);
      return;
    }
  if (emphasis)
    alpha = 1.0;
  head_size (item->core, item->band, &hw, &hl);

  for (guint l = 0; l < route->legs->len; l++)
    {
      const Leg *leg = g_ptr_array_index (route->legs, l);
      gboolean last_leg = l + 1 == route->legs->len;

      if (leg->self_loop)
        {
          draw_loop (self, cr, ctx, item, leg, last_leg, emphasis, alpha);
          continue;
        }

      for (guint p = 0; p < leg->parts->len; p++)
        {
          gboolean last_piece = last_leg && p + 1 == leg->parts->len;
          gboolean whole = leg->parts->len == 1;
          g_autoptr(GArray) pts = NULL;
          guint n;

          pts = screen_polyline (leg, p, &ctx->to_device,
                                 whole ? item->bulge : 0,
                                 p == 0 ? MARKER_GAP : 0,
                                 last_piece ? MARKER_GAP + hl * 0.8 : (p + 1 == leg->parts->len ? MARKER_GAP : 0));
          n = pts->len / 2;
          if (n < 2)
            continue;

          stroke_shaft (self, cr, ctx, item, pts, alpha, emphasis);

          /* "or more", halfway along the last piece. */
          if (last_piece && item->open)
            draw_or_more (cr, ctx, item->flow, item->core,
                          g_array_index (pts, double, 2 * (n / 2)),
                          g_array_index (pts, double, 2 * (n / 2) + 1), alpha);

          if (last_piece)
            {
              double ex = g_array_index (pts, double, 2 * n - 2);
              double ey = g_array_index (pts, double, 2 * n - 1);
              double bx = g_array_index (pts, double, 2 * n - 4);
              double by = g_array_index (pts, double, 2 * n - 3);
              double d = hypot (ex - bx, ey - by);

              if (d > 0)
                {
                  double dx = (ex - bx) / d, dy = (ey - by) / d;

                  draw_head (cr, ctx, item, ex + dx * hl * 0.8, ey + dy * hl * 0.8,
                             dx, dy, alpha, emphasis);
                }
            }

          record_pick (ctx, self, item_object (item), pts, outer / 2 + PICK_SLOP);
        }
    }
}

static void
item_clear (Item *item)
{
  g_clear_object (&item->bundle);
}

static int
compare_items_by_size (gconstpointer a,
                       gconstpointer b)
{
  const Item *ia = a, *ib = b;

  return (ia->size > ib->size) - (ia->size < ib->size);
}

/* Flows of one category between two clusters, while they are gathered. */
typedef struct
{
  FaPlaceCluster *from;
  FaPlaceCluster *to;
  FaCategory     *category;
  GPtrArray      *flows;
} Group;

static void
group_free (Group *group)
{
  g_clear_pointer (&group->flows, g_ptr_array_unref);
  g_free (group);
}

/* Its place in a fan of arrows between the same two places or clusters. */
static void
take_fan_place (GHashTable *pair_count,
                gconstpointer from,
                gconstpointer to,
                Item       *item)
{
  char *key = g_strdup_printf ("%p>%p", from, to);
  guint k = GPOINTER_TO_UINT (g_hash_table_lookup (pair_count, key));

  g_hash_table_insert (pair_count, key, GUINT_TO_POINTER (k + 1));
  item->bulge = BULGE_BASE + BULGE_STEP * k;
}

/* The arrows and circles of a drawing, each with its widths and its
 * place in a fan of arrows between the same two places; wide ones first
 * (so that narrow ones stay visible on top), or on a dense map the
 * strongest last.  Where the drawing clusters places, flows of a category
 * between two clusters (one of them of several places) become one
 * bundle's arrow, and flows within one cluster none. */
static GArray *compute_items_uncached (FaFlowLayer           *self,
                                       const FaRenderContext *ctx);

/* The items of @ctx, computed once for its state and scale.  Returns a
 * reference: items are read, never changed, once computed. */
static GArray *
compute_items (FaFlowLayer           *self,
               const FaRenderContext *ctx)
{
  const cairo_matrix_t *m = &ctx->to_device;
  double scale[4] = { m->xx, m->yx, m->xy, m->yy };
  GArray *items;

  g_mutex_lock (&self->lock);
  if (self->items != NULL && self->items_state == ctx->state && memcmp (scale, self->items_scale, sizeof scale) == 0)
    {
      items = g_array_ref (self->items);
      g_mutex_unlock (&self->lock);
      return items;
    }
  g_mutex_unlock (&self->lock);

  items = compute_items_uncached (self, ctx);

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->items_state, fa_map_snapshot_unref);
  self->items = g_array_ref (items);
  self->items_state = fa_map_snapshot_ref ((FaMapSnapshot *) ctx->state);
  memcpy (self->items_scale, scale, sizeof scale);
  g_mutex_unlock (&self->lock);

  return items;
}

static GArray *
compute_items_uncached (FaFlowLayer           *self,
                        const FaRenderContext *ctx)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autoptr(GHashTable) pair_count = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) loop_count = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) group_order = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  double ref = reference_count (ctx);
  guint level = 0;
  FaPlaceClustering *clustering = fa_flow_layer_get_clustering (self, ctx, &level);
  double max_size = 0;

  g_array_set_clear_func (items, (GDestroyNotify) item_clear);

  for (guint i = 0; i < ctx->state->visible->len; i++)
    {
      FaFlow *flow = g_ptr_array_index (ctx->state->visible, i);
      FaPlace *origin = fa_flow_get_origin (flow);
      FaPlace *dest = fa_flow_get_destination (flow);
      Item item = { 0 };

      if (clustering != NULL && !fa_flow_is_stock (flow))
        {
          FaPlaceCluster *a = fa_place_clustering_lookup (clustering, level, origin);
          FaPlaceCluster *b = fa_place_clustering_lookup (clustering, level, dest);

          if (a != NULL && b != NULL &&
              (fa_place_cluster_get_n_places (a) > 1 || fa_place_cluster_get_n_places (b) > 1))
            {
              g_autofree char *key = NULL;
              Group *group;

              /* Within one cluster: its marker's tooltip counts it. */
              if (a == b)
                continue;
              key = g_strdup_printf ("%p>%p>%p", (void *) a, (void *) b, (void *) fa_flow_get_category (flow));
              group = g_hash_table_lookup (groups, key);
              if (group == NULL)
                {
                  group = g_new0 (Group, 1);
                  group->from = a;
                  group->to = b;
                  group->category = fa_flow_get_category (flow);
                  group->flows = g_ptr_array_new_with_free_func (g_object_unref);
                  g_hash_table_insert (groups, g_steal_pointer (&key), group);
                  g_ptr_array_add (group_order, group);
                }
              g_ptr_array_add (group->flows, g_object_ref (flow));
              continue;
            }
        }

      item.flow = flow;
      item.dense_alpha = 1;
      item.undated = drawn_undated (self, flow);
      item.open = is_open_ended (flow);
      item.size = MAX (0, (double) fa_flow_get_size (flow));
      flow_widths (ref, flow, &item.core, &item.band);

      /* Arrows between the same two places fan out instead of stacking;
       * the opposite direction bows to the other side on its own.  A
       * stock is a circle, not an arrow: it takes no place in the fan. */
      if (fa_flow_is_stock (flow))
        {
          g_array_append_val (items, item);
          continue;
        }
      take_fan_place (pair_count, origin, dest, &item);
      if (origin == dest)
        {
          item.loop_index = GPOINTER_TO_INT (g_hash_table_lookup (loop_count, origin));
          g_hash_table_insert (loop_count, origin, GINT_TO_POINTER (item.loop_index + 1));
        }
      g_array_append_val (items, item);
    }

  for (guint g = 0; g < group_order->len; g++)
    {
      Group *group = g_ptr_array_index (group_order, g);
      Item item = { 0 };
      gint64 low, high;

      item.flow = g_ptr_array_index (group->flows, 0);
      item.bundle = fa_flow_bundle_new (group->from, group->to, group->category,
                                        g_steal_pointer (&group->flows));
      low = fa_flow_bundle_get_low (item.bundle);
      high = fa_flow_bundle_get_high (item.bundle);
      item.dense_alpha = 1;
      item.open = high < 0;
      item.undated = TRUE;
      for (guint k = 0; k < fa_flow_bundle_get_flows (item.bundle)->len && item.undated; k++)
        item.undated = drawn_undated (self, g_ptr_array_index (fa_flow_bundle_get_flows (item.bundle), k));
      item.size = MAX (low, high);
      item.core = low > 0 ? width_for (ref, low) : 0;
      item.band = high > low && low > 0 ? width_for (ref, high) : 0;
      take_fan_place (pair_count, group->from, group->to, &item);
      g_array_append_val (items, item);
    }

  if (items->len <= DENSE_ITEMS)
    {
      /* Wide arrows first, so that narrow ones stay visible on top. */
      g_array_sort (items, compare_items_by_width);
      return items;
    }

  /* A dense map: the strongest on top and in full, the weaker fainter
   * (by the square root, as widths) down to a trace, so that what matters
   * reads first. */
  g_array_sort (items, compare_items_by_size);
  for (guint i = 0; i < items->len; i++)
    max_size = MAX (max_size, g_array_index (items, Item, i).size);
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      item->dense = TRUE;
      item->dense_alpha = max_size > 0 ? 0.06 + 0.94 * sqrt (item->size / max_size) : 1;
    }

  return items;
}

/* The faint arrows of a dense map that share a colour, an opacity and a
 * width (rounded), stroked as one path: the same look, where each would
 * have composited its own mask (most of a 100,000-flow drawing).  Where
 * they cross they do not darken each other, which keeps the weak ones
 * from adding up to a blanket.  No heads: at that opacity they would not
 * show; the tooltip still names each. */
#define FAINT_ALPHA 0.4
#define BATCH_LINES 8

typedef struct
{
  guint32  rgb;
  double   alpha;
  double   width;
  GPtrArray *lines;     /* GArray of points, owned */
} Batch;

static void
batch_free (Batch *batch)
{
  g_ptr_array_unref (batch->lines);
  g_free (batch);
}

static gboolean
is_faint (const Item *item)
{
  return item->dense && item->dense_alpha < FAINT_ALPHA && item->band <= 0 && item->core > 0 &&
         !item->undated && !item->open && !fa_flow_is_stock (item->flow);
}

static void
batch_item (FaFlowLayer           *self,
            const FaRenderContext *ctx,
            GHashTable            *batches,
            GPtrArray             *order,
            const Item            *item)
{
  Route *route = item_route (self, item);
  FaCategory *category = fa_flow_get_category (item->flow);
  guint32 rgb = category != NULL ? fa_category_get_color (category) : 0x555555;
  int alpha_step = (int) round (item->dense_alpha * 20);
  int width_step = (int) round (item->core * 4);
  g_autofree char *key = g_strdup_printf ("%06x/%d/%d", rgb, alpha_step, width_step);
  Batch *batch = g_hash_table_lookup (batches, key);

  if (batch == NULL)
    {
      batch = g_new0 (Batch, 1);
      batch->rgb = rgb;
      batch->alpha = alpha_step / 20.0;
      batch->width = width_step / 4.0;
      batch->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      g_hash_table_insert (batches, g_steal_pointer (&key), batch);
      g_ptr_array_add (order, batch);
    }

  for (guint l = 0; l < route->legs->len; l++)
    {
      const Leg *leg = g_ptr_array_index (route->legs, l);

      if (leg->self_loop)
        continue;
      for (guint p = 0; p < leg->parts->len; p++)
        {
          GArray *pts = screen_polyline (leg, p, &ctx->to_device, leg->parts->len == 1 ? item->bulge : 0,
                                         p == 0 ? MARKER_GAP : 0, p + 1 == leg->parts->len ? MARKER_GAP : 0);

          if (pts->len < 4)
            {
              g_array_unref (pts);
              continue;
            }
          record_pick (ctx, self, item_object (item), pts, MAX (item->core, DASH_WIDTH) / 2 + PICK_SLOP);
          g_ptr_array_add (batch->lines, pts);
        }
    }
}

static void
stroke_batches (cairo_t   *cr,
                GPtrArray *order)
{
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint b = 0; b < order->len; b++)
    {
      Batch *batch = g_ptr_array_index (order, b);

      FaColor color = { ((batch->rgb >> 16) & 0xff) / 255.0, ((batch->rgb >> 8) & 0xff) / 255.0,
                        (batch->rgb & 0xff) / 255.0, 1 };
      g_auto(FaHairlines) hairlines = { 0 };

      /* Thin enough, on an image: sampled into one mask (see FaHairlines),
       * the colour painted through it once. */
      if (fa_hairlines_init (&hairlines, cr, batch->width))
        {
          for (guint i = 0; i < batch->lines->len; i++)
            {
              cairo_new_path (cr);
              append_polyline (cr, g_ptr_array_index (batch->lines, i));
              fa_hairlines_add_path (&hairlines, cr);
            }
          cairo_new_path (cr);
          fa_hairlines_paint (&hairlines, cr, &color, 0.92 * batch->alpha);
          continue;
        }

      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.92 * batch->alpha);
      cairo_set_line_width (cr, batch->width);
      /* In strokes of a few lines: Cairo 1.16 rasterises one polygon per
       * stroke, and a polygon of thousands of crossing lines costs more
       * than the masks saved. */
      for (guint i = 0; i < batch->lines->len; i += BATCH_LINES)
        {
          cairo_new_path (cr);
          for (guint k = i; k < MIN (i + BATCH_LINES, batch->lines->len); k++)
            append_polyline (cr, g_ptr_array_index (batch->lines, k));
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

/* Whether the pointer is on @item. */
static gboolean
item_is_hovered (const Item            *item,
                 const FaRenderContext *ctx)
{
  GObject *hovered = ctx->state->hovered;

  if (hovered == NULL || ctx->for_export)
    return FALSE;

  return item->bundle != NULL ? same_bundle (item, hovered) : (GObject *) item->flow == hovered;
}

static void
fa_flow_layer_render (FaMapLayer            *layer,
                      cairo_t               *cr,
                      const FaRenderContext *ctx)
{
  FaFlowLayer *self = FA_FLOW_LAYER (layer);
  g_autoptr(GArray) items = NULL;
  const Item *selected = NULL;

  if (ctx->state == NULL || ctx->state->dataset != self->dataset)
    return;

  items = compute_items (self, ctx);

  /* The faint arrows of a dense map first (they are the weakest: the
   * array has them first), in batches. */
  {
    g_autoptr(GHashTable) batches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func ((GDestroyNotify) batch_free);

    /* (Not in the legend's story: a trace weighs nothing there.) */
    for (guint i = 0; i < items->len && !ctx->story; i++)
      {
        const Item *item = &g_array_index (items, Item, i);

        if (is_faint (item) && !item_is_hovered (item, ctx) && (GObject *) item->flow != ctx->state->selected)
          batch_item (self, ctx, batches, order, item);
      }
    stroke_batches (cr, order);
  }

  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);

      if (is_faint (item) && !item_is_hovered (item, ctx) && (GObject *) item->flow != ctx->state->selected)
        continue;
      if (item->bundle == NULL && (GObject *) item->flow == ctx->state->selected)
        {
          selected = item;
          continue;
        }
      /* The pointer's emphasis belongs to the screen, not to a file. */
      draw_item (self, cr, ctx, item, item_is_hovered (item, ctx));
    }
  if (selected != NULL)
    draw_item (self, cr, ctx, selected, TRUE);
}

/* --- Labels -------------------------------------------------------------- */

/**
 * fa_flow_dup_magnitude_label:
 *
 * What an arrow's label says: the magnitude in the source's words
 * ("tens of thousands", "at least 200"), else its count.
 *
 * Returns: (transfer full) (nullable): the text, %NULL without a figure
 */
char *
fa_flow_dup_magnitude_label (FaFlow *flow)
{
  const char *words = fa_flow_get_magnitude (flow);

  if (words != NULL && words[0] != '\0')
    {
      g_autoptr(GString) text = g_string_new (words);

      /* The source's elisions, typeset. */
      g_string_replace (text, "...", "…", 0);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  if (fa_flow_get_count (flow) >= 0)
    return fa_count_format (fa_flow_get_count (flow));

  return NULL;
}

/* A bundle's figure beside its arrow: the sum, "at least" it when open. */
static char *
bundle_label (FaFlowBundle *bundle)
{
  g_autofree char *low = NULL, *high = NULL;

  if (fa_flow_bundle_get_low (bundle) <= 0)
    return NULL;
  low = fa_count_format (fa_flow_bundle_get_low (bundle));
  if (fa_flow_bundle_get_high (bundle) < 0)
    /* translators: beside an arrow for several flows; %s: their lower figures added up */
    return g_strdup_printf (_("at least %s"), low);
  if (fa_flow_bundle_get_high (bundle) > fa_flow_bundle_get_low (bundle))
    {
      high = fa_count_format (fa_flow_bundle_get_high (bundle));
      /* translators: beside an arrow for several flows: their figures added up, low to high */
      return g_strdup_printf (_("%s–%s"), low, high);
    }
  return g_steal_pointer (&low);
}

/* Where along a polyline (pairs) a share of its length lies, and the
 * direction of travel there. */
static gboolean
point_along (GArray *pts,
             double  share,
             double *x,
             double *y,
             double *dx,
             double *dy)
{
  guint n = pts->len / 2;
  double total = 0, want, run = 0;

  if (n < 2)
    return FALSE;
  for (guint i = 1; i < n; i++)
    total += hypot (g_array_index (pts, double, 2 * i) - g_array_index (pts, double, 2 * i - 2),
                    g_array_index (pts, double, 2 * i + 1) - g_array_index (pts, double, 2 * i - 1));
  if (total <= 0)
    return FALSE;
  want = share * total;
  for (guint i = 1; i < n; i++)
    {
      double x0 = g_array_index (pts, double, 2 * i - 2), y0 = g_array_index (pts, double, 2 * i - 1);
      double x1 = g_array_index (pts, double, 2 * i), y1 = g_array_index (pts, double, 2 * i + 1);
      double d = hypot (x1 - x0, y1 - y0);

      if (run + d >= want && d > 0)
        {
          double t = (want - run) / d;

          *x = x0 + t * (x1 - x0);
          *y = y0 + t * (y1 - y0);
          *dx = (x1 - x0) / d;
          *dy = (y1 - y0) / d;
          return TRUE;
        }
      run += d;
    }

  return FALSE;
}

/* With arrow labels on, each arrow's magnitude beside the middle of its
 * last leg, on either side of the shaft, else a little before or after;
 * a circle's below or above it.  The story's own labels, places and
 * events, keep their places first. */
static void
fa_flow_layer_collect_labels (FaMapLayer            *layer,
                              cairo_t               *cr,
                              const FaRenderContext *ctx,
                              FaLabelSpace          *space)
{
  FaFlowLayer *self = FA_FLOW_LAYER (layer);
  g_autoptr(GArray) items = NULL;
  g_autoptr(PangoFontDescription) font = NULL;

  if (ctx->state == NULL || ctx->state->dataset != self->dataset || !ctx->state->arrow_labels)
    return;

  font = pango_font_description_new ();
  pango_font_description_set_family (font, ctx->style->font_family);
  pango_font_description_set_absolute_size (font, fa_map_style_text_px (ctx->style, 11) * PANGO_SCALE);
  pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  pango_font_description_set_weight (font, PANGO_WEIGHT_SEMIBOLD);

  items = compute_items (self, ctx);
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      g_autofree char *text = item->bundle != NULL ? bundle_label (item->bundle) : fa_flow_dup_magnitude_label (item->flow);
      FaLabelRequest request = { 0 };
      FaLabelSpot spots[6];
      guint n_spots = 0;
      double x = 0, y = 0;

      if (text == NULL)
        continue;

      if (fa_flow_is_stock (item->flow))
        {
          double r = MAX (STOCK_MIN_RADIUS, MAX (item->core, item->band));

          if (!fa_flow_layer_get_place_point (self, fa_flow_get_destination (item->flow), &x, &y))
            continue;
          cairo_matrix_transform_point (&ctx->to_device, &x, &y);
          spots[n_spots++] = (FaLabelSpot) { -0.5, 0.0, 0, r + 3 };
          spots[n_spots++] = (FaLabelSpot) { -0.5, -1.0, 0, -r - 3 };
        }
      else
        {
          Route *route = item_route (self, item);
          const Leg *leg;
          g_autoptr(GArray) pts = NULL;
          const double shares[] = { 0.5, 0.35, 0.65 };
          double gap = MAX (item->core, item->band) / 2 + 4;

          if (route->legs->len == 0)
            continue;
          leg = g_ptr_array_index (route->legs, route->legs->len - 1);
          if (leg->self_loop || leg->parts->len == 0)
            continue;
          pts = screen_polyline (leg, leg->parts->len - 1, &ctx->to_device,
                                 leg->parts->len == 1 ? item->bulge : 0, MARKER_GAP, MARKER_GAP);
          for (guint k = 0; k < G_N_ELEMENTS (shares) && n_spots + 2 <= G_N_ELEMENTS (spots); k++)
            {
              double px, py, dx, dy, nx, ny;

              if (!point_along (pts, shares[k], &px, &py, &dx, &dy))
                break;
              /* All spots are relative to the first point. */
              if (k == 0)
                {
                  x = px;
                  y = py;
                }
              nx = -dy;
              ny = dx;
              /* The label's box touches the shaft's side at its nearest
               * corner or edge. */
              for (int side = 1; side >= -1; side -= 2)
                {
                  double ox = side * nx, oy = side * ny;

                  spots[n_spots++] = (FaLabelSpot) {
                    ox > 0.3 ? 0.0 : ox < -0.3 ? -1.0 : -0.5,
                    oy > 0.3 ? 0.0 : oy < -0.3 ? -1.0 : -0.5,
                    px - x + ox * gap, py - y + oy * gap,
                  };
                }
            }
          if (n_spots == 0)
            continue;
        }

      request.text = text;
      request.font = font;
      request.x = x;
      request.y = y;
      request.spots = spots;
      request.n_spots = n_spots;
      request.pad_x = 1;
      request.kind = FA_LABEL_PLAIN;
      /* In its arrow's colour, deepened to read as text (4.5:1) on any style. */
      {
        FaCategory *category = fa_flow_get_category (item->flow);
        guint32 rgb = category != NULL ? fa_category_get_color (category) : 0x555555;
        FaColor hue = { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, 1 };

        request.color = fa_map_style_text_color (ctx->style, &hue);
      }
      request.halo = ctx->style->halo;
      request.halo_width = 3.5;
      request.priority = FA_LABEL_PRIORITY_ARROW;
      fa_label_space_add (space, &request);
    }
}

/* --- Legend -------------------------------------------------------------- */

static gboolean
str_equal0 (gconstpointer a,
            gconstpointer b)
{
  return g_strcmp0 (a, b) == 0;
}

typedef struct
{
  guint32 color;
  double  core;
  double  band;
  gboolean dashed;
  gboolean undated;
  gboolean open_ended;
  gboolean stock;
} SwatchData;

static void
draw_flow_swatch_cb (FaMapLayer            *layer,
                     cairo_t               *cr,
                     const FaRenderContext *ctx,
                     double                 width,
                     double                 height,
                     gpointer               data)
{
  SwatchData *swatch = data;
  static const double dash[] = { 5.0, 3.5 };
  static const double dots[] = { 0.01, 3.6 };
  double r = ((swatch->color >> 16) & 0xff) / 255.0;
  double g = ((swatch->color >> 8) & 0xff) / 255.0;
  double b = (swatch->color & 0xff) / 255.0;
  double y = height / 2;
  FaColor edge;
  /* As on the map: an edge where the colour is close to the land's. */
  gboolean has_edge = edge_for_rgb (ctx, swatch->color, &edge);

  cairo_save (cr);
  if (swatch->stock)
    {
      double radius = MIN (height / 2 - 1, 7.5);

      cairo_new_path (cr);
      cairo_arc (cr, width / 2, y, radius, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, r, g, b, 0.22);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, r, g, b, 0.95);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      cairo_restore (cr);
      return;
    }
  if (swatch->band > 0)
    {
      cairo_set_source_rgba (cr, r, g, b, 0.38);
      cairo_rectangle (cr, 0, y - swatch->band / 2, width - 6, swatch->band);
      cairo_fill (cr);
    }
  cairo_set_source_rgba (cr, r, g, b, 0.92);
  if (has_edge && swatch->dashed)
    fa_map_style_set_source_alpha (cr, &edge, 0.95);
  if (swatch->dashed && swatch->undated)
    {
      cairo_set_dash (cr, dots, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_width (cr, DASH_WIDTH + 0.6);
      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, width - 7, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
    }
  else if (swatch->dashed)
    {
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, DASH_WIDTH);
      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, width - 7, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  else
    {
      if (has_edge)
        {
          fa_map_style_set_source_alpha (cr, &edge, 0.95);
          cairo_rectangle (cr, 0, y - swatch->core / 2 - 1, width - 6, swatch->core + 2);
          cairo_fill (cr);
          cairo_set_source_rgba (cr, r, g, b, 0.92);
        }
      cairo_rectangle (cr, 0, y - swatch->core / 2, width - 6, swatch->core);
      cairo_fill (cr);
    }
  append_arrowhead (cr, width, y, 1, 0, MAX (7, MAX (swatch->core, swatch->band) * 0.6 + 5), 7);
  if (has_edge)
    {
      cairo_save (cr);
      fa_map_style_set_source_alpha (cr, &edge, 0.95);
      cairo_set_line_width (cr, 2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke_preserve (cr);
      cairo_restore (cr);
    }
  cairo_fill (cr);
  if (swatch->open_ended)
    {
      double pr = MAX (4.5, swatch->core / 2 + 3.5);

      cairo_new_path (cr);
      cairo_arc (cr, (width - 8) / 2, y, pr + 1.5, 0, 2 * G_PI);
      fa_map_style_set_source (cr, &ctx->style->halo);
      cairo_fill (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_width (cr, MAX (1.8, pr * 0.42));
      cairo_move_to (cr, (width - 8) / 2 - pr + 1, y);
      cairo_line_to (cr, (width - 8) / 2 + pr - 1, y);
      cairo_move_to (cr, (width - 8) / 2, y - pr + 1);
      cairo_line_to (cr, (width - 8) / 2, y + pr - 1);
      cairo_set_source_rgba (cr, r, g, b, 0.95);
      cairo_stroke (cr);
    }
  if (swatch->undated && !swatch->dashed)
    {
      fa_map_style_set_source (cr, &ctx->style->halo);
      cairo_set_line_width (cr, CLAMP (swatch->core * 0.45, 1.6, 3.5));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, dots, G_N_ELEMENTS (dots), 1.5);
      cairo_move_to (cr, 1, y);
      cairo_line_to (cr, width - 9, y);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static FaLegendEntry *
swatch_entry (const char *label,
              const char *detail,
              guint32     color,
              double      core,
              double      band,
              gboolean    dashed)
{
  FaLegendEntry *entry = g_new0 (FaLegendEntry, 1);
  SwatchData *swatch = g_new0 (SwatchData, 1);

  swatch->color = color;
  swatch->core = core;
  swatch->band = band;
  swatch->dashed = dashed;
  entry->label = g_strdup (label);
  entry->detail = g_strdup (detail);
  entry->draw_swatch = draw_flow_swatch_cb;
  entry->data = swatch;
  entry->data_free = g_free;

  return entry;
}

static void
fa_flow_layer_collect_legend (FaMapLayer            *layer,
                              const FaRenderContext *ctx,
                              GPtrArray             *entries)
{
  FaFlowLayer *self = FA_FLOW_LAYER (layer);
  /* Any thread draws: the array, not the list model. */
  GPtrArray *categories = fa_dataset_get_category_array (self->dataset);
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  const double samples[] = { 10000, 100000, 1000000 };
  gboolean any_range = FALSE, any_without = FALSE, any_undated = FALSE, any_undated_figure = FALSE;
  gboolean any_open = FALSE, any_stock = FALSE;
  double ref;

  if (ctx->state == NULL || ctx->state->dataset != self->dataset || ctx->state->visible->len == 0)
    return;

  for (guint i = 0; i < ctx->state->visible->len; i++)
    {
      FaFlow *flow = g_ptr_array_index (ctx->state->visible, i);
      FaCategory *category = fa_flow_get_category (flow);
      double core, band;

      g_hash_table_insert (counts, category,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, category)) + 1));
      flow_widths (FA_FLOW_WIDTH_REF, flow, &core, &band);
      any_range |= band > 0;
      /* Without a time, an arrow without a figure is dotted, not dashed. */
      any_without |= core <= 0 && !drawn_undated (self, flow);
      any_undated |= drawn_undated (self, flow);
      any_open |= is_open_ended (flow);
      any_undated_figure |= core > 0 && drawn_undated (self, flow);
      any_stock |= fa_flow_is_stock (flow);
    }
  ref = reference_count (ctx);

  /* One entry per category while that stays readable; beyond, one per
   * group (the sidebar and the table still name every category). */
  if (g_hash_table_size (counts) <= 7)
    {
      for (guint i = 0; i < categories->len; i++)
        {
          FaCategory *category = g_ptr_array_index (categories, i);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, category));
          g_autofree char *detail = NULL;
          FaLegendEntry *entry;

          if (count == 0)
            continue;
          detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u flow", "%u flows", count), count);
          entry = swatch_entry (fa_category_get_label (category), detail,
                                fa_category_get_color (category), 6, 0, FALSE);
          entry->counts_map = TRUE;
          g_ptr_array_add (entries, entry);
        }
    }
  else
    {
      /* The dataset's groups, in the order their categories come; a
       * category without a group stands for itself. */
      g_autoptr(GPtrArray) groups = g_ptr_array_new ();

      for (guint i = 0; i < categories->len; i++)
        {
          FaCategory *category = g_ptr_array_index (categories, i);
          const char *group = fa_category_get_group (category);

          if (g_hash_table_contains (counts, category) &&
              !g_ptr_array_find_with_equal_func (groups, group, str_equal0, NULL))
            g_ptr_array_add (groups, (gpointer) group);
        }

      for (guint g = 0; g < groups->len; g++)
        {
          const char *group = g_ptr_array_index (groups, g);
          guint count = 0, n_categories = 0;
          guint32 color = 0;
          const char *label = NULL;
          g_autofree char *detail = NULL;

          for (guint i = 0; i < categories->len; i++)
            {
              FaCategory *category = g_ptr_array_index (categories, i);
              guint c = GPOINTER_TO_UINT (g_hash_table_lookup (counts, category));

              if (c == 0 || !str_equal0 (fa_category_get_group (category), group))
                continue;
              if (n_categories++ == 0)
                {
                  color = fa_category_get_color (category);
                  label = fa_category_get_label (category);
                }
              count += c;
            }
          if (group != NULL)
            label = fa_dataset_get_group_label (self->dataset, group);
          {
            g_autofree char *flows_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u flow", "%u flows", count), count);
            g_autofree char *cats_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u category", "%u categories",
                                                                       n_categories), n_categories);

            /* translators: 1: "12 flows", 2: "3 categories" */
            detail = g_strdup_printf (_("%s in %s"), flows_text, cats_text);
          }
          {
            FaLegendEntry *entry = swatch_entry (label, detail, color, 6, 0, FALSE);

            entry->counts_map = TRUE;
            g_ptr_array_add (entries, entry);
          }
        }
    }

  /* The width scale, with real numbers. */
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *number = fa_count_format ((gint64) samples[i]);
      /* translators: %s is a number such as "10,000" */
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s person", "%s people",
                                                             (gulong) samples[i]), number);

      g_ptr_array_add (entries, swatch_entry (label,
                                              i == 0 ? (ctx->state->rescale_widths
                                                        ? _("Width: square-root scale, rescaled to the flows shown")
                                                        : _("Width: square-root scale, the same at every date"))
                                                     : NULL,
                                              0x5e5c64, width_for (ref, samples[i]), 0, FALSE));
    }
  /* Only what the map shows: a range sample where a range is drawn. */
  if (any_range)
    g_ptr_array_add (entries, swatch_entry (_("A range, such as “tens of thousands”"),
                                            _("Solid to the low figure, light to the high one"),
                                            0x5e5c64, width_for (ref, 20000), width_for (ref, 99999), FALSE));
  if (any_open)
    {
      FaLegendEntry *entry = swatch_entry (_("A figure “or more”, such as “at least 200”"),
                                           _("Drawn to the stated figure; + marks the open end"),
                                           0x5e5c64, width_for (ref, 20000), 0, FALSE);

      ((SwatchData *) entry->data)->open_ended = TRUE;
      g_ptr_array_add (entries, entry);
    }
  if (any_without)
    g_ptr_array_add (entries, swatch_entry (_("No figure in the source"), NULL, 0x5e5c64, 0, 0, TRUE));
  /* A map of some of the flows says so. */
  if (ctx->state != NULL && (ctx->state->min_count > 0 || ctx->state->top > 0))
    {
      FaLegendEntry *entry = g_new0 (FaLegendEntry, 1);

      if (ctx->state->min_count > 0)
        {
          g_autofree char *number = fa_count_format (ctx->state->min_count);

          /* translators: a note in the legend; %s is a number of people such as "20,000" */
          entry->label = g_strdup_printf (_("Only flows of at least %s people"), number);
        }
      if (ctx->state->top > 0)
        {
          /* translators: a note in the legend; %u is how many flows the map shows */
          g_autofree char *top = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Only the largest flow",
                                                               "Only the %u largest flows", ctx->state->top),
                                                  ctx->state->top);

          if (entry->label == NULL)
            entry->label = g_steal_pointer (&top);
          else
            entry->detail = g_steal_pointer (&top);
        }
      if (entry->detail == NULL)
        entry->detail = g_strdup (ctx->state->min_count > 0
                                  ? _("Smaller flows and flows without a figure are left out")
                                  : _("Smaller flows are left out"));
      g_ptr_array_add (entries, entry);
    }
  /* A map that adds flows up says so. */
  {
    guint level = 0;
    FaPlaceClustering *clustering = fa_flow_layer_get_clustering (self, ctx, &level);

    if (clustering != NULL)
      {
        FaLegendEntry *entry = g_new0 (FaLegendEntry, 1);
        guint n = fa_place_clustering_get_n_clusters (clustering, level);
        guint n_places = fa_place_clustering_get_n_places (clustering);

        entry->label = g_strdup (_("Near places merged, their flows added up"));
        /* translators: a note in the legend of a map whose near places are merged: 1: places, 2: clusters */
        entry->detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%u places in %u cluster; zoom in to open them",
                                                      "%u places in %u clusters; zoom in to open them", n),
                                         n_places, n);
        g_ptr_array_add (entries, entry);
      }
  }
  if (any_stock)
    {
      FaLegendEntry *entry = swatch_entry (_("People present at a place"),
                                           _("A stock, not a movement; radius on the arrows’ scale"),
                                           0x5e5c64, 0, 0, FALSE);

      ((SwatchData *) entry->data)->stock = TRUE;
      g_ptr_array_add (entries, entry);
    }
  if (any_undated)
    {
      FaMonth first, last;
      g_autofree char *detail = NULL;
      FaLegendEntry *entry;

      if (ctx->time.undated_always)
        detail = g_strdup (_("Shown at every month, as asked"));
      else if (fa_dataset_get_reporting_period (self->dataset, &first, &last))
        {
          g_autofree char *from = fa_month_format (first);
          g_autofree char *to = fa_month_format (last);

          /* translators: 1 and 2 are months, such as "April 2023" and "March 2024" */
          detail = g_strdup_printf (_("Shown for the report’s period, %s – %s"), from, to);
        }
      /* Drawn as the map draws them: dots down an arrow with a figure,
       * a dotted line without one. */
      entry = swatch_entry (_("Time not stated in the source"), detail, 0x5e5c64,
                            any_undated_figure ? 6 : 0, 0, !any_undated_figure);
      ((SwatchData *) entry->data)->undated = TRUE;
      g_ptr_array_add (entries, entry);
    }
}

/* --- Picking ------------------------------------------------------------- */

static double
distance_to_polyline (GArray *pts,
                      double  x,
                      double  y)
{
  double best = G_MAXDOUBLE;

  for (guint i = 1; i < pts->len / 2; i++)
    {
      double ax = g_array_index (pts, double, 2 * i - 2), ay = g_array_index (pts, double, 2 * i - 1);
      double bx = g_array_index (pts, double, 2 * i), by = g_array_index (pts, double, 2 * i + 1);
      double dx = bx - ax, dy = by - ay;
      double len2 = dx * dx + dy * dy;
      double t = len2 > 0 ? CLAMP (((x - ax) * dx + (y - ay) * dy) / len2, 0, 1) : 0;

      best = MIN (best, hypot (x - (ax + t * dx), y - (ay + t * dy)));
    }

  return best;
}

/* The topmost arrow of the drawing under the point. */
static gboolean
fa_flow_layer_pick (FaMapLayer            *layer,
                    const FaRenderContext *ctx,
                    double                 x,
                    double                 y,
                    FaMapHit              *hit)
{
  GArray *picks = ctx->frame ? fa_frame_get_layer_data (ctx->frame, layer) : NULL;

  for (guint i = picks ? picks->len : 0; i > 0; i--)
    {
      const PickPath *pick = &g_array_index (picks, PickPath, i - 1);

      if (distance_to_polyline (pick->pts, x, y) <= pick->half_width)
        {
          hit->item = pick->item;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * fa_flow_describe:
 *
 * Returns: (transfer full): the figures of @flow in a few lines, as its
 *   tooltip shows them
 */
char *
fa_flow_describe (FaFlow *flow)
{
  FaCategory *category = fa_flow_get_category (flow);
  const char *magnitude = fa_flow_get_magnitude (flow);
  g_autofree char *span = NULL;

  g_return_val_if_fail (FA_IS_FLOW (flow), NULL);

  span = fa_month_format_span (fa_flow_get_start (flow), fa_flow_get_start_precision (flow),
                               fa_flow_get_start_day (flow),
                               fa_flow_get_end (flow), fa_flow_get_end_precision (flow),
                               fa_flow_get_end_day (flow));
  if (span == NULL)
    span = fa_flow_describe_undated (flow);

  if (fa_flow_is_stock (flow))
    /* translators: a stock, not a movement: people from 1 present in 2 (as
     * "North Korea, present in Russia"); 3: category, 4: the figure as the
     * source states it, 5: dates */
    return g_strdup_printf (_("From %s, present in %s (not a movement)\n%s\n%s%s%s"),
                            fa_place_get_name (fa_flow_get_origin (flow)),
                            fa_place_get_name (fa_flow_get_destination (flow)),
                            category ? fa_category_get_label (category) : "",
                            magnitude && *magnitude ? magnitude : _("No figure in the source"),
                            span ? " · " : "", span ? span : "");

  /* translators: 1: origin, 2: destination, 3: category, 4: the figure as the source states it, 5: dates */
  return g_strdup_printf (_("%s → %s\n%s\n%s%s%s"),
                          fa_place_get_name (fa_flow_get_origin (flow)),
                          fa_place_get_name (fa_flow_get_destination (flow)),
                          category ? fa_category_get_label (category) : "",
                          magnitude && *magnitude ? magnitude : _("No figure in the source"),
                          span ? " · " : "", span ? span : "");
}

static void
fa_flow_layer_describe (FaMapLayer            *layer,
                        const FaRenderContext *ctx,
                        const FaMapHit        *hit,
                        GString               *text)
{
  g_autofree char *description = NULL;

  if (hit->layer != layer)
    return;
  if (FA_IS_FLOW_BUNDLE (hit->item))
    description = fa_flow_bundle_describe (FA_FLOW_BUNDLE (hit->item));
  else if (FA_IS_FLOW (hit->item))
    description = fa_flow_describe (FA_FLOW (hit->item));
  else
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, description);
}

/* --- GObject ------------------------------------------------------------- */

static void
fa_flow_layer_finalize (GObject *object)
{
  FaFlowLayer *self = FA_FLOW_LAYER (object);

  g_clear_pointer (&self->routes, g_hash_table_unref);
  g_clear_pointer (&self->points, g_hash_table_unref);
  g_clear_pointer (&self->bundle_routes, g_hash_table_unref);
  g_clear_object (&self->clustering);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->items_state, fa_map_snapshot_unref);
  g_mutex_clear (&self->lock);
  g_clear_object (&self->dataset);
  g_clear_object (&self->projection);

  G_OBJECT_CLASS (fa_flow_layer_parent_class)->finalize (object);
}

static void
fa_flow_layer_class_init (FaFlowLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FaMapLayerClass *layer_class = FA_MAP_LAYER_CLASS (klass);

  object_class->finalize = fa_flow_layer_finalize;
  layer_class->render = fa_flow_layer_render;
  layer_class->collect_labels = fa_flow_layer_collect_labels;
  layer_class->collect_legend = fa_flow_layer_collect_legend;
  layer_class->pick = fa_flow_layer_pick;
  layer_class->describe = fa_flow_layer_describe;
}

static void
fa_flow_layer_init (FaFlowLayer *self)
{
  g_mutex_init (&self->lock);
  self->routes = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) route_free);
  self->points = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->bundle_routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) route_free);
}

/**
 * fa_flow_layer_new:
 * @dataset: the flows to draw
 * @projection: the map projection; routes are projected once, on first use
 *
 * The layer draws the flows of a render context's state (see
 * #FaMapSnapshot) when that state shows @dataset.
 *
 * Returns: (transfer full): a dynamic layer of flow arrows
 */
FaFlowLayer *
fa_flow_layer_new (FaDataset    *dataset,
                   FaProjection *projection)
{
  FaFlowLayer *self;

  g_return_val_if_fail (FA_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (FA_IS_PROJECTION (projection), NULL);

  self = g_object_new (FA_TYPE_FLOW_LAYER,
                       "title", _("Flows"),
                       "kind", FA_LAYERS_DYNAMIC,
                       NULL);
  self->dataset = g_object_ref (dataset);
  self->projection = g_object_ref (projection);

  return self;
}

FaDataset *
fa_flow_layer_get_dataset (FaFlowLayer *self)
{
  g_return_val_if_fail (FA_IS_FLOW_LAYER (self), NULL);

  return self->dataset;
}

FaProjection *
fa_flow_layer_get_projection (FaFlowLayer *self)
{
  g_return_val_if_fail (FA_IS_FLOW_LAYER (self), NULL);

  return self->projection;
}
