package sewergen

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"twin/geo"
)

// manhole is a node of the candidate network.
type manhole struct {
	id     string
	pt     orb.Point
	ground float64
	edges  []int // indices into graph.edges
	comp   int
}

// edge is an undirected street segment between two manholes, drawn a → b.
type edge struct {
	a, b   int
	line   orb.LineString
	length float64
}

type graph struct {
	nodes []*manhole
	edges []edge
	index map[string]int
}

func (g *graph) node(id string, pt orb.Point) int {
	if i, ok := g.index[id]; ok {
		return i
	}
	g.nodes = append(g.nodes, &manhole{id: id, pt: pt})
	g.index[id] = len(g.nodes) - 1
	return len(g.nodes) - 1
}

func (g *graph) addEdge(a, b int, line orb.LineString) {
	if a == b {
		return
	}
	e := edge{a: a, b: b, line: line, length: planar.Length(line)}
	g.edges = append(g.edges, e)
	g.nodes[a].edges = append(g.nodes[a].edges, len(g.edges)-1)
	g.nodes[b].edges = append(g.nodes[b].edges, len(g.edges)-1)
}

func (g *graph) other(e edge, n int) int {
	if e.a == n {
		return e.b
	}
	return e.a
}

// buildGraph makes the candidate network: one undirected edge per street
// segment (the two directions of a two-way street are one street), split so
// that no edge is longer than spacing. Links in tunnels or on bridges carry
// no sewer and are left out.
func buildGraph(links []*geo.RoadLink, spacing float64) *graph {
	g := &graph{index: map[string]int{}}
	seen := map[string]bool{}
	sorted := append([]*geo.RoadLink(nil), links...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	for _, l := range sorted {
		if len(l.Line) < 2 || onStructure(l) {
			continue
		}
		key := l.From + "|" + l.To
		if l.From > l.To {
			key = l.To + "|" + l.From
		}
		key += fmt.Sprintf("|%d", l.WayID)
		if seen[key] {
			continue
		}
		seen[key] = true
		a := g.node("J"+l.From, l.Line[0])
		b := g.node("J"+l.To, l.Line[len(l.Line)-1])
		pieces := splitLine(l.Line, spacing)
		prev := a
		for i, piece := range pieces {
			next := b
			if i < len(pieces)-1 {
				next = g.node(fmt.Sprintf("J%s_%d", trimID(l.ID), i+1), piece[len(piece)-1])
			}
			g.addEdge(prev, next, piece)
			prev = next
		}
	}
	return g
}

// trimID drops the leading letter of an OSM-style ID ("w12.0" → "12.0").
func trimID(id string) string {
	if len(id) > 1 && (id[0] < '0' || id[0] > '9') {
		return id[1:]
	}
	return id
}

func onStructure(l *geo.RoadLink) bool {
	for _, k := range []string{"tunnel", "bridge", "covered"} {
		if v, ok := l.Attrs[k].(string); ok && v != "" && v != "no" {
			return true
		}
	}
	return false
}

// splitLine cuts ls into n pieces of equal length, n = ceil(length/spacing).
func splitLine(ls orb.LineString, spacing float64) []orb.LineString {
	total := planar.Length(ls)
	n := int(math.Ceil(total / spacing))
	if n <= 1 {
		return []orb.LineString{ls}
	}
	step := total / float64(n)
	var out []orb.LineString
	cur := orb.LineString{ls[0]}
	target, walked := step, 0.0
	for i := 0; i+1 < len(ls); i++ {
		a, b := ls[i], ls[i+1]
		seg := planar.Distance(a, b)
		for len(out) < n-1 && walked+seg >= target && seg > 0 {
			t := (target - walked) / seg
			p := orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
			cur = append(cur, p)
			out = append(out, cur)
			cur = orb.LineString{p}
			target += step
		}
		cur = append(cur, b)
		walked += seg
	}
	return append(out, cur)
}

// components labels connected components and returns their sizes.
func (g *graph) components() []int {
	for _, n := range g.nodes {
		n.comp = -1
	}
	var sizes []int
	for i, n := range g.nodes {
		if n.comp >= 0 {
			continue
		}
		c := len(sizes)
		sizes = append(sizes, 0)
		stack := []int{i}
		n.comp = c
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			sizes[c]++
			for _, ei := range g.nodes[u].edges {
				v := g.other(g.edges[ei], u)
				if g.nodes[v].comp < 0 {
					g.nodes[v].comp = c
					stack = append(stack, v)
				}
			}
		}
	}
	return sizes
}
