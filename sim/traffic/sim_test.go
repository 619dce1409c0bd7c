package traffic

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/sumo"
)

// straightRoad builds A→B→C, two 500 m one-lane links at 13.89 m/s, with
// a signal at B when signal is set.
func straightRoad(t testing.TB, signal bool) *Network {
	t.Helper()
	nodes := []*geo.RoadNode{{ID: "A", Point: orb.Point{0, 0}}, {ID: "B", Point: orb.Point{500, 0}, Signal: signal}, {ID: "C", Point: orb.Point{1000, 0}}}
	links := []*geo.RoadLink{
		{ID: "AB", From: "A", To: "B", Line: orb.LineString{{0, 0}, {500, 0}}, Lanes: 1, MaxSpeed: 13.89, Length: 500, Class: "primary"},
		{ID: "BC", From: "B", To: "C", Line: orb.LineString{{500, 0}, {1000, 0}}, Lanes: 1, MaxSpeed: 13.89, Length: 500, Class: "primary"},
	}
	n, err := FromOSM(links, nodes, OSMOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func oneCar(n *Network, route ...string) *Demand {
	d := &Demand{Types: []sumo.VType{car2()}}
	var r []int32
	for _, id := range route {
		e, _ := n.Edge(id)
		r = append(r, e)
	}
	d.Trips = []Trip{{ID: "v", Route: r, DepartLane: departFirst, DepartPos: -1, SpeedFactor: 1}}
	return d
}

// car2 is SUMO's passenger car without randomness.
func car2() sumo.VType {
	t := sumo.DefaultVType("car")
	t.Sigma, t.SpeedFactor.Dev = 0, 0
	return t
}

// TestFreeDriveAnalytic: a lone car from standstill accelerates by 2.6 m/s
// per step up to the limit (Euler: x += v after the speed update), so its
// trip time is the first k with Σ min(2.6·i, 13.89) ≥ the distance from
// its departure position (length + 0.1 m) to arrival (0.1 m before the end),
// across the 3 m junction (or before its arrival position: SUMO's
// arrivalPos, negative from the end). Expected value computed analytically
// here; tolerance 0 (whole steps). Time loss is Σ (1 − v/vmax).
func TestFreeDriveAnalytic(t *testing.T) {
	for _, tc := range []struct {
		name       string
		arrivalPos float64 // Trip.ArrivalPos on BC (500 m)
		target     float64 // where on BC the trip ends
	}{
		{"lane end", 0, 500},
		{"from the end", -100, 400},
		{"from the start", 250, 250},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := straightRoad(t, false)
			d := oneCar(n, "AB", "BC")
			d.Trips[0].ArrivalPos = tc.arrivalPos
			s, err := New(n, d, Options{End: 200})
			if err != nil {
				t.Fatal(err)
			}
			s.Run(nil)
			trips := s.TripInfos()
			if len(trips) != 1 {
				t.Fatalf("%d trips arrived", len(trips))
			}
			dist := 500 - 5.1 + osmMinInternal + tc.target - positionEps
			x, k, loss := 0.0, 0, 0.0
			for x < dist {
				k++
				v := min(2.6*float64(k), 13.89)
				x += v
				loss += (13.89 - v) / 13.89
			}
			got := trips[0]
			if got.Duration != float64(k) || got.Depart != 0 || got.ArrivalPos != tc.target {
				t.Errorf("duration %v (depart %v, arrival pos %v), want %d", got.Duration, got.Depart, got.ArrivalPos, k)
			}
			if math.Abs(got.TimeLoss-loss) > 1e-9 || got.WaitingCount != 0 {
				t.Errorf("time loss %v want %v, stops %d", got.TimeLoss, loss, got.WaitingCount)
			}
		})
	}
}

// TestStopsAtRed: at a light that stays red the car stops with its front
// within SUMO's 1 m stop-line gap (DIST_TO_STOPLINE_EXPECT_PRIORITY, less
// 0.1 m POSITION_EPS) and counts one stop, waiting from then on.
func TestStopsAtRed(t *testing.T) {
	n := straightRoad(t, true)
	red := Program{ID: "red", Phases: []Phase{{Duration: 60, State: "r"}}}
	n, err := n.WithPrograms(map[string]Program{"B": red})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(n, oneCar(n, "AB", "BC"), Options{End: 120})
	if err != nil {
		t.Fatal(err)
	}
	s.Run(nil)
	if s.Running() != 1 {
		t.Fatalf("running %d", s.Running())
	}
	ab, _ := n.Lane("AB_0")
	v := s.lanes[ab][0]
	if gap := 500 - s.f.pos[v]; gap < 0 || gap > stoplineGap+positionEps || s.f.speed[v] != 0 {
		t.Errorf("stopped %v m before the line at %v m/s", gap, s.f.speed[v])
	}
	if r := s.rec[0]; r.waitingCount != 1 || r.waitingTime < 60 {
		t.Errorf("stops %d, waiting %v s", r.waitingCount, r.waitingTime)
	}
}

// TestDeterministic: the same seed and inputs give byte-identical tripinfo
// output, whatever the number of workers, with dawdling on (SUMO's default
// car, sigma 0.5, speedDev 0.1) on the 5×5 grid.
func TestDeterministic(t *testing.T) {
	net, err := FromSUMO(readNet(t, "testdata/grid5.net.xml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	run := func(workers int) []byte {
		d, err := RandomDemand(net, RandomOptions{Rate: 2400, End: 600}, rand.New(rand.NewPCG(3, 4)))
		if err != nil {
			t.Fatal(err)
		}
		s, err := New(net, d, Options{End: 900, Seed: 9, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		s.Run(nil)
		var b bytes.Buffer
		if err := sumo.EncodeTripInfos(&b, s.TripInfos()); err != nil {
			t.Fatal(err)
		}
		if s.Summary().Arrived < 300 {
			t.Fatalf("only %d arrived", s.Summary().Arrived)
		}
		return b.Bytes()
	}
	a, b, c := run(1), run(1), run(4)
	if !bytes.Equal(a, b) || !bytes.Equal(a, c) {
		t.Error("outputs differ between runs or worker counts")
	}
}

func TestOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    Options
		ok   bool
	}{
		{"zero", Options{}, false},
		{"end", Options{End: 10}, true},
		{"end before begin", Options{Begin: 10, End: 5}, false},
		{"nan", Options{End: math.NaN()}, false},
		{"negative interval", Options{End: 10, Interval: -1}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.o.Validate(); (err == nil) != tc.ok {
				t.Errorf("Validate() = %v", err)
			}
		})
	}
}

// BenchmarkGrid5: the 5×5 grid scenario's first 1800 s; reports vehicle
// updates per second.
func BenchmarkGrid5(b *testing.B) {
	net, err := FromSUMO(readNet(b, "testdata/grid5.net.xml"), nil)
	if err != nil {
		b.Fatal(err)
	}
	d, err := DemandFromSUMO(net, readDemand(b, "testdata/grid5.rou.xml"), DemandOptions{}, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	steps := int64(0)
	for b.Loop() {
		s, _ := New(net, d, Options{End: 1800})
		s.Run(nil)
		steps += s.Summary().VehicleSteps
	}
	b.ReportMetric(float64(steps)/b.Elapsed().Seconds(), "veh-updates/s")
}

// TestStepDoesNotAllocate: once the buffers have grown, a step on one
// worker allocates nothing (fewer than one allocation per step on
// average over 100 steps of the loaded 5×5 grid).
func TestStepDoesNotAllocate(t *testing.T) {
	net, err := FromSUMO(readNet(t, "testdata/grid5.net.xml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := DemandFromSUMO(net, readDemand(t, "testdata/grid5.rou.xml"), DemandOptions{}, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(net, d, Options{End: 3600})
	if err != nil {
		t.Fatal(err)
	}
	for range 1500 {
		s.Step()
	}
	if a := testing.AllocsPerRun(100, s.Step); a >= 1 {
		t.Errorf("%v allocations per step", a)
	}
	if s.Running() < 50 {
		t.Fatalf("only %d vehicles running", s.Running())
	}
}

// TestScheduledStop: a 30 s stop half way along BC is stop time, not
// waiting time or a halt (SUMO's tripinfo definitions), and costs the stop
// plus the time lost braking from and accelerating back to 13.89 m/s
// (about (13.89/4.5 + 13.89/2.6)/2 ≈ 4.2 s; bound 10 s).
func TestScheduledStop(t *testing.T) {
	n := straightRoad(t, false)
	free := func(stops []TripStop) float64 {
		d := oneCar(n, "AB", "BC")
		d.Trips[0].Stops = stops
		s, err := New(n, d, Options{End: 400})
		if err != nil {
			t.Fatal(err)
		}
		s.Run(nil)
		trips := s.TripInfos()
		if len(trips) != 1 {
			t.Fatalf("%d arrived", len(trips))
		}
		if stops != nil && (trips[0].StopTime != 30 || trips[0].WaitingTime != 0 || trips[0].WaitingCount != 0) {
			t.Errorf("stop time %v, waiting %v, halts %d", trips[0].StopTime, trips[0].WaitingTime, trips[0].WaitingCount)
		}
		return trips[0].Duration
	}
	base, stopped := free(nil), free([]TripStop{{Hop: 1, Pos: 250, Duration: 30}})
	if extra := stopped - base - 30; extra < 0 || extra > 10 {
		t.Errorf("stop costs %v s beyond its 30 s", extra)
	}
}

// TestTeleportAfter300s: a car held by a light that never turns green is
// moved past it once it has stood 300 s at the front of its lane (SUMO's
// --time-to-teleport default) and then arrives.
func TestTeleportAfter300s(t *testing.T) {
	n := straightRoad(t, true)
	n, err := n.WithPrograms(map[string]Program{"B": {ID: "red", Phases: []Phase{{Duration: 60, State: "r"}}}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(n, oneCar(n, "AB", "BC"), Options{End: 600})
	if err != nil {
		t.Fatal(err)
	}
	s.Run(nil)
	sm := s.Summary()
	if sm.Teleports != 1 || sm.Arrived != 1 {
		t.Fatalf("%+v", sm)
	}
	// It halts about 45 s after departure (500 m from standstill), waits
	// 300 s, then drives the 500 m of BC from standstill (about 40 s).
	if tr := s.TripInfos()[0]; tr.Duration < 345+30 || tr.Duration > 345+60 {
		t.Errorf("duration %v", tr.Duration)
	}
}

// TestEdgeIntervals: per-edge statistics of the lone car, interval by
// interval: it enters AB at insertion and BC once, the intervals tile
// the run, and the vehicle-steps on the two edges plus those inside the
// junction add up to the run's.
func TestEdgeIntervals(t *testing.T) {
	n := straightRoad(t, false)
	s, err := New(n, oneCar(n, "AB", "BC"), Options{End: 200, Interval: 30})
	if err != nil {
		t.Fatal(err)
	}
	s.Run(nil)
	entered := map[string]int{}
	var steps int64
	for _, iv := range s.EdgeIntervals() {
		entered[iv.Edge] += iv.Entered
		steps += iv.VehicleSteps
		if iv.End-iv.Begin > 30 || int(iv.Begin)%30 != 0 {
			t.Errorf("interval %v–%v", iv.Begin, iv.End)
		}
		if iv.Entered > 0 && iv.Flow != float64(iv.Entered)*3600/(iv.End-iv.Begin) {
			t.Errorf("flow %v for %d in %v s", iv.Flow, iv.Entered, iv.End-iv.Begin)
		}
		if iv.VehicleSteps > 0 && (iv.MeanSpeed <= 0 || iv.MeanSpeed > 13.89) {
			t.Errorf("mean speed %v", iv.MeanSpeed)
		}
	}
	if entered["AB"] != 1 || entered["BC"] != 1 {
		t.Errorf("entered %v", entered)
	}
	// the 3 m junction takes at most one step at speed
	if total := s.Summary().VehicleSteps; steps > total || steps < total-1 {
		t.Errorf("edge vehicle-steps %d, run %d", steps, total)
	}
}

// TestNewRejectsImpossibleTrips: trips that could never be inserted are
// errors, not vehicles waiting for ever at the head of their edge's queue.
func TestNewRejectsImpossibleTrips(t *testing.T) {
	n := straightRoad(t, false)
	for _, tc := range []struct {
		name string
		edit func(*Trip)
	}{
		{"no such lane", func(tr *Trip) { tr.DepartLane = 3 }},
		{"empty route", func(tr *Trip) { tr.Route = nil }},
		{"bad type", func(tr *Trip) { tr.Type = 7 }},
		{"edge out of range", func(tr *Trip) { tr.Route = []int32{0, 99} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := oneCar(n, "AB", "BC")
			tc.edit(&d.Trips[0])
			if _, err := New(n, d, Options{End: 10}); !errors.Is(err, ErrDemand) {
				t.Errorf("err = %v, want ErrDemand", err)
			}
		})
	}
}
