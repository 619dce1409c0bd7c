package dispatch

// flowNet computes minimum vertex cuts between two vertex sets of an
// undirected graph with unit vertex capacities (Dinic's algorithm on the
// split graph: vertex v becomes in(v) = 2v → out(v) = 2v+1 with capacity
// 1, every edge {u, w} becomes out(u) → in(w) and out(w) → in(u) with
// unbounded capacity; flow enters at the sources' in-nodes and leaves at
// the sinks' out-nodes, so terminals may be cut too).
//
// Unit capacities make every augmenting path carry one unit, and Dinic
// finds them a level graph at a time: O(√n·m) at worst, a few dozen
// phases on road graphs.
type flowNet struct {
	g        ugraph
	src, snk []bool
	fint     []bool  // a unit flows through in(v) → out(v)
	flow     []int32 // units on out(u) → in(w), per adjacency arc u → w
	level    []int32 // per split node, -1 unreached
	cur      []int32 // per split node: next option to try in the DFS
	queue    []int32
	stack    []int32
}

func newFlowNet(g ugraph) *flowNet {
	n := g.n()
	return &flowNet{
		g: g, src: make([]bool, n), snk: make([]bool, n), fint: make([]bool, n),
		flow: make([]int32, len(g.adj)), level: make([]int32, 2*n), cur: make([]int32, 2*n),
	}
}

// reset clears flows and terminals for a new cut.
func (f *flowNet) reset() {
	clear(f.src)
	clear(f.snk)
	clear(f.fint)
	clear(f.flow)
}

// option returns the split node reached from split node x by option i (i
// < deg: the i-th adjacency arc; i = deg: the internal arc) and whether
// it has residual capacity.
func (f *flowNet) option(x int32, i int32) (int32, bool) {
	v := x >> 1
	a := f.g.first[v] + i
	deg := f.g.first[v+1] - f.g.first[v]
	if x&1 == 1 { // out(v)
		if i < deg {
			return 2 * f.g.adj[a], true
		}
		return 2 * v, f.fint[v]
	}
	if i < deg { // in(v) back along w → v
		return 2*f.g.adj[a] + 1, f.flow[f.g.twin[a]] > 0
	}
	return 2*v + 1, !f.fint[v]
}

// bfs builds the level graph from the sources; it reports whether a sink
// was reached. After the last phase, level ≥ 0 marks the nodes reachable
// in the residual graph.
func (f *flowNet) bfs() bool {
	for i := range f.level {
		f.level[i] = -1
	}
	q := f.queue[:0]
	for v, s := range f.src {
		if s {
			f.level[2*v] = 0
			q = append(q, int32(2*v))
		}
	}
	found, sinkLevel := false, int32(-1)
	for h := 0; h < len(q); h++ {
		x := q[h]
		if found && f.level[x] >= sinkLevel {
			break
		}
		v := x >> 1
		if x&1 == 1 && f.snk[v] {
			continue
		}
		deg := f.g.first[v+1] - f.g.first[v]
		for i := int32(0); i <= deg; i++ {
			y, ok := f.option(x, i)
			if !ok || f.level[y] >= 0 {
				continue
			}
			f.level[y] = f.level[x] + 1
			q = append(q, y)
			if y&1 == 1 && f.snk[y>>1] {
				found, sinkLevel = true, f.level[y]
			}
		}
	}
	f.queue = q
	return found
}

// augment finds blocking flow in the level graph, one unit per path,
// stopping once the total reaches limit. It returns the units added.
func (f *flowNet) augment(limit int) int {
	for i := range f.cur {
		f.cur[i] = 0
	}
	added := 0
	for v, s := range f.src {
		if !s {
			continue
		}
		root := int32(2 * v)
		for added < limit {
			if !f.path(root) {
				break
			}
			added++
		}
		if added >= limit {
			break
		}
	}
	return added
}

// path searches one augmenting path from root in the level graph and
// pushes a unit along it.
func (f *flowNet) path(root int32) bool {
	st := append(f.stack[:0], root)
	defer func() { f.stack = st[:0] }()
	for len(st) > 0 {
		x := st[len(st)-1]
		if x&1 == 1 && f.snk[x>>1] {
			f.push(st)
			return true
		}
		v := x >> 1
		deg := f.g.first[v+1] - f.g.first[v]
		advanced := false
		for ; f.cur[x] <= deg; f.cur[x]++ {
			y, ok := f.option(x, f.cur[x])
			if ok && f.level[y] == f.level[x]+1 {
				st = append(st, y)
				advanced = true
				break
			}
		}
		if !advanced {
			f.level[x] = -1
			st = st[:len(st)-1]
		}
	}
	return false
}

// push sends one unit along the path st (split nodes, each reached from
// the one before by the option cur points at).
func (f *flowNet) push(st []int32) {
	for k := 0; k+1 < len(st); k++ {
		x := st[k]
		v, i := x>>1, f.cur[x]
		a := f.g.first[v] + i
		deg := f.g.first[v+1] - f.g.first[v]
		switch {
		case x&1 == 1 && i < deg:
			f.flow[a]++
		case x&1 == 1:
			f.fint[v] = false
		case i < deg:
			f.flow[f.g.twin[a]]--
		default:
			f.fint[v] = true
		}
	}
}

// maxflow runs Dinic until no augmenting path is left or the flow reaches
// limit. It returns the flow and whether it stopped at the limit.
func (f *flowNet) maxflow(limit int) (int, bool) {
	total := 0
	for f.bfs() {
		total += f.augment(limit - total)
		if total >= limit {
			return total, true
		}
	}
	return total, false
}
