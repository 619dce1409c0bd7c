#!/usr/bin/env bash
# Regenerates the SUMO comparison scenarios in this directory (see README.md).
# Needs SUMO (netconvert, netgenerate, duarouter, randomTrips.py) with
# SUMO_HOME=/usr/share/sumo. The outputs are committed, so tests do not depend
# on randomTrips' version.
set -euo pipefail
cd "$(dirname "$0")"
export SUMO_HOME=${SUMO_HOME:-/usr/share/sumo}
RT="python3 $SUMO_HOME/tools/randomTrips.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# (a) Arterial: 8 fixed-time signals at unequal spacing along x, a 250 m
# cross street north and south of each, one lane per direction.
xs=(0 180 430 600 900 1050 1350 1600)
{
  echo '<nodes>'
  echo '  <node id="W" x="-300" y="0" type="priority"/>'
  echo '  <node id="E" x="1900" y="0" type="priority"/>'
  for i in "${!xs[@]}"; do
    x=${xs[$i]}
    echo "  <node id=\"J$i\" x=\"$x\" y=\"0\" type=\"traffic_light\"/>"
    echo "  <node id=\"N$i\" x=\"$x\" y=\"250\" type=\"priority\"/>"
    echo "  <node id=\"S$i\" x=\"$x\" y=\"-250\" type=\"priority\"/>"
  done
  echo '</nodes>'
} >"$tmp/art.nod.xml"
{
  echo '<edges>'
  prev=W
  for i in "${!xs[@]}"; do
    echo "  <edge id=\"${prev}J$i\" from=\"$prev\" to=\"J$i\" numLanes=\"1\" speed=\"13.89\" priority=\"3\"/>"
    echo "  <edge id=\"J${i}${prev}\" from=\"J$i\" to=\"$prev\" numLanes=\"1\" speed=\"13.89\" priority=\"3\"/>"
    echo "  <edge id=\"N${i}J$i\" from=\"N$i\" to=\"J$i\" numLanes=\"1\" speed=\"11.11\" priority=\"1\"/>"
    echo "  <edge id=\"J${i}N$i\" from=\"J$i\" to=\"N$i\" numLanes=\"1\" speed=\"11.11\" priority=\"1\"/>"
    echo "  <edge id=\"S${i}J$i\" from=\"S$i\" to=\"J$i\" numLanes=\"1\" speed=\"11.11\" priority=\"1\"/>"
    echo "  <edge id=\"J${i}S$i\" from=\"J$i\" to=\"S$i\" numLanes=\"1\" speed=\"11.11\" priority=\"1\"/>"
    prev=J$i
  done
  echo "  <edge id=\"${prev}E\" from=\"$prev\" to=\"E\" numLanes=\"1\" speed=\"13.89\" priority=\"3\"/>"
  echo "  <edge id=\"E${prev}\" from=\"E\" to=\"$prev\" numLanes=\"1\" speed=\"13.89\" priority=\"3\"/>"
  echo '</edges>'
} >"$tmp/art.edg.xml"
netconvert --node-files "$tmp/art.nod.xml" --edge-files "$tmp/art.edg.xml" \
  --tls.default-type static --tls.cycle.time 60 --offset.disable-normalization \
  -o arterial.net.xml --no-warnings

# (b) Grid: 5×5 signalized junctions, 200 m blocks, 2 lanes.
netgenerate --grid --grid.number 5 --grid.length 200 --default.lanenumber 2 \
  --grid.attach-length 200 --tls.guess \
  -o grid5.net.xml --no-warnings

vtype='<vType id="car" sigma="0" speedDev="0"/>'
route() { # net period end seed out
  $RT -n "$1" -o "$tmp/trips.xml" -r "$tmp/routes.xml" --period "$2" --end "$3" \
    --seed "$4" --fringe-factor 20 --min-distance 300 --validate \
    --trip-attributes 'type="car" departLane="best"' >/dev/null
  sed -n '/^<routes/,$p' "$tmp/routes.xml" | sed "s#^\(<routes[^>]*>\)#\1\n    $vtype#" >"$5"
}
route arterial.net.xml 3 1800 7 arterial.rou.xml
route grid5.net.xml 1.5 1800 11 grid5.rou.xml
