/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fa-types.h"

G_BEGIN_DECLS

/* Exit codes, as documented in --help. */
#define FA_EXIT_OK     0
#define FA_EXIT_FAILED 1   /* bad input: a file, a dataset, a write */
#define FA_EXIT_USAGE  2   /* bad command line */

typedef struct
{
  char     *export_path;
  char     *size;
  double    scale;
  char     *projection;
  char     *extent;
  char     *view;      /* nullable: a box in projected coordinates */
  gboolean  no_regions;
  gboolean  rescale_widths;
  char    **shapefiles;
  char    **shapefile_labels;  /* the n-th labels the n-th --shapefile's points; "" none */
  gboolean  check;
  gboolean  list;
  char     *date;
  char     *from;
  gboolean  cumulative;
  gboolean  undated_every_month;
  char     *show;
  char     *style;
  gboolean  version;
  gboolean  no_dataset;
  gboolean  no_legend;
  gboolean  labels;    /* arrow labels */
  gint64    min_count; /* 0: every flow */
  int       top;       /* 0: every flow */
  char     *clustering; /* nullable: auto, on or off */
  char     *lang;      /* nullable: the language of what is written */
  int       dpi;       /* 0: the default */
  char     *title;
  char     *subtitle;
  char     *legend;
  char     *paper;
  char     *frames;
  char     *pages;
  char     *panels;
  int       fps;       /* 0: the default */
  double    speed;     /* 0: the default */
  char    **remaining;
} FaCliOptions;

GOptionEntry *fa_cli_get_option_entries (FaCliOptions  *options);
void          fa_cli_options_clear      (FaCliOptions  *options);
gboolean      fa_cli_is_headless        (const FaCliOptions *options);
gboolean      fa_cli_set_language       (const char         *lang);
int           fa_cli_run                (FaCliOptions  *options);
gboolean      fa_cli_parse_size         (const char    *text,
                                         int           *width,
                                         int           *height);
gboolean      fa_cli_parse_extent       (const char    *text,
                                         double         extent[4]);
gboolean      fa_cli_parse_view         (const char    *text,
                                         double         box[4]);

G_END_DECLS
