package dispatch

import (
	"context"
	"io"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"

	"twin/assets"
	"twin/geo"
	"twin/geo/osm"
	"twin/geo/proj"
	"twin/internal/sharedtest"
)

// city is a decoded road network in a metric CRS.
type city struct {
	links []*geo.RoadLink
	rs    []*geo.TurnRestriction
}

var cities sync.Map // name → *city

// decodeCity reads an OSM file and projects its links and restrictions to
// the UTM zone of its first link.
func decodeCity(t testing.TB, r io.Reader, name string) *city {
	t.Helper()
	ds, err := osm.Decode(context.Background(), r, name, osm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := &city{}
	var fn geo.PointFunc
	for _, f := range ds.Layers[geo.LayerLinks] {
		l := f.(*geo.RoadLink)
		if fn == nil {
			p := l.Line[0]
			wgs, _ := proj.EPSG(4326)
			fn = proj.Transformer(wgs, proj.ForLonLat(p[0], p[1]))
		}
		c.links = append(c.links, geo.Transform(l, fn).(*geo.RoadLink))
	}
	for _, f := range ds.Layers[geo.LayerRestrictions] {
		c.rs = append(c.rs, geo.Transform(f, fn).(*geo.TurnRestriction))
	}
	return c
}

// sampleCity is the embedded Monaco extract (always available).
func sampleCity(t testing.TB) *city {
	t.Helper()
	if c, ok := cities.Load("sample"); ok {
		return c.(*city)
	}
	f, err := assets.City().Open("monaco.osm.pbf")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := decodeCity(t, f, "monaco.osm.pbf")
	cities.Store("sample", c)
	return c
}

// sharedCity is an extract from the shared data set (skipped outside CI
// when absent).
func sharedCity(t testing.TB, rel string) *city {
	t.Helper()
	if c, ok := cities.Load(rel); ok {
		return c.(*city)
	}
	c := decodeCity(t, sharedtest.Open(t, rel), rel)
	cities.Store(rel, c)
	return c
}

// gridCity is a small synthetic grid.
func gridCity(t testing.TB, seed uint64, opt GridOptions) *city {
	t.Helper()
	links, err := SyntheticGrid(rand.New(rand.NewPCG(seed, 1)), opt)
	if err != nil {
		t.Fatal(err)
	}
	return &city{links: links}
}

// reference answers route costs with gonum's Dijkstra on the turn-expanded
// graph built here from the Graph's edges (topology and current costs) and
// the raw restrictions: a vertex per edge (standing at its end) and an arc
// e → f, weighted by f's cost, for every turn the restrictions allow,
// U-turns included. It shares no routing code with the package.
type reference struct {
	g      *Graph
	rs     []*geo.TurnRestriction
	ignore bool
}

// allowed reports whether the turn from edge x onto edge f (at x's end)
// is allowed, reading the restrictions afresh.
func (r *reference) allowed(x, f int) bool {
	if r.ignore {
		return true
	}
	_, xfrom, xto, _, _ := r.g.Edge(x)
	_, _, fto, _, _ := r.g.Edge(f)
	via, _ := r.g.Node(xto)
	xway, _ := r.g.EdgeWay(x)
	fway, _ := r.g.EdgeWay(f)
	var only, onlyHit, banned bool
	for _, t := range r.rs {
		if t.ViaNode != via || t.FromWay != xway {
			continue
		}
		isNo := len(t.Kind) > 3 && t.Kind[:3] == "no_"
		isOnly := len(t.Kind) > 5 && t.Kind[:5] == "only_"
		if !isNo && !isOnly || !r.hasOut(xto, t.ToWay) {
			continue
		}
		match := fway == t.ToWay
		if t.FromWay == t.ToWay && match {
			uturn := fto == xfrom
			match = uturn == isNo
		}
		if isOnly {
			only = true
			onlyHit = onlyHit || match
		} else if match {
			banned = true
		}
	}
	return (!only || onlyHit) && !banned
}

func (r *reference) hasOut(v int, way int64) bool {
	for f := range r.g.NumEdges() {
		_, from, _, _, _ := r.g.Edge(f)
		if w, _ := r.g.EdgeWay(f); from == v && w == way {
			return true
		}
	}
	return false
}

// build returns gonum's graph over the edges with source id S and target
// id T; the caller adds their arcs.
func (r *reference) build() *simple.WeightedDirectedGraph {
	n := r.g.NumEdges()
	gg := simple.NewWeightedDirectedGraph(0, math.Inf(1))
	for e := range n + 2 {
		gg.AddNode(simple.Node(e))
	}
	out := make(map[int][]int)
	for f := range n {
		_, from, _, _, _ := r.g.Edge(f)
		out[from] = append(out[from], f)
	}
	for x := range n {
		_, _, xto, _, xc := r.g.Edge(x)
		if math.IsInf(xc, 1) {
			continue
		}
		for _, f := range out[xto] {
			if _, _, _, _, fc := r.g.Edge(f); f != x && !math.IsInf(fc, 1) && r.allowed(x, f) {
				gg.SetWeightedEdge(gg.NewWeightedEdge(simple.Node(x), simple.Node(f), fc))
			}
		}
	}
	return gg
}

// ms returns the cost of edge e in whole milliseconds, and whether open.
func (r *reference) ms(e int) (float64, bool) {
	_, _, _, _, c := r.g.Edge(e)
	return math.Round(c * 1000), !math.IsInf(c, 1)
}

// route returns the travel time in seconds from a to b (+Inf when
// unreachable), by the rules of the package doc: a trip leaves a point on
// an edge along it (or its reverse), pays the rest of the edge rounded
// to the millisecond, and ends paying the first share of the target edge.
func (r *reference) route(gg *simple.WeightedDirectedGraph, a, b Snap) float64 {
	n := int64(r.g.NumEdges())
	S, T := simple.Node(n), simple.Node(n+1)
	defer func() {
		gg.RemoveNode(S.ID())
		gg.RemoveNode(T.ID())
		gg.AddNode(S)
		gg.AddNode(T)
	}()
	direct := math.Inf(1)
	for _, s := range r.dirs(a, true) {
		c, ok := r.ms(s.e)
		if !ok {
			continue
		}
		if s.node {
			gg.SetWeightedEdge(gg.NewWeightedEdge(S, simple.Node(s.e), c/1000))
			continue
		}
		gg.SetWeightedEdge(gg.NewWeightedEdge(S, simple.Node(s.e), (c-math.Round(s.f*c))/1000))
		for _, t := range r.dirs(b, false) {
			if !t.node && t.e == s.e && s.f <= t.f {
				direct = min(direct, (math.Round(t.f*c)-math.Round(s.f*c))/1000)
			}
		}
	}
	for _, t := range r.dirs(b, false) {
		c, ok := r.ms(t.e)
		if !ok {
			continue
		}
		if t.node {
			gg.SetWeightedEdge(gg.NewWeightedEdge(simple.Node(t.e), T, 0))
			continue
		}
		_, tfrom, _, _, _ := r.g.Edge(t.e)
		for x := range r.g.NumEdges() {
			if _, _, xto, _, _ := r.g.Edge(x); xto == tfrom && r.allowed(x, t.e) {
				gg.SetWeightedEdge(gg.NewWeightedEdge(simple.Node(x), T, math.Round(t.f*c)/1000))
			}
		}
	}
	if a.Edge < 0 && b.Edge < 0 && a.Node == b.Node {
		return 0
	}
	return min(direct, path.DijkstraFrom(S, gg).WeightTo(T.ID()))
}

// dir is one way a snap is used: an edge at share f, or (node) an edge
// leaving the node for a source, arriving at it for a target.
type dir struct {
	e    int
	f    float64
	node bool
}

func (r *reference) dirs(s Snap, source bool) []dir {
	if s.Edge < 0 {
		var d []dir
		for e := range r.g.NumEdges() {
			_, from, to, _, _ := r.g.Edge(e)
			if source && from == s.Node || !source && to == s.Node {
				d = append(d, dir{e: e, node: true})
			}
		}
		return d
	}
	d := []dir{{e: s.Edge, f: s.Frac}}
	if s.Reverse >= 0 {
		d = append(d, dir{e: s.Reverse, f: 1 - s.Frac})
	}
	return d
}
