/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-flow"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "fa-flow.h"

#include <glib/gi18n.h>

#include "fa-category.h"
#include "fa-place.h"
#include "fa-text.h"

struct _FaFlow
{
  GObject           parent_instance;

  char             *id;           /* owned */
  FaPlace          *origin;       /* owned */
  FaPlace          *destination;  /* owned */
  GPtrArray        *via;          /* owned, of owned FaPlace; never NULL */
  FaCategory       *category;     /* owned, nullable */
  char             *magnitude;    /* owned, nullable */
  char             *quote;        /* owned, nullable */
  char             *source;       /* owned, nullable */
  char             *combined;     /* owned, nullable */
  char             *note;         /* owned, nullable */

  gint64            count;        /* -1 when unknown */
  gint64            count_low;
  gint64            count_high;

  FaMonth           start;        /* FA_MONTH_NONE when open */
  FaMonth           end;          /* inclusive; FA_MONTH_NONE when open */
  FaMonthPrecision  start_precision;
  FaMonthPrecision  end_precision;
  int               start_day;    /* 0 unless the precision is a day */
  int               end_day;
  FaCertainty       certainty;
  FaDating          dating;
  FaFlowKind        kind;
  FaMonth           shown_start;  /* the months it is shown for; FA_MONTH_NONE when open */
  FaMonth           shown_end;
  gboolean          shown_set;    /* else: its own start and end */
};

G_DEFINE_FINAL_TYPE (FaFlow, fa_flow, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (FaFlowKind, fa_flow_kind,
  G_DEFINE_ENUM_VALUE (FA_FLOW_KIND_MOVEMENT, "movement"),
  G_DEFINE_ENUM_VALUE (FA_FLOW_KIND_STOCK, "stock"))

G_DEFINE_ENUM_TYPE (FaCertainty, fa_certainty,
  G_DEFINE_ENUM_VALUE (FA_CERTAINTY_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (FA_CERTAINTY_OFFICIAL, "official"),
  G_DEFINE_ENUM_VALUE (FA_CERTAINTY_REPORTED, "reported"),
  G_DEFINE_ENUM_VALUE (FA_CERTAINTY_REPORTEDLY, "reportedly"),
  G_DEFINE_ENUM_VALUE (FA_CERTAINTY_ESTIMATED, "estimated"),
  G_DEFINE_ENUM_VALUE (FA_CERTAINTY_PREVIOUS_YEARS, "previous-years"))

enum {
  PROP_0,
  PROP_ID,
  PROP_ORIGIN,
  PROP_DESTINATION,
  PROP_VIA,
  PROP_COUNT,
  PROP_COUNT_LOW,
  PROP_COUNT_HIGH,
  PROP_MAGNITUDE,
  PROP_START,
  PROP_START_PRECISION,
  PROP_START_DAY,
  PROP_END,
  PROP_END_PRECISION,
  PROP_END_DAY,
  PROP_CATEGORY,
  PROP_CERTAINTY,
  PROP_DATING,
  PROP_KIND,
  PROP_SHOWN_START,
  PROP_SHOWN_END,
  PROP_QUOTE,
  PROP_SOURCE,
  PROP_COMBINED,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fa_flow_finalize (GObject *object)
{
  FaFlow *self = (FaFlow *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_object (&self->origin);
  g_clear_object (&self->destination);
  g_clear_pointer (&self->via, g_ptr_array_unref);
  g_clear_object (&self->category);
  g_clear_pointer (&self->magnitude, g_free);
  g_clear_pointer (&self->quote, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->combined, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (fa_flow_parent_class)->finalize (object);
}

static void
fa_flow_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  FaFlow *self = FA_FLOW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_ORIGIN:
      g_value_set_object (value, self->origin);
      break;

    case PROP_DESTINATION:
      g_value_set_object (value, self->destination);
      break;

    case PROP_VIA:
      g_value_set_boxed (value, self->via);
      break;

    case PROP_COUNT:
      g_value_set_int64 (value, self->count);
      break;

    case PROP_COUNT_LOW:
      g_value_set_int64 (value, self->count_low);
      break;

    case PROP_COUNT_HIGH:
      g_value_set_int64 (value, self->count_high);
      break;

    case PROP_MAGNITUDE:
      g_value_set_string (value, self->magnitude);
      break;

    case PROP_START:
      g_value_set_int (value, self->start);
      break;

    case PROP_START_PRECISION:
      g_value_set_enum (value, self->start_precision);
      break;

    case PROP_START_DAY:
      g_value_set_int (value, self->start_day);
      break;

    case PROP_END:
      g_value_set_int (value, self->end);
      break;

    case PROP_END_PRECISION:
      g_value_set_enum (value, self->end_precision);
      break;

    case PROP_END_DAY:
      g_value_set_int (value, self->end_day);
      break;

    case PROP_CATEGORY:
      g_value_set_object (value, self->category);
      break;

    case PROP_DATING:
      g_value_set_enum (value, self->dating);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_SHOWN_START:
      g_value_set_int (value, fa_flow_get_shown_start (self));
      break;

    case PROP_SHOWN_END:
      g_value_set_int (value, fa_flow_get_shown_end (self));
      break;

    case PROP_CERTAINTY:
      g_value_set_enum (value, self->certainty);
      break;

    case PROP_QUOTE:
      g_value_set_string (value, self->quote);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_COMBINED:
      g_value_set_string (value, self->combined);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_flow_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  FaFlow *self = FA_FLOW (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_ORIGIN:
      self->origin = g_value_dup_object (value);
      break;

    case PROP_DESTINATION:
      self->destination = g_value_dup_object (value);
      break;

    case PROP_VIA:
      g_clear_pointer (&self->via, g_ptr_array_unref);
      self->via = g_value_dup_boxed (value);
      if (self->via == NULL)
        self->via = g_ptr_array_new_with_free_func (g_object_unref);
      break;

    case PROP_COUNT:
      self->count = g_value_get_int64 (value);
      break;

    case PROP_COUNT_LOW:
      self->count_low = g_value_get_int64 (value);
      break;

    case PROP_COUNT_HIGH:
      self->count_high = g_value_get_int64 (value);
      break;

    case PROP_MAGNITUDE:
      self->magnitude = g_value_dup_string (value);
      break;

    case PROP_START:
      self->start = g_value_get_int (value);
      break;

    case PROP_START_PRECISION:
      self->start_precision = g_value_get_enum (value);
      break;

    case PROP_START_DAY:
      self->start_day = g_value_get_int (value);
      break;

    case PROP_END:
      self->end = g_value_get_int (value);
      break;

    case PROP_END_PRECISION:
      self->end_precision = g_value_get_enum (value);
      break;

    case PROP_END_DAY:
      self->end_day = g_value_get_int (value);
      break;

    case PROP_CATEGORY:
      self->category = g_value_dup_object (value);
      break;

    case PROP_DATING:
      self->dating = g_value_get_enum (value);
      break;

    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_SHOWN_START:
      self->shown_start = g_value_get_int (value);
      break;

    case PROP_SHOWN_END:
      self->shown_end = g_value_get_int (value);
      break;

    case PROP_CERTAINTY:
      self->certainty = g_value_get_enum (value);
      break;

    case PROP_QUOTE:
      self->quote = g_value_dup_string (value);
      break;

    case PROP_SOURCE:
      self->source = g_value_dup_string (value);
      break;

    case PROP_COMBINED:
      self->combined = g_value_dup_string (value);
      break;

    case PROP_NOTE:
      self->note = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_flow_class_init (FaFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                             G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = fa_flow_finalize;
  object_class->get_property = fa_flow_get_property;
  object_class->set_property = fa_flow_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_ORIGIN] = g_param_spec_object ("origin", NULL, NULL, FA_TYPE_PLACE, flags);
  properties[PROP_DESTINATION] = g_param_spec_object ("destination", NULL, NULL, FA_TYPE_PLACE, flags);
  /**
   * FaFlow:via: (type GPtrArray(FaPlace))
   *
   * The places passed through, in order, without origin and destination.
   */
  properties[PROP_VIA] = g_param_spec_boxed ("via", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_COUNT] = g_param_spec_int64 ("count", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_COUNT_LOW] = g_param_spec_int64 ("count-low", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_COUNT_HIGH] = g_param_spec_int64 ("count-high", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_MAGNITUDE] = g_param_spec_string ("magnitude", NULL, NULL, NULL, flags);
  properties[PROP_START] = g_param_spec_int ("start", NULL, NULL, FA_MONTH_NONE, FA_MONTH_MAX, FA_MONTH_NONE, flags);
  properties[PROP_START_PRECISION] =
    g_param_spec_enum ("start-precision", NULL, NULL, FA_TYPE_MONTH_PRECISION, FA_MONTH_PRECISION_NONE, flags);
  properties[PROP_START_DAY] = g_param_spec_int ("start-day", NULL, NULL, 0, 31, 0, flags);
  properties[PROP_END] = g_param_spec_int ("end", NULL, NULL, FA_MONTH_NONE, FA_MONTH_MAX, FA_MONTH_NONE, flags);
  properties[PROP_END_PRECISION] =
    g_param_spec_enum ("end-precision", NULL, NULL, FA_TYPE_MONTH_PRECISION, FA_MONTH_PRECISION_NONE, flags);
  properties[PROP_END_DAY] = g_param_spec_int ("end-day", NULL, NULL, 0, 31, 0, flags);
  properties[PROP_CATEGORY] = g_param_spec_object ("category", NULL, NULL, FA_TYPE_CATEGORY, flags);
  properties[PROP_CERTAINTY] =
    g_param_spec_enum ("certainty", NULL, NULL, FA_TYPE_CERTAINTY, FA_CERTAINTY_UNKNOWN, flags);
  /**
   * FaFlow:dating:
   *
   * Where the flow's time comes from: the text, its context, or nowhere.
   */
  properties[PROP_DATING] =
    g_param_spec_enum ("dating", NULL, NULL, FA_TYPE_DATING, FA_DATING_STATED, flags);
  /**
   * FaFlow:kind:
   *
   * Whether the row is a movement from origin to destination, or a stock:
   * people from the origin present at the destination at its time (as
   * "approximately 500 North Korean workers remained in the country").
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, FA_TYPE_FLOW_KIND, FA_FLOW_KIND_MOVEMENT, flags);
  /**
   * FaFlow:shown-start:
   *
   * The first month the flow is shown at.  For a dated flow, its start;
   * for a flow of the reporting period, the period's first month; for a
   * flow not dated at all, the month by which it had happened (the
   * period's first, where there is one): a cumulative map includes it
   * from then, a map of one month never.
   * %FA_MONTH_NONE when open, %FA_MONTH_MIN - 1 (the default) to take
   * the flow's own start and end.
   */
  properties[PROP_SHOWN_START] =
    g_param_spec_int ("shown-start", NULL, NULL, FA_MONTH_NONE, FA_MONTH_MAX, FA_MONTH_MIN - 1, flags);
  /**
   * FaFlow:shown-end:
   *
   * The last month the flow is shown at (see #FaFlow:shown-start).
   */
  properties[PROP_SHOWN_END] =
    g_param_spec_int ("shown-end", NULL, NULL, FA_MONTH_NONE, FA_MONTH_MAX, FA_MONTH_MIN - 1, flags);
  properties[PROP_QUOTE] = g_param_spec_string ("quote", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  /**
   * FaFlow:combined:
   *
   * Flows sharing this id repeat one magnitude given for them together:
   * their counts must not be added.
   */
  properties[PROP_COMBINED] = g_param_spec_string ("combined", NULL, NULL, NULL, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fa_flow_init (FaFlow *self)
{
  self->shown_start = FA_MONTH_MIN - 1;
  self->shown_end = FA_MONTH_MIN - 1;
}

/**
 * fa_certainty_to_string:
 * @certainty: a certainty
 *
 * Returns: (nullable): the keyword used in the `certainty` column, such as
 *   "previous-years", or %NULL for %FA_CERTAINTY_UNKNOWN
 */
const char *
fa_certainty_to_string (FaCertainty certainty)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (FA_TYPE_CERTAINTY);
  GEnumValue *value;

  if (certainty == FA_CERTAINTY_UNKNOWN)
    return NULL;

  value = g_enum_get_value (klass, certainty);
  g_return_val_if_fail (value != NULL, NULL);

  return value->value_nick;
}

/**
 * fa_certainty_from_string:
 * @text: a keyword from the `certainty` column
 * @out: (out) (optional): the certainty
 *
 * Accepts the keywords official, reported, reportedly, estimated and
 * previous-years.
 *
 * Returns: %TRUE when @text is one of them
 */
gboolean
fa_certainty_from_string (const char  *text,
                          FaCertainty *out)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (FA_TYPE_CERTAINTY);
  GEnumValue *value;

  g_return_val_if_fail (text != NULL, FALSE);

  value = g_enum_get_value_by_nick (klass, text);
  if (value == NULL || value->value == FA_CERTAINTY_UNKNOWN)
    return FALSE;

  if (out != NULL)
    *out = value->value;

  return TRUE;
}

/**
 * fa_flow_get_id:
 * @self: a flow
 *
 * Returns: the flow's id, unique in its dataset
 */
const char *
fa_flow_get_id (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), NULL);

  return self->id;
}

/**
 * fa_flow_get_origin:
 * @self: a flow
 *
 * Returns: (transfer none): where the flow starts
 */
FaPlace *
fa_flow_get_origin (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), NULL);

  return self->origin;
}

/**
 * fa_flow_get_destination:
 * @self: a flow
 *
 * Returns: (transfer none): where the flow ends
 */
FaPlace *
fa_flow_get_destination (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), NULL);

  return self->destination;
}

/**
 * fa_flow_get_via:
 * @self: a flow
 *
 * Returns: (transfer none) (element-type FaPlace): the places passed through, in order; possibly empty
 */
GPtrArray *
fa_flow_get_via (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), NULL);

  return self->via;
}

/**
 * fa_flow_get_count:
 * @self: a flow
 *
 * Returns: the number of people as given by the source, -1 when unknown; see also the range
 */
gint64
fa_flow_get_count (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), -1);

  return self->count;
}

/**
 * fa_flow_get_count_low:
 * @self: a flow
 *
 * Returns: the lower bound of the number of people, -1 when unknown
 */
gint64
fa_flow_get_count_low (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), -1);

  return self->count_low;
}

/**
 * fa_flow_get_count_high:
 * @self: a flow
 *
 * Returns: the upper bound of the number of people, -1 when unknown or open
 */
gint64
fa_flow_get_count_high (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), -1);

  return self->count_high;
}

/**
 * fa_flow_get_size:
 * @self: a flow
 *
 * A flow's people for ranking and weighing (--min-count, --top, the order
 * of a dense map, the weight of a place): its figure, else the top of its
 * range, else its lower bound.
 *
 * Returns: that number, -1 without any figure
 */
gint64
fa_flow_get_size (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), -1);

  if (self->count >= 0)
    return self->count;
  if (self->count_high >= 0)
    return self->count_high;
  return self->count_low;
}

/**
 * fa_flow_get_magnitude:
 * @self: a flow
 *
 * Returns: (nullable): the size in words, such as "tens of thousands"
 */
const char *
fa_flow_get_magnitude (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), NULL);

  return self->magnitude;
}

/**
 * fa_flow_get_start:
 * @self: a flow
 *
 * Returns: the first month, %FA_MONTH_NONE when open
 */
FaMonth
fa_flow_get_start (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), FA_MONTH_NONE);

  return self->start;
}

/**
 * fa_flow_get_start_precision:
 * @self: a flow
 *
 * Returns: how precisely the start was written
 */
FaMonthPrecision
fa_flow_get_start_precision (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), FA_MONTH_PRECISION_NONE);

  return self->start_precision;
}

/**
 * fa_flow_get_start_day:
 * @self: a flow
 *
 * Returns: the start's day of the month, 0 unless its precision is a day
 */
int
fa_flow_get_start_day (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), 0);

  return self->start_day;
}

/**
 * fa_flow_get_end:
 * @self: a flow
 *
 * Returns: the last month (inclusive), %FA_MONTH_NONE when open
 */
FaMonth
fa_flow_get_end (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), FA_MONTH_NONE);

  return self->end;
}

/**
 * fa_flow_get_end_precision:
 * @self: a flow
 *
 * Returns: how precisely the end was written
 */
FaMonthPrecision
fa_flow_get_end_precision (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), FA_MONTH_PRECISION_NONE);

  return self->end_precision;
}

/**
 * fa_flow_get_end_day:
 * @self: a flow
 *
 * Returns: the end's day of the month, 0 unless its precision is a day
 */
int
fa_flow_get_end_day (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), 0);

  return self->end_day;
}

/**
 * fa_flow_get_category:
 * @self: a flow
 *
 * Returns: (transfer none): the flow's category
 */
FaCategory *
fa_flow_get_category (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), NULL);

  return self->category;
}

/**
 * fa_flow_get_certainty:
 * @self: a flow
 *
 * Returns: how the source qualifies the flow
 */
FaCertainty
fa_flow_get_certainty (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), FA_CERTAINTY_UNKNOWN);

  return self->certainty;
}

/**
 * fa_flow_get_quote:
 * @self: a flow
 *
 * Returns: (nullable): the words of the source the flow rests on, verbatim
 */
const char *
fa_flow_get_quote (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), NULL);

  return self->quote;
}

/**
 * fa_flow_get_source:
 * @self: a flow
 *
 * Returns: (nullable): where in the source the quote is
 */
const char *
fa_flow_get_source (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), NULL);

  return self->source;
}

/**
 * fa_flow_get_combined:
 * @self: a flow
 *
 * Flows with the same combined id describe one statement of the source,
 * such as one magnitude for several destinations: their counts must not be
 * added up.
 *
 * Returns: (nullable): the id shared with the other flows of the statement
 */
const char *
fa_flow_get_combined (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), NULL);

  return self->combined;
}

/**
 * fa_flow_get_note:
 * @self: a flow
 *
 * Returns: (nullable): the curator's note: what is inferred, what a number measures
 */
const char *
fa_flow_get_note (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), NULL);

  return self->note;
}

/**
 * fa_flow_is_active:
 * @self: a flow
 * @month: a valid month
 *
 * Whether the flow runs during @month: its start and end months are both
 * included, and an open end does not limit it.
 *
 * Returns: %TRUE if `start <= month <= end`
 */
gboolean
fa_flow_is_active (FaFlow  *self,
                   FaMonth  month)
{
  g_return_val_if_fail (FA_IS_FLOW (self), FALSE);

  return fa_flow_is_active_in (self, month, month);
}

/**
 * fa_flow_is_active_in:
 * @self: a flow
 * @from: the first month of a window, or %FA_MONTH_NONE for no lower limit
 * @to: the last month of the window (inclusive), or %FA_MONTH_NONE for no upper limit
 *
 * Whether the flow runs during at least one month of a window.
 *
 * Returns: %TRUE if the flow's months overlap the window
 */
gboolean
fa_flow_is_active_in (FaFlow  *self,
                      FaMonth  from,
                      FaMonth  to)
{
  g_return_val_if_fail (FA_IS_FLOW (self), FALSE);

  return fa_dating_is_active_in (self->dating, fa_flow_get_shown_start (self),
                                 fa_flow_get_shown_end (self), from, to);
}

/**
 * fa_flow_has_started:
 * @self: a flow
 * @month: a valid month
 *
 * Whether the flow has begun by @month, ended or not: what a cumulative
 * view up to @month shows.
 *
 * Returns: %TRUE if the start is open or not after @month
 */
gboolean
fa_flow_has_started (FaFlow  *self,
                     FaMonth  month)
{
  g_return_val_if_fail (FA_IS_FLOW (self), FALSE);

  return fa_dating_has_started (self->dating, fa_flow_get_shown_start (self), month);
}

/**
 * fa_count_format:
 * @count: a number of people
 *
 * Formats @count with digits grouped as the map's language writes them:
 * the catalogue's separator ("20.000" in German, "20 000" in French, with
 * no locale of the language installed), else the locale's, else commas
 * (the C locale of scripts and CI), so that "20,000" reads the same in
 * every English export.
 *
 * Returns: (transfer full): the formatted number
 */
char *
fa_count_format (gint64 count)
{
  /* translators: the separator of thousands in numbers such as "20,000":
   * "." in German, a narrow no-break space (U+202F) in French, a no-break
   * space (U+00A0) in Russian and Ukrainian; keep "," if that is yours. */
  static const char *const marked = NC_("thousands separator", ",");
  const char *translated = fa_text_pgettext ("thousands separator", marked);
  struct lconv *conv = localeconv ();
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, count < 0 ? -count : count);
  GString *out = g_string_new (count < 0 ? "-" : "");
  gsize len = strlen (digits);
  const char *sep;

  if (translated != marked)
    sep = translated;
  else if (conv->thousands_sep != NULL && conv->thousands_sep[0] != '\0')
    sep = conv->thousands_sep;
  else
    sep = marked;

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

/**
 * fa_flow_kind_to_string:
 *
 * Returns: the keyword of the `kind` column and of `--list`: "movement"
 *   or "stock"
 */
const char *
fa_flow_kind_to_string (FaFlowKind kind)
{
  return kind == FA_FLOW_KIND_STOCK ? "stock" : "movement";
}

/**
 * fa_flow_get_kind:
 *
 * Returns: whether the flow is a movement or a stock
 */
FaFlowKind
fa_flow_get_kind (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), FA_FLOW_KIND_MOVEMENT);

  return self->kind;
}

/**
 * fa_flow_is_stock:
 *
 * Returns: %TRUE when the flow counts people present at its destination,
 *   not people moving there; it is drawn as a circle, not an arrow
 */
gboolean
fa_flow_is_stock (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), FALSE);

  return self->kind == FA_FLOW_KIND_STOCK;
}

/**
 * fa_flow_get_dating:
 *
 * Returns: where the flow's time comes from
 */
FaDating
fa_flow_get_dating (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), FA_DATING_STATED);

  return self->dating;
}

/**
 * fa_flow_is_dated:
 *
 * Returns: whether the source gives the flow a time, itself or by its
 *   context; %FALSE for a flow drawn as "time not stated"
 */
gboolean
fa_flow_is_dated (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), FALSE);

  return fa_dating_is_dated (self->dating);
}

/**
 * fa_flow_get_shown_start:
 *
 * Returns: the first month the flow is shown at, or %FA_MONTH_NONE when
 *   it has no lower limit
 */
FaMonth
fa_flow_get_shown_start (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), FA_MONTH_NONE);

  return self->shown_start >= FA_MONTH_MIN || self->shown_start == FA_MONTH_NONE ? self->shown_start : self->start;
}

/**
 * fa_flow_get_shown_end:
 *
 * Returns: the last month the flow is shown at, or %FA_MONTH_NONE when
 *   it has no upper limit
 */
FaMonth
fa_flow_get_shown_end (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), FA_MONTH_NONE);

  return self->shown_end >= FA_MONTH_MIN || self->shown_end == FA_MONTH_NONE ? self->shown_end : self->end;
}

/**
 * fa_flow_describe_undated:
 *
 * What the map says of the time of a flow the source gives none:
 * "Time not stated in the source; shown for the report’s period, April
 * 2023 – March 2024".
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL for a
 *   dated flow
 */
char *
fa_flow_describe_undated (FaFlow *self)
{
  g_return_val_if_fail (FA_IS_FLOW (self), NULL);

  return fa_dating_describe_undated (self->dating, self->certainty == FA_CERTAINTY_PREVIOUS_YEARS,
                                     fa_flow_get_shown_start (self), fa_flow_get_shown_end (self));
}
