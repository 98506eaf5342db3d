/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-text"

#include "config.h"

#include "fa-text.h"

#include <libintl.h>
#include <string.h>

static gboolean
is_unsafe (gunichar c)
{
  /* C0, DEL and C1 controls, and the Unicode line and paragraph separators
   * and bidirectional overrides, which reorder what follows them. */
  return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * fa_text_quote:
 * @text: bytes from a file, in any encoding
 * @length: the length of @text, or -1 if it is NUL-terminated
 * @max_chars: the most characters to keep (an ellipsis marks a cut), or 0
 *   for no limit
 *
 * Makes @text safe to quote in a message: invalid UTF-8 becomes U+FFFD,
 * and control characters are written as escapes (`\n`, `\t`, `\r`, `\x1B`,
 * `\u{2028}`), so that they show instead of acting.
 *
 * Returns: (transfer full): valid UTF-8 without control characters
 */
char *
fa_text_quote (const char *text,
               gssize      length,
               gsize       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  gsize n_chars = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, length);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (max_chars > 0 && n_chars == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      n_chars++;

      if (!is_unsafe (c))
        g_string_append_unichar (out, c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x100)
        g_string_append_printf (out, "\\x%02X", c);
      else
        g_string_append_printf (out, "\\u{%04X}", c);
    }

  return g_string_free (out, FALSE);
}

/**
 * fa_text_display_path:
 * @path: a file name in the GLib file name encoding
 *
 * Like g_filename_display_name(), which turns any file name into valid
 * UTF-8, and with control characters escaped as by fa_text_quote().
 *
 * Returns: (transfer full): the path, safe to show
 */
char *
fa_text_display_path (const char *path)
{
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  return fa_text_quote (display, -1, 0);
}

/**
 * fa_text_display_name:
 * @path: a file name in the GLib file name encoding
 *
 * Like fa_text_display_path() for the last component of @path.
 *
 * Returns: (transfer full): the base name, safe to show
 */
char *
fa_text_display_name (const char *path)
{
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_basename (path);
  return fa_text_quote (display, -1, 0);
}

/**
 * fa_text_pgettext:
 * @context: the message's context, as in NC_()
 * @msgid: the message
 *
 * FlowAtlas's translation of @msgid in @context, through the C library's
 * gettext as _() is: g_dpgettext2() decides once per process whether to
 * translate at all, before a language chosen on the command line (--lang)
 * is set.
 *
 * Returns: (transfer none): the translation, or @msgid itself when there
 *   is none
 */
const char *
fa_text_pgettext (const char *context,
                  const char *msgid)
{
  g_autofree char *key = g_strconcat (context, "\004", msgid, NULL);
  const char *found = dgettext (GETTEXT_PACKAGE, key);

  return found == key || g_str_equal (found, key) ? msgid : found;
}

/* Case-folds and straightens typographic quotes, so that "Russia's"
 * finds "Russia’s" in a quote. */
/**
 * fa_text_fold:
 *
 * Returns: (transfer full): @text for searching: case-folded, with
 *   typographic quotes straightened
 */
char *
fa_text_fold (const char *text)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GString) out = NULL;
  const char *p;

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (normalized == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (normalized));
  for (p = normalized; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2018 || c == 0x2019)
        c = '\'';
      else if (c == 0x201C || c == 0x201D)
        c = '"';
      g_string_append_unichar (out, c);
    }

  return g_utf8_casefold (out->str, out->len);
}

/**
 * fa_text_split_search:
 *
 * Returns: (transfer full) (nullable): the folded words of a search, or
 *   %NULL when there are none
 */
char **
fa_text_split_search (const char *text)
{
  g_autofree char *folded = fa_text_fold (text);
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (terms, g_strdup (words[i]));

  if (terms->len == 0)
    return NULL;

  g_ptr_array_add (terms, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&terms), FALSE);
}
