/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-event-strip"

#include "config.h"

#include "fa-event-strip.h"

#include <glib/gi18n.h>
#include <math.h>

#include "fa-category.h"
#include "fa-dataset.h"
#include "fa-event.h"
#include "fa-month.h"

/* Layout, in logical pixels: a row of event ticks over the activity bars. */
#define STRIP_HEIGHT       32
#define TICK_CENTER_Y      11.0
#define TICK_RADIUS        4.5
#define TICK_HOVER_RADIUS  6.0
#define TICK_STACK_OFFSET  2.5
#define TICK_MAX_STACK     3
#define TICK_HIT_SLOP      7.0
#define BARS_TOP           17
/* The quietest month's bar, as a share of the bar height; see snapshot. */
#define BAR_FLOOR          0.2
#define HANDLE_HIT_SLOP    6.0
#define DRAG_THRESHOLD     4.0
#define MAX_MONTHS         (12 * 500)
#define MAX_TOOLTIP_EVENTS 6

typedef struct
{
  FaMonth month;
  guint   first;   /* index into events */
  guint   n;
} TickGroup;

typedef enum
{
  DRAG_NONE,
  DRAG_TICK,
  DRAG_MONTH,
  DRAG_WINDOW_START,
} DragTarget;

struct _FaEventStrip
{
  GtkWidget     parent_instance;

  FaDataset    *dataset;        /* owned */
  GtkRange     *align_range;    /* weak */
  FaMonth       first_month;
  FaMonth       last_month;
  FaMonth       month;
  FaMonth       window_start;

  /* Computed once per dataset, never per frame. */
  GArray       *counts;         /* guint per month, from first_month */
  GArray       *undated_counts; /* guint per month: of those, rows without a time */
  guint         min_count;
  guint         max_count;
  GPtrArray    *events;         /* FaEvent, owned, sorted by month */
  GArray       *groups;         /* TickGroup, sorted by month */

  int           hover_group;
  int           pressed_group;
  int           focus_group;    /* the tick the arrow keys are on, or -1 */
  DragTarget    drag_target;
  double        drag_start_x;
};

G_DEFINE_FINAL_TYPE (FaEventStrip, fa_event_strip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_MONTH,
  PROP_WINDOW_START,
  PROP_ALIGN_RANGE,
  N_PROPS
};

enum {
  EVENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
has_range (FaEventStrip *self)
{
  return self->counts != NULL && self->counts->len > 0;
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  FaEvent *ea = *(FaEvent **) a;
  FaEvent *eb = *(FaEvent **) b;
  FaMonth ma = fa_event_get_month (ea);
  FaMonth mb = fa_event_get_month (eb);

  if (ma != mb)
    return ma < mb ? -1 : 1;

  /* Within a month, precisely dated events come first: they are the ones
   * drawn on top and activated by a click. */
  return (int) fa_event_get_precision (eb) - (int) fa_event_get_precision (ea);
}

static void
rebuild_cache (FaEventStrip *self)
{
  GListModel *events;
  guint n_items;

  /* Another dataset: the keyboard starts again from the month shown. */
  self->focus_group = -1;

  g_clear_pointer (&self->counts, g_array_unref);
  g_clear_pointer (&self->undated_counts, g_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_array_unref);
  self->min_count = 0;
  self->max_count = 0;
  self->first_month = FA_MONTH_NONE;
  self->last_month = FA_MONTH_NONE;
  self->hover_group = -1;
  self->pressed_group = -1;

  if (self->dataset == NULL)
    return;

  self->first_month = fa_dataset_get_first_month (self->dataset);
  self->last_month = fa_dataset_get_last_month (self->dataset);
  if (!fa_month_is_valid (self->first_month) || !fa_month_is_valid (self->last_month) ||
      self->last_month < self->first_month)
    {
      self->first_month = FA_MONTH_NONE;
      self->last_month = FA_MONTH_NONE;
      return;
    }
  /* A malformed dataset must not make us allocate without bound. */
  self->last_month = MIN (self->last_month, self->first_month + MAX_MONTHS - 1);

  self->counts = g_array_sized_new (FALSE, TRUE, sizeof (guint),
                                    self->last_month - self->first_month + 1);
  self->undated_counts = g_array_sized_new (FALSE, TRUE, sizeof (guint),
                                            self->last_month - self->first_month + 1);
  g_array_set_size (self->counts, self->last_month - self->first_month + 1);
  g_array_set_size (self->undated_counts, self->last_month - self->first_month + 1);
  fa_dataset_count_active_months (self->dataset, self->first_month, self->last_month,
                                  (guint *) (gpointer) self->counts->data,
                                  (guint *) (gpointer) self->undated_counts->data);
  for (guint i = 0; i < self->counts->len; i++)
    {
      guint count = g_array_index (self->counts, guint, i);

      self->min_count = i == 0 ? count : MIN (self->min_count, count);
      self->max_count = MAX (self->max_count, count);
    }

  events = fa_dataset_get_events (self->dataset);
  n_items = g_list_model_get_n_items (events);
  self->events = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(FaEvent) event = g_list_model_get_item (events, i);
      FaMonth month = fa_event_get_month (event);

      if (month >= self->first_month && month <= self->last_month)
        g_ptr_array_add (self->events, g_steal_pointer (&event));
    }
  g_ptr_array_sort (self->events, compare_events);

  self->groups = g_array_new (FALSE, FALSE, sizeof (TickGroup));
  for (guint i = 0; i < self->events->len; i++)
    {
      FaMonth month = fa_event_get_month (g_ptr_array_index (self->events, i));
      TickGroup *last = self->groups->len > 0
                        ? &g_array_index (self->groups, TickGroup, self->groups->len - 1)
                        : NULL;

      if (last != NULL && last->month == month)
        {
          last->n++;
        }
      else
        {
          TickGroup group = { month, i, 1 };

          g_array_append_val (self->groups, group);
        }
    }
}

/* The scale's trough and slider are internal children; GtkRange has no
 * public API for where a value is drawn, so we find them by CSS name.
 * Without them the strip simply spreads the months over its own width. */
static GtkWidget *
find_child_by_css_name (GtkWidget  *parent,
                        const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (parent);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (gtk_widget_get_css_name (child), name) == 0)
        return child;
    }

  return NULL;
}

/* The x of the centre of the first and of the last month. */
static void
get_axis (FaEventStrip *self,
          double       *x_first,
          double       *x_last)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double width = gtk_widget_get_width (widget);
  guint n = has_range (self) ? self->counts->len : 1;
  gboolean flip = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  double a, b;

  a = width / n / 2.0;
  b = width - a;

  if (self->align_range != NULL)
    {
      GtkWidget *trough = find_child_by_css_name (GTK_WIDGET (self->align_range), "trough");
      GtkWidget *slider = trough != NULL ? find_child_by_css_name (trough, "slider") : NULL;
      graphene_rect_t bounds;

      if (trough != NULL && gtk_widget_compute_bounds (trough, widget, &bounds))
        {
          int slider_width = 0;

          /* The slider's centre travels from half its width inside the
           * trough's start to half its width inside its end. */
          if (slider != NULL)
            gtk_widget_measure (slider, GTK_ORIENTATION_HORIZONTAL, -1,
                                &slider_width, NULL, NULL, NULL);
          a = bounds.origin.x + slider_width / 2.0;
          b = bounds.origin.x + bounds.size.width - slider_width / 2.0;
          flip = gtk_range_get_inverted (self->align_range) !=
                 (gtk_widget_get_direction (GTK_WIDGET (self->align_range)) == GTK_TEXT_DIR_RTL);
        }
    }

  *x_first = flip ? b : a;
  *x_last = flip ? a : b;
}

static double
month_to_x (FaEventStrip *self,
            double        month)
{
  double x_first, x_last;
  guint n;

  get_axis (self, &x_first, &x_last);
  if (!has_range (self) || self->counts->len < 2)
    return (x_first + x_last) / 2.0;

  n = self->counts->len;
  return x_first + (month - self->first_month) * (x_last - x_first) / (n - 1);
}

static double
get_month_width (FaEventStrip *self)
{
  double x_first, x_last;

  get_axis (self, &x_first, &x_last);
  if (!has_range (self) || self->counts->len < 2)
    return MAX (1.0, fabs (x_last - x_first));

  return fabs (x_last - x_first) / (self->counts->len - 1);
}

static FaMonth
month_at_x (FaEventStrip *self,
            double        x)
{
  double x_first, x_last, t;
  guint n;

  if (!has_range (self))
    return FA_MONTH_NONE;

  n = self->counts->len;
  get_axis (self, &x_first, &x_last);
  if (n < 2 || x_first == x_last)
    return self->first_month;

  t = (x - x_first) / (x_last - x_first) * (n - 1);
  return self->first_month + (FaMonth) CLAMP (round (t), 0, n - 1);
}

static double
get_tick_radius (FaEventStrip *self,
                 int           group)
{
  return group == self->hover_group ? TICK_HOVER_RADIUS : TICK_RADIUS;
}

/* The tick group under (x, y), or -1; the nearest one wins. */
static int
group_at (FaEventStrip *self,
          double        x,
          double        y)
{
  double best = TICK_HIT_SLOP;
  int found = -1;

  if (self->groups == NULL || y > BARS_TOP)
    return -1;

  for (guint i = 0; i < self->groups->len; i++)
    {
      const TickGroup *group = &g_array_index (self->groups, TickGroup, i);
      double d = fabs (month_to_x (self, group->month) - x);

      if (d <= best)
        {
          best = d;
          found = i;
        }
    }

  return found;
}

static double
get_window_handle_x (FaEventStrip *self)
{
  double half = get_month_width (self) / 2.0;
  double x = month_to_x (self, self->window_start);

  return gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? x + half : x - half;
}

static gboolean
is_near_window_handle (FaEventStrip *self,
                       double        x)
{
  if (self->window_start == FA_MONTH_NONE || !has_range (self))
    return FALSE;

  return fabs (x - get_window_handle_x (self)) <= HANDLE_HIT_SLOP;
}

static void
set_hover_group (FaEventStrip *self,
                 int           group)
{
  if (self->hover_group == group)
    return;

  self->hover_group = group;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rgba_from_hex (GdkRGBA *rgba,
               guint32  color)
{
  rgba->red = ((color >> 16) & 0xff) / 255.0f;
  rgba->green = ((color >> 8) & 0xff) / 255.0f;
  rgba->blue = (color & 0xff) / 255.0f;
  rgba->alpha = 1.0f;
}

static void
get_colors (FaEventStrip *self,
            GdkRGBA      *fg,
            GdkRGBA      *accent,
            GdkRGBA      *bg)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", accent))
    gdk_rgba_parse (accent, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "window_bg_color", bg))
    gdk_rgba_parse (bg, "#fafafa");
}

static GdkRGBA
with_alpha (const GdkRGBA *rgba,
            float          alpha)
{
  GdkRGBA copy = *rgba;

  copy.alpha *= alpha;
  return copy;
}

static void
draw_diamond (cairo_t       *cr,
              double         x,
              double         y,
              double         r,
              const GdkRGBA *color,
              const GdkRGBA *bg,
              gboolean       hollow)
{
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);

  /* A halo in the background colour keeps stacked ticks apart. */
  gdk_cairo_set_source_rgba (cr, bg);
  cairo_set_line_width (cr, 3.0);
  cairo_stroke_preserve (cr);

  if (hollow)
    {
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, color);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  else
    {
      gdk_cairo_set_source_rgba (cr, color);
      cairo_fill (cr);
    }
}

static void
draw_ticks (FaEventStrip  *self,
            GtkSnapshot   *snapshot,
            const GdkRGBA *accent,
            const GdkRGBA *bg)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  cairo_t *cr;

  if (self->groups == NULL || self->groups->len == 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, BARS_TOP));
  for (guint i = 0; i < self->groups->len; i++)
    {
      const TickGroup *group = &g_array_index (self->groups, TickGroup, i);
      double x = month_to_x (self, group->month);
      double r = get_tick_radius (self, i);
      guint n = MIN (group->n, TICK_MAX_STACK);

      /* Several events in one month are drawn as a little stack, the
       * first (most precise) one on top. */
      for (guint k = n; k-- > 0;)
        {
          FaEvent *event = g_ptr_array_index (self->events, group->first + k);
          FaCategory *category = fa_event_get_category (event);
          GdkRGBA color = *accent;

          if (category != NULL)
            rgba_from_hex (&color, fa_category_get_color (category));
          draw_diamond (cr, x, TICK_CENTER_Y - k * TICK_STACK_OFFSET, r, &color, bg,
                        fa_event_get_precision (event) == FA_MONTH_PRECISION_YEAR);
        }
    }
  cairo_destroy (cr);
}

/* Undated flows are active in every month, so absolute counts would
 * draw a flat block.  Like a sparkline, the bars span the quietest to the
 * busiest month (from 0 if some month has none), so change stands out;
 * tooltips give the numbers. */
static double
get_bar_fraction (FaEventStrip *self,
                  guint         count)
{
  if (count == 0 || self->max_count == 0)
    return 0.0;
  if (self->min_count == 0)
    return (double) count / self->max_count;
  if (self->max_count == self->min_count)
    return 1.0;

  return BAR_FLOOR + (1.0 - BAR_FLOOR) * (count - self->min_count) / (self->max_count - self->min_count);
}

static void
fa_event_strip_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  FaEventStrip *self = FA_EVENT_STRIP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg, accent, bg, bar, bar_in_window, shade, baseline;
  double month_w, bar_w, bars_h;
  gboolean in_window;

  if (!has_range (self) || width <= 0)
    return;

  get_colors (self, &fg, &accent, &bg);
  bar = with_alpha (&fg, 0.2f);
  bar_in_window = with_alpha (&accent, 0.5f);
  shade = with_alpha (&accent, 0.1f);
  baseline = with_alpha (&fg, 0.15f);

  month_w = get_month_width (self);
  bar_w = month_w > 3.0 ? MAX (1.0, month_w - 1.0) : MAX (1.0, month_w);
  bars_h = height - BARS_TOP;
  in_window = self->window_start != FA_MONTH_NONE;

  if (in_window)
    {
      double x1 = month_to_x (self, self->window_start);
      double x2 = month_to_x (self, self->month);

      gtk_snapshot_append_color (snapshot, &shade,
                                 &GRAPHENE_RECT_INIT (MIN (x1, x2) - month_w / 2.0, 0,
                                                      fabs (x2 - x1) + month_w, height));
    }

  gtk_snapshot_append_color (snapshot, &baseline,
                             &GRAPHENE_RECT_INIT (month_to_x (self, self->first_month) - month_w / 2.0,
                                                  height - 1,
                                                  month_w * self->counts->len, 1));

  for (guint i = 0; i < self->counts->len; i++)
    {
      FaMonth m = self->first_month + i;
      guint count = g_array_index (self->counts, guint, i);
      const GdkRGBA *color = &bar;
      double h;

      if (count == 0 && m != self->month)
        continue;

      h = round (bars_h * get_bar_fraction (self, count));
      if (m == self->month)
        {
          color = &accent;
          h = MAX (h, 3.0);
        }
      else if (in_window && m >= MIN (self->window_start, self->month) && m <= self->month)
        {
          color = &bar_in_window;
        }
      h = MAX (h, 1.0);

      /* Dated rows solid; on top, lighter, the rows shown for the
       * reporting period because the source gives them no time. */
      {
        guint undated = g_array_index (self->undated_counts, guint, i);
        double uh = count > 0 ? round (h * undated / count) : 0;
        double x = month_to_x (self, m) - bar_w / 2.0;

        if (uh > 0)
          {
            GdkRGBA light = with_alpha (color, color->alpha * 0.5f);

            gtk_snapshot_append_color (snapshot, &light, &GRAPHENE_RECT_INIT (x, height - h, bar_w, uh));
          }
        if (h - uh > 0)
          gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, height - h + uh, bar_w, h - uh));
      }
    }

  if (in_window)
    {
      double x = get_window_handle_x (self);

      gtk_snapshot_append_color (snapshot, &accent, &GRAPHENE_RECT_INIT (x - 1, 0, 2, height));
      gtk_snapshot_append_color (snapshot, &accent,
                                 &GRAPHENE_RECT_INIT (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? x - 5 : x - 1,
                                                      0, 6, 2));
    }

  draw_ticks (self, snapshot, &accent, &bg);

  /* The tick the keyboard is on, ringed as GTK rings focus. */
  if (gtk_widget_has_visible_focus (widget) && self->groups != NULL &&
      self->focus_group >= 0 && (guint) self->focus_group < self->groups->len)
    {
      const TickGroup *group = &g_array_index (self->groups, TickGroup, self->focus_group);
      double x = month_to_x (self, group->month);
      GskRoundedRect ring;
      const GdkRGBA colors[4] = { accent, accent, accent, accent };
      const float widths[4] = { 2, 2, 2, 2 };

      gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (x - 8, TICK_CENTER_Y - 8, 16, 16), 8);
      gtk_snapshot_append_border (snapshot, &ring, widths, colors);
    }
}

/* What the focused tick is, for a screen reader and the tooltip's
 * keyboard users: its month and its events' titles. */
static void
update_focus_description (FaEventStrip *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->groups != NULL && self->focus_group >= 0 && (guint) self->focus_group < self->groups->len)
    {
      const TickGroup *group = &g_array_index (self->groups, TickGroup, self->focus_group);

      for (guint i = 0; i < group->n; i++)
        {
          FaEvent *event = g_ptr_array_index (self->events, group->first + i);
          g_autofree char *date = fa_month_format_date (fa_event_get_month (event), fa_event_get_precision (event),
                                                        fa_event_get_day (event));

          if (text->len > 0)
            g_string_append (text, "; ");
          /* translators: an event on the timeline: 1: its date, 2: its title */
          g_string_append_printf (text, _("%s: %s"), date, fa_event_get_title (event));
        }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

/* Left and Right move between events (and show their month), Home and
 * End go to the first and last, Enter opens the event. */
static gboolean
on_key_pressed_cb (FaEventStrip          *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        modifiers,
                   GtkEventControllerKey *controller)
{
  int n = self->groups != NULL ? (int) self->groups->len : 0;
  int target = self->focus_group;
  const TickGroup *group;

  if (n == 0 || (modifiers & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)))
    return FALSE;
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    keyval = keyval == GDK_KEY_Left ? GDK_KEY_Right : keyval == GDK_KEY_Right ? GDK_KEY_Left : keyval;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      target = target < 0 ? n - 1 : MAX (target - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      target = target < 0 ? 0 : MIN (target + 1, n - 1);
      break;
    case GDK_KEY_Home:
      target = 0;
      break;
    case GDK_KEY_End:
      target = n - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (target < 0 || target >= n)
        return FALSE;
      group = &g_array_index (self->groups, TickGroup, target);
      {
        g_autoptr(FaEvent) event = g_object_ref (g_ptr_array_index (self->events, group->first));

        g_signal_emit (self, signals[EVENT_ACTIVATED], 0, event);
      }
      return TRUE;
    default:
      return FALSE;
    }

  self->focus_group = target;
  group = &g_array_index (self->groups, TickGroup, target);
  fa_event_strip_set_month (self, group->month);
  update_focus_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/* Focus lands on the event nearest the month shown. */
static void
on_focus_enter_cb (FaEventStrip            *self,
                   GtkEventControllerFocus *controller)
{
  int best = -1;

  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    {
      const TickGroup *group = &g_array_index (self->groups, TickGroup, i);

      if (best < 0 || ABS (group->month - self->month) <
                      ABS (g_array_index (self->groups, TickGroup, best).month - self->month))
        best = (int) i;
    }
  if (self->focus_group < 0 || self->groups == NULL || (guint) self->focus_group >= self->groups->len)
    self->focus_group = best;
  update_focus_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_leave_cb (FaEventStrip            *self,
                   GtkEventControllerFocus *controller)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
fa_event_strip_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 480;
    }
  else
    {
      *minimum = STRIP_HEIGHT;
      *natural = STRIP_HEIGHT;
    }
}

static char *
describe_group (FaEventStrip    *self,
                const TickGroup *group)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint k = 0; k < group->n && k < MAX_TOOLTIP_EVENTS; k++)
    {
      FaEvent *event = g_ptr_array_index (self->events, group->first + k);
      g_autofree char *date = fa_month_format_date (fa_event_get_month (event),
                                                    fa_event_get_precision (event),
                                                    fa_event_get_day (event));
      g_autofree char *date_markup = g_markup_escape_text (date, -1);
      g_autofree char *title_markup = g_markup_escape_text (fa_event_get_title (event), -1);

      if (k > 0)
        g_string_append_c (text, '\n');
      /* translators: an event in a tooltip: 1: its date, 2: its title */
      g_string_append_printf (text, _("<b>%s</b> — %s"), date_markup, title_markup);
    }

  if (group->n > MAX_TOOLTIP_EVENTS)
    {
      guint more = group->n - MAX_TOOLTIP_EVENTS;

      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "and %u more event",
                                                 "and %u more events", more),
                              more);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
fa_event_strip_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  FaEventStrip *self = FA_EVENT_STRIP (widget);
  g_autofree char *month_text = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *text = NULL;
  double month_w;
  FaMonth month;
  guint count, undated;
  int group;

  if (keyboard_mode || !has_range (self))
    return FALSE;

  month_w = get_month_width (self);
  group = group_at (self, x, y);
  if (group >= 0)
    {
      const TickGroup *g = &g_array_index (self->groups, TickGroup, group);
      double gx = month_to_x (self, g->month);

      text = describe_group (self, g);
      gtk_tooltip_set_markup (tooltip, text);
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { gx - TICK_HIT_SLOP, 0, 2 * TICK_HIT_SLOP, BARS_TOP });
      return TRUE;
    }

  month = month_at_x (self, x);
  /* No month under the pointer while a dataset is being replaced. */
  if (!fa_month_is_valid (month) || fabs (month_to_x (self, month) - x) > MAX (month_w, 2.0))
    return FALSE;

  count = fa_event_strip_get_count (self, month);
  month_text = fa_month_format (month);
  undated = fa_event_strip_get_undated_count (self, month);
  if (undated == 0)
    count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u flow active",
                                               "%u flows active", count),
                                  count);
  else
    {
      g_autofree char *dated_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dated flow active",
                                                                  "%u dated flows active", count - undated),
                                                     count - undated);
      g_autofree char *undated_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                    "%u without a time in the source, shown for the report’s period",
                                                                    "%u without a time in the source, shown for the report’s period",
                                                                    undated),
                                                       undated);

      count_text = g_strconcat (dated_text, "\n", undated_text, NULL);
    }
  text = g_strconcat (month_text, "\n", count_text, NULL);
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip,
                            &(GdkRectangle) { floor (month_to_x (self, month) - month_w / 2.0), 0,
                                              MAX (1, ceil (month_w)), gtk_widget_get_height (widget) });
  return TRUE;
}

static void
set_window_start_from_user (FaEventStrip *self,
                            FaMonth       month)
{
  fa_event_strip_set_window_start (self, MIN (month, self->month));
}

static void
on_drag_begin_cb (FaEventStrip   *self,
                  double          start_x,
                  double          start_y,
                  GtkGestureDrag *gesture)
{
  g_assert (FA_IS_EVENT_STRIP (self));

  if (!has_range (self))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->drag_start_x = start_x;
  self->pressed_group = group_at (self, start_x, start_y);
  if (self->pressed_group >= 0)
    {
      self->drag_target = DRAG_TICK;
    }
  else if (is_near_window_handle (self, start_x))
    {
      self->drag_target = DRAG_WINDOW_START;
    }
  else
    {
      self->drag_target = DRAG_MONTH;
      fa_event_strip_set_month (self, month_at_x (self, start_x));
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_drag_update_cb (FaEventStrip   *self,
                   double          offset_x,
                   double          offset_y,
                   GtkGestureDrag *gesture)
{
  double x = self->drag_start_x + offset_x;

  g_assert (FA_IS_EVENT_STRIP (self));

  /* A press on a tick that moves away becomes an ordinary scrub. */
  if (self->drag_target == DRAG_TICK && fabs (offset_x) >= DRAG_THRESHOLD)
    self->drag_target = DRAG_MONTH;

  switch (self->drag_target)
    {
    case DRAG_MONTH:
      fa_event_strip_set_month (self, month_at_x (self, x));
      break;

    case DRAG_WINDOW_START:
      set_window_start_from_user (self, month_at_x (self, x));
      break;

    case DRAG_TICK:
    case DRAG_NONE:
    default:
      break;
    }
}

static void
on_drag_end_cb (FaEventStrip   *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  g_assert (FA_IS_EVENT_STRIP (self));

  if (self->drag_target == DRAG_TICK && self->groups != NULL &&
      self->pressed_group >= 0 && (guint) self->pressed_group < self->groups->len)
    {
      const TickGroup *group = &g_array_index (self->groups, TickGroup, self->pressed_group);
      g_autoptr(FaEvent) event = g_object_ref (g_ptr_array_index (self->events, group->first));

      fa_event_strip_set_month (self, fa_event_get_month (event));
      g_signal_emit (self, signals[EVENT_ACTIVATED], 0, event);
    }

  self->drag_target = DRAG_NONE;
  self->pressed_group = -1;
}

static void
update_pointer (FaEventStrip *self,
                double        x,
                double        y)
{
  int group = group_at (self, x, y);
  const char *cursor = NULL;

  set_hover_group (self, group);
  if (group >= 0)
    cursor = "pointer";
  else if (is_near_window_handle (self, x))
    cursor = "ew-resize";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
}

static void
on_motion_cb (FaEventStrip             *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  g_assert (FA_IS_EVENT_STRIP (self));

  update_pointer (self, x, y);
}

static void
on_leave_cb (FaEventStrip             *self,
             GtkEventControllerMotion *controller)
{
  g_assert (FA_IS_EVENT_STRIP (self));

  set_hover_group (self, -1);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
}

static void
fa_event_strip_dispose (GObject *object)
{
  FaEventStrip *self = FA_EVENT_STRIP (object);

  g_clear_weak_pointer (&self->align_range);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->events, g_ptr_array_unref);

  G_OBJECT_CLASS (fa_event_strip_parent_class)->dispose (object);
}

static void
fa_event_strip_finalize (GObject *object)
{
  FaEventStrip *self = FA_EVENT_STRIP (object);

  g_clear_pointer (&self->counts, g_array_unref);
  g_clear_pointer (&self->undated_counts, g_array_unref);
  g_clear_pointer (&self->groups, g_array_unref);

  G_OBJECT_CLASS (fa_event_strip_parent_class)->finalize (object);
}

static void
fa_event_strip_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FaEventStrip *self = FA_EVENT_STRIP (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, fa_event_strip_get_dataset (self));
      break;

    case PROP_MONTH:
      g_value_set_int (value, fa_event_strip_get_month (self));
      break;

    case PROP_WINDOW_START:
      g_value_set_int (value, fa_event_strip_get_window_start (self));
      break;

    case PROP_ALIGN_RANGE:
      g_value_set_object (value, fa_event_strip_get_align_range (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_event_strip_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FaEventStrip *self = FA_EVENT_STRIP (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      fa_event_strip_set_dataset (self, g_value_get_object (value));
      break;

    case PROP_MONTH:
      fa_event_strip_set_month (self, g_value_get_int (value));
      break;

    case PROP_WINDOW_START:
      fa_event_strip_set_window_start (self, g_value_get_int (value));
      break;

    case PROP_ALIGN_RANGE:
      fa_event_strip_set_align_range (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_event_strip_class_init (FaEventStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fa_event_strip_dispose;
  object_class->finalize = fa_event_strip_finalize;
  object_class->get_property = fa_event_strip_get_property;
  object_class->set_property = fa_event_strip_set_property;

  widget_class->snapshot = fa_event_strip_snapshot;
  widget_class->measure = fa_event_strip_measure;
  widget_class->query_tooltip = fa_event_strip_query_tooltip;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         FA_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* %FA_MONTH_NONE without a dataset. */
  properties[PROP_MONTH] =
    g_param_spec_int ("month", NULL, NULL,
                      G_MININT32, FA_MONTH_MAX, FA_MONTH_NONE,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The start of the shaded window, which ends at :month; %FA_MONTH_NONE
   * shows no window. */
  properties[PROP_WINDOW_START] =
    g_param_spec_int ("window-start", NULL, NULL,
                      G_MININT32, FA_MONTH_MAX, FA_MONTH_NONE,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The range whose trough the months line up with. */
  properties[PROP_ALIGN_RANGE] =
    g_param_spec_object ("align-range", NULL, NULL,
                         GTK_TYPE_RANGE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FaEventStrip::event-activated:
   * @self: the strip
   * @event: the event whose tick was clicked
   *
   * Emitted after a click on an event tick has moved :month to the event.
   */
  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FA_TYPE_EVENT);

  gtk_widget_class_set_css_name (widget_class, "eventstrip");
  /* A row of events to move through, not a picture. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
fa_event_strip_init (FaEventStrip *self)
{
  GtkGesture *drag;
  GtkEventController *motion;

  self->first_month = FA_MONTH_NONE;
  self->last_month = FA_MONTH_NONE;
  self->month = FA_MONTH_NONE;
  self->window_start = FA_MONTH_NONE;
  self->hover_group = -1;
  self->pressed_group = -1;
  self->focus_group = -1;

  /* Reachable by Tab: its events are read and opened from the keyboard. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), FALSE);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
    g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_enter_cb), self);
    g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), focus);
  }

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Active flows and events per month"),
                                  -1);
}

GtkWidget *
fa_event_strip_new (void)
{
  return g_object_new (FA_TYPE_EVENT_STRIP, NULL);
}

/**
 * fa_event_strip_get_dataset:
 *
 * Returns: (transfer none) (nullable): the dataset shown
 */
FaDataset *
fa_event_strip_get_dataset (FaEventStrip *self)
{
  g_return_val_if_fail (FA_IS_EVENT_STRIP (self), NULL);

  return self->dataset;
}

/**
 * fa_event_strip_set_dataset:
 * @dataset: (nullable): a dataset
 *
 * Counts the active flows of every month once, and keeps :month inside
 * the dataset's months.
 */
void
fa_event_strip_set_dataset (FaEventStrip *self,
                            FaDataset    *dataset)
{
  FaMonth month;

  g_return_if_fail (FA_IS_EVENT_STRIP (self));
  g_return_if_fail (dataset == NULL || FA_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;

  rebuild_cache (self);

  month = self->month;
  if (!has_range (self))
    month = FA_MONTH_NONE;
  else if (month == FA_MONTH_NONE)
    month = self->last_month;
  else
    month = CLAMP (month, self->first_month, self->last_month);
  if (month != self->month)
    {
      self->month = month;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
    }
  if (self->window_start != FA_MONTH_NONE)
    fa_event_strip_set_window_start (self, has_range (self) ? self->window_start : FA_MONTH_NONE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

FaMonth
fa_event_strip_get_month (FaEventStrip *self)
{
  g_return_val_if_fail (FA_IS_EVENT_STRIP (self), FA_MONTH_NONE);

  return self->month;
}

/**
 * fa_event_strip_set_month:
 * @month: the month to highlight, clamped to the dataset's months
 *
 * Does nothing without a dataset.
 */
void
fa_event_strip_set_month (FaEventStrip *self,
                          FaMonth       month)
{
  g_return_if_fail (FA_IS_EVENT_STRIP (self));

  if (!has_range (self))
    return;

  month = CLAMP (month, self->first_month, self->last_month);
  if (self->month == month)
    return;

  self->month = month;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

FaMonth
fa_event_strip_get_window_start (FaEventStrip *self)
{
  g_return_val_if_fail (FA_IS_EVENT_STRIP (self), FA_MONTH_NONE);

  return self->window_start;
}

/**
 * fa_event_strip_set_window_start:
 * @month: the first month of the shaded window, or %FA_MONTH_NONE for none
 *
 * A month is clamped to the dataset's months.
 */
void
fa_event_strip_set_window_start (FaEventStrip *self,
                                 FaMonth       month)
{
  g_return_if_fail (FA_IS_EVENT_STRIP (self));

  if (month != FA_MONTH_NONE)
    {
      if (!has_range (self))
        return;
      month = CLAMP (month, self->first_month, self->last_month);
    }
  if (self->window_start == month)
    return;

  self->window_start = month;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW_START]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fa_event_strip_get_align_range:
 *
 * Returns: (transfer none) (nullable): the range the months line up with
 */
GtkRange *
fa_event_strip_get_align_range (FaEventStrip *self)
{
  g_return_val_if_fail (FA_IS_EVENT_STRIP (self), NULL);

  return self->align_range;
}

/**
 * fa_event_strip_set_align_range:
 * @range: (nullable): a horizontal range over the same months, laid out
 *   at the same width, or %NULL to spread the months over the strip
 *
 * Draws each month right above where @range puts its slider for it.
 * The strip holds only a weak reference.
 */
void
fa_event_strip_set_align_range (FaEventStrip *self,
                                GtkRange     *range)
{
  g_return_if_fail (FA_IS_EVENT_STRIP (self));
  g_return_if_fail (range == NULL || GTK_IS_RANGE (range));

  if (!g_set_weak_pointer (&self->align_range, range))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALIGN_RANGE]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fa_event_strip_get_count:
 * @month: a month
 *
 * Returns: the cached number of flows active in @month; 0 outside the
 *   dataset's months
 */
/**
 * fa_event_strip_get_undated_count:
 * @month: a month
 *
 * Returns: how many of the flows counted in @month have no time in the
 *   source and show for the reporting period
 */
guint
fa_event_strip_get_undated_count (FaEventStrip *self,
                                  FaMonth       month)
{
  g_return_val_if_fail (FA_IS_EVENT_STRIP (self), 0);

  if (!has_range (self) || month < self->first_month || month > self->last_month)
    return 0;

  return g_array_index (self->undated_counts, guint, month - self->first_month);
}

guint
fa_event_strip_get_count (FaEventStrip *self,
                          FaMonth       month)
{
  g_return_val_if_fail (FA_IS_EVENT_STRIP (self), 0);

  if (!has_range (self) || month < self->first_month || month > self->last_month)
    return 0;

  return g_array_index (self->counts, guint, month - self->first_month);
}

guint
fa_event_strip_get_max_count (FaEventStrip *self)
{
  g_return_val_if_fail (FA_IS_EVENT_STRIP (self), 0);

  return self->max_count;
}

/**
 * fa_event_strip_month_to_x:
 * @month: a month
 *
 * Returns: the x of the centre of @month's bar, in the strip's coordinates
 */
double
fa_event_strip_month_to_x (FaEventStrip *self,
                           FaMonth       month)
{
  g_return_val_if_fail (FA_IS_EVENT_STRIP (self), 0.0);

  return month_to_x (self, month);
}

/**
 * fa_event_strip_month_at_x:
 * @x: an x in the strip's coordinates
 *
 * Returns: the nearest month to @x, or %FA_MONTH_NONE without a dataset
 */
FaMonth
fa_event_strip_month_at_x (FaEventStrip *self,
                           double        x)
{
  g_return_val_if_fail (FA_IS_EVENT_STRIP (self), FA_MONTH_NONE);

  return month_at_x (self, x);
}
