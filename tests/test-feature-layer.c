/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-feature-layer"

#include "config.h"

#include <math.h>
#include <shapefil.h>
#include <string.h>

#include "fa-autocleanups.h"
#include "fa-feature-layer.h"
#include "fa-label-space.h"
#include "fa-map-style.h"
#include "fa-render-context.h"
#include "fa-shape-layer.h"
#include "fa-viewport.h"
#include "fa-projection.h"
#include "fa-shapefile.h"
#include "fa-test-utils.h"

typedef struct
{
  char *dir;
} Fixture;

/* One shape to write: its parts and points, and its attributes. */
typedef struct
{
  int           n_parts;
  const int    *parts;
  int           n_points;
  const double *xy;
  const char   *name;
  const char   *label_lon;   /* NULL: no label fields in the file */
  const char   *label_lat;
} Shape;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = fa_test_make_tmpdir ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fa_test_rmtree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static FaShapefile *
write_and_load (Fixture     *fixture,
                const char  *name,
                int          type,
                const Shape *shapes,
                guint        n_shapes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stem = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *path = g_strconcat (stem, ".shp", NULL);
  SHPHandle shp = SHPCreate (stem, type);
  DBFHandle dbf = DBFCreate (stem);
  gboolean labels = n_shapes > 0 && shapes[0].label_lon != NULL;
  FaShapefile *shapefile;

  g_assert_nonnull (shp);
  g_assert_nonnull (dbf);
  DBFAddField (dbf, "name", FTString, 40, 0);
  if (labels)
    {
      DBFAddField (dbf, "label_lon", FTString, 24, 0);
      DBFAddField (dbf, "label_lat", FTString, 24, 0);
    }

  for (guint i = 0; i < n_shapes; i++)
    {
      const Shape *s = &shapes[i];
      g_autofree double *x = g_new (double, MAX (s->n_points, 1));
      g_autofree double *y = g_new (double, MAX (s->n_points, 1));
      SHPObject *object;

      for (int k = 0; k < s->n_points; k++)
        {
          x[k] = s->xy[2 * k];
          y[k] = s->xy[2 * k + 1];
        }
      if (s->n_points == 0)
        object = SHPCreateSimpleObject (SHPT_NULL, 0, NULL, NULL, NULL);
      else
        object = SHPCreateObject (type, -1, s->n_parts, s->parts, NULL, s->n_points,
                                  x, y, NULL, NULL);
      g_assert_cmpint (SHPWriteObject (shp, -1, object), >=, 0);
      SHPDestroyObject (object);

      DBFWriteStringAttribute (dbf, i, 0, s->name);
      if (labels)
        {
          DBFWriteStringAttribute (dbf, i, 1, s->label_lon);
          DBFWriteStringAttribute (dbf, i, 2, s->label_lat);
        }
    }
  SHPClose (shp);
  DBFClose (dbf);

  shapefile = fa_shapefile_load (path, &error);
  g_assert_no_error (error);
  return shapefile;
}

static FaFeatureLayer *
make_layer (FaShapefile *shapefile,
            const char  *projection_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FaProjection) projection = fa_projection_new (projection_id, &error);
  FaFeatureLayer *layer;

  g_assert_no_error (error);
  layer = fa_feature_layer_new (shapefile, projection, &error);
  g_assert_no_error (error);
  g_assert_nonnull (layer);
  return layer;
}

/* A closed ring round a lon/lat box, clockwise as shapefiles want it. */
static double *
box_ring (double west,
          double south,
          double east,
          double north)
{
  double *xy = g_new (double, 10);

  xy[0] = west;  xy[1] = south;
  xy[2] = west;  xy[3] = north;
  xy[4] = east;  xy[5] = north;
  xy[6] = east;  xy[7] = south;
  xy[8] = west;  xy[9] = south;
  return xy;
}

typedef struct
{
  guint  n_subpaths;
  guint  n_points;
  double longest;
} PathStats;

/* Appends a feature's path with @matrix and measures what was appended.
 * Cairo's fixed-point coordinates stop at ±8 million, so map metres must be
 * scaled (to kilometres, say) before they reach a path. */
static PathStats
measure_path (FaFeatureLayer       *layer,
              guint                 feature,
              const cairo_matrix_t *matrix,
              double                tolerance,
              int                   width,
              int                   height)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  g_autoptr(cairo_path_t) path = NULL;
  PathStats stats = { 0, 0, 0.0 };
  double sx = 0, sy = 0, lx = 0, ly = 0;
  gboolean pending = FALSE;

  /* Without a size, an unbounded surface: nothing is clipped away. */
  if (width > 0)
    surface = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  else
    surface = cairo_recording_surface_create (CAIRO_CONTENT_ALPHA, NULL);
  cr = cairo_create (surface);
  fa_feature_layer_append_path (layer, feature, cr, matrix, tolerance);
  path = cairo_copy_path (cr);
  g_assert_cmpint (path->status, ==, CAIRO_STATUS_SUCCESS);

  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      const cairo_path_data_t *d = &path->data[i];

      switch (d->header.type)
        {
        case CAIRO_PATH_MOVE_TO:
          /* Cairo adds a MOVE_TO after each CLOSE_PATH: count a subpath
           * only once it has a line. */
          pending = TRUE;
          sx = lx = d[1].point.x;
          sy = ly = d[1].point.y;
          break;
        case CAIRO_PATH_LINE_TO:
          if (pending)
            {
              stats.n_subpaths++;
              stats.n_points++;
              pending = FALSE;
            }
          stats.n_points++;
          stats.longest = MAX (stats.longest, hypot (d[1].point.x - lx, d[1].point.y - ly));
          lx = d[1].point.x;
          ly = d[1].point.y;
          break;
        case CAIRO_PATH_CLOSE_PATH:
          stats.longest = MAX (stats.longest, hypot (sx - lx, sy - ly));
          lx = sx;
          ly = sy;
          break;
        case CAIRO_PATH_CURVE_TO:
        default:
          g_assert_not_reached ();
        }
    }

  return stats;
}

static double
world_width (FaFeatureLayer *layer)
{
  FaRect rect;
  const double world[4] = { -180, -90, 180, 90 };

  g_assert_true (fa_projection_project_extent (fa_feature_layer_get_projection (layer),
                                               world, &rect));
  return rect.x2 - rect.x1;
}

/* The world preset has lon_0=11, so its cut is at 169°W. */
static void
test_split_at_cut (Fixture       *fixture,
                   gconstpointer  data)
{
  static const int parts[] = { 0 };
  g_autofree double *crossing = box_ring (-175, 60, -160, 65);
  g_autofree double *near = box_ring (170, 60, -170, 65);
  const Shape shapes[] = {
    { 1, parts, 5, crossing, "crossing", NULL, NULL },
    { 1, parts, 5, near, "near", NULL, NULL },
  };
  g_autoptr(FaShapefile) shapefile = write_and_load (fixture, "cut", SHPT_POLYGON, shapes, 2);
  g_autoptr(FaFeatureLayer) layer = make_layer (shapefile, "world");
  cairo_matrix_t km;
  double width = world_width (layer);
  PathStats stats;
  FaRect bounds;
  double x, y;

  cairo_matrix_init_scale (&km, 1e-3, -1e-3);
  g_assert_cmpuint (fa_feature_layer_get_n_features (layer), ==, 2);

  /* Split into a piece at each edge of the map, with no edge across it. */
  stats = measure_path (layer, 0, &km, 0.0, 0, 0);
  g_assert_cmpuint (stats.n_subpaths, ==, 2);
  g_assert_cmpfloat (stats.longest, <, width / 2 / 1000);
  fa_feature_layer_get_feature_bounds (layer, 0, &bounds);
  g_assert_cmpfloat (bounds.x2 - bounds.x1, >, width * 0.7);   /* the edges curve in */

  /* 172°W is left of the cut: on the right edge; 165°W on the left. */
  x = -172.0;
  y = 62.5;
  fa_projection_forward (fa_feature_layer_get_projection (layer), &x, &y, 1);
  g_assert_cmpfloat (x, >, 0.0);
  g_assert_true (fa_feature_layer_contains (layer, 0, x, y));
  x = -165.0;
  y = 62.5;
  fa_projection_forward (fa_feature_layer_get_projection (layer), &x, &y, 1);
  g_assert_cmpfloat (x, <, 0.0);
  g_assert_true (fa_feature_layer_contains (layer, 0, x, y));
  g_assert_false (fa_feature_layer_contains (layer, 0, 0.0, y));

  /* 170°E–170°W lies wholly west of the cut: one piece, continuous. */
  stats = measure_path (layer, 1, &km, 0.0, 0, 0);
  g_assert_cmpuint (stats.n_subpaths, ==, 1);
  g_assert_cmpfloat (stats.longest, <, width / 10 / 1000);
  fa_feature_layer_get_feature_bounds (layer, 1, &bounds);
  g_assert_cmpfloat (bounds.x1, >, 0.0);
  g_assert_cmpfloat (bounds.x2 - bounds.x1, <, width / 10);
}

/* Plate carrée cuts at 180°: a box from 170°E to 170°W is split. */
static void
test_split_geographic (Fixture       *fixture,
                       gconstpointer  data)
{
  static const int parts[] = { 0 };
  g_autofree double *ring = box_ring (170, 60, -170, 65);
  const Shape shapes[] = { { 1, parts, 5, ring, "across", NULL, NULL } };
  g_autoptr(FaShapefile) shapefile = write_and_load (fixture, "geo", SHPT_POLYGON, shapes, 1);
  g_autoptr(FaFeatureLayer) layer = make_layer (shapefile, "EPSG:4326");
  cairo_matrix_t identity;
  PathStats stats;

  cairo_matrix_init_identity (&identity);
  stats = measure_path (layer, 0, &identity, 0.0, 0, 0);
  g_assert_cmpuint (stats.n_subpaths, ==, 2);
  g_assert_cmpfloat (stats.longest, <, 180.0);
  g_assert_true (fa_feature_layer_contains (layer, 0, 175.0, 62.0));
  g_assert_true (fa_feature_layer_contains (layer, 0, -175.0, 62.0));
  g_assert_true (fa_feature_layer_contains (layer, 0, 179.9999, 62.0));
  g_assert_false (fa_feature_layer_contains (layer, 0, 0.0, 62.0));
  g_assert_false (fa_feature_layer_contains (layer, 0, 165.0, 62.0));
}

/* Antarctica as Natural Earth stores it: round the globe, closed along the pole. */
static void
test_polar_ring (Fixture       *fixture,
                 gconstpointer  data)
{
  static const int parts[] = { 0 };
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(FaShapefile) shapefile = NULL;
  g_autoptr(FaFeatureLayer) layer = NULL;
  FaProjection *projection;
  Shape shape = { 1, parts, 0, NULL, "Antarctica", NULL, NULL };
  double x[] = { 0.0, 0.0, -168.5, -169.5, 100.0 };
  double y[] = { -80.0, -60.0, -75.0, -75.0, -71.0 };

  for (int lon = 180; lon >= -180; lon -= 5)
    {
      double lat = -70.0 + 2.0 * sin (lon * G_PI / 45.0);
      double pt[2] = { lon, lat };

      if (lon == 180)
        {
          double pole[2] = { 180, -90 };

          g_array_append_vals (xy, pole, 2);
        }
      g_array_append_vals (xy, pt, 2);
    }
  {
    double pole[4] = { -180, -90, 180, -90 };

    g_array_append_vals (xy, pole, 4);
  }
  shape.n_points = xy->len / 2;
  shape.xy = (const double *) (gpointer) xy->data;
  shapefile = write_and_load (fixture, "polar", SHPT_POLYGON, &shape, 1);
  layer = make_layer (shapefile, "world");
  projection = fa_feature_layer_get_projection (layer);

  fa_projection_forward (projection, x, y, G_N_ELEMENTS (x));
  g_assert_true (fa_feature_layer_contains (layer, 0, x[0], y[0]));
  g_assert_false (fa_feature_layer_contains (layer, 0, x[1], y[1]));
  g_assert_true (fa_feature_layer_contains (layer, 0, x[2], y[2]));
  g_assert_true (fa_feature_layer_contains (layer, 0, x[3], y[3]));
  g_assert_false (fa_feature_layer_contains (layer, 0, x[4], y[4] + 5.0e5));
}

static void
test_line_split (Fixture       *fixture,
                 gconstpointer  data)
{
  static const int parts[] = { 0 };
  static const double line[] = { -175, 60,  -160, 61,  -150, 62 };
  const Shape shapes[] = { { 1, parts, 3, line, "route", NULL, NULL } };
  g_autoptr(FaShapefile) shapefile = write_and_load (fixture, "line", SHPT_ARC, shapes, 1);
  g_autoptr(FaFeatureLayer) layer = make_layer (shapefile, "world");
  cairo_matrix_t km;
  PathStats stats;
  double x = -160.0;
  double y = 61.0;

  cairo_matrix_init_scale (&km, 1e-3, -1e-3);
  stats = measure_path (layer, 0, &km, 0.0, 0, 0);
  g_assert_cmpuint (stats.n_subpaths, ==, 2);
  g_assert_cmpfloat (stats.longest, <, world_width (layer) / 2 / 1000);

  fa_projection_forward (fa_feature_layer_get_projection (layer), &x, &y, 1);
  g_assert_cmpint (fa_feature_layer_pick (layer, x + 100.0, y, 1000.0), ==, 0);
  g_assert_cmpint (fa_feature_layer_pick (layer, x, y + 5e5, 1000.0), ==, -1);
  g_assert_false (fa_feature_layer_contains (layer, 0, x, y));
}

static void
test_contains_and_pick (Fixture       *fixture,
                        gconstpointer  data)
{
  static const int parts[] = { 0, 5 };
  static const int one[] = { 0 };
  static const double donut[] = {
    0, 0,  0, 10,  10, 10,  10, 0,  0, 0,
    3, 3,  7, 3,  7, 7,  3, 7,  3, 3,
  };
  g_autofree double *over = box_ring (8, 8, 12, 12);
  g_autofree double *far = box_ring (40, 40, 41, 41);
  const Shape shapes[] = {
    { 2, parts, 10, donut, "donut", NULL, NULL },
    { 1, one, 5, over, "over", NULL, NULL },
    { 1, one, 5, far, "far", NULL, NULL },
  };
  g_autoptr(FaShapefile) shapefile = write_and_load (fixture, "pick", SHPT_POLYGON, shapes, 3);
  g_autoptr(FaFeatureLayer) layer = make_layer (shapefile, "EPSG:4326");
  FaRect bounds;

  g_assert_cmpuint (fa_feature_layer_get_points (layer, 0, NULL, NULL), ==, 0);
  g_assert_true (fa_feature_layer_contains (layer, 0, 1, 1));
  g_assert_false (fa_feature_layer_contains (layer, 0, 5, 5));   /* the hole */
  g_assert_false (fa_feature_layer_contains (layer, 0, 11, 11));
  g_assert_false (fa_feature_layer_contains (layer, 0, -1, 5));

  g_assert_cmpint (fa_feature_layer_pick (layer, 1, 1, 0), ==, 0);
  g_assert_cmpint (fa_feature_layer_pick (layer, 5, 5, 0), ==, -1);
  g_assert_cmpint (fa_feature_layer_pick (layer, 9, 9, 0), ==, 1);   /* topmost */
  g_assert_cmpint (fa_feature_layer_pick (layer, 40.5, 40.5, 0), ==, 2);
  g_assert_cmpint (fa_feature_layer_pick (layer, 30, 30, 0), ==, -1);

  fa_feature_layer_get_feature_bounds (layer, 0, &bounds);
  g_assert_cmpfloat (bounds.x1, ==, 0.0);
  g_assert_cmpfloat (bounds.y2, ==, 10.0);
  fa_feature_layer_get_bounds (layer, &bounds);
  g_assert_cmpfloat (bounds.x2, ==, 41.0);

  g_assert_cmpint (fa_feature_layer_find (layer, "name", "far"), ==, 2);
  g_assert_cmpint (fa_feature_layer_find (layer, "NAME", "over"), ==, 1);
  g_assert_cmpint (fa_feature_layer_find (layer, "name", "Far"), ==, -1);
  g_assert_cmpint (fa_feature_layer_find (layer, "nope", "far"), ==, -1);
  g_assert_cmpstr (fa_feature_layer_get_value (layer, 1, "name"), ==, "over");
  g_assert_cmpstr (fa_feature_layer_get_value (layer, 1, "nope"), ==, "");
}

static void
test_labels (Fixture       *fixture,
             gconstpointer  data)
{
  static const int parts[] = { 0, 5 };
  static const int one[] = { 0 };
  static const double island_and_mainland[] = {
    50, 50,  50, 51,  51, 51,  51, 50,  50, 50,
    0, 0,  0, 10,  20, 10,  20, 0,  0, 0,
  };
  g_autofree double *square = box_ring (30, 30, 32, 32);
  const Shape with_fields[] = {
    { 2, parts, 10, island_and_mainland, "a", "3.5", "4.25" },
    { 1, one, 5, square, "b", "", "" },
  };
  const Shape without_fields[] = {
    { 2, parts, 10, island_and_mainland, "a", NULL, NULL },
  };
  g_autoptr(FaShapefile) labelled = write_and_load (fixture, "labelled", SHPT_POLYGON, with_fields, 2);
  g_autoptr(FaShapefile) plain = write_and_load (fixture, "plain", SHPT_POLYGON, without_fields, 1);
  g_autoptr(FaFeatureLayer) a = make_layer (labelled, "EPSG:4326");
  g_autoptr(FaFeatureLayer) b = make_layer (plain, "EPSG:4326");
  double x, y;

  g_assert_true (fa_feature_layer_get_label_point (a, 0, &x, &y));
  g_assert_cmpfloat (x, ==, 3.5);
  g_assert_cmpfloat (y, ==, 4.25);
  /* Empty label fields: fall back to the geometry. */
  g_assert_true (fa_feature_layer_get_label_point (a, 1, &x, &y));
  g_assert_cmpfloat (x, ==, 31.0);
  g_assert_cmpfloat (y, ==, 31.0);
  /* The mainland's centre, not the island's. */
  g_assert_true (fa_feature_layer_get_label_point (b, 0, &x, &y));
  g_assert_cmpfloat (x, ==, 10.0);
  g_assert_cmpfloat (y, ==, 5.0);
}

static void
test_decimation (Fixture       *fixture,
                 gconstpointer  data)
{
  static const int parts[] = { 0 };
  const guint n = 20000;
  g_autofree double *circle = g_new (double, 2 * (n + 1));
  g_autoptr(FaShapefile) shapefile = NULL;
  g_autoptr(FaFeatureLayer) layer = NULL;
  Shape shape = { 1, parts, (int) n + 1, NULL, "circle", NULL, NULL };
  cairo_matrix_t far, near, away;
  PathStats stats;

  for (guint i = 0; i <= n; i++)
    {
      double a = -2 * G_PI * (i % n) / n;

      circle[2 * i] = 10.0 + 5.0 * cos (a);
      circle[2 * i + 1] = 45.0 + 5.0 * sin (a);
    }
  shape.xy = circle;
  shapefile = write_and_load (fixture, "circle", SHPT_POLYGON, &shape, 1);
  layer = make_layer (shapefile, "EPSG:4326");

  /* Zoomed out: 2 px per degree, the circle is 20 px wide. */
  cairo_matrix_init (&far, 2.0, 0, 0, -2.0, 360, 180);
  stats = measure_path (layer, 0, &far, 0.35, 720, 360);
  g_assert_cmpuint (stats.n_subpaths, ==, 1);
  g_assert_cmpuint (stats.n_points, <, n / 50);
  g_assert_cmpuint (stats.n_points, >, 20);

  /* Zoomed in: 2000 px per degree, vertices 3 px apart, none is skipped
   * (the unbounded surface culls nothing).  Cairo itself merges some
   * segments it finds collinear, so compare with what a zero tolerance
   * gives rather than with n. */
  cairo_matrix_init (&near, 2000.0, 0, 0, -2000.0, -15000.0, 92000.0);
  stats = measure_path (layer, 0, &near, 0.35, 0, 0);
  g_assert_cmpuint (stats.n_points, >, n / 2);
  g_assert_cmpuint (stats.n_points, ==, measure_path (layer, 0, &near, 0.0, 0, 0).n_points);
  /* A 10,000-pixel view inside the circle: its outline is all beyond the
   * view, and a handful of points stand for it. */
  stats = measure_path (layer, 0, &near, 0.35, 10000, 10000);
  g_assert_cmpuint (stats.n_points, <=, 16);

  /* No tolerance: many more vertices. */
  stats = measure_path (layer, 0, &far, 0.0, 720, 360);
  g_assert_cmpuint (stats.n_points, >, n / 10);

  /* Outside the clip: nothing. */
  cairo_matrix_init (&away, 2.0, 0, 0, -2.0, -1000, 180);
  stats = measure_path (layer, 0, &away, 0.35, 720, 360);
  g_assert_cmpuint (stats.n_points, ==, 0);
}

/* Points beyond the view are dropped in runs (see outcode() in
 * fa-feature-layer.c): the view shows the same pixels as the whole path
 * drawn, filled and stroked, where the outline crosses an edge, a corner,
 * or lies outside. */
static guint
count_culling_differences (FaFeatureLayer       *layer,
                           const cairo_matrix_t *matrix,
                           int                   size,
                           guint                *n_ink)
{
  g_autoptr(cairo_surface_t) culled = cairo_image_surface_create (CAIRO_FORMAT_A8, size, size);
  g_autoptr(cairo_surface_t) whole = cairo_image_surface_create (CAIRO_FORMAT_A8, size, size);
  g_autoptr(cairo_surface_t) recording = cairo_recording_surface_create (CAIRO_CONTENT_ALPHA, NULL);
  guint different = 0;

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(cairo_t) cr = cairo_create (pass == 0 ? culled : recording);

      fa_feature_layer_append_path (layer, 0, cr, matrix, 0.35);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.4);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 1);
      cairo_set_line_width (cr, 2.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
      cairo_stroke (cr);
    }
  {
    g_autoptr(cairo_t) cr = cairo_create (whole);

    cairo_set_source_surface (cr, recording, 0, 0);
    cairo_paint (cr);
  }
  cairo_surface_flush (culled);
  cairo_surface_flush (whole);
  *n_ink = 0;
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        int a = cairo_image_surface_get_data (culled)[y * cairo_image_surface_get_stride (culled) + x];
        int b = cairo_image_surface_get_data (whole)[y * cairo_image_surface_get_stride (whole) + x];

        different += ABS (a - b) > 2;
        *n_ink += a > 0;
      }
  return different;
}

static void
test_culling (Fixture       *fixture,
              gconstpointer  data)
{
  static const int parts[] = { 0 };
  const guint n = 20000;
  g_autofree double *circle = g_new (double, 2 * (n + 1));
  g_autoptr(FaShapefile) shapefile = NULL;
  g_autoptr(FaFeatureLayer) layer = NULL;
  Shape shape = { 1, parts, (int) n + 1, NULL, "circle", NULL, NULL };
  /* 200 px per degree: the circle is 2,000 px across, the view 500.
   * Its centre (10° E, 45° N) goes to (x0 + 2000, y0 - 9000). */
  static const struct { const char *where; double x0, y0; } views[] = {
    { "across the right edge", -2750, 9250 },     /* the circle's east end mid-view */
    { "across a corner", -2450, 9650 },           /* its north-east arc through a corner */
    { "inside", -1750, 9250 },                    /* all of the view inside */
    { "outside", -4000, 9250 },                   /* all of the view east of it */
  };

  for (guint i = 0; i <= n; i++)
    {
      double a = -2 * G_PI * (i % n) / n;

      circle[2 * i] = 10.0 + 5.0 * cos (a);
      circle[2 * i + 1] = 45.0 + 5.0 * sin (a);
    }
  shape.xy = circle;
  shapefile = write_and_load (fixture, "circle", SHPT_POLYGON, &shape, 1);
  layer = make_layer (shapefile, "EPSG:4326");

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      cairo_matrix_t matrix;
      PathStats culled, whole;
      guint different, ink;

      cairo_matrix_init (&matrix, 200.0, 0, 0, -200.0, views[v].x0, views[v].y0);
      culled = measure_path (layer, 0, &matrix, 0.35, 500, 500);
      whole = measure_path (layer, 0, &matrix, 0.35, 0, 0);
      different = count_culling_differences (layer, &matrix, 500, &ink);
      g_test_message ("%s: %u of %u points drawn, %u of 250000 pixels differ, %u inked",
                      views[v].where, culled.n_points, whole.n_points, different, ink);
      g_assert_cmpuint (different, ==, 0);
      g_assert_cmpuint (culled.n_points, <, whole.n_points / 2);
    }
}

/* A user's layer of points: each named beside its symbol (from its "name"
 * field, or another the user picks, or none), and the pointer over one
 * tells its attributes. */
static void
test_user_points (Fixture       *fixture,
                  gconstpointer  data)
{
  static const double kyiv[] = { 30.52, 50.45 };
  static const double kharkiv[] = { 36.23, 49.99 };
  const Shape shapes[] = {
    { 0, NULL, 1, kyiv, "Kyiv", NULL, NULL },
    { 0, NULL, 1, kharkiv, "Kharkiv", NULL, NULL },
  };
  g_autoptr(FaShapefile) shapefile = write_and_load (fixture, "cities", SHPT_POINT, shapes, G_N_ELEMENTS (shapes));
  g_autoptr(FaFeatureLayer) features = make_layer (shapefile, "EPSG:4326");
  g_autoptr(FaShapeLayer) layer = fa_shape_layer_new (features, &(FaColor) { 0.8, 0.1, 0.1, 1 });
  g_autoptr(FaViewport) viewport = fa_viewport_new ();
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  FaMapHit hit = FA_MAP_HIT_INIT;
  FaRenderContext ctx;
  double x, y;

  fa_viewport_set_size (viewport, 800, 500);
  fa_viewport_fit_rect (viewport, &(FaRect) { 25, 45, 40, 55 }, 0);
  fa_render_context_init (&ctx, viewport, NULL, fa_map_style_get (FA_MAP_STYLE_LIGHT), NULL);
  g_assert_cmpstr (fa_shape_layer_get_label_field (layer), ==, "name");

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(FaLabelSpace) space = fa_label_space_new (800, 500);
      g_autoptr(GPtrArray) texts = g_ptr_array_new ();

      fa_label_space_set_layer (space, FA_MAP_LAYER (layer), 1.0);
      fa_map_layer_collect_labels (FA_MAP_LAYER (layer), cr, &ctx, space);
      fa_label_space_place (space, cr);
      for (guint i = 0; i < fa_label_space_get_n_placed (space); i++)
        {
          FaPlacedLabel placed;

          g_assert_true (fa_label_space_get_placed (space, i, &placed));
          g_ptr_array_add (texts, (gpointer) placed.text);
        }
      if (pass == 0)
        {
          g_assert_cmpuint (texts->len, ==, 2);
          g_assert_true ((g_str_equal (texts->pdata[0], "Kyiv") && g_str_equal (texts->pdata[1], "Kharkiv")) ||
                         (g_str_equal (texts->pdata[0], "Kharkiv") && g_str_equal (texts->pdata[1], "Kyiv")));
          /* No labels when the user says so. */
          fa_shape_layer_set_label_field (layer, NULL);
        }
      else
        g_assert_cmpuint (texts->len, ==, 0);
    }

  /* The pointer on Kharkiv: its name and the layer's. */
  x = kharkiv[0];
  y = kharkiv[1];
  fa_viewport_projected_to_screen (viewport, x, y, &x, &y);
  g_assert_true (fa_map_layer_pick (FA_MAP_LAYER (layer), &ctx, x + 2, y - 2, &hit));
  {
    g_autoptr(GString) text = g_string_new (NULL);

    fa_map_layer_describe (FA_MAP_LAYER (layer), &ctx, &hit, text);
    g_test_message ("%s", text->str);
    g_assert_true (g_str_has_prefix (text->str, "Kharkiv ("));
  }
  /* Far from both: nothing. */
  hit = FA_MAP_HIT_INIT;
  g_assert_false (fa_map_layer_pick (FA_MAP_LAYER (layer), &ctx, 5, 5, &hit));
}

static void
test_render_split (Fixture       *fixture,
                   gconstpointer  data)
{
  static const int parts[] = { 0 };
  g_autofree double *crossing = box_ring (-175, 50, -160, 70);
  const Shape shapes[] = { { 1, parts, 5, crossing, "crossing", NULL, NULL } };
  g_autoptr(FaShapefile) shapefile = write_and_load (fixture, "render", SHPT_POLYGON, shapes, 1);
  g_autoptr(FaFeatureLayer) layer = make_layer (shapefile, "world");
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 200);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  double width = world_width (layer);
  double scale = 400.0 / width;
  cairo_matrix_t matrix;
  double lx = -165.0, ly = 60.0, rx = -172.0, ry = 60.0;

  cairo_matrix_init (&matrix, scale, 0, 0, -scale, 200, 100);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  fa_feature_layer_append_path (layer, 0, cr, &matrix, 0.35);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_source_rgb (cr, 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0);
  cairo_fill (cr);

  fa_projection_forward (fa_feature_layer_get_projection (layer), &lx, &ly, 1);
  fa_projection_forward (fa_feature_layer_get_projection (layer), &rx, &ry, 1);
  cairo_matrix_transform_point (&matrix, &lx, &ly);
  cairo_matrix_transform_point (&matrix, &rx, &ry);
  g_assert_cmpfloat (lx, <, 70);
  g_assert_cmpfloat (rx, >, 330);
  fa_assert_pixel (surface, (int) lx, (int) ly, 0x1c71d8, 8);
  fa_assert_pixel (surface, (int) rx, (int) ry, 0x1c71d8, 8);
  /* Nothing across the middle of the map. */
  for (int x = 80; x < 320; x += 10)
    fa_assert_pixel (surface, x, (int) ly, 0xffffff, 8);
}

static void
test_points_and_nulls (Fixture       *fixture,
                       gconstpointer  data)
{
  static const double a[] = { 37.6, 55.75 };
  static const double b[] = { 30.5, 50.45 };
  const Shape shapes[] = {
    { 0, NULL, 1, a, "Moscow", NULL, NULL },
    { 0, NULL, 0, NULL, "nowhere", NULL, NULL },
    { 0, NULL, 1, b, "Kyiv", NULL, NULL },
  };
  g_autoptr(FaShapefile) shapefile = write_and_load (fixture, "points", SHPT_POINT, shapes, 3);
  g_autoptr(FaFeatureLayer) layer = make_layer (shapefile, "europe-asia");
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 8, 8);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  cairo_matrix_t identity;
  const double *x, *y;
  double px = 30.5, py = 50.45, lx, ly;

  g_assert_cmpint (fa_feature_layer_get_geometry_type (layer), ==, FA_GEOMETRY_POINT);
  g_assert_cmpuint (fa_feature_layer_get_n_features (layer), ==, 2);
  g_assert_cmpuint (fa_feature_layer_get_record (layer, 1), ==, 2);
  g_assert_cmpstr (fa_feature_layer_get_value (layer, 1, "name"), ==, "Kyiv");

  fa_projection_forward (fa_feature_layer_get_projection (layer), &px, &py, 1);
  g_assert_cmpuint (fa_feature_layer_get_points (layer, 1, &x, &y), ==, 1);
  g_assert_cmpfloat_with_epsilon (x[0], px, 1e-6);
  g_assert_cmpfloat_with_epsilon (y[0], py, 1e-6);
  g_assert_true (fa_feature_layer_get_label_point (layer, 1, &lx, &ly));
  g_assert_cmpfloat_with_epsilon (lx, px, 1e-6);

  g_assert_cmpint (fa_feature_layer_pick (layer, px + 1000, py, 5000), ==, 1);
  g_assert_cmpint (fa_feature_layer_pick (layer, px + 10000, py, 5000), ==, -1);

  cairo_matrix_init_identity (&identity);
  fa_feature_layer_append_path (layer, 1, cr, &identity, 0.35);
  g_assert_false (cairo_has_current_point (cr));
}

static void
test_densify (Fixture       *fixture,
              gconstpointer  data)
{
  static const int parts[] = { 0 };
  g_autofree double *ring = box_ring (0, 40, 60, 49);
  const Shape shapes[] = { { 1, parts, 5, ring, "long", NULL, NULL } };
  g_autoptr(FaShapefile) shapefile = write_and_load (fixture, "long", SHPT_POLYGON, shapes, 1);
  g_autoptr(FaFeatureLayer) layer = make_layer (shapefile, "europe-asia");
  double x = 30.0;
  double y = 40.1;

  /* 2 × 60 + 2 × 9 one-degree steps, plus the closing point. */
  g_assert_cmpuint (fa_feature_layer_get_n_points (layer), ==, 2 * 60 + 2 * 9 + 1);
  /* Parallels are arcs in a conic projection: a point just north of the
   * southern edge's middle is inside only if the edge was densified. */
  fa_projection_forward (fa_feature_layer_get_projection (layer), &x, &y, 1);
  g_assert_true (fa_feature_layer_contains (layer, 0, x, y));
}

/* Finite but absurd coordinates from a damaged file: no runaway densifying,
 * the points that cannot be projected are dropped.  (Without a .prj the
 * reader would refuse them as projected; this one says lon/lat.) */
static void
test_absurd_coordinates (Fixture       *fixture,
                         gconstpointer  data)
{
  static const int parts[] = { 0 };
  static const double ring[] = { 0, 0,  0, 1e300,  1e299, 10,  10, -1e308,  10, 0,  5, 5,  0, 0 };
  const Shape shapes[] = { { 1, parts, 7, ring, "broken", NULL, NULL } };
  g_autofree char *prj = fa_test_write_file (fixture->dir, "absurd.prj",
                                             "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\","
                                             "SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
                                             "PRIMEM[\"Greenwich\",0.0],"
                                             "UNIT[\"Degree\",0.0174532925199433]]", -1);
  g_autoptr(FaShapefile) shapefile = write_and_load (fixture, "absurd", SHPT_POLYGON, shapes, 1);
  g_autoptr(FaFeatureLayer) layer = make_layer (shapefile, "world");

  g_assert_cmpuint (fa_feature_layer_get_n_points (layer), <, 100);
}

/* Areas subtract holes whichever way the rings are wound, add the parts of
 * a multipolygon and of a polygon split at the cut, and are in projected
 * units: square degrees in plate carrée, square metres in Equal Earth. */
static void
test_feature_area (Fixture       *fixture,
                   gconstpointer  data)
{
  static const int parts[] = { 0, 5 };
  static const int one[] = { 0 };
  static const double donut[] = {
    0, 0,  0, 10,  10, 10,  10, 0,  0, 0,
    3, 3,  7, 3,  7, 7,  3, 7,  3, 3,
  };
  static const double donut_reversed[] = {
    0, 0,  10, 0,  10, 10,  0, 10,  0, 0,
    3, 3,  3, 7,  7, 7,  7, 3,  3, 3,
  };
  static const double island_and_mainland[] = {
    50, 50,  50, 51,  51, 51,  51, 50,  50, 50,
    0, 0,  0, 10,  20, 10,  20, 0,  0, 0,
  };
  static const double line[] = { 0, 0,  10, 10 };
  g_autofree double *equator = box_ring (20, 0, 30, 10);
  g_autofree double *across = box_ring (-174, 0, -164, 10);   /* the world preset cuts at 169°W */
  const Shape polygons[] = {
    { 2, parts, 10, donut, "donut", NULL, NULL },
    { 2, parts, 10, donut_reversed, "reversed", NULL, NULL },
    { 2, parts, 10, island_and_mainland, "islands", NULL, NULL },
    { 1, one, 5, equator, "equator", NULL, NULL },
    { 1, one, 5, across, "across", NULL, NULL },
  };
  const Shape lines[] = { { 1, one, 2, line, "line", NULL, NULL } };
  g_autoptr(FaShapefile) polygon_file = write_and_load (fixture, "areas", SHPT_POLYGON, polygons, 5);
  g_autoptr(FaShapefile) line_file = write_and_load (fixture, "line", SHPT_ARC, lines, 1);
  g_autoptr(FaFeatureLayer) degrees = make_layer (polygon_file, "EPSG:4326");
  g_autoptr(FaFeatureLayer) metres = make_layer (polygon_file, "world");
  g_autoptr(FaFeatureLayer) line_layer = make_layer (line_file, "EPSG:4326");
  /* 10° × 10° from the equator on the authalic sphere: R² Δλ (sin φ₂ − sin φ₁). */
  double expected = 6371007.2 * 6371007.2 * G_PI / 18 * sin (G_PI / 18);

  g_assert_cmpfloat_with_epsilon (fa_feature_layer_get_feature_area (degrees, 0), 84.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (fa_feature_layer_get_feature_area (degrees, 1), 84.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (fa_feature_layer_get_feature_area (degrees, 2), 201.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (fa_feature_layer_get_feature_area (degrees, 3), 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (fa_feature_layer_get_feature_area (degrees, 4), 100.0, 1e-9);

  /* Equal Earth keeps areas: the box and its split twin both measure it. */
  g_assert_cmpfloat_with_epsilon (fa_feature_layer_get_feature_area (metres, 3), expected, expected * 0.01);
  g_assert_cmpfloat_with_epsilon (fa_feature_layer_get_feature_area (metres, 4), expected, expected * 0.01);
  g_assert_cmpfloat_with_epsilon (fa_feature_layer_get_feature_area (metres, 0) /
                                  fa_feature_layer_get_feature_area (metres, 3), 0.84, 0.01);

  g_assert_cmpfloat (fa_feature_layer_get_feature_area (line_layer, 0), ==, 0.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/fa/feature-layer/split-at-cut", test_split_at_cut);
  ADD ("/fa/feature-layer/split-geographic", test_split_geographic);
  ADD ("/fa/feature-layer/polar-ring", test_polar_ring);
  ADD ("/fa/feature-layer/line-split", test_line_split);
  ADD ("/fa/feature-layer/contains-and-pick", test_contains_and_pick);
  ADD ("/fa/feature-layer/labels", test_labels);
  ADD ("/fa/feature-layer/decimation", test_decimation);
  ADD ("/fa/feature-layer/culling", test_culling);
  ADD ("/fa/feature-layer/user-points", test_user_points);
  ADD ("/fa/feature-layer/render-split", test_render_split);
  ADD ("/fa/feature-layer/points-and-nulls", test_points_and_nulls);
  ADD ("/fa/feature-layer/densify", test_densify);
  ADD ("/fa/feature-layer/absurd-coordinates", test_absurd_coordinates);
  ADD ("/fa/feature-layer/feature-area", test_feature_area);

#undef ADD

  return g_test_run ();
}
