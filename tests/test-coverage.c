/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <string.h>

#include "fa-csv.h"

/* Everything here compares bytes (memcmp, strcmp, g_ascii_*), so the result
 * does not depend on the locale. */

#define CLOSING_QUOTE "\xe2\x80\x9d"  /* ” */
#define OPENING_QUOTE "\xe2\x80\x9c"  /* “ */

/* One line of COVERAGE.csv. */
typedef struct
{
  guint    csv_line;
  guint    n;
  guint    line;
  char    *section;
  guint    paragraph;
  guint    s;
  char    *sentence;
  char    *ids;        /* space-separated row ids, as written */
  char    *reason;
  gssize   offset;     /* where the sentence is in source.txt, or -1 */
} Entry;

/* A row of flows.csv, events.csv or places.csv. */
typedef struct
{
  char *file;
  char *id;
  char *quote;   /* "" when the row quotes nothing */
  char *source;
} Row;

typedef struct
{
  char      *source;     /* owned: source.txt */
  gsize      length;
  GPtrArray *entries;    /* owned: Entry */
  GPtrArray *rows;       /* owned: Row */
} Coverage;

static const char * const row_files[] = { "flows.csv", "events.csv", "places.csv" };

/* Full stops that end an abbreviation, not a sentence (FORMAT.md §10). */
static const char * const abbreviations[] = {
  "U.S.", "U.K.", "U.N.", "e.g.", "i.e.", "etc.", "approx.", "Art.", "Dr.", "Mr.", "Mrs.", "Ms.", "No.", "St.", "vs.",
};

static void
entry_free (Entry *entry)
{
  g_free (entry->section);
  g_free (entry->sentence);
  g_free (entry->ids);
  g_free (entry->reason);
  g_free (entry);
}

static void
row_free (Row *row)
{
  g_free (row->file);
  g_free (row->id);
  g_free (row->quote);
  g_free (row->source);
  g_free (row);
}

static void
coverage_free (Coverage *coverage)
{
  g_free (coverage->source);
  g_clear_pointer (&coverage->entries, g_ptr_array_unref);
  g_clear_pointer (&coverage->rows, g_ptr_array_unref);
  g_free (coverage);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Coverage, coverage_free)

/* The bundled dataset, in the geodata folder the tests are given (the
 * source tree's, or the installed one for installed-tests). */
static char *
dataset_file (const char *name)
{
  const char *geodata = g_getenv ("FLOWATLAS_GEODATA");

  g_assert_nonnull (geodata);
  return g_build_filename (geodata, "datasets", "tip-2024-russia", name, NULL);
}

static void G_GNUC_PRINTF (2, 3)
add_problem (GPtrArray  *problems,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* At most the first 60 characters of @text (valid UTF-8), for messages. */
static char *
excerpt (const char *text)
{
  return g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 60));
}

/* Reads @path into rows of the named columns, in the order given; a missing
 * column is an error, as is a broken file. */
static GPtrArray *
read_csv (const char         *path,
          const char * const *columns)
{
  g_autoptr(FaCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n_columns = g_strv_length ((char **) columns);
  g_autofree int *index = g_new (int, n_columns);

  reader = fa_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_true (fa_csv_reader_next_row (reader, &error));
  for (guint c = 0; c < n_columns; c++)
    {
      index[c] = -1;
      for (guint i = 0; i < fa_csv_reader_get_n_fields (reader); i++)
        if (g_str_equal (fa_csv_reader_get_field (reader, i), columns[c]))
          index[c] = i;
      if (index[c] < 0)
        g_error ("%s: no column \"%s\"", path, columns[c]);
    }

  while (fa_csv_reader_next_row (reader, &error))
    {
      char **fields = g_new0 (char *, n_columns + 2);

      for (guint c = 0; c < n_columns; c++)
        fields[c] = g_strdup ((guint) index[c] < fa_csv_reader_get_n_fields (reader)
                              ? fa_csv_reader_get_field (reader, index[c]) : "");
      fields[n_columns] = g_strdup_printf ("%u", fa_csv_reader_get_line (reader));
      g_ptr_array_add (table, fields);
    }
  g_assert_no_error (error);

  return table;
}

static guint
parse_number (const char *text,
              const char *what,
              guint       csv_line)
{
  g_autoptr(GError) error = NULL;
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, &error))
    g_error ("COVERAGE.csv:%u: %s: %s", csv_line, what, error->message);
  return (guint) value;
}

static Coverage *
coverage_load (void)
{
  static const char * const entry_columns[] = { "n", "line", "section", "paragraph", "s", "sentence", "ids", "reason", NULL };
  static const char * const row_columns[] = { "id", "quote", "source", NULL };
  g_autoptr(Coverage) coverage = g_new0 (Coverage, 1);
  g_autofree char *source_path = dataset_file ("source.txt");
  g_autofree char *coverage_path = dataset_file ("COVERAGE.csv");
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GError) error = NULL;

  /* Both are in the repository: their absence is a failure, not a skip. */
  g_file_get_contents (source_path, &coverage->source, &coverage->length, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (coverage->source, coverage->length, NULL));
  g_assert_true (g_file_test (coverage_path, G_FILE_TEST_IS_REGULAR));

  coverage->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  table = read_csv (coverage_path, entry_columns);
  for (guint i = 0; i < table->len; i++)
    {
      char **fields = g_ptr_array_index (table, i);
      Entry *entry = g_new0 (Entry, 1);

      entry->csv_line = parse_number (fields[8], "line", 0);
      entry->n = parse_number (fields[0], "n", entry->csv_line);
      entry->line = parse_number (fields[1], "line", entry->csv_line);
      entry->section = g_strdup (fields[2]);
      entry->paragraph = parse_number (fields[3], "paragraph", entry->csv_line);
      entry->s = parse_number (fields[4], "s", entry->csv_line);
      entry->sentence = g_strdup (fields[5]);
      entry->ids = g_strdup (fields[6]);
      entry->reason = g_strdup (fields[7]);
      entry->offset = -1;
      g_ptr_array_add (coverage->entries, entry);
    }

  coverage->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  for (guint f = 0; f < G_N_ELEMENTS (row_files); f++)
    {
      g_autofree char *path = dataset_file (row_files[f]);
      g_autoptr(GPtrArray) rows = read_csv (path, row_columns);

      for (guint i = 0; i < rows->len; i++)
        {
          char **fields = g_ptr_array_index (rows, i);
          Row *row = g_new0 (Row, 1);

          row->file = g_strdup (row_files[f]);
          row->id = g_strdup (fields[0]);
          row->quote = g_strdup (fields[1]);
          row->source = g_strdup (fields[2]);
          g_ptr_array_add (coverage->rows, row);
        }
    }

  return g_steal_pointer (&coverage);
}

static gboolean
is_separator (char c)
{
  /* Between sentences: spaces, line breaks, and the " * " between recommendations. */
  return c == ' ' || c == '\n' || c == '\r' || c == '*';
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The table's sentences are the source, verbatim and in order, with nothing
 * but separators between them and nothing left over.  Records where each
 * sentence is. */
static void
check_sentences (const char *source,
                 gsize       length,
                 GPtrArray  *entries,
                 GPtrArray  *problems)
{
  gsize pos = 0;
  guint line = 1;
  guint previous_line = 0, expected_s = 1, expected_n = 1;
  const char *previous_section = NULL;
  guint previous_paragraph = 0;
  g_autoptr(GHashTable) sections_done = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      gsize sentence_length = strlen (entry->sentence);

      entry->offset = -1;
      if (entry->n != expected_n)
        add_problem (problems, "COVERAGE.csv:%u: n is %u, expected %u", entry->csv_line, entry->n, expected_n);
      expected_n = entry->n + 1;

      while (pos < length && is_separator (source[pos]))
        if (source[pos++] == '\n')
          line++;

      if (sentence_length == 0 || is_separator (entry->sentence[0]) ||
          is_separator (entry->sentence[sentence_length - 1]))
        {
          add_problem (problems, "COVERAGE.csv:%u: sentence %u is empty or begins or ends with a separator",
                       entry->csv_line, entry->n);
          continue;
        }

      if (sentence_length > length - pos || memcmp (source + pos, entry->sentence, sentence_length) != 0)
        {
          g_autofree char *expected = excerpt (source + pos);
          g_autofree char *got = excerpt (entry->sentence);
          const char *later = g_strstr_len (source + pos, length - pos, entry->sentence);

          add_problem (problems, "COVERAGE.csv:%u: sentence %u is not the next text of source.txt (line %u): "
                       "expected “%s…”, the table has “%s…”%s",
                       entry->csv_line, entry->n, line, expected, got,
                       later != NULL ? " (it comes later: text was left out)" : " (out of order or not verbatim)");
          if (later == NULL)
            continue;
          for (; source + pos < later; pos++)
            if (source[pos] == '\n')
              line++;
        }

      entry->offset = pos;
      pos += sentence_length;

      if (entry->line != line)
        add_problem (problems, "COVERAGE.csv:%u: sentence %u is on line %u of source.txt, not %u",
                     entry->csv_line, entry->n, line, entry->line);

      /* Sentences count from 1 in each paragraph (line); paragraphs from 1 in each section. */
      if (entry->line != previous_line)
        {
          expected_s = 1;
          if (previous_section != NULL && g_str_equal (previous_section, entry->section))
            {
              if (entry->paragraph != previous_paragraph + 1)
                add_problem (problems, "COVERAGE.csv:%u: paragraph %u of %s follows paragraph %u",
                             entry->csv_line, entry->paragraph, entry->section, previous_paragraph);
            }
          else
            {
              if (g_hash_table_contains (sections_done, entry->section))
                add_problem (problems, "COVERAGE.csv:%u: section %s comes back after another section",
                             entry->csv_line, entry->section);
              else if (entry->paragraph != 1)
                add_problem (problems, "COVERAGE.csv:%u: section %s starts with paragraph %u",
                             entry->csv_line, entry->section, entry->paragraph);
              g_hash_table_add (sections_done, entry->section);
            }
        }
      else if (!g_str_equal (entry->section, previous_section) || entry->paragraph != previous_paragraph)
        add_problem (problems, "COVERAGE.csv:%u: sentence %u changes section or paragraph within a line",
                     entry->csv_line, entry->n);
      if (entry->s != expected_s)
        add_problem (problems, "COVERAGE.csv:%u: sentence %u is numbered s=%u, expected %u",
                     entry->csv_line, entry->n, entry->s, expected_s);
      expected_s = entry->s + 1;
      previous_line = entry->line;
      previous_section = entry->section;
      previous_paragraph = entry->paragraph;
    }

  while (pos < length && is_separator (source[pos]))
    pos++;
  if (pos < length)
    {
      g_autofree char *rest = excerpt (source + pos);

      add_problem (problems, "source.txt: text after the last sentence of COVERAGE.csv is in no sentence: “%s…”", rest);
    }
}

/* Whether the full stop at text[end - 1] ends an abbreviation: the word it
 * closes (after a space, an opening parenthesis or the start) is listed. */
static gboolean
ends_abbreviation (const char *text,
                   gsize       end)
{
  gsize start = end;

  while (start > 0 && text[start - 1] != ' ' && text[start - 1] != '(')
    start--;
  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    if (end - start == strlen (abbreviations[i]) && memcmp (text + start, abbreviations[i], end - start) == 0)
      return TRUE;
  return FALSE;
}

/* Where the sentence ending at text[i] ([.?!], then ” if any) stops, or 0 if
 * text[i] ends no sentence. */
static gsize
sentence_end (const char *text,
              gsize       i)
{
  gsize end = i + 1;

  if (text[i] != '.' && text[i] != '?' && text[i] != '!')
    return 0;
  if (text[i] == '.' && ends_abbreviation (text, end))
    return 0;
  if (strncmp (text + end, CLOSING_QUOTE, strlen (CLOSING_QUOTE)) == 0)
    end += strlen (CLOSING_QUOTE);
  return end;
}

/* Whether a sentence may start with @text: a capital, a digit, “ or (. */
static gboolean
starts_sentence (const char *text)
{
  return g_ascii_isupper (text[0]) || g_ascii_isdigit (text[0]) || text[0] == '(' ||
         strncmp (text, OPENING_QUOTE, strlen (OPENING_QUOTE)) == 0;
}

/* Sentences are split as FORMAT.md §10 says: each ends a sentence, none holds
 * a sentence end followed by the start of another, and no split falls after
 * an abbreviation or before a lower-case word. */
static void
check_splits (GPtrArray *entries,
              GPtrArray *problems)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      Entry *next = i + 1 < entries->len ? g_ptr_array_index (entries, i + 1) : NULL;
      const char *text = entry->sentence;
      gsize length = strlen (text);
      gboolean ends = FALSE;

      /* The republisher's header lines are not sentences of the report. */
      if (g_str_equal (entry->section, "Header") || length == 0)
        continue;

      for (gsize k = 0; k < length; k++)
        {
          gsize end = sentence_end (text, k);

          if (end == length)
            ends = TRUE;
          else if (end > 0 && text[end] == ' ' && starts_sentence (text + end + 1))
            {
              g_autofree char *rest = excerpt (text + end + 1);

              add_problem (problems, "COVERAGE.csv:%u: sentence %u holds another sentence: “%s…”",
                           entry->csv_line, entry->n, rest);
              break;
            }
        }
      if (!ends)
        add_problem (problems, "COVERAGE.csv:%u: sentence %u does not end a sentence (split after an abbreviation?)",
                     entry->csv_line, entry->n);
      if (next != NULL && next->line == entry->line && !starts_sentence (next->sentence))
        add_problem (problems, "COVERAGE.csv:%u: sentence %u does not start a sentence", next->csv_line, next->n);
    }
}

/* Every sentence is mapped by a row or says why it is not. */
static void
check_complete (GPtrArray *entries,
                GPtrArray *problems)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      if (is_blank (entry->ids) && is_blank (entry->reason))
        add_problem (problems, "COVERAGE.csv:%u: sentence %u has neither ids nor a reason", entry->csv_line, entry->n);
    }
}

static gboolean
row_id_exists (GPtrArray  *rows,
               const char *id)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (((Row *) g_ptr_array_index (rows, i))->id, id))
      return TRUE;
  return FALSE;
}

/* Every id is a row of flows.csv, events.csv or places.csv, written once,
 * separated by single spaces. */
static void
check_ids (GPtrArray *entries,
           GPtrArray *rows,
           GPtrArray *problems)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      g_auto(GStrv) ids = NULL;
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      if (*entry->ids == '\0')
        continue;
      ids = g_strsplit (entry->ids, " ", -1);
      for (guint k = 0; ids[k] != NULL; k++)
        {
          if (*ids[k] == '\0')
            add_problem (problems, "COVERAGE.csv:%u: ids are not separated by single spaces: “%s”",
                         entry->csv_line, entry->ids);
          else if (!g_hash_table_add (seen, ids[k]))
            add_problem (problems, "COVERAGE.csv:%u: id %s is listed twice", entry->csv_line, ids[k]);
          else if (!row_id_exists (rows, ids[k]))
            add_problem (problems, "COVERAGE.csv:%u: id %s is in none of flows.csv, events.csv, places.csv",
                         entry->csv_line, ids[k]);
        }
    }
}

/* The entry whose sentence holds the quote at @offset, or NULL. */
static Entry *
find_entry (GPtrArray *entries,
            gsize      offset,
            gsize      length)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);

      if (entry->offset >= 0 && (gsize) entry->offset <= offset &&
          offset + length <= (gsize) entry->offset + strlen (entry->sentence))
        return entry;
    }
  return NULL;
}

static gboolean
entry_lists (Entry      *entry,
             const char *id)
{
  g_auto(GStrv) ids = g_strsplit (entry->ids, " ", -1);

  return g_strv_contains ((const char * const *) ids, id);
}

/* ids are exactly the rows whose quote lies in the sentence: each quote is
 * within one sentence that lists its row, and each listed id has a row that
 * quotes that sentence.  Needs the offsets of check_sentences(). */
static void
check_quotes (const char *source,
              GPtrArray  *entries,
              GPtrArray  *rows,
              GPtrArray  *problems)
{
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      gsize quote_length = strlen (row->quote);
      const char *at;

      if (quote_length == 0)
        continue;
      at = strstr (source, row->quote);
      if (at == NULL)
        add_problem (problems, "%s: %s: the quote is not in source.txt", row->file, row->id);
      for (; at != NULL; at = strstr (at + 1, row->quote))
        {
          Entry *entry = find_entry (entries, at - source, quote_length);

          if (entry == NULL)
            add_problem (problems, "%s: %s: the quote is not within one sentence of COVERAGE.csv", row->file, row->id);
          else if (!entry_lists (entry, row->id))
            add_problem (problems, "COVERAGE.csv:%u: sentence %u is quoted by %s (%s) but does not list it",
                         entry->csv_line, entry->n, row->id, row->file);
        }
    }

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      g_auto(GStrv) ids = g_strsplit (entry->ids, " ", -1);

      if (*entry->ids == '\0' || entry->offset < 0)
        continue;
      for (guint k = 0; ids[k] != NULL; k++)
        {
          gboolean quoted = FALSE;

          for (guint r = 0; r < rows->len && !quoted; r++)
            {
              Row *row = g_ptr_array_index (rows, r);
              const char *at;

              if (!g_str_equal (row->id, ids[k]) || *row->quote == '\0')
                continue;
              for (at = strstr (source, row->quote); at != NULL && !quoted; at = strstr (at + 1, row->quote))
                quoted = find_entry (entries, at - source, strlen (row->quote)) == entry;
            }
          if (!quoted && *ids[k] != '\0')
            add_problem (problems, "COVERAGE.csv:%u: %s is listed on sentence %u but no row %s quotes it",
                         entry->csv_line, ids[k], entry->n, ids[k]);
        }
    }
}

/* Each row's source (“Prosecution, para. 3”) names the section and paragraph
 * of the sentence it quotes.  Needs the offsets of check_sentences(). */
static void
check_sources (const char *source,
               GPtrArray  *entries,
               GPtrArray  *rows,
               GPtrArray  *problems)
{
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      g_autofree char *expected = NULL;
      const char *at;
      Entry *entry;

      if (*row->quote == '\0' || (at = strstr (source, row->quote)) == NULL ||
          (entry = find_entry (entries, at - source, strlen (row->quote))) == NULL)
        continue;
      if (g_str_equal (entry->section, "Recommendations"))
        expected = g_strdup (entry->section);
      else
        expected = g_strdup_printf ("%s, para. %u", entry->section, entry->paragraph);
      if (!g_str_equal (row->source, expected))
        add_problem (problems, "%s: %s: source is “%s”, but the quote is in %s (sentence %u)",
                     row->file, row->id, row->source, expected, entry->s);
    }
}

static void
assert_no_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    g_test_fail_printf ("%s", (const char *) g_ptr_array_index (problems, i));
}

static void
test_sentences (void)
{
  g_autoptr(Coverage) coverage = coverage_load ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (coverage->entries->len, >, 0);
  check_sentences (coverage->source, coverage->length, coverage->entries, problems);
  assert_no_problems (problems);
  g_test_message ("%u sentences", coverage->entries->len);
}

static void
test_splits (void)
{
  g_autoptr(Coverage) coverage = coverage_load ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  check_splits (coverage->entries, problems);
  assert_no_problems (problems);
}

static void
test_complete (void)
{
  g_autoptr(Coverage) coverage = coverage_load ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint n_mapped = 0;

  check_complete (coverage->entries, problems);
  assert_no_problems (problems);
  for (guint i = 0; i < coverage->entries->len; i++)
    n_mapped += *((Entry *) g_ptr_array_index (coverage->entries, i))->ids != '\0';
  g_test_message ("%u of %u sentences mapped by rows", n_mapped, coverage->entries->len);
}

static void
test_ids (void)
{
  g_autoptr(Coverage) coverage = coverage_load ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  check_ids (coverage->entries, coverage->rows, problems);
  assert_no_problems (problems);
}

static void
test_quotes (void)
{
  g_autoptr(Coverage) coverage = coverage_load ();
  g_autoptr(GPtrArray) located = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  check_sentences (coverage->source, coverage->length, coverage->entries, located);
  check_quotes (coverage->source, coverage->entries, coverage->rows, problems);
  assert_no_problems (problems);
}

static void
test_sources (void)
{
  g_autoptr(Coverage) coverage = coverage_load ();
  g_autoptr(GPtrArray) located = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  check_sentences (coverage->source, coverage->length, coverage->entries, located);
  check_sources (coverage->source, coverage->entries, coverage->rows, problems);
  assert_no_problems (problems);
}

/* A shallow copy of @entries that the checks may reorder. */
static GPtrArray *
copy_entries (GPtrArray *entries)
{
  GPtrArray *copy = g_ptr_array_new ();

  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (entries, i));
  return copy;
}

static guint
count_sentence_problems (Coverage  *coverage,
                         GPtrArray *entries)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  check_sentences (coverage->source, coverage->length, entries, problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("expected: %s", (const char *) g_ptr_array_index (problems, i));
  return problems->len;
}

static guint
count_split_problems (const char * const *sentences)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; sentences[i] != NULL; i++)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->csv_line = i + 2;
      entry->n = entry->s = i + 1;
      entry->line = 1;
      entry->section = g_strdup ("Summary");
      entry->sentence = g_strdup (sentences[i]);
      entry->ids = g_strdup ("");
      entry->reason = g_strdup ("");
      g_ptr_array_add (entries, entry);
    }
  check_splits (entries, problems);
  return problems->len;
}

/* The checks do fail: a dropped or moved sentence, a sentence with neither
 * ids nor reason, an unknown or missing id, a wrong source, and splits that
 * break FORMAT.md §10. */
static void
test_detects_problems (void)
{
  g_autoptr(Coverage) coverage = coverage_load ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  Entry *mapped = NULL;
  Entry changed;
  guint at;

  g_assert_cmpuint (coverage->entries->len, >, 30);
  g_assert_cmpuint (count_sentence_problems (coverage, coverage->entries), ==, 0);

  /* A sentence left out. */
  entries = copy_entries (coverage->entries);
  g_ptr_array_remove_index (entries, 10);
  g_assert_cmpuint (count_sentence_problems (coverage, entries), >, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Two sentences swapped. */
  entries = copy_entries (coverage->entries);
  entries->pdata[20] = g_ptr_array_index (coverage->entries, 21);
  entries->pdata[21] = g_ptr_array_index (coverage->entries, 20);
  g_assert_cmpuint (count_sentence_problems (coverage, entries), >, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* The last sentence missing: text of source.txt in no sentence. */
  entries = copy_entries (coverage->entries);
  g_ptr_array_remove_index (entries, entries->len - 1);
  g_assert_cmpuint (count_sentence_problems (coverage, entries), >, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* A sentence no longer verbatim. */
  entries = copy_entries (coverage->entries);
  changed = *(Entry *) g_ptr_array_index (coverage->entries, 5);
  changed.sentence = (char *) "Not a sentence of the source.";
  entries->pdata[5] = &changed;
  g_assert_cmpuint (count_sentence_problems (coverage, entries), >, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Neither ids nor reason. */
  entries = copy_entries (coverage->entries);
  changed = *(Entry *) g_ptr_array_index (coverage->entries, 2);
  changed.ids = (char *) "";
  changed.reason = (char *) " ";
  entries->pdata[2] = &changed;
  problems = g_ptr_array_new_with_free_func (g_free);
  check_complete (entries, problems);
  g_assert_cmpuint (problems->len, ==, 1);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* An id that is no row, and one listed twice. */
  for (at = 0; at < coverage->entries->len && mapped == NULL; at++)
    if (*((Entry *) g_ptr_array_index (coverage->entries, at))->ids != '\0')
      mapped = g_ptr_array_index (coverage->entries, at);
  g_assert_nonnull (mapped);
  at--;
  entries = copy_entries (coverage->entries);
  changed = *mapped;
  changed.ids = g_strconcat (mapped->ids, " no-such-row", NULL);
  entries->pdata[at] = &changed;
  problems = g_ptr_array_new_with_free_func (g_free);
  check_ids (entries, coverage->rows, problems);
  g_assert_cmpuint (problems->len, ==, 1);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_free (changed.ids);
  changed.ids = g_strconcat (mapped->ids, " ", mapped->ids, NULL);
  problems = g_ptr_array_new_with_free_func (g_free);
  check_ids (entries, coverage->rows, problems);
  g_assert_cmpuint (problems->len, >, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_free (changed.ids);

  /* A row that quotes the sentence but is not listed, and a listed row that
   * quotes another sentence. */
  g_assert_cmpuint (count_sentence_problems (coverage, entries), ==, 0);
  changed.ids = (char *) "";
  changed.reason = (char *) "Reason only.";
  problems = g_ptr_array_new_with_free_func (g_free);
  check_quotes (coverage->source, entries, coverage->rows, problems);
  g_assert_cmpuint (problems->len, >, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_cmpuint (at + 1, <, coverage->entries->len);
  changed = *(Entry *) g_ptr_array_index (coverage->entries, at + 1);
  changed.ids = mapped->ids;
  entries->pdata[at] = mapped;
  entries->pdata[at + 1] = &changed;
  g_assert_cmpuint (count_sentence_problems (coverage, entries), ==, 0);
  problems = g_ptr_array_new_with_free_func (g_free);
  check_quotes (coverage->source, entries, coverage->rows, problems);
  g_assert_cmpuint (problems->len, >, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* A row whose source names another paragraph. */
  g_assert_cmpuint (count_sentence_problems (coverage, coverage->entries), ==, 0);
  for (guint i = 0; i < coverage->rows->len; i++)
    {
      Row *row = g_ptr_array_index (coverage->rows, i);

      if (*row->quote != '\0')
        {
          g_autofree char *saved = row->source;

          row->source = g_strdup ("Prevention, para. 9");
          problems = g_ptr_array_new_with_free_func (g_free);
          check_sources (coverage->source, coverage->entries, coverage->rows, problems);
          g_assert_cmpuint (problems->len, ==, 1);
          g_clear_pointer (&problems, g_ptr_array_unref);
          g_free (row->source);
          row->source = g_steal_pointer (&saved);
          break;
        }
    }

  /* Splits: after an abbreviation, or two sentences in one. */
  g_assert_cmpuint (count_split_problems ((const char *[]) { "The U.S. Department reported it.", "Then “more” came.", NULL }), ==, 0);
  g_assert_cmpuint (count_split_problems ((const char *[]) { "The U.S.", "Department reported it.", NULL }), >, 0);
  g_assert_cmpuint (count_split_problems ((const char *[]) { "It cites e.g.", "the decree.", NULL }), >, 0);
  g_assert_cmpuint (count_split_problems ((const char *[]) { "It was “for defense needs.” Then more.", NULL }), >, 0);
  g_assert_cmpuint (count_split_problems ((const char *[]) { "Article 127.1 applies (e.g. to adults).", NULL }), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Run in the caller's locale, whatever it is: the checks must not depend on it. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fa/coverage/sentences", test_sentences);
  g_test_add_func ("/fa/coverage/splits", test_splits);
  g_test_add_func ("/fa/coverage/complete", test_complete);
  g_test_add_func ("/fa/coverage/ids", test_ids);
  g_test_add_func ("/fa/coverage/quotes", test_quotes);
  g_test_add_func ("/fa/coverage/sources", test_sources);
  g_test_add_func ("/fa/coverage/detects-problems", test_detects_problems);

  return g_test_run ();
}
