package dispatch

import "testing"

// TestPerfectCustomization checks the pruned search graphs on a grid
// against exact distances from the Dijkstra engine (itself checked
// against gonum in TestRouteMatchesGonum): every kept arc direction
// weighs exactly the distance between its ends (tolerance 0 ms), every
// dropped finite one strictly more, and a change drops the pruning.
func TestPerfectCustomization(t *testing.T) {
	c := gridCity(t, 3, GridOptions{Cols: 41, Rows: 37, FastEvery: 20, ArterialEvery: 5})
	g := newTestGraph(t, c, GraphOptions{Algorithm: CCH})
	ref := newTestGraph(t, c, GraphOptions{Algorithm: Dijkstra})
	h := g.cch
	if !h.pruned {
		t.Fatal("no pruned search graphs after building")
	}
	dist := func(x, y int32) uint32 {
		d, _, err := ref.vertexRoute(int(h.vert[x]), int(h.vert[y]))
		if err != nil {
			return inf
		}
		return d
	}
	kept, dropped := 0, 0
	for dir, w := range [][]uint32{h.fw, h.bw} {
		u := []*cchUp{&h.qf, &h.qb}[dir]
		keep := make(map[int32]bool, len(u.arc))
		for _, a := range u.arc {
			keep[a] = true
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
					t.Fatalf("kept arc %d (dir %d) weighs %d ms, distance %d ms", a, dir, w[a], d)
				case !keep[a] && w[a] < inf && w[a] <= d:
					t.Fatalf("dropped tight arc %d (dir %d): %d ms, distance %d ms", a, dir, w[a], d)
				case keep[a]:
					kept++
				default:
					dropped++
				}
			}
		}
	}
	t.Logf("arc directions: %d kept, %d dropped", kept, dropped)
	if dropped == 0 || kept == 0 {
		t.Fatalf("%d kept, %d dropped: want both", kept, dropped)
	}
	if err := g.Apply(Change{Edge: 0, Closed: true}); err != nil {
		t.Fatal(err)
	}
	if h.pruned {
		t.Fatal("pruned search graphs kept after a change")
	}
}
