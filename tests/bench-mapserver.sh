#!/usr/bin/env bash
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

# Median wall time in milliseconds of a command run $runs times.
median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

printf 'layer: %s (%s)\n' "$shp" "$(du -h "$shp" | cut -f1)"

ms_fa=$(median_ms "$flowatlas" --export="$tmp/flowatlas.png" --size=1920x1080 \
  --projection=EPSG:4326 --extent=-180,-90,180,90 --shapefile="$shp")
printf '%-40s median %6d ms over %d runs\n' "flowatlas --export" "$ms_fa" "$runs"

if command -v map2img >/dev/null; then
  ms_ms=$(median_ms map2img -m "$tmp/admin1.map" -o "$tmp/mapserver.png")
  printf '%-40s median %6d ms over %d runs\n' "map2img (MapServer $(map2img -v | sed -n 's/MapServer version \([^ ]*\).*/\1/p'))" "$ms_ms" "$runs"
  awk -v a="$ms_fa" -v b="$ms_ms" 'BEGIN { printf "flowatlas / map2img = %.2f (below 1 is faster)\n", a / b }'
else
  echo "map2img: skipped (apt-get install mapserver-bin)"
fi
