package dispatch

import "math"

// Bounds and fallback of MEXCLP's busy probability q.
const (
	// MinBusyQ and MaxBusyQ clamp an estimated q: a fleet is never
	// taken as always free (q = 0 would make MEXCLP blind to backup
	// coverage) nor as always busy.
	MinBusyQ = 0.01
	MaxBusyQ = 0.95
	// DefaultBusyQ is q for a Dispatcher built on its own, with nothing
	// known of the load.
	DefaultBusyQ = 0.3
)

// BusyLoad is the offered load on a pool of units: calls that need a unit
// of the pool arrive at RatePerS per second and keep it busy BusyS
// seconds on average (turnout, travel to the scene, time on scene and the
// drive back).
type BusyLoad struct {
	RatePerS float64
	BusyS    float64
	Units    int
}

// Q returns the pool's mean utilisation, the offered load over the units,
// λ·B/N (Daskin 1983 takes MEXCLP's busy probability as this), clamped to
// [MinBusyQ, MaxBusyQ]. No load gives MinBusyQ; a load with no unit, or a
// NaN, MaxBusyQ.
func (l BusyLoad) Q() float64 {
	erlangs := l.RatePerS * l.BusyS
	switch {
	case erlangs == 0:
		return MinBusyQ
	case l.Units <= 0 || math.IsNaN(erlangs):
		return MaxBusyQ
	}
	return min(MaxBusyQ, max(MinBusyQ, erlangs/float64(l.Units)))
}

// MeanNearestS returns the mean travel time in seconds from the nearest
// of the positions to the demand points, weighted by floor area (where
// calls come from), over the points some position reaches; 0 when none
// is reached or from is empty. Errors: those of Coverage.Nearest. Cost:
// one cached Coverage.Times per position and O(len(from) × n).
func MeanNearestS(cov *Coverage, from []Snap) (float64, error) {
	if len(from) == 0 {
		return 0, nil
	}
	near, err := cov.Nearest(from)
	if err != nil {
		return 0, err
	}
	var sum, w float64
	for i, t := range near {
		if !math.IsInf(t, 1) {
			sum += cov.d.Weights[i] * t
			w += cov.d.Weights[i]
		}
	}
	if w == 0 {
		return 0, nil
	}
	return sum / w, nil
}

// busyTally accumulates the offered load of the calls a Sim has been
// given, per unit type, to estimate MEXCLP's q when the options leave
// BusyQ at 0.
type busyTally struct {
	travelS map[UnitType]float64 // mean travel from the type's stations
	units   map[UnitType]int
	needs   map[UnitType]int     // needs of the calls so far
	busyS   map[UnitType]float64 // their busy seconds, summed
}

// initBusy prepares the estimate: the units of each type and the mean
// travel time from the type's stations (MeanNearestS over the stations
// that hold units of the type).
func (s *Sim) initBusy() error {
	b := &busyTally{travelS: map[UnitType]float64{}, units: map[UnitType]int{},
		needs: map[UnitType]int{}, busyS: map[UnitType]float64{}}
	for _, t := range s.types {
		var homes []Snap
		used := map[int]bool{}
		for _, u := range s.units {
			if u.Type != t {
				continue
			}
			b.units[t]++
			if !used[u.Station] {
				used[u.Station] = true
				homes = append(homes, s.homes[u.Station])
			}
		}
		m, err := MeanNearestS(s.cov, homes)
		if err != nil {
			return err
		}
		b.travelS[t] = m
	}
	s.busy = b
	s.setBusyQ()
	return nil
}

// tallyBusy adds a call's load and updates the dispatcher's q. A need of
// a type the fleet lacks keeps no unit busy and is not counted.
func (s *Sim) tallyBusy(in Incident, spec TypeSpec) {
	if s.busy == nil {
		return
	}
	onScene := spec.OnSceneS
	if in.OnSceneS > 0 {
		onScene = in.OnSceneS
	}
	for _, t := range spec.Needs {
		if s.busy.units[t] > 0 {
			s.busy.needs[t]++
			s.busy.busyS[t] += s.opt.TurnoutS + 2*s.busy.travelS[t] + onScene
		}
	}
	s.setBusyQ()
}

// fleetLoad returns the offered load on the whole fleet over the run: the
// needs of the calls so far spread over DurationS, their mean busy time,
// and every unit.
func (s *Sim) fleetLoad() BusyLoad {
	var l BusyLoad
	var n int
	for _, t := range s.types { // sorted: the sums are reproducible
		n += s.busy.needs[t]
		l.BusyS += s.busy.busyS[t]
		l.Units += s.busy.units[t]
	}
	if n > 0 {
		l.RatePerS, l.BusyS = float64(n)/s.opt.DurationS, l.BusyS/float64(n)
	}
	return l
}

// setBusyQ gives each unit type's dispatcher that type's utilisation as
// q: a call of a type is served by the type's units only (tryAssign), so
// the probability that one of them is busy is the type's own offered load
// over its units (Daskin's q, applied per server class). s.disp keeps the
// whole fleet's utilisation, reported by BusyQ.
func (s *Sim) setBusyQ() {
	opt := s.disp.opt
	opt.BusyQ = s.fleetLoad().Q()
	s.disp = &Dispatcher{g: s.disp.g, cov: s.disp.cov, opt: opt}
	if s.dispT == nil {
		s.dispT = map[UnitType]*Dispatcher{}
	}
	for _, t := range s.types {
		if s.busy.units[t] == 0 {
			continue
		}
		o := opt
		o.BusyQ = s.typeLoad(t).Q()
		s.dispT[t] = &Dispatcher{g: s.disp.g, cov: s.disp.cov, opt: o}
	}
}

// typeLoad is fleetLoad for the units of one type.
func (s *Sim) typeLoad(t UnitType) BusyLoad {
	l := BusyLoad{Units: s.busy.units[t]}
	if n := s.busy.needs[t]; n > 0 {
		l.RatePerS, l.BusyS = float64(n)/s.opt.DurationS, s.busy.busyS[t]/float64(n)
	}
	return l
}

// dispatcher returns the dispatcher for calls needing a unit of type t.
func (s *Sim) dispatcher(t UnitType) *Dispatcher {
	if d := s.dispT[t]; d != nil {
		return d
	}
	return s.disp
}

// BusyQs returns MEXCLP's q per unit type (nil when the options set
// BusyQ, which every type then uses).
func (s *Sim) BusyQs() map[UnitType]float64 {
	if s.dispT == nil {
		return nil
	}
	out := make(map[UnitType]float64, len(s.dispT))
	for t, d := range s.dispT {
		out[t] = d.opt.BusyQ
	}
	return out
}

// BusyQ returns the busy probability of the whole fleet: the options'
// BusyQ when set, else the estimate from the calls added so far, BusyLoad.Q
// of the whole fleet (each type's dispatches use its own, BusyQs): each need of a call keeps a unit busy for the turnout,
// twice the mean travel time from its type's stations (MeanNearestS: to
// the scene and back) and the time on scene; the busy seconds are summed
// over the calls and divided by DurationS and the number of units. Add
// the calls before running for the estimate to hold from the first
// dispatch; calls added later raise it as they come. Nearest ignores q.
func (s *Sim) BusyQ() float64 { return s.disp.opt.BusyQ }

// busyQByType is Result's BusyQ: q per unit type of the fleet under
// MEXCLP, nil under Nearest.
func (s *Sim) busyQByType() map[UnitType]float64 {
	if s.opt.Policy.Kind != MEXCLP {
		return nil
	}
	out := map[UnitType]float64{}
	for _, u := range s.units {
		out[u.Type] = s.dispatcher(u.Type).opt.BusyQ
	}
	return out
}
