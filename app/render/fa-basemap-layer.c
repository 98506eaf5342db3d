/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-basemap-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "fa-basemap-layer.h"
#include "fa-hairlines.h"
#include "fa-dataset.h"
#include "fa-map-state.h"
#include "fa-place.h"
#include "fa-feature-layer.h"
#include "fa-label-placer.h"
#include "fa-month.h"
#include "fa-projection.h"

/* Metres per pixel below which the next level of detail is used, and
 * below which first-level regions are outlined and labelled.
 */
#define MEDIUM_BELOW  14000.0
#define HIGH_BELOW     2500.0
#define REGIONS_BELOW  7000.0
#define REGION_LABELS_BELOW 1800.0
/* Decimation tolerance in pixels when building paths. */
#define TOLERANCE 0.3

#define MARKER_SIZE 16.0  /* px: the largest marker of a place, its halo included */
#define PLACE_LABEL_HEIGHT 16.0  /* px: a place's label, which may sit above or below it */

struct _FaBasemapLayer
{
  FaMapLayer      parent_instance;

  FaGeodata      *geodata;                    /* owned */
  FaProjection   *projection;                 /* owned */
  GMutex          lock;                       /* guards @countries … @occupied created on
                                               * demand (see slot_locks) */
  GMutex          slot_locks[2 * FA_N_DETAILS + 1]; /* one per level: two drawings that need
                                               * different levels read and project them
                                               * at once */
  FaFeatureLayer *countries[FA_N_DETAILS];    /* owned, created on demand */
  FaFeatureLayer *regions[FA_N_DETAILS];      /* owned, created on demand */
  FaFeatureLayer *occupied;                   /* owned */
  FaMonth         occupied_as_of_month;       /* FA_MONTH_NONE when unknown */

  /* Graticule and the outline of the whole globe, projected once. */
  GArray         *grid_x;
  GArray         *grid_y;
  GArray         *grid_starts;               /* guint: first point of each line */
  GArray         *globe_x;
  GArray         *globe_y;

  guint           show_regions : 1;
  guint           conic : 1;
};

G_DEFINE_FINAL_TYPE (FaBasemapLayer, fa_basemap_layer, FA_TYPE_MAP_LAYER)

enum {
  PROP_0,
  PROP_SHOW_REGIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static FaFeatureLayer *
ensure_layer (FaBasemapLayer *self,
              FaGeodataKind   kind,
              FaDetail        detail)
{
  FaFeatureLayer **slot;
  GMutex *slot_lock;
  FaFeatureLayer *layer;
  g_autoptr(GError) error = NULL;
  FaShapefile *shp;

  switch (kind)
    {
    case FA_GEODATA_COUNTRIES:
      slot = &self->countries[detail];
      slot_lock = &self->slot_locks[detail];
      break;

    case FA_GEODATA_REGIONS:
      if (detail == FA_DETAIL_LOW)
        detail = FA_DETAIL_MEDIUM;
      slot = &self->regions[detail];
      slot_lock = &self->slot_locks[FA_N_DETAILS + detail];
      break;

    case FA_GEODATA_OCCUPIED:
    default:
      slot = &self->occupied;
      slot_lock = &self->slot_locks[2 * FA_N_DETAILS];
      break;
    }

  g_mutex_lock (&self->lock);
  layer = *slot;
  g_mutex_unlock (&self->lock);
  if (layer != NULL)
    return layer;

  /* Drawings run on worker threads: a level is projected once, by
   * whichever asks first; the others wait for that level only. */
  g_mutex_lock (slot_lock);
  g_mutex_lock (&self->lock);
  layer = *slot;
  g_mutex_unlock (&self->lock);
  if (layer == NULL)
    {
      gint64 begin = g_get_monotonic_time ();

      shp = fa_geodata_get_layer (self->geodata, kind, detail, &error);
      if (shp != NULL)
        layer = fa_feature_layer_new (shp, self->projection, &error);
      if (layer == NULL)
        /* The bundled geodata is part of the installation: this is a packaging bug. */
        g_warning ("Cannot load the base map: %s", error->message);
      else
        g_debug ("base map layer %d, detail %d: read and projected in %.1f ms", kind, detail,
                 (g_get_monotonic_time () - begin) / 1000.0);
      g_mutex_lock (&self->lock);
      *slot = layer;
      g_mutex_unlock (&self->lock);
    }
  g_mutex_unlock (slot_lock);

  return layer;
}

static void
append_polyline (GArray *xs,
                 GArray *ys,
                 GArray *starts,
                 double  lon1,
                 double  lat1,
                 double  lon2,
                 double  lat2,
                 int     steps)
{
  guint start = xs->len;

  g_array_append_val (starts, start);
  for (int i = 0; i <= steps; i++)
    {
      double t = (double) i / steps;
      double lon = lon1 + (lon2 - lon1) * t;
      double lat = lat1 + (lat2 - lat1) * t;

      g_array_append_val (xs, lon);
      g_array_append_val (ys, lat);
    }
}

static void
build_graticule (FaBasemapLayer *self)
{
  double lon0 = fa_projection_get_central_meridian (self->projection);
  double west = lon0 - 180 + 1e-7;
  double east = lon0 + 180 - 1e-7;
  g_autoptr(GArray) globe_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  self->grid_x = g_array_new (FALSE, FALSE, sizeof (double));
  self->grid_y = g_array_new (FALSE, FALSE, sizeof (double));
  self->grid_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (int lat = -80; lat <= 80; lat += 10)
    append_polyline (self->grid_x, self->grid_y, self->grid_starts, west, lat, east, lat, 360);
  for (int lon = -180; lon < 180; lon += 10)
    {
      double l = lon;

      while (l < west)
        l += 360;
      while (l > east)
        l -= 360;
      append_polyline (self->grid_x, self->grid_y, self->grid_starts, l, -80, l, 80, 160);
    }
  fa_projection_forward (self->projection,
                         (double *) (void *) self->grid_x->data,
                         (double *) (void *) self->grid_y->data,
                         self->grid_x->len);

  /* The outline of the globe: the cut meridian on both sides and the poles. */
  self->globe_x = g_array_new (FALSE, FALSE, sizeof (double));
  self->globe_y = g_array_new (FALSE, FALSE, sizeof (double));
  append_polyline (self->globe_x, self->globe_y, globe_starts, west, -89.999, west, 89.999, 360);
  append_polyline (self->globe_x, self->globe_y, globe_starts, west, 89.999, east, 89.999, 720);
  append_polyline (self->globe_x, self->globe_y, globe_starts, east, 89.999, east, -89.999, 360);
  append_polyline (self->globe_x, self->globe_y, globe_starts, east, -89.999, west, -89.999, 720);
  fa_projection_forward (self->projection,
                         (double *) (void *) self->globe_x->data,
                         (double *) (void *) self->globe_y->data,
                         self->globe_x->len);
}

static void
append_lines (cairo_t              *cr,
              const cairo_matrix_t *m,
              GArray               *xs,
              GArray               *ys,
              GArray               *starts,
              gboolean              close)
{
  for (guint l = 0; l < starts->len; l++)
    {
      guint first = g_array_index (starts, guint, l);
      guint last = l + 1 < starts->len ? g_array_index (starts, guint, l + 1) : xs->len;
      gboolean pen_down = FALSE;

      for (guint i = first; i < last; i++)
        {
          double x = g_array_index (xs, double, i);
          double y = g_array_index (ys, double, i);

          if (!isfinite (x) || !isfinite (y) || fabs (x) > 1e15)
            {
              pen_down = FALSE;
              continue;
            }
          cairo_matrix_transform_point (m, &x, &y);
          if (pen_down || close)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          pen_down = TRUE;
        }
    }
  if (close)
    cairo_close_path (cr);
}

static gboolean
bounds_visible (const FaRect *b,
                const FaRect *visible)
{
  return b->x2 >= visible->x1 && b->x1 <= visible->x2 &&
         b->y2 >= visible->y1 && b->y1 <= visible->y2;
}

static void
append_visible_features (FaFeatureLayer        *layer,
                         cairo_t               *cr,
                         const FaRenderContext *ctx)
{
  guint n = fa_feature_layer_get_n_features (layer);

  for (guint i = 0; i < n; i++)
    {
      FaRect b;

      fa_feature_layer_get_feature_bounds (layer, i, &b);
      if (bounds_visible (&b, &ctx->visible))
        fa_feature_layer_append_path (layer, i, cr, &ctx->to_device, TOLERANCE);
    }
}

/* Draws the lines of the current path: into @hairlines when given, else
 * with the stroker; the path is consumed. */
static void
flush_lines (cairo_t     *cr,
             FaHairlines *hairlines)
{
  if (hairlines == NULL)
    {
      cairo_stroke (cr);
      return;
    }
  fa_hairlines_add_path (hairlines, cr);
  cairo_new_path (cr);
}

static void
stroke_visible_features (FaFeatureLayer        *layer,
                         cairo_t               *cr,
                         const FaRenderContext *ctx,
                         const FaColor         *color,
                         double                 width)
{
  guint n = fa_feature_layer_get_n_features (layer);
  guint batched = 0;
  g_auto(FaHairlines) hairlines = { 0 };
  gboolean fast = fa_hairlines_init (&hairlines, cr, width);

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_width (cr, width);
  fa_map_style_set_source (cr, color);
  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      FaRect b;

      fa_feature_layer_get_feature_bounds (layer, i, &b);
      if (!bounds_visible (&b, &ctx->visible))
        continue;
      fa_feature_layer_append_path (layer, i, cr, &ctx->to_device, TOLERANCE);
      /* Cairo's stroker sorts every edge of a path at once: a few
       * features at a time cost it several times less than the world. */
      if (++batched == 8)
        {
          flush_lines (cr, fast ? &hairlines : NULL);
          batched = 0;
        }
    }
  flush_lines (cr, fast ? &hairlines : NULL);
  if (fast)
    fa_hairlines_paint (&hairlines, cr, color, 1.0);
  cairo_restore (cr);
}

static void
hatch_current_path (cairo_t          *cr,
                    const FaMapStyle *style,
                    double            spacing,
                    double            width)
{
  fa_fill_stripes (cr, &style->occupied, 0.75, spacing, width, FA_STRIPES_RISING);
}

static const char *localized_name (FaFeatureLayer *layer,
                                   guint           feature);

/* Country names from ICU, whose CLDR data names every country in every
 * language we translate to, in the short form a map wants ("Russie",
 * not the DBF's ISO "Russie, Fédération de").  Renders run on several
 * worker threads at once, so the cache has a lock; uloc is thread-safe.
 * Entries are never removed: the names stay valid for the process.
 */
G_LOCK_DEFINE_STATIC (icu_names);
static GHashTable *icu_names;  /* "locale\ncode" → name, "" when ICU has none */

/* The ICU locale of the map's message language, the first of
 * g_get_language_names() (LANGUAGE, which --lang sets): "zh_CN" stays
 * "zh_CN" (Simplified), "sr_RS@latin" becomes "sr_Latn_RS".  %NULL for
 * C, POSIX and English, whose names are the base map's own.
 */
static char *
icu_display_locale (void)
{
  const char *language = g_get_language_names ()[0];
  g_autofree char *base = NULL;
  const char *modifier;
  const char *script = NULL;
  char *territory;

  if (language == NULL)
    return NULL;
  base = g_strndup (language, strcspn (language, ".@"));
  if (strlen (base) < 2 || g_str_equal (base, "C") || g_str_equal (base, "POSIX") ||
      (g_str_has_prefix (base, "en") && (base[2] == '\0' || base[2] == '_')))
    return NULL;

  modifier = strchr (language, '@');
  if (modifier != NULL && g_str_equal (modifier, "@latin"))
    script = "Latn";
  else if (modifier != NULL && g_str_equal (modifier, "@cyrillic"))
    script = "Cyrl";
  if (script == NULL)
    return g_steal_pointer (&base);

  territory = strchr (base, '_');
  if (territory != NULL)
    {
      *territory = '\0';
      return g_strdup_printf ("%s_%s_%s", base, script, territory + 1);
    }
  return g_strdup_printf ("%s_%s", base, script);
}

/* ICU's name of the country with ISO 3166-1 alpha-2 @code in @locale, or
 * %NULL where it has none: no code (Natural Earth's "-99" or empty), a
 * language ICU does not know (it would answer in English), or a code it
 * does not name (it would answer with the code). */
static const char *
icu_country_name (const char *locale,
                  const char *code)
{
  g_autofree char *key = NULL;
  const char *name;

  if (code == NULL || strlen (code) != 2 || !g_ascii_isupper (code[0]) || !g_ascii_isupper (code[1]))
    return NULL;

  key = g_strconcat (locale, "\n", code, NULL);
  G_LOCK (icu_names);
  if (icu_names == NULL)
    icu_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  name = g_hash_table_lookup (icu_names, key);
  if (name == NULL)
    {
      char id[8];
      UChar buf[128];
      char utf8[512];
      int32_t len;
      UErrorCode status = U_ZERO_ERROR;

      utf8[0] = '\0';
      g_snprintf (id, sizeof id, "und_%s", code);
      len = uloc_getDisplayCountry (id, locale, buf, G_N_ELEMENTS (buf), &status);
      if (U_SUCCESS (status) && status != U_USING_DEFAULT_WARNING && len > 0)
        {
          status = U_ZERO_ERROR;
          u_strToUTF8 (utf8, sizeof utf8, NULL, buf, len, &status);
          if (U_FAILURE (status) || status == U_STRING_NOT_TERMINATED_WARNING ||
              g_ascii_strcasecmp (utf8, code) == 0)
            utf8[0] = '\0';
        }
      name = g_strdup (utf8);
      g_hash_table_insert (icu_names, g_steal_pointer (&key), (char *) name);
    }
  G_UNLOCK (icu_names);

  return name[0] != '\0' ? name : NULL;
}

/* A country's label: ICU's name in the map's language, else the base
 * map's field in it (name_uk …; Natural Earth has no code for some
 * lands), else the English "name".  English maps keep the base map's
 * names. */
static const char *
country_label (FaFeatureLayer *layer,
               guint           feature)
{
  g_autofree char *locale = icu_display_locale ();
  const char *name = NULL;

  if (locale != NULL)
    name = icu_country_name (locale, fa_feature_layer_get_value (layer, feature, "iso_a2"));
  return name != NULL ? name : localized_name (layer, feature);
}

/* A country's name in the map's language (see country_label()). */
static const char *
country_name (FaBasemapLayer *self,
              const char     *code)
{
  FaFeatureLayer *countries = self->countries[FA_DETAIL_LOW];
  g_autofree char *locale = NULL;
  const char *name = NULL;

  if (code == NULL || code[0] == '\0')
    return NULL;
  for (guint i = 0; countries != NULL && i < fa_feature_layer_get_n_features (countries); i++)
    if (g_strcmp0 (fa_feature_layer_get_value (countries, i, "iso_a2"), code) == 0)
      return country_label (countries, i);
  locale = icu_display_locale ();
  if (locale != NULL)
    name = icu_country_name (locale, code);
  return name != NULL ? name : fa_geodata_get_name (self->geodata, code);
}

static FaMonth
parse_month (const char *text,
             gboolean    is_end)
{
  FaMonthPrecision precision;
  FaMonth month;

  if (text == NULL || text[0] == '\0' || !fa_month_parse (text, &precision, is_end, &month))
    return FA_MONTH_NONE;
  return month;
}

/* Whether region @i of the occupied layer was occupied at @month, from
 * its `since` and `until`; at %FA_MONTH_NONE, as of the layer's date. */
static gboolean
occupied_at (FaFeatureLayer *layer,
             guint           i,
             FaMonth         month)
{
  FaMonth since = parse_month (fa_feature_layer_get_value (layer, i, "since"), FALSE);
  FaMonth until = parse_month (fa_feature_layer_get_value (layer, i, "until"), TRUE);

  if (month == FA_MONTH_NONE)
    return until == FA_MONTH_NONE;
  return (since == FA_MONTH_NONE || since <= month) && (until == FA_MONTH_NONE || month <= until);
}

/**
 * fa_basemap_layer_get_occupied_month:
 *
 * Returns: the month whose occupation the map shows: the month of the
 *   map's time filter, else the layer's own date (`as_of`)
 */
FaMonth
fa_basemap_layer_get_occupied_month (FaBasemapLayer        *self,
                                     const FaRenderContext *ctx)
{
  g_return_val_if_fail (FA_IS_BASEMAP_LAYER (self), FA_MONTH_NONE);

  if (ctx->time.mode != FA_TIME_MODE_ALL && ctx->time.month != FA_MONTH_NONE)
    return ctx->time.month;
  return self->occupied_as_of_month;
}

/**
 * fa_basemap_layer_list_occupied:
 * @full: (element-type utf8): appended: the names of the regions wholly
 *   occupied at the month shown
 * @partial: (element-type utf8): the names of the regions partly occupied
 * @occupier: (out) (optional) (transfer none): the name of the occupying
 *   country (the layer's `occupier` code), or %NULL
 *
 * Only regions in the view of @ctx are listed: the legend speaks of what
 * the map shows.  The names are in the user's language where the base map
 * has them, and borrowed from the layer.
 */
void
fa_basemap_layer_list_occupied (FaBasemapLayer        *self,
                                const FaRenderContext *ctx,
                                GPtrArray             *full,
                                GPtrArray             *partial,
                                const char           **occupier)
{
  FaFeatureLayer *layer;
  FaFeatureLayer *regions;
  FaMonth month;

  g_return_if_fail (FA_IS_BASEMAP_LAYER (self));

  if (occupier != NULL)
    *occupier = NULL;
  layer = ensure_layer (self, FA_GEODATA_OCCUPIED, FA_DETAIL_HIGH);
  if (layer == NULL)
    return;
  /* Only the names are needed: every level of detail has the same
   * attributes, and the medium one is read at start-up (the high one
   * would cost an export a fifth of a second to read and project). */
  regions = ensure_layer (self, FA_GEODATA_REGIONS, FA_DETAIL_MEDIUM);
  month = fa_basemap_layer_get_occupied_month (self, ctx);
  for (guint i = 0; i < fa_feature_layer_get_n_features (layer); i++)
    {
      const char *code = fa_feature_layer_get_value (layer, i, "iso_3166_2");
      const char *name = fa_feature_layer_get_value (layer, i, "name");
      gboolean is_full = g_strcmp0 (fa_feature_layer_get_value (layer, i, "status"), "full") == 0;

      FaRect bounds;

      if (!occupied_at (layer, i, month))
        continue;
      /* The legend speaks of what the map shows. */
      fa_feature_layer_get_feature_bounds (layer, i, &bounds);
      if (!bounds_visible (&bounds, &ctx->visible))
        continue;
      /* The region's own name, in the user's language if the regions
       * layer has it. */
      if (regions != NULL && code != NULL)
        for (guint r = 0; r < fa_feature_layer_get_n_features (regions); r++)
          if (g_strcmp0 (fa_feature_layer_get_value (regions, r, "iso_3166_2"), code) == 0)
            {
              name = localized_name (regions, r);
              break;
            }
      if (name != NULL)
        g_ptr_array_add (is_full ? full : partial, (gpointer) name);
      if (occupier != NULL && *occupier == NULL)
        *occupier = country_name (self, fa_feature_layer_get_value (layer, i, "occupier"));
    }
}

/**
 * fa_basemap_layer_draw_occupied:
 *
 * Draws the hatch and outline of occupied territory.  Layers that fill
 * countries (the choropleth) call it again on top, so the hatch stays
 * visible.
 */
void
fa_basemap_layer_draw_occupied (FaBasemapLayer        *self,
                                cairo_t               *cr,
                                const FaRenderContext *ctx)
{
  FaFeatureLayer *layer = ensure_layer (self, FA_GEODATA_OCCUPIED, FA_DETAIL_HIGH);
  const FaMapStyle *style = ctx->style;
  FaMonth month;
  guint n;

  if (layer == NULL)
    return;

  month = fa_basemap_layer_get_occupied_month (self, ctx);
  n = fa_feature_layer_get_n_features (layer);
  for (guint i = 0; i < n; i++)
    {
      gboolean full = g_strcmp0 (fa_feature_layer_get_value (layer, i, "status"), "full") == 0;
      FaRect b;

      if (!occupied_at (layer, i, month))
        continue;
      fa_feature_layer_get_feature_bounds (layer, i, &b);
      if (!bounds_visible (&b, &ctx->visible))
        continue;

      cairo_new_path (cr);
      fa_feature_layer_append_path (layer, i, cr, &ctx->to_device, TOLERANCE);
      cairo_save (cr);
      fa_map_style_set_source_alpha (cr, &style->occupied, full ? 0.16 : 0.07);
      cairo_fill_preserve (cr);
      hatch_current_path (cr, style, full ? style->hatch_spacing : style->hatch_spacing * 1.8,
                          full ? 1.1 : 0.9);
      cairo_restore (cr);
    }

  /* Outlines on top, so that neighbouring hatches do not hide them. */
  for (guint i = 0; i < n; i++)
    {
      gboolean full = g_strcmp0 (fa_feature_layer_get_value (layer, i, "status"), "full") == 0;
      static const double dash[] = { 4.0, 2.5 };
      FaRect b;

      if (!occupied_at (layer, i, month))
        continue;
      fa_feature_layer_get_feature_bounds (layer, i, &b);
      if (!bounds_visible (&b, &ctx->visible))
        continue;

      cairo_new_path (cr);
      fa_feature_layer_append_path (layer, i, cr, &ctx->to_device, TOLERANCE);
      cairo_set_dash (cr, dash, full ? 0 : 2, 0);
      cairo_set_line_width (cr, style->occupied_width);
      fa_map_style_set_source_alpha (cr, &style->occupied, 0.85);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

typedef struct
{
  guint  feature;
  double area;
} LabelCandidate;

/* The base map's name of a country or region in the user's language
 * where Natural Earth and iso-codes give one (name_uk, name_ru, name_de,
 * name_fr); countries take ICU's first (country_label()). */
/* A first-level region's name from iso-codes' ISO 3166-2 catalogue, whose
 * messages are the ISO names Natural Earth keeps as name_local ("Luhanska
 * oblast" → "Луганська область"); NULL where it has no translation. */
static const char *
iso_region_name (FaFeatureLayer *layer,
                 guint           feature)
{
  static gsize bound = 0;
  const char *local = fa_feature_layer_get_value (layer, feature, "name_local");
  const char *translated;

  if (local == NULL || local[0] == '\0')
    return NULL;
  if (g_once_init_enter (&bound))
    {
      /* Installed by Debian's iso-codes in the system's locale directory,
       * gettext's default for a domain nobody bound. */
      bind_textdomain_codeset ("iso_3166-2", "UTF-8");
      g_once_init_leave (&bound, 1);
    }
  translated = dgettext ("iso_3166-2", local);

  return translated != local && g_strcmp0 (translated, local) != 0 ? translated : NULL;
}

static const char *
localized_name (FaFeatureLayer *layer,
                guint           feature)
{
  const char * const *languages = g_get_language_names ();

  /* The UI's language is not English: a maintained translation first. */
  if (languages[0] != NULL && !g_str_equal (languages[0], "C") && !g_str_has_prefix (languages[0], "en"))
    {
      const char *iso = iso_region_name (layer, feature);

      if (iso != NULL)
        return iso;
    }

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *field = NULL;
      const char *value;

      if (g_str_equal (languages[i], "C") || strlen (languages[i]) < 2)
        continue;
      if (g_str_has_prefix (languages[i], "en"))
        break;
      field = g_strdup_printf ("name_%.2s", languages[i]);
      value = fa_feature_layer_get_value (layer, feature, field);
      if (value != NULL && value[0] != '\0')
        return value;
    }

  return fa_feature_layer_get_value (layer, feature, "name");
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const LabelCandidate *ca = a;
  const LabelCandidate *cb = b;

  return (ca->area < cb->area) - (ca->area > cb->area);
}

/* The names of countries or regions, largest first, for the map's label
 * pass; the story's markers and labels come before them. */
static void
collect_feature_labels (const FaRenderContext *ctx,
                        FaFeatureLayer        *layer,
                        FaLabelSpace          *space,
                        gboolean               regions)
{
  const FaMapStyle *style = ctx->style;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (LabelCandidate));
  guint n = fa_feature_layer_get_n_features (layer);
  double min_area = regions ? 1500 : 600;   /* px², below which a unit is not labelled */
  /* On its label point, or above or below it when a marker of the story
   * stands there ("Russia" over Moscow in a view cut at the Urals): the
   * label's box is its text with 2 px around and 1 px above and below. */
  const double shift = MARKER_SIZE / 2.0 + PLACE_LABEL_HEIGHT + 4 - 1;
  const FaLabelSpot spots[] = {
    { -0.5, -0.5, 0, 0 },
    { -0.5, -1.0, 0, -shift },
    { -0.5, 0.0, 0, shift },
  };

  for (guint i = 0; i < n; i++)
    {
      LabelCandidate c;
      FaRect b;
      double w, h;

      fa_feature_layer_get_feature_bounds (layer, i, &b);
      if (!bounds_visible (&b, &ctx->visible))
        continue;
      w = (b.x2 - b.x1) * ctx->to_device.xx;
      h = (b.y2 - b.y1) * fabs (ctx->to_device.yy);
      c.feature = i;
      /* The land's own area on screen, not its bounding box: France with
       * French Guiana, or the scattered U.S. islands, are not that big. */
      c.area = MIN (w * h, fa_feature_layer_get_feature_area (layer, i) *
                           ctx->to_device.xx * fabs (ctx->to_device.yy));
      if (c.area >= min_area)
        g_array_append_val (candidates, c);
    }
  g_array_sort (candidates, compare_candidates);

  for (guint k = 0; k < candidates->len; k++)
    {
      const LabelCandidate *c = &g_array_index (candidates, LabelCandidate, k);
      g_autoptr(PangoFontDescription) font = pango_font_description_new ();
      const char *name = regions ? localized_name (layer, c->feature) : country_label (layer, c->feature);
      FaLabelRequest request = { 0 };
      double x, y;

      if (name == NULL || name[0] == '\0')
        continue;
      if (!fa_feature_layer_get_label_point (layer, c->feature, &x, &y))
        continue;
      cairo_matrix_transform_point (&ctx->to_device, &x, &y);

      pango_font_description_set_family (font, style->font_family);
      if (regions)
        {
          pango_font_description_set_size (font, fa_map_style_text_px (ctx->style, 8) * PANGO_SCALE);
          pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
        }
      else
        {
          double size = CLAMP (7.5 + sqrt (c->area) / 90.0, 8.5, 13.0);

          pango_font_description_set_absolute_size (font, fa_map_style_text_px (ctx->style, size * 96.0 / 72.0) * PANGO_SCALE);
          pango_font_description_set_weight (font, c->area > 40000 ? PANGO_WEIGHT_SEMIBOLD : PANGO_WEIGHT_NORMAL);
          /* A label much wider than its country would wander into the
           * neighbours. */
          request.max_width = 2.2 * sqrt (c->area);
        }

      request.text = name;
      request.font = font;
      request.x = x;
      request.y = y;
      request.spots = spots;
      request.n_spots = G_N_ELEMENTS (spots);
      /* Only a marker moves a name: one that meets another name is left
       * out, not pushed into the neighbours. */
      request.move_for_obstacles_only = TRUE;
      request.pad_x = 2;
      request.pad_y = 1;
      request.kind = FA_LABEL_PLAIN;
      request.color = regions ? style->label_minor : style->label;
      request.halo = style->halo;
      request.halo_width = 3.0;
      request.priority = regions ? FA_LABEL_PRIORITY_REGION : FA_LABEL_PRIORITY_COUNTRY;
      /* "Ukraine" the country under "Ukraine" the place of the dataset. */
      request.drop_if_repeated = TRUE;
      fa_label_space_add (space, &request);
    }
}

static void
prefetch_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  ensure_layer (FA_BASEMAP_LAYER (source), FA_GEODATA_REGIONS, GPOINTER_TO_INT (data));
  g_task_return_boolean (task, TRUE);
}

/* Regions at @detail, read and projected on another worker while this
 * one reads the countries: the labels need them next (on the first
 * drawing of a level, the two were a third of a second one after the
 * other). */
static void
prefetch_regions (FaBasemapLayer *self,
                  FaDetail        detail)
{
  g_autoptr(GTask) task = NULL;
  gboolean loaded;

  if (detail == FA_DETAIL_LOW)
    return;
  g_mutex_lock (&self->lock);
  loaded = self->regions[detail] != NULL;
  g_mutex_unlock (&self->lock);
  if (loaded)
    return;
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_task_data (task, GINT_TO_POINTER (detail), NULL);
  g_task_run_in_thread (task, prefetch_thread);
}

static void
fa_basemap_layer_collect_labels (FaMapLayer            *layer,
                                 cairo_t               *cr,
                                 const FaRenderContext *ctx,
                                 FaLabelSpace          *space)
{
  FaBasemapLayer *self = FA_BASEMAP_LAYER (layer);
  FaDetail detail = fa_basemap_layer_pick_detail (ctx->meters_per_pixel);
  gboolean regions = self->show_regions && ctx->meters_per_pixel < REGIONS_BELOW;
  FaFeatureLayer *countries;

  if (regions && ctx->meters_per_pixel < REGION_LABELS_BELOW)
    prefetch_regions (self, detail);
  countries = ensure_layer (self, FA_GEODATA_COUNTRIES, detail);
  if (countries == NULL)
    return;
  collect_feature_labels (ctx, countries, space, FALSE);
  if (regions && ctx->meters_per_pixel < REGION_LABELS_BELOW)
    {
      FaFeatureLayer *region_layer = ensure_layer (self, FA_GEODATA_REGIONS,
                                                   detail == FA_DETAIL_HIGH ? FA_DETAIL_HIGH : FA_DETAIL_MEDIUM);

      if (region_layer != NULL)
        collect_feature_labels (ctx, region_layer, space, TRUE);
    }
}

static void
fa_basemap_layer_render (FaMapLayer            *layer,
                         cairo_t               *cr,
                         const FaRenderContext *ctx)
{
  FaBasemapLayer *self = FA_BASEMAP_LAYER (layer);
  const FaMapStyle *style = ctx->style;
  FaDetail detail = fa_basemap_layer_pick_detail (ctx->meters_per_pixel);
  gboolean regions = self->show_regions && ctx->meters_per_pixel < REGIONS_BELOW;
  FaFeatureLayer *countries = NULL;
  FaFeatureLayer *region_layer = NULL;
  g_autoptr(GArray) no_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint zero = 0;

  if (regions)
    prefetch_regions (self, detail);
  countries = ensure_layer (self, FA_GEODATA_COUNTRIES, detail);

  /* A world map shows the globe's outline with space around it.  Conic
   * maps show a part of the globe: there, the pole's circle is sea too. */
  cairo_save (cr);
  if (self->conic)
    {
      fa_map_style_set_source (cr, &style->ocean);
      cairo_paint (cr);
    }
  else
    {
      FaColor outside = fa_color_mix (&style->ocean, &style->land, 0.65);

      fa_map_style_set_source (cr, &outside);
      cairo_paint (cr);
      g_array_append_val (no_starts, zero);
      cairo_new_path (cr);
      append_lines (cr, &ctx->to_device, self->globe_x, self->globe_y, no_starts, TRUE);
      fa_map_style_set_source (cr, &style->ocean);
      cairo_fill_preserve (cr);
      cairo_clip (cr);
    }

  cairo_new_path (cr);
  append_lines (cr, &ctx->to_device, self->grid_x, self->grid_y, self->grid_starts, FALSE);
  {
    g_auto(FaHairlines) hairlines = { 0 };

    if (fa_hairlines_init (&hairlines, cr, style->graticule_width))
      {
        flush_lines (cr, &hairlines);
        fa_hairlines_paint (&hairlines, cr, &style->graticule, 1.0);
      }
    else
      {
        cairo_set_line_width (cr, style->graticule_width);
        fa_map_style_set_source (cr, &style->graticule);
        cairo_stroke (cr);
      }
  }

  if (countries == NULL)
    {
      cairo_restore (cr);
      return;
    }

  /* Land, then the country borders drawn over it: stroked a few countries
   * at a time, because Cairo's stroker sorts every edge of a path at once
   * and one path of the whole world costs several times more. */
  cairo_new_path (cr);
  append_visible_features (countries, cr, ctx);
  fa_map_style_set_source (cr, &style->land);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_fill (cr);
  stroke_visible_features (countries, cr, ctx, &style->border, style->border_width);

  if (regions)
    {
      region_layer = ensure_layer (self, FA_GEODATA_REGIONS,
                                   detail == FA_DETAIL_HIGH ? FA_DETAIL_HIGH : FA_DETAIL_MEDIUM);
      if (region_layer != NULL)
        {
          stroke_visible_features (region_layer, cr, ctx, &style->region_border, style->region_width);
        }
    }

  /* Occupied territory changes with the month: FaOccupiedLayer draws it,
   * over this image. */

  /* Names go in the map's one label pass: see collect_labels. */

  cairo_restore (cr);
}

static gboolean
fa_basemap_layer_pick_cb (FaMapLayer            *layer,
                          const FaRenderContext *ctx,
                          double                 x,
                          double                 y,
                          FaMapHit              *hit)
{
  FaBasemapHit basemap_hit;
  double px, py;

  fa_viewport_screen_to_projected (ctx->viewport, x, y, &px, &py);
  if (!fa_basemap_layer_pick (FA_BASEMAP_LAYER (layer), ctx, px, py, &basemap_hit))
    return FALSE;

  hit->features = basemap_hit.layer;
  hit->feature = basemap_hit.feature;
  hit->code = basemap_hit.code;
  hit->map_x = px;
  hit->map_y = py;
  return TRUE;
}

/* The name of a region or country, its country, and what the occupied
 * hatch over it means. */
static void
fa_basemap_layer_describe (FaMapLayer            *layer,
                           const FaRenderContext *ctx,
                           const FaMapHit        *hit,
                           GString               *text)
{
  FaBasemapHit basemap_hit;

  if (hit->layer != layer || hit->features == NULL)
    return;
  if (!fa_basemap_layer_pick (FA_BASEMAP_LAYER (layer), ctx, hit->map_x, hit->map_y, &basemap_hit))
    return;

  if (text->len > 0)
    g_string_append_c (text, '\n');
  if (basemap_hit.country != NULL && g_strcmp0 (basemap_hit.country, basemap_hit.name) != 0)
    /* translators: 1: a region such as "Donetsk", 2: its country */
    g_string_append_printf (text, _("%s, %s"), basemap_hit.name, basemap_hit.country);
  else if (basemap_hit.name != NULL)
    g_string_append (text, basemap_hit.name);
  if (basemap_hit.occupied != NULL && basemap_hit.occupied[0] != '\0')
    g_string_append_printf (text, " — %s", basemap_hit.occupied);
}

static void
fa_basemap_layer_finalize (GObject *object)
{
  FaBasemapLayer *self = FA_BASEMAP_LAYER (object);

  for (guint i = 0; i < FA_N_DETAILS; i++)
    {
      g_clear_object (&self->countries[i]);
      g_clear_object (&self->regions[i]);
    }
  g_clear_object (&self->occupied);
  g_clear_object (&self->geodata);
  g_clear_object (&self->projection);
  g_mutex_clear (&self->lock);
  for (guint i = 0; i < G_N_ELEMENTS (self->slot_locks); i++)
    g_mutex_clear (&self->slot_locks[i]);
  g_clear_pointer (&self->grid_x, g_array_unref);
  g_clear_pointer (&self->grid_y, g_array_unref);
  g_clear_pointer (&self->grid_starts, g_array_unref);
  g_clear_pointer (&self->globe_x, g_array_unref);
  g_clear_pointer (&self->globe_y, g_array_unref);

  G_OBJECT_CLASS (fa_basemap_layer_parent_class)->finalize (object);
}

static void
fa_basemap_layer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FaBasemapLayer *self = FA_BASEMAP_LAYER (object);

  switch (prop_id)
    {
    case PROP_SHOW_REGIONS:
      g_value_set_boolean (value, fa_basemap_layer_get_show_regions (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_basemap_layer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FaBasemapLayer *self = FA_BASEMAP_LAYER (object);

  switch (prop_id)
    {
    case PROP_SHOW_REGIONS:
      fa_basemap_layer_set_show_regions (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_basemap_layer_class_init (FaBasemapLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  FaMapLayerClass *layer_class = FA_MAP_LAYER_CLASS (klass);

  object_class->finalize = fa_basemap_layer_finalize;
  object_class->get_property = fa_basemap_layer_get_property;
  object_class->set_property = fa_basemap_layer_set_property;

  layer_class->render = fa_basemap_layer_render;
  layer_class->collect_labels = fa_basemap_layer_collect_labels;
  layer_class->pick = fa_basemap_layer_pick_cb;
  layer_class->describe = fa_basemap_layer_describe;

  properties[PROP_SHOW_REGIONS] =
    g_param_spec_boolean ("show-regions", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fa_basemap_layer_init (FaBasemapLayer *self)
{
  self->show_regions = TRUE;
  g_mutex_init (&self->lock);
  for (guint i = 0; i < G_N_ELEMENTS (self->slot_locks); i++)
    g_mutex_init (&self->slot_locks[i]);
}

/**
 * fa_basemap_layer_new:
 * @geodata: the bundled geodata
 * @projection: the map projection; geometry is projected once, here and
 *   when a finer level of detail is first needed
 *
 * Returns: (transfer full) (nullable): the layer, or %NULL with @error set
 *   when the coarsest countries layer cannot be loaded
 */
FaBasemapLayer *
fa_basemap_layer_new (FaGeodata     *geodata,
                      FaProjection  *projection,
                      GError       **error)
{
  g_autoptr(FaBasemapLayer) self = NULL;
  FaShapefile *shp;
  FaShapefile *occupied;

  g_return_val_if_fail (FA_IS_GEODATA (geodata), NULL);
  g_return_val_if_fail (FA_IS_PROJECTION (projection), NULL);

  self = g_object_new (FA_TYPE_BASEMAP_LAYER,
                       "title", _("Base map"),
                       "kind", FA_LAYERS_STATIC,
                       NULL);
  self->occupied_as_of_month = FA_MONTH_NONE;
  self->geodata = g_object_ref (geodata);
  self->projection = g_object_ref (projection);

  shp = fa_geodata_get_layer (geodata, FA_GEODATA_COUNTRIES, FA_DETAIL_LOW, error);
  if (shp == NULL)
    return NULL;
  self->countries[FA_DETAIL_LOW] = fa_feature_layer_new (shp, projection, error);
  if (self->countries[FA_DETAIL_LOW] == NULL)
    return NULL;

  occupied = fa_geodata_get_layer (geodata, FA_GEODATA_OCCUPIED, FA_DETAIL_HIGH, NULL);
  if (occupied != NULL)
    {
      int field = fa_shapefile_find_field (occupied, "as_of");

      if (field >= 0 && fa_shapefile_get_n_records (occupied) > 0)
        {
          int year = 0, month = 0;

          if (sscanf (fa_shapefile_get_value (occupied, 0, field), "%d-%d", &year, &month) == 2 &&
              month >= 1 && month <= 12 && year > 0 && year < 10000)
            self->occupied_as_of_month = fa_month_from_ym (year, month);
        }
    }

  {
    const FaProjectionPreset *preset = fa_projection_get_preset (projection);
    const char *definition = preset != NULL ? preset->definition : fa_projection_get_definition (projection);

    self->conic = strstr (definition, "+proj=aea") != NULL ||
                  strstr (definition, "+proj=lcc") != NULL ||
                  strstr (definition, "+proj=eqdc") != NULL;
  }
  build_graticule (self);

  return g_steal_pointer (&self);
}

/**
 * fa_basemap_layer_get_features:
 *
 * Returns: (transfer none) (nullable): the projected layer of @kind at
 *   @detail, loaded on first use
 */
FaFeatureLayer *
fa_basemap_layer_get_features (FaBasemapLayer *self,
                               FaGeodataKind   kind,
                               FaDetail        detail)
{
  g_return_val_if_fail (FA_IS_BASEMAP_LAYER (self), NULL);

  return ensure_layer (self, kind, detail);
}

FaProjection *
fa_basemap_layer_get_projection (FaBasemapLayer *self)
{
  g_return_val_if_fail (FA_IS_BASEMAP_LAYER (self), NULL);

  return self->projection;
}

FaGeodata *
fa_basemap_layer_get_geodata (FaBasemapLayer *self)
{
  g_return_val_if_fail (FA_IS_BASEMAP_LAYER (self), NULL);

  return self->geodata;
}

gboolean
fa_basemap_layer_get_show_regions (FaBasemapLayer *self)
{
  g_return_val_if_fail (FA_IS_BASEMAP_LAYER (self), FALSE);

  return self->show_regions;
}

void
fa_basemap_layer_set_show_regions (FaBasemapLayer *self,
                                   gboolean        show_regions)
{
  g_return_if_fail (FA_IS_BASEMAP_LAYER (self));

  show_regions = !!show_regions;
  if (self->show_regions == show_regions)
    return;

  self->show_regions = show_regions;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_REGIONS]);
  fa_map_layer_changed (FA_MAP_LAYER (self));
}

/**
 * fa_basemap_layer_pick_detail:
 * @meters_per_pixel: the map scale at the view's centre
 *
 * Returns: the level of detail to draw at that scale
 */
FaDetail
fa_basemap_layer_pick_detail (double meters_per_pixel)
{
  if (meters_per_pixel < HIGH_BELOW)
    return FA_DETAIL_HIGH;
  if (meters_per_pixel < MEDIUM_BELOW)
    return FA_DETAIL_MEDIUM;
  return FA_DETAIL_LOW;
}

/**
 * fa_basemap_layer_pick:
 * @x: projected x
 * @y: projected y
 * @hit: (out caller-allocates): what lies there
 *
 * Finds the region (when regions are shown at this scale) or else the
 * country at a map point.
 *
 * Returns: whether anything was hit
 */
gboolean
fa_basemap_layer_pick (FaBasemapLayer        *self,
                       const FaRenderContext *ctx,
                       double                 x,
                       double                 y,
                       FaBasemapHit          *hit)
{
  FaDetail detail;
  FaFeatureLayer *layer = NULL;
  FaFeatureLayer *occupied;
  int feature = -1;

  g_return_val_if_fail (FA_IS_BASEMAP_LAYER (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  memset (hit, 0, sizeof *hit);
  hit->feature = -1;

  detail = fa_basemap_layer_pick_detail (ctx->meters_per_pixel);
  if (self->show_regions && ctx->meters_per_pixel < REGIONS_BELOW)
    {
      layer = ensure_layer (self, FA_GEODATA_REGIONS,
                            detail == FA_DETAIL_HIGH ? FA_DETAIL_HIGH : FA_DETAIL_MEDIUM);
      if (layer != NULL)
        feature = fa_feature_layer_pick (layer, x, y, 0);
    }
  if (feature < 0)
    {
      layer = ensure_layer (self, FA_GEODATA_COUNTRIES, detail);
      if (layer != NULL)
        feature = fa_feature_layer_pick (layer, x, y, 0);
    }
  if (layer == NULL || feature < 0)
    return FALSE;

  hit->layer = layer;
  hit->feature = feature;
  /* Named in the map's language, as on the map: ICU's names of countries,
   * iso-codes' of regions, the file's English as the last resort. */
  hit->code = fa_feature_layer_get_value (layer, feature, "iso_3166_2");
  if (hit->code == NULL || hit->code[0] == '\0')
    {
      hit->code = fa_feature_layer_get_value (layer, feature, "iso_a2");
      hit->name = country_label (layer, feature);
      hit->country = hit->name;
    }
  else
    {
      hit->name = localized_name (layer, feature);
      hit->country = country_name (self, fa_feature_layer_get_value (layer, feature, "iso_a2"));
    }

  occupied = ensure_layer (self, FA_GEODATA_OCCUPIED, FA_DETAIL_HIGH);
  if (occupied != NULL)
    {
      int o = fa_feature_layer_pick (occupied, x, y, 0);

      if (o >= 0 && occupied_at (occupied, o, fa_basemap_layer_get_occupied_month (self, ctx)))
        hit->occupied = fa_feature_layer_get_value (occupied, o, "note");
    }

  return TRUE;
}

/**
 * fa_basemap_layer_draw_occupied_swatch:
 * @full: the fully occupied style, else the partly occupied one
 *
 * Draws the legend swatch of occupied territory in the rectangle
 * (0, 0, @width, @height) of the current user space.
 */
void
fa_basemap_layer_draw_occupied_swatch (cairo_t          *cr,
                                       const FaMapStyle *style,
                                       double            width,
                                       double            height,
                                       gboolean          full)
{
  static const double dash[] = { 4.0, 2.5 };

  cairo_save (cr);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  fa_map_style_set_source (cr, &style->land);
  cairo_fill_preserve (cr);
  fa_map_style_set_source_alpha (cr, &style->occupied, full ? 0.16 : 0.07);
  cairo_fill_preserve (cr);
  hatch_current_path (cr, style, full ? style->hatch_spacing : style->hatch_spacing * 1.8,
                      full ? 1.1 : 0.9);
  cairo_set_dash (cr, dash, full ? 0 : 2, 0);
  cairo_set_line_width (cr, style->occupied_width);
  fa_map_style_set_source_alpha (cr, &style->occupied, 0.85);
  cairo_stroke (cr);
  cairo_restore (cr);
}
