package drainage

import "math"

// Kinematic-wave weights of the four-point scheme: space weight wx on the
// downstream end; the time weighting is fully implicit so that each
// conduit's volume changes by exactly (inflow − outflow)·dt.
const wx = 0.6

// kwMinSlope floors conduit slopes in kinematic-wave mode (fraction).
const kwMinSlope = 1e-4

// topoOrder returns the links in an upstream-to-downstream order (Kahn's
// algorithm on the nodes; links in loops keep their input order at the
// end).
func (s *Sim) topoOrder() []int {
	indeg := make([]int, len(s.nodes))
	outLinks := make([][]int, len(s.nodes))
	for i, l := range s.links {
		indeg[l.n2]++
		outLinks[l.n1] = append(outLinks[l.n1], i)
	}
	queue := make([]int, 0, len(s.nodes))
	for i := range s.nodes {
		if indeg[i] == 0 {
			queue = append(queue, i)
		}
	}
	order := make([]int, 0, len(s.links))
	seen := make([]bool, len(s.links))
	for h := 0; h < len(queue); h++ {
		for _, li := range outLinks[queue[h]] {
			order = append(order, li)
			seen[li] = true
			n2 := s.links[li].n2
			if indeg[n2]--; indeg[n2] == 0 {
				queue = append(queue, n2)
			}
		}
	}
	for i := range s.links {
		if !seen[i] {
			order = append(order, i)
		}
	}
	return order
}

// kwStep advances the kinematic-wave solution by dt: nodes pass their
// inflow on at once (junctions hold no water; storage units route it
// through their volume), flow above a conduit's full capacity leaves its
// upstream node as overflow, and each conduit routes its inflow with the
// four-point kinematic-wave scheme (Manning normal flow, Newton-free
// bisection on the outlet area).
func (s *Sim) kwStep(dt float64) {
	for i := range s.nodes {
		n := &s.nodes[i]
		n.oldDepth, n.oldVolume = n.depth, n.volume
		n.inflow, n.outflow, n.overflow = math.Max(n.lat, 0), 0, 0
	}
	if s.outs == nil {
		s.outs, s.upConduits = s.outCount()
	}
	outs := s.outs
	for _, li := range s.order {
		l := &s.links[li]
		n1 := &s.nodes[l.n1]
		var qin float64
		if n1.kind == Storage {
			qin = s.kwStorageOutflow(l, dt)
		} else {
			qin = n1.inflow / float64(outs[l.n1])
		}
		q := qin
		if l.kind == Conduit {
			q = s.kwConduit(l, qin, dt)
			if over := qin - s.kwCapacity(l); over > 0 && n1.kind != Storage {
				n1.overflow += over
			}
		}
		l.oldFlow, l.flow = l.flow, q
		n1.outflow += qin
		s.nodes[l.n2].inflow += q
	}
	for i := range s.nodes {
		s.kwNode(i, dt, outs[i])
	}
}

// outCount returns the number of links leaving each node (at least 1)
// and the conduits leaving each node.
func (s *Sim) outCount() ([]int, [][]int) {
	c := make([]int, len(s.nodes))
	up := make([][]int, len(s.nodes))
	for i := range c {
		c[i] = 1
	}
	seen := make([]bool, len(s.nodes))
	for j, l := range s.links {
		if seen[l.n1] {
			c[l.n1]++
		}
		seen[l.n1] = true
		if l.kind == Conduit {
			up[l.n1] = append(up[l.n1], j)
		}
	}
	return c, up
}

// kwNode settles node i after its links: storage units change volume,
// other nodes keep no water (a node without outlet floods what it gets).
func (s *Sim) kwNode(i int, dt float64, outs int) {
	n := &s.nodes[i]
	switch n.kind {
	case Outfall:
		return
	case Storage:
		v := n.oldVolume + (n.inflow-n.outflow)*dt
		full := n.store.volume(n.fullDepth)
		if v > full {
			n.overflow += (v - full) / dt
			v = full
		}
		n.volume = math.Max(v, 0)
		n.depth = s.storageDepth(n, n.volume)
		return
	}
	if n.outflow == 0 && n.inflow > 0 {
		n.overflow += n.inflow
	}
	y := 0.0
	for _, j := range s.upConduits[i] {
		y = math.Max(y, s.links[j].depth)
	}
	n.depth = y
}

// storageDepth inverts a storage unit's volume curve by bisection, m.
func (s *Sim) storageDepth(n *node, v float64) float64 {
	lo, hi := 0.0, n.fullDepth
	for range 50 {
		mid := (lo + hi) / 2
		if n.store.volume(mid) < v {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// kwStorageOutflow returns the flow a storage unit releases into link l
// over the step: an ideal pump takes the inflow, other links their
// capacity at the current depth, never more than the water available.
func (s *Sim) kwStorageOutflow(l *link, dt float64) float64 {
	n := &s.nodes[l.n1]
	var q float64
	switch l.kind {
	case Conduit:
		y := n.depth - l.off1
		if y > 0 {
			y = math.Min(y, l.xs.ySMx)
			q = l.beta * l.xs.area(y) * math.Pow(l.xs.hydRad(y), 2.0/3) * l.barrels
		}
	case Pump:
		q = s.pumpFlow(l, dt)
	case Orifice:
		q = s.orificeFlow(l)
	case Weir:
		q = s.weirFlow(l)
	case Outlet:
		q = s.outletFlow(l)
	}
	avail := n.oldVolume/dt + n.inflow - n.outflow
	return math.Max(math.Min(q, avail), 0)
}

// kwCapacity returns conduit l's largest normal flow, m³/s (all barrels).
func (s *Sim) kwCapacity(l *link) float64 { return l.kwBeta() * l.xs.sMax * l.barrels }

func (l *link) kwBeta() float64 {
	return math.Sqrt(math.Max(math.Abs(l.slope), kwMinSlope)) / l.rough
}

// kwConduit routes inflow qin (m³/s, all barrels) through conduit l and
// returns its outflow. State: a1 holds the inlet area, a2 the outlet area.
func (s *Sim) kwConduit(l *link, qin, dt float64) float64 {
	xs, beta, L := l.xs, l.kwBeta(), l.length
	qMax := beta * xs.sMax
	q1 := math.Min(qin/l.barrels, qMax)
	if q1 <= 0 && l.volume <= 0 {
		l.a1, l.a2, l.depth = 0, 0, 0
		return 0
	}
	a1o, a2o := l.a1, l.a2
	a1 := xs.area(xs.normalDepth(q1 / beta))
	rhs := wx/dt*a2o - (1-wx)/dt*(a1-a1o) + q1/L
	var y2, a2 float64
	if rhs > 0 {
		y2 = kwSolve(xs, wx/dt, beta/L, rhs)
		a2 = xs.area(y2)
	}
	q2 := beta * a2 * math.Pow(xs.hydRad(y2), 2.0/3)
	// the stored volume follows continuity exactly, (q1 − q2)·dt, so the
	// scheme's geometric approximations never create or lose water
	v := l.volume/l.barrels + (q1-q2)*dt
	if v < 0 {
		q2 += v / dt
		v = 0
	}
	l.a1, l.a2 = a1, a2
	l.depth = (xs.normalDepth(q1/beta) + y2) / 2
	l.volume = v * l.barrels
	return q2 * l.barrels
}

// kwSolve returns the depth y in [0, ySMx] with ka·A(y) + kq·S(y) = rhs
// (S the section factor): bracketed on the section's tables, then
// refined by secant steps on the exact functions.
func kwSolve(xs *xsect, ka, kq, rhs float64) float64 {
	kMax := int(math.Round(xs.ySMx / xs.yFull * tabN))
	F := func(k int) float64 { return ka*xs.a[k] + kq*xs.s[k] }
	if F(kMax) <= rhs {
		return xs.ySMx
	}
	lo, hi := 0, kMax
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if F(m) < rhs {
			lo = m
		} else {
			hi = m
		}
	}
	dy := xs.yFull / tabN
	ya, yb := float64(lo)*dy, float64(hi)*dy
	f := func(y float64) float64 {
		a := xs.area(y)
		return ka*a + kq*a*math.Pow(xs.hydRad(y), 2.0/3) - rhs
	}
	fa, fb := F(lo)-rhs, F(hi)-rhs
	for range 4 {
		if fb == fa {
			break
		}
		y := yb - fb*(yb-ya)/(fb-fa)
		y = math.Min(math.Max(y, float64(lo)*dy), float64(hi)*dy)
		ya, fa = yb, fb
		yb, fb = y, f(y)
		if math.Abs(fb) <= 1e-12*rhs {
			break
		}
	}
	return yb
}
