#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The FlowAtlas developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Whole-process export of many flows (issue 13, "Speed and scale"): random
# FlowmapBlue folders of 2,000, 20,000 and 100,000 flows among 3,000
# places in Eurasia (make-flowmap.py), each exported by FlowAtlas to a
# 1920×1080 PNG in its default framing; median wall time and peak
# resident memory beside the targets:
#
#   20,000 flows   ≤ 0.25 s
#   100,000 flows  ≤ 1.0 s and ≤ 250 MB peak, and no slower than MapServer
#                  8's map2img drawing the same flows as great-circle
#                  polylines (make-flow-lines) over a plain world map.
#
# Prints numbers; exits 0 even when a peer is missing (it says so), and
# fails only when FlowAtlas itself does (or the data cannot be made).
#
#   bench-flows.sh FLOWATLAS_BINARY MAKE_FLOW_LINES_BINARY [RUNS]
set -euo pipefail

usage='usage: bench-flows.sh FLOWATLAS_BINARY MAKE_FLOW_LINES_BINARY [RUNS]'
flowatlas=${1:?$usage}
make_flow_lines=${2:?$usage}
runs=${3:-5}
here=$(dirname "$0")
places=3000

if ! command -v python3 >/dev/null; then
  echo "skipped: make-flowmap.py needs python3 (apt-get install python3)"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The machine may be shared (a build running beside the benchmark): say
# how busy it was, since wall times depend on it.
printf 'load average at start: %s\n' "$(cat /proc/loadavg)"

# Peak RSS comes from GNU time's %M (KiB), around the same runs as the
# wall time: it adds one fork and exec of its own, about a millisecond.
gnu_time=false
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
  gnu_time=true
else
  echo "peak RSS: skipped: no GNU time (apt-get install time)"
fi

median() {
  printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"
}

# Median wall time in milliseconds and median peak RSS in KiB ("-" without
# GNU time) of a command run $runs times, as "WALL RSS".  Fails, with the
# command's error output, when the command does.
measure() {
  local walls=() rsss=()
  local TIMEFORMAT='%3R'
  local wrapper=()
  if $gnu_time; then
    wrapper=(/usr/bin/time -f %M -o "$tmp/rss")
  fi
  for _ in $(seq "$runs"); do
    local wall
    if ! wall=$({ time "${wrapper[@]}" "$@" >/dev/null 2>"$tmp/stderr"; } 2>&1); then
      echo "failed: $*" >&2
      cat "$tmp/stderr" >&2
      return 1
    fi
    walls+=("$(awk -v t="$wall" 'BEGIN { printf "%d", t * 1000 }')")
    if $gnu_time; then
      rsss+=("$(tail -n 1 "$tmp/rss")")
    fi
  done
  if $gnu_time; then
    printf '%s %s\n' "$(median "${walls[@]}")" "$(median "${rsss[@]}")"
  else
    printf '%s -\n' "$(median "${walls[@]}")"
  fi
}

# "≤ LIMIT UNIT: ok" or "OVER", for a VALUE.
verdict() {
  awk -v v="$1" -v limit="$2" -v unit="$3" \
    'BEGIN { printf "target ≤ %s %s: %s", limit, unit, v <= limit ? "ok" : "OVER" }'
}

# KiB as decimal megabytes, the unit of the target.
megabytes() {
  if [ "$1" = - ]; then
    echo "-"
  else
    awk -v k="$1" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }'
  fi
}

printf '%d places, 1920×1080 PNG, default framing; median of %d runs of the whole process\n' "$places" "$runs"

# 100,000 flows last, kept for the peer.
for flows in 2000 20000 100000; do
  folder=$tmp/flows-$flows
  python3 "$here/make-flowmap.py" "$folder" "$places" "$flows"
  result=$(measure "$flowatlas" --export="$tmp/flowatlas.png" --size=1920x1080 "$folder")
  read -r ms_fa rss_fa <<<"$result"
  mb_fa=$(megabytes "$rss_fa")
  case $flows in
    20000)  wall_target=$(verdict "$ms_fa" 250 ms) rss_target="" ;;
    100000) wall_target=$(verdict "$ms_fa" 1000 ms)
            if [ "$mb_fa" = - ]; then rss_target=""; else rss_target=$(verdict "$mb_fa" 250 MB); fi ;;
    *)      wall_target="(no target)" rss_target="" ;;
  esac
  printf '  %6d flows  flowatlas  %6d ms wall  %-26s %4s MB peak  %s\n' \
    "$flows" "$ms_fa" "$wall_target" "$mb_fa" "$rss_target"
done

# The peer: MapServer draws each of the 100,000 flows of the last folder
# as the same great circle FlowAtlas samples, 1 px wide, translucent,
# over FlowAtlas's own Natural Earth countries (medium detail, the level
# a 1920×1080 export of Eurasia uses).  It draws in EPSG:4326, so it
# reprojects nothing (FlowAtlas projects every point): if anything the
# comparison favours map2img.  The extent is the places' bounding box,
# which map2img widens to the image's shape as FlowAtlas frames the
# places of the flows.
if ! command -v map2img >/dev/null; then
  echo "  map2img: skipped: map2img not found (apt-get install mapserver-bin)"
  exit 0
fi
geodata=${FLOWATLAS_GEODATA:-$here/../geodata}
countries=$geodata/naturalearth/countries-medium.shp
if [ ! -f "$countries" ]; then
  echo "  map2img: skipped: $countries not found (set FLOWATLAS_GEODATA)"
  exit 0
fi
if ! "$make_flow_lines" "$folder" "$tmp/lines.shp" >"$tmp/lines.log" 2>&1; then
  echo "  map2img: skipped: make-flow-lines failed:"
  sed 's/^/    /' "$tmp/lines.log"
  exit 0
fi

# make-flowmap.py writes CRLF line ends, as Python's csv module does.
extent=$(awk -F, '
  { sub(/\r$/, "") }
  NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "lat") la = i; if ($i == "lon") lo = i }; next }
  { lat = $la + 0; lon = $lo + 0
    if (NR == 2) { w = e = lon; s = n = lat }
    if (lon < w) w = lon; if (lon > e) e = lon; if (lat < s) s = lat; if (lat > n) n = lat }
  END { printf "%.1f %.1f %.1f %.1f", w, s, e, n }' "$folder/locations.csv")

cat > "$tmp/flows.map" <<MAPFILE
MAP
  NAME "flows"
  EXTENT $extent
  SIZE 1920 1080
  UNITS DD
  IMAGECOLOR 228 236 242
  IMAGETYPE png
  PROJECTION
    "init=epsg:4326"
  END
  LAYER
    NAME "countries"
    TYPE POLYGON
    STATUS DEFAULT
    DATA "${countries%.shp}"
    CLASS
      STYLE
        COLOR 250 248 243
        OUTLINECOLOR 150 150 150
        WIDTH 0.5
      END
    END
  END
  LAYER
    NAME "flows"
    TYPE LINE
    STATUS DEFAULT
    DATA "$tmp/lines"
    CLASS
      STYLE
        COLOR 230 159 0
        OPACITY 30
        WIDTH 1
      END
    END
  END
END
MAPFILE

printf '  peer: %s; EPSG:4326, EXTENT %s (the places'"'"' box)\n' \
  "$(sed "s|^$tmp/||" "$tmp/lines.log")" "$extent"
if ! result=$(measure map2img -m "$tmp/flows.map" -o "$tmp/mapserver.png"); then
  echo "  map2img: failed (see above)"
  exit 0
fi
read -r ms_ms rss_ms <<<"$result"
printf '  %6d flows  map2img    %6d ms wall  %-26s %4s MB peak   (MapServer %s)\n' \
  "$flows" "$ms_ms" "" "$(megabytes "$rss_ms")" \
  "$(map2img -v | sed -n 's/MapServer version \([^ ]*\).*/\1/p')"
awk -v a="$ms_fa" -v b="$ms_ms" 'BEGIN {
  printf "  flowatlas / map2img = %.2f wall   target ≤ 1.0 × map2img: %s\n", a / b, a / b <= 1.0 ? "ok" : "OVER" }'
