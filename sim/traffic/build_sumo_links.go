package traffic

import (
	"fmt"
	"sort"

	"twin/geo/sumo"
)

// link adds the Link of one connection between normal edges.
func (b *sumoBuilder) link(c *sumo.Connection, next map[string]string, perNode map[int32]int32) error {
	fe, ok1 := b.n.edgeIndex[c.From]
	te, ok2 := b.n.edgeIndex[c.To]
	if !ok1 || !ok2 {
		return nil // internal, pedestrian or connector connection
	}
	from, okf := b.n.laneIndex[laneID(c.From, c.FromLane)]
	to, okt := b.n.laneIndex[laneID(c.To, c.ToLane)]
	if !okf || !okt {
		return errorf(ErrNetwork, "connection %s→%s (line %d): lane %d or %d missing", c.From, c.To, c.Line, c.FromLane, c.ToLane)
	}
	node := b.n.Edges[fe].To
	if b.n.Edges[te].From != node {
		return errorf(ErrNetwork, "connection %s→%s (line %d): edges do not meet", c.From, c.To, c.Line)
	}
	lk := Link{From: from, To: to, Via: -1, Node: node, Index: -1, Signal: -1, SignalIndex: -1, Dir: 's', State: 'M'}
	if c.Dir != "" {
		lk.Dir = c.Dir[0]
	}
	if c.State != "" {
		lk.State = c.State[0]
	}
	if c.Via != "" {
		length, speed, ok := b.internal(c.Via, next)
		if !ok {
			return errorf(ErrNetwork, "connection %s→%s (line %d): internal lane %s missing", c.From, c.To, c.Line, c.Via)
		}
		lk.Via = int32(len(b.n.Lanes))
		b.n.Lanes = append(b.n.Lanes, Lane{ID: c.Via, Edge: -1, Length: length, Speed: speed,
			Allow: b.n.Lanes[to].Allow, Left: -1, Right: -1})
		b.n.laneIndex[c.Via] = lk.Via
	}
	lk.Index = b.junctionIndex(node, b.chain(c.Via, next), perNode)
	if c.TL != "" {
		si, ok := b.signalOf[c.TL]
		if !ok || c.LinkIndex < 0 {
			return errorf(ErrNetwork, "connection %s→%s (line %d): no program for signal %q", c.From, c.To, c.Line, c.TL)
		}
		lk.Signal, lk.SignalIndex = si, int32(c.LinkIndex)
	}
	li := int32(len(b.n.Links))
	b.n.Links = append(b.n.Links, lk)
	b.n.Lanes[from].Out = append(b.n.Lanes[from].Out, li)
	if lk.Index >= 0 {
		b.nodeLink[[2]int32{node, lk.Index}] = li
	}
	if lk.Signal >= 0 {
		s := &b.n.Signals[lk.Signal]
		s.Links = append(s.Links, li)
		s.NumLinks = max(s.NumLinks, int(lk.SignalIndex)+1)
		if !containsInt32(s.Nodes, node) {
			s.Nodes = append(s.Nodes, node)
		}
		b.n.Nodes[node].Signal = lk.Signal
	}
	return nil
}

// junctionIndex returns the link's row in its junction's request table:
// the position in intLanes of a lane of its internal chain (SUMO lists the
// first lane, or for a link with an internal junction the lane after it),
// or without internal lanes the order of the junction's connections in the
// file (SUMO's order).
func (b *sumoBuilder) junctionIndex(node int32, chain []string, perNode map[int32]int32) int32 {
	j := b.junction(node)
	if len(chain) > 0 && j != nil {
		for i, l := range j.IntLanes {
			for _, c := range chain {
				if l == c {
					return int32(i)
				}
			}
		}
		return -1
	}
	k := perNode[node]
	perNode[node] = k + 1
	return k
}

func (b *sumoBuilder) junction(node int32) *sumo.Junction { return b.junctions[b.n.Nodes[node].ID] }

// rightOfWay fills Yield and Foes from the junctions' request tables.
func (b *sumoBuilder) rightOfWay() {
	for li := range b.n.Links {
		lk := &b.n.Links[li]
		j := b.junction(lk.Node)
		if j == nil || lk.Index < 0 || int(lk.Index) >= len(j.Requests) {
			continue
		}
		q := requestAt(j, int(lk.Index))
		if q == nil {
			continue
		}
		lk.Cont = q.Cont
		for k := 0; k < len(q.Foes); k++ {
			other, ok := b.nodeLink[[2]int32{lk.Node, int32(k)}]
			if !ok || other == int32(li) {
				continue
			}
			if q.Yields(k) {
				lk.Yield = append(lk.Yield, other)
			}
			if q.Conflicts(k) {
				lk.Foes = append(lk.Foes, other)
			}
		}
		sort.Slice(lk.Yield, func(a, c int) bool { return lk.Yield[a] < lk.Yield[c] })
		sort.Slice(lk.Foes, func(a, c int) bool { return lk.Foes[a] < lk.Foes[c] })
	}
}

func requestAt(j *sumo.Junction, index int) *sumo.Request {
	if index < len(j.Requests) && j.Requests[index].Index == index {
		return &j.Requests[index]
	}
	for i := range j.Requests {
		if j.Requests[i].Index == index {
			return &j.Requests[i]
		}
	}
	return nil
}

// checkSignals drops signals that control no link and validates the rest.
func (b *sumoBuilder) checkSignals() error {
	for i := range b.n.Signals {
		s := &b.n.Signals[i]
		if err := s.Program.check(s.NumLinks); err != nil {
			return fmt.Errorf("signal %s: %w", s.ID, err)
		}
	}
	return nil
}

func containsInt32(s []int32, v int32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
