package traffic

import (
	"fmt"
	"math"
	"strings"

	"twin/geo/sumo"
)

// Signal is a traffic-light controller: one program driving the state of
// NumLinks controlled links (Link.SignalIndex indexes the state strings).
type Signal struct {
	ID string
	// Nodes are the junctions the signal controls (usually one).
	Nodes []int32
	// Links lists the controlled links; NumLinks is the length of the
	// program's state strings.
	Links    []int32
	NumLinks int
	// Program is the plan the signal runs.
	Program Program
}

// Program is a fixed-time signal plan.
type Program struct {
	// ID is SUMO's programID; Type its type ("static", "actuated", …;
	// every type runs here as fixed-time with the phase durations).
	ID, Type string
	// Offset shifts the plan (s): phase 0 starts at every t ≡ Offset
	// (mod Cycle), SUMO's convention.
	Offset float64
	Phases []Phase
}

// Phase is one interval of a program.
type Phase struct {
	// Duration is the phase length (s); MinDur and MaxDur are kept for
	// actuated programs.
	Duration, MinDur, MaxDur float64
	// State has one character per controlled link.
	State string
	Name  string
}

// Cycle returns the program's cycle length: the sum of its phase
// durations (s).
func (p *Program) Cycle() float64 {
	c := 0.0
	for _, ph := range p.Phases {
		c += ph.Duration
	}
	return c
}

// PhaseAt returns the phase running at time t (s) and how long it has been
// running (s), under SUMO's offset convention. O(phases).
func (p *Program) PhaseAt(t float64) (phase int, elapsed float64) {
	c := p.Cycle()
	if c <= 0 || len(p.Phases) == 0 {
		return 0, 0
	}
	pos := math.Mod(t-p.Offset, c)
	if pos < 0 {
		pos += c
	}
	for k, ph := range p.Phases {
		if pos < ph.Duration {
			return k, pos
		}
		pos -= ph.Duration
	}
	return len(p.Phases) - 1, p.Phases[len(p.Phases)-1].Duration
}

// StateAt returns the state string at time t (s). O(phases).
func (p *Program) StateAt(t float64) string {
	if len(p.Phases) == 0 {
		return ""
	}
	k, _ := p.PhaseAt(t)
	return p.Phases[k].State
}

// GreenTime returns, for controlled link index i, the total time per cycle
// its state is green ('G' or 'g') (s).
func (p *Program) GreenTime(i int) float64 {
	g := 0.0
	for _, ph := range p.Phases {
		if i < len(ph.State) && (ph.State[i] == 'G' || ph.State[i] == 'g') {
			g += ph.Duration
		}
	}
	return g
}

// check validates a program for a signal of n links.
func (p *Program) check(n int) error {
	if len(p.Phases) == 0 {
		return errorf(ErrNetwork, "program %q has no phases", p.ID)
	}
	if math.IsNaN(p.Offset) || math.IsInf(p.Offset, 0) {
		return errorf(ErrNetwork, "program %q: offset %v", p.ID, p.Offset)
	}
	for k, ph := range p.Phases {
		if !(ph.Duration > 0) || math.IsInf(ph.Duration, 0) {
			return errorf(ErrNetwork, "program %q phase %d: duration %v", p.ID, k, ph.Duration)
		}
		if len(ph.State) < n {
			return errorf(ErrNetwork, "program %q phase %d: %d states for %d links", p.ID, k, len(ph.State), n)
		}
		if strings.Trim(ph.State, "GgyYrRuUsoO") != "" {
			return errorf(ErrNetwork, "program %q phase %d: bad state %q", p.ID, k, ph.State)
		}
	}
	return nil
}

// ProgramFromSUMO converts a decoded SUMO tlLogic.
func ProgramFromSUMO(l *sumo.TLLogic) Program {
	p := Program{ID: l.ProgramID, Type: l.Type, Offset: l.Offset, Phases: make([]Phase, len(l.Phases))}
	for k, ph := range l.Phases {
		p.Phases[k] = Phase{Duration: ph.Duration, MinDur: ph.MinDur, MaxDur: ph.MaxDur, State: ph.State, Name: ph.Name}
	}
	return p
}

// TLLogic returns the signal's program as a SUMO tlLogic, for
// sumo.EncodeAdditional.
func (s *Signal) TLLogic() sumo.TLLogic {
	p := &s.Program
	l := sumo.TLLogic{ID: s.ID, Type: p.Type, ProgramID: p.ID, Offset: p.Offset}
	if l.Type == "" {
		l.Type = "static"
	}
	for _, ph := range p.Phases {
		l.Phases = append(l.Phases, sumo.Phase{Duration: ph.Duration, MinDur: ph.MinDur, MaxDur: ph.MaxDur, State: ph.State, Name: ph.Name})
	}
	return l
}

func errorf(kind error, format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{kind}, args...)...)
}
