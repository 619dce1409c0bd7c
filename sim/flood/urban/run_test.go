package urban

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"twin/sim/flood/rain"
)

func TestOptionsValidate(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		o    Options
		ok   bool
	}{
		{"zero", Options{}, true},
		{"negative cell", Options{CellSize: -1}, false},
		{"NaN exchange", Options{Exchange: nan}, false},
		{"infinite weir", Options{Inlet: Inlet{Weir: math.Inf(1)}}, false},
		{"building mode", Options{Buildings: 7}, false},
		{"NaN sea", Options{SeaLevel: &nan}, false},
		{"surface CFL", Options{Surface: surfaceCFL(2)}, false},
		{"negative pocket depth", Options{PocketDepth: -0.1}, false},
		{"pockets kept", Options{KeepPockets: true, PocketDepth: 0.3}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.o.Validate()
			if (err == nil) != tc.ok {
				t.Errorf("Validate() = %v, want ok %v", err, tc.ok)
			}
		})
	}
}

// TestRunCancel: a cancelled context stops Run between intervals with an
// error wrapping context.Canceled; the model runs on afterwards.
func TestRunCancel(t *testing.T) {
	s := newStreet()
	m, err := New(Inputs{DEM: s.dem, Sewer: s.sewer(t), Rain: rain.Uniform{MMh: 20, End: 600}}, Options{CellSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err = m.Run(ctx, 600, func(p Progress) {
		calls++
		if p.Time >= 100 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || m.Time() != 100 || calls != 20 {
		t.Fatalf("Run = %v at t = %g after %d calls, want context.Canceled at 100 s after 20 (5 s intervals)", err, m.Time(), calls)
	}
	if err := m.Run(context.Background(), 600, nil); err != nil || m.Time() != 600 {
		t.Fatalf("run on: %v at %g s", err, m.Time())
	}
	if n := len(m.Series().Times); n != 11 {
		t.Errorf("%d series samples, want 11 (0, 60, …, 600 s)", n)
	}
}

// TestRainGauges: two gauges rain on the halves of a flat closed 60 m ×
// 60 m grid nearest to them (10 and 30 mm/h for an hour), with 5 mm/h
// uniform rain on top: 1800 m² × (15 + 35) mm = 90 m³ (analytic).
func TestRainGauges(t *testing.T) {
	west := rain.Gauge{Name: "w", Pt: orb.Point{10, 30}, HasPt: true, Rain: rain.Blocks{{T0: 0, T1: 3600, MMh: 10}}}
	east := rain.Gauge{Name: "e", Pt: orb.Point{50, 30}, HasPt: true, Rain: rain.Blocks{{T0: 0, T1: 3600, MMh: 30}}}
	nowhere := rain.Gauge{Name: "x", Rain: rain.Blocks{{T0: 0, T1: 3600, MMh: 1000}}}
	in := Inputs{DEM: flat(12, 12, 5, 0), RainGauges: []rain.Gauge{west, east, nowhere}, Rain: rain.Uniform{MMh: 5, End: 3600}}
	m, err := New(in, Options{CellSize: 5, ClosedEdges: true})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.Run(context.Background(), 3600, nil); err != nil {
		t.Fatal(err)
	}
	if b := m.MassBalance(); !closeRel(b.Rain, 90, 1e-6, 0) {
		t.Errorf("rain %.6f m³, want 90", b.Rain)
	}
}
