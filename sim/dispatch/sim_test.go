package dispatch

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// lineSim is a simulation on the 20-block line street (10 s per block):
// ambulance A based at x = 1000, ambulance B at x = 0.
func lineSim(t *testing.T, opt SimOptions) *Sim {
	t.Helper()
	g := line(t, 20)
	d := lineDemand(t, g, []float64{50, 1050, 1950}, []float64{1, 1, 1})
	st := []Station{{ID: "A", Type: UnitAmbulance, Point: orb.Point{1000, 0}}, {ID: "B", Type: UnitAmbulance, Point: orb.Point{0, 0}}}
	s, err := NewSim(g, NewCoverage(g, d), st, FleetAtStations(st, 1), opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRedispatch works a re-dispatch out by hand on the line street
// (10 m/s): call 1 at x = 1100, t = 0, 100 s on scene: A arrives at 10 s
// and clears at 110 s. Call 2 at x = 1900, t = 20 s: only B is free, due
// at 20 + 190 = 210 s. When A clears at 110 s it is 80 s from call 2 and
// would arrive at 190 s, 20 s sooner (gain ≥ 10 s): A takes call 2 over
// (response 170 s) and B, 90 s along (x = 900), turns back and is home at
// 200 s (busy 180 s). A, 100 s on scene at call 2, clears at 290 s and
// is home 90 s later (busy 380 s). Without re-dispatch B serves call 2
// (response 190 s), clears at 310 s and is home at 500 s (busy 480 s),
// and A is home from call 1 at 120 s.
func TestRedispatch(t *testing.T) {
	calls := []Incident{
		{ID: "c1", Type: Medical, TimeS: 0, Point: orb.Point{1100, 0}, OnSceneS: 100},
		{ID: "c2", Type: Medical, TimeS: 20, Point: orb.Point{1900, 0}, OnSceneS: 100},
	}
	cases := []struct {
		name   string
		off    bool
		unit   string
		resp   float64
		redisp int
		busyA  float64
		busyB  float64
	}{
		{"re-dispatch", false, "A/ambulance-1", 170, 1, 380, 180},
		{"off", true, "B/ambulance-1", 190, 0, 120, 480},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := lineSim(t, SimOptions{DurationS: 1000, RedispatchGainS: 10, NoRedispatch: tc.off})
			r, err := s.Run(calls)
			if err != nil {
				t.Fatal(err)
			}
			c2 := r.Incidents[1]
			if c2.Units[0] != tc.unit || c2.ResponseS == nil || math.Abs(*c2.ResponseS-tc.resp) > 1e-9 || r.Redispatches != tc.redisp {
				t.Fatalf("call 2: %+v, response %v, re-dispatches %d; want %s in %v s", c2, deref(c2.ResponseS), r.Redispatches, tc.unit, tc.resp)
			}
			if math.Abs(r.Units[0].BusyS-tc.busyA) > 1e-9 || math.Abs(r.Units[1].BusyS-tc.busyB) > 1e-9 {
				t.Errorf("busy A %v s, B %v s; want %v, %v", r.Units[0].BusyS, r.Units[1].BusyS, tc.busyA, tc.busyB)
			}
		})
	}
}

func deref(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// TestUnitMoves: a unit's position is interpolated along its route: with
// a 30 s turnout, A (x = 1000) sent at t = 0 to x = 1500 stays put until
// 30 s, is at x = 1000 + 10·(t − 30) while driving, and on scene at 80 s.
func TestUnitMoves(t *testing.T) {
	s := lineSim(t, SimOptions{DurationS: 500, TurnoutS: 30})
	if err := s.AddIncident(Incident{ID: "c", Type: Medical, Point: orb.Point{1500, 0}}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		t, x   float64
		status Status
	}{{0, 1000, EnRoute}, {20, 1000, EnRoute}, {30, 1000, EnRoute}, {45, 1150, EnRoute}, {77.5, 1475, EnRoute}, {80, 1500, OnScene}, {100, 1500, OnScene}} {
		if err := s.AdvanceTo(tc.t); err != nil {
			t.Fatal(err)
		}
		u := s.Units()[0]
		if u.Status != tc.status || math.Abs(u.Point[0]-tc.x) > 1e-6 || u.Point[1] != 0 {
			t.Errorf("t = %v: %v at %v, want %v at x = %v", tc.t, u.Status, u.Point, tc.status, tc.x)
		}
	}
}

// TestUpdatePosition: a GPS fix moves a unit. An idle unit stays where
// the fix puts it; a unit on the road is rerouted from the fix: A, sent
// at t = 0 to x = 1500, reported at x = 600 at t = 10 s arrives 90 s
// later (t = 100 s), not at 50 s.
func TestUpdatePosition(t *testing.T) {
	s := lineSim(t, SimOptions{DurationS: 500})
	if err := s.UpdatePosition("B/ambulance-1", orb.Point{300, 4}, 1); err != nil {
		t.Fatal(err)
	}
	if p := s.Units()[1].Point; math.Abs(p[0]-300) > 1e-9 || p[1] != 0 {
		t.Errorf("B at %v, want (300, 0)", p)
	}
	if err := s.AddIncident(Incident{ID: "c", Type: Medical, TimeS: 2, Point: orb.Point{1500, 0}}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdatePosition("A/ambulance-1", orb.Point{600, 0}, 10); err != nil {
		t.Fatal(err)
	}
	r, err := s.Run(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := deref(r.Incidents[0].ResponseS); math.Abs(got-98) > 1e-9 {
		t.Errorf("response %v s, want 98 (fix at 10 s, 90 s to go, call at 2 s)", got)
	}
	if err := s.UpdatePosition("Z", orb.Point{}, 600); err == nil {
		t.Error("unknown unit accepted")
	}
}

// monacoRun runs 6 h of seeded calls (6 per hour from 08:00) on the
// sample city with six stations, one unit each.
func monacoRun(t *testing.T, seed uint64, kind PolicyKind) []byte {
	t.Helper()
	tw := monaco(t)
	st := monacoStations(t, tw, 6)
	opt := SimOptions{Start: time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC), DurationS: 6 * 3600, TurnoutS: 60,
		Policy: PolicyOptions{Kind: kind}}
	in, err := GenerateIncidents(rand.New(rand.NewPCG(seed, 2)), tw.d, opt.DurationS, GeneratorOptions{RatePerHour: 6, StartHour: 8})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSim(tw.g, NewCoverage(tw.g, tw.d), st, FleetAtStations(st, 1), opt)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Run(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Incidents) != len(in) || Summarize(r).Served == 0 {
		t.Fatalf("%d of %d calls recorded, none served", len(r.Incidents), len(in))
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSimDeterminism: the same seed gives byte-identical JSON results,
// for both policies; another seed gives different ones.
func TestSimDeterminism(t *testing.T) {
	for _, k := range []PolicyKind{Nearest, MEXCLP} {
		a, b := monacoRun(t, 1, k), monacoRun(t, 1, k)
		if !bytes.Equal(a, b) {
			t.Errorf("%v: two runs with seed 1 differ", k)
		}
		if bytes.Equal(a, monacoRun(t, 2, k)) {
			t.Errorf("%v: seeds 1 and 2 give the same run", k)
		}
	}
}

// TestSimClosureReroutes: an ambulance from La Victoria (w94399795) to
// building w23715051 crosses the bridge of way 95449778 (411 s, see
// TestCloseBridge). Closing the bridge half-way to it reroutes the unit:
// its new route avoids the bridge, it arrives later than 411 s, and the
// run counts one reroute. The bridge reopens later in the run, leaving
// the shared graph as it was.
func TestSimClosureReroutes(t *testing.T) {
	tw := monaco(t)
	from, to := monacoUnits(t, tw, "w94399795")[0], monacoUnits(t, tw, "w23715051")[0]
	direct := must(tw.g.Route(from, to))
	tBridge := 0.0
	for _, e := range direct.Edges {
		if w, _ := tw.g.EdgeWay(e); w == bridgeWay {
			break
		}
		_, _, _, _, c := tw.g.Edge(e)
		tBridge += c
	}
	var shut, open []Change
	for _, e := range tw.g.WayEdges(bridgeWay) {
		shut = append(shut, Change{Edge: int(e), Closed: true})
		open = append(open, Change{Edge: int(e)})
	}
	defer tw.g.Apply(open...)
	st := []Station{{ID: "victoria", Type: UnitAmbulance, Point: from.Point}}
	s, err := NewSim(tw.g, NewCoverage(tw.g, tw.d), st, FleetAtStations(st, 1), SimOptions{DurationS: 3600,
		Changes: []TimedChange{{AtS: tBridge / 2, Changes: shut}, {AtS: 3000, Changes: open}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddIncident(Incident{ID: "c", Type: Medical, Point: to.Point}); err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(tBridge/2 + 1); err != nil {
		t.Fatal(err)
	}
	for _, e := range s.units[0].tr.path.Edges {
		if w, _ := tw.g.EdgeWay(e); w == bridgeWay {
			t.Fatal("rerouted trip still crosses the closed bridge")
		}
	}
	r, err := s.Run(nil)
	if err != nil {
		t.Fatal(err)
	}
	resp := deref(r.Incidents[0].ResponseS)
	if !(resp > direct.CostS+1) || r.Reroutes != 1 {
		t.Errorf("response %v s (open bridge: %v s), %d reroutes; want later, 1", resp, direct.CostS, r.Reroutes)
	}
	if tw.g.Closed(int(tw.g.WayEdges(bridgeWay)[0])) {
		t.Error("bridge still closed after the run")
	}
	t.Logf("bridge at %.0f s into the trip, closed at %.0f s: arrival %.0f s instead of %.0f s", tBridge, tBridge/2, resp, direct.CostS)
}
