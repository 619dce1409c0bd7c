package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Feature is anything a World layer holds. Implementations are pointer types
// defined in this package; they are safe for concurrent reads once built and
// must not be mutated after they have been handed to the engine.
type Feature interface {
	// FeatureID returns the feature's identifier, unique within its layer.
	FeatureID() string
	// Geometry returns the 2D geometry in the feature's current CRS.
	Geometry() orb.Geometry
	// ZRange returns the lowest and highest absolute elevation the feature
	// occupies, in metres; both are NaN when unknown.
	ZRange() (lo, hi float64)
	// Properties returns the attributes written to GeoJSON: the typed fields
	// under their documented names plus the source attributes. The map is
	// freshly allocated; callers may modify it.
	Properties() map[string]any
	// transform applies fn to every coordinate of the feature in place.
	transform(fn PointFunc)
}

// PointFunc maps one 2D point to another, typically a projection.
type PointFunc func(orb.Point) orb.Point

// Transform applies fn to every 2D coordinate of f (geometry, 3D surfaces and
// anchor points) in place and returns f. It must only be called on features
// that have not yet been handed to the engine.
func Transform(f Feature, fn PointFunc) Feature {
	f.transform(fn)
	return f
}

// Attrs are a feature's source attributes: OSM tags, CityJSON attributes,
// the unparsed columns of an .inp line. Values are strings, float64, bool,
// nil, []any or map[string]any, as in JSON.
type Attrs map[string]any

// NaN is math.NaN(), spelled short for "unknown" elevations.
var NaN = math.NaN()

// copyAttrs returns dst with every entry of a added under its own name, unless
// dst already has that name (typed fields win over raw attributes).
func copyAttrs(dst map[string]any, a Attrs) map[string]any {
	for k, v := range a {
		if _, ok := dst[k]; !ok {
			dst[k] = v
		}
	}
	return dst
}

// putFinite stores v under k when it is a finite number; NaN (unknown) is left out.
func putFinite(m map[string]any, k string, v float64) {
	if !math.IsNaN(v) && !math.IsInf(v, 0) {
		m[k] = v
	}
}

// transformGeometry applies fn to every point of g in place.
func transformGeometry(g orb.Geometry, fn PointFunc) {
	switch g := g.(type) {
	case orb.Point:
		// value type: callers transform their own point fields.
	case orb.LineString:
		for i := range g {
			g[i] = fn(g[i])
		}
	case orb.Ring:
		for i := range g {
			g[i] = fn(g[i])
		}
	case orb.Polygon:
		for _, r := range g {
			transformGeometry(r, fn)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			transformGeometry(p, fn)
		}
	case orb.MultiLineString:
		for _, l := range g {
			transformGeometry(l, fn)
		}
	case orb.MultiPoint:
		for i := range g {
			g[i] = fn(g[i])
		}
	case orb.Collection:
		for _, c := range g {
			transformGeometry(c, fn)
		}
	}
}

// transformPoint transforms a point geometry held by value.
func transformPoint(g orb.Geometry, fn PointFunc) orb.Geometry {
	if p, ok := g.(orb.Point); ok {
		return fn(p)
	}
	transformGeometry(g, fn)
	return g
}
