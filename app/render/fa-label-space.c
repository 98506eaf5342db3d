/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-label-space"

#include "config.h"

#include "fa-label-space.h"

#include "fa-glyph-check.h"
#include "fa-label-placer.h"

#include <math.h>
#include <string.h>

/* One label space for a drawing of the map: every layer offers its labels
 * (country names, place names, arrow magnitudes, event callouts) and the
 * places no label may cover (markers, the legend, the title); one pass
 * then keeps them in priority order, each at the first of its spots that
 * lies whole inside the frame and meets nothing kept before.  A label is
 * shown whole or not at all.
 */

#define FRAME_INSET 2.0

typedef struct
{
  FaMapLayer           *layer;     /* borrowed */
  guint                 order;     /* as added: ties keep it */
  char                 *text;
  gboolean              markup;
  PangoFontDescription *font;
  double                wrap_width;
  double                max_width;
  double                x, y;
  FaLabelSpot          *spots;
  guint                 n_spots;
  gboolean              move_for_obstacles_only;
  double                pad_x, pad_y;
  FaLabelKind           kind;
  FaColor               color, halo, frame;
  double                halo_width;
  double                alpha;
  double                priority;
  gboolean              drop_if_repeated;

  /* Set by fa_label_space_place(). */
  PangoLayout          *layout;
  PangoRectangle        logical;
  gboolean              placed;
  double                bx, by, bw, bh;
} Label;

struct _FaLabelSpace
{
  double      width;
  double      height;
  FaRect      frame;       /* where labels must lie whole */
  FaMapLayer *layer;       /* borrowed: who is adding now */
  double      layer_alpha; /* its opacity */
  GPtrArray  *labels;      /* Label */
  GArray     *obstacles;   /* FaRect */
  GPtrArray  *placed;      /* borrowed Label, in the order kept */
};

static void
label_free (Label *label)
{
  g_free (label->text);
  g_clear_pointer (&label->font, pango_font_description_free);
  g_free (label->spots);
  g_clear_object (&label->layout);
  g_free (label);
}

FaLabelSpace *
fa_label_space_new (double width,
                    double height)
{
  FaLabelSpace *self = g_new0 (FaLabelSpace, 1);

  self->width = MAX (width, 1);
  self->height = MAX (height, 1);
  self->frame = (FaRect) { 0, 0, self->width, self->height };
  self->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) label_free);
  self->obstacles = g_array_new (FALSE, FALSE, sizeof (FaRect));
  self->placed = g_ptr_array_new ();
  self->layer_alpha = 1.0;

  return self;
}

void
fa_label_space_free (FaLabelSpace *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->placed);
  g_ptr_array_unref (self->labels);
  g_array_unref (self->obstacles);
  g_free (self);
}

/**
 * fa_label_space_set_frame:
 *
 * Where labels must lie whole: the part of the drawing that is seen.
 */
void
fa_label_space_set_frame (FaLabelSpace *self,
                          const FaRect *frame)
{
  g_return_if_fail (self != NULL && frame != NULL);

  self->frame = *frame;
}

/**
 * fa_label_space_set_layer:
 *
 * Names the layer whose labels follow, for the result's readers, and
 * its opacity, which its labels take.
 */
void
fa_label_space_set_layer (FaLabelSpace *self,
                          FaMapLayer   *layer,
                          double        opacity)
{
  g_return_if_fail (self != NULL);

  self->layer = layer;
  self->layer_alpha = CLAMP (opacity, 0.0, 1.0);
}

/**
 * fa_label_space_add_obstacle:
 *
 * Marks an area no label may cover: a marker, the legend, the title.
 */
void
fa_label_space_add_obstacle (FaLabelSpace *self,
                             double        x,
                             double        y,
                             double        width,
                             double        height)
{
  FaRect box = { x, y, x + width, y + height };

  g_return_if_fail (self != NULL);

  if (width <= 0 || height <= 0 || !isfinite (x) || !isfinite (y))
    return;
  g_array_append_val (self->obstacles, box);
}

/**
 * fa_label_space_add:
 *
 * Offers a label; the request is copied.  A request without spots is
 * centred on its anchor.
 */
void
fa_label_space_add (FaLabelSpace         *self,
                    const FaLabelRequest *request)
{
  static const FaLabelSpot centred = { -0.5, -0.5, 0, 0 };
  Label *label;

  g_return_if_fail (self != NULL);
  g_return_if_fail (request != NULL && request->font != NULL);

  if (request->text == NULL || request->text[0] == '\0' ||
      !isfinite (request->x) || !isfinite (request->y))
    return;

  label = g_new0 (Label, 1);
  label->layer = self->layer;
  label->order = self->labels->len;
  label->text = g_strdup (request->text);
  label->markup = request->markup;
  label->font = pango_font_description_copy (request->font);
  label->wrap_width = request->wrap_width;
  label->max_width = request->max_width;
  label->x = request->x;
  label->y = request->y;
  if (request->n_spots > 0)
    {
      label->spots = g_memdup2 (request->spots, sizeof (FaLabelSpot) * request->n_spots);
      label->n_spots = request->n_spots;
    }
  else
    {
      label->spots = g_memdup2 (&centred, sizeof centred);
      label->n_spots = 1;
    }
  label->move_for_obstacles_only = request->move_for_obstacles_only;
  label->pad_x = request->pad_x;
  label->pad_y = request->pad_y;
  label->kind = request->kind;
  label->color = request->color;
  label->halo = request->halo;
  label->frame = request->frame;
  label->halo_width = request->halo_width;
  label->alpha = (request->alpha > 0 ? MIN (request->alpha, 1.0) : 1.0) * self->layer_alpha;
  label->priority = request->priority;
  label->drop_if_repeated = request->drop_if_repeated;
  g_ptr_array_add (self->labels, label);
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const Label *la = *(const Label **) a;
  const Label *lb = *(const Label **) b;

  if (la->priority != lb->priority)
    return la->priority > lb->priority ? -1 : 1;
  return la->order < lb->order ? -1 : la->order > lb->order;
}

static char *
repeat_key (const Label *label)
{
  g_autofree char *plain = NULL;

  if (label->markup)
    {
      if (!pango_parse_markup (label->text, -1, 0, NULL, &plain, NULL, NULL))
        return NULL;
    }
  else
    plain = g_strdup (label->text);

  return g_utf8_casefold (g_strstrip (plain), -1);
}

/**
 * fa_label_space_place:
 * @cr: the context the labels will be drawn on, for their sizes
 *
 * Decides which labels are shown and where.
 */
void
fa_label_space_place (FaLabelSpace *self,
                      cairo_t      *cr)
{
  g_autoptr(FaLabelPlacer) obstacles = NULL;
  g_autoptr(FaLabelPlacer) taken = NULL;
  g_autoptr(GHashTable) said = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = NULL;

  g_return_if_fail (self != NULL && cr != NULL);

  obstacles = fa_label_placer_new (self->width, self->height);
  taken = fa_label_placer_new (self->width, self->height);
  for (guint i = 0; i < self->obstacles->len; i++)
    {
      const FaRect *r = &g_array_index (self->obstacles, FaRect, i);

      fa_label_placer_reserve (obstacles, r->x1, r->y1, r->x2 - r->x1, r->y2 - r->y1);
    }

  g_ptr_array_set_size (self->placed, 0);
  /* Borrowed: the copy must not free what it holds. */
  order = g_ptr_array_sized_new (self->labels->len);
  for (guint i = 0; i < self->labels->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (self->labels, i));
  g_ptr_array_sort (order, compare_labels);

  for (guint i = 0; i < order->len; i++)
    {
      Label *label = g_ptr_array_index (order, i);
      g_autofree char *key = NULL;
      double w, h;

      label->placed = FALSE;
      g_clear_object (&label->layout);

      key = repeat_key (label);
      if (label->drop_if_repeated && key != NULL && g_hash_table_contains (said, key))
        continue;

      label->layout = fa_create_layout (cr);
      pango_layout_set_font_description (label->layout, label->font);
      if (label->wrap_width > 0)
        {
          pango_layout_set_width (label->layout, (int) (label->wrap_width * PANGO_SCALE));
          pango_layout_set_wrap (label->layout, PANGO_WRAP_WORD_CHAR);
        }
      if (label->markup)
        pango_layout_set_markup (label->layout, label->text, -1);
      else
        pango_layout_set_text (label->layout, label->text, -1);
      pango_layout_get_pixel_extents (label->layout, NULL, &label->logical);
      if (label->max_width > 0 && label->logical.width > label->max_width)
        {
          g_clear_object (&label->layout);
          continue;
        }
      w = label->logical.width + 2 * label->pad_x;
      h = label->logical.height + 2 * label->pad_y;

      for (guint s = 0; s < label->n_spots && !label->placed; s++)
        {
          const FaLabelSpot *spot = &label->spots[s];
          double x = label->x + spot->fx * w + spot->dx;
          double y = label->y + spot->fy * h + spot->dy;
          gboolean inside = x >= self->frame.x1 + FRAME_INSET && y >= self->frame.y1 + FRAME_INSET &&
                            x + w <= self->frame.x2 - FRAME_INSET && y + h <= self->frame.y2 - FRAME_INSET;
          gboolean blocked = fa_label_placer_overlaps (obstacles, x, y, w, h);

          if (inside && !blocked && !fa_label_placer_overlaps (taken, x, y, w, h))
            {
              fa_label_placer_reserve (taken, x, y, w, h);
              label->placed = TRUE;
              label->bx = x;
              label->by = y;
              label->bw = w;
              label->bh = h;
            }
          else if (s == 0 && label->move_for_obstacles_only && !blocked)
            break;
        }

      if (!label->placed)
        {
          g_clear_object (&label->layout);
          continue;
        }
      g_ptr_array_add (self->placed, label);
      /* A label that is shown: say if it shows boxes. */
      fa_glyph_check_layout (label->layout);
      if (key != NULL)
        g_hash_table_add (said, g_steal_pointer (&key));
    }
}

static void
draw_one (cairo_t     *cr,
          const Label *label)
{
  double tx = label->bx + label->pad_x - label->logical.x;
  double ty = label->by + label->pad_y - label->logical.y;

  cairo_save (cr);
  if (label->alpha < 1)
    cairo_push_group (cr);

  if (label->kind == FA_LABEL_CALLOUT)
    {
      cairo_rectangle (cr, label->bx, label->by, label->bw, label->bh);
      fa_map_style_set_source (cr, &label->halo);
      cairo_fill_preserve (cr);
      fa_map_style_set_source (cr, &label->frame);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      cairo_move_to (cr, tx, ty);
      fa_map_style_set_source (cr, &label->color);
      pango_cairo_show_layout (cr, label->layout);
    }
  else
    fa_draw_label (cr, label->layout, tx, ty, &label->color, &label->halo, label->halo_width);

  if (label->alpha < 1)
    {
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, label->alpha);
    }
  cairo_restore (cr);
}

/**
 * fa_label_space_draw:
 *
 * Draws the labels kept by fa_label_space_place(), the base map's under
 * the story's.
 */
void
fa_label_space_draw (FaLabelSpace *self,
                     cairo_t      *cr)
{
  g_return_if_fail (self != NULL && cr != NULL);

  for (guint i = self->placed->len; i > 0; i--)
    draw_one (cr, g_ptr_array_index (self->placed, i - 1));
}

guint
fa_label_space_get_n_labels (FaLabelSpace *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->labels->len;
}

guint
fa_label_space_get_n_placed (FaLabelSpace *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->placed->len;
}

/**
 * fa_label_space_get_placed:
 *
 * The @index-th label kept, in priority order.
 */
gboolean
fa_label_space_get_placed (FaLabelSpace  *self,
                           guint          index,
                           FaPlacedLabel *out)
{
  const Label *label;

  g_return_val_if_fail (self != NULL && out != NULL, FALSE);

  if (index >= self->placed->len)
    return FALSE;
  label = g_ptr_array_index (self->placed, index);
  out->layer = label->layer;
  out->text = label->text;
  out->x = label->bx;
  out->y = label->by;
  out->width = label->bw;
  out->height = label->bh;
  out->priority = label->priority;

  return TRUE;
}

guint
fa_label_space_get_n_obstacles (FaLabelSpace *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->obstacles->len;
}

void
fa_label_space_get_obstacle (FaLabelSpace *self,
                             guint         index,
                             FaRect       *out)
{
  g_return_if_fail (self != NULL && out != NULL);
  g_return_if_fail (index < self->obstacles->len);

  *out = g_array_index (self->obstacles, FaRect, index);
}
