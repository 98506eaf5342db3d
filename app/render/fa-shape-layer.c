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
#include "fa-hairlines.h"
#include "fa-label-space.h"
#include "fa-shapefile.h"

struct _FaShapeLayer
{
  FaMapLayer      parent_instance;

  FaFeatureLayer *features;   /* owned */
  FaColor         color;
  /* Interned, nullable: the field that labels points.  Interned strings
   * are never freed, so the workers that draw read it without a lock. */
  const char     *label_field;
};

G_DEFINE_FINAL_TYPE (FaShapeLayer, fa_shape_layer, FA_TYPE_MAP_LAYER)

enum {
  PROP_0,
  PROP_LABEL_FIELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
            FaHairlines           *hairlines)
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
          fa_hairlines_add_path (hairlines, cr);
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
  g_auto(FaHairlines) hairlines = { 0 };
  FaHairlines *outlines = NULL;

  if (type == FA_GEOMETRY_POLYGON && fa_hairlines_init (&hairlines, cr, 1.0))
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
    fa_hairlines_paint (outlines, cr, &self->color, 1.0);
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

/* A user's feature under the pointer: a polygon containing it, or the
 * nearest line or point within a few pixels. */
#define PICK_RADIUS 6.0   /* pixels */

static gboolean
fa_shape_layer_pick (FaMapLayer            *layer,
                     const FaRenderContext *ctx,
                     double                 x,
                     double                 y,
                     FaMapHit              *hit)
{
  FaShapeLayer *self = FA_SHAPE_LAYER (layer);
  double px, py;
  int feature;

  fa_viewport_screen_to_projected (ctx->viewport, x, y, &px, &py);
  feature = fa_feature_layer_pick (self->features, px, py, PICK_RADIUS * fa_viewport_get_scale (ctx->viewport));
  if (feature < 0)
    return FALSE;

  /* Polygons are highlighted under the pointer; lines and points are
   * small enough to see. */
  hit->features = fa_feature_layer_get_geometry_type (self->features) == FA_GEOMETRY_POLYGON ? self->features : NULL;
  hit->feature = feature;
  hit->map_x = px;
  hit->map_y = py;
  return TRUE;
}

/* Most shapefiles name their features in a field like these. */
static int
find_name_field (FaShapefile *shapefile)
{
  static const char * const names[] = { "name", "NAME", "Name", "name_en", "NAME_EN", "label", "LABEL", "title" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      int field = fa_shapefile_find_field (shapefile, names[i]);

      if (field >= 0)
        return field;
    }
  return -1;
}

/* The layer's name, then the feature's attributes as the file has them:
 * its name first, then up to a dozen fields with a value. */
#define MAX_ATTRIBUTES 12

static void
fa_shape_layer_describe (FaMapLayer            *layer,
                         const FaRenderContext *ctx,
                         const FaMapHit        *hit,
                         GString               *text)
{
  FaShapeLayer *self = FA_SHAPE_LAYER (layer);
  FaShapefile *shapefile = fa_feature_layer_get_source (self->features);
  int name_field;
  guint shown = 0;
  guint record;

  if (hit->layer != layer || hit->feature < 0 || shapefile == NULL)
    return;

  record = fa_feature_layer_get_record (self->features, (guint) hit->feature);
  name_field = find_name_field (shapefile);
  if (text->len > 0)
    g_string_append_c (text, '\n');
  if (name_field >= 0 && fa_shapefile_get_value (shapefile, record, (guint) name_field) != NULL &&
      *fa_shapefile_get_value (shapefile, record, (guint) name_field) != '\0')
    /* translators: a feature of a user's layer: 1: its name, 2: the layer's */
    g_string_append_printf (text, _("%s (%s)"), fa_shapefile_get_value (shapefile, record, (guint) name_field),
                            fa_map_layer_get_title (layer));
  else
    g_string_append (text, fa_map_layer_get_title (layer));

  for (guint f = 0; f < fa_shapefile_get_n_fields (shapefile) && shown < MAX_ATTRIBUTES; f++)
    {
      const char *value = fa_shapefile_get_value (shapefile, record, f);

      if ((int) f == name_field || value == NULL || *value == '\0')
        continue;
      g_string_append_c (text, '\n');
      /* translators: an attribute of a feature: 1: the field's name, 2: its value */
      g_string_append_printf (text, _("%s: %s"), fa_shapefile_get_field_name (shapefile, f), value);
      shown++;
    }
}

/* Each point's name beside it, from the label field, in the label pass
 * with the others: below the dataset's places, arrows and events, above
 * the base map's names. */
#define FA_LABEL_PRIORITY_USER_POINT 250.0

static void
fa_shape_layer_collect_labels (FaMapLayer            *layer,
                               cairo_t               *cr,
                               const FaRenderContext *ctx,
                               FaLabelSpace          *space)
{
  FaShapeLayer *self = FA_SHAPE_LAYER (layer);
  FaShapefile *shapefile = fa_feature_layer_get_source (self->features);
  const char *label_field = self->label_field;
  g_autoptr(PangoFontDescription) font = NULL;
  int field;
  static const FaLabelSpot spots[] = {
    { 0.0, -0.5, 6, 0 },     /* right of the point */
    { -1.0, -0.5, -6, 0 },   /* left */
    { -0.5, -1.0, 0, -5 },   /* above */
    { -0.5, 0.0, 0, 5 },     /* below */
  };

  if (fa_feature_layer_get_geometry_type (self->features) != FA_GEOMETRY_POINT ||
      shapefile == NULL || label_field == NULL)
    return;
  field = fa_shapefile_find_field (shapefile, label_field);
  if (field < 0)
    return;

  font = pango_font_description_new ();
  pango_font_description_set_family (font, ctx->style->font_family);
  pango_font_description_set_absolute_size (font, fa_map_style_text_px (ctx->style, 11) * PANGO_SCALE);

  for (guint i = 0; i < fa_feature_layer_get_n_features (self->features); i++)
    {
      const char *text = fa_shapefile_get_value (shapefile, fa_feature_layer_get_record (self->features, i),
                                                 (guint) field);
      const double *xs, *ys;
      guint n;

      if (text == NULL || *text == '\0')
        continue;
      n = fa_feature_layer_get_points (self->features, i, &xs, &ys);
      for (guint k = 0; k < n; k++)
        {
          FaLabelRequest request = { 0 };
          double x = xs[k], y = ys[k];

          cairo_matrix_transform_point (&ctx->to_device, &x, &y);
          if (x < ctx->shown.x1 || x > ctx->shown.x2 || y < ctx->shown.y1 || y > ctx->shown.y2)
            continue;
          /* The point's symbol stays readable. */
          fa_label_space_add_obstacle (space, x - 4.5, y - 4.5, 9, 9);
          request.text = text;
          request.font = font;
          request.x = x;
          request.y = y;
          request.spots = spots;
          request.n_spots = G_N_ELEMENTS (spots);
          request.pad_x = 2;
          request.pad_y = 1;
          request.kind = FA_LABEL_PLAIN;
          request.color = ctx->style->label;
          request.halo = ctx->style->halo;
          request.halo_width = 3.0;
          request.alpha = 1.0;
          request.priority = FA_LABEL_PRIORITY_USER_POINT;
          fa_label_space_add (space, &request);
        }
    }
}

static void
fa_shape_layer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FaShapeLayer *self = FA_SHAPE_LAYER (object);

  switch (prop_id)
    {
    case PROP_LABEL_FIELD:
      g_value_set_string (value, self->label_field);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_shape_layer_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FaShapeLayer *self = FA_SHAPE_LAYER (object);

  switch (prop_id)
    {
    case PROP_LABEL_FIELD:
      fa_shape_layer_set_label_field (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/**
 * fa_shape_layer_get_label_field:
 *
 * Returns: (nullable): the attribute that labels the layer's points
 */
const char *
fa_shape_layer_get_label_field (FaShapeLayer *self)
{
  g_return_val_if_fail (FA_IS_SHAPE_LAYER (self), NULL);

  return self->label_field;
}

/**
 * fa_shape_layer_set_label_field:
 * @field: (nullable): one of the shapefile's fields, or %NULL for no labels
 *
 * Labels each point of the layer with its value of @field.
 */
void
fa_shape_layer_set_label_field (FaShapeLayer *self,
                                const char   *field)
{
  const char *interned;

  g_return_if_fail (FA_IS_SHAPE_LAYER (self));

  interned = field != NULL && *field != '\0' ? g_intern_string (field) : NULL;
  if (interned == self->label_field)
    return;
  self->label_field = interned;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_FIELD]);
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
  object_class->get_property = fa_shape_layer_get_property;
  object_class->set_property = fa_shape_layer_set_property;
  layer_class->render = fa_shape_layer_render;
  layer_class->collect_legend = fa_shape_layer_collect_legend;
  layer_class->pick = fa_shape_layer_pick;
  layer_class->describe = fa_shape_layer_describe;
  layer_class->collect_labels = fa_shape_layer_collect_labels;

  /**
   * FaShapeLayer:label-field:
   *
   * The attribute whose value labels each point of the layer, or %NULL.
   * A new layer of points takes its name field ("name", "NAME", …) when
   * it has one.
   */
  properties[PROP_LABEL_FIELD] =
    g_param_spec_string ("label-field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
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
  if (fa_feature_layer_get_geometry_type (features) == FA_GEOMETRY_POINT && fa_feature_layer_get_source (features) != NULL)
    {
      FaShapefile *shapefile = fa_feature_layer_get_source (features);
      int field = find_name_field (shapefile);

      if (field >= 0)
        self->label_field = g_intern_string (fa_shapefile_get_field_name (shapefile, (guint) field));
    }

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
