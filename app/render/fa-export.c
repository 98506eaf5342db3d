/* fa-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fa-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <png.h>
#include <setjmp.h>

#include "fa-export.h"

#include "fa-autocleanups.h"
#include "fa-shape-layer.h"

/* Cairo keeps image surfaces in memory: cap them at 400 megapixels. */
#define MAX_PIXELS (400.0 * 1000 * 1000)

/* cairo_surface_write_to_png() compresses at zlib's default level and lets
 * libpng try every row filter, which makes writing a 1920×1080 map cost as
 * much as drawing it.  Maps are mostly flat colour: unfiltered rows at the
 * fastest level write in a third of the time and, here, even smaller files,
 * so we drive libpng ourselves with those settings. */
#define PNG_ZLIB_LEVEL 1

/* Shapefile layers can be large (Natural Earth's admin-1 has 1.3 million
 * points), so they are drawn on a second thread into an image of their own
 * while the main thread draws the layers below, then composited in place.
 * Only shape layers go there: they draw immutable geometry with Cairo alone
 * (no Pango) and only ever paint over, so drawing them apart and compositing
 * the result gives the same pixels.  Below this many points a thread does
 * not pay for its image and the compositing. */
#define PARALLEL_MIN_POINTS 100000

typedef struct
{
  GPtrArray             *layers;        /* owned: the FaMapLayers to draw, bottom first */
  cairo_surface_t       *surface;       /* owned: transparent, the size of the export */
  double                 pixel_scale;
  const FaRenderContext *ctx;           /* borrowed: read-only while the thread runs */
  cairo_status_t         status;
} LayerJob;

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

static gboolean
is_opaque (const guint8 *data,
           int           width,
           int           height,
           int           stride)
{
  for (int y = 0; y < height; y++)
    {
      const guint32 *pixels = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          if (pixels[x] < 0xff000000)
            return FALSE;
        }
    }

  return TRUE;
}

/* One PNG row.  Cairo's pixels are premultiplied native-endian 0xAARRGGBB
 * words; PNG wants straight RGB(A) bytes. */
static void
convert_row (const guint32 *pixels,
             guint8        *out,
             int            width,
             gboolean       alpha)
{
  if (!alpha)
    {
      for (int x = 0; x < width; x++, out += 3)
        {
          out[0] = pixels[x] >> 16;
          out[1] = pixels[x] >> 8;
          out[2] = pixels[x];
        }
      return;
    }

  for (int x = 0; x < width; x++, out += 4)
    {
      guint a = pixels[x] >> 24;
      guint r = (pixels[x] >> 16) & 0xff;
      guint g = (pixels[x] >> 8) & 0xff;
      guint b = pixels[x] & 0xff;

      if (a == 0)
        r = g = b = 0;
      else if (a < 255)
        {
          r = (r * 255 + a / 2) / a;
          g = (g * 255 + a / 2) / a;
          b = (b * 255 + a / 2) / a;
        }
      out[0] = r;
      out[1] = g;
      out[2] = b;
      out[3] = a;
    }
}

typedef struct
{
  char    message[256];
  jmp_buf jump;
} PngFailure;

static void
png_error_cb (png_structp     png,
              png_const_charp message)
{
  PngFailure *failure = png_get_error_ptr (png);

  g_strlcpy (failure->message, message, sizeof failure->message);
  longjmp (failure->jump, 1);
}

static void
png_warning_cb (png_structp     png,
                png_const_charp message)
{
}

static gboolean
write_png (cairo_surface_t  *surface,
           const char       *path,
           GError          **error)
{
  /* volatile: these change between setjmp() and a longjmp() back. */
  FILE * volatile file = NULL;
  guint8 * volatile row = NULL;
  png_structp png = NULL;
  png_infop info = NULL;
  PngFailure failure = { { 0 } };
  const guint8 *data;
  int width, height, stride;
  gboolean alpha;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  g_assert (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32);

  /* Most maps cover every pixel: three bytes a pixel instead of four. */
  alpha = !is_opaque (data, width, height, stride);

  file = g_fopen (path, "wb");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_WRITE,
                   _("%s: cannot write the map: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &failure, png_error_cb, png_warning_cb);
  if (png != NULL)
    info = png_create_info_struct (png);
  if (png == NULL || info == NULL)
    {
      g_strlcpy (failure.message, g_strerror (ENOMEM), sizeof failure.message);
      goto fail;
    }

  if (setjmp (failure.jump))
    goto fail;

  png_init_io (png, file);
  png_set_compression_level (png, PNG_ZLIB_LEVEL);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_IHDR (png, info, width, height, 8, alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  png_write_info (png, info);

  row = g_malloc ((gsize) width * 4);
  for (int y = 0; y < height; y++)
    {
      convert_row ((const guint32 *) (gconstpointer) (data + (gsize) y * stride), row, width, alpha);
      png_write_row (png, row);
    }
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  g_free (row);

  /* A full disk may show only when the buffered rest is written. */
  if (fclose (file) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_WRITE,
                   _("%s: cannot write the map: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;

fail:
  png_destroy_write_struct (&png, &info);
  g_free (row);
  fclose (file);
  g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_WRITE,
               _("%s: cannot write the map: %s"), path, failure.message);
  return FALSE;
}

static gpointer
layer_job_thread (gpointer data)
{
  LayerJob *job = data;
  g_autoptr(cairo_t) cr = NULL;

  /* Touch every page by writing: the new image is calloc()'d, and blending
   * onto it would otherwise read the shared zero page first, then pay a
   * copy-on-write fault and a TLB shootdown of the other thread per page. */
  memset (cairo_image_surface_get_data (job->surface), 0,
          (gsize) cairo_image_surface_get_stride (job->surface) *
          cairo_image_surface_get_height (job->surface));
  cairo_surface_mark_dirty (job->surface);

  cr = cairo_create (job->surface);
  cairo_scale (cr, job->pixel_scale, job->pixel_scale);
  for (guint i = 0; i < job->layers->len; i++)
    fa_map_layer_render (g_ptr_array_index (job->layers, i), cr, job->ctx);
  job->status = cairo_status (cr);

  return NULL;
}

static void
render_range (GListModel            *layers,
              guint                  start,
              guint                  end,
              cairo_t               *cr,
              const FaRenderContext *ctx)
{
  for (guint i = start; i < end; i++)
    {
      g_autoptr(FaMapLayer) layer = g_list_model_get_item (layers, i);

      fa_map_layer_render (layer, cr, ctx);
    }
}

/* Draws every layer onto @cr, which targets the image @surface: the lowest
 * run of heavy shape layers on a second thread, see PARALLEL_MIN_POINTS. */
static void
render_image (FaRenderer            *renderer,
              cairo_t               *cr,
              cairo_surface_t       *surface,
              const FaRenderContext *ctx,
              double                 pixel_scale)
{
  GListModel *layers = fa_renderer_get_layers (renderer);
  guint n = g_list_model_get_n_items (layers);
  g_autoptr(GPtrArray) shapes = g_ptr_array_new_with_free_func (g_object_unref);
  guint first = n;
  guint64 n_points = 0;
  LayerJob job = { 0 };
  GThread *thread;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FaMapLayer) layer = g_list_model_get_item (layers, i);

      if (!FA_IS_SHAPE_LAYER (layer))
        {
          if (shapes->len > 0)
            break;
          continue;
        }

      if (shapes->len == 0)
        first = i;
      if (fa_map_layer_get_visible (layer))
        n_points += fa_feature_layer_get_n_points (fa_shape_layer_get_features (FA_SHAPE_LAYER (layer)));
      g_ptr_array_add (shapes, g_steal_pointer (&layer));
    }

  if (n_points < PARALLEL_MIN_POINTS || g_get_num_processors () < 2)
    {
      render_range (layers, 0, n, cr, ctx);
      return;
    }

  job.layers = shapes;
  job.pixel_scale = pixel_scale;
  job.ctx = ctx;
  job.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            cairo_image_surface_get_width (surface),
                                            cairo_image_surface_get_height (surface));
  if (cairo_surface_status (job.surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (job.surface);
      render_range (layers, 0, n, cr, ctx);
      return;
    }
  thread = g_thread_new ("fa-export-shapes", layer_job_thread, &job);
  render_range (layers, 0, first, cr, ctx);
  g_thread_join (thread);

  if (job.status == CAIRO_STATUS_SUCCESS)
    {
      cairo_save (cr);
      cairo_identity_matrix (cr);
      cairo_set_source_surface (cr, job.surface, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  else
    render_range (layers, first, first + shapes->len, cr, ctx);
  cairo_surface_destroy (job.surface);

  render_range (layers, first + shapes->len, n, cr, ctx);
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
  if (format == FA_EXPORT_PNG)
    render_image (renderer, cr, surface, &ctx, pixel_scale);
  else
    fa_renderer_render (renderer, cr, &ctx, FA_LAYERS_ALL);

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_WRITE,
                   _("%s: cannot draw the map: %s"), path, cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  g_clear_pointer (&cr, cairo_destroy);

  if (format == FA_EXPORT_PNG && !write_png (surface, path, error))
    return FALSE;

  cairo_surface_finish (surface);
  return check_surface (surface, path, error);
}
