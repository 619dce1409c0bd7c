package scene

// clip cuts ears off the ring that holds ear until one triangle is left.
// When a full pass finds no ear it first drops collinear points, then cuts
// the least bad convex vertex so that the loop always ends.
func (e *earcut) clip(ear int32) {
	ear = e.filter(ear, -1)
	stop := ear
	pass := 0
	for e.nodes[ear].prev != e.nodes[ear].next {
		prev, next := e.nodes[ear].prev, e.nodes[ear].next
		if e.isEar(ear) || pass >= 2 && e.area(prev, ear, next) >= 0 || pass >= 3 {
			e.out = append(e.out, e.nodes[prev].i, e.nodes[ear].i, e.nodes[next].i)
			e.remove(ear)
			ear = e.nodes[next].next
			stop = ear
			pass = 0
			continue
		}
		ear = next
		if ear == stop {
			pass++
			if pass == 1 {
				ear = e.filter(ear, -1)
				stop = ear
			}
		}
	}
}

// isEar reports whether prev, ear, next is a convex corner whose triangle
// holds no other reflex vertex of the ring.
func (e *earcut) isEar(ear int32) bool {
	a, c := e.nodes[ear].prev, e.nodes[ear].next
	if e.area(a, ear, c) <= 0 {
		return false
	}
	na, nb, nc := e.nodes[a], e.nodes[ear], e.nodes[c]
	for p := nc.next; p != a; p = e.nodes[p].next {
		np := e.nodes[p]
		if (np.x == na.x && np.y == na.y) || (np.x == nb.x && np.y == nb.y) || (np.x == nc.x && np.y == nc.y) {
			continue
		}
		if inTriangle(na.x, na.y, nb.x, nb.y, nc.x, nc.y, np.x, np.y) && e.area(np.prev, p, np.next) <= 0 {
			return false
		}
	}
	return true
}
