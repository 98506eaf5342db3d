/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-details-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fa-details-pane.h"
#include "fa-map-state.h"

#include "fa-category.h"
#include "fa-dataset.h"
#include "fa-event.h"
#include "fa-flow.h"
#include "fa-month.h"
#include "fa-place.h"

/* The pane puts the source first: the magnitude in the source's words,
 * the verbatim quote and where it is in the document.  Numbers we derive
 * from the words are shown beside them, never instead of them. */
struct _FaDetailsPane
{
  GtkWidget          parent_instance;

  GObject           *item;      /* owned: FaFlow, FaEvent or FaPlace */
  FaDataset         *dataset;   /* owned */
  GBindingGroup     *state_bindings;  /* owned: the state's selection and dataset */
  guint32            swatch_rgb;
  gboolean           has_swatch;
  GPtrArray         *row_headings;  /* owned: what the pane shows, for Copy as Table Row */
  GPtrArray         *row_values;    /* owned: the same, their values */
  char              *quote;         /* owned, nullable: the quotation shown */
  char              *citation;      /* owned, nullable: its document and place in it */

  /* Template widgets */
  GtkLabel          *kind_label;
  GtkStack          *stack;
  GtkScrolledWindow *scrolled_window;
  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkWidget         *category_box;
  GtkDrawingArea    *category_swatch;
  GtkLabel          *category_label;
  GtkLabel          *category_description_label;
  GtkLabel          *description_label;
  GtkWidget         *combined_box;
  GtkBox            *facts_box;
  GtkWidget         *quote_box;
  GtkLabel          *quote_label;
  GtkWidget         *quote_language_label;
  GtkLabel          *source_label;
  GtkWidget         *note_box;
  GtkLabel          *note_label;
};

G_DEFINE_FINAL_TYPE (FaDetailsPane, fa_details_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_DATASET,
  PROP_STATE,
  N_PROPS
};

enum {
  CLOSE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* Sets a label's text and hides the label when there is none. */
static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), !is_empty (text));
}

/* One cell of the table row that Copy as Table Row gives: a value with
 * its heading, on one line. */
static void
add_cell (FaDetailsPane *self,
          const char    *heading,
          const char    *value)
{
  g_autofree char *line = NULL;

  if (is_empty (value))
    return;
  line = g_strdup (value);
  g_strdelimit (line, "\t\r\n", ' ');
  g_ptr_array_add (self->row_headings, g_strdup (heading));
  g_ptr_array_add (self->row_values, g_steal_pointer (&line));
}

static void
set_note (FaDetailsPane *self,
          const char    *note)
{
  gtk_label_set_text (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (self->note_box, !is_empty (note));
  add_cell (self, _("Dataset Note"), note);
}

static void
clear_facts (FaDetailsPane *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->row_headings, 0);
  g_ptr_array_set_size (self->row_values, 0);
  g_clear_pointer (&self->quote, g_free);
  g_clear_pointer (&self->citation, g_free);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts_box))) != NULL)
    gtk_box_remove (self->facts_box, child);
}

/* A fact is a small heading over its value, and an optional dim line that
 * qualifies the value. */
static void
add_fact (FaDetailsPane *self,
          const char    *heading,
          const char    *value,
          const char    *secondary,
          gboolean       bold)
{
  GtkWidget *box, *label;

  add_cell (self, heading, value);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (bold)
    gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  if (!is_empty (secondary))
    {
      label = gtk_label_new (secondary);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_box_append (self->facts_box, box);
}

static void
set_category (FaDetailsPane *self,
              FaCategory    *category)
{
  gtk_widget_set_visible (self->category_box, category != NULL);
  self->has_swatch = category != NULL;
  if (category == NULL)
    return;

  add_cell (self, _("Category"), fa_category_get_label (category));
  self->swatch_rgb = fa_category_get_color (category);
  gtk_widget_queue_draw (GTK_WIDGET (self->category_swatch));
  set_label (self->category_label, fa_category_get_label (category));
  set_label (self->category_description_label, fa_category_get_description (category));
}

static void
set_source (FaDetailsPane *self,
            const char    *quote,
            const char    *location)
{
  g_autofree char *source = NULL;
  const char *document = self->dataset != NULL ? fa_dataset_get_title (self->dataset) : NULL;

  gtk_widget_set_visible (self->quote_box, !is_empty (quote) || !is_empty (location));
  set_label (self->quote_label, quote);
  /* Quotations stay verbatim: in a translated interface, say so.  The
   * English interface is the one where the note is its own msgid. */
  {
    const char *note = "Quoted in English, as in the source";

    gtk_widget_set_visible (self->quote_language_label,
                            !is_empty (quote) && g_strcmp0 (gettext (note), note) != 0);
  }

  if (!is_empty (location) && !is_empty (document))
    {
      /* translators: 1: a document, 2: where in it, such as "Prosecution, para. 3" */
      source = g_strdup_printf (_("Source: %s, %s"), document, location);
      /* translators: a citation: 1: a document's title, 2: where in it, such as "Prosecution, para. 3" */
      self->citation = g_strdup_printf (_("%s, %s"), document, location);
    }
  else if (!is_empty (location))
    {
      /* translators: %s is where in the source document, such as "Prosecution, para. 3" */
      source = g_strdup_printf (_("Source: %s"), location);
      self->citation = g_strdup (location);
    }
  set_label (self->source_label, source);
  self->quote = is_empty (quote) ? NULL : g_strdup (quote);
  add_cell (self, _("In the Source’s Words"), quote);
  add_cell (self, _("Source"), self->citation);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.copy-quote", self->quote != NULL);
}

/**
 * fa_details_pane_dup_quote:
 * @self: a #FaDetailsPane
 *
 * The quotation shown, verbatim, with the document it is from and where
 * in it, as Copy Quote with Citation puts it on the clipboard.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL without a quote
 */
char *
fa_details_pane_dup_quote (FaDetailsPane *self)
{
  g_return_val_if_fail (FA_IS_DETAILS_PANE (self), NULL);

  if (self->quote == NULL)
    return NULL;
  if (self->citation == NULL)
    /* translators: a verbatim quotation copied without a citation */
    return g_strdup_printf (_("“%s”"), self->quote);
  /* translators: a quotation copied with its citation: 1: the verbatim
   * quote, 2: its document and where in it; the dash introduces the source */
  return g_strdup_printf (_("“%s”\n— %s"), self->quote, self->citation);
}

/**
 * fa_details_pane_dup_row:
 * @self: a #FaDetailsPane
 *
 * What the pane shows as a table row a spreadsheet pastes into columns:
 * a line of headings and a line of values, separated by tabs.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with nothing shown
 */
char *
fa_details_pane_dup_row (FaDetailsPane *self)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (FA_IS_DETAILS_PANE (self), NULL);

  if (self->row_values->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *cells = pass == 0 ? self->row_headings : self->row_values;

      for (guint i = 0; i < cells->len; i++)
        {
          if (i > 0)
            g_string_append_c (text, '\t');
          g_string_append (text, g_ptr_array_index (cells, i));
        }
      g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
copy_text (FaDetailsPane *self,
           char          *text)
{
  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  g_free (text);
}

static void
copy_quote_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  copy_text (FA_DETAILS_PANE (widget), fa_details_pane_dup_quote (FA_DETAILS_PANE (widget)));
}

static void
copy_row_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  copy_text (FA_DETAILS_PANE (widget), fa_details_pane_dup_row (FA_DETAILS_PANE (widget)));
}

static char *
format_count (gint64 n)
{
  /* Grouped as the language writes it: "20,000", "20.000". */
  return fa_count_format (n);
}

/* The numbers behind a magnitude: "20,000 – 99,999", "at least 200",
 * "approximately 20,000"; NULL when the source gives none. */
static char *
describe_count (FaFlow *flow)
{
  gint64 count = fa_flow_get_count (flow);
  gint64 low = fa_flow_get_count_low (flow);
  gint64 high = fa_flow_get_count_high (flow);
  const char *words = fa_flow_get_magnitude (flow);

  if (count >= 0)
    {
      g_autofree char *n = format_count (count);

      if (words != NULL && (strstr (words, "approximately") != NULL || strstr (words, "about") != NULL))
        /* translators: %s is a number such as "20,000" */
        return g_strdup_printf (_("approximately %s"), n);
      return g_steal_pointer (&n);
    }

  if (low >= 0 && high >= 0)
    {
      g_autofree char *l = format_count (low);
      g_autofree char *h = format_count (high);

      /* translators: a range of numbers, as in "20,000 – 99,999" */
      return g_strdup_printf (_("%s – %s"), l, h);
    }

  if (low >= 0)
    {
      g_autofree char *l = format_count (low);

      /* translators: %s is a number such as "200" */
      return g_strdup_printf (_("at least %s"), l);
    }

  return NULL;
}

static gboolean
words_contain_number (const char *compact_words,
                      gint64      n)
{
  char digits[32];

  if (n < 0)
    return TRUE;
  g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, n);
  return strstr (compact_words, digits) != NULL;
}

/* Whether the source's words already spell out every number we read from
 * them ("4,723 in 2022", "at least 200", "20,000 to 50,000"), so that
 * repeating the numbers would only add noise. */
static gboolean
words_give_numbers (FaFlow *flow)
{
  const char *words = fa_flow_get_magnitude (flow);
  g_autoptr(GString) compact = g_string_new (NULL);

  if (is_empty (words))
    return FALSE;

  /* Drop digit group separators: "20,000" → "20000". */
  for (const char *p = words; *p != '\0'; p++)
    if (*p != ',' || !g_ascii_isdigit (p[1]) || p == words || !g_ascii_isdigit (p[-1]))
      g_string_append_c (compact, *p);

  return words_contain_number (compact->str, fa_flow_get_count (flow)) &&
         words_contain_number (compact->str, fa_flow_get_count_low (flow)) &&
         words_contain_number (compact->str, fa_flow_get_count_high (flow));
}

static char *
format_flow_date (FaMonth          month,
                  FaMonthPrecision precision,
                  int              day)
{
  if (month == FA_MONTH_NONE || !fa_month_is_valid (month))
    return NULL;
  return fa_month_format_date (month, precision, day);
}

/* "February 2022 – ongoing", "until 2017", "2023" or "2018 – March 2024". */
static char *
describe_span (FaFlow *flow)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  start = format_flow_date (fa_flow_get_start (flow), fa_flow_get_start_precision (flow),
                            fa_flow_get_start_day (flow));
  end = format_flow_date (fa_flow_get_end (flow), fa_flow_get_end_precision (flow),
                          fa_flow_get_end_day (flow));

  if (start == NULL && end == NULL)
    return fa_flow_describe_undated (flow);
  if (end == NULL)
    /* translators: %s is when a flow began, such as "February 2022" */
    return g_strdup_printf (_("%s – ongoing"), start);
  if (start == NULL)
    /* translators: %s is when a flow ended, such as "2017" */
    return g_strdup_printf (_("until %s"), end);
  if (g_str_equal (start, end))
    return g_steal_pointer (&start);
  /* translators: a span of time, 1: its start, 2: its end */
  return g_strdup_printf (_("%s – %s"), start, end);
}

static void append_line (GString    *text,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static void
append_line (GString    *text,
             const char *format,
             ...)
{
  va_list args;

  if (text->len > 0)
    g_string_append_c (text, '\n');
  va_start (args, format);
  g_string_append_vprintf (text, format, args);
  va_end (args);
}

static void
show_flow (FaDetailsPane *self,
           FaFlow        *flow)
{
  FaPlace *origin = fa_flow_get_origin (flow);
  FaPlace *destination = fa_flow_get_destination (flow);
  GPtrArray *via = fa_flow_get_via (flow);
  const char *magnitude = fa_flow_get_magnitude (flow);
  g_autofree char *title = NULL;
  g_autofree char *route = NULL;
  g_autofree char *count = NULL;
  g_autofree char *span = NULL;

  gtk_label_set_text (self->kind_label, fa_flow_is_stock (flow) ? _("People Present") : _("Flow"));

  if (fa_flow_is_stock (flow))
    /* translators: a stock, not a movement: people from 1 present in 2 */
    title = g_strdup_printf (_("From %s, present in %s"), fa_place_get_name (origin), fa_place_get_name (destination));
  else if (origin == destination)
    /* translators: a movement inside one place; %s is its name */
    title = g_strdup_printf (_("Within %s"), fa_place_get_name (origin));
  else
    /* translators: 1: where people were moved from, 2: where to */
    title = g_strdup_printf (_("%s → %s"), fa_place_get_name (origin), fa_place_get_name (destination));
  set_label (self->title_label, title);

  if (via != NULL && via->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < via->len; i++)
        {
          if (i > 0)
            g_string_append (names, ", ");
          g_string_append (names, fa_place_get_name (g_ptr_array_index (via, i)));
        }
      /* translators: %s lists the places a route passes, such as "Filtration detention centers" */
      route = g_strdup_printf (_("via %s"), names->str);
    }
  else if (fa_flow_is_stock (flow))
    route = g_strdup (_("A stock: people there at the time, not people moved there then"));
  set_label (self->subtitle_label, route);

  set_category (self, fa_flow_get_category (flow));
  set_label (self->description_label, NULL);
  gtk_widget_set_visible (self->combined_box, !is_empty (fa_flow_get_combined (flow)));

  count = describe_count (flow);
  if (!is_empty (magnitude))
    {
      /* The source's words, and apart from them what FlowAtlas reads in
       * them: a reading is never shown as if the source had stated it. */
      add_fact (self, _("Magnitude as Stated"), magnitude, NULL, TRUE);
      if (!words_give_numbers (flow) && !is_empty (count))
        add_fact (self, _("Read by FlowAtlas As"), count,
                  _("The range the words stand for (FORMAT.md §5.1), not a figure of the source"), FALSE);
    }
  else
    add_fact (self, _("Magnitude as Stated"), _("The source gives no number"), NULL, FALSE);

  span = describe_span (flow);
  if (fa_flow_get_dating (flow) == FA_DATING_CONTEXT)
    {
      /* translators: %s is a span of time such as "February 2022 – ongoing" */
      g_autofree char *dated = g_strdup_printf (_("%s (dated from its context in the source; see the note)"), span);

      g_free (span);
      span = g_steal_pointer (&dated);
    }
  add_fact (self, _("When"), span, NULL, FALSE);
  add_fact (self, _("Certainty"),
            fa_details_pane_describe_certainty (fa_flow_get_certainty (flow)), NULL, FALSE);

  set_source (self, fa_flow_get_quote (flow), fa_flow_get_source (flow));
  set_note (self, fa_flow_get_note (flow));
}

static void
show_event (FaDetailsPane *self,
            FaEvent       *event)
{
  FaPlace *place = fa_event_get_place (event);
  g_autofree char *date = NULL;

  gtk_label_set_text (self->kind_label, _("Event"));
  set_label (self->title_label, fa_event_get_title (event));

  if (fa_month_is_valid (fa_event_get_month (event)))
    date = fa_month_format_date (fa_event_get_month (event), fa_event_get_precision (event),
                                 fa_event_get_day (event));
  set_label (self->subtitle_label, date);

  set_category (self, fa_event_get_category (event));
  set_label (self->description_label, fa_event_get_description (event));
  gtk_widget_set_visible (self->combined_box, FALSE);

  if (place != NULL)
    add_fact (self, _("Place"), fa_place_get_name (place), NULL, FALSE);

  set_source (self, fa_event_get_quote (event), fa_event_get_source (event));
  set_note (self, NULL);
}

static void
show_place (FaDetailsPane *self,
            FaPlace       *place)
{
  const char * const *codes = fa_place_get_region_codes (place);

  gtk_label_set_text (self->kind_label, _("Place"));
  set_label (self->title_label, fa_place_get_name (place));
  set_label (self->subtitle_label, fa_place_kind_describe (fa_place_get_kind (place)));

  set_category (self, NULL);
  set_label (self->description_label, NULL);
  gtk_widget_set_visible (self->combined_box, FALSE);

  if (fa_place_is_schematic (place))
    add_fact (self, _("Position on the Map"), fa_place_kind_describe_point (fa_place_get_kind (place)), NULL, FALSE);

  /* A site is evidence of what happened there, at the months the source
   * gives (or none). */
  {
    g_autofree char *when = fa_place_describe_evidence_time (place);

    if (when != NULL)
      {
        if (fa_place_get_evidence_dating (place) == FA_DATING_CONTEXT)
          {
            /* translators: %s is a span of time such as "since February 2022" */
            g_autofree char *dated = g_strdup_printf (_("%s (dated from its context in the source; see the note)"), when);

            g_free (when);
            when = g_steal_pointer (&dated);
          }
        add_fact (self, _("When"), when, NULL, FALSE);
      }
  }

  if (codes != NULL && codes[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) codes);

      /* translators: the ISO 3166 codes of the countries and regions a place covers on the map */
      add_fact (self, _("ISO 3166 Codes"), joined, NULL, FALSE);
    }

  if (self->dataset != NULL)
    {
      GListModel *flows = fa_dataset_get_flows (self->dataset);
      guint n_from = 0, n_to = 0, n_within = 0, n_via = 0;
      guint n = g_list_model_get_n_items (flows);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FaFlow) flow = g_list_model_get_item (flows, i);
          GPtrArray *via = fa_flow_get_via (flow);
          gboolean from = fa_flow_get_origin (flow) == place;
          gboolean to = fa_flow_get_destination (flow) == place;

          if (from && to)
            n_within++;
          else if (from)
            n_from++;
          else if (to)
            n_to++;
          for (guint j = 0; via != NULL && j < via->len; j++)
            if (g_ptr_array_index (via, j) == place)
              n_via++;
        }

      if (n_from > 0)
        append_line (text, g_dngettext (GETTEXT_PACKAGE, "%u flow starts here",
                                        "%u flows start here", n_from), n_from);
      if (n_to > 0)
        append_line (text, g_dngettext (GETTEXT_PACKAGE, "%u flow ends here",
                                        "%u flows end here", n_to), n_to);
      if (n_within > 0)
        append_line (text, g_dngettext (GETTEXT_PACKAGE, "%u flow within this place",
                                        "%u flows within this place", n_within), n_within);
      if (n_via > 0)
        append_line (text, g_dngettext (GETTEXT_PACKAGE, "%u route passes through here",
                                        "%u routes pass through here", n_via), n_via);

      add_fact (self, _("Flows"), text->len > 0 ? text->str : _("No flows start or end here"),
                NULL, FALSE);
    }

  set_source (self, NULL, NULL);
  set_note (self, fa_place_get_note (place));
}

static void
update (FaDetailsPane *self)
{
  GtkAdjustment *vadjustment;

  clear_facts (self);

  if (FA_IS_FLOW (self->item))
    show_flow (self, FA_FLOW (self->item));
  else if (FA_IS_EVENT (self->item))
    show_event (self, FA_EVENT (self->item));
  else if (FA_IS_PLACE (self->item))
    show_place (self, FA_PLACE (self->item));
  else
    gtk_label_set_text (self->kind_label, _("Details"));

  /* The row starts with what the heading says. */
  if (self->item != NULL)
    {
      const char *title = gtk_label_get_text (self->title_label);
      const char *subtitle = gtk_label_get_text (self->subtitle_label);
      char *cell = is_empty (subtitle) ? g_strdup (title)
                   /* translators: a table cell: 1: an item's title, 2: what qualifies it (a route, a date, a kind of place) */
                   : g_strdup_printf (_("%s — %s"), title, subtitle);

      g_strdelimit (cell, "\t\r\n", ' ');
      g_ptr_array_insert (self->row_headings, 0, g_strdup (gtk_label_get_text (self->kind_label)));
      g_ptr_array_insert (self->row_values, 0, cell);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.copy-row", self->item != NULL);
  if (self->item == NULL)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.copy-quote", FALSE);

  gtk_stack_set_visible_child_name (self->stack, self->item != NULL ? "details" : "empty");

  /* A new item is read from its heading down. */
  vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  FaDetailsPane *self = user_data;
  guint32 rgb = self->swatch_rgb;
  double size = MIN (width, height);
  double x = (width - size) / 2.0;
  double y = (height - size) / 2.0;
  double r = size / 4.0;

  if (!self->has_swatch)
    return;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + size - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + size - r, y + size - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + size - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static void
on_close_button_clicked_cb (FaDetailsPane *self,
                            GtkButton     *button)
{
  g_assert (FA_IS_DETAILS_PANE (self));

  g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
}

static void
fa_details_pane_dispose (GObject *object)
{
  FaDetailsPane *self = (FaDetailsPane *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), FA_TYPE_DETAILS_PANE);
  /* The template's unnamed children (separators) are not template
   * children; unparent them too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->state_bindings != NULL)
    g_binding_group_set_source (self->state_bindings, NULL);
  g_clear_object (&self->state_bindings);
  g_clear_object (&self->item);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (fa_details_pane_parent_class)->dispose (object);
}

static void
fa_details_pane_finalize (GObject *object)
{
  FaDetailsPane *self = (FaDetailsPane *) object;

  g_ptr_array_unref (self->row_headings);
  g_ptr_array_unref (self->row_values);
  g_free (self->quote);
  g_free (self->citation);

  G_OBJECT_CLASS (fa_details_pane_parent_class)->finalize (object);
}

static void
fa_details_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FaDetailsPane *self = FA_DETAILS_PANE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      {
        g_autoptr(GObject) state = g_binding_group_dup_source (self->state_bindings);

        g_value_set_object (value, state);
      }
      break;

    case PROP_ITEM:
      g_value_set_object (value, fa_details_pane_get_item (self));
      break;

    case PROP_DATASET:
      g_value_set_object (value, fa_details_pane_get_dataset (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_details_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FaDetailsPane *self = FA_DETAILS_PANE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_binding_group_set_source (self->state_bindings, g_value_get_object (value));
      break;

    case PROP_ITEM:
      fa_details_pane_set_item (self, g_value_get_object (value));
      break;

    case PROP_DATASET:
      fa_details_pane_set_dataset (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fa_details_pane_class_init (FaDetailsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fa_details_pane_dispose;
  object_class->finalize = fa_details_pane_finalize;
  object_class->get_property = fa_details_pane_get_property;
  object_class->set_property = fa_details_pane_set_property;

  /**
   * FaDetailsPane:item:
   *
   * The #FaFlow, #FaEvent or #FaPlace shown, or %NULL.
   */
  /**
   * FaDetailsPane:state:
   *
   * A map state whose selected item and dataset the pane shows.
   */
  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL, FA_TYPE_MAP_STATE,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * FaDetailsPane:dataset:
   *
   * The dataset the item comes from: it names the source document and
   * counts a place's flows.  Optional.
   */
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         FA_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FaDetailsPane::close-requested:
   * @self: the pane
   *
   * The user clicked the close button; the window hides the pane.
   */
  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/fa-details-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, kind_label);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, category_box);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, category_swatch);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, category_label);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, category_description_label);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, description_label);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, combined_box);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, facts_box);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, quote_box);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, quote_label);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, quote_language_label);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, source_label);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, note_box);
  gtk_widget_class_bind_template_child (widget_class, FaDetailsPane, note_label);
  gtk_widget_class_bind_template_callback (widget_class, on_close_button_clicked_cb);
  gtk_widget_class_install_action (widget_class, "details.copy-quote", NULL, copy_quote_action);
  gtk_widget_class_install_action (widget_class, "details.copy-row", NULL, copy_row_action);

  gtk_widget_class_set_css_name (widget_class, "detailspane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fa_details_pane_init (FaDetailsPane *self)
{
  self->row_headings = g_ptr_array_new_with_free_func (g_free);
  self->row_values = g_ptr_array_new_with_free_func (g_free);
  self->state_bindings = g_binding_group_new ();
  g_binding_group_bind (self->state_bindings, "dataset", self, "dataset", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->state_bindings, "selected", self, "item", G_BINDING_SYNC_CREATE);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->category_swatch, draw_swatch, self, NULL);
  update (self);
}

/**
 * fa_details_pane_new:
 *
 * Returns: (transfer floating): a new, empty details pane
 */
GtkWidget *
fa_details_pane_new (void)
{
  return g_object_new (FA_TYPE_DETAILS_PANE, NULL);
}

/**
 * fa_details_pane_get_dataset:
 *
 * Returns: (transfer none) (nullable): the dataset the item comes from
 */
FaDataset *
fa_details_pane_get_dataset (FaDetailsPane *self)
{
  g_return_val_if_fail (FA_IS_DETAILS_PANE (self), NULL);

  return self->dataset;
}

/**
 * fa_details_pane_set_dataset:
 * @dataset: (nullable): the dataset the items come from
 */
void
fa_details_pane_set_dataset (FaDetailsPane *self,
                             FaDataset     *dataset)
{
  g_return_if_fail (FA_IS_DETAILS_PANE (self));
  g_return_if_fail (dataset == NULL || FA_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

/**
 * fa_details_pane_get_item:
 *
 * Returns: (transfer none) (nullable): the flow, event or place shown
 */
GObject *
fa_details_pane_get_item (FaDetailsPane *self)
{
  g_return_val_if_fail (FA_IS_DETAILS_PANE (self), NULL);

  return self->item;
}

/**
 * fa_details_pane_set_item:
 * @item: (nullable): an #FaFlow, #FaEvent or #FaPlace
 *
 * Shows what the source says about @item.
 */
void
fa_details_pane_set_item (FaDetailsPane *self,
                          GObject       *item)
{
  g_return_if_fail (FA_IS_DETAILS_PANE (self));
  g_return_if_fail (item == NULL || FA_IS_FLOW (item) || FA_IS_EVENT (item) || FA_IS_PLACE (item));

  if (!g_set_object (&self->item, item))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/**
 * fa_details_pane_describe_certainty:
 * @certainty: how the source qualifies a statement
 *
 * Returns: (transfer none): the certainty in plain words, such as
 *   "Reported by the government or authorities"
 */
const char *
fa_details_pane_describe_certainty (FaCertainty certainty)
{
  switch (certainty)
    {
    case FA_CERTAINTY_OFFICIAL:
      return _("Reported by the government or authorities");
    case FA_CERTAINTY_REPORTED:
      return _("Reported by media, observers or NGOs");
    case FA_CERTAINTY_REPORTEDLY:
      return _("Reported, unconfirmed (“reportedly”)");
    case FA_CERTAINTY_PREVIOUS_YEARS:
      return _("Reported in previous years");
    case FA_CERTAINTY_ESTIMATED:
      return _("An estimate");
    case FA_CERTAINTY_UNKNOWN:
    default:
      return _("Not stated");
    }
}
