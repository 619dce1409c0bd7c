package dispatch

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// TestSpeedProfile checks the profile's formula (SpeedProfile's doc) on
// hand-worked values, km/h in, km/h out.
func TestSpeedProfile(t *testing.T) {
	cases := []struct {
		name   string
		p      SpeedProfile
		class  string
		limit  float64 // km/h
		tagged bool
		lanes  int
		want   float64 // km/h
	}{
		{"urban arterial +20 %", SpeedProfile{}, "primary", 50, true, 2, 60},
		{"single lane: half the excess", SpeedProfile{}, "primary", 50, true, 1, 55},
		{"excess capped at 20 km/h", SpeedProfile{}, "trunk", 110, true, 2, 130},
		{"overall cap 130 km/h", SpeedProfile{}, "motorway", 130, true, 3, 130},
		{"calm street: no excess", SpeedProfile{}, "residential", 30, true, 1, 30},
		{"just above calm", SpeedProfile{}, "residential", 40, true, 2, 48},
		{"class override on untagged", SpeedProfile{Class: map[string]float64{"service": 20 / 3.6}}, "service", 15, false, 1, 20},
		{"class override ignores tagged", SpeedProfile{Class: map[string]float64{"service": 20 / 3.6}}, "service", 15, true, 1, 15},
		{"car profile", CarProfile(), "primary", 50, true, 2, 50},
		{"unknown limit: floor", SpeedProfile{}, "road", 0, false, 1, 5},
		{"custom excess", SpeedProfile{Excess: 0.5, ExcessCap: 100, MaxSpeed: 1000}, "primary", 60, true, 2, 90},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.p.Validate(); err != nil {
				t.Fatal(err)
			}
			got := tc.p.Speed(tc.class, tc.limit/3.6, tc.tagged, tc.lanes) * 3.6
			if math.Abs(got-tc.want) > 1e-9 {
				t.Fatalf("%v km/h, want %v", got, tc.want)
			}
		})
	}
	for _, bad := range []SpeedProfile{
		{Excess: math.NaN()}, {NarrowShare: 2}, {MinSpeed: 10, MaxSpeed: 5},
		{Class: map[string]float64{"x": -1}}, {ExcessCap: -3}, {MaxSpeed: math.Inf(1)},
	} {
		if err := bad.Validate(); !errors.Is(err, ErrOptions) {
			t.Errorf("%+v: %v, want ErrOptions", bad, err)
		}
	}
}

// TestEdgeCosts: an edge's cost is its length over the profile's speed,
// in whole milliseconds; speed factors divide the free-flow time.
func TestEdgeCosts(t *testing.T) {
	g, err := NewGraph(junction(), nil, GraphOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// w1.0: 100 m at a tagged 10 m/s = 36 km/h on one lane: excess
	// min(20 % · 10, 20/3.6)·½ = 1 m/s, so 11 m/s and 9.091 s.
	e := 0
	id, from, to, length, cost := g.Edge(e)
	if id != "w1.0" || length != 100 || cost != math.Round(100/11.0*1000)/1000 {
		t.Fatalf("edge 0: %s %d→%d %v m %v s, want w1.0 100 m 9.091 s", id, from, to, length, cost)
	}
	if err := g.SetSpeedFactor(e, 0.5); err != nil {
		t.Fatal(err)
	}
	if _, _, _, _, c := g.Edge(e); c != math.Round(200/11.0*1000)/1000 {
		t.Fatalf("at half speed: %v s, want 18.182", c)
	}
	if err := g.SetClosed(e, true); err != nil {
		t.Fatal(err)
	}
	if _, _, _, _, c := g.Edge(e); !math.IsInf(c, 1) || g.Factor(e) != 0.5 {
		t.Fatalf("closed: %v s, factor %v", c, g.Factor(e))
	}
	if n, err := g.CloseWay(1, false); err != nil || n != 2 {
		t.Fatalf("CloseWay: %d, %v", n, err)
	}
	if _, _, _, _, c := g.Edge(e); c != math.Round(200/11.0*1000)/1000 {
		t.Fatalf("reopened at half speed: %v s", c)
	}
}

func TestNewGraphBadLinks(t *testing.T) {
	good := func() *geo.RoadLink {
		return &geo.RoadLink{ID: "a", From: "n1", To: "n2", Line: orb.LineString{{0, 0}, {10, 0}}, MaxSpeed: 10}
	}
	mod := func(f func(l *geo.RoadLink)) *geo.RoadLink { l := good(); f(l); return l }
	cases := map[string][]*geo.RoadLink{
		"nil":       {nil},
		"no id":     {mod(func(l *geo.RoadLink) { l.ID = "" })},
		"duplicate": {good(), good()},
		"no ends":   {mod(func(l *geo.RoadLink) { l.To = "" })},
		"one point": {mod(func(l *geo.RoadLink) { l.Line = l.Line[:1] })},
		"NaN point": {mod(func(l *geo.RoadLink) { l.Line[1][0] = math.NaN() })},
		"NaN speed": {mod(func(l *geo.RoadLink) { l.MaxSpeed = math.NaN() })},
	}
	for name, links := range cases {
		if _, err := NewGraph(links, nil, GraphOptions{}); !errors.Is(err, ErrLink) {
			t.Errorf("%s: %v, want ErrLink", name, err)
		}
	}
	if _, err := NewGraph(nil, nil, GraphOptions{Workers: -1}); !errors.Is(err, ErrOptions) {
		t.Errorf("Workers -1: %v", err)
	}
	g, err := NewGraph(nil, nil, GraphOptions{})
	if err != nil || g.NumNodes() != 0 {
		t.Fatalf("empty graph: %v", err)
	}
	if _, err := g.Snap(orb.Point{}, math.Inf(1)); !errors.Is(err, ErrTooFar) {
		t.Fatalf("snap on empty graph: %v", err)
	}
	// Length falls back to the planar length of the line.
	g, err = NewGraph([]*geo.RoadLink{good()}, nil, GraphOptions{})
	if _, _, _, l, _ := g.Edge(0); err != nil || l != 10 {
		t.Fatalf("length %v, %v; want 10 m", l, err)
	}
}

// TestSyntheticGrid checks the generator's shape: the same seed gives the
// same links, every link keeps to its class, residential streets never
// touch fast roads, and the graph is strongly connected (every sampled
// pair reachable).
func TestSyntheticGrid(t *testing.T) {
	opt := GridOptions{Cols: 61, Rows: 45, ArterialEvery: 5, FastEvery: 20}
	a, err := SyntheticGrid(rand.New(rand.NewPCG(1, 2)), opt)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := SyntheticGrid(rand.New(rand.NewPCG(1, 2)), opt)
	if len(a) != len(b) || len(a) < 61*45*2 {
		t.Fatalf("%d and %d links for 2745 nodes", len(a), len(b))
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].From != b[i].From || a[i].Line[0] != b[i].Line[0] {
			t.Fatalf("link %d differs: %+v vs %+v", i, a[i], b[i])
		}
	}
	classOf := map[string]string{}
	for _, l := range a {
		for _, n := range []string{l.From, l.To} {
			if c, ok := classOf[n]; ok && (c == "trunk" && l.Class == "residential" || c == "residential" && l.Class == "trunk") {
				t.Fatalf("node %s joins trunk and residential", n)
			}
			if l.Class != "primary" {
				classOf[n] = l.Class
			}
		}
	}
	g, err := NewGraph(a, nil, GraphOptions{Algorithm: Dijkstra})
	if err != nil {
		t.Fatal(err)
	}
	if g.NumNodes() < 61*45*95/100 {
		t.Fatalf("largest strongly connected part has %d of %d nodes", g.NumNodes(), 61*45)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50 {
		sa, _ := g.SnapNode(rng.IntN(g.NumNodes()))
		sb, _ := g.SnapNode(rng.IntN(g.NumNodes()))
		if _, err := g.Route(sa, sb); err != nil {
			t.Fatalf("grid not strongly connected: %v", err)
		}
	}
	if _, err := SyntheticGrid(rng, GridOptions{Entrances: 20}); !errors.Is(err, ErrOptions) {
		t.Fatalf("20 entrances in a 10-block superblock: %v", err)
	}
}
