package dispatch

// label is one rank's labels: the costs up from the sources (d[fwd]) and
// up towards the targets (d[bwd]), and the arcs that set them (p, -1 at
// a start), in 16 bytes: a relaxation reads and writes one cache line.
type label struct {
	d [2]uint32
	p [2]int32
}

// Sides of a query's labels: the walk up from the sources and the walk up
// from the targets (towards them).
const (
	fwd = 0
	bwd = 1
)

// cchScratch is the hierarchy's per-query memory, indexed by rank (see
// label). Labels start and end at inf; walk lists the ranks a query
// touched.
type cchScratch struct {
	lab   []label
	walk  []int32
	mark  []uint32 // epoch marks for the target sets of many
	epoch uint32
	order []int32
	fcur  []int32 // frontiers of the two walks
	bcur  []int32
	up    []int32 // arcs of a path up to its meeting rank
	mid   []int32 // the path's edges as unpacked
	stack []unpackItem
}

func (c *cch) newScratch() cchScratch {
	s := cchScratch{lab: make([]label, c.n), mark: make([]uint32, c.n)}
	for i := range s.lab {
		s.lab[i].d = [2]uint32{inf, inf}
	}
	return s
}

// reset returns every label the last query touched to inf.
func (s *cchScratch) reset() {
	for _, r := range s.walk {
		s.lab[r].d = [2]uint32{inf, inf}
	}
	s.walk = s.walk[:0]
}

// start seeds labels at the endpoints' ranks and returns the frontier of
// their walk up the elimination tree: the distinct start ranks.
func (c *cch) start(cs *cchScratch, side int, cur []int32, ends []endpoint) []int32 {
	cur = cur[:0]
	side &= 1
	for _, e := range ends {
		if e.off >= inf {
			continue
		}
		r := c.rank[e.v]
		if e.off < cs.lab[r].d[side] {
			if cs.lab[r].d[side] == inf {
				cs.walk = append(cs.walk, r)
			}
			cs.lab[r].d[side], cs.lab[r].p[side] = e.off, -1
		}
		cur = addFrontier(cur, r)
	}
	return cur
}

// addFrontier adds r to the frontier if it is not there.
func addFrontier(cur []int32, r int32) []int32 {
	for _, x := range cur {
		if x == r {
			return cur
		}
	}
	return append(cur, r)
}

// next removes and returns the lowest rank of a frontier, replacing it by
// its parent; -1 when the frontier is empty.
func (c *cch) next(cur []int32) (int32, []int32) {
	if len(cur) == 0 {
		return -1, cur
	}
	lo := 0
	for i, r := range cur {
		if r < cur[lo] {
			lo = i
		}
	}
	r := cur[lo]
	if p := c.parent[r]; p >= 0 && !containsRank(cur, p) {
		cur[lo] = p
	} else {
		cur[lo] = cur[len(cur)-1]
		cur = cur[:len(cur)-1]
	}
	return r, cur
}

func containsRank(cur []int32, r int32) bool {
	for _, x := range cur {
		if x == r {
			return true
		}
	}
	return false
}

// relax pushes label lab[r] along r's arcs in the search graph u. Sums
// are taken in 64 bits: a label is at most inf, so a sum below a label
// fits in 32 bits, and an arc of weight inf never improves one.
func relax(u *cchUp, r int32, cs *cchScratch, side int) {
	side &= 1
	lab := cs.lab
	d := uint64(lab[r].d[side])
	lo, hi := u.first[r], u.end[r]
	heads, ws := u.head[lo:hi], u.w[lo:hi]
	ws = ws[:len(heads)]
	for i, h := range heads {
		nd := d + uint64(ws[i])
		if l := lab[h].d[side]; nd < uint64(l) {
			if l == inf {
				cs.walk = append(cs.walk, h)
			}
			lab[h].d[side], lab[h].p[side] = uint32(nd), u.arc[lo+int32(i)]
		}
	}
}

// meeting is the best path a point-to-point query has found: its cost and
// the rank where its two halves meet (-1: none beats the starting bound).
// The labels of both halves at meet are final by the time the walks
// process it, and a cheaper pair of labels there is taken then.
type meeting struct {
	best uint32
	meet int32
}

// pruned reports whether label d at rank r cannot lead to a path cheaper
// than best, by the goal's lower bound of the rest of the way.
func (m *meeting) pruned(d uint64, r int32, gl *goal) bool {
	if d >= uint64(m.best) {
		return true
	}
	return m.best < inf && float64(d)+gl.lb(r) >= float64(m.best)
}

// relax is relax for one walk of route: it skips r when its label, with
// the goal's bound of the rest of the way, reaches best, and each label
// where the other walk's label is finite is a path that may lower best. It writes no list of touched labels: every head is an ancestor
// of r (an upper neighbour in the chordal graph), so the walk itself
// reaches it later and search records it then. The loop has no branch on
// the comparison of labels (a conditional move each), which a processor
// could not predict; checking every head against best is exact because
// a label and the other walk's label at the same rank were checked when
// either was set.
func (m *meeting) relax(u *cchUp, r int32, cs *cchScratch, side int, gl *goal) {
	side &= 1
	lab := cs.lab
	d := uint64(lab[r].d[side])
	if m.pruned(d, r, gl) {
		return
	}
	lo, hi := u.first[r], u.end[r]
	heads, ws, ids := u.head[lo:hi], u.w[lo:hi], u.arc[lo:hi]
	var best uint64
	if side == fwd {
		best, m.meet = relaxFwd(heads, ws, ids, lab, d, uint64(m.best), m.meet)
	} else {
		best, m.meet = relaxBwd(heads, ws, ids, lab, d, uint64(m.best), m.meet)
	}
	m.best = uint32(best)
}

// relaxFwd and relaxBwd are meeting.relax's loop for each side, written
// out twice so the side is a constant: with it a variable the compiler
// ran out of registers and reloaded the loop's state from the stack on
// every arc. The arc id is loaded before the comparison so both updates
// compile to conditional moves.
func relaxFwd(heads []int32, ws []uint32, ids []int32, lab []label, d, best uint64, meet int32) (uint64, int32) {
	ws, ids = ws[:len(heads)], ids[:len(heads)]
	for i, h := range heads {
		id, nd := ids[i], d+uint64(ws[i])
		lh := &lab[h]
		l, p := uint64(lh.d[fwd]), lh.p[fwd]
		if nd < l {
			l, p = nd, id
		}
		lh.d[fwd], lh.p[fwd] = uint32(l), p
		if s := l + uint64(lh.d[bwd]); s < best {
			best, meet = s, h
		}
	}
	return best, meet
}

func relaxBwd(heads []int32, ws []uint32, ids []int32, lab []label, d, best uint64, meet int32) (uint64, int32) {
	ws, ids = ws[:len(heads)], ids[:len(heads)]
	for i, h := range heads {
		id, nd := ids[i], d+uint64(ws[i])
		lh := &lab[h]
		l, p := uint64(lh.d[bwd]), lh.p[bwd]
		if nd < l {
			l, p = nd, id
		}
		lh.d[bwd], lh.p[bwd] = uint32(l), p
		if s := l + uint64(lh.d[fwd]); s < best {
			best, meet = s, h
		}
	}
	return best, meet
}

// route finds the cheapest trip from a source to a target endpoint that
// beats best: both walk up the elimination tree in step, lowest rank
// first, and meet at common ancestors. A label set where the other walk
// has one already is a path, so it bounds best from the first shared
// vertex a walk reaches, long before the walks reach it; a vertex whose
// label, with the straight-line bound of the rest, already reaches best
// is not relaxed (pruning). It returns the cost, the endpoints used and
// the edges between them (ti -1 when nothing beat best); the edges live
// in s and are valid until s is used again.
func (c *cch) route(s *scratch, src, tgt []endpoint, best uint32) (uint32, int, int, []int32) {
	cs := &s.ch
	defer cs.reset()
	best, meet := c.search(cs, src, tgt, best)
	if meet < 0 {
		return best, -1, -1, nil
	}
	si, ti, mid := c.unpackPath(cs, src, tgt, meet)
	return best, si, ti, mid
}

// routeLength is route without the path: the cost, the target endpoint
// used (-1 when nothing beat best) and the length in metres of the
// search arcs between the endpoints, summed from the lengths the
// customization carries (see cch) along the two walks' parent arcs — the
// length of the path route would unpack, with no unpacking.
func (c *cch) routeLength(s *scratch, src, tgt []endpoint, best uint32) (uint32, int, float64) {
	cs := &s.ch
	defer cs.reset()
	best, meet := c.search(cs, src, tgt, best)
	if meet < 0 {
		return best, -1, 0
	}
	length := 0.0
	r := meet
	for cs.lab[r].p[fwd] >= 0 {
		a := cs.lab[r].p[fwd]
		length += c.fl[a]
		r = c.tail(a)
	}
	r = meet
	for cs.lab[r].p[bwd] >= 0 {
		a := cs.lab[r].p[bwd]
		length += c.bl[a]
		r = c.tail(a)
	}
	return best, c.endpointAt(tgt, r, cs.lab[r].d[bwd]), length
}

// search runs route's two walks on cs, which the caller resets, and
// returns the best cost and the meeting rank (-1 when nothing beat best).
func (c *cch) search(cs *cchScratch, src, tgt []endpoint, best uint32) (uint32, int32) {
	cs.fcur = c.start(cs, fwd, cs.fcur, src)
	cs.bcur = c.start(cs, bwd, cs.bcur, tgt)
	m := meeting{best: best, meet: -1}
	gf, gb := c.goalOf(tgt), c.goalOf(src)
	uf, ub := c.searchGraphs()
	vf, fcur := c.next(cs.fcur)
	vb, bcur := c.next(cs.bcur)
	walk := cs.walk
	for vf >= 0 || vb >= 0 {
		switch {
		case vb < 0 || vf >= 0 && vf < vb:
			walk = append(walk, vf)
			m.relax(uf, vf, cs, fwd, &gf)
			vf, fcur = c.next(fcur)
		case vf < 0 || vb < vf:
			walk = append(walk, vb)
			m.relax(ub, vb, cs, bwd, &gb)
			vb, bcur = c.next(bcur)
		default: // a common ancestor: both labels are final
			walk = append(walk, vf)
			if d := add(cs.lab[vf].d[fwd], cs.lab[vf].d[bwd]); d < m.best {
				m.best, m.meet = d, vf
			}
			m.relax(uf, vf, cs, fwd, &gf)
			m.relax(ub, vb, cs, bwd, &gb)
			vf, fcur = c.next(fcur)
			vb, bcur = c.next(bcur)
		}
	}
	cs.walk = walk
	cs.fcur, cs.bcur = fcur, bcur
	return m.best, m.meet
}

// unpackPath turns the labels around meet into the edges of the path and
// the endpoints at its ends.
func (c *cch) unpackPath(cs *cchScratch, src, tgt []endpoint, meet int32) (int, int, []int32) {
	up := cs.up[:0] // arcs from the source up to meet, top first
	defer func() { cs.up = up[:0] }()
	r := meet
	for cs.lab[r].p[fwd] >= 0 {
		a := cs.lab[r].p[fwd]
		up = append(up, a)
		r = c.tail(a)
	}
	si := c.endpointAt(src, r, cs.lab[r].d[fwd])
	mid := cs.mid[:0]
	for i := len(up) - 1; i >= 0; i-- {
		mid = c.unpack(cs, up[i], false, mid)
	}
	r = meet
	for cs.lab[r].p[bwd] >= 0 {
		a := cs.lab[r].p[bwd]
		mid = c.unpack(cs, a, true, mid)
		r = c.tail(a)
	}
	ti := c.endpointAt(tgt, r, cs.lab[r].d[bwd])
	cs.mid = mid
	return si, ti, mid
}

// endpointAt returns the index of the endpoint at rank r with offset off.
func (c *cch) endpointAt(ends []endpoint, r int32, off uint32) int {
	for i, e := range ends {
		if c.rank[e.v] == r && e.off == off {
			return i
		}
	}
	return 0
}

// unpack appends the edges of arc a travelled up (down false) or down
// (true) to dst. A shortcut x–y stands for its lower triangle's arcs z–x
// and z–y: x → z → y goes down the first and up the second; an input arc
// names its edge in tri (see cch). Iterative, with its stack in cs: a
// long route unpacks a thousand arcs, and the calls of a recursion cost
// more than the two reads each arc takes.
func (c *cch) unpack(cs *cchScratch, a int32, down bool, dst []int32) []int32 {
	st := append(cs.stack[:0], unpackItem{a, down})
	for len(st) > 0 {
		it := st[len(st)-1]
		st = st[:len(st)-1]
		t := 4 * it.a
		if it.down {
			t += 2
		}
		zx, zy := c.tri[t], c.tri[t+1]
		switch {
		case zx == -1: // a turn arc: no edge
		case zx < 0:
			dst = append(dst, -2-zx)
		case it.down: // y → z → x: down z–y first, then up z–x
			st = append(st, unpackItem{zx, false}, unpackItem{zy, true})
		default: // x → z → y: down z–x first, then up z–y
			st = append(st, unpackItem{zy, false}, unpackItem{zx, true})
		}
	}
	cs.stack = st
	return dst
}

// unpackItem is an arc on unpack's stack and the way it is travelled.
type unpackItem struct {
	a    int32
	down bool
}

// many fills out[i] with the cost from the one side to list i (backward
// false) or from list i to the one side (true): an upward search from the
// one side, then a sweep down the union of the lists' elimination-tree
// paths, ancestors before descendants, taking each vertex's best way
// down (or up) through its upper neighbours.
func (c *cch) many(s *scratch, one []endpoint, lists [][]endpoint, backward bool, out []uint32) {
	cs := &s.ch
	defer cs.reset()
	side := fwd
	up, down := c.searchGraphs()
	if backward {
		side = bwd
		up, down = down, up
	}
	lab := cs.lab
	cs.fcur = c.start(cs, side, cs.fcur, one)
	cur := cs.fcur
	for v := int32(0); v >= 0; {
		if v, cur = c.next(cur); v >= 0 && lab[v].d[side] < inf {
			relax(up, v, cs, side)
		}
	}
	cs.fcur = cur
	order := c.targetTree(cs, lists)
	for _, v := range order {
		d := uint64(lab[v].d[side])
		lo, hi := down.first[v], down.end[v]
		heads, ws := down.head[lo:hi], down.w[lo:hi]
		ws = ws[:len(heads)]
		for i, h := range heads {
			d = min(d, uint64(lab[h].d[side])+uint64(ws[i])) // 64 bits: no overflow
		}
		if d < uint64(lab[v].d[side]) {
			if lab[v].d[side] == inf {
				cs.walk = append(cs.walk, v)
			}
			lab[v].d[side] = uint32(d)
		}
	}
	for i, list := range lists {
		out[i] = inf
		for _, t := range list {
			if t.off < inf {
				out[i] = min(out[i], add(lab[c.rank[t.v]].d[side], t.off))
			}
		}
	}
}

// targetTree returns the union of the elimination-tree paths from the
// lists' ranks to the root, every vertex after all its ancestors.
func (c *cch) targetTree(cs *cchScratch, lists [][]endpoint) []int32 {
	cs.epoch++
	if cs.epoch == 0 { // wrapped: clear the marks
		clear(cs.mark)
		cs.epoch = 1
	}
	order := cs.order[:0]
	for _, list := range lists {
		for _, t := range list {
			start := len(order)
			for r := c.rank[t.v]; r >= 0 && cs.mark[r] != cs.epoch; r = c.parent[r] {
				cs.mark[r] = cs.epoch
				order = append(order, r)
			}
			seg := order[start:]
			for i, j := 0, len(seg)-1; i < j; i, j = i+1, j-1 {
				seg[i], seg[j] = seg[j], seg[i]
			}
		}
	}
	cs.order = order
	return order
}
