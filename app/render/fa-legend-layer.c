/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-legend-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "fa-legend-layer.h"
#include "fa-flow.h"

#include "fa-autocleanups.h"
#include "fa-basemap-layer.h"
#include "fa-event-layer.h"
#include "fa-glyph-check.h"
#include "fa-place-layer.h"
#include "fa-shape-layer.h"
#include "fa-label-placer.h"
#include "fa-dataset.h"
#include "fa-map-state.h"
#include "fa-projection.h"

#define MARGIN    16.0
#define PADDING   10.0
#define SWATCH_W  26.0
/* The widest a legend entry's text runs before it wraps, in pixels. */
#define TEXT_MAX_WIDTH 330
#define SWATCH_H  14.0
#define SCALE_BAR_H 32.0  /* the scale bar and its label, with a gap above */

struct _FaLegendLayer
{
  FaMapLayer    parent_instance;

  GPtrArray    *layers;       /* owned: the map's other layers, FaMapLayer refs;
                               * replaced, never changed, under @lock */
  FaProjection *projection;   /* owned */
  FaDataset    *dataset;      /* owned, nullable */
  char         *heading;
  char         *subheading;
  char         *attribution;
  /* The main thread sets the texts and the dataset while workers draw
   * the overlay: each drawing holds the lock, and so does each change. */
  GMutex        lock;
  guint         show_legend : 1;
  guint         sizes_only : 1;  /* under @lock: a layout for its sizes, in the
                                  * first allowed corner (no story drawn) */
};

G_DEFINE_FINAL_TYPE (FaLegendLayer, fa_legend_layer, FA_TYPE_MAP_LAYER)

enum {
  PROP_0,
  PROP_HEADING,
  PROP_SUBHEADING,
  PROP_ATTRIBUTION,
  PROP_SHOW_LEGEND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PangoLayout *
make_layout (cairo_t          *cr,
             const FaMapStyle *style,
             double            px,
             PangoWeight       weight,
             const char       *text)
{
  PangoLayout *layout = fa_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, style->font_family);
  pango_font_description_set_absolute_size (font, fa_map_style_text_px (style, px) * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

/* The logical extents of a layout from make_layout(), once its width and
 * wrapping are set; with its lines computed, also warns if no installed
 * font covers its text (that costs one pass over the glyphs). */
static void
measure_layout (PangoLayout    *layout,
                PangoRectangle *logical)
{
  pango_layout_get_pixel_extents (layout, NULL, logical);
  fa_glyph_check_layout (layout);
}

/* Whether the map's language is written right to left: its overlay is
 * then mirrored (the title top right, the scale bar bottom right, the
 * credits bottom left), as GTK mirrors the window. */
static gboolean
is_rtl (void)
{
  /* translators: "default:RTL" for a language written right to left (as
   * in GTK), else leave "default:LTR". */
  return g_str_equal (_("default:LTR"), "default:RTL");
}

/* The x of a box laid out left to right, in the drawing's direction. */
static double
mirror_x (double x,
          double w,
          double width,
          gboolean rtl)
{
  return rtl ? width - x - w : x;
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_panel (cairo_t          *cr,
            const FaMapStyle *style,
            double            x,
            double            y,
            double            w,
            double            h)
{
  rounded_rect (cr, x, y, w, h, 6);
  fa_map_style_set_source (cr, &style->legend_bg);
  cairo_fill_preserve (cr);
  fa_map_style_set_source (cr, &style->legend_border);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/**
 * fa_legend_layer_compute_scale_bar:
 * @max_width: the longest bar allowed, in pixels
 * @width_px: (out): the bar's length in pixels
 *
 * Measures the ground distance across the view's centre with PROJ's
 * geodesic and picks a round length (1, 2 or 5 × 10ⁿ metres).
 *
 * Returns: the bar's length in metres, or 0 when it cannot be measured
 */
double
fa_legend_layer_compute_scale_bar (FaProjection *projection,
                                   FaViewport   *viewport,
                                   double        max_width,
                                   double       *width_px)
{
  double x[2], y[2];
  double sx = fa_viewport_get_width (viewport) / 2.0;
  double sy = fa_viewport_get_height (viewport) / 2.0;
  double meters, per_px, nice, base;

  *width_px = 0;
  if (projection == NULL)
    return 0;

  fa_viewport_screen_to_projected (viewport, sx - 50, sy, &x[0], &y[0]);
  fa_viewport_screen_to_projected (viewport, sx + 50, sy, &x[1], &y[1]);
  if (fa_projection_inverse (projection, x, y, 2) != 2)
    return 0;

  meters = fa_projection_geodesic_distance (x[0], y[0], x[1], y[1]);
  if (!(meters > 0) || !isfinite (meters))
    return 0;

  per_px = meters / 100.0;
  base = pow (10, floor (log10 (max_width * per_px)));
  nice = base;
  if (5 * base <= max_width * per_px)
    nice = 5 * base;
  else if (2 * base <= max_width * per_px)
    nice = 2 * base;

  *width_px = nice / per_px;
  return nice;
}

static void
draw_scale_bar (FaLegendLayer         *self,
                cairo_t               *cr,
                const FaRenderContext *ctx,
                double                 left,
                double                 bottom)
{
  const FaMapStyle *style = ctx->style;
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  double width_px, meters;
  PangoRectangle logical;
  double x, y, h = 5;

  meters = fa_legend_layer_compute_scale_bar (self->projection, ctx->viewport, 140, &width_px);
  if (meters <= 0)
    return;

  {
    /* Grouped as the map's language writes numbers ("1.000 km"). */
    g_autofree char *number = fa_count_format ((gint64) round (meters >= 1000 ? meters / 1000 : meters));

    if (meters >= 1000)
      /* translators: a distance on the scale bar; %s is a number such as "1,000" */
      text = g_strdup_printf (_("%s km"), number);
    else
      /* translators: a distance on the scale bar; %s is a number such as "500" */
      text = g_strdup_printf (_("%s m"), number);
  }

  layout = make_layout (cr, style, 11, PANGO_WEIGHT_NORMAL, text);
  measure_layout (layout, &logical);

  x = left;
  y = bottom - h;
  cairo_save (cr);
  cairo_rectangle (cr, x - 1.5, y - 1.5, width_px + 3, h + 3);
  fa_map_style_set_source (cr, &style->halo);
  cairo_fill (cr);
  cairo_rectangle (cr, x, y, width_px / 2, h);
  fa_map_style_set_source (cr, &style->legend_fg);
  cairo_fill (cr);
  cairo_rectangle (cr, x + width_px / 2 + 0.5, y + 0.5, width_px / 2 - 1, h - 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_restore (cr);

  fa_draw_label (cr, layout, left, y - logical.height - 2,
                       &style->legend_fg, &style->halo, 3.0);
}

/* --- Where the legend goes ----------------------------------------------- */

#define STORY_STEP 16 /* screen pixels per cell of the story's footprint */

/* What the map is about, drawn small: the dataset's layers (flows, places,
 * events, tinted and occupied regions) rendered into coverage images at 1/STORY_STEP scale, with the very code
 * that draws them.  Places, their labels and event callouts weigh more
 * than flows and tinted regions: covering a named place hides what a
 * reader looks for. */
typedef struct
{
  cairo_surface_t *areas;   /* A8: flows, tinted and hatched regions */
  cairo_surface_t *points;  /* A8: places, labels, callouts */
} Story;

static void
story_clear (Story *story)
{
  g_clear_pointer (&story->areas, cairo_surface_destroy);
  g_clear_pointer (&story->points, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Story, story_clear)

static void
story_draw (FaLegendLayer         *self,
            const FaRenderContext *ctx,
            Story                 *story)
{
  FaRenderContext small = *ctx;
  int w = (int) ceil (fa_viewport_get_width (ctx->viewport) / STORY_STEP);
  int h = (int) ceil (fa_viewport_get_height (ctx->viewport) / STORY_STEP);
  cairo_t *areas, *points;
  guint n = self->layers != NULL ? self->layers->len : 0;

  /* Nothing of this drawing is recorded for hit tests. */
  small.frame = NULL;
  small.story = TRUE;
  story->areas = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
  story->points = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
  areas = cairo_create (story->areas);
  points = cairo_create (story->points);
  cairo_scale (areas, 1.0 / STORY_STEP, 1.0 / STORY_STEP);
  cairo_scale (points, 1.0 / STORY_STEP, 1.0 / STORY_STEP);
  for (guint i = 0; i < n; i++)
    {
      FaMapLayer *layer = g_ptr_array_index (self->layers, i);

      /* The base map and the user's shapefiles are context, not story;
       * an admin-1 layer of a million vertices would also cost a second. */
      if (fa_map_layer_get_kind (layer) == FA_LAYERS_OVERLAY ||
          FA_IS_BASEMAP_LAYER (layer) || FA_IS_SHAPE_LAYER (layer))
        continue;
      fa_map_layer_render (layer,
                           FA_IS_PLACE_LAYER (layer) || FA_IS_EVENT_LAYER (layer) ? points : areas,
                           &small);
    }
  /* The story's labels, where the label pass puts them with no legend in
   * the way: the legend is placed to keep clear of them too. */
  {
    g_autoptr(cairo_surface_t) scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
    g_autoptr(cairo_t) measure = cairo_create (scratch);
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    g_autoptr(FaLabelSpace) space = fa_map_layers_place_labels (self->layers != NULL ? self->layers : none,
                                                                measure, &small,
                                                                FA_LAYERS_ALL & ~FA_LAYERS_OVERLAY);
    FaPlacedLabel label;

    for (guint i = 0; fa_label_space_get_placed (space, i, &label); i++)
      if (label.priority > FA_LABEL_PRIORITY_COUNTRY)
        cairo_rectangle (points, label.x, label.y, label.width, label.height);
    cairo_fill (points);
  }
  cairo_destroy (areas);
  cairo_destroy (points);
  cairo_surface_flush (story->areas);
  cairo_surface_flush (story->points);
}

static double
coverage (cairo_surface_t *surface,
          double           x,
          double           y,
          double           w,
          double           h)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int sw = cairo_image_surface_get_width (surface);
  int sh = cairo_image_surface_get_height (surface);
  int x1 = CLAMP ((int) floor (x / STORY_STEP), 0, sw);
  int y1 = CLAMP ((int) floor (y / STORY_STEP), 0, sh);
  int x2 = CLAMP ((int) ceil ((x + w) / STORY_STEP), 0, sw);
  int y2 = CLAMP ((int) ceil ((y + h) / STORY_STEP), 0, sh);
  guint64 sum = 0;

  for (int row = y1; row < y2; row++)
    for (int col = x1; col < x2; col++)
      sum += data[row * stride + col];

  return sum / 255.0;
}

/* Corners in the order of draw_legend()'s table: bottom right, top
 * right, bottom left, top left. */
static gboolean
corner_allowed (const FaRenderContext *ctx,
                guint                  corner)
{
  FaLegendPosition position = ctx->state != NULL ? ctx->state->legend_position : FA_LEGEND_POSITION_AUTO;

  /* Corners are counted left to right; a mirrored map's left is their right. */
  if (is_rtl () && position == FA_LEGEND_POSITION_LEFT)
    position = FA_LEGEND_POSITION_RIGHT;
  else if (is_rtl () && position == FA_LEGEND_POSITION_RIGHT)
    position = FA_LEGEND_POSITION_LEFT;

  switch (position)
    {
    case FA_LEGEND_POSITION_LEFT:
      return corner == 2 || corner == 3;
    case FA_LEGEND_POSITION_RIGHT:
      return corner == 0 || corner == 1;
    case FA_LEGEND_POSITION_BOTTOM:
      return corner == 0 || corner == 2;
    case FA_LEGEND_POSITION_AUTO:
    default:
      return TRUE;
    }
}

/* How much of the story a panel at (x, y) of size w × h would hide, in
 * cells of full coverage. */
static double
story_cost (Story  *story,
            double  x,
            double  y,
            double  w,
            double  h)
{
  return coverage (story->areas, x, y, w, h) + 4 * coverage (story->points, x, y, w, h);
}

/* --- The legend's entries ------------------------------------------------ */

/* The entries of one legend, measured: of one map, or of several maps
 * that share a legend. */
typedef struct
{
  GPtrArray *entries;   /* FaLegendEntry */
  GPtrArray *ctxs;      /* borrowed FaRenderContext: the drawing each entry is of */
  GPtrArray *labels;    /* PangoLayout */
  GPtrArray *details;   /* PangoLayout */
  GArray    *heights;   /* double */
  GArray    *widths;    /* double */
  GArray    *columns;   /* double: each column's width, once laid out */
  double     width;     /* the panel, padding included, unscaled */
  double     height;
  double     avail;     /* the tallest a column may be, unscaled */
  gboolean   brief;     /* labels only, and the details that must stay */
} Block;

static void
block_init (Block *block)
{
  block->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) fa_legend_entry_free);
  block->ctxs = g_ptr_array_new ();
  block->labels = g_ptr_array_new_with_free_func (g_object_unref);
  block->details = g_ptr_array_new_with_free_func (g_object_unref);
  block->heights = g_array_new (FALSE, FALSE, sizeof (double));
  block->widths = g_array_new (FALSE, FALSE, sizeof (double));
  block->columns = g_array_new (FALSE, FALSE, sizeof (double));
  block->width = block->height = block->avail = 0;
  block->brief = FALSE;
}

static void
block_clear (Block *block)
{
  g_clear_pointer (&block->entries, g_ptr_array_unref);
  g_clear_pointer (&block->ctxs, g_ptr_array_unref);
  g_clear_pointer (&block->labels, g_ptr_array_unref);
  g_clear_pointer (&block->details, g_ptr_array_unref);
  g_clear_pointer (&block->heights, g_array_unref);
  g_clear_pointer (&block->widths, g_array_unref);
  g_clear_pointer (&block->columns, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Block, block_clear)

/* Adds the entries of the drawing @ctx; with @unique, one that reads as an
 * entry already there (the same flows on another panel) is left out. */
static void
block_collect (FaLegendLayer         *self,
               Block                 *block,
               cairo_t               *cr,
               const FaRenderContext *ctx,
               gboolean               unique)
{
  const FaMapStyle *style = ctx->style;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) fa_legend_entry_free);
  guint n;

  if (self->layers == NULL)
    return;

  n = self->layers->len;
  for (guint i = 0; i < n; i++)
    {
      FaMapLayer *layer = g_ptr_array_index (self->layers, i);

      if ((gpointer) layer != (gpointer) self)
        fa_map_layer_collect_legend (layer, ctx, entries);
    }

  for (guint i = 0; i < entries->len; i++)
    {
      FaLegendEntry *entry = g_ptr_array_index (entries, i);
      PangoLayout *label, *detail;
      PangoRectangle l1, l2;
      double h, ew;
      gboolean seen = FALSE;

      /* Shared by several maps, an entry is listed once; one that says
       * something of its map alone, such as which oblasts were occupied
       * at its date, once per thing it says; a count of one map's flows
       * is left out. */
      if (unique)
        {
          if (entry->counts_map)
            g_clear_pointer (&entry->detail, g_free);
          else if (entry->shared_detail != NULL)
            {
              g_free (entry->detail);
              entry->detail = g_strdup (entry->shared_detail);
            }
          for (guint k = 0; k < block->entries->len && !seen; k++)
            {
              FaLegendEntry *other = g_ptr_array_index (block->entries, k);

              seen = g_strcmp0 (other->label, entry->label) == 0 &&
                     g_strcmp0 (other->detail, entry->detail) == 0;
            }
        }
      if (seen)
        continue;
      if (block->brief)
        {
          g_free (entry->detail);
          entry->detail = g_steal_pointer (&entry->brief_detail);
        }

      label = make_layout (cr, style, 12, PANGO_WEIGHT_SEMIBOLD, entry->label);
      detail = make_layout (cr, style, 10.5, PANGO_WEIGHT_NORMAL, entry->detail ? entry->detail : "");
      /* A long entry (a list of regions) wraps instead of widening the
       * whole panel over the map. */
      pango_layout_set_width (label, TEXT_MAX_WIDTH * PANGO_SCALE);
      pango_layout_set_wrap (label, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_width (detail, TEXT_MAX_WIDTH * PANGO_SCALE);
      pango_layout_set_wrap (detail, PANGO_WRAP_WORD_CHAR);
      measure_layout (label, &l1);
      measure_layout (detail, &l2);
      h = l1.height + (entry->detail ? l2.height : 0) + 6;
      ew = SWATCH_W + 8 + MAX (l1.width, entry->detail ? l2.width : 0);
      g_array_append_val (block->heights, h);
      g_array_append_val (block->widths, ew);
      g_ptr_array_add (block->labels, label);
      g_ptr_array_add (block->details, detail);
      g_ptr_array_add (block->ctxs, (gpointer) ctx);
      g_ptr_array_add (block->entries, g_ptr_array_steal_index (entries, i));
      i--;
    }
}

static double
block_total_height (Block *block)
{
  double total = 0;

  for (guint i = 0; i < block->heights->len; i++)
    total += g_array_index (block->heights, double, i);
  return total;
}

static double
block_max_width (Block *block)
{
  double max_w = 0;

  for (guint i = 0; i < block->widths->len; i++)
    max_w = MAX (max_w, g_array_index (block->widths, double, i));
  return max_w;
}

/* Flows the entries into columns no taller than @avail (unscaled, padding
 * excluded) and sets the panel's size. */
static void
block_lay_out (Block  *block,
               double  avail)
{
  double col_h = 0, max_col_h = 0, col_w = 0;

  block->avail = avail;
  g_array_set_size (block->columns, 0);
  for (guint i = 0; i < block->heights->len; i++)
    {
      double h = g_array_index (block->heights, double, i);

      if (col_h + h > avail && col_h > 0)
        {
          g_array_append_val (block->columns, col_w);
          max_col_h = MAX (max_col_h, col_h);
          col_h = 0;
          col_w = 0;
        }
      col_h += h;
      col_w = MAX (col_w, g_array_index (block->widths, double, i));
    }
  g_array_append_val (block->columns, col_w);
  max_col_h = MAX (max_col_h, col_h);

  block->width = PADDING * 2;
  for (guint c = 0; c < block->columns->len; c++)
    block->width += g_array_index (block->columns, double, c) + (c > 0 ? 18 : 0);
  block->height = max_col_h + PADDING * 2 - 6;
}

/* Draws the panel with its top-left corner at the origin, unscaled. */
static void
block_draw (Block            *block,
            cairo_t          *cr,
            const FaMapStyle *style)
{
  double x = PADDING, y = PADDING, col_h = 0;
  gboolean rtl = is_rtl ();

  draw_panel (cr, style, 0, 0, block->width, block->height);
  for (guint i = 0, c = 0; i < block->entries->len; i++)
    {
      FaLegendEntry *entry = g_ptr_array_index (block->entries, i);
      const FaRenderContext *ctx = g_ptr_array_index (block->ctxs, i);
      PangoLayout *label = g_ptr_array_index (block->labels, i);
      PangoLayout *detail = g_ptr_array_index (block->details, i);
      double h = g_array_index (block->heights, double, i);
      PangoRectangle l1, l2;
      double col_w, col_x, swatch_x;

      if (col_h + h > block->avail && col_h > 0)
        {
          x += g_array_index (block->columns, double, c) + 18;
          c++;
          y = PADDING;
          col_h = 0;
        }
      col_h += h;
      /* Right to left: columns from the right, the swatch at the start
       * (right) of its entry, the text ending beside it. */
      col_w = g_array_index (block->columns, double, MIN (c, block->columns->len - 1));
      col_x = mirror_x (x, col_w, block->width, rtl);
      swatch_x = rtl ? col_x + col_w - SWATCH_W : col_x;

      pango_layout_get_pixel_extents (label, NULL, &l1);
      pango_layout_get_pixel_extents (detail, NULL, &l2);
      if (entry->draw_swatch != NULL)
        {
          cairo_save (cr);
          cairo_translate (cr, swatch_x, y + (l1.height - SWATCH_H) / 2 + 1);
          entry->draw_swatch (entry->layer, cr, ctx, SWATCH_W, SWATCH_H, entry->data);
          cairo_restore (cr);
        }

      cairo_move_to (cr, rtl ? swatch_x - 8 - l1.x - l1.width : col_x + SWATCH_W + 8, y);
      fa_map_style_set_source (cr, &style->legend_fg);
      pango_cairo_show_layout (cr, label);
      if (entry->detail != NULL)
        {
          cairo_move_to (cr, rtl ? swatch_x - 8 - l2.x - l2.width : col_x + SWATCH_W + 8, y + l1.height);
          fa_map_style_set_source_alpha (cr, &style->legend_fg, 0.7);
          pango_cairo_show_layout (cr, detail);
        }
      y += h;
    }
}

static void
draw_legend (FaLegendLayer         *self,
             cairo_t               *cr,
             const FaRenderContext *ctx,
             double                 right,
             double                 bottom,
             double                 top,
             double                 heading_right,
             double                 heading_bottom,
             double                 scale_bar_top,
             FaOverlayLayout       *out)
{
  const FaMapStyle *style = ctx->style;
  g_auto(Block) block = { NULL };
  double map_w = fa_viewport_get_width (ctx->viewport);
  double avail = MAX (120, bottom - top);
  double total_h, max_w, scale;
  double panel_x, panel_y;

  /* The legend yields to the map: on a small view it shrinks (down to a
   * size still easy to read) before it wraps into columns, and it never
   * takes more than about 40 % of the width.  Where even so it would
   * cover much of the map (a narrow window), it is brief: the entries'
   * labels, with only the details that must stay. */
  for (guint pass = 0; pass < 2; pass++)
    {
      double map_h = fa_viewport_get_height (ctx->viewport);

      block_clear (&block);
      block_init (&block);
      block.brief = pass == 1;
      block_collect (self, &block, cr, ctx, FALSE);
      if (block.entries->len == 0)
        return;
      total_h = block_total_height (&block);
      max_w = block_max_width (&block);
      scale = CLAMP ((avail - 2 * PADDING) / (total_h + 2 * PADDING), 0.66, 1.0);
      scale = MIN (scale, MAX (0.66, 0.4 * map_w / (max_w + 2 * PADDING)));
      block_lay_out (&block, avail / scale - 2 * PADDING);
      if (block.width * scale <= 0.45 * map_w &&
          block.width * block.height * scale * scale <= 0.2 * map_w * map_h)
        break;
    }

  /* In the corner where it hides the least of what the map is about;
   * bottom right (over the sea east of Asia in the default view) when
   * corners tie.  A corner beside the title or the scale bar starts
   * below or ends above it. */
  {
    double pw = block.width * scale, ph = block.height * scale;
    double map_h = fa_viewport_get_height (ctx->viewport);
    struct { double x, y; } corner[] = {
      { right - pw, bottom - ph },                                    /* bottom right */
      { right - pw, right - pw < heading_right + 8 ? heading_bottom : MARGIN }, /* top right */
      { MARGIN, scale_bar_top - ph },                                 /* bottom left */
      { MARGIN, heading_bottom },                                     /* top left */
    };
    g_auto(Story) story = { NULL, NULL };
    double best = G_MAXDOUBLE;
    gboolean rtl = is_rtl ();

    /* The first allowed corner when none fits. */
    panel_x = corner[0].x;
    panel_y = corner[0].y;
    for (guint i = 0; i < G_N_ELEMENTS (corner); i++)
      if (corner_allowed (ctx, i))
        {
          panel_x = corner[i].x;
          panel_y = corner[i].y;
          break;
        }
    if (!self->sizes_only)
      story_draw (self, ctx, &story);
    for (guint i = 0; i < G_N_ELEMENTS (corner) && !self->sizes_only; i++)
      {
        double cost;

        /* A corner where the panel would not fit between title and
         * credits is no choice. */
        if (!corner_allowed (ctx, i))
          continue;
        if (corner[i].y < MARGIN || corner[i].y + ph > map_h - MARGIN ||
            (i > 0 && corner[i].y < heading_bottom && corner[i].x < heading_right + 8) ||
            (i == 1 && corner[i].y + ph > bottom) ||
            (i == 3 && corner[i].y + ph > scale_bar_top))
          continue;
        /* What it would cover where it would really be drawn. */
        cost = story_cost (&story, mirror_x (corner[i].x, pw, map_w, rtl), corner[i].y, pw, ph);
        /* A clear gain moves it: a cell of coverage, not noise. */
        if (cost < best - 1.0)
          {
            best = cost;
            panel_x = corner[i].x;
            panel_y = corner[i].y;
          }
      }
  }

  panel_x = mirror_x (panel_x, block.width * scale, map_w, is_rtl ());
  if (out != NULL)
    {
      out->legend = (FaRect) { panel_x, panel_y, panel_x + block.width * scale, panel_y + block.height * scale };
      return;
    }

  cairo_save (cr);
  cairo_translate (cr, panel_x, panel_y);
  cairo_scale (cr, scale, scale);
  block_draw (&block, cr, style);
  cairo_restore (cr);
}

/* --- One legend for several maps ----------------------------------------- */

/* Lays the entries of @ctxs out to fit @max_w × @max_h: in as few rows as
 * the width allows, shrunk (not below two thirds) when even then too big.
 * Returns the scale. */
static double
shared_lay_out (FaLegendLayer         *self,
                Block                 *block,
                cairo_t               *cr,
                const FaRenderContext *ctxs,
                guint                  n_ctxs,
                double                 max_w,
                double                 max_h)
{
  double total_h, avail, scale = 1.0;

  block_init (block);
  for (guint i = 0; i < n_ctxs; i++)
    block_collect (self, block, cr, &ctxs[i], TRUE);
  if (block->entries->len == 0)
    return 0;

  /* The shortest columns whose panel still fits the width. */
  total_h = block_total_height (block);
  avail = 0;
  for (guint i = 0; i < block->heights->len; i++)
    avail = MAX (avail, g_array_index (block->heights, double, i));
  for (;;)
    {
      block_lay_out (block, avail);
      if (block->width <= max_w || avail >= total_h)
        break;
      avail += 8;
    }
  if (block->width > max_w)
    scale = MAX (0.66, max_w / block->width);
  if (block->height * scale > max_h)
    scale = MAX (0.66, MIN (scale, max_h / block->height));

  return scale;
}

/**
 * fa_legend_layer_measure_shared:
 * @ctxs: (array length=n_ctxs): the drawings the legend serves
 * @width: (out): its size, in the drawings' pixels
 * @height: (out)
 *
 * The size of one legend for several maps (the panels of a page), each
 * entry once, fitted into @max_width × @max_height.
 *
 * Returns: %FALSE when there is nothing to show
 */
gboolean
fa_legend_layer_measure_shared (FaLegendLayer         *self,
                                const FaRenderContext *ctxs,
                                guint                  n_ctxs,
                                double                 max_width,
                                double                 max_height,
                                double                *width,
                                double                *height)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(cairo_surface_t) scratch = NULL;
  g_autoptr(cairo_t) cr = NULL;
  g_auto(Block) block = { NULL };
  double scale;

  g_return_val_if_fail (FA_IS_LEGEND_LAYER (self), FALSE);
  g_return_val_if_fail (ctxs != NULL || n_ctxs == 0, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (scratch);
  scale = shared_lay_out (self, &block, cr, ctxs, n_ctxs, max_width, max_height);
  if (scale <= 0)
    return FALSE;
  *width = block.width * scale;
  *height = block.height * scale;
  return TRUE;
}

/**
 * fa_legend_layer_draw_shared:
 *
 * Draws the legend fa_legend_layer_measure_shared() measures, with its
 * top-left corner at (@x, @y).
 */
void
fa_legend_layer_draw_shared (FaLegendLayer         *self,
                             cairo_t               *cr,
                             const FaRenderContext *ctxs,
                             guint                  n_ctxs,
                             double                 x,
                             double                 y,
                             double                 max_width,
                             double                 max_height)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_auto(Block) block = { NULL };
  double scale;

  g_return_if_fail (FA_IS_LEGEND_LAYER (self));
  g_return_if_fail (cr != NULL && (ctxs != NULL || n_ctxs == 0));

  locker = g_mutex_locker_new (&self->lock);
  scale = shared_lay_out (self, &block, cr, ctxs, n_ctxs, max_width, max_height);
  if (scale <= 0)
    return;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  block_draw (&block, cr, ctxs[0].style);
  cairo_restore (cr);
}

static double
draw_heading (FaLegendLayer         *self,
              cairo_t               *cr,
              const FaRenderContext *ctx,
              double                *right)
{
  const FaMapStyle *style = ctx->style;
  g_autoptr(PangoLayout) heading = NULL;
  g_autoptr(PangoLayout) sub = NULL;
  PangoRectangle l1 = { 0 }, l2 = { 0 };
  const char *title;
  double max_w = fa_viewport_get_width (ctx->viewport) - 2 * MARGIN - 2 * PADDING;
  double w, h;

  *right = 0;
  /* A title the user set for this map wins over the dataset's. */
  title = ctx->state != NULL && ctx->state->title != NULL ? ctx->state->title : self->heading;
  if (title == NULL || title[0] == '\0')
    return MARGIN;

  heading = make_layout (cr, style, 20, PANGO_WEIGHT_BOLD, title);
  pango_layout_set_width (heading, MAX (100, max_w) * PANGO_SCALE);
  measure_layout (heading, &l1);

  /* The date line of the map ("As of June 2023") comes from the frame's
   * time filter, so every export carries it. */
  if (ctx->state != NULL && ctx->state->subtitle != NULL)
    {
      /* One the user set, in place of the date line ("": none). */
      if (ctx->state->subtitle[0] != '\0')
        {
          sub = make_layout (cr, style, 15, PANGO_WEIGHT_SEMIBOLD, ctx->state->subtitle);
          pango_layout_set_width (sub, MAX (100, max_w) * PANGO_SCALE);
          measure_layout (sub, &l2);
        }
    }
  else if (self->dataset != NULL)
    {
      g_autofree char *date = fa_time_filter_describe (&ctx->time, fa_dataset_get_first_month (self->dataset));

      if (date != NULL)
        {
          sub = make_layout (cr, style, 15, PANGO_WEIGHT_SEMIBOLD, date);
          pango_layout_set_width (sub, MAX (100, max_w) * PANGO_SCALE);
          measure_layout (sub, &l2);
        }
    }
  if (sub == NULL && !(ctx->state != NULL && ctx->state->subtitle != NULL) &&
      self->subheading != NULL && self->subheading[0] != '\0')
    {
      sub = make_layout (cr, style, 13, PANGO_WEIGHT_NORMAL, self->subheading);
      pango_layout_set_width (sub, MAX (100, max_w) * PANGO_SCALE);
      measure_layout (sub, &l2);
    }

  /* The lines' own widths: right-to-left text sits at the right end of
   * its layout, and the panel is only as wide as the text. */
  w = MAX (l1.width, sub ? l2.width : 0) + 2 * PADDING;
  h = l1.height + (sub ? l2.height + 2 : 0) + 2 * PADDING;
  *right = MARGIN + w;
  {
    gboolean rtl = is_rtl ();
    double x0 = mirror_x (MARGIN, w, fa_viewport_get_width (ctx->viewport), rtl);
    /* Each line starts at the panel's start side. */
    double x1 = rtl ? x0 + w - PADDING - l1.width - l1.x : x0 + PADDING - l1.x;
    double x2 = rtl ? x0 + w - PADDING - l2.width - l2.x : x0 + PADDING - l2.x;

    draw_panel (cr, style, x0, MARGIN, w, h);
    cairo_move_to (cr, x1, MARGIN + PADDING);
    fa_map_style_set_source (cr, &style->legend_fg);
    pango_cairo_show_layout (cr, heading);
    if (sub != NULL)
      {
        cairo_move_to (cr, x2, MARGIN + PADDING + l1.height + 2);
        fa_map_style_set_source_alpha (cr, &style->legend_fg, 0.75);
        pango_cairo_show_layout (cr, sub);
      }
  }

  return MARGIN + h;
}

/* Draws the overlay; with @out, only records where its parts go. */
static void
layout_overlay (FaLegendLayer         *self,
                cairo_t               *cr,
                const FaRenderContext *ctx,
                FaOverlayLayout       *out)
{
  const FaMapStyle *style = ctx->style;
  double width = fa_viewport_get_width (ctx->viewport);
  double height = fa_viewport_get_height (ctx->viewport);
  double bottom = height - MARGIN;
  double top, heading_right, heading_bottom;
  gboolean rtl = is_rtl ();

  if (out != NULL)
    *out = (FaOverlayLayout) { { 0 } };

  /* Everything is placed left to right, then mirrored for a language
   * written right to left.  Measuring draws on a scratch context: the
   * heading may draw. */
  heading_bottom = draw_heading (self, cr, ctx, &heading_right);
  top = heading_bottom + 12;
  if (out != NULL && heading_right > 0)
    out->heading = (FaRect) { mirror_x (MARGIN, heading_right - MARGIN, width, rtl), MARGIN,
                              mirror_x (MARGIN, heading_right - MARGIN, width, rtl) + heading_right - MARGIN,
                              heading_bottom };

  if (self->attribution != NULL && self->attribution[0] != '\0' &&
      !(ctx->state != NULL && ctx->state->hide_credits))
    {
      g_autoptr(PangoLayout) layout = make_layout (cr, style, 10, PANGO_WEIGHT_NORMAL, self->attribution);
      PangoRectangle logical;

      pango_layout_set_width (layout, MAX (200, width / 2) * PANGO_SCALE);
      /* Against the far edge from the title; alignment follows the text's
       * own direction, so it is the same word for both. */
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      measure_layout (layout, &logical);
      {
        double x = mirror_x (width - MARGIN - logical.width, logical.width, width, rtl);

        if (out != NULL)
          out->credits = (FaRect) { x - 2, bottom - logical.height - 2,
                                    x + logical.width + 2, bottom + 2 };
        else
          fa_draw_label (cr, layout, x - logical.x, bottom - logical.height,
                         &style->label_minor, &style->halo, 3.0);
      }
      bottom -= logical.height + 6;
    }
  if (out != NULL)
    {
      double bar_w;

      if (fa_legend_layer_compute_scale_bar (self->projection, ctx->viewport, 140, &bar_w) > 0)
        {
          double x = mirror_x (MARGIN, MAX (bar_w, 60), width, rtl);

          out->scale_bar = (FaRect) { x - 2, height - MARGIN - SCALE_BAR_H + 6,
                                      x + MAX (bar_w, 60) + 2, height - MARGIN + 2 };
        }
    }
  else
    {
      double bar_w = 0;

      fa_legend_layer_compute_scale_bar (self->projection, ctx->viewport, 140, &bar_w);
      draw_scale_bar (self, cr, ctx, mirror_x (MARGIN, bar_w, width, rtl), height - MARGIN);
    }

  /* A thumbnail has no room for a readable legend. */
  if (self->show_legend && (ctx->state == NULL || ctx->state->show_legend) && width >= 480 && height >= 320)
    draw_legend (self, cr, ctx, width - MARGIN, bottom, top, heading_right, top,
                 height - MARGIN - SCALE_BAR_H, out);
}

static void
fa_legend_layer_render (FaMapLayer            *layer,
                        cairo_t               *cr,
                        const FaRenderContext *ctx)
{
  FaLegendLayer *self = FA_LEGEND_LAYER (layer);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  layout_overlay (self, cr, ctx, NULL);
}

/* Measured as on @like, drawn nowhere. */
static cairo_t *
create_measuring_context (cairo_t *like)
{
  g_autoptr(cairo_surface_t) scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *measure = cairo_create (scratch);

  if (like != NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      cairo_surface_get_font_options (cairo_get_target (like), options);
      cairo_set_font_options (measure, options);
      cairo_font_options_destroy (options);
    }

  return measure;
}

/**
 * fa_legend_layer_compute_layout:
 *
 * Where the title, the legend, the scale bar and the credits go in a
 * drawing with @ctx, without drawing them.
 */
static void
compute_layout (FaLegendLayer         *self,
                const FaRenderContext *ctx,
                gboolean               sizes_only,
                FaOverlayLayout       *layout)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(cairo_t) measure = create_measuring_context (NULL);

  self->sizes_only = sizes_only;
  layout_overlay (self, measure, ctx, layout);
  self->sizes_only = FALSE;
}

void
fa_legend_layer_compute_layout (FaLegendLayer         *self,
                                const FaRenderContext *ctx,
                                FaOverlayLayout       *layout)
{
  g_return_if_fail (FA_IS_LEGEND_LAYER (self));
  g_return_if_fail (ctx != NULL && layout != NULL);

  compute_layout (self, ctx, FALSE, layout);
}

/**
 * fa_legend_layer_measure_layout:
 *
 * As fa_legend_layer_compute_layout(), for the sizes of the title, the
 * legend and the scale bar and their distance from the edges, which do
 * not depend on the corner: the legend goes to the first corner allowed,
 * without weighing what it would hide (drawing the map's story and
 * placing its labels, most of the cost).
 */
void
fa_legend_layer_measure_layout (FaLegendLayer         *self,
                                const FaRenderContext *ctx,
                                FaOverlayLayout       *layout)
{
  g_return_if_fail (FA_IS_LEGEND_LAYER (self));
  g_return_if_fail (ctx != NULL && layout != NULL);

  compute_layout (self, ctx, TRUE, layout);
}

static void
add_obstacle (FaLabelSpace *space,
              const FaRect *box,
              double        dx,
              double        dy)
{
  if (box->x2 > box->x1 && box->y2 > box->y1)
    fa_label_space_add_obstacle (space, dx + box->x1 - 2, dy + box->y1 - 2,
                                 box->x2 - box->x1 + 4, box->y2 - box->y1 + 4);
}

/* The title, the credits, the scale bar and the legend are no place for a
 * label of the map. */
static void
fa_legend_layer_collect_labels (FaMapLayer            *layer,
                                cairo_t               *cr,
                                const FaRenderContext *ctx,
                                FaLabelSpace          *space)
{
  FaLegendLayer *self = FA_LEGEND_LAYER (layer);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(cairo_t) measure = create_measuring_context (cr);
  double shown_w = ctx->shown.x2 - ctx->shown.x1, shown_h = ctx->shown.y2 - ctx->shown.y1;
  g_autoptr(FaViewport) seen = NULL;
  FaRenderContext on_screen = *ctx;
  FaOverlayLayout layout;
  double dx = 0, dy = 0;

  /* The window draws the map with a margin around what is seen, and its
   * overlay over what is seen: the legend is where the overlay puts it. */
  if (shown_w > 0 && shown_h > 0 &&
      (shown_w != fa_viewport_get_width (ctx->viewport) || shown_h != fa_viewport_get_height (ctx->viewport)))
    {
      seen = fa_viewport_copy (ctx->viewport);
      fa_viewport_set_size (seen, (int) shown_w, (int) shown_h);
      /* Its matrix and visible rectangle too: the legend's corner is
       * chosen by what the seen part shows, where the overlay's own
       * drawing sees it. */
      fa_render_context_set_viewport (&on_screen, seen);
      dx = ctx->shown.x1;
      dy = ctx->shown.y1;
    }

  layout_overlay (self, measure, &on_screen, &layout);
  add_obstacle (space, &layout.heading, dx, dy);
  add_obstacle (space, &layout.legend, dx, dy);
  add_obstacle (space, &layout.scale_bar, dx, dy);
  add_obstacle (space, &layout.credits, dx, dy);
}

static void
fa_legend_layer_finalize (GObject *object)
{
  FaLegendLayer *self = FA_LEGEND_LAYER (object);

  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_object (&self->projection);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->heading, g_free);
  g_clear_pointer (&self->subheading, g_free);
  g_clear_pointer (&self->attribution, g_free);

  G_OBJECT_CLASS (fa_legend_layer_parent_class)->finalize (object);
}

static void
fa_legend_layer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FaLegendLayer *self = FA_LEGEND_LAYER (object);

  switch (prop_id)
    {
    case PROP_HEADING:
      g_value_set_string (value, self->heading);
      break;

    case PROP_SUBHEADING:
      g_value_set_string (value, self->subheading);
      break;

    case PROP_ATTRIBUTION:
      g_value_set_string (value, self->attribution);
      break;

    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_legend_layer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FaLegendLayer *self = FA_LEGEND_LAYER (object);

  switch (prop_id)
    {
    case PROP_HEADING:
      fa_legend_layer_set_heading (self, g_value_get_string (value));
      break;

    case PROP_SUBHEADING:
      fa_legend_layer_set_subheading (self, g_value_get_string (value));
      break;

    case PROP_ATTRIBUTION:
      fa_legend_layer_set_attribution (self, g_value_get_string (value));
      break;

    case PROP_SHOW_LEGEND:
      fa_legend_layer_set_show_legend (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_legend_layer_class_init (FaLegendLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FaMapLayerClass *layer_class = FA_MAP_LAYER_CLASS (klass);

  object_class->finalize = fa_legend_layer_finalize;
  object_class->get_property = fa_legend_layer_get_property;
  object_class->set_property = fa_legend_layer_set_property;
  layer_class->render = fa_legend_layer_render;
  layer_class->collect_labels = fa_legend_layer_collect_labels;

  properties[PROP_HEADING] =
    g_param_spec_string ("heading", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUBHEADING] =
    g_param_spec_string ("subheading", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ATTRIBUTION] =
    g_param_spec_string ("attribution", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fa_legend_layer_init (FaLegendLayer *self)
{
  g_mutex_init (&self->lock);
  self->show_legend = TRUE;
  self->attribution = g_strdup (_("Base map: Natural Earth (public domain). "
                                  "Borders as internationally recognized."));
}

FaLegendLayer *
fa_legend_layer_new (void)
{
  return g_object_new (FA_TYPE_LEGEND_LAYER,
                       "title", _("Legend"),
                       "kind", FA_LAYERS_OVERLAY,
                       NULL);
}

/**
 * fa_legend_layer_set_layers:
 * @layers: (element-type FaMapLayer) (nullable): the map's layers, whose
 *   legend entries to show; the legend itself among them is skipped
 *
 * Called by the renderer whenever its layers change; a drawing under way
 * finishes with the layers it started with.
 */
void
fa_legend_layer_set_layers (FaLegendLayer *self,
                            GPtrArray     *layers)
{
  GPtrArray *copy = NULL;

  g_return_if_fail (FA_IS_LEGEND_LAYER (self));

  /* Its own copy, without itself: no cycle of references. */
  if (layers != NULL)
    {
      copy = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < layers->len; i++)
        if (g_ptr_array_index (layers, i) != (gpointer) self)
          g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (layers, i)));
    }

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  self->layers = copy;
  g_mutex_unlock (&self->lock);
}

void
fa_legend_layer_set_projection (FaLegendLayer *self,
                                FaProjection  *projection)
{
  g_return_if_fail (FA_IS_LEGEND_LAYER (self));

  if (g_set_object (&self->projection, projection))
    fa_map_layer_changed (FA_MAP_LAYER (self));
}

/**
 * fa_legend_layer_set_dataset:
 * @dataset: (nullable): whose title heads the map
 */
void
fa_legend_layer_set_dataset (FaLegendLayer *self,
                             FaDataset     *dataset)
{
  g_return_if_fail (FA_IS_LEGEND_LAYER (self));

  g_mutex_lock (&self->lock);
  g_set_object (&self->dataset, dataset);
  g_mutex_unlock (&self->lock);
  fa_legend_layer_set_heading (self, dataset != NULL ? fa_dataset_get_title (dataset) : NULL);
  if (dataset != NULL && fa_dataset_get_source (dataset) != NULL && fa_dataset_get_source (dataset)[0] != '\0')
    {
      /* The source's own words in its own direction: in Arabic, an English
       * title between first-strong isolates (U+2068 … U+2069) keeps its
       * order and its punctuation instead of being reordered with the
       * sentence around it. */
      g_autofree char *source = g_strconcat ("\u2068", fa_dataset_get_source (dataset), "\u2069", NULL);
      /* translators: the source line of an exported map; %s is the source document */
      g_autofree char *attribution = g_strdup_printf (_("Data: %s. Base map: Natural Earth (public domain). "
                                                        "Borders as internationally recognized."),
                                                      source);

      fa_legend_layer_set_attribution (self, attribution);
    }
  else
    fa_legend_layer_set_attribution (self, _("Base map: Natural Earth (public domain). "
                                             "Borders as internationally recognized."));
}

#define DEFINE_STRING_PROPERTY(name, PROP)                                 \
const char *                                                               \
fa_legend_layer_get_##name (FaLegendLayer *self)                           \
{                                                                          \
  g_return_val_if_fail (FA_IS_LEGEND_LAYER (self), NULL);                  \
  return self->name;                                                       \
}                                                                          \
                                                                           \
void                                                                       \
fa_legend_layer_set_##name (FaLegendLayer *self,                           \
                            const char    *value)                          \
{                                                                          \
  g_return_if_fail (FA_IS_LEGEND_LAYER (self));                            \
  if (g_strcmp0 (self->name, value) == 0)                                  \
    return;                                                                \
  g_mutex_lock (&self->lock);                                              \
  g_free (self->name);                                                     \
  self->name = g_strdup (value);                                           \
  g_mutex_unlock (&self->lock);                                            \
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);            \
}

DEFINE_STRING_PROPERTY (heading, PROP_HEADING)
DEFINE_STRING_PROPERTY (subheading, PROP_SUBHEADING)
DEFINE_STRING_PROPERTY (attribution, PROP_ATTRIBUTION)

gboolean
fa_legend_layer_get_show_legend (FaLegendLayer *self)
{
  g_return_val_if_fail (FA_IS_LEGEND_LAYER (self), FALSE);

  return self->show_legend;
}

void
fa_legend_layer_set_show_legend (FaLegendLayer *self,
                                 gboolean       show_legend)
{
  g_return_if_fail (FA_IS_LEGEND_LAYER (self));

  show_legend = !!show_legend;
  if (self->show_legend == show_legend)
    return;

  self->show_legend = show_legend;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
}
