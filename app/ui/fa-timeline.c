/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-timeline"

#include "config.h"

#include "fa-timeline.h"
#include "fa-map-state.h"

#include <glib/gi18n.h>
#include <math.h>

#include "fa-dataset.h"
#include "fa-event-strip.h"
#include "fa-event.h"
#include "fa-month.h"

/* A stalled frame (a busy main loop, an unmapped window) must not jump
 * the map by many months at once. */
#define MAX_FRAME_SECONDS  0.25
#define MIN_SPEED          0.25
#define MAX_SPEED          64.0
#define DEFAULT_SPEED      2.0
/* Room a year label needs beyond its text, so neighbours never touch. */
#define YEAR_LABEL_PADDING 16
/* The window the Time Window mode starts with: the last twelve months. */
#define DEFAULT_WINDOW     11

static const int label_steps[] = { 1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000, 2500, 5000 };

struct _FaTimeline
{
  GtkWidget        parent_instance;

  FaDataset       *dataset;          /* owned */
  FaMapState      *state;            /* owned, nullable: what the timeline drives */
  GBindingGroup   *state_bindings;   /* owned */
  FaMonth          first_month;
  FaMonth          last_month;
  FaMonth          month;
  FaMonth          from;
  FaTimeMode       mode;
  double           speed;
  double           position;
  gboolean         loop;

  /* Playback */
  guint            tick_id;
  gint64           last_frame_time;
  int              window_span;      /* month - from, kept while playing a window */

  int              label_step;       /* years between labelled marks; 0 before any */
  guint            marks_idle_id;
  gboolean         syncing;

  /* Template widgets */
  GtkWidget       *content;
  GtkButton       *play_button;
  GtkLabel        *date_label;
  GtkLabel        *date_sizer;
  GtkMenuButton   *mode_button;
  GtkMenuButton   *speed_button;
  GtkToggleButton *loop_button;
  FaEventStrip    *event_strip;
  GtkRevealer     *from_revealer;
  GtkScale        *from_scale;
  GtkScale        *scale;
  GtkWidget       *scale_scroller;
};

G_DEFINE_FINAL_TYPE (FaTimeline, fa_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_MONTH,
  PROP_MODE,
  PROP_FROM,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_LOOP,
  PROP_POSITION,
  PROP_STATE,
  N_PROPS
};

enum {
  EVENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
has_range (FaTimeline *self)
{
  return self->first_month != FA_MONTH_NONE;
}

static gboolean
can_play (FaTimeline *self)
{
  return has_range (self) && self->last_month > self->first_month;
}

static const char *
get_mode_label (FaTimeMode mode)
{
  switch (mode)
    {
    case FA_TIME_MODE_AT:
      return _("At Month");
    case FA_TIME_MODE_CUMULATIVE:
      return _("Cumulative");
    case FA_TIME_MODE_WINDOW:
      return _("Time Window");
    case FA_TIME_MODE_ALL:
    default:
      return _("All Dates");
    }
}

static char *
format_month_cb (GtkScale *scale,
                 double    value,
                 gpointer  user_data)
{
  FaMonth month = (FaMonth) round (value);

  if (!fa_month_is_valid (month))
    return g_strdup ("");

  return fa_month_format (month);
}

static void
set_position (FaTimeline *self,
              double      position)
{
  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

static void
update_date_label (FaTimeline *self)
{
  g_autofree char *text = NULL;
  FaTimeFilter filter;

  if (has_range (self))
    {
      fa_timeline_get_filter (self, &filter);
      text = fa_time_filter_describe (&filter, self->first_month);
      if (text == NULL)
        text = g_strdup (_("All Dates"));
    }

  gtk_label_set_text (self->date_label, text != NULL ? text : "");
}

/* Writes every date line of the dataset's last year, in every mode, into
 * the hidden sizer: the widest month name is among them. */
static void
update_date_sizer (FaTimeline *self)
{
  static const FaTimeMode modes[] = { FA_TIME_MODE_AT, FA_TIME_MODE_CUMULATIVE, FA_TIME_MODE_WINDOW };
  g_autoptr(GString) text = g_string_new (NULL);

  if (has_range (self))
    {
      int year = fa_month_get_year (self->last_month);

      for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
        {
          for (int m = 1; m <= 12; m++)
            {
              FaMonth month = fa_month_from_ym (year, m);
              FaTimeFilter filter = { modes[i], month, month };
              g_autofree char *line = fa_time_filter_describe (&filter, self->first_month);

              if (line != NULL)
                g_string_append_printf (text, "%s\n", line);
            }
        }
    }

  gtk_label_set_text (self->date_sizer, text->str);
}

static void
update_play_button (FaTimeline *self)
{
  gboolean playing = self->tick_id != 0;
  const char *label = playing ? _("Pause") : _("Play");

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
update_value_text (FaTimeline *self)
{
  g_autofree char *month = NULL;
  g_autofree char *from = NULL;

  if (!has_range (self))
    return;

  /* GtkRange only tells assistive technologies the number. */
  /* Between datasets a month may be unset: no text rather than a guess. */
  month = fa_month_is_valid (self->month) ? fa_month_format (self->month) : g_strdup ("");
  from = fa_month_is_valid (self->from) ? fa_month_format (self->from) : g_strdup ("");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, month,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->from_scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, from,
                                  -1);
}

/* Pushes the state into the child widgets; their change handlers ignore
 * what we set ourselves. */
static void
sync_children (FaTimeline *self)
{
  gboolean window = self->mode == FA_TIME_MODE_WINDOW;
  g_autofree char *speed = NULL;
  g_autofree char *mode_description = NULL;
  g_autofree char *speed_description = NULL;

  self->syncing = TRUE;
  if (has_range (self))
    {
      gtk_range_set_value (GTK_RANGE (self->scale), self->month);
      gtk_range_set_value (GTK_RANGE (self->from_scale), self->from);
    }
  fa_event_strip_set_month (self->event_strip, self->month);
  fa_event_strip_set_window_start (self->event_strip,
                                   window && has_range (self) ? self->from : FA_MONTH_NONE);
  gtk_revealer_set_reveal_child (self->from_revealer, window);
  /* Only a cumulative map covers everything up to the month. */
  gtk_scale_set_has_origin (self->scale, self->mode == FA_TIME_MODE_CUMULATIVE);
  self->syncing = FALSE;

  gtk_menu_button_set_label (self->mode_button, get_mode_label (self->mode));
  /* translators: a playback speed in months per second, as in "2×" */
  speed = g_strdup_printf (_("%g×"), self->speed);
  gtk_menu_button_set_label (self->speed_button, speed);

  /* The buttons show only the value; say what it is a value of. */
  /* translators: %s is a time mode such as "At Month" */
  mode_description = g_strdup_printf (_("Time mode: %s"), get_mode_label (self->mode));
  speed_description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "Playback speed: %g month per second",
                                                    "Playback speed: %g months per second",
                                                    (gulong) ceil (self->speed)),
                                       self->speed);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mode_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, mode_description,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->speed_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, speed_description,
                                  -1);

  update_date_label (self);
  update_value_text (self);
}

static void
update_actions (FaTimeline *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.play", can_play (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.step", has_range (self));
}

static int
get_year_label_width (FaTimeline *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "8888");
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width + YEAR_LABEL_PADDING;
}

/* Every year gets a mark; labels are thinned to every 2, 5, 10… years
 * so that they fit the scale's width. */
static int
compute_label_step (FaTimeline *self,
                    int         width)
{
  int first_year, last_year, label_width;

  if (!has_range (self))
    return 0;

  first_year = fa_month_get_year (self->first_month);
  last_year = fa_month_get_year (self->last_month);
  label_width = get_year_label_width (self);
  if (width <= 0)
    width = 12 * label_width;   /* before the first allocation: at most a dozen labels */

  for (guint i = 0; i < G_N_ELEMENTS (label_steps); i++)
    {
      int step = label_steps[i];
      int n_labels = last_year / step - (first_year - 1) / step;

      if (n_labels * label_width <= width)
        return step;
    }

  return label_steps[G_N_ELEMENTS (label_steps) - 1];
}

/* Room an unlabelled year mark needs, so that marks never pack the
 * scale wider than the window (a dataset from year 1 to 9999 would
 * otherwise make a mark per year, thousands of pixels wide). */
#define TICK_MIN_PX 8

static void
rebuild_marks (FaTimeline *self)
{
  int first_year, last_year, tick_step, width;

  gtk_scale_clear_marks (self->scale);
  if (!has_range (self) || self->label_step <= 0)
    return;

  first_year = fa_month_get_year (self->first_month);
  last_year = fa_month_get_year (self->last_month);
  width = gtk_widget_get_width (self->scale_scroller);
  if (width <= 0)
    width = 12 * get_year_label_width (self);

  /* Unlabelled marks every year, or every few years where the years are
   * many, at a step that divides the labels' own. */
  tick_step = self->label_step;
  for (guint i = 0; i < G_N_ELEMENTS (label_steps) && label_steps[i] <= self->label_step; i++)
    {
      int step = label_steps[i];

      if (self->label_step % step == 0 &&
          (gint64) (last_year / step - (first_year - 1) / step) * TICK_MIN_PX <= width)
        {
          tick_step = step;
          break;
        }
    }

  for (int year = first_year + (tick_step - first_year % tick_step) % tick_step;
       year <= last_year;
       year += tick_step)
    {
      FaMonth january = fa_month_from_ym (year, 1);
      g_autofree char *label = NULL;

      if (january < self->first_month)
        continue;
      if (year % self->label_step == 0)
        label = g_strdup_printf ("%d", year);
      gtk_scale_add_mark (self->scale, january, GTK_POS_BOTTOM, label);
    }
}

static void
marks_idle_cb (gpointer data)
{
  FaTimeline *self = data;
  int step;

  self->marks_idle_id = 0;
  step = compute_label_step (self, gtk_widget_get_width (self->scale_scroller));
  if (step != self->label_step)
    {
      self->label_step = step;
      rebuild_marks (self);
    }
}

static void
stop_playback (FaTimeline *self)
{
  if (self->tick_id == 0)
    return;

  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  set_position (self, self->month);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
  update_play_button (self);
}

/* The one place :month changes.  @keep_position is set by playback,
 * which owns the fractional position between months. */
static void
set_month_internal (FaTimeline *self,
                    FaMonth     month,
                    gboolean    keep_position)
{
  FaMonth from;

  /* Without a dataset, the month asked for is kept, to be shown once a
   * dataset covers it (the saved month of the last session). */
  if (!has_range (self))
    {
      if (self->month != month)
        {
          self->month = month;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
        }
      return;
    }

  month = CLAMP (month, self->first_month, self->last_month);
  if (!keep_position)
    set_position (self, month);
  if (self->month == month)
    return;

  /* A playing window slides along; otherwise its start stays put and
   * only follows the month down. */
  if (self->tick_id != 0 && self->mode == FA_TIME_MODE_WINDOW)
    from = MAX (self->first_month, month - self->window_span);
  else
    from = MIN (self->from, month);

  g_object_freeze_notify (G_OBJECT (self));
  self->month = month;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
  if (from != self->from)
    {
      self->from = from;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
    }
  sync_children (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
playback_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *frame_clock,
                  gpointer       user_data)
{
  FaTimeline *self = FA_TIMELINE (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double elapsed;
  double position;

  if (self->last_frame_time == 0)
    {
      self->last_frame_time = now;
      return G_SOURCE_CONTINUE;
    }

  elapsed = CLAMP ((now - self->last_frame_time) / (double) G_USEC_PER_SEC, 0.0, MAX_FRAME_SECONDS);
  self->last_frame_time = now;

  /* The last month is shown as long as any other: the end is reached
   * when the position leaves it, not when it arrives. */
  position = self->position + elapsed * self->speed;
  if (position >= self->last_month + 1)
    {
      if (!self->loop)
        {
          set_month_internal (self, self->last_month, FALSE);
          stop_playback (self);
          return G_SOURCE_REMOVE;
        }
      position = self->first_month;
    }

  set_month_internal (self, (FaMonth) floor (position), TRUE);
  set_position (self, position);

  return G_SOURCE_CONTINUE;
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  fa_timeline_toggle_playing (FA_TIMELINE (widget));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  fa_timeline_step (FA_TIMELINE (widget), g_variant_get_int32 (parameter));
}

static void
on_scale_value_changed_cb (FaTimeline *self,
                           GtkRange   *range)
{
  g_assert (FA_IS_TIMELINE (self));

  if (!self->syncing)
    fa_timeline_set_month (self, (FaMonth) round (gtk_range_get_value (range)));
}

static void
on_from_scale_value_changed_cb (FaTimeline *self,
                                GtkRange   *range)
{
  g_assert (FA_IS_TIMELINE (self));

  if (self->syncing)
    return;

  fa_timeline_set_from (self, (FaMonth) round (gtk_range_get_value (range)));
  /* The start cannot pass the end: snap the handle back. */
  if (self->from != (FaMonth) round (gtk_range_get_value (range)))
    sync_children (self);
}

static void
on_event_strip_notify_month_cb (FaTimeline   *self,
                                GParamSpec   *pspec,
                                FaEventStrip *strip)
{
  g_assert (FA_IS_TIMELINE (self));

  if (!self->syncing)
    fa_timeline_set_month (self, fa_event_strip_get_month (strip));
}

static void
on_event_strip_notify_window_start_cb (FaTimeline   *self,
                                       GParamSpec   *pspec,
                                       FaEventStrip *strip)
{
  FaMonth start = fa_event_strip_get_window_start (strip);

  g_assert (FA_IS_TIMELINE (self));

  if (!self->syncing && start != FA_MONTH_NONE)
    fa_timeline_set_from (self, start);
}

static void
on_event_strip_event_activated_cb (FaTimeline   *self,
                                   FaEvent      *event,
                                   FaEventStrip *strip)
{
  g_assert (FA_IS_TIMELINE (self));

  fa_timeline_set_month (self, fa_event_get_month (event));
  g_signal_emit (self, signals[EVENT_ACTIVATED], 0, event);
}

static void
fa_timeline_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  FaTimeline *self = FA_TIMELINE (widget);

  gtk_widget_measure (self->content, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
fa_timeline_get_request_mode (GtkWidget *widget)
{
  FaTimeline *self = FA_TIMELINE (widget);

  return gtk_widget_get_request_mode (self->content);
}

static void
fa_timeline_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  FaTimeline *self = FA_TIMELINE (widget);
  int step;

  gtk_widget_allocate (self->content, width, height, baseline, NULL);

  /* Re-labelling the marks changes the scale's size request, which must
   * not happen inside an allocation. */
  step = compute_label_step (self, gtk_widget_get_width (self->scale_scroller));
  if (step != self->label_step && self->marks_idle_id == 0)
    self->marks_idle_id = g_idle_add_once (marks_idle_cb, self);
}

static void
fa_timeline_dispose (GObject *object)
{
  FaTimeline *self = FA_TIMELINE (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->marks_idle_id, g_source_remove);
  fa_timeline_set_state (self, NULL);
  g_clear_object (&self->state_bindings);
  gtk_widget_dispose_template (GTK_WIDGET (self), FA_TYPE_TIMELINE);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (fa_timeline_parent_class)->dispose (object);
}

static void
fa_timeline_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FaTimeline *self = FA_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, fa_timeline_get_dataset (self));
      break;

    case PROP_MONTH:
      g_value_set_int (value, fa_timeline_get_month (self));
      break;

    case PROP_MODE:
      g_value_set_enum (value, fa_timeline_get_mode (self));
      break;

    case PROP_FROM:
      g_value_set_int (value, fa_timeline_get_from (self));
      break;

    case PROP_PLAYING:
      g_value_set_boolean (value, fa_timeline_get_playing (self));
      break;

    case PROP_SPEED:
      g_value_set_double (value, fa_timeline_get_speed (self));
      break;

    case PROP_LOOP:
      g_value_set_boolean (value, fa_timeline_get_loop (self));
      break;

    case PROP_POSITION:
      g_value_set_double (value, fa_timeline_get_position (self));
      break;

    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_timeline_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FaTimeline *self = FA_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      fa_timeline_set_dataset (self, g_value_get_object (value));
      break;

    case PROP_MONTH:
      fa_timeline_set_month (self, g_value_get_int (value));
      break;

    case PROP_MODE:
      fa_timeline_set_mode (self, g_value_get_enum (value));
      break;

    case PROP_FROM:
      fa_timeline_set_from (self, g_value_get_int (value));
      break;

    case PROP_PLAYING:
      fa_timeline_set_playing (self, g_value_get_boolean (value));
      break;

    case PROP_SPEED:
      fa_timeline_set_speed (self, g_value_get_double (value));
      break;

    case PROP_LOOP:
      fa_timeline_set_loop (self, g_value_get_boolean (value));
      break;

    case PROP_STATE:
      fa_timeline_set_state (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_timeline_class_init (FaTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fa_timeline_dispose;
  object_class->get_property = fa_timeline_get_property;
  object_class->set_property = fa_timeline_set_property;

  widget_class->measure = fa_timeline_measure;
  widget_class->get_request_mode = fa_timeline_get_request_mode;
  widget_class->size_allocate = fa_timeline_size_allocate;

  /**
   * FaTimeline:state:
   *
   * The map state the timeline drives: its dataset, month, mode and
   * window start follow the state and set it; while playing, the
   * position fades flows in and out.
   */
  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL,
                         FA_TYPE_MAP_STATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         FA_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The month shown, clamped to the dataset's months; %FA_MONTH_NONE
   * without a dataset. */
  properties[PROP_MONTH] =
    g_param_spec_int ("month", NULL, NULL,
                      G_MININT32, FA_MONTH_MAX, FA_MONTH_NONE,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL,
                       FA_TYPE_TIME_MODE, FA_TIME_MODE_AT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The first month of the time window, never after :month. */
  properties[PROP_FROM] =
    g_param_spec_int ("from", NULL, NULL,
                      G_MININT32, FA_MONTH_MAX, FA_MONTH_NONE,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Months per second while playing. */
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL,
                         MIN_SPEED, MAX_SPEED, DEFAULT_SPEED,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOOP] =
    g_param_spec_boolean ("loop", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The continuous playback position in months: :month plus the fraction
   * of it already shown.  Equal to :month when not playing. */
  properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, FA_MONTH_NONE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FaTimeline::event-activated:
   * @self: the timeline
   * @event: the event whose tick was clicked
   *
   * Emitted after a click on an event tick has moved :month to the event.
   */
  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FA_TYPE_EVENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/flowatlas/FlowAtlas/ui/fa-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, FaTimeline, content);
  gtk_widget_class_bind_template_child (widget_class, FaTimeline, play_button);
  gtk_widget_class_bind_template_child (widget_class, FaTimeline, date_label);
  gtk_widget_class_bind_template_child (widget_class, FaTimeline, date_sizer);
  gtk_widget_class_bind_template_child (widget_class, FaTimeline, mode_button);
  gtk_widget_class_bind_template_child (widget_class, FaTimeline, speed_button);
  gtk_widget_class_bind_template_child (widget_class, FaTimeline, loop_button);
  gtk_widget_class_bind_template_child (widget_class, FaTimeline, event_strip);
  gtk_widget_class_bind_template_child (widget_class, FaTimeline, from_revealer);
  gtk_widget_class_bind_template_child (widget_class, FaTimeline, from_scale);
  gtk_widget_class_bind_template_child (widget_class, FaTimeline, scale);
  gtk_widget_class_bind_template_child (widget_class, FaTimeline, scale_scroller);
  gtk_widget_class_bind_template_callback (widget_class, on_scale_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_from_scale_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_event_strip_notify_month_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_event_strip_notify_window_start_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_event_strip_event_activated_cb);

  gtk_widget_class_install_action (widget_class, "timeline.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "timeline.step", "i", step_action);
  gtk_widget_class_install_property_action (widget_class, "timeline.loop", "loop");
  gtk_widget_class_install_property_action (widget_class, "timeline.mode", "mode");
  gtk_widget_class_install_property_action (widget_class, "timeline.speed", "speed");

  /* Buttons and drop-downs take Space first when they have the focus. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "timeline.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "timeline.play", NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (FA_TYPE_EVENT_STRIP);
}

static void
fa_timeline_init (FaTimeline *self)
{
  self->first_month = FA_MONTH_NONE;
  self->last_month = FA_MONTH_NONE;
  self->month = FA_MONTH_NONE;
  self->from = FA_MONTH_NONE;
  self->mode = FA_TIME_MODE_AT;
  self->speed = DEFAULT_SPEED;
  self->position = FA_MONTH_NONE;
  self->loop = TRUE;

  /* Dataset first, so that the month lands in its range. */
  self->state_bindings = g_binding_group_new ();
  g_binding_group_bind (self->state_bindings, "dataset", self, "dataset", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->state_bindings, "time-mode", self, "mode",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->state_bindings, "from", self, "from",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->state_bindings, "month", self, "month",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_scale_set_format_value_func (self->scale, format_month_cb, NULL, NULL);
  gtk_scale_set_format_value_func (self->from_scale, format_month_cb, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  -1);

  sync_children (self);
  update_play_button (self);
  update_actions (self);
}

GtkWidget *
fa_timeline_new (void)
{
  return g_object_new (FA_TYPE_TIMELINE, NULL);
}

/**
 * fa_timeline_get_dataset:
 *
 * Returns: (transfer none) (nullable): the dataset whose months are shown
 */
FaDataset *
fa_timeline_get_dataset (FaTimeline *self)
{
  g_return_val_if_fail (FA_IS_TIMELINE (self), NULL);

  return self->dataset;
}

/**
 * fa_timeline_set_dataset:
 * @dataset: (nullable): a dataset
 *
 * Spans the timeline over the dataset's months and stops playback.  The
 * month is kept if the dataset covers it, and is the dataset's last month
 * otherwise.  Without a dataset the timeline is insensitive.
 */
void
fa_timeline_set_dataset (FaTimeline *self,
                         FaDataset  *dataset)
{
  FaMonth first = FA_MONTH_NONE;
  FaMonth last = FA_MONTH_NONE;
  FaMonth month = FA_MONTH_NONE;
  FaMonth from = FA_MONTH_NONE;

  g_return_if_fail (FA_IS_TIMELINE (self));
  g_return_if_fail (dataset == NULL || FA_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;

  stop_playback (self);
  g_set_object (&self->dataset, dataset);

  if (dataset != NULL)
    {
      first = fa_dataset_get_first_month (dataset);
      last = fa_dataset_get_last_month (dataset);
      if (!fa_month_is_valid (first) || !fa_month_is_valid (last) || last < first)
        first = last = FA_MONTH_NONE;
    }

  if (first != FA_MONTH_NONE)
    {
      month = self->month >= first && self->month <= last ? self->month : last;
      from = self->from >= first && self->from <= month ? self->from
                                                         : MAX (first, month - DEFAULT_WINDOW);
    }

  g_object_freeze_notify (G_OBJECT (self));

  self->first_month = first;
  self->last_month = last;

  self->syncing = TRUE;
  fa_event_strip_set_dataset (self->event_strip, dataset);
  gtk_adjustment_configure (gtk_range_get_adjustment (GTK_RANGE (self->scale)),
                            first != FA_MONTH_NONE ? month : 0,
                            first != FA_MONTH_NONE ? first : 0,
                            first != FA_MONTH_NONE ? last : 0,
                            1, 12, 0);
  gtk_adjustment_configure (gtk_range_get_adjustment (GTK_RANGE (self->from_scale)),
                            first != FA_MONTH_NONE ? from : 0,
                            first != FA_MONTH_NONE ? first : 0,
                            first != FA_MONTH_NONE ? last : 0,
                            1, 12, 0);
  self->syncing = FALSE;

  if (month != self->month)
    {
      self->month = month;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
    }
  if (from != self->from)
    {
      self->from = from;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
    }
  set_position (self, month);

  self->label_step = compute_label_step (self, gtk_widget_get_width (self->scale_scroller));
  rebuild_marks (self);

  gtk_widget_set_sensitive (self->content, has_range (self));
  update_date_sizer (self);
  sync_children (self);
  update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * fa_timeline_get_first_month:
 *
 * Returns: the dataset's first month, or %FA_MONTH_NONE without one
 */
FaMonth
fa_timeline_get_first_month (FaTimeline *self)
{
  g_return_val_if_fail (FA_IS_TIMELINE (self), FA_MONTH_NONE);

  return self->first_month;
}

/**
 * fa_timeline_get_last_month:
 *
 * Returns: the dataset's last month, or %FA_MONTH_NONE without one
 */
FaMonth
fa_timeline_get_last_month (FaTimeline *self)
{
  g_return_val_if_fail (FA_IS_TIMELINE (self), FA_MONTH_NONE);

  return self->last_month;
}

FaMonth
fa_timeline_get_month (FaTimeline *self)
{
  g_return_val_if_fail (FA_IS_TIMELINE (self), FA_MONTH_NONE);

  return self->month;
}

/**
 * fa_timeline_set_month:
 * @month: a month, clamped to the dataset's months
 *
 * Does nothing without a dataset.  While playing, playback continues from
 * @month.
 */
void
fa_timeline_set_month (FaTimeline *self,
                       FaMonth     month)
{
  g_return_if_fail (FA_IS_TIMELINE (self));

  set_month_internal (self, month, FALSE);
}

FaMonth
fa_timeline_get_from (FaTimeline *self)
{
  g_return_val_if_fail (FA_IS_TIMELINE (self), FA_MONTH_NONE);

  return self->from;
}

/**
 * fa_timeline_set_from:
 * @from: the first month of the time window, clamped between the
 *   dataset's first month and :month
 */
void
fa_timeline_set_from (FaTimeline *self,
                      FaMonth     from)
{
  g_return_if_fail (FA_IS_TIMELINE (self));

  if (!has_range (self))
    {
      if (self->from != from)
        {
          self->from = from;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
        }
      return;
    }

  from = CLAMP (from, self->first_month, self->month);
  if (self->from == from)
    return;

  self->from = from;
  self->window_span = self->month - from;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
  sync_children (self);
}

FaTimeMode
fa_timeline_get_mode (FaTimeline *self)
{
  g_return_val_if_fail (FA_IS_TIMELINE (self), FA_TIME_MODE_AT);

  return self->mode;
}

/**
 * fa_timeline_set_mode:
 * @mode: how the map uses the month
 *
 * The menu offers the month, cumulative and window modes;
 * %FA_TIME_MODE_ALL can only be set here.
 */
void
fa_timeline_set_mode (FaTimeline *self,
                      FaTimeMode  mode)
{
  g_return_if_fail (FA_IS_TIMELINE (self));
  g_return_if_fail (mode <= FA_TIME_MODE_WINDOW);

  if (self->mode == mode)
    return;

  self->mode = mode;
  self->window_span = self->month - self->from;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
  sync_children (self);
}

gboolean
fa_timeline_get_playing (FaTimeline *self)
{
  g_return_val_if_fail (FA_IS_TIMELINE (self), FALSE);

  return self->tick_id != 0;
}

/**
 * fa_timeline_set_playing:
 * @playing: whether to advance the month over time
 *
 * Playback advances :speed months per second of frame-clock time, so it
 * only runs while the timeline is mapped.  Starting at the last month
 * starts over from the first.  Needs a dataset of more than one month.
 */
void
fa_timeline_set_playing (FaTimeline *self,
                         gboolean    playing)
{
  g_return_if_fail (FA_IS_TIMELINE (self));

  playing = !!playing;
  if (playing == (self->tick_id != 0))
    return;

  if (!playing)
    {
      stop_playback (self);
      return;
    }

  if (!can_play (self))
    return;

  if (self->month >= self->last_month)
    set_month_internal (self, self->first_month, FALSE);
  set_position (self, self->month);
  self->window_span = self->month - self->from;
  self->last_frame_time = 0;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), playback_tick_cb, NULL, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
  update_play_button (self);
}

void
fa_timeline_toggle_playing (FaTimeline *self)
{
  g_return_if_fail (FA_IS_TIMELINE (self));

  fa_timeline_set_playing (self, self->tick_id == 0);
}

double
fa_timeline_get_speed (FaTimeline *self)
{
  g_return_val_if_fail (FA_IS_TIMELINE (self), DEFAULT_SPEED);

  return self->speed;
}

/**
 * fa_timeline_set_speed:
 * @speed: months per second, clamped to 0.25–64; the menu offers
 *   1, 2, 4 and 8
 */
void
fa_timeline_set_speed (FaTimeline *self,
                       double      speed)
{
  g_return_if_fail (FA_IS_TIMELINE (self));

  speed = CLAMP (speed, MIN_SPEED, MAX_SPEED);
  if (self->speed == speed)
    return;

  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
  sync_children (self);
}

gboolean
fa_timeline_get_loop (FaTimeline *self)
{
  g_return_val_if_fail (FA_IS_TIMELINE (self), TRUE);

  return self->loop;
}

/**
 * fa_timeline_set_loop:
 * @loop: whether playback starts over after the last month, rather
 *   than stopping there
 */
void
fa_timeline_set_loop (FaTimeline *self,
                      gboolean    loop)
{
  g_return_if_fail (FA_IS_TIMELINE (self));

  loop = !!loop;
  if (self->loop == loop)
    return;

  self->loop = loop;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOP]);
}

/**
 * fa_timeline_get_position:
 *
 * Returns: the playback position in months; its fractional part is how
 *   much of :month has been shown.  Equal to :month when not playing.
 */
double
fa_timeline_get_position (FaTimeline *self)
{
  g_return_val_if_fail (FA_IS_TIMELINE (self), 0.0);

  return self->position;
}

/**
 * fa_timeline_step:
 * @months: how many months to move, negative to go back; 12 is a year
 *
 * Moves :month, stopping at the dataset's first and last months.
 */
void
fa_timeline_step (FaTimeline *self,
                  int         months)
{
  g_return_if_fail (FA_IS_TIMELINE (self));

  if (!has_range (self))
    return;

  /* Clamp in 64 bits: the month plus a huge step must not overflow. */
  fa_timeline_set_month (self, (FaMonth) CLAMP ((gint64) self->month + months,
                                                self->first_month, self->last_month));
}

/**
 * fa_timeline_get_filter:
 * @out: (out caller-allocates): where to store the filter
 *
 * Fills @out with what the map should show: the mode and month, and the
 * window's start in %FA_TIME_MODE_WINDOW (%FA_MONTH_NONE otherwise).
 * Without a dataset the month is %FA_MONTH_NONE, which matches everything.
 */
void
fa_timeline_get_filter (FaTimeline   *self,
                        FaTimeFilter *out)
{
  g_return_if_fail (FA_IS_TIMELINE (self));
  g_return_if_fail (out != NULL);

  out->mode = self->mode;
  out->month = self->month;
  out->from = self->mode == FA_TIME_MODE_WINDOW ? self->from : FA_MONTH_NONE;
}

static void
on_playback_cb (FaTimeline *self,
                GParamSpec *pspec,
                gpointer    unused)
{
  if (self->state != NULL)
    fa_map_state_set_fade_position (self->state, fa_timeline_get_playing (self) ? self->position : -1);
}

/**
 * fa_timeline_get_state:
 *
 * Returns: (transfer none) (nullable): the state the timeline drives
 */
FaMapState *
fa_timeline_get_state (FaTimeline *self)
{
  g_return_val_if_fail (FA_IS_TIMELINE (self), NULL);

  return self->state;
}

void
fa_timeline_set_state (FaTimeline *self,
                       FaMapState *state)
{
  g_return_if_fail (FA_IS_TIMELINE (self));
  g_return_if_fail (!state || FA_IS_MAP_STATE (state));

  if (self->state == state)
    return;

  if (self->state != NULL)
    {
      g_signal_handlers_disconnect_by_func (self, on_playback_cb, NULL);
      fa_map_state_set_fade_position (self->state, -1);
    }
  g_set_object (&self->state, state);
  if (self->state_bindings != NULL)
    g_binding_group_set_source (self->state_bindings, state);
  if (state != NULL)
    {
      g_signal_connect (self, "notify::position", G_CALLBACK (on_playback_cb), NULL);
      g_signal_connect (self, "notify::playing", G_CALLBACK (on_playback_cb), NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}
