package drainage

import "math"

// omega is the under-relaxation weight of the Picard iterations (SWMM 5).
const omega = 0.5

// dwStep advances the dynamic-wave solution by dt seconds: Picard
// iterations of the conduit momentum equations and the node continuity
// equations until node depths change by less than HeadTol (at least two
// iterations, at most MaxTrials), as SWMM 5's dynwave_execute.
func (s *Sim) dwStep(dt float64) {
	for i := range s.nodes {
		n := &s.nodes[i]
		n.oldDepth, n.oldVolume, n.converged, n.dydt = n.depth, n.volume, false, 0
	}
	for i := range s.links {
		l := &s.links[i]
		l.oldFlow, l.a2, l.bypassed = l.flow, l.a1, false
	}
	conv := false
	it := 0
	for it < s.opt.MaxTrials {
		s.initNodeStates()
		s.findLinkFlows(dt, it)
		conv = s.findNodeDepths(dt, it)
		it++
		if it > 1 {
			if conv {
				break
			}
			for i := range s.links {
				l := &s.links[i]
				l.bypassed = s.nodes[l.n1].converged && s.nodes[l.n2].converged
			}
		}
	}
	s.iters += it
	for i := range s.nodes {
		n := &s.nodes[i]
		n.oldNetInflow = n.inflow - n.outflow
	}
}

// initNodeStates resets each node's surface area and flow sums for an
// iteration, starting them from the lateral inflow.
func (s *Sim) initNodeStates() {
	for i := range s.nodes {
		n := &s.nodes[i]
		n.surfArea = 0
		if n.kind == Storage {
			n.surfArea = n.store.area(n.depth)
		}
		n.surfArea = math.Max(n.surfArea, s.opt.MinSurfArea)
		n.inflow, n.outflow, n.sumdqdh = 0, 0, 0
		if n.lat >= 0 {
			n.inflow = n.lat
		} else {
			n.outflow = -n.lat
		}
	}
}

// findLinkFlows updates conduit flows, then non-conduit flows, adding
// each link's flow, surface area and dQ/dH to its end nodes.
func (s *Sim) findLinkFlows(dt float64, it int) {
	for i := range s.links {
		l := &s.links[i]
		if l.kind == Conduit && !l.bypassed {
			s.conduitFlow(l, dt, it)
		}
	}
	for i := range s.links {
		if s.links[i].kind == Conduit {
			s.updateNodeFlows(&s.links[i])
		}
	}
	for i := range s.links {
		l := &s.links[i]
		if l.kind != Conduit {
			if !l.bypassed {
				s.regulatorFlow(l, dt, it)
			}
			s.updateNodeFlows(l)
		}
	}
}

func (s *Sim) updateNodeFlows(l *link) {
	n1, n2 := &s.nodes[l.n1], &s.nodes[l.n2]
	if q := l.flow; q >= 0 {
		n1.outflow += q
		n2.inflow += q
	} else {
		n1.inflow -= q
		n2.outflow -= q
	}
	// an outfall solves no continuity: the conduit's half next to it is
	// given to the other end, so that its water is accounted for, unless
	// the outfall's stage holds the water there (staged): then that half
	// fills and drains with the stage, and the mass balance counts its
	// change as water passing the outfall (account)
	sa1, sa2 := l.sa1, l.sa2
	if n2.kind == Outfall {
		sa1, sa2 = sa1+sa2, 0
		if n2.staged {
			sa1 = l.sa1
		}
	} else if n1.kind == Outfall {
		sa1, sa2 = 0, sa1+sa2
		if n1.staged {
			sa2 = l.sa2
		}
	}
	// a storage unit whose surface is above a conduit's crown gets no free
	// surface from it: the submerged pipe end holds a fixed volume
	if l.xs != nil {
		if n1.kind == Storage && n1.depth >= l.off1+l.xs.yFull {
			sa1 = 0
		}
		if n2.kind == Storage && n2.depth >= l.off2+l.xs.yFull {
			sa2 = 0
		}
	}
	n1.surfArea += sa1 * l.barrels
	n2.surfArea += sa2 * l.barrels
	n1.sumdqdh += l.dqdh
	if !(l.kind == Pump && l.pump.curveType == "PUMP4") {
		n2.sumdqdh += l.dqdh
	}
}

// findNodeDepths sets outfall depths, then every other node's depth from
// its continuity equation; it reports whether all depths changed by less
// than HeadTol since the last iteration.
func (s *Sim) findNodeDepths(dt float64, it int) bool {
	for i := range s.links {
		s.setOutfallDepth(&s.links[i])
	}
	conv := true
	for i := range s.nodes {
		n := &s.nodes[i]
		if n.kind == Outfall {
			continue
		}
		prev := n.depth
		s.setNodeDepth(i, dt, it)
		n.converged = math.Abs(prev-n.depth) <= s.opt.HeadTol
		conv = conv && n.converged
	}
	return conv
}

// setNodeDepth solves node i's continuity: by surface area when the water
// is below the crown of its highest pipe, by the sum of dQ/dH of its links
// when surcharged (SWMM 5's EXTRAN surcharge algorithm). Water above the
// rim (plus surcharge depth) leaves as overflow.
func (s *Sim) setNodeDepth(i int, dt float64, it int) {
	n := &s.nodes[i]
	yCrown := n.crown - n.invert
	yLast := n.depth
	n.overflow = 0
	dQ := n.inflow - n.outflow
	dV := 0.5 * (n.oldNetInflow + dQ) * dt
	var yNew float64
	if yLast <= yCrown || n.kind == Storage {
		yNew = n.oldDepth + dV/n.surfArea
		n.oldSurfArea = n.surfArea
		if it > 0 {
			yNew = (1-omega)*yLast + omega*yNew
		}
	} else {
		corr := 1.0
		if n.upTerminal {
			corr = 0.6
		}
		denom := n.sumdqdh
		if yLast < 1.25*yCrown {
			f := (yLast - yCrown) / yCrown
			denom += (n.oldSurfArea/dt - n.sumdqdh) * math.Exp(-15*f)
		}
		dy := 0.0
		if denom != 0 {
			dy = corr * dQ / denom
		}
		yNew = yLast + dy
		if yNew < yCrown {
			yNew = yCrown - fudge
		}
	}
	yNew = math.Max(yNew, 0)
	yMax := n.fullDepth + n.surDep
	if yNew > yMax {
		n.overflow = math.Max(dV/dt-(s.nodeVolumeAt(i, yMax)-n.oldVolume)/dt, 0)
		if n.overflow < fudge {
			n.overflow = 0
		}
		yNew = yMax
	}
	n.volume = s.nodeVolumeAt(i, yNew)
	n.dydt = math.Abs(yNew-n.oldDepth) / dt
	n.depth = yNew
}

// nodeVolumeAt is nodeVolume including surcharge depth (no storage above
// the rim for junctions: their volume is capped at full depth).
func (s *Sim) nodeVolumeAt(i int, d float64) float64 { return s.nodeVolume(i, d) }
