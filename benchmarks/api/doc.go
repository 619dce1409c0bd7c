// Package apibench is the harness that measures twin's Spatial API against
// PostGIS answering the same queries on the same buildings, in the same run
// (issue "Spatial API", Performance). It holds what the benchmarks, the
// harness program (benchmarks/cmd/apibench) and scripts/bench-api.sh share:
//
//   - the two cities: the embedded Monaco sample and the seeded synthetic
//     city of SyntheticBuildings, placed in UTM zone 32N (EPSG:32632) around
//     Monaco so that both have a geodetic CRS;
//   - the export of a city's buildings as lon/lat GeoJSON, which ogr2ogr
//     loads into PostGIS and `twin serve --data` loads back, so that both
//     sides answer from the same features;
//   - seeded query boxes and the items URLs built from them;
//   - the PostGIS side: the table preparation after ogr2ogr and the SQL that
//     answers an items page (ST_Intersects with the box, ordered by id, as a
//     FeatureCollection built in SQL) through a pgx pool;
//   - the twin side: the items route served in process by api.Server;
//   - result-set checks (the feature ids of both answers) and a
//     queries-per-second driver.
//
// Coordinates: boxes and exported geometries are lon/lat degrees (CRS84
// axis order); inside the World they are EPSG:32632 metres. Nothing here is
// a pass/fail timing test: timings are printed, and tests check only
// results. Types are safe for concurrent use where their doc says so.
package apibench
