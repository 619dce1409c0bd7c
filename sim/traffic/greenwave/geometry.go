package greenwave

import "math"

// runs holds, per signal, the longest green run of each direction
// (greenRun), fixed for the corridor whatever the cycle.
type runs struct{ out, in [][2]int }

func (c *Corridor) runs() runs {
	r := runs{make([][2]int, len(c.Signals)), make([][2]int, len(c.Signals))}
	for i := range c.Signals {
		f, n := greenRun(c.Signals[i].Phases, true)
		r.out[i] = [2]int{f, n}
		f, n = greenRun(c.Signals[i].Phases, false)
		r.in[i] = [2]int{f, n}
	}
	return r
}

// geometry is the corridor at one cycle, in seconds: what the band problem
// needs once the programs are stretched.
type geometry struct {
	cycle float64
	// dur are the stretched phase durations per signal.
	dur [][]float64
	// g, gi are the green lengths and a, ai the green starts (program time)
	// of the outbound and inbound through movements.
	g, gi, a, ai []float64
	// tau, taui are the queue-clearance times, capped at the green.
	tau, taui []float64
	// sOut[i] is the outbound travel time from signal 0 to signal i and
	// sIn[i] the inbound travel time from signal i to signal 0.
	sOut, sIn []float64
}

// geometryAt stretches every program to cycle (see durationsAt) and
// returns the geometry, or false when some program cannot run at that
// cycle. O(total phases + signals).
func (c *Corridor) geometryAt(cycle float64, whole bool, r runs) (geometry, bool) {
	n := len(c.Signals)
	g := geometry{
		cycle: cycle, dur: make([][]float64, n),
		g: make([]float64, n), gi: make([]float64, n), a: make([]float64, n), ai: make([]float64, n),
		tau: make([]float64, n), taui: make([]float64, n), sOut: make([]float64, n), sIn: make([]float64, n),
	}
	for i := range c.Signals {
		s := &c.Signals[i]
		if !s.stretchable(cycle) {
			return geometry{}, false
		}
		g.dur[i] = s.durationsAt(cycle, whole)
		wo := windowAt(g.dur[i], r.out[i][0], r.out[i][1])
		wi := windowAt(g.dur[i], r.in[i][0], r.in[i][1])
		g.a[i], g.g[i], g.ai[i], g.gi[i] = wo.Start, wo.Length, wi.Start, wi.Length
		g.tau[i], g.taui[i] = math.Min(s.QueueOut, wo.Length), math.Min(s.QueueIn, wi.Length)
		if i > 0 {
			g.sOut[i] = g.sOut[i-1] + c.Links[i-1].Out.Time()
			g.sIn[i] = g.sIn[i-1] + c.Links[i-1].In.Time()
		}
	}
	return g, true
}

// weights returns the objective weights of the outbound and inbound bands
// (the flows scaled so that the larger is 1; both 1 when both flows are
// zero) and r, the smaller over the larger, the ratio the lighter band must
// keep to the heavier one.
func (c *Corridor) weights() (wOut, wIn, r float64) {
	hi := math.Max(c.FlowOut, c.FlowIn)
	if hi == 0 {
		return 1, 1, 1
	}
	wOut, wIn = c.FlowOut/hi, c.FlowIn/hi
	return wOut, wIn, math.Min(wOut, wIn)
}
