/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "fa-map-style.h"
#include "fa-types.h"

G_BEGIN_DECLS

/* Who wins a place on the map when two labels want it: the story's
 * labels before the base map's. */
#define FA_LABEL_PRIORITY_PLACE   500.0
#define FA_LABEL_PRIORITY_ARROW   400.0
#define FA_LABEL_PRIORITY_EVENT   300.0
#define FA_LABEL_PRIORITY_COUNTRY 200.0
#define FA_LABEL_PRIORITY_REGION  100.0

typedef enum
{
  FA_LABEL_PLAIN,    /* text over a halo */
  FA_LABEL_CALLOUT,  /* text in a box with a coloured frame */
} FaLabelKind;

/* One place a label may go: its top-left corner is the anchor plus
 * (fx × width + dx, fy × height + dy), the label's size being its box. */
typedef struct
{
  double fx, fy;
  double dx, dy;
} FaLabelSpot;

typedef struct
{
  const char                 *text;       /* plain text, or markup if markup is set */
  gboolean                    markup;
  const PangoFontDescription *font;
  double                      wrap_width; /* px; 0 for one line */
  double                      max_width;  /* px: left out if its text is wider; 0 for any */
  double                      x, y;       /* the anchor, in pixels */
  const FaLabelSpot          *spots;      /* tried in order */
  guint                       n_spots;
  /* Later spots only when the first meets an obstacle (a marker), not
   * another label: a name moves for a place, not into its neighbours. */
  gboolean                    move_for_obstacles_only;
  double                      pad_x, pad_y;  /* the box around the text */
  FaLabelKind                 kind;
  FaColor                     color;
  FaColor                     halo;       /* plain: halo; callout: background */
  FaColor                     frame;      /* callout: its border */
  double                      halo_width;
  double                      alpha;
  double                      priority;   /* higher first; see FA_LABEL_PRIORITY_* */
  /* Left out when a label placed before it reads the same ("Ukraine"
   * the country under "Ukraine" the place). */
  gboolean                    drop_if_repeated;
} FaLabelRequest;

typedef struct
{
  FaMapLayer *layer;   /* borrowed: who asked for it */
  const char *text;    /* borrowed: as given, markup included */
  double      x, y, width, height;   /* its box, in pixels */
  double      priority;
} FaPlacedLabel;

typedef struct _FaLabelSpace FaLabelSpace;

FaLabelSpace *fa_label_space_new           (double                 width,
                                            double                 height);
void          fa_label_space_free          (FaLabelSpace          *self);
void          fa_label_space_set_frame     (FaLabelSpace          *self,
                                            const FaRect          *frame);
void          fa_label_space_set_layer     (FaLabelSpace          *self,
                                            FaMapLayer            *layer,
                                            double                 opacity);
void          fa_label_space_add_obstacle  (FaLabelSpace          *self,
                                            double                 x,
                                            double                 y,
                                            double                 width,
                                            double                 height);
void          fa_label_space_add           (FaLabelSpace          *self,
                                            const FaLabelRequest  *request);
void          fa_label_space_place         (FaLabelSpace          *self,
                                            cairo_t               *cr);
void          fa_label_space_draw          (FaLabelSpace          *self,
                                            cairo_t               *cr);
guint         fa_label_space_get_n_labels  (FaLabelSpace          *self);
guint         fa_label_space_get_n_placed  (FaLabelSpace          *self);
gboolean      fa_label_space_get_placed    (FaLabelSpace          *self,
                                            guint                  index,
                                            FaPlacedLabel         *out);
guint         fa_label_space_get_n_obstacles (FaLabelSpace        *self);
void          fa_label_space_get_obstacle  (FaLabelSpace          *self,
                                            guint                  index,
                                            FaRect                *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaLabelSpace, fa_label_space_free)

G_END_DECLS
