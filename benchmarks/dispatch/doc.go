// Package dispatch holds the routing benchmarks of sim/dispatch: one-to-one
// queries, the nearest of 50 units to an incident, closures applied live,
// batches of pairs, isochrones and the hierarchy's preprocessing, on the
// osrm-monaco and Helsinki extracts of ../shared/data and on a seeded
// synthetic road grid of a million nodes (built once per benchmark
// process: it takes a while). scripts/bench-dispatch.sh runs the
// comparison with pgRouting; pgcompare is its helper. README.md in the
// parent directory records the figures and the commands. Nothing here is
// a pass/fail timing test.
package dispatch
