// Package benchmarks holds twin's performance suites: loading real city
// extracts, indexing a seeded synthetic city of a million buildings, and the
// spatial queries other services call most (bbox, k nearest). Run them with
// `make bench` (or `go test -bench=. -benchmem ./benchmarks/`) and compare
// runs with benchstat; README.md records the figures and the commands that
// produced them. Nothing here is a pass/fail timing test.
package benchmarks
