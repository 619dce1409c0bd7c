package scene

import (
	"errors"
	"math"
	"sort"
)

// ErrPolygon is returned by Triangulate for input it cannot triangulate:
// fewer than three distinct vertices in the outer ring, or non-finite
// coordinates.
var ErrPolygon = errors.New("scene: degenerate polygon")

// Triangulate triangulates a polygon with holes by ear clipping, after
// joining each hole to the outer ring through a bridge edge (the method of
// Eberly, "Triangulation by Ear Clipping", 2002, as popularised by Mapbox's
// earcut). xy holds x, y pairs of all rings, outer ring first; holeStart
// lists the vertex index where each hole starts. Rings are implicitly
// closed (do not repeat the first vertex) and may have either orientation.
// It appends triangles to dst as vertex indices into xy, each triangle
// counter-clockwise, and returns dst.
//
// Written by hand: no maintained Go earcut module was found in the Go
// module index. Complexity O(n²) in the number of vertices, which
// suits building footprints (tens of vertices); self-intersecting input
// yields triangles covering an approximation of it.
func Triangulate(dst []uint32, xy []float64, holeStart []int) ([]uint32, error) {
	n := len(xy) / 2
	outerEnd := n
	if len(holeStart) > 0 {
		outerEnd = holeStart[0]
	}
	for _, v := range xy {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return dst, ErrPolygon
		}
	}
	if outerEnd < 3 {
		return dst, ErrPolygon
	}
	e := &earcut{xy: xy, nodes: make([]node, 0, n+2*len(holeStart))}
	outer := e.link(0, outerEnd, true)
	if outer < 0 || e.nodes[outer].next == e.nodes[outer].prev {
		return dst, ErrPolygon
	}
	if len(holeStart) > 0 {
		outer = e.eliminateHoles(outer, holeStart, n)
	}
	e.out = dst
	e.clip(outer)
	return e.out, nil
}

type node struct {
	i          uint32
	x, y       float64
	prev, next int32
}

type earcut struct {
	xy    []float64
	nodes []node
	out   []uint32
}

// cross is twice the signed area of triangle (a, b, c): > 0 when counter-
// clockwise.
func cross(ax, ay, bx, by, cx, cy float64) float64 {
	return (bx-ax)*(cy-ay) - (by-ay)*(cx-ax)
}

func (e *earcut) area(a, b, c int32) float64 {
	na, nb, nc := &e.nodes[a], &e.nodes[b], &e.nodes[c]
	return cross(na.x, na.y, nb.x, nb.y, nc.x, nc.y)
}

func (e *earcut) equal(a, b int32) bool {
	return e.nodes[a].x == e.nodes[b].x && e.nodes[a].y == e.nodes[b].y
}

// ringArea returns twice the signed area of vertices [start, end).
func ringArea(xy []float64, start, end int) float64 {
	var s float64
	for i, j := start, end-1; i < end; j, i = i, i+1 {
		s += xy[2*j]*xy[2*i+1] - xy[2*i]*xy[2*j+1]
	}
	return s
}

// link builds a circular list of vertices [start, end), counter-clockwise
// when ccw, else clockwise, dropping consecutive duplicates. It returns the
// last node, or -1 for an empty ring.
func (e *earcut) link(start, end int, ccw bool) int32 {
	last := int32(-1)
	add := func(i int) {
		x, y := e.xy[2*i], e.xy[2*i+1]
		if last >= 0 && e.nodes[last].x == x && e.nodes[last].y == y {
			return
		}
		k := int32(len(e.nodes))
		e.nodes = append(e.nodes, node{i: uint32(i), x: x, y: y, prev: k, next: k})
		if last >= 0 {
			nx := e.nodes[last].next
			e.nodes[k].next, e.nodes[k].prev = nx, last
			e.nodes[nx].prev, e.nodes[last].next = k, k
		}
		last = k
	}
	if (ringArea(e.xy, start, end) > 0) == ccw {
		for i := start; i < end; i++ {
			add(i)
		}
	} else {
		for i := end - 1; i >= start; i-- {
			add(i)
		}
	}
	if last >= 0 && e.equal(last, e.nodes[last].next) && last != e.nodes[last].next {
		nx := e.nodes[last].next
		e.remove(last)
		last = nx
	}
	return last
}

func (e *earcut) remove(p int32) {
	n := &e.nodes[p]
	e.nodes[n.prev].next = n.next
	e.nodes[n.next].prev = n.prev
}

// filter removes duplicate and collinear vertices from start up to end and
// returns a node still in the ring.
func (e *earcut) filter(start, end int32) int32 {
	if end < 0 {
		end = start
	}
	p := start
	for {
		again := false
		n := e.nodes[p]
		if n.next != p && (e.equal(p, n.next) || e.area(n.prev, p, n.next) == 0) {
			e.remove(p)
			p, end = n.prev, n.prev
			if p == n.next {
				return end
			}
			again = true
		} else {
			p = n.next
		}
		if !again && p == end {
			return end
		}
	}
}

// eliminateHoles bridges every hole into the outer ring, leftmost hole
// first, and returns a node of the merged ring.
func (e *earcut) eliminateHoles(outer int32, holeStart []int, n int) int32 {
	var lefts []int32
	for h, s := range holeStart {
		end := n
		if h+1 < len(holeStart) {
			end = holeStart[h+1]
		}
		if end-s < 3 {
			continue
		}
		l := e.link(s, end, false)
		if l < 0 || e.nodes[l].next == l {
			continue
		}
		lefts = append(lefts, e.leftmost(l))
	}
	sort.SliceStable(lefts, func(i, j int) bool {
		a, b := e.nodes[lefts[i]], e.nodes[lefts[j]]
		return a.x < b.x || (a.x == b.x && a.y < b.y)
	})
	for _, h := range lefts {
		outer = e.eliminateHole(h, outer)
	}
	return outer
}

func (e *earcut) leftmost(start int32) int32 {
	p, l := start, start
	for {
		if e.nodes[p].x < e.nodes[l].x || (e.nodes[p].x == e.nodes[l].x && e.nodes[p].y < e.nodes[l].y) {
			l = p
		}
		p = e.nodes[p].next
		if p == start {
			return l
		}
	}
}

func (e *earcut) eliminateHole(hole, outer int32) int32 {
	b := e.bridge(hole, outer)
	if b < 0 {
		return outer
	}
	rev := e.split(b, hole)
	e.filter(rev, e.nodes[rev].next)
	return e.filter(b, e.nodes[b].next)
}
