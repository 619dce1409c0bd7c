package dispatch

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Path is a route on the graph.
type Path struct {
	// CostS is the travel time in seconds, LengthM the length in metres.
	CostS, LengthM float64
	// Edges are the edges travelled, in order; the first and the last may
	// be travelled in part (see StartFrac and EndFrac). Empty when the
	// trip starts where it ends at a node.
	Edges []int
	// StartFrac is where the trip joins Edges[0] and EndFrac where it
	// leaves the last edge, as shares of their lengths.
	StartFrac, EndFrac float64
	// Line is the route's geometry in the graph's CRS.
	Line orb.LineString
}

// Route returns the fastest path from one place to another under the
// current costs: exact, in whole milliseconds of travel time.
//
// Errors: ErrSnap for a snap not made by this graph, ErrUnreachable when no
// open path joins them. With the CCH engine a query costs a walk up the
// elimination tree from both ends (tens of microseconds on city graphs);
// with Dijkstra O((n + m) log n). Safe for concurrent use.
func (g *Graph) Route(from, to Snap) (Path, error) {
	if err := g.check(from); err != nil {
		return Path{}, err
	}
	if err := g.check(to); err != nil {
		return Path{}, err
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	s := g.getScratch()
	defer g.putScratch(s)
	src := g.sources(from, nil)
	tgt := g.targets(to, nil)
	best, ds, dt := g.direct(src, tgt)
	var (
		cost     uint32
		si, ti   int
		mid      []int32
		viaGraph bool
	)
	if g.cch != nil {
		cost, si, ti, mid = g.cch.route(s, src, tgt, best)
	} else {
		cost, ti = g.dijkstraRoute(s, src, tgt, best)
		if ti >= 0 {
			si, mid = g.dijkstraPath(s, src, tgt[ti].v)
		}
	}
	viaGraph = ti >= 0 && cost < best
	switch {
	case viaGraph:
		return g.buildPath(src[si], mid, tgt[ti], cost), nil
	case best < inf:
		return g.directPath(src[ds], tgt[dt], best), nil
	}
	return Path{}, fmt.Errorf("%w: from %v to %v", ErrUnreachable, from.Point, to.Point)
}

// OneToMany returns the travel times in seconds from one place to each of
// many, +Inf where unreachable. Errors: ErrSnap. Safe for concurrent use.
func (g *Graph) OneToMany(from Snap, to []Snap) ([]float64, error) {
	return g.many(from, to, false)
}

// ManyToOne returns the travel times in seconds from each of many places
// (units, say) to one (an incident), +Inf where unreachable. Errors:
// ErrSnap. Safe for concurrent use.
func (g *Graph) ManyToOne(from []Snap, to Snap) ([]float64, error) {
	return g.many(to, from, true)
}

// Matrix returns the travel times in seconds from each of from to each of
// to: out[i][j] from from[i] to to[j], +Inf where unreachable. Errors:
// ErrSnap. Safe for concurrent use.
func (g *Graph) Matrix(from, to []Snap) ([][]float64, error) {
	out := make([][]float64, len(from))
	for i, f := range from {
		row, err := g.OneToMany(f, to)
		if err != nil {
			return nil, err
		}
		out[i] = row
	}
	return out, nil
}

// many answers OneToMany (backward false: from one to many) and ManyToOne
// (backward true: from many to one).
func (g *Graph) many(one Snap, many []Snap, backward bool) ([]float64, error) {
	if err := g.check(one); err != nil {
		return nil, err
	}
	for _, m := range many {
		if err := g.check(m); err != nil {
			return nil, err
		}
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	s := g.getScratch()
	defer g.putScratch(s)
	var oneEnd []endpoint
	if backward {
		oneEnd = g.targets(one, nil)
	} else {
		oneEnd = g.sources(one, nil)
	}
	lists := make([][]endpoint, len(many))
	direct := make([]uint32, len(many))
	for i, m := range many {
		if backward {
			lists[i] = g.sources(m, nil)
			direct[i], _, _ = g.direct(lists[i], oneEnd)
		} else {
			lists[i] = g.targets(m, nil)
			direct[i], _, _ = g.direct(oneEnd, lists[i])
		}
	}
	costs := make([]uint32, len(many))
	if g.cch != nil {
		g.cch.many(s, oneEnd, lists, backward, costs)
	} else {
		g.dijkstraMany(s, oneEnd, lists, backward, costs)
	}
	out := make([]float64, len(many))
	for i := range out {
		out[i] = seconds(min(costs[i], direct[i]))
	}
	return out, nil
}

// partial returns the cost of the first share f of an edge of cost c.
func partial(f float64, c uint32) uint32 { return uint32(math.Round(f * float64(c))) }

// sources returns the endpoints a trip from s starts at, appended to dst:
// the heads of its edges with the rest of the edge's cost, or the node.
func (g *Graph) sources(s Snap, dst []endpoint) []endpoint {
	if s.Edge < 0 {
		return append(dst, endpoint{v: int32(s.Node), edge: -1})
	}
	add := func(e int, f float64) {
		if c := g.e.cost[e]; c < inf {
			dst = append(dst, endpoint{v: g.rt.head[e], off: c - partial(f, c), edge: int32(e), frac: f})
		}
	}
	add(s.Edge, s.Frac)
	if s.Reverse >= 0 {
		add(s.Reverse, 1-s.Frac)
	}
	return dst
}

// targets returns the endpoints a trip to s ends at, appended to dst: the
// tails of its edges with the cost of the edge up to s, or the node with
// the vertices of its restricted approaches.
func (g *Graph) targets(s Snap, dst []endpoint) []endpoint {
	if s.Edge < 0 {
		dst = append(dst, endpoint{v: int32(s.Node), edge: -1})
		for _, v := range g.rt.inList[g.rt.inFirst[s.Node]:g.rt.inFirst[s.Node+1]] {
			dst = append(dst, endpoint{v: v, edge: -1})
		}
		return dst
	}
	add := func(e int, f float64) {
		if c := g.e.cost[e]; c < inf {
			dst = append(dst, endpoint{v: g.rt.tail[e], off: partial(f, c), edge: int32(e), frac: f})
		}
	}
	add(s.Edge, s.Frac)
	if s.Reverse >= 0 {
		add(s.Reverse, 1-s.Frac)
	}
	return dst
}

// direct returns the cost of staying on one edge from a source endpoint to
// a target endpoint further along it (inf when there is none) and the two
// endpoints' indices.
func (g *Graph) direct(src, tgt []endpoint) (best uint32, si, ti int) {
	best = inf
	for i, s := range src {
		for j, t := range tgt {
			if s.edge >= 0 && s.edge == t.edge && s.frac <= t.frac {
				c := g.e.cost[s.edge]
				if d := s.off + t.off - c; d < best {
					best, si, ti = d, i, j
				}
			}
		}
	}
	return best, si, ti
}

// dijkstraPath walks the parent labels back from vertex v to a start
// vertex and returns the source endpoint there and the edges between, in
// travel order.
func (g *Graph) dijkstraPath(s *scratch, src []endpoint, v int32) (int, []int32) {
	var rev []int32
	for s.parV[v] >= 0 {
		if e := s.parE[v]; e >= 0 {
			rev = append(rev, e)
		}
		v = s.parV[v]
	}
	si := 0
	for i, e := range src {
		if e.v == v && e.off == s.dist[v] {
			si = i
			break
		}
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return si, rev
}

// buildPath assembles the Path from a source endpoint through the edges
// mid to a target endpoint.
func (g *Graph) buildPath(src endpoint, mid []int32, tgt endpoint, cost uint32) Path {
	p := Path{CostS: seconds(cost), StartFrac: 0, EndFrac: 1}
	// Size the edge list and the line once: a long route has hundreds of
	// edges, and growing both by appending doubled the time spent here.
	np := 2
	for _, e := range mid {
		np += len(g.e.line[e]) - 1
	}
	for _, e := range [2]int32{src.edge, tgt.edge} {
		if e >= 0 {
			np += len(g.e.line[e])
		}
	}
	if len(mid) > 0 || src.edge >= 0 || tgt.edge >= 0 {
		p.Edges = make([]int, 0, len(mid)+2)
		p.Line = make(orb.LineString, 0, np)
	}
	if src.edge >= 0 {
		e := src.edge
		p.Edges = append(p.Edges, int(e))
		p.StartFrac = src.frac
		p.LengthM += (1 - src.frac) * g.e.length[e]
		p.Line = appendLine(p.Line, cutLine(g.e.line[e], src.frac, 1))
	}
	for _, e := range mid {
		p.Edges = append(p.Edges, int(e))
		p.LengthM += g.e.length[e]
		p.Line = appendLine(p.Line, g.e.line[e])
	}
	if tgt.edge >= 0 {
		e := tgt.edge
		p.Edges = append(p.Edges, int(e))
		p.EndFrac = tgt.frac
		p.LengthM += tgt.frac * g.e.length[e]
		p.Line = appendLine(p.Line, cutLine(g.e.line[e], 0, tgt.frac))
	}
	if len(p.Line) == 0 { // from a node to itself
		pt := g.nodePt[src.v]
		p.Line = orb.LineString{pt, pt}
	}
	return p
}

// directPath is the path along a single edge from src to tgt.
func (g *Graph) directPath(src, tgt endpoint, cost uint32) Path {
	e := src.edge
	return Path{
		CostS: seconds(cost), LengthM: (tgt.frac - src.frac) * g.e.length[e],
		Edges: []int{int(e)}, StartFrac: src.frac, EndFrac: tgt.frac,
		Line: cutLine(g.e.line[e], src.frac, tgt.frac),
	}
}

// appendLine appends line to dst, dropping its first point when it equals
// dst's last.
func appendLine(dst, line orb.LineString) orb.LineString {
	if len(dst) > 0 && len(line) > 0 && dst[len(dst)-1] == line[0] {
		line = line[1:]
	}
	return append(dst, line...)
}
