package drainage

import (
	"testing"
)

// BenchmarkMonacoStorm2h routes a 2-hour, 10-year Chicago design storm
// (peak at 40 %) on the embedded synthetic Monaco sewer for 2 hours of
// simulated time: one op is a whole run from New. Reports routing steps
// per wall second and the simulated-to-wall time ratio.
func BenchmarkMonacoStorm2h(b *testing.B) {
	m := monaco(b)
	storm := designStorm(b, 120)
	for _, bc := range []struct {
		name string
		r    Routing
	}{{"dynwave", DynamicWave}, {"kinwave", KinematicWave}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			steps := 0
			for b.Loop() {
				s, err := New(m, Rainfall{All: storm}, Options{Routing: bc.r})
				if err != nil {
					b.Fatal(err)
				}
				if err := s.Advance(7200); err != nil {
					b.Fatal(err)
				}
				n, _ := s.Steps()
				steps += n
				if e := s.MassBalance().RoutingError; e > 1 || e < -1 {
					b.Fatalf("continuity %.3f %%", e)
				}
			}
			sec := b.Elapsed().Seconds()
			b.ReportMetric(float64(steps)/sec, "steps/s")
			b.ReportMetric(7200*float64(b.N)/sec, "sim-s/s")
		})
	}
}
