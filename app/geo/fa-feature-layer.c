/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-feature-layer"

#include "config.h"

#include "fa-feature-layer.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fa-geo-error.h"
#include "fa-projection.h"

/* Edges longer than this (in degrees, the larger of Δlon and Δlat) are cut
 * into DENSIFY_STEP pieces, so that straight lines in lon/lat such as the
 * 49th parallel or the map's cut follow the curves of the projection. */
#define DENSIFY_LIMIT 2.0
#define DENSIFY_STEP  1.0

/* Points on the cut move this far inside, so PROJ cannot put them on the
 * wrong side of the map. */
#define CUT_EPSILON   1e-6

struct _FaFeatureLayer
{
  GObject          parent_instance;

  FaShapefile     *source;          /* owned */
  FaProjection    *projection;      /* owned */
  FaGeometryType   geometry_type;
  FaRect           bounds;

  guint            n_features;
  guint           *records;         /* owned, n_features: the source record */
  guint           *ring_offsets;    /* owned, n_features + 1: index into ring_starts */
  FaRect          *feature_bounds;  /* owned, n_features */
  double          *feature_areas;   /* owned, n_features; 0 for lines and points */
  double          *label_x;         /* owned, n_features; HUGE_VAL when none */
  double          *label_y;         /* owned, n_features */

  guint            n_rings;
  guint           *ring_starts;     /* owned, n_rings + 1: first point of each ring */
  FaRect          *ring_bounds;     /* owned, n_rings */

  guint            n_points;
  double          *x;               /* owned, n_points, projected */
  double          *y;               /* owned, n_points */
};

G_DEFINE_FINAL_TYPE (FaFeatureLayer, fa_feature_layer, G_TYPE_OBJECT)

/* A growable list of points. */
typedef struct
{
  double *x;
  double *y;
  gsize   len;
  gsize   cap;
} PointVec;

/* Collects rings in longitude/latitude before the one projection call. */
typedef struct
{
  PointVec  points;         /* absolute lon/lat, ready for PROJ */
  GArray   *ring_starts;    /* guint */
  GArray   *ring_offsets;   /* guint, per feature */
  GArray   *records;        /* guint, per feature */
  double    lon_0;
  gsize     budget;         /* points densification may still add */

  PointVec  ring;           /* scratch: one input ring, unwrapped */
  PointVec  clip1;          /* scratch */
  PointVec  clip2;          /* scratch */
} Builder;

/* Static helpers */

static void
point_vec_clear (PointVec *v)
{
  g_clear_pointer (&v->x, g_free);
  g_clear_pointer (&v->y, g_free);
  v->len = v->cap = 0;
}

static void
point_vec_grow (PointVec *v,
                gsize     needed)
{
  gsize cap = MAX (v->cap * 2, 64);

  while (cap < needed)
    cap *= 2;
  v->x = g_renew (double, v->x, cap);
  v->y = g_renew (double, v->y, cap);
  v->cap = cap;
}

static inline void
point_vec_push (PointVec *v,
                double    x,
                double    y)
{
  if (G_UNLIKELY (v->len == v->cap))
    point_vec_grow (v, v->len + 1);
  v->x[v->len] = x;
  v->y[v->len] = y;
  v->len++;
}

static void
builder_clear (Builder *b)
{
  point_vec_clear (&b->points);
  point_vec_clear (&b->ring);
  point_vec_clear (&b->clip1);
  point_vec_clear (&b->clip2);
  g_clear_pointer (&b->ring_starts, g_array_unref);
  g_clear_pointer (&b->ring_offsets, g_array_unref);
  g_clear_pointer (&b->records, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Builder, builder_clear)

/* Longitude relative to the central meridian, in [-180, 180). */
static inline double
wrap_relative (double lon,
               double lon_0)
{
  double r = lon - lon_0;

  if (r >= -180.0 && r < 180.0)
    return r;

  r = fmod (r + 180.0, 360.0);
  if (r < 0.0)
    r += 360.0;
  return r - 180.0;
}

/* The step from a to b the short way round, in [-180, 180]. */
static inline double
wrap_delta (double d)
{
  if (d > 180.0)
    return d - 360.0;
  if (d < -180.0)
    return d + 360.0;
  return d;
}

static inline void
builder_begin_ring (Builder *b)
{
  guint start = (guint) b->points.len;

  g_array_append_val (b->ring_starts, start);
}

/* Appends a point given relative to the central meridian, densifying the
 * edge from the ring's previous point. */
static inline void
builder_push (Builder  *b,
              double    rel,
              double    lat,
              gboolean  first)
{
  double lon;

  rel = CLAMP (rel, -180.0 + CUT_EPSILON, 180.0 - CUT_EPSILON);
  lon = rel + b->lon_0;

  if (!first)
    {
      double px = b->points.x[b->points.len - 1];
      double py = b->points.y[b->points.len - 1];
      double dx = lon - px;
      double dy = lat - py;
      double len = MAX (fabs (dx), fabs (dy));

      /* Longer edges are garbage (latitudes beyond the poles fail to
       * project anyway); the budget bounds what a malformed file costs. */
      if (len > DENSIFY_LIMIT && len <= 360.0 && b->budget >= 360)
        {
          guint steps = (guint) ceil (len / DENSIFY_STEP);

          b->budget -= steps - 1;

          for (guint s = 1; s < steps; s++)
            {
              double t = (double) s / steps;

              point_vec_push (&b->points, px + dx * t, py + dy * t);
            }
        }
    }

  point_vec_push (&b->points, lon, lat);
}

/* Sutherland–Hodgman against the vertical line x = a, keeping the side
 * where sign * (x - a) >= 0.  The ring is implicitly closed. */
static void
clip_vertical (const PointVec *in,
               PointVec       *out,
               double          a,
               double          sign)
{
  double px, py;
  gboolean p_in;

  out->len = 0;
  if (in->len == 0)
    return;

  px = in->x[in->len - 1];
  py = in->y[in->len - 1];
  p_in = sign * (px - a) >= 0.0;

  for (gsize i = 0; i < in->len; i++)
    {
      double cx = in->x[i];
      double cy = in->y[i];
      gboolean c_in = sign * (cx - a) >= 0.0;

      if (c_in != p_in)
        {
          double t = (a - px) / (cx - px);

          point_vec_push (out, a, py + t * (cy - py));
        }
      if (c_in)
        point_vec_push (out, cx, cy);

      px = cx;
      py = cy;
      p_in = c_in;
    }
}

static void
builder_add_ring (Builder      *b,
                  const double *lon,
                  const double *lat,
                  guint         n)
{
  PointVec *ring = &b->ring;
  gboolean crosses = FALSE;
  gboolean long_edges = FALSE;
  double first_rel, rel;
  double umin, umax, winding;
  double *x, *y;
  int kmin, kmax;

  if (n < 3)
    return;

  /* Most rings neither cross the cut nor need densifying: write them
   * straight after the points so far in one pass (the bulk of loading a
   * detailed layer), and keep them unless they need the general path. */
  if (b->points.cap < b->points.len + n)
    point_vec_grow (&b->points, b->points.len + n);
  x = b->points.x + b->points.len;
  y = b->points.y + b->points.len;
  first_rel = rel = wrap_relative (lon[0], b->lon_0);
  x[0] = CLAMP (rel, -180.0 + CUT_EPSILON, 180.0 - CUT_EPSILON) + b->lon_0;
  y[0] = lat[0];
  for (guint i = 1; i < n; i++)
    {
      double previous = rel;
      double dx;

      rel = wrap_relative (lon[i], b->lon_0);
      dx = fabs (rel - previous);
      crosses |= dx > 180.0;
      long_edges |= dx > DENSIFY_LIMIT || fabs (lat[i] - lat[i - 1]) > DENSIFY_LIMIT;
      x[i] = CLAMP (rel, -180.0 + CUT_EPSILON, 180.0 - CUT_EPSILON) + b->lon_0;
      y[i] = lat[i];
    }
  crosses |= fabs (first_rel - rel) > 180.0;

  if (!crosses && !long_edges)
    {
      builder_begin_ring (b);
      b->points.len += n;
      return;
    }

  if (ring->cap < n)
    point_vec_grow (ring, n);
  ring->len = n;
  for (guint i = 0; i < n; i++)
    {
      ring->x[i] = wrap_relative (lon[i], b->lon_0);
      ring->y[i] = lat[i];
    }

  if (!crosses)
    {
      builder_begin_ring (b);
      for (guint i = 0; i < n; i++)
        builder_push (b, ring->x[i], ring->y[i], i == 0);
      return;
    }

  /* Unwrap into one continuous ring, then cut it into 360°-wide strips at
   * the cut meridian and shift each strip back onto the map. */
  for (guint i = 1; i < n; i++)
    ring->x[i] = ring->x[i - 1] + wrap_delta (ring->x[i] - wrap_relative (ring->x[i - 1], 0.0));

  winding = ring->x[n - 1] + wrap_delta (ring->x[0] - wrap_relative (ring->x[n - 1], 0.0)) - ring->x[0];
  if (fabs (winding) > 180.0)
    {
      /* The ring goes round a pole (Antarctica): close it along the pole. */
      double sum = 0.0;
      double pole;
      double end = ring->x[0] + winding;
      double first = ring->x[0];

      for (guint i = 0; i < n; i++)
        sum += ring->y[i];
      pole = sum >= 0.0 ? 90.0 : -90.0;

      point_vec_push (ring, end, ring->y[0]);
      point_vec_push (ring, end, pole);
      point_vec_push (ring, first, pole);
    }

  umin = umax = ring->x[0];
  for (gsize i = 1; i < ring->len; i++)
    {
      umin = MIN (umin, ring->x[i]);
      umax = MAX (umax, ring->x[i]);
    }

  kmin = (int) floor ((umin + 180.0) / 360.0);
  kmax = MAX (kmin, (int) ceil ((umax + 180.0) / 360.0) - 1);
  if (kmax - kmin > 3)
    return;   /* a ring that winds round the globe several times: nonsense */

  for (int k = kmin; k <= kmax; k++)
    {
      double shift = 360.0 * k;

      clip_vertical (ring, &b->clip1, -180.0 + shift, 1.0);
      clip_vertical (&b->clip1, &b->clip2, 180.0 + shift, -1.0);
      if (b->clip2.len < 3)
        continue;

      builder_begin_ring (b);
      for (gsize i = 0; i < b->clip2.len; i++)
        builder_push (b, b->clip2.x[i] - shift, b->clip2.y[i], i == 0);
      builder_push (b, b->clip2.x[0] - shift, b->clip2.y[0], FALSE);
    }
}

static void
builder_add_line (Builder      *b,
                  const double *lon,
                  const double *lat,
                  guint         n)
{
  double prev = 0.0;

  if (n < 2)
    return;

  for (guint i = 0; i < n; i++)
    {
      double r = wrap_relative (lon[i], b->lon_0);

      if (i == 0)
        {
          builder_begin_ring (b);
          builder_push (b, r, lat[i], TRUE);
        }
      else if (fabs (r - prev) > 180.0)
        {
          /* Crossing the cut: end this line on one edge of the map, go on
           * from the other edge at the interpolated latitude. */
          double u = prev + wrap_delta (r - prev);
          double edge = u > prev ? 180.0 : -180.0;
          double t = (edge - prev) / (u - prev);
          double lat_cut = lat[i - 1] + t * (lat[i] - lat[i - 1]);

          builder_push (b, edge, lat_cut, FALSE);
          builder_begin_ring (b);
          builder_push (b, -edge, lat_cut, TRUE);
          builder_push (b, r, lat[i], FALSE);
        }
      else
        builder_push (b, r, lat[i], FALSE);

      prev = r;
    }
}

static gboolean
parse_coordinate (const char *text,
                  double     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  *value = g_ascii_strtod (text, &end);
  return end != text && isfinite (*value);
}

static inline void
rect_add (FaRect *r,
          double  x,
          double  y)
{
  if (x < r->x1) r->x1 = x;
  if (x > r->x2) r->x2 = x;
  if (y < r->y1) r->y1 = y;
  if (y > r->y2) r->y2 = y;
}

static inline gboolean
rect_contains (const FaRect *r,
               double        x,
               double        y)
{
  return x >= r->x1 && x <= r->x2 && y >= r->y1 && y <= r->y2;
}

/* Twice the signed area of a closed ring (the shoelace formula), taken
 * about its first point so that far-off coordinates lose no precision. */
static double
ring_signed_area2 (const double *x,
                   const double *y,
                   guint         n)
{
  double sum = 0.0;

  for (guint i = 1; i + 1 < n; i++)
    sum += (x[i] - x[0]) * (y[i + 1] - y[0]) - (x[i + 1] - x[0]) * (y[i] - y[0]);

  return sum;
}

/* The area of a polygon from the signed areas of its rings.  The shapefile
 * specification winds holes opposite to outer rings; the direction of the
 * largest ring, necessarily an outer one, tells which is which, so files
 * wound the other way round (as GeoJSON is) work too. */
static double
polygon_area (const double *ring_areas2,
              guint         n_rings)
{
  double largest = 0.0;
  double sum = 0.0;

  for (guint r = 0; r < n_rings; r++)
    {
      if (fabs (ring_areas2[r]) > fabs (largest))
        largest = ring_areas2[r];
    }

  for (guint r = 0; r < n_rings; r++)
    sum += (ring_areas2[r] < 0) == (largest < 0) ? fabs (ring_areas2[r]) : -fabs (ring_areas2[r]);

  return MAX (sum, 0.0) / 2.0;
}

/* Drops the points PROJ could not project and the rings left too short,
 * computes bounds and areas, and compacts everything into the layer's
 * arrays. */
static void
fa_feature_layer_compact (FaFeatureLayer *self,
                          Builder        *b)
{
  const guint *ring_starts = (const guint *) (gpointer) b->ring_starts->data;
  const guint *ring_offsets = (const guint *) (gpointer) b->ring_offsets->data;
  const guint *records = (const guint *) (gpointer) b->records->data;
  guint n_in_features = b->records->len;
  guint n_in_rings = b->ring_starts->len;
  g_autofree double *ring_areas2 = NULL;
  guint min_points;
  guint w = 0;
  guint n_rings = 0;
  guint n_features = 0;

  switch (self->geometry_type)
    {
    case FA_GEOMETRY_POLYGON:
      min_points = 3;
      break;
    case FA_GEOMETRY_LINE:
      min_points = 2;
      break;
    default:
      min_points = 1;
      break;
    }

  self->records = g_new (guint, MAX (n_in_features, 1));
  self->ring_offsets = g_new (guint, n_in_features + 1);
  self->feature_bounds = g_new (FaRect, MAX (n_in_features, 1));
  self->feature_areas = g_new0 (double, MAX (n_in_features, 1));
  self->ring_starts = g_new (guint, n_in_rings + 1);
  if (self->geometry_type == FA_GEOMETRY_POLYGON)
    ring_areas2 = g_new (double, MAX (n_in_rings, 1));
  self->ring_bounds = g_new (FaRect, MAX (n_in_rings, 1));
  self->bounds = (FaRect) { HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL };

  for (guint f = 0; f < n_in_features; f++)
    {
      guint first_ring = n_rings;
      FaRect fb = { HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL };

      for (guint r = ring_offsets[f]; r < ring_offsets[f + 1]; r++)
        {
          guint start = ring_starts[r];
          guint end = r + 1 < n_in_rings ? ring_starts[r + 1] : (guint) b->points.len;
          guint ring_w = w;
          FaRect rb = { HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL };

          for (guint i = start; i < end; i++)
            {
              double px = b->points.x[i];
              double py = b->points.y[i];

              if (px == HUGE_VAL)
                continue;
              b->points.x[w] = px;
              b->points.y[w] = py;
              w++;
              rect_add (&rb, px, py);
            }

          if (w - ring_w < min_points)
            {
              w = ring_w;
              continue;
            }

          self->ring_starts[n_rings] = ring_w;
          self->ring_bounds[n_rings] = rb;
          if (ring_areas2 != NULL)
            ring_areas2[n_rings] = ring_signed_area2 (b->points.x + ring_w, b->points.y + ring_w, w - ring_w);
          n_rings++;
          fb.x1 = MIN (fb.x1, rb.x1);
          fb.y1 = MIN (fb.y1, rb.y1);
          fb.x2 = MAX (fb.x2, rb.x2);
          fb.y2 = MAX (fb.y2, rb.y2);
        }

      if (n_rings == first_ring)
        continue;

      self->records[n_features] = records[f];
      self->ring_offsets[n_features] = first_ring;
      self->feature_bounds[n_features] = fb;
      if (ring_areas2 != NULL)
        self->feature_areas[n_features] = polygon_area (ring_areas2 + first_ring, n_rings - first_ring);
      n_features++;
      self->bounds.x1 = MIN (self->bounds.x1, fb.x1);
      self->bounds.y1 = MIN (self->bounds.y1, fb.y1);
      self->bounds.x2 = MAX (self->bounds.x2, fb.x2);
      self->bounds.y2 = MAX (self->bounds.y2, fb.y2);
    }

  self->n_features = n_features;
  self->ring_offsets[n_features] = n_rings;
  self->n_rings = n_rings;
  self->ring_starts[n_rings] = w;
  self->n_points = w;

  /* Hand the point arrays over, trimmed. */
  self->x = g_renew (double, g_steal_pointer (&b->points.x), MAX (w, 1));
  self->y = g_renew (double, g_steal_pointer (&b->points.y), MAX (w, 1));
  b->points.len = b->points.cap = 0;

  if (n_features == 0)
    self->bounds = (FaRect) { 0.0, 0.0, 0.0, 0.0 };
}

static void
fa_feature_layer_compute_labels (FaFeatureLayer *self)
{
  int lon_field = fa_shapefile_find_field (self->source, "label_lon");
  int lat_field = fa_shapefile_find_field (self->source, "label_lat");
  g_autofree gboolean *from_fields = g_new0 (gboolean, MAX (self->n_features, 1));

  self->label_x = g_new (double, MAX (self->n_features, 1));
  self->label_y = g_new (double, MAX (self->n_features, 1));

  if (lon_field >= 0 && lat_field >= 0)
    {
      for (guint f = 0; f < self->n_features; f++)
        {
          double lon, lat;

          if (parse_coordinate (fa_shapefile_get_value (self->source, self->records[f], lon_field), &lon) &&
              parse_coordinate (fa_shapefile_get_value (self->source, self->records[f], lat_field), &lat))
            {
              self->label_x[f] = lon;
              self->label_y[f] = lat;
              from_fields[f] = TRUE;
            }
          else
            self->label_x[f] = self->label_y[f] = HUGE_VAL;
        }
      fa_projection_forward (self->projection, self->label_x, self->label_y, self->n_features);
    }

  for (guint f = 0; f < self->n_features; f++)
    {
      guint first = self->ring_starts[self->ring_offsets[f]];

      if (from_fields[f] && self->label_x[f] != HUGE_VAL)
        continue;

      if (self->geometry_type == FA_GEOMETRY_POLYGON)
        {
          /* The centre of the largest ring's box: the mainland, not an island. */
          double best = -1.0;

          for (guint r = self->ring_offsets[f]; r < self->ring_offsets[f + 1]; r++)
            {
              const FaRect *rb = &self->ring_bounds[r];
              double area = (rb->x2 - rb->x1) * (rb->y2 - rb->y1);

              if (area > best)
                {
                  best = area;
                  self->label_x[f] = (rb->x1 + rb->x2) / 2.0;
                  self->label_y[f] = (rb->y1 + rb->y2) / 2.0;
                }
            }
        }
      else if (self->geometry_type == FA_GEOMETRY_LINE)
        {
          guint ring = self->ring_offsets[f];
          guint mid = (self->ring_starts[ring] + self->ring_starts[ring + 1]) / 2;

          self->label_x[f] = self->x[mid];
          self->label_y[f] = self->y[mid];
        }
      else
        {
          self->label_x[f] = self->x[first];
          self->label_y[f] = self->y[first];
        }
    }
}

static double
segment_distance_squared (double px,
                          double py,
                          double ax,
                          double ay,
                          double bx,
                          double by)
{
  double dx = bx - ax;
  double dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = 0.0;
  double cx, cy;

  if (len2 > 0.0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0);
  cx = ax + t * dx - px;
  cy = ay + t * dy - py;
  return cx * cx + cy * cy;
}

/* The squared distance from (x, y) to a line or point feature. */
static double
feature_distance_squared (FaFeatureLayer *self,
                          guint           feature,
                          double          x,
                          double          y,
                          double          limit)
{
  double best = HUGE_VAL;

  for (guint r = self->ring_offsets[feature]; r < self->ring_offsets[feature + 1]; r++)
    {
      const FaRect *rb = &self->ring_bounds[r];
      guint start = self->ring_starts[r];
      guint end = self->ring_starts[r + 1];

      if (x < rb->x1 - limit || x > rb->x2 + limit || y < rb->y1 - limit || y > rb->y2 + limit)
        continue;

      if (self->geometry_type == FA_GEOMETRY_POINT)
        {
          for (guint i = start; i < end; i++)
            {
              double dx = self->x[i] - x;
              double dy = self->y[i] - y;

              best = MIN (best, dx * dx + dy * dy);
            }
        }
      else
        {
          for (guint i = start + 1; i < end; i++)
            best = MIN (best, segment_distance_squared (x, y,
                                                        self->x[i - 1], self->y[i - 1],
                                                        self->x[i], self->y[i]));
        }
    }

  return best;
}

static void
fa_feature_layer_finalize (GObject *object)
{
  FaFeatureLayer *self = (FaFeatureLayer *)object;

  g_clear_object (&self->source);
  g_clear_object (&self->projection);
  g_clear_pointer (&self->records, g_free);
  g_clear_pointer (&self->ring_offsets, g_free);
  g_clear_pointer (&self->feature_bounds, g_free);
  g_clear_pointer (&self->feature_areas, g_free);
  g_clear_pointer (&self->label_x, g_free);
  g_clear_pointer (&self->label_y, g_free);
  g_clear_pointer (&self->ring_starts, g_free);
  g_clear_pointer (&self->ring_bounds, g_free);
  g_clear_pointer (&self->x, g_free);
  g_clear_pointer (&self->y, g_free);

  G_OBJECT_CLASS (fa_feature_layer_parent_class)->finalize (object);
}

static void
fa_feature_layer_class_init (FaFeatureLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fa_feature_layer_finalize;
}

static void
fa_feature_layer_init (FaFeatureLayer *self)
{
}

/**
 * fa_feature_layer_new:
 * @source: the shapefile
 * @projection: the map projection
 * @error: return location for a #GError
 *
 * Projects the geometry of @source once.  Longitudes are first wrapped round
 * the projection's central meridian; rings and lines that cross the cut on
 * the opposite meridian are split so that each piece stays on its side of
 * the map.  Long edges are densified.  Points that cannot be projected are
 * dropped, and so are rings and lines left with too few points, and records
 * left with no geometry (null shapes), so feature indexes need not equal
 * record indexes: see fa_feature_layer_get_record().
 *
 * Returns: (transfer full) (nullable): the layer, or %NULL with @error set to
 *   %FA_GEO_ERROR_PROJECTION when @source has points but none could be
 *   projected
 */
FaFeatureLayer *
fa_feature_layer_new (FaShapefile   *source,
                      FaProjection  *projection,
                      GError       **error)
{
  g_autoptr(FaFeatureLayer) self = NULL;
  g_auto(Builder) b = { { 0 } };
  guint n_records;

  g_return_val_if_fail (FA_IS_SHAPEFILE (source), NULL);
  g_return_val_if_fail (FA_IS_PROJECTION (projection), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (FA_TYPE_FEATURE_LAYER, NULL);
  self->source = g_object_ref (source);
  self->projection = g_object_ref (projection);
  self->geometry_type = fa_shapefile_get_geometry_type (source);

  n_records = fa_shapefile_get_n_records (source);
  b.lon_0 = fa_projection_get_central_meridian (projection);
  b.budget = MAX ((gsize) fa_shapefile_get_n_points (source) * 2, (gsize) 1 << 20);
  b.ring_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  b.ring_offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  b.records = g_array_new (FALSE, FALSE, sizeof (guint));
  point_vec_grow (&b.points, fa_shapefile_get_n_points (source) + 1);

  for (guint rec = 0; rec < n_records; rec++)
    {
      const double *lon, *lat;
      const guint *parts;
      guint n_parts = fa_shapefile_get_shape (source, rec, &lon, &lat, &parts);
      guint first_ring = b.ring_starts->len;

      if (n_parts == 0)
        continue;

      switch (self->geometry_type)
        {
        case FA_GEOMETRY_POLYGON:
          for (guint p = 0; p < n_parts; p++)
            builder_add_ring (&b, lon + parts[p], lat + parts[p], parts[p + 1] - parts[p]);
          break;

        case FA_GEOMETRY_LINE:
          for (guint p = 0; p < n_parts; p++)
            builder_add_line (&b, lon + parts[p], lat + parts[p], parts[p + 1] - parts[p]);
          break;

        case FA_GEOMETRY_POINT:
          /* All points of a record form one list. */
          builder_begin_ring (&b);
          for (guint i = 0; i < parts[n_parts]; i++)
            builder_push (&b, wrap_relative (lon[i], b.lon_0), lat[i], TRUE);
          break;

        case FA_GEOMETRY_NONE:
        default:
          break;
        }

      if (b.ring_starts->len > first_ring)
        {
          g_array_append_val (b.ring_offsets, first_ring);
          g_array_append_val (b.records, rec);
        }
    }
  {
    guint n_rings = b.ring_starts->len;

    g_array_append_val (b.ring_offsets, n_rings);
  }

  if (fa_projection_forward (projection, b.points.x, b.points.y, b.points.len) == 0 &&
      b.points.len > 0)
    {
      g_autofree char *name = fa_shapefile_dup_display_name (source);

      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_PROJECTION,
                   /* translators: 1: a file name, 2: a projection's name */
                   _("%s: no point could be projected to “%s”"),
                   name, fa_projection_get_title (projection));
      return NULL;
    }

  fa_feature_layer_compact (self, &b);
  fa_feature_layer_compute_labels (self);

  return g_steal_pointer (&self);
}

/**
 * fa_feature_layer_get_source:
 * @self: a #FaFeatureLayer
 *
 * Returns: (transfer none): the shapefile the layer was made from
 */
FaShapefile *
fa_feature_layer_get_source (FaFeatureLayer *self)
{
  g_return_val_if_fail (FA_IS_FEATURE_LAYER (self), NULL);

  return self->source;
}

/**
 * fa_feature_layer_get_projection:
 * @self: a #FaFeatureLayer
 *
 * Returns: (transfer none): the projection of the layer's coordinates
 */
FaProjection *
fa_feature_layer_get_projection (FaFeatureLayer *self)
{
  g_return_val_if_fail (FA_IS_FEATURE_LAYER (self), NULL);

  return self->projection;
}

/**
 * fa_feature_layer_get_geometry_type:
 * @self: a #FaFeatureLayer
 *
 * Returns: the kind of geometry
 */
FaGeometryType
fa_feature_layer_get_geometry_type (FaFeatureLayer *self)
{
  g_return_val_if_fail (FA_IS_FEATURE_LAYER (self), FA_GEOMETRY_NONE);

  return self->geometry_type;
}

/**
 * fa_feature_layer_get_n_features:
 * @self: a #FaFeatureLayer
 *
 * Returns: the number of features with some projected geometry
 */
guint
fa_feature_layer_get_n_features (FaFeatureLayer *self)
{
  g_return_val_if_fail (FA_IS_FEATURE_LAYER (self), 0);

  return self->n_features;
}

/**
 * fa_feature_layer_get_n_points:
 * @self: a #FaFeatureLayer
 *
 * Returns: the number of projected vertices, after splitting and densifying
 */
guint
fa_feature_layer_get_n_points (FaFeatureLayer *self)
{
  g_return_val_if_fail (FA_IS_FEATURE_LAYER (self), 0);

  return self->n_points;
}

/**
 * fa_feature_layer_get_bounds:
 * @self: a #FaFeatureLayer
 * @bounds: (out caller-allocates): the bounding box in map units, all zero
 *   for an empty layer
 */
void
fa_feature_layer_get_bounds (FaFeatureLayer *self,
                             FaRect         *bounds)
{
  g_return_if_fail (FA_IS_FEATURE_LAYER (self));
  g_return_if_fail (bounds != NULL);

  *bounds = self->bounds;
}

/**
 * fa_feature_layer_get_record:
 * @self: a #FaFeatureLayer
 * @feature: a feature index
 *
 * Returns: the index of the feature's record in the source shapefile
 */
guint
fa_feature_layer_get_record (FaFeatureLayer *self,
                             guint           feature)
{
  g_return_val_if_fail (FA_IS_FEATURE_LAYER (self), 0);
  g_return_val_if_fail (feature < self->n_features, 0);

  return self->records[feature];
}

/**
 * fa_feature_layer_get_value:
 * @self: a #FaFeatureLayer
 * @feature: a feature index
 * @field_name: a field name, compared without regard to ASCII case
 *
 * Returns: (transfer none): the attribute value, "" if there is no such field
 */
const char *
fa_feature_layer_get_value (FaFeatureLayer *self,
                            guint           feature,
                            const char     *field_name)
{
  int field;

  g_return_val_if_fail (FA_IS_FEATURE_LAYER (self), "");
  g_return_val_if_fail (feature < self->n_features, "");
  g_return_val_if_fail (field_name != NULL, "");

  field = fa_shapefile_find_field (self->source, field_name);
  if (field < 0)
    return "";

  return fa_shapefile_get_value (self->source, self->records[feature], field);
}

/**
 * fa_feature_layer_get_feature_bounds:
 * @self: a #FaFeatureLayer
 * @feature: a feature index
 * @bounds: (out caller-allocates): the feature's bounding box in map units
 */
void
fa_feature_layer_get_feature_bounds (FaFeatureLayer *self,
                                     guint           feature,
                                     FaRect         *bounds)
{
  g_return_if_fail (FA_IS_FEATURE_LAYER (self));
  g_return_if_fail (feature < self->n_features);
  g_return_if_fail (bounds != NULL);

  *bounds = self->feature_bounds[feature];
}

/**
 * fa_feature_layer_get_feature_area:
 * @self: a #FaFeatureLayer
 * @feature: a feature index
 *
 * The area of a polygon feature as drawn: in projected units (square
 * metres for most projections, square degrees for plate carrée), holes
 * subtracted.  Computed once, when the layer is made.
 *
 * Returns: the area; 0 for lines and points
 */
double
fa_feature_layer_get_feature_area (FaFeatureLayer *self,
                                   guint           feature)
{
  g_return_val_if_fail (FA_IS_FEATURE_LAYER (self), 0.0);
  g_return_val_if_fail (feature < self->n_features, 0.0);

  return self->feature_areas[feature];
}

/**
 * fa_feature_layer_get_label_point:
 * @self: a #FaFeatureLayer
 * @feature: a feature index
 * @x: (out) (optional): the label's x in map units
 * @y: (out) (optional): the label's y in map units
 *
 * Where to put the feature's name: the `label_lon`/`label_lat` fields when
 * the source has them, else the centre of the largest ring's bounding box
 * (polygons), the middle vertex (lines) or the first point (points).
 *
 * Returns: %TRUE if the feature has a label point
 */
gboolean
fa_feature_layer_get_label_point (FaFeatureLayer *self,
                                  guint           feature,
                                  double         *x,
                                  double         *y)
{
  g_return_val_if_fail (FA_IS_FEATURE_LAYER (self), FALSE);
  g_return_val_if_fail (feature < self->n_features, FALSE);

  if (self->label_x[feature] == HUGE_VAL)
    return FALSE;

  if (x != NULL)
    *x = self->label_x[feature];
  if (y != NULL)
    *y = self->label_y[feature];
  return TRUE;
}

/**
 * fa_feature_layer_get_points:
 * @self: a #FaFeatureLayer
 * @feature: a feature index
 * @x: (out) (optional) (transfer none): projected x of the feature's points
 * @y: (out) (optional) (transfer none): projected y of the feature's points
 *
 * The points of a point (or multipoint) feature, where the renderer draws
 * markers: fa_feature_layer_append_path() appends nothing for them.
 *
 * Returns: the number of points; 0 (and %NULL arrays) for lines and polygons
 */
guint
fa_feature_layer_get_points (FaFeatureLayer  *self,
                             guint            feature,
                             const double   **x,
                             const double   **y)
{
  guint first;

  g_return_val_if_fail (FA_IS_FEATURE_LAYER (self), 0);
  g_return_val_if_fail (feature < self->n_features, 0);

  if (self->geometry_type != FA_GEOMETRY_POINT)
    {
      if (x != NULL)
        *x = NULL;
      if (y != NULL)
        *y = NULL;
      return 0;
    }

  first = self->ring_starts[self->ring_offsets[feature]];
  if (x != NULL)
    *x = self->x + first;
  if (y != NULL)
    *y = self->y + first;

  return self->ring_starts[self->ring_offsets[feature + 1]] - first;
}

/* How far beyond the clip a run of points may be dropped: more than half
 * the widest line drawn (with its bevel joins), in user units. */
#define CULL_MARGIN 8.0

/* Which edges of the box a point is beyond (Cohen–Sutherland). */
static inline guint
outcode (double x,
         double y,
         double x1,
         double y1,
         double x2,
         double y2)
{
  return (x < x1 ? 1u : 0u) | (x > x2 ? 2u : 0u) | (y < y1 ? 4u : 0u) | (y > y2 ? 8u : 0u);
}

/**
 * fa_feature_layer_append_path:
 * @self: a #FaFeatureLayer
 * @feature: a feature index
 * @cr: a cairo context whose CTM is the identity
 * @to_device: the matrix from map units to device pixels
 * @tolerance: in pixels: vertices closer than this to the previous one are
 *   skipped, and so are rings smaller than this; 0 keeps every vertex
 *
 * Appends the feature's rings (closed) or lines to the current path of @cr,
 * in device coordinates.  Rings entirely outside the clip are skipped.  Holes
 * are rings too: fill with %CAIRO_FILL_RULE_EVEN_ODD.  Point features append
 * nothing; draw markers at fa_feature_layer_get_points().
 */
void
fa_feature_layer_append_path (FaFeatureLayer       *self,
                              guint                 feature,
                              cairo_t              *cr,
                              const cairo_matrix_t *to_device,
                              double                tolerance)
{
  const double *px;
  const double *py;
  double xx, xy, yx, yy, x0, y0;
  double cx1 = 0, cy1 = 0, cx2 = 0, cy2 = 0;
  double bx1, by1, bx2, by2;
  double hx = 0, hy = 0;
  gboolean closed;
  gboolean cull;
  gboolean held;
  guint run;

  g_return_if_fail (FA_IS_FEATURE_LAYER (self));
  g_return_if_fail (feature < self->n_features);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (to_device != NULL);

  /* Plain locals, so the loops below need no pointer chasing. */
  xx = to_device->xx;
  xy = to_device->xy;
  yx = to_device->yx;
  yy = to_device->yy;
  x0 = to_device->x0;
  y0 = to_device->y0;
  px = self->x;
  py = self->y;
  closed = self->geometry_type == FA_GEOMETRY_POLYGON;

  if (self->geometry_type == FA_GEOMETRY_POINT || self->geometry_type == FA_GEOMETRY_NONE)
    return;

  /* Culling compares the points, in user space, with the clip's extents
 * in user space (whatever the CTM: a band of a banded image, HiDPI);
 * a ring's bounds transform to a box only if @to_device does not rotate. */
  cull = xy == 0.0 && yx == 0.0;
  if (cull)
    {
      cairo_clip_extents (cr, &cx1, &cy1, &cx2, &cy2);
      cull = cx2 > cx1 && cy2 > cy1;
    }
  /* Beyond the clip by more than any line's width: see outcode(). */
  bx1 = cx1 - CULL_MARGIN;
  by1 = cy1 - CULL_MARGIN;
  bx2 = cx2 + CULL_MARGIN;
  by2 = cy2 + CULL_MARGIN;

  for (guint r = self->ring_offsets[feature]; r < self->ring_offsets[feature + 1]; r++)
    {
      guint start = self->ring_starts[r];
      guint last = self->ring_starts[r + 1] - 1;
      double lx, ly;

      if (cull)
        {
          const FaRect *rb = &self->ring_bounds[r];
          double ax = xx * rb->x1 + x0;
          double bx = xx * rb->x2 + x0;
          double ay = yy * rb->y1 + y0;
          double by = yy * rb->y2 + y0;
          double dx1 = MIN (ax, bx), dx2 = MAX (ax, bx);
          double dy1 = MIN (ay, by), dy2 = MAX (ay, by);

          if (dx2 < cx1 || dx1 > cx2 || dy2 < cy1 || dy1 > cy2)
            continue;
          if (dx2 - dx1 < tolerance && dy2 - dy1 < tolerance)
            continue;
        }

      lx = xx * px[start] + xy * py[start] + x0;
      ly = yx * px[start] + yy * py[start] + y0;
      cairo_move_to (cr, lx, ly);
      run = cull ? outcode (lx, ly, bx1, by1, bx2, by2) : 0;
      held = FALSE;

      for (guint i = start + 1; i < last; i++)
        {
          double dx = xx * px[i] + xy * py[i] + x0;
          double dy = yx * px[i] + yy * py[i] + y0;

          if (cull)
            {
              guint code = outcode (dx, dy, bx1, by1, bx2, by2);

              /* Still beyond the same edge of the view as every point since
               * the run began: the straight line from the run's first
               * point to its last stays beyond that edge too, so the points
               * between change nothing the view shows (a zoomed-in view
               * of Russia draws a few hundred of its 100,000 points). */
              if ((code & run) != 0)
                {
                  run &= code;
                  hx = dx;
                  hy = dy;
                  held = TRUE;
                  continue;
                }
              if (held)
                {
                  cairo_line_to (cr, hx, hy);
                  lx = hx;
                  ly = hy;
                  held = FALSE;
                }
              run = code;
            }

          if (fabs (dx - lx) < tolerance && fabs (dy - ly) < tolerance)
            continue;

          cairo_line_to (cr, dx, dy);
          lx = dx;
          ly = dy;
        }
      if (held)
        cairo_line_to (cr, hx, hy);

      if (last > start)
        cairo_line_to (cr,
                       xx * px[last] + xy * py[last] + x0,
                       yx * px[last] + yy * py[last] + y0);

      if (closed)
        cairo_close_path (cr);
    }
}

/**
 * fa_feature_layer_contains:
 * @self: a #FaFeatureLayer
 * @feature: a feature index
 * @x: x in map units
 * @y: y in map units
 *
 * Point in polygon, by the even-odd rule over all the feature's rings, so
 * holes are outside.
 *
 * Returns: %TRUE if (@x, @y) is inside the polygon feature; always %FALSE
 *   for lines and points
 */
gboolean
fa_feature_layer_contains (FaFeatureLayer *self,
                           guint           feature,
                           double          x,
                           double          y)
{
  gboolean inside = FALSE;

  g_return_val_if_fail (FA_IS_FEATURE_LAYER (self), FALSE);
  g_return_val_if_fail (feature < self->n_features, FALSE);

  if (self->geometry_type != FA_GEOMETRY_POLYGON ||
      !rect_contains (&self->feature_bounds[feature], x, y))
    return FALSE;

  for (guint r = self->ring_offsets[feature]; r < self->ring_offsets[feature + 1]; r++)
    {
      const double *px = self->x;
      const double *py = self->y;
      guint start = self->ring_starts[r];
      guint end = self->ring_starts[r + 1];

      if (!rect_contains (&self->ring_bounds[r], x, y))
        continue;

      for (guint i = start, j = end - 1; i < end; j = i++)
        {
          if ((py[i] > y) != (py[j] > y) &&
              x < (px[j] - px[i]) * (y - py[i]) / (py[j] - py[i]) + px[i])
            inside = !inside;
        }
    }

  return inside;
}

/**
 * fa_feature_layer_pick:
 * @self: a #FaFeatureLayer
 * @x: x in map units
 * @y: y in map units
 * @tolerance: for lines and points, the largest distance in map units
 *
 * Finds the feature under a point: for polygons the topmost (last drawn)
 * feature containing it, for lines and points the nearest one within
 * @tolerance.
 *
 * Returns: a feature index, or -1
 */
int
fa_feature_layer_pick (FaFeatureLayer *self,
                       double          x,
                       double          y,
                       double          tolerance)
{
  double best = HUGE_VAL;
  int best_feature = -1;

  g_return_val_if_fail (FA_IS_FEATURE_LAYER (self), -1);

  if (self->geometry_type == FA_GEOMETRY_POLYGON)
    {
      for (guint f = self->n_features; f-- > 0;)
        {
          if (fa_feature_layer_contains (self, f, x, y))
            return (int) f;
        }
      return -1;
    }

  tolerance = MAX (tolerance, 0.0);
  for (guint f = 0; f < self->n_features; f++)
    {
      const FaRect *fb = &self->feature_bounds[f];
      double d;

      if (x < fb->x1 - tolerance || x > fb->x2 + tolerance ||
          y < fb->y1 - tolerance || y > fb->y2 + tolerance)
        continue;

      d = feature_distance_squared (self, f, x, y, tolerance);
      if (d <= tolerance * tolerance && d <= best)
        {
          best = d;
          best_feature = (int) f;
        }
    }

  return best_feature;
}

/**
 * fa_feature_layer_find:
 * @self: a #FaFeatureLayer
 * @field_name: a field name, compared without regard to ASCII case
 * @value: the value to look for, compared exactly
 *
 * Returns: the first feature whose @field_name is @value, or -1
 */
int
fa_feature_layer_find (FaFeatureLayer *self,
                       const char     *field_name,
                       const char     *value)
{
  int field;

  g_return_val_if_fail (FA_IS_FEATURE_LAYER (self), -1);
  g_return_val_if_fail (field_name != NULL, -1);
  g_return_val_if_fail (value != NULL, -1);

  field = fa_shapefile_find_field (self->source, field_name);
  if (field < 0)
    return -1;

  for (guint f = 0; f < self->n_features; f++)
    {
      if (strcmp (fa_shapefile_get_value (self->source, self->records[f], field), value) == 0)
        return (int) f;
    }

  return -1;
}
