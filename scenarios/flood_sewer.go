package scenarios

import (
	"math"
	"slices"

	"twin/geo"
)

// Default values for pipes that lack them: Manning's n of concrete pipe
// (SWMM 5 manual, table A.8: 0.011–0.015) and the least slope used for
// full-bore capacity, m/m.
const (
	defaultPipeN = 0.013
	minPipeSlope = 0.001
)

// fullBore returns a circular pipe's full-bore Manning capacity, m³/s:
// Q = (1/n)·A·R^(2/3)·√S with A = πD²/4, R = D/4.
func fullBore(d, n, slope float64) float64 {
	if !(d > 0) {
		return 0
	}
	if !(n > 0) {
		n = defaultPipeN
	}
	slope = math.Max(slope, minPipeSlope)
	return math.Pi * d * d / 4 * math.Pow(d/4, 2.0/3) * math.Sqrt(slope) / n
}

// pipeSlope returns a pipe's invert slope, m/m (0 when unknown).
func pipeSlope(p *geo.Pipe) float64 {
	if !(p.Length > 0) {
		return 0
	}
	s := (p.InvertFrom - p.InvertTo) / p.Length
	if math.IsNaN(s) {
		return 0
	}
	return math.Abs(s)
}

// inletCapacities returns, per sewer pipe node (in c.pipeNodeIDs order),
// the flow its inlet can take from the street when the network runs full:
// the full-bore capacity of the node's largest outgoing conduit less the
// full-bore capacities of the conduits that flow into it, floored at zero.
// Summed over the network this is what its outfalls can carry. diam
// overrides pipe diameters (enlarged pipes). O(pipes).
func inletCapacities(c *city, diam map[string]float64, factor float64) []float64 {
	out := map[string]float64{}
	in := map[string]float64{}
	for _, id := range sortedKeys(c.pipes) {
		p := c.pipes[id]
		if p.Network != geo.NetworkSewer || p.Kind != "conduit" {
			continue
		}
		d := p.Diameter
		if v, ok := diam[p.ID]; ok {
			d = v
		}
		q := fullBore(d, p.Roughness, pipeSlope(p))
		out[p.From] = math.Max(out[p.From], q)
		in[p.To] += q
	}
	caps := make([]float64, len(c.pipeNodeIDs))
	for i, id := range c.pipeNodeIDs {
		if n := c.pipeNodes[id]; n.Network == geo.NetworkSewer {
			caps[i] = factor * math.Max(0, out[id]-in[id])
		}
	}
	return caps
}

// sortedKeys returns a map's keys in ascending order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
