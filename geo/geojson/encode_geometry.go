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

func (c *coordWriter) points(b []byte, ps []orb.Point) []byte {
	b = append(b, '[')
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = c.point(b, p, math.NaN())
	}
	return append(b, ']')
}

// ring writes r, closing it when the last point differs from the first.
func (c *coordWriter) ring(b []byte, r orb.Ring) []byte {
	b = c.points(b, r)
	if len(r) > 0 && !r.Closed() {
		b = b[:len(b)-1]
		b = append(b, ',')
		b = c.point(b, r[0], math.NaN())
		b = append(b, ']')
	}
	return b
}

func (c *coordWriter) polygon(b []byte, p orb.Polygon) []byte {
	b = append(b, '[')
	for i, r := range p {
		if i > 0 {
			b = append(b, ',')
		}
		b = c.ring(b, r)
	}
	return append(b, ']')
}

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
		b = append(b, `,"geometries":[`...)
		for i, m := range col {
			if i > 0 {
				b = append(b, ',')
			}
			b = c.geometry(b, m, math.NaN())
		}
		return append(b, "]}"...)
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
		b = append(b, '[')
		for i, l := range g {
			if i > 0 {
				b = append(b, ',')
			}
			b = c.points(b, l)
		}
		b = append(b, ']')
	case orb.Polygon:
		b = c.polygon(b, g)
	case orb.MultiPolygon:
		b = append(b, '[')
		for i, p := range g {
			if i > 0 {
				b = append(b, ',')
			}
			b = c.polygon(b, p)
		}
		b = append(b, ']')
	}
	return append(b, '}')
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
	b = append(b, '[')
	for i, v := range [4]float64{bd.Min[0], bd.Min[1], bd.Max[0], bd.Max[1]} {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendFixed(b, v, c.prec)
	}
	return append(b, ']')
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
