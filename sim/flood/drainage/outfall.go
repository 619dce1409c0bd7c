package drainage

import "math"

// setOutfallDepth sets the depth of an outfall at an end of l from its
// boundary condition and the flow in l: FREE takes the smaller of the
// conduit's normal and critical depths (0 when the conduit ends above the
// outfall invert: a free fall), NORMAL the normal depth, FIXED and
// TIMESERIES the stage, but never below the free-outfall depth. It marks
// the outfall staged when the stage sets its depth and stands above the
// conduit's end there.
func (s *Sim) setOutfallDepth(l *link) {
	var i int
	var z float64
	switch {
	case s.nodes[l.n2].kind == Outfall:
		i, z = l.n2, l.off2
	case s.nodes[l.n1].kind == Outfall:
		i, z = l.n1, l.off1
	default:
		return
	}
	n := &s.nodes[i]
	yFree := 0.0
	yNorm := 0.0
	if l.kind == Conduit && z <= 0 {
		yn, yc := s.normCrit(l, l.flow/l.barrels)
		yFree, yNorm = math.Min(yn, yc), yn
	}
	o := n.out
	n.staged = false
	switch o.typ {
	case "FREE":
		n.depth = yFree
	case "NORMAL":
		n.depth = yNorm
	default:
		stage := o.stage
		if o.typ == "TIMESERIES" {
			stage = o.series.at(s.t)
		}
		y := stage - n.invert
		n.staged = l.kind == Conduit && y > yFree && y > z
		n.depth = math.Max(y, yFree)
	}
	n.depth = math.Max(n.depth, 0)
}
