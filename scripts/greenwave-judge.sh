#!/usr/bin/env bash
# Judge twin's green-wave plans with SUMO itself.
#
# On the test arterial (sim/traffic/greenwave/testdata: 8 fixed-time signals,
# unequal spacing, cross streets, one hour of two-way demand) and, when the
# shared data is present, on the Bologna Acosta scenario, it runs SUMO with
# the net's own offsets, seeded random offsets, the offsets of SUMO's
# tools/tlsCoordinator.py and twin's MAXBAND plan, each with the same routes
# and several SUMO seeds, and prints Markdown tables of mean stops and mean
# travel times over all vehicles and per corridor direction. It then lets
# `twin greenwave --cycle auto` choose the common cycle in 60–120 s by twin's
# own microsimulation (its candidate table is printed) and judges that plan
# with SUMO the same way.
#
# Usage: scripts/greenwave-judge.sh [OUTDIR]     (needs sumo, duarouter, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
export SUMO_HOME="${SUMO_HOME:-/usr/share/sumo}"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
seeds="${SEEDS:-1,2,3}"
go build -o "$out/greenwave-judge" ./benchmarks/greenwave/cmd/greenwave-judge
CGO_ENABLED=0 go build -o "$out/twin" ./cmd/twin

# tuned NAME NET ROUTES [ADDITIONAL]: twin greenwave --cycle auto in 60–120 s
# on the seeds; prints its table and leaves the chosen cycle in $cycle.
tuned() {
  local name=$1 net=$2 rou=$3 add=${4:-}
  "$out/twin" -q greenwave --sumo-net "$net" --routes "$rou" ${add:+--additional "$add"} --cycle auto \
    --cycle-min 60 --cycle-max 120 --seeds "$seeds" --table "$out/$name-tune.md" --plan "$out/$name-tuned.json" >/dev/null
  cat "$out/$name-tune.md"
  cycle=$(python3 -c 'import json,sys; print(int(json.load(open(sys.argv[1]))["cycle_s"]))' "$out/$name-tuned.json")
}

td=sim/traffic/greenwave/testdata
duarouter -n "$td/arterial.net.xml" -r "$td/arterial.flows.xml" -o "$out/arterial.rou.xml" --no-step-log >/dev/null
echo "## Test arterial, the net's 90 s cycle"
"$out/greenwave-judge" -net "$td/arterial.net.xml" -routes "$out/arterial.rou.xml" -dir "$out/arterial" -seeds "$seeds"
echo
echo "## Test arterial, common cycle chosen in 60–120 s"
"$out/greenwave-judge" -net "$td/arterial.net.xml" -routes "$out/arterial.rou.xml" -dir "$out/arterial-cycle" -seeds "$seeds" -cycle-min 60 -cycle-max 120
echo
echo "## Test arterial, common cycle chosen by simulation (twin greenwave --cycle auto, 60–120 s)"
tuned arterial "$td/arterial.net.xml" "$out/arterial.rou.xml"
echo
"$out/greenwave-judge" -net "$td/arterial.net.xml" -routes "$out/arterial.rou.xml" -dir "$out/arterial-tuned" -seeds "$seeds" -cycle-min "$cycle" -cycle-max "$cycle"

bologna=../shared/data/sumo/bologna-acosta
if [ -d "$bologna" ] && [ -z "${SKIP_BOLOGNA:-}" ]; then
  echo
  echo "## Bologna Acosta"
  "$out/greenwave-judge" -net "$bologna/acosta_buslanes.net.xml" -routes "$bologna/acosta.rou.xml" \
    -additional "$bologna/acosta_vtypes.add.xml,$bologna/acosta_tls.add.xml,$bologna/acosta_bus_stops.add.xml,$bologna/acosta_busses.add.xml" \
    -dir "$out/bologna" -seeds "$seeds" ${BOLOGNA_ARGS:-}
  echo
  echo "## Bologna Acosta, common cycle chosen by simulation (twin greenwave --cycle auto, 60–120 s)"
  tuned bologna "$bologna/acosta_buslanes.net.xml" "$bologna/acosta.rou.xml" \
    "$bologna/acosta_vtypes.add.xml,$bologna/acosta_tls.add.xml,$bologna/acosta_bus_stops.add.xml,$bologna/acosta_busses.add.xml"
  echo
  "$out/greenwave-judge" -net "$bologna/acosta_buslanes.net.xml" -routes "$bologna/acosta.rou.xml" \
    -additional "$bologna/acosta_vtypes.add.xml,$bologna/acosta_tls.add.xml,$bologna/acosta_bus_stops.add.xml,$bologna/acosta_busses.add.xml" \
    -dir "$out/bologna-tuned" -seeds "$seeds" -cycle-min "$cycle" -cycle-max "$cycle"
fi
