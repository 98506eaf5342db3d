/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-timeline"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "fa-dataset.h"
#include "fa-event-strip.h"
#include "fa-event.h"
#include "fa-month.h"
#include "fa-resources.h"
#include "fa-timeline.h"
#include "fa-test-utils.h"

#define WAIT_SECONDS 5

typedef struct
{
  FaDataset  *dataset;
  FaTimeline *timeline;   /* owned by window when shown */
  GtkWindow  *window;
  FaMonth     first;
  FaMonth     last;
} Fixture;

static FaDataset *
load_dataset (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  FaDataset *dataset;

  g_assert_nonnull (g_getenv ("FLOWATLAS_GEODATA"));
  path = g_build_filename (g_getenv ("FLOWATLAS_GEODATA"), "datasets", "tip-2024-russia", NULL);
  dataset = fa_dataset_new_from_directory (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  return dataset;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dataset = load_dataset ();
  fixture->first = fa_dataset_get_first_month (fixture->dataset);
  fixture->last = fa_dataset_get_last_month (fixture->dataset);
  g_assert_true (fa_month_is_valid (fixture->first));
  g_assert_cmpint (fixture->last, >, fixture->first + 24);

  fixture->timeline = g_object_ref_sink (FA_TIMELINE (fa_timeline_new ()));
  fa_timeline_set_dataset (fixture->timeline, fixture->dataset);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->timeline);
  g_assert_finalize_object (fixture->dataset);
}

static void
iterate_until_mapped (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));

  /* Let the first allocation and the deferred mark labels settle. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Iterates until @widget has been through two more frames, so the slider
 * has been allocated where the value puts it. */
static void
wait_frames (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 start;

  g_assert_nonnull (clock);
  start = gdk_frame_clock_get_frame_counter (clock);
  while (gdk_frame_clock_get_frame_counter (clock) < start + 2 && g_get_monotonic_time () < end)
    {
      gtk_widget_queue_allocate (widget);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
show_in_window (Fixture *fixture,
                int      width)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, width, -1);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->timeline));
  gtk_window_present (fixture->window);
  iterate_until_mapped (GTK_WIDGET (fixture->timeline));
}

static gboolean
month_differs (FaTimeline *timeline,
               gpointer    data)
{
  return fa_timeline_get_month (timeline) != GPOINTER_TO_INT (data);
}

static gboolean
not_playing (FaTimeline *timeline,
             gpointer    data)
{
  return !fa_timeline_get_playing (timeline);
}

/* Iterates the main loop until @done or a bounded wait runs out. */
static gboolean
wait_for (FaTimeline  *timeline,
          gboolean   (*done) (FaTimeline *, gpointer),
          gpointer     data)
{
  gint64 end = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!done (timeline, data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  return done (timeline, data);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static FaEventStrip *
find_event_strip (GtkWidget *widget)
{
  if (FA_IS_EVENT_STRIP (widget))
    return FA_EVENT_STRIP (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      FaEventStrip *strip = find_event_strip (child);

      if (strip != NULL)
        return strip;
    }

  return NULL;
}

static GtkWidget *
find_by_css_name (GtkWidget  *widget,
                  const char *name)
{
  if (g_strcmp0 (gtk_widget_get_css_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_css_name (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkRange *
find_month_scale (FaEventStrip *strip)
{
  GtkRange *range = fa_event_strip_get_align_range (strip);

  g_assert_nonnull (range);
  return range;
}

static void
test_timeline_no_dataset (void)
{
  FaTimeline *timeline = g_object_ref_sink (FA_TIMELINE (fa_timeline_new ()));
  FaTimeFilter filter;

  g_assert_cmpint (fa_timeline_get_month (timeline), ==, FA_MONTH_NONE);
  g_assert_cmpint (fa_timeline_get_first_month (timeline), ==, FA_MONTH_NONE);
  g_assert_cmpint (fa_timeline_get_mode (timeline), ==, FA_TIME_MODE_AT);
  g_assert_cmpfloat (fa_timeline_get_speed (timeline), ==, 2.0);
  g_assert_true (fa_timeline_get_loop (timeline));
  g_assert_false (fa_timeline_get_playing (timeline));

  /* Nothing to step through, nothing to play; no criticals either.  The
   * month asked for is kept, unclamped, for the dataset to come (the map
   * state's month, restored from the last session, arrives first). */
  fa_timeline_set_month (timeline, fa_month_from_ym (2020, 1));
  fa_timeline_step (timeline, 1);
  fa_timeline_set_playing (timeline, TRUE);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fa_month_from_ym (2020, 1));
  g_assert_false (fa_timeline_get_playing (timeline));
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.step", "i", 1);
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.play", NULL);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fa_month_from_ym (2020, 1));
  g_assert_false (fa_timeline_get_playing (timeline));

  fa_timeline_get_filter (timeline, &filter);
  g_assert_cmpint (filter.month, ==, fa_month_from_ym (2020, 1));

  g_assert_finalize_object (timeline);
}

static void
test_timeline_range (Fixture       *fixture,
                     gconstpointer  data)
{
  FaTimeline *timeline = fixture->timeline;
  guint n_month = 0;

  g_assert_true (fa_timeline_get_dataset (timeline) == fixture->dataset);
  g_assert_cmpint (fa_timeline_get_first_month (timeline), ==, fixture->first);
  g_assert_cmpint (fa_timeline_get_last_month (timeline), ==, fixture->last);
  /* A new dataset opens at its latest month. */
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->last);
  g_assert_cmpfloat (fa_timeline_get_position (timeline), ==, fixture->last);

  g_signal_connect (timeline, "notify::month", G_CALLBACK (count_notify_cb), &n_month);

  fa_timeline_set_month (timeline, fixture->first - 30);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->first);
  g_assert_cmpuint (n_month, ==, 1);
  fa_timeline_set_month (timeline, fixture->first);
  g_assert_cmpuint (n_month, ==, 1);   /* no change, no notify */

  g_object_set (timeline, "month", fixture->last + 100, NULL);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->last);
  g_assert_cmpuint (n_month, ==, 2);

  fa_timeline_set_month (timeline, fa_month_from_ym (2022, 2));
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fa_month_from_ym (2022, 2));
  g_assert_cmpfloat (fa_timeline_get_position (timeline), ==, fa_month_from_ym (2022, 2));

  /* Dropping the dataset empties the range. */
  fa_timeline_set_dataset (timeline, NULL);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, FA_MONTH_NONE);
  fa_timeline_set_dataset (timeline, fixture->dataset);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->last);
}

static void
test_timeline_step (Fixture       *fixture,
                    gconstpointer  data)
{
  FaTimeline *timeline = fixture->timeline;
  GtkWidget *widget = GTK_WIDGET (timeline);

  fa_timeline_set_month (timeline, fixture->first);
  fa_timeline_step (timeline, -1);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->first);
  fa_timeline_step (timeline, -12);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->first);
  fa_timeline_step (timeline, 1);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->first + 1);
  fa_timeline_step (timeline, 12);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->first + 13);
  fa_timeline_step (timeline, -12);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->first + 1);
  fa_timeline_step (timeline, G_MAXINT);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->last);

  fa_timeline_step (timeline, 1);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->last);
  fa_timeline_step (timeline, 12);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->last);
  fa_timeline_step (timeline, G_MININT);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->first);

  /* The same through the actions the window forwards its shortcuts to. */
  g_assert_true (gtk_widget_activate_action (widget, "timeline.step", "i", 1));
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->first + 1);
  g_assert_true (gtk_widget_activate_action (widget, "timeline.step", "i", 12));
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->first + 13);
  g_assert_true (gtk_widget_activate_action (widget, "timeline.step", "i", -12));
  g_assert_true (gtk_widget_activate_action (widget, "timeline.step", "i", -12));
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->first);
  fa_timeline_set_month (timeline, fixture->last);
  g_assert_true (gtk_widget_activate_action (widget, "timeline.step", "i", 12));
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->last);

  /* timeline.loop is the loop property as a stateful action. */
  g_assert_true (gtk_widget_activate_action (widget, "timeline.loop", NULL));
  g_assert_false (fa_timeline_get_loop (timeline));
  g_assert_true (gtk_widget_activate_action (widget, "timeline.loop", NULL));
  g_assert_true (fa_timeline_get_loop (timeline));

  /* The mode and speed menus use property actions too. */
  g_assert_true (gtk_widget_activate_action (widget, "timeline.mode", "s", "window"));
  g_assert_cmpint (fa_timeline_get_mode (timeline), ==, FA_TIME_MODE_WINDOW);
  g_assert_true (gtk_widget_activate_action (widget, "timeline.mode", "s", "cumulative"));
  g_assert_cmpint (fa_timeline_get_mode (timeline), ==, FA_TIME_MODE_CUMULATIVE);
  g_assert_true (gtk_widget_activate_action (widget, "timeline.speed", "d", 4.0));
  g_assert_cmpfloat (fa_timeline_get_speed (timeline), ==, 4.0);
  fa_timeline_set_speed (timeline, 1000);
  g_assert_cmpfloat (fa_timeline_get_speed (timeline), ==, 64.0);
}

static void
test_timeline_play (Fixture       *fixture,
                    gconstpointer  data)
{
  FaTimeline *timeline = fixture->timeline;
  FaMonth start = fa_month_from_ym (2020, 1);
  guint n_playing = 0;
  guint n_position = 0;

  show_in_window (fixture, 1000);
  g_signal_connect (timeline, "notify::playing", G_CALLBACK (count_notify_cb), &n_playing);
  g_signal_connect (timeline, "notify::position", G_CALLBACK (count_notify_cb), &n_position);

  fa_timeline_set_speed (timeline, 8);
  g_assert_cmpfloat (fa_timeline_get_speed (timeline), ==, 8.0);
  fa_timeline_set_month (timeline, start);
  g_object_set (timeline, "playing", TRUE, NULL);
  g_assert_true (fa_timeline_get_playing (timeline));
  g_assert_cmpuint (n_playing, ==, 1);

  g_assert_true (wait_for (timeline, month_differs, GINT_TO_POINTER (start)));
  g_assert_cmpint (fa_timeline_get_month (timeline), >, start);
  g_assert_cmpuint (n_position, >, 1);
  g_assert_cmpfloat (fa_timeline_get_position (timeline), >=, fa_timeline_get_month (timeline));
  g_assert_cmpfloat (fa_timeline_get_position (timeline), <, fa_timeline_get_month (timeline) + 1);

  /* The play action toggles; stopping snaps the position to the month. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.play", NULL));
  g_assert_false (fa_timeline_get_playing (timeline));
  g_assert_cmpuint (n_playing, ==, 2);
  g_assert_cmpfloat (fa_timeline_get_position (timeline), ==, fa_timeline_get_month (timeline));

  /* Play from the last month starts over. */
  fa_timeline_set_month (timeline, fixture->last);
  fa_timeline_toggle_playing (timeline);
  g_assert_true (fa_timeline_get_playing (timeline));
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->first);
  fa_timeline_set_playing (timeline, FALSE);
}

static void
test_timeline_loop (Fixture       *fixture,
                    gconstpointer  data)
{
  FaTimeline *timeline = fixture->timeline;
  FaMonth start = fixture->last - 1;

  show_in_window (fixture, 1000);
  fa_timeline_set_speed (timeline, 8);
  fa_timeline_set_loop (timeline, TRUE);
  fa_timeline_set_month (timeline, start);
  fa_timeline_set_playing (timeline, TRUE);

  g_assert_true (wait_for (timeline, month_differs, GINT_TO_POINTER (start)));
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->last);
  g_assert_true (wait_for (timeline, month_differs, GINT_TO_POINTER (fixture->last)));
  /* Wrapped round to the start, still playing. */
  g_assert_cmpint (fa_timeline_get_month (timeline), <, start);
  g_assert_cmpint (fa_timeline_get_month (timeline), <=, fixture->first + 1);
  g_assert_true (fa_timeline_get_playing (timeline));
  fa_timeline_set_playing (timeline, FALSE);
}

static void
test_timeline_no_loop (Fixture       *fixture,
                       gconstpointer  data)
{
  FaTimeline *timeline = fixture->timeline;

  show_in_window (fixture, 1000);
  fa_timeline_set_speed (timeline, 8);
  fa_timeline_set_loop (timeline, FALSE);
  fa_timeline_set_month (timeline, fixture->last - 2);
  fa_timeline_set_playing (timeline, TRUE);

  g_assert_true (wait_for (timeline, not_playing, NULL));
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fixture->last);
  g_assert_cmpfloat (fa_timeline_get_position (timeline), ==, fixture->last);
}

/* The first key controller of @widget answers @keyval as a key press. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
          return handled;
        }
    }
  g_assert_not_reached ();
}

static void
on_strip_event_activated_cb (FaEventStrip  *strip,
                             FaEvent       *event,
                             FaEvent      **out)
{
  g_set_object (out, event);
}

/* The event strip from the keyboard: focusable, arrows move from event to
 * event and show its month, Enter opens it. */
static void
test_timeline_strip_keys (Fixture       *fixture,
                          gconstpointer  data)
{
  FaEventStrip *strip = find_event_strip (GTK_WIDGET (fixture->timeline));
  g_autoptr(FaEvent) activated = NULL;
  FaMonth first_event, second_event;

  g_assert_nonnull (strip);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (strip)));
  g_signal_connect (strip, "event-activated", G_CALLBACK (on_strip_event_activated_cb), &activated);

  g_assert_true (press_key (GTK_WIDGET (strip), GDK_KEY_Home));
  first_event = fa_event_strip_get_month (strip);
  g_assert_true (press_key (GTK_WIDGET (strip), GDK_KEY_Right));
  second_event = fa_event_strip_get_month (strip);
  g_test_message ("first event %d, second %d", first_event, second_event);
  g_assert_cmpint (second_event, >, first_event);
  g_assert_true (press_key (GTK_WIDGET (strip), GDK_KEY_Left));
  g_assert_cmpint (fa_event_strip_get_month (strip), ==, first_event);

  g_assert_true (press_key (GTK_WIDGET (strip), GDK_KEY_Return));
  g_assert_nonnull (activated);
  g_assert_cmpint (fa_event_get_month (activated), ==, first_event);
  /* Other keys are the window's. */
  g_assert_false (press_key (GTK_WIDGET (strip), GDK_KEY_a));
}

static void
test_timeline_window (Fixture       *fixture,
                      gconstpointer  data)
{
  FaTimeline *timeline = fixture->timeline;
  FaMonth march_2022 = fa_month_from_ym (2022, 3);
  FaMonth june_2023 = fa_month_from_ym (2023, 6);
  FaEventStrip *strip = find_event_strip (GTK_WIDGET (timeline));
  FaTimeFilter filter;
  guint n_from = 0;

  g_assert_nonnull (strip);
  g_signal_connect (timeline, "notify::from", G_CALLBACK (count_notify_cb), &n_from);

  /* At a month, the filter carries no window. */
  fa_timeline_set_month (timeline, june_2023);
  fa_timeline_get_filter (timeline, &filter);
  g_assert_cmpint (filter.mode, ==, FA_TIME_MODE_AT);
  g_assert_cmpint (filter.month, ==, june_2023);
  g_assert_cmpint (filter.from, ==, FA_MONTH_NONE);
  g_assert_cmpint (fa_event_strip_get_window_start (strip), ==, FA_MONTH_NONE);

  g_object_set (timeline, "mode", FA_TIME_MODE_WINDOW, NULL);
  g_assert_cmpint (fa_timeline_get_mode (timeline), ==, FA_TIME_MODE_WINDOW);
  fa_timeline_set_from (timeline, march_2022);
  g_assert_cmpint (fa_timeline_get_from (timeline), ==, march_2022);
  g_assert_cmpint (fa_event_strip_get_window_start (strip), ==, march_2022);
  fa_timeline_get_filter (timeline, &filter);
  g_assert_cmpint (filter.mode, ==, FA_TIME_MODE_WINDOW);
  g_assert_cmpint (filter.month, ==, june_2023);
  g_assert_cmpint (filter.from, ==, march_2022);

  /* The start never passes the end, whichever one moves. */
  fa_timeline_set_from (timeline, june_2023 + 5);
  g_assert_cmpint (fa_timeline_get_from (timeline), ==, june_2023);
  fa_timeline_set_from (timeline, fixture->first - 10);
  g_assert_cmpint (fa_timeline_get_from (timeline), ==, fixture->first);
  fa_timeline_set_from (timeline, march_2022);
  n_from = 0;
  fa_timeline_set_month (timeline, fa_month_from_ym (2021, 1));
  g_assert_cmpint (fa_timeline_get_from (timeline), ==, fa_month_from_ym (2021, 1));
  g_assert_cmpuint (n_from, ==, 1);
  fa_timeline_set_month (timeline, june_2023);
  g_assert_cmpint (fa_timeline_get_from (timeline), ==, fa_month_from_ym (2021, 1));
  g_assert_cmpint (fa_timeline_get_from (timeline), <=, fa_timeline_get_month (timeline));

  /* Dragging the strip's window handle moves the start, clamped too. */
  fa_event_strip_set_window_start (strip, march_2022);
  g_assert_cmpint (fa_timeline_get_from (timeline), ==, march_2022);

  g_object_set (timeline, "mode", FA_TIME_MODE_CUMULATIVE, NULL);
  fa_timeline_get_filter (timeline, &filter);
  g_assert_cmpint (filter.mode, ==, FA_TIME_MODE_CUMULATIVE);
  g_assert_cmpint (filter.from, ==, FA_MONTH_NONE);
  g_assert_cmpint (fa_event_strip_get_window_start (strip), ==, FA_MONTH_NONE);
}

static void
test_timeline_strip_counts (void)
{
  g_autoptr(FaDataset) dataset = load_dataset ();
  FaEventStrip *strip = g_object_ref_sink (FA_EVENT_STRIP (fa_event_strip_new ()));
  FaMonth first = fa_dataset_get_first_month (dataset);
  FaMonth last = fa_dataset_get_last_month (dataset);
  const FaMonth samples[] = {
    first, first + 1, fa_month_from_ym (2018, 6), fa_month_from_ym (2022, 2),
    fa_month_from_ym (2022, 3), fa_month_from_ym (2023, 12), last - 1, last,
  };
  guint max_count = 0;

  g_assert_cmpuint (fa_event_strip_get_count (strip, first), ==, 0);
  fa_event_strip_set_dataset (strip, dataset);
  g_assert_cmpint (fa_event_strip_get_month (strip), ==, last);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    g_assert_cmpuint (fa_event_strip_get_count (strip, samples[i]), ==,
                      fa_dataset_count_active (dataset, samples[i]));
  for (FaMonth m = first; m <= last; m++)
    max_count = MAX (max_count, fa_dataset_count_active (dataset, m));
  g_assert_cmpuint (fa_event_strip_get_max_count (strip), ==, max_count);
  g_assert_cmpuint (max_count, >, 0);
  g_assert_cmpuint (fa_event_strip_get_count (strip, first - 1), ==, 0);
  g_assert_cmpuint (fa_event_strip_get_count (strip, last + 1), ==, 0);

  /* Dated and undated apart: rows without a time count only in the
   * reporting period (April 2023 – March 2024), and are part of it. */
  g_assert_cmpuint (fa_event_strip_get_undated_count (strip, fa_month_from_ym (2018, 6)), ==, 0);
  g_assert_cmpuint (fa_event_strip_get_undated_count (strip, fa_month_from_ym (2023, 3)), ==, 0);
  g_assert_cmpuint (fa_event_strip_get_undated_count (strip, fa_month_from_ym (2023, 6)), >=, 30);
  g_assert_cmpuint (fa_event_strip_get_undated_count (strip, fa_month_from_ym (2023, 6)), <,
                    fa_event_strip_get_count (strip, fa_month_from_ym (2023, 6)));
  g_assert_cmpuint (fa_event_strip_get_undated_count (strip, fa_month_from_ym (2024, 4)), ==, 0);

  fa_event_strip_set_month (strip, first - 100);
  g_assert_cmpint (fa_event_strip_get_month (strip), ==, first);

  g_assert_finalize_object (strip);
}

static void
on_event_activated_cb (FaTimeline *timeline,
                       FaEvent    *event,
                       FaEvent   **out)
{
  g_set_object (out, event);
}

static void
test_timeline_strip_layout (Fixture       *fixture,
                            gconstpointer  data)
{
  FaTimeline *timeline = fixture->timeline;
  FaEventStrip *strip = find_event_strip (GTK_WIDGET (timeline));
  GtkRange *scale;
  GListModel *events = fa_dataset_get_events (fixture->dataset);
  g_autoptr(FaEvent) first_event = g_list_model_get_item (events, 0);
  g_autoptr(FaEvent) activated = NULL;
  g_autoptr(GListModel) controllers = NULL;
  GtkGesture *drag = NULL;
  const FaMonth months[] = { fixture->first, fa_month_from_ym (2019, 7), fixture->last };

  show_in_window (fixture, 1000);
  scale = find_month_scale (strip);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (strip)), >, 500);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (timeline)), <=, 100);

  /* Each month's bar sits right above where the slider stands for it. */
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      GtkWidget *slider = find_by_css_name (GTK_WIDGET (scale), "slider");
      graphene_rect_t bounds;
      double x;

      fa_timeline_set_month (timeline, months[i]);
      /* The slider moves at the next allocation. */
      wait_frames (GTK_WIDGET (scale));
      /* gtk_range_get_slider_range() reports a wrong start in GTK 4.8. */
      g_assert_nonnull (slider);
      g_assert_true (gtk_widget_compute_bounds (slider, GTK_WIDGET (strip), &bounds));
      x = bounds.origin.x + bounds.size.width / 2.0;
      g_test_message ("month %d: slider at %.1f, bar at %.1f", months[i], x,
                      fa_event_strip_month_to_x (strip, months[i]));
      g_assert_cmpfloat (fabs (x - fa_event_strip_month_to_x (strip, months[i])), <=, 2.0);
      g_assert_cmpint (fa_event_strip_month_at_x (strip, fa_event_strip_month_to_x (strip, months[i])),
                       ==, months[i]);
    }

  /* A click on an event's tick jumps there and reports the event. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (strip));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        drag = GTK_GESTURE (controller);
    }
  g_assert_nonnull (drag);

  g_signal_connect (timeline, "event-activated", G_CALLBACK (on_event_activated_cb), &activated);
  fa_timeline_set_month (timeline, fixture->last);
  g_signal_emit_by_name (drag, "drag-begin",
                         fa_event_strip_month_to_x (strip, fa_event_get_month (first_event)), 10.0);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  g_assert_nonnull (activated);
  g_assert_cmpint (fa_event_get_month (activated), ==, fa_event_get_month (first_event));
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fa_event_get_month (first_event));

  /* A press on a bar scrubs to its month. */
  g_clear_object (&activated);
  g_signal_emit_by_name (drag, "drag-begin",
                         fa_event_strip_month_to_x (strip, fa_month_from_ym (2020, 5)), 30.0);
  g_signal_emit_by_name (drag, "drag-update",
                         fa_event_strip_month_to_x (strip, fa_month_from_ym (2021, 5)) -
                         fa_event_strip_month_to_x (strip, fa_month_from_ym (2020, 5)), 0.0);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
  g_assert_null (activated);
  g_assert_cmpint (fa_timeline_get_month (timeline), ==, fa_month_from_ym (2021, 5));
}

/* A dataset from year 1 to 9999 (a typo away from a real one): the
 * timeline thins its marks and stays as wide as its window. */
static void
test_timeline_huge_span (void)
{
  g_autofree char *dir = fa_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FaDataset) dataset = NULL;
  FaTimeline *timeline;
  GtkWindow *window;
  int minimum = 0, natural = 0;
  static const char places[] = "id,name,lat,lon\np1,One,50.4,30.5\np2,Two,55.7,37.6\n";
  static const char flows[] = "id,origin,dest,count,category,start,end\n"
                              "f1,p1,p2,10,c,0001-01,\n"
                              "f2,p2,p1,10,c,9999-12,\n";

  g_free (fa_test_write_file (dir, "places.csv", places, strlen (places)));
  g_free (fa_test_write_file (dir, "flows.csv", flows, strlen (flows)));
  dataset = fa_dataset_new_from_directory (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fa_month_get_year (fa_dataset_get_first_month (dataset)), ==, 1);
  g_assert_cmpint (fa_month_get_year (fa_dataset_get_last_month (dataset)), ==, 9999);

  timeline = FA_TIMELINE (fa_timeline_new ());
  fa_timeline_set_dataset (timeline, dataset);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 900, -1);
  gtk_window_set_child (window, GTK_WIDGET (timeline));
  gtk_window_present (window);
  iterate_until_mapped (GTK_WIDGET (timeline));
  wait_frames (GTK_WIDGET (timeline));

  gtk_widget_measure (GTK_WIDGET (timeline), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("0001–9999: minimum width %d px, natural %d px, window %d px",
                  minimum, natural, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (minimum, <=, 900);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1000);

  gtk_window_destroy (window);
  fa_test_rmtree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (fa_get_resource ());

  g_test_add_func ("/fa/timeline/no-dataset", test_timeline_no_dataset);
  g_test_add ("/fa/timeline/range", Fixture, NULL, fixture_setup, test_timeline_range, fixture_teardown);
  g_test_add ("/fa/timeline/step", Fixture, NULL, fixture_setup, test_timeline_step, fixture_teardown);
  g_test_add ("/fa/timeline/play", Fixture, NULL, fixture_setup, test_timeline_play, fixture_teardown);
  g_test_add ("/fa/timeline/loop", Fixture, NULL, fixture_setup, test_timeline_loop, fixture_teardown);
  g_test_add ("/fa/timeline/no-loop", Fixture, NULL, fixture_setup, test_timeline_no_loop, fixture_teardown);
  g_test_add ("/fa/timeline/window", Fixture, NULL, fixture_setup, test_timeline_window, fixture_teardown);
  g_test_add_func ("/fa/timeline/strip-counts", test_timeline_strip_counts);
  g_test_add ("/fa/timeline/strip-keys", Fixture, NULL, fixture_setup, test_timeline_strip_keys, fixture_teardown);
  g_test_add_func ("/fa/timeline/huge-span", test_timeline_huge_span);
  g_test_add ("/fa/timeline/strip-layout", Fixture, NULL, fixture_setup, test_timeline_strip_layout, fixture_teardown);

  return g_test_run ();
}
