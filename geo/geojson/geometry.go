package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Reasons a geometry is rejected. They become warnings, never errors: the
// feature is skipped and decoding goes on.
var (
	errNullGeometry    = errors.New("null geometry")
	errBadGeometry     = errors.New("malformed geometry object")
	errEmptyGeometry   = errors.New("empty geometry")
	errBadPosition     = errors.New("position is not an array of two or more numbers")
	errNonFiniteCoord  = errors.New("coordinate is not a finite number")
	errShortLine       = errors.New("line string has fewer than 2 positions")
	errShortRing       = errors.New("ring has fewer than 4 positions")
	errUnclosedRing    = errors.New("ring is not closed")
	errUnknownGeometry = errors.New("unknown geometry type")
	errDeepCollection  = errors.New("geometry collections nested too deep")
)

// maxCollectionDepth bounds GeometryCollection nesting (RFC 7946 §3.1.8
// advises against nesting at all).
const maxCollectionDepth = 8

// geometryJSON is a GeoJSON geometry object before its coordinates are read.
type geometryJSON struct {
	Type        string            `json:"type"`
	Coordinates json.RawMessage   `json:"coordinates"`
	Geometries  []json.RawMessage `json:"geometries"`
}

// parseGeometry reads a GeoJSON geometry object. z is the third coordinate of
// a Point, NaN for everything else. The error is one of the err… reasons
// above (possibly wrapped).
func parseGeometry(raw json.RawMessage, depth int) (g orb.Geometry, z float64, err error) {
	if isNull(raw) {
		return nil, math.NaN(), errNullGeometry
	}
	var gj geometryJSON
	if err := json.Unmarshal(raw, &gj); err != nil {
		return nil, math.NaN(), fmt.Errorf("%w: %v", errBadGeometry, err)
	}
	return gj.geometry(depth)
}

func (gj *geometryJSON) geometry(depth int) (g orb.Geometry, z float64, err error) {
	z = math.NaN()
	if gj.Type == "GeometryCollection" {
		g, err = parseCollection(gj.Geometries, depth)
		return g, z, err
	}
	if !knownGeometry(gj.Type) {
		return nil, z, fmt.Errorf("%w %q", errUnknownGeometry, gj.Type)
	}
	if isNull(gj.Coordinates) || isEmptyArray(gj.Coordinates) {
		return nil, z, errEmptyGeometry
	}
	p := &coordParser{b: gj.Coordinates}
	g, z, err = gj.coordinates(p)
	if err == nil {
		err = p.end()
	}
	if err != nil {
		return nil, math.NaN(), err
	}
	return g, z, nil
}

// coordinates reads the coordinates member for the geometry's type.
func (gj *geometryJSON) coordinates(p *coordParser) (orb.Geometry, float64, error) {
	nan := math.NaN()
	switch gj.Type {
	case "Point":
		pt, z, _, err := p.position()
		return pt, z, err
	case "MultiPoint":
		pts, err := p.points()
		return orb.MultiPoint(pts), nan, err
	case "LineString":
		pts, err := p.points()
		if err != nil {
			return nil, nan, err
		}
		l, err := lineString(pts)
		return l, nan, err
	case "MultiLineString":
		ls, err := p.lines()
		if err != nil {
			return nil, nan, err
		}
		ml, err := multiLineString(ls)
		return ml, nan, err
	case "Polygon":
		rs, err := p.lines()
		if err != nil {
			return nil, nan, err
		}
		pg, err := polygon(rs)
		return pg, nan, err
	}
	ps, err := p.polygons() // MultiPolygon
	if err != nil {
		return nil, nan, err
	}
	mp, err := multiPolygon(ps)
	return mp, nan, err
}

func knownGeometry(t string) bool {
	switch t {
	case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon":
		return true
	}
	return false
}

func parseCollection(members []json.RawMessage, depth int) (orb.Geometry, error) {
	if depth >= maxCollectionDepth {
		return nil, errDeepCollection
	}
	if len(members) == 0 {
		return nil, errEmptyGeometry
	}
	c := make(orb.Collection, 0, len(members))
	for i, m := range members {
		g, _, err := parseGeometry(m, depth+1)
		if err != nil {
			return nil, fmt.Errorf("member %d: %w", i, err)
		}
		c = append(c, g)
	}
	return c, nil
}

func isEmptyArray(raw json.RawMessage) bool {
	b := bytes.TrimSpace(raw)
	return len(b) >= 2 && b[0] == '[' && len(bytes.TrimSpace(b[1:len(b)-1])) == 0
}

func lineString(ps []orb.Point) (orb.LineString, error) {
	if len(ps) < 2 {
		return nil, errShortLine
	}
	return orb.LineString(ps), nil
}

func multiLineString(pss [][]orb.Point) (orb.MultiLineString, error) {
	ml := make(orb.MultiLineString, len(pss))
	for i, ps := range pss {
		l, err := lineString(ps)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i, err)
		}
		ml[i] = l
	}
	return ml, nil
}

func ring(ps []orb.Point) (orb.Ring, error) {
	if len(ps) < 4 {
		return nil, errShortRing
	}
	r := orb.Ring(ps)
	if !r.Closed() {
		return nil, errUnclosedRing
	}
	return r, nil
}

func polygon(pss [][]orb.Point) (orb.Polygon, error) {
	if len(pss) == 0 {
		return nil, errEmptyGeometry
	}
	p := make(orb.Polygon, len(pss))
	for i, ps := range pss {
		r, err := ring(ps)
		if err != nil {
			return nil, fmt.Errorf("ring %d: %w", i, err)
		}
		p[i] = r
	}
	return p, nil
}

func multiPolygon(psss [][][]orb.Point) (orb.MultiPolygon, error) {
	mp := make(orb.MultiPolygon, len(psss))
	for i, pss := range psss {
		p, err := polygon(pss)
		if err != nil {
			return nil, fmt.Errorf("polygon %d: %w", i, err)
		}
		mp[i] = p
	}
	return mp, nil
}
