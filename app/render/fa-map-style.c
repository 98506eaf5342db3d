/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-map-style"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fa-map-style.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }
#define RGBA(hex, a) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, (a) }

/* Muted land and sea so that flows, the data, carry the colour.  The
 * occupied-territory hatch uses a red that is distinct from every
 * flow category in the Okabe–Ito palette.
 */
static const FaMapStyle styles[] = {
  [FA_MAP_STYLE_LIGHT] = {
    .kind = FA_MAP_STYLE_LIGHT,
    .ocean = RGB (0xdce6ee),
    .graticule = RGBA (0x9fb3c4, 0.45),
    .land = RGB (0xf7f5f1),
    .land_focus = RGB (0xefe9df),
    .border = RGB (0x9a958c),
    .coast = RGB (0x8fa3b3),
    .region_border = RGBA (0xa8a298, 0.55),
    .occupied = RGB (0xb3261e),
    .highlight = RGBA (0x1c71d8, 0.22),
    .label = RGB (0x3d3846),
    .label_minor = RGB (0x6f6e73),
    .halo = RGBA (0xffffff, 0.85),
    .legend_bg = RGBA (0xffffff, 0.92),
    .legend_fg = RGB (0x241f31),
    .legend_border = RGBA (0x000000, 0.12),
    .border_width = 0.8,
    .coast_width = 0.7,
    .region_width = 0.5,
    .graticule_width = 0.6,
    .occupied_width = 1.2,
    .hatch_spacing = 6.0,
    .font_family = "Cantarell",
  },
  [FA_MAP_STYLE_DARK] = {
    .kind = FA_MAP_STYLE_DARK,
    .ocean = RGB (0x1b232b),
    .graticule = RGBA (0x4a5a68, 0.5),
    .land = RGB (0x34363a),
    .land_focus = RGB (0x3b3a38),
    .border = RGB (0x77767b),
    .coast = RGB (0x5b6b78),
    .region_border = RGBA (0x77767b, 0.5),
    .occupied = RGB (0xf66151),
    .highlight = RGBA (0x78aeed, 0.28),
    .label = RGB (0xdeddda),
    .label_minor = RGB (0x9a9996),
    .halo = RGBA (0x1e1e1e, 0.85),
    .legend_bg = RGBA (0x242424, 0.92),
    .legend_fg = RGB (0xffffff),
    .legend_border = RGBA (0xffffff, 0.15),
    .border_width = 0.8,
    .coast_width = 0.7,
    .region_width = 0.5,
    .graticule_width = 0.6,
    .occupied_width = 1.2,
    .hatch_spacing = 6.0,
    .font_family = "Cantarell",
  },
  [FA_MAP_STYLE_PRINT] = {
    .kind = FA_MAP_STYLE_PRINT,
    .ocean = RGB (0xe4ecf2),
    .graticule = RGBA (0x9fb3c4, 0.4),
    .land = RGB (0xfbfaf7),
    .land_focus = RGB (0xf1ebe1),
    .border = RGB (0x8c877e),
    .coast = RGB (0x8199ab),
    .region_border = RGBA (0xa39d92, 0.55),
    .occupied = RGB (0xa51d2d),
    .highlight = RGBA (0x1c71d8, 0.22),
    .label = RGB (0x2e2a33),
    .label_minor = RGB (0x6b6a70),
    .halo = RGBA (0xffffff, 0.9),
    .legend_bg = RGBA (0xffffff, 0.94),
    .legend_fg = RGB (0x1e1a26),
    .legend_border = RGBA (0x000000, 0.15),
    .border_width = 0.9,
    .coast_width = 0.8,
    .region_width = 0.5,
    .graticule_width = 0.6,
    .occupied_width = 1.3,
    .hatch_spacing = 5.5,
    .font_family = "Cantarell",
  },
  /* The desktop's high-contrast mode: black lines and text on opaque
   * halos and panels, land and sea far apart. */
  [FA_MAP_STYLE_HIGH_CONTRAST] = {
    .kind = FA_MAP_STYLE_HIGH_CONTRAST,
    .ocean = RGB (0xc6dcf0),
    .graticule = RGBA (0x4f6b85, 0.5),
    .land = RGB (0xffffff),
    .land_focus = RGB (0xf4f0e8),
    .border = RGB (0x000000),
    .coast = RGB (0x123d66),
    .region_border = RGBA (0x5e5c64, 0.65),
    .occupied = RGB (0x8b0000),
    .highlight = RGBA (0x1c71d8, 0.3),
    .label = RGB (0x000000),
    .label_minor = RGB (0x241f31),
    .halo = RGBA (0xffffff, 1.0),
    .legend_bg = RGBA (0xffffff, 1.0),
    .legend_fg = RGB (0x000000),
    .legend_border = RGBA (0x000000, 0.85),
    .border_width = 1.0,
    .coast_width = 0.9,
    .region_width = 0.6,
    .graticule_width = 0.6,
    .occupied_width = 1.5,
    .hatch_spacing = 5.0,
    .font_family = "Cantarell",
  },
  [FA_MAP_STYLE_HIGH_CONTRAST_DARK] = {
    .kind = FA_MAP_STYLE_HIGH_CONTRAST_DARK,
    .ocean = RGB (0x0a1a2b),
    .graticule = RGBA (0x7f95aa, 0.5),
    .land = RGB (0x161616),
    .land_focus = RGB (0x242424),
    .border = RGB (0xffffff),
    .coast = RGB (0x9cc4e8),
    .region_border = RGBA (0xdeddda, 0.8),
    .occupied = RGB (0xff7b63),
    .highlight = RGBA (0x78aeed, 0.35),
    .label = RGB (0xffffff),
    .label_minor = RGB (0xe0dfdc),
    .halo = RGBA (0x000000, 1.0),
    .legend_bg = RGBA (0x000000, 1.0),
    .legend_fg = RGB (0xffffff),
    .legend_border = RGBA (0xffffff, 0.85),
    .border_width = 1.0,
    .coast_width = 0.9,
    .region_width = 0.6,
    .graticule_width = 0.6,
    .occupied_width = 1.5,
    .hatch_spacing = 5.0,
    .font_family = "Cantarell",
  },
};

/* Okabe–Ito, colour-blind safe; user layers take them in turn. */
static const FaColor layer_colors[] = {
  RGB (0x0072b2),
  RGB (0x009e73),
  RGB (0xcc79a7),
  RGB (0xe69f00),
  RGB (0x56b4e9),
  RGB (0xd55e00),
  RGB (0xf0e442),
  RGB (0x000000),
};

/**
 * fa_map_style_get:
 *
 * Returns: (transfer none): a static palette
 */
const FaMapStyle *
fa_map_style_get (FaMapStyleKind kind)
{
  g_return_val_if_fail (kind <= FA_MAP_STYLE_HIGH_CONTRAST_DARK, &styles[FA_MAP_STYLE_LIGHT]);

  return &styles[kind];
}

void
fa_map_style_set_source (cairo_t       *cr,
                         const FaColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

void
fa_map_style_set_source_alpha (cairo_t       *cr,
                               const FaColor *color,
                               double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/**
 * fa_color_parse:
 * @text: `#rrggbb` or `#rrggbbaa`
 *
 * Returns: whether @text was a colour
 */
gboolean
fa_color_parse (const char *text,
                FaColor    *color)
{
  size_t len;
  char *end = NULL;
  guint64 value;

  g_return_val_if_fail (color != NULL, FALSE);

  if (text == NULL || text[0] != '#')
    return FALSE;

  len = strlen (text + 1);
  if (len != 6 && len != 8)
    return FALSE;
  for (size_t i = 1; i <= len; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;

  value = g_ascii_strtoull (text + 1, &end, 16);
  if (len == 6)
    value = (value << 8) | 0xff;

  color->red = ((value >> 24) & 0xff) / 255.0;
  color->green = ((value >> 16) & 0xff) / 255.0;
  color->blue = ((value >> 8) & 0xff) / 255.0;
  color->alpha = (value & 0xff) / 255.0;

  return TRUE;
}

FaColor
fa_color_mix (const FaColor *a,
              const FaColor *b,
              double         t)
{
  FaColor c;

  c.red = a->red + (b->red - a->red) * t;
  c.green = a->green + (b->green - a->green) * t;
  c.blue = a->blue + (b->blue - a->blue) * t;
  c.alpha = a->alpha + (b->alpha - a->alpha) * t;

  return c;
}

static double
linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/**
 * fa_color_luminance:
 *
 * Returns: the relative luminance of an opaque sRGB colour (WCAG 2)
 */
double
fa_color_luminance (const FaColor *color)
{
  return 0.2126 * linear (color->red) + 0.7152 * linear (color->green) + 0.0722 * linear (color->blue);
}

/**
 * fa_color_contrast:
 *
 * Returns: the WCAG 2 contrast ratio of two opaque colours, 1 to 21
 */
double
fa_color_contrast (const FaColor *a,
                   const FaColor *b)
{
  double la = fa_color_luminance (a);
  double lb = fa_color_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/**
 * fa_color_over:
 *
 * Returns: @top, with its alpha, painted over the opaque @bottom
 */
FaColor
fa_color_over (const FaColor *top,
               const FaColor *bottom)
{
  FaColor c = fa_color_mix (bottom, top, top->alpha);

  c.alpha = 1;
  return c;
}

/**
 * fa_map_style_get_text_backgrounds:
 * @backgrounds: (out caller-allocates) (array fixed-size=3): what text on
 *   the map stands on: its halo over the sea, the land and the report's
 *   countries
 */
void
fa_map_style_get_text_backgrounds (const FaMapStyle *style,
                                   FaColor           backgrounds[3])
{
  const FaColor *under[] = { &style->ocean, &style->land, &style->land_focus };

  for (guint i = 0; i < G_N_ELEMENTS (under); i++)
    backgrounds[i] = fa_color_over (&style->halo, under[i]);
}

/**
 * fa_map_style_is_high_contrast:
 *
 * Returns: whether @style is one of the high-contrast palettes
 */
gboolean
fa_map_style_is_high_contrast (const FaMapStyle *style)
{
  return style->kind == FA_MAP_STYLE_HIGH_CONTRAST || style->kind == FA_MAP_STYLE_HIGH_CONTRAST_DARK;
}

/**
 * fa_map_style_get_text_contrast:
 *
 * Returns: the contrast the style's text keeps with what it stands on:
 *   4.5:1 (WCAG AA), 7:1 (AAA) in high contrast
 */
double
fa_map_style_get_text_contrast (const FaMapStyle *style)
{
  return fa_map_style_is_high_contrast (style) ? 7.0 : 4.5;
}

/**
 * fa_map_style_text_px:
 * @px: a text size on the map, in pixels, as a file draws it
 *
 * Returns: @px scaled by the style's #FaMapStyle.text_scale: the window
 *   follows the desktop's text scaling (Large Text), exports do not
 */
double
fa_map_style_text_px (const FaMapStyle *style,
                      double            px)
{
  return style->text_scale > 0 ? px * style->text_scale : px;
}

/**
 * fa_map_style_edge_color:
 * @hue: a symbol's colour, such as an arrow's
 *
 * WCAG's 3:1 for graphical objects (success criterion 1.4.11): a light
 * hue on light land, or a dark one on dark land, gets an edge that
 * stands out from the land, the sea and the report's countries.
 *
 * Returns: @hue itself when it has 3:1 against them all, else @hue
 *   deepened towards the style's label colour as far as needed
 */
FaColor
fa_map_style_edge_color (const FaMapStyle *style,
                         const FaColor    *hue)
{
  const FaColor *under[] = { &style->ocean, &style->land, &style->land_focus };
  FaColor color = *hue;

  color.alpha = 1;
  for (double t = 0; t <= 1.0001; t += 0.05)
    {
      double worst = 21;

      color = fa_color_mix (hue, &style->label, MIN (t, 1.0));
      color.alpha = 1;
      for (guint i = 0; i < G_N_ELEMENTS (under); i++)
        worst = MIN (worst, fa_color_contrast (&color, under[i]));
      if (worst >= 3.0)
        break;
    }
  return color;
}

/**
 * fa_map_style_text_color:
 * @hue: a colour to write in, such as an arrow's
 *
 * Returns: @hue, deepened towards the style's label colour as far as
 *   needed (at least 45 %) for the style's text contrast
 *   (fa_map_style_get_text_contrast()) with its halo on every background
 *   of the map
 */
FaColor
fa_map_style_text_color (const FaMapStyle *style,
                         const FaColor    *hue)
{
  FaColor backgrounds[3];
  FaColor color = *hue;

  fa_map_style_get_text_backgrounds (style, backgrounds);
  for (double t = 0.45; t <= 1.0001; t += 0.05)
    {
      double worst = 21;

      color = fa_color_mix (hue, &style->label, MIN (t, 1.0));
      color.alpha = 1;
      for (guint i = 0; i < G_N_ELEMENTS (backgrounds); i++)
        worst = MIN (worst, fa_color_contrast (&color, &backgrounds[i]));
      if (worst >= fa_map_style_get_text_contrast (style))
        break;
    }
  return color;
}

/**
 * fa_map_style_get_layer_color:
 * @index: the user layer's index
 *
 * Returns: (transfer none): a colour for the @index-th user layer
 */
const FaColor *
fa_map_style_get_layer_color (guint index)
{
  return &layer_colors[index % G_N_ELEMENTS (layer_colors)];
}

static cairo_pattern_t *
stripe_pattern (const FaColor *color,
                double         alpha,
                double         spacing,
                double         width,
                FaStripes      direction)
{
  int size = MAX (2, (int) round (spacing));
  cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (tile);
  cairo_pattern_t *pattern;

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
  cairo_set_line_width (cr, width);
  switch (direction)
    {
    case FA_STRIPES_VERTICAL:
      cairo_move_to (cr, size / 2.0, -1);
      cairo_line_to (cr, size / 2.0, size + 1);
      break;

    case FA_STRIPES_FALLING:
      for (int k = -1; k <= 1; k++)
        {
          cairo_move_to (cr, k * size - 1, -1);
          cairo_line_to (cr, k * size + size + 1, size + 1);
        }
      break;

    case FA_STRIPES_RISING:
    default:
      for (int k = -1; k <= 1; k++)
        {
          cairo_move_to (cr, k * size - 1, size + 1);
          cairo_line_to (cr, k * size + size + 1, -1);
        }
      break;
    }
  cairo_stroke (cr);
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (tile);

  return pattern;
}

/**
 * fa_fill_stripes:
 * @direction: which way the stripes run
 *
 * Fills the current path (kept) with stripes @spacing pixels apart.  On
 * pixels a repeating tile does it in one fill; vector targets (PDF, SVG)
 * get real lines clipped to the path, so hatches stay crisp in print.
 * An alpha-only target is a coverage mask, where only the area counts:
 * it gets one plain fill (a stripe tile drawn through the legend's
 * 1/16 scale would be resampled with a 16 × 16 filter per pixel).
 */
void
fa_fill_stripes (cairo_t       *cr,
                 const FaColor *color,
                 double         alpha,
                 double         spacing,
                 double         width,
                 FaStripes      direction)
{
  double x1, y1, x2, y2;

  if (cairo_surface_get_content (cairo_get_target (cr)) == CAIRO_CONTENT_ALPHA)
    {
      cairo_set_source_rgba (cr, 0, 0, 0, color->alpha * alpha);
      cairo_fill_preserve (cr);
      return;
    }
  if (cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      cairo_pattern_t *pattern = stripe_pattern (color, alpha, spacing, width, direction);

      cairo_save (cr);
      cairo_set_source (cr, pattern);
      cairo_fill_preserve (cr);
      cairo_restore (cr);
      cairo_pattern_destroy (pattern);
      return;
    }

  cairo_save (cr);
  cairo_clip_preserve (cr);
  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  cairo_new_path (cr);
  if (direction == FA_STRIPES_VERTICAL)
    for (double x = floor (x1 / spacing) * spacing; x < x2; x += spacing)
      {
        cairo_move_to (cr, x, y1);
        cairo_line_to (cr, x, y2);
      }
  else
    for (double d = floor ((x1 - (y2 - y1)) / spacing) * spacing; d < x2; d += spacing)
      {
        cairo_move_to (cr, d, direction == FA_STRIPES_RISING ? y2 : y1);
        cairo_line_to (cr, d + (y2 - y1), direction == FA_STRIPES_RISING ? y1 : y2);
      }
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
  cairo_restore (cr);
}
