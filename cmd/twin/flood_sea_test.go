package main

import (
	"errors"
	"math"
	"strings"
	"testing"

	"twin/geo"
)

// TestSeaLevel: --sea-level takes a level in metres or none; by default
// the sea is at 0 m when the DEM has a cell at or below 0 m (SRTM's sea),
// and there is none otherwise (no-data cells do not count).
func TestSeaLevel(t *testing.T) {
	nan := float32(math.NaN())
	coast := &geo.Grid{Cols: 3, Rows: 1, Data: []float32{0, 5, nan}}
	inland := &geo.Grid{Cols: 3, Rows: 1, Data: []float32{0.5, 5, nan}}
	tests := []struct {
		name, flag string
		dem        *geo.Grid
		want       float64 // NaN: no sea
		err        bool
	}{
		{"default on the coast", "", coast, 0, false},
		{"default inland", "", inland, math.NaN(), false},
		{"none", "none", coast, math.NaN(), false},
		{"NONE", " NONE ", coast, math.NaN(), false},
		{"level", "1.5", inland, 1.5, false},
		{"level in m", "-2m", coast, -2, false},
		{"not a number", "low", coast, 0, true},
		{"NaN", "NaN", coast, 0, true},
		{"infinite", "+Inf", coast, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z, err := seaLevel(tt.flag, tt.dem)
			if tt.err {
				if !errors.Is(err, errFloodUsage) {
					t.Fatalf("error %v, want a usage error", err)
				}
				return
			}
			switch {
			case err != nil:
				t.Fatal(err)
			case math.IsNaN(tt.want) && z != nil:
				t.Errorf("sea level %g, want none", *z)
			case !math.IsNaN(tt.want) && (z == nil || *z != tt.want):
				t.Errorf("sea level %v, want %g", z, tt.want)
			}
		})
	}
}

// FuzzSeaLevel: any --sea-level text either fails as a usage error naming
// the flag, or gives no sea or a finite level.
func FuzzSeaLevel(f *testing.F) {
	for _, s := range []string{"", "none", "0", "-1.5m", "1e400", "NaN", "low"} {
		f.Add(s)
	}
	dem := &geo.Grid{Cols: 1, Rows: 1, Data: []float32{-1}}
	f.Fuzz(func(t *testing.T, s string) {
		z, err := seaLevel(s, dem)
		switch {
		case err != nil:
			if !errors.Is(err, errFloodUsage) || !strings.Contains(err.Error(), "--sea-level") {
				t.Fatalf("%q: error %v", s, err)
			}
		case z != nil && (math.IsNaN(*z) || math.IsInf(*z, 0)):
			t.Fatalf("%q: level %g", s, *z)
		}
	})
}
