package sewergen

import (
	"container/heap"
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// chooseOutfalls marks outfalls: low local minima, low coastal manholes
// (spaced apart), and the lowest manhole of every component that has none.
func (g *graph) chooseOutfalls(c Config, height func(orb.Point) (float64, bool)) []bool {
	out := make([]bool, len(g.nodes))
	has := map[int]bool{}
	g.coastalOutfalls(c, height, out, has)
	for i, n := range g.nodes {
		if n.ground > c.OutfallMaxGround {
			continue
		}
		lowest := true
		for _, ei := range n.edges {
			if v := g.nodes[g.other(g.edges[ei], i)]; v.ground < n.ground || (v.ground == n.ground && v.id < n.id) {
				lowest = false
				break
			}
		}
		if lowest {
			out[i], has[n.comp] = true, true
		}
	}
	low := map[int]int{}
	for i, n := range g.nodes {
		if j, ok := low[n.comp]; !ok || n.ground < g.nodes[j].ground || (n.ground == g.nodes[j].ground && n.id < g.nodes[j].id) {
			low[n.comp] = i
		}
	}
	for c, i := range low {
		if !has[c] {
			out[i] = true
		}
	}
	return out
}

// coastalOutfalls marks low manholes near the sea, lowest first, at least
// OutfallSpacing apart.
func (g *graph) coastalOutfalls(c Config, height func(orb.Point) (float64, bool), out []bool, has map[int]bool) {
	var cand []int
	for i, n := range g.nodes {
		if n.ground <= c.OutfallMaxGround && nearSea(n.pt, c.CatchRadius, height) {
			cand = append(cand, i)
		}
	}
	sort.Slice(cand, func(a, b int) bool {
		na, nb := g.nodes[cand[a]], g.nodes[cand[b]]
		if na.ground != nb.ground {
			return na.ground < nb.ground
		}
		return na.id < nb.id
	})
	var chosen []orb.Point
	for _, i := range cand {
		p := g.nodes[i].pt
		ok := true
		for _, q := range chosen {
			if math.Hypot(p[0]-q[0], p[1]-q[1]) < c.OutfallSpacing {
				ok = false
				break
			}
		}
		if ok {
			chosen = append(chosen, p)
			out[i], has[g.nodes[i].comp] = true, true
		}
	}
}

// nearSea reports whether terrain at or below 0 m lies within r of p
// (sampled on a ring of 16 points at r and r/2).
func nearSea(p orb.Point, r float64, height func(orb.Point) (float64, bool)) bool {
	for _, f := range []float64{0.5, 1} {
		for k := 0; k < 16; k++ {
			a := float64(k) * math.Pi / 8
			if h, ok := height(orb.Point{p[0] + f*r*math.Cos(a), p[1] + f*r*math.Sin(a)}); ok && h <= 0 {
				return true
			}
		}
	}
	return false
}

// drainTree runs a multi-source Dijkstra from the outfalls up the street
// graph. down[u] is the edge through which u drains (−1 for outfalls), and
// order lists nodes from the farthest upstream to the outfalls. Flow runs
// from u to v; an edge costs its length, raised where v is higher than u.
func (g *graph) drainTree(outfall []bool, penalty float64) (down []int, order []int) {
	n := len(g.nodes)
	dist := make([]float64, n)
	down = make([]int, n)
	for i := range dist {
		dist[i], down[i] = math.Inf(1), -1
	}
	pq := &queue{}
	for i := range g.nodes {
		if outfall[i] {
			dist[i] = 0
			heap.Push(pq, item{i, 0, g.nodes[i].id})
		}
	}
	done := make([]bool, n)
	for pq.Len() > 0 {
		it := heap.Pop(pq).(item)
		v := it.node
		if done[v] {
			continue
		}
		done[v] = true
		order = append(order, v)
		for _, ei := range g.nodes[v].edges {
			e := g.edges[ei]
			u := g.other(e, v)
			if done[u] || outfall[u] {
				continue
			}
			adverse := math.Max(0, g.nodes[v].ground-g.nodes[u].ground) / math.Max(e.length, 1)
			d := dist[v] + e.length*(1+penalty*adverse)
			if d < dist[u] || (d == dist[u] && ei < down[u]) {
				dist[u], down[u] = d, ei
				heap.Push(pq, item{u, d, g.nodes[u].id})
			}
		}
	}
	// reverse: upstream first
	for i, j := 0, len(order)-1; i < j; i, j = i+1, j-1 {
		order[i], order[j] = order[j], order[i]
	}
	return down, order
}

type item struct {
	node int
	dist float64
	id   string
}

// queue is a min-heap by distance, ties by node ID, for determinism.
type queue []item

func (q queue) Len() int { return len(q) }
func (q queue) Less(i, j int) bool {
	if q[i].dist != q[j].dist {
		return q[i].dist < q[j].dist
	}
	return q[i].id < q[j].id
}
func (q queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *queue) Push(x any)   { *q = append(*q, x.(item)) }
func (q *queue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}
