/* SPDX-FileCopyrightText: 2026 The FlowAtlas developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fa-glyph-check"

#include "config.h"

#include "fa-glyph-check.h"

/* Text that no installed font covers is drawn as missing-glyph boxes, on
 * screen and in every export, without an error anywhere: a map exported
 * in Korean on a system without a Korean font is silently unreadable.
 * The renderer therefore checks each layout it draws and warns once per
 * text.  Renders run on worker threads, so the texts already named sit
 * in a set behind a lock; the set is bounded, as a long animation may
 * draw many distinct texts. */

#define MAX_WARNED 256

static GMutex      warned_lock;
static GHashTable *warned;  /* owned texts */

/**
 * fa_glyph_describe_unknown:
 * @layout: a layout whose lines are computed
 * @max_chars: how many characters to name at most
 *
 * Returns: (transfer full): the characters of @layout that no installed
 *   font has, each once, as "U+AC00 U+B300", with " …" after @max_chars
 */
char *
fa_glyph_describe_unknown (PangoLayout *layout,
                           guint        max_chars)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gunichar));
  GString *out = g_string_new (NULL);

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);

      for (int i = 0; run != NULL && i < run->glyphs->num_glyphs; i++)
        {
          PangoGlyph glyph = run->glyphs->glyphs[i].glyph;
          gunichar c = glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
          gboolean known = FALSE;

          if ((glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0 || glyph == PANGO_GLYPH_EMPTY)
            continue;
          /* Each character once. */
          for (guint j = 0; j < seen->len && !known; j++)
            known = g_array_index (seen, gunichar, j) == c;
          if (!known)
            g_array_append_val (seen, c);
        }
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  for (guint j = 0; j < MIN (seen->len, max_chars); j++)
    g_string_append_printf (out, "%sU+%04X", j > 0 ? " " : "", g_array_index (seen, gunichar, j));
  if (seen->len > max_chars)
    g_string_append (out, " …");
  return g_string_free (out, FALSE);
}

/**
 * fa_glyph_check_layout:
 * @layout: a layout whose text, font and size are set
 *
 * Warns, once per distinct text in the process, when @layout has glyphs
 * that no installed font provides.  Call it once the layout's lines are
 * computed (after taking its extents): the count is then read from them.
 *
 * Thread-safe.
 */
void
fa_glyph_check_layout (PangoLayout *layout)
{
  g_autofree char *chars = NULL;
  const char *text;
  gboolean first;
  gboolean last = FALSE;

  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  if (G_LIKELY (pango_layout_get_unknown_glyphs_count (layout) == 0))
    return;

  text = pango_layout_get_text (layout);
  g_mutex_lock (&warned_lock);
  if (warned == NULL)
    warned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  first = g_hash_table_size (warned) < MAX_WARNED && !g_hash_table_contains (warned, text);
  if (first)
    {
      g_hash_table_add (warned, g_strdup (text));
      last = g_hash_table_size (warned) == MAX_WARNED;
    }
  g_mutex_unlock (&warned_lock);

  if (!first)
    return;

  chars = fa_glyph_describe_unknown (layout, 4);
  g_warning ("No installed font covers %s in “%s”: the map shows boxes in their place. "
             "Install a font for this script (for Chinese, Japanese and Korean, Noto Sans CJK)%s",
             chars, text, last ? "; further texts are not reported" : "");
}
