#!/usr/bin/env bash
# Spatial API benchmarks, twin side by side with PostGIS in one run (issue
# "Spatial API", Performance); benchmarks/README.md records the figures.
#
#   scripts/bench-api.sh            (make bench-api)
#
# 1. Installs what is missing (scripts/deps.sh: GDAL; scripts/postgis.sh:
#    PostgreSQL, PostGIS, wrk) and starts the throwaway PostGIS cluster.
# 2. For each city (the embedded Monaco sample; the seeded synthetic city of
#    1,000,000 buildings in EPSG:32632): exports its buildings from twin as
#    lon/lat GeoJSON, loads that file into PostGIS with ogr2ogr (GiST index,
#    clustered), unless the table already holds them.
# 3. Engine level: `apibench engine` checks that twin and PostGIS return the
#    same features for 200 boxes, then measures queries/s of twin's engine
#    (bbox query + GeoJSON encoding) and of its items route in process
#    against PostGIS through a pgx pool (same boxes, same concurrency).
# 4. Service level: `twin serve` (the synthetic city loaded from the same
#    GeoJSON file) and pgserve (a minimal Go handler over a pgx pool) under
#    wrk on loopback, rotating through 1000 boxes: items with limit=10 and
#    limit=100 at 16 and 64 connections, then z15 vector tiles.
# Prints Markdown tables. Environment: BENCH_DIR (work files, default
# ${TMPDIR:-/tmp}/twin-bench-api), DURATION (wrk seconds per case, default
# 10), ENGINE_DURATION (default 5s), CITIES (default "monaco synthetic"),
# CONNS (default "16 64"), PG_CONNS (pgserve's pool, default 8), TWIN_BIN
# (a twin binary to serve instead of building this tree's: before/after),
# LEVELS (default "engine service").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/twin-bench-api}
DURATION=${DURATION:-10}
ENGINE_DURATION=${ENGINE_DURATION:-5s}
CITIES=${CITIES:-monaco synthetic}
CONNS=${CONNS:-16 64}
PG_CONNS=${PG_CONNS:-8}
LEVELS=${LEVELS:-engine service}
TWIN_ADDR=127.0.0.1:18090
PG_ADDR=127.0.0.1:18091
mkdir -p "$WORK"

log() { echo "bench-api: $*" >&2; }

./scripts/deps.sh
DB=$(./scripts/postgis.sh)
PGHOST_OPTS="host=127.0.0.1 port=$(sed -E 's|.*:([0-9]+)/.*|\1|' <<<"$DB") user=twin dbname=$(sed -E 's|.*/([^?]+)\?.*|\1|' <<<"$DB")"

log "building"
CGO_ENABLED=0 go build -o "$WORK/twin" ./cmd/twin
TWIN=${TWIN_BIN:-$WORK/twin}
CGO_ENABLED=0 go build -o "$WORK/apibench" ./benchmarks/cmd/apibench
CGO_ENABLED=0 go build -o "$WORK/pgserve" ./benchmarks/cmd/pgserve
APIBENCH="$WORK/apibench"

PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# load CITY: export and load into PostGIS unless the table has the buildings.
load() {
  local city=$1 n want have
  n=$([ "$city" = synthetic ] && echo 1000000 || echo 0)
  if [ ! -s "$WORK/$city.geojson" ]; then
    log "exporting $city"
    "$APIBENCH" export -city "$city" -o "$WORK/$city.geojson"
  fi
  want=$([ "$city" = synthetic ] && echo "$n" || grep -c '^{"type":"Feature"' "$WORK/$city.geojson")
  have=$(psql "$DB" -Atqc "SELECT count(*) FROM buildings_$city" 2>/dev/null || echo 0)
  if [ "$have" != "$want" ]; then
    log "loading $city into PostGIS ($want buildings)"
    ogr2ogr -f PostgreSQL "PG:$PGHOST_OPTS" "$WORK/$city.geojson" -nln "raw_$city" -overwrite \
      -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=NONE -lco FID=fid -nlt GEOMETRY -gt 65536
    "$APIBENCH" prepare -db "$DB" -raw "raw_$city" -table "buildings_$city"
  fi
}

# wait_ready URL SECONDS: poll until URL answers 200.
wait_ready() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    if curl -fs -o /dev/null "$1"; then return 0; fi
    sleep 0.1
  done
  log "$1 did not come up"; return 1
}

# wrk_run URL PATHS CONNS: one wrk run (two threads, one for one
# connection); prints its RESULT fields.
wrk_run() {
  wrk -t"$(( $3 < 2 ? 1 : 2 ))" -c"$3" -d"${DURATION}s" --timeout 5s -s benchmarks/api/rotate.lua "$1" -- "$2" |
    sed -n 's/^RESULT //p'
}

field() { sed -E "s/.*$1=([^ ]+).*/\\1/" <<<"$2"; }

SERVICE_ROWS=()
# service CITY: twin serve and pgserve under wrk.
service() {
  local city=$1 data=() route c t p paths
  [ "$city" = synthetic ] && data=(--data "$WORK/synthetic.geojson" --world-crs EPSG:32632)
  "$APIBENCH" paths -city "$city" -limit 10 -o "$WORK/$city-items10.txt"
  "$APIBENCH" paths -city "$city" -limit 100 -o "$WORK/$city-items100.txt"
  "$APIBENCH" paths -city "$city" -tiles 15 -o "$WORK/$city-tiles15.txt"
  log "starting twin serve and pgserve ($city)"
  "$TWIN" -q serve --addr "$TWIN_ADDR" "${data[@]}" >"$WORK/twin-$city.log" 2>&1 &
  PIDS+=($!)
  "$WORK/pgserve" -addr "$PG_ADDR" -db "$DB" -table "buildings_$city" -conns "$PG_CONNS" >"$WORK/pgserve-$city.log" 2>&1 &
  PIDS+=($!)
  wait_ready "http://$TWIN_ADDR/readyz" 600
  wait_ready "http://$PG_ADDR/collections/buildings/items?bbox=0,0,0,0" 30
  "$APIBENCH" check -a "http://$TWIN_ADDR" -b "http://$PG_ADDR" -paths "$WORK/$city-items100.txt" -n 100
  for route in items10 items100 tiles15; do
    paths="$WORK/$city-$route.txt"
    if [ "$route" = tiles15 ] && ! curl -fs -o /dev/null "http://$TWIN_ADDR$(head -n 1 "$paths")"; then
      log "twin serves no tiles yet: skipping the tile runs"
      continue
    fi
    for c in $CONNS; do
      t=$(wrk_run "http://$TWIN_ADDR" "$paths" "$c")
      p=$(wrk_run "http://$PG_ADDR" "$paths" "$c")
      SERVICE_ROWS+=("$(printf '| %s | %s | %s | %s | %s ms | %s | %s ms | %s× | %s / %s |' "$city" "$route" "$c" \
        "$(field rps "$t")" "$(field p99_ms "$t")" "$(field rps "$p")" "$(field p99_ms "$p")" \
        "$(awk -v a="$(field rps "$t")" -v b="$(field rps "$p")" 'BEGIN { printf "%.1f", a / b }')" \
        "$(field non2xx "$t")" "$(field non2xx "$p")")")
      log "${SERVICE_ROWS[-1]}"
    done
  done
  if curl -fs -o /dev/null "http://$TWIN_ADDR$(head -n 1 "$WORK/$city-tiles15.txt")"; then
    t=$(wrk_run "http://$TWIN_ADDR" "$WORK/$city-tiles15.txt" 1)
    p=$(wrk_run "http://$PG_ADDR" "$WORK/$city-tiles15.txt" 1)
    SERVICE_ROWS+=("| $city | tiles15, one connection | 1 | $(field rps "$t") | p50 $(field p50_ms "$t") / p99 $(field p99_ms "$t") ms | $(field rps "$p") | p50 $(field p50_ms "$p") / p99 $(field p99_ms "$p") ms | – | $(field non2xx "$t") / $(field non2xx "$p") |")
  fi
  cleanup
  PIDS=()
}

ENGINE_ROWS=()
for city in $CITIES; do
  load "$city"
  if [[ " $LEVELS " == *" engine "* ]]; then
    log "engine level: $city"
    while IFS= read -r row; do ENGINE_ROWS+=("$row"); done < <("$APIBENCH" engine -db "$DB" -city "$city" \
      -table "buildings_$city" -duration "$ENGINE_DURATION")
  fi
  if [[ " $LEVELS " == *" service "* ]]; then service "$city"; fi
done

echo
echo "Engine level, queries/s with 4 concurrent queries each: twin's engine (bbox query + GeoJSON), twin's items route in process, PostGIS through pgx"
echo
echo "| city | page | twin engine | twin items route | PostGIS | engine / PostGIS | route / PostGIS | response (engine / route / PostGIS) |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${ENGINE_ROWS[@]}"
echo
echo "Service level: wrk -t2 -cN -d${DURATION}s on loopback, requests/s and p99 latency"
echo
echo "| city | route | conns | twin req/s | twin p99 | pgserve req/s | pgserve p99 | twin / pgserve | non-2xx |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${SERVICE_ROWS[@]}"
echo
echo "machine: $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3), $(psql "$DB" -Atqc 'SELECT version()' | cut -d' ' -f1-2), PostGIS $(psql "$DB" -Atqc 'SELECT postgis_lib_version()'), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
