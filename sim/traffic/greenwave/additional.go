package greenwave

import (
	"fmt"

	"twin/geo/sumo"
	"twin/sim/traffic"
)

// ProgramID is the programID the plan's tlLogic elements carry. SUMO
// refuses a second program with the ID of one already loaded and runs the
// program loaded last, so a new ID makes `sumo -a` switch to the plan.
const ProgramID = "greenwave"

// TLLogics returns the plan's programs as SUMO tlLogic elements, for
// sumo.EncodeAdditional: each signal of the plan keeps its network
// program's phase states and names, runs the plan's durations (the common
// cycle) as a static program with the plan's offset, under programID
// ProgramID. Errors wrap ErrPlan when a signal is not in the network or its
// phase count differs. O(total phases).
func (p *Plan) TLLogics(net *traffic.Network) ([]sumo.TLLogic, error) {
	byID := make(map[string]*traffic.Signal, len(net.Signals))
	for i := range net.Signals {
		byID[net.Signals[i].ID] = &net.Signals[i]
	}
	logics := make([]sumo.TLLogic, 0, len(p.Signals))
	for _, s := range p.Signals {
		sig, ok := byID[s.ID]
		if !ok {
			return nil, fmt.Errorf("%w: signal %s is not in the network", ErrPlan, s.ID)
		}
		phases := sig.Program.Phases
		if len(phases) != len(s.Durations) {
			return nil, fmt.Errorf("%w: signal %s: %d durations for %d phases", ErrPlan, s.ID, len(s.Durations), len(phases))
		}
		l := sumo.TLLogic{ID: s.ID, Type: "static", ProgramID: ProgramID, Offset: s.Offset}
		for k, ph := range phases {
			d := s.Durations[k]
			l.Phases = append(l.Phases, sumo.Phase{Duration: d, MinDur: d, MaxDur: d, State: ph.State, Name: ph.Name})
		}
		logics = append(logics, l)
	}
	return logics, nil
}
