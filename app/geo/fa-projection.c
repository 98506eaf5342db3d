/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-projection"

#include "config.h"

#include "fa-projection.h"

#include <geodesic.h>
#include <glib/gi18n.h>
#include <math.h>
#include <proj.h>
#include <string.h>

#include "fa-autocleanups.h"
#include "fa-geo-error.h"
#include "fa-text.h"

/* Points sampled along each edge of an extent: conic projections bend the
 * parallels, so the corners alone underestimate the projected rectangle. */
#define EXTENT_SAMPLES 64

struct _FaProjection
{
  GObject                   parent_instance;

  PJ_CONTEXT               *ctx;          /* owned; one per object, PROJ contexts are per thread */
  GMutex                    lock;         /* guards @pj and @spares: maps are drawn on worker threads */
  PJ                       *pj;           /* owned; normalized for visualization: lon,lat → x,y */
  GPtrArray                *spares;       /* owned: Clone, the copies of @pj not in use */
  char                     *definition;   /* owned */
  char                     *name;         /* owned; the target CRS name, for non-presets */
  char                     *last_log;     /* owned; PROJ's last error message */
  const FaProjectionPreset *preset;       /* static, or NULL */

  double                    central_meridian;
  double                    area[4];      /* west, south, east, north of the default view */
  guint                     is_geographic : 1;
  guint                     is_identity : 1;  /* WGS 84 lon/lat in and out */
};

G_DEFINE_FINAL_TYPE (FaProjection, fa_projection, G_TYPE_OBJECT)

/* A copy of the operation in its own context: PROJ objects may be used by
 * one thread at a time, so each drawing thread takes one from the pool
 * (cloning it the first time) and the workers project at once, where
 * they took turns on one object. */
typedef struct
{
  PJ_CONTEXT *ctx;
  PJ         *pj;
} Clone;

static void
clone_free (Clone *clone)
{
  g_clear_pointer (&clone->pj, proj_destroy);
  g_clear_pointer (&clone->ctx, proj_context_destroy);
  g_free (clone);
}

static const FaProjectionPreset presets[] = {
  {
    "europe-asia", N_("Europe, Russia and East Asia"),
    /* Standard parallels at 30° and 62° N hold the distortion low from the
     * Middle East and Korea to the Arctic coast, and bend the 200° from
     * Lisbon to Chukotka less than higher parallels would. */
    "+proj=aea +lat_0=50 +lat_1=30 +lat_2=62 +lon_0=90 +datum=WGS84 +units=m +no_defs",
    /* East of 180° so that Chukotka (to 169.7°W) stays whole. */
    { -12.0, 32.0, 190.0, 75.0 },
  },
  {
    "europe-russia", N_("Europe and Russia"),
    "+proj=aea +lat_0=55 +lat_1=45 +lat_2=65 +lon_0=40 +datum=WGS84 +units=m +no_defs",
    /* Portugal to the Yenisei, Crete to Novaya Zemlya. */
    { -12.0, 34.0, 90.0, 72.0 },
  },
  {
    "eurasia", N_("Eurasia"),
    "+proj=aea +lat_0=45 +lat_1=25 +lat_2=60 +lon_0=75 +datum=WGS84 +units=m +no_defs",
    { -15.0, 10.0, 180.0, 78.0 },
  },
  {
    "world", N_("World (Equal Earth)"),
    /* lon_0=11 puts the cut at 169°W, in the Bering Strait. */
    "+proj=eqearth +lon_0=11 +datum=WGS84 +units=m +no_defs",
    { -180.0, -90.0, 180.0, 90.0 },
  },
};

static void
log_cb (void       *user_data,
        int         level,
        const char *message)
{
  FaProjection *self = user_data;

  /* PROJ writes to stderr by default; keep the text for our GError instead. */
  if (level <= PJ_LOG_ERROR && message != NULL)
    {
      if (g_str_has_prefix (message, "proj_create: "))
        message += strlen ("proj_create: ");
      g_free (self->last_log);
      self->last_log = g_strdup (message);
    }
}

static void
set_proj_error (FaProjection  *self,
                const char    *definition,
                GError       **error)
{
  int err = proj_context_errno (self->ctx);
  g_autofree char *shown = NULL;
  g_autofree char *reason = NULL;

  /* The definition comes from a file or the command line, and PROJ's
   * messages quote it: neither need be UTF-8, and either may hold control
   * characters.  A whole WKT would drown the message. */
  if (self->last_log != NULL)
    reason = fa_text_quote (self->last_log, -1, 4 * FA_TEXT_MAX_QUOTED);
  else if (err != 0)
    reason = fa_text_quote (proj_context_errno_string (self->ctx, err), -1, 4 * FA_TEXT_MAX_QUOTED);
  else
    reason = g_strdup (_("not a coordinate reference system"));

  shown = fa_text_quote (definition, -1, 60);

  g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_PROJECTION,
               /* translators: 1: a projection definition, 2: PROJ's explanation */
               _("Cannot use the projection “%s”: %s"), shown, reason);
}

/* A BoundCRS (a .prj with TOWGS84) wraps the CRS we want to inspect. */
static PJ *
get_base_crs (PJ_CONTEXT *ctx,
              PJ         *crs)
{
  if (proj_get_type (crs) == PJ_TYPE_BOUND_CRS)
    return proj_get_source_crs (ctx, crs);

  return proj_clone (ctx, crs);
}

static gboolean
crs_is_geographic (PJ_CONTEXT *ctx,
                   PJ         *crs)
{
  g_autoptr(PJ) base = get_base_crs (ctx, crs);
  PJ_TYPE type;

  if (base == NULL)
    return FALSE;

  type = proj_get_type (base);
  return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS ||
         type == PJ_TYPE_GEOGRAPHIC_CRS;
}

static double
parse_lon_0 (const char *proj_string)
{
  const char *p;

  if (proj_string == NULL || (p = strstr (proj_string, "+lon_0=")) == NULL)
    return 0.0;

  return g_ascii_strtod (p + strlen ("+lon_0="), NULL);
}

static double
read_central_meridian (PJ_CONTEXT *ctx,
                       PJ         *crs)
{
  g_autoptr(PJ) base = get_base_crs (ctx, crs);
  g_autoptr(PJ) conversion = NULL;
  int n_params;

  if (base == NULL || proj_get_type (base) != PJ_TYPE_PROJECTED_CRS)
    return 0.0;

  conversion = proj_crs_get_coordoperation (ctx, base);
  if (conversion == NULL)
    return 0.0;

  n_params = proj_coordoperation_get_param_count (ctx, conversion);
  for (int i = 0; i < n_params; i++)
    {
      const char *code = NULL;
      const char *auth = NULL;
      double value = 0.0;
      double factor = 1.0;

      if (!proj_coordoperation_get_param (ctx, conversion, i, NULL, &auth, &code, &value,
                                          NULL, &factor, NULL, NULL, NULL, NULL))
        continue;

      /* EPSG 8802 longitude of natural origin, 8822 of false origin,
       * 8812 of projection centre, 8833 of origin. */
      if (g_strcmp0 (auth, "EPSG") == 0 &&
          (g_strcmp0 (code, "8802") == 0 || g_strcmp0 (code, "8822") == 0 ||
           g_strcmp0 (code, "8812") == 0 || g_strcmp0 (code, "8833") == 0))
        return value * factor * 180.0 / G_PI;
    }

  /* Methods PROJ knows only by their PROJ name. */
  return parse_lon_0 (proj_as_proj_string (ctx, base, PJ_PROJ_5, NULL));
}

static gboolean
is_wgs84_lonlat (PJ_CONTEXT *ctx,
                 PJ         *crs)
{
  g_autoptr(PJ) wgs84 = proj_create (ctx, "EPSG:4326");

  return wgs84 != NULL &&
         proj_is_equivalent_to_with_ctx (ctx, crs, wgs84,
                                         PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS);
}

static gboolean
fa_projection_setup (FaProjection  *self,
                     const char    *definition,
                     gboolean       to_lonlat,
                     GError       **error)
{
  g_autofree char *crs_text = NULL;
  g_autoptr(PJ) wgs84 = NULL;
  g_autoptr(PJ) crs = NULL;
  g_autoptr(PJ) op = NULL;
  double west, south, east, north;

  self->definition = g_strdup (definition);
  if (!to_lonlat)
    self->preset = fa_projection_find_preset (definition);

  /* Plate carrée in WGS 84 is the identity: no need to ask PROJ's
   * database (that alone costs several milliseconds of every export). */
  if (!to_lonlat && g_ascii_strcasecmp (definition, "EPSG:4326") == 0)
    {
      self->name = g_strdup ("WGS 84");
      self->is_geographic = TRUE;
      self->is_identity = TRUE;
      self->central_meridian = 0.0;
      self->area[0] = -180.0;
      self->area[1] = -90.0;
      self->area[2] = 180.0;
      self->area[3] = 90.0;
      return TRUE;
    }

  /* A bare "+proj=…" string is an operation; "+type=crs" makes it a CRS. */
  crs_text = g_strdup (self->preset != NULL ? self->preset->definition : definition);
  g_strstrip (crs_text);
  if (g_str_has_prefix (crs_text, "+proj=") && strstr (crs_text, "+type=crs") == NULL)
    {
      char *tmp = g_strconcat (crs_text, " +type=crs", NULL);

      g_free (crs_text);
      crs_text = tmp;
    }

  crs = proj_create (self->ctx, crs_text);
  if (crs == NULL || !proj_is_crs (crs))
    {
      set_proj_error (self, definition, error);
      return FALSE;
    }

  wgs84 = proj_create (self->ctx, "EPSG:4326");
  if (wgs84 == NULL)
    {
      set_proj_error (self, "EPSG:4326", error);
      return FALSE;
    }

  /* Shown as the map's title: the name comes from the definition. */
  if (proj_get_name (crs) != NULL)
    self->name = fa_text_quote (proj_get_name (crs), -1, FA_TEXT_MAX_QUOTED);
  self->is_geographic = crs_is_geographic (self->ctx, crs);
  self->is_identity = is_wgs84_lonlat (self->ctx, crs);
  self->central_meridian = to_lonlat ? 0.0 : read_central_meridian (self->ctx, crs);

  if (self->preset != NULL)
    memcpy (self->area, self->preset->extent, sizeof self->area);
  else if (proj_get_area_of_use (self->ctx, crs, &west, &south, &east, &north, NULL) &&
           west > -1000.0 && east > west && north > south)
    {
      self->area[0] = west;
      self->area[1] = south;
      self->area[2] = east;
      self->area[3] = north;
    }
  else
    {
      self->area[0] = -180.0;
      self->area[1] = -85.0;
      self->area[2] = 180.0;
      self->area[3] = 85.0;
    }

  if (to_lonlat)
    op = proj_create_crs_to_crs_from_pj (self->ctx, crs, wgs84, NULL, NULL);
  else
    op = proj_create_crs_to_crs_from_pj (self->ctx, wgs84, crs, NULL, NULL);
  if (op != NULL)
    self->pj = proj_normalize_for_visualization (self->ctx, op);

  if (self->pj == NULL)
    {
      set_proj_error (self, definition, error);
      return FALSE;
    }

  return TRUE;
}

static void
trans_generic (PJ           *pj,
               PJ_DIRECTION  direction,
               double       *x,
               double       *y,
               gsize         n_points)
{
  proj_errno_reset (pj);
  proj_trans_generic (pj, direction,
                      x, sizeof (double), n_points,
                      y, sizeof (double), n_points,
                      NULL, 0, 0,
                      NULL, 0, 0);
  proj_errno_reset (pj);
}

static gsize
transform (FaProjection *self,
           PJ_DIRECTION  direction,
           double       *x,
           double       *y,
           gsize         n_points)
{
  gsize n_ok = 0;

  for (gsize i = 0; i < n_points; i++)
    {
      if (!isfinite (x[i]) || !isfinite (y[i]))
        x[i] = y[i] = HUGE_VAL;
    }

  if (!self->is_identity && self->pj != NULL && n_points > 0)
    {
      Clone *clone = NULL;

      g_mutex_lock (&self->lock);
      if (self->spares->len > 0)
        clone = g_ptr_array_steal_index_fast (self->spares, self->spares->len - 1);
      else
        {
          clone = g_new0 (Clone, 1);
          clone->ctx = proj_context_create ();
          /* Failed points are reported by HUGE_VAL, not on stderr. */
          proj_log_level (clone->ctx, PJ_LOG_NONE);
          clone->pj = proj_clone (clone->ctx, self->pj);
        }
      g_mutex_unlock (&self->lock);

      if (clone->pj != NULL)
        trans_generic (clone->pj, direction, x, y, n_points);
      else
        {
          /* No copy: the original, in turn. */
          g_mutex_lock (&self->lock);
          trans_generic (self->pj, direction, x, y, n_points);
          g_mutex_unlock (&self->lock);
        }

      g_mutex_lock (&self->lock);
      g_ptr_array_add (self->spares, clone);
      g_mutex_unlock (&self->lock);
    }

  for (gsize i = 0; i < n_points; i++)
    {
      if (isfinite (x[i]) && isfinite (y[i]) && x[i] != HUGE_VAL && y[i] != HUGE_VAL)
        n_ok++;
      else
        x[i] = y[i] = HUGE_VAL;
    }

  return n_ok;
}

static void
fa_projection_finalize (GObject *object)
{
  FaProjection *self = (FaProjection *)object;

  g_clear_pointer (&self->spares, g_ptr_array_unref);
  g_clear_pointer (&self->pj, proj_destroy);
  g_clear_pointer (&self->ctx, proj_context_destroy);
  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->definition, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->last_log, g_free);

  G_OBJECT_CLASS (fa_projection_parent_class)->finalize (object);
}

static void
fa_projection_class_init (FaProjectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fa_projection_finalize;
}

static void
fa_projection_init (FaProjection *self)
{
  g_mutex_init (&self->lock);
  self->spares = g_ptr_array_new_with_free_func ((GDestroyNotify) clone_free);
  self->ctx = proj_context_create ();
  proj_log_func (self->ctx, self, log_cb);
}

/**
 * fa_projection_get_presets:
 * @n_presets: (out) (optional): the number of presets
 *
 * The projections offered in the UI, the default
 * (%FA_PROJECTION_DEFAULT_PRESET) first.
 *
 * Returns: (transfer none) (array length=n_presets): a static array
 */
const FaProjectionPreset *
fa_projection_get_presets (guint *n_presets)
{
  if (n_presets != NULL)
    *n_presets = G_N_ELEMENTS (presets);

  return presets;
}

/**
 * fa_projection_find_preset:
 * @id: a preset id such as "world"
 *
 * Returns: (transfer none) (nullable): the preset, or %NULL if @id is unknown
 */
const FaProjectionPreset *
fa_projection_find_preset (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      if (strcmp (presets[i].id, id) == 0)
        return &presets[i];
    }

  return NULL;
}

/**
 * fa_projection_new:
 * @definition: a preset id, a PROJ string, or any CRS PROJ accepts
 *   ("EPSG:3857", WKT, …)
 * @error: return location for a #GError
 *
 * Creates the transformation from WGS 84 longitude/latitude in degrees to
 * the map coordinates of @definition.  A geographic CRS gives plate carrée:
 * x is the longitude and y the latitude, in degrees.
 *
 * Returns: (transfer full) (nullable): a new projection, or %NULL with
 *   @error set to %FA_GEO_ERROR_PROJECTION
 */
FaProjection *
fa_projection_new (const char  *definition,
                   GError     **error)
{
  g_autoptr(FaProjection) self = NULL;

  g_return_val_if_fail (definition != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (FA_TYPE_PROJECTION, NULL);
  if (!fa_projection_setup (self, definition, FALSE, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * fa_projection_new_to_lonlat:
 * @source_crs: the CRS of some data, typically the WKT of a `.prj` file
 * @error: return location for a #GError
 *
 * Creates the transformation from @source_crs to WGS 84 longitude/latitude.
 * Use fa_projection_forward() to run it.
 *
 * Returns: (transfer full) (nullable): a new projection, or %NULL with
 *   @error set to %FA_GEO_ERROR_PROJECTION
 */
FaProjection *
fa_projection_new_to_lonlat (const char  *source_crs,
                             GError     **error)
{
  g_autoptr(FaProjection) self = NULL;

  g_return_val_if_fail (source_crs != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (FA_TYPE_PROJECTION, NULL);
  if (!fa_projection_setup (self, source_crs, TRUE, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * fa_projection_get_definition:
 * @self: a #FaProjection
 *
 * Returns: (transfer none): the definition given to the constructor
 */
const char *
fa_projection_get_definition (FaProjection *self)
{
  g_return_val_if_fail (FA_IS_PROJECTION (self), NULL);

  return self->definition;
}

/**
 * fa_projection_get_title:
 * @self: a #FaProjection
 *
 * Returns: (transfer none): the translated preset title, or the CRS name
 */
const char *
fa_projection_get_title (FaProjection *self)
{
  g_return_val_if_fail (FA_IS_PROJECTION (self), NULL);

  if (self->preset != NULL)
    return _(self->preset->title);

  return self->name != NULL ? self->name : self->definition;
}

/**
 * fa_projection_get_preset:
 * @self: a #FaProjection
 *
 * Returns: (transfer none) (nullable): the preset this projection was made
 *   from, or %NULL
 */
const FaProjectionPreset *
fa_projection_get_preset (FaProjection *self)
{
  g_return_val_if_fail (FA_IS_PROJECTION (self), NULL);

  return self->preset;
}

/**
 * fa_projection_is_geographic:
 * @self: a #FaProjection
 *
 * Returns: %TRUE if map units are degrees (plate carrée)
 */
gboolean
fa_projection_is_geographic (FaProjection *self)
{
  g_return_val_if_fail (FA_IS_PROJECTION (self), FALSE);

  return self->is_geographic;
}

/**
 * fa_projection_get_finest_scale:
 * @self: a #FaProjection
 *
 * The most detailed scale a map in this projection is drawn at: 1/20,000
 * of a degree (about 5.5 m) per pixel, or 5 m per pixel in projected
 * CRSs.  It is ten times finer than the 1:10 million base map, so a poster
 * of a small region is sharp, and it bounds the work of drawing: dashed
 * lines and curves of a continental flow cost time in proportion to their
 * length in pixels.
 *
 * Returns: map units per pixel
 */
double
fa_projection_get_finest_scale (FaProjection *self)
{
  g_return_val_if_fail (FA_IS_PROJECTION (self), 1.0);

  return self->is_geographic ? 5e-5 : 5.0;
}

/**
 * fa_projection_get_central_meridian:
 * @self: a #FaProjection
 *
 * The longitude at the centre of the map; the map is cut at the opposite
 * meridian.
 *
 * Returns: the central meridian in degrees, 0 for geographic CRSs
 */
double
fa_projection_get_central_meridian (FaProjection *self)
{
  g_return_val_if_fail (FA_IS_PROJECTION (self), 0.0);

  return self->central_meridian;
}

/**
 * fa_projection_get_default_extent:
 * @self: a #FaProjection
 * @extent: (out caller-allocates): west, south, east, north in degrees
 *
 * The area a new map shows: the preset's extent, else the CRS's area of use,
 * else the world between 85°S and 85°N.  East may exceed 180.
 */
void
fa_projection_get_default_extent (FaProjection *self,
                                  double        extent[4])
{
  g_return_if_fail (FA_IS_PROJECTION (self));
  g_return_if_fail (extent != NULL);

  memcpy (extent, self->area, sizeof self->area);
}

/**
 * fa_projection_forward:
 * @self: a #FaProjection
 * @x: (inout) (array length=n_points): longitudes, replaced by eastings
 * @y: (inout) (array length=n_points): latitudes, replaced by northings
 * @n_points: the number of points
 *
 * Transforms in place.  Points that cannot be transformed (or were not
 * finite) are set to `HUGE_VAL`.
 *
 * Returns: the number of points transformed successfully
 */
gsize
fa_projection_forward (FaProjection *self,
                       double       *x,
                       double       *y,
                       gsize         n_points)
{
  g_return_val_if_fail (FA_IS_PROJECTION (self), 0);
  g_return_val_if_fail (n_points == 0 || (x != NULL && y != NULL), 0);

  return transform (self, PJ_FWD, x, y, n_points);
}

/**
 * fa_projection_inverse:
 * @self: a #FaProjection
 * @x: (inout) (array length=n_points): eastings, replaced by longitudes
 * @y: (inout) (array length=n_points): northings, replaced by latitudes
 * @n_points: the number of points
 *
 * The inverse of fa_projection_forward(); longitudes come back in
 * [-180, 180].  Failed points are set to `HUGE_VAL`.
 *
 * Returns: the number of points transformed successfully
 */
gsize
fa_projection_inverse (FaProjection *self,
                       double       *x,
                       double       *y,
                       gsize         n_points)
{
  g_autofree double *in_x = NULL;
  g_autofree double *in_y = NULL;
  gsize n_ok = 0;

  g_return_val_if_fail (FA_IS_PROJECTION (self), 0);
  g_return_val_if_fail (n_points == 0 || (x != NULL && y != NULL), 0);

  if (self->is_identity || n_points == 0)
    return transform (self, PJ_INV, x, y, n_points);

  /* PROJ's inverse happily maps points beyond the edge of the map to some
   * longitude; only those that project back to where they came from are on
   * the map. */
  in_x = g_memdup2 (x, n_points * sizeof (double));
  in_y = g_memdup2 (y, n_points * sizeof (double));
  transform (self, PJ_INV, x, y, n_points);
  {
    g_autofree double *fx = g_memdup2 (x, n_points * sizeof (double));
    g_autofree double *fy = g_memdup2 (y, n_points * sizeof (double));

    transform (self, PJ_FWD, fx, fy, n_points);
    for (gsize i = 0; i < n_points; i++)
      {
        double tolerance = 1e-6 * MAX (1.0, MAX (fabs (in_x[i]), fabs (in_y[i])));

        if (x[i] != HUGE_VAL && fx[i] != HUGE_VAL &&
            fabs (fx[i] - in_x[i]) <= tolerance && fabs (fy[i] - in_y[i]) <= tolerance)
          n_ok++;
        else
          x[i] = y[i] = HUGE_VAL;
      }
  }

  return n_ok;
}

/**
 * fa_projection_project_extent:
 * @self: a #FaProjection
 * @extent: west, south, east, north in degrees
 * @out_rect: (out caller-allocates): the projected bounding rectangle
 *
 * Projects the edges of a longitude/latitude box, densely sampled because
 * parallels and meridians are curves in most projections.  A box 360° wide
 * covers the whole map, from cut to cut.
 *
 * Returns: %TRUE if any point of the box could be projected
 */
gboolean
fa_projection_project_extent (FaProjection *self,
                              const double  extent[4],
                              FaRect       *out_rect)
{
  double x[4 * (EXTENT_SAMPLES + 1)];
  double y[4 * (EXTENT_SAMPLES + 1)];
  double west, east, south, north;
  FaRect rect = { HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL };
  guint n = 0;

  g_return_val_if_fail (FA_IS_PROJECTION (self), FALSE);
  g_return_val_if_fail (extent != NULL, FALSE);
  g_return_val_if_fail (out_rect != NULL, FALSE);

  west = extent[0];
  south = extent[1];
  east = extent[2];
  north = extent[3];
  if (east - west >= 360.0 - 1e-9)
    {
      /* Just inside the cut on both sides, or both edges land on one side. */
      west = self->central_meridian - 180.0 + 1e-7;
      east = self->central_meridian + 180.0 - 1e-7;
    }

  for (guint i = 0; i <= EXTENT_SAMPLES; i++)
    {
      double t = (double) i / EXTENT_SAMPLES;
      double lon = west + (east - west) * t;
      double lat = south + (north - south) * t;

      x[n] = lon;   y[n++] = south;
      x[n] = lon;   y[n++] = north;
      x[n] = west;  y[n++] = lat;
      x[n] = east;  y[n++] = lat;
    }

  if (fa_projection_forward (self, x, y, n) == 0)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (x[i] == HUGE_VAL)
        continue;
      rect.x1 = MIN (rect.x1, x[i]);
      rect.y1 = MIN (rect.y1, y[i]);
      rect.x2 = MAX (rect.x2, x[i]);
      rect.y2 = MAX (rect.y2, y[i]);
    }

  *out_rect = rect;
  return TRUE;
}

/**
 * fa_projection_geodesic_distance:
 * @lon1: longitude of the first point, degrees
 * @lat1: latitude of the first point, degrees
 * @lon2: longitude of the second point, degrees
 * @lat2: latitude of the second point, degrees
 *
 * The shortest distance over the WGS 84 ellipsoid (Karney's geodesics, as
 * shipped with PROJ).
 *
 * Returns: the distance in metres
 */
double
fa_projection_geodesic_distance (double lon1,
                                 double lat1,
                                 double lon2,
                                 double lat2)
{
  static struct geod_geodesic geod;
  static gsize initialized = 0;
  double s12 = 0.0;

  if (g_once_init_enter (&initialized))
    {
      geod_init (&geod, 6378137.0, 1.0 / 298.257223563);
      g_once_init_leave (&initialized, 1);
    }

  geod_inverse (&geod, lat1, lon1, lat2, lon2, &s12, NULL, NULL);
  return s12;
}
