package dispatch

import "slices"

// cchUp is one direction's search graph: per lower end (rank), the arcs a
// search may take, with their heads, weights and arc ids. arc is nil when
// the view is the whole arc set (arc id = index).
type cchUp struct {
	first []int32
	head  []int32
	w     []uint32
	arc   []int32
}

// arcID returns the arc id of entry i.
func (u *cchUp) arcID(i int32) int32 {
	if u.arc == nil {
		return i
	}
	return u.arc[i]
}

// searchGraphs returns the search graphs up from the sources (travelling
// arcs up) and up from the targets (travelling them down): the pruned
// ones of the perfect customization while they are valid, otherwise every
// arc with its basic weight.
func (c *cch) searchGraphs() (fwd, bwd *cchUp) {
	if c.pruned {
		return &c.qf, &c.qb
	}
	return &c.af, &c.ab
}

// perfect runs the perfect customization (Dibbelt, Strasser, Wagner 2016,
// section 5) on a copy of the basic weights and keeps, per direction, the
// arcs whose basic weight is tight — equal to the distance between the
// arc's ends — and finite. Dropping the others keeps every shortest
// up-down path: take any shortest path, all its input arcs tight, and
// shortcut its lowest inner vertex again and again; each shortcut's basic
// weight is at most the two arcs' sum through that lower vertex, which is
// the distance, so it is tight too. The pruned arcs are copied in rank
// order with their weights (qf, qb), so a search reads them contiguously.
//
// Vertices are taken from the top down: the arcs between the upper
// neighbours of x are then exact, and a shortest path from x to an upper
// neighbour y either is the arc's basic weight or first climbs to another
// upper neighbour z (basic x–z, exact z–y). O(triangles), like the basic
// customization.
func (c *cch) perfect() {
	pf, pb := slices.Clone(c.fw), slices.Clone(c.bw)
	head := c.upHead
	for x := c.n - 1; x >= 0; x-- {
		s, e := c.upFirst[x], c.upFirst[x+1]
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
		}
	}
	c.af = cchUp{first: c.upFirst, head: c.upHead, w: c.fw}
	c.ab = cchUp{first: c.upFirst, head: c.upHead, w: c.bw}
	c.qf = c.keepTight(c.fw, pf, c.qf)
	c.qb = c.keepTight(c.bw, pb, c.qb)
	c.pruned = true
}

// keepTight builds the search graph of the arcs whose basic weight w
// equals the exact weight p and is finite, reusing dst's memory.
func (c *cch) keepTight(w, p []uint32, dst cchUp) cchUp {
	u := cchUp{first: slices.Grow(dst.first[:0], int(c.n)+1), head: dst.head[:0],
		w: dst.w[:0], arc: dst.arc[:0]}
	u.first = append(u.first, 0)
	for x := range c.n {
		for a := c.upFirst[x]; a < c.upFirst[x+1]; a++ {
			if w[a] < inf && w[a] == p[a] {
				u.head = append(u.head, c.upHead[a])
				u.w = append(u.w, w[a])
				u.arc = append(u.arc, a)
			}
		}
		u.first = append(u.first, int32(len(u.head)))
	}
	return u
}

// prunedArcs returns how many arc directions the perfect customization
// kept (0 when the pruning is off).
func (c *cch) prunedArcs() int {
	if !c.pruned {
		return 0
	}
	return len(c.qf.head) + len(c.qb.head)
}
