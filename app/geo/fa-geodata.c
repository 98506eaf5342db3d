/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-geodata"

#include "config.h"

#include "fa-geodata.h"

#include <glib/gi18n.h>
#include <math.h>

#include "fa-geo-error.h"
#include "fa-text.h"

typedef struct
{
  const char *name;       /* in the owning shapefile */
  double      lon;
  double      lat;
} CodeEntry;

struct _FaGeodata
{
  GObject      parent_instance;

  char        *directory;                    /* owned */
  FaShapefile *countries[FA_N_DETAILS];      /* owned, loaded on demand */
  FaShapefile *regions[FA_N_DETAILS];        /* owned; LOW stays unused */
  FaShapefile *occupied;                     /* owned, loaded on demand */
  GHashTable  *codes;                        /* upper-case code → CodeEntry */
  GMutex       lock;                         /* guards the files loaded on demand:
                                              * drawings on workers ask for them */
};

G_DEFINE_FINAL_TYPE (FaGeodata, fa_geodata, G_TYPE_OBJECT)

static const char * const country_files[FA_N_DETAILS] = {
  "countries-low", "countries-medium", "countries-high",
};

static const char * const region_files[FA_N_DETAILS] = {
  "regions-medium", "regions-medium", "regions-high",
};

static gboolean
parse_coordinate (const char *text,
                  double     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  *value = g_ascii_strtod (text, &end);
  return end != text && isfinite (*value);
}

/* Indexes the codes found in @fields of @shapefile.  The first record with
 * a code wins, so an earlier (bigger) entry is never replaced. */
static void
index_codes (FaGeodata          *self,
             FaShapefile        *shapefile,
             const char * const *fields)
{
  int name_field = fa_shapefile_find_field (shapefile, "name");
  int lon_field = fa_shapefile_find_field (shapefile, "label_lon");
  int lat_field = fa_shapefile_find_field (shapefile, "label_lat");
  guint n_records = fa_shapefile_get_n_records (shapefile);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      int field = fa_shapefile_find_field (shapefile, fields[i]);

      if (field < 0)
        continue;

      for (guint r = 0; r < n_records; r++)
        {
          const char *code = fa_shapefile_get_value (shapefile, r, field);
          g_autofree char *key = NULL;
          CodeEntry *entry;

          /* Natural Earth writes "-99" where there is no code. */
          if (*code == '\0' || *code == '-')
            continue;

          key = g_ascii_strup (code, -1);
          if (g_hash_table_contains (self->codes, key))
            continue;

          entry = g_new0 (CodeEntry, 1);
          entry->name = fa_shapefile_get_value (shapefile, r, name_field);
          entry->lon = entry->lat = HUGE_VAL;
          if (!parse_coordinate (fa_shapefile_get_value (shapefile, r, lon_field), &entry->lon) ||
              !parse_coordinate (fa_shapefile_get_value (shapefile, r, lat_field), &entry->lat))
            entry->lon = entry->lat = HUGE_VAL;

          g_hash_table_insert (self->codes, g_steal_pointer (&key), entry);
        }
    }
}

static FaShapefile *
load_file (FaGeodata   *self,
           const char  *name,
           GError     **error)
{
  g_autofree char *file = g_strconcat (name, ".shp", NULL);
  g_autofree char *path = g_build_filename (self->directory, "naturalearth", file, NULL);

  return fa_shapefile_load (path, error);
}

static void
fa_geodata_finalize (GObject *object)
{
  FaGeodata *self = (FaGeodata *)object;

  /* The code index borrows strings from the shapefiles: drop it first. */
  g_clear_pointer (&self->codes, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  for (guint i = 0; i < FA_N_DETAILS; i++)
    {
      g_clear_object (&self->countries[i]);
      g_clear_object (&self->regions[i]);
    }
  g_clear_object (&self->occupied);
  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (fa_geodata_parent_class)->finalize (object);
}

static void
fa_geodata_class_init (FaGeodataClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fa_geodata_finalize;
}

static void
fa_geodata_init (FaGeodata *self)
{
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&self->lock);
}

/**
 * fa_geodata_get_default_directory:
 *
 * Where the bundled geodata lives: `$FLOWATLAS_GEODATA` if set, else the
 * installed `PKGDATADIR/geodata`.  No build path is compiled in: an
 * uninstalled run gets `$FLOWATLAS_GEODATA` from `meson devenv`.
 *
 * Returns: (transfer none): a directory path
 */
const char *
fa_geodata_get_default_directory (void)
{
  static char *directory = NULL;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      const char *env = g_getenv ("FLOWATLAS_GEODATA");
      g_autofree char *installed = g_build_filename (PKGDATADIR, "geodata", NULL);

      if (env != NULL && *env != '\0')
        directory = g_strdup (env);
      else
        directory = g_steal_pointer (&installed);

      g_once_init_leave (&initialized, 1);
    }

  return directory;
}

/**
 * fa_geodata_new:
 * @directory: (nullable): the geodata directory (containing `naturalearth/`),
 *   or %NULL for fa_geodata_get_default_directory()
 * @error: return location for a #GError
 *
 * Opens the geodata and loads `countries-low` and `regions-medium` right
 * away to index their ISO 3166 codes; other layers load on first use.
 *
 * Returns: (transfer full) (nullable): the geodata, or %NULL with @error
 *   set when a file is missing or malformed (the message names it)
 */
FaGeodata *
fa_geodata_new (const char  *directory,
                GError     **error)
{
  static const char * const country_codes[] = { "iso_a2", "iso_a3", NULL };
  static const char * const region_codes[] = { "iso_3166_2", NULL };
  g_autoptr(FaGeodata) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (FA_TYPE_GEODATA, NULL);
  self->directory = g_strdup (directory != NULL ? directory : fa_geodata_get_default_directory ());

  if (!g_file_test (self->directory, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *shown = fa_text_display_path (self->directory);

      g_set_error (error, FA_GEO_ERROR, FA_GEO_ERROR_OPEN,
                   _("%s: the geodata directory does not exist"), shown);
      return NULL;
    }

  self->countries[FA_DETAIL_LOW] = load_file (self, country_files[FA_DETAIL_LOW], error);
  if (self->countries[FA_DETAIL_LOW] == NULL)
    return NULL;
  self->regions[FA_DETAIL_MEDIUM] = load_file (self, region_files[FA_DETAIL_MEDIUM], error);
  if (self->regions[FA_DETAIL_MEDIUM] == NULL)
    return NULL;

  index_codes (self, self->countries[FA_DETAIL_LOW], country_codes);
  index_codes (self, self->regions[FA_DETAIL_MEDIUM], region_codes);

  return g_steal_pointer (&self);
}

/**
 * fa_geodata_get_directory:
 * @self: a #FaGeodata
 *
 * Returns: (transfer none): the geodata directory
 */
const char *
fa_geodata_get_directory (FaGeodata *self)
{
  g_return_val_if_fail (FA_IS_GEODATA (self), NULL);

  return self->directory;
}

/**
 * fa_geodata_get_layer:
 * @self: a #FaGeodata
 * @kind: which layer
 * @detail: the level of detail; regions have no low detail (medium is
 *   used) and occupied territory has a single one
 * @error: return location for a #GError
 *
 * Loads the layer on first use and keeps it.
 *
 * Returns: (transfer none) (nullable): the shapefile, or %NULL with @error set
 */
FaShapefile *
fa_geodata_get_layer (FaGeodata      *self,
                      FaGeodataKind   kind,
                      FaDetail        detail,
                      GError        **error)
{
  FaShapefile **slot;
  const char *name;

  g_return_val_if_fail (FA_IS_GEODATA (self), NULL);
  g_return_val_if_fail (detail <= FA_DETAIL_HIGH, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (kind)
    {
    case FA_GEODATA_COUNTRIES:
      slot = &self->countries[detail];
      name = country_files[detail];
      break;

    case FA_GEODATA_REGIONS:
      if (detail == FA_DETAIL_LOW)
        detail = FA_DETAIL_MEDIUM;
      slot = &self->regions[detail];
      name = region_files[detail];
      break;

    case FA_GEODATA_OCCUPIED:
      slot = &self->occupied;
      name = "occupied";
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  g_mutex_lock (&self->lock);
  if (*slot == NULL)
    *slot = load_file (self, name, error);
  g_mutex_unlock (&self->lock);

  return *slot;
}

/**
 * fa_geodata_has_code:
 * @self: a #FaGeodata
 * @code: an ISO 3166-1 alpha-2 or alpha-3 code, or an ISO 3166-2 code such
 *   as "UA-43" (any case)
 *
 * Returns: %TRUE if a country or region has this code
 */
gboolean
fa_geodata_has_code (FaGeodata  *self,
                     const char *code)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (FA_IS_GEODATA (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  key = g_ascii_strup (code, -1);
  return g_hash_table_contains (self->codes, key);
}

/**
 * fa_geodata_get_label_point:
 * @self: a #FaGeodata
 * @code: a country or region code
 * @lon: (out) (optional): the label longitude in degrees
 * @lat: (out) (optional): the label latitude in degrees
 *
 * Returns: %TRUE if @code is known and has a label point
 */
gboolean
fa_geodata_get_label_point (FaGeodata  *self,
                            const char *code,
                            double     *lon,
                            double     *lat)
{
  g_autofree char *key = NULL;
  CodeEntry *entry;

  g_return_val_if_fail (FA_IS_GEODATA (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  key = g_ascii_strup (code, -1);
  entry = g_hash_table_lookup (self->codes, key);
  if (entry == NULL || entry->lon == HUGE_VAL)
    return FALSE;

  if (lon != NULL)
    *lon = entry->lon;
  if (lat != NULL)
    *lat = entry->lat;
  return TRUE;
}

/**
 * fa_geodata_get_name:
 * @self: a #FaGeodata
 * @code: a country or region code
 *
 * Returns: (transfer none) (nullable): the English name from the geodata,
 *   or %NULL if @code is unknown
 */
const char *
fa_geodata_get_name (FaGeodata  *self,
                     const char *code)
{
  g_autofree char *key = NULL;
  CodeEntry *entry;

  g_return_val_if_fail (FA_IS_GEODATA (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  key = g_ascii_strup (code, -1);
  entry = g_hash_table_lookup (self->codes, key);
  return entry != NULL ? entry->name : NULL;
}
