package api

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/geojson"
)

// TestFitProjectionWritesExactDigits encodes pages of the sample city's
// features with the fitted projection and with the exact one and requires
// identical bytes: the fit may only change how the digits are computed.
// Pages are the features in seeded squares from 20 m to 20 km (the whole
// city) around random features of each layer, in every wire CRS.
func TestFitProjectionWritesExactDigits(t *testing.T) {
	s := sampleWorld(t).Snapshot()
	r := rand.New(rand.NewPCG(5, 5))
	for _, c := range supportedCRS(s) {
		exact := toWire(s, c)
		if exact == nil {
			continue // the World's own CRS: nothing to project
		}
		prec := wirePrecision(c)
		for _, layer := range []string{geo.LayerBuildings, geo.LayerRoads, geo.LayerPipes} {
			l := s.Layer(layer)
			for _, side := range []float64{20, 250, 1000, 20000} {
				t.Run(fmt.Sprintf("%s/%s/%gm", c, layer, side), func(t *testing.T) {
					for range 10 {
						f, _ := l.At(r.IntN(l.Len()))
						ctr := f.Geometry().Bound().Center()
						var page []geo.Feature
						box := orb.Bound{Min: orb.Point{ctr[0] - side/2, ctr[1] - side/2}, Max: orb.Point{ctr[0] + side/2, ctr[1] + side/2}}
						l.Search(box, func(f geo.Feature) bool { page = append(page, f); return len(page) < 500 })
						want := encodePage(t, page, exact, prec)
						// Fitted over the page's extent, and over the query box as a
						// hint (features reaching out of it take the exact path).
						for _, hint := range []orb.Bound{{}, box} {
							got := encodePage(t, page, fitProjection(exact, page, prec, hint), prec)
							if !bytes.Equal(got, want) {
								t.Fatalf("fitted output (hint %v) differs from exact output for %d features:\n%s", hint, len(page), firstDiff(got, want))
							}
						}
					}
				})
			}
		}
	}
}

// TestFitErrorWithinGuard checks the invariant the fit rests on: wherever
// it is used, the interpolation is within the guard of the exact
// projection, at 2000 seeded random points of the fitted rectangle, for
// rectangles from 10 m to 50 km in every wire CRS.
func TestFitErrorWithinGuard(t *testing.T) {
	s := sampleWorld(t).Snapshot()
	r := rand.New(rand.NewPCG(7, 7))
	mb, _ := s.Bounds()
	ctr := mb.Center()
	for _, c := range supportedCRS(s) {
		exact := toWire(s, c)
		if exact == nil {
			continue
		}
		step := 1 / math.Pow(10, float64(wirePrecision(c)))
		for _, side := range []float64{10, 300, 3000, 10000, 50000} {
			t.Run(fmt.Sprintf("%s/%gm", c, side), func(t *testing.T) {
				b := orb.Bound{Min: orb.Point{ctr[0] - side/2, ctr[1] - side/3}, Max: orb.Point{ctr[0] + side/2, ctr[1] + side/3}}
				q, ok := newQuadFit(exact, b, step)
				t.Logf("guard %.3g (step %g), used %v", q.guard, step, ok)
				if !ok {
					return
				}
				for range 2000 {
					p := orb.Point{b.Min[0] + r.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + r.Float64()*(b.Max[1]-b.Min[1])}
					e, a := exact(p), q.eval(p)
					if d := math.Max(math.Abs(e[0]-a[0]), math.Abs(e[1]-a[1])); d > q.guard {
						t.Fatalf("at %v the fit is off by %.3g, above the guard %.3g", p, d, q.guard)
					}
				}
			})
		}
	}
}

// TestFitProjectionIsUsed checks that on a typical page (the buildings in
// 250 m squares, written in CRS84) the fit is taken and falls back to the
// exact projection for few vertices: the point of it is speed.
func TestFitProjectionIsUsed(t *testing.T) {
	s := sampleWorld(t).Snapshot()
	exact := toWire(s, crsCRS84)
	l := s.Layer(geo.LayerBuildings)
	r := rand.New(rand.NewPCG(6, 6))
	total, fellBack := 0, 0
	for range 50 {
		f, _ := l.At(r.IntN(l.Len()))
		ctr := f.Geometry().Bound().Center()
		var page []geo.Feature
		l.Search(orb.Bound{Min: orb.Point{ctr[0] - 125, ctr[1] - 125}, Max: orb.Point{ctr[0] + 125, ctr[1] + 125}},
			func(f geo.Feature) bool { page = append(page, f); return true })
		var ext orb.Bound
		for i, f := range page {
			if i == 0 {
				ext = f.Geometry().Bound()
			}
			ext = ext.Union(f.Geometry().Bound())
		}
		q, ok := newQuadFit(exact, ext, 1e-7)
		if !ok {
			t.Fatalf("no fit over a %.0f × %.0f m page", ext.Max[0]-ext.Min[0], ext.Max[1]-ext.Min[1])
		}
		for _, f := range page {
			eachPoint(f.Geometry(), func(p orb.Point) { q.project(p); total++ })
		}
		fellBack += q.fallback
	}
	// The guard is ~1e-11°, so about 2e-4 of coordinates lie that close to
	// a tie at 1e-7°; allow 1 %.
	if fellBack*100 > total {
		t.Errorf("%d of %d vertices fell back to the exact projection", fellBack, total)
	}
	t.Logf("%d of %d vertices projected exactly", fellBack, total)
}

// eachPoint calls fn for every vertex of a point, line or (multi)polygon.
func eachPoint(g orb.Geometry, fn func(orb.Point)) {
	switch g := g.(type) {
	case orb.Point:
		fn(g)
	case orb.LineString:
		for _, p := range g {
			fn(p)
		}
	case orb.Polygon:
		for _, r := range g {
			eachPoint(orb.LineString(r), fn)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			eachPoint(p, fn)
		}
	}
}

func encodePage(t *testing.T, fs []geo.Feature, project geo.PointFunc, prec int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := geojson.Encode(&buf, fs, geojson.EncodeOptions{Project: project, Precision: prec}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Sprintf("got  …%s\nwant …%s", a[lo:min(len(a), i+40)], b[lo:min(len(b), i+40)])
}

// TestFitArea checks that the query areas made through fitArea lie within
// areaFitTolerance of those made with the exact projection, vertex by
// vertex and for the inner rectangle, for squares of 10 m to 50 km around
// the city's centre given in every wire CRS.
func TestFitArea(t *testing.T) {
	s := sampleWorld(t).Snapshot()
	mb, _ := s.Bounds()
	ctr := mb.Center()
	for _, c := range supportedCRS(s) {
		to := toWire(s, c)
		if to == nil {
			continue
		}
		for _, side := range []float64{10, 300, 3000, 50000} {
			t.Run(fmt.Sprintf("%s/%gm", c, side), func(t *testing.T) {
				var b orb.Bound
				for i, p := range []orb.Point{{ctr[0] - side/2, ctr[1] - side/2}, {ctr[0] + side/2, ctr[1] + side/2},
					{ctr[0] - side/2, ctr[1] + side/2}, {ctr[0] + side/2, ctr[1] - side/2}} {
					if w := to(p); i == 0 {
						b = w.Bound()
					} else {
						b = b.Extend(w)
					}
				}
				exact := newArea(fromWire(s, c), b)
				fitted := newArea(fitArea(fromWire(s, c), b), b)
				worst := 0.0
				for i, p := range exact.poly[0] {
					q := fitted.poly[0][i]
					worst = math.Max(worst, math.Hypot(p[0]-q[0], p[1]-q[1]))
				}
				for _, d := range []float64{exact.inner.Min[0] - fitted.inner.Min[0], exact.inner.Min[1] - fitted.inner.Min[1],
					exact.inner.Max[0] - fitted.inner.Max[0], exact.inner.Max[1] - fitted.inner.Max[1]} {
					worst = math.Max(worst, math.Abs(d))
				}
				t.Logf("largest deviation %.3g m", worst)
				if worst > areaFitTolerance {
					t.Errorf("fitted area off by %.3g m, above %g", worst, areaFitTolerance)
				}
			})
		}
	}
}
