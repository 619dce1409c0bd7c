package geojson

import (
	"math"

	"github.com/paulmach/orb"

	"twin/geo"
)

// coordWriter formats coordinates: it projects each point, rounds it to the
// precision, and grows the bound of what it has written.
type coordWriter struct {
	project geo.PointFunc
	prec    int
	bound   orb.Bound
	empty   bool // nothing written since reset
	bad     bool // a non-finite coordinate was met
}

func (c *coordWriter) reset() { c.empty, c.bad = true, false }

func (c *coordWriter) point(b []byte, p orb.Point, z float64) []byte {
	if c.project != nil {
		p = c.project(p)
	}
	if !finite(p[0]) || !finite(p[1]) {
		c.bad = true
		return b
	}
	if c.empty {
		c.bound, c.empty = orb.Bound{Min: p, Max: p}, false
	} else {
		c.bound = c.bound.Extend(p)
	}
	b = append(b, '[')
	b = appendFixed(b, p[0], c.prec)
	b = append(b, ',')
	b = appendFixed(b, p[1], c.prec)
	if finite(z) {
		b = append(b, ',')
		b = appendFixed(b, z, c.prec)
	}
	return append(b, ']')
}

// xy writes p without a third coordinate.
func (c *coordWriter) xy(b []byte, p orb.Point) []byte { return c.point(b, p, math.NaN()) }

func (c *coordWriter) points(b []byte, ps []orb.Point) []byte { return appendList(b, ps, c.xy) }

// ring writes r, closing it when the last point differs from the first.
func (c *coordWriter) ring(b []byte, r orb.Ring) []byte {
	b = c.points(b, r)
	if len(r) > 0 && !r.Closed() {
		b = b[:len(b)-1]
		b = append(b, ',')
		b = c.xy(b, r[0])
		b = append(b, ']')
	}
	return b
}

func (c *coordWriter) polygon(b []byte, p orb.Polygon) []byte { return appendList(b, p, c.ring) }

// geometry writes g as a GeoJSON geometry object (null for nil or empty
// geometry). z is written as the third coordinate of a Point when finite.
func (c *coordWriter) geometry(b []byte, g orb.Geometry, z float64) []byte {
	if g == nil || isEmpty(g) {
		return append(b, "null"...)
	}
	if bd, ok := g.(orb.Bound); ok {
		g = bd.ToPolygon()
	}
	if r, ok := g.(orb.Ring); ok {
		g = orb.Polygon{r}
	}
	b = append(b, `{"type":`...)
	b = appendString(b, g.GeoJSONType())
	if col, ok := g.(orb.Collection); ok {
		b = append(b, `,"geometries":`...)
		b = appendList(b, col, func(b []byte, m orb.Geometry) []byte { return c.geometry(b, m, math.NaN()) })
		return append(b, '}')
	}
	b = append(b, `,"coordinates":`...)
	switch g := g.(type) {
	case orb.Point:
		b = c.point(b, g, z)
	case orb.MultiPoint:
		b = c.points(b, g)
	case orb.LineString:
		b = c.points(b, g)
	case orb.MultiLineString:
		b = appendList(b, g, func(b []byte, l orb.LineString) []byte { return c.points(b, l) })
	case orb.Polygon:
		b = c.polygon(b, g)
	case orb.MultiPolygon:
		b = appendList(b, g, c.polygon)
	}
	return append(b, '}')
}

// appendList writes xs as a JSON array, each element by elem.
func appendList[T any](b []byte, xs []T, elem func([]byte, T) []byte) []byte {
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = elem(b, x)
	}
	return append(b, ']')
}

// isEmpty reports whether g has no parts at all.
func isEmpty(g orb.Geometry) bool {
	switch g := g.(type) {
	case orb.MultiPoint:
		return len(g) == 0
	case orb.LineString:
		return len(g) == 0
	case orb.Ring:
		return len(g) == 0
	case orb.MultiLineString:
		return len(g) == 0
	case orb.Polygon:
		return len(g) == 0
	case orb.MultiPolygon:
		return len(g) == 0
	case orb.Collection:
		return len(g) == 0
	}
	return false
}

// appendBBox writes [minx,miny,maxx,maxy].
func (c *coordWriter) appendBBox(b []byte, bd orb.Bound) []byte {
	vs := [4]float64{bd.Min[0], bd.Min[1], bd.Max[0], bd.Max[1]}
	return appendList(b, vs[:], func(b []byte, v float64) []byte { return appendFixed(b, v, c.prec) })
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
