package dispatch

import (
	"strconv"

	"twin/geo"
)

// keepLargestSCC returns the links whose both ends lie in the largest
// strongly connected component of the grid (ties: the one found first).
func (b *gridBuilder) keepLargestSCC() []*geo.RoadLink {
	n := len(b.pts)
	from, to := make([]int32, len(b.links)), make([]int32, len(b.links))
	for i, l := range b.links {
		from[i], to[i] = nodeNum(l.From), nodeNum(l.To)
	}
	comp := components(n, from, to)
	size := make([]int, n)
	best := int32(0)
	for _, c := range comp {
		size[c]++
		if size[c] > size[best] {
			best = c
		}
	}
	out := b.links[:0]
	for i, l := range b.links {
		if comp[from[i]] == best && comp[to[i]] == best {
			out = append(out, l)
		}
	}
	return out
}

// nodeNum parses a grid node ID "n123".
func nodeNum(id string) int32 {
	v, _ := strconv.Atoi(id[1:])
	return int32(v)
}

// components labels the strongly connected components of the directed
// graph on n vertices with arcs from[i] → to[i] (Kosaraju, iterative).
// O(n + m).
func components(n int, from, to []int32) []int32 {
	fwdFirst, fwd := adjacency(n, from, to)
	revFirst, rev := adjacency(n, to, from)
	order := make([]int32, 0, n)
	seen := make([]bool, n)
	type frame struct{ v, next int32 }
	var stack []frame
	for s := range n {
		if seen[s] {
			continue
		}
		seen[s] = true
		stack = append(stack[:0], frame{int32(s), fwdFirst[s]})
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next < fwdFirst[f.v+1] {
				w := fwd[f.next]
				f.next++
				if !seen[w] {
					seen[w] = true
					stack = append(stack, frame{w, fwdFirst[w]})
				}
				continue
			}
			order = append(order, f.v)
			stack = stack[:len(stack)-1]
		}
	}
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	var c int32
	var todo []int32
	for i := n - 1; i >= 0; i-- {
		s := order[i]
		if comp[s] >= 0 {
			continue
		}
		comp[s] = c
		todo = append(todo[:0], s)
		for len(todo) > 0 {
			v := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			for _, w := range rev[revFirst[v]:revFirst[v+1]] {
				if comp[w] < 0 {
					comp[w] = c
					todo = append(todo, w)
				}
			}
		}
		c++
	}
	return comp
}

// adjacency returns the CSR adjacency of arcs from[i] → to[i].
func adjacency(n int, from, to []int32) (first, adj []int32) {
	first = make([]int32, n+1)
	for _, f := range from {
		first[f+1]++
	}
	for v := range n {
		first[v+1] += first[v]
	}
	adj = make([]int32, len(from))
	pos := make([]int32, n)
	copy(pos, first[:n])
	for i, f := range from {
		adj[pos[f]] = to[i]
		pos[f]++
	}
	return first, adj
}
