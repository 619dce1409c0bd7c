package swmm

import "math"

// NodeInfo is what every SWMM node type has: a name, a kind and its
// vertical extent.
type NodeInfo struct {
	Name string
	// Kind is "junction", "outfall", "divider" or "storage".
	Kind string
	// Invert is the node's invert elevation, m.
	Invert float64
	// MaxDepth is the depth from invert to rim, m (0 when unknown, and
	// always for outfalls).
	MaxDepth float64
}

// Ground returns the rim elevation Invert+MaxDepth in m, or NaN when
// MaxDepth is not positive (SWMM then takes the depth from the links).
func (n NodeInfo) Ground() float64 {
	if n.MaxDepth > 0 {
		return n.Invert + n.MaxDepth
	}
	return math.NaN()
}

// Nodes returns every node by name. O(n); the map is new on each call, so
// concurrent calls are safe.
func (m *Model) Nodes() map[string]NodeInfo {
	out := make(map[string]NodeInfo, len(m.Junctions)+len(m.Outfalls)+len(m.Dividers)+len(m.Storage))
	for _, j := range m.Junctions {
		out[j.Name] = NodeInfo{j.Name, "junction", j.Elevation, j.MaxDepth}
	}
	for _, o := range m.Outfalls {
		out[o.Name] = NodeInfo{o.Name, "outfall", o.Elevation, 0}
	}
	for _, v := range m.Dividers {
		out[v.Name] = NodeInfo{v.Name, "divider", v.Elevation, v.MaxDepth}
	}
	for _, s := range m.Storage {
		out[s.Name] = NodeInfo{s.Name, "storage", s.Elevation, s.MaxDepth}
	}
	return out
}

// LinkInvert returns the absolute elevation (m) of a link end at node n
// whose offset (m) is given as in the file: with LINK_OFFSETS DEPTH the
// offset is a height above the node invert, with ELEVATION it is the
// elevation itself. A NaN offset (SWMM's "*") puts the end at the node
// invert. An end that would lie below the node invert is raised to it, as
// SWMM does when it ignores negative offsets (its warning 03). O(1).
func (m *Model) LinkInvert(n NodeInfo, offset float64) float64 {
	switch {
	case math.IsNaN(offset):
		return n.Invert
	case m.Options.LinkOffsets == "ELEVATION":
		return math.Max(offset, n.Invert)
	default:
		return n.Invert + math.Max(offset, 0)
	}
}
