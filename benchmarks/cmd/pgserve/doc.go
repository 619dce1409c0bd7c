// Command pgserve is the PostGIS side of the service-level API benchmark: a
// minimal Go HTTP server whose every answer comes from PostGIS through a pgx
// pool, on the routes twin serves (apibench.Handler):
//
//	pgserve -db URL -table buildings_monaco [-addr 127.0.0.1:8091] [-conns 8]
//
// GET /collections/buildings/items?bbox=…&limit=…&offset=… and
// GET /tiles/{z}/{x}/{y}.mvt. It stops on SIGINT or SIGTERM.
package main
