// Command apibench is the Go half of scripts/bench-api.sh: it exports a
// city's buildings for ogr2ogr, prepares the PostGIS table, writes the
// request lists that wrk rotates through, compares twin's answers with
// PostGIS's, and measures twin's in-process items route against PostGIS
// through pgx (queries per second, same boxes, same run).
//
//	apibench export  -city monaco|synthetic [-n N] -o FILE
//	apibench prepare -db URL -raw TABLE -table TABLE
//	apibench paths   -city C [-n N] [-side M] [-limit L | -tiles Z] -o FILE
//	apibench engine  -db URL -city C -table TABLE [-side M] [-workers W] [-duration D] [-check N]
//	apibench check   -a URL -b URL -paths FILE [-n N]
//	apibench serve   -city C [-addr A] [-cpuprofile FILE] [-for D]   (profiling)
//
// Cities: "monaco" is the embedded sample city, "synthetic" the seeded
// synthetic city of -n buildings (default 1,000,000, seed 1) in EPSG:32632.
package main
