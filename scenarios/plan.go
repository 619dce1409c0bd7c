package scenarios

import (
	"slices"
	"sort"
)

// plan is one variant resolved against the baseline: what a single coupled
// run needs.
type plan struct {
	index       int // 0 is the baseline
	name        string
	description string
	sims        map[string]bool
	flood       FloodSpec
	dispatch    DispatchSpec
	traffic     TrafficSpec
	events      []Event // sorted by At, stable
}

// BaselineName names the run without overrides.
const BaselineName = "baseline"

// plans resolves the baseline and every variant, in file order.
func (s *Scenario) plans() []plan {
	base := plan{name: BaselineName, description: "The scenario as written.", sims: simSet(s.Simulations),
		flood: s.Flood, dispatch: s.Dispatch, traffic: s.Traffic, events: slices.Clone(s.Events)}
	sortEvents(base.events)
	out := []plan{base}
	for i, v := range s.Variants {
		p := base
		p.index, p.name, p.description = i+1, v.Name, v.Description
		if len(v.Simulations) > 0 {
			p.sims = simSet(v.Simulations)
		}
		if v.Flood != nil {
			p.flood = *v.Flood
		}
		if v.Dispatch != nil {
			p.dispatch = *v.Dispatch
		}
		if v.Traffic != nil {
			p.traffic = *v.Traffic
		}
		p.events = nil
		for _, e := range s.Events {
			if e.Name == "" || !slices.Contains(v.Drop, e.Name) {
				p.events = append(p.events, e)
			}
		}
		p.events = append(p.events, v.Events...)
		sortEvents(p.events)
		out = append(out, p)
	}
	return out
}

func simSet(names []string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

func sortEvents(evs []Event) {
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].At < evs[j].At })
}
