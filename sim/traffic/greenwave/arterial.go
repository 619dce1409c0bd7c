package greenwave

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"twin/sim/traffic"
)

// ErrArterial reports a corridor that cannot be located in a network: an
// unknown or unsignalized junction, no straight road between two listed
// junctions in either direction, or no arterial of two signals or more.
var ErrArterial = errors.New("greenwave: no such arterial")

// maxChain bounds how many edges a leg between two signals may have (the
// unsignalized junctions it passes straight through, plus one).
const maxChain = 64

// Arterial is a corridor located in a traffic.Network: its signalized
// junctions in outbound order and the edges that join them both ways.
// Indices refer into the network's slices.
type Arterial struct {
	// Nodes are the junctions (Network.Nodes) in outbound order.
	Nodes []int32
	// Out[i] lists the edges from Nodes[i] to Nodes[i+1] in driving order;
	// In[i] those from Nodes[i+1] back to Nodes[i].
	Out, In [][]int32
	// Approach is the edge that enters Nodes[0] and continues straight
	// into Out[0] (outbound), Exit the one that enters Nodes[n−1] and
	// continues into In[n−2] (inbound); −1 when there is none.
	Approach, Exit int32
}

// IDs returns the arterial's junction IDs in outbound order.
func (a *Arterial) IDs(net *traffic.Network) []string {
	ids := make([]string, len(a.Nodes))
	for i, n := range a.Nodes {
		ids[i] = net.Nodes[n].ID
	}
	return ids
}

// straightNext returns the edge that edge e continues into straight ahead
// (a link of direction 's' from one of its lanes), or −1. Ties go to the
// lowest edge index. O(links of e).
func straightNext(net *traffic.Network, e int32) int32 {
	next, _ := straightLink(net, e)
	return next
}

// straightLink returns straightNext and whether a signal controls a
// straight link from e into it.
func straightLink(net *traffic.Network, e int32) (next int32, controlled bool) {
	next = -1
	for _, l := range net.Edges[e].Lanes {
		for _, k := range net.Lanes[l].Out {
			lk := &net.Links[k]
			if lk.Dir != 's' {
				continue
			}
			to := net.Lanes[lk.To].Edge
			if to < 0 {
				continue
			}
			if next < 0 || to < next {
				next, controlled = to, false
			}
			if to == next && lk.Signal >= 0 {
				controlled = true
			}
		}
	}
	return next, controlled
}

// chainFrom follows edge e and its straight continuations until it
// reaches a junction whose signal controls the straight movement on (or,
// at the end of the road, any signalized junction), returning the edges and
// that junction (−1 when the road ends first or loops). Junctions whose
// signal leaves the straight movement uncontrolled are passed like
// unsignalized ones.
func chainFrom(net *traffic.Network, e int32) ([]int32, int32) {
	edges := []int32{e}
	for len(edges) < maxChain {
		end := net.Edges[e].To
		next, controlled := straightLink(net, e)
		if net.Nodes[end].Signal >= 0 && (controlled || next < 0) {
			return edges, end
		}
		e = next
		if e < 0 || slices.Contains(edges, e) {
			return nil, -1
		}
		edges = append(edges, e)
	}
	return nil, -1
}

// legBetween returns the straight chain of edges from junction a to
// junction b, or nil.
func legBetween(net *traffic.Network, a, b int32) []int32 {
	for _, e := range net.Nodes[a].Out {
		if edges, end := chainFrom(net, e); end == b {
			return edges
		}
	}
	return nil
}

// ArterialThrough locates the corridor through the given junction IDs in
// outbound order. Consecutive junctions must be joined both ways by a road
// that runs straight through any unsignalized junction between them.
// Errors wrap ErrArterial. O(junctions · edges per leg · links per edge).
func ArterialThrough(net *traffic.Network, ids []string) (*Arterial, error) {
	if len(ids) < 2 {
		return nil, fmt.Errorf("%w: need at least two junctions, got %d", ErrArterial, len(ids))
	}
	a := &Arterial{}
	for _, id := range ids {
		n, ok := net.Node(id)
		if !ok {
			return nil, fmt.Errorf("%w: unknown junction %q", ErrArterial, id)
		}
		if net.Nodes[n].Signal < 0 {
			return nil, fmt.Errorf("%w: junction %q has no traffic light", ErrArterial, id)
		}
		if slices.ContainsFunc(a.Nodes, func(m int32) bool { return net.Nodes[m].Signal == net.Nodes[n].Signal }) {
			return nil, fmt.Errorf("%w: junction %q listed twice or shares its signal with another listed junction", ErrArterial, id)
		}
		a.Nodes = append(a.Nodes, n)
	}
	for i := 0; i+1 < len(a.Nodes); i++ {
		out := legBetween(net, a.Nodes[i], a.Nodes[i+1])
		in := legBetween(net, a.Nodes[i+1], a.Nodes[i])
		if out == nil || in == nil {
			return nil, fmt.Errorf("%w: no straight two-way road from %q to %q", ErrArterial, ids[i], ids[i+1])
		}
		a.Out, a.In = append(a.Out, out), append(a.In, in)
	}
	a.ends(net)
	return a, nil
}

// ends fills Approach and Exit.
func (a *Arterial) ends(net *traffic.Network) {
	a.Approach, a.Exit = -1, -1
	for _, e := range net.Nodes[a.Nodes[0]].In {
		if straightNext(net, e) == a.Out[0][0] {
			a.Approach = e
		}
	}
	last := a.In[len(a.In)-1][0]
	for _, e := range net.Nodes[a.Nodes[len(a.Nodes)-1]].In {
		if straightNext(net, e) == last {
			a.Exit = e
		}
	}
}

// FindArterial detects the main arterial of the network: of the chains of
// two or more signalized junctions joined both ways by straight roads, the
// one that carries the most vehicles over its legs (both directions, from
// the demand's routes; ties go to more junctions). Its outbound direction
// runs west to east (south to north when the ends share an x). Errors wrap
// ErrArterial. O(signals · chain length · links per junction).
func FindArterial(net *traffic.Network, d *Demand) (*Arterial, error) {
	count := d.edgeCounts(len(net.Edges))
	var best *Arterial
	bestScore := -1.0
	for _, start := range signalNodes(net) {
		for _, e := range net.Nodes[start].Out {
			a := extend(net, start, e)
			if a == nil {
				continue
			}
			score := 0.0
			for i := range a.Out {
				score += count[a.Out[i][0]] + count[a.In[i][0]]
			}
			if best == nil || score > bestScore+1e-9 ||
				score > bestScore-1e-9 && betterTie(net, a, best) {
				best, bestScore = a, score
			}
		}
	}
	if best == nil {
		return nil, fmt.Errorf("%w: no two signals joined both ways by a straight road", ErrArterial)
	}
	best.ends(net)
	return best, nil
}

// betterTie breaks a tie in demand: more junctions, then west to east,
// then south to north, then by junction ID.
func betterTie(net *traffic.Network, a, b *Arterial) bool {
	if len(a.Nodes) != len(b.Nodes) {
		return len(a.Nodes) > len(b.Nodes)
	}
	fa, fb := &net.Nodes[a.Nodes[0]], &net.Nodes[b.Nodes[0]]
	if c := cmp.Or(cmp.Compare(fa.X, fb.X), cmp.Compare(fa.Y, fb.Y), cmp.Compare(fa.ID, fb.ID)); c != 0 {
		return c < 0
	}
	return false
}

func signalNodes(net *traffic.Network) []int32 {
	var s []int32
	for i := range net.Nodes {
		if net.Nodes[i].Signal >= 0 {
			s = append(s, int32(i))
		}
	}
	return s
}

// extend grows an arterial from junction start along edge e, leg by leg
// straight through each signal, while the way back exists. It returns nil
// when not even one two-way leg exists.
func extend(net *traffic.Network, start, e int32) *Arterial {
	a := &Arterial{Nodes: []int32{start}}
	for e >= 0 {
		out, end := chainFrom(net, e)
		if end < 0 || slices.ContainsFunc(a.Nodes, func(n int32) bool { return net.Nodes[n].Signal == net.Nodes[end].Signal }) {
			break
		}
		in := legBetween(net, end, a.Nodes[len(a.Nodes)-1])
		if in == nil {
			break
		}
		a.Nodes = append(a.Nodes, end)
		a.Out, a.In = append(a.Out, out), append(a.In, in)
		e = straightNext(net, out[len(out)-1])
	}
	if len(a.Nodes) < 2 {
		return nil
	}
	return a
}

// Uses reports whether a route (edge indices in driving order) travels at
// least one whole leg of the arterial outbound, and inbound. O(route
// length + arterial edges).
func (a *Arterial) Uses(route []int32) (out, in bool) {
	return a.usesAny(route, a.Out), a.usesAny(route, a.In)
}

func (a *Arterial) usesAny(route []int32, legs [][]int32) bool {
	for _, leg := range legs {
		for k := range route {
			if k+len(leg) <= len(route) && slices.Equal(route[k:k+len(leg)], leg) {
				return true
			}
		}
	}
	return false
}
