#!/usr/bin/env bash

# SPDX-FileCopyrightText: 2026 The FlowAtlas developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Whole-process export of Natural Earth's 10m admin-1 layer (1.3 million
# vertices) to a 1920×1080 PNG: FlowAtlas against MapServer 8's map2img,
# same layer, same view, same size, same machine, in two views:
#
#   - the world in plate carrée (EPSG:4326), no reprojection for either;
#   - Europe to Chukotka in a Lambert conformal conic, where both tools
#     reproject every vertex through PROJ.
#
# FlowAtlas runs twice per view: with --no-dataset (like map2img: the
# layer over the base map, with its labels and the legend) and with the
# bundled dataset drawn on top, as a user's export would.  The target of
# issue 13 is half of map2img's wall time.
#
# Prints numbers; exits 0 even when a peer is missing (it says so), and
# fails only when FlowAtlas itself does.
#
#   bench-mapserver.sh FLOWATLAS_BINARY [RUNS]
set -euo pipefail

flowatlas=${1:?usage: bench-mapserver.sh FLOWATLAS_BINARY [RUNS]}
runs=${2:-5}
shp=/usr/share/gnudatalanguage/resource/maps/high/ne_10m_admin_1_states_provinces.shp
target=0.5

# The Lambert view: standard parallels that keep Europe and the Far East
# both true to shape, centred on the Urals.
lcc='+proj=lcc +lat_1=45 +lat_2=65 +lat_0=55 +lon_0=60'
lcc_box=20,35,190,75

if [ ! -f "$shp" ]; then
  echo "skipped: $shp not found (apt-get install libgnudatalanguage0)"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The machine may be shared (a build running beside the benchmark): say
# how busy it was, since wall times depend on it.
printf 'load average at start: %s\n' "$(cat /proc/loadavg)"
printf 'layer: %s (%s)\n' "$shp" "$(du -h "$shp" | cut -f1)"
printf 'median of %d runs each; target: flowatlas ≤ %s × map2img wall time\n' "$runs" "$target"

# Median wall and user CPU time in milliseconds of a command run $runs
# times, as "WALL USER".  User time is steadier than wall time on a busy
# machine, but counts every thread: FlowAtlas draws and compresses on two.
# Fails, with the command's error output, when the command does.
median_ms() {
  local walls=() users=()
  local TIMEFORMAT='%3R %3U'
  for _ in $(seq "$runs"); do
    local times wall user
    if ! times=$({ time "$@" >/dev/null 2>"$tmp/stderr"; } 2>&1); then
      echo "failed: $*" >&2
      cat "$tmp/stderr" >&2
      return 1
    fi
    read -r wall user <<<"$times"
    walls+=("$(awk -v t="$wall" 'BEGIN { printf "%d", t * 1000 }')")
    users+=("$(awk -v t="$user" 'BEGIN { printf "%d", t * 1000 }')")
  done
  printf '%s %s\n' \
    "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" \
    "$(printf '%s\n' "${users[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
}

report() {
  printf '  %-36s median %6d ms wall, %6d ms user\n' "$1" "$2" "$3"
}

# "flowatlas / map2img = R wall, R user   ≤ 0.5 × map2img: ok" for a
# FlowAtlas variant against map2img; ok or OVER by wall time.
compare() {
  awk -v what="$1" -v a="$2" -v b="$3" -v c="$4" -v d="$5" -v t="$target" 'BEGIN {
    printf "  %-36s %.2f wall, %.2f user   target ≤ %s × map2img: %s\n",
           what " / map2img =", a / b, c / d, t, a / b <= t ? "ok" : "OVER" }'
}

# A mapfile drawing the layer as both tools do here: light fill, 1 px
# outlines.  MapServer fits EXTENT to the image's shape, centred, as
# FlowAtlas does with the box it is given.
write_mapfile() {
  local file=$1 extent=$2 units=$3 projection=$4
  cat > "$file" <<MAPFILE
MAP
  NAME "admin1"
  EXTENT $extent
  SIZE 1920 1080
  UNITS $units
  IMAGECOLOR 228 236 242
  IMAGETYPE png
  PROJECTION
    $projection
  END
  LAYER
    NAME "admin1"
    TYPE POLYGON
    STATUS DEFAULT
    DATA "${shp%.shp}"
    PROJECTION
      "proj=longlat" "datum=WGS84"
    END
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
}

# The bounding box in $lcc of the longitude/latitude box $1, its edges
# sampled 64 times each as FlowAtlas samples them for --extent (parallels
# are arcs in a conic projection): the rectangle FlowAtlas fits to the
# image, so that map2img's EXTENT shows the same area.  $lcc is split
# into proj's arguments on purpose.
# shellcheck disable=SC2086
lcc_extent() {
  local w s e n
  IFS=, read -r w s e n <<<"$1"
  awk -v w="$w" -v s="$s" -v e="$e" -v n="$n" 'BEGIN {
    for (i = 0; i <= 64; i++) {
      t = i / 64; lon = w + (e - w) * t; lat = s + (n - s) * t
      print lon, s; print lon, n; print w, lat; print e, lat } }' |
    proj -f '%.0f' $lcc |
    awk 'NR == 1 { x1 = x2 = $1; y1 = y2 = $2 }
         { if ($1 < x1) x1 = $1; if ($1 > x2) x2 = $1
           if ($2 < y1) y1 = $2; if ($2 > y2) y2 = $2 }
         END { print x1, y1, x2, y2 }'
}

# One view: FlowAtlas with and without the dataset, then map2img on
# $mapfile (empty when map2img cannot draw this view, with $why).
bench_view() {
  local title=$1 projection=$2 extent=$3 mapfile=$4 why=$5
  local result ms_fa user_fa ms_ds user_ds ms_ms user_ms

  printf '\n%s (--projection=%s --extent=%s)\n' "$title" "$projection" "$extent"
  result=$(median_ms "$flowatlas" --export="$tmp/flowatlas.png" --size=1920x1080 \
    --projection="$projection" --extent="$extent" --no-dataset --shapefile="$shp")
  read -r ms_fa user_fa <<<"$result"
  report "flowatlas --export --no-dataset" "$ms_fa" "$user_fa"
  result=$(median_ms "$flowatlas" --export="$tmp/flowatlas-dataset.png" --size=1920x1080 \
    --projection="$projection" --extent="$extent" --shapefile="$shp")
  read -r ms_ds user_ds <<<"$result"
  report "flowatlas --export, bundled dataset" "$ms_ds" "$user_ds"

  if [ -z "$mapfile" ]; then
    echo "  map2img: skipped: $why"
    return
  fi
  # A peer that fails is reported, not fatal: only FlowAtlas is under test.
  if ! result=$(median_ms map2img -m "$mapfile" -o "$tmp/mapserver.png"); then
    echo "  map2img: failed (see above)"
    return
  fi
  read -r ms_ms user_ms <<<"$result"
  report "map2img (MapServer $map2img_version)" "$ms_ms" "$user_ms"
  compare "flowatlas --no-dataset" "$ms_fa" "$ms_ms" "$user_fa" "$user_ms"
  compare "flowatlas with dataset" "$ms_ds" "$ms_ms" "$user_ds" "$user_ms"
}

pc_map='' lcc_map='' pc_why='' lcc_why=''
if command -v map2img >/dev/null; then
  map2img_version=$(map2img -v | sed -n 's/MapServer version \([^ ]*\).*/\1/p')
  pc_map=$tmp/plate-carree.map
  write_mapfile "$pc_map" "-180 -90 180 90" DD '"init=epsg:4326"'
  if command -v proj >/dev/null; then
    lcc_map=$tmp/lcc.map
    # The PROJ string as mapfile parameters, "proj=lcc" "lat_1=45" …:
    # split on purpose.
    # shellcheck disable=SC2086
    write_mapfile "$lcc_map" "$(lcc_extent "$lcc_box")" METERS \
      "$(printf '"%s" ' ${lcc//+/})"
  else
    lcc_why="the view's extent in metres needs PROJ's proj (apt-get install proj-bin)"
  fi
else
  pc_why="map2img not found (apt-get install mapserver-bin)"
  lcc_why=$pc_why
fi

bench_view "World, plate carrée" EPSG:4326 -180,-90,180,90 "$pc_map" "$pc_why"
bench_view "Europe to Chukotka, Lambert conformal conic" "$lcc" "$lcc_box" "$lcc_map" "$lcc_why"
