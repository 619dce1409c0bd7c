package osm

import (
	"math"
	"testing"
)

func TestParseMaxSpeed(t *testing.T) {
	// Expected values: km/h ÷ 3.6; 1 mph = 1609.344 m / 3600 s (exact by
	// definition of the international mile); 1 knot = 1852 m / 3600 s.
	tests := []struct {
		in   string
		want float64 // m/s; 0 means not ok
	}{
		{"50", 50 / 3.6},
		{" 50 ", 50 / 3.6},
		{"50 km/h", 50 / 3.6},
		{"50km/h", 50 / 3.6},
		{"50 kmh", 50 / 3.6},
		{"50 kph", 50 / 3.6},
		{"30 mph", 13.4112},
		{"30mph", 13.4112},
		{"10 knots", 10 * 1852.0 / 3600},
		{"12.5", 12.5 / 3.6},
		{"50;30", 50 / 3.6},
		{"none", 130 / 3.6},
		{"walk", 6 / 3.6},
		{"FR:urban", 50 / 3.6},
		{"FR:rural", 80 / 3.6},
		{"DE:rural", 100 / 3.6},
		{"DE:motorway", 130 / 3.6},
		{"RU:urban", 60 / 3.6},
		{"GB:nsl_single", 60 * 1609.344 / 3600},
		{"fr:urban", 50 / 3.6},
		{"XX:urban", 50 / 3.6},
		{"XX:rural", 90 / 3.6},
		{"DE:zone30", 30 / 3.6},
		{"DE:zone:20", 20 / 3.6},
		{"signals", 0},
		{"variable", 0},
		{"", 0},
		{"0", 0},
		{"-30", 0},
		{"50 furlongs", 0},
		{"1000", 0},
		{"XX:moon", 0},
		{"NaN", 0},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := ParseMaxSpeed(tc.in)
			if ok != (tc.want != 0) {
				t.Fatalf("ParseMaxSpeed(%q) ok = %v, want %v", tc.in, ok, tc.want != 0)
			}
			if math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("ParseMaxSpeed(%q) = %v m/s, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestDefaultSpeed(t *testing.T) {
	// Figures of OSRM's car profile (profiles/car.lua, speeds.highway) and
	// foot profile (walking_speed), km/h.
	tests := []struct {
		class string
		kmh   float64
	}{
		{"motorway", 90}, {"primary", 65}, {"residential", 25}, {"living_street", 10},
		{"service", 15}, {"footway", 5}, {"no_such_class", 5},
	}
	for _, tc := range tests {
		t.Run(tc.class, func(t *testing.T) {
			if got := DefaultSpeed(tc.class) * 3.6; math.Abs(got-tc.kmh) > 1e-9 {
				t.Errorf("DefaultSpeed(%q) = %v km/h, want %v", tc.class, got, tc.kmh)
			}
		})
	}
	for class := range drivableClasses {
		if _, ok := defaultSpeedKmh[class]; !ok {
			t.Errorf("drivable class %q has no default speed", class)
		}
	}
}
