package greenwave

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"twin/geo/sumo"
	"twin/sim/traffic"
)

// arterialNet loads testdata/arterial.net.xml: eight signals J1…J8 on a
// west–east arterial at x = 0, 320, 700, 950, 1400, 1650, 2100, 2500 m
// (testdata/arterial.nod.xml), each with netconvert's default program.
func arterialNet(t testing.TB) *traffic.Network {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "arterial.net.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	raw, err := sumo.DecodeNet(bufio.NewReader(f), "arterial.net.xml")
	if err != nil {
		t.Fatal(err)
	}
	n, err := traffic.FromSUMO(raw, nil)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

var arterialX = []float64{0, 320, 700, 950, 1400, 1650, 2100, 2500}

// arterialDemand is testdata/arterial.flows.xml with its routes written
// out: one hour of 600 veh/h eastbound and 450 westbound end to end, at
// each junction k 100 veh/h each way across, 30 veh/h turning in from the
// cross street in each direction and 25 veh/h leaving.
func arterialDemand() *sumo.Demand {
	east := func(from, to int) []string { // J_from … J_to eastbound edges
		var e []string
		for k := from; k < to; k++ {
			e = append(e, fmt.Sprintf("J%d_J%d", k, k+1))
		}
		return e
	}
	west := func(from, to int) []string {
		var e []string
		for k := from; k > to; k-- {
			e = append(e, fmt.Sprintf("J%d_J%d", k, k-1))
		}
		return e
	}
	d := &sumo.Demand{}
	flow := func(id string, vph float64, edges ...[]string) {
		f := sumo.Flow{ID: id, Begin: 0, End: 3600, VehsPerHour: vph}
		for _, e := range edges {
			f.Edges = append(f.Edges, e...)
		}
		d.Flows = append(d.Flows, f)
	}
	flow("eb", 600, []string{"W_J1"}, east(1, 8), []string{"J8_E"})
	flow("wb", 450, []string{"E_J8"}, west(8, 1), []string{"J1_W"})
	for k := 1; k <= 8; k++ {
		n, s := fmt.Sprintf("N%d_J%d", k, k), fmt.Sprintf("S%d_J%d", k, k)
		flow(fmt.Sprint("ns", k), 100, []string{n, fmt.Sprintf("J%d_S%d", k, k)})
		flow(fmt.Sprint("sn", k), 100, []string{s, fmt.Sprintf("J%d_N%d", k, k)})
		flow(fmt.Sprint("ne", k), 30, []string{n}, east(k, 8), []string{"J8_E"})
		flow(fmt.Sprint("sw", k), 30, []string{s}, west(k, 1), []string{"J1_W"})
		flow(fmt.Sprint("ws", k), 25, []string{"W_J1"}, east(1, k), []string{fmt.Sprintf("J%d_S%d", k, k)})
		flow(fmt.Sprint("en", k), 25, []string{"E_J8"}, west(8, k), []string{fmt.Sprintf("J%d_N%d", k, k)})
	}
	return d
}

// TestFindArterial: the busiest chain of signals is J1…J8, outbound west
// to east, and ArterialThrough finds the same legs from the list.
func TestFindArterial(t *testing.T) {
	net := arterialNet(t)
	d := DemandFromSUMO(net, arterialDemand())
	if d.Unrouted != 0 || math.Abs(d.Hours-1) > 1e-12 {
		t.Fatalf("unrouted %d, hours %v; want 0, 1", d.Unrouted, d.Hours)
	}
	a, err := FindArterial(net, d)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"J1", "J2", "J3", "J4", "J5", "J6", "J7", "J8"}
	if got := a.IDs(net); !slices.Equal(got, want) {
		t.Fatalf("arterial %v, want %v", got, want)
	}
	b, err := ArterialThrough(net, want)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(a.Out, b.Out, slices.Equal) || !slices.EqualFunc(a.In, b.In, slices.Equal) || a.Approach != b.Approach || a.Exit != b.Exit {
		t.Errorf("FindArterial and ArterialThrough disagree: %+v vs %+v", a, b)
	}
	if a.Approach < 0 || net.Edges[a.Approach].ID != "W_J1" || a.Exit < 0 || net.Edges[a.Exit].ID != "E_J8" {
		t.Errorf("approach %d, exit %d; want W_J1, E_J8", a.Approach, a.Exit)
	}
}

func TestArterialThroughErrors(t *testing.T) {
	net := arterialNet(t)
	for _, tc := range []struct {
		name string
		ids  []string
	}{
		{"one junction", []string{"J1"}},
		{"unknown", []string{"J1", "J9"}},
		{"no signal", []string{"J1", "N1"}},
		{"skips a signal", []string{"J1", "J3"}},
		{"twice", []string{"J1", "J2", "J1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ArterialThrough(net, tc.ids); err == nil {
				t.Errorf("%v: no error", tc.ids)
			}
		})
	}
}

// TestNewCorridorArterial checks the corridor model of the test arterial
// against the hand-written inputs:
//   - legs: stop line to stop line equals the junction spacing of
//     arterial.nod.xml within 1 m (the junctions are alike, so what the
//     leg loses at one end it gains at the other); speed 0.95 × 13.89 m/s;
//   - phases of netconvert's default program (42 s arterial green, 3 s
//     yellow, 42 s cross green, 3 s yellow): phase 0 green both ways,
//     phases 1 and 3 fixed;
//   - flows: the mean over the legs of the vehicles driving them, by hand
//     600 + 30·4 + 25·4 = 820 veh/h eastbound and 450 + 120 + 100 = 670
//     westbound;
//   - queue clearance: 30 veh/h joining per leg, 0.75 vehicles per 90 s
//     cycle at 2 s over 2 lanes: 0.75 s, rounded to 0.8 s, at every signal
//     but the first (outbound) and the last (inbound).
func TestNewCorridorArterial(t *testing.T) {
	net := arterialNet(t)
	d := DemandFromSUMO(net, arterialDemand())
	a, err := FindArterial(net, d)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCorridor(net, a, d, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range c.Links {
		want := arterialX[i+1] - arterialX[i]
		for _, leg := range []Leg{l.Out, l.In} {
			if math.Abs(leg.Length-want) > 1 || math.Abs(leg.Speed-0.95*13.89) > 0.01 {
				t.Errorf("link %d: %.2f m at %.3f m/s, want %.0f m at %.3f", i, leg.Length, leg.Speed, want, 0.95*13.89)
			}
		}
	}
	for i, s := range c.Signals {
		if len(s.Phases) != 4 {
			t.Fatalf("signal %s: %d phases", s.ID, len(s.Phases))
		}
		p := s.Phases
		if !p[0].Out || !p[0].In || p[0].Fixed || p[0].Duration != 42 || p[2].Out || p[2].In || p[2].Fixed || !p[1].Fixed || !p[3].Fixed {
			t.Errorf("signal %s: phases %+v", s.ID, p)
		}
		wantOut, wantIn := 0.8, 0.8
		if i == 0 {
			wantOut = 0
		}
		if i == len(c.Signals)-1 {
			wantIn = 0
		}
		if math.Abs(s.QueueOut-wantOut) > 1e-9 || math.Abs(s.QueueIn-wantIn) > 1e-9 {
			t.Errorf("signal %s: queues %v/%v s, want %v/%v", s.ID, s.QueueOut, s.QueueIn, wantOut, wantIn)
		}
	}
	if math.Abs(c.FlowOut-820) > 1e-9 || math.Abs(c.FlowIn-670) > 1e-9 {
		t.Errorf("flows %v/%v veh/h, want 820/670", c.FlowOut, c.FlowIn)
	}
}

// TestDemandFromSUMO counts vehicles, flows of each kind and route
// distributions; the expected numbers are worked by hand.
func TestDemandFromSUMO(t *testing.T) {
	net := arterialNet(t)
	d := &sumo.Demand{
		Routes:     []sumo.Route{{ID: "r1", Edges: []string{"J1_J2"}}, {ID: "r2", Edges: []string{"J2_J1"}}, {ID: "bad", Edges: []string{"nowhere"}}},
		RouteDists: []sumo.RouteDist{{ID: "d", Routes: []string{"r1", "r2"}, Probs: []float64{3, 1}}},
		Vehicles: []sumo.Vehicle{
			{ID: "a", Depart: 0, Route: "r1"}, {ID: "b", Depart: 1800, Route: "d"},
			{ID: "c", Depart: 900, Route: "bad"}, {ID: "t", Depart: 10, Trip: true, From: "J1_J2", To: "J2_J1"},
		},
		Flows: []sumo.Flow{
			{ID: "p", Begin: 0, End: 100, Period: 30, Route: "r2"},             // ceil(100/30) = 4
			{ID: "v", Begin: 0, End: 1800, VehsPerHour: 100, Route: "r1"},      // 50
			{ID: "q", Begin: 0, End: 1000, Probability: 0.01, Route: "r1"},     // 10
			{ID: "n", Begin: 0, End: 1000, Period: 10, Number: 7, Route: "r1"}, // min(100, 7)
		},
	}
	got := DemandFromSUMO(net, d)
	if got.Unrouted != 2 || math.Abs(got.Hours-0.5) > 1e-12 {
		t.Errorf("unrouted %d, hours %v; want 2, 0.5", got.Unrouted, got.Hours)
	}
	counts := got.edgeCounts(len(net.Edges))
	e12, _ := net.Edge("J1_J2")
	e21, _ := net.Edge("J2_J1")
	if want := 1 + 0.75 + 50 + 10 + 7.0; math.Abs(counts[e12]-want) > 1e-9 {
		t.Errorf("J1_J2: %v vehicles, want %v", counts[e12], want)
	}
	if want := 0.25 + 4.0; math.Abs(counts[e21]-want) > 1e-9 {
		t.Errorf("J2_J1: %v vehicles, want %v", counts[e21], want)
	}
}

func TestBuildOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  BuildOptions
		ok   bool
	}{
		{"zero", BuildOptions{}, true},
		{"set", BuildOptions{SpeedFactor: 0.8, Headway: 2.2}, true},
		{"negative speed", BuildOptions{SpeedFactor: -1}, false},
		{"NaN headway", BuildOptions{Headway: math.NaN()}, false},
		{"huge headway", BuildOptions{Headway: 60}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.opt.Validate(); (err == nil) != tc.ok {
				t.Errorf("Validate() = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}
