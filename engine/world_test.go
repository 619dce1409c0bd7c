package engine

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/spatial"
)

var seedFlag = flag.Uint64("seed", 0, "seed for randomized tests (0: fixed default)")

func testRand(t testing.TB) *rand.Rand {
	s := *seedFlag
	if s == 0 {
		s = 42
	}
	t.Logf("seed %d (replay with -seed=%d)", s, s)
	return rand.New(rand.NewPCG(s, 7))
}

func rect(x, y, w, h float64) orb.Polygon {
	return orb.Polygon{{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}}}
}

// randomCity fills an engineering-frame World with n features per layer:
// buildings (some with courtyards, some in two parts), road links and pipes.
func randomCity(t testing.TB, r *rand.Rand, n int, size float64) *World {
	w, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.Update(func(tx *Tx) error {
		for i := 0; i < n; i++ {
			x, y := r.Float64()*size, r.Float64()*size
			bw, bh := 5+r.Float64()*30, 5+r.Float64()*30
			fp := orb.MultiPolygon{rect(x, y, bw, bh)}
			switch i % 5 {
			case 0: // courtyard
				fp[0] = append(fp[0], orb.Ring{{x + bw/3, y + bh/3}, {x + bw/3, y + 2*bh/3}, {x + 2*bw/3, y + 2*bh/3}, {x + 2*bw/3, y + bh/3}, {x + bw/3, y + bh/3}})
			case 1: // two parts
				fp = append(fp, rect(x+bw+3, y, 4, 4))
			}
			b := &geo.Building{ID: fmt.Sprintf("b%05d", i), Footprint: fp, Ground: 10, Height: 3 + float64(i%10)}
			l := orb.LineString{{x, y}, {x + (r.Float64()-0.5)*200, y + (r.Float64()-0.5)*200}, {x + (r.Float64()-0.5)*200, y + (r.Float64()-0.5)*200}}
			rd := &geo.RoadLink{ID: fmt.Sprintf("r%05d", i), Line: l, Lanes: 1}
			inv := 5 - 3*r.Float64()
			p := &geo.Pipe{ID: fmt.Sprintf("p%05d", i), Line: orb.LineString{l[0], l[1]}, Diameter: 0.3 + r.Float64(),
				InvertFrom: inv, InvertTo: inv - 0.5, GroundFrom: 10, GroundTo: 10 + r.Float64()}
			nd := &geo.PipeNode{ID: fmt.Sprintf("m%05d", i), Point: orb.Point{x, y}, Invert: inv, MaxDepth: 10 - inv, Ground: 10}
			for layer, f := range map[string]geo.Feature{geo.LayerBuildings: b, geo.LayerRoads: rd, geo.LayerPipes: p, geo.LayerPipeNodes: nd} {
				if _, err := tx.Put(layer, f); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func ids(fs []geo.Feature) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.FeatureID()
	}
	sort.Strings(out)
	return out
}

func collect(q func(func(geo.Feature) bool)) []geo.Feature {
	var out []geo.Feature
	q(func(f geo.Feature) bool { out = append(out, f); return true })
	return out
}

func all(l *Layer) []geo.Feature {
	return collect(func(fn func(geo.Feature) bool) { l.Ascend("", fn) })
}

func equalIDs(t *testing.T, what string, got, want []geo.Feature) {
	t.Helper()
	g, w := ids(got), ids(want)
	if fmt.Sprint(g) != fmt.Sprint(w) {
		t.Fatalf("%s: index gave %d features, brute-force scan %d\n got %v\nwant %v", what, len(g), len(w), g, w)
	}
}

// TestQueriesMatchBruteForce checks every spatial query against a scan of all
// features with the same predicate, over many seeded random queries.
func TestQueriesMatchBruteForce(t *testing.T) {
	r := testRand(t)
	const size = 2000.0
	w := randomCity(t, r, 3000, size)
	s := w.Snapshot()
	nonEmpty := 0
	for q := 0; q < 300; q++ {
		x, y := r.Float64()*size, r.Float64()*size
		box := orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + r.Float64()*150, y + r.Float64()*150}}
		poly := orb.Polygon{{{x, y}, {x + 200, y + 20}, {x + 120, y + 90}, {x + 60, y + 40}, {x - 10, y + 150}, {x, y}}}
		line := orb.LineString{{x, y}, {x + (r.Float64()-0.5)*400, y + (r.Float64()-0.5)*400}}
		for _, layer := range []string{geo.LayerBuildings, geo.LayerRoads, geo.LayerPipeNodes} {
			l := s.Layer(layer)
			got := collect(func(fn func(geo.Feature) bool) { l.Search(box, fn) })
			var want, wantPoly, wantLine []geo.Feature
			for _, f := range all(l) {
				if spatial.Intersects(f.Geometry(), box) {
					want = append(want, f)
				}
				if spatial.Within(f.Geometry(), poly) {
					wantPoly = append(wantPoly, f)
				}
				if spatial.Intersects(f.Geometry(), line) {
					wantLine = append(wantLine, f)
				}
			}
			nonEmpty += len(want)
			equalIDs(t, fmt.Sprintf("query %d %s bbox", q, layer), got, want)
			equalIDs(t, fmt.Sprintf("query %d %s within", q, layer), collect(func(fn func(geo.Feature) bool) { l.Within(poly, fn) }), wantPoly)
			equalIDs(t, fmt.Sprintf("query %d %s line", q, layer), collect(func(fn func(geo.Feature) bool) { l.Intersecting(line, fn) }), wantLine)
		}
	}
	if nonEmpty == 0 {
		t.Fatal("every query was empty: the test checks nothing")
	}
}

func TestNearestMatchesBruteForce(t *testing.T) {
	r := testRand(t)
	const size = 2000.0
	w := randomCity(t, r, 2000, size)
	s := w.Snapshot()
	for q := 0; q < 200; q++ {
		p := orb.Point{r.Float64()*size*1.2 - 100, r.Float64()*size*1.2 - 100}
		k := 1 + r.IntN(20)
		for _, layer := range []string{geo.LayerBuildings, geo.LayerRoads, geo.LayerPipeNodes} {
			l := s.Layer(layer)
			var got []float64
			l.Nearest(p, k, nil, func(f geo.Feature, d float64) bool {
				if e := GeometryDistance(p, f); math.Abs(e-d) > 1e-9 {
					t.Fatalf("reported distance %v, metric says %v", d, e)
				}
				got = append(got, d)
				return true
			})
			var want []float64
			for _, f := range all(l) {
				want = append(want, GeometryDistance(p, f))
			}
			sort.Float64s(want)
			want = want[:k]
			if len(got) != k {
				t.Fatalf("query %d %s: got %d results, want %d", q, layer, len(got), k)
			}
			for i := range want {
				if math.Abs(got[i]-want[i]) > 1e-9 {
					t.Fatalf("query %d %s: rank %d distance %v, brute force %v", q, layer, i, got[i], want[i])
				}
			}
		}
	}
}

func TestBuildingsAtAndUnderMatchBruteForce(t *testing.T) {
	r := testRand(t)
	const size = 1000.0
	w := randomCity(t, r, 1500, size)
	s := w.Snapshot()
	found := 0
	for q := 0; q < 300; q++ {
		p := orb.Point{r.Float64() * size, r.Float64() * size}
		var want []string
		for _, f := range all(s.Layer(geo.LayerBuildings)) {
			if spatial.Distance(f.Geometry(), p) == 0 {
				want = append(want, f.FeatureID())
			}
		}
		var got []string
		for _, b := range s.BuildingsAt(p) {
			got = append(got, b.ID)
		}
		sort.Strings(want)
		sort.Strings(got)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("BuildingsAt(%v) = %v, brute force %v", p, got, want)
		}
		found += len(got)

		dmin, dmax := r.Float64()*5, 5+r.Float64()*5
		hits := s.Under(p, UnderQuery{DepthMin: dmin, DepthMax: dmax, Layers: []string{geo.LayerPipes}})
		var wantU []string
		for _, f := range all(s.Layer(geo.LayerPipes)) {
			pp := f.(*geo.Pipe)
			_, d, frac := spatial.ClosestOnLine(pp.Line, p)
			if d > 2+pp.Diameter/2 {
				continue
			}
			inv, g := pp.At(frac)
			if bottom, top := g-inv, g-inv-pp.Diameter; bottom >= dmin && top <= dmax {
				wantU = append(wantU, pp.ID)
			}
		}
		var gotU []string
		for i, h := range hits {
			gotU = append(gotU, h.Feature.FeatureID())
			if i > 0 && h.Top < hits[i-1].Top {
				t.Fatalf("Under not sorted by depth: %v after %v", h.Top, hits[i-1].Top)
			}
		}
		sort.Strings(wantU)
		sort.Strings(gotU)
		if fmt.Sprint(gotU) != fmt.Sprint(wantU) {
			t.Fatalf("Under(%v, %v..%v) = %v, brute force %v", p, dmin, dmax, gotU, wantU)
		}
		found += len(gotU)
	}
	if found == 0 {
		t.Fatal("no building or pipe found by any query: the test checks nothing")
	}
}

func TestUnderDepthOfKnownPipe(t *testing.T) {
	w, _ := New(Config{})
	pipe := &geo.Pipe{ID: "c1", Line: orb.LineString{{0, 0}, {100, 0}}, Diameter: 0.5,
		InvertFrom: 8, InvertTo: 6, GroundFrom: 12, GroundTo: 12}
	if _, err := w.Update(func(tx *Tx) error { _, err := tx.Put(geo.LayerPipes, pipe); return err }); err != nil {
		t.Fatal(err)
	}
	hits := w.Snapshot().Under(orb.Point{50, 1}, UnderQuery{})
	if len(hits) != 1 {
		t.Fatalf("got %d hits, want 1", len(hits))
	}
	// At mid-length the invert is (8+6)/2 = 7 m, ground 12 m: bottom 5 m deep,
	// crown 0.5 m higher, 4.5 m deep; 1 m beside the centreline.
	h := hits[0]
	if math.Abs(h.Bottom-5) > 1e-12 || math.Abs(h.Top-4.5) > 1e-12 || math.Abs(h.Distance-1) > 1e-12 {
		t.Errorf("got top %v bottom %v distance %v, want 4.5, 5, 1", h.Top, h.Bottom, h.Distance)
	}
	if got := w.Snapshot().Under(orb.Point{50, 1}, UnderQuery{DepthMin: 6}); len(got) != 0 {
		t.Errorf("pipe 4.5–5 m deep returned for depth ≥ 6 m")
	}
}

func TestFailedUpdateLeavesWorldUnchanged(t *testing.T) {
	r := testRand(t)
	w := randomCity(t, r, 200, 500)
	before := w.Snapshot()
	n := before.Layer(geo.LayerBuildings).Len()
	boom := errors.New("boom")
	s, err := w.Update(func(tx *Tx) error {
		tx.Delete(geo.LayerBuildings, "b00001")
		if _, err := tx.Put(geo.LayerBuildings, &geo.Building{ID: "new", Footprint: orb.MultiPolygon{rect(0, 0, 1, 1)}}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) || s != before || w.Snapshot() != before {
		t.Fatalf("failed update changed the World: err %v", err)
	}
	after := w.Snapshot()
	if after.Layer(geo.LayerBuildings).Len() != n {
		t.Fatalf("buildings %d → %d", n, after.Layer(geo.LayerBuildings).Len())
	}
	if _, ok := after.Layer(geo.LayerBuildings).Get("new"); ok {
		t.Fatal("feature from a failed update is visible")
	}
	if _, ok := after.Layer(geo.LayerBuildings).Get("b00001"); !ok {
		t.Fatal("delete from a failed update is visible")
	}
	// A later successful update must not resurrect the failed one's changes.
	if _, err := w.Update(func(tx *Tx) error { tx.Delete(geo.LayerBuildings, "b00002"); return nil }); err != nil {
		t.Fatal(err)
	}
	if _, ok := w.Snapshot().Layer(geo.LayerBuildings).Get("new"); ok {
		t.Fatal("failed update leaked into a later one")
	}
	if _, err := w.Update(func(tx *Tx) error { panic("bad writer") }); err == nil {
		t.Fatal("panicking update reported no error")
	}
}

func TestInvalidFeatureRejected(t *testing.T) {
	w, _ := New(Config{})
	_, err := w.Update(func(tx *Tx) error {
		_, err := tx.Put(geo.LayerRoads, &geo.RoadLink{ID: "x", Line: orb.LineString{{0, 0}, {math.NaN(), 1}}})
		return err
	})
	if !errors.Is(err, ErrInvalidFeature) {
		t.Fatalf("NaN coordinate: got %v, want ErrInvalidFeature", err)
	}
	if w.Snapshot().Version() != 0 {
		t.Fatal("version moved after a failed update")
	}
}

// TestSnapshotIsolation runs readers concurrently with a writer (run it with
// -race): a snapshot's contents never change after it is taken.
func TestSnapshotIsolation(t *testing.T) {
	r := testRand(t)
	w := randomCity(t, r, 500, 1000)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				s := w.Snapshot()
				n1 := len(collect(func(fn func(geo.Feature) bool) {
					s.Layer(geo.LayerBuildings).Search(orb.Bound{Max: orb.Point{1000, 1000}}, fn)
				}))
				n2 := s.Layer(geo.LayerBuildings).Len()
				if n1 != n2 {
					t.Errorf("snapshot v%d: search found %d of %d buildings", s.Version(), n1, n2)
					return
				}
			}
		}()
	}
	for i := 0; i < 200; i++ {
		id := fmt.Sprintf("x%03d", i)
		_, err := w.Update(func(tx *Tx) error {
			_, err := tx.Put(geo.LayerBuildings, &geo.Building{ID: id, Footprint: orb.MultiPolygon{rect(float64(i), 1, 2, 2)}})
			if i%2 == 1 {
				tx.Delete(geo.LayerBuildings, fmt.Sprintf("b%05d", i))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	if got := w.Snapshot().Version(); got != 201 {
		t.Errorf("version %d after 201 updates", got)
	}
}

func TestSearchPolygonMatchesBruteForce(t *testing.T) {
	r := testRand(t)
	w := randomCity(t, r, 2000, 2000)
	l := w.Snapshot().Layer(geo.LayerBuildings)
	for q := 0; q < 200; q++ {
		x, y := r.Float64()*2000, r.Float64()*2000
		// a slightly rotated square, as a lon/lat box looks in UTM
		poly := orb.Polygon{{{x, y}, {x + 200, y + 4}, {x + 196, y + 204}, {x - 4, y + 200}, {x, y}}}
		inner := orb.Bound{Min: orb.Point{x + 1, y + 5}, Max: orb.Point{x + 195, y + 199}}
		got := collect(func(fn func(geo.Feature) bool) { l.SearchPolygon(poly, inner, fn) })
		var want []geo.Feature
		for _, f := range all(l) {
			if spatial.Intersects(f.Geometry(), poly) {
				want = append(want, f)
			}
		}
		equalIDs(t, fmt.Sprintf("query %d", q), got, want)
	}
}

// TestManyWritesInOneTransaction exercises both ways a transaction's R-tree
// changes are applied — one by one, and a rebuild when they touch much of
// the layer — and checks queries against a brute-force scan after each.
func TestManyWritesInOneTransaction(t *testing.T) {
	r := testRand(t)
	w := randomCity(t, r, 1000, 1000)
	for round, n := range []int{10, 400} { // below and above the rebuild threshold
		_, err := w.Update(func(tx *Tx) error {
			for i := 0; i < n; i++ {
				id := fmt.Sprintf("b%05d", r.IntN(1000))
				if i%3 == 0 {
					tx.Delete(geo.LayerBuildings, id)
					continue
				}
				x, y := r.Float64()*1000, r.Float64()*1000
				if _, err := tx.Put(geo.LayerBuildings, &geo.Building{ID: id, Footprint: orb.MultiPolygon{rect(x, y, 8, 8)}}); err != nil {
					return err
				}
				if i%200 != 199 {
					continue // let changes queue up, so that round 2 rebuilds
				}
				// a spatial read inside the transaction sees its own writes
				found := false
				tx.Layer(geo.LayerBuildings).SearchBounds(orb.Bound{Min: orb.Point{x + 1, y + 1}, Max: orb.Point{x + 2, y + 2}}, func(f geo.Feature) bool {
					found = found || f.FeatureID() == id
					return true
				})
				if !found {
					return fmt.Errorf("round %d: %s not found where the transaction put it", round, id)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		l := w.Snapshot().Layer(geo.LayerBuildings)
		for q := 0; q < 100; q++ {
			x, y := r.Float64()*1000, r.Float64()*1000
			box := orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + 120, y + 120}}
			var want []geo.Feature
			for _, f := range all(l) {
				if spatial.Intersects(f.Geometry(), box) {
					want = append(want, f)
				}
			}
			equalIDs(t, fmt.Sprintf("round %d query %d", round, q), collect(func(fn func(geo.Feature) bool) { l.Search(box, fn) }), want)
		}
	}
}
