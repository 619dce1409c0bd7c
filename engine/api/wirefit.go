package api

import (
	"math"

	"github.com/paulmach/orb"

	"twin/geo"
)

// A page of features is written in a wire CRS through the World's inverse
// projection, which costs about 200 ns a vertex (transverse Mercator: a
// complex Krüger series and a Newton iteration) and dominated the items
// route. Over a page's extent, a few hundred metres, that map is smooth
// enough that a biquadratic interpolation of it on a 3 × 3 grid is within
// about 1e-12° of it; the encoder then rounds to 7 decimals (1e-7°). So
// fitProjection evaluates the interpolation instead, and takes the exact
// projection wherever the interpolated value lies too close to a rounding
// tie for the rounded digits to be certain. The written output is the same,
// digit for digit, as with the exact projection.

// fitMinVertices is the page size, in vertices, below which the 17 exact
// projections a fit costs do not pay for themselves.
const fitMinVertices = 48

// fitSafety scales the largest interpolation error found at the check
// points into the margin kept from rounding ties. The error of a
// biquadratic interpolation of a smooth map is dominated by its third-order
// terms, whose extremes lie at the check points; fourth-order terms are
// smaller by the ratio of the extent to the Earth's radius.
const fitSafety = 8

// fitMaxGuard is the largest margin, as a fraction of the rounding step,
// for which a fit is used: past it too many vertices would fall back.
const fitMaxGuard = 0.01

// quadFit is a biquadratic interpolation of a point map over a rectangle.
type quadFit struct {
	exact    geo.PointFunc
	c, h     orb.Point       // centre and half extent of the rectangle
	region   orb.Bound       // where the fit holds
	f        [3][3]orb.Point // exact values at the grid nodes (u, v ∈ {-1, 0, 1})
	guard    float64         // margin kept from rounding ties, wire units
	noise    float64         // the part of guard for floating-point noise
	step     float64         // the rounding step, 10^-prec
	fallback int             // vertices projected exactly, for tests
}

// fitHintMax is the largest side, in World metres, of a query's area that
// fitProjection takes as the region to fit; past it the fit would not hold
// and the page's own extent is measured instead.
const fitHintMax = 2000

// fitProjection returns a PointFunc for writing fs through exact with prec
// decimals (prec < 0: full precision): a quadFit over the page's region
// when it is accurate enough to round identically, else exact itself.
// hint, when not empty, is where the page's features are expected (the
// query's area with a margin): vertices outside it are projected exactly.
// An empty or oversized hint makes it measure the features' extent,
// O(vertices). A fit costs 17 exact projections; it is made at the first
// call, so a response whose features all come from a FeatureCache pays
// nothing. The result serves one response: it is not safe for concurrent
// use.
func fitProjection(exact geo.PointFunc, fs []geo.Feature, prec int, hint orb.Bound) geo.PointFunc {
	if exact == nil || prec < 0 || prec > 15 {
		return exact
	}
	var project geo.PointFunc
	return func(p orb.Point) orb.Point {
		if project == nil {
			project = makeFit(exact, fs, prec, hint)
		}
		return project(p)
	}
}

// makeFit is fitProjection's work, done at the first call.
func makeFit(exact geo.PointFunc, fs []geo.Feature, prec int, hint orb.Bound) geo.PointFunc {
	n := 0
	for _, f := range fs {
		n += vertexCount(f.Geometry())
	}
	if n < fitMinVertices {
		return exact
	}
	region := hint
	if !(region.Max[0] > region.Min[0] && region.Max[1] > region.Min[1]) ||
		region.Max[0]-region.Min[0] > fitHintMax || region.Max[1]-region.Min[1] > fitHintMax {
		region = extent(fs)
	}
	q, ok := newQuadFit(exact, region, math.Pow(10, -float64(prec)))
	if !ok {
		return exact
	}
	return q.project
}

// extent is the union of the features' bounds.
func extent(fs []geo.Feature) orb.Bound {
	var ext orb.Bound
	first := true
	for _, f := range fs {
		g := f.Geometry()
		if g == nil {
			continue
		}
		if b := g.Bound(); first {
			ext, first = b, false
		} else {
			ext = ext.Union(b)
		}
	}
	return ext
}

// areaFitTolerance is how far, in World metres, fitArea's points may lie
// from the exact ones: a thousandth of the 8-step densification's own chord
// error on a 300 m box (~20 µm).
const areaFitTolerance = 1e-6

// fitArea returns a PointFunc for carrying the points of a query box b
// (newArea's 32 edge points) into the World's CRS: the interpolation of
// exact over b when it is within areaFitTolerance of it at the check
// points, else exact. It costs 17 exact projections instead of 32.
func fitArea(exact geo.PointFunc, b orb.Bound) geo.PointFunc {
	q, ok := newQuadFit(exact, b, 1)
	if !ok || (q.guard-q.noise)/fitSafety > areaFitTolerance {
		return exact
	}
	return q.eval
}

// newQuadFit fits exact over b, measures the error at the check points, and
// reports whether the fit is good enough for rounding steps of step.
func newQuadFit(exact geo.PointFunc, b orb.Bound, step float64) (*quadFit, bool) {
	q := &quadFit{exact: exact, c: b.Center(), step: step, region: b}
	q.h = orb.Point{math.Max((b.Max[0]-b.Min[0])/2, 1e-9), math.Max((b.Max[1]-b.Min[1])/2, 1e-9)}
	for i := range 3 {
		for j := range 3 {
			p := exact(orb.Point{q.c[0] + float64(i-1)*q.h[0], q.c[1] + float64(j-1)*q.h[1]})
			if !finitePoint(p) {
				return nil, false
			}
			q.f[i][j] = p
		}
	}
	// Third-order error terms peak at u, v = ±1/√3 (and 0 across).
	worst := 0.0
	t := 1 / math.Sqrt(3)
	for _, uv := range [8][2]float64{{-t, -t}, {-t, 0}, {-t, t}, {0, -t}, {0, t}, {t, -t}, {t, 0}, {t, t}} {
		p := orb.Point{q.c[0] + uv[0]*q.h[0], q.c[1] + uv[1]*q.h[1]}
		want, got := exact(p), q.eval(p)
		if !finitePoint(want) {
			return nil, false
		}
		worst = math.Max(worst, math.Max(math.Abs(want[0]-got[0]), math.Abs(want[1]-got[1])))
	}
	// A floor for floating-point noise in evaluating the fit: values are up
	// to ~2e7 (Web Mercator metres), whose ulp is ~4e-9.
	scale := math.Max(math.Abs(q.f[1][1][0]), math.Abs(q.f[1][1][1]))
	q.noise = 16 * scale * 0x1p-52
	q.guard = fitSafety*worst + q.noise
	return q, q.guard < fitMaxGuard*step
}

// eval is the interpolation at p, in the tensor Lagrange form on nodes
// -1, 0, 1.
func (q *quadFit) eval(p orb.Point) orb.Point {
	u, v := (p[0]-q.c[0])/q.h[0], (p[1]-q.c[1])/q.h[1]
	lu := [3]float64{u * (u - 1) / 2, 1 - u*u, u * (u + 1) / 2}
	lv := [3]float64{v * (v - 1) / 2, 1 - v*v, v * (v + 1) / 2}
	// Sum differences from the centre value, for precision.
	c := q.f[1][1]
	var dx, dy float64
	for i := range 3 {
		for j := range 3 {
			w := lu[i] * lv[j]
			dx += w * (q.f[i][j][0] - c[0])
			dy += w * (q.f[i][j][1] - c[1])
		}
	}
	return orb.Point{c[0] + dx, c[1] + dy}
}

// project is the fitted projection; see fitProjection.
func (q *quadFit) project(p orb.Point) orb.Point {
	if q.region.Contains(p) {
		a := q.eval(p)
		if q.clearOfTie(a[0]) && q.clearOfTie(a[1]) {
			return a
		}
	}
	q.fallback++
	return q.exact(p)
}

// clearOfTie reports whether x is farther than the guard from every point
// halfway between two multiples of the rounding step.
func (q *quadFit) clearOfTie(x float64) bool {
	s := x / q.step
	return math.Abs(s-math.Floor(s)-0.5)*q.step > q.guard
}

func finitePoint(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsInf(p[0], 0) && !math.IsNaN(p[1]) && !math.IsInf(p[1], 0)
}

// vertexCount counts the points of g.
func vertexCount(g orb.Geometry) int {
	switch g := g.(type) {
	case orb.Point:
		return 1
	case orb.MultiPoint:
		return len(g)
	case orb.LineString:
		return len(g)
	case orb.Ring:
		return len(g)
	case orb.MultiLineString:
		n := 0
		for _, l := range g {
			n += len(l)
		}
		return n
	case orb.Polygon:
		n := 0
		for _, r := range g {
			n += len(r)
		}
		return n
	case orb.MultiPolygon:
		n := 0
		for _, p := range g {
			n += vertexCount(p)
		}
		return n
	case orb.Collection:
		n := 0
		for _, c := range g {
			n += vertexCount(c)
		}
		return n
	}
	return 0 // nil, or a Bound (written as 5 points, too few to matter)
}
