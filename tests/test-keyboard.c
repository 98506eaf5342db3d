/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Keyboard-only walkthroughs: real key presses, sent to the X server with
 * XTest as a keyboard would send them, go through GDK, the window's
 * shortcuts and the focused widget exactly as a user's do.  Each test
 * starts with the focus where the window puts it (the map) and moves it
 * only with keys. */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-keyboard"

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include "fa-autocleanups.h"
#include "fa-dataset.h"
#include "fa-details-pane.h"
#include "fa-event.h"
#include "fa-event-strip.h"
#include "fa-flow.h"
#include "fa-place.h"
#include "fa-map-state.h"
#include "fa-map-view.h"
#include "fa-map.h"
#include "fa-month.h"
#include "fa-resources.h"
#include "fa-test-utils.h"
#include "fa-timeline.h"
#include "fa-window.h"

typedef struct
{
  FaWindow   *window;
  FaMapState *state;
  guint       released;   /* key releases the window has seen */
} Walk;

static gboolean
until (gboolean (*done) (Walk *walk),
       Walk      *walk,
       guint      seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (walk) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return done (walk);
}

static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gint64 start = gdk_frame_clock_get_frame_counter (clock);

  while (gdk_frame_clock_get_frame_counter (clock) < start + n && g_get_monotonic_time () < end)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
is_ready (Walk *walk)
{
  FaMapView *view = fa_window_get_map_view (walk->window);

  return gtk_widget_get_mapped (GTK_WIDGET (view)) && !fa_window_get_loading (walk->window) &&
         !fa_map_view_get_rendering (view) && gtk_window_is_active (GTK_WINDOW (walk->window));
}

static void
on_key_released_cb (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    Walk                  *walk)
{
  walk->released++;
}

static void
walk_start (Walk *walk,
            int   width,
            int   height)
{
  GtkEventController *keys;
  GdkSurface *surface;
  Display *xdisplay;

  walk->window = fa_window_new (NULL);
  walk->state = fa_map_get_state (fa_window_get_map (walk->window));
  walk->released = 0;
  gtk_window_set_default_size (GTK_WINDOW (walk->window), width, height);

  /* Counts what reaches the window, before any widget handles it. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-released", G_CALLBACK (on_key_released_cb), walk);
  gtk_widget_add_controller (GTK_WIDGET (walk->window), keys);

  gtk_window_present (GTK_WINDOW (walk->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (walk->window)))
    g_main_context_iteration (NULL, TRUE);

  /* No window manager on the test's display: give the window the
   * keyboard focus as one would. */
  surface = gtk_native_get_surface (GTK_NATIVE (walk->window));
  xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (walk->window)));
  XSync (xdisplay, False);
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (xdisplay, False);

  g_assert_true (until (is_ready, walk, 20));
  wait_frames (GTK_WIDGET (walk->window), 2);
}

static void
walk_end (Walk *walk)
{
  gtk_window_destroy (GTK_WINDOW (walk->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static Display *
walk_xdisplay (Walk *walk)
{
  return gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (walk->window)));
}

static void
fake_key (Display *xdisplay,
          guint    keysym,
          gboolean press)
{
  KeyCode code = XKeysymToKeycode (xdisplay, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (xdisplay, code, press, CurrentTime);
}

static gboolean
released_enough (Walk *walk)
{
  return walk->released >= GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (walk->window), "fa-expected"));
}

/* Presses and releases @keyval (a GDK keyval is an X keysym) with
 * @modifiers held, and runs the main loop until the window has seen
 * every release and drawn a frame. */
static void
press (Walk            *walk,
       guint            keyval,
       GdkModifierType  modifiers)
{
  Display *xdisplay = walk_xdisplay (walk);
  static const struct { GdkModifierType mask; guint keysym; } mods[] = {
    { GDK_CONTROL_MASK, XK_Control_L },
    { GDK_SHIFT_MASK, XK_Shift_L },
    { GDK_ALT_MASK, XK_Alt_L },
  };
  guint expected = walk->released + 1;

  for (guint i = 0; i < G_N_ELEMENTS (mods); i++)
    if (modifiers & mods[i].mask)
      {
        fake_key (xdisplay, mods[i].keysym, TRUE);
        expected++;
      }
  fake_key (xdisplay, keyval, TRUE);
  fake_key (xdisplay, keyval, FALSE);
  for (guint i = G_N_ELEMENTS (mods); i-- > 0;)
    if (modifiers & mods[i].mask)
      fake_key (xdisplay, mods[i].keysym, FALSE);
  XFlush (xdisplay);

  g_object_set_data (G_OBJECT (walk->window), "fa-expected", GUINT_TO_POINTER (expected));
  g_assert_true (until (released_enough, walk, 5));
  wait_frames (GTK_WIDGET (walk->window), 1);
}

static GtkWidget *
focus_of (Walk *walk)
{
  return gtk_root_get_focus (GTK_ROOT (walk->window));
}

static const char *
focus_type (Walk *walk)
{
  GtkWidget *focus = focus_of (walk);

  return focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "(none)";
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Tab until @match accepts the focus, at most 60 times; returns how many
 * presses it took (0: never). */
static guint
tab_to (Walk      *walk,
        gboolean (*match) (GtkWidget *focus))
{
  for (guint i = 1; i <= 60; i++)
    {
      GtkWidget *focus;

      press (walk, GDK_KEY_Tab, 0);
      focus = focus_of (walk);
      g_test_message ("Tab %u: %s", i, focus_type (walk));
      if (focus != NULL && match (focus))
        return i;
    }
  return 0;
}

/* A row of the sidebar's categories: its prefix is the category's check. */
static gboolean
is_category_row (GtkWidget *focus)
{
  GtkWidget *row = ADW_IS_ACTION_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, ADW_TYPE_ACTION_ROW);

  return row != NULL && !ADW_IS_COMBO_ROW (row) && find_widget (row, GTK_TYPE_CHECK_BUTTON) != NULL;
}

static gboolean
is_event_strip (GtkWidget *focus)
{
  return FA_IS_EVENT_STRIP (focus);
}

static gboolean
is_playing (Walk *walk)
{
  return fa_timeline_get_playing (fa_window_get_timeline (walk->window));
}

/* Space plays and pauses with the focus on the map, where the window puts
 * it at start; in the search entry it is a space. */
static void
test_play_from_map (void)
{
  Walk walk;
  GtkWidget *entry;
  FaMonth month;

  walk_start (&walk, 1400, 900);

  g_assert_true (FA_IS_MAP_VIEW (focus_of (&walk)));
  g_assert_false (is_playing (&walk));

  press (&walk, GDK_KEY_space, 0);
  g_assert_true (is_playing (&walk));
  g_assert_true (FA_IS_MAP_VIEW (focus_of (&walk)));
  press (&walk, GDK_KEY_space, 0);
  g_assert_false (is_playing (&walk));
  month = fa_map_state_get_month (walk.state);

  /* Ctrl+F: the focus goes to the table's search, where Space types. */
  press (&walk, GDK_KEY_f, GDK_CONTROL_MASK);
  entry = focus_of (&walk);
  g_assert_nonnull (entry);
  g_assert_nonnull (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_ENTRY));
  press (&walk, GDK_KEY_k, 0);
  press (&walk, GDK_KEY_space, 0);
  g_assert_false (is_playing (&walk));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_ENTRY))), ==, "k ");
  g_assert_cmpint (fa_map_state_get_month (walk.state), ==, month);

  walk_end (&walk);
}

/* With the focus in the sidebar (opened with F9, reached with Tab),
 * Alt+arrows step the months and Page Up/Down the years, Alt+1…3 set the
 * time mode, Space toggles the focused category, and Ctrl+Shift+A and
 * Ctrl+1 apply presets. */
static void
test_step_from_sidebar (void)
{
  Walk walk;
  GtkWidget *row;
  FaMonth month;
  guint tabs;

  walk_start (&walk, 1400, 900);

  /* F9 opens the sidebar; Tab goes to the first of its category rows. */
  press (&walk, GDK_KEY_F9, 0);
  tabs = tab_to (&walk, is_category_row);
  g_test_message ("a category row after %u Tab presses", tabs);
  g_assert_cmpuint (tabs, >, 0);
  row = gtk_widget_get_ancestor (focus_of (&walk), ADW_TYPE_ACTION_ROW);
  if (row == NULL)
    row = focus_of (&walk);
  g_assert_true (gtk_widget_has_visible_focus (focus_of (&walk)));

  fa_map_state_set_month (walk.state, fa_month_from_ym (2022, 6));
  month = fa_map_state_get_month (walk.state);
  press (&walk, GDK_KEY_Right, GDK_ALT_MASK);
  g_assert_cmpint (fa_map_state_get_month (walk.state), ==, month + 1);
  press (&walk, GDK_KEY_Left, GDK_ALT_MASK);
  g_assert_cmpint (fa_map_state_get_month (walk.state), ==, month);
  press (&walk, GDK_KEY_Page_Up, 0);
  g_assert_cmpint (fa_map_state_get_month (walk.state), ==, month - 12);
  press (&walk, GDK_KEY_Page_Down, 0);
  g_assert_cmpint (fa_map_state_get_month (walk.state), ==, month);
  /* Alt+1…3: the timeline's modes. */
  press (&walk, GDK_KEY_2, GDK_ALT_MASK);
  g_assert_cmpint (fa_map_state_get_time_mode (walk.state), ==, FA_TIME_MODE_CUMULATIVE);
  press (&walk, GDK_KEY_3, GDK_ALT_MASK);
  g_assert_cmpint (fa_map_state_get_time_mode (walk.state), ==, FA_TIME_MODE_WINDOW);
  press (&walk, GDK_KEY_1, GDK_ALT_MASK);
  g_assert_cmpint (fa_map_state_get_time_mode (walk.state), ==, FA_TIME_MODE_AT);
  /* The focus stayed where it was. */
  g_assert_true (gtk_widget_get_ancestor (focus_of (&walk), ADW_TYPE_ACTION_ROW) == row || focus_of (&walk) == row);

  /* Space toggles the row's category, and again. */
  {
    GtkWidget *check = find_widget (row, GTK_TYPE_CHECK_BUTTON);
    guint hidden = g_strv_length ((char **) fa_map_state_get_hidden_categories (walk.state));
    gboolean active;

    g_assert_nonnull (check);
    active = gtk_check_button_get_active (GTK_CHECK_BUTTON (check));
    g_assert_true (active);
    press (&walk, GDK_KEY_space, 0);
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
    g_assert_false (is_playing (&walk));
    g_assert_cmpuint (g_strv_length ((char **) fa_map_state_get_hidden_categories (walk.state)), ==, hidden + 1);
    press (&walk, GDK_KEY_space, 0);
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
    g_assert_cmpuint (g_strv_length ((char **) fa_map_state_get_hidden_categories (walk.state)), ==, hidden);
  }

  /* From the sidebar: Ctrl+Shift+A shows every category, Ctrl+1 the first
   * preset's. */
  press (&walk, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_cmpuint (g_strv_length ((char **) fa_map_state_get_hidden_categories (walk.state)), ==, 0);
  press (&walk, GDK_KEY_1, GDK_CONTROL_MASK);
  g_assert_true (fa_map_state_get_category_visible (walk.state, "civilian-transfer"));
  g_assert_false (fa_map_state_get_category_visible (walk.state, "dprk-labour"));

  walk_end (&walk);
}

static gboolean
is_details_open (Walk *walk)
{
  GtkWidget *pane = find_widget (GTK_WIDGET (walk->window), FA_TYPE_DETAILS_PANE);

  return pane != NULL && gtk_widget_get_mapped (pane) && fa_map_state_get_selected (walk->state) != NULL;
}

/* The event strip, reached with Tab: Right goes to an event and shows
 * its month, Enter opens its details, Escape closes them and clears the
 * selection. */
static void
test_open_event_from_strip (void)
{
  Walk walk;
  FaEventStrip *strip;
  GObject *selected;
  guint tabs;
  FaMonth month;

  walk_start (&walk, 1400, 900);

  tabs = tab_to (&walk, is_event_strip);
  g_test_message ("the event strip after %u Tab presses", tabs);
  g_assert_cmpuint (tabs, >, 0);
  strip = FA_EVENT_STRIP (focus_of (&walk));
  g_assert_true (gtk_widget_has_visible_focus (GTK_WIDGET (strip)));

  press (&walk, GDK_KEY_Home, 0);
  month = fa_map_state_get_month (walk.state);
  press (&walk, GDK_KEY_Right, 0);
  g_assert_cmpint (fa_map_state_get_month (walk.state), >, month);
  g_assert_true (FA_IS_EVENT_STRIP (focus_of (&walk)));

  g_assert_null (fa_map_state_get_selected (walk.state));
  press (&walk, GDK_KEY_Return, 0);
  selected = fa_map_state_get_selected (walk.state);
  g_assert_true (FA_IS_EVENT (selected));
  g_assert_cmpint (fa_event_get_month (FA_EVENT (selected)), ==, fa_map_state_get_month (walk.state));
  g_assert_true (until (is_details_open, &walk, 5));

  press (&walk, GDK_KEY_Escape, 0);
  g_assert_null (fa_map_state_get_selected (walk.state));

  walk_end (&walk);
}

static gboolean
is_in_table (GtkWidget *focus)
{
  return gtk_widget_get_ancestor (focus, GTK_TYPE_COLUMN_VIEW) != NULL;
}

/* Ctrl+F: the table, with the focus in its search; typing filters the
 * flows, Tab goes to the rows, and the arrow keys select a flow on the
 * map, which opens its details; Escape closes them and keeps the table. */
static void
test_table_selects (void)
{
  Walk walk;
  GObject *selected;
  guint tabs;

  walk_start (&walk, 1400, 900);
  /* The settings kept the month the last test left: March 2024 has
   * flows to Belarus. */
  fa_map_state_set_month (walk.state, fa_month_from_ym (2024, 3));

  press (&walk, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  press (&walk, GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_nonnull (gtk_widget_get_ancestor (focus_of (&walk), GTK_TYPE_SEARCH_ENTRY));
  for (const char *c = "belarus"; *c != '\0'; c++)
    press (&walk, gdk_unicode_to_keyval (*c), 0);
  /* The search runs after a short pause. */
  {
    gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }

  tabs = tab_to (&walk, is_in_table);
  g_test_message ("the table's rows after %u Tab presses", tabs);
  g_assert_cmpuint (tabs, >, 0);
  press (&walk, GDK_KEY_Down, 0);
  press (&walk, GDK_KEY_Up, 0);
  selected = fa_map_state_get_selected (walk.state);
  g_assert_true (FA_IS_FLOW (selected));
  g_test_message ("selected: %s → %s", fa_place_get_name (fa_flow_get_origin (FA_FLOW (selected))),
                  fa_place_get_name (fa_flow_get_destination (FA_FLOW (selected))));
  /* The search looks in places, categories, magnitudes and quotes. */
  g_assert_true (strstr (fa_place_get_name (fa_flow_get_origin (FA_FLOW (selected))), "Belarus") != NULL ||
                 strstr (fa_place_get_name (fa_flow_get_destination (FA_FLOW (selected))), "Belarus") != NULL ||
                 strstr (fa_flow_get_quote (FA_FLOW (selected)), "Belarus") != NULL);
  g_assert_true (until (is_details_open, &walk, 5));

  press (&walk, GDK_KEY_Escape, 0);
  g_assert_null (fa_map_state_get_selected (walk.state));

  walk_end (&walk);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xdg = fa_test_isolate_xdg ();
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (fa_get_resource ());

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("needs an X display (the tests send key presses with XTest)");
      fa_test_rmtree (xdg);
      return g_test_run ();
    }
  {
    int event_base, error_base, major, minor;

    if (!XTestQueryExtension (gdk_x11_display_get_xdisplay (gdk_display_get_default ()),
                              &event_base, &error_base, &major, &minor))
      g_error ("the X server has no XTest extension");
  }

  g_test_add_func ("/fa/keyboard/play-from-map", test_play_from_map);
  g_test_add_func ("/fa/keyboard/step-from-sidebar", test_step_from_sidebar);
  g_test_add_func ("/fa/keyboard/open-event-from-strip", test_open_event_from_strip);
  g_test_add_func ("/fa/keyboard/table-selects", test_table_selects);

  status = g_test_run ();
  fa_test_rmtree (xdg);
  return status;
}
