package swmm

import (
	"strings"
	"testing"

	"twin/geo/internal/inp/inptest"
	"twin/internal/sharedtest"
)

// sharedExamples are the SWMM models in the shared data set.
var sharedExamples = []string{
	"pipes/swmm/swmmanywhere-bellinge_small.inp",
	"pipes/swmm/usepa-swmm-Example1.inp",
	"pipes/swmm/usepa-swmm-Example2.inp",
	"pipes/swmm/usepa-swmm-Example3.inp",
	"pipes/swmm/usepa-swmm-Example4.inp",
	"pipes/swmm/usepa-swmm-Example5.inp",
	"pipes/swmm/usepa-swmm-Example6.inp",
}

// decodeShared decodes a file of the shared data set (skipping when absent).
func decodeShared(t testing.TB, rel string) *Model {
	t.Helper()
	f := sharedtest.Open(t, rel)
	m, err := Decode(f, rel[strings.LastIndexByte(rel, '/')+1:], Options{})
	if err != nil {
		t.Fatalf("Decode(%s): %v", rel, err)
	}
	return m
}

// decodeString decodes an in-memory model.
func decodeString(t testing.TB, src string) *Model {
	t.Helper()
	m, err := Decode(strings.NewReader(src), "test.inp", Options{})
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return m
}

// near is inptest.Near: a and b agree to a relative tolerance rel
// (absolute for values below 1).
func near(a, b, rel float64) bool { return inptest.Near(a, b, rel) }
