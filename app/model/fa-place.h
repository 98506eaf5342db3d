/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fa-dating.h"
#include "fa-month.h"
#include "fa-types.h"

G_BEGIN_DECLS

typedef enum
{
  FA_PLACE_KIND_COUNTRY,
  FA_PLACE_KIND_REGION,
  FA_PLACE_KIND_GROUP,     /* several countries or regions, such as Central Asia */
  FA_PLACE_KIND_CITY,
  FA_PLACE_KIND_FACILITY,
  FA_PLACE_KIND_CAMP,
  FA_PLACE_KIND_SITE,
} FaPlaceKind;

#define FA_TYPE_PLACE_KIND (fa_place_kind_get_type ())
GType fa_place_kind_get_type (void) G_GNUC_CONST;
const char *fa_place_kind_describe_point (FaPlaceKind kind);
const char *fa_place_kind_describe       (FaPlaceKind kind);

#define FA_TYPE_PLACE (fa_place_get_type ())
G_DECLARE_FINAL_TYPE (FaPlace, fa_place, FA, PLACE, GObject)

FaPlace            *fa_place_new              (const char         *id,
                                               const char         *name,
                                               double              lon,
                                               double              lat,
                                               const char * const *region_codes,
                                               FaPlaceKind         kind,
                                               const char         *note);

const char         *fa_place_get_id           (FaPlace            *self);
const char         *fa_place_get_name         (FaPlace            *self);
double              fa_place_get_lon          (FaPlace            *self);
double              fa_place_get_lat          (FaPlace            *self);
gboolean            fa_place_has_location     (FaPlace            *self);
gboolean            fa_place_is_schematic     (FaPlace            *self);
const char * const *fa_place_get_region_codes (FaPlace            *self);
FaPlaceKind         fa_place_get_kind         (FaPlace            *self);
const char         *fa_place_get_note         (FaPlace            *self);
const char         *fa_place_get_category_id  (FaPlace            *self);
const char         *fa_place_get_quote        (FaPlace            *self);
const char         *fa_place_get_source       (FaPlace            *self);
FaDating            fa_place_get_evidence_dating     (FaPlace *self);
gboolean            fa_place_evidence_is_active_in   (FaPlace *self,
                                                      FaMonth  from,
                                                      FaMonth  to);
gboolean            fa_place_evidence_has_started    (FaPlace *self,
                                                      FaMonth  month);
char               *fa_place_describe_evidence_time  (FaPlace *self);
void               _fa_place_set_evidence_time (FaPlace          *self,
                                                FaDating          dating,
                                                gboolean          previous_years,
                                                FaMonth           start,
                                                FaMonthPrecision  start_precision,
                                                FaMonth           end,
                                                FaMonthPrecision  end_precision,
                                                FaMonth           shown_start,
                                                FaMonth           shown_end);
void               _fa_place_set_evidence     (FaPlace            *self,
                                               const char         *category_id,
                                               const char         *quote,
                                               const char         *source);

G_END_DECLS
