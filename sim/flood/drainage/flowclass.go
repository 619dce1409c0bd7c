package drainage

import "math"

// flowClass classifies conduit l's flow from the depths at its ends,
// returning the class, the critical or normal depth that controls a free
// end (m) and the share of the downstream half's surface area given to
// the downstream node (SWMM 5's getFlowClass).
func (s *Sim) flowClass(l *link, q, h1, h2, y1, y2 float64) (class int, yc, fasnh float64) {
	n1, n2 := &s.nodes[l.n1], &s.nodes[l.n2]
	z1, z2 := l.off1, l.off2
	if n1.kind == Outfall {
		z1 = math.Max(0, z1-n1.depth)
	}
	if n2.kind == Outfall {
		z2 = math.Max(0, z2-n2.depth)
	}
	class, fasnh = classSubcritical, 1
	yc = (y1 + y2) / 2
	switch {
	case y1 > fudge && y2 > fudge:
		if q < 0 && z1 > 0 {
			yn, ycr := s.normCrit(l, q)
			if y1 < math.Min(yn, ycr) {
				class, yc = classUpCritical, math.Min(yn, ycr)
			}
		} else if q >= 0 && z2 > 0 {
			yn, ycr := s.normCrit(l, q)
			lo, hi := math.Min(yn, ycr), math.Max(yn, ycr)
			if y2 < lo {
				class, yc = classDnCritical, lo
			} else if y2 < hi {
				if hi-lo < fudge {
					fasnh = 0
				} else {
					fasnh = (hi - y2) / (hi - lo)
				}
			}
		}
	case y1 <= fudge && y2 <= fudge:
		class = classDry
	case y2 > fudge:
		if h2 < n1.invert+l.off1 {
			class = classUpDry
		} else if z1 > 0 {
			yn, ycr := s.normCrit(l, q)
			class, yc = classUpCritical, math.Min(yn, ycr)
		}
	default:
		if h1 < n2.invert+l.off2 {
			class = classDnDry
		} else if z2 > 0 {
			yn, ycr := s.normCrit(l, q)
			class, yc = classDnCritical, math.Min(yn, ycr)
		}
	}
	return class, yc, fasnh
}

// normCrit returns the normal and critical depths of |q| (m³/s per
// barrel) in conduit l, m.
func (s *Sim) normCrit(l *link, q float64) (yn, yc float64) {
	q = math.Abs(q)
	if l.beta > 0 {
		yn = l.xs.normalDepth(q / l.beta)
	} else {
		yn = l.xs.yFull
	}
	return yn, l.xs.criticalDepth(q)
}

// findSurfArea classifies conduit l and gives each end node its share of
// the conduit's free-surface area (sa1, sa2, m² per barrel); a free end is
// moved to its critical or normal depth (SWMM 5's findSurfArea).
func (s *Sim) findSurfArea(l *link, q float64, h1, h2, y1, y2 *float64) {
	xs := l.xs
	L := l.length
	d1, d2 := *y1, *y2
	yc, fasnh := (d1+d2)/2, 1.0
	if d1 >= xs.yFull && d2 >= xs.yFull {
		l.class = classSubcritical
	} else {
		l.class, yc, fasnh = s.flowClass(l, q, *h1, *h2, d1, d2)
	}
	l.sa1, l.sa2 = 0, 0
	mid := func(a, b float64) float64 { return math.Max((a+b)/2, fudge) }
	switch l.class {
	case classSubcritical, classSupercritical:
		wm := xs.width(mid(d1, d2))
		l.sa1 = (xs.width(d1) + wm) * L / 4
		l.sa2 = (wm + xs.width(d2)) * L / 4 * fasnh
	case classUpCritical:
		d1 = math.Max(yc, fudge)
		*h1 = s.nodes[l.n1].invert + l.off1 + d1
		l.sa2 = (xs.width(mid(d1, d2)) + xs.width(d2)) * L / 2
	case classDnCritical:
		d2 = math.Max(yc, fudge)
		*h2 = s.nodes[l.n2].invert + l.off2 + d2
		l.sa1 = (xs.width(d1) + xs.width(mid(d1, d2))) * L / 2
	case classUpDry:
		d1 = fudge
		wm := xs.width(mid(d1, d2))
		l.sa2 = (wm + xs.width(d2)) * L / 4
		if l.off1 <= 0 {
			l.sa1 = (xs.width(d1) + wm) * L / 4
		}
	case classDnDry:
		d2 = fudge
		wm := xs.width(mid(d1, d2))
		l.sa1 = (wm + xs.width(d1)) * L / 4
		if l.off2 <= 0 {
			l.sa2 = (xs.width(d2) + wm) * L / 4
		}
	case classDry:
		l.sa1 = fudge * L / 2
		l.sa2 = l.sa1
	}
	*y1, *y2 = d1, d2
}
