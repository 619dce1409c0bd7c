package greenwave

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// roadGrid builds a road graph: an east–west street of signals at the given
// x (m) between end nodes 200 m beyond, two-way unless oneWay, each signal
// with a two-way cross street 150 m north; plus a side road of two signals
// that the chain must not prefer.
func roadGrid(xs []float64, oneWay bool) ([]*geo.RoadLink, []*geo.RoadNode) {
	var links []*geo.RoadLink
	var nodes []*geo.RoadNode
	node := func(id string, x, y float64, signal bool) {
		nodes = append(nodes, &geo.RoadNode{ID: id, Point: orb.Point{x, y}, Signal: signal})
	}
	pos := map[string]orb.Point{}
	way := int64(0)
	link := func(a, b string, both bool) {
		way++
		pa, pb := pos[a], pos[b]
		l := math.Hypot(pb[0]-pa[0], pb[1]-pa[1])
		links = append(links, &geo.RoadLink{ID: fmt.Sprintf("w%d", way), WayID: way, From: a, To: b, Line: orb.LineString{pa, pb}, Length: l, MaxSpeed: 13.89})
		if both {
			links = append(links, &geo.RoadLink{ID: fmt.Sprintf("w%dr", way), WayID: way, From: b, To: a, Line: orb.LineString{pb, pa}, Length: l, MaxSpeed: 13.89})
		}
	}
	add := func(id string, x, y float64, signal bool) {
		node(id, x, y, signal)
		pos[id] = orb.Point{x, y}
	}
	add("west", xs[0]-200, 0, false)
	prev := "west"
	for i, x := range xs {
		id := fmt.Sprint("s", i)
		add(id, x, 0, true)
		// a plain node midway, which the street runs straight through
		mid := fmt.Sprint("m", i)
		if i > 0 {
			add(mid, (xs[i-1]+x)/2, 0, false)
			link(prev, mid, !oneWay)
			link(mid, id, !oneWay)
		} else {
			link(prev, id, !oneWay)
		}
		add(fmt.Sprint("n", i), x, 150, false)
		link(id, fmt.Sprint("n", i), true)
		prev = id
	}
	add("east", xs[len(xs)-1]+200, 0, false)
	link(prev, "east", !oneWay)
	// a short two-signal side street far away
	add("a", 5000, 0, true)
	add("b", 5000, 250, true)
	link("a", "b", true)
	return links, nodes
}

// TestCorridorFromRoads checks the detected arterial against the
// geometry the grid was built from: the signals in order, legs as long as
// their spacing, progression at 0.95 × 13.89 m/s, the default 90 s
// program (42 s main green, 3 s yellow, 42 s, 3 s).
func TestCorridorFromRoads(t *testing.T) {
	xs := []float64{0, 300, 700, 900, 1400}
	for _, tc := range []struct {
		name   string
		oneWay bool
	}{{"two-way", false}, {"one-way", true}} {
		t.Run(tc.name, func(t *testing.T) {
			links, nodes := roadGrid(xs, tc.oneWay)
			c, err := CorridorFromRoads(links, nodes, RoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, s := range c.Signals {
				ids = append(ids, s.ID)
			}
			if want := []string{"s0", "s1", "s2", "s3", "s4"}; !slices.Equal(ids, want) {
				t.Fatalf("signals %v, want %v", ids, want)
			}
			for i, l := range c.Links {
				want := xs[i+1] - xs[i]
				if math.Abs(l.Out.Length-want) > 1e-6 || math.Abs(l.In.Length-want) > 1e-6 || math.Abs(l.Out.Speed-0.95*13.89) > 1e-9 {
					t.Errorf("link %d: %+v, want %v m at %v m/s", i, l, want, 0.95*13.89)
				}
			}
			p := c.Signals[0].Phases
			if len(p) != 4 || p[0].Duration != 42 || !p[0].Out || !p[0].In || !p[1].Fixed || p[2].Duration != 42 || !p[3].Fixed {
				t.Errorf("default program %+v", p)
			}
			if wantIn := map[bool]float64{false: 1, true: 0}[tc.oneWay]; c.FlowOut != 1 || c.FlowIn != wantIn {
				t.Errorf("flows %v/%v, want 1/%v", c.FlowOut, c.FlowIn, wantIn)
			}
			if _, err := Solve(c, Options{}); err != nil {
				t.Errorf("Solve: %v", err)
			}
		})
	}
}

// TestCorridorFromRoadsMerge: a signal 20 m past another (OSM's signal on
// each approach) joins it, so the leg runs to the next junction.
func TestCorridorFromRoadsMerge(t *testing.T) {
	links, nodes := roadGrid([]float64{0, 20, 400}, false)
	c, err := CorridorFromRoads(links, nodes, RoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Signals) != 2 || c.Signals[0].ID != "s0" || c.Signals[1].ID != "s2" || math.Abs(c.Links[0].Out.Length-400) > 1e-6 {
		t.Errorf("corridor %+v, want s0 → s2, 400 m", c)
	}
}

func TestCorridorFromRoadsErrors(t *testing.T) {
	if _, err := CorridorFromRoads(nil, nil, RoadOptions{}); err == nil {
		t.Error("empty graph: no error")
	}
	for _, o := range []RoadOptions{{Cycle: 5}, {MainShare: 1}, {SpeedFactor: math.NaN()}, {MergeDistance: -1}} {
		if err := o.Validate(); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}
