package dispatch

import (
	"cmp"
	"slices"
	"sync"

	"github.com/paulmach/orb"
)

// ugraph is an undirected simple graph in CSR form: adj[first[v]:first[v+1]]
// are v's neighbours in ascending order, each edge stored both ways, and
// twin[a] is the index of arc a's opposite.
type ugraph struct {
	first, adj, twin []int32
}

func (g ugraph) n() int { return len(g.first) - 1 }

// newUGraph builds a ugraph on n vertices from neighbour lists (which may
// hold duplicates and self-loops; both are dropped, and each edge is made
// symmetric).
func newUGraph(n int, lists [][]int32) ugraph {
	sym := make([][]int32, n)
	for v, l := range lists {
		for _, w := range l {
			if int(w) != v {
				sym[v] = append(sym[v], w)
				sym[w] = append(sym[w], int32(v))
			}
		}
	}
	for v := range sym {
		slices.Sort(sym[v])
		sym[v] = slices.Compact(sym[v])
	}
	first, adj := csr(sym)
	return ugraph{first: first, adj: adj, twin: twins(first, adj)}
}

// twins pairs every arc with its opposite by binary search in the sorted
// neighbour lists.
func twins(first, adj []int32) []int32 {
	tw := make([]int32, len(adj))
	for v := range len(first) - 1 {
		for a := first[v]; a < first[v+1]; a++ {
			w := adj[a]
			list := adj[first[w]:first[w+1]]
			i, _ := slices.BinarySearch(list, int32(v))
			tw[a] = first[w] + int32(i)
		}
	}
	return tw
}

// subgraph returns the subgraph induced by keep (ascending local vertex
// indices of g), renumbered 0 … len(keep)-1 in that order.
func (g ugraph) subgraph(keep []int32, scratch []int32) ugraph {
	loc := scratch // loc[v] = new index + 1, or 0
	for i, v := range keep {
		loc[v] = int32(i) + 1
	}
	first := make([]int32, len(keep)+1)
	var adj []int32
	for i, v := range keep {
		for _, w := range g.adj[g.first[v]:g.first[v+1]] {
			if loc[w] > 0 {
				adj = append(adj, loc[w]-1)
			}
		}
		first[i+1] = int32(len(adj))
	}
	for _, v := range keep {
		loc[v] = 0
	}
	return ugraph{first: first, adj: adj, twin: twins(first, adj)}
}

// ndCutoff is the size below which a cell is ordered without cutting.
const ndCutoff = 4

// dissection computes a nested-dissection order by recursive inertial
// flow (Schild and Sommer, "On Balanced Separators in Road Networks", SEA
// 2015): a cell's vertices are sorted along four directions, the first
// and last quarter of each sorting become source and sink, a minimum
// vertex cut between them is a separator candidate, and the smallest of
// the four wins. The separator is ordered last, after the two sides, which
// are ordered the same way, in parallel where workers allow.
type dissection struct {
	sem chan struct{} // tokens for extra goroutines
}

// ndOrder returns the vertices of g (with positions pts) in contraction
// order: lowest rank first, top separator last. Deterministic whatever
// the number of workers.
func ndOrder(g ugraph, pts []orb.Point, workers int) []int32 {
	d := &dissection{sem: make(chan struct{}, max(workers-1, 0))}
	ids := make([]int32, g.n())
	for i := range ids {
		ids[i] = int32(i)
	}
	return d.order(g, ids, pts)
}

// order orders the cell g whose local vertex i is global vertex ids[i].
func (d *dissection) order(g ugraph, ids []int32, pts []orb.Point) []int32 {
	n := g.n()
	if n <= ndCutoff {
		return slices.Clone(ids)
	}
	scratch := make([]int32, n)
	if comps := cellComponents(g); len(comps) > 1 {
		var out []int32
		for _, c := range comps {
			out = append(out, d.order(g.subgraph(c, scratch), pick(ids, c), pts)...)
		}
		return out
	}
	a, sep, b := inertialCut(g, ids, pts)
	ga, gb := g.subgraph(a, scratch), g.subgraph(b, scratch)
	ia, ib := pick(ids, a), pick(ids, b)
	var oa, ob []int32
	if len(a) > 20000 && len(b) > 20000 && d.acquire() {
		var wg sync.WaitGroup
		wg.Go(func() {
			defer d.release()
			oa = d.order(ga, ia, pts)
		})
		ob = d.order(gb, ib, pts)
		wg.Wait()
	} else {
		oa = d.order(ga, ia, pts)
		ob = d.order(gb, ib, pts)
	}
	out := append(oa, ob...)
	return append(out, pick(ids, sep)...)
}

func (d *dissection) acquire() bool {
	select {
	case d.sem <- struct{}{}:
		return true
	default:
		return false
	}
}

func (d *dissection) release() { <-d.sem }

// pick returns ids[i] for each i in idx.
func pick(ids, idx []int32) []int32 {
	out := make([]int32, len(idx))
	for k, i := range idx {
		out[k] = ids[i]
	}
	return out
}

// cellComponents returns the connected components of g, each ascending,
// in order of their smallest vertex.
func cellComponents(g ugraph) [][]int32 {
	n := g.n()
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	var comps [][]int32
	var q []int32
	for s := range n {
		if comp[s] >= 0 {
			continue
		}
		c := int32(len(comps))
		comp[s] = c
		q = append(q[:0], int32(s))
		for h := 0; h < len(q); h++ {
			v := q[h]
			for _, w := range g.adj[g.first[v]:g.first[v+1]] {
				if comp[w] < 0 {
					comp[w] = c
					q = append(q, w)
				}
			}
		}
		list := slices.Clone(q)
		slices.Sort(list)
		comps = append(comps, list)
	}
	return comps
}

// inertialDirs are the directions cells are sorted along.
var inertialDirs = [4][2]float64{{1, 0}, {0, 1}, {1, 1}, {1, -1}}

// inertialCut splits a connected cell into sides a and b and a separator
// sep (ascending local indices; no edge joins a and b), choosing the
// smallest minimum vertex cut of the four directions.
func inertialCut(g ugraph, ids []int32, pts []orb.Point) (a, sep, b []int32) {
	n := g.n()
	f := newFlowNet(g)
	k := max(n/4, 1)
	order := make([]int32, n)
	best := n + 1
	var bestReach []bool
	for _, dir := range inertialDirs {
		for i := range order {
			order[i] = int32(i)
		}
		key := func(i int32) float64 {
			p := pts[ids[i]]
			return p[0]*dir[0] + p[1]*dir[1]
		}
		slices.SortStableFunc(order, func(x, y int32) int { return cmp.Compare(key(x), key(y)) })
		f.reset()
		for _, v := range order[:k] {
			f.src[v] = true
		}
		for _, v := range order[n-k:] {
			f.snk[v] = true
		}
		cut, stopped := f.maxflow(best)
		if stopped || cut >= best {
			continue
		}
		best = cut
		bestReach = f.reached(bestReach)
	}
	for v := range n {
		in, out := bestReach[2*v], bestReach[2*v+1]
		switch {
		case out:
			a = append(a, int32(v))
		case in:
			sep = append(sep, int32(v))
		default:
			b = append(b, int32(v))
		}
	}
	return a, sep, b
}

// reached copies the residual reachability of the last BFS into dst.
func (f *flowNet) reached(dst []bool) []bool {
	if dst == nil {
		dst = make([]bool, len(f.level))
	}
	for i, l := range f.level {
		dst[i] = l >= 0
	}
	return dst
}
