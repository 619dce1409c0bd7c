package traffic

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// osmGrid builds a 3×3 grid of two-way streets, 200 m apart, with a signal
// at the centre node n11; the middle row is a primary road, the rest
// residential.
func osmGrid(t testing.TB) *Network {
	t.Helper()
	var nodes []*geo.RoadNode
	var links []*geo.RoadLink
	id := func(i, j int) string { return fmt.Sprintf("n%d%d", i, j) }
	for i := range 3 {
		for j := range 3 {
			nodes = append(nodes, &geo.RoadNode{ID: id(i, j), Point: orb.Point{float64(200 * i), float64(200 * j)}, Signal: i == 1 && j == 1})
		}
	}
	add := func(a, b string, pa, pb orb.Point, class string) {
		for _, d := range [][2]string{{a, b}, {b, a}} {
			line := orb.LineString{pa, pb}
			if d[0] == b {
				line = orb.LineString{pb, pa}
			}
			links = append(links, &geo.RoadLink{ID: d[0] + d[1], From: d[0], To: d[1], Line: line, Lanes: 1, MaxSpeed: 13.89, Length: 200, Class: class})
		}
	}
	for i := range 3 {
		for j := range 3 {
			p := orb.Point{float64(200 * i), float64(200 * j)}
			if i < 2 {
				class := "residential"
				if j == 1 {
					class = "primary"
				}
				add(id(i, j), id(i+1, j), p, orb.Point{p[0] + 200, p[1]}, class)
			}
			if j < 2 {
				add(id(i, j), id(i, j+1), p, orb.Point{p[0], p[1] + 200}, "residential")
			}
		}
	}
	n, err := FromOSM(links, nodes, OSMOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestFromOSMGrid: 12 streets give 24 edges; the signal node gets a
// 60 s two-stage plan where the east-west approaches (stage 0) and the
// north-south ones (stage 1) alternate and left turns are permissive;
// minor approaches of unsignalled nodes yield to the primary road.
func TestFromOSMGrid(t *testing.T) {
	n := osmGrid(t)
	if len(n.Edges) != 24 || len(n.Nodes) != 9 || len(n.Signals) != 1 {
		t.Fatalf("%d edges, %d nodes, %d signals", len(n.Edges), len(n.Nodes), len(n.Signals))
	}
	sg := n.Signals[0]
	if sg.Program.Cycle() != 60 || len(sg.Program.Phases) != 4 || sg.NumLinks != 12 {
		t.Fatalf("program %+v, %d links", sg.Program, sg.NumLinks)
	}
	for _, li := range sg.Links {
		lk := n.Links[li]
		st := sg.Program.Phases[0].State[lk.SignalIndex]
		ew := strings.HasPrefix(n.Edges[n.Lanes[lk.From].Edge].ID, "n01") || strings.HasPrefix(n.Edges[n.Lanes[lk.From].Edge].ID, "n21")
		if ew == (st == 'r') {
			t.Errorf("link from %s: state %c in phase 0", n.Edges[n.Lanes[lk.From].Edge].ID, st)
		}
		if lk.Dir == 'l' && st != 'g' && st != 'r' || lk.Dir == 'l' && len(lk.Yield) == 0 {
			t.Errorf("left turn %d: state %c, yields to %v", li, st, lk.Yield)
		}
	}
	// n10 (south middle): the primary row does not reach it; n01 (west
	// middle) is where the primary road starts: the residential approaches
	// there yield.
	ni, _ := n.Node("n01")
	minor := 0
	for _, lk := range n.Links {
		if lk.Node == ni && lk.State == 'm' {
			minor++
		}
	}
	if minor == 0 {
		t.Error("no yielding movement at n01")
	}
}

// TestOSMGridRuns: generated demand on the OSM grid all arrives once
// demand stops (no gridlock at the yielding and signalled nodes), with
// stops and time loss that are positive but bounded (a 2 km trip cannot
// lose more than the red times of one signal and yields: < 120 s).
func TestOSMGridRuns(t *testing.T) {
	n := osmGrid(t)
	d, err := RandomDemand(n, RandomOptions{Rate: 600, End: 900}, rand.New(rand.NewPCG(7, 8)))
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(n, d, Options{End: 1500, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	s.Run(nil)
	sm := s.Summary()
	if sm.Arrived != len(d.Trips) || sm.Running != 0 {
		t.Fatalf("%+v of %d trips", sm, len(d.Trips))
	}
	if sm.MeanTimeLoss <= 0 || sm.MeanTimeLoss > 120 {
		t.Errorf("mean time loss %v", sm.MeanTimeLoss)
	}
}

// TestDefaultPlan: the stage layout of DefaultPlan.
func TestDefaultPlan(t *testing.T) {
	p := DefaultPlan([]int{0, 0, 1, 1}, []bool{false, true, false, true})
	want := []string{"Ggrr", "yyrr", "rrGg", "rryy"}
	for k, ph := range p.Phases {
		if ph.State != want[k] {
			t.Errorf("phase %d: %s, want %s", k, ph.State, want[k])
		}
	}
	if p.Cycle() != 60 {
		t.Errorf("cycle %v", p.Cycle())
	}
	one := DefaultPlan([]int{0, 0}, nil)
	if len(one.Phases) != 3 || one.Phases[2].State != "rr" || one.Cycle() != 60 {
		t.Errorf("single stage: %+v", one)
	}
}
