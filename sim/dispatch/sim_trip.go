package dispatch

import "github.com/paulmach/orb"

// trip is a unit's movement along a path: it leaves at departS and its
// travel time is spread over the path's edges in proportion to each
// edge's cost when the trip was planned, so that the position at any time
// can be interpolated for a live view.
type trip struct {
	from    Snap
	path    Path
	departS float64
	ends    []float64 // seconds after departure at which each edge is left
}

func newTrip(g *Graph, from Snap, p Path, departS float64) *trip {
	tr := &trip{from: from, path: p, departS: departS, ends: make([]float64, len(p.Edges))}
	var sum float64
	last := len(p.Edges) - 1
	for i, e := range p.Edges {
		_, _, _, _, c := g.Edge(e)
		f0, f1 := 0.0, 1.0
		if i == 0 {
			f0 = p.StartFrac
		}
		if i == last {
			f1 = p.EndFrac
		}
		if !finite(c) {
			c = 0
		}
		sum += (f1 - f0) * c
		tr.ends[i] = sum
	}
	for i := range tr.ends {
		if sum > 0 {
			tr.ends[i] *= p.CostS / sum
		} else {
			tr.ends[i] = p.CostS
		}
	}
	return tr
}

// arriveS is when the trip ends, seconds.
func (tr *trip) arriveS() float64 { return tr.departS + tr.path.CostS }

// where is a position along a trip.
type where struct {
	point orb.Point
	edge  int     // -1 before departure on a node, or after a path without edges
	frac  float64 // share along edge
	left  float64 // seconds to the end of edge
}

// at returns the position at time t (clamped to the trip's span).
func (tr *trip) at(g *Graph, t float64) where {
	el := t - tr.departS
	p := tr.path
	if len(p.Edges) == 0 {
		return where{point: tr.from.Point, edge: tr.from.Edge, frac: tr.from.Frac}
	}
	last := len(p.Edges) - 1
	i := 0
	for i < last && tr.ends[i] <= el {
		i++
	}
	t0 := 0.0
	f0, f1 := 0.0, 1.0
	if i > 0 {
		t0 = tr.ends[i-1]
	}
	if i == 0 {
		f0 = p.StartFrac
	}
	if i == last {
		f1 = p.EndFrac
	}
	share := 0.0
	if span := tr.ends[i] - t0; span > 0 {
		share = min(max((el-t0)/span, 0), 1)
	} else if el > t0 {
		share = 1
	}
	f := f0 + (f1-f0)*share
	left := max(tr.ends[i]-max(el, t0), 0)
	return where{point: pointAt(g.EdgeLine(p.Edges[i]), f), edge: p.Edges[i], frac: f, left: left}
}
