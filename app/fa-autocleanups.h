/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <cairo.h>
#include <proj.h>
#include <shapefil.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_path_t, cairo_path_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SHPObject, SHPDestroyObject)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (SHPHandle, SHPClose, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (DBFHandle, DBFClose, NULL)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PJ, proj_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PJ_CONTEXT, proj_context_destroy)

G_END_DECLS
