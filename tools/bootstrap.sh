#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The FlowAtlas developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Installs what is missing on Debian 12, builds FlowAtlas, then either
# starts it on the bundled data (run) or runs the whole test suite (test).
#
#   tools/bootstrap.sh run    # build and start the app
#   tools/bootstrap.sh test   # build and run every test
set -euo pipefail

cd "$(dirname "$0")/.."
mode=${1:-run}
build=${BUILD_DIR:-_build}

mapfile -t packages < <(grep -v '^\s*#' tools/debian-packages.txt | sed '/^\s*$/d')
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure "$build" >/dev/null
else
  meson setup "$build"
fi
meson compile -C "$build"

case "$mode" in
  run)
    exec meson devenv -C "$build" app/flowatlas "${@:2}"
    ;;
  test)
    status=0
    meson test -C "$build" --print-errorlogs "${@:2}" || status=$?
    # One plain summary line, for CI logs.
    log="$build/meson-logs/testlog.txt"
    if [ -f "$log" ]; then
      ok=$(awk '/^Ok:/ { print $2 }' "$log" | tail -n 1)
      failed=$(awk '/^Fail:/ { f = $2 } /^Timeout:/ { t = $2 } END { print f + t }' "$log")
      echo "${ok:-0} passed, ${failed:-0} failed"
    fi
    exit "$status"
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
