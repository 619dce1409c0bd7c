package dispatch

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"twin/sim/dispatch"
)

// BenchmarkRoute is one point-to-point fastest route (snapped points,
// path unpacked to edges and geometry). Target: < 100 µs on grid1M.
func BenchmarkRoute(b *testing.B) {
	for _, gc := range graphCases {
		b.Run(gc.name, func(b *testing.B) {
			bg := gc.get(b)
			n := len(bg.places)
			b.ReportAllocs()
			b.ResetTimer()
			defer reportCPU(b, cpuTime())
			for i := 0; i < b.N; i++ {
				_, err := bg.g.Route(bg.places[i%n], bg.places[(i*7+1)%n])
				if err != nil && !errors.Is(err, dispatch.ErrUnreachable) {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNearestOf50 is the travel time of 50 units to one incident
// (ManyToOne). Target: < 1 ms.
func BenchmarkNearestOf50(b *testing.B) {
	for _, gc := range graphCases {
		b.Run(gc.name, func(b *testing.B) {
			bg := gc.get(b)
			n := len(bg.places)
			units := bg.places[:50]
			b.ReportAllocs()
			b.ResetTimer()
			defer reportCPU(b, cpuTime())
			for i := 0; i < b.N; i++ {
				t, err := bg.g.ManyToOne(units, bg.places[50+i%(n-50)])
				if err != nil || len(t) != 50 {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkClosure is one closure applied live: a random road closed in
// both directions (a Graph.Apply with re-customization of what it
// reaches); the reopening is not timed. Target: < 50 ms.
func BenchmarkClosure(b *testing.B) {
	for _, gc := range graphCases {
		b.Run(gc.name, func(b *testing.B) {
			bg := gc.get(b)
			rng := rand.New(rand.NewPCG(9, 9))
			b.ReportAllocs()
			b.ResetTimer()
			defer reportCPU(b, cpuTime())
			for i := 0; i < b.N; i++ {
				e := rng.IntN(bg.g.NumEdges())
				ch := []dispatch.Change{{Edge: e, Closed: true}}
				if _, r := bg.g.EdgeWay(e); r >= 0 {
					ch = append(ch, dispatch.Change{Edge: r, Closed: true})
				}
				if err := bg.g.Apply(ch...); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				for k := range ch {
					ch[k].Closed = false
				}
				if err := bg.g.Apply(ch...); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}

// BenchmarkVertexPairs is what `twin route --pairs` does per pair: a
// route's cost and length between two graph vertices (VertexCost), on
// one goroutine.
func BenchmarkVertexPairs(b *testing.B) {
	for _, gc := range graphCases {
		b.Run(gc.name, func(b *testing.B) {
			bg := gc.get(b)
			rng := rand.New(rand.NewPCG(5, 5))
			nv := bg.g.NumVertices()
			pairs := make([][2]int, 1024)
			for i := range pairs {
				pairs[i] = [2]int{rng.IntN(nv), rng.IntN(nv)}
			}
			b.ReportAllocs()
			b.ResetTimer() // before ReportMetric: it drops reported metrics
			// The hierarchy's arcs: each carries two weights, two lengths
			// (float64) and its triangle.
			b.ReportMetric(float64(bg.g.Stats().Shortcuts), "cch-arcs")
			defer reportCPU(b, cpuTime())
			for i := 0; i < b.N; i++ {
				p := pairs[i%len(pairs)]
				if _, _, err := bg.g.VertexCost(p[0], p[1]); err != nil && !errors.Is(err, dispatch.ErrUnreachable) {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkIsochrone is the 5, 10 and 15 minute areas from one point
// (default options: 100 m buffer, 25 m cells).
func BenchmarkIsochrone(b *testing.B) {
	for _, gc := range graphCases[:2] {
		b.Run(gc.name, func(b *testing.B) {
			bg := gc.get(b)
			b.ReportAllocs()
			b.ResetTimer()
			defer reportCPU(b, cpuTime())
			for i := 0; i < b.N; i++ {
				if _, err := bg.g.Isochrones(bg.places[i%64], []float64{300, 600, 900}, dispatch.IsochroneOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// reportCPU reports the process CPU time per operation since cpu0, in µs
// (the closure benchmark's untimed reopenings included).
func reportCPU(b *testing.B, cpu0 time.Duration) {
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
}
