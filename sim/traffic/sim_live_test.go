package traffic

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"twin/geo/sumo"
)

func grid5(t testing.TB) (*Network, *Demand) {
	t.Helper()
	net, err := FromSUMO(readNet(t, "testdata/grid5.net.xml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := DemandFromSUMO(net, readDemand(t, "testdata/grid5.rou.xml"), DemandOptions{}, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	return net, d
}

// onEdge lists the trips of the vehicles on edge e's lanes.
func onEdge(s *Sim, e int32) []int32 {
	var out []int32
	for _, li := range s.n.Edges[e].Lanes {
		for _, v := range s.lanes[li] {
			out = append(out, s.f.trip[v])
		}
	}
	return out
}

// TestCloseEdgeDetours: closing C2C3, an inner edge of the 5×5 grid that
// the SUMO route file (duarouter's routes) sends many trips along, at
// 120 s: afterwards no vehicle enters it except those already on it or in
// the junction before it; every trip whose planned route used it and that
// departed after the closure arrives by the end, on a route without it;
// the caller's Network and Demand are untouched. Reopening it at 600 s
// restores the planned routes of trips not yet departed.
func TestCloseEdgeDetours(t *testing.T) {
	net, d := grid5(t)
	e, ok := net.Edge("C2C3")
	if !ok {
		t.Fatal("no edge C2C3")
	}
	planned := 0
	for _, tr := range d.Trips {
		if tr.Depart > 120 && slices.Contains(tr.Route, e) && tr.Route[0] != e {
			planned++
		}
	}
	if planned < 20 {
		t.Fatalf("only %d trips planned over C2C3 after 120 s", planned)
	}
	s, err := New(net, d, Options{End: 3000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for s.Time() < 120 {
		s.Step()
	}
	// Allowed on the edge after the closure: those on it or crossing into it.
	allowed := map[int32]bool{}
	for _, ti := range onEdge(s, e) {
		allowed[ti] = true
	}
	for v, ti := range s.f.trip {
		if ti >= 0 && s.n.Lanes[s.f.lane[v]].Edge < 0 && s.trips[ti].Route[s.f.hop[v]+1] == e {
			allowed[ti] = true
		}
	}
	if _, err := s.CloseEdge(e); err != nil {
		t.Fatal(err)
	}
	for !s.Done() && s.Time() < 600 {
		s.Step()
		for _, ti := range onEdge(s, e) {
			if !allowed[ti] {
				t.Fatalf("trip %s on closed C2C3 at %v s", s.trips[ti].ID, s.Time())
			}
		}
	}
	if _, err := s.OpenEdge(e); err != nil {
		t.Fatal(err)
	}
	s.Run(nil)
	detoured, arrived := 0, 0
	for ti, tr := range d.Trips {
		r := s.rec[ti]
		if !(tr.Depart > 120 && slices.Contains(tr.Route, e) && tr.Route[0] != e) {
			continue
		}
		if r.state != 2 {
			t.Errorf("trip %s (depart %v s) did not arrive", tr.ID, tr.Depart)
			continue
		}
		arrived++
		if r.depart < 600 && !slices.Contains(s.trips[ti].Route, e) {
			detoured++
		}
		if r.depart >= 600 && !slices.Equal(s.trips[ti].Route, tr.Route) {
			t.Errorf("trip %s departed after reopening on %v, planned %v", tr.ID, s.trips[ti].Route, tr.Route)
		}
	}
	if detoured == 0 || arrived != planned {
		t.Errorf("%d of %d planned trips arrived, %d by detours", arrived, planned, detoured)
	}
	if s.n == net || net.Edges[e].Speed != s.n.Edges[e].Speed {
		t.Error("live copy shares or changed the network")
	}
}

// TestCloseEdgeHoldsDepartures: a trip departing from a closed edge is not
// inserted while it is closed and departs once it reopens.
func TestCloseEdgeHoldsDepartures(t *testing.T) {
	n := straightRoad(t, false)
	d := oneCar(n, "AB", "BC")
	d.Trips[0].Depart = 10
	s, err := New(n, d, Options{End: 200})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CloseEdge(0); err != nil {
		t.Fatal(err)
	}
	for s.Time() < 50 {
		s.Step()
	}
	if sm := s.Summary(); sm.Inserted != 0 || sm.Waiting != 1 {
		t.Fatalf("closed: %+v", sm)
	}
	if k, err := s.OpenEdge(0); err != nil || k != 1 {
		t.Fatalf("released %d, %v", k, err)
	}
	s.Run(nil)
	// Inserted at the first step after reopening (t = 50 s).
	if ti := s.TripInfos(); len(ti) != 1 || ti[0].Depart != 50 || ti[0].DepartDelay != 40 {
		t.Fatalf("trip infos %+v", ti)
	}
}

// TestSetSpeedFactor: after halving AB's limit, a lone car (speed factor 1,
// no dawdling) never exceeds 13.89/2 m/s there, and reaches it: it moves
// at exactly the reduced limit once accelerated (Krauss free speed is the
// limit). Tolerance 1e-9 m/s.
func TestSetSpeedFactor(t *testing.T) {
	n := straightRoad(t, false)
	s, err := New(n, oneCar(n, "AB", "BC"), Options{End: 100})
	if err != nil {
		t.Fatal(err)
	}
	ab, _ := n.Edge("AB")
	if err := s.SetSpeedFactor(ab, 0.5); err != nil {
		t.Fatal(err)
	}
	top := 0.0
	for s.Time() < 30 {
		s.Step()
		if vs := onEdge(s, ab); len(vs) == 1 {
			top = math.Max(top, s.f.speed[0])
		}
	}
	if want := 13.89 / 2; math.Abs(top-want) > 1e-9 {
		t.Errorf("top speed on AB %v m/s, want %v", top, want)
	}
	if n.Lanes[n.Edges[ab].Lanes[0]].Speed != 13.89 {
		t.Error("the caller's network changed")
	}
	for _, bad := range []float64{0, -1, math.Inf(1), math.NaN()} {
		if err := s.SetSpeedFactor(ab, bad); !errors.Is(err, ErrLive) {
			t.Errorf("factor %v: %v", bad, err)
		}
	}
}

// TestSetProgramTiming: signal A0 of the 5×5 grid runs 42/3/42/3 s from
// offset 0. A new program of 30/3/54/3 s at offset 17 set at 100 s takes
// over at the old program's next cycle start, 180 s; from then on phase 0
// starts at every t ≡ 17 (mod 90), SUMO's offset convention (sumo's
// tlLogic offset, checked in TestOffsetAgainstSUMO). The expected phases
// are worked out by hand from that rule: 179 s is 89 s into the old
// cycle (phase 3); 180 s is (180−17) mod 90 = 73 s into the new one
// (phase 2, 33–87 s); 197 s is 0 (phase 0); 226 s is 29 (phase 0); 227 s
// 30 (phase 1); 230 s 33 (phase 2). Exact (whole steps).
func TestSetProgramTiming(t *testing.T) {
	net, d := grid5(t)
	n, _ := net.Node("A0")
	sig := net.Nodes[n].Signal
	old := net.Signals[sig].Program
	p := Program{ID: "retimed", Type: "static", Offset: 17}
	for k, dur := range []float64{30, 3, 54, 3} {
		p.Phases = append(p.Phases, Phase{Duration: dur, State: old.Phases[k].State})
	}
	s, err := New(net, d, Options{End: 300})
	if err != nil {
		t.Fatal(err)
	}
	for s.Time() < 100 {
		s.Step()
	}
	at, err := s.SetProgram(sig, p)
	if err != nil || at != 180 {
		t.Fatalf("swap at %v, %v", at, err)
	}
	want := map[float64]struct {
		p     *Program
		phase int
	}{179: {&old, 3}, 180: {&p, 2}, 197: {&p, 0}, 226: {&p, 0}, 227: {&p, 1}, 230: {&p, 2}}
	links := net.Signals[sig].Links
	for s.Time() <= 230 {
		now := s.Time()
		s.Step()
		w, ok := want[now]
		if !ok {
			continue
		}
		st := w.p.Phases[w.phase].State
		for _, li := range links {
			if got := s.linkState[li]; got != st[net.Links[li].SignalIndex] {
				t.Fatalf("at %v s link %d state %c, want %c (phase %d)", now, li, got, st[net.Links[li].SignalIndex], w.phase)
			}
		}
	}
	if s.Program(sig).ID != "retimed" || net.Signals[sig].Program.ID == "retimed" {
		t.Error("program not swapped in the sim, or swapped in the caller's network")
	}
	if _, err := s.SetProgram(sig, Program{Phases: []Phase{{Duration: 10, State: "G"}}}); !errors.Is(err, ErrLive) {
		t.Errorf("short state: %v", err)
	}
}

// TestLiveDeterministic: a run with a closure, a reopening, a speed factor
// and a program swap gives byte-identical tripinfo output twice and on one
// or four workers.
func TestLiveDeterministic(t *testing.T) {
	net, _ := grid5(t)
	e, _ := net.Edge("C2C3")
	f, _ := net.Edge("B2C2")
	n, _ := net.Node("C2")
	sig := net.Nodes[n].Signal
	p := net.Signals[sig].Program
	p.Offset = 33
	run := func(workers int) []byte {
		d, err := RandomDemand(net, RandomOptions{Rate: 2400, End: 600}, rand.New(rand.NewPCG(3, 4)))
		if err != nil {
			t.Fatal(err)
		}
		s, err := New(net, d, Options{End: 900, Seed: 9, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		for !s.Done() {
			switch s.Time() {
			case 100:
				_, err = s.CloseEdge(e)
			case 150:
				err = s.SetSpeedFactor(f, 0.3)
			case 200:
				_, err = s.SetProgram(sig, p)
			case 400:
				_, err = s.OpenEdge(e)
			}
			if err != nil {
				t.Fatal(err)
			}
			s.Step()
		}
		var b bytes.Buffer
		if err := sumo.EncodeTripInfos(&b, s.TripInfos()); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b, c := run(1), run(1), run(4)
	if !bytes.Equal(a, b) || !bytes.Equal(a, c) {
		t.Error("outputs differ between runs or worker counts")
	}
}

// BenchmarkCloseEdge closes and reopens C2C3 on the 5×5 grid with its
// 1,200 trips 300 s into the run (rerouting running vehicles and replanning
// the trips not yet inserted).
func BenchmarkCloseEdge(b *testing.B) {
	net, d := grid5(b)
	e, _ := net.Edge("C2C3")
	s, err := New(net, d, Options{End: 3000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	for s.Time() < 300 {
		s.Step()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.CloseEdge(e); err != nil {
			b.Fatal(err)
		}
		if _, err := s.OpenEdge(e); err != nil {
			b.Fatal(err)
		}
	}
}
