package dispatch

import (
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// TestSnap checks snapping on the junction of graph_turns_test.go, whose
// geometry makes every expected value plain arithmetic.
func TestSnap(t *testing.T) {
	g, err := NewGraph(junction(), nil, GraphOptions{Profile: CarProfile()})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name      string
		p         orb.Point
		max       float64
		wantPt    orb.Point
		wantDist  float64
		wantFrac  float64 // along the snapped edge
		wantEdge  string
		wantErrIs error
	}{
		// 7 m east of the south arm (x = 100, y 0 … 100), 30 m up it.
		{"on south arm", orb.Point{107, 30}, 10, orb.Point{100, 30}, 7, 0.3, "w1.0", nil},
		// Inside the frame's south-west quarter, nearer the west arm (y=100).
		{"near west arm", orb.Point{40, 96}, 10, orb.Point{40, 100}, 4, 0.6, "w3.0", nil},
		{"too far", orb.Point{50, 50}, 10, orb.Point{}, 0, 0, "", ErrTooFar},
		{"far outside", orb.Point{-1000, -1000}, 100, orb.Point{}, 0, 0, "", ErrTooFar},
		{"NaN point", orb.Point{math.NaN(), 0}, 10, orb.Point{}, 0, 0, "", ErrSnap},
		{"Inf point", orb.Point{math.Inf(1), 0}, 10, orb.Point{}, 0, 0, "", ErrSnap},
		{"negative limit", orb.Point{100, 30}, -1, orb.Point{}, 0, 0, "", ErrSnap},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := g.Snap(tc.p, tc.max)
			if tc.wantErrIs != nil {
				if !errors.Is(err, tc.wantErrIs) {
					t.Fatalf("err %v, want %v", err, tc.wantErrIs)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			id, _, _, _, _ := g.Edge(s.Edge)
			if id != tc.wantEdge || s.Reverse < 0 {
				t.Fatalf("edge %s (reverse %d), want %s with its reverse", id, s.Reverse, tc.wantEdge)
			}
			if math.Abs(s.Point[0]-tc.wantPt[0]) > 1e-9 || math.Abs(s.Point[1]-tc.wantPt[1]) > 1e-9 ||
				math.Abs(s.DistM-tc.wantDist) > 1e-9 || math.Abs(s.Frac-tc.wantFrac) > 1e-12 {
				t.Fatalf("snap %+v, want point %v dist %v frac %v", s, tc.wantPt, tc.wantDist, tc.wantFrac)
			}
		})
	}
}

// TestRouteBadInput: unreachable places and snaps that do not belong to the
// graph give errors, never a panic.
func TestRouteBadInput(t *testing.T) {
	links := junction()
	// An island: a two-way street far away, joined to nothing.
	island := *links[0]
	island.ID, island.WayID, island.From, island.To = "w99.0", 99, "i1", "i2"
	island.Line = orb.LineString{{5000, 5000}, {5100, 5000}}
	links = append(links, &island)
	for _, en := range engines {
		t.Run(en.name, func(t *testing.T) {
			g, err := NewGraph(links, nil, GraphOptions{Algorithm: en.alg})
			if err != nil {
				t.Fatal(err)
			}
			a, _ := g.Snap(orb.Point{100, 50}, 5)
			b, _ := g.Snap(orb.Point{5050, 5000}, 5)
			if _, err := g.Route(a, b); !errors.Is(err, ErrUnreachable) {
				t.Fatalf("route to the island: %v, want ErrUnreachable", err)
			}
			d, err := g.OneToMany(a, []Snap{b, a})
			if err != nil || !math.IsInf(d[0], 1) || d[1] != 0 {
				t.Fatalf("OneToMany %v, %v; want [+Inf 0]", d, err)
			}
			bad := []Snap{{}, {Edge: -1, Node: -1}, {Edge: 1 << 30, Node: -1}, {Edge: 0, Node: -1, Frac: 2, Reverse: int(g.e.rev[0])},
				{Edge: 0, Node: -1, Frac: math.NaN()}, {Edge: -1, Node: 1 << 30, Reverse: -1}, {Edge: 0, Node: -1, Reverse: 5}}
			for _, s := range bad {
				if _, err := g.Route(s, a); !errors.Is(err, ErrSnap) {
					t.Errorf("Route from %+v: %v, want ErrSnap", s, err)
				}
				if _, err := g.OneToMany(a, []Snap{s}); !errors.Is(err, ErrSnap) {
					t.Errorf("OneToMany to %+v: %v, want ErrSnap", s, err)
				}
				if err := g.Reach(s, 10, func(int, float64, float64) {}); !errors.Is(err, ErrSnap) {
					t.Errorf("Reach from %+v: %v, want ErrSnap", s, err)
				}
			}
			if err := g.SetClosed(-1, true); !errors.Is(err, ErrEdge) {
				t.Errorf("SetClosed(-1): %v", err)
			}
			if err := g.SetSpeedFactor(0, 0); !errors.Is(err, ErrFactor) {
				t.Errorf("SetSpeedFactor(0, 0): %v", err)
			}
			if err := g.SetSpeedFactor(0, math.NaN()); !errors.Is(err, ErrFactor) {
				t.Errorf("SetSpeedFactor(0, NaN): %v", err)
			}
			if _, err := g.CloseWay(12345, true); !errors.Is(err, ErrEdge) {
				t.Errorf("CloseWay(unknown): %v", err)
			}
			if _, err := g.SnapNode(-1); !errors.Is(err, ErrEdge) {
				t.Errorf("SnapNode(-1): %v", err)
			}
		})
	}
}

// FuzzRoute feeds arbitrary points, limits, snap fields and cost changes
// to both engines: every call returns a result or an error, never a panic,
// and a route found has a finite, non-negative cost.
func FuzzRoute(f *testing.F) {
	f.Add(107.0, 30.0, 10.0, 40.0, 96.0, int64(0), 0.5, int64(1), int64(-1), 60.0, 0.5)
	f.Add(math.NaN(), 0.0, 1.0, 1e300, -1e300, int64(3), 2.0, int64(7), int64(0), -1.0, 0.0)
	f.Add(0.0, 0.0, math.Inf(1), 200.0, 200.0, int64(-1), 0.0, int64(-1), int64(4), math.Inf(1), math.Inf(1))
	rs := []*geo.TurnRestriction{restriction("no_left_turn", 1, "n11", 3), restriction("only_straight_on", 4, "n11", 3)}
	var gs []*Graph
	for _, en := range engines {
		g, err := NewGraph(junction(), rs, GraphOptions{Algorithm: en.alg})
		if err != nil {
			f.Fatal(err)
		}
		gs = append(gs, g)
	}
	f.Fuzz(func(t *testing.T, x1, y1, maxD, x2, y2 float64, edge int64, frac float64, rev, node int64, limit, factor float64) {
		forged := Snap{Edge: int(edge), Frac: frac, Reverse: int(rev), Node: int(node)}
		for _, g := range gs {
			a, _ := g.Snap(orb.Point{x1, y1}, maxD)
			b, _ := g.Snap(orb.Point{x2, y2}, maxD)
			if err := g.SetSpeedFactor(int(edge), factor); err == nil {
				defer g.SetSpeedFactor(int(edge), 1)
			}
			for _, pair := range [][2]Snap{{a, b}, {forged, b}, {a, forged}, {forged, forged}} {
				p, err := g.Route(pair[0], pair[1])
				if err == nil && !(p.CostS >= 0 && !math.IsInf(p.CostS, 0)) {
					t.Fatalf("route %+v: cost %v", pair, p.CostS)
				}
			}
			g.OneToMany(forged, []Snap{a, b})
			g.ManyToOne([]Snap{a, forged}, b)
			g.Matrix([]Snap{a, forged}, []Snap{b})
			g.Reach(forged, limit, func(int, float64, float64) {})
			g.Reach(a, limit, func(int, float64, float64) {})
			g.EdgeSnap(int(edge), frac)
		}
	})
}
