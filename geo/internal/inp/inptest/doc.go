// Package inptest holds the test helpers the geo/swmm and geo/epanet tests
// share: the independent awk count of a file's sections, the bad-input
// table runner, fuzz seeding and the positioned-error check, the decode
// benchmark, and a relative float comparison.
//
// It is imported only by _test.go files; unlike the rest of geo it may run
// external commands (awk, through sharedtest.Tool) and read files of the
// shared data set (through sharedtest), because tests do. Shared data
// paths (rel) are relative to the shared data directory, as in
// internal/sharedtest: a missing file skips the test, or fails it under
// CI=true.
//
// Nothing here holds state; every helper is safe for concurrent use by
// parallel tests.
package inptest
