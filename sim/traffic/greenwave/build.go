package greenwave

import (
	"fmt"
	"math"
	"strings"

	"twin/sim/traffic"
)

// BuildOptions tune how a corridor is built from a network. The zero value
// uses the defaults given per field.
type BuildOptions struct {
	// SpeedFactor scales the speed limits into progression speeds; zero
	// means 0.95: SUMO's Krauss driver with the default imperfection
	// σ = 0.5 and acceleration a = 2.6 m/s² slows by σ·a·U·Δt each 1 s step
	// (U uniform on [0, 1]), on average 0.65 m/s, which at 50 km/h is 5 %
	// of the limit; the mean speed factor of SUMO's default vehicle types
	// is 1.
	SpeedFactor float64
	// Headway is the saturation headway per lane in seconds, used to turn
	// the vehicles that join the corridor at a junction into a queue
	// clearance time at the next signal; zero means 2 s (1800 veh/h/lane).
	Headway float64
}

// Validate reports whether the options are usable. Errors wrap ErrOptions.
func (o BuildOptions) Validate() error {
	if !finiteNonNeg(o.SpeedFactor) || o.SpeedFactor > 2 {
		return fmt.Errorf("%w: SpeedFactor %g not in [0, 2]", ErrOptions, o.SpeedFactor)
	}
	if !finiteNonNeg(o.Headway) || o.Headway > 10 {
		return fmt.Errorf("%w: Headway %g s not in [0, 10]", ErrOptions, o.Headway)
	}
	return nil
}

func (o BuildOptions) defaults() BuildOptions {
	if o.SpeedFactor == 0 {
		o.SpeedFactor = 0.95
	}
	if o.Headway == 0 {
		o.Headway = 2
	}
	return o
}

// NewCorridor builds the corridor model of an arterial: each junction's
// signal program with the phases that serve the outbound and inbound
// through movements (the phases in which every controlled through link of
// that direction is green, 'G' or 'g'), phases with yellow or no green
// marked fixed; the legs' lengths from stop line to stop line (the through
// link across the junction plus the edges) and progression speeds (the
// lanes' speed limits times SpeedFactor, averaged over the leg's travel
// time); the directional flows (mean vehicles per hour over the legs) and
// the queue clearance at each signal from the vehicles that joined the
// corridor at the previous junction (Headway per vehicle and lane, for the
// vehicles joining in one cycle of the signal's program). d may be nil
// (equal flows, no queues). A one-way arterial gets FlowIn 0, inbound
// legs equal to the outbound ones and the outbound greens for both
// directions, so that only the outbound band counts. Errors wrap ErrArterial, ErrOptions or
// ErrCorridor. O(arterial edges · links + total route length).
func NewCorridor(net *traffic.Network, a *Arterial, d *Demand, opt BuildOptions) (*Corridor, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	opt = opt.defaults()
	n := len(a.Nodes)
	if n < 2 || len(a.Out) != n-1 || len(a.In) != n-1 && !a.OneWay() {
		return nil, fmt.Errorf("%w: %d junctions, %d and %d legs", ErrArterial, n, len(a.Out), len(a.In))
	}
	c := &Corridor{}
	for i := 0; i < n; i++ {
		s, err := a.signal(net, i)
		if err != nil {
			return nil, err
		}
		c.Signals = append(c.Signals, s)
	}
	for i := 0; i+1 < n; i++ {
		inO, _ := a.through(i, true)
		l := Link{Out: legOf(net, a.Out[i], inO, opt.SpeedFactor)}
		l.In = l.Out // one-way: unused, as FlowIn is 0
		if !a.OneWay() {
			inI, _ := a.through(i+1, false)
			l.In = legOf(net, a.In[i], inI, opt.SpeedFactor)
		}
		c.Links = append(c.Links, l)
	}
	if d != nil && len(d.Routes) > 0 {
		a.weigh(net, c, d, opt.Headway)
	}
	if a.OneWay() {
		c.FlowOut, c.FlowIn = math.Max(c.FlowOut, 1), 0
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// through returns the corridor's edges into and out of junction i in the
// given direction (−1 where the corridor has none).
func (a *Arterial) through(i int, out bool) (in, next int32) {
	n := len(a.Nodes)
	in, next = -1, -1
	if !out && a.OneWay() {
		return in, next
	}
	if out {
		if i > 0 {
			in = a.Out[i-1][len(a.Out[i-1])-1]
		} else {
			in = a.Approach
		}
		if i < n-1 {
			next = a.Out[i][0]
		}
		return in, next
	}
	if i < n-1 {
		in = a.In[i][len(a.In[i])-1]
	} else {
		in = a.Exit
	}
	if i > 0 {
		next = a.In[i-1][0]
	}
	return in, next
}

// throughLinks returns the signal indices of the links from edge in to
// edge next that signal si controls. With one of them −1, the straight
// links into next (or out of in) count, or all of them when none is
// straight.
func throughLinks(net *traffic.Network, si int32, in, next int32) []int {
	var idx []int
	for _, straight := range []bool{true, false} {
		for _, k := range net.Signals[si].Links {
			lk := &net.Links[k]
			from, to := net.Lanes[lk.From].Edge, net.Lanes[lk.To].Edge
			dir := !straight || lk.Dir == 's'
			ok := from == in && to == next ||
				in < 0 && to == next && dir ||
				next < 0 && from == in && dir
			if ok && lk.SignalIndex >= 0 {
				idx = append(idx, int(lk.SignalIndex))
			}
		}
		if len(idx) > 0 {
			break
		}
	}
	return idx
}

// signal converts junction i's program.
func (a *Arterial) signal(net *traffic.Network, i int) (Signal, error) {
	node := &net.Nodes[a.Nodes[i]]
	si := node.Signal
	sig := &net.Signals[si]
	s := Signal{ID: sig.ID, ProgramID: sig.Program.ID, Offset: sig.Program.Offset}
	inO, nextO := a.through(i, true)
	inI, nextI := a.through(i, false)
	outIdx, inIdx := throughLinks(net, si, inO, nextO), throughLinks(net, si, inI, nextI)
	if a.OneWay() {
		inIdx = outIdx // the inbound band is not optimised
	}
	if len(outIdx) == 0 || len(inIdx) == 0 {
		return Signal{}, fmt.Errorf("%w: junction %s: signal %s controls no through link", ErrArterial, node.ID, sig.ID)
	}
	for _, ph := range sig.Program.Phases {
		s.Phases = append(s.Phases, Phase{
			Duration: ph.Duration, State: ph.State,
			Fixed: !strings.ContainsAny(ph.State, "Gg") || strings.ContainsAny(ph.State, "yYu"),
			Out:   allGreen(ph.State, outIdx), In: allGreen(ph.State, inIdx),
		})
	}
	return s, nil
}

func allGreen(state string, idx []int) bool {
	for _, k := range idx {
		if k >= len(state) || state[k] != 'G' && state[k] != 'g' {
			return false
		}
	}
	return true
}

// legOf measures a leg: the through link across the junction it leaves
// (from edge in) plus its edges, and the progression speed.
func legOf(net *traffic.Network, edges []int32, prev int32, factor float64) Leg {
	length, time := 0.0, 0.0
	addLane := func(l int32) {
		ln := &net.Lanes[l]
		length += ln.Length
		time += ln.Length / (ln.Speed * factor)
	}
	for _, e := range edges {
		if prev >= 0 {
			if v := viaBetween(net, prev, e); v >= 0 {
				addLane(v)
			}
		}
		addLane(net.Edges[e].Lanes[0])
		prev = e
	}
	return Leg{Length: length, Speed: length / time}
}

// viaBetween returns the internal lane of a link from edge a to edge b, or
// −1.
func viaBetween(net *traffic.Network, a, b int32) int32 {
	for _, l := range net.Edges[a].Lanes {
		for _, k := range net.Lanes[l].Out {
			if lk := &net.Links[k]; net.Lanes[lk.To].Edge == b && lk.Via >= 0 {
				return lk.Via
			}
		}
	}
	return -1
}

// weigh sets the corridor's flows and queue clearances from the demand.
func (a *Arterial) weigh(net *traffic.Network, c *Corridor, d *Demand, headway float64) {
	n := len(a.Nodes)
	thrOut, thrIn := make([]int32, n-1), make([]int32, len(a.In))
	for i := 0; i+1 < n; i++ {
		thrOut[i], _ = a.through(i, true)
	}
	for i := range a.In {
		thrIn[i], _ = a.through(i+1, false)
	}
	volOut, joinOut := d.legFlows(a.Out, thrOut)
	volIn, joinIn := d.legFlows(a.In, thrIn)
	for i := 0; i+1 < n; i++ {
		// Joiners on outbound leg i queue at signal i+1; on inbound leg i
		// at signal i.
		c.FlowOut += volOut[i] / d.Hours / float64(n-1)
		last := a.Out[i][len(a.Out[i])-1]
		c.Signals[i+1].QueueOut = queueTime(joinOut[i]/d.Hours, c.Signals[i+1].Cycle(), headway, len(net.Edges[last].Lanes))
		if a.OneWay() {
			continue
		}
		c.FlowIn += volIn[i] / d.Hours / float64(n-1)
		last = a.In[i][len(a.In[i])-1]
		c.Signals[i].QueueIn = queueTime(joinIn[i]/d.Hours, c.Signals[i].Cycle(), headway, len(net.Edges[last].Lanes))
	}
}

// queueTime is the time a queue of the vehicles joining in one cycle
// takes to clear: vph·cycle/3600 vehicles at headway seconds each, spread
// over the lanes; rounded to 0.1 s.
func queueTime(vph, cycle, headway float64, lanes int) float64 {
	q := vph * cycle / 3600 * headway / float64(max(lanes, 1))
	return math.Round(q*10) / 10
}
