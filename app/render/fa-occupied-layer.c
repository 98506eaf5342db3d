/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-occupied-layer"

#include "config.h"

#include <glib/gi18n.h>

#include "fa-occupied-layer.h"

#include "fa-month.h"

struct _FaOccupiedLayer
{
  FaMapLayer      parent_instance;

  FaBasemapLayer *basemap;   /* owned */
};

G_DEFINE_FINAL_TYPE (FaOccupiedLayer, fa_occupied_layer, FA_TYPE_MAP_LAYER)

static void
fa_occupied_layer_render (FaMapLayer            *layer,
                          cairo_t               *cr,
                          const FaRenderContext *ctx)
{
  FaOccupiedLayer *self = FA_OCCUPIED_LAYER (layer);

  /* Part of the base map: hidden with it. */
  if (fa_map_layer_get_visible (FA_MAP_LAYER (self->basemap)))
    fa_basemap_layer_draw_occupied (self->basemap, cr, ctx);
}

static void
draw_swatch_cb (FaMapLayer            *layer,
                cairo_t               *cr,
                const FaRenderContext *ctx,
                double                 width,
                double                 height,
                gpointer               data)
{
  fa_basemap_layer_draw_occupied_swatch (cr, ctx->style, width, height, GPOINTER_TO_INT (data));
}

/* "Donetsk Oblast and Luhansk Oblast", in the user's language where the
 * base map has the names. */
static char *
join_names (GPtrArray *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0 && i + 1 == names->len)
        /* translators: between the last two names of a list, as in "Crimea and Sevastopol" */
        g_string_append (text, _(" and "));
      else if (i > 0)
        /* translators: between names of a list, as in "Donetsk, Luhansk and Kherson" */
        g_string_append (text, _(", "));
      g_string_append (text, g_ptr_array_index (names, i));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fa_occupied_layer_collect_legend (FaMapLayer            *layer,
                                  const FaRenderContext *ctx,
                                  GPtrArray             *entries)
{
  FaOccupiedLayer *self = FA_OCCUPIED_LAYER (layer);
  g_autoptr(GPtrArray) full = g_ptr_array_new ();
  g_autoptr(GPtrArray) partial = g_ptr_array_new ();
  g_autofree char *month = NULL;
  const char *occupier = NULL;
  FaMonth shown;

  if (!fa_map_layer_get_visible (FA_MAP_LAYER (self->basemap)))
    return;
  fa_basemap_layer_list_occupied (self->basemap, ctx, full, partial, &occupier);
  if (full->len == 0 && partial->len == 0)
    return;
  /* Asked after the listing, which reads the occupied regions' file and
   * with it the month they are as of. */
  shown = fa_basemap_layer_get_occupied_month (self->basemap, ctx);
  if (!fa_month_is_valid (shown))
    return;

  month = fa_month_format (shown);
  if (full->len > 0)
    {
      FaLegendEntry *entry = g_new0 (FaLegendEntry, 1);
      g_autofree char *names = join_names (full);

      if (occupier != NULL)
        /* translators: 1: a country, such as "Russia", 2: a list of regions, such as "Sevastopol and Crimea" */
        entry->label = g_strdup_printf (_("Occupied by %s: %s"), occupier, names);
      else
        /* translators: %s lists regions, such as "Sevastopol and Crimea" */
        entry->label = g_strdup_printf (_("Occupied: %s"), names);
      /* translators: %s is a month such as "June 2015" */
      entry->detail = g_strdup_printf (_("Whole region occupied, as of %s"), month);
      entry->shared_detail = g_strdup (_("Whole region occupied at each map’s date"));
      /* translators: %s is a month such as "June 2015" */
      entry->brief_detail = g_strdup_printf (_("As of %s"), month);
      entry->draw_swatch = draw_swatch_cb;
      entry->data = GINT_TO_POINTER (TRUE);
      g_ptr_array_add (entries, entry);
    }
  if (partial->len > 0)
    {
      FaLegendEntry *entry = g_new0 (FaLegendEntry, 1);
      g_autofree char *names = join_names (partial);

      if (occupier != NULL)
        /* translators: %s is a country, such as "Russia" */
        entry->label = g_strdup_printf (_("Oblasts partly occupied by %s"), occupier);
      else
        entry->label = g_strdup (_("Partly occupied oblasts"));
      /* translators: 1: a list of regions, such as "Donetsk Oblast and Luhansk Oblast", 2: a month such as "June 2015" */
      entry->detail = g_strdup_printf (_("%s, as of %s; the whole oblast is marked, not the line of contact"),
                                       names, month);
      entry->shared_detail = g_strdup (_("At each map’s date; the whole oblast is marked, not the line of contact"));
      /* translators: %s is a month such as "June 2015" */
      entry->brief_detail = g_strdup_printf (_("As of %s; the whole oblast is marked, not the line of contact"), month);
      entry->draw_swatch = draw_swatch_cb;
      entry->data = GINT_TO_POINTER (FALSE);
      g_ptr_array_add (entries, entry);
    }
}

static void
fa_occupied_layer_finalize (GObject *object)
{
  FaOccupiedLayer *self = FA_OCCUPIED_LAYER (object);

  g_clear_object (&self->basemap);

  G_OBJECT_CLASS (fa_occupied_layer_parent_class)->finalize (object);
}

static void
fa_occupied_layer_class_init (FaOccupiedLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FaMapLayerClass *layer_class = FA_MAP_LAYER_CLASS (klass);

  object_class->finalize = fa_occupied_layer_finalize;
  layer_class->render = fa_occupied_layer_render;
  layer_class->collect_legend = fa_occupied_layer_collect_legend;
}

static void
fa_occupied_layer_init (FaOccupiedLayer *self)
{
}

/**
 * fa_occupied_layer_new:
 * @basemap: whose occupied-territory layer is drawn
 *
 * Returns: (transfer full): a dynamic layer, drawn over the base map
 */
FaOccupiedLayer *
fa_occupied_layer_new (FaBasemapLayer *basemap)
{
  FaOccupiedLayer *self;

  g_return_val_if_fail (FA_IS_BASEMAP_LAYER (basemap), NULL);

  self = g_object_new (FA_TYPE_OCCUPIED_LAYER,
                       "title", _("Occupied territory"),
                       "kind", FA_LAYERS_DYNAMIC,
                       NULL);
  self->basemap = g_object_ref (basemap);

  return self;
}
