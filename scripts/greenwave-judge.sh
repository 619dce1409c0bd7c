#!/usr/bin/env bash
# Judge twin's green-wave plans with SUMO itself.
#
# On the test arterial (sim/traffic/greenwave/testdata: 8 fixed-time signals,
# unequal spacing, cross streets, one hour of two-way demand) and, when the
# shared data is present, on the Bologna Acosta scenario, it runs SUMO with
# the net's own offsets, seeded random offsets, the offsets of SUMO's
# tools/tlsCoordinator.py and twin's MAXBAND plan, each with the same routes
# and several SUMO seeds, and prints Markdown tables of mean stops and mean
# travel times over all vehicles and per corridor direction.
#
# Usage: scripts/greenwave-judge.sh [OUTDIR]     (needs sumo, duarouter, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
export SUMO_HOME="${SUMO_HOME:-/usr/share/sumo}"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
seeds="${SEEDS:-1,2,3}"
go build -o "$out/greenwave-judge" ./benchmarks/greenwave/cmd/greenwave-judge

td=sim/traffic/greenwave/testdata
duarouter -n "$td/arterial.net.xml" -r "$td/arterial.flows.xml" -o "$out/arterial.rou.xml" --no-step-log >/dev/null
echo "## Test arterial, the net's 90 s cycle"
"$out/greenwave-judge" -net "$td/arterial.net.xml" -routes "$out/arterial.rou.xml" -dir "$out/arterial" -seeds "$seeds"
echo
echo "## Test arterial, common cycle chosen in 60–120 s"
"$out/greenwave-judge" -net "$td/arterial.net.xml" -routes "$out/arterial.rou.xml" -dir "$out/arterial-cycle" -seeds "$seeds" -cycle-min 60 -cycle-max 120

bologna=../shared/data/sumo/bologna-acosta
if [ -d "$bologna" ] && [ -z "${SKIP_BOLOGNA:-}" ]; then
  echo
  echo "## Bologna Acosta"
  "$out/greenwave-judge" -net "$bologna/acosta_buslanes.net.xml" -routes "$bologna/acosta.rou.xml" \
    -additional "$bologna/acosta_vtypes.add.xml,$bologna/acosta_tls.add.xml,$bologna/acosta_bus_stops.add.xml,$bologna/acosta_busses.add.xml" \
    -dir "$out/bologna" -seeds "$seeds" ${BOLOGNA_ARGS:-}
fi
