package dispatch

import (
	"errors"
	"math/rand/v2"
	"sync"
	"testing"
)

// TestConcurrentQueriesAndUpdates runs point-to-point, one-to-one and
// many-to-one queries on four goroutines while a fifth applies 40 rounds
// of random closures, slowdowns, speed-ups and reopenings (each Apply
// re-customizes and repairs the perfect customization under the write
// lock). Run under the race detector (make race) it checks the locking;
// afterwards every query must again equal the Dijkstra engine on the
// final costs (exact to the millisecond), so no update was half applied.
func TestConcurrentQueriesAndUpdates(t *testing.T) {
	c := sampleCity(t)
	g := newTestGraph(t, c, GraphOptions{})
	ref := newTestGraph(t, c, GraphOptions{Algorithm: Dijkstra})
	rng := testRNG(t, 53)
	nv := g.NumVertices()
	pairs := make([][2]int, 60)
	for i := range pairs {
		pairs[i] = [2]int{rng.IntN(nv), rng.IntN(nv)}
	}
	var changes [][]Change
	for range 40 {
		changes = append(changes, randomChanges(g, rng))
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 4 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 1))
			for range 300 {
				p := pairs[r.IntN(len(pairs))]
				var err error
				switch r.IntN(3) {
				case 0:
					_, _, err = g.VertexCost(p[0], p[1])
				case 1:
					_, err = g.VertexRoute(p[0], p[1])
				default:
					_, s1 := g.Node(r.IntN(g.NumNodes()))
					_, s2 := g.Node(r.IntN(g.NumNodes()))
					a, e1 := g.Snap(s1, 1e9)
					b, e2 := g.Snap(s2, 1e9)
					if err = errors.Join(e1, e2); err == nil {
						_, err = g.ManyToOne([]Snap{a, b}, b)
					}
				}
				if err != nil && !errors.Is(err, ErrUnreachable) {
					errs <- err
					return
				}
			}
		})
	}
	wg.Go(func() {
		for _, ch := range changes {
			if err := g.Apply(ch...); err != nil {
				errs <- err
				return
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for _, ch := range changes {
		if err := ref.Apply(ch...); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range pairs {
		got, _, gerr := g.VertexCost(p[0], p[1])
		want, _, werr := ref.VertexCost(p[0], p[1])
		if (gerr == nil) != (werr == nil) || got != want {
			t.Fatalf("%d → %d after the updates: CCH %d ms (%v), Dijkstra %d ms (%v)", p[0], p[1], got, gerr, want, werr)
		}
	}
}
