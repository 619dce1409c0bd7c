package drainage

import "math"

// routingStep returns the next routing step, s: MaxStep for kinematic
// wave or a fixed step; for dynamic wave the Courant-limited step of SWMM
// 5 (each conduit's V/Q·Fr/(1+Fr)·Courant, each node's time to change by a
// quarter of its crown depth at its last rate), between MinStep and
// MaxStep, starting at MinStep, rounded down to a millisecond.
func (s *Sim) routingStep() float64 {
	if s.opt.Routing == KinematicWave || s.opt.Courant < 0 {
		return s.opt.MaxStep
	}
	if s.variable == 0 {
		s.variable = s.opt.MinStep
		return s.variable
	}
	t := s.opt.MaxStep
	for i := range s.links {
		l := &s.links[i]
		if l.kind != Conduit {
			continue
		}
		q := math.Abs(l.flow) / l.barrels
		if q <= 0.05*l.qFull || l.a1 <= fudge || l.froude <= 0.01 {
			continue
		}
		if tl := l.volume / l.barrels / q * l.froude / (1 + l.froude) * s.opt.Courant; tl < t {
			t = tl
		}
	}
	for i := range s.nodes {
		n := &s.nodes[i]
		yc := n.crown - n.invert
		if n.kind == Outfall || n.depth <= fudge || n.depth+fudge >= yc || n.dydt < fudge {
			continue
		}
		if maxD := 0.25 * yc; maxD >= fudge {
			t = math.Min(t, maxD/n.dydt)
		}
	}
	t = math.Max(t, s.opt.MinStep)
	s.variable = math.Floor(1000*t) / 1000
	return s.variable
}
