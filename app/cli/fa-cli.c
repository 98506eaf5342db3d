/* fa-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fa-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "fa-cli.h"
#include "fa-export.h"
#include "fa-geodata.h"
#include "fa-map-style.h"
#include "fa-projection.h"
#include "fa-renderer.h"
#include "fa-shape-layer.h"

#define DEFAULT_WIDTH  1920
#define DEFAULT_HEIGHT 1080
#define MAX_SIDE       20000

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
      N_("Draw the map into FILE without opening a window; .png, .svg or .pdf"), N_("FILE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &options->size,
      N_("Image size in pixels (PNG) or points (SVG, PDF); default 1920x1080"), N_("WxH") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &options->scale,
      N_("Pixel density of a PNG, e.g. 2 for a sharper image; default 1"), N_("N") },
    { "projection", 'p', 0, G_OPTION_ARG_STRING, &options->projection,
      N_("europe-asia (default), europe-russia, eurasia, world, a PROJ string or EPSG:code"), N_("P") },
    { "extent", 0, 0, G_OPTION_ARG_STRING, &options->extent,
      N_("Longitude/latitude box to show, fitted and centred in the image"), N_("W,S,E,N") },
    { "shapefile", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->shapefiles,
      N_("Add a shapefile as a layer above the base map; may be repeated"), N_("FILE") },
    { "style", 0, 0, G_OPTION_ARG_STRING, &options->style,
      N_("Palette of an export: print (default), light or dark"), N_("STYLE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version,
      N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->remaining,
      NULL, N_("[DATASET]") },
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
  g_clear_pointer (&options->shapefiles, g_strfreev);
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
  return options->export_path != NULL || options->check || options->list || options->version;
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
gboolean
fa_cli_parse_extent (const char *text,
                     double      extent[4])
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;

  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;
      const char *s = g_strstrip (parts[i]);

      if (*s == '\0')
        return FALSE;
      extent[i] = g_ascii_strtod (s, &end);
      if (end == NULL || *end != '\0' || !isfinite (extent[i]))
        return FALSE;
    }

  return extent[0] < extent[2] && extent[1] < extent[3] &&
         extent[1] >= -90 && extent[3] <= 90 &&
         extent[0] >= -540 && extent[2] <= 540;
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

static int
run_export (FaCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FaGeodata) geodata = NULL;
  g_autoptr(FaProjection) projection = NULL;
  g_autoptr(FaRenderer) renderer = NULL;
  g_autoptr(FaViewport) viewport = NULL;
  const FaMapStyle *style = fa_map_style_get (FA_MAP_STYLE_PRINT);
  FaExportFormat format;
  double extent[4];
  FaRect rect;
  int width = DEFAULT_WIDTH, height = DEFAULT_HEIGHT;
  double scale = options->scale > 0 ? options->scale : 1.0;

  /* Check the whole command line before doing any work. */
  if (options->size != NULL && !fa_cli_parse_size (options->size, &width, &height))
    return usage_error (_("--size expects WIDTHxHEIGHT, such as 1920x1080, each from 1 to 20000"));
  if (options->scale != 0 && !(options->scale >= 0.1 && options->scale <= 16))
    return usage_error (_("--scale expects a number from 0.1 to 16"));
  if (options->extent != NULL && !fa_cli_parse_extent (options->extent, extent))
    return usage_error (_("--extent expects WEST,SOUTH,EAST,NORTH in degrees, such as 20,40,60,60"));
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

  projection = fa_projection_new (options->projection ? options->projection : FA_PROJECTION_DEFAULT_PRESET,
                                  &error);
  if (projection == NULL)
    return usage_error (error->message);

  geodata = fa_geodata_new (NULL, &error);
  if (geodata == NULL)
    return failure (error);

  renderer = fa_renderer_new_for_geodata (geodata, projection, &error);
  if (renderer == NULL)
    return failure (error);

  for (guint i = 0; options->shapefiles != NULL && options->shapefiles[i] != NULL; i++)
    {
      g_autoptr(FaShapeLayer) layer = NULL;

      layer = fa_shape_layer_new_from_file (options->shapefiles[i], projection,
                                            fa_map_style_get_layer_color (i), &error);
      if (layer == NULL)
        return failure (error);
      fa_renderer_add_layer (renderer, FA_MAP_LAYER (layer));
    }

  if (options->extent == NULL)
    fa_projection_get_default_extent (projection, extent);
  if (!fa_projection_project_extent (projection, extent, &rect))
    {
      g_autofree char *message =
        g_strdup_printf (_("--extent %g,%g,%g,%g cannot be shown in projection “%s”"),
                         extent[0], extent[1], extent[2], extent[3],
                         fa_projection_get_definition (projection));
      return usage_error (message);
    }

  viewport = fa_viewport_new ();
  fa_viewport_set_size (viewport, width, height);
  fa_viewport_fit_rect (viewport, &rect, 0);

  if (!fa_export_to_file (renderer, viewport, style, NULL, scale,
                          options->export_path, &error))
    return failure (error);

  return FA_EXIT_OK;
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
  if (options->version)
    {
      g_print ("flowatlas %s\n", PACKAGE_VERSION);
      return FA_EXIT_OK;
    }

  if (options->export_path != NULL)
    return run_export (options);

  return usage_error (_("nothing to do"));
}
