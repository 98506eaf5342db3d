/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-event-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "fa-category.h"
#include "fa-dataset.h"
#include "fa-event-layer.h"
#include "fa-map-state.h"
#include "fa-event.h"
#include "fa-label-placer.h"
#include "fa-month.h"

/* A warm yellow, apart from every flow colour, for "this just happened". */
static const FaColor recent_color = { 0xf5 / 255.0, 0xc2 / 255.0, 0x11 / 255.0, 1 };

struct _FaEventLayer
{
  FaMapLayer   parent_instance;

  FaFlowLayer *flows;   /* owned: the dataset and place positions */
};

G_DEFINE_FINAL_TYPE (FaEventLayer, fa_event_layer, FA_TYPE_MAP_LAYER)

/**
 * fa_event_is_recent:
 * @time: the time filter of the map
 *
 * Returns: whether @event happened in the last %FA_EVENT_RECENT_MONTHS
 *   months up to the month shown (the end of a window)
 */
gboolean
fa_event_is_recent (FaEvent            *event,
                    const FaTimeFilter *time)
{
  FaMonth first, last;

  g_return_val_if_fail (FA_IS_EVENT (event), FALSE);

  if (time == NULL || time->mode == FA_TIME_MODE_ALL || time->month == FA_MONTH_NONE)
    return FALSE;

  first = fa_event_get_month (event);
  last = fa_event_get_last_month (event);
  /* A date known only to the year would stay "recent" all year long. */
  if (fa_event_get_precision (event) == FA_MONTH_PRECISION_YEAR)
    return FALSE;

  return first <= time->month && last > time->month - FA_EVENT_RECENT_MONTHS;
}

static void
draw_marker (cairo_t *cr,
             double   x,
             double   y)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, 13, 0, 2 * G_PI);
  fa_map_style_set_source_alpha (cr, &recent_color, 0.35);
  cairo_fill_preserve (cr);
  fa_map_style_set_source (cr, &recent_color);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Whether @event is highlighted in @ctx, and where (screen space). */
static gboolean
event_shown (FaEventLayer          *self,
             const FaRenderContext *ctx,
             FaEvent               *event,
             double                *x,
             double                *y)
{
  FaPlace *place = fa_event_get_place (event);
  FaCategory *category = fa_event_get_category (event);

  if (place == NULL || !fa_event_is_recent (event, &ctx->time))
    return FALSE;
  /* Events go with their category, as flows do. */
  if (category != NULL && !fa_map_snapshot_category_visible (ctx->state, fa_category_get_id (category)))
    return FALSE;
  if (!fa_flow_layer_get_place_point (self->flows, place, x, y))
    return FALSE;
  cairo_matrix_transform_point (&ctx->to_device, x, y);
  return TRUE;
}

static void
fa_event_layer_render (FaMapLayer            *layer,
                       cairo_t               *cr,
                       const FaRenderContext *ctx)
{
  FaEventLayer *self = FA_EVENT_LAYER (layer);
  /* Any thread draws: the array, not the list model. */
  GPtrArray *events = fa_dataset_get_event_array (fa_flow_layer_get_dataset (self->flows));
  g_autoptr(GHashTable) marked = g_hash_table_new (NULL, NULL);

  if (ctx->state == NULL || ctx->state->dataset != fa_flow_layer_get_dataset (self->flows))
    return;

  /* The callouts go in the map's one label pass: see collect_labels. */
  for (guint i = 0; i < events->len; i++)
    {
      FaEvent *event = g_ptr_array_index (events, i);
      FaPlace *place = fa_event_get_place (event);
      double x, y;

      if (!event_shown (self, ctx, event, &x, &y) || g_hash_table_contains (marked, place))
        continue;
      g_hash_table_add (marked, place);
      draw_marker (cr, x, y);
    }
}

/* A callout per recent event beside its place: below right, then the
 * other corners, then further out; on the right half of the map, where
 * the legend usually is, the left side first.  Its box is the text with
 * 6 px either side and 4 px above and below. */
static void
fa_event_layer_collect_labels (FaMapLayer            *layer,
                               cairo_t               *cr,
                               const FaRenderContext *ctx,
                               FaLabelSpace          *space)
{
  FaEventLayer *self = FA_EVENT_LAYER (layer);
  /* Any thread draws: the array, not the list model. */
  GPtrArray *events = fa_dataset_get_event_array (fa_flow_layer_get_dataset (self->flows));
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  if (ctx->state == NULL || ctx->state->dataset != fa_flow_layer_get_dataset (self->flows))
    return;

  pango_font_description_set_family (font, ctx->style->font_family);
  pango_font_description_set_absolute_size (font, fa_map_style_text_px (ctx->style, 11.5) * PANGO_SCALE);

  for (guint i = 0; i < events->len; i++)
    {
      FaEvent *event = g_ptr_array_index (events, i);
      g_autofree char *date = NULL;
      g_autofree char *text = NULL;
      FaLabelSpot spots[12];
      FaLabelRequest request = { 0 };
      double x, y;
      gboolean left_first;

      if (!event_shown (self, ctx, event, &x, &y))
        continue;

      left_first = x > fa_viewport_get_width (ctx->viewport) / 2.0;
      for (guint attempt = 0; attempt < G_N_ELEMENTS (spots); attempt++)
        {
          double k = attempt / 4;
          guint corner = (attempt + (left_first ? 2 : 0)) % 4;
          gboolean left = corner >= 2, above = corner % 2 == 1;

          spots[attempt].fx = left ? -1.0 : 0.0;
          spots[attempt].dx = left ? -10 : 10;
          spots[attempt].fy = above ? -(1 + k) : k;
          spots[attempt].dy = above ? -6 - 6 * k : 6 + 6 * k;
        }

      date = fa_month_format_date (fa_event_get_month (event), fa_event_get_precision (event),
                                   fa_event_get_day (event));
      text = g_markup_printf_escaped ("<b>%s</b>  %s", date, fa_event_get_title (event));
      request.text = text;
      request.markup = TRUE;
      request.font = font;
      request.wrap_width = 260;
      request.x = x;
      request.y = y;
      request.spots = spots;
      request.n_spots = G_N_ELEMENTS (spots);
      request.pad_x = 6;
      request.pad_y = 4;
      request.kind = FA_LABEL_CALLOUT;
      request.color = ctx->style->legend_fg;
      request.halo = ctx->style->legend_bg;
      request.frame = recent_color;
      request.priority = FA_LABEL_PRIORITY_EVENT;
      fa_label_space_add (space, &request);
    }
}

static void
draw_swatch_cb (FaMapLayer            *layer,
                cairo_t               *cr,
                const FaRenderContext *ctx,
                double                 width,
                double                 height,
                gpointer               data)
{
  cairo_save (cr);
  cairo_translate (cr, width / 2, height / 2);
  cairo_scale (cr, 0.55, 0.55);
  draw_marker (cr, 0, 0);
  cairo_restore (cr);
}

static void
fa_event_layer_collect_legend (FaMapLayer            *layer,
                               const FaRenderContext *ctx,
                               GPtrArray             *entries)
{
  FaEventLayer *self = FA_EVENT_LAYER (layer);
  /* Any thread draws: the array, not the list model. */
  GPtrArray *events = fa_dataset_get_event_array (fa_flow_layer_get_dataset (self->flows));
  int width = fa_viewport_get_width (ctx->viewport);
  int height = fa_viewport_get_height (ctx->viewport);
  FaLegendEntry *entry;
  gboolean any = FALSE;

  if (ctx->state == NULL || ctx->state->dataset != fa_flow_layer_get_dataset (self->flows))
    return;

  for (guint i = 0; i < events->len && !any; i++)
    {
      FaEvent *event = g_ptr_array_index (events, i);
      double x, y;

      any = event_shown (self, ctx, event, &x, &y) && x >= 0 && y >= 0 && x <= width && y <= height;
    }
  if (!any)
    return;

  entry = g_new0 (FaLegendEntry, 1);
  entry->label = g_strdup (_("Recent event"));
  /* translators: %d is a number of months */
  entry->detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In the last %d month", "In the last %d months",
                                                FA_EVENT_RECENT_MONTHS), FA_EVENT_RECENT_MONTHS);
  entry->draw_swatch = draw_swatch_cb;
  g_ptr_array_add (entries, entry);
}

static void
fa_event_layer_finalize (GObject *object)
{
  FaEventLayer *self = FA_EVENT_LAYER (object);

  g_clear_object (&self->flows);

  G_OBJECT_CLASS (fa_event_layer_parent_class)->finalize (object);
}

static void
fa_event_layer_class_init (FaEventLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FaMapLayerClass *layer_class = FA_MAP_LAYER_CLASS (klass);

  object_class->finalize = fa_event_layer_finalize;
  layer_class->render = fa_event_layer_render;
  layer_class->collect_labels = fa_event_layer_collect_labels;
  layer_class->collect_legend = fa_event_layer_collect_legend;
}

static void
fa_event_layer_init (FaEventLayer *self)
{
}

/**
 * fa_event_layer_new:
 * @flows: the flow layer, for the dataset and the places' positions
 *
 * Returns: (transfer full): a dynamic layer of recent events
 */
FaEventLayer *
fa_event_layer_new (FaFlowLayer *flows)
{
  FaEventLayer *self;

  g_return_val_if_fail (FA_IS_FLOW_LAYER (flows), NULL);

  self = g_object_new (FA_TYPE_EVENT_LAYER,
                       "title", _("Recent events"),
                       "kind", FA_LAYERS_DYNAMIC,
                       NULL);
  self->flows = g_object_ref (flows);

  return self;
}
