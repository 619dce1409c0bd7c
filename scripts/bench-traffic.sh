#!/usr/bin/env bash
# Traffic performance against SUMO in the same run: a GRID×GRID signalized
# netgenerate grid (200 m blocks, 2 lanes, --tls.guess) with randomTrips
# demand (PERIOD s between departures: 0.12 s gives 30,000 trips in an
# hour), vType sigma 0 and speedDev 0 as in the agreement checks. Runs SUMO
# and `twin traffic` (1 worker, then one per CPU) on the same files and
# prints vehicle updates per second by wall-clock and by CPU time, and the
# trip statistics side by side.
# Usage: scripts/bench-traffic.sh   (GRID=20 PERIOD=0.12 END=3600; needs sumo, sumo-tools)
set -euo pipefail
cd "$(dirname "$0")/.."
export SUMO_HOME=${SUMO_HOME:-/usr/share/sumo}
GRID=${GRID:-20} PERIOD=${PERIOD:-0.12} END=${END:-3600}
work=${WORK:-$(mktemp -d)}
go build -o "$work/twin" ./cmd/twin
go build -o "$work/tripstats" ./benchmarks/traffic/tripstats
netgenerate --grid --grid.number "$GRID" --grid.length 200 --default.lanenumber 2 --tls.guess \
  --grid.attach-length 200 -o "$work/grid.net.xml" --no-warnings >/dev/null
python3 "$SUMO_HOME/tools/randomTrips.py" -n "$work/grid.net.xml" -o "$work/trips.xml" -r "$work/r.xml" \
  --period "$PERIOD" --end "$END" --seed 3 --fringe-factor 10 --validate \
  --trip-attributes 'type="car" departLane="best"' >/dev/null 2>&1
sed -n '/^<routes/,$p' "$work/r.xml" | sed 's#^\(<routes[^>]*>\)#\1\n    <vType id="car" sigma="0" speedDev="0"/>#' >"$work/grid.rou.xml"
echo "trips: $(grep -c '<vehicle' "$work/grid.rou.xml")"

/usr/bin/time -f '%e %U %S' -o "$work/sumo.time" sumo -n "$work/grid.net.xml" -r "$work/grid.rou.xml" --end "$END" \
  --no-step-log --no-warnings --duration-log.statistics --tripinfo-output "$work/sumo.xml" >"$work/sumo.log" 2>&1
for w in 1 -1; do
  /usr/bin/time -f '%e %U %S' -o "$work/twin$w.time" "$work/twin" traffic --sumo-net "$work/grid.net.xml" \
    --routes "$work/grid.rou.xml" --end "$END" --workers "$w" --json --tripinfo "$work/twin$w.xml" >"$work/twin$w.json"
done

ups=$(sed -n 's/^ *UPS: *//p' "$work/sumo.log")
dur=$(sed -n 's/^ *Duration: *\([0-9.]*\)s$/\1/p' "$work/sumo.log" | head -1)
sumo_updates=$(python3 -c "print(round($ups * $dur))")
row() { # label updates wall-file
  read -r wall user sys <"$3"
  python3 -c "print('| $1 | %d | %.1f | %.1f | %.0f | %.0f |' % ($2, $wall, $user + $sys, $2 / $wall, $2 / ($user + $sys)))"
}
echo
echo "| run | vehicle updates | wall (s) | CPU (s) | updates/s (wall) | updates/s (CPU) |"
echo "|---|---:|---:|---:|---:|---:|"
row "SUMO $(sumo --version | head -1 | awk '{print $NF}')" "$sumo_updates" "$work/sumo.time"
for w in 1 -1; do
  n=$(sed -n 's/.*"vehicle_steps": *\([0-9]*\).*/\1/p' "$work/twin$w.json")
  label="twin, 1 worker"; [ "$w" = -1 ] && label="twin, $(nproc) workers"
  row "$label" "$n" "$work/twin$w.time"
done
echo
"$work/tripstats" -header -ref sumo -scenario "grid ${GRID}×${GRID}" sumo="$work/sumo.xml" twin="$work/twin1.xml"
echo "(files in $work)"
