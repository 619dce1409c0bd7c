package dispatch

import (
	"math"
	"testing"
)

// TestPercentile checks the nearest-rank rule (the ⌈p·n⌉-th smallest) on
// hand-worked cases.
func TestPercentile(t *testing.T) {
	v := []float64{10, 20, 30, 40, 50, 60, 70, 80, 90, 100}
	cases := []struct {
		p, want float64
		v       []float64
	}{
		{0.5, 50, v}, {0.9, 90, v}, {0.91, 100, v}, {0.1, 10, v}, {1, 100, v},
		{0.5, 7, []float64{7}}, {0.5, 0, nil}, {0.5, 2, []float64{1, 2, 3}},
	}
	for _, tc := range cases {
		if got := Percentile(tc.v, tc.p); got != tc.want {
			t.Errorf("Percentile(%v, %v) = %v, want %v", tc.v, tc.p, got, tc.want)
		}
	}
}

// TestSummarize: five calls, one unserved, responses 100, 300, 500 and
// 700 s against a 480 s target: p50 300 s (2nd of 4), p90 700 s, mean
// 400 s, 2 of 5 within target; per type and utilisation likewise by hand.
func TestSummarize(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	r := &Result{TargetS: 480, Policy: "nearest", DurationS: 1000,
		Incidents: []IncidentRecord{
			{ID: "a", Type: Medical, ResponseS: f(100)}, {ID: "b", Type: Medical, ResponseS: f(500)},
			{ID: "c", Type: Fire, ResponseS: f(300)}, {ID: "d", Type: Fire, ResponseS: f(700)}, {ID: "e", Type: Fire},
		},
		Units: []UnitRecord{{Type: UnitEngine, Utilisation: 0.2}, {Type: UnitEngine, Utilisation: 0.4}, {Type: UnitPolice, Utilisation: 0.1}},
		Coverage: []CoverageSample{
			{TimeS: 0, Share: map[UnitType][3]float64{UnitEngine: {0.5, 0.7, 0.9}}},
			{TimeS: 300, Share: map[UnitType][3]float64{UnitEngine: {0.3, 0.5, 0.9}}},
		},
	}
	s := Summarize(r)
	if s.N != 5 || s.Served != 4 || s.P50S != 300 || s.P90S != 700 || s.MeanS != 400 || s.WithinTarget != 0.4 {
		t.Errorf("overall %+v", s.Stats)
	}
	if fs := s.ByType[Fire]; fs.N != 3 || fs.Served != 2 || fs.P50S != 300 || math.Abs(fs.WithinTarget-1.0/3) > 1e-15 {
		t.Errorf("fire %+v", fs)
	}
	if math.Abs(s.Utilisation[UnitEngine]-0.3) > 1e-15 || s.Utilisation[UnitPolice] != 0.1 {
		t.Errorf("utilisation %v", s.Utilisation)
	}
	if c := s.CoverageMean[UnitEngine]; math.Abs(c.Min8-0.4) > 1e-15 || math.Abs(c.Min10-0.6) > 1e-15 || c.Min15 != 0.9 || s.Coverage[UnitEngine].Min8 != 0.5 {
		t.Errorf("coverage %v, mean %v", s.Coverage, s.CoverageMean)
	}
}
