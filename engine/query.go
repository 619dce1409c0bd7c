package engine

import (
	"math"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/spatial"
)

// SearchBounds calls fn for every feature whose bounding box intersects b,
// in no particular order, until fn returns false. It is the raw index query:
// O(log n + k).
func (l *Layer) SearchBounds(b orb.Bound, fn func(geo.Feature) bool) {
	if l == nil {
		return
	}
	l.tree.Search(b.Min, b.Max, func(_, _ [2]float64, e *entry) bool { return fn(e.f) })
}

// Search calls fn for every feature whose geometry intersects the rectangle b
// (touching counts), until fn returns false. Features whose box lies inside b
// are accepted without an exact test. O(log n + k·v) for k candidates of v
// vertices.
func (l *Layer) Search(b orb.Bound, fn func(geo.Feature) bool) {
	if l == nil {
		return
	}
	l.tree.Search(b.Min, b.Max, func(_, _ [2]float64, e *entry) bool {
		if b.Contains(e.b.Min) && b.Contains(e.b.Max) || spatial.Intersects(e.f.Geometry(), b) {
			return fn(e.f)
		}
		return true
	})
}

// Intersecting calls fn for every feature whose geometry shares a point with
// g (a point, line, polygon, …), until fn returns false.
func (l *Layer) Intersecting(g orb.Geometry, fn func(geo.Feature) bool) {
	if l == nil || g == nil {
		return
	}
	b := g.Bound()
	l.tree.Search(b.Min, b.Max, func(_, _ [2]float64, e *entry) bool {
		if spatial.Intersects(e.f.Geometry(), g) {
			return fn(e.f)
		}
		return true
	})
}

// Within calls fn for every feature lying wholly inside the area g (a
// polygon, multipolygon or bound), until fn returns false.
func (l *Layer) Within(g orb.Geometry, fn func(geo.Feature) bool) {
	if l == nil || g == nil {
		return
	}
	b := g.Bound()
	l.tree.Search(b.Min, b.Max, func(_, _ [2]float64, e *entry) bool {
		if b.Contains(e.b.Min) && b.Contains(e.b.Max) && spatial.Within(e.f.Geometry(), g) {
			return fn(e.f)
		}
		return true
	})
}

// Metric is a distance in metres from a point to a feature, used to rank
// nearest-neighbour results. It must never be less than the Euclidean
// distance from p to the feature's bounding box (the geometry distance, the
// distance to a representative point inside the box, or any such distance
// scaled by a factor ≥ 1 qualify), else results may come out of order.
type Metric func(p orb.Point, f geo.Feature) float64

// GeometryDistance is the default Metric: the planar distance from p to the
// feature's geometry, zero inside areas.
func GeometryDistance(p orb.Point, f geo.Feature) float64 {
	return spatial.Distance(f.Geometry(), p)
}

// Nearest calls fn with up to k features in increasing order of metric
// distance from p (GeometryDistance when metric is nil), until fn returns
// false. Ties keep index order. Best-first search over the R-tree:
// O((log n + k) · log n) node visits for a well-behaved metric.
func (l *Layer) Nearest(p orb.Point, k int, metric Metric, fn func(f geo.Feature, dist float64) bool) {
	if l == nil || k <= 0 {
		return
	}
	if metric == nil {
		metric = GeometryDistance
	}
	n := 0
	// Nearby orders by squared distances: boxes get the squared box distance,
	// items their squared metric (≥ the box distance by Metric's contract).
	l.tree.Nearby(
		func(mn, mx [2]float64, e *entry, item bool) float64 {
			if item {
				d := metric(p, e.f)
				return d * d
			}
			dx := math.Max(0, math.Max(mn[0]-p[0], p[0]-mx[0]))
			dy := math.Max(0, math.Max(mn[1]-p[1], p[1]-mx[1]))
			return dx*dx + dy*dy
		},
		func(_, _ [2]float64, e *entry, d2 float64) bool {
			n++
			return fn(e.f, math.Sqrt(d2)) && n < k
		},
	)
}
