#!/bin/sh
# SPDX-FileCopyrightText: 2026 The FlowAtlas developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The man page documents every option `flowatlas --help-all` lists, and
# names the version the binary reports.
#
#   check-man-page.sh MAN_PAGE FLOWATLAS
set -u
man_page=$1
flowatlas=$2
n=0
status=0

options=$("$flowatlas" --help-all | sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}--\([a-z][a-z-]*\).*/\2/p' | sort -u)
[ -n "$options" ] || { echo "Bail out! no options in flowatlas --help-all"; exit 1; }
count=$(printf '%s\n' "$options" | wc -l)
echo "1..$((count + 1))"

for option in $options; do
  n=$((n + 1))
  escaped=$(printf '%s' "$option" | sed 's/-/\\\\-/g')
  if grep -q -e "\\\\-\\\\-$escaped" "$man_page"; then
    echo "ok $n - --$option is in the man page"
  else
    echo "not ok $n - --$option is not in $man_page"
    status=1
  fi
done

n=$((n + 1))
version=$("$flowatlas" --version | sed -n 's/^[^0-9]*\([0-9][0-9.]*\).*/\1/p' | head -n 1)
if grep -q "^\.TH FLOWATLAS 1 .*\"FlowAtlas $version\"" "$man_page"; then
  echo "ok $n - the man page is for version $version"
else
  echo "not ok $n - the man page's .TH does not name version $version"
  status=1
fi
exit $status
