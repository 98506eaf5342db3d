/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits that keep hostile input from using unbounded memory. */
#define FA_CSV_MAX_FILE_SIZE     (64 * 1024 * 1024)
#define FA_CSV_MAX_FIELDS        1000
#define FA_CSV_MAX_FIELD_LENGTH  (1024 * 1024)

typedef struct _FaCsvReader FaCsvReader;

GBytes      *fa_csv_read_file             (const char   *path,
                                           GError      **error);

FaCsvReader *fa_csv_reader_new            (GBytes       *bytes,
                                           const char   *name);
FaCsvReader *fa_csv_reader_new_for_path   (const char   *path,
                                           GError      **error);
void         fa_csv_reader_free           (FaCsvReader  *self);

const char  *fa_csv_reader_get_name       (FaCsvReader  *self);
gboolean     fa_csv_reader_next_row       (FaCsvReader  *self,
                                           GError      **error);
guint        fa_csv_reader_get_line       (FaCsvReader  *self);
guint        fa_csv_reader_get_n_fields   (FaCsvReader  *self);
const char  *fa_csv_reader_get_field      (FaCsvReader  *self,
                                           guint         index);
guint        fa_csv_reader_get_field_line (FaCsvReader  *self,
                                           guint         index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaCsvReader, fa_csv_reader_free)

G_END_DECLS
