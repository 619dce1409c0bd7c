package inptest

import (
	"math"
	"testing"
)

func TestNear(t *testing.T) {
	tests := []struct {
		name   string
		a, b   float64
		rel    float64
		wantOK bool
	}{
		{"equal", 3, 3, 0, true},
		{"relative for large values", 1000, 1000.0001, 1e-6, true},
		{"outside relative", 1000, 1000.01, 1e-6, false},
		{"absolute below 1", 1e-9, 2e-9, 1e-6, true},
		{"two NaNs", math.NaN(), math.NaN(), 0, true},
		{"NaN and a number", math.NaN(), 1, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Near(tt.a, tt.b, tt.rel); got != tt.wantOK {
				t.Errorf("Near(%v, %v, %v) = %v", tt.a, tt.b, tt.rel, got)
			}
		})
	}
}

func TestLinesAndNames(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  [2]int
	}{
		{"none", nil, [2]int{0, 0}},
		{"space and tab", []string{"A 1", "A\t2", "B", "C 3 4"}, [2]int{4, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LinesAndNames(tt.lines); got != tt.want {
				t.Errorf("LinesAndNames(%q) = %v, want %v", tt.lines, got, tt.want)
			}
		})
	}
}
