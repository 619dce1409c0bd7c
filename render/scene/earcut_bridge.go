package scene

import "math"

// bridge finds an outer-ring vertex visible from the hole's leftmost vertex
// h: cast a ray from h to the left, take the nearest edge it crosses, then
// the edge endpoint or, if reflex vertices hide it, the reflex vertex with
// the smallest angle to the ray. Returns -1 when none is found.
func (e *earcut) bridge(h, outer int32) int32 {
	hx, hy := e.nodes[h].x, e.nodes[h].y
	qx := math.Inf(-1)
	m := int32(-1)
	p := outer
	for {
		np, nn := e.nodes[p], e.nodes[e.nodes[p].next]
		if hy <= np.y && hy >= nn.y && nn.y != np.y {
			x := np.x + (hy-np.y)*(nn.x-np.x)/(nn.y-np.y)
			if x <= hx && x > qx {
				qx = x
				m = np.next
				if np.x < nn.x {
					m = p
				}
				if x == hx {
					return m
				}
			}
		}
		p = np.next
		if p == outer {
			break
		}
	}
	if m < 0 {
		return -1
	}
	return e.refineBridge(h, m, qx)
}

func (e *earcut) refineBridge(h, m int32, qx float64) int32 {
	hx, hy := e.nodes[h].x, e.nodes[h].y
	stop := m
	mx, my := e.nodes[m].x, e.nodes[m].y
	tanMin := math.Inf(1)
	ax, cx := qx, hx
	if hy < my {
		ax, cx = hx, qx
	}
	p := m
	for {
		np := e.nodes[p]
		if hx >= np.x && np.x >= mx && hx != np.x && inTriangle(ax, hy, mx, my, cx, hy, np.x, np.y) {
			tan := math.Abs(hy-np.y) / (hx - np.x)
			if e.locallyInside(p, h) && (tan < tanMin || (tan == tanMin && np.x > e.nodes[m].x)) {
				m, tanMin = p, tan
			}
		}
		p = np.next
		if p == stop {
			return m
		}
	}
}

// inTriangle reports whether (px, py) lies in triangle a, b, c (either
// orientation), boundary included.
func inTriangle(ax, ay, bx, by, cx, cy, px, py float64) bool {
	d1 := cross(ax, ay, bx, by, px, py)
	d2 := cross(bx, by, cx, cy, px, py)
	d3 := cross(cx, cy, ax, ay, px, py)
	neg := d1 < 0 || d2 < 0 || d3 < 0
	pos := d1 > 0 || d2 > 0 || d3 > 0
	return !(neg && pos)
}

// locallyInside reports whether the diagonal a→b starts into the polygon's
// interior at a.
func (e *earcut) locallyInside(a, b int32) bool {
	na := e.nodes[a]
	if e.area(na.prev, a, na.next) > 0 { // convex at a
		return e.area(a, b, na.next) <= 0 && e.area(a, na.prev, b) <= 0
	}
	return e.area(a, b, na.prev) > 0 || e.area(a, na.next, b) > 0
}

// split joins a and b by two coincident edges (a→b and b2→a2), splitting
// the ring there, and returns b2.
func (e *earcut) split(a, b int32) int32 {
	a2 := int32(len(e.nodes))
	e.nodes = append(e.nodes, node{i: e.nodes[a].i, x: e.nodes[a].x, y: e.nodes[a].y})
	b2 := int32(len(e.nodes))
	e.nodes = append(e.nodes, node{i: e.nodes[b].i, x: e.nodes[b].x, y: e.nodes[b].y})
	an, bp := e.nodes[a].next, e.nodes[b].prev
	e.nodes[a].next, e.nodes[b].prev = b, a
	e.nodes[a2].next, e.nodes[an].prev = an, a2
	e.nodes[b2].next, e.nodes[a2].prev = a2, b2
	e.nodes[bp].next, e.nodes[b2].prev = b2, bp
	return b2
}
