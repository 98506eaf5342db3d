/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-event"

#include "config.h"

#include "fa-event.h"

#include "fa-category.h"
#include "fa-place.h"

struct _FaEvent
{
  GObject           parent_instance;

  char             *id;           /* owned */
  char             *title;        /* owned */
  char             *description;  /* owned, nullable */
  FaPlace          *place;        /* owned, nullable */
  FaCategory       *category;     /* owned, nullable */
  char             *quote;        /* owned, nullable */
  char             *source;       /* owned, nullable */

  FaMonth           month;
  FaMonthPrecision  precision;
  int               day;
};

G_DEFINE_FINAL_TYPE (FaEvent, fa_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_MONTH,
  PROP_PRECISION,
  PROP_DAY,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_PLACE,
  PROP_CATEGORY,
  PROP_QUOTE,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fa_event_finalize (GObject *object)
{
  FaEvent *self = (FaEvent *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_object (&self->place);
  g_clear_object (&self->category);
  g_clear_pointer (&self->quote, g_free);
  g_clear_pointer (&self->source, g_free);

  G_OBJECT_CLASS (fa_event_parent_class)->finalize (object);
}

static void
fa_event_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  FaEvent *self = FA_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_MONTH:
      g_value_set_int (value, self->month);
      break;

    case PROP_PRECISION:
      g_value_set_enum (value, self->precision);
      break;

    case PROP_DAY:
      g_value_set_int (value, self->day);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_PLACE:
      g_value_set_object (value, self->place);
      break;

    case PROP_CATEGORY:
      g_value_set_object (value, self->category);
      break;

    case PROP_QUOTE:
      g_value_set_string (value, self->quote);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_event_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  FaEvent *self = FA_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_MONTH:
      self->month = g_value_get_int (value);
      break;

    case PROP_PRECISION:
      self->precision = g_value_get_enum (value);
      break;

    case PROP_DAY:
      self->day = g_value_get_int (value);
      break;

    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;

    case PROP_DESCRIPTION:
      self->description = g_value_dup_string (value);
      break;

    case PROP_PLACE:
      self->place = g_value_dup_object (value);
      break;

    case PROP_CATEGORY:
      self->category = g_value_dup_object (value);
      break;

    case PROP_QUOTE:
      self->quote = g_value_dup_string (value);
      break;

    case PROP_SOURCE:
      self->source = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_event_class_init (FaEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                             G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = fa_event_finalize;
  object_class->get_property = fa_event_get_property;
  object_class->set_property = fa_event_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_MONTH] = g_param_spec_int ("month", NULL, NULL, FA_MONTH_NONE, FA_MONTH_MAX, FA_MONTH_NONE, flags);
  properties[PROP_PRECISION] =
    g_param_spec_enum ("precision", NULL, NULL, FA_TYPE_MONTH_PRECISION, FA_MONTH_PRECISION_NONE, flags);
  properties[PROP_DAY] = g_param_spec_int ("day", NULL, NULL, 0, 31, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_PLACE] = g_param_spec_object ("place", NULL, NULL, FA_TYPE_PLACE, flags);
  properties[PROP_CATEGORY] = g_param_spec_object ("category", NULL, NULL, FA_TYPE_CATEGORY, flags);
  properties[PROP_QUOTE] = g_param_spec_string ("quote", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fa_event_init (FaEvent *self)
{
}

/**
 * fa_event_get_id:
 * @self: an event
 *
 * Returns: the event's id, unique in its dataset
 */
const char *
fa_event_get_id (FaEvent *self)
{
  g_return_val_if_fail (FA_IS_EVENT (self), NULL);

  return self->id;
}

/**
 * fa_event_get_month:
 * @self: an event
 *
 * Returns: the event's month; for a year alone, its January
 */
FaMonth
fa_event_get_month (FaEvent *self)
{
  g_return_val_if_fail (FA_IS_EVENT (self), FA_MONTH_NONE);

  return self->month;
}

/**
 * fa_event_get_precision:
 * @self: an event
 *
 * Returns: how precisely the date was written: year, month or day
 */
FaMonthPrecision
fa_event_get_precision (FaEvent *self)
{
  g_return_val_if_fail (FA_IS_EVENT (self), FA_MONTH_PRECISION_NONE);

  return self->precision;
}

/**
 * fa_event_get_day:
 * @self: an event
 *
 * Returns: the day of the month, 0 unless the precision is a day
 */
int
fa_event_get_day (FaEvent *self)
{
  g_return_val_if_fail (FA_IS_EVENT (self), 0);

  return self->day;
}

/**
 * fa_event_get_title:
 * @self: an event
 *
 * Returns: a short title, in the current locale when the dataset has it
 */
const char *
fa_event_get_title (FaEvent *self)
{
  g_return_val_if_fail (FA_IS_EVENT (self), NULL);

  return self->title;
}

/**
 * fa_event_get_description:
 * @self: an event
 *
 * Returns: (nullable): a longer description
 */
const char *
fa_event_get_description (FaEvent *self)
{
  g_return_val_if_fail (FA_IS_EVENT (self), NULL);

  return self->description;
}

/**
 * fa_event_get_place:
 * @self: an event
 *
 * Returns: (transfer none) (nullable): where it happened
 */
FaPlace *
fa_event_get_place (FaEvent *self)
{
  g_return_val_if_fail (FA_IS_EVENT (self), NULL);

  return self->place;
}

/**
 * fa_event_get_category:
 * @self: an event
 *
 * Returns: (transfer none) (nullable): the event's category
 */
FaCategory *
fa_event_get_category (FaEvent *self)
{
  g_return_val_if_fail (FA_IS_EVENT (self), NULL);

  return self->category;
}

/**
 * fa_event_get_quote:
 * @self: an event
 *
 * Returns: (nullable): the words of the source the event rests on, verbatim
 */
const char *
fa_event_get_quote (FaEvent *self)
{
  g_return_val_if_fail (FA_IS_EVENT (self), NULL);

  return self->quote;
}

/**
 * fa_event_get_source:
 * @self: an event
 *
 * Returns: (nullable): where in the source the quote is
 */
const char *
fa_event_get_source (FaEvent *self)
{
  g_return_val_if_fail (FA_IS_EVENT (self), NULL);

  return self->source;
}

/**
 * fa_event_get_last_month:
 * @self: an event
 *
 * Returns: the last month the date covers: December for a year alone,
 *   otherwise the event's month
 */
FaMonth
fa_event_get_last_month (FaEvent *self)
{
  g_return_val_if_fail (FA_IS_EVENT (self), FA_MONTH_NONE);

  if (self->precision == FA_MONTH_PRECISION_YEAR && self->month != FA_MONTH_NONE)
    return self->month - self->month % 12 + 11;

  return self->month;
}

/**
 * fa_event_is_active:
 * @self: an event
 * @month: a valid month
 *
 * Returns: %TRUE if the event's date covers @month; an event dated by a
 *   year alone covers all of its months
 */
gboolean
fa_event_is_active (FaEvent *self,
                    FaMonth  month)
{
  g_return_val_if_fail (FA_IS_EVENT (self), FALSE);

  return self->month != FA_MONTH_NONE &&
         self->month <= month && month <= fa_event_get_last_month (self);
}
