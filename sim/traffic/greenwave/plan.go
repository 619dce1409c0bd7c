package greenwave

import (
	"encoding/json"
	"fmt"
	"io"
)

// Plan is a coordinated timing plan for a corridor: twin's own plan
// format, written as JSON by WriteJSON and read back by ReadPlan.
type Plan struct {
	// Method is the solver that produced the plan ("scan" or "milp").
	Method string `json:"method"`
	// Cycle is the common cycle in seconds.
	Cycle float64 `json:"cycle_s"`
	// Out and In are the outbound and inbound bands the plan gives at the
	// progression speeds.
	Out Band `json:"band_out"`
	In  Band `json:"band_in"`
	// FlowOut and FlowIn are the directional flows (veh/h) that weighted
	// the bands.
	FlowOut float64 `json:"flow_out_vph"`
	FlowIn  float64 `json:"flow_in_vph"`
	// Objective is MAXBAND's objective: (wOut·Out.Width + wIn·In.Width)/Cycle
	// with the flows scaled so that the larger weight is 1.
	Objective float64 `json:"objective"`
	// Nodes is the number of branch-and-bound nodes (MILP only) and Relaxed
	// the MILP optimum with a continuous cycle, before rounding it.
	Nodes   int     `json:"bb_nodes,omitempty"`
	Relaxed float64 `json:"milp_objective,omitempty"`
	// Signals are the corridor's signals in outbound order.
	Signals []SignalPlan `json:"signals"`
}

// SignalPlan is one signal's timing in a plan.
type SignalPlan struct {
	ID        string `json:"id"`
	ProgramID string `json:"program_id,omitempty"`
	// Offset is when phase 0 starts, in seconds modulo the cycle (SUMO's
	// convention); Signals[0] has offset 0.
	Offset float64 `json:"offset_s"`
	// Durations are the phase durations in seconds (stretched when the
	// cycle changed).
	Durations []float64 `json:"durations_s"`
	// States are the SUMO state strings of the phases, when known.
	States []string `json:"states,omitempty"`
	// Position is the outbound distance from the first signal, in metres.
	Position float64 `json:"position_m"`
	// GreenOut and GreenIn are the through greens of each direction:
	// [start, start+length) seconds after phase 0 begins.
	GreenOut Green `json:"green_out"`
	GreenIn  Green `json:"green_in"`
}

// Green is a green interval in program time, in seconds.
type Green struct {
	Start  float64 `json:"start_s"`
	Length float64 `json:"length_s"`
}

// newPlan lays out the plan of a fixed-cycle solution.
func (c *Corridor) newPlan(g geometry, s fixedSolution, m Method) *Plan {
	wOut, wIn, _ := c.weights()
	p := &Plan{
		Method: m.String(), Cycle: g.cycle,
		Out: Band{s.b, s.startOut}, In: Band{s.bi, s.startIn},
		FlowOut: c.FlowOut, FlowIn: c.FlowIn,
		Objective: (wOut*s.b + wIn*s.bi) / g.cycle,
	}
	pos := 0.0
	for i := range c.Signals {
		sig := &c.Signals[i]
		if i > 0 {
			pos += c.Links[i-1].Out.Length
		}
		sp := SignalPlan{
			ID: sig.ID, ProgramID: sig.ProgramID, Offset: s.offsets[i],
			Durations: g.dur[i], Position: pos,
			GreenOut: Green{g.a[i], g.g[i]}, GreenIn: Green{g.ai[i], g.gi[i]},
		}
		for _, ph := range sig.Phases {
			if ph.State != "" {
				sp.States = append(sp.States, ph.State)
			}
		}
		if len(sp.States) != len(sig.Phases) {
			sp.States = nil
		}
		p.Signals = append(p.Signals, sp)
	}
	if wOut == 0 || wIn == 0 { // one-way: measure the other direction
		if out, in, err := c.Bands(p.Durations(), p.Offsets()); err == nil {
			if wOut == 0 {
				p.Out = out
			} else {
				p.In = in
			}
		}
	}
	return p
}

// Offsets returns the plan's offsets in signal order, in seconds.
func (p *Plan) Offsets() []float64 {
	o := make([]float64, len(p.Signals))
	for i, s := range p.Signals {
		o[i] = s.Offset
	}
	return o
}

// Durations returns the plan's phase durations per signal, in seconds.
func (p *Plan) Durations() [][]float64 {
	d := make([][]float64, len(p.Signals))
	for i, s := range p.Signals {
		d[i] = s.Durations
	}
	return d
}

// WriteJSON writes the plan as indented JSON.
func (p *Plan) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}

// ReadPlan reads a plan written by WriteJSON and checks that every signal
// runs the plan's cycle. Errors wrap ErrPlan, with the JSON byte offset for
// syntax errors.
func ReadPlan(r io.Reader) (*Plan, error) {
	var p Plan
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		if se, ok := err.(*json.SyntaxError); ok {
			return nil, fmt.Errorf("%w: byte %d: %v", ErrPlan, se.Offset, err)
		}
		return nil, fmt.Errorf("%w: %v", ErrPlan, err)
	}
	if !(p.Cycle > 0) {
		return nil, fmt.Errorf("%w: cycle %g s", ErrPlan, p.Cycle)
	}
	for _, s := range p.Signals {
		sum := 0.0
		for _, d := range s.Durations {
			if !(d > 0) {
				return nil, fmt.Errorf("%w: signal %s: phase duration %g s", ErrPlan, s.ID, d)
			}
			sum += d
		}
		if diff := sum - p.Cycle; diff > 1e-6 || diff < -1e-6 {
			return nil, fmt.Errorf("%w: signal %s: phases sum to %g s, cycle %g s", ErrPlan, s.ID, sum, p.Cycle)
		}
		if s.States != nil && len(s.States) != len(s.Durations) {
			return nil, fmt.Errorf("%w: signal %s: %d states for %d phases", ErrPlan, s.ID, len(s.States), len(s.Durations))
		}
	}
	return &p, nil
}
