/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-place"

#include "config.h"

#include "fa-place.h"

#include <glib/gi18n-lib.h>
#include <math.h>

struct _FaPlace
{
  GObject      parent_instance;

  char        *id;            /* owned */
  char        *name;          /* owned */
  char        *note;          /* owned, nullable */
  char        *category_id;   /* owned, nullable: sites name what they are evidence of */
  char        *quote;         /* owned, nullable */
  char        *source;        /* owned, nullable */
  char       **region_codes;  /* owned, never NULL */
  double       lon;           /* degrees, NaN when unknown */
  double       lat;
  FaPlaceKind  kind;

  /* When a site's evidence holds (FORMAT.md §4.2): the months it is shown
   * for when no flow shown connects it. */
  FaDating     dating;
  gboolean     previous_years;
  FaMonth      start;         /* FA_MONTH_NONE when open */
  FaMonthPrecision start_precision;
  FaMonth      end;
  FaMonthPrecision end_precision;
  FaMonth      shown_start;   /* FA_MONTH_NONE when open */
  FaMonth      shown_end;
};

G_DEFINE_FINAL_TYPE (FaPlace, fa_place, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FaPlaceKind, fa_place_kind,
  G_DEFINE_ENUM_VALUE (FA_PLACE_KIND_COUNTRY, "country"),
  G_DEFINE_ENUM_VALUE (FA_PLACE_KIND_REGION, "region"),
  G_DEFINE_ENUM_VALUE (FA_PLACE_KIND_GROUP, "group"),
  G_DEFINE_ENUM_VALUE (FA_PLACE_KIND_CITY, "city"),
  G_DEFINE_ENUM_VALUE (FA_PLACE_KIND_FACILITY, "facility"),
  G_DEFINE_ENUM_VALUE (FA_PLACE_KIND_CAMP, "camp"),
  G_DEFINE_ENUM_VALUE (FA_PLACE_KIND_SITE, "site"))

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_LON,
  PROP_LAT,
  PROP_REGION_CODES,
  PROP_KIND,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fa_place_finalize (GObject *object)
{
  FaPlace *self = (FaPlace *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->category_id, g_free);
  g_clear_pointer (&self->quote, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->region_codes, g_strfreev);

  G_OBJECT_CLASS (fa_place_parent_class)->finalize (object);
}

static void
fa_place_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  FaPlace *self = FA_PLACE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, fa_place_get_id (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, fa_place_get_name (self));
      break;

    case PROP_LON:
      g_value_set_double (value, fa_place_get_lon (self));
      break;

    case PROP_LAT:
      g_value_set_double (value, fa_place_get_lat (self));
      break;

    case PROP_REGION_CODES:
      g_value_set_boxed (value, fa_place_get_region_codes (self));
      break;

    case PROP_KIND:
      g_value_set_enum (value, fa_place_get_kind (self));
      break;

    case PROP_NOTE:
      g_value_set_string (value, fa_place_get_note (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_place_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  FaPlace *self = FA_PLACE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_REGION_CODES:
      g_strfreev (self->region_codes);
      self->region_codes = g_value_dup_boxed (value);
      if (self->region_codes == NULL)
        self->region_codes = g_new0 (char *, 1);
      break;

    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_NOTE:
      self->note = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_place_class_init (FaPlaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                             G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = fa_place_finalize;
  object_class->get_property = fa_place_get_property;
  object_class->set_property = fa_place_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* Read-only, set by fa_place_new(): a construct property cannot default
   * to NaN, "unknown", which is what a place without coordinates has. */
  properties[PROP_LON] = g_param_spec_double ("lon", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                              (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LAT] = g_param_spec_double ("lat", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                              (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_REGION_CODES] = g_param_spec_boxed ("region-codes", NULL, NULL,
                                                      G_TYPE_STRV, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL,
                                             FA_TYPE_PLACE_KIND, FA_PLACE_KIND_SITE, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fa_place_init (FaPlace *self)
{
  self->lon = NAN;
  self->lat = NAN;
  self->dating = FA_DATING_NOT_DATED;
  self->start = self->end = FA_MONTH_NONE;
  self->shown_start = self->shown_end = FA_MONTH_NONE;
}

/**
 * fa_place_new:
 * @id: the place's id
 * @name: its name for people
 * @lon: longitude in degrees, or NaN when unknown
 * @lat: latitude in degrees, or NaN when unknown
 * @region_codes: (nullable): ISO 3166 codes of the country or regions it stands for
 * @kind: what kind of place it is
 * @note: (nullable): a note about the place
 *
 * Returns: (transfer full): a new, immutable place
 */
FaPlace *
fa_place_new (const char         *id,
              const char         *name,
              double              lon,
              double              lat,
              const char * const *region_codes,
              FaPlaceKind         kind,
              const char         *note)
{
  FaPlace *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (FA_TYPE_PLACE,
                       "id", id,
                       "name", name,
                       "region-codes", region_codes,
                       "kind", kind,
                       "note", note,
                       NULL);
  self->lon = lon;
  self->lat = lat;

  return self;
}

/**
 * fa_place_get_id:
 * @self: a place
 *
 * Returns: the place's id, as used in the `origin`, `dest`, `via` and `place` columns
 */
const char *
fa_place_get_id (FaPlace *self)
{
  g_return_val_if_fail (FA_IS_PLACE (self), NULL);

  return self->id;
}

/**
 * fa_place_get_name:
 * @self: a place
 *
 * Returns: the name, in the current locale when the dataset has it
 */
const char *
fa_place_get_name (FaPlace *self)
{
  g_return_val_if_fail (FA_IS_PLACE (self), NULL);

  return self->name;
}

/**
 * fa_place_get_lon:
 * @self: a place
 *
 * Returns: the longitude in degrees, NaN when unknown
 */
double
fa_place_get_lon (FaPlace *self)
{
  g_return_val_if_fail (FA_IS_PLACE (self), NAN);

  return self->lon;
}

/**
 * fa_place_get_lat:
 * @self: a place
 *
 * Returns: the latitude in degrees, NaN when unknown
 */
double
fa_place_get_lat (FaPlace *self)
{
  g_return_val_if_fail (FA_IS_PLACE (self), NAN);

  return self->lat;
}

/**
 * fa_place_has_location:
 * @self: a place
 *
 * A place loaded without geodata, from a region code alone, has no location.
 *
 * Returns: %TRUE when both longitude and latitude are known
 */
gboolean
fa_place_has_location (FaPlace *self)
{
  g_return_val_if_fail (FA_IS_PLACE (self), FALSE);

  return !isnan (self->lon) && !isnan (self->lat);
}

/**
 * fa_place_kind_describe_point:
 * @kind: the kind of a schematic place
 *
 * Returns: what the point of a schematic place of @kind stands for, as a
 *   tooltip says it
 */
const char *
fa_place_kind_describe_point (FaPlaceKind kind)
{
  switch (kind)
    {
    case FA_PLACE_KIND_COUNTRY:
      return _("A point for the whole country, not a location in it");
    case FA_PLACE_KIND_GROUP:
      return _("A schematic point for the whole group, not a location");
    default:
      return _("A schematic point for the area named, not a location the source gives");
    }
}

/**
 * fa_place_kind_describe:
 *
 * Returns: (nullable): what kind of place this is, in words
 */
const char *
fa_place_kind_describe (FaPlaceKind kind)
{
  switch (kind)
    {
    case FA_PLACE_KIND_COUNTRY:  return _("Country");
    case FA_PLACE_KIND_REGION:   return _("Region");
    case FA_PLACE_KIND_GROUP:    return _("Group of countries or regions");
    case FA_PLACE_KIND_CITY:     return _("City");
    case FA_PLACE_KIND_FACILITY: return _("Facility");
    case FA_PLACE_KIND_CAMP:     return _("Camp");
    case FA_PLACE_KIND_SITE:     return _("Place of forced labour or exploitation");
    default:                     return NULL;
    }
}

/**
 * fa_place_is_schematic:
 * @self: a place
 *
 * Whether the place's point stands for an area (a country, a region, a
 * group, or anything joined to region codes) rather than for a location:
 * an arrow that ends there says "into this area", not "to this spot"
 * (FORMAT.md §4).
 *
 * Returns: %TRUE for a schematic point
 */
gboolean
fa_place_is_schematic (FaPlace *self)
{
  g_return_val_if_fail (FA_IS_PLACE (self), FALSE);

  return self->kind == FA_PLACE_KIND_COUNTRY || self->kind == FA_PLACE_KIND_REGION ||
         self->kind == FA_PLACE_KIND_GROUP ||
         (self->region_codes != NULL && self->region_codes[0] != NULL);
}

/**
 * fa_place_get_region_codes:
 * @self: a place
 *
 * Returns: (transfer none): the ISO 3166-1 alpha-2 or ISO 3166-2 codes of the
 *   countries or regions the place stands for, possibly empty; several for a group
 */
const char * const *
fa_place_get_region_codes (FaPlace *self)
{
  g_return_val_if_fail (FA_IS_PLACE (self), NULL);

  return (const char * const *) self->region_codes;
}

/**
 * fa_place_get_kind:
 * @self: a place
 *
 * Returns: what kind of place it is
 */
FaPlaceKind
fa_place_get_kind (FaPlace *self)
{
  g_return_val_if_fail (FA_IS_PLACE (self), FA_PLACE_KIND_SITE);

  return self->kind;
}

/**
 * fa_place_get_note:
 * @self: a place
 *
 * Returns: (nullable): a note about the place
 */
const char *
fa_place_get_note (FaPlace *self)
{
  g_return_val_if_fail (FA_IS_PLACE (self), NULL);

  return self->note;
}

/**
 * _fa_place_set_evidence:
 * @category_id: (nullable): the category a site is evidence of
 * @quote: (nullable): the verbatim quote that places it
 * @source: (nullable): where in the source document
 *
 * Called once by the loader, before the place is shared.
 */
void
_fa_place_set_evidence (FaPlace    *self,
                        const char *category_id,
                        const char *quote,
                        const char *source)
{
  g_return_if_fail (FA_IS_PLACE (self));

  g_free (self->category_id);
  g_free (self->quote);
  g_free (self->source);
  self->category_id = g_strdup (category_id);
  self->quote = g_strdup (quote);
  self->source = g_strdup (source);
}

/**
 * _fa_place_set_evidence_time:
 * @dating: where the evidence's time comes from
 * @previous_years: whether the source places it "in previous years"
 * @start: its start, or %FA_MONTH_NONE
 * @end: its end, or %FA_MONTH_NONE
 * @shown_start: the first month it is shown for, or %FA_MONTH_NONE when open
 * @shown_end: the last month it is shown for, or %FA_MONTH_NONE when open
 *
 * Called once by the loader, before the place is shared.
 */
void
_fa_place_set_evidence_time (FaPlace          *self,
                             FaDating          dating,
                             gboolean          previous_years,
                             FaMonth           start,
                             FaMonthPrecision  start_precision,
                             FaMonth           end,
                             FaMonthPrecision  end_precision,
                             FaMonth           shown_start,
                             FaMonth           shown_end)
{
  g_return_if_fail (FA_IS_PLACE (self));

  self->dating = dating;
  self->previous_years = previous_years;
  self->start = start;
  self->start_precision = start_precision;
  self->end = end;
  self->end_precision = end_precision;
  self->shown_start = shown_start;
  self->shown_end = shown_end;
}

/**
 * fa_place_get_evidence_dating:
 *
 * Returns: where the time of a site's evidence comes from
 */
FaDating
fa_place_get_evidence_dating (FaPlace *self)
{
  g_return_val_if_fail (FA_IS_PLACE (self), FA_DATING_NOT_DATED);

  return self->dating;
}

/**
 * fa_place_evidence_is_active_in:
 * @from: the first month of a window, or %FA_MONTH_NONE
 * @to: the last month of the window, or %FA_MONTH_NONE
 *
 * Returns: whether the source says what the site is evidence of at a
 *   month of the window (FORMAT.md §7.1, as for flows)
 */
gboolean
fa_place_evidence_is_active_in (FaPlace *self,
                                FaMonth  from,
                                FaMonth  to)
{
  g_return_val_if_fail (FA_IS_PLACE (self), FALSE);

  return fa_dating_is_active_in (self->dating, self->shown_start, self->shown_end, from, to);
}

/**
 * fa_place_evidence_has_started:
 *
 * Returns: whether the site's evidence holds by @month: what a cumulative
 *   view shows
 */
gboolean
fa_place_evidence_has_started (FaPlace *self,
                               FaMonth  month)
{
  g_return_val_if_fail (FA_IS_PLACE (self), FALSE);

  return fa_dating_has_started (self->dating, self->shown_start, month);
}

/**
 * fa_place_describe_evidence_time:
 *
 * Returns: (transfer full) (nullable): when the site's evidence holds, as
 *   the details pane says it ("since January 2023", "Time not stated in
 *   the source; shown for …"), or %NULL for a place that is no site
 */
char *
fa_place_describe_evidence_time (FaPlace *self)
{
  g_return_val_if_fail (FA_IS_PLACE (self), NULL);

  if (self->category_id == NULL)
    return NULL;
  if (!fa_dating_is_dated (self->dating))
    return fa_dating_describe_undated (self->dating, self->previous_years, self->shown_start, self->shown_end);

  return fa_month_format_span (self->start, self->start_precision, 0, self->end, self->end_precision, 0);
}

/**
 * fa_place_get_category_id:
 *
 * Returns: (nullable): for a site, the id of the category it is evidence of
 */
const char *
fa_place_get_category_id (FaPlace *self)
{
  g_return_val_if_fail (FA_IS_PLACE (self), NULL);

  return self->category_id;
}

/**
 * fa_place_get_quote:
 *
 * Returns: (nullable): the verbatim quote that places a site
 */
const char *
fa_place_get_quote (FaPlace *self)
{
  g_return_val_if_fail (FA_IS_PLACE (self), NULL);

  return self->quote;
}

/**
 * fa_place_get_source:
 *
 * Returns: (nullable): where in the source document the quote is
 */
const char *
fa_place_get_source (FaPlace *self)
{
  g_return_val_if_fail (FA_IS_PLACE (self), NULL);

  return self->source;
}
