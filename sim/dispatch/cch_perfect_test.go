package dispatch

import (
	"fmt"
	"slices"
	"testing"
)

// TestPerfectCustomization checks the pruned search graphs on a grid
// against exact distances from the Dijkstra engine (itself checked
// against gonum in TestRouteMatchesGonum): every kept arc direction
// weighs exactly the distance between its ends (tolerance 0 ms), every
// dropped finite one strictly more — as built, and after each of 8 rounds
// of random closures, slowdowns, speed-ups and reopenings, where the
// incremental repair (repairPerfect) must leave exact weights and kept arcs identical to a full perfect customization
// of the same costs (at least one round must be repaired incrementally,
// not by its fallback to a full one).
func TestPerfectCustomization(t *testing.T) {
	c := gridCity(t, 3, GridOptions{Cols: 41, Rows: 37, FastEvery: 20, ArterialEvery: 5})
	g := newTestGraph(t, c, GraphOptions{Algorithm: CCH})
	ref := newTestGraph(t, c, GraphOptions{Algorithm: Dijkstra})
	h := g.cch
	dist := func(x, y int32) uint32 {
		d, _, err := ref.vertexRoute(int(h.vert[x]), int(h.vert[y]))
		if err != nil {
			return inf
		}
		return d
	}
	checkTight(t, h, dist, "as built")
	rng := testRNG(t, 41)
	for round := range 8 {
		ch := randomChanges(g, rng)
		if err := g.Apply(ch...); err != nil {
			t.Fatal(err)
		}
		if err := ref.Apply(ch...); err != nil {
			t.Fatal(err)
		}
		checkTight(t, h, dist, fmt.Sprintf("round %d", round))
		checkRepairIsFull(t, h, round)
	}
	t.Logf("%d of 8 rounds repaired incrementally", 8-h.fullRepairs)
	if h.fullRepairs == 8 {
		t.Fatal("every round fell back to a full perfect customization: the incremental repair was not tested")
	}
}

// checkTight checks every arc direction of h against the distances.
func checkTight(t *testing.T, h *cch, dist func(x, y int32) uint32, when string) {
	t.Helper()
	kept, dropped := 0, 0
	for dir, w := range [][]uint32{h.fw, h.bw} {
		u := []*cchUp{&h.qf, &h.qb}[dir]
		keep := make(map[int32]bool, len(u.arc))
		for x := range h.n {
			for _, a := range u.arc[u.first[x]:u.end[x]] {
				keep[a] = true
			}
		}
		for x := range h.n {
			for a := h.upFirst[x]; a < h.upFirst[x+1]; a++ {
				from, to := x, h.upHead[a]
				if dir == 1 {
					from, to = to, from
				}
				d := dist(from, to)
				switch {
				case keep[a] && w[a] != d:
					t.Fatalf("%s: kept arc %d (dir %d) weighs %d ms, distance %d ms", when, a, dir, w[a], d)
				case !keep[a] && w[a] < inf && w[a] <= d:
					t.Fatalf("%s: dropped tight arc %d (dir %d): %d ms, distance %d ms", when, a, dir, w[a], d)
				case keep[a]:
					kept++
				default:
					dropped++
				}
			}
		}
	}
	t.Logf("%s: arc directions: %d kept, %d dropped", when, kept, dropped)
	if dropped == 0 || kept == 0 {
		t.Fatalf("%s: %d kept, %d dropped: want both", when, kept, dropped)
	}
}

// checkRepairIsFull compares h's exact weights and search graphs, as the
// incremental repair left them, with a full perfect customization of the
// same basic weights (identical, entry by entry).
func checkRepairIsFull(t *testing.T, h *cch, round int) {
	t.Helper()
	pf, pb := slices.Clone(h.pf), slices.Clone(h.pb)
	type view struct {
		end, head, arc []int32
		w              []uint32
	}
	snap := func(u *cchUp) view {
		return view{slices.Clone(u.end), slices.Clone(u.head), slices.Clone(u.arc), slices.Clone(u.w)}
	}
	qf, qb := snap(&h.qf), snap(&h.qb)
	h.perfect()
	for a := range pf {
		if pf[a] != h.pf[a] || pb[a] != h.pb[a] {
			t.Fatalf("round %d, arc %d: repaired exact weights %d/%d ms, full %d/%d ms", round, a, pf[a], pb[a], h.pf[a], h.pb[a])
		}
	}
	for dir, pair := range [][2]any{{qf, &h.qf}, {qb, &h.qb}} {
		v, u := pair[0].(view), pair[1].(*cchUp)
		for x := range h.n {
			lo := u.first[x]
			if v.end[x] != u.end[x] ||
				!slices.Equal(v.head[lo:v.end[x]], u.head[lo:u.end[x]]) ||
				!slices.Equal(v.arc[lo:v.end[x]], u.arc[lo:u.end[x]]) ||
				!slices.Equal(v.w[lo:v.end[x]], u.w[lo:u.end[x]]) {
				t.Fatalf("round %d, dir %d, rank %d: repaired search graph differs from a full perfect customization", round, dir, x)
			}
		}
	}
}
