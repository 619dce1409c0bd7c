package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Network names the kind of underground network a pipe belongs to.
const (
	NetworkSewer = "sewer" // storm or combined drainage (SWMM)
	NetworkWater = "water" // pressurised supply mains (EPANET)
)

// Pipe is a link of an underground network: a conduit, pipe, pump, valve,
// orifice or weir, with its elevations so that the engine can answer "what
// is under this street, at what depth".
type Pipe struct {
	ID       string
	From, To string // PipeNode IDs
	Line     orb.LineString
	Network  string // NetworkSewer or NetworkWater
	// Kind is the source link type in lower case: "conduit", "pump",
	// "orifice", "weir", "outlet" (SWMM) or "pipe", "pump", "valve" (EPANET).
	Kind string
	// Length in metres (from the model; the drawn line may differ).
	Length float64
	// Shape is the cross-section shape ("CIRCULAR", "RECT_CLOSED", …).
	Shape string
	// Diameter is the full height of the cross-section in metres (SWMM Geom1,
	// EPANET diameter).
	Diameter float64
	// Width is the cross-section width in metres for non-circular shapes (Geom2), else 0.
	Width float64
	// Roughness is Manning's n for SWMM conduits, the Hazen-Williams C (or the
	// Darcy-Weisbach roughness in mm, or Chezy-Manning n, as the model's
	// HEADLOSS option says) for EPANET pipes.
	Roughness float64
	// InvertFrom and InvertTo are the absolute elevations of the pipe bottom at
	// its From and To ends, metres.
	InvertFrom, InvertTo float64
	// GroundFrom and GroundTo are the absolute ground (rim) elevations above
	// the two ends, metres; NaN when unknown.
	GroundFrom, GroundTo float64
	Attrs                Attrs
}

var _ Feature = (*Pipe)(nil)

// FeatureID implements Feature.
func (p *Pipe) FeatureID() string { return p.ID }

// Geometry implements Feature.
func (p *Pipe) Geometry() orb.Geometry { return p.Line }

// ZRange implements Feature: from the lower invert to the higher crown.
func (p *Pipe) ZRange() (lo, hi float64) {
	return math.Min(p.InvertFrom, p.InvertTo), math.Max(p.InvertFrom, p.InvertTo) + p.Diameter
}

// At returns the invert elevation and the ground elevation at fraction t
// (0 at From, 1 at To) along the pipe, interpolated linearly. ground is NaN
// when the ground elevations are unknown.
func (p *Pipe) At(t float64) (invert, ground float64) {
	t = math.Max(0, math.Min(1, t))
	invert = p.InvertFrom + t*(p.InvertTo-p.InvertFrom)
	ground = p.GroundFrom + t*(p.GroundTo-p.GroundFrom)
	return invert, ground
}

// Properties implements Feature.
func (p *Pipe) Properties() map[string]any {
	m := map[string]any{
		"id": p.ID, "from": p.From, "to": p.To, "network": p.Network, "kind": p.Kind,
		"length": p.Length, "diameter": p.Diameter, "invert_from": p.InvertFrom, "invert_to": p.InvertTo,
	}
	if p.Shape != "" {
		m["shape"] = p.Shape
	}
	if p.Width != 0 {
		m["width"] = p.Width
	}
	if p.Roughness != 0 {
		m["roughness"] = p.Roughness
	}
	putFinite(m, "ground_from", p.GroundFrom)
	putFinite(m, "ground_to", p.GroundTo)
	return copyAttrs(m, p.Attrs)
}

func (p *Pipe) transform(fn PointFunc) { transformGeometry(p.Line, fn) }

// PipeNode is a node of an underground network: a manhole or junction, an
// outfall, a storage unit, a tank or a reservoir.
type PipeNode struct {
	ID      string
	Point   orb.Point
	Network string // NetworkSewer or NetworkWater
	// Kind is the source node type in lower case: "junction", "outfall",
	// "storage", "divider" (SWMM) or "junction", "reservoir", "tank" (EPANET).
	Kind string
	// Invert is the absolute elevation of the node's bottom, metres.
	Invert float64
	// MaxDepth is the depth from Invert to the rim (ground), metres; 0 when
	// unknown.
	MaxDepth float64
	// Ground is the absolute ground (rim) elevation, metres; NaN when unknown.
	Ground float64
	Attrs  Attrs
}

var _ Feature = (*PipeNode)(nil)

// FeatureID implements Feature.
func (n *PipeNode) FeatureID() string { return n.ID }

// Geometry implements Feature.
func (n *PipeNode) Geometry() orb.Geometry { return n.Point }

// ZRange implements Feature: from the invert to the ground (or the invert
// plus the maximum depth).
func (n *PipeNode) ZRange() (lo, hi float64) {
	hi = n.Ground
	if math.IsNaN(hi) {
		hi = n.Invert + n.MaxDepth
	}
	return n.Invert, hi
}

// Properties implements Feature.
func (n *PipeNode) Properties() map[string]any {
	m := map[string]any{"id": n.ID, "network": n.Network, "kind": n.Kind, "invert": n.Invert, "max_depth": n.MaxDepth}
	putFinite(m, "ground", n.Ground)
	return copyAttrs(m, n.Attrs)
}

func (n *PipeNode) transform(fn PointFunc) { n.Point = fn(n.Point) }
