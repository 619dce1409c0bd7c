package traffic

import (
	"math"
	"strconv"

	"twin/geo/sumo"
)

// FromSUMO builds a Network from a decoded SUMO network. Programs from
// additional files (extra) replace the net's program of the same signal
// ID, the last one given winning, as when SUMO loads them with -a. Only
// normal edges become edges; the chain of internal lanes a connection
// crosses its junction on becomes one internal lane of the chain's total
// length and lowest speed. Pedestrian crossings, walking areas and TAZ
// connectors are left out. Errors wrap ErrNetwork. O(size of the net).
func FromSUMO(net *sumo.Net, extra []sumo.TLLogic) (*Network, error) {
	b := &sumoBuilder{net: net, n: &Network{}}
	b.nodes()
	if err := b.edges(); err != nil {
		return nil, err
	}
	b.n.index()
	if err := b.signals(extra); err != nil {
		return nil, err
	}
	if err := b.links(); err != nil {
		return nil, err
	}
	b.rightOfWay()
	if err := b.checkSignals(); err != nil {
		return nil, err
	}
	return b.n, nil
}

type sumoBuilder struct {
	net *sumo.Net
	n   *Network
	// sumoLanes maps every lane ID (internal ones included) to its lane.
	sumoLanes map[string]*sumo.Lane
	// nodeLink maps (node, junction link index) to a link.
	nodeLink  map[[2]int32]int32
	signalOf  map[string]int32
	junctions map[string]*sumo.Junction
}

func (b *sumoBuilder) nodes() {
	for _, j := range b.net.Junctions {
		if j.Type == "internal" {
			continue
		}
		b.n.Nodes = append(b.n.Nodes, Node{ID: j.ID, Type: j.Type, X: j.X, Y: j.Y, Signal: -1})
	}
	b.n.nodeIndex = map[string]int32{}
	b.junctions = make(map[string]*sumo.Junction, len(b.net.Junctions))
	for i := range b.net.Junctions {
		b.junctions[b.net.Junctions[i].ID] = &b.net.Junctions[i]
	}
	for i := range b.n.Nodes {
		b.n.nodeIndex[b.n.Nodes[i].ID] = int32(i)
	}
}

func (b *sumoBuilder) edges() error {
	b.sumoLanes = map[string]*sumo.Lane{}
	for ei := range b.net.Edges {
		e := &b.net.Edges[ei]
		for li := range e.Lanes {
			b.sumoLanes[e.Lanes[li].ID] = &e.Lanes[li]
		}
		if e.Function != "" || len(e.Lanes) == 0 {
			continue
		}
		from, ok1 := b.n.nodeIndex[e.From]
		to, ok2 := b.n.nodeIndex[e.To]
		if !ok1 || !ok2 {
			return errorf(ErrNetwork, "edge %s (line %d): unknown junction %q or %q", e.ID, e.Line, e.From, e.To)
		}
		ed := Edge{ID: e.ID, Name: e.Name, From: from, To: to, Priority: e.Priority}
		for k := range e.Lanes {
			l := &e.Lanes[k]
			if l.Index != k {
				return errorf(ErrNetwork, "lane %s (line %d): index %d out of order", l.ID, l.Line, l.Index)
			}
			ed.Lanes = append(ed.Lanes, int32(len(b.n.Lanes)))
			b.n.Lanes = append(b.n.Lanes, Lane{ID: l.ID, Edge: int32(len(b.n.Edges)), Index: int32(k),
				Length: math.Max(l.Length, 0.1), Speed: l.Speed, Allow: l.Allow})
			ed.Speed = math.Max(ed.Speed, l.Speed)
		}
		ed.Length = b.n.Lanes[ed.Lanes[0]].Length
		for _, p := range e.Lanes[0].Shape {
			ed.Shape = append(ed.Shape, Point{p.X, p.Y})
		}
		b.n.Edges = append(b.n.Edges, ed)
	}
	if len(b.n.Edges) == 0 {
		return errorf(ErrNetwork, "no drivable edges")
	}
	return nil
}

// signals creates one Signal per traffic-light ID with its active
// program: the net's, replaced by later ones from extra.
func (b *sumoBuilder) signals(extra []sumo.TLLogic) error {
	b.signalOf = map[string]int32{}
	all := append(append([]sumo.TLLogic(nil), b.net.TLLogics...), extra...)
	for i := range all {
		l := &all[i]
		si, ok := b.signalOf[l.ID]
		if !ok {
			si = int32(len(b.n.Signals))
			b.signalOf[l.ID] = si
			b.n.Signals = append(b.n.Signals, Signal{ID: l.ID})
		}
		b.n.Signals[si].Program = ProgramFromSUMO(l)
	}
	return nil
}

// chain lists the internal lanes from via on.
func (b *sumoBuilder) chain(via string, next map[string]string) []string {
	var c []string
	for guard := 0; via != "" && guard < 16; guard++ {
		c = append(c, via)
		via = next[via]
	}
	return c
}

// internal follows the chain of internal lanes from via to the normal
// lane it ends on, returning its length and lowest speed.
func (b *sumoBuilder) internal(via string, next map[string]string) (length, speed float64, ok bool) {
	speed = math.Inf(1)
	for guard := 0; via != "" && guard < 16; guard++ {
		l, found := b.sumoLanes[via]
		if !found {
			return 0, 0, false
		}
		length += l.Length
		speed = math.Min(speed, l.Speed)
		via = next[via]
	}
	return length, speed, speed > 0 && !math.IsInf(speed, 0)
}

func (b *sumoBuilder) links() error {
	// next maps an internal lane to the internal lane after it in a chain.
	next := map[string]string{}
	for _, c := range b.net.Connections {
		if c.Via != "" && len(c.From) > 0 && c.From[0] == ':' {
			next[laneID(c.From, c.FromLane)] = c.Via
		}
	}
	b.nodeLink = map[[2]int32]int32{}
	perNode := map[int32]int32{}
	for ci := range b.net.Connections {
		c := &b.net.Connections[ci]
		if err := b.link(c, next, perNode); err != nil {
			return err
		}
	}
	return nil
}

func laneID(edge string, index int) string { return edge + "_" + strconv.Itoa(index) }
