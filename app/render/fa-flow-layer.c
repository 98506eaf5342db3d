/* fa-flow-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fa-flow-layer"

#include "config.h"

#include <geodesic.h>
#include <glib/gi18n.h>
#include <math.h>

#include "fa-category.h"
#include "fa-dataset.h"
#include "fa-flow-layer.h"
#include "fa-flow.h"
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
  FaFlow *flow;         /* borrowed */
  GArray *pts;          /* double pairs */
  double  half_width;
} PickPath;

struct _FaFlowLayer
{
  FaMapLayer    parent_instance;

  FaDataset    *dataset;            /* owned */
  FaProjection *projection;         /* owned */
  GHashTable   *hidden_categories;  /* category id → TRUE; owned keys */
  GHashTable   *routes;             /* FaFlow* → Route* */
  GHashTable   *points;             /* FaPlace* → double[2], NULL when unplaceable */
  GArray       *picks;              /* PickPath */
  FaFlow       *selected;           /* owned */
  FaFlow       *hover;              /* owned */
  double        max_count;          /* for the rescaled width scale */
  double        fade_position;      /* < 0: not playing */
  FaTimeFilter  last_time;
  guint         rescale : 1;
  guint         last_time_set : 1;
};

G_DEFINE_FINAL_TYPE (FaFlowLayer, fa_flow_layer, FA_TYPE_MAP_LAYER)

enum {
  PROP_0,
  PROP_SELECTED_FLOW,
  PROP_HOVER_FLOW,
  PROP_RESCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

  if (pt == NULL)
    return FALSE;

  *x = pt[0];
  *y = pt[1];
  return TRUE;
}

static Leg *
build_leg (FaFlowLayer *self,
           FaPlace     *from,
           FaPlace     *to)
{
  struct geod_geodesic geod;
  struct geod_geodesicline line;
  double lon1, lat1, lon2, lat2;
  double lon0 = fa_projection_get_central_meridian (self->projection);
  g_autoptr(GArray) lons = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lats = g_array_new (FALSE, FALSE, sizeof (double));
  Leg *leg;
  int n, wrap = 0, prev_wrap = G_MININT;

  if (!place_lonlat (from, &lon1, &lat1) || !place_lonlat (to, &lon2, &lat2))
    return NULL;

  leg = g_new0 (Leg, 1);
  leg->x = g_array_new (FALSE, FALSE, sizeof (double));
  leg->y = g_array_new (FALSE, FALSE, sizeof (double));
  leg->parts = g_array_new (FALSE, FALSE, sizeof (guint));
  leg->self_loop = from == to || (fabs (lon1 - lon2) < 1e-9 && fabs (lat1 - lat2) < 1e-9);

  if (leg->self_loop)
    {
      double x, y;
      guint zero = 0;

      if (fa_flow_layer_get_place_point (self, from, &x, &y))
        {
          g_array_append_val (leg->x, x);
          g_array_append_val (leg->y, y);
          g_array_append_val (leg->parts, zero);
        }
      return leg;
    }

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

  for (guint i = 0; i < lons->len; i++)
    {
      double lon = g_array_index (lons, double, i);
      double lat = g_array_index (lats, double, i);
      double x, y;

      wrap = (int) floor ((lon - (lon0 - 180)) / 360);
      if (wrap != prev_wrap)
        {
          guint start = leg->x->len;

          if (prev_wrap != G_MININT && i > 0)
            {
              /* Close the piece at the cut and open the next one there. */
              double plon = g_array_index (lons, double, i - 1);
              double plat = g_array_index (lats, double, i - 1);
              double cut = lon0 - 180 + 360 * MAX (wrap, prev_wrap);
              double t = (cut - plon) / (lon - plon);
              double clat = plat + (lat - plat) * t;
              double ex = cut - 360 * prev_wrap - (wrap > prev_wrap ? 1e-7 : -1e-7);
              double ey = clat;

              if (fa_projection_forward (self->projection, &ex, &ey, 1) == 1)
                {
                  g_array_append_val (leg->x, ex);
                  g_array_append_val (leg->y, ey);
                }
              start = leg->x->len;
              ex = cut - 360 * wrap + (wrap > prev_wrap ? 1e-7 : -1e-7);
              ey = clat;
              g_array_append_val (leg->parts, start);
              if (fa_projection_forward (self->projection, &ex, &ey, 1) == 1)
                {
                  g_array_append_val (leg->x, ex);
                  g_array_append_val (leg->y, ey);
                }
            }
          else
            g_array_append_val (leg->parts, start);
          prev_wrap = wrap;
        }

      x = lon - 360 * wrap;
      y = lat;
      if (fa_projection_forward (self->projection, &x, &y, 1) == 1)
        {
          g_array_append_val (leg->x, x);
          g_array_append_val (leg->y, y);
        }
    }

  return leg;
}

static Route *
ensure_route (FaFlowLayer *self,
              FaFlow      *flow)
{
  Route *route = g_hash_table_lookup (self->routes, flow);
  GPtrArray *via;
  FaPlace *from;

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

  g_hash_table_insert (self->routes, flow, route);
  return route;
}

/* --- Widths -------------------------------------------------------------- */

static double
width_for (FaFlowLayer *self,
           double       count)
{
  double ref = FA_FLOW_WIDTH_REF;

  if (count <= 0)
    return 0;
  if (self->rescale && self->max_count > 0)
    ref = self->max_count;

  return CLAMP (FA_FLOW_WIDTH_AT_REF * sqrt (count / ref), FA_FLOW_WIDTH_MIN, FA_FLOW_WIDTH_MAX);
}

/**
 * fa_flow_layer_width_for_count:
 *
 * Returns: the arrow width in pixels for @count people on the current
 *   scale (fixed, or rescaled to the visible flows)
 */
double
fa_flow_layer_width_for_count (FaFlowLayer *self,
                               double       count)
{
  g_return_val_if_fail (FA_IS_FLOW_LAYER (self), 0);

  return width_for (self, count);
}

/* core: the low bound (or the exact figure); band: up to the high bound.
 * An open upper bound ("more than two million") gets a band to twice the
 * low bound.  Both 0: the source gives no figure. */
static void
flow_widths (FaFlowLayer *self,
             FaFlow      *flow,
             double      *core,
             double      *band)
{
  gint64 low = fa_flow_get_count_low (flow);
  gint64 high = fa_flow_get_count_high (flow);
  gint64 count = fa_flow_get_count (flow);

  if (low <= 0 && count > 0)
    low = count;
  if (high <= 0 && count > 0)
    high = count;

  *core = low > 0 ? width_for (self, low) : 0;
  if (high > low && low > 0)
    *band = width_for (self, high);
  else if (high <= 0 && low > 0 && count <= 0)
    *band = width_for (self, 2.0 * low);
  else
    *band = 0;
}

/* --- Visibility ---------------------------------------------------------- */

/**
 * fa_flow_layer_flow_is_shown:
 * @time: (nullable): the time filter; %NULL ignores dates
 *
 * Returns: whether @flow's category is visible and @time matches it
 */
gboolean
fa_flow_layer_flow_is_shown (FaFlowLayer        *self,
                             FaFlow             *flow,
                             const FaTimeFilter *time)
{
  FaCategory *category;

  g_return_val_if_fail (FA_IS_FLOW_LAYER (self), FALSE);

  category = fa_flow_get_category (flow);
  if (category != NULL && g_hash_table_contains (self->hidden_categories, fa_category_get_id (category)))
    return FALSE;

  return fa_time_filter_matches_flow (time, flow);
}

/* --- Drawing ------------------------------------------------------------- */

typedef struct
{
  FaFlow *flow;
  double  core;
  double  band;
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
  double outer = MAX (MAX (item->core, item->band), DASH_WIDTH);

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
  else if (item->core > 0)
    {
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

  append_polyline (cr, pts);
  if (item->core > 0)
    {
      set_category_color (cr, item->flow, 0.92 * alpha);
      cairo_set_line_width (cr, item->core);
    }
  else
    {
      set_category_color (cr, item->flow, 0.95 * alpha);
      cairo_set_line_width (cr, DASH_WIDTH);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
    }
  cairo_stroke (cr);
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
      fa_map_style_set_source_alpha (cr, &ctx->style->halo, 0.8 * alpha);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke_preserve (cr);
    }
  set_category_color (cr, item->flow, (item->core > 0 ? 0.95 : 0.85) * alpha);
  cairo_fill (cr);
}

static double
item_alpha (FaFlowLayer           *self,
            const FaRenderContext *ctx,
            FaFlow                *flow)
{
  double alpha = 1.0;
  FaCertainty certainty = fa_flow_get_certainty (flow);

  /* Weaker wording, fainter arrow. */
  if (certainty == FA_CERTAINTY_REPORTEDLY || certainty == FA_CERTAINTY_PREVIOUS_YEARS)
    alpha = 0.62;

  if (self->selected != NULL && flow != self->selected)
    alpha *= 0.3;

  /* While playing, flows that begin this month fade in and flows that end
   * this month fade out over the month. */
  if (self->fade_position >= 0 && ctx->time.mode == FA_TIME_MODE_AT && ctx->time.month != FA_MONTH_NONE)
    {
      double frac = self->fade_position - floor (self->fade_position);

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
  PickPath pick;

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

  pick.flow = item->flow;
  pick.pts = g_array_ref (pts);
  pick.half_width = outer / 2 + PICK_SLOP;
  g_array_append_val (self->picks, pick);
}

static void
draw_item (FaFlowLayer           *self,
           cairo_t               *cr,
           const FaRenderContext *ctx,
           const Item            *item,
           gboolean               emphasis)
{
  Route *route = ensure_route (self, item->flow);
  double alpha = item_alpha (self, ctx, item->flow);
  double hw, hl, outer = MAX (MAX (item->core, item->band), DASH_WIDTH);

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
          PickPath pick;
          guint n;

          pts = screen_polyline (leg, p, &ctx->to_device,
                                 whole ? item->bulge : 0,
                                 p == 0 ? MARKER_GAP : 0,
                                 last_piece ? MARKER_GAP + hl * 0.8 : (p + 1 == leg->parts->len ? MARKER_GAP : 0));
          n = pts->len / 2;
          if (n < 2)
            continue;

          stroke_shaft (self, cr, ctx, item, pts, alpha, emphasis);

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

          pick.flow = item->flow;
          pick.pts = g_steal_pointer (&pts);
          pick.half_width = outer / 2 + PICK_SLOP;
          g_array_append_val (self->picks, pick);
        }
    }
}

static void
fa_flow_layer_render (FaMapLayer            *layer,
                      cairo_t               *cr,
                      const FaRenderContext *ctx)
{
  FaFlowLayer *self = FA_FLOW_LAYER (layer);
  GListModel *flows = fa_dataset_get_flows (self->dataset);
  guint n = g_list_model_get_n_items (flows);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autoptr(GHashTable) pair_count = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) loop_count = g_hash_table_new (NULL, NULL);
  const Item *selected = NULL;

  self->last_time = ctx->time;
  self->last_time_set = TRUE;
  g_array_set_size (self->picks, 0);

  /* The rescaled width scale follows the largest visible figure. */
  self->max_count = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FaFlow) flow = g_list_model_get_item (flows, i);

      if (fa_flow_layer_flow_is_shown (self, flow, &ctx->time))
        self->max_count = MAX (self->max_count,
                               (double) MAX (fa_flow_get_count_high (flow),
                                             MAX (fa_flow_get_count_low (flow), fa_flow_get_count (flow))));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FaFlow) flow = g_list_model_get_item (flows, i);
      FaPlace *origin = fa_flow_get_origin (flow);
      FaPlace *dest = fa_flow_get_destination (flow);
      g_autofree char *key = NULL;
      Item item = { 0 };
      guint k;

      if (!fa_flow_layer_flow_is_shown (self, flow, &ctx->time))
        continue;

      item.flow = flow;
      flow_widths (self, flow, &item.core, &item.band);

      /* Arrows between the same two places fan out instead of stacking;
       * the opposite direction bows to the other side on its own. */
      key = g_strdup_printf ("%p>%p", (void *) origin, (void *) dest);
      k = GPOINTER_TO_UINT (g_hash_table_lookup (pair_count, key));
      g_hash_table_insert (pair_count, g_steal_pointer (&key), GUINT_TO_POINTER (k + 1));
      item.bulge = BULGE_BASE + BULGE_STEP * k;
      if (origin == dest)
        {
          item.loop_index = GPOINTER_TO_INT (g_hash_table_lookup (loop_count, origin));
          g_hash_table_insert (loop_count, origin, GINT_TO_POINTER (item.loop_index + 1));
        }
      g_array_append_val (items, item);
    }

  /* Wide arrows first, so that narrow ones stay visible on top. */
  g_array_sort (items, compare_items_by_width);

  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);

      if (item->flow == self->selected)
        {
          selected = item;
          continue;
        }
      draw_item (self, cr, ctx, item, item->flow == self->hover);
    }
  if (selected != NULL)
    draw_item (self, cr, ctx, selected, TRUE);
}

/* --- Legend -------------------------------------------------------------- */

typedef struct
{
  guint32 color;
  double  core;
  double  band;
  gboolean dashed;
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
  double r = ((swatch->color >> 16) & 0xff) / 255.0;
  double g = ((swatch->color >> 8) & 0xff) / 255.0;
  double b = (swatch->color & 0xff) / 255.0;
  double y = height / 2;

  cairo_save (cr);
  if (swatch->band > 0)
    {
      cairo_set_source_rgba (cr, r, g, b, 0.38);
      cairo_rectangle (cr, 0, y - swatch->band / 2, width - 6, swatch->band);
      cairo_fill (cr);
    }
  cairo_set_source_rgba (cr, r, g, b, 0.92);
  if (swatch->dashed)
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
      cairo_rectangle (cr, 0, y - swatch->core / 2, width - 6, swatch->core);
      cairo_fill (cr);
    }
  append_arrowhead (cr, width, y, 1, 0, MAX (7, MAX (swatch->core, swatch->band) * 0.6 + 5), 7);
  cairo_fill (cr);
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
fa_flow_layer_collect_legend (FaMapLayer *layer,
                              GPtrArray  *entries)
{
  FaFlowLayer *self = FA_FLOW_LAYER (layer);
  GListModel *categories = fa_dataset_get_categories (self->dataset);
  GListModel *flows = fa_dataset_get_flows (self->dataset);
  const FaTimeFilter *time = self->last_time_set ? &self->last_time : NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint n_shown = 0;
  const double samples[] = { 10000, 100000, 1000000 };

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(FaFlow) flow = g_list_model_get_item (flows, i);

      if (fa_flow_layer_flow_is_shown (self, flow, time))
        {
          FaCategory *category = fa_flow_get_category (flow);

          g_hash_table_insert (counts, category,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, category)) + 1));
          n_shown++;
        }
    }
  if (n_shown == 0)
    return;

  /* One entry per category while that stays readable; beyond, one per
   * group (the sidebar and the table still name every category). */
  if (g_hash_table_size (counts) <= 7)
    {
      for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
        {
          g_autoptr(FaCategory) category = g_list_model_get_item (categories, i);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, category));
          g_autofree char *detail = NULL;

          if (count == 0)
            continue;
          detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u flow", "%u flows", count), count);
          g_ptr_array_add (entries, swatch_entry (fa_category_get_label (category), detail,
                                                  fa_category_get_color (category), 6, 0, FALSE));
        }
    }
  else
    {
      static const char *group_labels[] = {
        [FA_CATEGORY_GROUP_RELOCATION] = N_("Forced relocation from Ukraine"),
        [FA_CATEGORY_GROUP_DPRK_WORKERS] = N_("North Korean workers"),
        [FA_CATEGORY_GROUP_SOURCE_REGIONS] = N_("Victims’ origins and destinations"),
        [FA_CATEGORY_GROUP_MILITARY] = N_("Coerced military service"),
        [FA_CATEGORY_GROUP_OTHER] = N_("Other"),
      };

      for (guint g = 0; g < G_N_ELEMENTS (group_labels); g++)
        {
          guint count = 0, n_categories = 0;
          guint32 color = 0;
          g_autofree char *detail = NULL;

          for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
            {
              g_autoptr(FaCategory) category = g_list_model_get_item (categories, i);
              guint c = GPOINTER_TO_UINT (g_hash_table_lookup (counts, category));

              if (c == 0 || fa_category_get_group (category) != g)
                continue;
              if (n_categories++ == 0)
                color = fa_category_get_color (category);
              count += c;
            }
          if (count == 0)
            continue;
          {
            g_autofree char *flows_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u flow", "%u flows", count), count);
            g_autofree char *cats_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u category", "%u categories",
                                                                       n_categories), n_categories);

            /* translators: 1: "12 flows", 2: "3 categories" */
            detail = g_strdup_printf (_("%s in %s"), flows_text, cats_text);
          }
          g_ptr_array_add (entries, swatch_entry (_(group_labels[g]), detail, color, 6, 0, FALSE));
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
                                              i == 0 ? (self->rescale
                                                        ? _("Width: square-root scale, rescaled to the flows shown")
                                                        : _("Width: square-root scale, the same at every date"))
                                                     : NULL,
                                              0x5e5c64, width_for (self, samples[i]), 0, FALSE));
    }
  g_ptr_array_add (entries, swatch_entry (_("A range, such as “tens of thousands”"),
                                          _("Solid to the low figure, light to the high one"),
                                          0x5e5c64, width_for (self, 20000), width_for (self, 99999), FALSE));
  g_ptr_array_add (entries, swatch_entry (_("No figure in the source"), NULL, 0x5e5c64, 0, 0, TRUE));
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

/**
 * fa_flow_layer_pick:
 * @sx: screen x of the last frame drawn
 * @sy: screen y
 *
 * Returns: (transfer none) (nullable): the topmost arrow under the point
 */
FaFlow *
fa_flow_layer_pick (FaFlowLayer           *self,
                    const FaRenderContext *ctx,
                    double                 sx,
                    double                 sy)
{
  g_return_val_if_fail (FA_IS_FLOW_LAYER (self), NULL);

  if (!fa_map_layer_get_visible (FA_MAP_LAYER (self)))
    return NULL;

  for (guint i = self->picks->len; i > 0; i--)
    {
      const PickPath *pick = &g_array_index (self->picks, PickPath, i - 1);

      if (distance_to_polyline (pick->pts, sx, sy) <= pick->half_width)
        return pick->flow;
    }

  return NULL;
}

/* --- GObject ------------------------------------------------------------- */

static void
fa_flow_layer_finalize (GObject *object)
{
  FaFlowLayer *self = FA_FLOW_LAYER (object);

  g_clear_pointer (&self->picks, g_array_unref);
  g_clear_pointer (&self->routes, g_hash_table_unref);
  g_clear_pointer (&self->points, g_hash_table_unref);
  g_clear_pointer (&self->hidden_categories, g_hash_table_unref);
  g_clear_object (&self->selected);
  g_clear_object (&self->hover);
  g_clear_object (&self->dataset);
  g_clear_object (&self->projection);

  G_OBJECT_CLASS (fa_flow_layer_parent_class)->finalize (object);
}

static void
fa_flow_layer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FaFlowLayer *self = FA_FLOW_LAYER (object);

  switch (prop_id)
    {
    case PROP_SELECTED_FLOW:
      g_value_set_object (value, self->selected);
      break;

    case PROP_HOVER_FLOW:
      g_value_set_object (value, self->hover);
      break;

    case PROP_RESCALE:
      g_value_set_boolean (value, self->rescale);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_flow_layer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FaFlowLayer *self = FA_FLOW_LAYER (object);

  switch (prop_id)
    {
    case PROP_SELECTED_FLOW:
      fa_flow_layer_set_selected_flow (self, g_value_get_object (value));
      break;

    case PROP_HOVER_FLOW:
      fa_flow_layer_set_hover_flow (self, g_value_get_object (value));
      break;

    case PROP_RESCALE:
      fa_flow_layer_set_rescale (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_flow_layer_class_init (FaFlowLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FaMapLayerClass *layer_class = FA_MAP_LAYER_CLASS (klass);

  object_class->finalize = fa_flow_layer_finalize;
  object_class->get_property = fa_flow_layer_get_property;
  object_class->set_property = fa_flow_layer_set_property;
  layer_class->render = fa_flow_layer_render;
  layer_class->collect_legend = fa_flow_layer_collect_legend;

  properties[PROP_SELECTED_FLOW] =
    g_param_spec_object ("selected-flow", NULL, NULL, FA_TYPE_FLOW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HOVER_FLOW] =
    g_param_spec_object ("hover-flow", NULL, NULL, FA_TYPE_FLOW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FaFlowLayer:rescale:
   *
   * %FALSE (the default) keeps one width scale at every date, so that maps
   * of two months compare; %TRUE fits it to the flows shown.
   */
  properties[PROP_RESCALE] =
    g_param_spec_boolean ("rescale", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fa_flow_layer_init (FaFlowLayer *self)
{
  self->hidden_categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->routes = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) route_free);
  self->points = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->picks = g_array_new (FALSE, FALSE, sizeof (PickPath));
  g_array_set_clear_func (self->picks, (GDestroyNotify) pick_path_clear);
  self->fade_position = -1;
}

/**
 * fa_flow_layer_new:
 * @dataset: the flows to draw
 * @projection: the map projection; routes are projected once, on first use
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

gboolean
fa_flow_layer_get_category_visible (FaFlowLayer *self,
                                    const char  *category_id)
{
  g_return_val_if_fail (FA_IS_FLOW_LAYER (self), FALSE);

  return !g_hash_table_contains (self->hidden_categories, category_id);
}

void
fa_flow_layer_set_category_visible (FaFlowLayer *self,
                                    const char  *category_id,
                                    gboolean     visible)
{
  g_return_if_fail (FA_IS_FLOW_LAYER (self));
  g_return_if_fail (category_id != NULL);

  if (fa_flow_layer_get_category_visible (self, category_id) == !!visible)
    return;

  if (visible)
    g_hash_table_remove (self->hidden_categories, category_id);
  else
    g_hash_table_add (self->hidden_categories, g_strdup (category_id));
  fa_map_layer_changed (FA_MAP_LAYER (self));
}

/**
 * fa_flow_layer_set_visible_categories:
 * @category_ids: (nullable) (element-type utf8 utf8): the ids to show;
 *   %NULL shows every category
 */
void
fa_flow_layer_set_visible_categories (FaFlowLayer *self,
                                      GHashTable  *category_ids)
{
  GListModel *categories;

  g_return_if_fail (FA_IS_FLOW_LAYER (self));

  g_hash_table_remove_all (self->hidden_categories);
  categories = fa_dataset_get_categories (self->dataset);
  for (guint i = 0; category_ids != NULL && i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(FaCategory) category = g_list_model_get_item (categories, i);

      if (!g_hash_table_contains (category_ids, fa_category_get_id (category)))
        g_hash_table_add (self->hidden_categories, g_strdup (fa_category_get_id (category)));
    }
  fa_map_layer_changed (FA_MAP_LAYER (self));
}

FaFlow *
fa_flow_layer_get_selected_flow (FaFlowLayer *self)
{
  g_return_val_if_fail (FA_IS_FLOW_LAYER (self), NULL);

  return self->selected;
}

void
fa_flow_layer_set_selected_flow (FaFlowLayer *self,
                                 FaFlow      *flow)
{
  g_return_if_fail (FA_IS_FLOW_LAYER (self));

  if (g_set_object (&self->selected, flow))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_FLOW]);
      fa_map_layer_changed (FA_MAP_LAYER (self));
    }
}

FaFlow *
fa_flow_layer_get_hover_flow (FaFlowLayer *self)
{
  g_return_val_if_fail (FA_IS_FLOW_LAYER (self), NULL);

  return self->hover;
}

void
fa_flow_layer_set_hover_flow (FaFlowLayer *self,
                              FaFlow      *flow)
{
  g_return_if_fail (FA_IS_FLOW_LAYER (self));

  if (g_set_object (&self->hover, flow))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_FLOW]);
      fa_map_layer_changed (FA_MAP_LAYER (self));
    }
}

gboolean
fa_flow_layer_get_rescale (FaFlowLayer *self)
{
  g_return_val_if_fail (FA_IS_FLOW_LAYER (self), FALSE);

  return self->rescale;
}

void
fa_flow_layer_set_rescale (FaFlowLayer *self,
                           gboolean     rescale)
{
  g_return_if_fail (FA_IS_FLOW_LAYER (self));

  rescale = !!rescale;
  if (self->rescale == rescale)
    return;

  self->rescale = rescale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESCALE]);
  fa_map_layer_changed (FA_MAP_LAYER (self));
}

double
fa_flow_layer_get_fade_position (FaFlowLayer *self)
{
  g_return_val_if_fail (FA_IS_FLOW_LAYER (self), -1);

  return self->fade_position;
}

/**
 * fa_flow_layer_set_fade_position:
 * @position: the playback position in months (fractional), or -1 when
 *   not playing
 */
void
fa_flow_layer_set_fade_position (FaFlowLayer *self,
                                 double       position)
{
  g_return_if_fail (FA_IS_FLOW_LAYER (self));

  if (self->fade_position == position)
    return;

  self->fade_position = position;
  fa_map_layer_changed (FA_MAP_LAYER (self));
}
