package traffic

import (
	"errors"

	"twin/geo/sumo"
)

// Sentinel errors; the builders wrap them with the offending object.
var (
	// ErrNetwork marks a network that cannot be built: a lane of an unknown
	// edge, a connection to a missing lane, a program whose states do not
	// cover its links, an empty network.
	ErrNetwork = errors.New("traffic: invalid network")
	// ErrDemand marks demand that cannot be used: an unknown edge, vType or
	// route, a route whose edges do not connect, a trip with no path.
	ErrDemand = errors.New("traffic: invalid demand")
	// ErrOptions marks invalid simulation options.
	ErrOptions = errors.New("traffic: invalid options")
)

// Point is a position in the network's metric coordinates.
type Point struct{ X, Y float64 }

// Network is the road graph the simulator drives on. Indices in one
// element refer into the Network's own slices; -1 means none.
type Network struct {
	// Edges are the roads, one per direction of travel.
	Edges []Edge
	// Lanes holds every lane of every edge first (edge by edge, rightmost
	// lane first), then the internal lanes that links cross junctions on.
	Lanes   []Lane
	Links   []Link
	Nodes   []Node
	Signals []Signal

	edgeIndex map[string]int32
	laneIndex map[string]int32
	nodeIndex map[string]int32
}

// Edge is a road in one direction between two nodes.
type Edge struct {
	ID       string
	Name     string
	From, To int32 // nodes
	// Lanes are the edge's lanes, rightmost (index 0) first.
	Lanes []int32
	// Length is the length of lane 0 (m); Speed the highest lane speed
	// limit (m/s).
	Length, Speed float64
	// Priority is the road's priority (higher is more important).
	Priority int
	Shape    []Point
}

// Lane is a lane of an edge, or an internal lane inside a junction
// (Edge == -1).
type Lane struct {
	ID    string
	Edge  int32
	Index int32
	// Length (m) and Speed limit (m/s).
	Length, Speed float64
	// Allow is the set of vehicle classes that may use the lane.
	Allow sumo.Classes
	// Out lists the links leaving the lane (normal lanes only).
	Out []int32
	// Left and Right are the neighbouring lanes of the same edge (-1 when
	// none): Left has the next higher index.
	Left, Right int32
}

// Link is a movement across a junction from the end of lane From to the
// start of lane To, through internal lane Via when the network has one.
type Link struct {
	From, To, Via int32
	Node          int32
	// Index is the link's position in its node's right-of-way table.
	Index int32
	// Signal and SignalIndex give the controlling signal and the position
	// of this link in its phase states (-1 when uncontrolled).
	Signal, SignalIndex int32
	// Dir is SUMO's direction letter: s, r, l, t (turn), R, L.
	Dir byte
	// State is the link's state when no signal rules it: 'M' major, 'm'
	// minor, '=' right before left, 's' stop, 'w' all-way stop, 'O'/'o'.
	State byte
	// Yield lists the links (indices into Network.Links) this one must
	// give way to; Foes the links whose paths conflict with it.
	Yield, Foes []int32
	// Cont is true when vehicles may wait inside the junction (left turns
	// at an internal junction).
	Cont bool
}

// Node is a junction.
type Node struct {
	ID string
	// Type is SUMO's junction type ("priority", "traffic_light", …).
	Type string
	X, Y float64
	// Signal is the signal controlling the node, or -1.
	Signal int32
	// In and Out are the edges entering and leaving the node.
	In, Out []int32
}

// Edge returns the index of the edge with the given ID.
func (n *Network) Edge(id string) (int32, bool) { i, ok := n.edgeIndex[id]; return i, ok }

// Lane returns the index of the lane with the given ID.
func (n *Network) Lane(id string) (int32, bool) { i, ok := n.laneIndex[id]; return i, ok }

// Node returns the index of the node with the given ID.
func (n *Network) Node(id string) (int32, bool) { i, ok := n.nodeIndex[id]; return i, ok }

// index fills the ID maps and the derived fields (lane neighbours, node
// in/out edges).
func (n *Network) index() {
	n.edgeIndex = make(map[string]int32, len(n.Edges))
	n.laneIndex = make(map[string]int32, len(n.Lanes))
	n.nodeIndex = make(map[string]int32, len(n.Nodes))
	for i := range n.Nodes {
		n.nodeIndex[n.Nodes[i].ID] = int32(i)
		n.Nodes[i].In, n.Nodes[i].Out = nil, nil
	}
	for i := range n.Lanes {
		l := &n.Lanes[i]
		n.laneIndex[l.ID] = int32(i)
		l.Left, l.Right = -1, -1
	}
	for i := range n.Edges {
		e := &n.Edges[i]
		n.edgeIndex[e.ID] = int32(i)
		for k, li := range e.Lanes {
			if k > 0 {
				n.Lanes[li].Right = e.Lanes[k-1]
			}
			if k+1 < len(e.Lanes) {
				n.Lanes[li].Left = e.Lanes[k+1]
			}
		}
		if e.From >= 0 {
			n.Nodes[e.From].Out = append(n.Nodes[e.From].Out, int32(i))
		}
		if e.To >= 0 {
			n.Nodes[e.To].In = append(n.Nodes[e.To].In, int32(i))
		}
	}
}

// WithPrograms returns a copy of the network whose signals run the given
// programs instead: programs maps a signal ID to its new program (signals
// not named keep theirs). Only the Signals slice is copied; the rest is
// shared. It returns an ErrNetwork error for an unknown signal or a program
// whose states are shorter than the signal's links.
func (n *Network) WithPrograms(programs map[string]Program) (*Network, error) {
	c := *n
	c.Signals = append([]Signal(nil), n.Signals...)
	for id, p := range programs {
		found := false
		for i := range c.Signals {
			if c.Signals[i].ID == id {
				if err := p.check(c.Signals[i].NumLinks); err != nil {
					return nil, err
				}
				c.Signals[i].Program = p
				found = true
			}
		}
		if !found {
			return nil, errorf(ErrNetwork, "no signal %q", id)
		}
	}
	return &c, nil
}
