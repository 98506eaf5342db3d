/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-viewport"

#include "config.h"

#include <math.h>

#include "fa-viewport.h"

/* The viewport maps projected map units (metres, or degrees for plate
 * carrée) to pixels:  sx = (x - cx) / scale + width / 2, with y growing up
 * on the map and down on the screen.  It knows nothing about projections
 * or widgets, so export and tests use the very same object.
 */
struct _FaViewport
{
  GObject parent_instance;

  double  center_x;
  double  center_y;
  double  scale;       /* map units per pixel */
  double  min_scale;
  double  max_scale;
  int     width;
  int     height;
};

G_DEFINE_FINAL_TYPE (FaViewport, fa_viewport, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CENTER_X,
  PROP_CENTER_Y,
  PROP_SCALE,
  PROP_WIDTH,
  PROP_HEIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fa_viewport_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FaViewport *self = FA_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_CENTER_X:
      g_value_set_double (value, self->center_x);
      break;

    case PROP_CENTER_Y:
      g_value_set_double (value, self->center_y);
      break;

    case PROP_SCALE:
      g_value_set_double (value, self->scale);
      break;

    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;

    case PROP_HEIGHT:
      g_value_set_int (value, self->height);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_viewport_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FaViewport *self = FA_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_CENTER_X:
      fa_viewport_set_center (self, g_value_get_double (value), self->center_y);
      break;

    case PROP_CENTER_Y:
      fa_viewport_set_center (self, self->center_x, g_value_get_double (value));
      break;

    case PROP_SCALE:
      fa_viewport_set_scale (self, g_value_get_double (value));
      break;

    case PROP_WIDTH:
      fa_viewport_set_size (self, g_value_get_int (value), self->height);
      break;

    case PROP_HEIGHT:
      fa_viewport_set_size (self, self->width, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_viewport_class_init (FaViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fa_viewport_get_property;
  object_class->set_property = fa_viewport_set_property;

  properties[PROP_CENTER_X] =
    g_param_spec_double ("center-x", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CENTER_Y] =
    g_param_spec_double ("center-y", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL,
                         G_MINDOUBLE, G_MAXDOUBLE, 1,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WIDTH] =
    g_param_spec_int ("width", NULL, NULL,
                      1, G_MAXINT, 1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HEIGHT] =
    g_param_spec_int ("height", NULL, NULL,
                      1, G_MAXINT, 1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fa_viewport_init (FaViewport *self)
{
  self->scale = 1;
  self->min_scale = 1e-9;
  self->max_scale = 1e12;
  self->width = 1;
  self->height = 1;
}

/**
 * fa_viewport_new:
 *
 * Returns: (transfer full): a 1×1 viewport at the origin, scale 1.
 */
FaViewport *
fa_viewport_new (void)
{
  return g_object_new (FA_TYPE_VIEWPORT, NULL);
}

/**
 * fa_viewport_copy:
 *
 * Export clones the on-screen viewport and then resizes the copy.
 *
 * Returns: (transfer full): an independent copy of @self.
 */
FaViewport *
fa_viewport_copy (FaViewport *self)
{
  FaViewport *copy;

  g_return_val_if_fail (FA_IS_VIEWPORT (self), NULL);

  copy = fa_viewport_new ();
  copy->center_x = self->center_x;
  copy->center_y = self->center_y;
  copy->scale = self->scale;
  copy->min_scale = self->min_scale;
  copy->max_scale = self->max_scale;
  copy->width = self->width;
  copy->height = self->height;

  return copy;
}

double
fa_viewport_get_center_x (FaViewport *self)
{
  g_return_val_if_fail (FA_IS_VIEWPORT (self), 0);

  return self->center_x;
}

double
fa_viewport_get_center_y (FaViewport *self)
{
  g_return_val_if_fail (FA_IS_VIEWPORT (self), 0);

  return self->center_y;
}

void
fa_viewport_set_center (FaViewport *self,
                        double      x,
                        double      y)
{
  g_return_if_fail (FA_IS_VIEWPORT (self));

  if (!isfinite (x) || !isfinite (y))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->center_x != x)
    {
      self->center_x = x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTER_X]);
    }
  if (self->center_y != y)
    {
      self->center_y = y;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTER_Y]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

double
fa_viewport_get_scale (FaViewport *self)
{
  g_return_val_if_fail (FA_IS_VIEWPORT (self), 1);

  return self->scale;
}

/**
 * fa_viewport_set_scale:
 * @scale: map units per pixel, clamped to the scale limits
 */
void
fa_viewport_set_scale (FaViewport *self,
                       double      scale)
{
  g_return_if_fail (FA_IS_VIEWPORT (self));

  if (!isfinite (scale) || scale <= 0)
    return;

  scale = CLAMP (scale, self->min_scale, self->max_scale);
  if (self->scale == scale)
    return;

  self->scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

void
fa_viewport_set_scale_limits (FaViewport *self,
                              double      min_scale,
                              double      max_scale)
{
  g_return_if_fail (FA_IS_VIEWPORT (self));
  g_return_if_fail (min_scale > 0 && min_scale <= max_scale);

  self->min_scale = min_scale;
  self->max_scale = max_scale;
  fa_viewport_set_scale (self, self->scale);
}

int
fa_viewport_get_width (FaViewport *self)
{
  g_return_val_if_fail (FA_IS_VIEWPORT (self), 1);

  return self->width;
}

int
fa_viewport_get_height (FaViewport *self)
{
  g_return_val_if_fail (FA_IS_VIEWPORT (self), 1);

  return self->height;
}

void
fa_viewport_set_size (FaViewport *self,
                      int         width,
                      int         height)
{
  g_return_if_fail (FA_IS_VIEWPORT (self));

  width = MAX (width, 1);
  height = MAX (height, 1);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->width != width)
    {
      self->width = width;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
    }
  if (self->height != height)
    {
      self->height = height;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEIGHT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * fa_viewport_get_matrix:
 * @matrix: (out): the transformation from projected units to pixels
 */
void
fa_viewport_get_matrix (FaViewport     *self,
                        cairo_matrix_t *matrix)
{
  g_return_if_fail (FA_IS_VIEWPORT (self));
  g_return_if_fail (matrix != NULL);

  cairo_matrix_init (matrix,
                     1 / self->scale, 0,
                     0, -1 / self->scale,
                     self->width / 2.0 - self->center_x / self->scale,
                     self->height / 2.0 + self->center_y / self->scale);
}

void
fa_viewport_get_visible_rect (FaViewport *self,
                              FaRect     *rect)
{
  g_return_if_fail (FA_IS_VIEWPORT (self));
  g_return_if_fail (rect != NULL);

  rect->x1 = self->center_x - self->width / 2.0 * self->scale;
  rect->x2 = self->center_x + self->width / 2.0 * self->scale;
  rect->y1 = self->center_y - self->height / 2.0 * self->scale;
  rect->y2 = self->center_y + self->height / 2.0 * self->scale;
}

void
fa_viewport_screen_to_projected (FaViewport *self,
                                 double      sx,
                                 double      sy,
                                 double     *x,
                                 double     *y)
{
  g_return_if_fail (FA_IS_VIEWPORT (self));

  if (x != NULL)
    *x = self->center_x + (sx - self->width / 2.0) * self->scale;
  if (y != NULL)
    *y = self->center_y - (sy - self->height / 2.0) * self->scale;
}

void
fa_viewport_projected_to_screen (FaViewport *self,
                                 double      x,
                                 double      y,
                                 double     *sx,
                                 double     *sy)
{
  g_return_if_fail (FA_IS_VIEWPORT (self));

  if (sx != NULL)
    *sx = (x - self->center_x) / self->scale + self->width / 2.0;
  if (sy != NULL)
    *sy = self->height / 2.0 - (y - self->center_y) / self->scale;
}

/**
 * fa_viewport_put_point_at:
 * @x: projected x
 * @y: projected y
 * @sx: where that point should be on screen
 * @sy: where that point should be on screen
 *
 * Moves the centre so the projected point lands at the screen position:
 * dragging calls it with the grabbed point, so nothing drifts.
 */
void
fa_viewport_put_point_at (FaViewport *self,
                          double      x,
                          double      y,
                          double      sx,
                          double      sy)
{
  g_return_if_fail (FA_IS_VIEWPORT (self));

  fa_viewport_set_center (self,
                          x - (sx - self->width / 2.0) * self->scale,
                          y + (sy - self->height / 2.0) * self->scale);
}

/**
 * fa_viewport_zoom_at:
 * @factor: > 1 zooms in
 *
 * Zooms keeping the map point under (@sx, @sy) in place.
 */
void
fa_viewport_zoom_at (FaViewport *self,
                     double      factor,
                     double      sx,
                     double      sy)
{
  double x, y;

  g_return_if_fail (FA_IS_VIEWPORT (self));

  if (!isfinite (factor) || factor <= 0)
    return;

  fa_viewport_screen_to_projected (self, sx, sy, &x, &y);
  g_object_freeze_notify (G_OBJECT (self));
  fa_viewport_set_scale (self, self->scale / factor);
  fa_viewport_put_point_at (self, x, y, sx, sy);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * fa_viewport_pan_by:
 * @dx: pixels to move the map content right
 * @dy: pixels to move the map content down
 */
void
fa_viewport_pan_by (FaViewport *self,
                    double      dx,
                    double      dy)
{
  g_return_if_fail (FA_IS_VIEWPORT (self));

  fa_viewport_set_center (self,
                          self->center_x - dx * self->scale,
                          self->center_y + dy * self->scale);
}

/**
 * fa_viewport_fit_rect:
 * @rect: a rectangle in projected units
 * @margin: pixels to keep free on each side
 *
 * Centres @rect and picks the largest scale that shows all of it with
 * square pixels.
 */
void
fa_viewport_fit_rect (FaViewport   *self,
                      const FaRect *rect,
                      double        margin)
{
  double w, h, avail_w, avail_h;

  g_return_if_fail (FA_IS_VIEWPORT (self));
  g_return_if_fail (rect != NULL);

  w = rect->x2 - rect->x1;
  h = rect->y2 - rect->y1;
  if (!(w > 0) || !(h > 0) || !isfinite (w) || !isfinite (h))
    return;

  avail_w = MAX (1.0, self->width - 2 * margin);
  avail_h = MAX (1.0, self->height - 2 * margin);

  g_object_freeze_notify (G_OBJECT (self));
  fa_viewport_set_scale (self, MAX (w / avail_w, h / avail_h));
  fa_viewport_set_center (self, (rect->x1 + rect->x2) / 2, (rect->y1 + rect->y2) / 2);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * fa_viewport_fit_rect_in:
 * @rect: projected units
 * @area: pixels of the view
 *
 * Zooms and centres so that @rect fits in @area of the view, centred
 * there: the part of a page the legend leaves free, say.
 */
void
fa_viewport_fit_rect_in (FaViewport   *self,
                         const FaRect *rect,
                         const FaRect *area)
{
  double w, h, avail_w, avail_h;

  g_return_if_fail (FA_IS_VIEWPORT (self));
  g_return_if_fail (rect != NULL && area != NULL);

  w = rect->x2 - rect->x1;
  h = rect->y2 - rect->y1;
  if (!(w > 0) || !(h > 0) || !isfinite (w) || !isfinite (h))
    return;

  avail_w = MAX (1.0, area->x2 - area->x1);
  avail_h = MAX (1.0, area->y2 - area->y1);

  g_object_freeze_notify (G_OBJECT (self));
  fa_viewport_set_scale (self, MAX (w / avail_w, h / avail_h));
  fa_viewport_put_point_at (self, (rect->x1 + rect->x2) / 2, (rect->y1 + rect->y2) / 2,
                            (area->x1 + area->x2) / 2, (area->y1 + area->y2) / 2);
  g_object_thaw_notify (G_OBJECT (self));
}
