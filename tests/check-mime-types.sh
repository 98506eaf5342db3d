#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The FlowAtlas developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

# The desktop file's MimeType= promises types that exist, and they reach
# FlowAtlas:
#
#   check-mime-types.sh DESKTOP_FILE MIME_XML FLOWATLAS SHP SHX
#
# 1. desktop-file-validate accepts DESKTOP_FILE;
# 2. every type in its MimeType= is known to the machine's shared-mime-info
#    (a type or an alias in $XDG_DATA_DIRS/mime) or defined in MIME_XML,
#    the definitions FlowAtlas installs;
# 3. MIME_XML compiles with update-mime-database without a complaint, and
#    with it GIO types SHP as application/vnd.shp by its name and by its
#    header alone, and SHX (whose header is the same) as application/vnd.shx;
# 4. with both installed in a private data folder, GIO lists the desktop
#    file as a handler of every type it names (FLOWATLAS is the built
#    program, so that GIO finds Exec= on PATH).
#
# Exit status 0 when all hold, 1 otherwise (also when a tool is missing);
# prints TAP.
set -u

desktop=$1
mime_xml=$2
flowatlas=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
shp=$4
shx=$5

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $*"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }
note () { echo "# $*"; }

for tool in desktop-file-validate update-mime-database update-desktop-database gio; do
  if ! command -v "$tool" >/dev/null; then
    # tools/debian-packages.txt lists them all: a missing one is a
    # missing install step, not a reason to skip.
    echo "Bail out! $tool is not installed"
    exit 1
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIO_USE_VFS=local

# 1. The desktop file.
if out=$(desktop-file-validate "$desktop" 2>&1); then
  ok "desktop-file-validate $(basename "$desktop")"
else
  not_ok "desktop-file-validate $(basename "$desktop")"
fi
[ -n "${out:-}" ] && printf '%s\n' "$out" | sed 's/^/# /'

# MimeType= of [Desktop Entry]: the untranslated key, as the spec has it.
mime_line=$(awk '
  /^\[/ { in_entry = ($0 == "[Desktop Entry]") }
  in_entry && /^MimeType[ \t]*=/ { sub(/^MimeType[ \t]*=[ \t]*/, ""); print; exit }
' "$desktop")
IFS=';' read -r -a types <<<"$mime_line"
declared=()
for t in "${types[@]}"; do
  t=${t//[[:space:]]/}
  [ -n "$t" ] && declared+=("$t")
done
if [ ${#declared[@]} -gt 0 ]; then
  ok "MimeType= lists ${declared[*]}"
else
  not_ok "MimeType= lists no type"
fi

# 2. Each type exists: shared-mime-info knows it, or FlowAtlas ships it.
shipped=$(sed -n 's/.*<mime-type[[:space:]][[:space:]]*type="\([^"]*\)".*/\1/p' "$mime_xml")
system_knows () {
  local dir
  local IFS=:
  for dir in ${XDG_DATA_DIRS:-/usr/local/share:/usr/share}; do
    [ -f "$dir/mime/types" ] && grep -qxF "$1" "$dir/mime/types" && return 0
    [ -f "$dir/mime/aliases" ] && grep -q "^$1 " "$dir/mime/aliases" && return 0
  done
  return 1
}
system_defines () {
  # Defined by a package other than ours (which an installed FlowAtlas
  # adds to the same database).
  local dir f
  local IFS=:
  for dir in ${XDG_DATA_DIRS:-/usr/local/share:/usr/share}; do
    for f in "$dir"/mime/packages/*.xml; do
      [ -f "$f" ] || continue
      case $(basename "$f") in io.github.flowatlas.FlowAtlas*) continue ;; esac
      grep -q "type=\"$1\"" "$f" && return 0
    done
  done
  return 1
}
for t in "${declared[@]}"; do
  if printf '%s\n' "$shipped" | grep -qxF "$t"; then
    ok "$t is defined in $(basename "$mime_xml")"
    if system_defines "$t"; then
      note "shared-mime-info defines $t as well: $(basename "$mime_xml") can drop it"
    fi
  elif system_knows "$t"; then
    ok "$t is known to shared-mime-info"
  else
    not_ok "$t is neither known to shared-mime-info nor defined in $(basename "$mime_xml")"
  fi
done

# 3. The shipped definitions compile and type the files.
mkdir -p "$tmp/data/mime/packages" "$tmp/data/applications" "$tmp/files"
cp "$mime_xml" "$tmp/data/mime/packages/io.github.flowatlas.FlowAtlas.xml"
if out=$(XDG_DATA_HOME="$tmp/data" update-mime-database "$tmp/data/mime" 2>&1) && [ -z "$out" ]; then
  ok "update-mime-database accepts $(basename "$mime_xml")"
else
  not_ok "update-mime-database accepts $(basename "$mime_xml")"
  printf '%s\n' "$out" | sed 's/^/# /'
fi

cp "$shp" "$tmp/files/layer.shp"
cp "$shp" "$tmp/files/layer-without-extension"
cp "$shp" "$tmp/files/LAYER.SHP"
cp "$shx" "$tmp/files/layer.shx"
content_type () {
  XDG_DATA_HOME="$tmp/data" gio info -a standard::content-type "$1" |
    sed -n 's/^[[:space:]]*standard::content-type:[[:space:]]*//p'
}
expect_type () {
  local got
  got=$(content_type "$tmp/files/$1")
  if [ "$got" = "$2" ]; then
    ok "$1 is $2 ($3)"
  else
    not_ok "$1 is $2 ($3); GIO says \"$got\""
  fi
}
expect_type layer.shp application/vnd.shp "by name"
expect_type LAYER.SHP application/vnd.shp "by name, in capitals"
expect_type layer-without-extension application/vnd.shp "by its header"
expect_type layer.shx application/vnd.shx "by name, although its header is a shapefile's"

# 4. FlowAtlas is offered for every type it declares.
cp "$desktop" "$tmp/data/applications/"
update-desktop-database "$tmp/data/applications"
desktop_id=$(basename "$desktop")
for t in "${declared[@]}"; do
  if PATH="${flowatlas%/*}:$PATH" XDG_DATA_HOME="$tmp/data" gio mime "$t" |
       sed -n '/^Registered applications:/,/^[^[:space:]]/p' | grep -qxF "	$desktop_id"; then
    ok "GIO offers $desktop_id for $t"
  else
    not_ok "GIO offers $desktop_id for $t"
  fi
done

echo "1..$n"
exit $failed
