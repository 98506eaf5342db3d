/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-shape-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fa-shape-layer.h"
#include "fa-autocleanups.h"
#include "fa-shapefile.h"

/* A larger clip falls back to cairo_stroke() rather than allocate a huge mask. */
#define MAX_MASK_PIXELS (64.0 * 1024 * 1024)

struct _FaShapeLayer
{
  FaMapLayer      parent_instance;

  FaFeatureLayer *features;   /* owned */
  FaColor         color;
};

/* One-pixel polygon outlines, drawn without cairo_stroke().  Cairo 1.16
 * strokes by building the outline polygon of every segment and scan-
 * converting it, about 2,000 instructions a segment: for Natural Earth's
 * admin-1 (200,000 segments at world scale) that was most of an export.  On
 * image surfaces we instead sample each segment once per pixel column (row,
 * if steep) into an 8-bit coverage mask, and paint the layer's colour
 * through the mask once, for a tenth of the cost.  Where lines meet, the
 * mask keeps the larger coverage, so a border shared by two polygons is
 * drawn once instead of twice and darker. */
typedef struct
{
  guint8 *data;     /* owned: coverage, 0–255 */
  int     x;        /* user-space position of the mask's first pixel */
  int     y;
  int     width;
  int     height;
  int     stride;
} Hairlines;

G_DEFINE_FINAL_TYPE (FaShapeLayer, fa_shape_layer, FA_TYPE_MAP_LAYER)

static void
hairlines_clear (Hairlines *h)
{
  g_clear_pointer (&h->data, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Hairlines, hairlines_clear)

/* Returns FALSE where real strokes are needed: vector surfaces (SVG and
 * PDF keep their lines), and user space not mapping one to one onto whole
 * device pixels (an export at --scale 2, a HiDPI widget). */
static gboolean
hairlines_init (Hairlines *h,
                cairo_t   *cr)
{
  double ox = 0, oy = 0, ux = 1, uy = 0, vx = 0, vy = 1;
  double x1, y1, x2, y2;

  memset (h, 0, sizeof *h);

  if (cairo_surface_get_type (cairo_get_group_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;

  cairo_user_to_device (cr, &ox, &oy);
  cairo_user_to_device_distance (cr, &ux, &uy);
  cairo_user_to_device_distance (cr, &vx, &vy);
  if (ux != 1 || uy != 0 || vx != 0 || vy != 1 || ox != floor (ox) || oy != floor (oy))
    return FALSE;

  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  if (!(x2 > x1 && y2 > y1) || (x2 - x1) * (y2 - y1) > MAX_MASK_PIXELS)
    return FALSE;

  h->x = (int) floor (x1);
  h->y = (int) floor (y1);
  h->width = (int) ceil (x2) - h->x;
  h->height = (int) ceil (y2) - h->y;
  h->stride = cairo_format_stride_for_width (CAIRO_FORMAT_A8, h->width);
  /* Cleared by writing, not calloc()'d: reading a fresh page first maps the
   * shared zero page, and the write after it then costs a copy-on-write
   * fault and, while the export draws on two threads, a TLB shootdown. */
  h->data = g_malloc ((gsize) h->stride * h->height);
  memset (h->data, 0, (gsize) h->stride * h->height);
  return TRUE;
}

/* @a runs along the segment's major axis, @b across it. */
static inline void
hairlines_plot (Hairlines *h,
                gboolean   steep,
                int        a,
                int        b,
                double     coverage)
{
  int x = steep ? b : a;
  int y = steep ? a : b;
  guint8 value;
  guint8 *p;

  if (x < 0 || y < 0 || x >= h->width || y >= h->height)
    return;

  value = (guint8) (MIN (coverage, 1.0) * 255.0 + 0.5);
  p = &h->data[(gsize) y * h->stride + x];
  if (value > *p)
    *p = value;
}

static void
hairlines_add_segment (Hairlines *h,
                       double     x0,
                       double     y0,
                       double     x1,
                       double     y1)
{
  gboolean steep = fabs (y1 - y0) > fabs (x1 - x0);
  double a0 = steep ? y0 - h->y : x0 - h->x;
  double a1 = steep ? y1 - h->y : x1 - h->x;
  double b0 = steep ? x0 - h->x : y0 - h->y;
  double b1 = steep ? x1 - h->x : y1 - h->y;
  double a_size = steep ? h->height : h->width;
  double b_size = steep ? h->width : h->height;
  double slope, weight;
  int first, end, step;

  if (a0 == a1)
    return;

  slope = (b1 - b0) / (a1 - a0);
  /* A one-pixel line crosses each column along sqrt(1 + slope²) of its
   * length; without that weight, diagonals would look thinner. */
  weight = sqrt (1.0 + slope * slope);

  /* Sample pixel centres from a0 (included) to a1 (excluded), so that the
   * segments of a ring sample each column once; clamp to the mask first, so
   * that vertices far outside the view neither overflow nor cost a loop. */
  if (a1 > a0)
    {
      first = (int) ceil (MAX (a0, -1.0) - 0.5);
      end = (int) ceil (MIN (a1, a_size + 1) - 0.5);
      step = 1;
      if (first >= end)
        return;
    }
  else
    {
      first = (int) floor (MIN (a0, a_size + 1) - 0.5);
      end = (int) floor (MAX (a1, -1.0) - 0.5);
      step = -1;
      if (first <= end)
        return;
    }

  for (int a = first; a != end; a += step)
    {
      /* The line's centre, less half a pixel: the line covers row floor (b)
       * by 1 - f and the next one by f. */
      double b = b0 + slope * (a + 0.5 - a0) - 0.5;
      double row;
      double f;

      if (b < -2 || b > b_size + 1)
        continue;

      row = floor (b);
      f = b - row;
      hairlines_plot (h, steep, a, (int) row, (1.0 - f) * weight);
      hairlines_plot (h, steep, a, (int) row + 1, f * weight);
    }
}

/* Adds the outlines of the current path, which has only lines (no curves). */
static void
hairlines_add_path (Hairlines *h,
                    cairo_t   *cr)
{
  g_autoptr(cairo_path_t) path = cairo_copy_path (cr);
  double start_x = 0, start_y = 0;
  double x = 0, y = 0;

  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      const cairo_path_data_t *data = &path->data[i];

      switch (data->header.type)
        {
        case CAIRO_PATH_MOVE_TO:
          start_x = x = data[1].point.x;
          start_y = y = data[1].point.y;
          break;

        case CAIRO_PATH_LINE_TO:
          hairlines_add_segment (h, x, y, data[1].point.x, data[1].point.y);
          x = data[1].point.x;
          y = data[1].point.y;
          break;

        case CAIRO_PATH_CLOSE_PATH:
          hairlines_add_segment (h, x, y, start_x, start_y);
          x = start_x;
          y = start_y;
          break;

        case CAIRO_PATH_CURVE_TO:
        default:
          g_assert_not_reached ();
        }
    }
}

static void
hairlines_paint (Hairlines     *h,
                 cairo_t       *cr,
                 const FaColor *color)
{
  g_autoptr(cairo_surface_t) mask = NULL;

  mask = cairo_image_surface_create_for_data (h->data, CAIRO_FORMAT_A8,
                                              h->width, h->height, h->stride);
  fa_map_style_set_source (cr, color);
  cairo_mask_surface (cr, mask, h->x, h->y);
  /* The mask borrows h->data: let go of it before the data goes. */
  cairo_surface_finish (mask);
}

static void
draw_points (FaShapeLayer          *self,
             cairo_t               *cr,
             const FaRenderContext *ctx,
             guint                  feature)
{
  const double *xs, *ys;
  guint n = fa_feature_layer_get_points (self->features, feature, &xs, &ys);

  for (guint i = 0; i < n; i++)
    {
      double x = xs[i], y = ys[i];

      cairo_matrix_transform_point (&ctx->to_device, &x, &y);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 3.5, 0, 2 * G_PI);
    }
}

/* Above this many points a layer is "dense" (Natural Earth's 10 m
 * admin-1 has 1.3 million): its one-pixel outlines are decimated a little
 * more and rasterized with Cairo's faster antialiasing, which looks the
 * same on hairlines and halves the stroking cost. */
#define DENSE_POINTS 250000

/* @hairlines: where to draw polygon outlines; %NULL to stroke them */
static void
paint_path (FaShapeLayer          *self,
            cairo_t               *cr,
            const FaRenderContext *ctx,
            FaGeometryType         type,
            Hairlines             *hairlines)
{
  gboolean dense = fa_feature_layer_get_n_points (self->features) > DENSE_POINTS;

  switch (type)
    {
    case FA_GEOMETRY_POLYGON:
      if (hairlines != NULL)
        {
          /* The outline hides the fill's edge, so the fill needs no
           * antialiasing, which makes it four times cheaper; sampling pixel
           * centres also leaves no seams between neighbouring polygons. */
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
          fa_map_style_set_source_alpha (cr, &self->color, 0.22);
          cairo_fill_preserve (cr);
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
          hairlines_add_path (hairlines, cr);
          cairo_new_path (cr);
          break;
        }

      /* Bevel joins: a round join costs the stroker far more geometry, and
       * at one pixel nobody sees the difference. */
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      fa_map_style_set_source_alpha (cr, &self->color, 0.22);
      cairo_fill_preserve (cr);
      fa_map_style_set_source (cr, &self->color);
      cairo_set_line_width (cr, 1.0);
      if (dense)
        cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
      cairo_stroke (cr);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
      break;

    case FA_GEOMETRY_LINE:
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      fa_map_style_set_source (cr, &ctx->style->halo);
      cairo_set_line_width (cr, 3.5);
      cairo_stroke_preserve (cr);
      fa_map_style_set_source (cr, &self->color);
      cairo_set_line_width (cr, 1.8);
      cairo_stroke (cr);
      break;

    case FA_GEOMETRY_POINT:
      fa_map_style_set_source (cr, &self->color);
      cairo_fill_preserve (cr);
      fa_map_style_set_source (cr, &ctx->style->halo);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
      break;

    case FA_GEOMETRY_NONE:
    default:
      cairo_new_path (cr);
      break;
    }
}

/* Cairo's stroker sorts all edges of a path at once: many small paths
 * rasterize much faster than one path of a million points. */
#define BATCH_FEATURES 32

static void
fa_shape_layer_render (FaMapLayer            *layer,
                       cairo_t               *cr,
                       const FaRenderContext *ctx)
{
  FaShapeLayer *self = FA_SHAPE_LAYER (layer);
  FaGeometryType type = fa_feature_layer_get_geometry_type (self->features);
  guint n = fa_feature_layer_get_n_features (self->features);
  FaRect visible = ctx->visible;
  guint batched = 0;
  double tolerance = fa_feature_layer_get_n_points (self->features) > DENSE_POINTS ? 0.5 : 0.35;
  g_auto(Hairlines) hairlines = { 0 };
  Hairlines *outlines = NULL;

  if (type == FA_GEOMETRY_POLYGON && hairlines_init (&hairlines, cr))
    outlines = &hairlines;

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      FaRect b;

      fa_feature_layer_get_feature_bounds (self->features, i, &b);
      if (b.x2 < visible.x1 || b.x1 > visible.x2 || b.y2 < visible.y1 || b.y1 > visible.y2)
        continue;

      if (type == FA_GEOMETRY_POINT)
        draw_points (self, cr, ctx, i);
      else
        fa_feature_layer_append_path (self->features, i, cr, &ctx->to_device, tolerance);

      if (++batched == BATCH_FEATURES)
        {
          paint_path (self, cr, ctx, type, outlines);
          batched = 0;
        }
    }
  paint_path (self, cr, ctx, type, outlines);

  if (outlines != NULL)
    hairlines_paint (outlines, cr, &self->color);
}

static void
draw_swatch_cb (FaMapLayer            *layer,
                cairo_t               *cr,
                const FaRenderContext *ctx,
                double                 width,
                double                 height,
                gpointer               data)
{
  FaShapeLayer *self = FA_SHAPE_LAYER (layer);

  switch (fa_feature_layer_get_geometry_type (self->features))
    {
    case FA_GEOMETRY_LINE:
      cairo_move_to (cr, 1, height / 2);
      cairo_curve_to (cr, width / 3, 0, 2 * width / 3, height, width - 1, height / 2);
      fa_map_style_set_source (cr, &self->color);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      break;

    case FA_GEOMETRY_POINT:
      cairo_arc (cr, width / 2, height / 2, 3.5, 0, 2 * G_PI);
      fa_map_style_set_source (cr, &self->color);
      cairo_fill (cr);
      break;

    case FA_GEOMETRY_POLYGON:
    case FA_GEOMETRY_NONE:
    default:
      cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
      fa_map_style_set_source_alpha (cr, &self->color, 0.22);
      cairo_fill_preserve (cr);
      fa_map_style_set_source (cr, &self->color);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      break;
    }
}

static void
fa_shape_layer_collect_legend (FaMapLayer            *layer,
                               const FaRenderContext *ctx,
                               GPtrArray             *entries)
{
  FaShapeLayer *self = FA_SHAPE_LAYER (layer);
  FaLegendEntry *entry = g_new0 (FaLegendEntry, 1);

  entry->label = g_strdup (fa_map_layer_get_title (layer));
  entry->detail = fa_shape_layer_dup_summary (self);
  entry->draw_swatch = draw_swatch_cb;
  g_ptr_array_add (entries, entry);
}

static void
fa_shape_layer_finalize (GObject *object)
{
  FaShapeLayer *self = FA_SHAPE_LAYER (object);

  g_clear_object (&self->features);

  G_OBJECT_CLASS (fa_shape_layer_parent_class)->finalize (object);
}

static void
fa_shape_layer_class_init (FaShapeLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FaMapLayerClass *layer_class = FA_MAP_LAYER_CLASS (klass);

  object_class->finalize = fa_shape_layer_finalize;
  layer_class->render = fa_shape_layer_render;
  layer_class->collect_legend = fa_shape_layer_collect_legend;
  layer_class->dup_summary = (char *(*) (FaMapLayer *)) fa_shape_layer_dup_summary;
}

static void
fa_shape_layer_init (FaShapeLayer *self)
{
}

/**
 * fa_shape_layer_new:
 * @features: projected geometry
 * @color: the layer's colour
 *
 * Returns: (transfer full): a static layer drawing @features
 */
FaShapeLayer *
fa_shape_layer_new (FaFeatureLayer *features,
                    const FaColor  *color)
{
  FaShapeLayer *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (FA_IS_FEATURE_LAYER (features), NULL);
  g_return_val_if_fail (color != NULL, NULL);

  title = fa_shapefile_dup_display_name (fa_feature_layer_get_source (features));
  self = g_object_new (FA_TYPE_SHAPE_LAYER,
                       "title", title,
                       "kind", FA_LAYERS_STATIC,
                       NULL);
  self->features = g_object_ref (features);
  self->color = *color;

  return self;
}

/**
 * fa_shape_layer_new_from_file:
 *
 * Reads and projects a shapefile.
 *
 * Returns: (transfer full) (nullable): the layer, or %NULL with @error set;
 *   the message names the file and, where it applies, the record
 */
FaShapeLayer *
fa_shape_layer_new_from_file (const char    *path,
                              FaProjection  *projection,
                              const FaColor *color,
                              GError       **error)
{
  g_autoptr(FaShapefile) shp = NULL;
  g_autoptr(FaFeatureLayer) features = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  shp = fa_shapefile_load (path, error);
  if (shp == NULL)
    return NULL;

  features = fa_feature_layer_new (shp, projection, error);
  if (features == NULL)
    return NULL;

  return fa_shape_layer_new (features, color);
}

FaFeatureLayer *
fa_shape_layer_get_features (FaShapeLayer *self)
{
  g_return_val_if_fail (FA_IS_SHAPE_LAYER (self), NULL);

  return self->features;
}

const FaColor *
fa_shape_layer_get_color (FaShapeLayer *self)
{
  g_return_val_if_fail (FA_IS_SHAPE_LAYER (self), NULL);

  return &self->color;
}

/**
 * fa_shape_layer_dup_summary:
 *
 * Returns: (transfer full): e.g. "4,596 polygons"
 */
char *
fa_shape_layer_dup_summary (FaShapeLayer *self)
{
  guint n;

  g_return_val_if_fail (FA_IS_SHAPE_LAYER (self), NULL);

  n = fa_shapefile_get_n_records (fa_feature_layer_get_source (self->features));
  switch (fa_feature_layer_get_geometry_type (self->features))
    {
    case FA_GEOMETRY_POINT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u point feature", "%'u point features", n), n);
    case FA_GEOMETRY_LINE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u line", "%'u lines", n), n);
    case FA_GEOMETRY_POLYGON:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u polygon", "%'u polygons", n), n);
    case FA_GEOMETRY_NONE:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u record without geometry", "%'u records without geometry", n), n);
    }
}
