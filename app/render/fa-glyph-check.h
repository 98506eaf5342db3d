/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

void  fa_glyph_check_layout     (PangoLayout *layout);
char *fa_glyph_describe_unknown (PangoLayout *layout,
                                 guint        max_chars);

G_END_DECLS
