/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_PRESET (fa_preset_get_type ())
G_DECLARE_FINAL_TYPE (FaPreset, fa_preset, FA, PRESET, GObject)

FaPreset           *fa_preset_new                (const char         *id,
                                                  const char         *label,
                                                  const char         *description,
                                                  const char * const *groups,
                                                  const char * const *categories);
const char         *fa_preset_get_id             (FaPreset           *self);
const char         *fa_preset_get_label          (FaPreset           *self);
const char         *fa_preset_get_description    (FaPreset           *self);
const char * const *fa_preset_get_groups         (FaPreset           *self);
const char * const *fa_preset_get_categories     (FaPreset           *self);
gboolean            fa_preset_includes           (FaPreset           *self,
                                                  FaCategory         *category);

G_END_DECLS
