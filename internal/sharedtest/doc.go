// Package sharedtest locates the third-party data set that tests read from
// ../shared/data (beside the checkout, as CI has it).
//
// A test that needs a file calls [Path]. When the data directory is absent
// the test is skipped with a clear message, except under CI=true, where a
// missing file fails the test: CI must never pass by skipping.
package sharedtest
