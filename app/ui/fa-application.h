/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fa-types.h"

G_BEGIN_DECLS

#define FA_TYPE_APPLICATION (fa_application_get_type ())
G_DECLARE_FINAL_TYPE (FaApplication, fa_application, FA, APPLICATION, AdwApplication)

FaApplication *fa_application_new (void);

G_END_DECLS
