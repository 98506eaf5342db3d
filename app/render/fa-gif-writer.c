/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-gif-writer"

#include "config.h"

#include "fa-gif-writer.h"

#include <gif_lib.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "fa-export.h"

struct _FaGifWriter
{
  GifFileType *gif;        /* owned; closes the file descriptor */
  char        *display;    /* owned: the path named in errors */
  int          width;
  int          height;
  int          fps;
  guint64      n_frames;
  guint32     *previous;   /* owned: the last frame, 0xRRGGBB per pixel */
  /* Scratch space for one frame, of the full size. */
  guint8      *red, *green, *blue, *indices;
};

static void
set_error (GError     **error,
           const char  *display,
           const char  *reason)
{
  g_set_error (error, FA_EXPORT_ERROR, FA_EXPORT_ERROR_WRITE,
               /* translators: 1: a file path, 2: why it could not be written */
               _("Cannot write “%s”: %s"), display, reason);
}

static void
set_gif_error (GError     **error,
               const char  *display,
               int          code)
{
  const char *reason = GifErrorString (code);

  set_error (error, display, reason != NULL ? reason : _("unknown GIF error"));
}

static int
round_up_power_of_two (int n)
{
  int p = 2;

  while (p < n)
    p *= 2;
  return p;
}

/* The palette of the rectangle (x, y, w, h) of @pixels, and the index of
 * each of its pixels in @self->indices.  Maps are mostly flat colour: when
 * the rectangle has at most 256 colours they are kept exactly; otherwise
 * giflib's median cut chooses 256. */
static ColorMapObject *
quantise (FaGifWriter   *self,
          const guint32 *pixels,
          int            x,
          int            y,
          int            w,
          int            h)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  GifColorType palette[256];
  int n_colours = 0;
  gboolean exact = TRUE;
  gsize n = 0;

  memset (palette, 0, sizeof palette);
  for (int row = y; row < y + h && exact; row++)
    for (int col = x; col < x + w; col++)
      {
        guint32 rgb = pixels[(gsize) row * self->width + col];
        gpointer key = GUINT_TO_POINTER (rgb + 1);   /* 0 is no key */

        if (g_hash_table_contains (colours, key))
          continue;
        if (n_colours == 256)
          {
            exact = FALSE;
            break;
          }
        palette[n_colours].Red = rgb >> 16;
        palette[n_colours].Green = rgb >> 8;
        palette[n_colours].Blue = rgb;
        g_hash_table_insert (colours, key, GINT_TO_POINTER (n_colours));
        n_colours++;
      }

  if (exact)
    {
      for (int row = y; row < y + h; row++)
        for (int col = x; col < x + w; col++)
          {
            guint32 rgb = pixels[(gsize) row * self->width + col];

            self->indices[n++] = GPOINTER_TO_INT (g_hash_table_lookup (colours, GUINT_TO_POINTER (rgb + 1)));
          }
      return GifMakeMapObject (round_up_power_of_two (n_colours), palette);
    }

  for (int row = y; row < y + h; row++)
    for (int col = x; col < x + w; col++, n++)
      {
        guint32 rgb = pixels[(gsize) row * self->width + col];

        self->red[n] = rgb >> 16;
        self->green[n] = rgb >> 8;
        self->blue[n] = rgb;
      }
  n_colours = 256;
  if (GifQuantizeBuffer (w, h, &n_colours, self->red, self->green, self->blue,
                         self->indices, palette) != GIF_OK)
    return NULL;

  return GifMakeMapObject (256, palette);
}

/**
 * fa_gif_writer_new:
 * @fd: a file open for writing, which the writer owns from now on
 * @display_path: the path to name in error messages
 * @fps: frames per second
 *
 * Returns: (transfer full) (nullable): a writer, or %NULL with @error set
 */
FaGifWriter *
fa_gif_writer_new (int          fd,
                   const char  *display_path,
                   int          width,
                   int          height,
                   int          fps,
                   GError     **error)
{
  g_autoptr(FaGifWriter) self = NULL;
  /* Loop for ever: the NETSCAPE2.0 application extension, count 0. */
  static const guint8 loop[3] = { 1, 0, 0 };
  int code = 0;

  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (width > 0 && height > 0 && width <= 65535 && height <= 65535 && fps > 0, NULL);

  self = g_new0 (FaGifWriter, 1);
  self->display = g_strdup (display_path);
  self->width = width;
  self->height = height;
  self->fps = fps;
  self->gif = EGifOpenFileHandle (fd, &code);
  if (self->gif == NULL)
    {
      close (fd);
      set_gif_error (error, display_path, code);
      return NULL;
    }
  EGifSetGifVersion (self->gif, true);
  if (EGifPutScreenDesc (self->gif, width, height, 8, 0, NULL) != GIF_OK ||
      EGifPutExtensionLeader (self->gif, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
      EGifPutExtensionBlock (self->gif, 11, "NETSCAPE2.0") != GIF_OK ||
      EGifPutExtensionBlock (self->gif, sizeof loop, loop) != GIF_OK ||
      EGifPutExtensionTrailer (self->gif) != GIF_OK)
    {
      set_gif_error (error, display_path, self->gif->Error);
      return NULL;
    }

  self->previous = g_new (guint32, (gsize) width * height);
  self->red = g_malloc ((gsize) width * height);
  self->green = g_malloc ((gsize) width * height);
  self->blue = g_malloc ((gsize) width * height);
  self->indices = g_malloc ((gsize) width * height);

  return g_steal_pointer (&self);
}

/**
 * fa_gif_writer_add_frame:
 * @frame: an opaque ARGB32 image surface of the writer's size
 *
 * Writes one frame, shown for 1/fps seconds: only the rectangle that
 * differs from the previous frame.
 */
gboolean
fa_gif_writer_add_frame (FaGifWriter      *self,
                         cairo_surface_t  *frame,
                         GError          **error)
{
  g_autofree guint32 *pixels = NULL;
  const guint8 *data;
  int stride;
  int x0 = self->width, y0 = self->height, x1 = -1, y1 = -1;
  int w, h;
  GraphicsControlBlock gcb = { 0 };
  GifByteType extension[4];
  ColorMapObject *map;
  int status;

  g_return_val_if_fail (self != NULL && self->gif != NULL, FALSE);
  g_return_val_if_fail (cairo_image_surface_get_width (frame) == self->width &&
                        cairo_image_surface_get_height (frame) == self->height, FALSE);

  cairo_surface_flush (frame);
  data = cairo_image_surface_get_data (frame);
  stride = cairo_image_surface_get_stride (frame);
  pixels = g_new (guint32, (gsize) self->width * self->height);
  for (int y = 0; y < self->height; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);
      guint32 *out = pixels + (gsize) y * self->width;
      const guint32 *prev = self->previous + (gsize) y * self->width;

      for (int x = 0; x < self->width; x++)
        out[x] = row[x] & 0xffffff;
      if (self->n_frames > 0 && memcmp (out, prev, sizeof (guint32) * self->width) == 0)
        continue;
      if (y < y0)
        y0 = y;
      y1 = y;
      for (int x = 0; x < self->width; x++)
        if (self->n_frames == 0 || out[x] != prev[x])
          {
            x0 = MIN (x0, x);
            break;
          }
      for (int x = self->width - 1; x >= 0; x--)
        if (self->n_frames == 0 || out[x] != prev[x])
          {
            x1 = MAX (x1, x);
            break;
          }
    }
  /* Nothing changed: one unchanged pixel keeps the frame and its time. */
  if (y1 < 0)
    {
      x0 = y0 = 0;
      x1 = y1 = 0;
    }
  w = x1 - x0 + 1;
  h = y1 - y0 + 1;

  map = quantise (self, pixels, x0, y0, w, h);
  if (map == NULL)
    {
      set_error (error, self->display, _("cannot choose the colours of a frame"));
      return FALSE;
    }

  /* Delays are in hundredths of a second: rounding the running time
   * keeps, say, 3 frames/s at 33, 33 and 34. */
  gcb.DisposalMode = DISPOSE_DO_NOT;
  gcb.UserInputFlag = false;
  gcb.TransparentColor = NO_TRANSPARENT_COLOR;
  gcb.DelayTime = (int) ((self->n_frames + 1) * 100 / self->fps - self->n_frames * 100 / self->fps);
  EGifGCBToExtension (&gcb, extension);

  status = EGifPutExtension (self->gif, GRAPHICS_EXT_FUNC_CODE, sizeof extension, extension);
  if (status == GIF_OK)
    status = EGifPutImageDesc (self->gif, x0, y0, w, h, false, map);
  for (int y = 0; y < h && status == GIF_OK; y++)
    status = EGifPutLine (self->gif, self->indices + (gsize) y * w, w);
  GifFreeMapObject (map);
  if (status != GIF_OK)
    {
      set_gif_error (error, self->display, self->gif->Error);
      return FALSE;
    }

  memcpy (self->previous, pixels, sizeof (guint32) * self->width * self->height);
  self->n_frames++;
  return TRUE;
}

/**
 * fa_gif_writer_finish:
 *
 * Writes the end of the file and closes it.
 */
gboolean
fa_gif_writer_finish (FaGifWriter  *self,
                      GError      **error)
{
  int code = 0;
  GifFileType *gif;

  g_return_val_if_fail (self != NULL && self->gif != NULL, FALSE);

  gif = g_steal_pointer (&self->gif);
  if (EGifCloseFile (gif, &code) != GIF_OK)
    {
      set_gif_error (error, self->display, code);
      return FALSE;
    }

  return TRUE;
}

void
fa_gif_writer_free (FaGifWriter *self)
{
  if (self == NULL)
    return;

  if (self->gif != NULL)
    EGifCloseFile (self->gif, NULL);
  g_free (self->previous);
  g_free (self->red);
  g_free (self->green);
  g_free (self->blue);
  g_free (self->indices);
  g_free (self->display);
  g_free (self);
}
