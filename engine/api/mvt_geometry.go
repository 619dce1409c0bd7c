package api

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"

	"twin/geo"
)

// tileGeom is one feature's geometry in whole tile units, as the MVT
// encoding wants it: for points a single part holding every point; for
// lines one part per line; for polygons every ring in order, each closed,
// exterior rings of positive area by the surveyor's formula in tile
// coordinates (y down; orb.CCW) and holes negative, each exterior ring
// followed by its holes.
type tileGeom struct {
	typ   byte // geomPoint, geomLine or geomPolygon; 0 when empty
	parts [][]orb.Point
}

// tileRenderer turns features' World geometries into tileGeoms: projected
// to tile units, clipped to the tile widened by tileBuffer, simplified with
// Douglas–Peucker (simplifier) and rounded to whole units. The projected
// points and the tileGeom are scratch space reused from one feature to the
// next, so a tile costs few allocations besides the clipper's.
//
// A tileRenderer belongs to one rendering and is not safe for concurrent
// use.
type tileRenderer struct {
	proj *tileProjector
	box  orb.Bound // the clip box, tile units
	dp   simplifier
	buf  []orb.Point
	g    tileGeom
}

// start readies r for a tile projected by tp, simplified with tolerance
// tol (tile units), keeping the memory of earlier tiles.
func (r *tileRenderer) start(tp *tileProjector, tol float64) {
	r.proj = tp
	r.dp.tol2 = tol * tol
	r.box = orb.Bound{Min: orb.Point{-tileBuffer, -tileBuffer},
		Max: orb.Point{tileExtent + tileBuffer, tileExtent + tileBuffer}}
}

// feature returns f's geometry in the tile; its typ is 0 when nothing of it
// is left. The result is valid until the next call.
func (r *tileRenderer) feature(f geo.Feature) *tileGeom {
	r.buf, r.g.typ, r.g.parts = r.buf[:0], 0, r.g.parts[:0]
	// The common feature types are read without boxing their geometry.
	switch f := f.(type) {
	case *geo.Building:
		r.multiPolygon(f.Footprint)
	case *geo.Road:
		r.line(f.Line)
	case *geo.RoadLink:
		r.line(f.Line)
	case *geo.Pipe:
		r.line(f.Line)
	case *geo.PipeNode:
		r.point(f.Point)
	case *geo.RoadNode:
		r.point(f.Point)
	default:
		r.geometry(f.Geometry())
	}
	if len(r.g.parts) == 0 {
		r.g.typ = 0
	}
	return &r.g
}

// geometry adds g of any type; geometry collections are not drawn.
func (r *tileRenderer) geometry(g orb.Geometry) {
	switch g := g.(type) {
	case orb.Point:
		r.point(g)
	case orb.MultiPoint:
		for _, p := range g {
			r.point(p)
		}
	case orb.LineString:
		r.line(g)
	case orb.MultiLineString:
		for _, ls := range g {
			r.line(ls)
		}
	case orb.Ring:
		r.polygon(orb.Polygon{g})
	case orb.Polygon:
		r.polygon(g)
	case orb.MultiPolygon:
		r.multiPolygon(g)
	case orb.Bound:
		r.polygon(g.ToPolygon())
	}
}

// point adds p to the feature's single part of points when it lies in the
// clip box.
func (r *tileRenderer) point(p orb.Point) {
	q := r.proj.project(p)
	if !r.box.Contains(q) {
		return
	}
	// Only point features come here, so the buffer holds just their points.
	r.g.typ = geomPoint
	r.buf = append(r.buf, roundPoint(q))
	r.g.parts = append(r.g.parts[:0], r.buf)
}

// project appends pts, projected, to the buffer and returns them with their
// bound; the slice is capped so that appending to it never overwrites the
// buffer.
func (r *tileRenderer) project(pts []orb.Point) ([]orb.Point, orb.Bound) {
	start := len(r.buf)
	b := orb.Bound{Min: orb.Point{math.MaxFloat64, math.MaxFloat64}, Max: orb.Point{-math.MaxFloat64, -math.MaxFloat64}}
	for _, p := range pts {
		q := r.proj.project(p)
		r.buf = append(r.buf, q)
		if q[0] < b.Min[0] {
			b.Min[0] = q[0]
		}
		if q[0] > b.Max[0] {
			b.Max[0] = q[0]
		}
		if q[1] < b.Min[1] {
			b.Min[1] = q[1]
		}
		if q[1] > b.Max[1] {
			b.Max[1] = q[1]
		}
	}
	end := len(r.buf)
	return r.buf[start:end:end], b
}

// inside reports whether b lies in the clip box, so no clipping is needed.
func (r *tileRenderer) inside(b orb.Bound) bool {
	return r.box.Contains(b.Min) && r.box.Contains(b.Max)
}

// line adds the parts of ls left after clipping, simplifying and rounding.
func (r *tileRenderer) line(ls orb.LineString) {
	if len(ls) < 2 {
		return
	}
	pts, b := r.project(ls)
	if !r.box.Intersects(b) {
		return
	}
	if r.inside(b) {
		r.linePart(pts)
		return
	}
	for _, part := range clip.LineString(r.box, pts) {
		r.linePart(part)
	}
}

func (r *tileRenderer) linePart(pts []orb.Point) {
	if len(pts) > 2 {
		pts = r.dp.simplify(pts)
	}
	if pts = roundPoints(pts); len(pts) >= 2 {
		r.g.typ = geomLine
		r.g.parts = append(r.g.parts, pts)
	}
}

func (r *tileRenderer) multiPolygon(mp orb.MultiPolygon) {
	for _, p := range mp {
		r.polygon(p)
	}
}

// polygon adds p clipped, simplified, rounded and oriented, unless its
// exterior ring vanishes; holes that vanish are dropped.
func (r *tileRenderer) polygon(p orb.Polygon) {
	for i, ring := range p {
		if len(ring) < 3 {
			if i == 0 {
				return
			}
			continue
		}
		pts, b := r.project(ring)
		if !r.box.Intersects(b) {
			if i == 0 {
				return
			}
			continue
		}
		rr := orb.Ring(pts)
		if !r.inside(b) {
			rr = clip.Ring(r.box, rr)
		}
		if rr = r.finishRing(rr, i == 0); rr == nil {
			if i == 0 {
				return
			}
			continue
		}
		r.g.typ = geomPolygon
		r.g.parts = append(r.g.parts, rr)
	}
}

// finishRing closes, simplifies, rounds and orients a projected ring
// (exterior: positive area in tile coordinates, that is orb.CCW; hole:
// negative); nil when fewer than three distinct corners or no area remain.
func (r *tileRenderer) finishRing(rr orb.Ring, exterior bool) orb.Ring {
	if len(rr) < 3 {
		return nil
	}
	if rr[0] != rr[len(rr)-1] {
		rr = append(rr, rr[0])
	}
	rr = orb.Ring(roundPoints(r.dp.simplify(rr)))
	if len(rr) < 4 || rr[0] != rr[len(rr)-1] {
		return nil
	}
	o := rr.Orientation()
	if o == 0 {
		return nil
	}
	if (o == orb.CCW) != exterior {
		rr.Reverse()
	}
	return rr
}

// roundPoints rounds pts to whole tile units in place, dropping repeated
// points.
func roundPoints(pts []orb.Point) []orb.Point {
	out := pts[:0]
	for _, p := range pts {
		q := roundPoint(p)
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	return out
}

func roundPoint(p orb.Point) orb.Point { return orb.Point{math.Round(p[0]), math.Round(p[1])} }
