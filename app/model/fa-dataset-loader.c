/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-dataset-loader"

#include "config.h"

#include "fa-dataset-private.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "fa-category.h"
#include "fa-csv.h"
#include "fa-data-error.h"
#include "fa-data-problem.h"
#include "fa-event.h"
#include "fa-flow.h"
#include "fa-geodata.h"
#include "fa-month.h"
#include "fa-place.h"
#include "fa-preset.h"
#include "fa-region-role.h"
#include "fa-text.h"

#define MAX_SUGGESTION_DISTANCE  2
#define MAX_SUGGESTION_LENGTH    64
#define MAX_COUNT_DIGITS         15

/* Okabe and Ito's colour-blind safe palette, black last; it repeats after eight. */
static const guint32 default_palette[] = {
  0xe69f00, 0x56b4e9, 0x009e73, 0xf0e442, 0x0072b2, 0xd55e00, 0xcc79a7, 0x000000,
};

typedef struct
{
  char               *directory;         /* owned */
  FaGeodata          *geodata;           /* borrowed, nullable */
  const char * const *languages;         /* borrowed, from g_get_language_names() */

  GPtrArray          *problems;          /* owned, of FaDataProblem */
  guint               n_problems;

  GPtrArray          *places;            /* owned, of FaPlace */
  GPtrArray          *flows;             /* owned, of FaFlow */
  GPtrArray          *events;            /* owned, of FaEvent */
  GPtrArray          *categories;        /* owned, of FaCategory */
  GHashTable         *places_by_id;      /* owned: borrowed id → borrowed FaPlace */
  GHashTable         *categories_by_id;  /* owned: borrowed id → borrowed FaCategory */

  /* Every id claimed by a row, built or not, with the row's line. */
  GHashTable         *place_lines;       /* owned: owned id → line */
  GHashTable         *flow_lines;
  GHashTable         *event_lines;
  GHashTable         *category_lines;

  const char         *places_file;       /* "places.csv" or "locations.csv" */
  gboolean            places_complete;
  gboolean            categories_complete;
  gboolean            have_categories_file;
  guint               palette_next;
  GKeyFile           *key_file;          /* owned, nullable: dataset.ini */
  FaMonth             period_first;      /* the reporting period, or FA_MONTH_NONE */
  FaMonth             period_last;
} Loader;

typedef struct
{
  Loader      *loader;      /* borrowed */
  FaCsvReader *reader;      /* owned */
  const char  *name;        /* borrowed from the reader */
  GHashTable  *columns;     /* owned: header name (exact) → index + 1 */
  guint        n_columns;
  GPtrArray   *row;         /* owned: the current row's fields, stripped */
  GHashTable  *id_lines;    /* borrowed, nullable: ids of skipped rows go there */
  gboolean     complete;    /* whether every row could be read */
} Table;

/* {{{ Problems */

static gboolean
loader_keeps_more (Loader *loader)
{
  return loader->problems->len < FA_DATA_ERROR_MAX_PROBLEMS;
}

static void
loader_add_problem (Loader     *loader,
                    const char *file,
                    guint       line,
                    guint       column,
                    const char *message)
{
  if (loader_keeps_more (loader))
    g_ptr_array_add (loader->problems, fa_data_problem_new (file, line, column, message));
  loader->n_problems++;
}

/* Takes over the problems of an FA_DATA_ERROR from the CSV reader. */
static void
loader_add_error (Loader *loader,
                  GError *error)
{
  GPtrArray *problems = fa_data_error_get_problems (error);

  if (problems == NULL)
    {
      loader_add_problem (loader, "?", 0, 0, error->message);
      return;
    }

  for (guint i = 0; i < problems->len; i++)
    {
      const FaDataProblem *problem = g_ptr_array_index (problems, i);

      loader_add_problem (loader, problem->file, problem->line, problem->column, problem->message);
    }
}

static void G_GNUC_PRINTF (3, 4)
loader_file_problem (Loader     *loader,
                     const char *file,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  loader_add_problem (loader, file, 0, 0, message);
}

/* Whether there is anything at @path: FALSE only when the name is
 * missing.  A name that exists but cannot be read (or even looked at)
 * counts, so that reading it reports why instead of "missing". */
static gboolean
path_is_present (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 || errno != ENOENT;
}

/* }}} */
/* {{{ Tables */

static void
table_clear (Table *t)
{
  g_clear_pointer (&t->reader, fa_csv_reader_free);
  g_clear_pointer (&t->columns, g_hash_table_unref);
  g_clear_pointer (&t->row, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Table, table_clear)

static guint
table_column (Table      *t,
              const char *column)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (t->columns, column));
}

static gboolean
table_has_column (Table      *t,
                  const char *column)
{
  return table_column (t, column) != 0;
}

/* The stripped value of a column in the current row; "" when absent. */
static const char *
table_get (Table      *t,
           const char *column)
{
  guint index = table_column (t, column);

  return index != 0 ? g_ptr_array_index (t->row, index - 1) : "";
}

/* Prefers `column:xx` for the user's languages, such as `name:uk`. */
static const char *
table_get_localized (Table      *t,
                     const char *column)
{
  for (guint i = 0; t->loader->languages[i] != NULL; i++)
    {
      const char *lang = t->loader->languages[i];
      g_autofree char *key = NULL;
      const char *value;

      if (g_str_equal (lang, "C") || g_str_equal (lang, "POSIX"))
        continue;

      key = g_strconcat (column, ":", lang, NULL);
      if (!table_has_column (t, key))
        continue;

      value = table_get (t, key);
      if (*value != '\0')
        return value;
    }

  return table_get (t, column);
}

static const char *
nonempty (const char *value)
{
  return *value != '\0' ? value : NULL;
}

static guint
table_line (Table *t)
{
  return fa_csv_reader_get_line (t->reader);
}

/* Reports a problem in the current row: in the given column, prefixed
 * with its name, or about the whole row when column is NULL. */
static void G_GNUC_PRINTF (3, 4)
table_problem (Table      *t,
               const char *column,
               const char *format,
               ...)
{
  g_autofree char *message = NULL;
  guint index = column != NULL ? table_column (t, column) : 0;
  guint line = table_line (t);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (index != 0)
    line = fa_csv_reader_get_field_line (t->reader, index - 1);
  if (column != NULL)
    {
      char *prefixed = g_strconcat (column, ": ", message, NULL);

      g_free (message);
      message = prefixed;
    }

  loader_add_problem (t->loader, t->name, line, index, message);
}

/* Opens a table and reads its header.  FALSE when the file is missing
 * (a problem if it is required) or unusable. */
static gboolean
table_open (Loader             *loader,
            Table              *t,
            const char         *file,
            gboolean            required,
            const char * const *required_columns,
            GHashTable         *id_lines)
{
  g_autofree char *path = g_build_filename (loader->directory, file, NULL);
  g_autoptr(GError) error = NULL;
  gboolean usable = TRUE;
  guint line;

  t->loader = loader;
  t->id_lines = id_lines;
  t->complete = FALSE;

  if (!path_is_present (path))
    {
      if (required)
        loader_file_problem (loader, file, "%s", _("required file is missing"));
      return FALSE;
    }

  t->reader = fa_csv_reader_new_for_path (path, &error);
  if (t->reader == NULL)
    {
      loader_add_error (loader, error);
      return FALSE;
    }
  t->name = fa_csv_reader_get_name (t->reader);

  if (!fa_csv_reader_next_row (t->reader, &error))
    {
      if (error != NULL)
        loader_add_error (loader, error);
      else
        loader_file_problem (loader, file, "%s", _("the file is empty; expected a header row"));
      return FALSE;
    }

  line = fa_csv_reader_get_line (t->reader);
  t->n_columns = fa_csv_reader_get_n_fields (t->reader);
  t->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  t->row = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < t->n_columns; i++)
    {
      g_autofree char *key = g_strstrip (g_strdup (fa_csv_reader_get_field (t->reader, i)));

      if (*key == '\0')
        continue;

      if (g_hash_table_contains (t->columns, key))
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("duplicate column \"%s\""), key);
          loader_add_problem (loader, t->name, line, i + 1, message);
          usable = FALSE;
          continue;
        }

      g_hash_table_insert (t->columns, g_steal_pointer (&key), GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; required_columns[i] != NULL; i++)
    {
      if (!table_has_column (t, required_columns[i]))
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("missing required column \"%s\""), required_columns[i]);
          loader_add_problem (loader, t->name, line, 0, message);
          usable = FALSE;
        }
    }

  t->complete = usable;
  return usable;
}

/* Reads the next row with as many fields as the header.  Other rows are
 * reported and skipped; their ids stay claimed so that references to them
 * raise no further problems. */
static gboolean
table_next (Table *t)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      guint n_fields;

      if (!fa_csv_reader_next_row (t->reader, &error))
        {
          if (error != NULL)
            {
              loader_add_error (t->loader, error);
              t->complete = FALSE;
            }
          return FALSE;
        }

      n_fields = fa_csv_reader_get_n_fields (t->reader);
      if (n_fields != t->n_columns)
        {
          guint id_index = table_column (t, "id");

          table_problem (t, NULL,
                         /* translators: 1: fields in the header, 2: fields in the row */
                         g_dngettext (GETTEXT_PACKAGE,
                                      "expected %u field as in the header, found %u",
                                      "expected %u fields as in the header, found %u",
                                      t->n_columns),
                         t->n_columns, n_fields);

          if (t->id_lines != NULL && id_index != 0 && id_index <= n_fields)
            {
              g_autofree char *id = g_strstrip (g_strdup (fa_csv_reader_get_field (t->reader, id_index - 1)));

              if (*id != '\0' && !g_hash_table_contains (t->id_lines, id))
                g_hash_table_insert (t->id_lines, g_steal_pointer (&id),
                                     GUINT_TO_POINTER (table_line (t)));
            }
          continue;
        }

      g_ptr_array_set_size (t->row, 0);
      for (guint i = 0; i < n_fields; i++)
        g_ptr_array_add (t->row, g_strstrip (g_strdup (fa_csv_reader_get_field (t->reader, i))));

      return TRUE;
    }
}

/* Reports an empty required value; TRUE when there is one. */
static gboolean
table_require (Table      *t,
               const char *column)
{
  if (*table_get (t, column) != '\0')
    return TRUE;

  table_problem (t, column, "%s", _("required value is missing"));
  return FALSE;
}

/* Claims the row's id; FALSE (and a problem) when it is missing or taken. */
static gboolean
table_claim_id (Table      *t,
                GHashTable *id_lines)
{
  const char *id = table_get (t, "id");
  gpointer first_line;

  if (!table_require (t, "id"))
    return FALSE;

  if (g_hash_table_lookup_extended (id_lines, id, NULL, &first_line))
    {
      table_problem (t, "id",
                     /* translators: 1: an id, 2: a line number */
                     _("duplicate id \"%s\"; it is first defined on line %u"),
                     id, GPOINTER_TO_UINT (first_line));
      return FALSE;
    }

  g_hash_table_insert (id_lines, g_strdup (id), GUINT_TO_POINTER (table_line (t)));
  return TRUE;
}

/* }}} */
/* {{{ Values */

/* Levenshtein distance, or max + 1 once it exceeds max. */
static guint
edit_distance (const char *a,
               const char *b,
               guint       max)
{
  guint row[MAX_SUGGESTION_LENGTH + 1];
  gsize la = strlen (a);
  gsize lb = strlen (b);

  if (la > MAX_SUGGESTION_LENGTH || lb > MAX_SUGGESTION_LENGTH ||
      (la > lb ? la - lb : lb - la) > max)
    return max + 1;

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;

  for (gsize i = 1; i <= la; i++)
    {
      guint diagonal = row[0];
      guint smallest;

      row[0] = i;
      smallest = row[0];
      for (gsize j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
          smallest = MIN (smallest, row[j]);
        }
      if (smallest > max)
        return max + 1;
    }

  return row[lb];
}

/* The first id closest to wanted, if one is within MAX_SUGGESTION_DISTANCE. */
typedef const char *(*GetIdFunc) (gpointer item);

static const char *
suggest_id (GPtrArray  *items,
            GetIdFunc   get_id,
            const char *wanted)
{
  const char *best = NULL;
  guint best_distance = MAX_SUGGESTION_DISTANCE + 1;

  for (guint i = 0; i < items->len && best_distance > 1; i++)
    {
      const char *id = get_id (items->pdata[i]);
      guint distance = edit_distance (wanted, id, best_distance - 1);

      if (distance < best_distance)
        {
          best = id;
          best_distance = distance;
        }
    }

  return best;
}

static FaPlace *
table_resolve_place (Table      *t,
                     const char *column,
                     const char *id)
{
  Loader *loader = t->loader;
  FaPlace *place = g_hash_table_lookup (loader->places_by_id, id);
  const char *suggestion;

  if (place != NULL)
    return place;

  /* Known but broken, or places file unusable: reported already. */
  if (g_hash_table_contains (loader->place_lines, id) || !loader->places_complete)
    return NULL;

  suggestion = loader_keeps_more (loader)
    ? suggest_id (loader->places, (GetIdFunc) fa_place_get_id, id)
    : NULL;
  if (suggestion != NULL)
    table_problem (t, column,
                   /* translators: 1: a place id, 2: an existing place id */
                   _("unknown place \"%s\"; did you mean \"%s\"?"), id, suggestion);
  else
    table_problem (t, column,
                   /* translators: 1: a place id, 2: a file name */
                   _("unknown place \"%s\"; it is not in %s"), id, loader->places_file);

  return NULL;
}

static FaCategory *
loader_add_default_category (Loader     *loader,
                             const char *id,
                             const char *label)
{
  FaCategory *category;

  category = g_object_new (FA_TYPE_CATEGORY,
                           "id", id,
                           "label", label,
                           "color", default_palette[loader->palette_next++ % G_N_ELEMENTS (default_palette)],
                           NULL);
  g_ptr_array_add (loader->categories, category);
  g_hash_table_insert (loader->categories_by_id, (gpointer) fa_category_get_id (category), category);

  return category;
}

static FaCategory *
table_resolve_category (Table      *t,
                        const char *column,
                        const char *id)
{
  Loader *loader = t->loader;
  FaCategory *category = g_hash_table_lookup (loader->categories_by_id, id);
  const char *suggestion;

  if (category != NULL)
    return category;

  /* Without categories.csv, the categories are the values used. */
  if (!loader->have_categories_file)
    return loader_add_default_category (loader, id, id);

  if (g_hash_table_contains (loader->category_lines, id) || !loader->categories_complete)
    return NULL;

  suggestion = loader_keeps_more (loader)
    ? suggest_id (loader->categories, (GetIdFunc) fa_category_get_id, id)
    : NULL;
  if (suggestion != NULL)
    table_problem (t, column,
                   /* translators: 1: a category id, 2: an existing category id */
                   _("unknown category \"%s\"; did you mean \"%s\"?"), id, suggestion);
  else
    table_problem (t, column, _("unknown category \"%s\"; it is not in categories.csv"), id);

  return NULL;
}

/* Parses an enum keyword; reports the allowed ones otherwise. */
static gboolean
table_get_enum (Table      *t,
                const char *column,
                GType       type,
                int         excluded,
                int        *out)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  g_autoptr(GString) allowed = NULL;
  const char *text = table_get (t, column);
  GEnumValue *value;

  value = g_enum_get_value_by_nick (klass, text);
  if (value != NULL && value->value != excluded)
    {
      *out = value->value;
      return TRUE;
    }

  allowed = g_string_new (NULL);
  for (guint i = 0; i < klass->n_values; i++)
    {
      if (klass->values[i].value == excluded)
        continue;
      if (allowed->len > 0)
        g_string_append (allowed, ", ");
      g_string_append (allowed, klass->values[i].value_nick);
    }

  table_problem (t, column,
                 /* translators: 1: the value found, 2: a list of keywords */
                 _("unknown value \"%s\"; expected one of %s"), text, allowed->str);
  return FALSE;
}

/* A date column; FA_MONTH_NONE when empty.  FALSE (and a problem) when malformed. */
static gboolean
table_get_date (Table            *t,
                const char       *column,
                gboolean          is_end,
                FaMonth          *month,
                FaMonthPrecision *precision,
                int              *day)
{
  const char *text = table_get (t, column);

  *month = FA_MONTH_NONE;
  *precision = FA_MONTH_PRECISION_NONE;
  *day = 0;

  if (*text == '\0' || fa_month_parse_date (text, is_end, month, precision, day))
    return TRUE;

  table_problem (t, column, _("malformed date \"%s\"; expected YYYY, YYYY-MM or YYYY-MM-DD"), text);
  return FALSE;
}

/* A count column: plain digits, -1 when empty.  FALSE (and a problem) when malformed. */
static gboolean
table_get_count (Table      *t,
                 const char *column,
                 gint64     *out)
{
  const char *text = table_get (t, column);
  gsize length = strlen (text);

  *out = -1;
  if (length == 0)
    return TRUE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        {
          table_problem (t, column, _("malformed number \"%s\"; expected a whole number such as 20000"), text);
          return FALSE;
        }
    }

  if (length > MAX_COUNT_DIGITS)
    {
      table_problem (t, column, _("number \"%s\" is too large"), text);
      return FALSE;
    }

  *out = g_ascii_strtoll (text, NULL, 10);
  return TRUE;
}

/* A latitude or longitude; NaN when empty.  FALSE (and a problem) when malformed. */
static gboolean
table_get_degrees (Table      *t,
                   const char *column,
                   double      limit,
                   const char *expected_range,
                   double     *out)
{
  const char *text = table_get (t, column);
  char *end = NULL;
  double value;

  *out = NAN;
  if (*text == '\0')
    return TRUE;

  /* g_ascii_strtod() would also take "inf", "nan" and hexadecimal. */
  if (strspn (text, "0123456789.+-eE") != strlen (text) ||
      (value = g_ascii_strtod (text, &end), end == NULL || *end != '\0') ||
      !isfinite (value))
    {
      table_problem (t, column, _("malformed number \"%s\"; expected decimal degrees such as 55.75"), text);
      return FALSE;
    }

  if (fabs (value) > limit)
    {
      /* translators: 1: a number, 2: "a latitude from -90 to 90" or "a longitude from -180 to 180" */
      table_problem (t, column, _("%s is out of range; expected %s"), text, expected_range);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

static gboolean
is_region_code (const char *code)
{
  gsize length = strlen (code);

  for (gsize i = 0; i < MIN (length, 2); i++)
    if (!g_ascii_isupper (code[i]))
      return FALSE;

  if (length == 2)
    return TRUE;
  if (length == 3)
    return g_ascii_isupper (code[2]);
  if (length < 4 || length > 6 || code[2] != '-')
    return FALSE;

  for (gsize i = 3; i < length; i++)
    if (!g_ascii_isupper (code[i]) && !g_ascii_isdigit (code[i]))
      return FALSE;

  return TRUE;
}

static char **
split_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (builder, words[i]);

  return g_strv_builder_end (builder);
}

/* }}} */
/* {{{ Files */

static void
load_categories (Loader *loader)
{
  static const char * const required[] = { "id", NULL };
  g_auto(Table) t = { 0, };

  if (!table_open (loader, &t, "categories.csv", FALSE, required, loader->category_lines))
    {
      loader->have_categories_file = t.reader != NULL;
      return;
    }
  loader->have_categories_file = TRUE;

  while (table_next (&t))
    {
      const char *color_text = table_get (&t, "color");
      int form = FA_CATEGORY_FORM_NONE;
      guint32 color = 0;
      gboolean ok = TRUE;
      FaCategory *category;
      const char *label;

      if (!table_claim_id (&t, loader->category_lines))
        continue;

      if (*color_text == '\0')
        color = default_palette[loader->palette_next++ % G_N_ELEMENTS (default_palette)];
      else if (strlen (color_text) == 7 && color_text[0] == '#' &&
               strspn (color_text + 1, "0123456789abcdefABCDEF") == 6)
        color = g_ascii_strtoull (color_text + 1, NULL, 16);
      else
        {
          table_problem (&t, "color", _("malformed colour \"%s\"; expected #rrggbb such as #e69f00"), color_text);
          ok = FALSE;
        }

      if (*table_get (&t, "form") != '\0')
        ok &= table_get_enum (&t, "form", FA_TYPE_CATEGORY_FORM, FA_CATEGORY_FORM_NONE, &form);

      if (!ok)
        continue;

      label = table_get_localized (&t, "label");
      category = g_object_new (FA_TYPE_CATEGORY,
                               "id", table_get (&t, "id"),
                               "label", *label != '\0' ? label : table_get (&t, "id"),
                               "color", color,
                               "group", nonempty (table_get (&t, "group")),
                               "form", form,
                               "description", nonempty (table_get_localized (&t, "description")),
                               NULL);
      g_ptr_array_add (loader->categories, category);
      g_hash_table_insert (loader->categories_by_id, (gpointer) fa_category_get_id (category), category);
    }

  loader->categories_complete = t.complete;
}

/* Places a region without coordinates at its label point, and a group at
 * the mean of its members' label points, skipping members without one.
 * For the compact groups datasets use (Central Asia, the North Caucasus)
 * the mean stays inside the group; the geodata offers no areas to pick the
 * largest member by, and the first member is an arbitrary choice.  Groups
 * where neither works give explicit lat and lon. */
static gboolean
table_locate_regions (Table              *t,
                      const char * const *codes,
                      double             *lon,
                      double             *lat)
{
  double sum_lon = 0, sum_lat = 0;
  guint n = 0;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      double code_lon, code_lat;

      if (fa_geodata_get_label_point (t->loader->geodata, codes[i], &code_lon, &code_lat))
        {
          sum_lon += code_lon;
          sum_lat += code_lat;
          n++;
        }
    }

  if (n == 0)
    {
      table_problem (t, "region", _("the map data has no label point for \"%s\"; give lat and lon"),
                     table_get (t, "region"));
      return FALSE;
    }

  *lon = sum_lon / n;
  *lat = sum_lat / n;
  return TRUE;
}

/* The time of a row: start, end, and where it comes from. */
typedef struct
{
  FaMonth          start, end;
  FaMonthPrecision start_precision, end_precision;
  int              start_day, end_day;
  int              dating;
  FaMonth          shown_start, shown_end;   /* FA_MONTH_MIN - 1: its own start and end */
} RowTime;

/* Reads start, end and dated of a flow or of a site's evidence, and
 * gives the row the months it is shown for (FORMAT.md §7.1): a dated row
 * says whether the text or its context dates it; an undated one is shown
 * for the reporting period, or, "in previous years", before it, and never
 * as if its months were known. */
static gboolean
table_get_time (Table   *t,
                Loader  *loader,
                int      certainty,
                RowTime *time)
{
  gboolean ok = TRUE;

  if (table_get_date (t, "start", FALSE, &time->start, &time->start_precision, &time->start_day) &&
      table_get_date (t, "end", TRUE, &time->end, &time->end_precision, &time->end_day))
    {
      if (time->start != FA_MONTH_NONE && time->end != FA_MONTH_NONE && time->end < time->start)
        {
          /* translators: 1: the end date, 2: the start date, as written */
          table_problem (t, "end", _("%s is before the start, %s"), table_get (t, "end"), table_get (t, "start"));
          ok = FALSE;
        }
    }
  else
    ok = FALSE;

  time->dating = FA_DATING_STATED;
  if (*table_get (t, "dated") != '\0')
    ok &= table_get_enum (t, "dated", FA_TYPE_DATING, -1, &time->dating);
  time->shown_start = time->shown_end = FA_MONTH_MIN - 1;   /* its own start and end */
  if (!ok)
    return FALSE;

  if (time->start != FA_MONTH_NONE || time->end != FA_MONTH_NONE)
    {
      if (time->dating != FA_DATING_STATED && time->dating != FA_DATING_CONTEXT)
        {
          /* translators: %s is a keyword of the dated column */
          table_problem (t, "dated", _("\"%s\" is for a row without start or end"), table_get (t, "dated"));
          return FALSE;
        }
      return TRUE;
    }

  if (time->dating == FA_DATING_CONTEXT)
    {
      table_problem (t, "dated", "%s", _("\"context\" needs the start or end the context gives"));
      return FALSE;
    }
  if (time->dating == FA_DATING_STATED)
    time->dating = certainty == FA_CERTAINTY_PREVIOUS_YEARS || loader->period_first == FA_MONTH_NONE
                   ? FA_DATING_NOT_DATED : FA_DATING_REPORTING_PERIOD;

  if (time->dating == FA_DATING_REPORTING_PERIOD && loader->period_first == FA_MONTH_NONE)
    {
      table_problem (t, "dated", "%s", _("the dataset declares no reporting_period in dataset.ini"));
      return FALSE;
    }
  if (time->dating == FA_DATING_REPORTING_PERIOD)
    {
      time->shown_start = loader->period_first;
      time->shown_end = loader->period_last;
    }
  else
    {
      /* At no month in particular; known to have happened by the start of
       * the period, where there is one. */
      time->shown_start = loader->period_first;
      time->shown_end = FA_MONTH_NONE;
    }
  return TRUE;
}


static void
load_places (Loader     *loader,
             const char *file)
{
  static const char * const required_places[] = { "id", "name", NULL };
  static const char * const required_locations[] = { "id", "lat", "lon", NULL };
  gboolean flowmap = g_str_equal (file, "locations.csv");
  g_auto(Table) t = { 0, };

  loader->places_file = file;
  if (!table_open (loader, &t, file, TRUE, flowmap ? required_locations : required_places,
                   loader->place_lines))
    return;

  while (table_next (&t))
    {
      g_auto(GStrv) codes = NULL;
      const char *name;
      double lon, lat;
      /* Without a kind (a FlowmapBlue location, a user's place): a plain dot
       * with its name, claiming nothing about what the place is. */
      int kind = FA_PLACE_KIND_CITY;
      int certainty = FA_CERTAINTY_UNKNOWN;
      RowTime time;
      gboolean ok = TRUE;
      FaPlace *place;

      if (!table_claim_id (&t, loader->place_lines))
        continue;

      name = table_get_localized (&t, "name");
      if (!flowmap)
        ok &= table_require (&t, "name");
      else if (*name == '\0')
        name = table_get (&t, "id");

      ok &= table_get_degrees (&t, "lat", 90, _("a latitude from -90 to 90"), &lat);
      ok &= table_get_degrees (&t, "lon", 180, _("a longitude from -180 to 180"), &lon);
      if (ok && isnan (lat) != isnan (lon))
        {
          table_problem (&t, isnan (lat) ? "lat" : "lon", "%s",
                         _("required value is missing; give both lat and lon, or neither"));
          ok = FALSE;
        }

      codes = split_words (table_get (&t, "region"));
      for (guint i = 0; codes[i] != NULL; i++)
        {
          if (!is_region_code (codes[i]))
            {
              table_problem (&t, "region",
                             _("malformed region code \"%s\"; expected an ISO 3166-1 alpha-2 code such as RU or an ISO 3166-2 code such as UA-14"),
                             codes[i]);
              ok = FALSE;
            }
          else if (loader->geodata != NULL && !fa_geodata_has_code (loader->geodata, codes[i]))
            {
              table_problem (&t, "region", _("unknown region code \"%s\"; the map data has no such country or region"),
                             codes[i]);
              ok = FALSE;
            }
        }

      if (*table_get (&t, "kind") != '\0')
        ok &= table_get_enum (&t, "kind", FA_TYPE_PLACE_KIND, -1, &kind);
      else if (g_strv_length (codes) > 1)
        kind = FA_PLACE_KIND_GROUP;
      else if (codes[0] != NULL && isnan (lat))
        kind = strchr (codes[0], '-') != NULL ? FA_PLACE_KIND_REGION : FA_PLACE_KIND_COUNTRY;

      if (ok && isnan (lat))
        {
          if (codes[0] == NULL)
            {
              if (table_has_column (&t, "region"))
                table_problem (&t, "region", "%s", _("required value is missing; a place without lat and lon needs a region"));
              else
                table_problem (&t, "lat", "%s", _("required value is missing"));
              ok = FALSE;
            }
          else if (loader->geodata != NULL)
            ok = table_locate_regions (&t, (const char * const *) codes, &lon, &lat);
        }

      /* A site names the category it is evidence of: it must exist.  Its
       * evidence has a time, as a flow has (FORMAT.md §4.2). */
      if (loader->have_categories_file && *table_get (&t, "category") != '\0' &&
          table_resolve_category (&t, "category", table_get (&t, "category")) == NULL)
        ok = FALSE;
      if (*table_get (&t, "certainty") != '\0')
        ok &= table_get_enum (&t, "certainty", FA_TYPE_CERTAINTY, FA_CERTAINTY_UNKNOWN, &certainty);
      ok &= table_get_time (&t, loader, certainty, &time);

      if (!ok)
        continue;

      place = fa_place_new (table_get (&t, "id"), name, lon, lat,
                            (const char * const *) codes, kind,
                            nonempty (table_get_localized (&t, "note")));
      _fa_place_set_evidence (place, nonempty (table_get (&t, "category")),
                              nonempty (table_get (&t, "quote")), nonempty (table_get (&t, "source")));
      _fa_place_set_evidence_time (place, time.dating, certainty == FA_CERTAINTY_PREVIOUS_YEARS,
                                   time.start, time.start_precision, time.end, time.end_precision,
                                   time.shown_start >= FA_MONTH_MIN || time.shown_start == FA_MONTH_NONE
                                   ? time.shown_start : time.start,
                                   time.shown_start >= FA_MONTH_MIN || time.shown_start == FA_MONTH_NONE
                                   ? time.shown_end : time.end);
      g_ptr_array_add (loader->places, place);
      g_hash_table_insert (loader->places_by_id, (gpointer) fa_place_get_id (place), place);
    }

  loader->places_complete = t.complete;
}

/* The count columns of a flow.  A count alone is exact; count_low and
 * count_high make a range, open above when count_high is empty. */
static gboolean
table_get_counts (Table  *t,
                  gint64 *count,
                  gint64 *low,
                  gint64 *high)
{
  gboolean ok = TRUE;

  ok &= table_get_count (t, "count", count);
  ok &= table_get_count (t, "count_low", low);
  ok &= table_get_count (t, "count_high", high);
  if (!ok)
    return FALSE;

  if (*low >= 0 && *high >= 0 && *low > *high)
    {
      /* translators: 1: a number, 2: a smaller number */
      table_problem (t, "count_low", _("%s is above count_high (%s)"),
                     table_get (t, "count_low"), table_get (t, "count_high"));
      return FALSE;
    }

  if (*count >= 0)
    {
      if ((*low >= 0 && *count < *low) || (*high >= 0 && *count > *high))
        {
          table_problem (t, "count", _("%s is outside the range of count_low and count_high"),
                         table_get (t, "count"));
          return FALSE;
        }
      if (*low < 0 && *high < 0)
        *low = *high = *count;
    }

  return TRUE;
}


static void
load_flows (Loader *loader)
{
  static const char * const required[] = { "id", "origin", "dest", "category", NULL };
  g_auto(Table) t = { 0, };

  if (!table_open (loader, &t, "flows.csv", TRUE, required, loader->flow_lines))
    return;

  while (table_next (&t))
    {
      g_autoptr(GPtrArray) via = g_ptr_array_new_with_free_func (g_object_unref);
      g_auto(GStrv) via_ids = NULL;
      FaPlace *origin = NULL, *destination = NULL;
      FaCategory *category = NULL;
      gint64 count, low, high;
      int certainty = FA_CERTAINTY_UNKNOWN;
      int kind = FA_FLOW_KIND_MOVEMENT;
      RowTime time;
      gboolean ok = TRUE;
      FaFlow *flow;

      ok &= table_claim_id (&t, loader->flow_lines);

      if (table_require (&t, "origin"))
        origin = table_resolve_place (&t, "origin", table_get (&t, "origin"));
      if (table_require (&t, "dest"))
        destination = table_resolve_place (&t, "dest", table_get (&t, "dest"));
      ok &= origin != NULL && destination != NULL;

      via_ids = split_words (table_get (&t, "via"));
      for (guint i = 0; via_ids[i] != NULL; i++)
        {
          FaPlace *place = table_resolve_place (&t, "via", via_ids[i]);

          if (place != NULL)
            g_ptr_array_add (via, g_object_ref (place));
          else
            ok = FALSE;
        }

      ok &= table_get_counts (&t, &count, &low, &high);

      if (table_require (&t, "category"))
        category = table_resolve_category (&t, "category", table_get (&t, "category"));
      ok &= category != NULL;

      if (*table_get (&t, "certainty") != '\0')
        ok &= table_get_enum (&t, "certainty", FA_TYPE_CERTAINTY, FA_CERTAINTY_UNKNOWN, &certainty);

      /* A movement, or people present at the destination (FORMAT.md §5.2). */
      if (*table_get (&t, "kind") != '\0')
        ok &= table_get_enum (&t, "kind", FA_TYPE_FLOW_KIND, -1, &kind);

      ok &= table_get_time (&t, loader, certainty, &time);

      if (!ok)
        continue;

      flow = g_object_new (FA_TYPE_FLOW,
                           "id", table_get (&t, "id"),
                           "origin", origin,
                           "destination", destination,
                           "via", via,
                           "count", count,
                           "count-low", low,
                           "count-high", high,
                           /* The source's words, in the map's language where the
                            * dataset translates them (the quote stays verbatim). */
                           "magnitude", nonempty (table_get_localized (&t, "magnitude")),
                           "start", time.start,
                           "start-precision", time.start_precision,
                           "start-day", time.start_day,
                           "end", time.end,
                           "end-precision", time.end_precision,
                           "end-day", time.end_day,
                           "category", category,
                           "certainty", certainty,
                           "dating", time.dating,
                           "kind", kind,
                           "shown-start", time.shown_start,
                           "shown-end", time.shown_end,
                           "quote", nonempty (table_get (&t, "quote")),
                           "source", nonempty (table_get (&t, "source")),
                           "combined", nonempty (table_get (&t, "combined")),
                           "note", nonempty (table_get (&t, "note")),
                           NULL);
      g_ptr_array_add (loader->flows, flow);
    }
}

static void
load_events (Loader *loader)
{
  static const char * const required[] = { "id", "date", "title", NULL };
  g_auto(Table) t = { 0, };

  if (!table_open (loader, &t, "events.csv", FALSE, required, loader->event_lines))
    return;

  while (table_next (&t))
    {
      FaPlace *place = NULL;
      FaCategory *category = NULL;
      FaMonth month;
      FaMonthPrecision precision;
      int day;
      gboolean ok = TRUE;
      FaEvent *event;

      ok &= table_claim_id (&t, loader->event_lines);
      if (table_require (&t, "date"))
        ok &= table_get_date (&t, "date", FALSE, &month, &precision, &day);
      else
        ok = FALSE;
      ok &= table_require (&t, "title");

      if (*table_get (&t, "place") != '\0')
        ok &= (place = table_resolve_place (&t, "place", table_get (&t, "place"))) != NULL;
      if (*table_get (&t, "category") != '\0')
        ok &= (category = table_resolve_category (&t, "category", table_get (&t, "category"))) != NULL;

      if (!ok)
        continue;

      event = g_object_new (FA_TYPE_EVENT,
                            "id", table_get (&t, "id"),
                            "month", month,
                            "precision", precision,
                            "day", day,
                            "title", table_get_localized (&t, "title"),
                            "description", nonempty (table_get_localized (&t, "description")),
                            "place", place,
                            "category", category,
                            "quote", nonempty (table_get (&t, "quote")),
                            "source", nonempty (table_get (&t, "source")),
                            NULL);
      g_ptr_array_add (loader->events, event);
    }
}

typedef struct
{
  FaPlace          *origin;       /* borrowed */
  FaPlace          *destination;  /* borrowed */
  FaMonth           start;
  FaMonth           end;
  FaMonthPrecision  precision;
  gint64            count;
} FlowmapFlow;

/* FlowmapBlue's `time`: an ISO date or date-time, counted by month. */
static gboolean
parse_flowmap_time (const char       *text,
                    FaMonth          *start,
                    FaMonth          *end,
                    FaMonthPrecision *precision)
{
  g_autofree char *date = NULL;
  gsize length = strlen (text);

  if (length > 10 && (text[10] == 'T' || text[10] == ' '))
    date = g_strndup (text, 10);
  else
    date = g_strdup (text);

  if (!fa_month_parse (date, precision, FALSE, start) ||
      !fa_month_parse (date, NULL, TRUE, end))
    return FALSE;

  if (*precision == FA_MONTH_PRECISION_DAY)
    *precision = FA_MONTH_PRECISION_MONTH;

  return TRUE;
}

/* A FlowmapBlue flows.csv: no ids, no categories; rows repeating an
 * origin, destination and month are summed, as FlowmapBlue does. */
static void
load_flowmap_flows (Loader *loader)
{
  static const char * const required[] = { "origin", "dest", "count", NULL };
  g_auto(Table) t = { 0, };
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GArray) flows = NULL;
  FaCategory *category;

  if (!table_open (loader, &t, "flows.csv", TRUE, required, NULL))
    return;

  index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  flows = g_array_new (FALSE, TRUE, sizeof (FlowmapFlow));

  while (table_next (&t))
    {
      FlowmapFlow flow = { NULL, NULL, FA_MONTH_NONE, FA_MONTH_NONE, FA_MONTH_PRECISION_NONE, 0 };
      g_autofree char *key = NULL;
      const char *time = table_get (&t, "time");
      gboolean ok = TRUE;
      gpointer position;

      if (table_require (&t, "origin"))
        flow.origin = table_resolve_place (&t, "origin", table_get (&t, "origin"));
      if (table_require (&t, "dest"))
        flow.destination = table_resolve_place (&t, "dest", table_get (&t, "dest"));
      ok &= flow.origin != NULL && flow.destination != NULL;
      ok &= table_require (&t, "count") && table_get_count (&t, "count", &flow.count);

      if (*time != '\0' && !parse_flowmap_time (time, &flow.start, &flow.end, &flow.precision))
        {
          table_problem (&t, "time", _("malformed time \"%s\"; expected an ISO date such as 2023-06-01 or 2023-06-01T00:00:00"), time);
          ok = FALSE;
        }

      if (!ok)
        continue;

      key = g_strdup_printf ("%s\n%s\n%d\n%d", fa_place_get_id (flow.origin),
                             fa_place_get_id (flow.destination), flow.start, flow.end);
      if (g_hash_table_lookup_extended (index, key, NULL, &position))
        {
          FlowmapFlow *sum = &g_array_index (flows, FlowmapFlow, GPOINTER_TO_UINT (position));

          if (sum->count > G_MAXINT64 - flow.count)
            table_problem (&t, "count", "%s", _("the sum of the repeated rows is too large"));
          else
            sum->count += flow.count;
        }
      else
        {
          g_hash_table_insert (index, g_steal_pointer (&key), GUINT_TO_POINTER (flows->len));
          g_array_append_val (flows, flow);
        }
    }

  if (flows->len == 0)
    return;

  category = loader_add_default_category (loader, "flows", _("Flows"));
  for (guint i = 0; i < flows->len; i++)
    {
      const FlowmapFlow *flow = &g_array_index (flows, FlowmapFlow, i);
      g_autofree char *id = NULL;

      if (flow->start != FA_MONTH_NONE)
        {
          g_autofree char *time = fa_month_format_date_iso (flow->start, flow->precision, 0);

          id = g_strdup_printf ("%s→%s@%s", fa_place_get_id (flow->origin),
                                fa_place_get_id (flow->destination), time);
        }
      else
        id = g_strdup_printf ("%s→%s", fa_place_get_id (flow->origin),
                              fa_place_get_id (flow->destination));

      g_ptr_array_add (loader->flows,
                       g_object_new (FA_TYPE_FLOW,
                                     "id", id,
                                     "origin", flow->origin,
                                     "destination", flow->destination,
                                     "count", flow->count,
                                     "count-low", flow->count,
                                     "count-high", flow->count,
                                     "start", flow->start,
                                     "start-precision", flow->precision,
                                     "end", flow->end,
                                     "end-precision", flow->precision,
                                     "category", category,
                                     /* A row without a time in a file that has times. */
                                     "dating", flow->start == FA_MONTH_NONE && flow->end == FA_MONTH_NONE
                                               ? FA_DATING_NOT_DATED : FA_DATING_STATED,
                                     NULL));
    }
}

static char *
ini_get (Loader   *loader,
         GKeyFile *key_file,
         const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value;

  value = g_key_file_get_locale_string (key_file, "Dataset", key, NULL, &error);
  if (error != NULL && !g_error_matches (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    loader_file_problem (loader, "dataset.ini", "%s: %s", key, error->message);

  if (value != NULL && *g_strstrip (value) == '\0')
    g_clear_pointer (&value, g_free);

  return value;
}

static void
load_metadata (Loader    *loader,
               FaDataset *dataset)
{
  g_autofree char *path = g_build_filename (loader->directory, "dataset.ini", NULL);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *source_text = NULL;
  gsize length;
  const char *data;

  if (!path_is_present (path))
    return;

  bytes = fa_csv_read_file (path, &error);
  if (bytes == NULL)
    {
      loader_add_error (loader, error);
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  if (!g_key_file_load_from_data (key_file, data != NULL ? data : "", length, G_KEY_FILE_KEEP_TRANSLATIONS, &error))
    {
      loader_file_problem (loader, "dataset.ini", "%s", error->message);
      return;
    }

  if (!g_key_file_has_group (key_file, "Dataset"))
    {
      loader_file_problem (loader, "dataset.ini", "%s", _("missing group [Dataset]"));
      return;
    }

  loader->key_file = g_key_file_ref (key_file);
  dataset->title = ini_get (loader, key_file, "title");
  dataset->description = ini_get (loader, key_file, "description");
  dataset->source = ini_get (loader, key_file, "source");
  dataset->source_url = ini_get (loader, key_file, "source_url");
  dataset->published = ini_get (loader, key_file, "published");
  dataset->licence = ini_get (loader, key_file, "licence");

  /* The months the source reports on: what it says without a date, it
   * says of them.  "2023-04/2024-03". */
  {
    g_autofree char *period = ini_get (loader, key_file, "reporting_period");
    g_auto(GStrv) parts = period != NULL ? g_strsplit (period, "/", -1) : NULL;
    FaMonthPrecision precision;
    FaMonth first, last;

    if (period != NULL)
      {
        if (g_strv_length (parts) == 2 &&
            fa_month_parse (g_strstrip (parts[0]), &precision, FALSE, &first) &&
            fa_month_parse (g_strstrip (parts[1]), &precision, TRUE, &last) && first <= last)
          {
            loader->period_first = dataset->period_first = first;
            loader->period_last = dataset->period_last = last;
          }
        else
          loader_file_problem (loader, "dataset.ini",
                               /* translators: %s is the value found */
                               _("reporting_period: \"%s\" is not FIRST/LAST, such as 2023-04/2024-03"), period);
      }
  }

  source_text = ini_get (loader, key_file, "source_text");
  if (source_text != NULL)
    {
      g_autofree char *source_path = g_build_filename (loader->directory, source_text, NULL);

      /* A name inside the folder, not a path leading out of it. */
      if (strchr (source_text, '/') != NULL || strchr (source_text, '\\') != NULL ||
          g_str_equal (source_text, "..") || !g_file_test (source_path, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *shown = fa_text_quote (source_text, -1, FA_TEXT_MAX_QUOTED);

          loader_file_problem (loader, "dataset.ini",
                               _("source_text: \"%s\" is not a file in the dataset folder"), shown);
        }
      else
        dataset->source_text_path = g_steal_pointer (&source_path);
    }
}

/* The dataset's groups, presets and region roles: [Group:ID], [Preset:ID]
 * and [Role:ID] sections of dataset.ini, in file order. */
static char **
ini_get_list (Loader     *loader,
              GKeyFile   *key_file,
              const char *group,
              const char *key)
{
  g_autoptr(GError) error = NULL;
  char **list = g_key_file_get_string_list (key_file, group, key, NULL, &error);

  if (error != NULL && !g_error_matches (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    loader_file_problem (loader, "dataset.ini", "[%s] %s: %s", group, key, error->message);
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    g_strstrip (list[i]);

  return list;
}

static char *
ini_get_locale (Loader     *loader,
                GKeyFile   *key_file,
                const char *group,
                const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value = g_key_file_get_locale_string (key_file, group, key, NULL, &error);

  if (error != NULL && !g_error_matches (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
    loader_file_problem (loader, "dataset.ini", "[%s] %s: %s", group, key, error->message);
  if (value != NULL && *g_strstrip (value) == '\0')
    g_clear_pointer (&value, g_free);

  return value;
}

static gboolean
ini_get_enum (Loader     *loader,
              GKeyFile   *key_file,
              const char *group,
              const char *key,
              GType       type,
              int         fallback,
              int        *out)
{
  g_autofree char *value = g_key_file_get_string (key_file, group, key, NULL);
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *found;

  *out = fallback;
  if (value == NULL || *g_strstrip (value) == '\0')
    return TRUE;

  found = g_enum_get_value_by_nick (klass, value);
  if (found == NULL)
    {
      g_autoptr(GString) expected = g_string_new (NULL);

      for (guint i = 0; i < klass->n_values; i++)
        g_string_append_printf (expected, "%s%s", i > 0 ? ", " : "", klass->values[i].value_nick);
      loader_file_problem (loader, "dataset.ini",
                           /* translators: 1: a section, 2: a key, 3: the value found, 4: the values allowed */
                           _("[%s] %s: unknown value \"%s\"; expected one of %s"),
                           group, key, value, expected->str);
      return FALSE;
    }
  *out = found->value;
  return TRUE;
}

static gboolean
check_category_ids (Loader             *loader,
                    const char         *group,
                    const char         *key,
                    const char * const *ids)
{
  gboolean ok = TRUE;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (!g_hash_table_contains (loader->categories_by_id, ids[i]))
      {
        loader_file_problem (loader, "dataset.ini",
                             /* translators: 1: a section, 2: a key, 3: a category id */
                             _("[%s] %s: unknown category \"%s\"; expected an id of categories.csv"),
                             group, key, ids[i]);
        ok = FALSE;
      }
  return ok;
}

static void
load_sections (Loader    *loader,
               FaDataset *dataset)
{
  g_auto(GStrv) groups = NULL;

  if (loader->key_file == NULL)
    return;

  groups = g_key_file_get_groups (loader->key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *section = groups[i];
      GKeyFile *kf = loader->key_file;

      if (g_str_has_prefix (section, "Group:") && section[6] != '\0')
        {
          g_autofree char *label = ini_get_locale (loader, kf, section, "label");

          g_hash_table_insert (dataset->group_labels, g_strdup (section + 6),
                               g_strdup (label != NULL ? label : section + 6));
        }
      else if (g_str_has_prefix (section, "Preset:") && section[7] != '\0')
        {
          g_autofree char *label = ini_get_locale (loader, kf, section, "label");
          g_autofree char *description = ini_get_locale (loader, kf, section, "description");
          g_auto(GStrv) cats = ini_get_list (loader, kf, section, "categories");
          g_auto(GStrv) grps = ini_get_list (loader, kf, section, "groups");
          g_autoptr(FaPreset) preset = NULL;

          if (!check_category_ids (loader, section, "categories", (const char * const *) cats))
            continue;
          preset = fa_preset_new (section + 7, label, description,
                                  (const char * const *) grps, (const char * const *) cats);
          g_list_store_append (dataset->presets, preset);
        }
      else if (g_str_has_prefix (section, "Role:") && section[5] != '\0')
        {
          g_autofree char *label = ini_get_locale (loader, kf, section, "label");
          g_autofree char *color_text = g_key_file_get_string (kf, section, "color", NULL);
          g_autofree char *with = g_key_file_get_string (kf, section, "combined_with", NULL);
          g_autofree char *with_label = ini_get_locale (loader, kf, section, "combined_label");
          g_auto(GStrv) cats = ini_get_list (loader, kf, section, "categories");
          g_auto(GStrv) except = ini_get_list (loader, kf, section, "except");
          g_auto(GStrv) within = ini_get_list (loader, kf, section, "within");
          g_autoptr(FaRegionRole) role = NULL;
          int pattern, overlay, end;
          guint32 color = 0x888888;
          gboolean ok = TRUE;

          if (color_text != NULL)
            {
              g_strstrip (color_text);
              if (strlen (color_text) == 7 && color_text[0] == '#' &&
                  strspn (color_text + 1, "0123456789abcdefABCDEF") == 6)
                color = g_ascii_strtoull (color_text + 1, NULL, 16);
              else
                {
                  loader_file_problem (loader, "dataset.ini",
                                       _("[%s] color: malformed colour \"%s\"; expected #rrggbb such as #e69f00"),
                                       section, color_text);
                  ok = FALSE;
                }
            }
          ok &= ini_get_enum (loader, kf, section, "pattern", FA_TYPE_ROLE_PATTERN, FA_ROLE_PATTERN_FILL, &pattern);
          ok &= ini_get_enum (loader, kf, section, "overlay", FA_TYPE_ROLE_PATTERN, FA_ROLE_PATTERN_STRIPES, &overlay);
          ok &= ini_get_enum (loader, kf, section, "end", FA_TYPE_ROLE_END, FA_ROLE_END_ORIGIN, &end);
          ok &= check_category_ids (loader, section, "categories", (const char * const *) cats);
          if (!ok)
            continue;

          role = fa_region_role_new (section + 5, label, color, pattern, overlay, end,
                                     (const char * const *) cats, (const char * const *) within,
                                     (const char * const *) except,
                                     g_key_file_get_boolean (kf, section, "subdivisions_only", NULL));
          if (with != NULL)
            fa_region_role_set_combination (role, g_strstrip (with), with_label);
          g_list_store_append (dataset->roles, role);
          g_ptr_array_add (dataset->role_array, g_object_ref (role));
        }
    }
}

/* }}} */

static void
loader_clear (Loader *loader)
{
  g_clear_pointer (&loader->key_file, g_key_file_unref);
  g_clear_pointer (&loader->directory, g_free);
  g_clear_pointer (&loader->problems, g_ptr_array_unref);
  g_clear_pointer (&loader->places_by_id, g_hash_table_unref);
  g_clear_pointer (&loader->categories_by_id, g_hash_table_unref);
  g_clear_pointer (&loader->places, g_ptr_array_unref);
  g_clear_pointer (&loader->flows, g_ptr_array_unref);
  g_clear_pointer (&loader->events, g_ptr_array_unref);
  g_clear_pointer (&loader->categories, g_ptr_array_unref);
  g_clear_pointer (&loader->place_lines, g_hash_table_unref);
  g_clear_pointer (&loader->flow_lines, g_hash_table_unref);
  g_clear_pointer (&loader->event_lines, g_hash_table_unref);
  g_clear_pointer (&loader->category_lines, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loader, loader_clear)

/* The folder must exist, be a folder, and be readable and searchable: a
 * folder without "r" or "x" permission used to make every file in it look
 * missing ("places.csv: required file is missing"). */
static gboolean
check_folder (const char  *path,
              GError     **error)
{
  g_autofree char *shown = fa_text_display_path (path);
  g_autofree char *self_path = g_build_filename (path, ".", NULL);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  GStatBuf st;
  int saved_errno;

  if (g_stat (path, &st) != 0)
    {
      saved_errno = errno;
      if (saved_errno == ENOENT)
        g_set_error (error, FA_DATA_ERROR, FA_DATA_ERROR_NOT_FOUND,
                     _("\"%s\" is not a dataset folder: it does not exist"), shown);
      else
        g_set_error (error, FA_DATA_ERROR, FA_DATA_ERROR_NOT_FOUND,
                     /* translators: 1: a folder, 2: the system's explanation */
                     _("\"%s\": cannot read the dataset folder: %s"), shown, g_strerror (saved_errno));
      return FALSE;
    }

  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, FA_DATA_ERROR, FA_DATA_ERROR_NOT_FOUND,
                   _("\"%s\" is not a dataset folder"), shown);
      return FALSE;
    }

  /* Listing needs "r", reaching the files in it "x". */
  dir = g_dir_open (path, 0, &local_error);
  if (dir == NULL)
    saved_errno = local_error->code == G_FILE_ERROR_ACCES ? EACCES : EIO;
  else if (g_stat (self_path, &st) != 0)
    saved_errno = errno;
  else
    return TRUE;

  g_set_error (error, FA_DATA_ERROR, FA_DATA_ERROR_NOT_FOUND,
               _("\"%s\": cannot read the dataset folder: %s"), shown, g_strerror (saved_errno));
  return FALSE;
}

/* Does the work of fa_dataset_new_from_directory(). */
FaDataset *
_fa_dataset_load (const char  *path,
                  FaGeodata   *geodata,
                  GError     **error)
{
  g_auto(Loader) loader = { 0, };
  g_autoptr(FaDataset) dataset = NULL;
  g_autofree char *places_path = NULL;
  g_autofree char *locations_path = NULL;
  gboolean flowmap;

  if (!check_folder (path, error))
    return NULL;

  loader.directory = g_strdup (path);
  loader.period_first = loader.period_last = FA_MONTH_NONE;
  loader.geodata = geodata;
  loader.languages = g_get_language_names ();
  loader.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) fa_data_problem_free);
  loader.places = g_ptr_array_new_with_free_func (g_object_unref);
  loader.flows = g_ptr_array_new_with_free_func (g_object_unref);
  loader.events = g_ptr_array_new_with_free_func (g_object_unref);
  loader.categories = g_ptr_array_new_with_free_func (g_object_unref);
  loader.places_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  loader.categories_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  loader.place_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader.flow_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader.event_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader.category_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  dataset = g_object_new (FA_TYPE_DATASET, NULL);
  dataset->directory = g_strdup (path);
  dataset->name = g_path_get_basename (path);

  /* A folder with locations.csv and no places.csv is a FlowmapBlue export. */
  places_path = g_build_filename (path, "places.csv", NULL);
  locations_path = g_build_filename (path, "locations.csv", NULL);
  flowmap = !path_is_present (places_path) && path_is_present (locations_path);

  load_metadata (&loader, dataset);
  if (flowmap)
    {
      load_places (&loader, "locations.csv");
      load_flowmap_flows (&loader);
    }
  else
    {
      load_categories (&loader);
      load_places (&loader, "places.csv");
      load_flows (&loader);
      load_events (&loader);
      load_sections (&loader, dataset);
    }

  if (loader.n_problems > 0)
    {
      g_propagate_error (error, fa_data_error_new_from_problems (FA_DATA_ERROR_INVALID,
                                                                 loader.problems,
                                                                 loader.n_problems));
      return NULL;
    }

  _fa_dataset_set_items (dataset, loader.places, loader.flows, loader.events, loader.categories);

  return g_steal_pointer (&dataset);
}
