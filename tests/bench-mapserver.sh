#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The FlowAtlas developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Whole-process export of Natural Earth's 10m admin-1 layer (1.3 million
# vertices) to a 1920×1080 PNG of the world in plate carrée: FlowAtlas
# against MapServer 8's map2img, same layer, same size, same machine.
# Prints numbers; exits 0 even when a tool is missing (it says so).
#
#   bench-mapserver.sh FLOWATLAS_BINARY [RUNS]
set -euo pipefail

flowatlas=${1:?usage: bench-mapserver.sh FLOWATLAS_BINARY [RUNS]}
runs=${2:-7}
shp=/usr/share/gnudatalanguage/resource/maps/high/ne_10m_admin_1_states_provinces.shp

if [ ! -f "$shp" ]; then
  echo "skipped: $shp not found (apt-get install libgnudatalanguage0)"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/admin1.map" <<MAPFILE
MAP
  NAME "admin1"
  EXTENT -180 -90 180 90
  SIZE 1920 1080
  UNITS DD
  IMAGECOLOR 228 236 242
  IMAGETYPE png
  PROJECTION
    "init=epsg:4326"
  END
  LAYER
    NAME "admin1"
    TYPE POLYGON
    STATUS DEFAULT
    DATA "${shp%.shp}"
    CLASS
      STYLE
        COLOR 199 224 238
        OUTLINECOLOR 0 114 178
        WIDTH 1
      END
    END
  END
END
MAPFILE

# Median wall and user CPU time in milliseconds of a command run $runs
# times, as "WALL USER".  User time is steadier than wall time on a busy
# machine, but counts every thread: FlowAtlas draws and compresses on two.
median_ms() {
  local walls=() users=()
  local TIMEFORMAT='%3R %3U'
  for _ in $(seq "$runs"); do
    local wall user
    read -r wall user < <({ time "$@" >/dev/null 2>&1; } 2>&1)
    walls+=("$(awk -v t="$wall" 'BEGIN { printf "%d", t * 1000 }')")
    users+=("$(awk -v t="$user" 'BEGIN { printf "%d", t * 1000 }')")
  done
  printf '%s %s\n' \
    "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" \
    "$(printf '%s\n' "${users[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
}

printf 'layer: %s (%s)\n' "$shp" "$(du -h "$shp" | cut -f1)"

# --no-dataset: like map2img, draw the layer over the base map (with its
# labels and the legend) but without the bundled dataset's flows.
read -r ms_fa user_fa < <(median_ms "$flowatlas" --export="$tmp/flowatlas.png" --size=1920x1080 \
  --projection=EPSG:4326 --extent=-180,-90,180,90 --no-dataset --shapefile="$shp")
printf '%-40s median %6d ms wall, %6d ms user over %d runs\n' "flowatlas --export" "$ms_fa" "$user_fa" "$runs"

if command -v map2img >/dev/null; then
  read -r ms_ms user_ms < <(median_ms map2img -m "$tmp/admin1.map" -o "$tmp/mapserver.png")
  printf '%-40s median %6d ms wall, %6d ms user over %d runs\n' \
    "map2img (MapServer $(map2img -v | sed -n 's/MapServer version \([^ ]*\).*/\1/p'))" "$ms_ms" "$user_ms" "$runs"
  awk -v a="$ms_fa" -v b="$ms_ms" -v c="$user_fa" -v d="$user_ms" \
    'BEGIN { printf "flowatlas / map2img = %.2f wall, %.2f user (below 1 is faster)\n", a / b, c / d }'
else
  echo "map2img: skipped (apt-get install mapserver-bin)"
fi
