package drainage

import "math"

// Flow classes of a conduit (SWMM 5's).
const (
	classDry = iota
	classUpDry
	classDnDry
	classSubcritical
	classSupercritical
	classUpCritical
	classDnCritical
)

// maxVelocity caps the velocity in the momentum terms, m/s (SWMM's 50 ft/s).
const maxVelocity = 50 * 0.3048

func (s *Sim) initConduitState(l *link) {
	h1 := s.nodes[l.n1].invert + s.nodes[l.n1].depth
	h2 := s.nodes[l.n2].invert + s.nodes[l.n2].depth
	y1 := math.Max(h1-s.nodes[l.n1].invert-l.off1, 0)
	y2 := math.Max(h2-s.nodes[l.n2].invert-l.off2, 0)
	y := math.Min((y1+y2)/2, l.xs.yFull)
	if l.q1 > 0 && y == 0 {
		y = l.xs.normalDepth(l.q1 / l.beta)
	}
	l.a1 = l.xs.area(y)
	l.a2 = l.a1
	l.depth = y
	l.volume = l.a1 * l.length * l.barrels
	l.outVol, l.accVol = 0, 0
	if s.nodes[l.n1].kind == Outfall || s.nodes[l.n2].kind == Outfall {
		l.outVol = l.volume / 2
		l.accVol = l.outVol
	}
	l.class = classDry
}

// stagedSurfArea gives the node at the far end of a conduit from a staged
// outfall the free surface that matches the conduit's volume there: with
// the outfall's half held by the stage, the conduit's water changes by
// half the length × the top width at that end (y1 or y2, m) per metre of
// rise, and the node's continuity must store what the mass balance will
// find in the conduit.
func (s *Sim) stagedSurfArea(l *link, y1, y2 float64) {
	switch {
	case s.nodes[l.n2].kind == Outfall && s.nodes[l.n2].staged && l.sa1 > 0:
		l.sa1 = l.xs.width(y1) * l.length / 2
	case s.nodes[l.n1].kind == Outfall && s.nodes[l.n1].staged && l.sa2 > 0:
		l.sa2 = l.xs.width(y2) * l.length / 2
	}
}

// setVolume sets conduit l's volume, m³, from its end areas a1 and a2 (m²
// per barrel): mean end area × length × barrels, of which the half next
// to an outfall holds that end's area × half the length × barrels.
func (s *Sim) setVolume(l *link, a1, a2 float64) {
	l.volume = (a1 + a2) / 2 * l.length * l.barrels
	switch {
	case s.nodes[l.n2].kind == Outfall:
		l.outVol = a2 * l.length / 2 * l.barrels
	case s.nodes[l.n1].kind == Outfall:
		l.outVol = a1 * l.length / 2 * l.barrels
	}
}

// conduitFlow solves the momentum equation of conduit l for a step of dt
// seconds at Picard iteration it: SWMM 5's finite-difference form
//
//	Q = (Qold − ΔQgrav + ΔQinert) / (1 + ΔQfric + ΔQloss)
//
// with friction g·n²·|V|/R^(4/3)·dt, the water-surface slope term
// g·A·(H2−H1)/L·dt, inertial terms damped by the Froude number, upstream
// weighting of A and R, and the normal-flow limit.
func (s *Sim) conduitFlow(l *link, dt float64, it int) {
	xs := l.xs
	n1, n2 := &s.nodes[l.n1], &s.nodes[l.n2]
	z1, z2 := n1.invert+l.off1, n2.invert+l.off2
	h1 := math.Max(n1.invert+n1.depth, z1)
	h2 := math.Max(n2.invert+n2.depth, z2)
	y1 := math.Min(math.Max(h1-z1, fudge), xs.yFull)
	y2 := math.Min(math.Max(h2-z2, fudge), xs.yFull)
	qLast := l.q1
	qOld := l.oldFlow / l.barrels
	aOld := math.Max(l.a2, fudge)
	length := l.length

	s.findSurfArea(l, qLast, &h1, &h2, &y1, &y2)
	s.stagedSurfArea(l, y1, y2)
	a1, a2 := xs.area(y1), xs.area(y2)
	r1 := xs.hydRad(y1)
	yMid := 0.5 * (y1 + y2)
	aMid, rMid := xs.area(yMid), xs.hydRad(yMid)
	isFull := y1 >= xs.yFull && y2 >= xs.yFull

	if l.class == classDry || l.class == classUpDry || l.class == classDnDry || aMid <= fudge {
		l.a1, l.q1, l.flow, l.froude = 0.5*(a1+a2), 0, 0, 0
		l.dqdh = gravity * dt * aMid / length * l.barrels
		l.depth = math.Min(yMid, xs.yFull)
		s.setVolume(l, a1, a2)
		return
	}
	v := qLast / aMid
	if math.Abs(v) > maxVelocity {
		v = math.Copysign(maxVelocity, qLast)
	}
	l.froude = froude(xs, v, yMid)
	if l.class == classSubcritical && l.froude > 1 {
		l.class = classSupercritical
	}
	sigma := 1.0
	switch {
	case l.froude >= 1:
		sigma = 0
	case l.froude > 0.5:
		sigma = 2 * (1 - l.froude)
	}
	rho := 1.0
	if !isFull && qLast > 0 && h1 >= h2 {
		rho = sigma
	}
	aWtd := a1 + (aMid-a1)*rho
	rWtd := r1 + (rMid-r1)*rho
	if isFull && !xs.open {
		sigma = 0
	}
	dq1 := dt * l.rf / math.Pow(rWtd, 4.0/3) * math.Abs(v)
	dq2 := dt * gravity * aWtd * (h2 - h1) / length
	dq3, dq4 := 0.0, 0.0
	if sigma > 0 {
		dq3 = 2 * v * (aMid - aOld) * sigma
		dq4 = dt * v * v * (a2 - a1) / length * sigma
	}
	dq5 := 0.0
	if l.hasLoss {
		dq5 = localLosses(l, a1, a2, aMid, qLast) / 2 / length * dt
	}
	denom := 1 + dq1 + dq5
	q := (qOld - dq2 + dq3 + dq4) / denom
	l.dqdh = 1 / denom * gravity * dt * aWtd / length * l.barrels
	if q > 0 && y1 < xs.yFull && (l.class == classSubcritical || l.class == classSupercritical) {
		q = s.checkNormalFlow(l, q, y1, y2, a1, r1)
	}
	q = s.limitFlow(l, q, qLast, it)
	l.a1, l.q1 = aMid, q
	l.depth = math.Min(yMid, xs.yFull)
	s.setVolume(l, a1, a2)
	l.flow = q * l.barrels
}

// limitFlow applies under-relaxation (no change of sign without passing
// zero), the user's flow limit, a flap gate, and no flow out of a dry node.
func (s *Sim) limitFlow(l *link, q, qLast float64, it int) float64 {
	if it > 0 {
		q = (1-omega)*qLast + omega*q
		if q*qLast < 0 {
			q = 0.001 * math.Copysign(1, q)
		}
	}
	if l.qLimit > 0 && math.Abs(q) > l.qLimit/l.barrels {
		q = math.Copysign(l.qLimit/l.barrels, q)
	}
	if l.gated && q < 0 {
		q = 0
	}
	if q > fudge && s.nodes[l.n1].depth <= fudge {
		q = fudge
	}
	if q < -fudge && s.nodes[l.n2].depth <= fudge {
		q = -fudge
	}
	return q
}

// froude returns the Froude number of velocity v (m/s) at depth y (m);
// 0 for a full closed section.
func froude(xs *xsect, v, y float64) float64 {
	if !xs.open && y >= xs.yFull*crownCutoff {
		return 0
	}
	a, w := xs.area(y), xs.width(y)
	if w <= 0 || a <= 0 {
		return 0
	}
	return math.Abs(v) / math.Sqrt(gravity*a/w)
}

func localLosses(l *link, a1, a2, aMid, q float64) float64 {
	q = math.Abs(q)
	loss := 0.0
	if a1 > fudge {
		loss += l.lossIn * q / a1
	}
	if a2 > fudge {
		loss += l.lossOut * q / a2
	}
	if aMid > fudge {
		loss += l.lossAvg * q / aMid
	}
	return loss
}

// checkNormalFlow limits q to Manning's normal flow at the upstream end
// when the water surface slopes less than the conduit or the upstream end
// is supercritical (SWMM's NORMAL_FLOW_LIMITED BOTH).
func (s *Sim) checkNormalFlow(l *link, q, y1, y2, a1, r1 float64) float64 {
	hasOutfall := s.nodes[l.n1].kind == Outfall || s.nodes[l.n2].kind == Outfall
	check := y1 < y2
	if !check && !hasOutfall && y1 > fudge && y2 > fudge {
		check = froude(l.xs, q/a1, y1) >= 1
	}
	if check {
		if qn := l.beta * a1 * math.Pow(r1, 2.0/3); qn < q {
			return qn
		}
	}
	return q
}
