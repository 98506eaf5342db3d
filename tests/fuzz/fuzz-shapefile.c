/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fa-feature-layer.h"
#include "fa-fuzz.h"
#include "fa-projection.h"
#include "fa-shapefile.h"

static FaProjection *projection;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  fa_fuzz_quiet_logs ();
  projection = fa_projection_new ("world", &error);
  if (projection == NULL)
    {
      g_printerr ("fuzz-shapefile: %s\n", error->message);
      abort ();
    }

  return 0;
}

static char *
apply_case (const char *ext,
            guint       mode)
{
  char *s = g_strdup (ext);

  for (char *p = s; *p != '\0'; p++)
    {
      gboolean upper = mode == 1 || (mode == 2 && p == s) || (mode == 3 && p != s);

      *p = upper ? g_ascii_toupper (*p) : g_ascii_tolower (*p);
    }

  return s;
}

static void
check_shapefile (FaShapefile *shp)
{
  guint n_records = fa_shapefile_get_n_records (shp);
  guint n_points = fa_shapefile_get_n_points (shp);
  guint n_fields = fa_shapefile_get_n_fields (shp);
  const char * const *warnings = fa_shapefile_get_warnings (shp);
  guint seen_points = 0;
  FaRect bounds;

  for (guint i = 0; warnings[i] != NULL; i++)
    fa_fuzz_check_message (warnings[i]);

  fa_shapefile_get_bounds (shp, &bounds);
  if (n_points > 0 && !(isfinite (bounds.x1) && isfinite (bounds.y1) &&
                        bounds.x1 <= bounds.x2 && bounds.y1 <= bounds.y2))
    abort ();

  for (guint r = 0; r < n_records; r++)
    {
      const double *lon, *lat;
      const guint *starts;
      guint n_parts = fa_shapefile_get_shape (shp, r, &lon, &lat, &starts);

      for (guint p = 0; p < n_parts; p++)
        if (starts[p] > starts[p + 1])
          abort ();
      if (n_parts > 0 && starts[0] != 0)
        abort ();
      /* Every point must be readable: ASan checks the accesses. */
      for (guint i = 0; i < starts[n_parts]; i++)
        if (!isfinite (lon[i]) || !isfinite (lat[i]))
          abort ();
      seen_points += starts[n_parts];
    }
  if (seen_points != n_points)
    abort ();

  for (guint f = 0; f < n_fields; f++)
    {
      const char *name = fa_shapefile_get_field_name (shp, f);

      if (!g_utf8_validate (name, -1, NULL) || fa_shapefile_find_field (shp, name) < 0)
        abort ();
      for (guint r = 0; r < n_records; r++)
        if (!g_utf8_validate (fa_shapefile_get_value (shp, r, f), -1, NULL))
          abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const exts[] = { "shp", "shx", "dbf", "prj", "cpg" };
  const char *dir = fa_fuzz_get_tmpdir ();
  FaFuzzInput input = { data, size };
  g_autoptr(FaShapefile) shp = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shp_name = NULL;
  g_autofree char *path = NULL;
  const uint8_t *part;
  size_t part_size;
  guint8 flags;
  guint mode;
  guint i;

  if (projection == NULL)
    LLVMFuzzerInitialize (NULL, NULL);
  if (size < 1)
    return 0;

  flags = data[0];
  input.data++;
  input.size--;
  mode = flags & 3;

  fa_fuzz_clear_dir (dir);
  for (i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *ext = apply_case (exts[i], i > 0 && (flags & 4) ? (mode + 1) % 4 : mode);
      g_autofree char *name = g_strconcat ("x.", ext, NULL);

      if (i == 0)
        shp_name = g_strdup (name);
      if (!fa_fuzz_next_part (&input, &part, &part_size))
        break;
      fa_fuzz_write_file (dir, name, part, part_size);
    }

  if (i == G_N_ELEMENTS (exts) && (flags & 8) && fa_fuzz_next_part (&input, &part, &part_size))
    {
      const char *decoy = g_str_equal (shp_name, "x.shp") ? "x.SHP" : "x.shp";

      fa_fuzz_write_file (dir, decoy, part, part_size);
    }

  if ((flags & 16) && mode == 0)
    path = g_build_filename (dir, "x", NULL);
  else
    path = g_build_filename (dir, shp_name, NULL);

  shp = fa_shapefile_load (path, &error);
  if ((shp == NULL) == (error == NULL))
    abort ();
  if (error != NULL)
    {
      fa_fuzz_check_message (error->message);
      return 0;
    }

  check_shapefile (shp);

  if (flags & 32)
    {
      g_autoptr(FaFeatureLayer) layer = NULL;
      g_autoptr(GError) layer_error = NULL;

      layer = fa_feature_layer_new (shp, projection, &layer_error);
      if ((layer == NULL) == (layer_error == NULL))
        abort ();
      if (layer_error != NULL)
        fa_fuzz_check_message (layer_error->message);
    }

  return 0;
}
