/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "fa-flow.h"

G_BEGIN_DECLS

/* Reads the pixel at (x, y) of an ARGB32/RGB24 image surface as 0xRRGGBB,
 * un-premultiplied. */
guint32  fa_test_get_pixel      (cairo_surface_t *surface,
                                 int              x,
                                 int              y);
/* TRUE when each channel of the two colours differs by at most tolerance. */
gboolean fa_test_color_near     (guint32          a,
                                 guint32          b,
                                 int              tolerance);
/* A fresh temporary directory, removed with its contents by fa_test_rmtree(). */
char    *fa_test_make_tmpdir    (void);
void     fa_test_rmtree         (const char      *path);
/* A g_test_add() fixture: a fresh temporary directory for each test. */
typedef struct
{
  char *dir;
} FaTestTmpdir;

void     fa_test_tmpdir_set_up    (FaTestTmpdir    *fixture,
                                   gconstpointer    data);
void     fa_test_tmpdir_tear_down (FaTestTmpdir    *fixture,
                                   gconstpointer    data);
/* Points the XDG data, config, cache and state directories at a fresh
 * temporary directory, so that what GTK writes there (recent files) stays
 * out of the user's home.  Call first in main(), before anything reads
 * them; remove the result with fa_test_rmtree() at the end. */
char    *fa_test_isolate_xdg    (void);
/* Writes contents to dir/name and returns the full path. */
char    *fa_test_write_file     (const char      *dir,
                                 const char      *name,
                                 const void      *contents,
                                 gssize           length);

/* Runs $FLOWATLAS_BIN with the NULL-terminated arguments; returns its exit
 * status, and its output in @out and @err (nullable). */
int      fa_test_run_flowatlas  (char           **out,
                                 char           **err,
                                 ...) G_GNUC_NULL_TERMINATED;
/* Counts the pixels of @surface within the rectangle whose colour is within
 * @tolerance of @rgb on every channel. */
guint    fa_test_count_color    (cairo_surface_t *surface,
                                 int              x,
                                 int              y,
                                 int              width,
                                 int              height,
                                 guint32          rgb,
                                 int              tolerance);

/* A flow with only dates, from "YYYY[-MM[-DD]]" texts (NULL: open). */
FaFlow  *fa_test_make_flow      (const char      *start,
                                 const char      *end);

#define fa_assert_pixel(surface, x, y, rgb, tolerance)                         \
  G_STMT_START {                                                               \
    guint32 fa__got = fa_test_get_pixel ((surface), (x), (y));                 \
    if (!fa_test_color_near (fa__got, (rgb), (tolerance)))                     \
      {                                                                        \
        g_autofree char *fa__msg =                                             \
          g_strdup_printf ("pixel (%d, %d) is #%06x, expected #%06x ± %d",     \
                           (int) (x), (int) (y), fa__got, (guint32) (rgb),     \
                           (int) (tolerance));                                 \
        g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,      \
                             fa__msg);                                         \
      }                                                                        \
  } G_STMT_END

G_END_DECLS
