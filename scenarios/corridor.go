package scenarios

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"sort"

	"github.com/paulmach/orb"

	"twin/sim/traffic/greenwave"
)

// ErrNoCorridor: no named road with at least two signals to retime.
var ErrNoCorridor = errors.New("scenarios: no signal corridor")

// Corridor timing defaults: a two-phase fixed-time program of a 90 s cycle,
// 42 s of green for the corridor, 3 s intergreens; signals closer than
// minSignalGapM are one junction; at most maxSignals are retimed.
const (
	corridorGreenS = 42.0
	intergreenS    = 3.0
	minSignalGapM  = 40.0
	maxSignals     = 10
	minSignals     = 3
)

// corridorSignal is a signal of the corridor, in outbound order.
type corridorSignal struct {
	id  string
	pt  orb.Point
	pos float64 // m along the axis from the first signal
}

// buildCorridor finds the corridor's signals and orders them along the
// road's principal axis. The signals are the road nodes with
// highway=traffic_signals at the ends of links of the named road (name ""
// picks the road with the most junctions with signals). Where a named road
// has fewer than minSignals such junctions, its junctions where three or
// more ways meet are taken instead: the what-if of signalizing them.
func buildCorridor(c *city, name string) (string, []corridorSignal, []string, error) {
	signals, junctions := map[string]map[string]bool{}, map[string]map[string]bool{}
	linkIDs := map[string][]string{}
	mark := func(m map[string]map[string]bool, road, node string) {
		if m[road] == nil {
			m[road] = map[string]bool{}
		}
		m[road][node] = true
	}
	for _, l := range c.links {
		if l.Name == "" {
			continue
		}
		linkIDs[l.Name] = append(linkIDs[l.Name], l.ID)
		for _, n := range []string{l.From, l.To} {
			if rn := c.nodes[n]; rn != nil && rn.Signal {
				mark(signals, l.Name, n)
			} else if rn != nil && rn.Degree >= 3 {
				mark(junctions, l.Name, n)
			}
		}
	}
	if name == "" {
		best := 0
		for _, n := range sortedKeys(signals) {
			if k := len(orderSignals(c, sortedKeys(signals[n]))); k > best {
				name, best = n, k
			}
		}
	}
	sigs := orderSignals(c, sortedKeys(signals[name]))
	if len(sigs) < minSignals && len(junctions[name]) > 0 {
		for id := range signals[name] {
			junctions[name][id] = true
		}
		sigs = orderSignals(c, sortedKeys(junctions[name]))
	}
	if len(sigs) < 2 {
		return "", nil, nil, fmt.Errorf("%w: road %q has fewer than two junctions to signalize", ErrNoCorridor, name)
	}
	return name, sigs, linkIDs[name], nil
}

// orderSignals sorts signals along the principal axis of their points and
// merges those within minSignalGapM.
func orderSignals(c *city, ids []string) []corridorSignal {
	var mx, my float64
	for _, id := range ids {
		p := c.nodes[id].Point
		mx, my = mx+p[0], my+p[1]
	}
	mx, my = mx/float64(len(ids)), my/float64(len(ids))
	var sxx, sxy, syy float64
	for _, id := range ids {
		p := c.nodes[id].Point
		dx, dy := p[0]-mx, p[1]-my
		sxx, sxy, syy = sxx+dx*dx, sxy+dx*dy, syy+dy*dy
	}
	th := 0.5 * math.Atan2(2*sxy, sxx-syy)
	ax, ay := math.Cos(th), math.Sin(th)
	if len(ids) == 0 {
		return nil
	}
	sigs := make([]corridorSignal, len(ids))
	for i, id := range ids {
		p := c.nodes[id].Point
		sigs[i] = corridorSignal{id: id, pt: p, pos: (p[0]-mx)*ax + (p[1]-my)*ay}
	}
	sort.SliceStable(sigs, func(i, j int) bool { return sigs[i].pos < sigs[j].pos })
	out := sigs[:1]
	for _, s := range sigs[1:] {
		if s.pos-out[len(out)-1].pos >= minSignalGapM {
			out = append(out, s)
		}
	}
	if len(out) > maxSignals {
		out = out[:maxSignals]
	}
	base := out[0].pos
	for i := range out {
		out[i].pos -= base
	}
	return out
}

// greenwaveCorridor turns the signals into MAXBAND's corridor with the
// default program and equal flows; speed is the progression speed, m/s.
// The "as found" offsets are a hash of each signal's id modulo the cycle:
// deterministic, and uncoordinated.
func greenwaveCorridor(sigs []corridorSignal, speed float64) *greenwave.Corridor {
	prog := []greenwave.Phase{
		{Duration: corridorGreenS, Out: true, In: true}, {Duration: intergreenS, Fixed: true},
		{Duration: corridorGreenS}, {Duration: intergreenS, Fixed: true},
	}
	cycle := 2 * (corridorGreenS + intergreenS)
	gc := &greenwave.Corridor{FlowOut: 600, FlowIn: 600}
	for i, s := range sigs {
		h := fnv.New32a()
		h.Write([]byte(s.id))
		off := 0.0
		if i > 0 {
			off = float64(h.Sum32() % uint32(cycle))
		}
		gc.Signals = append(gc.Signals, greenwave.Signal{ID: s.id, Phases: prog, Offset: off})
		if i > 0 {
			leg := greenwave.Leg{Length: math.Max(1, s.pos-sigs[i-1].pos), Speed: speed}
			gc.Links = append(gc.Links, greenwave.Link{Out: leg, In: leg})
		}
	}
	return gc
}

// corridorSpeed returns the mean speed limit of the corridor's links,
// m/s (13.9 m/s, 50 km/h, when none is known).
func corridorSpeed(c *city, linkIDs []string) float64 {
	ids := map[string]bool{}
	for _, id := range linkIDs {
		ids[id] = true
	}
	sum, n := 0.0, 0
	for _, l := range c.links {
		if ids[l.ID] && l.MaxSpeed > 0 {
			sum, n = sum+l.MaxSpeed, n+1
		}
	}
	if n == 0 {
		return 50 / 3.6
	}
	return sum / float64(n)
}
