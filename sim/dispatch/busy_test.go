package dispatch

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// TestBusyLoadQ: q = λ·B/N worked by hand, and the clamps.
func TestBusyLoadQ(t *testing.T) {
	cases := []struct {
		name string
		l    BusyLoad
		want float64
	}{
		// 6 calls/h = 1/600 per s, B = 60 turnout + 2·120 travel + 1200
		// on scene = 1500 s, 4 units: 1500/600/4 = 0.625.
		{"hand-worked", BusyLoad{RatePerS: 1.0 / 600, BusyS: 1500, Units: 4}, 0.625},
		{"no calls", BusyLoad{Units: 4}, MinBusyQ},
		{"light load clamped up", BusyLoad{RatePerS: 1e-6, BusyS: 10, Units: 4}, MinBusyQ},
		{"overload clamped down", BusyLoad{RatePerS: 1, BusyS: 10, Units: 4}, MaxBusyQ},
		{"no units", BusyLoad{RatePerS: 1, BusyS: 10}, MaxBusyQ},
		{"NaN", BusyLoad{RatePerS: math.NaN(), BusyS: 10, Units: 1}, MaxBusyQ},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.l.Q(); math.Abs(got-tc.want) > 1e-12 {
				t.Fatalf("Q = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestSimBusyQ: the estimate on the line street (10 s per 100 m block),
// ambulances A at x = 1000 and B at x = 0, demand points at x = 50, 1050
// and 1950 of weight 1. The nearest station is 5, 5 and 95 s away, so the
// mean travel is 105/3 = 35 s. With a 60 s turnout, call 1 (100 s on
// scene) keeps an ambulance busy 60 + 2·35 + 100 = 230 s and call 2 (a
// medical call, 1200 s on scene by default) 60 + 70 + 1200 = 1330 s:
// 1560 s over a 1000 s run and 2 units gives q = 0.78. A traffic call
// adds 60 + 70 + 1500 = 1630 s for its ambulance (its police need has no
// unit and is not counted): 3190/1000/2 = 1.595, clamped to 0.95.
func TestSimBusyQ(t *testing.T) {
	calls := []Incident{
		{ID: "c1", Type: Medical, TimeS: 0, Point: orb.Point{1100, 0}, OnSceneS: 100},
		{ID: "c2", Type: Medical, TimeS: 20, Point: orb.Point{1900, 0}},
		{ID: "c3", Type: Traffic, TimeS: 30, Point: orb.Point{500, 0}},
	}
	cases := []struct {
		name  string
		pol   PolicyOptions
		calls int
		want  float64
	}{
		{"no calls yet", PolicyOptions{Kind: MEXCLP}, 0, MinBusyQ},
		{"two medical calls", PolicyOptions{Kind: MEXCLP}, 2, 0.78},
		{"a traffic call too: clamped", PolicyOptions{Kind: MEXCLP}, 3, MaxBusyQ},
		{"explicit q wins", PolicyOptions{Kind: MEXCLP, BusyQ: 0.4}, 2, 0.4},
		{"nearest: not estimated", PolicyOptions{Kind: Nearest}, 2, DefaultBusyQ},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := lineSim(t, SimOptions{DurationS: 1000, TurnoutS: 60, Policy: tc.pol})
			for _, c := range calls[:tc.calls] {
				if err := s.AddIncident(c); err != nil {
					t.Fatal(err)
				}
			}
			if got := s.BusyQ(); math.Abs(got-tc.want) > 1e-9 {
				t.Fatalf("BusyQ = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestMeanNearestS: the weighted mean of the nearest station's travel
// time on the line street: stations at x = 0 and 1000, points at 50
// (weight 1), 1050 (1) and 1950 (2): (5 + 5 + 2·95)/4 = 50 s; none → 0.
func TestMeanNearestS(t *testing.T) {
	g := line(t, 20)
	d := lineDemand(t, g, []float64{50, 1050, 1950}, []float64{1, 1, 2})
	cov := NewCoverage(g, d)
	got, err := MeanNearestS(cov, []Snap{at(t, g, 0), at(t, g, 1000)})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-50) > 1e-9 {
		t.Fatalf("mean nearest %v s, want 50", got)
	}
	if got, err := MeanNearestS(cov, nil); err != nil || got != 0 {
		t.Fatalf("no stations: %v, %v; want 0", got, err)
	}
}

// TestSimBusyQPerType: each unit type's dispatches use its own q. The
// line street of TestSimBusyQ with a police station P at x = 1000 too
// (one unit each at A, B and P) and a 4000 s run. Police travel: the
// nearest (only) station is 95, 5 and 95 s from the demand points, mean
// 65 s. Call 1 (medical, 100 s on scene) keeps an ambulance busy
// 60 + 2·35 + 100 = 230 s; the traffic call keeps an ambulance
// 60 + 70 + 1500 = 1630 s and the police unit 60 + 2·65 + 1500 = 1690 s.
// Ambulances: 1860 s / 4000 s / 2 units = 0.2325; police: 1690 / 4000 / 1
// = 0.4225; the whole fleet: 3550 / 4000 / 3 = 0.295833….
func TestSimBusyQPerType(t *testing.T) {
	g := line(t, 20)
	d := lineDemand(t, g, []float64{50, 1050, 1950}, []float64{1, 1, 1})
	st := []Station{{ID: "A", Type: UnitAmbulance, Point: orb.Point{1000, 0}}, {ID: "B", Type: UnitAmbulance, Point: orb.Point{0, 0}},
		{ID: "P", Type: UnitPolice, Point: orb.Point{1000, 0}}}
	s, err := NewSim(g, NewCoverage(g, d), st, FleetAtStations(st, 1), SimOptions{DurationS: 4000, TurnoutS: 60, Policy: PolicyOptions{Kind: MEXCLP}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []Incident{
		{ID: "c1", Type: Medical, TimeS: 0, Point: orb.Point{1100, 0}, OnSceneS: 100},
		{ID: "c3", Type: Traffic, TimeS: 30, Point: orb.Point{500, 0}},
	} {
		if err := s.AddIncident(c); err != nil {
			t.Fatal(err)
		}
	}
	want := map[UnitType]float64{UnitAmbulance: 0.2325, UnitPolice: 0.4225}
	got := s.BusyQs()
	if len(got) != len(want) {
		t.Fatalf("q per type %v, want %v", got, want)
	}
	for typ, q := range want {
		if math.Abs(got[typ]-q) > 1e-12 {
			t.Errorf("q of %s = %v, want %v", typ, got[typ], q)
		}
		if d := s.dispatcher(typ); d.opt.BusyQ != got[typ] {
			t.Errorf("%s dispatches with q %v, want its own %v", typ, d.opt.BusyQ, got[typ])
		}
	}
	if q := s.BusyQ(); math.Abs(q-3550.0/4000/3) > 1e-12 {
		t.Errorf("fleet q = %v, want %v", q, 3550.0/4000/3)
	}
}
