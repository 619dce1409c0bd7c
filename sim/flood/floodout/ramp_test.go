package floodout

import "testing"

// TestRampTop: the default ramp top is the 99th percentile of the wet
// depths rounded up to 1, 1.5, 2, 2.5 or 5 × 10ⁿ: for depths 0.01 …
// 1.00 m in 0.01 m steps plus one 50 m pit the percentile is 0.99 m (index
// 99·100/100 = 99 of 101 sorted values, 1.00 m) → 1 m; the pit is ignored.
func TestRampTop(t *testing.T) {
	var d []float32
	for i := 1; i <= 100; i++ {
		d = append(d, float32(i)/100)
	}
	d = append(d, 50, 0, 0)
	if got := rampTop(d, 0.01); got != 1 {
		t.Errorf("rampTop = %g, want 1", got)
	}
	for _, tt := range []struct{ v, want float64 }{{0.012, 0.015}, {0.3, 0.5}, {2.2, 2.5}, {7, 10}, {1, 1}} {
		if got := niceTop(tt.v); got != tt.want {
			t.Errorf("niceTop(%g) = %g, want %g", tt.v, got, tt.want)
		}
	}
}
