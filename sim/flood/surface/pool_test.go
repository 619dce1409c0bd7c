package surface

import (
	"testing"
	"time"
)

// TestPool: every band runs exactly once per phase, with the phase posted,
// for back-to-back phases and with pauses between them, and stop may be
// called more than once (expected counts are exact).
func TestPool(t *testing.T) {
	for _, tc := range []struct {
		name    string
		workers int
		pause   time.Duration
	}{
		{"one", 1, 0},
		{"back-to-back", 3, 0},
		{"paused", 3, 2 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const phases = 50
			counts := make([][2]int, tc.workers) // per band: runs, Σ phase
			p := newPool(tc.workers, func(phase, band int) {
				counts[band][0]++
				counts[band][1] += phase
			})
			defer p.stop()
			want := 0
			for ph := range phases {
				p.do(ph)
				want += ph
				if tc.pause > 0 {
					time.Sleep(tc.pause)
				}
			}
			for b, c := range counts {
				if c[0] != phases || c[1] != want {
					t.Errorf("band %d: %d runs (want %d), phase sum %d (want %d)", b, c[0], phases, c[1], want)
				}
			}
			p.stop()
			p.stop()
		})
	}
}
