/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "fa-cli.h"
#include "fa-animation.h"
#include "fa-category.h"
#include "fa-data-error.h"
#include "fa-dataset.h"
#include "fa-flow.h"
#include "fa-month.h"
#include "fa-preset.h"
#include <locale.h>
#include <string.h>
#include "fa-time-filter.h"
#include "fa-export.h"
#include "fa-geodata.h"
#include "fa-map.h"
#include "fa-map-style.h"
#include "fa-projection.h"
#include "fa-renderer.h"
#include "fa-feature-layer.h"
#include "fa-legend-layer.h"
#include "fa-shape-layer.h"
#include "fa-shapefile.h"

#define DEFAULT_WIDTH  1920
#define DEFAULT_HEIGHT 1080
#define MAX_SIDE       20000
/* A PNG's pixels, scale included: 150 megapixels is an A0 poster at
 * 300 dpi, 600 MB of image while it is drawn. */
#define MAX_MEGAPIXELS 150

/**
 * fa_cli_get_option_entries:
 * @options: where parsed values go
 *
 * Returns: (transfer full): the option table of the flowatlas command;
 *   free with g_free()
 */
GOptionEntry *
fa_cli_get_option_entries (FaCliOptions *options)
{
  const GOptionEntry entries[] = {
    { "export", 'e', 0, G_OPTION_ARG_FILENAME, &options->export_path,
      N_("Draw the map into FILE without opening a window; .png, .svg or .pdf, or an animation of the timeline: .webm or .gif"), N_("FILE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &options->size,
      N_("Image size in pixels (PNG) or points (SVG, PDF); default 1920x1080"), N_("WxH") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &options->scale,
      N_("Pixel density of a PNG, e.g. 2 for a sharper image; default 1"), N_("N") },
    { "projection", 'p', 0, G_OPTION_ARG_STRING, &options->projection,
      N_("europe-asia (default), europe-russia, eurasia, world, a PROJ string or EPSG:code"), N_("P") },
    { "extent", 0, 0, G_OPTION_ARG_STRING, &options->extent,
      N_("Longitude/latitude box to show, fitted and centred in the image"), N_("W,S,E,N") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &options->view,
      N_("Box to show in the projection’s own coordinates (as the window’s view), fitted and centred; instead of --extent"),
      N_("X1,Y1,X2,Y2") },
    { "no-regions", 0, 0, G_OPTION_ARG_NONE, &options->no_regions,
      N_("Draw no boundaries of regions (oblasts, provinces), only of countries"), NULL },
    { "rescale-widths", 0, 0, G_OPTION_ARG_NONE, &options->rescale_widths,
      N_("Fit the arrows’ widths to the flows shown, instead of one scale for every date"), NULL },
    { "shapefile", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->shapefiles,
      N_("Add a shapefile as a layer above the base map; may be repeated"), N_("FILE") },
    { "shapefile-labels", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->shapefile_labels,
      N_("The field that labels the points of the shapefile given in the same place, or \"\" for none; may be repeated"),
      N_("FIELD") },
    { "check", 0, 0, G_OPTION_ARG_NONE, &options->check,
      N_("Check DATASET (default: the bundled one) and print its problems or a summary"), NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &options->list,
      N_("Print the flows of DATASET as tab-separated values"), NULL },
    { "date", 0, 0, G_OPTION_ARG_STRING, &options->date,
      N_("Show the situation at this month, for --export and --list"), N_("YYYY[-MM]") },
    { "cumulative", 0, 0, G_OPTION_ARG_NONE, &options->cumulative,
      N_("With --date: every flow that had begun by then"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options->from,
      N_("With --date: flows active at any time from this month to --date"), N_("YYYY[-MM]") },
    { "undated-every-month", 0, 0, G_OPTION_ARG_NONE, &options->undated_every_month,
      N_("With --date: also show, marked as undated, rows the source gives no time for"), NULL },
    { "min-count", 0, 0, G_OPTION_ARG_INT64, &options->min_count,
      N_("Only flows of at least N people (by their figure, or the top of their range); flows without a figure are left out"),
      N_("N") },
    { "top", 0, 0, G_OPTION_ARG_INT, &options->top,
      N_("Only the N largest flows"), N_("N") },
    { "clustering", 0, 0, G_OPTION_ARG_STRING, &options->clustering,
      N_("Merge near places and add up their flows: auto (for datasets of many places), on or off"),
      N_("MODE") },
    { "show", 0, 0, G_OPTION_ARG_STRING, &options->show,
      N_("Categories to show, comma-separated: category or preset ids of the dataset"), N_("LIST") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &options->title,
      N_("Title of the exported map, instead of the dataset’s"), N_("TEXT") },
    { "subtitle", 0, 0, G_OPTION_ARG_STRING, &options->subtitle,
      N_("Line under the title, instead of the date line; \"\" for none"), N_("TEXT") },
    { "legend", 0, 0, G_OPTION_ARG_STRING, &options->legend,
      N_("Where the legend goes: auto (where it hides the least of the story), left, right, bottom or none"),
      N_("WHERE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &options->lang,
      N_("Language of the map, such as fr, uk or zh_CN, instead of the desktop’s"), N_("LANG") },
    { "labels", 0, 0, G_OPTION_ARG_NONE, &options->labels,
      N_("Label each arrow with its magnitude as the source states it, such as “tens of thousands”"), NULL },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &options->no_legend,
      N_("Export the map without its legend panel (title, date line and scale bar stay)"), NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &options->paper,
      N_("Page at a paper size with margins: a4, a4-landscape, letter or letter-landscape"),
      N_("PAPER") },
    { "dpi", 0, 0, G_OPTION_ARG_INT, &options->dpi,
      N_("Dots per inch of a PNG at a --paper size, 72 to 1200; default 150"), N_("N") },
    { "frames", 0, 0, G_OPTION_ARG_STRING, &options->frames,
      N_("One map per month or per year from --from to --date: numbered files, or one PDF page each"),
      N_("month|year") },
    { "pages", 0, 0, G_OPTION_ARG_STRING, &options->pages,
      N_("One map per preset, comma-separated: pages of one PDF, or one file each"), N_("LIST") },
    { "panels", 0, 0, G_OPTION_ARG_STRING, &options->panels,
      N_("Two to four months side by side on one page, with one legend, e.g. 2021-06,2023-06"),
      N_("LIST") },
    { "no-dataset", 0, 0, G_OPTION_ARG_NONE, &options->no_dataset,
      N_("Export only the base map and shapefiles, without the dataset"), NULL },
    { "style", 0, 0, G_OPTION_ARG_STRING, &options->style,
      N_("Palette of an export: print (default), light or dark"), N_("STYLE") },
    { "fps", 0, 0, G_OPTION_ARG_INT, &options->fps,
      N_("Frames per second of a .webm or .gif animation, 1 to 30; default 10"), N_("N") },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &options->speed,
      N_("Months per second of a .webm or .gif animation, 0.25 to 64; default 2"), N_("N") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version,
      N_("Print the version and exit"), NULL },
    /* No words of its own: the usage line's "[DATASET|FILE…]" is the
     * parameter string main.c sets, and GOption prints both. */
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->remaining,
      NULL, NULL },
    { NULL }
  };

  return g_memdup2 (entries, sizeof entries);
}

void
fa_cli_options_clear (FaCliOptions *options)
{
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->size, g_free);
  g_clear_pointer (&options->projection, g_free);
  g_clear_pointer (&options->extent, g_free);
  g_clear_pointer (&options->view, g_free);
  g_clear_pointer (&options->title, g_free);
  g_clear_pointer (&options->subtitle, g_free);
  g_clear_pointer (&options->legend, g_free);
  g_clear_pointer (&options->clustering, g_free);
  g_clear_pointer (&options->lang, g_free);
  g_clear_pointer (&options->paper, g_free);
  g_clear_pointer (&options->frames, g_free);
  g_clear_pointer (&options->pages, g_free);
  g_clear_pointer (&options->panels, g_free);
  g_clear_pointer (&options->shapefiles, g_strfreev);
  g_clear_pointer (&options->shapefile_labels, g_strfreev);
  g_clear_pointer (&options->date, g_free);
  g_clear_pointer (&options->from, g_free);
  g_clear_pointer (&options->show, g_free);
  g_clear_pointer (&options->style, g_free);
  g_clear_pointer (&options->remaining, g_strfreev);
}

/**
 * fa_cli_is_headless:
 *
 * Returns: whether the command line asks for work without a window
 */
gboolean
fa_cli_is_headless (const FaCliOptions *options)
{
  return options->export_path != NULL || options->check || options->list || options->version ||
         options->lang != NULL;
}

/* A plain decimal number, as people write them: not "0x10", "inf" or
 * "nan", which g_ascii_strtod() also takes. */
static gboolean
parse_decimal (const char *s,
               double     *value)
{
  char *end = NULL;

  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.' && *p != '-' && *p != '+' && *p != 'e' && *p != 'E')
      return FALSE;
  if (!g_ascii_isdigit (s[0]) && !(s[0] == '.' || ((s[0] == '-' || s[0] == '+') && s[1] != '\0')))
    return FALSE;

  *value = g_ascii_strtod (s, &end);
  return end != NULL && *end == '\0' && end != s && isfinite (*value);
}

/**
 * fa_cli_parse_size:
 *
 * Parses "WxH" with both sides from 1 to 20000.
 */
gboolean
fa_cli_parse_size (const char *text,
                   int        *width,
                   int        *height)
{
  guint64 w, h;
  char *end = NULL;

  if (text == NULL)
    return FALSE;

  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  w = g_ascii_strtoull (text, &end, 10);
  if (end == NULL || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  h = g_ascii_strtoull (text, &end, 10);
  if (end == NULL || *end != '\0')
    return FALSE;
  if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE)
    return FALSE;

  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

/**
 * fa_cli_parse_extent:
 * @extent: (out): west, south, east, north in degrees
 *
 * Parses "W,S,E,N" with W < E, S < N, latitudes within ±90 and longitudes
 * within ±540 (an extent may cross the antimeridian as 170,50,190,70).
 */
/* Four decimal numbers separated by commas, finite and within ±1e9. */
static gboolean
parse_box (const char *text,
           double      box[4])
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;

  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      const char *s = g_strstrip (parts[i]);

      if (*s == '\0' || !parse_decimal (s, &box[i]) || !isfinite (box[i]) || fabs (box[i]) > 1e9)
        return FALSE;
    }
  return TRUE;
}

gboolean
fa_cli_parse_extent (const char *text,
                     double      extent[4])
{
  if (!parse_box (text, extent))
    return FALSE;

  return extent[0] < extent[2] && extent[1] < extent[3] &&
         extent[1] >= -90 && extent[3] <= 90 &&
         extent[0] >= -540 && extent[2] <= 540;
}

/**
 * fa_cli_parse_view:
 * @box: (out): x1, y1, x2, y2 in the projection's coordinates
 *
 * Parses "X1,Y1,X2,Y2" with X1 < X2 and Y1 < Y2, all finite.
 */
gboolean
fa_cli_parse_view (const char *text,
                   double      box[4])
{
  return parse_box (text, box) && box[0] < box[2] && box[1] < box[3];
}

static int
usage_error (const char *message)
{
  g_printerr ("flowatlas: %s\n", message);
  g_printerr ("%s\n", _("Run “flowatlas --help” to see the options."));
  return FA_EXIT_USAGE;
}

static int
failure (const GError *error)
{
  g_printerr ("flowatlas: %s\n", error->message);
  return FA_EXIT_FAILED;
}

static const char *
dataset_path (FaCliOptions *options)
{
  if (options->remaining != NULL && options->remaining[0] != NULL)
    return options->remaining[0];
  return NULL;
}

/* Parses --date, --from and --cumulative.  Returns FALSE with a usage
 * message in @error. */
static gboolean
parse_time_filter (FaCliOptions  *options,
                   FaTimeFilter  *filter,
                   GError       **error)
{
  FaMonthPrecision precision;
  FaMonth month, from;

  *filter = FA_TIME_FILTER_ALL;
  if (options->date == NULL)
    {
      if (options->cumulative || options->from != NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("--cumulative and --from need --date"));
          return FALSE;
        }
      return TRUE;
    }

  /* A year alone stands for its last month: "--date=2015" is the
   * situation during 2015 as known at its end. */
  if (!fa_month_parse (options->date, &precision, TRUE, &month) ||
      precision == FA_MONTH_PRECISION_DAY)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--date expects YYYY or YYYY-MM, such as 2023-06; got “%s”"), options->date);
      return FALSE;
    }
  filter->mode = options->cumulative ? FA_TIME_MODE_CUMULATIVE : FA_TIME_MODE_AT;
  filter->month = month;

  if (options->from != NULL)
    {
      if (options->cumulative)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("--from and --cumulative cannot be combined"));
          return FALSE;
        }
      if (!fa_month_parse (options->from, &precision, FALSE, &from) ||
          precision == FA_MONTH_PRECISION_DAY)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--from expects YYYY or YYYY-MM, such as 2022-02; got “%s”"), options->from);
          return FALSE;
        }
      if (from > month)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--from %s is after --date %s"), options->from, options->date);
          return FALSE;
        }
      filter->mode = FA_TIME_MODE_WINDOW;
      filter->from = from;
    }

  return TRUE;
}

/* An animation runs from --from (default: the dataset's first month) to
 * --date (default: its last), a month at a time.  Returns FALSE with a
 * usage message in @error. */
static gboolean
parse_animation_months (FaCliOptions  *options,
                        FaDataset     *dataset,
                        FaMonth       *from,
                        FaMonth       *to,
                        GError       **error)
{
  FaMonthPrecision precision;

  *from = fa_dataset_get_first_month (dataset);
  *to = fa_dataset_get_last_month (dataset);
  if (options->date != NULL &&
      (!fa_month_parse (options->date, &precision, TRUE, to) || precision == FA_MONTH_PRECISION_DAY))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--date expects YYYY or YYYY-MM, such as 2023-06; got “%s”"), options->date);
      return FALSE;
    }
  if (options->from != NULL &&
      (!fa_month_parse (options->from, &precision, FALSE, from) || precision == FA_MONTH_PRECISION_DAY))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--from expects YYYY or YYYY-MM, such as 2022-02; got “%s”"), options->from);
      return FALSE;
    }
  if (*from == FA_MONTH_NONE || *to == FA_MONTH_NONE)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("the dataset has no dates to animate; give --from and --date"));
      return FALSE;
    }
  if (*from > *to)
    {
      g_autofree char *a = fa_month_format_iso (*from);
      g_autofree char *b = fa_month_format_iso (*to);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("the animation would start at %s, after its end at %s"), a, b);
      return FALSE;
    }

  return TRUE;
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  /* translators: progress of an animated export on the terminal */
  g_printerr (_("\rflowatlas: frame %u of %u"), done, total);
  if (done == total)
    g_printerr ("\n");
}

static FaDataset *
load_dataset (FaCliOptions  *options,
              FaGeodata     *geodata,
              GError       **error)
{
  g_autofree char *fallback = NULL;
  const char *path = dataset_path (options);

  if (path == NULL)
    path = fallback = fa_dataset_dup_default_path ();

  return fa_dataset_new_from_directory (path, geodata, error);
}

static int
run_check (FaCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FaGeodata) geodata = fa_geodata_new (NULL, &error);
  g_autoptr(FaDataset) dataset = NULL;
  g_autofree char *summary = NULL;

  /* Without the base map, region codes cannot be checked: say so. */
  if (geodata == NULL)
    {
      g_printerr ("flowatlas: %s\n", error->message);
      g_clear_error (&error);
    }

  dataset = load_dataset (options, geodata, &error);
  if (dataset == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FA_EXIT_FAILED;
    }

  summary = fa_dataset_describe_summary (dataset);
  g_print ("%s\n", summary);
  return FA_EXIT_OK;
}

static int
run_list (FaCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FaDataset) dataset = NULL;
  g_autoptr(FaMapState) state = fa_map_state_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  FaTimeFilter filter;

  if (!parse_time_filter (options, &filter, &error))
    return usage_error (error->message);
  if (options->min_count < 0)
    return usage_error (_("--min-count expects a number of people, 0 or more"));
  if (options->top < 0)
    return usage_error (_("--top expects a number of flows, 0 or more"));

  dataset = load_dataset (options, NULL, &error);
  if (dataset == NULL)
    return failure (error);

  /* The flows listed are those a map of the same options shows. */
  fa_map_state_set_dataset (state, dataset);
  fa_map_state_set_time_filter (state, &filter);
  fa_map_state_set_undated_every_month (state, options->undated_every_month);
  if (options->show != NULL)
    {
      g_autoptr(GHashTable) visible = fa_dataset_parse_show (dataset, options->show, &error);

      if (visible == NULL)
        return usage_error (error->message);
      fa_map_state_show_only_categories (state, visible);
    }
  fa_map_state_set_min_count (state, options->min_count);
  fa_map_state_set_top (state, (guint) options->top);

  fa_dataset_write_tsv (dataset, fa_map_state_get_visible_flows (state), out);
  fwrite (out->str, 1, out->len, stdout);
  return FA_EXIT_OK;
}

typedef struct
{
  GPtrArray *files;   /* FaShapefile */
  GError    *error;
} ShapefileLoad;

static void
shapefile_load_free (ShapefileLoad *load)
{
  if (load == NULL)
    return;
  g_ptr_array_unref (load->files);
  g_clear_error (&load->error);
  g_free (load);
}

static gpointer
load_shapefiles_thread (gpointer data)
{
  char **paths = data;
  ShapefileLoad *load = g_new0 (ShapefileLoad, 1);

  load->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; paths[i] != NULL && load->error == NULL; i++)
    {
      FaShapefile *shp = fa_shapefile_load (paths[i], &load->error);

      if (shp != NULL)
        g_ptr_array_add (load->files, shp);
    }

  return load;
}

/* The loader thread is joined on every way out of run_export(). */
typedef GThread *FaLoaderThread;

static void
loader_join_free (GThread *thread)
{
  shapefile_load_free (g_thread_join (thread));
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (FaLoaderThread, loader_join_free, NULL)

/* A list of time filters: the steps of a series, or the dates of panels. */
typedef GArray *FaFilterArray;

static void
filter_array_free (GArray *array)
{
  g_array_unref (array);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (FaFilterArray, filter_array_free, NULL)

#define MAX_SHEETS 1000

static gboolean
parse_legend (const char       *text,
              FaLegendPosition *position,
              gboolean         *shown)
{
  static const struct { const char *name; FaLegendPosition position; } names[] = {
    { "auto", FA_LEGEND_POSITION_AUTO },
    { "left", FA_LEGEND_POSITION_LEFT },
    { "right", FA_LEGEND_POSITION_RIGHT },
    { "bottom", FA_LEGEND_POSITION_BOTTOM },
  };

  if (g_str_equal (text, "none"))
    {
      *shown = FALSE;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (text, names[i].name))
      {
        *position = names[i].position;
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_clustering (const char   *text,
                  FaClustering *clustering)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (FA_TYPE_CLUSTERING);
  GEnumValue *value = g_enum_get_value_by_nick (klass, text);

  if (value == NULL)
    return FALSE;
  *clustering = value->value;
  return TRUE;
}

/* Paper in points (1/72 in), with a 10 mm margin around the map. */
static gboolean
parse_paper (const char *text,
             int        *width,
             int        *height,
             double     *margin)
{
  static const struct { const char *name; int w, h; } papers[] = {
    { "a4", 595, 842 },
    { "a4-landscape", 842, 595 },
    { "letter", 612, 792 },
    { "letter-landscape", 792, 612 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_str_equal (text, papers[i].name))
      {
        *width = papers[i].w;
        *height = papers[i].h;
        *margin = 28.35;
        return TRUE;
      }
  return FALSE;
}

/* The maps of a command line in time: one step, the filter of --date,
 * or with --frames one per month (the situation at that month) or per
 * year (every flow active during that year) from --from to --date. */
static gboolean
parse_series (FaCliOptions  *options,
              GArray       **series,
              FaTimeFilter  *filter,
              GError       **error)
{
  gboolean cumulative = options->cumulative;
  gboolean by_year;
  FaMonth start, end;

  *series = g_array_new (FALSE, FALSE, sizeof (FaTimeFilter));
  if (options->frames == NULL)
    {
      if (!parse_time_filter (options, filter, error))
        return FALSE;
      g_array_append_val (*series, *filter);
      return TRUE;
    }

  if (!g_str_equal (options->frames, "month") && !g_str_equal (options->frames, "year"))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--frames expects month or year"));
      return FALSE;
    }
  if (options->date == NULL || options->from == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--frames needs --from and --date: the first and the last month of the series"));
      return FALSE;
    }
  if (options->panels != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--frames and --panels cannot be combined"));
      return FALSE;
    }

  /* Here --from starts the series: it is no time window. */
  options->cumulative = FALSE;
  if (!parse_time_filter (options, filter, error))
    {
      options->cumulative = cumulative;
      return FALSE;
    }
  options->cumulative = cumulative;
  start = filter->from;
  end = filter->month;
  by_year = g_str_equal (options->frames, "year");

  for (int year = fa_month_get_year (start); year <= fa_month_get_year (end); year++)
    for (int m = by_year ? 12 : 1; m <= 12; m++)
      {
        FaMonth month = fa_month_from_ym (year, m);
        FaTimeFilter step = FA_TIME_FILTER_ALL;

        if (!by_year && (month < start || month > end))
          continue;
        step.undated_always = filter->undated_always;
        step.month = MIN (month, end);
        if (cumulative)
          step.mode = FA_TIME_MODE_CUMULATIVE;
        else if (by_year)
          {
            step.mode = FA_TIME_MODE_WINDOW;
            step.from = MAX (fa_month_from_ym (year, 1), start);
          }
        else
          step.mode = FA_TIME_MODE_AT;
        if ((*series)->len >= MAX_SHEETS)
          {
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("--frames from %s to %s makes more than %d maps"),
                         options->from, options->date, MAX_SHEETS);
            return FALSE;
          }
        g_array_append_val (*series, step);
      }

  /* A series spans its months, for framing. */
  filter->mode = FA_TIME_MODE_WINDOW;
  filter->from = start;
  filter->month = end;
  return TRUE;
}

static gboolean
parse_panels (FaCliOptions  *options,
              GArray       **dates,
              GError       **error)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  *dates = g_array_new (FALSE, FALSE, sizeof (FaTimeFilter));
  if (options->panels == NULL)
    return TRUE;

  if (options->date != NULL || options->from != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--panels gives the months itself: drop --date and --from"));
      return FALSE;
    }
  parts = g_strsplit (options->panels, ",", -1);
  n = g_strv_length (parts);
  if (n < 2 || n > 4)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--panels expects two to four months, such as 2021-06,2023-06; got “%s”"),
                   options->panels);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      FaTimeFilter step = FA_TIME_FILTER_ALL;
      FaMonthPrecision precision;
      FaMonth month;

      if (!fa_month_parse (g_strstrip (parts[i]), &precision, TRUE, &month) ||
          precision == FA_MONTH_PRECISION_DAY)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--panels expects months as YYYY or YYYY-MM, such as 2023-06; got “%s”"), parts[i]);
          return FALSE;
        }
      step.mode = options->cumulative ? FA_TIME_MODE_CUMULATIVE : FA_TIME_MODE_AT;
      step.month = month;
      step.undated_always = options->undated_every_month;
      g_array_append_val (*dates, step);
    }
  return TRUE;
}

static gboolean
find_presets (FaDataset  *dataset,
              const char *list,
              GPtrArray  *presets,
              GError    **error)
{
  g_auto(GStrv) ids = g_strsplit (list, ",", -1);
  GListModel *model = fa_dataset_get_presets (dataset);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *id = g_strstrip (ids[i]);
      FaPreset *found = NULL;
      g_autoptr(GString) known = g_string_new (NULL);

      for (guint p = 0; p < g_list_model_get_n_items (model) && found == NULL; p++)
        {
          g_autoptr(FaPreset) preset = g_list_model_get_item (model, p);

          if (g_str_equal (fa_preset_get_id (preset), id))
            found = g_object_ref (preset);
          g_string_append_printf (known, "%s%s", p > 0 ? ", " : "", fa_preset_get_id (preset));
        }
      if (found == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* translators: 1: what was given, 2: the presets of the dataset */
                       _("--pages: no preset “%s” in the dataset; its presets are %s"), id, known->str);
          return FALSE;
        }
      g_ptr_array_add (presets, found);
    }
  if (presets->len > MAX_SHEETS)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--pages lists more than %d presets"), MAX_SHEETS);
      return FALSE;
    }
  return TRUE;
}

/* --extent must project and must not be finer than the projection draws. */
static gboolean
check_extent (FaCliOptions *options,
              FaProjection *projection,
              double        extent[4],
              int           width,
              int           height,
              GError      **error)
{
  g_autoptr(FaViewport) viewport = fa_viewport_new ();
  double finest = fa_projection_get_finest_scale (projection);
  double factor;
  FaRect rect;

  if (!fa_projection_project_extent (projection, extent, &rect))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--extent %g,%g,%g,%g cannot be shown in projection “%s”"),
                   extent[0], extent[1], extent[2], extent[3],
                   fa_projection_get_definition (projection));
      return FALSE;
    }
  fa_viewport_set_size (viewport, width, height);
  fa_viewport_fit_rect (viewport, &rect, 0);
  if (fa_viewport_get_scale (viewport) >= finest)
    return TRUE;

  factor = finest / fa_viewport_get_scale (viewport);
  if (fa_projection_is_geographic (projection))
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--extent %g,%g,%g,%g is too small for a %d×%d map: "
                   "FlowAtlas draws at most %g pixels per degree, so the extent "
                   "must be at least %.3g° wide; widen it or choose a smaller --size"),
                 extent[0], extent[1], extent[2], extent[3], width, height,
                 1 / finest, (rect.x2 - rect.x1) * factor);
  else
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--extent %g,%g,%g,%g is too small for a %d×%d map: "
                   "FlowAtlas draws at most one pixel per %g m, so the extent "
                   "must be at least %.3g km wide; widen it or choose a smaller --size"),
                 extent[0], extent[1], extent[2], extent[3], width, height,
                 finest, (rect.x2 - rect.x1) * factor / 1000);
  return FALSE;
}

/* A viewport of @width × @height on what the map should show: --extent,
 * or the story of the flows shown over @span (a preset, --show), or the
 * projection's default view. */
static FaViewport *
frame_viewport (FaCliOptions       *options,
                FaMap              *map,
                const FaMapStyle   *style,
                gboolean            story,
                gboolean            own_legend,
                const FaTimeFilter *span,
                double              extent[4],
                double              width,
                double              height)
{
  FaMapState *state = fa_map_get_state (map);
  FaViewport *viewport = fa_viewport_new ();
  FaTimeFilter saved;
  gboolean framed = FALSE;
  FaRect rect;

  fa_viewport_set_size (viewport, (int) width, (int) height);
  if (options->view != NULL)
    {
      double box[4];

      if (fa_cli_parse_view (options->view, box))
        {
          fa_viewport_fit_rect (viewport, &(FaRect) { box[0], box[1], box[2], box[3] }, 0);
          return viewport;
        }
    }
  if (options->extent == NULL && story)
    {
      fa_map_state_get_time_filter (state, &saved);
      fa_map_state_set_time_filter (state, span);
      framed = fa_map_get_story_rect (map, &rect);
      /* With room for the legend of what the span shows, unless the map
       * shares one with others on its page. */
      if (framed)
        {
          g_autoptr(FaMapSnapshot) shared = fa_map_state_snapshot (state);
          g_autoptr(FaMapSnapshot) snapshot = fa_map_snapshot_copy (shared);

          snapshot->show_legend = snapshot->show_legend && own_legend;
          fa_renderer_frame_rect (fa_map_get_renderer (map), viewport, style, snapshot, &rect, 48);
        }
      fa_map_state_set_time_filter (state, &saved);
    }
  if (!framed)
    {
      fa_projection_project_extent (fa_map_get_projection (map), extent, &rect);
      fa_viewport_fit_rect (viewport, &rect, 0);
    }
  return viewport;
}

/* The maps of a page of --panels are framed alike: the story over every
 * date of the page, or the extent, without room for a legend of their own. */
typedef struct
{
  FaCliOptions       *options;
  FaMap              *map;
  const FaMapStyle   *style;
  gboolean            story;
  const FaTimeFilter *span;
  double             *extent;
} PanelFraming;

static FaViewport *
frame_panel (double   width,
             double   height,
             gpointer user_data)
{
  PanelFraming *framing = user_data;

  return frame_viewport (framing->options, framing->map, framing->style, framing->story, FALSE,
                         framing->span, framing->extent, width, height);
}

static void
set_snapshot_text (char       **field,
                   const char  *text)
{
  g_free (*field);
  *field = g_strdup (text);
}

/* "relocation.png" with "-dprk-workers-2022-02" is
 * "relocation-dprk-workers-2022-02.png". */
static char *
sheet_path (const char *path,
            const char *suffix)
{
  const char *dot = strrchr (path, '.');
  const char *slash = strrchr (path, G_DIR_SEPARATOR);

  if (dot == NULL || (slash != NULL && dot < slash))
    return g_strconcat (path, suffix, NULL);
  return g_strdup_printf ("%.*s%s%s", (int) (dot - path), path, suffix, dot);
}

/* Every map the options ask for: presets × steps, each a page (with
 * --panels, a page of its dates side by side).  A PDF holds them all; a
 * PNG or SVG is written once per page, its name numbered. */
static int
write_sheets (FaCliOptions     *options,
              FaMap            *map,
              const FaMapStyle *style,
              FaExportFormat    format,
              double            scale,
              int               width,
              int               height,
              double            margin,
              GArray          **series_ptr,
              GPtrArray        *presets,
              GArray          **panels_ptr)
{
  GArray *series = *series_ptr;
  GArray *panel_dates = *panels_ptr;
  FaMapState *state = fa_map_get_state (map);
  FaDataset *dataset = fa_map_state_get_dataset (state);
  g_autoptr(GArray) pages = g_array_new (FALSE, TRUE, sizeof (FaExportPage));
  g_autoptr(GPtrArray) suffixes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n_presets = MAX (presets->len, 1);
  double extent[4];
  FaTimeFilter span;
  int status = FA_EXIT_OK;

  g_array_set_clear_func (pages, (GDestroyNotify) fa_export_page_clear);
  if ((guint64) n_presets * series->len > MAX_SHEETS)
    return usage_error (_("--pages and --frames together make too many maps"));

  if (options->extent == NULL || !fa_cli_parse_extent (options->extent, extent))
    fa_projection_get_default_extent (fa_map_get_projection (map), extent);
  fa_map_state_get_time_filter (state, &span);
  if (panel_dates->len > 0)
    {
      FaTimeFilter first = g_array_index (panel_dates, FaTimeFilter, 0);

      span = first;
      span.mode = FA_TIME_MODE_WINDOW;
      span.from = first.month;
      for (guint d = 0; d < panel_dates->len; d++)
        {
          span.from = MIN (span.from, g_array_index (panel_dates, FaTimeFilter, d).month);
          span.month = MAX (span.month, g_array_index (panel_dates, FaTimeFilter, d).month);
        }
    }

  for (guint p = 0; p < n_presets; p++)
    {
      FaPreset *preset = presets->len > 0 ? g_ptr_array_index (presets, p) : NULL;
      gboolean story = preset != NULL || options->show != NULL;
      const char *label = preset != NULL ? fa_preset_get_label (preset) : NULL;

      if (preset != NULL && !fa_map_apply_show (map, fa_preset_get_id (preset), &error))
        return failure (error);

      for (guint s = 0; s < series->len; s++)
        {
          const FaTimeFilter *step = &g_array_index (series, FaTimeFilter, s);
          g_autoptr(FaMapSnapshot) base = NULL;
          GString *suffix = g_string_new (NULL);
          FaExportPage page = { width, height, NULL, NULL, NULL, 0, { 0, 0, 0, 0 } };

          fa_map_state_set_time_filter (state, step);
          base = fa_map_state_snapshot (state);
          if (preset != NULL)
            g_string_append_printf (suffix, "-%s", fa_preset_get_id (preset));
          if (options->frames != NULL)
            {
              g_autofree char *iso = fa_month_format_iso (step->month);

              if (g_str_equal (options->frames, "year"))
                g_string_append_printf (suffix, "-%d", fa_month_get_year (step->month));
              else
                g_string_append_printf (suffix, "-%s", iso);
            }

          if (panel_dates->len == 0)
            {
              FaMapSnapshot *snapshot = fa_map_snapshot_copy (base);

              if (options->title == NULL && label != NULL)
                set_snapshot_text (&snapshot->title, label);
              page.n_panels = 1;
              page.panels = g_new0 (FaExportPanel, 1);
              page.panels[0].snapshot = snapshot;
              page.panels[0].viewport = frame_viewport (options, map, style, story, TRUE,
                                                        options->frames ? &span : step, extent,
                                                        width - 2 * margin, height - 2 * margin);
              page.panels[0].x = margin;
              page.panels[0].y = margin;
            }
          else
            {
              PanelFraming framing = { options, map, style, story, &span, extent };
              const char *title = options->title != NULL ? options->title
                                  : label != NULL ? label
                                  : dataset != NULL ? fa_dataset_get_title (dataset) : NULL;

              if (!fa_export_page_init_panels (&page, fa_map_get_renderer (map), style, base,
                                               (const FaTimeFilter *) (gpointer) panel_dates->data,
                                               panel_dates->len, frame_panel, &framing,
                                               width, height, margin, title, options->subtitle, &error))
                {
                  g_string_free (suffix, TRUE);
                  if (g_error_matches (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_SIZE))
                    return usage_error (_("--panels needs a larger page: each map would be under 120 pixels"));
                  return failure (error);
                }
            }
          g_array_append_val (pages, page);
          g_ptr_array_add (suffixes, g_string_free (suffix, FALSE));
        }
    }

  if (format == FA_EXPORT_PDF)
    {
      if (!fa_export_pages_to_file (fa_map_get_renderer (map), style, (FaExportPage *) (gpointer) pages->data,
                                    pages->len, scale, options->export_path, NULL, &error))
        status = failure (error);
    }
  else
    for (guint i = 0; i < pages->len && status == FA_EXIT_OK; i++)
      {
        g_autofree char *path = sheet_path (options->export_path, g_ptr_array_index (suffixes, i));

        if (!fa_export_pages_to_file (fa_map_get_renderer (map), style,
                                      &g_array_index (pages, FaExportPage, i), 1, scale, path, NULL, &error))
          status = failure (error);
      }

  return status;
}

static int
run_export (FaCliOptions *options)
{
  g_auto(FaLoaderThread) loader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FaGeodata) geodata = NULL;
  g_autoptr(FaMap) map = NULL;
  g_autoptr(FaViewport) viewport = NULL;
  g_autoptr(FaDataset) dataset = NULL;
  FaMapState *state;
  FaProjection *projection;
  const FaMapStyle *style = fa_map_style_get (FA_MAP_STYLE_PRINT);
  g_autoptr(GPtrArray) presets = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(FaFilterArray) series = NULL;
  g_auto(FaFilterArray) panel_dates = NULL;
  FaLegendPosition legend_position = FA_LEGEND_POSITION_AUTO;
  FaClustering clustering = FA_CLUSTERING_AUTO;
  gboolean legend_shown = !options->no_legend;
  FaTimeFilter filter;
  FaExportFormat format;
  double extent[4];
  double view_box[4];
  double paper_margin = 0;
  int width = DEFAULT_WIDTH, height = DEFAULT_HEIGHT;
  double scale = options->scale > 0 ? options->scale : 1.0;
  gboolean animated;
  FaMonth from = FA_MONTH_NONE, to = FA_MONTH_NONE;

  /* Check the whole command line before doing any work. */
  if (options->size != NULL && !fa_cli_parse_size (options->size, &width, &height))
    return usage_error (_("--size expects WIDTHxHEIGHT, such as 1920x1080, each from 1 to 20000"));
  if (options->scale != 0 && !(options->scale >= 0.1 && options->scale <= 16))
    return usage_error (_("--scale expects a number from 0.1 to 16"));
  if (options->extent != NULL && !fa_cli_parse_extent (options->extent, extent))
    return usage_error (_("--extent expects WEST,SOUTH,EAST,NORTH in degrees, such as 20,40,60,60"));
  if (options->min_count < 0)
    return usage_error (_("--min-count expects a number of people, 0 or more"));
  if (options->top < 0)
    return usage_error (_("--top expects a number of flows, 0 or more"));
  if (options->clustering != NULL && !parse_clustering (options->clustering, &clustering))
    return usage_error (_("--clustering expects auto, on or off"));
  if (options->view != NULL && !fa_cli_parse_view (options->view, view_box))
    return usage_error (_("--view expects X1,Y1,X2,Y2 in the projection’s coordinates, with X1 < X2 and Y1 < Y2"));
  if (options->style != NULL)
    {
      if (g_str_equal (options->style, "print"))
        style = fa_map_style_get (FA_MAP_STYLE_PRINT);
      else if (g_str_equal (options->style, "light"))
        style = fa_map_style_get (FA_MAP_STYLE_LIGHT);
      else if (g_str_equal (options->style, "dark"))
        style = fa_map_style_get (FA_MAP_STYLE_DARK);
      else
        return usage_error (_("--style expects print, light or dark"));
    }
  if (!fa_export_format_from_path (options->export_path, &format, &error))
    return usage_error (error->message);
  animated = format == FA_EXPORT_WEBM || format == FA_EXPORT_GIF;
  if (!animated && (options->fps != 0 || options->speed != 0))
    return usage_error (_("--fps and --speed are for an animation: --export to a .webm or .gif file"));
  if (animated)
    {
      if (options->fps != 0 && (options->fps < FA_ANIMATION_MIN_FPS || options->fps > FA_ANIMATION_MAX_FPS))
        return usage_error (_("--fps expects a whole number from 1 to 30"));
      if (options->speed != 0 && !(options->speed >= 0.25 && options->speed <= 64))
        return usage_error (_("--speed expects months per second from 0.25 to 64"));
      if (options->scale != 0)
        return usage_error (_("--scale is for a PNG; an animation is drawn at --size"));
      if (options->cumulative)
        return usage_error (_("--cumulative cannot be animated: an animation shows each month in turn"));
      if (options->no_dataset)
        return usage_error (_("an animation needs a dataset; drop --no-dataset"));
    }
  if (format == FA_EXPORT_PNG &&
      (double) width * height * scale * scale > MAX_MEGAPIXELS * 1e6)
    {
      /* translators: width, height and scale as given, the megapixels they make, and the limit */
      g_autofree char *message = g_strdup_printf (_("--size %dx%d at --scale %g makes a PNG of %.0f megapixels; "
                                                    "the largest is %d megapixels (for example 15000x10000, "
                                                    "or 7500x5000 at --scale 2)"),
                                                  width, height, scale,
                                                  (double) width * height * scale * scale / 1e6,
                                                  MAX_MEGAPIXELS);
      return usage_error (message);
    }
  if (options->legend != NULL && !parse_legend (options->legend, &legend_position, &legend_shown))
    return usage_error (_("--legend expects auto, left, right, bottom or none"));
  if (options->paper != NULL)
    {
      if (options->size != NULL)
        return usage_error (_("--paper and --size cannot be combined: a paper size is a page size"));
      if (format == FA_EXPORT_PNG && options->scale != 0)
        return usage_error (_("--paper sets a PNG’s pixels with --dpi, not --scale"));
      if (!parse_paper (options->paper, &width, &height, &paper_margin))
        return usage_error (_("--paper expects a4, a4-landscape, letter or letter-landscape"));
    }
  if (options->dpi != 0)
    {
      if (format != FA_EXPORT_PNG || options->paper == NULL)
        return usage_error (_("--dpi is for a PNG at a --paper size; a PDF or SVG page is drawn without pixels"));
      if (options->dpi < 72 || options->dpi > 1200)
        return usage_error (_("--dpi expects a whole number from 72 to 1200"));
    }
  /* A page is measured in points: a PNG of it has dpi/72 pixels per point. */
  if (format == FA_EXPORT_PNG && options->paper != NULL)
    scale = (options->dpi != 0 ? options->dpi : 150) / 72.0;
  if (animated && (options->frames != NULL || options->pages != NULL || options->panels != NULL ||
                   options->paper != NULL))
    return usage_error (_("--frames, --pages, --panels and --paper are for still maps, not an animation"));
  if (!animated && !parse_series (options, &series, &filter, &error))
    return usage_error (error->message);
  if (!parse_panels (options, &panel_dates, &error))
    return usage_error (error->message);
  if (options->pages != NULL && options->no_dataset)
    return usage_error (_("--pages needs a dataset; drop --no-dataset"));

  /* Big shapefiles are read on a second thread while the projection, the
   * base map and the dataset are set up on this one. */
  if (options->shapefiles != NULL && options->shapefiles[0] != NULL)
    loader = g_thread_new ("fa-shapefiles", load_shapefiles_thread, options->shapefiles);

  /* The same map document as the window's, set up from the options. */
  {
    g_autoptr(FaProjection) check = NULL;

    check = fa_projection_new (options->projection ? options->projection : FA_PROJECTION_DEFAULT_PRESET,
                               &error);
    if (check == NULL)
      return usage_error (error->message);
  }

  geodata = fa_geodata_new (NULL, &error);
  if (geodata == NULL)
    return failure (error);

  map = fa_map_new (NULL);
  state = fa_map_get_state (map);
  fa_map_state_set_projection (state, options->projection);
  if (!fa_map_set_geodata (map, geodata, &error))
    return failure (error);
  projection = fa_map_get_projection (map);

  if (!options->no_dataset)
    {
      dataset = load_dataset (options, geodata, &error);
      if (dataset == NULL)
        return failure (error);
      fa_map_state_set_dataset (state, dataset);
      /* An animation is framed on every flow it will show. */
      if (animated)
        {
          if (!parse_animation_months (options, dataset, &from, &to, &error))
            return usage_error (error->message);
          filter = FA_TIME_FILTER_ALL;
          filter.mode = FA_TIME_MODE_WINDOW;
          filter.from = from;
          filter.month = to;
        }
      fa_map_state_set_time_filter (state, &filter);
      fa_map_state_set_undated_every_month (state, options->undated_every_month);
      if (options->show != NULL && !fa_map_apply_show (map, options->show, &error))
        return usage_error (error->message);
    }
  else if (options->show != NULL || options->date != NULL || options->panels != NULL)
    return usage_error (_("--show, --date, --frames and --panels need a dataset; drop --no-dataset"));

  if (options->pages != NULL && !find_presets (dataset, options->pages, presets, &error))
    return usage_error (error->message);

  if (loader != NULL)
    {
      ShapefileLoad *load = g_thread_join (g_steal_pointer (&loader));

      if (load->error != NULL)
        {
          int status = failure (load->error);

          shapefile_load_free (load);
          return status;
        }
      for (guint i = 0; i < load->files->len; i++)
        {
          FaShapefile *shp = g_ptr_array_index (load->files, i);
          const char * const *warnings = fa_shapefile_get_warnings (shp);
          FaShapeLayer *layer;

          for (guint w = 0; warnings[w] != NULL; w++)
            /* TRANSLATORS: a problem that does not stop the export, e.g. a
             * shapefile's unreadable .prj; %s is the message */
            g_printerr (_("flowatlas: warning: %s\n"), warnings[w]);
          layer = fa_map_add_shapefile (map, shp, &error);
          if (layer == NULL)
            {
              shapefile_load_free (load);
              return failure (error);
            }
          if (options->shapefile_labels != NULL && i < g_strv_length (options->shapefile_labels))
            fa_shape_layer_set_label_field (layer, options->shapefile_labels[i]);
        }
      shapefile_load_free (load);
    }

  fa_map_state_set_show_legend (state, legend_shown);
  fa_map_state_set_arrow_labels (state, options->labels);
  fa_map_state_set_show_regions (state, !options->no_regions);
  fa_map_state_set_min_count (state, options->min_count);
  fa_map_state_set_top (state, (guint) options->top);
  fa_map_state_set_rescale_widths (state, options->rescale_widths);
  fa_map_state_set_legend_position (state, legend_position);
  fa_map_state_set_clustering (state, clustering);
  fa_map_state_set_title (state, options->title);
  fa_map_state_set_subtitle (state, options->subtitle);

  if (options->extent == NULL)
    fa_projection_get_default_extent (projection, extent);
  else if (!check_extent (options, projection, extent, width, height, &error))
    return usage_error (error->message);

  if (animated)
    {
      g_autoptr(FaMapSnapshot) snapshot = fa_map_state_snapshot (state);
      int fps = options->fps != 0 ? options->fps : FA_ANIMATION_DEFAULT_FPS;
      double speed = options->speed != 0 ? options->speed : FA_ANIMATION_DEFAULT_SPEED;

      viewport = frame_viewport (options, map, style, options->show != NULL, TRUE, &filter, extent, width, height);
      if (!fa_animation_export (fa_map_get_renderer (map), viewport, style, snapshot, from, to,
                                fps, speed, options->export_path,
                                isatty (STDERR_FILENO) ? progress_cb : NULL, NULL,
                                NULL, &error))
        return failure (error);
      return FA_EXIT_OK;
    }

  return write_sheets (options, map, style, format, scale, width, height, paper_margin,
                       &series, presets, &panel_dates);
}

#ifdef __GLIBC__
/* glibc's gettext caches what it found; this counter says the language
 * changed (the documented way, see the gettext manual). */
extern int _nl_msg_cat_cntr;
#endif

/**
 * fa_cli_set_language:
 * @lang: a language code: `fr`, `uk`, `zh_CN`
 *
 * Makes every message, date and name written from now on (the map's
 * title, date line, legend, names; errors) be in @lang where FlowAtlas
 * and the dataset have it, whatever the environment says.
 *
 * Returns: %FALSE if @lang is not a language code
 */
gboolean
fa_cli_set_language (const char *lang)
{
  const char *messages;

  /* ll, lll or ll_CC: nothing else reaches the environment. */
  if (!g_regex_match_simple ("^[a-z]{2,3}(_[A-Z]{2})?$", lang, 0, 0))
    return FALSE;

  g_setenv ("LANGUAGE", lang, TRUE);
  /* gettext ignores LANGUAGE in the C locale: its UTF-8 twin is always
   * there and keeps everything else as it was. */
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    setlocale (LC_MESSAGES, "C.UTF-8");
#ifdef __GLIBC__
  ++_nl_msg_cat_cntr;
#endif

  return TRUE;
}

/**
 * fa_cli_run:
 *
 * Runs the headless command described by @options.
 *
 * Returns: the process exit code
 */
int
fa_cli_run (FaCliOptions *options)
{
  if (options->lang != NULL && !options->version)
    {
      if (options->export_path == NULL && !options->check && !options->list)
        return usage_error (_("--lang is for --export, --check and --list; the window follows the desktop’s language"));
      if (!fa_cli_set_language (options->lang))
        return usage_error (_("--lang expects a language code such as fr, uk or zh_CN"));
    }

  if (options->version)
    {
      g_print ("flowatlas %s\n", PACKAGE_VERSION);
      return FA_EXIT_OK;
    }

  if (options->check + options->list + (options->export_path != NULL) > 1)
    return usage_error (_("--export, --check and --list cannot be combined"));
  if (options->remaining != NULL && options->remaining[0] != NULL && options->remaining[1] != NULL)
    return usage_error (_("only one DATASET can be given"));

  if (options->check)
    return run_check (options);
  if (options->list)
    return run_list (options);
  if (options->export_path != NULL)
    return run_export (options);

  return usage_error (_("nothing to do"));
}
