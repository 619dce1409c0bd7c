package geojson

import (
	"fmt"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"

	"twin/geo"
)

// kind is the Go type a layer's features decode to.
type kind int

const (
	kindGeneric kind = iota
	kindBuilding
	kindRoad
	kindRoadLink
	kindRoadNode
	kindRestriction
	kindPipe
	kindPipeNode
	kindSubcatchment
	kindRainGauge
)

// layerKind maps a layer name to the type its features become: "roads"
// holds one geo.Road per street, "links" the directed geo.RoadLinks of the
// road graph; sensors, units and every other layer hold *geo.Generic.
func layerKind(layer string) kind {
	switch layer {
	case geo.LayerBuildings:
		return kindBuilding
	case geo.LayerRoads:
		return kindRoad
	case geo.LayerLinks:
		return kindRoadLink
	case geo.LayerRoadNodes:
		return kindRoadNode
	case geo.LayerRestrictions:
		return kindRestriction
	case geo.LayerPipes:
		return kindPipe
	case geo.LayerPipeNodes:
		return kindPipeNode
	case geo.LayerSubcatchments:
		return kindSubcatchment
	case geo.LayerRainGauges:
		return kindRainGauge
	}
	return kindGeneric
}

// IsTyped reports whether features decoded into layer become one of the
// typed geo values (Building, RoadLink, …) rather than *geo.Generic.
// Safe for concurrent use.
func IsTyped(layer string) bool { return layerKind(layer) != kindGeneric }

// builder makes one typed feature from a parsed one.
type builder struct {
	id    string
	geom  orb.Geometry
	crs   string
	props *props
}

// geometryError says that a layer cannot hold a geometry.
func (b *builder) geometryError(want string) error {
	got := "nil"
	if b.geom != nil {
		got = b.geom.GeoJSONType()
	}
	return fmt.Errorf("layer wants %s, got %s", want, got)
}

// polygons accepts a Polygon or a MultiPolygon.
func (b *builder) polygons() (orb.MultiPolygon, error) {
	switch g := b.geom.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{g}, nil
	case orb.MultiPolygon:
		return g, nil
	}
	return nil, b.geometryError("a Polygon or MultiPolygon")
}

// polygon accepts a Polygon or a MultiPolygon of one part.
func (b *builder) polygon() (orb.Polygon, error) {
	switch g := b.geom.(type) {
	case orb.Polygon:
		return g, nil
	case orb.MultiPolygon:
		if len(g) == 1 {
			return g[0], nil
		}
	}
	return nil, b.geometryError("a Polygon")
}

// line accepts a LineString or a MultiLineString of one part.
func (b *builder) line() (orb.LineString, error) {
	switch g := b.geom.(type) {
	case orb.LineString:
		return g, nil
	case orb.MultiLineString:
		if len(g) == 1 {
			return g[0], nil
		}
	}
	return nil, b.geometryError("a LineString")
}

// point accepts a Point or a MultiPoint of one point.
func (b *builder) point() (orb.Point, error) {
	switch g := b.geom.(type) {
	case orb.Point:
		return g, nil
	case orb.MultiPoint:
		if len(g) == 1 {
			return g[0], nil
		}
	}
	return orb.Point{}, b.geometryError("a Point")
}

// length measures g in metres: geodesic (haversine) in lon/lat, planar in
// a projected CRS.
func (b *builder) length(g orb.Geometry) float64 {
	if isLonLat(b.crs) {
		return orbgeo.Length(g)
	}
	return planar.Length(g)
}

// area measures g in m²: on the sphere in lon/lat, planar otherwise.
func (b *builder) area(g orb.Geometry) float64 {
	if isLonLat(b.crs) {
		return orbgeo.Area(g)
	}
	return planar.Area(g)
}

// numOr reads a number, or returns def when it is missing or unusable.
func (b *builder) numOr(key string, def float64) float64 {
	if v, ok := b.props.num(key); ok {
		return v
	}
	return def
}

// strOr reads a string, or returns def.
func (b *builder) strOr(key, def string) string {
	if v, ok := b.props.str(key); ok {
		return v
	}
	return def
}
