package urban

import (
	"math"

	"twin/geo"
)

// fillLevels returns, for every cell, the lowest water level (m) at which
// water standing on it could spill to an outlet: the depression-filled
// surface of the priority-flood algorithm (Barnes, Lehman & Mulla 2014,
// "Priority-flood: An optimal depression-filling and watershed-labeling
// algorithm for digital elevation models", Computers & Geosciences 62,
// 117–127). Water may pass between 4-neighbours that are both passable;
// the flood starts from the cells for which outlet is true (at their own
// bed) and climbs over the lowest rims first. Cells not passable, or
// passable but cut off from every outlet, get +Inf. Ties in the queue go
// to the lower cell index, so the result is deterministic. O(n log n) for
// n cells.
func fillLevels(g *geo.Grid, passable, outlet func(c int) bool) []float64 {
	n := g.Cols * g.Rows
	level := make([]float64, n)
	for c := range level {
		level[c] = math.Inf(1)
	}
	pq := &levelQueue{}
	for c := range n {
		if outlet(c) {
			level[c] = float64(g.Data[c])
			pq.items = append(pq.items, levelItem{level[c], int32(c)})
		}
	}
	pq.init()
	for pq.Len() > 0 {
		it := pq.pop()
		c := int(it.cell)
		if it.level > level[c] {
			continue // a lower route reached it first
		}
		col, row := c%g.Cols, c/g.Cols
		for _, d := range [4][2]int{{0, -1}, {-1, 0}, {1, 0}, {0, 1}} {
			cc, rr := col+d[0], row+d[1]
			if cc < 0 || rr < 0 || cc >= g.Cols || rr >= g.Rows {
				continue
			}
			nb := rr*g.Cols + cc
			if !passable(nb) {
				continue
			}
			if l := math.Max(float64(g.Data[nb]), it.level); l < level[nb] {
				level[nb] = l
				pq.push(levelItem{l, int32(nb)})
			}
		}
	}
	return level
}

// levelItem is a cell waiting in the priority-flood queue.
type levelItem struct {
	level float64
	cell  int32
}

// levelQueue is a binary min-heap of cells by level, then index.
type levelQueue struct{ items []levelItem }

func (q *levelQueue) Len() int { return len(q.items) }

func (q *levelQueue) less(i, j int) bool {
	a, b := q.items[i], q.items[j]
	return a.level < b.level || (a.level == b.level && a.cell < b.cell)
}

// init orders the items into a heap. O(n).
func (q *levelQueue) init() {
	for i := len(q.items)/2 - 1; i >= 0; i-- {
		q.down(i)
	}
}

// push adds it. O(log n).
func (q *levelQueue) push(it levelItem) {
	q.items = append(q.items, it)
	for i := len(q.items) - 1; i > 0; {
		p := (i - 1) / 2
		if !q.less(i, p) {
			break
		}
		q.items[i], q.items[p] = q.items[p], q.items[i]
		i = p
	}
}

// pop removes and returns the least item. O(log n).
func (q *levelQueue) pop() levelItem {
	it := q.items[0]
	last := len(q.items) - 1
	q.items[0] = q.items[last]
	q.items = q.items[:last]
	q.down(0)
	return it
}

// down moves item i down to its place.
func (q *levelQueue) down(i int) {
	n := len(q.items)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && q.less(r, l) {
			m = r
		}
		if !q.less(m, i) {
			return
		}
		q.items[i], q.items[m] = q.items[m], q.items[i]
		i = m
	}
}
