package dispatch

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/paulmach/orb"

	"twin/geo"
)

// Sentinel errors of the road graph and the router.
var (
	// ErrOptions marks invalid GraphOptions or SpeedProfile values.
	ErrOptions = errors.New("dispatch: invalid options")
	// ErrLink marks a road link NewGraph cannot use (nil, no ID or ends,
	// a duplicate ID, a line of fewer than two finite points, a bad length
	// or speed).
	ErrLink = errors.New("dispatch: bad road link")
	// ErrEdge marks an edge or node index out of range, or an unknown way.
	ErrEdge = errors.New("dispatch: no such edge")
	// ErrFactor marks a speed factor that is not finite and positive.
	ErrFactor = errors.New("dispatch: bad speed factor")
	// ErrTooFar is returned by Snap when no drivable edge lies within the
	// distance asked for.
	ErrTooFar = errors.New("dispatch: no road within reach")
	// ErrSnap marks a Snap value that does not belong to the graph.
	ErrSnap = errors.New("dispatch: bad snap")
	// ErrUnreachable is returned by Route when no open path joins the two
	// places.
	ErrUnreachable = errors.New("dispatch: unreachable")
)

// Algorithm selects the engine behind the queries.
type Algorithm int

const (
	// CCH is the default: a customizable contraction hierarchy.
	CCH Algorithm = iota
	// Dijkstra answers every query with a plain Dijkstra search: the
	// reference the hierarchy is tested against, and a cheap choice for
	// graphs too small to be worth preprocessing.
	Dijkstra
)

// GraphOptions tune NewGraph. The zero value means defaults everywhere.
type GraphOptions struct {
	// Profile turns limits and lanes into speeds (zero: the default
	// emergency profile).
	Profile SpeedProfile
	// IgnoreRestrictions builds the plain node-based graph without turn
	// restrictions (as pgRouting's pgr_dijkstra sees an edge table).
	IgnoreRestrictions bool
	// Algorithm picks the query engine; the zero value is CCH.
	Algorithm Algorithm
	// Workers bounds the goroutines used while building and customizing
	// the hierarchy; 0 means runtime.GOMAXPROCS(0).
	Workers int
}

// Validate reports whether o is usable. The error wraps ErrOptions.
func (o GraphOptions) Validate() error {
	if err := o.Profile.Validate(); err != nil {
		return err
	}
	if o.Algorithm != CCH && o.Algorithm != Dijkstra {
		return fmt.Errorf("%w: unknown Algorithm %d", ErrOptions, o.Algorithm)
	}
	if o.Workers < 0 {
		return fmt.Errorf("%w: Workers %d < 0", ErrOptions, o.Workers)
	}
	return nil
}

func (o GraphOptions) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// Graph is the directed road graph with live edge costs and a router. Its
// nodes are the road nodes (junctions, way ends, signals) and its edges the
// road links, one per direction of travel, indexed in input order.
//
// Queries (Route, OneToMany, ManyToOne, Matrix, Reach, Snap) are safe for
// concurrent use with each other and with the cost updates (SetClosed,
// CloseWay, SetSpeedFactor), which serialise behind a lock: a query sees
// the costs before or after an update, never half of one.
type Graph struct {
	mu sync.RWMutex

	nodeID  []string
	nodePt  []orb.Point
	nodeIdx map[string]int32

	e     edges
	ways  map[int64][]int32
	rt    routing
	stats GraphStats

	cch     *cch // nil with Algorithm Dijkstra
	snapIdx snapIndex
	pool    sync.Pool // *scratch
}

// GraphStats describe what NewGraph built.
type GraphStats struct {
	// Restrictions is the number of turn restrictions applied; Skipped
	// those not applied (unknown kind, via ways, or no matching links at
	// the via node), SkippedIDs their IDs.
	Restrictions, Skipped int
	SkippedIDs            []string
	// SplitNodes is the number of junctions expanded for restrictions,
	// Vertices and Arcs the size of the routing graph.
	SplitNodes, Vertices, Arcs int
	// Shortcuts is the number of arcs of the contraction hierarchy (0
	// without one).
	Shortcuts int
}

// edges holds the per-edge data, indexed by edge.
type edges struct {
	id       []string
	from, to []int32 // road nodes
	length   []float64
	base     []float64 // free-flow travel time, s
	way      []int64
	line     []orb.LineString
	rev      []int32 // the opposite direction of the same road part, or -1
	factor   []float64
	closed   []bool
	cost     []uint32 // current cost, ms; inf when closed
}

// NumNodes returns the number of road nodes.
func (g *Graph) NumNodes() int { return len(g.nodeID) }

// NumEdges returns the number of directed edges (road links).
func (g *Graph) NumEdges() int { return len(g.e.id) }

// Stats returns what NewGraph built.
func (g *Graph) Stats() GraphStats { return g.stats }

// Node returns the ID and position (the CRS of the links) of node i. It
// panics if i is out of range, like a slice index.
func (g *Graph) Node(i int) (id string, p orb.Point) { return g.nodeID[i], g.nodePt[i] }

// NodeIndex returns the index of the node with the given ID.
func (g *Graph) NodeIndex(id string) (int, bool) {
	i, ok := g.nodeIdx[id]
	return int(i), ok
}

// Edge returns edge i: its ID (the link's), its end nodes, its length in
// metres and its current travel time in seconds (+Inf when closed). It
// panics if i is out of range, like a slice index.
func (g *Graph) Edge(i int) (id string, from, to int, lengthM, costS float64) {
	g.mu.RLock()
	c := g.e.cost[i]
	g.mu.RUnlock()
	return g.e.id[i], int(g.e.from[i]), int(g.e.to[i]), g.e.length[i], seconds(c)
}

// EdgeWay returns the source way of edge i and the opposite-direction edge
// of the same road part (-1 when one-way). It panics if i is out of range.
func (g *Graph) EdgeWay(i int) (way int64, reverse int) { return g.e.way[i], int(g.e.rev[i]) }

// EdgeLine returns the geometry of edge i, from its start to its end. The
// line is shared: do not modify it. It panics if i is out of range.
func (g *Graph) EdgeLine(i int) orb.LineString { return g.e.line[i] }

// Costs in milliseconds. Every edge cost is a whole number of milliseconds,
// so sums are exact and every engine finds the same optimum to the bit.
const (
	inf       = math.MaxUint32
	maxFinite = math.MaxUint32 / 2 // ~24.8 days; two finite costs never overflow
)

// millis converts seconds to a cost in ms, rounding to nearest, clamped to
// maxFinite.
func millis(s float64) uint32 {
	ms := math.Round(s * 1000)
	if !(ms < maxFinite) {
		return maxFinite
	}
	return uint32(ms)
}

// seconds converts a cost in ms to seconds, +Inf for inf.
func seconds(c uint32) float64 {
	if c >= inf {
		return math.Inf(1)
	}
	return float64(c) / 1000
}

// add returns a+b saturated at inf.
func add(a, b uint32) uint32 {
	if a >= inf || b >= inf {
		return inf
	}
	s := uint64(a) + uint64(b)
	if s >= inf {
		return inf
	}
	return uint32(s)
}

// NewGraph builds the graph from directed road links in a metric CRS
// (metres) and turn restrictions (nil for none).
//
// Links need a unique ID, From and To node IDs and a Line of at least two
// finite points; node positions are the lines' ends. Length is the link's
// Length when positive and finite, else the planar length of Line. The
// travel time is Length over opt.Profile's speed, rounded to the
// millisecond.
//
// Restrictions via a node are honoured (kinds no_* and only_*; an only_*
// allows just its to way, several only_* from one way allow the union);
// restrictions via ways, of unknown kind or that match no links are
// skipped and counted in Stats. The graph is built around them as described
// in the package doc: junctions with restrictions are expanded, all others
// stay single vertices.
//
// Errors: ErrOptions from opt.Validate, ErrLink (wrapped with the link's
// index and ID) for unusable links. With Algorithm CCH, building costs
// O(n log n) ordering and contraction work on top of O(n + m) for the
// graph, and uses opt.Workers goroutines.
func NewGraph(links []*geo.RoadLink, restrictions []*geo.TurnRestriction, opt GraphOptions) (*Graph, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	g := &Graph{nodeIdx: make(map[string]int32), ways: make(map[int64][]int32)}
	if err := g.addLinks(links, opt.Profile); err != nil {
		return nil, err
	}
	g.pairReverse()
	if opt.IgnoreRestrictions {
		restrictions = nil
	}
	g.buildRouting(restrictions)
	g.snapIdx.build(g)
	if opt.Algorithm == CCH {
		g.cch = newCCH(g, opt.workers())
		g.stats.Shortcuts = g.cch.numArcs()
	}
	return g, nil
}

// addLinks checks the links and fills the node and edge tables.
func (g *Graph) addLinks(links []*geo.RoadLink, prof SpeedProfile) error {
	n := len(links)
	e := &g.e
	e.id, e.from, e.to = make([]string, 0, n), make([]int32, 0, n), make([]int32, 0, n)
	e.length, e.base, e.way = make([]float64, 0, n), make([]float64, 0, n), make([]int64, 0, n)
	e.line = make([]orb.LineString, 0, n)
	ids := make(map[string]bool, n)
	for i, l := range links {
		length, err := checkLink(l, ids)
		if err != nil {
			return fmt.Errorf("%w: link %d: %s", ErrLink, i, err)
		}
		ids[l.ID] = true
		tagged := l.SpeedSource == "tag"
		speed := prof.Speed(l.Class, l.MaxSpeed, tagged, l.Lanes)
		e.id = append(e.id, l.ID)
		e.from = append(e.from, g.node(l.From, l.Line[0]))
		e.to = append(e.to, g.node(l.To, l.Line[len(l.Line)-1]))
		e.length = append(e.length, length)
		e.base = append(e.base, length/speed)
		e.way = append(e.way, l.WayID)
		e.line = append(e.line, l.Line)
		g.ways[l.WayID] = append(g.ways[l.WayID], int32(i))
	}
	packLines(e.line)
	e.factor, e.closed, e.cost = make([]float64, n), make([]bool, n), make([]uint32, n)
	for i := range e.factor {
		e.factor[i] = 1
		e.cost[i] = millis(e.base[i])
	}
	return nil
}

// packLines copies the lines into one array in edge order and points each
// at its part (capacity cut, so an append never runs into the next): a
// route's edges are mostly near each other in input order, so building
// its geometry reads contiguous memory instead of one allocation per
// link, and the caller's lines are not shared.
func packLines(lines []orb.LineString) {
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	pts := make([]orb.Point, 0, n)
	for i, l := range lines {
		a := len(pts)
		pts = append(pts, l...)
		lines[i] = orb.LineString(pts[a:len(pts):len(pts)])
	}
}

// checkLink returns the link's length in metres or why it is unusable.
func checkLink(l *geo.RoadLink, seen map[string]bool) (float64, error) {
	switch {
	case l == nil:
		return 0, errors.New("nil")
	case l.ID == "":
		return 0, errors.New("empty ID")
	case seen[l.ID]:
		return 0, fmt.Errorf("%q: duplicate ID", l.ID)
	case l.From == "" || l.To == "":
		return 0, fmt.Errorf("%q: empty From or To", l.ID)
	case len(l.Line) < 2:
		return 0, fmt.Errorf("%q: line of %d points", l.ID, len(l.Line))
	}
	planar := 0.0
	for j, p := range l.Line {
		if math.IsNaN(p[0]+p[1]) || math.IsInf(p[0]+p[1], 0) {
			return 0, fmt.Errorf("%q: point %d not finite", l.ID, j)
		}
		if j > 0 {
			planar += math.Hypot(p[0]-l.Line[j-1][0], p[1]-l.Line[j-1][1])
		}
	}
	if math.IsNaN(l.MaxSpeed) || l.MaxSpeed < 0 {
		return 0, fmt.Errorf("%q: MaxSpeed %v", l.ID, l.MaxSpeed)
	}
	if l.Length > 0 && !math.IsInf(l.Length, 0) {
		return l.Length, nil
	}
	if math.IsInf(planar, 0) {
		return 0, fmt.Errorf("%q: line too long", l.ID)
	}
	return planar, nil
}

// node returns the index of node id, adding it at p if new.
func (g *Graph) node(id string, p orb.Point) int32 {
	if i, ok := g.nodeIdx[id]; ok {
		return i
	}
	i := int32(len(g.nodeID))
	g.nodeIdx[id] = i
	g.nodeID = append(g.nodeID, id)
	g.nodePt = append(g.nodePt, p)
	return i
}

// pairReverse finds for each edge the edge of the same way running between
// the same nodes the other way (the first such, in input order).
func (g *Graph) pairReverse() {
	type key struct {
		way      int64
		from, to int32
	}
	first := make(map[key]int32, len(g.e.id))
	for i := range g.e.id {
		k := key{g.e.way[i], g.e.from[i], g.e.to[i]}
		if _, ok := first[k]; !ok {
			first[k] = int32(i)
		}
	}
	g.e.rev = make([]int32, len(g.e.id))
	for i := range g.e.id {
		g.e.rev[i] = -1
		if j, ok := first[key{g.e.way[i], g.e.to[i], g.e.from[i]}]; ok && int(j) != i {
			g.e.rev[i] = j
		}
	}
}
