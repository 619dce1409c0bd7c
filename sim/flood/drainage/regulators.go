package drainage

import "math"

// regulatorFlow sets the flow of a pump, orifice, weir or outlet for
// iteration it from the current node heads, with under-relaxation for all
// but pumps (SWMM 5's findNonConduitFlow).
func (s *Sim) regulatorFlow(l *link, dt float64, it int) {
	qLast := l.flow
	l.dqdh, l.sa1, l.sa2 = 0, 0, 0
	var q float64
	switch l.kind {
	case Pump:
		q = s.pumpFlow(l, dt)
	case Orifice:
		q = s.orificeFlow(l)
	case Weir:
		q = s.weirFlow(l)
	case Outlet:
		q = s.outletFlow(l)
	}
	if l.gated && q < 0 {
		q, l.dqdh = 0, 0
	}
	if it > 0 && l.kind != Pump {
		q = (1-omega)*qLast + omega*q
		if q*qLast < 0 {
			q = 0.001 * math.Copysign(1, q)
		}
	}
	l.flow = q
}

// heads returns the water-surface elevations at l's ends, m.
func (s *Sim) heads(l *link) (h1, h2 float64) {
	return s.nodes[l.n1].invert + s.nodes[l.n1].depth, s.nodes[l.n2].invert + s.nodes[l.n2].depth
}

// pumpFlow returns a pump's flow: an ideal pump passes its inlet node's
// inflow; curve pumps follow their PUMP1–PUMP4 curve. Startup and shutoff
// depths switch the pump; it never draws its inlet node below empty.
func (s *Sim) pumpFlow(l *link, dt float64) float64 {
	p := l.pump
	n1 := &s.nodes[l.n1]
	if p.startup > 0 || p.shutoff > 0 {
		if n1.depth > p.startup {
			p.on = true
		} else if n1.depth < p.shutoff {
			p.on = false
		}
	}
	if !p.on {
		return 0
	}
	if p.ideal {
		return n1.inflow
	}
	h1, h2 := s.heads(l)
	var q float64
	switch p.curveType {
	case "PUMP1":
		q = p.curve.step(n1.volume)
	case "PUMP2":
		q = p.curve.step(n1.depth)
	case "PUMP3":
		q = p.curve.at(h2 - h1)
	default: // PUMP4
		q = p.curve.at(n1.depth)
		l.dqdh = slopeAt(p.curve, n1.depth)
	}
	q = math.Max(q, 0)
	// do not empty the inlet node below zero over the step
	avail := n1.volume/dt + n1.inflow - (n1.outflow)
	if q > avail {
		q = math.Max(avail, 0)
	}
	return q
}

// slopeAt returns the slope of a piecewise-linear table at x.
func slopeAt(t table, x float64) float64 {
	const h = 1e-3
	return (t.at(x+h) - t.at(x-h)) / (2 * h)
}

// weirFlow returns a weir's flow: Q = Cw·L·h^1.5 (transverse, roadway),
// Cw·L·h^(5/3) (side flow), Cw·z·h^2.5 (V-notch) or their sum
// (trapezoidal), with Villemonte's submergence reduction
// (1 − (h2/h1)^1.5)^0.385 and an orifice law once the opening is full.
func (s *Sim) weirFlow(l *link) float64 {
	r := l.reg
	h1, h2 := s.heads(l)
	crest := s.nodes[l.n1].invert + r.crest
	dir := 1.0
	if h2 > h1 {
		h1, h2, dir = h2, h1, -1
	}
	hu := h1 - crest
	if hu <= fudge {
		return 0
	}
	hd := math.Max(h2-crest, 0)
	head := math.Min(hu, r.height)
	q := weirLaw(r, head)
	if hu > r.height && r.surch {
		// orifice-like flow through the full opening, continuous at h = height
		q *= math.Sqrt((hu - r.height/2) / (r.height / 2))
	}
	if hd > 0 {
		q *= math.Pow(math.Max(1-math.Pow(hd/hu, 1.5), 0), 0.385)
	}
	l.dqdh = 1.5 * q / hu
	return dir * q
}

func weirLaw(r *regSpec, h float64) float64 {
	switch r.typ {
	case "SIDEFLOW":
		return r.coef * math.Max(r.width-0.1*r.endCon*h, 0) * math.Pow(h, 5.0/3)
	case "V-NOTCH":
		return r.coef * r.slope * math.Pow(h, 2.5)
	case "TRAPEZOIDAL":
		return r.coef*r.width*math.Pow(h, 1.5) + r.coef2*r.slope*math.Pow(h, 2.5)
	default: // TRANSVERSE, ROADWAY
		return r.coef * math.Max(r.width-0.1*r.endCon*h, 0) * math.Pow(h, 1.5)
	}
}

// orificeFlow returns an orifice's flow: Cd·A·√(2g·Δh) when the opening is
// submerged, with the partly filled opening's area and its mid-depth head
// below that (side orifices).
func (s *Sim) orificeFlow(l *link) float64 {
	r := l.reg
	h1, h2 := s.heads(l)
	bottom := s.nodes[l.n1].invert + r.crest
	dir := 1.0
	if h2 > h1 {
		h1, h2, dir = h2, h1, -1
	}
	y := h1 - bottom
	if y <= fudge {
		return 0
	}
	var q float64
	if r.typ == "BOTTOM" || y >= r.height {
		centre := bottom
		if r.typ != "BOTTOM" {
			centre += r.height / 2
		}
		dh := h1 - math.Max(h2, centre)
		if dh <= 0 {
			return 0
		}
		q = r.coef * r.area * math.Sqrt(2*gravity*dh)
		l.dqdh = q / (2 * dh)
	} else {
		a := r.width * y
		if r.circ {
			a = (&xsect{kind: shapeCircular, yFull: r.height}).areaRaw(y)
		}
		q = r.coef * a * math.Sqrt(gravity*y)
		l.dqdh = 1.5 * q / y
	}
	return dir * q
}

// outletFlow returns an outlet's flow from its rating: Q = C·h^e or a
// curve, h the depth above the outlet (…/DEPTH) or the head difference
// (…/HEAD).
func (s *Sim) outletFlow(l *link) float64 {
	r := l.reg
	h1, h2 := s.heads(l)
	dir := 1.0
	var h float64
	if r.typ == "FUNCTIONAL/HEAD" || r.typ == "TABULAR/HEAD" {
		h = h1 - h2
		if h < 0 {
			h, dir = -h, -1
		}
	} else {
		h = h1 - (s.nodes[l.n1].invert + r.crest)
	}
	if h <= 0 {
		return 0
	}
	var q float64
	if r.typ[0] == 'F' {
		q = r.coef * math.Pow(h, r.expo)
	} else {
		q = r.curve.at(h)
	}
	l.dqdh = math.Max(q, 0) / h
	return dir * math.Max(q, 0)
}
