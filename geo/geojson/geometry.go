package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"

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

// position is one GeoJSON position: x, y and an optional z.
type position struct {
	x, y, z float64
	dims    int
}

// UnmarshalJSON reads [x, y] or [x, y, z, …] (further numbers are ignored,
// as RFC 7946 §3.1.1 allows). b is already known to be valid JSON.
func (p *position) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return errBadPosition
	}
	p.dims = 0
	for rest := b[1 : len(b)-1]; len(bytes.TrimSpace(rest)) > 0; {
		var num []byte
		num, rest, _ = bytes.Cut(rest, []byte{','})
		v, err := strconv.ParseFloat(string(bytes.TrimSpace(num)), 64)
		switch {
		case errors.Is(err, strconv.ErrRange) && math.IsInf(v, 0):
			return errNonFiniteCoord
		case err != nil && !errors.Is(err, strconv.ErrRange):
			return errBadPosition
		}
		switch p.dims {
		case 0:
			p.x = v
		case 1:
			p.y = v
		case 2:
			p.z = v
		}
		p.dims++
	}
	if p.dims < 2 {
		return errBadPosition
	}
	return nil
}

func (p position) point() orb.Point { return orb.Point{p.x, p.y} }

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
	switch gj.Type {
	case "Point":
		var p position
		if err := unmarshalCoords(gj.Coordinates, &p); err != nil {
			return nil, z, err
		}
		if p.dims > 2 {
			z = p.z
		}
		return p.point(), z, nil
	case "MultiPoint":
		var ps []position
		err = unmarshalCoords(gj.Coordinates, &ps)
		return orb.MultiPoint(points(ps)), z, err
	case "LineString":
		var ps []position
		if err := unmarshalCoords(gj.Coordinates, &ps); err != nil {
			return nil, z, err
		}
		g, err = lineString(ps)
		return g, z, err
	case "MultiLineString":
		var pss [][]position
		if err := unmarshalCoords(gj.Coordinates, &pss); err != nil {
			return nil, z, err
		}
		g, err = multiLineString(pss)
		return g, z, err
	case "Polygon":
		var pss [][]position
		if err := unmarshalCoords(gj.Coordinates, &pss); err != nil {
			return nil, z, err
		}
		g, err = polygon(pss)
		return g, z, err
	}
	var psss [][][]position // MultiPolygon
	if err := unmarshalCoords(gj.Coordinates, &psss); err != nil {
		return nil, z, err
	}
	g, err = multiPolygon(psss)
	return g, z, err
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

// unmarshalCoords decodes a coordinates array. Every number goes through
// position.UnmarshalJSON, so encoding/json's own errors can only mean
// arrays nested to the wrong depth: they become errBadPosition.
func unmarshalCoords(raw json.RawMessage, dst any) error {
	return coordErr(json.Unmarshal(raw, dst))
}

func coordErr(err error) error {
	if err == nil || errors.Is(err, errBadPosition) || errors.Is(err, errNonFiniteCoord) {
		return err
	}
	return fmt.Errorf("%w: %v", errBadPosition, err) // wrong nesting depth
}

func isEmptyArray(raw json.RawMessage) bool {
	b := bytes.TrimSpace(raw)
	return len(b) >= 2 && b[0] == '[' && len(bytes.TrimSpace(b[1:len(b)-1])) == 0
}

func points(ps []position) []orb.Point {
	out := make([]orb.Point, len(ps))
	for i, p := range ps {
		out[i] = p.point()
	}
	return out
}

func lineString(ps []position) (orb.LineString, error) {
	if len(ps) < 2 {
		return nil, errShortLine
	}
	return orb.LineString(points(ps)), nil
}

func multiLineString(pss [][]position) (orb.MultiLineString, error) {
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

func ring(ps []position) (orb.Ring, error) {
	if len(ps) < 4 {
		return nil, errShortRing
	}
	r := orb.Ring(points(ps))
	if !r.Closed() {
		return nil, errUnclosedRing
	}
	return r, nil
}

func polygon(pss [][]position) (orb.Polygon, error) {
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

func multiPolygon(psss [][][]position) (orb.MultiPolygon, error) {
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
