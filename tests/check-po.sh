#!/bin/sh
# SPDX-FileCopyrightText: 2026 The FlowAtlas developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# po/ is current with the sources: po/POTFILES.in lists every file of app/
# and resources/ that xgettext finds messages in (and nothing that does not
# exist), po/flowatlas.pot holds exactly the messages xgettext extracts
# from those files, and every catalogue of po/LINGUAS passes msgfmt --check
# with no fuzzy or untranslated message and holds exactly the template's
# messages.  Nothing is written outside a temporary directory in WORK_DIR.
#
#   check-po.sh SOURCE_ROOT WORK_DIR
set -u
srcdir=$1
workdir=$2
LC_ALL=C.UTF-8
export LC_ALL
n=0
status=0

bail () {
  echo "Bail out! $*"
  exit 1
}

cd "$srcdir" || bail "no source root $srcdir"

# The options meson's i18n.gettext(preset: 'glib') gives xgettext
# (PRESET_ARGS['glib'] in mesonbuild/modules/i18n.py, plus the -k_ and
# --package-name of `meson --internal gettext pot`).  The check compares
# what these extract with the template, so it must follow po/meson.build.
grep -q "^i18n.gettext(meson.project_name(), preset: 'glib')$" po/meson.build ||
  bail "po/meson.build's i18n.gettext() call changed: update the xgettext options in tests/check-po.sh"
xgettext_args='--package-name=flowatlas -k_
--from-code=UTF-8 --add-comments
--keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2
--keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3
--flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format
--flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format
--flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format
--flag=g_error_new:3:c-format --flag=g_set_error:4:c-format
--flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format
--flag=g_print:1:c-format --flag=g_printerr:1:c-format
--flag=g_printf:1:c-format --flag=g_fprintf:2:c-format
--flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format'

mkdir -p "$workdir" || bail "cannot create $workdir"
tmp=$(mktemp -d "$workdir/check-po.XXXXXX") || bail "cannot create a directory in $workdir"
trap 'rm -rf "$tmp"' EXIT

langs=$(sed -e 's/#.*//' po/LINGUAS)
[ -n "$langs" ] || bail "no language in po/LINGUAS"
count=0
for lang in $langs; do count=$((count + 2)); done
echo "1..$((count + 4))"

# Prints "#   LOCATION: MSGID" for each message of a PO file (not its header).
list_messages () {
  awk '
    function flush () {
      if (inid && (id != "" || ctx != ""))
        printf "#   %s: %s%s\n", (loc == "" ? "(no location)" : loc),
               (ctx == "" ? "" : "[" ctx "] "), "\"" id "\""
      inid = 0; id = ""; ctx = ""; loc = ""
    }
    /^#: / { loc = loc (loc == "" ? "" : " ") substr($0, 4); next }
    /^msgctxt / { ctx = substr($0, 10, length($0) - 10); next }
    /^msgid / { inid = 1; id = substr($0, 8, length($0) - 8); next }
    /^"/ { if (inid == 1) id = id substr($0, 2, length($0) - 2); next }
    /^msgid_plural / || /^msgstr/ { if (inid == 1) inid = 2; next }
    /^$/ { flush() }
    END { flush() }
  ' "$1"
}

count_lines () {
  if [ -z "$1" ]; then echo 0; else printf '%s\n' "$1" | wc -l; fi
}

# Prints the messages of REF (a PO file) that DEF lacks, with REF's
# locations: of the messages in only one of them, those in REF.  Obsolete
# (#~) entries do not count.
messages_missing () {
  rm -f "$tmp/unique.po" "$tmp/missing.po"
  { msgattrib --no-obsolete "$1" -o "$tmp/ref.po" &&
    msgattrib --no-obsolete "$2" -o "$tmp/def.po" &&
    msgcomm --unique "$tmp/ref.po" "$tmp/def.po" -o "$tmp/unique.po" &&
    { [ ! -f "$tmp/unique.po" ] ||
      msgcomm --more-than=1 --no-wrap "$tmp/unique.po" "$tmp/ref.po" -o "$tmp/missing.po"; }
  } 2> "$tmp/compare.log" || {
    sed 's/^/# /' "$tmp/compare.log"
    bail "msgcomm could not compare $1 with $2"
  }
  # msgattrib and msgcomm write no file when no message is left.
  [ ! -f "$tmp/missing.po" ] || list_messages "$tmp/missing.po"
}

# 1. Every file xgettext finds messages in is listed.  xgettext runs over
# every C, GtkBuilder, desktop, AppStream and GSettings source of app/ and
# resources/ with the template's options; the files its #: lines name are
# the ones with messages.
find app resources -type f \( -name '*.c' -o -name '*.h' -o -name '*.ui' \
  -o -name '*.desktop.in' -o -name '*.desktop.in.in' \
  -o -name '*.metainfo.xml.in' -o -name '*.metainfo.xml.in.in' \
  -o -name '*.appdata.xml.in' -o -name '*.appdata.xml.in.in' \
  -o -name '*.gschema.xml' \) | LC_ALL=C sort > "$tmp/candidates"
# shellcheck disable=SC2086
xgettext $xgettext_args -D . -f "$tmp/candidates" -o "$tmp/all.pot" 2> "$tmp/xgettext-all.log" || {
  sed 's/^/# /' "$tmp/xgettext-all.log"
  bail "xgettext failed on the sources of app/ and resources/"
}
sed -n 's/^#: //p' "$tmp/all.pot" | tr ' ' '\n' | sed 's/:[0-9]*$//' | LC_ALL=C sort -u > "$tmp/with-messages"
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' po/POTFILES.in | LC_ALL=C sort -u > "$tmp/listed"
unlisted=$(LC_ALL=C comm -23 "$tmp/with-messages" "$tmp/listed")
n=$((n + 1))
if [ -z "$unlisted" ]; then
  echo "ok $n - every file of app/ and resources/ with translatable messages is in po/POTFILES.in"
else
  echo "not ok $n - translatable messages in files po/POTFILES.in does not list: $(printf '%s\n' "$unlisted" | paste -s -d ' ' -)"
  for file in $unlisted; do
    msggrep --no-wrap -N "$file" "$tmp/all.pot" -o "$tmp/unlisted.po" 2> /dev/null &&
      list_messages "$tmp/unlisted.po"
  done
  status=1
fi

# Listed files that do not exist (and, as a note, listed files without
# messages: harmless to xgettext).
missing_files=
: > "$tmp/existing"
while read -r file; do
  if [ -f "$file" ]; then
    echo "$file" >> "$tmp/existing"
  else
    missing_files="$missing_files $file"
  fi
done < "$tmp/listed"
n=$((n + 1))
if [ -z "$missing_files" ]; then
  echo "ok $n - every file po/POTFILES.in lists exists"
else
  echo "not ok $n - po/POTFILES.in lists files that do not exist:$missing_files"
  status=1
fi
for file in $(LC_ALL=C comm -13 "$tmp/with-messages" "$tmp/listed"); do
  [ -f "$file" ] && echo "# note: po/POTFILES.in lists $file, which has no translatable message"
done

# 2. The template, as `meson compile flowatlas-pot` would write it, has
# the same messages as po/flowatlas.pot (locations and dates aside).  Of
# the files it lists, those that exist (xgettext stops at one that does
# not); in its order, which is the template's.
grep -Fx -f "$tmp/existing" po/POTFILES.in > "$tmp/POTFILES" || true
# shellcheck disable=SC2086
xgettext $xgettext_args -D . -f "$tmp/POTFILES" -p "$tmp" -o flowatlas.pot 2> "$tmp/xgettext.log" || {
  sed 's/^/# /' "$tmp/xgettext.log"
  bail "xgettext failed on the files of po/POTFILES.in"
}
new=$(messages_missing "$tmp/flowatlas.pot" po/flowatlas.pot)
n=$((n + 1))
if [ -z "$new" ]; then
  echo "ok $n - po/flowatlas.pot has every message xgettext finds in the files of po/POTFILES.in"
else
  echo "not ok $n - $(count_lines "$new") message(s) missing from po/flowatlas.pot (run meson compile flowatlas-update-po):"
  printf '%s\n' "$new"
  status=1
fi
stale=$(messages_missing po/flowatlas.pot "$tmp/flowatlas.pot")
n=$((n + 1))
if [ -z "$stale" ]; then
  echo "ok $n - po/flowatlas.pot has no message the sources no longer contain"
else
  echo "not ok $n - $(count_lines "$stale") message(s) of po/flowatlas.pot no longer in the sources (run meson compile flowatlas-update-po):"
  printf '%s\n' "$stale"
  status=1
fi

# 3. Each catalogue: msgfmt --check (format strings, header, plural forms,
# one mnemonic for one mnemonic), complete, and with exactly the template's
# messages (as msgcmp in both directions, but naming the messages; obsolete
# #~ entries do not count).
for lang in $langs; do
  po=po/$lang.po
  n=$((n + 1))
  if [ ! -f "$po" ]; then
    echo "not ok $n - $po, a language of po/LINGUAS, does not exist"
    status=1
  else
    log=$(msgfmt --check --check-accelerators=_ --statistics -o /dev/null "$po" 2>&1)
    rc=$?
    translated=$(printf '%s\n' "$log" | sed -n 's/^\([0-9][0-9]*\) translated message.*/\1/p')
    fuzzy=$(printf '%s\n' "$log" | sed -n 's/.* \([0-9][0-9]*\) fuzzy translation.*/\1/p')
    untranslated=$(printf '%s\n' "$log" | sed -n 's/.* \([0-9][0-9]*\) untranslated message.*/\1/p')
    translated=${translated:-0} fuzzy=${fuzzy:-0} untranslated=${untranslated:-0}
    counts="$translated translated, $fuzzy fuzzy, $untranslated untranslated"
    if [ $rc -eq 0 ] && [ "$fuzzy" -eq 0 ] && [ "$untranslated" -eq 0 ]; then
      echo "ok $n - $po passes msgfmt --check: $counts"
    else
      if [ $rc -ne 0 ]; then
        echo "not ok $n - $po fails msgfmt --check --check-accelerators=_ ($counts)"
        printf '%s\n' "$log" | sed 's/^/#   /'
      else
        echo "not ok $n - $po is not complete: $counts"
      fi
      for kind in fuzzy untranslated; do
        rm -f "$tmp/$kind.po"
        if [ $kind = fuzzy ]; then select=--only-fuzzy; else select=--untranslated; fi
        msgattrib $select --no-obsolete --no-wrap "$po" -o "$tmp/$kind.po" 2> /dev/null &&
          [ -s "$tmp/$kind.po" ] && echo "# $kind:" && list_messages "$tmp/$kind.po"
      done
      status=1
    fi
  fi

  n=$((n + 1))
  if [ -f "$po" ]; then
    lacking=$(messages_missing po/flowatlas.pot "$po")
    extra=$(messages_missing "$po" po/flowatlas.pot)
    if [ -z "$lacking" ] && [ -z "$extra" ]; then
      echo "ok $n - $po has exactly the messages of po/flowatlas.pot"
    else
      echo "not ok $n - $po lacks $(count_lines "$lacking") message(s) of po/flowatlas.pot and has $(count_lines "$extra") it does not (run meson compile flowatlas-update-po)"
      [ -z "$lacking" ] || printf '# lacking:\n%s\n' "$lacking"
      [ -z "$extra" ] || printf '# not in the template:\n%s\n' "$extra"
      status=1
    fi
  else
    echo "not ok $n - $po does not exist"
    status=1
  fi
done
exit $status
