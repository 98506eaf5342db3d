/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many characters of file content a message quotes at most. */
#define FA_TEXT_MAX_QUOTED 80

char *fa_text_quote         (const char *text,
                             gssize      length,
                             gsize       max_chars);
char *fa_text_display_path  (const char *path);
char *fa_text_display_name  (const char *path);
const char *fa_text_pgettext (const char *context,
                              const char *msgid);
char  *fa_text_fold          (const char *text);
char **fa_text_split_search  (const char *text);

G_END_DECLS
