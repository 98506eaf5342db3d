/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-choropleth-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fa-category.h"
#include "fa-choropleth-layer.h"
#include "fa-dataset.h"
#include "fa-flow.h"
#include "fa-map-state.h"
#include "fa-place.h"
#include "fa-region-role.h"

#define FILL_ALPHA  0.5
#define LIGHT_ALPHA 0.2
#define MAX_ROLES   32

struct _FaChoroplethLayer
{
  FaMapLayer      parent_instance;

  FaFlowLayer    *flows;     /* owned */
  FaBasemapLayer *basemap;   /* owned */
  GMutex          lock;      /* guards the cache: drawings run on any thread */
  cairo_surface_t *cache;    /* owned: the last fills drawn on screen */
  char           *cache_key; /* owned: the roles and view they show */
};

G_DEFINE_FINAL_TYPE (FaChoroplethLayer, fa_choropleth_layer, FA_TYPE_MAP_LAYER)

/* ISO code → bits of the dataset's roles, from the flows shown in @ctx:
 * the state's (fa_map_snapshot_dup_region_roles()), for this layer's
 * dataset only. */
static GHashTable *
compute_roles (FaChoroplethLayer     *self,
               const FaRenderContext *ctx)
{
  if (ctx->state == NULL || ctx->state->dataset != fa_flow_layer_get_dataset (self->flows))
    return g_hash_table_new (g_str_hash, g_str_equal);
  return fa_map_snapshot_dup_region_roles (ctx->state);
}

static void
set_role_source (cairo_t      *cr,
                 FaRegionRole *role,
                 double        alpha)
{
  guint32 rgb = fa_region_role_get_color (role);

  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static void
paint_pattern (cairo_t       *cr,
               FaRegionRole  *role,
               FaRolePattern  pattern,
               gboolean       alone)
{
  FaColor color;
  guint32 rgb = fa_region_role_get_color (role);

  color = (FaColor) { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, 1 };
  switch (pattern)
    {
    case FA_ROLE_PATTERN_FILL:
      set_role_source (cr, role, FILL_ALPHA);
      cairo_fill_preserve (cr);
      break;

    case FA_ROLE_PATTERN_LIGHT:
      set_role_source (cr, role, LIGHT_ALPHA);
      cairo_fill_preserve (cr);
      break;

    case FA_ROLE_PATTERN_STRIPES:
    case FA_ROLE_PATTERN_VERTICAL_STRIPES:
      if (alone)
        {
          set_role_source (cr, role, LIGHT_ALPHA);
          cairo_fill_preserve (cr);
        }
      if (pattern == FA_ROLE_PATTERN_STRIPES)
        fa_fill_stripes (cr, &color, 0.9, 7, 3, FA_STRIPES_FALLING);
      else
        fa_fill_stripes (cr, &color, 0.9, 6, 2, FA_STRIPES_VERTICAL);
      break;

    case FA_ROLE_PATTERN_OUTLINE:
    default:
      if (alone)
        {
          set_role_source (cr, role, LIGHT_ALPHA);
          cairo_fill_preserve (cr);
        }
      /* A plain stroke: clipping it inside the shape costs a mask per
       * country. */
      set_role_source (cr, role, 1);
      cairo_set_line_width (cr, 2.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
      cairo_stroke_preserve (cr);
      break;
    }
}

/* Fills the current path with the roles of @bits: the first role in the
 * dataset's order in its own pattern, each further one in its overlay (a
 * country of two origin roles is filled in one and striped in the other).
 * The path is consumed. */
static void
paint_roles (cairo_t         *cr,
             const GPtrArray *role_list,
             guint            bits)
{
  gboolean first = TRUE;

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint r = 0; r < MIN (role_list->len, MAX_ROLES); r++)
    {
      FaRegionRole *role;

      if (!(bits & (1u << r)))
        continue;
      role = g_ptr_array_index (role_list, r);
      paint_pattern (cr, role, first ? fa_region_role_get_pattern (role) : fa_region_role_get_overlay (role),
                     first && (bits & ~(1u << r)) == 0);
      first = FALSE;
    }
  cairo_new_path (cr);
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
draw_fills (FaChoroplethLayer     *self,
            cairo_t               *cr,
            const FaRenderContext *ctx,
            GHashTable            *roles,
            GPtrArray             *codes)
{
  /* Fills take the next coarser level than the base map's borders: the
   * difference is under two pixels, and a frame of the timeline stays
   * fast. */
  FaDetail detail = fa_basemap_layer_pick_detail (ctx->meters_per_pixel * 2.5);
  FaFeatureLayer *countries = fa_basemap_layer_get_features (self->basemap, FA_GEODATA_COUNTRIES, detail);
  FaFeatureLayer *regions = fa_basemap_layer_get_features (self->basemap, FA_GEODATA_REGIONS,
                                                           detail == FA_DETAIL_HIGH ? FA_DETAIL_HIGH : FA_DETAIL_MEDIUM);

  if (countries == NULL)
    return;

  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      gboolean region = strchr (code, '-') != NULL;
      FaFeatureLayer *features = region ? regions : countries;
      int f;

      if (features == NULL)
        continue;
      f = fa_feature_layer_find (features, region ? "iso_3166_2" : "iso_a2", code);
      if (f < 0)
        continue;

      cairo_new_path (cr);
      fa_feature_layer_append_path (features, f, cr, &ctx->to_device, 0.4);
      paint_roles (cr, fa_dataset_get_role_array (fa_flow_layer_get_dataset (self->flows)),
                   GPOINTER_TO_UINT (g_hash_table_lookup (roles, code)));
    }

  /* Occupied territory keeps its hatch on top of any fill. */
  fa_basemap_layer_draw_occupied (self->basemap, cr, ctx);
}

static void
fa_choropleth_layer_render (FaMapLayer            *layer,
                            cairo_t               *cr,
                            const FaRenderContext *ctx)
{
  FaChoroplethLayer *self = FA_CHOROPLETH_LAYER (layer);
  g_autoptr(GHashTable) roles = compute_roles (self, ctx);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GString) key = g_string_new (NULL);
  cairo_matrix_t ctm;
  GHashTableIter iter;
  gpointer code, value;
  int width = fa_viewport_get_width (ctx->viewport);
  int height = fa_viewport_get_height (ctx->viewport);

  if (g_hash_table_size (roles) == 0)
    return;

  g_hash_table_iter_init (&iter, roles);
  while (g_hash_table_iter_next (&iter, &code, &value))
    g_ptr_array_add (codes, code);
  g_ptr_array_sort (codes, compare_codes);

  /* Most source-region flows carry no dates, so the fills rarely change
   * from one month to the next: on screen, the last rendering is reused
   * while the roles and the view stay the same. */
  cairo_get_matrix (cr, &ctm);
  if (cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE ||
      ctm.xx != 1 || ctm.yy != 1 || ctm.xy != 0 || ctm.yx != 0 || ctm.x0 != 0 || ctm.y0 != 0)
    {
      draw_fills (self, cr, ctx, roles, codes);
      return;
    }

  g_string_append_printf (key, "%d %.9g %.9g %.9g %.9g %dx%d|",
                          ctx->style->kind, ctx->to_device.xx, ctx->to_device.yy,
                          ctx->to_device.x0, ctx->to_device.y0, width, height);
  for (guint i = 0; i < codes->len; i++)
    g_string_append_printf (key, "%s=%u;", (const char *) g_ptr_array_index (codes, i),
                            GPOINTER_TO_UINT (g_hash_table_lookup (roles, g_ptr_array_index (codes, i))));

  g_mutex_lock (&self->lock);
  if (self->cache == NULL || g_strcmp0 (self->cache_key, key->str) != 0)
    {
      cairo_t *ccr;

      g_clear_pointer (&self->cache, cairo_surface_destroy);
      self->cache = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      ccr = cairo_create (self->cache);
      draw_fills (self, ccr, ctx, roles, codes);
      cairo_destroy (ccr);
      g_free (self->cache_key);
      self->cache_key = g_strdup (key->str);
    }

  cairo_save (cr);
  cairo_set_source_surface (cr, self->cache, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  g_mutex_unlock (&self->lock);
}

typedef struct
{
  GPtrArray  *roles;   /* owned reference */
  guint       bits;
} Swatch;

static void
swatch_free (Swatch *swatch)
{
  g_ptr_array_unref (swatch->roles);
  g_free (swatch);
}

static void
draw_role_swatch_cb (FaMapLayer            *layer,
                     cairo_t               *cr,
                     const FaRenderContext *ctx,
                     double                 width,
                     double                 height,
                     gpointer               data)
{
  Swatch *swatch = data;

  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  fa_map_style_set_source (cr, &ctx->style->land);
  cairo_fill_preserve (cr);
  paint_roles (cr, swatch->roles, swatch->bits);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  fa_map_style_set_source (cr, &ctx->style->border);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
add_swatch (GPtrArray  *entries,
            GPtrArray  *roles,
            guint       bits,
            const char *label)
{
  FaLegendEntry *entry = g_new0 (FaLegendEntry, 1);
  Swatch *swatch = g_new0 (Swatch, 1);

  swatch->roles = g_ptr_array_ref (roles);
  swatch->bits = bits;
  entry->label = g_strdup (label);
  entry->draw_swatch = draw_role_swatch_cb;
  entry->data = swatch;
  entry->data_free = (GDestroyNotify) swatch_free;
  g_ptr_array_add (entries, entry);
}

/* Whether the region or country @code lies, by its bounding box, in the
 * view of @ctx. */
static gboolean
code_in_view (FaChoroplethLayer     *self,
              const FaRenderContext *ctx,
              const char            *code)
{
  gboolean region = strchr (code, '-') != NULL;
  FaFeatureLayer *features = fa_basemap_layer_get_features (self->basemap,
                                                            region ? FA_GEODATA_REGIONS : FA_GEODATA_COUNTRIES,
                                                            FA_DETAIL_MEDIUM);
  FaRect b;
  int f;

  if (features == NULL)
    return TRUE;
  f = fa_feature_layer_find (features, region ? "iso_3166_2" : "iso_a2", code);
  if (f < 0)
    return FALSE;
  fa_feature_layer_get_feature_bounds (features, f, &b);

  return b.x2 >= ctx->visible.x1 && b.x1 <= ctx->visible.x2 &&
         b.y2 >= ctx->visible.y1 && b.y1 <= ctx->visible.y2;
}

/* One entry per role drawn, and one for each combination the dataset
 * names when a region shows both. */
static void
fa_choropleth_layer_collect_legend (FaMapLayer            *layer,
                                    const FaRenderContext *ctx,
                                    GPtrArray             *entries)
{
  FaChoroplethLayer *self = FA_CHOROPLETH_LAYER (layer);
  GPtrArray *role_list = fa_dataset_get_role_array (fa_flow_layer_get_dataset (self->flows));
  g_autoptr(GHashTable) roles = compute_roles (self, ctx);
  g_autoptr(GHashTable) combos = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer code, value;
  guint present = 0;

  g_hash_table_iter_init (&iter, roles);
  while (g_hash_table_iter_next (&iter, &code, &value))
    {
      /* The legend speaks of what the map shows: a role whose regions are
       * all out of view has no entry. */
      if (!code_in_view (self, ctx, code))
        continue;
      present |= GPOINTER_TO_UINT (value);
      g_hash_table_add (combos, value);
    }

  for (guint r = 0; r < MIN (role_list->len, MAX_ROLES); r++)
    {
      FaRegionRole *role = g_ptr_array_index (role_list, r);
      const char *with = fa_region_role_get_combined_with (role);

      if (!(present & (1u << r)))
        continue;
      add_swatch (entries, role_list, 1u << r, fa_region_role_get_label (role));

      /* "Origin of both", where a region shows both roles. */
      for (guint o = 0; with != NULL && o < MIN (role_list->len, MAX_ROLES); o++)
        {
          FaRegionRole *other = g_ptr_array_index (role_list, o);
          guint pair = (1u << r) | (1u << o);
          gboolean shown = FALSE;

          if (o == r || !g_str_equal (fa_region_role_get_id (other), with))
            continue;
          g_hash_table_iter_init (&iter, combos);
          while (g_hash_table_iter_next (&iter, &value, NULL) && !shown)
            shown = (GPOINTER_TO_UINT (value) & pair) == pair;
          if (shown)
            add_swatch (entries, role_list, pair,
                        fa_region_role_get_combined_label (role) ? fa_region_role_get_combined_label (role)
                                                                  : fa_region_role_get_label (role));
        }
    }
}

static void
on_flows_changed_cb (FaChoroplethLayer *self,
                     FaFlowLayer       *flows)
{
  fa_map_layer_changed (FA_MAP_LAYER (self));
}

static char *
describe_roles (const GPtrArray *role_list,
                guint            bits)
{
  GString *text = NULL;

  for (guint r = 0; r < MIN (role_list->len, MAX_ROLES); r++)
    {
      FaRegionRole *role;

      if (!(bits & (1u << r)))
        continue;
      role = g_ptr_array_index (role_list, r);
      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append_c (text, '\n');
      g_string_append (text, fa_region_role_get_label (role));
    }

  return text != NULL ? g_string_free (text, FALSE) : NULL;
}

/* A country's or region's role in the flows shown, under its name. */
static void
fa_choropleth_layer_describe (FaMapLayer            *layer,
                              const FaRenderContext *ctx,
                              const FaMapHit        *hit,
                              GString               *text)
{
  FaChoroplethLayer *self = FA_CHOROPLETH_LAYER (layer);
  g_autoptr(GHashTable) roles = NULL;
  g_autofree char *words = NULL;

  if (hit->code == NULL)
    return;

  roles = compute_roles (self, ctx);
  words = describe_roles (fa_dataset_get_role_array (fa_flow_layer_get_dataset (self->flows)),
                          GPOINTER_TO_UINT (g_hash_table_lookup (roles, hit->code)));
  if (words == NULL)
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, words);
}

static void
fa_choropleth_layer_finalize (GObject *object)
{
  FaChoroplethLayer *self = FA_CHOROPLETH_LAYER (object);

  g_clear_object (&self->flows);
  g_clear_object (&self->basemap);
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  g_clear_pointer (&self->cache_key, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (fa_choropleth_layer_parent_class)->finalize (object);
}

static void
fa_choropleth_layer_class_init (FaChoroplethLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FaMapLayerClass *layer_class = FA_MAP_LAYER_CLASS (klass);

  object_class->finalize = fa_choropleth_layer_finalize;
  layer_class->render = fa_choropleth_layer_render;
  layer_class->collect_legend = fa_choropleth_layer_collect_legend;
  layer_class->describe = fa_choropleth_layer_describe;
}

static void
fa_choropleth_layer_init (FaChoroplethLayer *self)
{
  g_mutex_init (&self->lock);
}

/**
 * fa_choropleth_layer_new:
 * @flows: whose shown flows give the roles
 * @basemap: whose countries and regions are filled
 *
 * Returns: (transfer full): a dynamic layer drawn under the flows
 */
FaChoroplethLayer *
fa_choropleth_layer_new (FaFlowLayer    *flows,
                         FaBasemapLayer *basemap)
{
  FaChoroplethLayer *self;

  g_return_val_if_fail (FA_IS_FLOW_LAYER (flows), NULL);
  g_return_val_if_fail (FA_IS_BASEMAP_LAYER (basemap), NULL);

  self = g_object_new (FA_TYPE_CHOROPLETH_LAYER,
                       "title", _("Source regions"),
                       "kind", FA_LAYERS_DYNAMIC,
                       NULL);
  self->flows = g_object_ref (flows);
  self->basemap = g_object_ref (basemap);
  g_signal_connect_object (flows, "changed", G_CALLBACK (on_flows_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

