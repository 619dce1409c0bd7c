package osm

import (
	"math"
	"testing"
)

func TestParseLength(t *testing.T) {
	// 1 ft = 0.3048 m and 1 in = 0.0254 m exactly (international yard, 1959).
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12", 12, true},
		{"12 m", 12, true},
		{"12.5m", 12.5, true},
		{"12,5", 12.5, true},
		{"12.13 m", 12.13, true},
		{"7 metres", 7, true},
		{"40 ft", 12.192, true},
		{"40ft", 12.192, true},
		{"40'", 12.192, true},
		{"40 feet", 12.192, true},
		{`40'6"`, 12.192 + 0.1524, true},
		{`40' 6"`, 12.192 + 0.1524, true},
		{"0", 0, true},
		{"", 0, false},
		{"tall", 0, false},
		{"-3", 0, false},
		{"12 km", 0, false},
		{"1,200.5", 0, false},
		{"5000", 0, false},
		{`40'13"`, 0, false},
		{"1e3", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := ParseLength(tc.in)
			if ok != tc.ok || math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("ParseLength(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestParseLevels(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"4", 4, true}, {" 2.5 ", 2.5, true}, {"0", 0, true},
		{"-1", 0, false}, {"3;4", 0, false}, {"many", 0, false}, {"NaN", 0, false}, {"1000", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := ParseLevels(tc.in)
			if ok != tc.ok || got != tc.want {
				t.Errorf("ParseLevels(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}
