package dispatch

import (
	"container/heap"
)

// customize computes every arc's weights from scratch (basic
// customization): input weights first, then, for each vertex z from the
// lowest rank up, every pair x < y of its upper neighbours relaxes the
// arc x–y through z. An arc's lower triangles all have their lowest
// vertex below it, so its lower arcs are final when used.
//
// Ties go to the input arc, then to the lowest middle vertex, the same
// rule recompute follows, so a partial update lands on exactly the
// weights and middles a full customization gives. O(triangles).
func (c *cch) customize() {
	m := len(c.upHead)
	if c.fw == nil {
		c.fw, c.bw = make([]uint32, m), make([]uint32, m)
		c.fl, c.bl = make([]float64, m), make([]float64, m)
		c.tri = make([]int32, 4*m)
	}
	for i := range c.tri {
		c.tri[i] = -1
	}
	for a := range int32(m) {
		c.fw[a], c.tri[4*a] = c.input(2 * a)
		c.bw[a], c.tri[4*a+2] = c.input(2*a + 1)
		c.fl[a], c.bl[a] = c.inputLength(c.tri[4*a]), c.inputLength(c.tri[4*a+2])
	}
	for z := range c.n {
		c.relaxTriangles(z)
	}
}

// relaxTriangles relaxes the arcs between the upper neighbours of z
// through z, carrying the lengths of the paths that set the weights.
func (c *cch) relaxTriangles(z int32) {
	s, e := c.upFirst[z], c.upFirst[z+1]
	fw, bw, head := c.fw, c.bw, c.upHead
	fl, bl := c.fl, c.bl
	for i := s; i < e; i++ {
		x := head[i]
		bzx, fzx := bw[i], fw[i]
		if bzx >= inf && fzx >= inf {
			continue
		}
		j, je := c.upFirst[x], c.upFirst[x+1]
		for k := i + 1; k < e; k++ {
			y := head[k]
			for j < je && head[j] != y {
				j++
			}
			// j is arc x–y: the upper neighbours of z form a clique.
			if cst := add(bzx, fw[k]); cst < fw[j] {
				fw[j], fl[j] = cst, bl[i]+fl[k]
				c.tri[4*j], c.tri[4*j+1] = i, k
			}
			if cst := add(bw[k], fzx); cst < bw[j] {
				bw[j], bl[j] = cst, bl[k]+fl[i]
				c.tri[4*j+2], c.tri[4*j+3] = i, k
			}
		}
	}
}

// recompute sets arc a's weights from scratch: its input arcs, then its
// lower triangles by ascending middle vertex (the intersection of its two
// ends' lower neighbours), with the lengths of the paths that give them.
// It reports whether either weight or length changed (a tie can move a
// length without its weight; the arcs above must follow it).
func (c *cch) recompute(a int32) bool {
	x, y := c.tail(a), c.upHead[a]
	f, fx := c.input(2 * a)
	b, bx := c.input(2*a + 1)
	fy, by := int32(-1), int32(-1)
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
			zx, zy := c.dnArc[i], c.dnArc[j]
			if cst := add(c.bw[zx], c.fw[zy]); cst < f {
				f, fx, fy = cst, zx, zy
			}
			if cst := add(c.bw[zy], c.fw[zx]); cst < b {
				b, bx, by = cst, zx, zy
			}
			i++
			j++
		}
	}
	fl, bl := c.triLength(fx, fy, false), c.triLength(bx, by, true)
	changed := f != c.fw[a] || b != c.bw[a] || fl != c.fl[a] || bl != c.bl[a]
	c.fw[a], c.bw[a], c.fl[a], c.bl[a] = f, b, fl, bl
	c.tri[4*a], c.tri[4*a+1], c.tri[4*a+2], c.tri[4*a+3] = fx, fy, bx, by
	return changed
}

// triLength returns the length of a weight's path as tri codes it: the
// input arc zx (fy < 0), or down z–x then up z–y (x → y, down false), or
// down z–y then up z–x (y → x, down true).
func (c *cch) triLength(zx, zy int32, down bool) float64 {
	switch {
	case zx < 0:
		return c.inputLength(zx)
	case down:
		return c.bl[zy] + c.fl[zx]
	}
	return c.bl[zx] + c.fl[zy]
}

// update re-customizes after the costs of the given edges changed. The
// arcs of those edges are recomputed; each arc whose weight changes
// queues the arcs it is a lower side of (those joining its upper end to
// the other upper neighbours of its lower end). Arcs are taken by
// ascending id, which is ascending lower end, so every arc is recomputed
// after all arcs below it. The work is proportional to the arcs whose
// weights the change reaches.
//
// A cost change can also make an arc the perfect customization dropped
// tight again anywhere below the change (a closure lengthens the detour
// that made it loose) without changing its own weight, so the exact
// weights are then re-derived top-down from the arcs whose weights
// changed (repairPerfect), or by a full perfect customization when the
// change reaches too much of the graph for that to pay.
func (c *cch) update(edges []int32) {
	q := newIDQueue(false)
	var moved []int32 // arcs whose weight changed
	c.boundEdges(edges)
	for _, e := range edges {
		if ad := c.edgeDir[e]; ad >= 0 {
			q.add(ad / 2)
		}
	}
	for q.Len() > 0 {
		a := q.next()
		f, b := c.fw[a], c.bw[a]
		if !c.recompute(a) {
			continue
		}
		if c.fw[a] != f || c.bw[a] != b {
			moved = append(moved, a)
		}
		x, y := c.tail(a), c.upHead[a]
		for k := c.upFirst[x]; k < c.upFirst[x+1]; k++ {
			switch w := c.upHead[k]; {
			case w > y:
				q.add(c.arc(y, w))
			case w < y:
				q.add(c.arc(w, y))
			}
		}
	}
	if len(moved) > 0 {
		if c.repairPerfect(moved) {
			c.fullRepairs++
		}
	}
}

// idQueue is a heap of ids (arcs or ranks) without duplicates: the
// smallest first, or the largest with desc. update takes arcs bottom-up,
// repairPerfect ranks top-down.
type idQueue struct {
	ids    []int32
	queued map[int32]bool
	desc   bool
}

func newIDQueue(desc bool) *idQueue { return &idQueue{queued: make(map[int32]bool), desc: desc} }

func (q *idQueue) add(a int32) {
	if !q.queued[a] {
		q.queued[a] = true
		heap.Push(q, a)
	}
}

// next removes and returns the first id.
func (q *idQueue) next() int32 {
	a := heap.Pop(q).(int32)
	delete(q.queued, a)
	return a
}

func (q *idQueue) Len() int { return len(q.ids) }
func (q *idQueue) Less(i, j int) bool {
	if q.desc {
		return q.ids[i] > q.ids[j]
	}
	return q.ids[i] < q.ids[j]
}
func (q *idQueue) Swap(i, j int) { q.ids[i], q.ids[j] = q.ids[j], q.ids[i] }
func (q *idQueue) Push(x any)    { q.ids = append(q.ids, x.(int32)) }
func (q *idQueue) Pop() any {
	x := q.ids[len(q.ids)-1]
	q.ids = q.ids[:len(q.ids)-1]
	return x
}
