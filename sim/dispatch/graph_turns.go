package dispatch

import (
	"slices"
	"strings"

	"twin/geo"
)

// routing is the graph the engines search: the road nodes as vertices,
// with junctions that carry turn restrictions expanded (see the package
// doc), and one arc per edge plus zero-cost turn arcs inside expanded
// junctions.
type routing struct {
	nv         int32   // vertices; road node i is vertex i (its hub)
	first      []int32 // forward CSR: arcs by tail
	arcs       []rarc
	rfirst     []int32 // backward CSR: arcs by head, rarc.to is the tail
	rarcs      []rarc
	tail, head []int32 // per edge: the vertices of its arc
	inFirst    []int32 // per road node: extra vertices where a trip may end there
	inList     []int32
}

// rarc is an arc of the routing graph: its other end and its edge, or -1
// for a turn arc inside an expanded junction (cost 0).
type rarc struct{ to, edge int32 }

// turnSet is the outcome of the restrictions at one via node.
type turnSet struct {
	node    int32
	allowed map[int32][]int32 // restricted in-edge → allowed out-edges
}

// buildRouting builds g.rt from the edges and the restrictions.
func (g *Graph) buildRouting(rs []*geo.TurnRestriction) {
	nn := int32(len(g.nodeID))
	rt := &g.rt
	rt.nv = nn
	ne := len(g.e.id)
	rt.tail, rt.head = make([]int32, ne), make([]int32, ne)
	for i := range ne {
		rt.tail[i], rt.head[i] = g.e.from[i], g.e.to[i]
	}
	var turns [][2]int32 // turn arcs: tail, head
	ins := make([][]int32, nn)
	for _, ts := range g.turnSets(rs) {
		g.stats.SplitNodes++
		turns = g.expand(ts, turns, ins)
	}
	rt.inFirst, rt.inList = csr(ins)
	tails := make([]int32, 0, ne+len(turns))
	all := make([]rarc, 0, ne+len(turns))
	for i := range ne {
		tails = append(tails, rt.tail[i])
		all = append(all, rarc{rt.head[i], int32(i)})
	}
	for _, t := range turns {
		tails = append(tails, t[0])
		all = append(all, rarc{t[1], -1})
	}
	rt.first, rt.arcs = groupArcs(rt.nv, tails, all, false)
	rt.rfirst, rt.rarcs = groupArcs(rt.nv, tails, all, true)
	g.stats.Vertices, g.stats.Arcs = int(rt.nv), len(all)
}

// expand splits the junction of ts: every out-edge leaves from its own new
// vertex, reached from the hub (the road node) by a turn arc; every
// restricted in-edge ends at its own new vertex, with turn arcs to the
// out-edges it may take. Unrestricted in-edges still end at the hub.
func (g *Graph) expand(ts turnSet, turns [][2]int32, ins [][]int32) [][2]int32 {
	rt := &g.rt
	outV := make(map[int32]int32)
	for e := range g.e.id {
		if g.e.from[e] == ts.node {
			v := rt.nv
			rt.nv++
			rt.tail[e] = v
			outV[int32(e)] = v
			turns = append(turns, [2]int32{ts.node, v})
		}
	}
	in := make([]int32, 0, len(ts.allowed))
	for a := range ts.allowed {
		in = append(in, a)
	}
	slices.Sort(in)
	for _, a := range in {
		v := rt.nv
		rt.nv++
		rt.head[a] = v
		ins[ts.node] = append(ins[ts.node], v)
		for _, b := range ts.allowed[a] {
			turns = append(turns, [2]int32{v, outV[b]})
		}
	}
	return turns
}

// turnSets applies the restrictions to the edges: for every via node with
// at least one forbidden turn, the allowed out-edges of each restricted
// in-edge. Counts go to g.stats.
func (g *Graph) turnSets(rs []*geo.TurnRestriction) []turnSet {
	byNode := make(map[int32][]*geo.TurnRestriction)
	var order []int32
	for _, r := range rs {
		if r == nil {
			g.skip(r)
			continue
		}
		v, ok := g.nodeIdx[r.ViaNode]
		kind := restrictionKind(r)
		if r.ViaNode == "" || !ok || kind == 0 {
			g.skip(r)
			continue
		}
		if byNode[v] == nil {
			order = append(order, v)
		}
		byNode[v] = append(byNode[v], r)
	}
	if len(order) == 0 {
		return nil
	}
	inAt, outAt := g.incidence()
	var sets []turnSet
	for _, v := range order {
		allowed := g.junctionTurns(byNode[v], inAt[v], outAt[v])
		if len(allowed) > 0 {
			sets = append(sets, turnSet{node: v, allowed: allowed})
		}
	}
	return sets
}

// incidence lists the in- and out-edges of every road node that is the via
// node of some restriction would need; it lists them for all nodes, O(m).
func (g *Graph) incidence() (in, out [][]int32) {
	in, out = make([][]int32, len(g.nodeID)), make([][]int32, len(g.nodeID))
	for e := range g.e.id {
		in[g.e.to[e]] = append(in[g.e.to[e]], int32(e))
		out[g.e.from[e]] = append(out[g.e.from[e]], int32(e))
	}
	return in, out
}

// junctionTurns returns, for the in-edges that some restriction at this
// junction constrains, the out-edges they may still take.
func (g *Graph) junctionTurns(rs []*geo.TurnRestriction, ins, outs []int32) map[int32][]int32 {
	allowed := make(map[int32][]int32)
	for _, a := range ins {
		var only, banned map[int32]bool
		for _, r := range rs {
			if g.e.way[a] != r.FromWay {
				continue
			}
			to := g.toEdges(r, a, outs)
			if len(to) == 0 {
				continue
			}
			set := &banned
			if restrictionKind(r) == onlyKind {
				set = &only
			}
			if *set == nil {
				*set = make(map[int32]bool)
			}
			for _, b := range to {
				(*set)[b] = true
			}
		}
		var ok []int32
		for _, b := range outs {
			if (only == nil || only[b]) && !banned[b] {
				ok = append(ok, b)
			}
		}
		if len(ok) < len(outs) {
			allowed[a] = ok
		}
	}
	g.countApplied(rs, ins, outs)
	return allowed
}

// toEdges returns the out-edges of the junction that r's to way names for
// in-edge a. When the from and to ways are the same, a no_* names the
// U-turn back along a, an only_* every other out-edge of the way.
func (g *Graph) toEdges(r *geo.TurnRestriction, a int32, outs []int32) []int32 {
	var to []int32
	for _, b := range outs {
		if g.e.way[b] != r.ToWay {
			continue
		}
		if r.FromWay == r.ToWay {
			uturn := g.e.to[b] == g.e.from[a]
			if uturn != (restrictionKind(r) == noKind) {
				continue
			}
		}
		to = append(to, b)
	}
	return to
}

// countApplied counts the restrictions of one junction as applied when
// both their ways have edges there, else as skipped.
func (g *Graph) countApplied(rs []*geo.TurnRestriction, ins, outs []int32) {
	has := func(es []int32, way int64) bool {
		return slices.ContainsFunc(es, func(e int32) bool { return g.e.way[e] == way })
	}
	for _, r := range rs {
		if has(ins, r.FromWay) && has(outs, r.ToWay) {
			g.stats.Restrictions++
		} else {
			g.skip(r)
		}
	}
}

func (g *Graph) skip(r *geo.TurnRestriction) {
	g.stats.Skipped++
	if r != nil {
		g.stats.SkippedIDs = append(g.stats.SkippedIDs, r.ID)
	}
}

const (
	noKind   = 1
	onlyKind = 2
)

// restrictionKind classifies r: noKind, onlyKind, or 0 when unusable.
func restrictionKind(r *geo.TurnRestriction) int {
	switch {
	case r == nil:
		return 0
	case strings.HasPrefix(r.Kind, "no_"):
		return noKind
	case strings.HasPrefix(r.Kind, "only_"):
		return onlyKind
	}
	return 0
}

// csr packs lists into offsets and a flat slice.
func csr(lists [][]int32) (first, flat []int32) {
	first = make([]int32, len(lists)+1)
	for i, l := range lists {
		first[i+1] = first[i] + int32(len(l))
		flat = append(flat, l...)
	}
	return first, flat
}

// groupArcs sorts arcs into CSR form by tail (reverse=false) or by head
// (reverse=true, the arcs then point back to their tails). Stable: arcs
// keep input order within a vertex.
func groupArcs(nv int32, tails []int32, arcs []rarc, reverse bool) ([]int32, []rarc) {
	key := func(i int) int32 {
		if reverse {
			return arcs[i].to
		}
		return tails[i]
	}
	first := make([]int32, nv+1)
	for i := range arcs {
		first[key(i)+1]++
	}
	for v := range nv {
		first[v+1] += first[v]
	}
	out := make([]rarc, len(arcs))
	pos := slices.Clone(first[:nv])
	for i, a := range arcs {
		k := key(i)
		if reverse {
			a = rarc{tails[i], a.edge}
		}
		out[pos[k]] = a
		pos[k]++
	}
	return first, out
}
