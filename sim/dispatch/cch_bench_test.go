package dispatch

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// BenchmarkClosureTopSeparator closes, one at a time and both ways, the
// edges highest in the hierarchy of the 1M-node synthetic grid (their
// lower end's rank: the top separators, whose changes reach the most
// arcs), each reopened untimed: the worst case of Graph.Apply's partial
// re-customization and perfect-customization repair, against the 50 ms
// target. It reports the worst closure and the full perfect
// customizations the repairs fell back to. Builds the grid first (about
// 40 s).
//
//	go test ./sim/dispatch -run '^$' -bench ClosureTopSeparator -benchtime 100x
func BenchmarkClosureTopSeparator(b *testing.B) {
	links, err := SyntheticGrid(rand.New(rand.NewPCG(1, 1)), GridOptions{})
	if err != nil {
		b.Fatal(err)
	}
	g, err := NewGraph(links, nil, GraphOptions{})
	if err != nil {
		b.Fatal(err)
	}
	c := g.cch
	edges := make([]int, g.NumEdges())
	low := func(e int) int32 { return min(c.rank[g.rt.tail[e]], c.rank[g.rt.head[e]]) }
	for e := range edges {
		edges[e] = e
	}
	slices.SortStableFunc(edges, func(x, y int) int { return int(low(y) - low(x)) })
	full := c.fullRepairs
	var worst time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e := edges[i%len(edges)]
		ch := []Change{{Edge: e, Closed: true}}
		if _, r := g.EdgeWay(e); r >= 0 {
			ch = append(ch, Change{Edge: r, Closed: true})
		}
		t0 := time.Now()
		if err := g.Apply(ch...); err != nil {
			b.Fatal(err)
		}
		worst = max(worst, time.Since(t0))
		b.StopTimer()
		for k := range ch {
			ch[k].Closed = false
		}
		if err := g.Apply(ch...); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(worst.Microseconds())/1000, "worst-ms")
	b.ReportMetric(float64(c.fullRepairs-full), "full-repairs")
}
