/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-map-layer"

#include "config.h"

#include "fa-map-layer.h"

typedef struct
{
  char       *title;
  double      opacity;
  FaLayerSet  kind;
  guint       visible : 1;
} FaMapLayerPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (FaMapLayer, fa_map_layer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_VISIBLE,
  PROP_OPACITY,
  PROP_KIND,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
fa_legend_entry_free (FaLegendEntry *entry)
{
  if (entry == NULL)
    return;

  if (entry->data_free != NULL)
    entry->data_free (entry->data);
  g_free (entry->label);
  g_free (entry->detail);
  g_free (entry->shared_detail);
  g_free (entry->brief_detail);
  g_free (entry);
}

static void
fa_map_layer_finalize (GObject *object)
{
  FaMapLayer *self = FA_MAP_LAYER (object);
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);

  g_clear_pointer (&priv->title, g_free);

  G_OBJECT_CLASS (fa_map_layer_parent_class)->finalize (object);
}

static void
fa_map_layer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FaMapLayer *self = FA_MAP_LAYER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, fa_map_layer_get_title (self));
      break;

    case PROP_VISIBLE:
      g_value_set_boolean (value, fa_map_layer_get_visible (self));
      break;

    case PROP_OPACITY:
      g_value_set_double (value, fa_map_layer_get_opacity (self));
      break;

    case PROP_KIND:
      g_value_set_flags (value, fa_map_layer_get_kind (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_map_layer_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FaMapLayer *self = FA_MAP_LAYER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      fa_map_layer_set_title (self, g_value_get_string (value));
      break;

    case PROP_VISIBLE:
      fa_map_layer_set_visible (self, g_value_get_boolean (value));
      break;

    case PROP_OPACITY:
      fa_map_layer_set_opacity (self, g_value_get_double (value));
      break;

    case PROP_KIND:
      fa_map_layer_set_kind (self, g_value_get_flags (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GType
fa_layer_set_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GFlagsValue values[] = {
        { FA_LAYERS_STATIC, "FA_LAYERS_STATIC", "static" },
        { FA_LAYERS_DYNAMIC, "FA_LAYERS_DYNAMIC", "dynamic" },
        { FA_LAYERS_OVERLAY, "FA_LAYERS_OVERLAY", "overlay" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type, g_flags_register_static ("FaLayerSet", values));
    }

  return type;
}

static void
fa_map_layer_class_init (FaMapLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fa_map_layer_finalize;
  object_class->get_property = fa_map_layer_get_property;
  object_class->set_property = fa_map_layer_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_VISIBLE] =
    g_param_spec_boolean ("visible", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_OPACITY] =
    g_param_spec_double ("opacity", NULL, NULL, 0, 1, 1,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * FaMapLayer:kind:
   *
   * Whether the layer is static (drawing depends only on the viewport, so
   * the widget may cache it), dynamic or a screen-fixed overlay.
   */
  properties[PROP_KIND] =
    g_param_spec_flags ("kind", NULL, NULL, fa_layer_set_get_type (), FA_LAYERS_STATIC,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FaMapLayer::changed:
   *
   * Emitted when what the layer draws changed for a reason that is not one
   * of its properties (new data, a new projection).
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fa_map_layer_init (FaMapLayer *self)
{
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);

  priv->visible = TRUE;
  priv->opacity = 1.0;
  priv->kind = FA_LAYERS_STATIC;
}

const char *
fa_map_layer_get_title (FaMapLayer *self)
{
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);

  g_return_val_if_fail (FA_IS_MAP_LAYER (self), NULL);

  return priv->title;
}

void
fa_map_layer_set_title (FaMapLayer *self,
                        const char *title)
{
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);

  g_return_if_fail (FA_IS_MAP_LAYER (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
fa_map_layer_get_visible (FaMapLayer *self)
{
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);

  g_return_val_if_fail (FA_IS_MAP_LAYER (self), FALSE);

  return priv->visible;
}

void
fa_map_layer_set_visible (FaMapLayer *self,
                          gboolean    visible)
{
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);

  g_return_if_fail (FA_IS_MAP_LAYER (self));

  visible = !!visible;
  if (priv->visible == visible)
    return;

  priv->visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
}

double
fa_map_layer_get_opacity (FaMapLayer *self)
{
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);

  g_return_val_if_fail (FA_IS_MAP_LAYER (self), 1);

  return priv->opacity;
}

void
fa_map_layer_set_opacity (FaMapLayer *self,
                          double      opacity)
{
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);

  g_return_if_fail (FA_IS_MAP_LAYER (self));

  opacity = CLAMP (opacity, 0, 1);
  if (priv->opacity == opacity)
    return;

  priv->opacity = opacity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPACITY]);
}

FaLayerSet
fa_map_layer_get_kind (FaMapLayer *self)
{
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);

  g_return_val_if_fail (FA_IS_MAP_LAYER (self), FA_LAYERS_STATIC);

  return priv->kind;
}

void
fa_map_layer_set_kind (FaMapLayer *self,
                       FaLayerSet  kind)
{
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);

  g_return_if_fail (FA_IS_MAP_LAYER (self));

  if (priv->kind == kind)
    return;

  priv->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/**
 * fa_map_layer_render:
 *
 * Draws the layer if it is visible, with its opacity.  The cairo context
 * has device pixels as user space; layers transform their own coordinates
 * with @ctx->to_device so that line widths stay in pixels.
 */
void
fa_map_layer_render (FaMapLayer            *self,
                     cairo_t               *cr,
                     const FaRenderContext *ctx)
{
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);
  FaMapLayerClass *klass;

  g_return_if_fail (FA_IS_MAP_LAYER (self));

  klass = FA_MAP_LAYER_GET_CLASS (self);
  if (!priv->visible || priv->opacity <= 0 || klass->render == NULL)
    return;

  cairo_save (cr);
  if (priv->opacity < 1)
    cairo_push_group (cr);

  klass->render (self, cr, ctx);

  if (priv->opacity < 1)
    {
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, priv->opacity);
    }
  cairo_restore (cr);
}

/**
 * fa_map_layer_collect_labels:
 * @cr: for the sizes of text only: nothing is drawn on it
 * @ctx: the drawing the labels are for
 * @space: where to offer labels and mark what they may not cover
 *
 * Labels are not drawn by the layers but placed in one pass for the whole
 * map (see fa_renderer_render()), so that the story's labels win over the
 * base map's and none covers another.
 */
void
fa_map_layer_collect_labels (FaMapLayer            *self,
                             cairo_t               *cr,
                             const FaRenderContext *ctx,
                             FaLabelSpace          *space)
{
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);
  FaMapLayerClass *klass;

  g_return_if_fail (FA_IS_MAP_LAYER (self));

  klass = FA_MAP_LAYER_GET_CLASS (self);
  if (!priv->visible || priv->opacity <= 0 || klass->collect_labels == NULL)
    return;

  fa_label_space_set_layer (space, self, priv->opacity);
  klass->collect_labels (self, cr, ctx, space);
  fa_label_space_set_layer (space, NULL, 1.0);
}

/**
 * fa_map_layers_place_labels:
 * @layers: (element-type FaMapLayer): the layers of a map, bottom first, as
 *   fa_renderer_ref_layers() gives them
 * @cr: for the sizes of text only
 * @which: the kinds of layers whose labels count
 *
 * The label pass of one drawing: every layer of @which offers its labels
 * and obstacles, then one placement decides.
 *
 * Returns: (transfer full): the placed label space
 */
FaLabelSpace *
fa_map_layers_place_labels (GPtrArray             *layers,
                            cairo_t               *cr,
                            const FaRenderContext *ctx,
                            FaLayerSet             which)
{
  FaLabelSpace *space;
  guint n;

  g_return_val_if_fail (layers != NULL, NULL);
  g_return_val_if_fail (cr != NULL && ctx != NULL, NULL);

  space = fa_label_space_new (fa_viewport_get_width (ctx->viewport),
                              fa_viewport_get_height (ctx->viewport));
  if (ctx->shown.x2 > ctx->shown.x1 && ctx->shown.y2 > ctx->shown.y1)
    fa_label_space_set_frame (space, &ctx->shown);
  n = layers->len;
  for (guint i = 0; i < n; i++)
    {
      FaMapLayer *layer = g_ptr_array_index (layers, i);

      if (fa_map_layer_get_kind (layer) & which)
        fa_map_layer_collect_labels (layer, cr, ctx, space);
    }
  fa_label_space_place (space, cr);

  return space;
}

/**
 * fa_map_layer_collect_legend:
 * @ctx: the drawing the legend is for
 * @entries: (element-type FaLegendEntry): where to append entries
 *
 * Legend entries follow from @ctx alone (the state and the view), never
 * from what an earlier drawing left behind.
 */
void
fa_map_layer_collect_legend (FaMapLayer            *self,
                             const FaRenderContext *ctx,
                             GPtrArray             *entries)
{
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);
  FaMapLayerClass *klass;

  g_return_if_fail (FA_IS_MAP_LAYER (self));

  klass = FA_MAP_LAYER_GET_CLASS (self);
  if (priv->visible && klass->collect_legend != NULL)
    {
      guint before = entries->len;

      klass->collect_legend (self, ctx, entries);
      for (guint i = before; i < entries->len; i++)
        ((FaLegendEntry *) g_ptr_array_index (entries, i))->layer = self;
    }
}

/**
 * fa_map_layer_pick:
 * @ctx: the drawing to look into; pick reads what the layer recorded in
 *   @ctx->frame when it drew, in the same pixel space as @x and @y
 * @hit: (out caller-allocates): what is under the point
 *
 * Returns: whether the layer has something under (@x, @y)
 */
gboolean
fa_map_layer_pick (FaMapLayer            *self,
                   const FaRenderContext *ctx,
                   double                 x,
                   double                 y,
                   FaMapHit              *hit)
{
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);
  FaMapLayerClass *klass;

  g_return_val_if_fail (FA_IS_MAP_LAYER (self), FALSE);
  g_return_val_if_fail (ctx != NULL && hit != NULL, FALSE);

  klass = FA_MAP_LAYER_GET_CLASS (self);
  if (!priv->visible || priv->opacity <= 0 || klass->pick == NULL)
    return FALSE;

  *hit = FA_MAP_HIT_INIT;
  if (!klass->pick (self, ctx, x, y, hit))
    {
      *hit = FA_MAP_HIT_INIT;
      return FALSE;
    }
  hit->layer = self;
  return TRUE;
}

/**
 * fa_map_layer_describe:
 * @hit: a hit of this layer or another one
 * @text: where to append lines about @hit
 *
 * Every layer may add what it knows about a hit: the base map names a
 * region, the choropleth adds its role in the flows shown.
 */
void
fa_map_layer_describe (FaMapLayer            *self,
                       const FaRenderContext *ctx,
                       const FaMapHit        *hit,
                       GString               *text)
{
  FaMapLayerPrivate *priv = fa_map_layer_get_instance_private (self);
  FaMapLayerClass *klass;

  g_return_if_fail (FA_IS_MAP_LAYER (self));

  klass = FA_MAP_LAYER_GET_CLASS (self);
  if (priv->visible && klass->describe != NULL)
    klass->describe (self, ctx, hit, text);
}

void
fa_map_layer_changed (FaMapLayer *self)
{
  g_return_if_fail (FA_IS_MAP_LAYER (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * fa_map_layer_dup_summary:
 *
 * Returns: (transfer full) (nullable): a line about what the layer holds,
 *   such as "4,596 polygons", for lists of layers
 */
char *
fa_map_layer_dup_summary (FaMapLayer *self)
{
  FaMapLayerClass *klass;

  g_return_val_if_fail (FA_IS_MAP_LAYER (self), NULL);

  klass = FA_MAP_LAYER_GET_CLASS (self);
  return klass->dup_summary != NULL ? klass->dup_summary (self) : NULL;
}
