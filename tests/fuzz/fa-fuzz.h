/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

/* The libFuzzer entry points; every target defines both. */
int  LLVMFuzzerInitialize   (int            *argc,
                             char         ***argv);
int  LLVMFuzzerTestOneInput (const uint8_t  *data,
                             size_t          size);

/* Splits fuzz input into parts: each is a 32-bit little-endian length
 * (cut to what is left) and that many bytes.  Returns FALSE when no
 * length prefix is left, so that a target can tell "absent" from "empty". */
typedef struct
{
  const uint8_t *data;
  size_t         size;
} FaFuzzInput;

gboolean fa_fuzz_next_part          (FaFuzzInput    *input,
                                     const uint8_t **part,
                                     size_t         *part_size);

/* A private folder for the whole run, in /dev/shm when there is one. */
const char *fa_fuzz_get_tmpdir      (void);
/* Writes @size bytes to @dir/@name, replacing the file. */
void     fa_fuzz_write_file         (const char     *dir,
                                     const char     *name,
                                     const uint8_t  *data,
                                     size_t          size);
/* Removes every file of @dir (not sub-folders). */
void     fa_fuzz_clear_dir          (const char     *dir);

/* Aborts unless @message is valid UTF-8 without control characters other
 * than the line feeds that separate problems: what the readers promise. */
void     fa_fuzz_check_message      (const char     *message);

/* Drops the library's g_message() warnings, which would flood the output,
 * after checking them like errors; makes criticals and warnings fatal. */
void     fa_fuzz_quiet_logs         (void);

G_END_DECLS
