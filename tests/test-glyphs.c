/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#define G_LOG_DOMAIN "test-glyphs"

#include "config.h"

#include "fa-glyph-check.h"

#include <locale.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "fa-csv.h"
#include "fa-map-style.h"
#include "fa-test-utils.h"

/* Every text FlowAtlas shows in a language it is translated into has a
 * font: each catalogue's translations (po/LINGUAS, po/xx.po) and each
 * dataset's localized names and labels, laid out with the fonts the
 * window (Cantarell) and the maps (the map styles' family) ask for,
 * leave no glyph unknown.  An unknown glyph is a missing-glyph box on
 * screen and in exported maps.
 *
 * Only the system's fonts count: main() hides the user's own fonts
 * (~/.fonts, ~/.local/share/fonts, ~/.config/fontconfig), so a font a
 * developer installed for themselves cannot pass the test where a fresh
 * install of tools/debian-packages.txt would fail it.  FONTCONFIG_FILE,
 * when set, is honoured: it is how one checks a smaller font set. */

/* Failing strings reported one by one; the rest are counted. */
#define MAX_REPORTED 20

typedef struct
{
  char *text;
  char *where;  /* "ko.po:123", "places.csv:4" */
} Text;

static void
text_free (Text *text)
{
  g_free (text->text);
  g_free (text->where);
  g_free (text);
}

static void
add_text (GPtrArray  *texts,
          const char *text,
          const char *file,
          guint       line)
{
  Text *t = g_new0 (Text, 1);

  t->text = g_strdup (text);
  t->where = line > 0 ? g_strdup_printf ("%s:%u", file, line) : g_strdup (file);
  g_ptr_array_add (texts, t);
}

/* --- A .po reader --------------------------------------------------------- */

typedef enum
{
  PO_NONE,
  PO_MSGCTXT,
  PO_MSGID,
  PO_MSGID_PLURAL,
  PO_MSGSTR,
} PoField;

typedef struct
{
  const char *name;    /* for messages */
  gboolean    msgids;  /* collect the source strings instead of the translations */
  GPtrArray  *texts;   /* Text */

  /* The entry being read. */
  PoField     field;
  gboolean    fuzzy;
  GString    *msgid;
  GPtrArray  *msgstrs;  /* GString, one per msgstr or msgstr[n] */
  guint       msgid_line;
  GArray     *msgstr_lines;
  gboolean    has_msgid_plural;
  GString    *msgid_plural;
} PoReader;

/* Appends the C-style quoted string at *p (after blanks) to @out and
 * checks that nothing but blanks follows it. */
static gboolean
po_read_string (const char  *p,
                GString     *out,
                const char  *name,
                guint        line,
                GError     **error)
{
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p != '"')
    goto malformed;
  p++;

  while (*p != '"')
    {
      if (*p == '\0')
        goto malformed;
      if (*p != '\\')
        {
          g_string_append_c (out, *p++);
          continue;
        }

      p++;
      switch (*p)
        {
        case 'n': g_string_append_c (out, '\n'); p++; break;
        case 't': g_string_append_c (out, '\t'); p++; break;
        case 'r': g_string_append_c (out, '\r'); p++; break;
        case 'a': g_string_append_c (out, '\a'); p++; break;
        case 'b': g_string_append_c (out, '\b'); p++; break;
        case 'f': g_string_append_c (out, '\f'); p++; break;
        case 'v': g_string_append_c (out, '\v'); p++; break;
        case '\\': case '"': case '\'': case '?':
          g_string_append_c (out, *p++);
          break;
        case 'x':
          {
            guint value = 0;
            int n = 0;

            p++;
            while (g_ascii_isxdigit (*p) && n < 2)
              {
                value = value * 16 + g_ascii_xdigit_value (*p++);
                n++;
              }
            if (n == 0)
              goto malformed;
            g_string_append_c (out, (char) value);
          }
          break;
        default:
          if (*p >= '0' && *p <= '7')
            {
              guint value = 0;
              int n = 0;

              while (*p >= '0' && *p <= '7' && n < 3)
                {
                  value = value * 8 + (guint) (*p++ - '0');
                  n++;
                }
              g_string_append_c (out, (char) value);
            }
          else
            goto malformed;
        }
    }
  p++;

  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '\0')
    return TRUE;

malformed:
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               "%s:%u: malformed string", name, line);
  return FALSE;
}

static void
po_reader_clear_entry (PoReader *reader)
{
  reader->field = PO_NONE;
  reader->fuzzy = FALSE;
  reader->has_msgid_plural = FALSE;
  g_string_truncate (reader->msgid, 0);
  g_string_truncate (reader->msgid_plural, 0);
  g_ptr_array_set_size (reader->msgstrs, 0);
  g_array_set_size (reader->msgstr_lines, 0);
}

/* Keeps the entry just read, as gettext would use it: not the header
 * (empty msgid), not a fuzzy entry, not an untranslated one. */
static void
po_reader_flush (PoReader *reader)
{
  gboolean started = reader->msgid_line != 0;

  if (started && reader->msgid->len > 0 && !reader->fuzzy)
    {
      if (reader->msgids)
        {
          add_text (reader->texts, reader->msgid->str, reader->name, reader->msgid_line);
          if (reader->has_msgid_plural && reader->msgid_plural->len > 0)
            add_text (reader->texts, reader->msgid_plural->str, reader->name, reader->msgid_line);
        }
      else
        for (guint i = 0; i < reader->msgstrs->len; i++)
          {
            GString *msgstr = g_ptr_array_index (reader->msgstrs, i);

            if (msgstr->len > 0)
              add_text (reader->texts, msgstr->str, reader->name,
                        g_array_index (reader->msgstr_lines, guint, i));
          }
    }

  reader->msgid_line = 0;
  po_reader_clear_entry (reader);
}

static GString *
po_reader_current (PoReader *reader)
{
  switch (reader->field)
    {
    case PO_MSGID:
      return reader->msgid;
    case PO_MSGID_PLURAL:
      return reader->msgid_plural;
    case PO_MSGSTR:
      return g_ptr_array_index (reader->msgstrs, reader->msgstrs->len - 1);
    case PO_MSGCTXT:
    case PO_NONE:
    default:
      return NULL;
    }
}

static void
string_free (gpointer string)
{
  g_string_free (string, TRUE);
}

static gboolean
po_reader_entry_is_open (PoReader *reader)
{
  return reader->field != PO_NONE && reader->field != PO_MSGSTR;
}

/**
 * read_po:
 * @contents: a PO file's text
 * @name: its name, for messages and each text's location
 * @msgids: collect msgid and msgid_plural instead of the translations
 *
 * Reads the strings of a gettext catalogue: msgctxt, msgid, msgid_plural,
 * msgstr and msgstr[n], each with its continuation lines and C escapes.
 * Comments, obsolete entries (#~) and fuzzy entries are skipped, as
 * msgfmt skips them.
 *
 * Returns: (transfer full): a #GPtrArray of Text, or %NULL with @error set
 */
static GPtrArray *
read_po (const char  *contents,
         const char  *name,
         gboolean     msgids,
         GError     **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) text_free);
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  g_autoptr(GString) ctxt = g_string_new (NULL);
  PoReader reader = { 0 };
  gboolean ok = TRUE;
  guint n;

  reader.name = name;
  reader.msgids = msgids;
  reader.texts = texts;
  reader.msgid = g_string_new (NULL);
  reader.msgid_plural = g_string_new (NULL);
  reader.msgstrs = g_ptr_array_new_with_free_func (string_free);
  reader.msgstr_lines = g_array_new (FALSE, FALSE, sizeof (guint));

  for (n = 0; lines[n] != NULL && ok; n++)
    {
      char *line = lines[n];
      guint lineno = n + 1;
      gsize len = strlen (line);
      const char *p;

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      p = line;
      while (*p == ' ' || *p == '\t')
        p++;

      if (*p == '\0' || *p == '#')
        {
          /* A blank line or a comment ends an entry (a comment after
           * msgstr belongs to the next one) but may not cut one short. */
          if (po_reader_entry_is_open (&reader))
            {
              g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           "%s:%u: an entry without msgstr", name, lineno);
              ok = FALSE;
              break;
            }
          if (reader.field == PO_MSGSTR)
            po_reader_flush (&reader);
          if (p[0] == '#' && p[1] == ',' && strstr (p, "fuzzy") != NULL)
            reader.fuzzy = TRUE;
          continue;
        }

      if (*p == '"')
        {
          GString *target = reader.field == PO_MSGCTXT ? ctxt : po_reader_current (&reader);

          if (target == NULL)
            goto unexpected;
          ok = po_read_string (p, target, name, lineno, error);
          continue;
        }

      if (g_str_has_prefix (p, "msgctxt"))
        {
          if (po_reader_entry_is_open (&reader))
            goto unexpected;
          if (reader.field == PO_MSGSTR)
            po_reader_flush (&reader);
          g_string_truncate (ctxt, 0);
          reader.field = PO_MSGCTXT;
          reader.msgid_line = lineno;
          ok = po_read_string (p + strlen ("msgctxt"), ctxt, name, lineno, error);
        }
      else if (g_str_has_prefix (p, "msgid_plural"))
        {
          if (reader.field != PO_MSGID)
            goto unexpected;
          reader.field = PO_MSGID_PLURAL;
          reader.has_msgid_plural = TRUE;
          ok = po_read_string (p + strlen ("msgid_plural"), reader.msgid_plural, name, lineno, error);
        }
      else if (g_str_has_prefix (p, "msgid"))
        {
          if (reader.field == PO_MSGSTR)
            po_reader_flush (&reader);
          else if (reader.field != PO_NONE && reader.field != PO_MSGCTXT)
            goto unexpected;
          reader.field = PO_MSGID;
          reader.msgid_line = lineno;
          ok = po_read_string (p + strlen ("msgid"), reader.msgid, name, lineno, error);
        }
      else if (g_str_has_prefix (p, "msgstr"))
        {
          const char *q = p + strlen ("msgstr");

          if (reader.field != PO_MSGID && reader.field != PO_MSGID_PLURAL && reader.field != PO_MSGSTR)
            goto unexpected;
          if (*q == '[')
            {
              char *end = NULL;
              guint64 index = g_ascii_strtoull (q + 1, &end, 10);

              /* msgstr[0], msgstr[1], … in order, and only for a plural. */
              if (!reader.has_msgid_plural || end == q + 1 || *end != ']' ||
                  index != reader.msgstrs->len)
                goto unexpected;
              q = end + 1;
            }
          else if (reader.field == PO_MSGSTR || reader.has_msgid_plural)
            goto unexpected;
          reader.field = PO_MSGSTR;
          g_ptr_array_add (reader.msgstrs, g_string_new (NULL));
          g_array_append_val (reader.msgstr_lines, lineno);
          ok = po_read_string (q, po_reader_current (&reader), name, lineno, error);
        }
      else
        goto unexpected;
      continue;

    unexpected:
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s:%u: unexpected “%s”", name, lineno, p);
      ok = FALSE;
    }

  if (ok && po_reader_entry_is_open (&reader))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s:%u: the last entry has no msgstr", name, n);
      ok = FALSE;
    }
  if (ok)
    po_reader_flush (&reader);

  g_string_free (reader.msgid, TRUE);
  g_string_free (reader.msgid_plural, TRUE);
  g_ptr_array_unref (reader.msgstrs);
  g_array_unref (reader.msgstr_lines);

  return ok ? g_steal_pointer (&texts) : NULL;
}

static GPtrArray *
read_po_file (const char  *path,
              gboolean     msgids,
              GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_path_get_basename (path);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  return read_po (contents, name, msgids, error);
}

/* --- The datasets' localized texts ----------------------------------------- */

/* "label[zh_CN]" (dataset.ini) or "name:uk" (a CSV column) in @lang. */
static gboolean
is_localized_key (const char *key,
                  const char *lang)
{
  gsize key_len = strlen (key);
  gsize lang_len = strlen (lang);

  if (key_len >= lang_len + 3 && key[key_len - 1] == ']')
    {
      const char *open = key + key_len - lang_len - 2;

      return *open == '[' && strncmp (open + 1, lang, lang_len) == 0;
    }
  if (key_len >= lang_len + 2)
    {
      const char *colon = key + key_len - lang_len - 1;

      return *colon == ':' && strcmp (colon + 1, lang) == 0;
    }
  return FALSE;
}

/* "tip-2024-russia/places.csv" */
static char *
dataset_file_name (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *dataset = g_path_get_basename (dir);
  g_autofree char *file = g_path_get_basename (path);

  return g_build_filename (dataset, file, NULL);
}

static void
add_ini_texts (GPtrArray  *texts,
               const char *path,
               const char *lang)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = dataset_file_name (path);
  g_auto(GStrv) groups = NULL;

  g_key_file_load_from_file (key_file, path, G_KEY_FILE_KEEP_TRANSLATIONS, &error);
  g_assert_no_error (error);

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_auto(GStrv) keys = g_key_file_get_keys (key_file, groups[g], NULL, &error);

      g_assert_no_error (error);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autofree char *value = NULL;
          g_autofree char *where = NULL;

          if (!is_localized_key (keys[k], lang))
            continue;
          value = g_key_file_get_string (key_file, groups[g], keys[k], &error);
          g_assert_no_error (error);
          /* GKeyFile keeps no line numbers: name the group and key. */
          where = g_strdup_printf ("%s [%s] %s", name, groups[g], keys[k]);
          if (value[0] != '\0')
            add_text (texts, value, where, 0);
        }
    }
}

static void
add_csv_texts (GPtrArray  *texts,
               const char *path,
               const char *lang)
{
  g_autoptr(FaCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *name = dataset_file_name (path);

  reader = fa_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  if (!fa_csv_reader_next_row (reader, &error))
    {
      g_assert_no_error (error);
      return;
    }
  for (guint i = 0; i < fa_csv_reader_get_n_fields (reader); i++)
    if (is_localized_key (fa_csv_reader_get_field (reader, i), lang))
      g_array_append_val (columns, i);
  if (columns->len == 0)
    return;

  while (fa_csv_reader_next_row (reader, &error))
    for (guint c = 0; c < columns->len; c++)
      {
        guint i = g_array_index (columns, guint, c);
        const char *value;

        if (i >= fa_csv_reader_get_n_fields (reader))
          continue;
        value = fa_csv_reader_get_field (reader, i);
        if (value != NULL && value[0] != '\0')
          add_text (texts, value, name, fa_csv_reader_get_field_line (reader, i));
      }
  g_assert_no_error (error);
}

/* Every localized text in @lang of every dataset under the geodata's
 * datasets/ (each directory with a dataset.ini). */
static GPtrArray *
read_dataset_texts (const char *lang)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func ((GDestroyNotify) text_free);
  g_autofree char *root = g_build_filename (g_getenv ("FLOWATLAS_GEODATA"), "datasets", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  dir = g_dir_open (root, 0, &error);
  g_assert_no_error (error);
  while ((entry = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint n = 0; n < names->len; n++)
    {
      g_autofree char *dataset = g_build_filename (root, g_ptr_array_index (names, n), NULL);
      g_autofree char *ini = g_build_filename (dataset, "dataset.ini", NULL);
      g_autoptr(GDir) files = NULL;
      g_autoptr(GPtrArray) csvs = g_ptr_array_new_with_free_func (g_free);

      if (!g_file_test (ini, G_FILE_TEST_IS_REGULAR))
        continue;
      add_ini_texts (texts, ini, lang);

      files = g_dir_open (dataset, 0, &error);
      g_assert_no_error (error);
      while ((entry = g_dir_read_name (files)) != NULL)
        if (g_str_has_suffix (entry, ".csv"))
          g_ptr_array_add (csvs, g_build_filename (dataset, entry, NULL));
      g_ptr_array_sort (csvs, (GCompareFunc) g_strcmp0);
      for (guint c = 0; c < csvs->len; c++)
        add_csv_texts (texts, g_ptr_array_index (csvs, c), lang);
    }

  return texts;
}

/* --- Laying out ------------------------------------------------------------ */

/* The families FlowAtlas asks for: the window's and every map style's. */
static GPtrArray *
get_families (void)
{
  GPtrArray *families = g_ptr_array_new ();

  g_ptr_array_add (families, (gpointer) "Cantarell");
  for (FaMapStyleKind kind = FA_MAP_STYLE_LIGHT; kind <= FA_MAP_STYLE_PRINT; kind++)
    {
      const char *family = fa_map_style_get (kind)->font_family;
      gboolean seen = FALSE;

      for (guint i = 0; i < families->len && !seen; i++)
        seen = g_strcmp0 (g_ptr_array_index (families, i), family) == 0;
      if (!seen)
        g_ptr_array_add (families, (gpointer) family);
    }

  return families;
}

/* Lays out each text in each family, regular and bold, in @lang (the
 * language a user reading it has set, which steers the fallback fonts);
 * fails, naming the language and every such text, when a glyph is
 * unknown.  Returns how many texts have unknown glyphs. */
static guint
check_texts (GPtrArray  *texts,
             const char *lang,
             gboolean    expect_success)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  g_autoptr(GPtrArray) families = get_families ();
  static const PangoWeight weights[] = { PANGO_WEIGHT_NORMAL, PANGO_WEIGHT_BOLD };
  guint failed = 0;
  const Text *first = NULL;

  pango_context_set_language (context, pango_language_from_string (lang));

  for (guint t = 0; t < texts->len; t++)
    {
      const Text *text = g_ptr_array_index (texts, t);
      gboolean text_failed = FALSE;

      if (!g_utf8_validate (text->text, -1, NULL))
        {
          g_test_fail_printf ("%s: %s is not valid UTF-8", lang, text->where);
          continue;
        }

      for (guint f = 0; f < families->len && !text_failed; f++)
        for (guint w = 0; w < G_N_ELEMENTS (weights) && !text_failed; w++)
          {
            g_autoptr(PangoLayout) layout = pango_layout_new (context);
            g_autoptr(PangoFontDescription) font = pango_font_description_new ();
            int unknown;

            pango_font_description_set_family (font, g_ptr_array_index (families, f));
            pango_font_description_set_absolute_size (font, 13 * PANGO_SCALE);
            pango_font_description_set_weight (font, weights[w]);
            pango_layout_set_font_description (layout, font);
            pango_layout_set_text (layout, text->text, -1);

            unknown = pango_layout_get_unknown_glyphs_count (layout);
            if (unknown == 0)
              continue;

            text_failed = TRUE;
            if (failed < MAX_REPORTED && expect_success)
              {
                g_autofree char *chars = fa_glyph_describe_unknown (layout, 8);

                g_test_message ("%s: %s: “%s”: %d unknown glyphs in %s %s (no font for %s)",
                                lang, text->where, text->text, unknown,
                                (const char *) g_ptr_array_index (families, f),
                                w == 0 ? "Regular" : "Bold", chars);
              }
            if (first == NULL)
              first = text;
            failed++;
          }
    }

  if (expect_success)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (families, NULL);
      names = g_strjoinv (", ", (char **) families->pdata);
      g_test_message ("%s: %u texts laid out in %s, regular and bold", lang, texts->len, names);
    }
  if (failed > 0 && expect_success)
    g_test_fail_printf ("%s: %u of %u texts have characters no installed font covers "
                        "(shown as boxes), first %s: “%s”",
                        lang, failed, texts->len, first->where, first->text);
  g_object_unref (context);
  return failed;
}

/* --- Tests ---------------------------------------------------------------- */

static char *
get_po_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "po", NULL);
}

/* The reader takes what msgfmt takes. */
static void
test_po_reader (void)
{
  static const char po[] =
    "# A comment\n"
    "msgid \"\"\n"
    "msgstr \"\"\n"
    "\"Language: xx\\n\"\n"
    "\n"
    "#: app/a.c:1\n"
    "msgid \"One\"\n"
    "msgstr \"Eins\"\n"
    "\n"
    "#, c-format\n"
    "msgid \"Long \"\n"
    "\"text\"\n"
    "msgstr \"\"\n"
    "\"Langer \"\r\n"
    "  \"Text\\n\\t\\\"zitiert\\\" \\\\ \\101\\x42\"\n"
    "#, fuzzy\n"
    "msgid \"Fuzzy\"\n"
    "msgstr \"Falsch\"\n"
    "\n"
    "msgctxt \"month\"\n"
    "msgid \"%u place\"\n"
    "msgid_plural \"%u places\"\n"
    "msgstr[0] \"%u Ort\"\n"
    "msgstr[1] \"%u Orte\"\n"
    "msgid \"Untranslated\"\n"
    "msgstr \"\"\n"
    "\n"
    "#~ msgid \"Old\"\n"
    "#~ msgstr \"Alt\"\n"
    "msgid \"Last\"\n"
    "msgstr \"Letzte\"";
  static const char *broken[] = {
    "msgid \"a\"\n",                          /* no msgstr */
    "msgid \"a\"\n\nmsgstr \"b\"\n",          /* cut by a blank line */
    "msgid \"a\nmsgstr \"b\"\n",              /* unterminated */
    "msgid \"a\" x\nmsgstr \"b\"\n",          /* trailing text */
    "msgid \"a\\q\"\nmsgstr \"b\"\n",         /* unknown escape */
    "\"a\"\nmsgid \"a\"\nmsgstr \"b\"\n",     /* continuation outside an entry */
    "msgid \"a\"\nmsgstr[0] \"b\"\n",         /* msgstr[n] without msgid_plural */
    "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[1] \"c\"\n", /* out of order */
    "msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"\n",
    "msgstr \"b\"\n",
  };
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  static const char *expected[][2] = {
    { "Eins", "test.po:8" },
    { "Langer Text\n\t\"zitiert\" \\ AB", "test.po:13" },
    { "%u Ort", "test.po:23" },
    { "%u Orte", "test.po:24" },
    { "Letzte", "test.po:31" },
  };

  texts = read_po (po, "test.po", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < texts->len; i++)
    {
      const Text *text = g_ptr_array_index (texts, i);

      g_assert_cmpstr (text->text, ==, expected[i][0]);
      g_assert_cmpstr (text->where, ==, expected[i][1]);
    }

  ids = read_po (po, "test.po", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 6);
  g_assert_cmpstr (((Text *) g_ptr_array_index (ids, 1))->text, ==, "Long text");
  g_assert_cmpstr (((Text *) g_ptr_array_index (ids, 3))->text, ==, "%u places");
  g_assert_cmpstr (((Text *) g_ptr_array_index (ids, 4))->text, ==, "Untranslated");

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GPtrArray) none = read_po (broken[i], "broken.po", FALSE, &error);

      g_assert_null (none);
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
      g_assert_true (g_str_has_prefix (error->message, "broken.po:"));
      g_clear_error (&error);
    }
}

/* The check sees a box: a character no font has (the last code point of
 * the supplementary private use area B) is counted, and a plain one is
 * not. */
static void
test_detects_unknown (void)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) text_free);

  add_text (texts, "Map \xf4\x8f\xbf\xbd", "inline", 1);
  g_assert_cmpuint (check_texts (texts, "en", FALSE), ==, 1);

  g_ptr_array_set_size (texts, 0);
  add_text (texts, "Map", "inline", 1);
  g_assert_cmpuint (check_texts (texts, "en", FALSE), ==, 0);
}

/* The source strings: what the window and maps show untranslated. */
static void
test_source_strings (void)
{
  g_autofree char *dir = get_po_dir ();
  g_autofree char *path = g_build_filename (dir, "flowatlas.pot", NULL);
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("no po/flowatlas.pot (an installed test)");
      return;
    }
  texts = read_po_file (path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, >, 0);
  check_texts (texts, "en", TRUE);
}

static void
test_translations (gconstpointer data)
{
  const char *lang = data;
  g_autofree char *dir = get_po_dir ();
  g_autofree char *file = g_strconcat (lang, ".po", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;

  texts = read_po_file (path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, >, 0);
  check_texts (texts, lang, TRUE);
}

static void
test_dataset (gconstpointer data)
{
  const char *lang = data;
  g_autoptr(GPtrArray) texts = read_dataset_texts (lang);

  if (texts->len == 0)
    {
      g_test_skip_printf ("no dataset text in %s", lang);
      return;
    }
  check_texts (texts, lang, TRUE);
}

/* The languages of po/LINGUAS, or NULL for an installed test. */
static GStrv
read_linguas (void)
{
  g_autofree char *dir = get_po_dir ();
  g_autofree char *path = g_build_filename (dir, "LINGUAS", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      char *hash = strchr (lines[i], '#');

      if (hash != NULL)
        *hash = '\0';
      words = g_strsplit_set (lines[i], " \t\r", -1);
      for (guint w = 0; words[w] != NULL; w++)
        if (words[w][0] != '\0')
          g_strv_builder_add (builder, words[w]);
    }

  return g_strv_builder_end (builder);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = NULL;
  g_auto(GStrv) linguas = NULL;
  int status;

  /* No user fonts (see the top of this file): fontconfig looks in
   * ~/.fonts and in the XDG data and config directories. */
  home = fa_test_isolate_xdg ();
  g_setenv ("HOME", home, TRUE);

  /* The messages name texts in their own scripts. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fa/glyphs/po-reader", test_po_reader);
  g_test_add_func ("/fa/glyphs/detects-unknown", test_detects_unknown);
  g_test_add_func ("/fa/glyphs/source-strings", test_source_strings);

  linguas = read_linguas ();
  if (linguas == NULL)
    g_test_message ("no po/LINGUAS (an installed test): only the checks of the check");
  for (guint i = 0; linguas != NULL && linguas[i] != NULL; i++)
    {
      g_autofree char *po = g_strdup_printf ("/fa/glyphs/translations/%s", linguas[i]);
      g_autofree char *dataset = g_strdup_printf ("/fa/glyphs/dataset/%s", linguas[i]);

      g_test_add_data_func (po, linguas[i], test_translations);
      g_test_add_data_func (dataset, linguas[i], test_dataset);
    }

  status = g_test_run ();
  fa_test_rmtree (home);

  return status;
}
