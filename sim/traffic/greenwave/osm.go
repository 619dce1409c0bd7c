package greenwave

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"twin/geo"
)

// RoadOptions tune a corridor built straight from road links and signal
// nodes (OSM), which carry no signal programs and no demand. The zero
// value uses the defaults given per field.
type RoadOptions struct {
	// Cycle is the default program's cycle in seconds; zero means 90.
	Cycle float64
	// MainShare is the arterial's share of the cycle's green time; zero
	// means 0.5.
	MainShare float64
	// SpeedFactor scales the speed limits into progression speeds; zero
	// means 0.95 (see BuildOptions).
	SpeedFactor float64
	// MergeDistance joins signals closer than this along the road (m) into
	// one junction, as OSM often tags a signal on each approach of one
	// crossing; zero means 40 m.
	MergeDistance float64
}

// Validate reports whether the options are usable. Errors wrap ErrOptions.
func (o RoadOptions) Validate() error {
	switch {
	case o.Cycle != 0 && !(o.Cycle >= 20 && o.Cycle <= 300):
		return fmt.Errorf("%w: Cycle %g s not in [20, 300]", ErrOptions, o.Cycle)
	case !finiteNonNeg(o.MainShare) || o.MainShare >= 1:
		return fmt.Errorf("%w: MainShare %g not in [0, 1)", ErrOptions, o.MainShare)
	case !finiteNonNeg(o.SpeedFactor) || o.SpeedFactor > 2:
		return fmt.Errorf("%w: SpeedFactor %g not in [0, 2]", ErrOptions, o.SpeedFactor)
	case !finiteNonNeg(o.MergeDistance) || o.MergeDistance > 500:
		return fmt.Errorf("%w: MergeDistance %g m not in [0, 500]", ErrOptions, o.MergeDistance)
	}
	return nil
}

func (o RoadOptions) defaults() RoadOptions {
	o.Cycle = cmp.Or(o.Cycle, 90)
	o.MainShare = cmp.Or(o.MainShare, 0.5)
	o.SpeedFactor = cmp.Or(o.SpeedFactor, 0.95)
	o.MergeDistance = cmp.Or(o.MergeDistance, 40)
	return o
}

// roadGraph indexes directed road links by their start node.
type roadGraph struct {
	out    map[string][]*geo.RoadLink
	signal map[string]bool
	opt    RoadOptions
}

// CorridorFromRoads detects the main signalized arterial of a road graph
// and builds its corridor. The arterial is the longest chain of signal
// nodes (most junctions, then most metres) joined by roads that run
// straight on (the same way, else the continuation turning least, at most
// 30°) through the nodes between them; signals closer than MergeDistance
// count as one junction. Where some leg has no straight way back the
// arterial is one-way: its inbound legs mirror the outbound ones and
// FlowIn is 0, so only the outbound band is optimised. The road graph has no programs, so
// every junction gets the default fixed-time program: the cycle split into
// the arterial's green (MainShare of the green time), 3 s yellow, the cross
// street's green and 3 s yellow, offsets 0; and no demand, so the flows are
// equal and there is no queue clearance. Errors wrap ErrArterial or
// ErrOptions. O(signals · chain length · node degree).
func CorridorFromRoads(links []*geo.RoadLink, nodes []*geo.RoadNode, opt RoadOptions) (*Corridor, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	g := &roadGraph{out: map[string][]*geo.RoadLink{}, signal: map[string]bool{}, opt: opt.defaults()}
	for _, l := range links {
		if l.Length > 0 && l.MaxSpeed > 0 {
			g.out[l.From] = append(g.out[l.From], l)
		}
	}
	var signals []string
	for _, n := range nodes {
		if n.Signal {
			g.signal[n.ID] = true
			signals = append(signals, n.ID)
		}
	}
	slices.Sort(signals)
	var best []roadLeg
	bestLen := 0.0
	for _, s := range signals {
		for _, l := range g.out[s] {
			legs := g.extend(s, l)
			total := 0.0
			for _, lg := range legs {
				total += lg.out.Length
			}
			if len(legs) > len(best) || len(legs) == len(best) && total > bestLen+1e-6 {
				best, bestLen = legs, total
			}
		}
	}
	if len(best) == 0 {
		return nil, fmt.Errorf("%w: no two traffic signals joined both ways by a straight road", ErrArterial)
	}
	return g.corridor(best), nil
}

// roadLeg is one leg between two signal junctions, both ways.
type roadLeg struct {
	from, to string
	out, in  Leg
	last     *geo.RoadLink // the leg's last outbound link
	oneWay   bool
}

// follow drives from link l straight on until a signal at least
// MergeDistance away, returning the signal, the leg and its last link.
func (g *roadGraph) follow(l *geo.RoadLink) (string, Leg, *geo.RoadLink, bool) {
	length, time := 0.0, 0.0
	seen := map[string]bool{l.From: true}
	for guard := 0; guard < 10000; guard++ {
		length += l.Length
		time += l.Length / (l.MaxSpeed * g.opt.SpeedFactor)
		if g.signal[l.To] && length >= g.opt.MergeDistance {
			return l.To, Leg{Length: length, Speed: length / time}, l, true
		}
		if seen[l.To] {
			return "", Leg{}, nil, false
		}
		seen[l.To] = true
		if l = g.straight(l); l == nil {
			return "", Leg{}, nil, false
		}
	}
	return "", Leg{}, nil, false
}

// straight returns the link that continues l straight on at its end node:
// the same way if it goes on, else the one turning least (≤ 30°), never
// back to where l came from.
func (g *roadGraph) straight(l *geo.RoadLink) *geo.RoadLink {
	var best *geo.RoadLink
	bestTurn := math.Pi / 6
	h := heading(l.Line, true)
	for _, n := range g.out[l.To] {
		if n.To == l.From {
			continue
		}
		if n.WayID == l.WayID {
			return n
		}
		if turn := angleDiff(h, heading(n.Line, false)); turn < bestTurn {
			best, bestTurn = n, turn
		}
	}
	return best
}

// extend grows the chain of legs from signal s along link l while the way
// back exists and no signal repeats.
func (g *roadGraph) extend(s string, l *geo.RoadLink) []roadLeg {
	var legs []roadLeg
	visited := map[string]bool{s: true}
	for cur := s; l != nil; {
		to, out, last, ok := g.follow(l)
		if !ok || visited[to] {
			break
		}
		in, ok := g.back(to, cur)
		if !ok { // one-way: the inbound leg mirrors the outbound one
			in = out
		}
		legs = append(legs, roadLeg{from: cur, to: to, out: out, in: in, last: last, oneWay: !ok})
		visited[to] = true
		cur, l = to, g.straight(last)
	}
	return legs
}

// back finds the leg from signal a to signal b.
func (g *roadGraph) back(a, b string) (Leg, bool) {
	for _, l := range g.out[a] {
		if to, leg, _, ok := g.follow(l); ok && to == b {
			return leg, true
		}
	}
	return Leg{}, false
}

// corridor lays out the legs with the default program at every junction.
func (g *roadGraph) corridor(legs []roadLeg) *Corridor {
	const yellow = 3.0
	green := g.opt.Cycle - 2*yellow
	main := math.Round(green * g.opt.MainShare)
	prog := []Phase{
		{Duration: main, Out: true, In: true},
		{Duration: yellow, Fixed: true},
		{Duration: green - main},
		{Duration: yellow, Fixed: true},
	}
	c := &Corridor{FlowOut: 1, FlowIn: 1}
	add := func(id string) {
		c.Signals = append(c.Signals, Signal{ID: id, Phases: slices.Clone(prog)})
	}
	add(legs[0].from)
	for _, lg := range legs {
		add(lg.to)
		c.Links = append(c.Links, Link{Out: lg.out, In: lg.in})
		if lg.oneWay {
			c.FlowIn = 0
		}
	}
	return c
}

// heading returns the direction (radians) of a line's last segment (end)
// or first segment.
func heading(line orb.LineString, end bool) float64 {
	if len(line) < 2 {
		return 0
	}
	a, b := line[0], line[1]
	if end {
		a, b = line[len(line)-2], line[len(line)-1]
	}
	return math.Atan2(b[1]-a[1], b[0]-a[0])
}

func angleDiff(a, b float64) float64 {
	d := math.Mod(math.Abs(a-b), 2*math.Pi)
	return math.Min(d, 2*math.Pi-d)
}
