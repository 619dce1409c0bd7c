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
	l.tree.Search(b.Min, b.Max, func(mn, mx [2]float64, e *entry) bool {
		// The item's box comes inline from the tree node: only items that
		// cross the query's edge need their geometry.
		if b.Contains(mn) && b.Contains(mx) || e.hitsBound(mn, mx, b) {
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
		if spatial.Intersects(e.g, g) {
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
		if b.Contains(e.b.Min) && b.Contains(e.b.Max) && spatial.Within(e.g, g) {
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
// false; ties are broken by ID.
//
// It searches a square around p sized from the layer's density to hold
// about k features, widening it until the k-th best distance found lies
// inside it. Within the square, candidates are ranked by their box distance
// (read from the index, no feature touched) and the metric is evaluated only
// while a candidate's box is nearer than the k-th best distance so far, so a
// query evaluates about k features: O(log n + k log k) expected for data of
// even density.
func (l *Layer) Nearest(p orb.Point, k int, metric Metric, fn func(f geo.Feature, dist float64) bool) {
	if l == nil || k <= 0 || l.tree.Len() == 0 {
		return
	}
	lb, _ := l.Bounds()
	r, maxR := startRadius(p, lb, k, l.tree.Len())
	cands := make([]candidate, 0, 4*k+32)
	best := make([]scored, 0, k+1)
	for {
		cands = cands[:0]
		l.tree.Search([2]float64{p[0] - r, p[1] - r}, [2]float64{p[0] + r, p[1] + r},
			func(mn, mx [2]float64, e *entry) bool {
				cands = append(cands, candidate{e, boxDistance(p, mn, mx)})
				return true
			})
		if len(cands) < k && r < maxR {
			r = math.Min(2*r, maxR)
			continue
		}
		best = rank(cands, p, k, metric, best[:0])
		if r >= maxR || len(best) == k && best[k-1].d <= r {
			break
		}
		// The true k nearest all lie within the k-th best distance found.
		r = math.Min(math.Max(best[len(best)-1].d, 2*r), maxR)
	}
	for _, s := range best {
		if !fn(s.e.f, s.d) {
			return
		}
	}
}

type candidate struct {
	e    *entry
	boxD float64
}

// rank evaluates the metric (GeometryDistance on the cached geometry when
// nil) on candidates in order of box distance until no remaining box can
// beat the k-th best, and returns the best k sorted. The
// candidates are heap-ordered in O(m) and popped as needed, so the cost is
// O(m + k log m) rather than a full sort.
func rank(cands []candidate, p orb.Point, k int, metric Metric, best []scored) []scored {
	h := candHeap(cands)
	h.init()
	for len(h) > 0 {
		c := h.pop()
		if len(best) == k && c.boxD > best[k-1].d {
			break
		}
		var d float64
		switch {
		case metric == nil:
			d = c.e.distance(p, c.boxD)
		default:
			d = metric(p, c.e.f)
		}
		best = insertScored(best, scored{c.e, d}, k)
	}
	return best
}

// candHeap is a binary min-heap of candidates by box distance.
type candHeap []candidate

func (h candHeap) init() {
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

func (h candHeap) down(i int) {
	n := len(h)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && h[r].boxD < h[l].boxD {
			m = r
		}
		if h[i].boxD <= h[m].boxD {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// pop removes and returns the nearest candidate; the heap shrinks by one.
func (h *candHeap) pop() candidate {
	old := *h
	c := old[0]
	n := len(old) - 1
	old[0] = old[n]
	*h = old[:n]
	h.down(0)
	return c
}

// startRadius returns a search half-width expected to hold k of n features
// spread over lb, and the half-width that covers all of lb from p.
func startRadius(p orb.Point, lb orb.Bound, k, n int) (r, maxR float64) {
	w, h := lb.Max[0]-lb.Min[0], lb.Max[1]-lb.Min[1]
	r = math.Sqrt(float64(k)*w*h/float64(n)) * startRadiusFactor
	r = math.Max(r, boxDistance(p, lb.Min, lb.Max)+1e-9)
	maxR = math.Max(math.Max(math.Abs(p[0]-lb.Min[0]), math.Abs(p[0]-lb.Max[0])),
		math.Max(math.Abs(p[1]-lb.Min[1]), math.Abs(p[1]-lb.Max[1]))) + 1e-9
	if r <= 0 || math.IsNaN(r) {
		r = math.Min(1, maxR)
	}
	return math.Min(r, maxR), maxR
}

// boxDistance is the Euclidean distance from p to the box [mn, mx].
func boxDistance(p orb.Point, mn, mx [2]float64) float64 {
	dx := math.Max(0, math.Max(mn[0]-p[0], p[0]-mx[0]))
	dy := math.Max(0, math.Max(mn[1]-p[1], p[1]-mx[1]))
	return math.Hypot(dx, dy)
}

type scored struct {
	e *entry
	d float64
}

// insertScored inserts s into the sorted slice best, keeping at most k.
func insertScored(best []scored, s scored, k int) []scored {
	i := len(best)
	for i > 0 && (best[i-1].d > s.d || best[i-1].d == s.d && best[i-1].e.id > s.e.id) {
		i--
	}
	if i >= k {
		return best
	}
	best = append(best, scored{})
	copy(best[i+1:], best[i:])
	best[i] = s
	if len(best) > k {
		best = best[:k]
	}
	return best
}

// startRadiusFactor scales the half-width of the first kNN search square
// relative to sqrt(k·area/n): 0.5 gives a square expected to hold k evenly
// spread features (more candidates come, as their boxes overlap it).
const startRadiusFactor = 0.5

// SearchPolygon calls fn for every feature whose geometry intersects the
// polygon poly, until fn returns false. inner, when not empty, is an
// axis-aligned rectangle known to lie inside poly: features whose box lies
// in it, or with a vertex in it, are accepted without an exact test, which
// makes polygons that are nearly rectangles (a lon/lat box in a projected
// CRS) nearly as cheap as Search. Candidates whose box no edge of poly comes
// near are decided by one point-in-polygon test; those whose box an edge
// crosses are tested against those edges only. O(log n + k·(e + v)) for k
// candidates of v vertices and e polygon edges, O(k·e·v) at worst.
func (l *Layer) SearchPolygon(poly orb.Polygon, inner orb.Bound, fn func(geo.Feature) bool) {
	l.searchPolygon(poly, inner, func(e *entry) bool { return fn(e.f) })
}

// SearchPolygonID is SearchPolygon passing each feature's ID along, read
// from the index entry, for callers that sort or key the matches by ID: it
// saves them a load of every feature (on a large layer, a cache miss each).
func (l *Layer) SearchPolygonID(poly orb.Polygon, inner orb.Bound, fn func(id string, f geo.Feature) bool) {
	l.searchPolygon(poly, inner, func(e *entry) bool { return fn(e.id, e.f) })
}

func (l *Layer) searchPolygon(poly orb.Polygon, inner orb.Bound, fn func(*entry) bool) {
	if l == nil || len(poly) == 0 {
		return
	}
	b := poly.Bound()
	useInner := inner.Max[0] > inner.Min[0] && inner.Max[1] > inner.Min[1]
	if len(poly[0]) < 3 { // degenerate: the general predicate decides
		l.tree.Search(b.Min, b.Max, func(_, _ [2]float64, e *entry) bool {
			if spatial.Intersects(e.g, poly) {
				return fn(e)
			}
			return true
		})
		return
	}
	edges := newPolyEdges(poly)
	l.tree.Search(b.Min, b.Max, func(mn, mx [2]float64, e *entry) bool {
		// Decide from the box inline in the tree node where possible: the
		// geometry is a memory load away, often a cache miss.
		if useInner && inner.Contains(mn) && inner.Contains(mx) {
			return fn(e)
		}
		if in, ok := edges.clear(mn, mx); ok {
			if in {
				return fn(e)
			}
			return true
		}
		if useInner && e.vertexIn(inner) {
			return fn(e)
		}
		hit, ok := edges.hits(e)
		if !ok {
			hit = spatial.Intersects(e.g, poly)
		}
		if hit {
			return fn(e)
		}
		return true
	})
}

// polyEdges are a query polygon's edges with their boxes, for deciding
// candidates by the few edges that come near them. It belongs to one
// SearchPolygon call (near is scratch).
type polyEdges struct {
	poly  orb.Polygon
	edges []polyEdge
	near  []int // edges whose boxes meet the current candidate's box
}

type polyEdge struct {
	box  orb.Bound
	a, b orb.Point
}

func newPolyEdges(poly orb.Polygon) *polyEdges {
	n := 0
	for _, r := range poly {
		n += len(r)
	}
	pe := &polyEdges{poly: poly, edges: make([]polyEdge, 0, n), near: make([]int, 0, 8)}
	add := func(a, b orb.Point) {
		pe.edges = append(pe.edges, polyEdge{box: orb.Bound{Min: a, Max: a}.Extend(b), a: a, b: b})
	}
	for _, r := range poly {
		for i := 1; i < len(r); i++ {
			add(r[i-1], r[i])
		}
		if len(r) > 0 && !r.Closed() {
			add(r[len(r)-1], r[0])
		}
	}
	return pe
}

// clear decides a feature whose box is [mn, mx] when no edge's box touches
// it: the polygon's boundary then misses the feature's box, which lies wholly
// inside the polygon (in) or wholly outside, as one corner tells. ok is
// false when an edge comes near (listed in pe.near) and the geometry must
// decide.
func (pe *polyEdges) clear(mn, mx [2]float64) (in, ok bool) {
	pe.near = pe.near[:0]
	for i := range pe.edges {
		b := &pe.edges[i].box
		if b.Min[0] <= mx[0] && b.Max[0] >= mn[0] && b.Min[1] <= mx[1] && b.Max[1] >= mn[1] {
			pe.near = append(pe.near, i)
		}
	}
	if len(pe.near) > 0 {
		return false, false
	}
	return pe.contains(mn), true
}

// contains reports whether p lies inside the polygon (even-odd rule over
// all its rings, so holes are outside) or on an edge: planar.PolygonContains
// without measuring the rings' bounds at every call. O(e).
func (pe *polyEdges) contains(p orb.Point) bool {
	in := false
	for i := range pe.edges {
		e := &pe.edges[i]
		a, b := e.a, e.b
		if e.box.Contains(p) && spatial.SegmentsIntersect(p, p, a, b) {
			return true
		}
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

// hits is the exact test for an entry with an inline line or hole-free ring
// after clear listed the edges near its box: a segment of it meeting one of
// them, or else (no boundary contact) a vertex of it inside the polygon or,
// for a ring, the polygon inside it. Only the near edges can meet its
// segments, which lie in its box. ok is false for other shapes.
func (pe *polyEdges) hits(e *entry) (hit, ok bool) {
	if e.s.kind != shapeLine && e.s.kind != shapeRing {
		return false, false
	}
	pts := e.s.pts
	meets := func(a, b orb.Point) bool {
		for _, j := range pe.near {
			if spatial.SegmentsIntersect(a, b, pe.edges[j].a, pe.edges[j].b) {
				return true
			}
		}
		return false
	}
	for i := 1; i < len(pts); i++ {
		if meets(pts[i-1], pts[i]) {
			return true, true
		}
	}
	if e.s.kind == shapeRing && pts[0] != pts[len(pts)-1] && meets(pts[len(pts)-1], pts[0]) {
		return true, true
	}
	if pe.contains(pts[0]) {
		return true, true
	}
	return e.s.kind == shapeRing && spatial.RingContains(pts, pe.poly[0][0]), true
}
