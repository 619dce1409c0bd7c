package dispatch

import "slices"

// cchUp is one direction's search graph: per lower end (rank r), the arcs
// a search may take are entries first[r] … end[r]-1, with their heads,
// weights and arc ids.
type cchUp struct {
	first, end []int32
	head       []int32
	w          []uint32
	arc        []int32
}

// searchGraphs returns the search graphs of the perfect customization up
// from the sources (travelling arcs up) and up from the targets
// (travelling them down).
func (c *cch) searchGraphs() (fwd, bwd *cchUp) {
	return &c.qf, &c.qb
}

// perfect runs the perfect customization (Dibbelt, Strasser, Wagner 2016,
// section 5): the exact distance of every arc in both directions (pf,
// pb), and per direction a search graph of the arcs whose basic weight is
// tight — equal to that distance — and finite. Dropping the others keeps
// every shortest up-down path: take any shortest path, all its input arcs
// tight, and shortcut its lowest inner vertex again and again; each
// shortcut's basic weight is at most the two arcs' sum through that lower
// vertex, which is the distance, so it is tight too. A rank's kept arcs
// are packed at the front of its range of arcs (qf, qb: same first as the
// arcs, own end), so a search reads them contiguously and a change can
// repack one rank without moving the others.
//
// Vertices are taken from the top down: the arcs between the upper
// neighbours of x are then exact, and a shortest path from x to an upper
// neighbour y either is the arc's basic weight or first climbs to another
// upper neighbour z (basic x–z, exact z–y). O(triangles), like the basic
// customization.
func (c *cch) perfect() {
	m := c.numArcs()
	c.pf, c.pb = slices.Grow(c.pf[:0], m)[:m], slices.Grow(c.pb[:0], m)[:m]
	c.perfectWork = 0
	for x := c.n - 1; x >= 0; x-- {
		_, w := c.perfectVertex(x, nil)
		c.perfectWork += w
	}
	for _, u := range []*cchUp{&c.qf, &c.qb} {
		u.first = c.upFirst[:c.n]
		u.end = slices.Grow(u.end[:0], int(c.n))[:c.n]
		u.head = slices.Grow(u.head[:0], m)[:m]
		u.w = slices.Grow(u.w[:0], m)[:m]
		u.arc = slices.Grow(u.arc[:0], m)[:m]
	}
	for x := range c.n {
		c.packTight(x)
	}
}

// perfectVertex sets the exact weights of x's arcs from their basic
// weights and the exact weights between x's upper neighbours. With old
// non-nil, it first saves x's exact weights there (forward then backward)
// and reports the upper neighbours whose arc's exact weight changed.
func (c *cch) perfectVertex(x int32, old []uint32) (changed []int32, work int) {
	s, e := c.upFirst[x], c.upFirst[x+1]
	pf, pb, head := c.pf, c.pb, c.upHead
	if old != nil {
		old = append(append(old[:0], pf[s:e]...), pb[s:e]...)
	}
	copy(pf[s:e], c.fw[s:e])
	copy(pb[s:e], c.bw[s:e])
	for i := s; i < e; i++ {
		y := head[i]
		j, je := c.upFirst[y], c.upFirst[y+1]
		for k := i + 1; k < e; k++ {
			z := head[k]
			for j < je && head[j] != z {
				j++
			}
			// j is arc y–z: x < y < z, a clique.
			pf[i] = min(pf[i], add(pf[k], pb[j])) // x → z → y
			pb[i] = min(pb[i], add(pf[j], pb[k])) // y → z → x
			pf[k] = min(pf[k], add(pf[i], pf[j])) // x → y → z
			pb[k] = min(pb[k], add(pb[j], pb[i])) // z → y → x
		}
		work += int(e - i)
	}
	if old != nil {
		n := e - s
		for i := s; i < e; i++ {
			if pf[i] != old[i-s] || pb[i] != old[n+i-s] {
				changed = append(changed, head[i])
			}
		}
	}
	return changed, work
}

// packTight writes x's tight arcs to the front of its range in qf and qb.
func (c *cch) packTight(x int32) {
	for dir, u := range []*cchUp{&c.qf, &c.qb} {
		w, p := c.fw, c.pf
		if dir == 1 {
			w, p = c.bw, c.pb
		}
		k := c.upFirst[x]
		for a := c.upFirst[x]; a < c.upFirst[x+1]; a++ {
			if w[a] < inf && w[a] == p[a] {
				u.head[k], u.w[k], u.arc[k] = c.upHead[a], w[a], a
				k++
			}
		}
		u.end[x] = k
	}
}

// perfectBudget bounds the triangle work of one incremental perfect
// customization to this fraction of a full one's: past it (changes spread
// over much of the graph) the update runs the full one instead, so an
// update never costs more than 1.5 full perfect customizations.
const perfectBudget = 2

// repairPerfect re-derives the perfect customization after the basic
// weights of arcs changed, top-down from their lower ends: a rank whose
// basic weights changed, or below an arc whose exact weight changed,
// gets its exact weights recomputed (perfectVertex) and its tight arcs
// repacked; an exact weight that changes on arc x–y marks the common
// lower neighbours of x and y, whose exact weights are made of it. The
// result equals a full perfect customization of the same weights
// (TestPerfectCustomization checks it arc by arc). When the work runs
// past perfectBudget it finishes with a full perfect customization; it
// reports whether it did.
func (c *cch) repairPerfect(arcs []int32) (full bool) {
	q := newIDQueue(true)
	for _, a := range arcs {
		q.add(c.tail(a))
	}
	budget := c.perfectWork / perfectBudget
	var old []uint32
	var changed []int32
	for q.Len() > 0 {
		x := q.next()
		var work int
		if n := int(c.upFirst[x+1]-c.upFirst[x]) * 2; cap(old) < n {
			old = make([]uint32, 0, n)
		}
		changed, work = c.perfectVertex(x, old[:0])
		c.packTight(x)
		if budget -= work; budget < 0 {
			c.perfect()
			return true
		}
		for _, y := range changed {
			c.markCommonLower(q, x, y)
		}
	}
	return false
}

// markCommonLower queues the ranks below both x and y (the lower ends of
// arcs to both: the triangles arc x–y is the top of).
func (c *cch) markCommonLower(q *idQueue, x, y int32) {
	i, ie := c.dnFirst[x], c.dnFirst[x+1]
	j, je := c.dnFirst[y], c.dnFirst[y+1]
	for i < ie && j < je {
		zi, zj := c.dnTail[i], c.dnTail[j]
		switch {
		case zi < zj:
			i++
		case zi > zj:
			j++
		default:
			q.add(zi)
			i++
			j++
		}
	}
}

// prunedArcs returns how many arc directions the perfect customization
// kept.
func (c *cch) prunedArcs() int {
	n := 0
	for _, u := range []*cchUp{&c.qf, &c.qb} {
		for x := range c.n {
			n += int(u.end[x] - u.first[x])
		}
	}
	return n
}
