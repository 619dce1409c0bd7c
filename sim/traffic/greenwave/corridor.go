package greenwave

import (
	"errors"
	"fmt"
	"math"
)

// Sentinel errors. Validation errors wrap ErrCorridor or ErrOptions with the
// offending signal or field.
var (
	// ErrCorridor reports a corridor that cannot be optimised: no signals,
	// a link count that does not match, a non-positive length or speed, a
	// program without green for a direction.
	ErrCorridor = errors.New("greenwave: invalid corridor")
	// ErrOptions reports invalid options (cycle bounds, step, method).
	ErrOptions = errors.New("greenwave: invalid options")
	// ErrInfeasible reports that no cycle in the allowed range can run every
	// program of the corridor (the cycle is shorter than a program's fixed
	// intervals).
	ErrInfeasible = errors.New("greenwave: no feasible cycle")
	// ErrNodeLimit reports that branch and bound stopped at its node limit
	// before proving optimality.
	ErrNodeLimit = errors.New("greenwave: branch-and-bound node limit reached")
	// ErrPlan reports a plan file that cannot be read or is inconsistent.
	ErrPlan = errors.New("greenwave: invalid plan")
	// ErrLP reports a numerical failure of the simplex method on a
	// relaxation.
	ErrLP = errors.New("greenwave: LP relaxation failed")
)

// Phase is one phase of a fixed-time signal program.
type Phase struct {
	// Duration is the phase length in seconds, > 0.
	Duration float64 `json:"duration_s"`
	// Fixed marks an intermediate phase (yellow, all-red) whose length does
	// not change with the cycle; the other phases are stretched in
	// proportion when the cycle changes.
	Fixed bool `json:"fixed,omitempty"`
	// Out and In report whether the corridor's through movement in the
	// outbound (In: inbound) direction has green during the phase.
	Out bool `json:"out,omitempty"`
	In  bool `json:"in,omitempty"`
	// State is the SUMO signal-state string of the phase ("GGrr…"), kept
	// for the output file; it may be empty.
	State string `json:"state,omitempty"`
}

// Signal is one signalized junction of a corridor with its fixed-time
// program. Phase 0 starts at times t ≡ Offset (mod cycle): SUMO's
// convention, where a positive offset delays the program.
type Signal struct {
	// ID names the signal: a SUMO tlLogic id or an OSM road node id.
	ID string `json:"id"`
	// ProgramID is the SUMO programID the output file overrides ("0" when
	// empty).
	ProgramID string `json:"program_id,omitempty"`
	// Phases is the program in order; its cycle is the sum of durations.
	Phases []Phase `json:"phases"`
	// Offset is the current offset in seconds (used only to report the
	// bands before optimisation).
	Offset float64 `json:"offset_s"`
	// QueueOut and QueueIn are queue-clearance times in seconds: the band
	// of that direction starts at least this long after its green begins,
	// leaving room for vehicles that turned into the corridor during red
	// (MAXBAND's τ). They are capped at the green time.
	QueueOut float64 `json:"queue_out_s,omitempty"`
	QueueIn  float64 `json:"queue_in_s,omitempty"`
}

// Cycle returns the signal's current cycle: the sum of its phase durations
// in seconds.
func (s *Signal) Cycle() float64 {
	c := 0.0
	for _, p := range s.Phases {
		c += p.Duration
	}
	return c
}

// Leg is one direction of travel between two consecutive signals.
type Leg struct {
	// Length is the distance from stop line to stop line in metres, > 0.
	Length float64 `json:"length_m"`
	// Speed is the progression speed in m/s, > 0.
	Speed float64 `json:"speed_mps"`
}

// Time returns the leg's travel time Length/Speed in seconds.
func (l Leg) Time() float64 { return l.Length / l.Speed }

// Link joins Signals[i] and Signals[i+1] of a corridor.
type Link struct {
	// Out runs from Signals[i] to Signals[i+1]; In runs back.
	Out Leg `json:"out"`
	In  Leg `json:"in"`
}

// Corridor is an arterial: its signals in outbound order and the links
// between them, with the directional flows that weight the bands.
type Corridor struct {
	Signals []Signal `json:"signals"`
	// Links has len(Signals)-1 entries; Links[i] joins Signals[i] and
	// Signals[i+1].
	Links []Link `json:"links"`
	// FlowOut and FlowIn are the through flows of the two directions, in
	// vehicles per hour (only their ratio matters). Both zero means equal
	// weights.
	FlowOut float64 `json:"flow_out_vph"`
	FlowIn  float64 `json:"flow_in_vph"`
}

// Validate reports whether the corridor can be optimised. Errors wrap
// ErrCorridor and name the signal or link. O(total phases).
func (c *Corridor) Validate() error {
	if len(c.Signals) == 0 {
		return fmt.Errorf("%w: no signals", ErrCorridor)
	}
	if len(c.Links) != len(c.Signals)-1 {
		return fmt.Errorf("%w: %d links for %d signals (want %d)", ErrCorridor, len(c.Links), len(c.Signals), len(c.Signals)-1)
	}
	if !finiteNonNeg(c.FlowOut) || !finiteNonNeg(c.FlowIn) {
		return fmt.Errorf("%w: flows must be finite and ≥ 0", ErrCorridor)
	}
	for i := range c.Signals {
		if err := c.Signals[i].validate(); err != nil {
			return fmt.Errorf("%w: signal %d (%s): %v", ErrCorridor, i, c.Signals[i].ID, err)
		}
	}
	for i, l := range c.Links {
		for _, g := range []Leg{l.Out, l.In} {
			if !(g.Length > 0) || !(g.Speed > 0) || math.IsInf(g.Length, 0) || math.IsInf(g.Speed, 0) {
				return fmt.Errorf("%w: link %d: length and speed must be finite and > 0", ErrCorridor, i)
			}
		}
	}
	return nil
}

func (s *Signal) validate() error {
	if len(s.Phases) == 0 {
		return errors.New("no phases")
	}
	var out, in, variable bool
	for j, p := range s.Phases {
		if !(p.Duration > 0) || math.IsInf(p.Duration, 0) {
			return fmt.Errorf("phase %d: duration must be finite and > 0", j)
		}
		out = out || p.Out
		in = in || p.In
		variable = variable || !p.Fixed
	}
	switch {
	case !out:
		return errors.New("no green for the outbound direction")
	case !in:
		return errors.New("no green for the inbound direction")
	case !variable:
		return errors.New("every phase is fixed; nothing can stretch with the cycle")
	case !finiteNonNeg(s.QueueOut) || !finiteNonNeg(s.QueueIn):
		return errors.New("queue clearance must be finite and ≥ 0")
	case math.IsNaN(s.Offset) || math.IsInf(s.Offset, 0):
		return errors.New("offset must be finite")
	}
	return nil
}

// fixedTime returns the sum of the fixed phases' durations in seconds.
func (s *Signal) fixedTime() float64 {
	l := 0.0
	for _, p := range s.Phases {
		if p.Fixed {
			l += p.Duration
		}
	}
	return l
}

func finiteNonNeg(v float64) bool { return v >= 0 && !math.IsInf(v, 1) }
