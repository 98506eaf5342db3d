/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fa-category.h"
#include "fa-csv.h"
#include "fa-data-error.h"
#include "fa-data-problem.h"
#include "fa-dataset.h"
#include "fa-map-state.h"
#include "fa-event.h"
#include "fa-flow.h"
#include "fa-geodata.h"
#include "fa-month.h"
#include "fa-place.h"
#include "fa-test-utils.h"
#include "fa-time-filter.h"

static const char valid_ini[] =
  "[Dataset]\n"
  "title=Test dataset\n"
  "title[uk]=Тестовий набір\n"
  "description=Flows for the tests.\n"
  "source=A report\n"
  "source_url=https://example.org/report\n"
  "published=2024-06\n"
  "licence=Public domain\n"
  "source_text=source.txt\n";

static const char valid_source[] =
  "Since 2022, hundreds of thousands were transferred.\nThe DPRK sent workers “annually”.\n";

static const char valid_categories[] =
  "id,label,color,group,form,description\n"
  "civilians,Civilians,#0072b2,relocation,,Civilian transfers\n"
  "workers,Workers,,dprk-workers,labour,\n";

static const char valid_places[] =
  "id,name,lat,lon,region,kind,name:uk,name:ru,note\n"
  "ru,Russia,55.75,37.62,RU,country,Росія,Россия,\n"
  "ua,Ukraine,50.45,30.52,UA,country,Україна,Украина,\n"
  "kp,North Korea,39.03,125.75,KP,,,,\n"
  "central-asia,Central Asia,43,68,KZ KG TJ TM UZ,group,,,Schematic point\n"
  "filtration,Filtration centres,47.1,37.5,,facility,,,\"Not named, placed schematically\"\n";

/* Columns in another order, CRLF, a BOM and an unknown column. */
static const char valid_flows[] =
  "\xEF\xBB\xBFid,origin,dest,category,count,count_low,count_high,magnitude,start,end,certainty,via,quote,source,extra\r\n"
  "f1,ua,ru,civilians,,200000,999999,hundreds of thousands,2022-02,,reported,filtration,\"Since 2022, hundreds of thousands were transferred.\",\"Summary, para. 1\",x\r\n"
  "f2,kp,ru,workers,20000,,,\"approximately 20,000 ... annually\",,2017,previous-years,,The DPRK sent workers “annually”.,,\r\n"
  "f3,central-asia,ru,workers,,150,,\"at least 150\ttabbed\",2023,2023-06-15,official,,,,\r\n";

static const char valid_events[] =
  "id,date,title,description,place,category,quote,source\n"
  "e1,2022-02-24,Invasion,\"Two\nlines\",ua,,,\n"
  "e2,2016,Agreement,,kp,workers,,\n";

/* Like fa_test_write_file(), without its fsync(): the tests write
 * thousands of files.  Unlinking first avoids ext4 flushing a truncated
 * file on close.  (GLib 2.74's G_FILE_SET_CONTENTS_NONE does not truncate
 * an existing file, so this uses stdio.) */
static void
write_file (const char *dir,
            const char *name,
            const void *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  FILE *file;

  g_unlink (path);
  file = g_fopen (path, "wb");
  if (length < 0)
    length = strlen (contents);
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (contents, 1, length, file), ==, (gsize) length);
  g_assert_cmpint (fclose (file), ==, 0);
}

typedef struct
{
  char *dir;
} Fixture;

static void
write_valid_dataset (const char *dir)
{
  write_file (dir, "dataset.ini", valid_ini, -1);
  write_file (dir, "source.txt", valid_source, -1);
  write_file (dir, "categories.csv", valid_categories, -1);
  write_file (dir, "places.csv", valid_places, -1);
  write_file (dir, "flows.csv", valid_flows, -1);
  write_file (dir, "events.csv", valid_events, -1);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = fa_test_make_tmpdir ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fa_test_rmtree (fixture->dir);
  g_free (fixture->dir);
}

static FaDataset *
load_valid (const char *dir,
            FaGeodata  *geodata)
{
  g_autoptr(GError) error = NULL;
  FaDataset *dataset = fa_dataset_new_from_directory (dir, geodata, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

/* Loads a folder that must fail and checks the whole message. */
static void
assert_load_fails (const char *dir,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FaDataset) dataset = fa_dataset_new_from_directory (dir, NULL, &error);
  GPtrArray *problems;
  g_autoptr(GString) joined = g_string_new (NULL);

  g_assert_null (dataset);
  g_assert_error (error, FA_DATA_ERROR, FA_DATA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);

  /* The structured problems say the same. */
  problems = fa_data_error_get_problems (error);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = fa_data_problem_to_string (g_ptr_array_index (problems, i));

      g_string_append_printf (joined, "%s%s", i > 0 ? "\n" : "", line);
    }
  if (fa_data_error_get_n_problems (error) == problems->len)
    g_assert_cmpstr (joined->str, ==, expected);
}

static FaGeodata *
load_geodata (void)
{
  g_autoptr(GError) error = NULL;
  FaGeodata *geodata = fa_geodata_new (NULL, &error);

  /* The geodata is part of the repository: missing, it is a failure. */
  g_assert_no_error (error);
  g_assert_nonnull (geodata);
  return geodata;
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(FaDataset) dataset = NULL;
  g_autoptr(FaFlow) f1 = NULL;
  FaFlow *flow;
  FaPlace *place;
  FaEvent *event;
  FaCategory *category;
  GPtrArray *via;
  g_autofree char *source_text = NULL;

  write_valid_dataset (fixture->dir);
  dataset = load_valid (fixture->dir, NULL);

  g_assert_cmpstr (fa_dataset_get_directory (dataset), ==, fixture->dir);
  g_assert_cmpstr (fa_dataset_get_title (dataset), ==, "Test dataset");
  g_assert_cmpstr (fa_dataset_get_description (dataset), ==, "Flows for the tests.");
  g_assert_cmpstr (fa_dataset_get_source (dataset), ==, "A report");
  g_assert_cmpstr (fa_dataset_get_source_url (dataset), ==, "https://example.org/report");
  g_assert_cmpstr (fa_dataset_get_published (dataset), ==, "2024-06");
  g_assert_cmpstr (fa_dataset_get_licence (dataset), ==, "Public domain");
  source_text = g_build_filename (fixture->dir, "source.txt", NULL);
  g_assert_cmpstr (fa_dataset_get_source_text_path (dataset), ==, source_text);

  g_assert_cmpuint (g_list_model_get_n_items (fa_dataset_get_places (dataset)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (fa_dataset_get_flows (dataset)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (fa_dataset_get_events (dataset)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (fa_dataset_get_categories (dataset)), ==, 2);
  g_assert_true (g_list_model_get_item_type (fa_dataset_get_flows (dataset)) == FA_TYPE_FLOW);

  place = fa_dataset_lookup_place (dataset, "central-asia");
  g_assert_nonnull (place);
  g_assert_cmpstr (fa_place_get_name (place), ==, "Central Asia");
  g_assert_cmpfloat (fa_place_get_lat (place), ==, 43);
  g_assert_cmpfloat (fa_place_get_lon (place), ==, 68);
  g_assert_cmpstrv (fa_place_get_region_codes (place), ((const char *[]) { "KZ", "KG", "TJ", "TM", "UZ", NULL }));
  g_assert_cmpint (fa_place_get_kind (place), ==, FA_PLACE_KIND_GROUP);
  g_assert_cmpstr (fa_place_get_note (place), ==, "Schematic point");
  g_assert_cmpstr (fa_place_get_note (fa_dataset_lookup_place (dataset, "filtration")), ==,
                   "Not named, placed schematically");
  /* An empty kind with coordinates is a plain dot (it was a site of
   * forced labour, which the row does not say). */
  g_assert_cmpint (fa_place_get_kind (fa_dataset_lookup_place (dataset, "kp")), ==, FA_PLACE_KIND_CITY);
  g_assert_null (fa_dataset_lookup_place (dataset, "nowhere"));

  f1 = g_list_model_get_item (fa_dataset_get_flows (dataset), 0);
  g_assert_true (f1 == fa_dataset_lookup_flow (dataset, "f1"));
  g_assert_true (fa_flow_get_origin (f1) == fa_dataset_lookup_place (dataset, "ua"));
  g_assert_true (fa_flow_get_destination (f1) == fa_dataset_lookup_place (dataset, "ru"));
  via = fa_flow_get_via (f1);
  g_assert_cmpuint (via->len, ==, 1);
  g_assert_true (g_ptr_array_index (via, 0) == fa_dataset_lookup_place (dataset, "filtration"));
  g_assert_cmpint (fa_flow_get_count (f1), ==, -1);
  g_assert_cmpint (fa_flow_get_count_low (f1), ==, 200000);
  g_assert_cmpint (fa_flow_get_count_high (f1), ==, 999999);
  g_assert_cmpstr (fa_flow_get_magnitude (f1), ==, "hundreds of thousands");
  g_assert_cmpint (fa_flow_get_start (f1), ==, fa_month_from_ym (2022, 2));
  g_assert_cmpint (fa_flow_get_start_precision (f1), ==, FA_MONTH_PRECISION_MONTH);
  g_assert_cmpint (fa_flow_get_end (f1), ==, FA_MONTH_NONE);
  g_assert_cmpint (fa_flow_get_end_precision (f1), ==, FA_MONTH_PRECISION_NONE);
  g_assert_true (fa_flow_get_category (f1) == fa_dataset_lookup_category (dataset, "civilians"));
  g_assert_cmpint (fa_flow_get_certainty (f1), ==, FA_CERTAINTY_REPORTED);
  g_assert_cmpstr (fa_flow_get_quote (f1), ==, "Since 2022, hundreds of thousands were transferred.");
  g_assert_cmpstr (fa_flow_get_source (f1), ==, "Summary, para. 1");

  /* A count alone is exact. */
  flow = fa_dataset_lookup_flow (dataset, "f2");
  g_assert_cmpint (fa_flow_get_count (flow), ==, 20000);
  g_assert_cmpint (fa_flow_get_count_low (flow), ==, 20000);
  g_assert_cmpint (fa_flow_get_count_high (flow), ==, 20000);
  g_assert_cmpint (fa_flow_get_start (flow), ==, FA_MONTH_NONE);
  g_assert_cmpint (fa_flow_get_end (flow), ==, fa_month_from_ym (2017, 12));
  g_assert_cmpint (fa_flow_get_end_precision (flow), ==, FA_MONTH_PRECISION_YEAR);
  g_assert_cmpint (fa_flow_get_certainty (flow), ==, FA_CERTAINTY_PREVIOUS_YEARS);
  g_assert_cmpuint (fa_flow_get_via (flow)->len, ==, 0);
  g_assert_null (fa_flow_get_source (flow));

  /* count_low alone: an open upper bound. */
  flow = fa_dataset_lookup_flow (dataset, "f3");
  g_assert_cmpint (fa_flow_get_count_low (flow), ==, 150);
  g_assert_cmpint (fa_flow_get_count_high (flow), ==, -1);
  g_assert_cmpint (fa_flow_get_end (flow), ==, fa_month_from_ym (2023, 6));
  g_assert_cmpint (fa_flow_get_end_precision (flow), ==, FA_MONTH_PRECISION_DAY);
  g_assert_cmpint (fa_flow_get_end_day (flow), ==, 15);

  event = fa_dataset_lookup_event (dataset, "e1");
  g_assert_cmpint (fa_event_get_month (event), ==, fa_month_from_ym (2022, 2));
  g_assert_cmpint (fa_event_get_precision (event), ==, FA_MONTH_PRECISION_DAY);
  g_assert_cmpint (fa_event_get_day (event), ==, 24);
  g_assert_cmpstr (fa_event_get_description (event), ==, "Two\nlines");
  g_assert_true (fa_event_get_place (event) == fa_dataset_lookup_place (dataset, "ua"));
  g_assert_null (fa_event_get_category (event));
  event = fa_dataset_lookup_event (dataset, "e2");
  g_assert_cmpint (fa_event_get_last_month (event), ==, fa_month_from_ym (2016, 12));
  g_assert_true (fa_event_is_active (event, fa_month_from_ym (2016, 7)));
  g_assert_false (fa_event_is_active (event, fa_month_from_ym (2017, 1)));

  category = fa_dataset_lookup_category (dataset, "civilians");
  g_assert_cmpstr (fa_category_get_label (category), ==, "Civilians");
  g_assert_cmphex (fa_category_get_color (category), ==, 0x0072b2);
  g_assert_cmpstr (fa_category_get_group (category), ==, "relocation");
  g_assert_cmpint (fa_category_get_form (category), ==, FA_CATEGORY_FORM_NONE);
  g_assert_cmpstr (fa_category_get_description (category), ==, "Civilian transfers");
  /* No colour: the first of the default palette. */
  category = fa_dataset_lookup_category (dataset, "workers");
  g_assert_cmphex (fa_category_get_color (category), ==, 0xe69f00);
  g_assert_cmpstr (fa_category_get_group (category), ==, "dprk-workers");
  g_assert_cmpint (fa_category_get_form (category), ==, FA_CATEGORY_FORM_LABOUR);

  /* From event e2 (2016) to the end of f3 (June 2023). */
  g_assert_cmpint (fa_dataset_get_first_month (dataset), ==, fa_month_from_ym (2016, 1));
  g_assert_cmpint (fa_dataset_get_last_month (dataset), ==, fa_month_from_ym (2023, 6));
  g_assert_cmpuint (fa_dataset_count_active (dataset, fa_month_from_ym (2017, 12)), ==, 1);
  g_assert_cmpuint (fa_dataset_count_active (dataset, fa_month_from_ym (2018, 1)), ==, 0);
  g_assert_cmpuint (fa_dataset_count_active (dataset, fa_month_from_ym (2023, 6)), ==, 2);
  g_assert_cmpuint (fa_dataset_count_active (dataset, fa_month_from_ym (2023, 7)), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&dataset));
}

static void
test_localized (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(FaDataset) dataset = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  write_valid_dataset (fixture->dir);
  g_setenv ("LANGUAGE", "uk", TRUE);
  dataset = load_valid (fixture->dir, NULL);
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  g_assert_cmpstr (fa_dataset_get_title (dataset), ==, "Тестовий набір");
  g_assert_cmpstr (fa_place_get_name (fa_dataset_lookup_place (dataset, "ua")), ==, "Україна");
  /* An empty translation falls back to the name. */
  g_assert_cmpstr (fa_place_get_name (fa_dataset_lookup_place (dataset, "kp")), ==, "North Korea");
}

static void
test_tsv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(FaDataset) dataset = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) visible = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(FaMapState) state = fa_map_state_new ();
  FaTimeFilter march_2023 = { FA_TIME_MODE_AT, fa_month_from_ym (2023, 3), FA_MONTH_NONE };

  write_valid_dataset (fixture->dir);
  dataset = load_valid (fixture->dir, NULL);

  fa_dataset_write_tsv (dataset, NULL, out);
  g_assert_cmpstr (out->str, ==,
                   "id\torigin\tdest\tcategory\tcount_low\tcount_high\tmagnitude\tstart\tend\tdated\tcertainty\tkind\n"
                   "f1\tua\tru\tcivilians\t200000\t999999\thundreds of thousands\t2022-02\t\tstated\treported\tmovement\n"
                   "f2\tkp\tru\tworkers\t20000\t20000\tapproximately 20,000 ... annually\t\t2017\tstated\tprevious-years\tmovement\n"
                   "f3\tcentral-asia\tru\tworkers\t150\t\tat least 150 tabbed\t2023\t2023-06-15\tstated\tofficial\tmovement\n");

  g_string_truncate (out, 0);
  /* The flows listed are those a map state shows. */
  fa_map_state_set_dataset (state, dataset);
  fa_map_state_set_time_filter (state, &march_2023);
  fa_dataset_write_tsv (dataset, fa_map_state_get_visible_flows (state), out);
  g_assert_cmpstr (out->str, ==,
                   "id\torigin\tdest\tcategory\tcount_low\tcount_high\tmagnitude\tstart\tend\tdated\tcertainty\tkind\n"
                   "f1\tua\tru\tcivilians\t200000\t999999\thundreds of thousands\t2022-02\t\tstated\treported\tmovement\n"
                   "f3\tcentral-asia\tru\tworkers\t150\t\tat least 150 tabbed\t2023\t2023-06-15\tstated\tofficial\tmovement\n");

  g_string_truncate (out, 0);
  g_hash_table_add (visible, (gpointer) "workers");
  fa_map_state_show_only_categories (state, visible);
  fa_dataset_write_tsv (dataset, fa_map_state_get_visible_flows (state), out);
  g_assert_cmpstr (out->str, ==,
                   "id\torigin\tdest\tcategory\tcount_low\tcount_high\tmagnitude\tstart\tend\tdated\tcertainty\tkind\n"
                   "f3\tcentral-asia\tru\tworkers\t150\t\tat least 150 tabbed\t2023\t2023-06-15\tstated\tofficial\tmovement\n");
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(FaDataset) dataset = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *name = g_path_get_basename (fixture->dir);

  write_valid_dataset (fixture->dir);
  dataset = load_valid (fixture->dir, NULL);
  summary = fa_dataset_describe_summary (dataset);
  expected = g_strdup_printf ("%s: 5 places, 3 flows, 2 events, 2 categories", name);
  g_assert_cmpstr (summary, ==, expected);
  g_assert_cmpstr (fa_dataset_get_name (dataset), ==, name);
  g_clear_object (&dataset);
  g_clear_pointer (&summary, g_free);
  g_clear_pointer (&expected, g_free);

  /* Singular forms; no dataset.ini: the title is the folder's name. */
  write_file (fixture->dir, "dataset.ini", "[Dataset]\n", -1);
  write_file (fixture->dir, "places.csv", "id,name,lat,lon\nua,Ukraine,50,30\n", -1);
  write_file (fixture->dir, "flows.csv", "id,origin,dest,category\nf,ua,ua,civilians\n", -1);
  write_file (fixture->dir, "events.csv", "id,date,title\ne,2022,Event\n", -1);
  write_file (fixture->dir, "categories.csv", "id,label\ncivilians,Civilians\n", -1);
  dataset = load_valid (fixture->dir, NULL);
  summary = fa_dataset_describe_summary (dataset);
  expected = g_strdup_printf ("%s: 1 place, 1 flow, 1 event, 1 category", name);
  g_assert_cmpstr (summary, ==, expected);
  g_assert_cmpstr (fa_dataset_get_title (dataset), ==, name);
  g_assert_null (fa_dataset_get_source_text_path (dataset));
}

static void
test_default_categories (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(FaDataset) dataset = NULL;
  GListModel *categories;
  g_autoptr(FaCategory) first = NULL;
  g_autoptr(FaCategory) second = NULL;

  write_file (fixture->dir, "places.csv", "id,name,lat,lon\na,A,1,2\nb,B,3,4\n", -1);
  write_file (fixture->dir, "flows.csv",
                              "id,origin,dest,category\n"
                              "f1,a,b,labour\n"
                              "f2,b,a,sex\n"
                              "f3,a,a,labour\n", -1);
  dataset = load_valid (fixture->dir, NULL);

  /* In order of first use, coloured from the Okabe–Ito palette. */
  categories = fa_dataset_get_categories (dataset);
  g_assert_cmpuint (g_list_model_get_n_items (categories), ==, 2);
  first = g_list_model_get_item (categories, 0);
  second = g_list_model_get_item (categories, 1);
  g_assert_cmpstr (fa_category_get_id (first), ==, "labour");
  g_assert_cmpstr (fa_category_get_label (first), ==, "labour");
  g_assert_cmphex (fa_category_get_color (first), ==, 0xe69f00);
  g_assert_null (fa_category_get_group (first));
  g_assert_cmpstr (fa_category_get_id (second), ==, "sex");
  g_assert_cmphex (fa_category_get_color (second), ==, 0x56b4e9);
  g_assert_true (fa_flow_get_category (fa_dataset_lookup_flow (dataset, "f3")) == first);
  g_assert_cmpint (fa_dataset_get_first_month (dataset), ==, FA_MONTH_NONE);
}

static void
test_flowmap (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(FaDataset) dataset = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  FaPlace *kyiv;

  write_file (fixture->dir, "locations.csv",
                              "id,name,lat,lon\n"
                              "kyiv,Kyiv,50.45,30.52\n"
                              "lviv,,49.84,24.03\n", -1);
  write_file (fixture->dir, "flows.csv",
                              "origin,dest,count,time\n"
                              "kyiv,lviv,120,2022-03\n"
                              "lviv,kyiv,5,\n"
                              "kyiv,lviv,30,2022-03-15\n"
                              "kyiv,lviv,7,2022-04-01T00:00:00Z\n"
                              "lviv,kyiv,6,\n"
                              "kyiv,lviv,1,2022-03-01 12:00:00\n", -1);
  dataset = load_valid (fixture->dir, NULL);

  kyiv = fa_dataset_lookup_place (dataset, "kyiv");
  g_assert_cmpfloat (fa_place_get_lat (kyiv), ==, 50.45);
  /* A FlowmapBlue location says nothing of what the place is: a dot. */
  g_assert_cmpint (fa_place_get_kind (kyiv), ==, FA_PLACE_KIND_CITY);
  g_assert_cmpstr (fa_place_get_name (fa_dataset_lookup_place (dataset, "lviv")), ==, "lviv");
  g_assert_cmpuint (g_list_model_get_n_items (fa_dataset_get_categories (dataset)), ==, 1);

  /* Rows repeating origin, destination and month are summed. */
  g_assert_cmpuint (g_list_model_get_n_items (fa_dataset_get_flows (dataset)), ==, 3);
  fa_dataset_write_tsv (dataset, NULL, out);
  g_assert_cmpstr (out->str, ==,
                   "id\torigin\tdest\tcategory\tcount_low\tcount_high\tmagnitude\tstart\tend\tdated\tcertainty\tkind\n"
                   "kyiv→lviv@2022-03\tkyiv\tlviv\tflows\t151\t151\t\t2022-03\t2022-03\tstated\t\tmovement\n"
                   "lviv→kyiv\tlviv\tkyiv\tflows\t11\t11\t\t\t\tnot-dated\t\tmovement\n"
                   "kyiv→lviv@2022-04\tkyiv\tlviv\tflows\t7\t7\t\t2022-04\t2022-04\tstated\t\tmovement\n");
  g_assert_nonnull (fa_dataset_lookup_flow (dataset, "kyiv→lviv@2022-03"));
  /* The row without a month is not known to run in March 2022. */
  g_assert_cmpuint (fa_dataset_count_active (dataset, fa_month_from_ym (2022, 3)), ==, 1);
}

/* Where a row's time comes from, and the months it shows at: the
 * reporting period for rows without a time, no single month for rows
 * "in previous years" (FORMAT.md §7). */
static void
test_dating (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(FaDataset) dataset = NULL;
  FaMonth first, last;
  FaFlow *stated, *context, *period, *previous;
  FaTimeFilter at;

  write_valid_dataset (fixture->dir);
  write_file (fixture->dir, "dataset.ini",
              "[Dataset]\ntitle=Dated\nreporting_period=2023-04/2024-03\n", -1);
  write_file (fixture->dir, "flows.csv",
              "id,origin,dest,category,start,end,dated,certainty\n"
              "stated,ua,ru,civilians,2014,,,reported\n"
              "context,ua,ru,civilians,2022-02,,context,reported\n"
              "period,kp,ru,workers,,,,reported\n"
              "previous,kp,ru,workers,,,,previous-years\n", -1);
  dataset = load_valid (fixture->dir, NULL);
  g_assert_true (fa_dataset_get_reporting_period (dataset, &first, &last));
  g_assert_cmpint (first, ==, fa_month_from_ym (2023, 4));
  g_assert_cmpint (last, ==, fa_month_from_ym (2024, 3));

  stated = fa_dataset_lookup_flow (dataset, "stated");
  context = fa_dataset_lookup_flow (dataset, "context");
  period = fa_dataset_lookup_flow (dataset, "period");
  previous = fa_dataset_lookup_flow (dataset, "previous");
  g_assert_cmpint (fa_flow_get_dating (stated), ==, FA_DATING_STATED);
  g_assert_cmpint (fa_flow_get_dating (context), ==, FA_DATING_CONTEXT);
  g_assert_cmpint (fa_flow_get_dating (period), ==, FA_DATING_REPORTING_PERIOD);
  g_assert_cmpint (fa_flow_get_dating (previous), ==, FA_DATING_NOT_DATED);
  g_assert_true (fa_flow_is_dated (context));
  g_assert_false (fa_flow_is_dated (period));
  /* The stated times stay as stated: none. */
  g_assert_cmpint (fa_flow_get_start (period), ==, FA_MONTH_NONE);
  g_assert_cmpint (fa_flow_get_shown_start (period), ==, first);
  g_assert_cmpint (fa_flow_get_shown_end (period), ==, last);

  /* 2015: the 2014 row only.  2023-06: the period's row too, never the
   * one of previous years. */
  fa_time_filter_init_at (&at, fa_month_from_ym (2015, 6));
  g_assert_true (fa_time_filter_matches_flow (&at, stated));
  g_assert_false (fa_time_filter_matches_flow (&at, context));
  g_assert_false (fa_time_filter_matches_flow (&at, period));
  g_assert_false (fa_time_filter_matches_flow (&at, previous));
  fa_time_filter_init_at (&at, fa_month_from_ym (2023, 6));
  g_assert_true (fa_time_filter_matches_flow (&at, period));
  g_assert_false (fa_time_filter_matches_flow (&at, previous));
  fa_time_filter_init_at (&at, fa_month_from_ym (2024, 4));
  g_assert_false (fa_time_filter_matches_flow (&at, period));

  /* Cumulative: "in previous years" had happened by the period's start. */
  at = (FaTimeFilter) { FA_TIME_MODE_CUMULATIVE, fa_month_from_ym (2023, 3), FA_MONTH_NONE, FALSE };
  g_assert_false (fa_time_filter_matches_flow (&at, previous));
  at.month = fa_month_from_ym (2023, 4);
  g_assert_true (fa_time_filter_matches_flow (&at, previous));
  g_assert_true (fa_time_filter_matches_flow (&at, period));

  /* Asked for: every undated row at every month; the dated keep theirs. */
  fa_time_filter_init_at (&at, fa_month_from_ym (2015, 6));
  at.undated_always = TRUE;
  g_assert_true (fa_time_filter_matches_flow (&at, period));
  g_assert_true (fa_time_filter_matches_flow (&at, previous));
  g_assert_false (fa_time_filter_matches_flow (&at, context));

  /* Without a period, a row without a time is not dated at all. */
  g_clear_object (&dataset);
  write_file (fixture->dir, "dataset.ini", "[Dataset]\ntitle=Undated\n", -1);
  dataset = load_valid (fixture->dir, NULL);
  g_assert_false (fa_dataset_get_reporting_period (dataset, NULL, NULL));
  g_assert_cmpint (fa_flow_get_dating (fa_dataset_lookup_flow (dataset, "period")), ==, FA_DATING_NOT_DATED);
  g_clear_object (&dataset);

  /* Mistakes, each named. */
  write_file (fixture->dir, "dataset.ini", "[Dataset]\ntitle=Bad\nreporting_period=2024-03/2023-04\n", -1);
  write_file (fixture->dir, "flows.csv",
              "id,origin,dest,category,start,end,dated\n"
              "a,ua,ru,civilians,,,context\n"
              "b,ua,ru,civilians,2022,,reporting-period\n"
              "c,ua,ru,civilians,,,reporting-period\n"
              "d,ua,ru,civilians,2022,,guessed\n", -1);
  assert_load_fails (fixture->dir,
    "dataset.ini: reporting_period: \"2024-03/2023-04\" is not FIRST/LAST, such as 2023-04/2024-03\n"
    "flows.csv:2:7: dated: \"context\" needs the start or end the context gives\n"
    "flows.csv:3:7: dated: \"reporting-period\" is for a row without start or end\n"
    "flows.csv:4:7: dated: the dataset declares no reporting_period in dataset.ini\n"
    "flows.csv:5:7: dated: unknown value \"guessed\"; expected one of stated, context, reporting-period, not-dated");
}

/* kind: a movement (the default) or a stock, people present at the
 * destination; any other word is named with the ones allowed. */
static void
test_kind (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(FaDataset) dataset = NULL;

  write_valid_dataset (fixture->dir);
  write_file (fixture->dir, "flows.csv",
              "id,origin,dest,category,start,kind\n"
              "moved,ua,ru,civilians,2022,\n"
              "present,ua,ru,civilians,2022,stock\n"
              "moved-too,ua,ru,civilians,2022,movement\n", -1);
  dataset = load_valid (fixture->dir, NULL);
  g_assert_false (fa_flow_is_stock (fa_dataset_lookup_flow (dataset, "moved")));
  g_assert_true (fa_flow_is_stock (fa_dataset_lookup_flow (dataset, "present")));
  g_assert_cmpint (fa_flow_get_kind (fa_dataset_lookup_flow (dataset, "moved-too")), ==, FA_FLOW_KIND_MOVEMENT);
  g_clear_object (&dataset);

  write_file (fixture->dir, "flows.csv",
              "id,origin,dest,category,start,kind\n"
              "x,ua,ru,civilians,2022,residents\n", -1);
  assert_load_fails (fixture->dir,
    "flows.csv:2:6: kind: unknown value \"residents\"; expected one of movement, stock");
}

static void
test_problems (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FaDataset) dataset = NULL;
  const FaDataProblem *problem;

  write_file (fixture->dir, "dataset.ini",
                              "[Dataset]\ntitle=Broken\nsource_text=missing.txt\n", -1);
  write_file (fixture->dir, "categories.csv",
                              "id,label,color,group,form,description\n"
                              "civilians,Civilians,#0072b2,relocation,,\n"
                              "bad-color,Bad,red,other,,\n"
                              /* Groups are the dataset's own ids: any word does. */
                              "bad-group,Bad,,military-ish,,\n"
                              "bad-form,Bad,,other,forced,\n", -1);
  write_file (fixture->dir, "places.csv",
                              "id,name,lat,lon,region,kind,name:uk,name:ru,note\n"
                              "ru,Russia,55.75,37.62,RU,country,,,\n"
                              "ua,Ukraine,,,UA,country,,,\n"
                              "ru,Again,1,1,,site,,,\n"
                              "bad-lat,Bad,95,10,,site,,,\n"
                              "bad-num,Bad,\"55,75\",10,,site,,,\n"
                              "half,Half,10,,,site,,,\n"
                              "nowhere,Nowhere,,,,site,,,\n"
                              "badcode,Bad code,,,ru,country,,,\n"
                              "kind,Kind,1,1,,town,,,\n"
                              ",No id,1,1,,site,,,\n"
                              "short,Short\n"
                              "kyiv,Kyiv,50.45,30.52,,city,,,\n", -1);
  write_file (fixture->dir, "flows.csv",
                              "id,origin,dest,count,count_low,count_high,magnitude,start,end,category,certainty,via,quote,source\n"
                              "f1,ua,ru,\"20,000\",,,,2022-02,,civilians,reported,,,\n"
                              "f2,kiev,ru,,,,,,,civilians,,,,\n"
                              "f3,ua,moscow,,,,,,,civilians,,,,\n"
                              "f4,ua,ru,,5000,2000,,,,civilians,,,,\n"
                              "f5,ua,ru,,,,,2023-13,,civilians,,,,\n"
                              "f6,ua,ru,,,,,2023,2022,civilians,,,,\n"
                              "f7,ua,ru,,,,,,,civilian,,,,\n"
                              "f8,ua,ru,,,,,,,civilians,probable,,,\n"
                              "f9,ua,ru,,,,,,,civilians,,filtration kyiv,,\n"
                              "f1,ua,ru,,,,,,,civilians,,,\"multi\n"
                              "line quote\",\n"
                              "f10,ua,short,,,,,,,civilians,,,,\n"
                              "f11,ua,ru,,,,,2022,,,,,,\n"
                              "f12,ua,ru,,,,,,,civilians,,,\n"
                              "f13,bad-lat,,,,,,,,civilians,,,,\n"
                              "f14,ua,ru,7,10,,,,,civilians,,,,\n", -1);
  write_file (fixture->dir, "events.csv",
                              "id,date,title,description,place,category,quote,source\n"
                              "e1,,Title,,,,,\n"
                              "e2,2022-02-30,Title,,,,,\n"
                              "e3,2022,,,,,,\n"
                              "e4,2022,Title,,nowhere-else,workers,,\n", -1);

  assert_load_fails (fixture->dir,
    "dataset.ini: source_text: \"missing.txt\" is not a file in the dataset folder\n"
    "categories.csv:3:3: color: malformed colour \"red\"; expected #rrggbb such as #e69f00\n"
    "categories.csv:5:5: form: unknown value \"forced\"; expected one of labour, sex, military, mixed\n"
    "places.csv:4:1: id: duplicate id \"ru\"; it is first defined on line 2\n"
    "places.csv:5:3: lat: 95 is out of range; expected a latitude from -90 to 90\n"
    "places.csv:6:3: lat: malformed number \"55,75\"; expected decimal degrees such as 55.75\n"
    "places.csv:7:4: lon: required value is missing; give both lat and lon, or neither\n"
    "places.csv:8:5: region: required value is missing; a place without lat and lon needs a region\n"
    "places.csv:9:5: region: malformed region code \"ru\"; expected an ISO 3166-1 alpha-2 code such as RU or an ISO 3166-2 code such as UA-14\n"
    "places.csv:10:6: kind: unknown value \"town\"; expected one of country, region, group, city, facility, camp, site\n"
    "places.csv:11:1: id: required value is missing\n"
    "places.csv:12: expected 9 fields as in the header, found 2\n"
    "flows.csv:2:4: count: malformed number \"20,000\"; expected a whole number such as 20000\n"
    "flows.csv:3:2: origin: unknown place \"kiev\"; did you mean \"kyiv\"?\n"
    "flows.csv:4:3: dest: unknown place \"moscow\"; it is not in places.csv\n"
    "flows.csv:5:5: count_low: 5000 is above count_high (2000)\n"
    "flows.csv:6:8: start: malformed date \"2023-13\"; expected YYYY, YYYY-MM or YYYY-MM-DD\n"
    "flows.csv:7:9: end: 2022 is before the start, 2023\n"
    "flows.csv:8:10: category: unknown category \"civilian\"; did you mean \"civilians\"?\n"
    "flows.csv:9:11: certainty: unknown value \"probable\"; expected one of official, reported, reportedly, estimated, previous-years\n"
    "flows.csv:10:12: via: unknown place \"filtration\"; it is not in places.csv\n"
    "flows.csv:11:1: id: duplicate id \"f1\"; it is first defined on line 2\n"
    "flows.csv:14:10: category: required value is missing\n"
    "flows.csv:15: expected 14 fields as in the header, found 13\n"
    "flows.csv:16:3: dest: required value is missing\n"
    "flows.csv:17:4: count: 7 is outside the range of count_low and count_high\n"
    "events.csv:2:2: date: required value is missing\n"
    "events.csv:3:2: date: malformed date \"2022-02-30\"; expected YYYY, YYYY-MM or YYYY-MM-DD\n"
    "events.csv:4:3: title: required value is missing\n"
    "events.csv:5:5: place: unknown place \"nowhere-else\"; it is not in places.csv\n"
    "events.csv:5:6: category: unknown category \"workers\"; it is not in categories.csv");

  /* One problem, structured. */
  dataset = fa_dataset_new_from_directory (fixture->dir, NULL, &error);
  g_assert_null (dataset);
  g_assert_cmpuint (fa_data_error_get_n_problems (error), ==, 31);
  problem = g_ptr_array_index (fa_data_error_get_problems (error), 15);
  g_assert_cmpstr (problem->file, ==, "flows.csv");
  g_assert_cmpuint (problem->line, ==, 5);
  g_assert_cmpuint (problem->column, ==, 5);
  g_assert_cmpstr (problem->message, ==, "count_low: 5000 is above count_high (2000)");
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FaDataset) dataset = NULL;
  g_autofree char *nowhere = g_build_filename (fixture->dir, "nowhere", NULL);

  dataset = fa_dataset_new_from_directory (nowhere, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, FA_DATA_ERROR, FA_DATA_ERROR_NOT_FOUND);
  g_assert_null (fa_data_error_get_problems (error));

  assert_load_fails (fixture->dir,
                     "places.csv: required file is missing\n"
                     "flows.csv: required file is missing");

  /* Empty files, and a header without required columns: no cascade from the rows. */
  write_file (fixture->dir, "places.csv", "\n\n", -1);
  write_file (fixture->dir, "flows.csv",
                              "id,origin,destination,category\n"
                              "f1,ua,ru,x\n", -1);
  assert_load_fails (fixture->dir,
                     "places.csv: the file is empty; expected a header row\n"
                     "flows.csv:1: missing required column \"dest\"");

  write_file (fixture->dir, "places.csv", "id,name,lat,lon,name\n", -1);
  write_file (fixture->dir, "flows.csv", "id,origin,dest,category\n", -1);
  assert_load_fails (fixture->dir, "places.csv:1:5: duplicate column \"name\"");
}

/* In a subprocess of test_unreadable_folder(): root reads any folder, so
 * the check runs as "nobody". */
static void
load_unreadable_folder (void)
{
  const char *dir = g_getenv ("FA_TEST_UNREADABLE");
  g_autoptr(GError) error = NULL;
  g_autoptr(FaDataset) dataset = NULL;
  g_autofree char *expected = NULL;

  g_assert_nonnull (dir);
  if (geteuid () == 0)
    {
      g_assert_cmpint (setgroups (0, NULL), ==, 0);
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }

  dataset = fa_dataset_new_from_directory (dir, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, FA_DATA_ERROR, FA_DATA_ERROR_NOT_FOUND);
  expected = g_strdup_printf ("\"%s\": cannot read the dataset folder: %s", dir, g_strerror (EACCES));
  g_assert_cmpstr (error->message, ==, expected);
}

/* A folder without read or search permission used to give "places.csv:
 * required file is missing". */
static void
test_unreadable_folder (void)
{
  static const int modes[] = { 0, 0300, 0600 };
  g_autofree char *tmp = fa_test_make_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "locked", NULL);

  if (g_test_subprocess ())
    {
      load_unreadable_folder ();
      return;
    }

  g_assert_cmpint (g_chmod (tmp, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  write_valid_dataset (dir);
  g_setenv ("FA_TEST_UNREADABLE", dir, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_assert_cmpint (g_chmod (dir, modes[i]), ==, 0);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
    }

  g_unsetenv ("FA_TEST_UNREADABLE");
  g_chmod (dir, 0700);
  fa_test_rmtree (tmp);
}

/* A FIFO used to block the loader in open() for ever. */
static void
test_fifo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *places = g_build_filename (fixture->dir, "places.csv", NULL);
  g_autofree char *ini = g_build_filename (fixture->dir, "dataset.ini", NULL);

  write_valid_dataset (fixture->dir);
  g_assert_cmpint (g_unlink (places), ==, 0);
  g_assert_cmpint (mkfifo (places, 0600), ==, 0);
  g_assert_cmpint (g_unlink (ini), ==, 0);
  g_assert_cmpint (mkfifo (ini, 0600), ==, 0);
  assert_load_fails (fixture->dir,
                     "dataset.ini: cannot read the file: it is a named pipe (FIFO); expected a regular file\n"
                     "places.csv: cannot read the file: it is a named pipe (FIFO); expected a regular file");
}

/* What files hold reaches the messages as valid UTF-8 without control
 * characters (a terminal would obey an escape sequence), and a huge value
 * does not make a huge message. */
static void
test_message_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) places = g_string_new ("id,name,lat,lon\n"
                                            "ru,Russia,\"5\x1b[2J\n5\",37\n"
                                            "ua,Ukraine,50,");
  g_autoptr(GError) error = NULL;
  g_autoptr(FaDataset) dataset = NULL;
  GPtrArray *problems;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (places, '9');
  g_string_append (places, "x\n");
  write_valid_dataset (fixture->dir);
  write_file (fixture->dir, "places.csv", places->str, -1);

  dataset = fa_dataset_new_from_directory (fixture->dir, NULL, &error);
  g_assert_null (dataset);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  problems = fa_data_error_get_problems (error);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >=, 2);
  for (guint i = 0; i < problems->len; i++)
    {
      const FaDataProblem *problem = g_ptr_array_index (problems, i);

      g_test_message ("%.200s", problem->message);
      g_assert_cmpuint (g_utf8_strlen (problem->message, -1), <=, 1001);
      for (const char *p = problem->message; *p != '\0'; p++)
        g_assert_false (g_ascii_iscntrl (*p));
    }
  g_assert_cmpstr (((FaDataProblem *) problems->pdata[0])->message, ==,
                   "lat: malformed number \"5\\x1B[2J\\n5\"; expected decimal degrees such as 55.75");
}

static void
test_no_cascade (Fixture       *fixture,
                 gconstpointer  data)
{
  /* After an unterminated quote, the places file is incomplete: flows
   * referring to places after it are not reported again. */
  write_file (fixture->dir, "places.csv",
                              "id,name,lat,lon\n"
                              "a,A,1,1\n"
                              "b,\"B,1,1\n"
                              "c,C,1,1\n", -1);
  write_file (fixture->dir, "flows.csv",
                              "id,origin,dest,category\n"
                              "f1,a,c,x\n", -1);
  assert_load_fails (fixture->dir,
                     "places.csv:3:2: unterminated quoted field: the closing quote is missing");

  write_file (fixture->dir, "places.csv",
                              "id,name,lat,lon\n"
                              "a,A,1,1\n"
                              "b,B,1,\xC0\n"
                              "c,C,1,1\n", -1);
  assert_load_fails (fixture->dir,
                     "places.csv:3:4: invalid UTF-8 (byte 0xC0); save the file as UTF-8");
}

static void
test_problem_cap (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GString) flows = g_string_new ("id,origin,dest,category\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(FaDataset) dataset = NULL;
  g_auto(GStrv) lines = NULL;

  write_file (fixture->dir, "places.csv", "id,name,lat,lon\na,A,1,1\n", -1);
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (flows, "f%u,a,zzzzz,x\n", i);
  write_file (fixture->dir, "flows.csv", flows->str, -1);

  dataset = fa_dataset_new_from_directory (fixture->dir, NULL, &error);
  g_assert_null (dataset);
  g_assert_cmpuint (fa_data_error_get_n_problems (error), ==, 150);
  g_assert_cmpuint (fa_data_error_get_problems (error)->len, ==, FA_DATA_ERROR_MAX_PROBLEMS);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 101);
  g_assert_cmpstr (lines[0], ==, "flows.csv:2:3: dest: unknown place \"zzzzz\"; it is not in places.csv");
  g_assert_cmpstr (lines[100], ==, "… and 50 more problems");
}

static void
test_atomic (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(FaDataset) loaded = NULL;
  g_autoptr(FaDataset) broken = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);

  write_valid_dataset (fixture->dir);
  loaded = load_valid (fixture->dir, NULL);
  fa_dataset_write_tsv (loaded, NULL, before);

  /* The folder breaks on disk, and the reload fails as a whole... */
  write_file (fixture->dir, "flows.csv",
                              "id,origin,dest,category\nf1,ua,ru,civilians\nf2,ua,atlantis,civilians\n", -1);
  broken = fa_dataset_new_from_directory (fixture->dir, NULL, &error);
  g_assert_null (broken);
  g_assert_error (error, FA_DATA_ERROR, FA_DATA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "flows.csv:3:3: dest: unknown place \"atlantis\"; it is not in places.csv");

  /* ...leaving the dataset loaded before untouched. */
  g_assert_cmpuint (g_list_model_get_n_items (fa_dataset_get_flows (loaded)), ==, 3);
  fa_dataset_write_tsv (loaded, NULL, after);
  g_assert_cmpstr (after->str, ==, before->str);
  g_assert_finalize_object (g_steal_pointer (&loaded));
}

/* Random byte edits of the valid files: loading never crashes, hangs or
 * warns (warnings are fatal here); it loads or fails with problems. */
static void
test_mutations (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const files[] = { "places.csv", "flows.csv", "events.csv", "categories.csv" };
  static const char * const contents[] = { valid_places, valid_flows, valid_events, valid_categories };
  guint n_loaded = 0;

  write_valid_dataset (fixture->dir);

  for (guint iteration = 0; iteration < 2000; iteration++)
    {
      g_autoptr(GArray) bytes = g_array_new (FALSE, FALSE, sizeof (guint8));
      g_autoptr(GError) error = NULL;
      g_autoptr(FaDataset) dataset = NULL;
      guint which = g_test_rand_int_range (0, G_N_ELEMENTS (files));
      guint n_edits = g_test_rand_int_range (1, 5);

      g_array_append_vals (bytes, contents[which], strlen (contents[which]));
      for (guint e = 0; e < n_edits; e++)
        {
          static const guint8 specials[] = { '"', ',', '\r', '\n', ' ', '-', '0', 0xC3, 0xFF, 0 };
          const guint8 quote = '"';
          guint at = g_test_rand_int_range (0, bytes->len + 1);
          guint8 byte = g_test_rand_bit ()
            ? specials[g_test_rand_int_range (0, G_N_ELEMENTS (specials))]
            : (guint8) g_test_rand_int_range (0, 256);

          switch (g_test_rand_int_range (0, 4))
            {
            case 0:
              if (at < bytes->len)
                g_array_remove_index (bytes, at);
              break;
            case 1:
              g_array_insert_val (bytes, at, byte);
              break;
            case 2:
              g_array_insert_val (bytes, at, quote);
              break;
            default:
              if (at < bytes->len)
                ((guint8 *) bytes->data)[at] ^= 1 << g_test_rand_int_range (0, 8);
              break;
            }
        }

      write_file (fixture->dir, files[which], bytes->data, bytes->len);
      dataset = fa_dataset_new_from_directory (fixture->dir, NULL, &error);
      if (dataset != NULL)
        {
          g_autoptr(GString) out = g_string_new (NULL);

          g_assert_no_error (error);
          fa_dataset_write_tsv (dataset, NULL, out);
          g_assert_true (g_utf8_validate (out->str, out->len, NULL));
          n_loaded++;
        }
      else
        {
          g_assert_error (error, FA_DATA_ERROR, FA_DATA_ERROR_INVALID);
          g_assert_cmpuint (fa_data_error_get_n_problems (error), >, 0);
          g_assert_cmpuint (fa_data_error_get_problems (error)->len, >, 0);
        }

      write_file (fixture->dir, files[which], contents[which], -1);
    }

  g_test_message ("%u of 2000 mutated datasets loaded", n_loaded);
}

static void
test_geodata_regions (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(FaGeodata) geodata = load_geodata ();
  g_autoptr(FaDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  double lon, lat, kz_lon, kz_lat, kg_lon, kg_lat;
  FaPlace *place;

  if (geodata == NULL)
    return;

  write_file (fixture->dir, "places.csv",
                              "id,name,lat,lon,region,kind\n"
                              "ua,Ukraine,,,UA,\n"
                              "crimea,Crimea,,,UA-43,\n"
                              "pair,Pair,,,KZ KG,\n"
                              "kyiv,Kyiv,50.45,30.52,UA,city\n", -1);
  write_file (fixture->dir, "flows.csv", "id,origin,dest,category\nf,crimea,ua,x\n", -1);
  dataset = load_valid (fixture->dir, geodata);

  place = fa_dataset_lookup_place (dataset, "ua");
  g_assert_true (fa_geodata_get_label_point (geodata, "UA", &lon, &lat));
  g_assert_cmpfloat (fa_place_get_lon (place), ==, lon);
  g_assert_cmpfloat (fa_place_get_lat (place), ==, lat);
  g_assert_cmpint (fa_place_get_kind (place), ==, FA_PLACE_KIND_COUNTRY);
  g_assert_cmpint (fa_place_get_kind (fa_dataset_lookup_place (dataset, "crimea")), ==, FA_PLACE_KIND_REGION);
  g_assert_true (fa_place_has_location (fa_dataset_lookup_place (dataset, "crimea")));

  /* A group sits at the mean of its members' label points. */
  place = fa_dataset_lookup_place (dataset, "pair");
  g_assert_true (fa_geodata_get_label_point (geodata, "KZ", &kz_lon, &kz_lat));
  g_assert_true (fa_geodata_get_label_point (geodata, "KG", &kg_lon, &kg_lat));
  g_assert_cmpfloat_with_epsilon (fa_place_get_lon (place), (kz_lon + kg_lon) / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (fa_place_get_lat (place), (kz_lat + kg_lat) / 2, 1e-9);
  g_assert_cmpint (fa_place_get_kind (place), ==, FA_PLACE_KIND_GROUP);

  /* Explicit coordinates win. */
  g_assert_cmpfloat (fa_place_get_lat (fa_dataset_lookup_place (dataset, "kyiv")), ==, 50.45);
  g_clear_object (&dataset);

  /* Without geodata, a region alone gives no location. */
  dataset = load_valid (fixture->dir, NULL);
  g_assert_false (fa_place_has_location (fa_dataset_lookup_place (dataset, "ua")));
  g_assert_true (isnan (fa_place_get_lon (fa_dataset_lookup_place (dataset, "ua"))));
  g_clear_object (&dataset);

  write_file (fixture->dir, "places.csv",
                              "id,name,lat,lon,region,kind\n"
                              "ua,Ukraine,,,UA,\n"
                              "xx,Nowhere,,,XX UA-99,group\n", -1);
  write_file (fixture->dir, "flows.csv", "id,origin,dest,category\nf,xx,ua,x\n", -1);
  dataset = fa_dataset_new_from_directory (fixture->dir, geodata, &error);
  g_assert_null (dataset);
  g_assert_cmpstr (error->message, ==,
                   "places.csv:3:5: region: unknown region code \"XX\"; the map data has no such country or region\n"
                   "places.csv:3:5: region: unknown region code \"UA-99\"; the map data has no such country or region");
}

/* The bundled dataset, in the geodata folder the tests are given (the
 * source tree's, or the installed one for installed-tests). */
static char *
bundled_dataset_path (void)
{
  const char *geodata = g_getenv ("FLOWATLAS_GEODATA");
  char *path;

  g_assert_nonnull (geodata);
  path = g_build_filename (geodata, "datasets", "tip-2024-russia", NULL);

  /* Part of the repository: missing, it is a failure, not a skip. */
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    g_error ("the bundled dataset is missing: %s", path);
  return path;
}

/* The counts of every month in one pass are the counts month by month,
 * undated rows apart, from before the first month to after the last. */
static void
test_count_active_months (void)
{
  g_autofree char *path = bundled_dataset_path ();
  g_autoptr(FaGeodata) geodata = NULL;
  g_autoptr(FaDataset) dataset = NULL;
  FaMonth first, last;
  g_autofree guint *counts = NULL, *undated = NULL;
  guint n, nonzero = 0, some_undated = 0;

  if (path == NULL || (geodata = load_geodata ()) == NULL)
    return;

  dataset = load_valid (path, geodata);
  first = fa_dataset_get_first_month (dataset) - 14;
  last = fa_dataset_get_last_month (dataset) + 14;
  n = (guint) (last - first + 1);
  counts = g_new (guint, n);
  undated = g_new (guint, n);
  fa_dataset_count_active_months (dataset, first, last, counts, undated);
  for (guint i = 0; i < n; i++)
    {
      guint u = 0;
      guint c = fa_dataset_count_active_split (dataset, first + (FaMonth) i, &u);

      g_assert_cmpuint (counts[i], ==, c);
      g_assert_cmpuint (undated[i], ==, u);
      nonzero += c > 0;
      some_undated += u > 0;
    }
  g_assert_cmpuint (nonzero, >, 12);
  g_assert_cmpuint (some_undated, >, 0);
}

/* The candidates of a month hold every flow a filter at that month can
 * show (in dataset order, each once), with or without the undated rows
 * asked for at every month, from before the first month to after the last. */
static void
test_month_candidates (void)
{
  g_autofree char *path = bundled_dataset_path ();
  g_autoptr(FaGeodata) geodata = NULL;
  g_autoptr(FaDataset) dataset = NULL;
  GPtrArray *flows;
  guint smaller = 0;

  if (path == NULL || (geodata = load_geodata ()) == NULL)
    return;

  dataset = load_valid (path, geodata);
  flows = fa_dataset_get_flow_array (dataset);
  for (FaMonth m = fa_dataset_get_first_month (dataset) - 30; m <= fa_dataset_get_last_month (dataset) + 30; m++)
    for (int undated = 0; undated < 2; undated++)
      {
        g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));
        FaTimeFilter filter = { 0 };
        guint c = 0;

        fa_time_filter_init_at (&filter, m);
        filter.undated_always = undated;
        fa_dataset_collect_candidates (dataset, m, undated, candidates);
        for (guint k = 1; k < candidates->len; k++)
          g_assert_cmpuint (g_array_index (candidates, guint, k - 1), <, g_array_index (candidates, guint, k));
        for (guint i = 0; i < flows->len; i++)
          {
            gboolean listed;

            while (c < candidates->len && g_array_index (candidates, guint, c) < i)
              c++;
            listed = c < candidates->len && g_array_index (candidates, guint, c) == i;
            if (fa_time_filter_matches_flow (&filter, g_ptr_array_index (flows, i)) && !listed)
              g_error ("flow %s matches at %d but is no candidate",
                       fa_flow_get_id (g_ptr_array_index (flows, i)), m);
          }
        smaller += candidates->len < flows->len;
      }
  /* And the index does leave flows out. */
  g_assert_cmpuint (smaller, >, 0);
}

/* The bundled dataset speaks every UI language: each place's note and
 * each magnitude the source words has its translation (the quotes stay
 * the source's). */
static void
test_bundled_translated (void)
{
  static const char * const languages[] = { "ar", "de", "es", "fr", "ko", "ru", "uk", "zh_CN" };
  g_autofree char *path = bundled_dataset_path ();
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  g_autoptr(FaGeodata) geodata = NULL;
  g_autoptr(FaDataset) english = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL || (geodata = load_geodata ()) == NULL)
    return;

  g_setenv ("LANGUAGE", "C", TRUE);
  english = fa_dataset_new_from_directory (path, geodata, &error);
  g_assert_no_error (error);
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(FaDataset) translated = NULL;
      GPtrArray *places, *flows;
      guint notes = 0, magnitudes = 0;

      g_setenv ("LANGUAGE", languages[l], TRUE);
      translated = fa_dataset_new_from_directory (path, geodata, &error);
      g_assert_no_error (error);
      places = fa_dataset_get_place_array (english);
      for (guint i = 0; i < places->len; i++)
        {
          FaPlace *place = g_ptr_array_index (places, i);
          FaPlace *other = fa_dataset_lookup_place (translated, fa_place_get_id (place));

          if (fa_place_get_note (place) == NULL)
            continue;
          g_assert_nonnull (fa_place_get_note (other));
          if (g_str_equal (fa_place_get_note (place), fa_place_get_note (other)))
            g_error ("%s: the note of %s is not translated", languages[l], fa_place_get_id (place));
          g_assert_cmpstr (fa_place_get_quote (place), ==, fa_place_get_quote (other));
          notes++;
        }
      flows = fa_dataset_get_flow_array (english);
      for (guint i = 0; i < flows->len; i++)
        {
          FaFlow *flow = g_ptr_array_index (flows, i);
          FaFlow *other = fa_dataset_lookup_flow (translated, fa_flow_get_id (flow));

          if (fa_flow_get_magnitude (flow) == NULL)
            continue;
          if (g_strcmp0 (fa_flow_get_magnitude (flow), fa_flow_get_magnitude (other)) == 0)
            g_error ("%s: the magnitude of %s is not translated", languages[l], fa_flow_get_id (flow));
          g_assert_cmpstr (fa_flow_get_quote (flow), ==, fa_flow_get_quote (other));
          magnitudes++;
        }
      g_test_message ("%s: %u notes, %u magnitudes", languages[l], notes, magnitudes);
      g_assert_cmpuint (notes, >, 30);
      g_assert_cmpuint (magnitudes, >, 20);
    }
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

static void
test_bundled (void)
{
  g_autofree char *path = bundled_dataset_path ();
  g_autoptr(FaGeodata) geodata = NULL;
  g_autoptr(FaDataset) dataset = NULL;
  g_autofree char *summary = NULL;
  GListModel *places;

  if (path == NULL || (geodata = load_geodata ()) == NULL)
    return;

  dataset = load_valid (path, geodata);
  summary = fa_dataset_describe_summary (dataset);
  g_test_message ("%s", summary);
  g_assert_true (g_str_has_prefix (summary, "tip-2024-russia: "));
  g_assert_nonnull (fa_dataset_get_source_text_path (dataset));
  g_assert_cmpint (fa_dataset_get_first_month (dataset), !=, FA_MONTH_NONE);

  /* Flows by category, at every date (flows.csv: three of civilians'
   * transfer, five of DPRK labour; filtration sites are places only). */
  g_assert_cmpuint (fa_dataset_get_category_n_flows (dataset, fa_dataset_lookup_category (dataset, "civilian-transfer")), ==, 3);
  g_assert_cmpuint (fa_dataset_get_category_n_flows (dataset, fa_dataset_lookup_category (dataset, "dprk-labour")), ==, 5);
  g_assert_cmpuint (fa_dataset_get_category_n_flows (dataset, fa_dataset_lookup_category (dataset, "filtration-detention")), ==, 0);

  /* With the geodata, every place has a location. */
  places = fa_dataset_get_places (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(FaPlace) place = g_list_model_get_item (places, i);

      g_assert_true (fa_place_has_location (place));
    }
}

/* Every quote of the bundled dataset is a verbatim substring of its source;
 * the quotes are read with the dataset's own CSV reader. */
static void
assert_quotes_in_source (const char *dir,
                         const char *file,
                         const char *source)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(FaCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n_quotes = 0;
  int quote_column = -1;

  reader = fa_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);

  g_assert_true (fa_csv_reader_next_row (reader, &error));
  for (guint i = 0; i < fa_csv_reader_get_n_fields (reader); i++)
    if (g_str_equal (fa_csv_reader_get_field (reader, i), "quote"))
      quote_column = i;
  g_assert_cmpint (quote_column, >=, 0);

  while (fa_csv_reader_next_row (reader, &error))
    {
      const char *quote;

      if ((guint) quote_column >= fa_csv_reader_get_n_fields (reader))
        continue;
      quote = fa_csv_reader_get_field (reader, quote_column);
      if (*quote == '\0')
        continue;
      if (strstr (source, quote) == NULL)
        g_test_fail_printf ("%s:%u: the quote is not in the source: %s",
                            file, fa_csv_reader_get_line (reader), quote);
      n_quotes++;
    }
  g_assert_no_error (error);

  g_test_message ("%s: %u quotes", file, n_quotes);
}

/* A site is evidence of what the source says happened there, and the
 * source says it of some months and not others: at a month it is shown as
 * a flow would be (FORMAT.md §4.2, §7.1).  Without this, June 2015 showed
 * the "re-education" camps and filtration centres of the full-scale war. */
static gboolean
site_at (FaDataset  *dataset,
         const char *id,
         FaTimeMode  mode,
         int         year,
         int         month)
{
  FaPlace *place = fa_dataset_lookup_place (dataset, id);
  FaTimeFilter filter = { mode, fa_month_from_ym (year, month), FA_MONTH_NONE };

  g_assert_nonnull (place);
  return fa_time_filter_matches_place (&filter, place);
}

static void
test_bundled_site_dates (void)
{
  g_autofree char *path = bundled_dataset_path ();
  g_autoptr(FaGeodata) geodata = NULL;
  g_autoptr(FaDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;

  if (path == NULL || (geodata = load_geodata ()) == NULL)
    return;
  dataset = fa_dataset_new_from_directory (path, geodata, &error);
  g_assert_no_error (error);

  /* Dated from context: the full-scale invasion. */
  g_assert_false (site_at (dataset, "reeducation-camps-by", FA_TIME_MODE_AT, 2021, 6));
  g_assert_true (site_at (dataset, "reeducation-camps-by", FA_TIME_MODE_AT, 2022, 6));
  g_assert_false (site_at (dataset, "filtration-centers", FA_TIME_MODE_AT, 2015, 6));
  g_assert_cmpint (fa_place_get_evidence_dating (fa_dataset_lookup_place (dataset, "filtration-centers")), ==,
                   FA_DATING_CONTEXT);
  /* Dated by its own sentence: "In January 2023 … a decree to build". */
  g_assert_false (site_at (dataset, "forced-labour-camps-2023", FA_TIME_MODE_AT, 2022, 12));
  g_assert_true (site_at (dataset, "forced-labour-camps-2023", FA_TIME_MODE_AT, 2023, 1));
  /* "In May 2023 … reported": that month only. */
  g_assert_true (site_at (dataset, "nuclear-power-plant", FA_TIME_MODE_AT, 2023, 5));
  g_assert_false (site_at (dataset, "nuclear-power-plant", FA_TIME_MODE_AT, 2023, 6));
  /* No time: the reporting period, April 2023 – March 2024. */
  g_assert_false (site_at (dataset, "ru-work-houses", FA_TIME_MODE_AT, 2015, 6));
  g_assert_true (site_at (dataset, "ru-work-houses", FA_TIME_MODE_AT, 2023, 6));
  g_assert_false (site_at (dataset, "ru-work-houses", FA_TIME_MODE_AT, 2024, 6));
  when = fa_place_describe_evidence_time (fa_dataset_lookup_place (dataset, "ru-work-houses"));
  g_assert_nonnull (when);
  /* "In previous years": at no month; by the period, cumulatively. */
  g_assert_false (site_at (dataset, "dagestan-brick-factories", FA_TIME_MODE_AT, 2023, 6));
  g_assert_true (site_at (dataset, "dagestan-brick-factories", FA_TIME_MODE_CUMULATIVE, 2023, 6));
  g_assert_false (site_at (dataset, "dagestan-brick-factories", FA_TIME_MODE_CUMULATIVE, 2015, 6));
  /* A place that is no site is not filtered by time. */
  g_assert_true (site_at (dataset, "ru", FA_TIME_MODE_AT, 2015, 6));
  g_assert_null (fa_place_describe_evidence_time (fa_dataset_lookup_place (dataset, "ru")));
}

static void
test_bundled_quotes (void)
{
  g_autofree char *path = bundled_dataset_path ();
  g_autofree char *source_path = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;

  /* The source.txt of the repository, never a copy elsewhere. */
  source_path = g_build_filename (path, "source.txt", NULL);
  g_file_get_contents (source_path, &source, NULL, &error);
  g_assert_no_error (error);

  assert_quotes_in_source (path, "flows.csv", source);
  assert_quotes_in_source (path, "events.csv", source);
  assert_quotes_in_source (path, "places.csv", source);
}

/* source.txt is the published text byte for byte: dataset.ini records its
 * SHA-256, taken when it was copied, so the check needs no file outside the
 * repository and runs wherever the tests run. */
static void
test_bundled_source_checksum (void)
{
  g_autofree char *path = bundled_dataset_path ();
  g_autofree char *ini_path = NULL;
  g_autofree char *source_path = NULL;
  g_autofree char *source = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  g_autoptr(GKeyFile) ini = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  gsize length;

  if (path == NULL)
    return;

  ini_path = g_build_filename (path, "dataset.ini", NULL);
  g_key_file_load_from_file (ini, ini_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  expected = g_key_file_get_string (ini, "Dataset", "source_sha256", &error);
  g_assert_no_error (error);

  source_path = g_build_filename (path, "source.txt", NULL);
  g_file_get_contents (source_path, &source, &length, &error);
  g_assert_no_error (error);
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) source, length);
  g_assert_cmpstr (actual, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/fa/dataset/load", test_load);
  ADD ("/fa/dataset/localized", test_localized);
  ADD ("/fa/dataset/tsv", test_tsv);
  ADD ("/fa/dataset/dating", test_dating);
  ADD ("/fa/dataset/kind", test_kind);
  ADD ("/fa/dataset/summary", test_summary);
  ADD ("/fa/dataset/default-categories", test_default_categories);
  ADD ("/fa/dataset/flowmap", test_flowmap);
  ADD ("/fa/dataset/problems", test_problems);
  ADD ("/fa/dataset/missing", test_missing);
  ADD ("/fa/dataset/no-cascade", test_no_cascade);
  ADD ("/fa/dataset/problem-cap", test_problem_cap);
  ADD ("/fa/dataset/atomic", test_atomic);
  ADD ("/fa/dataset/mutations", test_mutations);
  ADD ("/fa/dataset/geodata-regions", test_geodata_regions);
  ADD ("/fa/dataset/fifo", test_fifo);
  ADD ("/fa/dataset/message-text", test_message_text);
#undef ADD
  g_test_add_func ("/fa/dataset/unreadable-folder", test_unreadable_folder);
  g_test_add_func ("/fa/dataset/bundled", test_bundled);
  g_test_add_func ("/fa/dataset/count-active-months", test_count_active_months);
  g_test_add_func ("/fa/dataset/month-candidates", test_month_candidates);
  g_test_add_func ("/fa/dataset/bundled-translated", test_bundled_translated);
  g_test_add_func ("/fa/dataset/bundled-quotes", test_bundled_quotes);
  g_test_add_func ("/fa/dataset/bundled-site-dates", test_bundled_site_dates);
  g_test_add_func ("/fa/dataset/bundled-source-checksum", test_bundled_source_checksum);

  return g_test_run ();
}
