#!/usr/bin/env bash
# Runs `twin flood` end to end and prints the figures of benchmarks/README.md
# ("Urban flood — twin flood"):
#   1. UK Environment Agency test 4 through `twin flood --lisflood` for the
#      full 5 h, its .stage compared gauge by gauge with LISFLOOD-FP 8's
#      1 m ACC reference (peak depth, arrival of 1 cm);
#   2. a 100-year Chicago storm on the embedded sample city (city mode).
# Usage: benchmarks/flood-cli.sh [WORKDIR]   (needs ../shared/data beside the
# checkout, or TWIN_SHARED_DATA)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${TWIN_SHARED_DATA:-$root/../shared/data}/flood/ea-test4-lisflood8
work=${1:-$(mktemp -d)}
mkdir -p "$work/ea4"
go build -o "$work/twin" "$root/cmd/twin"
cp "$data"/ea4.par "$data"/ea4.bci "$data"/ea4.bdy "$data"/ea4.stage "$work/ea4/"
# The flat DEM the data README asks for: 200 × 400 cells of 5 m at 0 m,
# lower-left corner (0, 0).
{
  printf 'ncols 200\nnrows 400\nxllcorner 0\nyllcorner 0\ncellsize 5\nNODATA_value -9999\n'
  awk 'BEGIN { row = ""; for (c = 0; c < 200; c++) row = row (c ? " " : "") "0"; for (r = 0; r < 400; r++) print row }'
} >"$work/ea4/ea4.dem"

echo "== EA test 4, twin flood --lisflood (18000 s)"
/usr/bin/time -f "wall %e s, max RSS %M kB" "$work/twin" -q flood --lisflood "$work/ea4/ea4.par" --out "$work/ea4-out" --workers 2
# peak and arrival (1 cm, linear between outputs) per gauge of a .stage file
figures() {
  awk '/^Time; stages/ { on = 1; next }
       on && NF > 1 { t = $1
         for (g = 2; g <= NF; g++) {
           if ($g > peak[g]) peak[g] = $g
           if (!(g in arr) && $g >= 0.01) arr[g] = (g in prev) && $g > prev[g] ? pt + (0.01 - prev[g]) / ($g - prev[g]) * (t - pt) : t
           prev[g] = $g
         }
         pt = t; n = NF }
       END { for (g = 2; g <= n; g++) printf "%d %.4f %.0f\n", g - 1, peak[g], arr[g] }' "$1"
}
join <(figures "$work/ea4-out/ea4.stage") <(figures "$data/reference-ea4-1m-acc.stage") |
  awk 'BEGIN { print "gauge  peak (m)  ref (m)   diff (m)  arrival (s)  ref (s)  diff (s)" }
       { printf "%5d  %8.4f  %7.4f  %+8.4f  %11.0f  %7.0f  %+8.0f\n", $1, $2, $4, $2 - $4, $3, $5, $3 - $5 }'

echo "== Sample city, 100-year Chicago storm (2 h, r = 0.4), 2 h simulated, 10 m cells"
/usr/bin/time -f "wall %e s, max RSS %M kB" "$work/twin" -q flood \
  --rain chinese:A1=12,C=0.8,b=8,n=0.7,P=100,r=0.4,T=2h --duration 7200 --out "$work/city-out" --workers 2 --json |
  awk '/"(sim_time_s|steps|cols|rows|flooded_area_m2|land_area_m2|sea_level_m|max_depth_m|in_m3|out_m3|stored_m3|mass_balance_error_percent|flooded_roads|affected_buildings)"/'
ls "$work/city-out" | wc -l | xargs echo "files written:"
