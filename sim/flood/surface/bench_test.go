package surface

import (
	"fmt"
	"math"
	"testing"

	"twin/geo"
)

// wetModel is a fully wet n × n grid of 5 m cells: a bed tilted 1:1000
// with seeded hills under 2 m of water, Manning's n per cell (0.013 on
// every tenth row, a road; 0.035 elsewhere), closed edges. Every face
// carries flow.
func wetModel(n int) Model {
	g := bumpyBed(9, n, n, 5, 0)
	depth := make([]float32, n*n)
	rough := make([]float32, n*n)
	for i := range g.Data {
		r, c := i/n, i%n
		g.Data[i] *= 0.3
		g.Data[i] += float32(0.001 * 5 * float64(c))
		depth[i] = float32(2 + 0.2*math.Sin(float64(r)/7))
		rough[i] = 0.035
		if r%10 == 0 {
			rough[i] = 0.013
		}
	}
	return Model{DEM: g, Depth: depth, Roughness: rough}
}

// BenchmarkStep times one step on a fully wet 1000 × 1000 grid and reports
// million cell updates per second (Mcells/s), the memory traffic that
// implies (GB/s, counted as BenchmarkTriad counts it; see stepBytes), and
// million cell updates per CPU second of the process (Mcells/cpu-s), which
// other work on the machine disturbs less than wall time.
func BenchmarkStep(b *testing.B) {
	m := wetModel(1000)
	for _, p := range []Precision{Float32, Float64} {
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("%v/workers=%d", p, w), func(b *testing.B) {
				s, err := New(m, Options{Precision: p, Workers: w})
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				for range 5 { // warm up, let the flow develop
					s.Step(0)
				}
				b.ReportAllocs()
				b.ResetTimer()
				cpu0 := cpuSeconds()
				for b.Loop() {
					if _, err := s.Step(0); err != nil {
						b.Fatal(err)
					}
				}
				rate := float64(b.N) * 1e6 / b.Elapsed().Seconds()
				b.ReportMetric(rate/1e6, "Mcells/s")
				b.ReportMetric(rate*stepBytes(p)/1e9, "GB/s")
				if cpu := cpuSeconds() - cpu0; cpu > 0 {
					b.ReportMetric(float64(b.N)/cpu, "Mcells/cpu-s")
				}
			})
		}
	}
}

// BenchmarkStepPartlyDry is BenchmarkStep's grid with the water held in the
// northern 100 rows by a 10 m step in the bed: nine rows in ten are dry,
// and their faces are skipped. Mcells/s counts every cell of the grid.
func BenchmarkStepPartlyDry(b *testing.B) {
	const n = 1000
	m := wetModel(n)
	for i := range m.Depth {
		if i/n >= 100 {
			m.Depth[i] = 0
			m.DEM.Data[i] += 10
		}
	}
	s, err := New(m, Options{Workers: 2})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for range 5 {
		s.Step(0)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Step(0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*n*n/b.Elapsed().Seconds()/1e6, "Mcells/s")
}

// keep geo imported for helpers shared with other benchmarks.
var _ = geo.Grid{}
