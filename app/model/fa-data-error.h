/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FA_DATA_ERROR (fa_data_error_quark ())

/* Problems beyond this many are counted, not kept. */
#define FA_DATA_ERROR_MAX_PROBLEMS 100

typedef enum
{
  FA_DATA_ERROR_NOT_FOUND,  /* the dataset folder does not exist, is not a folder or cannot be read */
  FA_DATA_ERROR_INVALID,    /* files are missing, unreadable or invalid: see the problems */
} FaDataError;

GQuark      fa_data_error_quark            (void);

GError     *fa_data_error_new_from_problems (FaDataError   code,
                                             GPtrArray    *problems,
                                             guint         n_problems);
GPtrArray  *fa_data_error_get_problems     (const GError *error);
guint       fa_data_error_get_n_problems   (const GError *error);

G_END_DECLS
