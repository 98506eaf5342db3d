/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-geo-error"

#include "config.h"

#include "fa-geo-error.h"

/**
 * fa_geo_error_quark:
 *
 * The error domain of geodata files and projections.
 *
 * Returns: the #GQuark of `FA_GEO_ERROR`
 */
G_DEFINE_QUARK (fa-geo-error-quark, fa_geo_error)
