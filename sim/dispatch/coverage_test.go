package dispatch

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"twin/internal/sharedtest"
)

// monacoUnits returns the snaps of the given demand points of the sample
// city, as unit positions.
func monacoUnits(t testing.TB, tw *town, ids ...string) []Snap {
	t.Helper()
	var out []Snap
	for _, id := range ids {
		i := slices.Index(tw.d.IDs, id)
		if i < 0 {
			t.Fatalf("no demand point %s", id)
		}
		out = append(out, tw.d.Snaps[i])
	}
	return out
}

// TestCoverageBruteForce: coverage of the sample city from three unit
// positions (one OneToMany per unit on the hierarchy) equals the brute
// force: a backward Dijkstra from every building to the units (ManyToOne
// on a second graph with the plain Dijkstra engine, itself checked
// against gonum). Times agree to 1e-9 s, counts exactly, shares to 1e-12.
// A few buildings are also checked against gonum's Dijkstra on the
// turn-expanded graph (reference in graph_helpers_test.go).
func TestCoverageBruteForce(t *testing.T) {
	tw := monaco(t)
	units := monacoUnits(t, tw, tw.d.IDs[0], tw.d.IDs[400], tw.d.IDs[900])
	cov := NewCoverage(tw.g, tw.d)
	ref, err := NewGraph(tw.links, tw.rs, GraphOptions{Algorithm: Dijkstra})
	if err != nil {
		t.Fatal(err)
	}
	best, err := cov.Nearest(units)
	if err != nil {
		t.Fatal(err)
	}
	refBest := make([]float64, tw.d.Len())
	for i, b := range tw.d.Snaps {
		ts, err := ref.ManyToOne(units, b)
		if err != nil {
			t.Fatal(err)
		}
		refBest[i] = slices.Min(ts)
		if math.Abs(refBest[i]-best[i]) > 1e-9 && !(math.IsInf(best[i], 1) && math.IsInf(refBest[i], 1)) {
			t.Fatalf("building %s: %v s, brute force %v s", tw.d.IDs[i], best[i], refBest[i])
		}
	}
	for _, lim := range []float64{60, 120, 240, 480, 600, 900} {
		var w float64
		for i, x := range refBest {
			if x <= lim {
				w += tw.d.Weights[i]
			}
		}
		got, err := cov.Share(units, lim)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-w/tw.d.Total) > 1e-12 {
			t.Errorf("share within %v s = %v, brute force %v", lim, got, w/tw.d.Total)
		}
	}
	r := &reference{g: tw.g, rs: tw.rs}
	gg := r.build()
	for _, i := range []int{3, 250, 777, 1100} {
		want := math.Inf(1)
		for _, u := range units {
			want = min(want, r.route(gg, u, tw.d.Snaps[i]))
		}
		if math.Abs(want-best[i]) > 1e-9 {
			t.Errorf("building %s: %v s, gonum %v s", tw.d.IDs[i], best[i], want)
		}
	}
}

// bridgeWay is OSM way 95449778 of the sample city: a two-lane
// primary_link on a bridge (bridge=yes, layer=1), the one link from the
// residence La Victoria (building w94399795) towards most of the city
// within 8 minutes. Found by closing every bridge and tunnel in turn.
const bridgeWay = 95449778

// TestCloseBridge: closing the bridge makes the route from La Victoria to
// a building behind it avoid the bridge and take longer, pushes buildings
// behind it beyond 8 minutes (floor-area coverage at 8 min drops by more
// than 0.4: 0.476 measured), and reopening restores every travel time,
// the route and the coverage bit for bit.
func TestCloseBridge(t *testing.T) {
	tw := monaco(t)
	unit := monacoUnits(t, tw, "w94399795")
	cov := NewCoverage(tw.g, tw.d)
	before := slices.Clone(must(cov.Nearest(unit)))
	share0 := must(cov.Share(unit, 480))
	if _, err := tw.g.CloseWay(bridgeWay, true); err != nil {
		t.Fatal(err)
	}
	cov.Reset()
	after := slices.Clone(must(cov.Nearest(unit)))
	share1 := must(cov.Share(unit, 480))
	behind := -1
	for i := range before {
		if before[i] <= 480 && after[i] > 480 && !math.IsInf(after[i], 1) {
			behind = i
			break
		}
	}
	if behind < 0 || share0-share1 < 0.4 {
		t.Fatalf("coverage at 8 min %v → %v, building behind the bridge %d", share0, share1, behind)
	}
	detour := must(tw.g.Route(unit[0], tw.d.Snaps[behind]))
	if _, err := tw.g.CloseWay(bridgeWay, false); err != nil {
		t.Fatal(err)
	}
	cov.Reset()
	direct := must(tw.g.Route(unit[0], tw.d.Snaps[behind]))
	onBridge := func(p Path) bool {
		for _, e := range p.Edges {
			if w, _ := tw.g.EdgeWay(e); w == bridgeWay {
				return true
			}
		}
		return false
	}
	if !onBridge(direct) || onBridge(detour) || !(detour.CostS > direct.CostS) {
		t.Errorf("open: %v s (bridge %v); closed: %v s (bridge %v)", direct.CostS, onBridge(direct), detour.CostS, onBridge(detour))
	}
	again := must(cov.Nearest(unit))
	if !slices.Equal(again, before) || must(cov.Share(unit, 480)) != share0 {
		t.Errorf("reopening did not restore the travel times")
	}
	t.Logf("bridge closed: %.0f → %.0f s to %s; coverage at 8 min %.4f → %.4f", direct.CostS, detour.CostS, tw.d.IDs[behind], share0, share1)
}

// TestExpectedCoverage checks Σ w_i (1 − q^n_i) / Σ w_i by hand: weights
// 1, 2, 3 covered 0, 1, 2 times, q = 0.5: (0 + 2·0.5 + 3·0.75)/6.
func TestExpectedCoverage(t *testing.T) {
	g := line(t, 3)
	d := lineDemand(t, g, []float64{50, 150, 250}, []float64{1, 2, 3})
	got := ExpectedCoverage(d, []int{0, 1, 2}, 0.5)
	if want := (2*0.5 + 3*0.75) / 6; math.Abs(got-want) > 1e-15 {
		t.Errorf("%v, want %v", got, want)
	}
}

// TestDemandFloorArea: demand weights are the buildings' floor areas
// (geo.Building.FloorArea), the total is their sum, and every building
// is either kept or counted as dropped.
func TestDemandFloorArea(t *testing.T) {
	tw := monaco(t)
	var sum float64
	area := map[string]float64{}
	for _, b := range tw.bs {
		area[b.ID] = b.FloorArea()
	}
	for i, id := range tw.d.IDs {
		if tw.d.Weights[i] != area[id] {
			t.Fatalf("%s: weight %v, floor area %v", id, tw.d.Weights[i], area[id])
		}
		sum += tw.d.Weights[i]
	}
	if math.Abs(sum-tw.d.Total) > 1e-6*sum || tw.d.Len()+tw.d.Dropped != len(tw.bs) {
		t.Errorf("total %v vs %v; %d kept + %d dropped of %d", tw.d.Total, sum, tw.d.Len(), tw.d.Dropped, len(tw.bs))
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestCoverageBruteForceOSRM repeats TestCoverageBruteForce on the
// osrm-monaco extract (Monaco and the French towns around it) for 300
// seeded buildings of its 22,570 demand points and four units: the
// hierarchy's OneToMany times equal a backward plain Dijkstra from each
// building to 1e-9 s.
func TestCoverageBruteForceOSRM(t *testing.T) {
	f := sharedtest.Open(t, "osm/osrm-monaco.osm.pbf")
	tw, err := decodeTown(f, "osrm-monaco.osm.pbf")
	if err != nil {
		t.Fatal(err)
	}
	ref, err := NewGraph(tw.links, tw.rs, GraphOptions{Algorithm: Dijkstra})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(17, 3))
	var units []Snap
	for range 4 {
		units = append(units, tw.d.Snaps[rng.IntN(tw.d.Len())])
	}
	best := must(NewCoverage(tw.g, tw.d).Nearest(units))
	for range 300 {
		i := rng.IntN(tw.d.Len())
		want := slices.Min(must(ref.ManyToOne(units, tw.d.Snaps[i])))
		if math.Abs(want-best[i]) > 1e-9 && !(math.IsInf(want, 1) && math.IsInf(best[i], 1)) {
			t.Fatalf("building %s: %v s, brute force %v s", tw.d.IDs[i], best[i], want)
		}
	}
}
