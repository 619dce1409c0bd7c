package traffic

import (
	"cmp"
	"math"
	"slices"

	"twin/geo"
	"twin/geo/sumo"
)

// OSMOptions tune [FromOSM]. The zero value uses the defaults below.
type OSMOptions struct {
	// DefaultSpeed is used for links without a speed (m/s; 0: 13.89).
	DefaultSpeed float64
}

// Validate reports invalid options (wrapping ErrOptions).
func (o OSMOptions) Validate() error {
	if o.DefaultSpeed < 0 || math.IsNaN(o.DefaultSpeed) {
		return errorf(ErrOptions, "default speed %v", o.DefaultSpeed)
	}
	return nil
}

// Turn speeds inside junctions built from OSM (m/s), after SUMO's typical
// internal-lane speeds for urban corners.
const (
	osmRightTurnSpeed = 6.5
	osmLeftTurnSpeed  = 8.0
	osmMinInternal    = 3.0 // m
)

// FromOSM builds a Network from the World's directed road links (metric
// coordinates) and road nodes. Every link becomes an edge with its lanes
// (at least one), speed and length. At each node every incoming edge
// connects to every outgoing one except the reverse of itself (kept only at
// dead ends), from every lane (lane k to lane min(k, lanes out − 1)), each
// through an internal lane of the junction's size (at least 3 m). Nodes tagged as signals get a [Signal]
// with [DefaultPlan] (approaches grouped into two stages by direction, left
// turns permissive); elsewhere the approaches of the highest-class roads
// have priority and the others yield to them. Errors wrap ErrNetwork.
// O(links + movements).
func FromOSM(links []*geo.RoadLink, nodes []*geo.RoadNode, opt OSMOptions) (*Network, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if opt.DefaultSpeed == 0 {
		opt.DefaultSpeed = 13.89
	}
	b := &osmBuilder{n: &Network{}, signal: map[string]bool{}, nodeOf: map[string]int32{}}
	for _, nd := range nodes {
		b.signal[nd.ID] = nd.Signal
		b.node(nd.ID, nd.Point[0], nd.Point[1])
	}
	sorted := slices.Clone(links)
	slices.SortFunc(sorted, func(a, c *geo.RoadLink) int { return cmp.Compare(a.ID, c.ID) })
	for _, l := range sorted {
		if len(l.Line) < 2 || l.From == l.To {
			continue
		}
		b.edge(l, opt.DefaultSpeed)
	}
	if len(b.n.Edges) == 0 {
		return nil, errorf(ErrNetwork, "no usable road links")
	}
	b.n.index()
	for ni := range b.n.Nodes {
		b.junction(int32(ni))
	}
	return b.n, nil
}

type osmBuilder struct {
	n      *Network
	signal map[string]bool
	nodeOf map[string]int32
}

func (b *osmBuilder) node(id string, x, y float64) int32 {
	if i, ok := b.nodeOf[id]; ok {
		return i
	}
	i := int32(len(b.n.Nodes))
	b.n.Nodes = append(b.n.Nodes, Node{ID: id, Type: "priority", X: x, Y: y, Signal: -1})
	b.nodeOf[id] = i
	return i
}

func (b *osmBuilder) edge(l *geo.RoadLink, defSpeed float64) {
	first, last := l.Line[0], l.Line[len(l.Line)-1]
	from, to := b.node(l.From, first[0], first[1]), b.node(l.To, last[0], last[1])
	speed := l.MaxSpeed
	if !(speed > 0) {
		speed = defSpeed
	}
	length := max(l.Length, 1)
	e := Edge{ID: l.ID, Name: l.Name, From: from, To: to, Length: length, Speed: speed, Priority: classRank(l.Class)}
	for _, p := range l.Line {
		e.Shape = append(e.Shape, Point{p[0], p[1]})
	}
	ei := int32(len(b.n.Edges))
	for k := range max(l.Lanes, 1) {
		e.Lanes = append(e.Lanes, int32(len(b.n.Lanes)))
		b.n.Lanes = append(b.n.Lanes, Lane{ID: l.ID + "_" + itoa(k), Edge: ei, Index: int32(k), Length: length,
			Speed: speed, Allow: sumo.AllClasses})
	}
	b.n.Edges = append(b.n.Edges, e)
}

// classRank orders OSM highway classes for right of way.
func classRank(class string) int {
	switch class {
	case "motorway", "motorway_link", "trunk", "trunk_link":
		return 7
	case "primary", "primary_link":
		return 6
	case "secondary", "secondary_link":
		return 5
	case "tertiary", "tertiary_link":
		return 4
	case "unclassified", "residential":
		return 3
	case "living_street":
		return 2
	}
	return 1
}

func itoa(k int) string {
	if k < 10 {
		return string(rune('0' + k))
	}
	return itoa(k/10) + itoa(k%10)
}

// heading returns the direction of travel (radians) at the end (atEnd) or
// start of edge e.
func (b *osmBuilder) heading(e int32, atEnd bool) float64 {
	s := b.n.Edges[e].Shape
	p, q := s[0], s[1]
	if atEnd {
		p, q = s[len(s)-2], s[len(s)-1]
	}
	return math.Atan2(q.Y-p.Y, q.X-p.X)
}

// turn classifies the movement from in to out: 's', 'l', 'r' or 't'.
func (b *osmBuilder) turn(in, out int32) (byte, float64) {
	a := b.heading(out, false) - b.heading(in, true)
	for a > math.Pi {
		a -= 2 * math.Pi
	}
	for a < -math.Pi {
		a += 2 * math.Pi
	}
	switch {
	case math.Abs(a) < math.Pi/6:
		return 's', a
	case math.Abs(a) > 5*math.Pi/6:
		return 't', a
	case a > 0:
		return 'l', a
	}
	return 'r', a
}
