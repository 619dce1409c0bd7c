package greenwave

import (
	"math/rand/v2"
	"testing"
)

// benchCorridor is a seeded 10-signal corridor with mixed programs.
func benchCorridor() *Corridor {
	return randomCorridor(rand.New(rand.NewPCG(10, 10)), 10, 90)
}

// BenchmarkSolve10 optimises a 10-signal corridor (issue target: < 1 s)
// with each method, at the current cycle and over 60–120 s.
func BenchmarkSolve10(b *testing.B) {
	for _, bc := range []struct {
		name string
		opt  Options
	}{
		{"scan/fixed", Options{}},
		{"scan/60-120", Options{CycleMin: 60, CycleMax: 120, WholeSeconds: true}},
		{"milp/fixed", Options{Method: MILP}},
		{"milp/60-120", Options{CycleMin: 60, CycleMax: 120, WholeSeconds: true, Method: MILP}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			c := benchCorridor()
			b.ReportAllocs()
			var nodes int
			for b.Loop() {
				p, err := Solve(c, bc.opt)
				if err != nil {
					b.Fatal(err)
				}
				nodes = p.Nodes
			}
			b.ReportMetric(float64(nodes), "nodes")
		})
	}
}
