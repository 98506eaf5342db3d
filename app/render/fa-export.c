/* fa-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fa-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "fa-autocleanups.h"
#include "fa-export.h"

/* Cairo keeps image surfaces in memory: cap them at 400 megapixels. */
#define MAX_PIXELS (400.0 * 1000 * 1000)

G_DEFINE_QUARK (fa-export-error-quark, fa_export_error)

/**
 * fa_export_format_from_path:
 * @format: (out): the format named by @path's extension
 *
 * Returns: %TRUE if @path ends in .png, .svg or .pdf (any case)
 */
gboolean
fa_export_format_from_path (const char      *path,
                            FaExportFormat  *format,
                            GError         **error)
{
  g_autofree char *lower = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    *format = FA_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = FA_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = FA_EXPORT_PDF;
  else
    {
      basename = g_path_get_basename (path);
      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_FORMAT,
                   _("%s: unknown file type; expected a name ending in .png, .svg or .pdf"),
                   basename);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_surface (cairo_surface_t  *surface,
               const char       *path,
               GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_WRITE,
                   /* translators: 1: a file path, 2: Cairo's error message */
                   _("%s: cannot write the map: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

/**
 * fa_export_to_file:
 * @viewport: the view to draw; its width and height are the image size in
 *   pixels (PNG) or points (SVG, PDF)
 * @time: (nullable): which flows to show; %NULL shows all
 * @pixel_scale: device pixels per pixel, for PNG only (2 for a sharper image)
 * @path: the file to write; its extension picks the format
 *
 * Draws every layer as vectors (SVG and PDF keep lines and text as
 * vectors) and writes the file.
 *
 * Returns: %TRUE on success; otherwise %FALSE with @error set, naming @path
 */
gboolean
fa_export_to_file (FaRenderer        *renderer,
                   FaViewport        *viewport,
                   const FaMapStyle  *style,
                   const FaTimeFilter *time,
                   double             pixel_scale,
                   const char        *path,
                   GError           **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  FaRenderContext ctx;
  FaExportFormat format;
  int width, height;

  g_return_val_if_fail (FA_IS_RENDERER (renderer), FALSE);
  g_return_val_if_fail (FA_IS_VIEWPORT (viewport), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!fa_export_format_from_path (path, &format, error))
    return FALSE;

  width = fa_viewport_get_width (viewport);
  height = fa_viewport_get_height (viewport);
  if (format != FA_EXPORT_PNG)
    pixel_scale = 1;
  if (!(pixel_scale >= 0.1 && pixel_scale <= 16) ||
      (double) width * pixel_scale * (double) height * pixel_scale > MAX_PIXELS)
    {
      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_SIZE,
                   /* translators: 1: a file path, 2: width, 3: height, 4: scale */
                   _("%s: an image of %d×%d at scale %g is too large"),
                   path, width, height, pixel_scale);
      return FALSE;
    }

  switch (format)
    {
    case FA_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) (width * pixel_scale + 0.5),
                                            (int) (height * pixel_scale + 0.5));
      break;

    case FA_EXPORT_SVG:
      surface = cairo_svg_surface_create (path, width, height);
      break;

    case FA_EXPORT_PDF:
    default:
      surface = cairo_pdf_surface_create (path, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "FlowAtlas " PACKAGE_VERSION);
      break;
    }
  if (!check_surface (surface, path, error))
    return FALSE;

  cr = cairo_create (surface);
  cairo_scale (cr, pixel_scale, pixel_scale);

  fa_renderer_init_context (renderer, &ctx, viewport, style, time);
  ctx.for_export = TRUE;
  fa_renderer_render (renderer, cr, &ctx, FA_LAYERS_ALL);

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_WRITE,
                   _("%s: cannot draw the map: %s"), path, cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  g_clear_pointer (&cr, cairo_destroy);

  if (format == FA_EXPORT_PNG)
    {
      cairo_status_t status = cairo_surface_write_to_png (surface, path);

      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_WRITE,
                       _("%s: cannot write the map: %s"), path, cairo_status_to_string (status));
          return FALSE;
        }
    }

  cairo_surface_finish (surface);
  return check_surface (surface, path, error);
}
