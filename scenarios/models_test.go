package scenarios

import (
	"math"
	"testing"
	"time"
)

// TestDepthSpeedFactor checks the depth–disruption function against
// Pregnolato et al. (2017): v(d) = 0.0009·d² − 0.5529·d + 86.9448 km/h,
// d in mm, evaluated by hand.
func TestDepthSpeedFactor(t *testing.T) {
	tests := []struct{ depth, want float64 }{
		{0, 1},
		{0.005, 1},               // under 1 cm: dry
		{0.1, 40.6548 / 86.9448}, // 9 − 55.29 + 86.9448
		{0.2, 12.3648 / 86.9448}, // 36 − 110.58 + 86.9448
		{0.3, 0.05},              // 2.0748 km/h, floored at 5 %
		{0.31, 0.05},             // past the fit's minimum at 307 mm
		{1, 0.05},                // the quadratic would give 434 km/h
	}
	for _, tc := range tests {
		if got := depthSpeedFactor(tc.depth); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("depth %.3f m: %.6f, want %.6f", tc.depth, got, tc.want)
		}
	}
}

// TestFullBore: Manning's full-bore flow of a 1 m circular pipe, n 0.013,
// slope 0.001: A = π/4, R = 0.25 m, Q = A·R^(2/3)·√S/n = 0.75817 m³/s
// (by hand); the least slope applies to flat pipes.
func TestFullBore(t *testing.T) {
	if q := fullBore(1, 0.013, 0.001); math.Abs(q-0.75817) > 1e-4 {
		t.Errorf("Q = %.5f m³/s, want 0.75817", q)
	}
	if fullBore(1, 0.013, 0) != fullBore(1, 0.013, minPipeSlope) || fullBore(0, 0.013, 0.01) != 0 {
		t.Error("flat or empty pipe")
	}
	// Q scales as D^(8/3).
	if r := fullBore(2, 0.013, 0.01) / fullBore(1, 0.013, 0.01); math.Abs(r-math.Pow(2, 8.0/3)) > 1e-9 {
		t.Errorf("Q(2 m)/Q(1 m) = %.6f, want 2^(8/3)", r)
	}
}

// TestBPR: the BPR function at v/c = 0, 1 and 2: 1, 1/1.15, 1/3.4.
func TestBPR(t *testing.T) {
	for _, tc := range []struct{ x, want float64 }{{0, 1}, {1, 1 / 1.15}, {2, 1 / 3.4}} {
		if got := bpr(tc.x); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("bpr(%g) = %g, want %g", tc.x, got, tc.want)
		}
	}
}

// TestRushHour: the v/c ratio peaks at the peak time and is half way
// between base and peak one width off by exp(−½) (the Gaussian).
func TestRushHour(t *testing.T) {
	start := time.Date(2026, 7, 14, 17, 0, 0, 0, time.UTC)
	m := newTrafficModel(&city{}, TrafficSpec{Peak: "17:30", PeakWidth: time.Hour, PeakVC: 1, BaseVC: 0.5}, start, deltaStamp{})
	if v := m.vc(1800); math.Abs(v-1) > 1e-12 {
		t.Errorf("vc at the peak %g, want 1", v)
	}
	if v := m.vc(1800 + 3600); math.Abs(v-(0.5+0.5*math.Exp(-0.5))) > 1e-12 {
		t.Errorf("vc one width after %g", v)
	}
}

// TestMeanTravel: one signal with 42 s of green in a 90 s cycle; cars
// arriving at each whole second wait 90 − k for k = 42…89, so the mean
// wait is (1 + … + 48)/90 = 1176/90 s. Two signals 139 m apart at 13.9
// m/s with offsets 10 s apart (a perfect wave for the 10 s trip) add the
// trip and no wait.
func TestMeanTravel(t *testing.T) {
	one := &PlanOutcome{CycleS: 90, OffsetsS: []float64{0}, GreenOut: []Window{{0, 42}}, GreenIn: []Window{{0, 42}}}
	if got := meanTravel(one, nil, false); math.Abs(got-1176.0/90) > 1e-9 {
		t.Errorf("one signal: %.4f s, want %.4f", got, 1176.0/90)
	}
	two := &PlanOutcome{CycleS: 90, OffsetsS: []float64{0, 10}, GreenOut: []Window{{0, 42}, {0, 42}}, GreenIn: []Window{{0, 42}, {0, 42}}}
	if got := meanTravel(two, []float64{139 / 13.9}, false); math.Abs(got-(1176.0/90+10)) > 1e-9 {
		t.Errorf("two signals in a wave: %.4f s, want %.4f", got, 1176.0/90+10)
	}
}

// TestQuantile: R's type-7 quantiles of 1…5 (R: quantile(1:5, c(.5,.9))
// gives 3 and 4.6).
func TestQuantile(t *testing.T) {
	s := []float64{1, 2, 3, 4, 5}
	if q := quantile(s, 0.5); q != 3 {
		t.Errorf("median %g", q)
	}
	if q := quantile(s, 0.9); math.Abs(q-4.6) > 1e-12 {
		t.Errorf("p90 %g", q)
	}
}
