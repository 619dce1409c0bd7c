package geo

import "github.com/paulmach/orb"

// Generic is a feature with free-form properties: a sensor, a unit, an
// incident, or any GeoJSON feature loaded into a layer.
type Generic struct {
	ID   string
	Geom orb.Geometry
	// Z is the feature's elevation in metres, NaN when unknown.
	Z     float64
	Props map[string]any
}

var _ Feature = (*Generic)(nil)

// FeatureID implements Feature.
func (g *Generic) FeatureID() string { return g.ID }

// Geometry implements Feature.
func (g *Generic) Geometry() orb.Geometry { return g.Geom }

// ZRange implements Feature.
func (g *Generic) ZRange() (lo, hi float64) { return g.Z, g.Z }

// Properties implements Feature.
func (g *Generic) Properties() map[string]any {
	m := make(map[string]any, len(g.Props)+1)
	for k, v := range g.Props {
		m[k] = v
	}
	return m
}

func (g *Generic) transform(fn PointFunc) { g.Geom = transformPoint(g.Geom, fn) }
