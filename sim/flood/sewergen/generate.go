package sewergen

import (
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/swmm"
)

// Input is what a network is generated from.
type Input struct {
	// Links are the drivable street links in a projected metric CRS; the two
	// directions of a street count once.
	Links []*geo.RoadLink
	// Height returns the ground elevation in metres at a point, ok false
	// where unknown (outside the DEM, voids).
	Height func(orb.Point) (z float64, ok bool)
}

// Report summarises a generated network.
type Report struct {
	Manholes, Outfalls, Pipes int
	// Pumps counts pumping stations (manholes deeper than MaxDepth).
	Pumps int
	// Length is the total pipe length, m; Area the total contributing
	// area, m².
	Length, Area float64
	// MaxDiameter is the largest pipe, m; MaxDepth the deepest manhole
	// (ground to invert), m.
	MaxDiameter, MaxDepth float64
}

// network is the derived sewer before it becomes a SWMM model.
type network struct {
	g        *graph
	keep     []bool
	outfall  []bool
	down     []int     // drain edge per node, −1 for outfalls and dropped nodes
	order    []int     // upstream first
	area     []float64 // local contributing area, m²
	acc      []float64 // accumulated area, m²
	diam     []float64 // diameter of each node's drain pipe, m
	invert   []float64 // node invert, m
	invDown  []float64 // invert of each node's drain pipe at its downstream end, m
	outInv   []float64 // invert of each node's drain pipe at its upstream end, m
	lift     []bool    // the node is a pumping station lifting into its drain pipe
	flowNode []float64 // design flow in each node's drain pipe, m³/s
}

// Generate derives a storm-sewer network from the streets and terrain and
// returns it as a SWMM model (SI, FLOW_UNITS CMS, dynamic wave) with one
// subcatchment per manhole. It fails with ErrNoNetwork when no street
// network lies over the terrain. O(L log L + C) for L street segments and C
// raster cells.
func Generate(in Input, cfg Config) (*swmm.Model, Report, error) {
	if err := cfg.Validate(); err != nil {
		return nil, Report{}, err
	}
	c := cfg.withDefaults()
	nw, err := derive(in, c)
	if err != nil {
		return nil, Report{}, err
	}
	return nw.model(c), nw.report(), nil
}

func derive(in Input, c Config) (*network, error) {
	g := buildGraph(in.Links, c.MaxSpacing)
	nw := &network{g: g, keep: make([]bool, len(g.nodes))}
	for i, n := range g.nodes {
		n.ground, nw.keep[i] = in.Height(n.pt)
	}
	// Drop manholes off the terrain and the streets that reach them.
	pruned := &graph{index: map[string]int{}}
	for _, e := range g.edges {
		if nw.keep[e.a] && nw.keep[e.b] {
			a, b := g.nodes[e.a], g.nodes[e.b]
			ia, ib := pruned.node(a.id, a.pt), pruned.node(b.id, b.pt)
			pruned.nodes[ia].ground, pruned.nodes[ib].ground = a.ground, b.ground
			pruned.addEdge(ia, ib, e.line)
		}
	}
	g = pruned
	nw.g = g
	sizes := g.components()
	nw.keep = make([]bool, len(g.nodes))
	for i, n := range g.nodes {
		nw.keep[i] = sizes[n.comp] >= c.MinComponent
	}
	if len(g.nodes) == 0 || !anyTrue(nw.keep) {
		return nil, ErrNoNetwork
	}
	nw.outfall = g.chooseOutfalls(c, in.Height)
	for i := range nw.outfall {
		nw.outfall[i] = nw.outfall[i] && nw.keep[i]
	}
	nw.down, nw.order = g.drainTree(nw.outfall, c.AdversePenalty)
	nw.area = g.contributingArea(in.Height, c.CatchRadius, c.CellSize, nw.keep)
	nw.size(c)
	nw.levels(c)
	return nw, nil
}

func anyTrue(b []bool) bool {
	for _, v := range b {
		if v {
			return true
		}
	}
	return false
}

// downNode returns the node u drains to, −1 for outfalls.
func (nw *network) downNode(u int) int {
	if nw.down[u] < 0 {
		return -1
	}
	return nw.g.other(nw.g.edges[nw.down[u]], u)
}

// size accumulates areas downstream and sizes each drain pipe for the
// rational-method flow Q = C·i·A with Manning's full-pipe capacity, never
// smaller than any pipe upstream of it.
func (nw *network) size(c Config) {
	n := len(nw.g.nodes)
	nw.acc = make([]float64, n)
	nw.diam = make([]float64, n)
	nw.flowNode = make([]float64, n)
	upMax := make([]float64, n)
	intensity := c.DesignIntensity / 3.6e6 // mm/h → m/s
	for _, u := range nw.order {
		nw.acc[u] += nw.area[u]
		v := nw.downNode(u)
		if v < 0 {
			continue
		}
		e := nw.g.edges[nw.down[u]]
		fall := (nw.g.nodes[u].ground - nw.g.nodes[v].ground) / math.Max(e.length, 1)
		q := c.RunoffCoeff * intensity * nw.acc[u]
		d := pickSize(c, q, fall)
		nw.diam[u] = math.Max(d, upMax[u])
		nw.flowNode[u] = q
		nw.acc[v] += nw.acc[u]
		upMax[v] = math.Max(upMax[v], nw.diam[u])
	}
	for u := range nw.diam {
		if nw.down[u] < 0 {
			nw.diam[u] = upMax[u] // an outfall is as large as what reaches it
		}
	}
}

// FullCapacity is Manning's discharge of a circular pipe of diameter d (m)
// flowing full at slope s (m/m) with roughness n: Q = (1/n)·A·R^(2/3)·√s with
// A = πd²/4 and R = d/4, in m³/s.
func FullCapacity(d, n, s float64) float64 {
	return (1 / n) * (math.Pi * d * d / 4) * math.Pow(d/4, 2.0/3) * math.Sqrt(s)
}

// pickSize returns the smallest size whose full capacity carries q when laid
// at the ground's fall (or its least slope, if steeper), or the largest size.
func pickSize(c Config, q, fall float64) float64 {
	for _, d := range c.Sizes {
		if FullCapacity(d, c.Roughness, math.Max(c.minSlope(d), fall)) >= q {
			return d
		}
	}
	return c.Sizes[len(c.Sizes)-1]
}

// levels sets inverts from upstream down: every pipe keeps MinCover under
// the ground at both ends and falls at least its least slope; a manhole's
// invert is the lowest of its own cover limit and its incoming pipes' ends.
// A manhole deeper than MaxDepth becomes a pumping station that lifts the
// flow back to the cover depth.
func (nw *network) levels(c Config) {
	n := len(nw.g.nodes)
	nw.invert = make([]float64, n)
	nw.invDown = make([]float64, n)
	nw.outInv = make([]float64, n)
	nw.lift = make([]bool, n)
	for i := range nw.invert {
		nw.invert[i] = math.Inf(1)
	}
	for _, u := range nw.order {
		gu := nw.g.nodes[u].ground
		shallow := gu - c.MinCover - nw.diam[u]
		nw.invert[u] = math.Min(nw.invert[u], shallow)
		nw.outInv[u] = nw.invert[u]
		v := nw.downNode(u)
		if v < 0 {
			continue
		}
		if gu-nw.invert[u] > c.MaxDepth {
			nw.lift[u], nw.outInv[u] = true, shallow
		}
		e := nw.g.edges[nw.down[u]]
		gv := nw.g.nodes[v].ground
		nw.invDown[u] = math.Min(nw.outInv[u]-c.minSlope(nw.diam[u])*e.length, gv-c.MinCover-nw.diam[u])
		nw.invert[v] = math.Min(nw.invert[v], nw.invDown[u])
	}
}

func (nw *network) report() Report {
	var r Report
	for u, n := range nw.g.nodes {
		if !nw.keep[u] {
			continue
		}
		r.Manholes++
		r.Area += nw.area[u]
		if nw.outfall[u] {
			r.Outfalls++
		}
		r.MaxDepth = math.Max(r.MaxDepth, n.ground-nw.invert[u])
		if nw.lift[u] {
			r.Pumps++
		}
		if nw.down[u] >= 0 {
			r.Pipes++
			r.Length += nw.g.edges[nw.down[u]].length
			r.MaxDiameter = math.Max(r.MaxDiameter, nw.diam[u])
		}
	}
	return r
}

// pipeName names the drain pipe of manhole id: "P" + the manhole's name.
func pipeName(id string) string { return "P" + strings.TrimPrefix(id, "J") }

// String formats the report for logs.
func (r Report) String() string {
	return fmt.Sprintf("%d manholes (%d outfalls, %d pumping stations), %d pipes, %.1f km, %.1f ha drained, largest pipe %.2f m, deepest manhole %.1f m",
		r.Manholes, r.Outfalls, r.Pumps, r.Pipes, r.Length/1000, r.Area/1e4, r.MaxDiameter, r.MaxDepth)
}
