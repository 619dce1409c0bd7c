package dispatch

import (
	"fmt"
	"math"
)

// Change is one live change of an edge's cost: a closure or reopening, or
// a new speed factor.
type Change struct {
	// Edge is the edge index.
	Edge int
	// Closed is the edge's new closure state.
	Closed bool
	// Factor multiplies the edge's free-flow speed (live traffic: 0.5 is
	// half speed); 0 leaves the current factor, otherwise it must be
	// finite and positive. 1 is free flow.
	Factor float64
}

// SetClosed closes or reopens edge e. Reopening restores exactly the cost
// the edge had before. Errors: ErrEdge. See Apply for the cost.
func (g *Graph) SetClosed(e int, closed bool) error {
	if e < 0 || e >= len(g.e.id) {
		return fmt.Errorf("%w: edge %d of %d", ErrEdge, e, len(g.e.id))
	}
	return g.Apply(Change{Edge: e, Closed: closed})
}

// SetSpeedFactor sets the speed factor of edge e (travel time = free-flow
// time / f), keeping its closure state. Errors: ErrEdge, ErrFactor.
func (g *Graph) SetSpeedFactor(e int, f float64) error {
	if e < 0 || e >= len(g.e.id) {
		return fmt.Errorf("%w: edge %d of %d", ErrEdge, e, len(g.e.id))
	}
	if !(f > 0) || math.IsInf(f, 0) {
		return fmt.Errorf("%w: %v", ErrFactor, f)
	}
	g.mu.RLock()
	closed := g.e.closed[e]
	g.mu.RUnlock()
	return g.Apply(Change{Edge: e, Closed: closed, Factor: f})
}

// CloseWay closes or reopens every edge of a source way (an OSM way: the
// closure delta "w123" on the roads layer names way 123) and returns how
// many edges it has. Errors: ErrEdge when no edge comes from the way.
func (g *Graph) CloseWay(way int64, closed bool) (int, error) {
	es := g.ways[way]
	if len(es) == 0 {
		return 0, fmt.Errorf("%w: no edge of way %d", ErrEdge, way)
	}
	ch := make([]Change, len(es))
	for i, e := range es {
		ch[i] = Change{Edge: int(e), Closed: closed}
	}
	return len(es), g.Apply(ch...)
}

// WayEdges returns the edges of a source way, in input order. The slice
// is shared: do not modify it.
func (g *Graph) WayEdges(way int64) []int32 { return g.ways[way] }

// Closed reports whether edge e is closed; Factor returns its speed
// factor. Both panic if e is out of range.
func (g *Graph) Closed(e int) bool {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.e.closed[e]
}

// Factor returns the speed factor of edge e; it panics if e is out of
// range.
func (g *Graph) Factor(e int) float64 {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.e.factor[e]
}

// Apply makes a batch of changes at once, atomically for concurrent
// queries: it checks them all first (ErrEdge, ErrFactor; nothing changes
// on error), sets the edge costs and, with the CCH engine, re-customizes
// only the part of the hierarchy the changed edges reach — milliseconds for
// a closure, where building the hierarchy again takes seconds. Costs are
// always recomputed from the free-flow time, so a sequence of changes that
// ends where it started leaves every cost, and every answer, exactly as it
// was.
func (g *Graph) Apply(changes ...Change) error {
	for _, c := range changes {
		if c.Edge < 0 || c.Edge >= len(g.e.id) {
			return fmt.Errorf("%w: edge %d of %d", ErrEdge, c.Edge, len(g.e.id))
		}
		if c.Factor != 0 && (!(c.Factor > 0) || math.IsInf(c.Factor, 0)) {
			return fmt.Errorf("%w: edge %d: %v", ErrFactor, c.Edge, c.Factor)
		}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	var changed []int32
	for _, c := range changes {
		e := c.Edge
		g.e.closed[e] = c.Closed
		if c.Factor != 0 {
			g.e.factor[e] = c.Factor
		}
		cost := uint32(inf)
		if !g.e.closed[e] {
			cost = millis(g.e.base[e] / g.e.factor[e])
		}
		if cost != g.e.cost[e] {
			g.e.cost[e] = cost
			changed = append(changed, int32(e))
		}
	}
	if g.cch != nil && len(changed) > 0 {
		g.cch.update(changed)
	}
	return nil
}
