/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "fa-types.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} FaColor;

typedef enum
{
  FA_MAP_STYLE_LIGHT,
  FA_MAP_STYLE_DARK,
  FA_MAP_STYLE_PRINT,
  FA_MAP_STYLE_HIGH_CONTRAST,       /* the desktop's high-contrast mode, light */
  FA_MAP_STYLE_HIGH_CONTRAST_DARK,  /* and dark */
} FaMapStyleKind;

struct _FaMapStyle
{
  FaMapStyleKind kind;

  FaColor ocean;
  FaColor graticule;
  FaColor land;
  FaColor land_focus;        /* Russia, Ukraine, Belarus, the DPRK: the report's subject */
  FaColor border;
  FaColor coast;
  FaColor region_border;
  FaColor occupied;          /* hatch and outline of occupied territory */
  FaColor highlight;
  FaColor label;
  FaColor label_minor;
  FaColor halo;
  FaColor legend_bg;
  FaColor legend_fg;
  FaColor legend_border;

  double  border_width;      /* pixels */
  double  coast_width;
  double  region_width;
  double  graticule_width;
  double  occupied_width;
  double  hatch_spacing;

  const char *font_family;
  double      text_scale;    /* the desktop's text scaling on screen (0 or 1:
                              * none); exports draw at 1 */
};

double            fa_map_style_text_px      (const FaMapStyle  *style,
                                             double             px);

const FaMapStyle *fa_map_style_get          (FaMapStyleKind     kind);
void              fa_map_style_set_source   (cairo_t           *cr,
                                             const FaColor     *color);
void              fa_map_style_set_source_alpha (cairo_t       *cr,
                                             const FaColor     *color,
                                             double             alpha);
gboolean          fa_color_parse            (const char        *text,
                                             FaColor           *color);
double            fa_color_luminance        (const FaColor     *color);
double            fa_color_contrast         (const FaColor     *a,
                                             const FaColor     *b);
FaColor           fa_color_over             (const FaColor     *top,
                                             const FaColor     *bottom);
void              fa_map_style_get_text_backgrounds (const FaMapStyle *style,
                                             FaColor            backgrounds[3]);
gboolean          fa_map_style_is_high_contrast (const FaMapStyle *style);
double            fa_map_style_get_text_contrast (const FaMapStyle *style);
FaColor           fa_map_style_edge_color   (const FaMapStyle  *style,
                                             const FaColor     *hue);
FaColor           fa_map_style_text_color   (const FaMapStyle  *style,
                                             const FaColor     *hue);
FaColor           fa_color_mix              (const FaColor     *a,
                                             const FaColor     *b,
                                             double             t);
const FaColor    *fa_map_style_get_layer_color (guint           index);

typedef enum
{
  FA_STRIPES_RISING,     /* ╱ */
  FA_STRIPES_FALLING,    /* ╲ */
  FA_STRIPES_VERTICAL,
} FaStripes;

void              fa_fill_stripes           (cairo_t           *cr,
                                             const FaColor     *color,
                                             double             alpha,
                                             double             spacing,
                                             double             width,
                                             FaStripes          direction);

G_END_DECLS
