/* fa-choropleth-layer.c
 *
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

/* Okabe–Ito colours, told apart by colour-blind readers too; a country of
 * two origin roles is filled in one and striped in the other. */
static const FaColor labour_color = { 0xe6 / 255.0, 0x9f / 255.0, 0x00 / 255.0, 1 };
static const FaColor sex_color = { 0xcc / 255.0, 0x79 / 255.0, 0xa7 / 255.0, 1 };
static const FaColor military_color = { 0x56 / 255.0, 0xb4 / 255.0, 0xe9 / 255.0, 1 };
static const FaColor destination_color = { 0x00 / 255.0, 0x9e / 255.0, 0x73 / 255.0, 1 };
static const FaColor abroad_origin_color = { 0xd5 / 255.0, 0x5e / 255.0, 0x00 / 255.0, 1 };
static const FaColor workers_color = { 0xcc / 255.0, 0x33 / 255.0, 0x11 / 255.0, 1 };

#define FILL_ALPHA 0.5

/* The classes, in legend order; "both" is labour and sex together. */
static const struct
{
  guint       roles;
  const char *label;
} role_labels[] = {
  { FA_ROLE_LABOUR_ORIGIN, N_("Origin of labour-trafficking victims in Russia") },
  { FA_ROLE_SEX_ORIGIN, N_("Origin of sex-trafficking victims in Russia") },
  { FA_ROLE_LABOUR_ORIGIN | FA_ROLE_SEX_ORIGIN, N_("Origin of both") },
  { FA_ROLE_MILITARY_ORIGIN, N_("Origin of people coerced into Russia’s forces") },
  { FA_ROLE_DESTINATION, N_("Where Russian victims are exploited abroad") },
  { FA_ROLE_ABROAD_ORIGIN, N_("Region of Russia whose victims are exploited abroad") },
  { FA_ROLE_WORKERS_SENT, N_("Region of Russia where North Korean workers are sent") },
};

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

static gboolean
place_in_russia (FaPlace *place)
{
  const char * const *codes = fa_place_get_region_codes (place);

  if (codes == NULL || codes[0] == NULL)
    return FALSE;
  for (guint i = 0; codes[i] != NULL; i++)
    if (!g_str_has_prefix (codes[i], "RU"))
      return FALSE;
  return TRUE;
}

static void
add_roles (GHashTable *roles,
           FaPlace    *place,
           guint       role)
{
  const char * const *codes = fa_place_get_region_codes (place);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    g_hash_table_insert (roles, (gpointer) codes[i],
                         GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (roles, codes[i])) | role));
}

/* ISO code → FaRole bits, from the flows shown in @ctx. */
static GHashTable *
compute_roles (FaChoroplethLayer     *self,
               const FaRenderContext *ctx)
{
  FaDataset *dataset = fa_flow_layer_get_dataset (self->flows);
  GHashTable *roles = g_hash_table_new (g_str_hash, g_str_equal);

  if (ctx->state == NULL || ctx->state->dataset != dataset)
    return roles;

  for (guint i = 0; i < ctx->state->visible->len; i++)
    {
      FaFlow *flow = g_ptr_array_index (ctx->state->visible, i);
      FaCategory *category = fa_flow_get_category (flow);
      FaPlace *origin = fa_flow_get_origin (flow);
      FaPlace *dest = fa_flow_get_destination (flow);
      FaCategoryGroup group;
      FaCategoryForm form;

      if (category == NULL)
        continue;

      group = fa_category_get_group (category);
      form = fa_category_get_form (category);

      /* The source names Russia's Far East as where DPRK workers go. */
      if (group == FA_CATEGORY_GROUP_DPRK_WORKERS && place_in_russia (dest))
        {
          const char * const *codes = fa_place_get_region_codes (dest);

          if (codes != NULL && codes[0] != NULL && strchr (codes[0], '-') != NULL)
            add_roles (roles, dest, FA_ROLE_WORKERS_SENT);
          continue;
        }

      if (group != FA_CATEGORY_GROUP_SOURCE_REGIONS && group != FA_CATEGORY_GROUP_MILITARY)
        continue;

      if (form == FA_CATEGORY_FORM_MILITARY && !place_in_russia (origin))
        add_roles (roles, origin, FA_ROLE_MILITARY_ORIGIN);
      else if (group == FA_CATEGORY_GROUP_SOURCE_REGIONS && place_in_russia (dest) && !place_in_russia (origin))
        {
          if (form == FA_CATEGORY_FORM_LABOUR || form == FA_CATEGORY_FORM_MIXED)
            add_roles (roles, origin, FA_ROLE_LABOUR_ORIGIN);
          if (form == FA_CATEGORY_FORM_SEX || form == FA_CATEGORY_FORM_MIXED)
            add_roles (roles, origin, FA_ROLE_SEX_ORIGIN);
        }
      else if (group == FA_CATEGORY_GROUP_SOURCE_REGIONS && place_in_russia (origin) && !place_in_russia (dest))
        {
          const char * const *codes = fa_place_get_region_codes (origin);

          add_roles (roles, dest, FA_ROLE_DESTINATION);
          /* The source names regions of Russia, such as the North Caucasus. */
          if (codes != NULL && codes[0] != NULL && strchr (codes[0], '-') != NULL)
            add_roles (roles, origin, FA_ROLE_ABROAD_ORIGIN);
        }
    }

  return roles;
}

/* Fills the current path according to @roles; the path is consumed. */
static void
paint_roles (cairo_t *cr,
             guint    roles)
{
  guint origin = roles & (FA_ROLE_LABOUR_ORIGIN | FA_ROLE_SEX_ORIGIN);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  if (origin == (FA_ROLE_LABOUR_ORIGIN | FA_ROLE_SEX_ORIGIN))
    {
      fa_map_style_set_source_alpha (cr, &labour_color, FILL_ALPHA);
      cairo_fill_preserve (cr);
      fa_fill_stripes (cr, &sex_color, 0.9, 7, 3, FA_STRIPES_FALLING);
    }
  else if (origin == FA_ROLE_LABOUR_ORIGIN)
    {
      fa_map_style_set_source_alpha (cr, &labour_color, FILL_ALPHA);
      cairo_fill_preserve (cr);
    }
  else if (origin == FA_ROLE_SEX_ORIGIN)
    {
      fa_map_style_set_source_alpha (cr, &sex_color, FILL_ALPHA);
      cairo_fill_preserve (cr);
    }
  else if (roles & FA_ROLE_WORKERS_SENT)
    {
      /* A plain tint: diagonal hatching means occupied territory. */
      fa_map_style_set_source_alpha (cr, &workers_color, FILL_ALPHA * 0.4);
      cairo_fill_preserve (cr);
    }
  else if (roles & FA_ROLE_ABROAD_ORIGIN)
    {
      fa_map_style_set_source_alpha (cr, &abroad_origin_color, FILL_ALPHA);
      cairo_fill_preserve (cr);
    }
  else if (roles & FA_ROLE_DESTINATION)
    {
      fa_map_style_set_source_alpha (cr, &destination_color, FILL_ALPHA * 0.8);
      cairo_fill_preserve (cr);
    }

  if (roles & FA_ROLE_MILITARY_ORIGIN)
    {
      if (origin == 0 && !(roles & FA_ROLE_DESTINATION))
        {
          fa_map_style_set_source_alpha (cr, &military_color, FILL_ALPHA * 0.45);
          cairo_fill_preserve (cr);
        }
      fa_fill_stripes (cr, &military_color, 0.9, 6, 2, FA_STRIPES_VERTICAL);
    }

  /* A destination that is also an origin gets a green border (a plain
   * stroke: clipping it inside the shape costs a mask per country). */
  if ((roles & FA_ROLE_DESTINATION) && origin != 0)
    {
      fa_map_style_set_source (cr, &destination_color);
      cairo_set_line_width (cr, 2.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
      cairo_stroke_preserve (cr);
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
      paint_roles (cr, GPOINTER_TO_UINT (g_hash_table_lookup (roles, code)));
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

static void
draw_role_swatch_cb (FaMapLayer            *layer,
                     cairo_t               *cr,
                     const FaRenderContext *ctx,
                     double                 width,
                     double                 height,
                     gpointer               data)
{
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  fa_map_style_set_source (cr, &ctx->style->land);
  cairo_fill_preserve (cr);
  paint_roles (cr, GPOINTER_TO_UINT (data));
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  fa_map_style_set_source (cr, &ctx->style->border);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
fa_choropleth_layer_collect_legend (FaMapLayer            *layer,
                                    const FaRenderContext *ctx,
                                    GPtrArray             *entries)
{
  FaChoroplethLayer *self = FA_CHOROPLETH_LAYER (layer);
  g_autoptr(GHashTable) roles = compute_roles (self, ctx);
  GHashTableIter iter;
  gpointer value;
  guint present = 0;

  g_hash_table_iter_init (&iter, roles);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    present |= GPOINTER_TO_UINT (value);

  for (guint i = 0; i < G_N_ELEMENTS (role_labels); i++)
    {
      FaLegendEntry *entry;

      if ((present & role_labels[i].roles) != role_labels[i].roles)
        continue;
      entry = g_new0 (FaLegendEntry, 1);
      entry->label = g_strdup (_(role_labels[i].label));
      entry->draw_swatch = draw_role_swatch_cb;
      entry->data = GUINT_TO_POINTER (role_labels[i].roles);
      g_ptr_array_add (entries, entry);
    }
}

static void
on_flows_changed_cb (FaChoroplethLayer *self,
                     FaFlowLayer       *flows)
{
  fa_map_layer_changed (FA_MAP_LAYER (self));
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
  words = fa_choropleth_describe_roles (GPOINTER_TO_UINT (g_hash_table_lookup (roles, hit->code)));
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

/**
 * fa_choropleth_describe_roles:
 * @roles: #FaRole bits
 *
 * Returns: (transfer full) (nullable): the roles in words, one a line, or
 *   %NULL for none
 */
char *
fa_choropleth_describe_roles (guint roles)
{
  GString *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (role_labels); i++)
    {
      /* Single roles only: a country of both origins names each. */
      if ((role_labels[i].roles & (role_labels[i].roles - 1)) != 0 ||
          !(roles & role_labels[i].roles))
        continue;
      if (text == NULL)
        text = g_string_new (NULL);
      else
        g_string_append_c (text, '\n');
      g_string_append (text, _(role_labels[i].label));
    }

  return text != NULL ? g_string_free (text, FALSE) : NULL;
}
