package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Point3 is a 3D coordinate: X and Y in the feature's CRS, Z elevation in metres.
type Point3 [3]float64

// Surface is one planar 3D polygon of a building's boundary (CityJSON LoD1/LoD2):
// the first ring is the outer boundary, the rest are holes.
type Surface struct {
	// Type is the CityJSON semantic surface type ("RoofSurface",
	// "WallSurface", "GroundSurface", …) or "" when none was given.
	Type  string
	Rings [][]Point3
}

// Building is a building or building part with its footprint and heights.
type Building struct {
	ID string
	// Footprint is the 2D outline; OSM multipolygon relations and CityJSON
	// buildings with several ground parts give more than one polygon.
	Footprint orb.MultiPolygon
	// Ground is the absolute elevation of the building's base in metres
	// (NaN when unknown; the engine fills it from terrain).
	Ground float64
	// MinHeight is the height above Ground where the building starts (OSM
	// min_height, e.g. for overhangs and bridges' upper floors), metres.
	MinHeight float64
	// Height is the height of the roof top above Ground, metres.
	Height float64
	// HeightSource says where Height came from: "height", "levels",
	// "default" (per building type), "lod" (3D geometry) or "attribute".
	HeightSource string
	// Levels is the number of storeys when known, else 0.
	Levels int
	// Type is the building class: OSM building=* value or CityJSON type.
	Type string
	// Parent is the ID of the parent building for a BuildingPart, else "".
	Parent string
	// LoD is the level of detail of Surfaces ("1", "1.2", "2.2", …), "" if none.
	LoD string
	// Surfaces are the 3D boundary surfaces for rendering; nil for 2.5D data.
	Surfaces []Surface
	Attrs    Attrs
}

var _ Feature = (*Building)(nil)

// FeatureID implements Feature.
func (b *Building) FeatureID() string { return b.ID }

// Geometry implements Feature: the footprint, as a Polygon when it has one part.
func (b *Building) Geometry() orb.Geometry {
	if len(b.Footprint) == 1 {
		return b.Footprint[0]
	}
	return b.Footprint
}

// ZRange implements Feature: from Ground+MinHeight to Ground+Height.
func (b *Building) ZRange() (lo, hi float64) {
	return b.Ground + b.MinHeight, b.Ground + b.Height
}

// FloorArea returns the footprint area times the number of storeys in m²
// (storeys from Levels, else Height/3 m, at least 1). The footprint must be
// in a metric CRS.
func (b *Building) FloorArea() float64 {
	var a float64
	for _, p := range b.Footprint {
		a += polygonArea(p)
	}
	levels := float64(b.Levels)
	if levels <= 0 {
		levels = math.Max(1, math.Round((b.Height-b.MinHeight)/LevelHeight))
	}
	return a * levels
}

// Properties implements Feature.
func (b *Building) Properties() map[string]any {
	m := map[string]any{"id": b.ID, "height": b.Height, "height_source": b.HeightSource}
	if b.MinHeight != 0 {
		m["min_height"] = b.MinHeight
	}
	putFinite(m, "ground", b.Ground)
	if b.Levels > 0 {
		m["levels"] = b.Levels
	}
	if b.Type != "" {
		m["type"] = b.Type
	}
	if b.Parent != "" {
		m["parent"] = b.Parent
	}
	if b.LoD != "" {
		m["lod"] = b.LoD
	}
	return copyAttrs(m, b.Attrs)
}

func (b *Building) transform(fn PointFunc) {
	transformGeometry(b.Footprint, fn)
	for _, s := range b.Surfaces {
		for _, r := range s.Rings {
			for i, p := range r {
				q := fn(orb.Point{p[0], p[1]})
				r[i] = Point3{q[0], q[1], p[2]}
			}
		}
	}
}

// LevelHeight is the storey height in metres used to turn building:levels
// into a height when no height is tagged (the common OSM 3D convention).
const LevelHeight = 3.0

// polygonArea is the planar area of p (outer ring minus holes), in squared units.
func polygonArea(p orb.Polygon) float64 {
	var a float64
	for i, r := range p {
		ra := math.Abs(ringArea(r))
		if i == 0 {
			a += ra
		} else {
			a -= ra
		}
	}
	return a
}

func ringArea(r orb.Ring) float64 {
	var s float64
	for i := 0; i+1 < len(r); i++ {
		s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return s / 2
}
