// Package greenwave judges twin's green-wave plans with SUMO itself: on the
// same network and routes it runs SUMO with the net's own offsets, with
// seeded random offsets (uncoordinated), with the offsets of SUMO's
// tools/tlsCoordinator.py and with twin's MAXBAND plan, and reports SUMO's
// mean stops and travel times over all vehicles and per corridor
// direction. scripts/greenwave-judge.sh runs the full comparison
// (cmd/greenwave-judge); the test runs a smaller one on the test arterial
// and asserts the requirement of issue 5: twin's plan beats tlsCoordinator
// on mean stops and mean travel time over all vehicles, and improves both
// directions over uncoordinated offsets.
package greenwave
