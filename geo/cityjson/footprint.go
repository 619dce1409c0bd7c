package cityjson

import (
	"math"

	"github.com/paulmach/orb"

	"twin/geo"
)

// groundTolerance is how far above the lowest vertex, in metres, a
// horizontal surface may lie and still count as the floor (rule 2 of
// footprint).
const groundTolerance = 0.01

// verticalCosine is the largest |cos| between a surface normal and the z
// axis for which the surface counts as vertical (a wall): 0.001, i.e.
// within about 0.06° of vertical. Vertical surfaces project to lines and are
// left out of footprints.
const verticalCosine = 1e-3

// flat is a surface projected to the plane.
type flat struct {
	poly orb.Polygon // outer ring counter-clockwise, holes clockwise, closed
	up   int         // +1 facing up, −1 facing down, 0 vertical or degenerate
	top  float64     // highest z of the outer ring, metres
	typ  string
}

// footprint returns the 2D footprint of s, by the first rule that selects
// any surface:
//
//  1. the surfaces with semantic type GroundSurface;
//  2. for solids, the horizontal surfaces within groundTolerance of the
//     lowest vertex (the floor);
//  3. the surfaces facing up (roofs, or the top of a terrain-like
//     MultiSurface), else those facing down.
//
// Vertical surfaces never count. The selected surfaces are projected, their
// outer rings turned counter-clockwise and holes clockwise, and merged by
// dissolving shared edges (see dissolve). Returns nil for point and line
// geometries or when nothing is left. O(n log n) in the vertices.
func footprint(s *shape) orb.MultiPolygon {
	flats := make([]flat, 0, len(s.surfaces))
	for _, sf := range s.surfaces {
		flats = append(flats, project(sf))
	}
	sel := pick(flats, func(f *flat) bool { return f.typ == "GroundSurface" })
	if len(sel) == 0 && s.volumetric() {
		sel = pick(flats, func(f *flat) bool { return f.top-s.minZ <= groundTolerance })
	}
	if len(sel) == 0 {
		sel = pick(flats, func(f *flat) bool { return f.up > 0 })
	}
	if len(sel) == 0 {
		sel = pick(flats, func(f *flat) bool { return f.up < 0 })
	}
	if len(sel) == 0 {
		return nil
	}
	return dissolve(sel)
}

// pick returns the polygons of the non-vertical flats that keep selects.
func pick(fs []flat, keep func(*flat) bool) []orb.Polygon {
	var out []orb.Polygon
	for i := range fs {
		if fs[i].up != 0 && keep(&fs[i]) {
			out = append(out, fs[i].poly)
		}
	}
	return out
}

// project drops z from sf. Facing comes from the Newell normal of the outer
// ring; a vertical or degenerate surface has up == 0 and no polygon.
func project(sf geo.Surface) flat {
	f := flat{typ: sf.Type, top: math.Inf(-1)}
	outer := sf.Rings[0]
	for _, p := range outer {
		f.top = math.Max(f.top, p[2])
	}
	n := newell(outer)
	norm := math.Sqrt(n[0]*n[0] + n[1]*n[1] + n[2]*n[2])
	if norm == 0 || math.Abs(n[2]) <= verticalCosine*norm {
		return f
	}
	f.up = 1
	if n[2] < 0 {
		f.up = -1
	}
	f.poly = make(orb.Polygon, len(sf.Rings))
	for i, r := range sf.Rings {
		f.poly[i] = flatRing(r, i == 0)
	}
	return f
}

// flatRing projects r to a closed 2D ring, counter-clockwise when outer is
// true and clockwise otherwise.
func flatRing(r []geo.Point3, outer bool) orb.Ring {
	ring := make(orb.Ring, len(r)+1)
	for i, p := range r {
		ring[i] = orb.Point{p[0], p[1]}
	}
	ring[len(r)] = ring[0]
	if o := ring.Orientation(); (outer && o == orb.CW) || (!outer && o == orb.CCW) {
		ring.Reverse()
	}
	return ring
}

// newell returns the Newell normal of the open ring r: its length is twice
// the ring's area and its z component twice the signed area of the
// projection (positive when counter-clockwise seen from above).
// Coordinates are taken relative to the first vertex for precision.
func newell(r []geo.Point3) [3]float64 {
	var n [3]float64
	o := r[0]
	for i := range r {
		a, b := r[i], r[(i+1)%len(r)]
		ax, ay, az := a[0]-o[0], a[1]-o[1], a[2]-o[2]
		bx, by, bz := b[0]-o[0], b[1]-o[1], b[2]-o[2]
		n[0] += (ay - by) * (az + bz)
		n[1] += (az - bz) * (ax + bx)
		n[2] += (ax - bx) * (ay + by)
	}
	return n
}

// groundZ returns the elevation of the base of s in metres: the lowest z of
// its GroundSurface surfaces when it has any, else the lowest z of all its
// coordinates.
func groundZ(s *shape) float64 {
	z := math.Inf(1)
	for _, sf := range s.surfaces {
		if sf.Type != "GroundSurface" {
			continue
		}
		for _, r := range sf.Rings {
			for _, p := range r {
				z = math.Min(z, p[2])
			}
		}
	}
	if math.IsInf(z, 1) {
		return s.minZ
	}
	return z
}
