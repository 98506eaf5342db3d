/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-place-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "fa-dataset.h"
#include "fa-flow.h"
#include "fa-frame.h"
#include "fa-map-state.h"
#include "fa-label-placer.h"
#include "fa-place-clustering.h"
#include "fa-place-layer.h"
#include "fa-place.h"

#define SPREAD_RADIUS 15.0   /* sites sharing one point are spread on a ring */
#define PICK_RADIUS   9.0

typedef struct
{
  FaPlace *place;      /* borrowed; a cluster's main place */
  FaPlaceCluster *cluster; /* owned, nullable: several places drawn as one */
  double   x;          /* screen */
  double   y;
  double   weight;     /* label priority */
  gboolean endpoint;
} Marker;

struct _FaPlaceLayer
{
  FaMapLayer   parent_instance;

  FaFlowLayer *flows;    /* owned: its dataset and projected place points */
};

G_DEFINE_FINAL_TYPE (FaPlaceLayer, fa_place_layer, FA_TYPE_MAP_LAYER)

static gboolean
is_site (FaPlaceKind kind)
{
  return kind == FA_PLACE_KIND_FACILITY || kind == FA_PLACE_KIND_CAMP || kind == FA_PLACE_KIND_SITE;
}

/**
 * fa_place_draw_icon:
 *
 * Draws the marker of a place of @kind centred on (@x, @y): a barred
 * square for detention facilities, a tent for camps, a factory for other
 * sites of forced labour, a dot for cities and a ring for countries,
 * regions and groups.
 */
void
fa_place_draw_icon (cairo_t          *cr,
                    const FaMapStyle *style,
                    FaPlaceKind       kind,
                    double            x,
                    double            y)
{
  cairo_save (cr);
  cairo_new_path (cr);
  switch (kind)
    {
    case FA_PLACE_KIND_FACILITY:
      cairo_rectangle (cr, x - 6, y - 6, 12, 12);
      fa_map_style_set_source (cr, &style->halo);
      cairo_set_line_width (cr, 3);
      cairo_stroke_preserve (cr);
      fa_map_style_set_source (cr, &style->label);
      cairo_fill (cr);
      fa_map_style_set_source (cr, &style->halo);
      for (int i = -1; i <= 1; i++)
        cairo_rectangle (cr, x + i * 3.5 - 0.75, y - 4.5, 1.5, 9);
      cairo_fill (cr);
      break;

    case FA_PLACE_KIND_CAMP:
      cairo_move_to (cr, x, y - 7);
      cairo_line_to (cr, x + 7.5, y + 6);
      cairo_line_to (cr, x - 7.5, y + 6);
      cairo_close_path (cr);
      fa_map_style_set_source (cr, &style->halo);
      cairo_set_line_width (cr, 3);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke_preserve (cr);
      fa_map_style_set_source (cr, &style->label);
      cairo_fill (cr);
      cairo_move_to (cr, x, y + 0.5);
      cairo_line_to (cr, x + 2.5, y + 6);
      cairo_line_to (cr, x - 2.5, y + 6);
      cairo_close_path (cr);
      fa_map_style_set_source (cr, &style->halo);
      cairo_fill (cr);
      break;

    case FA_PLACE_KIND_SITE:
      /* A factory: saw-tooth roof and a chimney. */
      cairo_move_to (cr, x - 7, y + 6);
      cairo_line_to (cr, x - 7, y - 1);
      cairo_line_to (cr, x - 3, y - 4);
      cairo_line_to (cr, x - 3, y - 1);
      cairo_line_to (cr, x + 1, y - 4);
      cairo_line_to (cr, x + 1, y - 1);
      cairo_line_to (cr, x + 3.5, y - 1);
      cairo_line_to (cr, x + 3.5, y - 7);
      cairo_line_to (cr, x + 7, y - 7);
      cairo_line_to (cr, x + 7, y + 6);
      cairo_close_path (cr);
      fa_map_style_set_source (cr, &style->halo);
      cairo_set_line_width (cr, 3);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke_preserve (cr);
      fa_map_style_set_source (cr, &style->label);
      cairo_fill (cr);
      break;

    case FA_PLACE_KIND_CITY:
      cairo_arc (cr, x, y, 3.2, 0, 2 * G_PI);
      fa_map_style_set_source (cr, &style->halo);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke_preserve (cr);
      fa_map_style_set_source (cr, &style->label);
      cairo_fill (cr);
      break;

    case FA_PLACE_KIND_COUNTRY:
    case FA_PLACE_KIND_REGION:
    case FA_PLACE_KIND_GROUP:
    default:
      cairo_arc (cr, x, y, 4.2, 0, 2 * G_PI);
      fa_map_style_set_source (cr, &style->halo);
      cairo_fill_preserve (cr);
      fa_map_style_set_source (cr, &style->label);
      cairo_set_line_width (cr, 1.6);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

static void
marker_clear (Marker *marker)
{
  g_clear_object (&marker->cluster);
}

/* Radius of a cluster's disc: its area grows with its places. */
static double
cluster_radius (FaPlaceCluster *cluster)
{
  return MIN (7 + 1.6 * sqrt (fa_place_cluster_get_n_places (cluster)), 22);
}

/* A disc in the colour of labels with how many places it holds. */
static void
draw_cluster (cairo_t               *cr,
              const FaRenderContext *ctx,
              FaPlaceCluster        *cluster,
              double                 x,
              double                 y)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  g_autofree char *count = g_strdup_printf ("%u", fa_place_cluster_get_n_places (cluster));
  double r = cluster_radius (cluster);
  PangoRectangle ink;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  fa_map_style_set_source_alpha (cr, &ctx->style->label, 0.88);
  cairo_fill_preserve (cr);
  fa_map_style_set_source (cr, &ctx->style->halo);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);

  pango_font_description_set_family (font, ctx->style->font_family);
  pango_font_description_set_absolute_size (font, (r > 11 ? 11 : 9.5) * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, count, -1);
  pango_layout_get_pixel_extents (layout, &ink, NULL);
  cairo_move_to (cr, x - ink.x - ink.width / 2.0, y - ink.y - ink.height / 2.0);
  fa_map_style_set_source (cr, &ctx->style->halo);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static int
compare_markers (gconstpointer a,
                 gconstpointer b)
{
  const Marker *ma = a, *mb = b;

  return (ma->weight < mb->weight) - (ma->weight > mb->weight);
}

static void
add_weight (GHashTable *weights,
            FaPlace    *place,
            double      weight)
{
  double *w = g_hash_table_lookup (weights, place);

  if (w == NULL)
    {
      w = g_new0 (double, 1);
      g_hash_table_insert (weights, place, w);
    }
  *w += weight;
}

/* The markers of the places shown in the view of @ctx, in screen space:
 * the places the flows shown connect, and the sites of the categories
 * shown.  Drawing and legend both follow from it. */
static GArray *
compute_markers (FaPlaceLayer          *self,
                 const FaRenderContext *ctx)
{
  FaDataset *dataset = fa_flow_layer_get_dataset (self->flows);
  /* Any thread draws: the array, not the list model. */
  GPtrArray *places = fa_dataset_get_place_array (dataset);
  g_autoptr(GHashTable) weights = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) stacks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *markers = g_array_new (FALSE, FALSE, sizeof (Marker));
  int width = fa_viewport_get_width (ctx->viewport);
  int height = fa_viewport_get_height (ctx->viewport);
  guint level = 0;
  FaPlaceClustering *clustering = NULL;
  g_autoptr(GHashTable) cluster_markers = g_hash_table_new (NULL, NULL);

  g_array_set_clear_func (markers, (GDestroyNotify) marker_clear);
  if (ctx->state == NULL || ctx->state->dataset != dataset)
    return markers;
  clustering = fa_flow_layer_get_clustering (self->flows, ctx, &level);

  /* Places that the flows shown connect, weighted by how much passes. */
  for (guint i = 0; i < ctx->state->visible->len; i++)
    {
      FaFlow *flow = g_ptr_array_index (ctx->state->visible, i);
      GPtrArray *via = fa_flow_get_via (flow);
      double w = 1 + log10 (1 + MAX (0, (double) MAX (fa_flow_get_count_high (flow), fa_flow_get_count (flow))));

      add_weight (weights, fa_flow_get_origin (flow), w);
      add_weight (weights, fa_flow_get_destination (flow), w);
      for (guint v = 0; via != NULL && v < via->len; v++)
        add_weight (weights, g_ptr_array_index (via, v), w * 0.8);
    }

  for (guint i = 0; i < places->len; i++)
    {
      FaPlace *place = g_ptr_array_index (places, i);
      double *w = g_hash_table_lookup (weights, place);
      Marker marker = { 0 };
      double x, y;

      if (w == NULL && !is_site (fa_place_get_kind (place)))
        continue;
      /* A site is evidence of a category: it goes with that category, at
       * the months the source says it of (FORMAT.md §7.1). */
      if (w == NULL && !fa_map_snapshot_category_visible (ctx->state, fa_place_get_category_id (place)))
        continue;
      if (w == NULL && !fa_time_filter_matches_place (&ctx->time, place))
        continue;
      /* A place merged with others: one marker for them all. */
      if (w != NULL && clustering != NULL)
        {
          FaPlaceCluster *cluster = fa_place_clustering_lookup (clustering, level, place);
          gpointer at;

          if (cluster != NULL && fa_place_cluster_get_n_places (cluster) > 1)
            {
              if (g_hash_table_lookup_extended (cluster_markers, cluster, NULL, &at))
                {
                  if (at != NULL)
                    g_array_index (markers, Marker, GPOINTER_TO_UINT (at) - 1).weight += *w;
                  continue;
                }
              x = fa_place_cluster_get_x (cluster);
              y = fa_place_cluster_get_y (cluster);
              cairo_matrix_transform_point (&ctx->to_device, &x, &y);
              if (x < -50 || y < -50 || x > width + 50 || y > height + 50)
                {
                  g_hash_table_insert (cluster_markers, cluster, NULL);
                  continue;
                }
              marker.place = fa_place_cluster_get_main_place (cluster);
              marker.cluster = g_object_ref (cluster);
              marker.x = x;
              marker.y = y;
              marker.endpoint = TRUE;
              marker.weight = *w;
              g_array_append_val (markers, marker);
              g_hash_table_insert (cluster_markers, cluster, GUINT_TO_POINTER (markers->len));
              continue;
            }
        }
      if (!fa_flow_layer_get_place_point (self->flows, place, &x, &y))
        continue;
      cairo_matrix_transform_point (&ctx->to_device, &x, &y);
      if (x < -50 || y < -50 || x > width + 50 || y > height + 50)
        continue;

      marker.place = place;
      marker.x = x;
      marker.y = y;
      marker.endpoint = w != NULL;
      marker.weight = (w != NULL ? *w : 0) + (is_site (fa_place_get_kind (place)) ? 2 : 0);
      g_array_append_val (markers, marker);
    }

  /* Sites that the source places only as "in occupied territory" share a
   * point: spread them on a ring around it, so each stays visible.  One
   * pass counts the sites at each point, the next places them. */
  {
    g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < markers->len; i++)
      {
        Marker *m = &g_array_index (markers, Marker, i);
        char *key = NULL;

        if (is_site (fa_place_get_kind (m->place)))
          {
            key = g_strdup_printf ("%d,%d", (int) round (m->x / 3), (int) round (m->y / 3));
            g_hash_table_insert (stacks, g_strdup (key),
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (stacks, key)) + 1));
          }
        g_ptr_array_add (keys, key);
      }

    for (guint i = 0; i < markers->len; i++)
      {
        Marker *m = &g_array_index (markers, Marker, i);
        const char *key = g_ptr_array_index (keys, i);
        guint n, k;

        if (key == NULL)
          continue;
        n = GPOINTER_TO_UINT (g_hash_table_lookup (stacks, key));
        k = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));
        g_hash_table_insert (seen, (gpointer) key, GUINT_TO_POINTER (k + 1));
        if (n > 1)
          {
            double a = -G_PI / 2 + 2 * G_PI * k / n + G_PI / n;
            double r = SPREAD_RADIUS + 2 * MAX (0, (int) n - 6);

            m->x += r * cos (a);
            m->y += r * sin (a);
          }
      }
  }


  return markers;
}

static void
fa_place_layer_render (FaMapLayer            *layer,
                       cairo_t               *cr,
                       const FaRenderContext *ctx)
{
  FaPlaceLayer *self = FA_PLACE_LAYER (layer);
  g_autoptr(GArray) markers = compute_markers (self, ctx);

  if (markers->len == 0)
    return;

  for (guint i = 0; i < markers->len; i++)
    {
      const Marker *m = &g_array_index (markers, Marker, i);

      if (m->cluster != NULL)
        draw_cluster (cr, ctx, m->cluster, m->x, m->y);
      else
        fa_place_draw_icon (cr, ctx->style, fa_place_get_kind (m->place), m->x, m->y);
    }

  /* The names go in the map's one label pass: see collect_labels. */
  if (ctx->frame != NULL)
    fa_frame_set_layer_data (ctx->frame, self, g_steal_pointer (&markers), (GDestroyNotify) g_array_unref);
}

/* Each marker keeps its ground; its name, the busiest places first, goes
 * right of it, else left, above or below. */
static void
fa_place_layer_collect_labels (FaMapLayer            *layer,
                               cairo_t               *cr,
                               const FaRenderContext *ctx,
                               FaLabelSpace          *space)
{
  FaPlaceLayer *self = FA_PLACE_LAYER (layer);
  g_autoptr(GArray) markers = compute_markers (self, ctx);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  /* The box is the text with 1 px either side. */
  static const FaLabelSpot spots[] = {
    { 0.0, -0.5, 8, 0 },      /* right */
    { -1.0, -0.5, -8, 0 },    /* left */
    { -0.5, -1.6, 0, -2 },    /* above */
    { -0.5, 0.6, 0, 8 },      /* below */
  };

  if (markers->len == 0)
    return;

  for (guint i = 0; i < markers->len; i++)
    {
      const Marker *m = &g_array_index (markers, Marker, i);
      double r = m->cluster != NULL ? cluster_radius (m->cluster) + 1 : 6;

      fa_label_space_add_obstacle (space, m->x - r, m->y - r, 2 * r, 2 * r);
    }

  pango_font_description_set_family (font, ctx->style->font_family);
  pango_font_description_set_absolute_size (font, fa_map_style_text_px (ctx->style, 12) * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_SEMIBOLD);

  g_array_sort (markers, compare_markers);
  for (guint i = 0; i < markers->len; i++)
    {
      const Marker *m = &g_array_index (markers, Marker, i);
      FaLabelRequest request = { 0 };
      g_autofree char *name = m->cluster != NULL ? fa_place_cluster_dup_name (m->cluster) : NULL;
      /* Beside a cluster's disc, as beside a marker. */
      double r = m->cluster != NULL ? cluster_radius (m->cluster) - 4 : 0;
      FaLabelSpot cluster_spots[G_N_ELEMENTS (spots)];

      for (guint k = 0; k < G_N_ELEMENTS (spots); k++)
        {
          cluster_spots[k] = spots[k];
          cluster_spots[k].dx += spots[k].dx > 0 ? r : spots[k].dx < 0 ? -r : 0;
          cluster_spots[k].dy += spots[k].dy > 0 ? r : spots[k].dy < 0 ? -r : 0;
        }
      request.text = name != NULL ? name : fa_place_get_name (m->place);
      request.font = font;
      request.x = m->x;
      request.y = m->y;
      request.spots = m->cluster != NULL ? cluster_spots : spots;
      request.n_spots = G_N_ELEMENTS (spots);
      request.pad_x = 1;
      request.kind = FA_LABEL_PLAIN;
      request.color = ctx->style->label;
      request.halo = ctx->style->halo;
      request.halo_width = 3.5;
      request.priority = FA_LABEL_PRIORITY_PLACE;
      fa_label_space_add (space, &request);
    }
}

static void
draw_kind_swatch_cb (FaMapLayer            *layer,
                     cairo_t               *cr,
                     const FaRenderContext *ctx,
                     double                 width,
                     double                 height,
                     gpointer               data)
{
  fa_place_draw_icon (cr, ctx->style, GPOINTER_TO_INT (data), width / 2, height / 2);
}

static void
fa_place_layer_collect_legend (FaMapLayer            *layer,
                               const FaRenderContext *ctx,
                               GPtrArray             *entries)
{
  FaPlaceLayer *self = FA_PLACE_LAYER (layer);
  g_autoptr(GArray) markers = compute_markers (self, ctx);
  static const struct { FaPlaceKind kind; const char *label; } kinds[] = {
    { FA_PLACE_KIND_FACILITY, N_("Filtration, detention or prison") },
    { FA_PLACE_KIND_CAMP, N_("Camp") },
    { FA_PLACE_KIND_SITE, N_("Other site of forced labour") },
  };
  gboolean present[G_N_ELEMENTS (kinds)] = { FALSE };

  for (guint i = 0; i < markers->len; i++)
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      if (g_array_index (markers, Marker, i).cluster == NULL &&
          fa_place_get_kind (g_array_index (markers, Marker, i).place) == kinds[k].kind)
        present[k] = TRUE;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      FaLegendEntry *entry;

      if (!present[k])
        continue;
      entry = g_new0 (FaLegendEntry, 1);
      entry->label = g_strdup (_(kinds[k].label));
      entry->draw_swatch = draw_kind_swatch_cb;
      entry->data = GINT_TO_POINTER (kinds[k].kind);
      g_ptr_array_add (entries, entry);
    }
}

static gboolean
fa_place_layer_pick (FaMapLayer            *layer,
                     const FaRenderContext *ctx,
                     double                 x,
                     double                 y,
                     FaMapHit              *hit)
{
  GArray *markers = ctx->frame ? fa_frame_get_layer_data (ctx->frame, layer) : NULL;
  GObject *best = NULL;
  double best_d = G_MAXDOUBLE;

  for (guint i = 0; markers != NULL && i < markers->len; i++)
    {
      const Marker *m = &g_array_index (markers, Marker, i);
      double d = hypot (m->x - x, m->y - y);
      double reach = m->cluster != NULL ? MAX (PICK_RADIUS, cluster_radius (m->cluster) + 2) : PICK_RADIUS;

      if (d <= reach && d < best_d)
        {
          best = m->cluster != NULL ? G_OBJECT (m->cluster) : G_OBJECT (m->place);
          best_d = d;
        }
    }

  hit->item = best;
  return best != NULL;
}

/* The flows shown that leave and reach @place, and their people where
 * that sum means something: every figure exact and none given for several
 * routes together ("do not add them up"). */
static void
append_total (GString    *text,
              guint       n,
              gint64      people,
              gboolean    summable,
              gboolean    outgoing)
{
  g_autofree char *flows = NULL;

  if (n == 0)
    return;
  flows = outgoing
          /* translators: in a place's tooltip: how many of the flows shown start there */
          ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u flow shown leaves here", "%u flows shown leave here", n), n)
          /* translators: in a place's tooltip: how many of the flows shown end there */
          : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u flow shown arrives here", "%u flows shown arrive here", n), n);
  g_string_append_printf (text, "\n%s", flows);
  if (summable && people > 0)
    {
      g_autofree char *number = fa_count_format (people);

      /* translators: after "3 flows shown arrive here"; %s is their people added up */
      g_string_append_printf (text, _(", %s people in all"), number);
    }
}

/* Whether @place is @item or one of its places. */
static gboolean
holds (GObject *item,
       FaPlace *place)
{
  if (FA_IS_PLACE_CLUSTER (item))
    return fa_place_cluster_contains (FA_PLACE_CLUSTER (item), place);

  return (GObject *) place == item;
}

static void
describe_totals (GObject             *item,
                 const FaMapSnapshot *state,
                 GString             *text)
{
  guint n_in = 0, n_out = 0, n_within = 0;
  gint64 in = 0, out = 0;
  gboolean in_summable = TRUE, out_summable = TRUE;

  for (guint i = 0; i < state->visible->len; i++)
    {
      FaFlow *flow = g_ptr_array_index (state->visible, i);
      gboolean exact = fa_flow_get_count (flow) >= 0 && fa_flow_get_combined (flow) == NULL;

      gboolean from = holds (item, fa_flow_get_origin (flow));
      gboolean to = holds (item, fa_flow_get_destination (flow));

      if (fa_flow_get_origin (flow) == fa_flow_get_destination (flow))
        continue;
      if (from && to)
        n_within++;
      else if (from)
        {
          n_out++;
          out += MAX (fa_flow_get_count (flow), 0);
          out_summable = out_summable && exact;
        }
      else if (to)
        {
          n_in++;
          in += MAX (fa_flow_get_count (flow), 0);
          in_summable = in_summable && exact;
        }
    }
  append_total (text, n_out, out, out_summable, TRUE);
  append_total (text, n_in, in, in_summable, FALSE);
  if (n_within > 0)
    {
      g_string_append_c (text, '\n');
      /* translators: in the tooltip of a cluster of places: flows between two of its places */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u flow shown between its places",
                                                 "%u flows shown between its places", n_within), n_within);
    }
}

static void
fa_place_layer_describe (FaMapLayer            *layer,
                         const FaRenderContext *ctx,
                         const FaMapHit        *hit,
                         GString               *text)
{
  FaPlace *place;

  if (hit->layer != layer)
    return;
  if (FA_IS_PLACE_CLUSTER (hit->item))
    {
      FaPlaceCluster *cluster = FA_PLACE_CLUSTER (hit->item);
      g_autofree char *name = fa_place_cluster_dup_name (cluster);
      guint n = fa_place_cluster_get_n_places (cluster);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, name);
      g_string_append_c (text, '\n');
      /* translators: in the tooltip of a cluster of places on a zoomed-out map */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u place merged at this zoom",
                                                 "%u places merged at this zoom", n), n);
      if (ctx->state != NULL)
        describe_totals (hit->item, ctx->state, text);
      g_string_append_printf (text, "\n%s", _("Zoom in or click to see each place"));
      return;
    }
  if (!FA_IS_PLACE (hit->item))
    return;

  place = FA_PLACE (hit->item);
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, fa_place_get_name (place));
  if (fa_place_is_schematic (place))
    g_string_append_printf (text, "\n%s", fa_place_kind_describe_point (fa_place_get_kind (place)));
  if (fa_place_get_category_id (place) != NULL && !fa_dating_is_dated (fa_place_get_evidence_dating (place)))
    {
      g_autofree char *when = fa_place_describe_evidence_time (place);

      g_string_append_printf (text, "\n%s", when);
    }
  if (fa_place_get_note (place) != NULL)
    g_string_append_printf (text, "\n%s", fa_place_get_note (place));
  if (ctx->state != NULL)
    describe_totals (hit->item, ctx->state, text);
}

static void
on_flows_changed_cb (FaPlaceLayer *self,
                     FaFlowLayer  *flows)
{
  fa_map_layer_changed (FA_MAP_LAYER (self));
}

static void
fa_place_layer_finalize (GObject *object)
{
  FaPlaceLayer *self = FA_PLACE_LAYER (object);

  g_clear_object (&self->flows);

  G_OBJECT_CLASS (fa_place_layer_parent_class)->finalize (object);
}

static void
fa_place_layer_class_init (FaPlaceLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FaMapLayerClass *layer_class = FA_MAP_LAYER_CLASS (klass);

  object_class->finalize = fa_place_layer_finalize;
  layer_class->render = fa_place_layer_render;
  layer_class->collect_labels = fa_place_layer_collect_labels;
  layer_class->collect_legend = fa_place_layer_collect_legend;
  layer_class->pick = fa_place_layer_pick;
  layer_class->describe = fa_place_layer_describe;
}

static void
fa_place_layer_init (FaPlaceLayer *self)
{
}

/**
 * fa_place_layer_new:
 * @flows: the flow layer whose shown flows decide which places appear
 *
 * Returns: (transfer full): a dynamic layer of place markers and labels
 */
FaPlaceLayer *
fa_place_layer_new (FaFlowLayer *flows)
{
  FaPlaceLayer *self;

  g_return_val_if_fail (FA_IS_FLOW_LAYER (flows), NULL);

  self = g_object_new (FA_TYPE_PLACE_LAYER,
                       "title", _("Places"),
                       "kind", FA_LAYERS_DYNAMIC,
                       NULL);
  self->flows = g_object_ref (flows);
  g_signal_connect_object (flows, "changed", G_CALLBACK (on_flows_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}
