package api

import (
	"math"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
	"twin/geo/proj"
)

// area is a query box given in a wire CRS, carried into the World's CRS: a
// polygon (the box's edges, densified, since a lon/lat box is slightly
// curved in metres) and the largest axis-aligned rectangle inside it.
type area struct {
	poly  orb.Polygon
	inner orb.Bound
	empty bool // the box misses the World: nothing matches
}

// edgeSteps is the number of segments per box edge when it is carried into
// another CRS: over a city-sized box the curvature between them is far below
// a millimetre.
const edgeSteps = 8

func newArea(fn geo.PointFunc, b orb.Bound) area {
	var ring orb.Ring
	corners := [5]orb.Point{b.Min, {b.Max[0], b.Min[1]}, b.Max, {b.Min[0], b.Max[1]}, b.Min}
	inner := orb.Bound{Min: orb.Point{math.Inf(-1), math.Inf(-1)}, Max: orb.Point{math.Inf(1), math.Inf(1)}}
	for side := 0; side < 4; side++ {
		a, c := corners[side], corners[side+1]
		for i := 0; i < edgeSteps; i++ {
			t := float64(i) / edgeSteps
			p := fn(orb.Point{a[0] + t*(c[0]-a[0]), a[1] + t*(c[1]-a[1])})
			ring = append(ring, p)
		}
	}
	ring = append(ring, ring[0])
	// Shrink the inner rectangle to the side each edge's points lie on.
	n := edgeSteps
	for i, p := range ring[:4*n] {
		switch i / n {
		case 0: // bottom edge
			inner.Min[1] = math.Max(inner.Min[1], p[1])
		case 1: // right edge
			inner.Max[0] = math.Min(inner.Max[0], p[0])
		case 2: // top edge
			inner.Max[1] = math.Min(inner.Max[1], p[1])
		case 3: // left edge
			inner.Min[0] = math.Max(inner.Min[0], p[0])
		}
	}
	// Each corner belongs to one group above and also bounds the previous edge.
	inner.Min[0] = math.Max(inner.Min[0], ring[0][0])   // bottom-left, left edge
	inner.Min[1] = math.Max(inner.Min[1], ring[n][1])   // bottom-right, bottom edge
	inner.Max[0] = math.Min(inner.Max[0], ring[2*n][0]) // top-right, right edge
	inner.Max[1] = math.Min(inner.Max[1], ring[3*n][1]) // top-left, top edge
	return area{poly: orb.Polygon{ring}, inner: inner}
}

// search calls fn for the features of l intersecting the area.
func (a area) search(l *engine.Layer, fn func(geo.Feature) bool) {
	if a.empty {
		return
	}
	l.SearchPolygon(a.poly, a.inner, fn)
}

// worldPad is the margin, in metres, around the World's extent when a box is
// clipped to it: far more than the curvature of the extent's edges carried
// into another CRS (millimetres).
const worldPad = 1000

// clipToWorld narrows the box b, given in wire CRS c (in c's axis order),
// to the World's extent carried into c and padded by worldPad. Every feature
// lies inside that extent, so a feature meets b exactly when it meets the
// clipped box; but a box far larger than the city (a zoomed-out map's view,
// a whole-world bbox) is no longer carried through the World's projection
// far outside its area of use, where transverse Mercator goes wrong and the
// box would match nothing. ok is false when b misses the World. Boxes within
// 0.01° of the World's lon/lat extent return at once; others cost 32
// projections. Safe for concurrent use.
func clipToWorld(s *engine.Snapshot, c *proj.CRS, b orb.Bound) (orb.Bound, bool) {
	fn := toWire(s, c)
	if fn == nil {
		return b, true
	}
	if ll, ok := s.BoundsLonLat(); ok {
		n := ll.Pad(0.01)
		var w orb.Bound
		for i, p := range [4]orb.Point{n.Min, n.Max, {n.Min[0], n.Max[1]}, {n.Max[0], n.Min[1]}} {
			x, y := c.Forward(p[0], p[1])
			if c.LatLonOrder() {
				x, y = y, x
			}
			if i == 0 {
				w = orb.Point{x, y}.Bound()
			}
			w = w.Extend(orb.Point{x, y})
		}
		if w.Contains(b.Min) && w.Contains(b.Max) {
			return b, true
		}
	}
	mb, ok := s.Bounds()
	if !ok {
		return b, true
	}
	hull := newArea(fn, mb.Pad(worldPad)).poly.Bound()
	if !hull.Intersects(b) {
		return b, false
	}
	return orb.Bound{
		Min: orb.Point{math.Max(b.Min[0], hull.Min[0]), math.Max(b.Min[1], hull.Min[1])},
		Max: orb.Point{math.Min(b.Max[0], hull.Max[0]), math.Min(b.Max[1], hull.Max[1])},
	}, true
}
