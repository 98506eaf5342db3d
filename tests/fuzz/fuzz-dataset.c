/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "fa-data-error.h"
#include "fa-data-problem.h"
#include "fa-dataset.h"
#include "fa-fuzz.h"
#include "fa-geodata.h"

static FaGeodata *geodata;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  fa_fuzz_quiet_logs ();
  geodata = fa_geodata_new (NULL, &error);
  if (geodata == NULL)
    {
      g_printerr ("fuzz-dataset: %s\n", error->message);
      abort ();
    }

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const names[] = {
    "places.csv", "flows.csv", "events.csv", "categories.csv", "dataset.ini",
  };
  const char *dir = fa_fuzz_get_tmpdir ();
  FaFuzzInput input = { data, size };
  g_autoptr(FaDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  guint8 flags;

  if (geodata == NULL)
    LLVMFuzzerInitialize (NULL, NULL);
  if (size < 1)
    return 0;

  flags = data[0];
  input.data++;
  input.size--;

  fa_fuzz_clear_dir (dir);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const uint8_t *part;
      size_t part_size;

      if (!fa_fuzz_next_part (&input, &part, &part_size))
        break;
      fa_fuzz_write_file (dir, i == 0 && (flags & 1) ? "locations.csv" : names[i], part, part_size);
    }

  dataset = fa_dataset_new_from_directory (dir, (flags & 2) ? NULL : geodata, &error);
  if ((dataset == NULL) == (error == NULL))
    abort ();

  if (error != NULL)
    {
      GPtrArray *problems = fa_data_error_get_problems (error);

      fa_fuzz_check_message (error->message);
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        {
          const FaDataProblem *problem = g_ptr_array_index (problems, i);

          fa_fuzz_check_message (problem->file);
          fa_fuzz_check_message (problem->message);
        }
    }
  else
    {
      GListModel *lists[] = {
        fa_dataset_get_places (dataset), fa_dataset_get_flows (dataset),
        fa_dataset_get_events (dataset), fa_dataset_get_categories (dataset),
      };

      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        for (guint j = 0; j < g_list_model_get_n_items (lists[i]); j++)
          g_object_unref (g_list_model_get_item (lists[i], j));
    }

  return 0;
}
