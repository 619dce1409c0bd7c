package dispatch

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Directions of the raster's lattice edges: east, north, west, south.
var latticeStep = [4][2]int{{1, 0}, {0, 1}, {-1, 0}, {0, -1}}

// trace returns the union of the cells within limit as polygons: the
// boundary sides between in and out cells, directed with the inside on
// their left, joined into rings turning as far left as they can at every
// lattice vertex (so cells that meet only at a corner stay apart). Outer
// rings come out counter-clockwise, holes clockwise; each hole goes to the
// smallest outer ring around it. O(cells) plus the hole assignment.
func (r *isoRaster) trace(limit float64) orb.MultiPolygon {
	w := r.nx + 1
	out := make([]uint8, w*(r.ny+1)) // per lattice vertex: outgoing sides
	for iy := range r.ny {
		for ix := range r.nx {
			if !r.in(ix, iy, limit) {
				continue
			}
			if !r.in(ix, iy-1, limit) { // bottom side, eastward
				out[iy*w+ix] |= 1 << 0
			}
			if !r.in(ix+1, iy, limit) { // right side, northward
				out[iy*w+ix+1] |= 1 << 1
			}
			if !r.in(ix, iy+1, limit) { // top side, westward
				out[(iy+1)*w+ix+1] |= 1 << 2
			}
			if !r.in(ix-1, iy, limit) { // left side, southward
				out[(iy+1)*w+ix] |= 1 << 3
			}
		}
	}
	var outers []orb.Polygon
	var holes []orb.Ring
	var holeProbe []orb.Point
	for v, bits := range out {
		for bits != 0 {
			d := 0
			for bits&(1<<d) == 0 {
				d++
			}
			ring := r.ring(out, v, d)
			bits = out[v]
			if planar.Area(ring) > 0 {
				outers = append(outers, orb.Polygon{ring})
				continue
			}
			holes = append(holes, ring)
			holeProbe = append(holeProbe, r.probe(v, d))
		}
	}
	for i, h := range holes {
		best, bestA := -1, math.Inf(1)
		for j, p := range outers {
			if a := planar.Area(p[0]); a < bestA && p[0].Bound().Contains(holeProbe[i]) && planar.RingContains(p[0], holeProbe[i]) {
				best, bestA = j, a
			}
		}
		if best >= 0 {
			outers[best] = append(outers[best], h)
		}
	}
	mp := orb.MultiPolygon(outers)
	sortPolygons(mp)
	return mp
}

// ring follows the boundary from lattice vertex v in direction d, removing
// the sides it takes, until it comes back to that first side.
func (r *isoRaster) ring(out []uint8, v, d int) orb.Ring {
	w := r.nx + 1
	startV, startD := v, d
	out[v] &^= 1 << d
	ring := orb.Ring{r.lattice(v)}
	for {
		v += latticeStep[d][1]*w + latticeStep[d][0]
		next := -1
		for _, c := range [3]int{(d + 1) % 4, d, (d + 3) % 4} { // left, straight, right
			if v == startV && c == startD || out[v]&(1<<c) != 0 {
				next = c
				break
			}
		}
		if next != d { // a corner
			ring = append(ring, r.lattice(v))
		}
		if v == startV && next == startD || next < 0 {
			break
		}
		out[v] &^= 1 << next
		d = next
	}
	if ring[len(ring)-1] != ring[0] {
		ring = append(ring, ring[0])
	}
	return ring
}

// lattice returns the position of lattice vertex v.
func (r *isoRaster) lattice(v int) orb.Point {
	w := r.nx + 1
	return orb.Point{r.x0 + float64(v%w)*r.cell, r.y0 + float64(v/w)*r.cell}
}

// probe returns the centre of the cell to the right of the side leaving
// lattice vertex v in direction d: an out cell inside a hole.
func (r *isoRaster) probe(v, d int) orb.Point {
	p := r.lattice(v)
	h := r.cell / 2
	switch d {
	case 0: // eastward: the cell below
		return orb.Point{p[0] + h, p[1] - h}
	case 1: // northward: the cell to the right
		return orb.Point{p[0] + h, p[1] + h}
	case 2: // westward: the cell above
		return orb.Point{p[0] - h, p[1] + h}
	}
	return orb.Point{p[0] - h, p[1] - h} // southward: the cell to the left
}
