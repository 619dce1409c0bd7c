package urban

import (
	"context"
	"slices"
	"testing"
)

// BenchmarkStreetInterval times one exchange interval (5 s) of the
// synthetic street during its storm.
func BenchmarkStreetInterval(b *testing.B) {
	s := newStreet()
	in := Inputs{DEM: s.dem, Sewer: s.sewer(nil), Rain: constRain(50)}
	m, err := New(in, Options{CellSize: 5, ClosedEdges: true})
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	b.ReportAllocs()
	for b.Loop() {
		if err := m.Step(1e12); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMonacoDesignStorm runs the sample city at 10 m cells under a
// 60-minute Chicago storm of Beijing's 100-year formula for 90 minutes,
// one run per iteration, and reports the outcome with the time: among it
// the road cells whose maximum depth breaks the bound of
// TestMonacoDesignStorm (bare depression + 0.15 m + 1.5 m).
func BenchmarkMonacoDesignStorm(b *testing.B) {
	mo := loadMonaco(b)
	b.ReportAllocs()
	for b.Loop() {
		m, _ := monacoStorm(b, mo, 10, 60)
		if err := m.Run(context.Background(), 5400, nil); err != nil {
			b.Fatal(err)
		}
		mb := m.MassBalance()
		md := m.MaxDepth(nil)
		closed := 0
		links := m.FloodedLinks(md, 0, 0)
		for _, l := range links {
			if l.Closed {
				closed++
			}
		}
		sur := 0
		for _, n := range m.NodeStats() {
			if n.Surcharged() {
				sur++
			}
		}
		g := m.Grid()
		_, bare := spillDepths(m)
		over := 0
		for c := range md {
			if m.Road(c) && !m.Blocked(c) && !m.Sea(c) && float64(md[c])-bare[c] > DefaultPocketDepth+roadDepthMargin {
				over++
			}
		}
		b.ReportMetric(float64(g.Cols*g.Rows), "cells")
		b.ReportMetric(float64(m.Passages()), "passages")
		b.ReportMetric(m.FloodExtent(md, 0.1).Area/1e6, "flooded-km2")
		b.ReportMetric(float64(slices.Max(md)), "max-depth-m")
		b.ReportMetric(float64(over), "roads-over-bound")
		b.ReportMetric(float64(m.surf.Steps()), "surface-steps")
		b.ReportMetric(mb.ErrorPercent, "mass-err-%")
		b.ReportMetric(mb.Rain, "rain-m3")
		b.ReportMetric(mb.Captured, "inlet-m3")
		b.ReportMetric(mb.Overflow, "overflow-m3")
		b.ReportMetric(float64(sur), "surcharged-nodes")
		b.ReportMetric(float64(len(links)), "slowed-links")
		b.ReportMetric(float64(closed), "closed-links")
		b.ReportMetric(float64(len(m.AffectedBuildings(md, 0))), "buildings")
		m.Close()
	}
}
