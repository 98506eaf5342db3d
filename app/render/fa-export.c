/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <png.h>
#include <setjmp.h>

#include "fa-export.h"

#include "fa-autocleanups.h"
#include "fa-label-placer.h"
#include "fa-glyph-check.h"
#include "fa-legend-layer.h"
#include "fa-map-state.h"

/* Cairo keeps image surfaces in memory: cap them at 400 megapixels. */
#define MAX_PIXELS (400.0 * 1000 * 1000)

/* cairo_surface_write_to_png() compresses at zlib's default level and lets
 * libpng try every row filter, which makes writing a 1920×1080 map cost as
 * much as drawing it.  Maps are mostly flat colour: unfiltered rows at the
 * fastest level write in a third of the time and, here, even smaller files,
 * so we drive libpng ourselves with those settings. */
#define PNG_ZLIB_LEVEL 1

G_DEFINE_QUARK (fa-export-error-quark, fa_export_error)

/**
 * fa_export_format_from_path:
 * @format: (out): the format named by @path's extension
 *
 * Returns: %TRUE if @path ends in .png, .svg, .pdf, or, for an
 *   animation, .webm or .gif (any case)
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
  else if (g_str_has_suffix (lower, ".webm"))
    *format = FA_EXPORT_WEBM;
  else if (g_str_has_suffix (lower, ".gif"))
    *format = FA_EXPORT_GIF;
  else
    {
      basename = g_path_get_basename (path);
      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_FORMAT,
                   _("%s: unknown file type; expected a name ending in .png, .svg, .pdf, .webm or .gif"),
                   basename);
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

/* Writes @surface as a PNG into @file; on failure @failure_message says
 * why (libpng's words, or the system's reason for a failed write). */
static gboolean
write_png (cairo_surface_t  *surface,
           FILE             *file,
           char             *failure_message,
           gsize             failure_len)
{
  /* volatile: these change between setjmp() and a longjmp() back. */
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
  return TRUE;

fail:
  png_destroy_write_struct (&png, &info);
  g_free (row);
  /* libpng says "Write Error" for a full disk: the system says why. */
  if (ferror (file) && errno != 0)
    g_strlcpy (failure_message, g_strerror (errno), failure_len);
  else
    g_strlcpy (failure_message, failure.message, failure_len);
  return FALSE;
}

/* SVG and PDF surfaces write as they go, into the temporary file. */
typedef struct
{
  FILE *file;
  int   saved_errno;
} StreamTarget;

static cairo_status_t
write_stream_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  StreamTarget *target = closure;

  if (target->saved_errno != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (fwrite (data, 1, length, target->file) != length)
    {
      target->saved_errno = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 const char  *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_WRITE,
               /* translators: 1: a file path, 2: the reason, such as "No space left on device" */
               _("%s: cannot write the map: %s"), display, reason);
}

/**
 * fa_export_to_file:
 * @viewport: the view to draw; its width and height are the image size in
 *   pixels (PNG) or points (SVG, PDF)
 * @state: (nullable): what to draw of the dataset; %NULL draws the base
 *   map and user layers only
 * @pixel_scale: device pixels per pixel, for PNG only (2 for a sharper image)
 * @path: the file to write; its extension picks the format
 * @cancellable: (nullable): checked before the file is put in place: a
 *   cancelled export leaves nothing behind
 *
 * Draws every layer as vectors (SVG and PDF keep lines and text as
 * vectors) into a temporary file beside @path, and renames it over @path
 * only once it is complete: a failed export leaves an earlier file as it
 * was.
 *
 * Returns: %TRUE on success; otherwise %FALSE with @error set, naming @path
 *   and the system's reason
 */
gboolean
fa_export_to_file (FaRenderer          *renderer,
                   FaViewport          *viewport,
                   const FaMapStyle    *style,
                   const FaMapSnapshot *state,
                   double               pixel_scale,
                   const char          *path,
                   GCancellable        *cancellable,
                   GError             **error)
{
  FaExportPanel panel = { (FaMapSnapshot *) state, viewport, 0, 0 };
  FaExportPage page = { 0 };

  g_return_val_if_fail (FA_IS_VIEWPORT (viewport), FALSE);

  page.width = fa_viewport_get_width (viewport);
  page.height = fa_viewport_get_height (viewport);
  page.panels = &panel;
  page.n_panels = 1;

  return fa_export_pages_to_file (renderer, style, &page, 1, pixel_scale, path, cancellable, error);
}

#define HEADING_PADDING 24

static PangoLayout *
heading_layout (cairo_t          *cr,
                const FaMapStyle *style,
                double            size,
                int               weight,
                double            width,
                const char       *text)
{
  PangoLayout *layout = fa_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, style->font_family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (MAX (100, width - 2 * HEADING_PADDING) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  /* Hinting would make the PDF's text differ from the PNG's. */
  /* Laid out in full here; its callers measure the same lines. */
  fa_glyph_check_layout (layout);
  return layout;
}

/* Lays out (and with @cr drawing, draws) a page's heading; returns its
 * height. */
static double
page_heading (cairo_t          *cr,
              const FaMapStyle *style,
              double            width,
              const char       *heading,
              const char       *subheading,
              gboolean          draw)
{
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) sub = NULL;
  PangoRectangle l1 = { 0 }, l2 = { 0 };
  gboolean has_title = heading != NULL && heading[0] != '\0';
  gboolean has_sub = subheading != NULL && subheading[0] != '\0';
  double y = HEADING_PADDING;

  if (!has_title && !has_sub)
    return 0;

  if (has_title)
    {
      title = heading_layout (cr, style, 26, PANGO_WEIGHT_BOLD, width, heading);
      pango_layout_get_pixel_extents (title, NULL, &l1);
      if (draw)
        {
          cairo_move_to (cr, HEADING_PADDING, y);
          fa_map_style_set_source (cr, &style->legend_fg);
          pango_cairo_show_layout (cr, title);
        }
      y += l1.height + 4;
    }
  if (has_sub)
    {
      sub = heading_layout (cr, style, 16, PANGO_WEIGHT_SEMIBOLD, width, subheading);
      pango_layout_get_pixel_extents (sub, NULL, &l2);
      if (draw)
        {
          cairo_move_to (cr, HEADING_PADDING, y);
          fa_map_style_set_source_alpha (cr, &style->legend_fg, 0.75);
          pango_cairo_show_layout (cr, sub);
        }
      y += l2.height;
    }

  return y + HEADING_PADDING * 0.75;
}

/**
 * fa_export_page_heading_height:
 *
 * Returns: the height a page's heading takes at the top of a page
 *   @width wide, so that its panels go below it; 0 without text
 */
double
fa_export_page_heading_height (const FaMapStyle *style,
                               double            width,
                               const char       *heading,
                               const char       *subheading)
{
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  g_autoptr(cairo_t) cr = cairo_create (surface);

  g_return_val_if_fail (style != NULL, 0);

  return page_heading (cr, style, width, heading, subheading, FALSE);
}

/* --- Pages of panels ------------------------------------------------------ */

#define PANEL_GAP 16

/* Where the maps of a page of panels go: 1×2, 1×3 or 2×2, under the
 * page's heading and @edge from the page's sides. */
typedef struct
{
  guint  cols;
  guint  rows;
  double edge;
  double top;
  double panel_width;
  double panel_height;
} PanelGrid;

static void
panel_grid (PanelGrid        *grid,
            const FaMapStyle *style,
            guint             n_panels,
            double            width,
            double            height,
            double            margin,
            const char       *heading,
            const char       *subheading)
{
  double gap = PANEL_GAP;

  grid->cols = n_panels == 4 ? 2 : n_panels;
  grid->rows = n_panels == 4 ? 2 : 1;
  grid->edge = MAX (margin, 16);
  grid->top = MAX (grid->edge, fa_export_page_heading_height (style, width, heading, subheading));
  grid->panel_width = (width - 2 * grid->edge - gap * (grid->cols - 1)) / grid->cols;
  grid->panel_height = (height - grid->top - grid->edge - gap * (grid->rows - 1)) / grid->rows;
}

/**
 * fa_export_panels_fit:
 * @n_panels: two to four
 * @margin: the page's margin (paper); the maps keep at least 16 from its
 *   sides
 * @heading: (nullable): the page's title
 * @subheading: (nullable): the line under it
 *
 * Returns: whether @n_panels maps side by side fit on a page of @width ×
 *   @height: each at least %FA_EXPORT_PANEL_MIN_SIZE on a side
 */
gboolean
fa_export_panels_fit (const FaMapStyle *style,
                      guint             n_panels,
                      double            width,
                      double            height,
                      double            margin,
                      const char       *heading,
                      const char       *subheading)
{
  PanelGrid grid;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (n_panels >= 2 && n_panels <= FA_EXPORT_MAX_PANELS, FALSE);

  panel_grid (&grid, style, n_panels, width, height, margin, heading, subheading);
  return grid.panel_width >= FA_EXPORT_PANEL_MIN_SIZE && grid.panel_height >= FA_EXPORT_PANEL_MIN_SIZE;
}

/**
 * fa_export_page_init_panels:
 * @page: (out caller-allocates): the page to fill; free what it holds
 *   with fa_export_page_clear()
 * @base: the map to compare, at its own time; each panel is a copy at
 *   one of @dates
 * @dates: (array length=n_dates): the time of each map, in order: left to
 *   right, then top to bottom
 * @n_dates: two to four: 1×2, 1×3 or 2×2 maps
 * @frame: frames the maps, all alike, at their size: the command line's
 *   story or extent, or the window's view
 * @width: the page's size, in pixels (PNG) or points (SVG, PDF)
 * @margin: around the page (paper); the maps keep at least 16 from its
 *   sides
 * @heading: (nullable): the page's title, above the maps
 * @subheading: (nullable): the line under it
 *
 * Lays out one page comparing @base at several dates: maps of the same
 * view side by side at the same scale, each titled by its date line,
 * under the page's heading, and, when @base shows a legend and there is
 * room, one legend for them all in a strip below them.  The command line's
 * `--panels` and the export dialog both draw this page.
 *
 * Returns: %TRUE with @page filled; %FALSE with @error set
 *   (%FA_EXPORT_ERROR_SIZE) when a map would be under
 *   %FA_EXPORT_PANEL_MIN_SIZE on a side, @page then empty
 */
gboolean
fa_export_page_init_panels (FaExportPage        *page,
                            FaRenderer          *renderer,
                            const FaMapStyle    *style,
                            const FaMapSnapshot *base,
                            const FaTimeFilter  *dates,
                            guint                n_dates,
                            FaExportFrameFunc    frame,
                            gpointer             frame_data,
                            double               width,
                            double               height,
                            double               margin,
                            const char          *heading,
                            const char          *subheading,
                            GError             **error)
{
  FaLegendLayer *legend;
  PanelGrid grid;
  double gap = PANEL_GAP;
  double top, edge, pw, ph;
  guint cols, rows;

  g_return_val_if_fail (page != NULL, FALSE);
  g_return_val_if_fail (FA_IS_RENDERER (renderer), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (base != NULL, FALSE);
  g_return_val_if_fail (dates != NULL, FALSE);
  g_return_val_if_fail (n_dates >= 2 && n_dates <= FA_EXPORT_MAX_PANELS, FALSE);
  g_return_val_if_fail (frame != NULL, FALSE);

  *page = (FaExportPage) { 0 };
  panel_grid (&grid, style, n_dates, width, height, margin, heading, subheading);
  cols = grid.cols;
  rows = grid.rows;
  edge = grid.edge;
  top = grid.top;
  pw = grid.panel_width;
  ph = grid.panel_height;
  if (pw < FA_EXPORT_PANEL_MIN_SIZE || ph < FA_EXPORT_PANEL_MIN_SIZE)
    {
      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_SIZE,
                   /* translators: 1: a number of maps, 2 and 3: the page's width and height,
                    * 4: the smallest side of a map */
                   _("%u maps side by side do not fit on a page of %d×%d: each would be under %d on a side"),
                   n_dates, (int) width, (int) height, FA_EXPORT_PANEL_MIN_SIZE);
      return FALSE;
    }

  page->width = width;
  page->height = height;
  page->heading = g_strdup (heading);
  page->subheading = g_strdup (subheading);

  /* One legend below the maps serves them all: measured on the maps as
   * they would be without it, then room is made. */
  legend = (FaLegendLayer *) fa_renderer_find_layer (renderer, FA_TYPE_LEGEND_LAYER);
  if (base->show_legend && legend != NULL)
    {
      g_autoptr(GArray) contexts = g_array_new (FALSE, FALSE, sizeof (FaRenderContext));
      g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) keep_snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) fa_map_snapshot_unref);
      double lw, lh;

      for (guint d = 0; d < n_dates; d++)
        {
          FaMapSnapshot *snapshot = fa_map_snapshot_copy_at_time (base, &dates[d], -1);
          FaViewport *viewport = frame (pw, ph, frame_data);
          FaRenderContext ctx;

          fa_renderer_init_context (renderer, &ctx, viewport, style, snapshot);
          ctx.for_export = TRUE;
          g_array_append_val (contexts, ctx);
          g_ptr_array_add (keep, viewport);
          g_ptr_array_add (keep_snapshots, snapshot);
        }
      if (fa_legend_layer_measure_shared (legend, (const FaRenderContext *) (gpointer) contexts->data,
                                          contexts->len, width - 2 * edge,
                                          (height - top - edge) * 0.45, &lw, &lh) &&
          (height - top - edge - lh - gap - gap * (rows - 1)) / rows >= FA_EXPORT_PANEL_MIN_SIZE)
        {
          ph = (height - top - edge - lh - gap - gap * (rows - 1)) / rows;
          page->legend = (FaRect) { edge, height - edge - lh, width - edge, height - edge };
        }
    }

  page->n_panels = n_dates;
  page->panels = g_new0 (FaExportPanel, n_dates);
  for (guint d = 0; d < n_dates; d++)
    {
      FaMapSnapshot *snapshot = fa_map_snapshot_copy_at_time (base, &dates[d], -1);

      /* Each map is titled by its date; one legend serves them all, or
       * failing room for it, the last map has its own. */
      g_free (snapshot->title);
      snapshot->title = fa_time_filter_describe (&dates[d], FA_MONTH_NONE);
      g_free (snapshot->subtitle);
      snapshot->subtitle = g_strdup ("");
      snapshot->show_legend = snapshot->show_legend && page->legend.x2 <= page->legend.x1 && d == n_dates - 1;
      /* The credit once for the page, on the last map, not over every one. */
      snapshot->hide_credits = d != n_dates - 1;
      page->panels[d].snapshot = snapshot;
      page->panels[d].viewport = frame (pw, ph, frame_data);
      page->panels[d].x = edge + (d % cols) * (pw + gap);
      page->panels[d].y = top + (d / cols) * (ph + gap);
    }

  return TRUE;
}

/**
 * fa_export_page_clear:
 *
 * Frees what a page holds, as fa_export_page_init_panels() fills it: its
 * panels' snapshots and viewports, the panels and the heading's texts;
 * leaves @page empty.
 */
void
fa_export_page_clear (FaExportPage *page)
{
  g_return_if_fail (page != NULL);

  for (guint i = 0; i < page->n_panels; i++)
    {
      g_clear_pointer (&page->panels[i].snapshot, fa_map_snapshot_unref);
      g_clear_object (&page->panels[i].viewport);
    }
  g_free (page->panels);
  g_free ((char *) page->heading);
  g_free ((char *) page->subheading);
  *page = (FaExportPage) { 0 };
}

static gboolean
page_is_one_map (const FaExportPage *page)
{
  return page->n_panels == 1 && page->panels[0].x == 0 && page->panels[0].y == 0 &&
         fa_viewport_get_width (page->panels[0].viewport) == page->width &&
         fa_viewport_get_height (page->panels[0].viewport) == page->height &&
         (page->heading == NULL || page->heading[0] == '\0') &&
         (page->subheading == NULL || page->subheading[0] == '\0') &&
         !(page->legend.x2 > page->legend.x1);
}

static void
draw_page (FaRenderer         *renderer,
           const FaMapStyle   *style,
           const FaExportPage *page,
           cairo_t            *cr,
           cairo_surface_t    *surface,
           FaExportFormat      format,
           double              pixel_scale)
{
  FaRenderContext ctx;
  g_autoptr(GArray) contexts = NULL;

  if (page_is_one_map (page))
    {
      fa_renderer_init_context (renderer, &ctx, page->panels[0].viewport, style, page->panels[0].snapshot);
      ctx.for_export = TRUE;
      if (format == FA_EXPORT_PNG)
        fa_renderer_render_image (renderer, cr, surface, &ctx, pixel_scale);
      else
        fa_renderer_render (renderer, cr, &ctx, FA_LAYERS_ALL);
      return;
    }

  contexts = g_array_new (FALSE, FALSE, sizeof (FaRenderContext));

  /* The page around and between the maps is the legend's paper. */
  fa_map_style_set_source (cr, &style->legend_bg);
  cairo_paint (cr);
  page_heading (cr, style, page->width, page->heading, page->subheading, TRUE);

  for (guint i = 0; i < page->n_panels; i++)
    {
      const FaExportPanel *panel = &page->panels[i];

      cairo_save (cr);
      cairo_translate (cr, panel->x, panel->y);
      cairo_rectangle (cr, 0, 0, fa_viewport_get_width (panel->viewport), fa_viewport_get_height (panel->viewport));
      cairo_clip (cr);
      fa_renderer_init_context (renderer, &ctx, panel->viewport, style, panel->snapshot);
      ctx.for_export = TRUE;
      fa_renderer_render (renderer, cr, &ctx, FA_LAYERS_ALL);
      cairo_restore (cr);

      if (page->legend.x2 > page->legend.x1)
        g_array_append_val (contexts, ctx);

      /* A hairline frames each map on the page. */
      cairo_save (cr);
      cairo_rectangle (cr, panel->x + 0.5, panel->y + 0.5,
                       fa_viewport_get_width (panel->viewport) - 1,
                       fa_viewport_get_height (panel->viewport) - 1);
      fa_map_style_set_source (cr, &style->legend_border);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* One legend for every map of the page: each entry once. */
  if (page->legend.x2 > page->legend.x1 && contexts->len > 0)
    {
      FaMapLayer *legend = fa_renderer_find_layer (renderer, FA_TYPE_LEGEND_LAYER);

      if (legend != NULL)
        fa_legend_layer_draw_shared (FA_LEGEND_LAYER (legend), cr,
                                     (const FaRenderContext *) (gpointer) contexts->data, contexts->len,
                                     page->legend.x1, page->legend.y1,
                                     page->legend.x2 - page->legend.x1, page->legend.y2 - page->legend.y1);
    }
}

/**
 * fa_export_pages_to_file:
 * @pages: (array length=n_pages): what to draw; PNG and SVG take one page
 * @pixel_scale: device pixels per pixel, for PNG only (2 for a sharper image)
 * @path: the file to write; its extension picks the format
 * @cancellable: (nullable): checked between pages and before the file is
 *   put in place: a cancelled export leaves nothing behind
 *
 * Like fa_export_to_file(), for pages of one or more maps: a PDF gets one
 * page each, in order, each at its own size.
 *
 * Returns: %TRUE on success; otherwise %FALSE with @error set, naming @path
 *   and the system's reason
 */
gboolean
fa_export_pages_to_file (FaRenderer          *renderer,
                         const FaMapStyle    *style,
                         const FaExportPage  *pages,
                         guint                n_pages,
                         double               pixel_scale,
                         const char          *path,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *display = NULL;
  StreamTarget target = { NULL, 0 };
  FaExportFormat format;
  char reason[256] = "";
  gboolean ok = FALSE;
  int fd;
  double width, height;

  g_return_val_if_fail (FA_IS_RENDERER (renderer), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (pages != NULL && n_pages > 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!fa_export_format_from_path (path, &format, error))
    return FALSE;
  if (format == FA_EXPORT_WEBM || format == FA_EXPORT_GIF)
    {
      g_autofree char *basename = g_path_get_basename (path);

      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_FORMAT,
                   _("%s: .webm and .gif are animations of the timeline, not single images; "
                     "export them as an animation"), basename);
      return FALSE;
    }

  display = g_filename_display_name (path);
  if (n_pages > 1 && format != FA_EXPORT_PDF)
    {
      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_FORMAT,
                   /* translators: %s is a file path; %u a number of pages, always more than one */
                   _("%s: only a PDF holds several pages; this export has %u"), display, n_pages);
      return FALSE;
    }

  width = pages[0].width;
  height = pages[0].height;
  if (format != FA_EXPORT_PNG)
    pixel_scale = 1;
  for (guint p = 0; p < n_pages; p++)
    if (!(pixel_scale >= 0.1 && pixel_scale <= 16) || !(pages[p].width >= 1 && pages[p].height >= 1) ||
        pages[p].width * pixel_scale * pages[p].height * pixel_scale > MAX_PIXELS)
      {
        g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_SIZE,
                     /* translators: 1: a file path, 2: width, 3: height, 4: scale */
                     _("%s: an image of %d×%d at scale %g is too large"),
                     display, (int) pages[p].width, (int) pages[p].height, pixel_scale);
        return FALSE;
      }

  /* The temporary file lives beside the target, so that the rename is
   * atomic and a full disk shows before anything is replaced. */
  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_write_error (error, path, g_strerror (saved_errno));
      return FALSE;
    }
  /* g_mkstemp_full() creates 0600; a map is a document like any other. */
  {
    mode_t mask = umask (0);

    umask (mask);
    fchmod (fd, 0666 & ~mask);
  }
  target.file = fdopen (fd, "wb");
  if (target.file == NULL)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp_path);
      set_write_error (error, path, g_strerror (saved_errno));
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
      surface = cairo_svg_surface_create_for_stream (write_stream_cb, &target, width, height);
      break;

    case FA_EXPORT_PDF:
    default:
      surface = cairo_pdf_surface_create_for_stream (write_stream_cb, &target, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "FlowAtlas " PACKAGE_VERSION);
      break;
    }
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_strlcpy (reason, cairo_status_to_string (cairo_surface_status (surface)), sizeof reason);
      goto out;
    }

  cr = cairo_create (surface);
  cairo_scale (cr, pixel_scale, pixel_scale);
  for (guint p = 0; p < n_pages; p++)
    {
      if (p > 0)
        {
          cairo_show_page (cr);
          cairo_pdf_surface_set_size (surface, pages[p].width, pages[p].height);
        }
      draw_page (renderer, style, &pages[p], cr, surface, format, pixel_scale);
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS && target.saved_errno == 0)
    {
      g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_WRITE,
                   _("%s: cannot draw the map: %s"), display, cairo_status_to_string (cairo_status (cr)));
      g_clear_pointer (&cr, cairo_destroy);
      g_clear_pointer (&surface, cairo_surface_destroy);
      fclose (target.file);
      g_unlink (tmp_path);
      return FALSE;
    }
  g_clear_pointer (&cr, cairo_destroy);

  if (format == FA_EXPORT_PNG)
    {
      if (!write_png (surface, target.file, reason, sizeof reason))
        goto out;
    }
  else
    {
      cairo_surface_finish (surface);
      if (target.saved_errno != 0)
        {
          g_strlcpy (reason, g_strerror (target.saved_errno), sizeof reason);
          goto out;
        }
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        {
          g_strlcpy (reason, cairo_status_to_string (cairo_surface_status (surface)), sizeof reason);
          goto out;
        }
    }

  /* A full disk may show only when the buffered rest is written. */
  if (fflush (target.file) != 0 || fsync (fileno (target.file)) != 0)
    {
      g_strlcpy (reason, g_strerror (errno), sizeof reason);
      goto out;
    }
  ok = TRUE;

out:
  if (fclose (target.file) != 0 && ok)
    {
      g_strlcpy (reason, g_strerror (errno), sizeof reason);
      ok = FALSE;
    }
  if (ok && g_cancellable_is_cancelled (cancellable))
    {
      g_unlink (tmp_path);
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  if (ok && g_rename (tmp_path, path) != 0)
    {
      g_strlcpy (reason, g_strerror (errno), sizeof reason);
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp_path);
      set_write_error (error, path, reason[0] != '\0' ? reason : g_strerror (EIO));
    }

  return ok;
}

/**
 * fa_export_draw_page:
 * @page: what to draw, in @cr's units (points on paper)
 * @cr: where to draw: a print context's, or a recording surface's
 *
 * Draws @page as a PDF export draws it, every layer as vectors, onto a
 * caller's Cairo context: printing lays out its pages exactly like the
 * exported files.  Safe on a worker thread, as exports are.
 */
void
fa_export_draw_page (FaRenderer         *renderer,
                     const FaMapStyle   *style,
                     const FaExportPage *page,
                     cairo_t            *cr)
{
  g_return_if_fail (FA_IS_RENDERER (renderer));
  g_return_if_fail (style != NULL);
  g_return_if_fail (page != NULL && page->n_panels > 0);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  draw_page (renderer, style, page, cr, cairo_get_target (cr), FA_EXPORT_PDF, 1);
  cairo_restore (cr);
}
