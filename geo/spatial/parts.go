package spatial

import "github.com/paulmach/orb"

// parts is a geometry decomposed into what the predicates test: isolated
// points, line strings (segments) and polygons (areas with boundaries).
type parts struct {
	points []orb.Point
	lines  []orb.LineString
	polys  []orb.Polygon
}

func decompose(g orb.Geometry, p *parts) {
	switch g := g.(type) {
	case orb.Point:
		p.points = append(p.points, g)
	case orb.MultiPoint:
		p.points = append(p.points, g...)
	case orb.LineString:
		if len(g) == 1 {
			p.points = append(p.points, g[0])
		} else if len(g) > 1 {
			p.lines = append(p.lines, g)
		}
	case orb.MultiLineString:
		for _, l := range g {
			decompose(l, p)
		}
	case orb.Ring:
		if len(g) > 0 {
			p.polys = append(p.polys, orb.Polygon{g})
		}
	case orb.Polygon:
		if len(g) > 0 && len(g[0]) > 0 {
			p.polys = append(p.polys, g)
		}
	case orb.MultiPolygon:
		for _, q := range g {
			decompose(q, p)
		}
	case orb.Bound:
		p.polys = append(p.polys, orb.Polygon{g.ToRing()})
	case orb.Collection:
		for _, c := range g {
			decompose(c, p)
		}
	}
}

// boundaries calls fn for every segment of p's lines and polygon rings,
// stopping when fn returns false. It reports whether it ran to the end.
func (p *parts) segments(fn func(a, b orb.Point) bool) bool {
	for _, l := range p.lines {
		for i := 0; i+1 < len(l); i++ {
			if !fn(l[i], l[i+1]) {
				return false
			}
		}
	}
	for _, q := range p.polys {
		for _, r := range q {
			n := len(r)
			for i := 0; i < n; i++ {
				j := i + 1
				if j == n {
					j = 0 // closes unclosed rings; a closed ring adds a zero segment
				}
				if !fn(r[i], r[j]) {
					return false
				}
			}
		}
	}
	return true
}

// vertices calls fn for every vertex of p until fn returns false.
func (p *parts) vertices(fn func(orb.Point) bool) bool {
	for _, q := range p.points {
		if !fn(q) {
			return false
		}
	}
	for _, l := range p.lines {
		for _, q := range l {
			if !fn(q) {
				return false
			}
		}
	}
	for _, q := range p.polys {
		for _, r := range q {
			for _, v := range r {
				if !fn(v) {
					return false
				}
			}
		}
	}
	return true
}

// inArea reports whether pt lies in one of p's polygons (boundary included).
func (p *parts) inArea(pt orb.Point) bool {
	for _, q := range p.polys {
		if polygonContains(q, pt) {
			return true
		}
	}
	return false
}

// onLine reports whether pt lies on one of p's line strings.
func (p *parts) onLine(pt orb.Point) bool {
	for _, l := range p.lines {
		for i := 0; i+1 < len(l); i++ {
			if onSegment(l[i], l[i+1], pt) {
				return true
			}
		}
	}
	return false
}

// covers reports whether pt is on or in p (area, line or point).
func (p *parts) covers(pt orb.Point) bool {
	if p.inArea(pt) || p.onLine(pt) {
		return true
	}
	for _, q := range p.points {
		if q == pt {
			return true
		}
	}
	return false
}
