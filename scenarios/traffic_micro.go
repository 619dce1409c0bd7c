package scenarios

import (
	"fmt"
	"math"
	"math/rand/v2"

	"twin/geo"
	"twin/sim/traffic"
)

// Traffic models of TrafficSpec.Model.
const (
	// TrafficBPR is the time-of-day BPR volume–delay model (the default).
	TrafficBPR = "bpr"
	// TrafficMicro is sim/traffic's microsimulation (Krauss car following,
	// SUMO's order of updates) on the World's road links, with random
	// trips at TrafficSpec.DemandVPH; each link's speed factor is its mean
	// vehicle speed over the step divided by its speed limit.
	TrafficMicro = "micro"
)

// microTraffic runs sim/traffic alongside the clock.
type microTraffic struct {
	sim   *traffic.Sim
	net   *traffic.Network
	sent  []microEdge // per link (city order): last state sent, nil before the first sync
	res   MicroResult
	seen  int            // edge intervals already read
	index map[string]int // link ID → index in city.links
	speed []float64      // speed limit per link, m/s
}

func newMicroTraffic(c *city, spec TrafficSpec, seed uint64, end float64) (*microTraffic, error) {
	nodes := make([]*geo.RoadNode, 0, len(c.nodes))
	for _, id := range sortedKeys(c.nodes) {
		nodes = append(nodes, c.nodes[id])
	}
	net, err := traffic.FromOSM(c.links, nodes, traffic.OSMOptions{})
	if err != nil {
		return nil, fmt.Errorf("traffic network: %w", err)
	}
	d, err := traffic.RandomDemand(net, traffic.RandomOptions{Rate: spec.DemandVPH, End: end}, rand.New(rand.NewPCG(seed, 0x7aff1c)))
	if err != nil {
		return nil, fmt.Errorf("traffic demand: %w", err)
	}
	sim, err := traffic.New(net, d, traffic.Options{End: end + 1, Seed: seed, Interval: end + 1})
	if err != nil {
		return nil, err
	}
	m := &microTraffic{sim: sim, net: net, index: map[string]int{}, speed: make([]float64, len(c.links))}
	for i, l := range c.links {
		m.index[l.ID] = i
		if e, ok := net.Edge(l.ID); ok {
			m.speed[i] = net.Edges[e].Speed
		}
	}
	return m, nil
}

// factors advances the simulation to t (s) and returns each link's speed
// factor over the time since the last call: mean speed over speed limit,
// 1 where no vehicle drove, within [0.05, 1].
func (m *microTraffic) factors(t float64) []float64 {
	for m.sim.Time() < t && !m.sim.Done() {
		m.sim.Step()
	}
	f := ones(len(m.speed))
	ivs := m.sim.EdgeIntervals()
	for _, iv := range ivs[m.seen:] {
		i, ok := m.index[iv.Edge]
		if !ok || iv.VehicleSteps == 0 || !(m.speed[i] > 0) {
			continue
		}
		f[i] = math.Max(0.05, math.Min(1, iv.MeanSpeed/m.speed[i]))
	}
	m.seen = len(ivs)
	return f
}
