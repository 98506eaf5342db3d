/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-label-placer"

#include "config.h"

#include "fa-label-placer.h"

/* Labels are offered in priority order; each is kept only if its box
 * overlaps no box kept before.  A uniform grid of cells keeps the test
 * cheap for the few hundred labels a map carries.
 */
#define CELL 64.0

typedef struct
{
  double x1, y1, x2, y2;
} Box;

struct _FaLabelPlacer
{
  double  width;
  double  height;
  int     cols;
  int     rows;
  GArray *boxes;    /* Box */
  GArray **cells;   /* per cell: indexes into boxes */
};

FaLabelPlacer *
fa_label_placer_new (double width,
                     double height)
{
  FaLabelPlacer *self = g_new0 (FaLabelPlacer, 1);

  self->width = MAX (width, 1);
  self->height = MAX (height, 1);
  self->cols = MIN (4096, (int) (self->width / CELL) + 1);
  self->rows = MIN (4096, (int) (self->height / CELL) + 1);
  self->boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  self->cells = g_new0 (GArray *, (gsize) self->cols * self->rows);

  return self;
}

void
fa_label_placer_free (FaLabelPlacer *self)
{
  if (self == NULL)
    return;

  for (int i = 0; i < self->cols * self->rows; i++)
    if (self->cells[i] != NULL)
      g_array_unref (self->cells[i]);
  g_free (self->cells);
  g_array_unref (self->boxes);
  g_free (self);
}

static void
cell_range (FaLabelPlacer *self,
            const Box     *box,
            int           *c1,
            int           *r1,
            int           *c2,
            int           *r2)
{
  *c1 = CLAMP ((int) (box->x1 / CELL), 0, self->cols - 1);
  *c2 = CLAMP ((int) (box->x2 / CELL), 0, self->cols - 1);
  *r1 = CLAMP ((int) (box->y1 / CELL), 0, self->rows - 1);
  *r2 = CLAMP ((int) (box->y2 / CELL), 0, self->rows - 1);
}

static gboolean
overlaps (FaLabelPlacer *self,
          const Box     *box)
{
  int c1, r1, c2, r2;

  cell_range (self, box, &c1, &r1, &c2, &r2);
  for (int r = r1; r <= r2; r++)
    for (int c = c1; c <= c2; c++)
      {
        GArray *cell = self->cells[r * self->cols + c];

        if (cell == NULL)
          continue;
        for (guint i = 0; i < cell->len; i++)
          {
            const Box *other = &g_array_index (self->boxes, Box, g_array_index (cell, guint, i));

            if (box->x1 < other->x2 && other->x1 < box->x2 &&
                box->y1 < other->y2 && other->y1 < box->y2)
              return TRUE;
          }
      }

  return FALSE;
}

static void
insert (FaLabelPlacer *self,
        const Box     *box)
{
  guint index = self->boxes->len;
  int c1, r1, c2, r2;

  g_array_append_val (self->boxes, *box);
  cell_range (self, box, &c1, &r1, &c2, &r2);
  for (int r = r1; r <= r2; r++)
    for (int c = c1; c <= c2; c++)
      {
        GArray **cell = &self->cells[r * self->cols + c];

        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, index);
      }
}

/**
 * fa_label_placer_reserve:
 *
 * Marks an area where no label may go (the legend, a marker).
 */
void
fa_label_placer_reserve (FaLabelPlacer *self,
                         double         x,
                         double         y,
                         double         width,
                         double         height)
{
  Box box = { x, y, x + width, y + height };

  insert (self, &box);
}

/**
 * fa_label_placer_overlaps:
 *
 * Returns: %TRUE if the box overlaps a box taken or reserved
 */
gboolean
fa_label_placer_overlaps (FaLabelPlacer *self,
                          double         x,
                          double         y,
                          double         width,
                          double         height)
{
  Box box = { x, y, x + width, y + height };

  return overlaps (self, &box);
}

/**
 * fa_label_placer_try:
 *
 * Returns: %TRUE if the box is inside the map and free; it is then taken.
 */
gboolean
fa_label_placer_try (FaLabelPlacer *self,
                     double         x,
                     double         y,
                     double         width,
                     double         height)
{
  Box box = { x, y, x + width, y + height };

  if (box.x1 < 2 || box.y1 < 2 || box.x2 > self->width - 2 || box.y2 > self->height - 2)
    return FALSE;
  if (overlaps (self, &box))
    return FALSE;

  insert (self, &box);
  return TRUE;
}

/**
 * fa_draw_label:
 *
 * Draws @layout with its top-left corner at (@x, @y), over a halo so it
 * stays legible on any fill.
 */
void
fa_draw_label (cairo_t       *cr,
               PangoLayout   *layout,
               double         x,
               double         y,
               const FaColor *color,
               const FaColor *halo,
               double         halo_width)
{
  cairo_save (cr);
  cairo_move_to (cr, x, y);
  if (halo != NULL && halo_width > 0 &&
      cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      /* On pixels, the text drawn around itself in the halo colour: glyphs
       * come from Cairo's cache, where outlines would be rebuilt per label. */
      static const double dirs[8][2] = {
        { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 },
        { 0.7071, 0.7071 }, { -0.7071, 0.7071 }, { 0.7071, -0.7071 }, { -0.7071, -0.7071 },
      };
      double r = halo_width / 2;

      fa_map_style_set_source (cr, halo);
      for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
        {
          cairo_move_to (cr, x + dirs[i][0] * r, y + dirs[i][1] * r);
          pango_cairo_show_layout (cr, layout);
        }
      cairo_move_to (cr, x, y);
    }
  else if (halo != NULL && halo_width > 0)
    {
      /* Vector output: a true outline. */
      pango_cairo_layout_path (cr, layout);
      fa_map_style_set_source (cr, halo);
      cairo_set_line_width (cr, halo_width);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_move_to (cr, x, y);
    }
  fa_map_style_set_source (cr, color);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/**
 * fa_create_layout:
 *
 * A layout for @cr in the language of the map's messages (the first of
 * g_get_language_names(), --lang's where given), not the locale's: Han
 * text then takes the Simplified Chinese forms in a Chinese map even in
 * the C locale, where Pango would pick Japanese ones.
 *
 * Returns: (transfer full): the layout
 */
PangoLayout *
fa_create_layout (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  const char *language = g_get_language_names ()[0];

  if (language != NULL && !g_str_equal (language, "C") && !g_str_equal (language, "POSIX"))
    {
      pango_context_set_language (pango_layout_get_context (layout), pango_language_from_string (language));
      pango_layout_context_changed (layout);
    }

  return layout;
}
