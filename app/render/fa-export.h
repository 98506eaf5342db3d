/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fa-renderer.h"

G_BEGIN_DECLS

#define FA_EXPORT_ERROR (fa_export_error_quark ())

typedef enum
{
  FA_EXPORT_ERROR_FORMAT,   /* unknown file extension */
  FA_EXPORT_ERROR_SIZE,     /* an image too small or too large */
  FA_EXPORT_ERROR_WRITE,    /* Cairo could not write the file */
} FaExportError;

typedef enum
{
  FA_EXPORT_PNG,
  FA_EXPORT_SVG,
  FA_EXPORT_PDF,
  FA_EXPORT_WEBM,   /* animations: see fa-animation.h */
  FA_EXPORT_GIF,
} FaExportFormat;

/* One map on a page: @snapshot drawn in @viewport, whose size is the
 * panel's, with its top left corner at (@x, @y) on the page. */
typedef struct
{
  FaMapSnapshot *snapshot;
  FaViewport    *viewport;
  double         x;
  double         y;
} FaExportPanel;

/* A page of pixels (PNG) or points (SVG, PDF): panels on a background,
 * under an optional heading that belongs to the page, not to a panel. */
typedef struct
{
  double         width;
  double         height;
  const char    *heading;      /* nullable */
  const char    *subheading;   /* nullable */
  FaExportPanel *panels;
  guint          n_panels;
  FaRect         legend;       /* one legend for all panels, drawn in this box;
                                * empty (x2 <= x1): each panel has its own */
} FaExportPage;

/* A page of panels holds two to four maps, none smaller than this on a
 * side (pixels or points). */
#define FA_EXPORT_MAX_PANELS     4
#define FA_EXPORT_PANEL_MIN_SIZE 120

/**
 * FaExportFrameFunc:
 * @width: the width of each map on the page
 * @height: its height
 * @user_data: the data given with the function
 *
 * Frames the maps of a page of panels: all share one view, at their size.
 *
 * Returns: (transfer full): a new viewport of @width × @height
 */
typedef FaViewport *(*FaExportFrameFunc) (double   width,
                                          double   height,
                                          gpointer user_data);

GQuark   fa_export_error_quark       (void);
gboolean fa_export_format_from_path  (const char        *path,
                                      FaExportFormat    *format,
                                      GError           **error);
gboolean fa_export_to_file           (FaRenderer          *renderer,
                                      FaViewport          *viewport,
                                      const FaMapStyle    *style,
                                      const FaMapSnapshot *state,
                                      double               pixel_scale,
                                      const char          *path,
                                      GCancellable        *cancellable,
                                      GError             **error);

gboolean fa_export_pages_to_file     (FaRenderer          *renderer,
                                      const FaMapStyle    *style,
                                      const FaExportPage  *pages,
                                      guint                n_pages,
                                      double               pixel_scale,
                                      const char          *path,
                                      GCancellable        *cancellable,
                                      GError             **error);
void     fa_export_draw_page         (FaRenderer          *renderer,
                                      const FaMapStyle    *style,
                                      const FaExportPage  *page,
                                      cairo_t             *cr);
double   fa_export_page_heading_height (const FaMapStyle  *style,
                                      double               width,
                                      const char          *heading,
                                      const char          *subheading);

gboolean fa_export_panels_fit        (const FaMapStyle    *style,
                                      guint                n_panels,
                                      double               width,
                                      double               height,
                                      double               margin,
                                      const char          *heading,
                                      const char          *subheading);
gboolean fa_export_page_init_panels  (FaExportPage        *page,
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
                                      GError             **error);
void     fa_export_page_clear        (FaExportPage        *page);

G_END_DECLS
