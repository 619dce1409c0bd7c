package scenarios

import (
	"errors"
	"fmt"
	"hash/fnv"
	"sort"

	"twin/geo"
	"twin/sim/traffic/greenwave"
)

// ErrNoCorridor: no named road with at least two signals to retime.
var ErrNoCorridor = errors.New("scenarios: no signal corridor")

// Corridor defaults: at most maxSignals signals are retimed; a named road
// with fewer than minSignals signals has its junctions signalized instead.
const (
	maxSignals = 10
	minSignals = 3
)

// buildCorridor builds the signal corridor of the named road (name "":
// the road with the most signal nodes) with greenwave.CorridorFromRoads on
// that road's links alone: its signals (highway=traffic_signals at the ends
// of its links), joined straight on, with greenwave's default two-phase
// program (a 90 s cycle, 42 s of green for the corridor, 3 s yellows) and
// speed limits times 0.95 as progression speeds. Where the road has fewer
// than minSignals signals, its junctions where three or more ways meet
// are taken as signals instead: the what-if of signalizing them. At most
// maxSignals signals are kept. The "as found" offsets are a hash of each
// signal's id modulo the cycle: deterministic, and uncoordinated. It
// returns the road's name, the corridor and the road's link IDs.
func buildCorridor(c *city, name string) (string, *greenwave.Corridor, []string, error) {
	signals, junctions := map[string]map[string]bool{}, map[string]map[string]bool{}
	links := map[string][]*geo.RoadLink{}
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
		links[l.Name] = append(links[l.Name], l)
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
			if k := len(signals[n]); k > best {
				name, best = n, k
			}
		}
	}
	chosen := signals[name]
	if len(chosen) < minSignals && len(junctions[name]) > 0 {
		chosen = junctions[name]
		for id := range signals[name] {
			chosen[id] = true
		}
	}
	gc, err := greenwave.CorridorFromRoads(links[name], roadNodes(c, links[name], chosen), greenwave.RoadOptions{})
	if err != nil {
		return "", nil, nil, fmt.Errorf("%w: road %q: %w", ErrNoCorridor, name, err)
	}
	if len(gc.Signals) > maxSignals {
		gc.Signals, gc.Links = gc.Signals[:maxSignals], gc.Links[:maxSignals-1]
	}
	cycle := gc.Signals[0].Cycle()
	for i := range gc.Signals {
		if i > 0 {
			h := fnv.New32a()
			h.Write([]byte(gc.Signals[i].ID))
			gc.Signals[i].Offset = float64(h.Sum32() % uint32(cycle))
		}
	}
	ids := make([]string, len(links[name]))
	for i, l := range links[name] {
		ids[i] = l.ID
	}
	return name, gc, ids, nil
}

// roadNodes returns copies of the nodes at the ends of links, sorted by
// ID, with Signal set exactly for those in signal.
func roadNodes(c *city, links []*geo.RoadLink, signal map[string]bool) []*geo.RoadNode {
	seen := map[string]bool{}
	var out []*geo.RoadNode
	for _, l := range links {
		for _, id := range []string{l.From, l.To} {
			if rn := c.nodes[id]; rn != nil && !seen[id] {
				seen[id] = true
				n := *rn
				n.Signal = signal[id]
				out = append(out, &n)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
