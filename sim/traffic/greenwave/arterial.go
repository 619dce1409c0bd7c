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
	// In[i] those from Nodes[i+1] back to Nodes[i] (to the first junction
	// of its traffic light on the way). In is empty for a one-way arterial.
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
// signal leaves the straight movement uncontrolled, or whose signal is
// skip (the joined traffic light the leg starts from), are passed like
// unsignalized ones.
func chainFrom(net *traffic.Network, e, skip int32) ([]int32, int32) {
	edges := []int32{e}
	for len(edges) < maxChain {
		end := net.Edges[e].To
		next, controlled := straightLink(net, e)
		if sig := net.Nodes[end].Signal; sig >= 0 && sig != skip && (controlled || next < 0) {
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

// legTo returns the straight chain of edges from junction a to the first
// junction of signal sig, and that junction, or nil.
func legTo(net *traffic.Network, a, sig int32) ([]int32, int32) {
	for _, e := range net.Nodes[a].Out {
		if edges, end := chainFrom(net, e, net.Nodes[a].Signal); end >= 0 && net.Nodes[end].Signal == sig {
			return edges, end
		}
	}
	return nil, -1
}

// ArterialThrough locates the corridor through the given junction IDs in
// outbound order. Consecutive junctions must be joined by a road that runs
// straight through any unsignalized junction between them (and through
// the other junctions of the previous one's joined traffic light); when
// some pair has no such road back, the arterial is one-way.
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
		out, end := legTo(net, a.Nodes[i], net.Nodes[a.Nodes[i+1]].Signal)
		if out == nil || end != a.Nodes[i+1] {
			return nil, fmt.Errorf("%w: no straight road from %q to %q", ErrArterial, ids[i], ids[i+1])
		}
		in, _ := legTo(net, a.Nodes[i+1], net.Nodes[a.Nodes[i]].Signal)
		a.Out, a.In = append(a.Out, out), append(a.In, in)
	}
	a.oneWay()
	a.ends(net)
	return a, nil
}

// oneWay drops the inbound legs when some leg has no way back: the
// arterial is then coordinated outbound only.
func (a *Arterial) oneWay() {
	if slices.ContainsFunc(a.In, func(l []int32) bool { return l == nil }) {
		a.In = nil
	}
}

// OneWay reports whether the arterial has no inbound legs.
func (a *Arterial) OneWay() bool { return len(a.In) == 0 }

// ends fills Approach and Exit.
func (a *Arterial) ends(net *traffic.Network) {
	a.Approach, a.Exit = -1, -1
	for _, e := range net.Nodes[a.Nodes[0]].In {
		if straightNext(net, e) == a.Out[0][0] {
			a.Approach = e
		}
	}
	if a.OneWay() {
		return
	}
	last := a.In[len(a.In)-1][0]
	for _, e := range net.Nodes[a.Nodes[len(a.Nodes)-1]].In {
		if straightNext(net, e) == last {
			a.Exit = e
		}
	}
}

// FindArterial detects the main arterial of the network: of the chains of
// two or more signalized junctions joined by straight roads (both ways, or
// one way where the first leg has no way back), the one that carries the
// most vehicles over its legs (both directions, from the demand's routes;
// ties go to more junctions). Its outbound direction
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
				score += count[a.Out[i][0]]
				if !a.OneWay() {
					score += count[a.In[i][0]]
				}
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
// straight through each signal (a joined traffic light counts once). The
// first leg decides whether the arterial is two-way (it then stops at the
// first leg with no way back) or one-way. It returns nil when not even one
// leg exists.
func extend(net *traffic.Network, start, e int32) *Arterial {
	if !controlsInto(net, start, e) {
		return nil
	}
	a := &Arterial{Nodes: []int32{start}}
	used := func(sig int32) bool {
		return slices.ContainsFunc(a.Nodes, func(n int32) bool { return net.Nodes[n].Signal == sig })
	}
	twoWay := false
	for e >= 0 {
		cur := a.Nodes[len(a.Nodes)-1]
		out, end := chainFrom(net, e, net.Nodes[cur].Signal)
		if end < 0 || used(net.Nodes[end].Signal) {
			break
		}
		in, _ := legTo(net, end, net.Nodes[cur].Signal)
		if len(a.Out) == 0 {
			twoWay = in != nil
		} else if twoWay && in == nil {
			break
		}
		a.Nodes = append(a.Nodes, end)
		a.Out, a.In = append(a.Out, out), append(a.In, in)
		e = straightNext(net, out[len(out)-1])
	}
	if len(a.Nodes) < 2 {
		return nil
	}
	a.oneWay()
	return a
}

// controlsInto reports whether the signal of junction n controls a link
// into edge e.
func controlsInto(net *traffic.Network, n, e int32) bool {
	sig := net.Nodes[n].Signal
	for _, k := range net.Signals[sig].Links {
		if lk := &net.Links[k]; net.Lanes[lk.To].Edge == e && lk.SignalIndex >= 0 {
			return true
		}
	}
	return false
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
