package rain

import (
	"errors"
	"math"
	"testing"
)

func TestUniformAndBlocks(t *testing.T) {
	u := Uniform{MMh: 36, Start: 100, End: 3700}
	tests := []struct {
		name   string
		t0, t1 float64
		want   float64 // mm: 36 mm/h × overlap (s) / 3600
	}{
		{"inside", 200, 300, 1},
		{"straddles start", 0, 200, 1},
		{"whole", -1e6, 1e6, 36},
		{"after", 4000, 5000, 0},
		{"reversed", 300, 200, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := u.Depth(tc.t0, tc.t1); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("Uniform.Depth = %v, want %v", got, tc.want)
			}
			b := Blocks{{T0: 100, T1: 1900, MMh: 36}, {T0: 1900, T1: 3700, MMh: 36}}
			if got := b.Depth(tc.t0, tc.t1); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("Blocks.Depth = %v, want %v", got, tc.want)
			}
		})
	}
	if got := MeanIntensity(u, 1000, 600); math.Abs(got-36) > 1e-12 {
		t.Errorf("mean intensity %v, want 36", got)
	}
	if _, err := NewBlocks(0, 60, []float64{1, -1}); !errors.Is(err, ErrInvalid) {
		t.Errorf("negative intensity: %v", err)
	}
	if err := (Blocks{{0, 100, 1}, {50, 200, 1}}).Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("overlap: %v", err)
	}
}

// TestRecord checks SWMM 5's reading of gauge records (gage.c): a reading
// holds for one interval, zeros and gaps are dry, volumes are depths per
// interval, cumulative totals difference and restart.
func TestRecord(t *testing.T) {
	tests := []struct {
		name   string
		format string
		rs     []Reading
		want   Blocks
	}{
		{"intensity holds one interval", "INTENSITY", []Reading{{0, 60}, {3600, 60}, {3600, 0}},
			Blocks{{0, 300, 60}, {3600, 3900, 60}}},
		{"volume per 5 min", "VOLUME", []Reading{{0, 1}, {300, 2}},
			Blocks{{0, 300, 12}, {300, 600, 24}}},
		{"cumulative restarts", "CUMULATIVE", []Reading{{0, 1}, {300, 3}, {600, 0.5}},
			Blocks{{0, 300, 12}, {300, 600, 24}, {600, 900, 6}}},
		{"close readings start after the last ends", "INTENSITY", []Reading{{0, 10}, {100, 20}},
			Blocks{{0, 300, 10}, {300, 400, 20}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Record(tc.format, 300, tc.rs)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) != len(tc.want) {
				t.Fatalf("got %v, want %v", b, tc.want)
			}
			for i := range b {
				if math.Abs(b[i].T0-tc.want[i].T0) > 1e-9 || math.Abs(b[i].T1-tc.want[i].T1) > 1e-9 || math.Abs(b[i].MMh-tc.want[i].MMh) > 1e-9 {
					t.Fatalf("block %d = %v, want %v", i, b[i], tc.want[i])
				}
			}
		})
	}
	if _, err := Record("INTENSITY", 300, []Reading{{10, 1}, {0, 1}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("out of order: %v", err)
	}
}
