package dispatch

import (
	"errors"
	"fmt"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// junction builds a 3 × 3 grid of nodes 100 m apart: a cross of fast
// streets (10 m/s, 10 s per arm) meeting at the centre C = n11, framed by
// slow streets (4 m/s, 25 s per side). Node "nXY" is at (100X, 100Y).
// Ways: 1 south arm n10–n11, 2 north arm n11–n12, 3 west arm n11–n01,
// 4 east arm n11–n21, 5–12 the frame's sides, all two-way.
func junction() []*geo.RoadLink {
	var links []*geo.RoadLink
	way := func(id int64, speed float64, a, b [2]int) {
		pa := orb.Point{float64(a[0]) * 100, float64(a[1]) * 100}
		pb := orb.Point{float64(b[0]) * 100, float64(b[1]) * 100}
		na, nb := fmt.Sprintf("n%d%d", a[0], a[1]), fmt.Sprintf("n%d%d", b[0], b[1])
		base := fmt.Sprintf("w%d.0", id)
		mk := func(suffix, from, to string, line orb.LineString) {
			links = append(links, &geo.RoadLink{ID: base + suffix, WayID: id, From: from, To: to, Line: line,
				Lanes: 1, MaxSpeed: speed, SpeedSource: "tag", Class: "residential", Length: 100})
		}
		mk("", na, nb, orb.LineString{pa, pb})
		mk("r", nb, na, orb.LineString{pb, pa})
	}
	way(1, 10, [2]int{1, 0}, [2]int{1, 1})
	way(2, 10, [2]int{1, 1}, [2]int{1, 2})
	way(3, 10, [2]int{1, 1}, [2]int{0, 1})
	way(4, 10, [2]int{1, 1}, [2]int{2, 1})
	frame := [][2][2]int{
		{{0, 0}, {1, 0}}, {{1, 0}, {2, 0}}, {{2, 0}, {2, 1}}, {{2, 1}, {2, 2}},
		{{2, 2}, {1, 2}}, {{1, 2}, {0, 2}}, {{0, 2}, {0, 1}}, {{0, 1}, {0, 0}},
	}
	for i, s := range frame {
		way(int64(5+i), 4, s[0], s[1])
	}
	return links
}

func restriction(kind string, from int64, via string, to int64) *geo.TurnRestriction {
	return &geo.TurnRestriction{ID: "r" + kind, Kind: kind, FromWay: from, ViaNode: via, ToWay: to}
}

// TestTurnRestrictionsJunction checks hand-computed travel times at the
// junction of the figure above; each expected value is a sum of its 10 s
// arms and 25 s frame sides:
//
//   - south → west through the centre is 10 + 10 = 20 s. With no_left_turn
//     from the south arm onto the west arm the best legal trip is 40 s: on
//     through the centre, a U-turn at the far end of the north (or east)
//     arm, back to the centre and right (4 × 10), beating the frame's
//     corner (25 + 25 = 50). Forbid those U-turns too (no_u_turn at n12
//     and n21) and the corner it is: 50 s.
//   - only_straight_on from the south arm: south → east 40 s (U-turn at
//     the north end), south → north still 20 s, and trips arriving from
//     other arms are not constrained (east → west 20 s).
//   - no_right_turn from south onto east: south → east 40 s.
func TestTurnRestrictionsJunction(t *testing.T) {
	cases := []struct {
		name     string
		rs       []*geo.TurnRestriction
		src, dst string
		want     float64 // s
	}{
		{"no restriction", nil, "n10", "n01", 20},
		{"no_left_turn", []*geo.TurnRestriction{restriction("no_left_turn", 1, "n11", 3)}, "n10", "n01", 40},
		{"no_left_turn and no_u_turn", []*geo.TurnRestriction{
			restriction("no_left_turn", 1, "n11", 3), restriction("no_u_turn", 2, "n12", 2),
			restriction("no_u_turn", 4, "n21", 4)}, "n10", "n01", 50},
		{"only_straight_on/east", []*geo.TurnRestriction{restriction("only_straight_on", 1, "n11", 2)}, "n10", "n21", 40},
		{"only_straight_on/north", []*geo.TurnRestriction{restriction("only_straight_on", 1, "n11", 2)}, "n10", "n12", 20},
		{"only_straight_on/other arm", []*geo.TurnRestriction{restriction("only_straight_on", 1, "n11", 2)}, "n21", "n01", 20},
		{"no_right_turn", []*geo.TurnRestriction{restriction("no_right_turn", 1, "n11", 4)}, "n10", "n21", 40},
	}
	for _, tc := range cases {
		for _, en := range engines {
			t.Run(tc.name+"/"+en.name, func(t *testing.T) {
				g, err := NewGraph(junction(), tc.rs, GraphOptions{Profile: CarProfile(), Algorithm: en.alg})
				if err != nil {
					t.Fatal(err)
				}
				if st := g.Stats(); st.Restrictions != len(tc.rs) || st.Skipped != 0 {
					t.Fatalf("stats %+v, want %d restrictions applied", st, len(tc.rs))
				}
				if got := routeNodes(t, g, tc.src, tc.dst); got != tc.want {
					t.Fatalf("%s → %s: %v s, want %v s", tc.src, tc.dst, got, tc.want)
				}
			})
		}
	}
}

// TestRestrictionsSkipped: restrictions the graph cannot apply are counted,
// not guessed at.
func TestRestrictionsSkipped(t *testing.T) {
	rs := []*geo.TurnRestriction{
		restriction("no_left_turn", 1, "n11", 3),
		{ID: "rvia", Kind: "no_left_turn", FromWay: 1, ViaWays: []int64{2}, ToWay: 5},
		restriction("give_way", 1, "n11", 3),
		restriction("no_left_turn", 1, "n99", 3),
		restriction("no_left_turn", 7, "n11", 3),
		nil,
	}
	g, err := NewGraph(junction(), rs, GraphOptions{Profile: CarProfile()})
	if err != nil {
		t.Fatal(err)
	}
	if st := g.Stats(); st.Restrictions != 1 || st.Skipped != 5 {
		t.Fatalf("stats %+v, want 1 applied, 5 skipped", st)
	}
}

func routeNodes(t *testing.T, g *Graph, a, b string) float64 {
	t.Helper()
	ia, ok1 := g.NodeIndex(a)
	ib, ok2 := g.NodeIndex(b)
	if !ok1 || !ok2 {
		t.Fatalf("nodes %s %s", a, b)
	}
	sa, _ := g.SnapNode(ia)
	sb, _ := g.SnapNode(ib)
	p, err := g.Route(sa, sb)
	if errors.Is(err, ErrUnreachable) {
		return -1
	}
	if err != nil {
		t.Fatal(err)
	}
	return p.CostS
}
