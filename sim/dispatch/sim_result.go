package dispatch

import "time"

// record collects what a run produced besides the units' and incidents'
// own state.
type record struct {
	coverage     []CoverageSample
	redispatches int
	reroutes     int
	stranded     int
}

// CoverageSample is the coverage at one moment: for every unit type, the
// shares of demand weight within CoverageLimitsS (8, 10, 15 min)
// of an available unit of the type.
type CoverageSample struct {
	TimeS float64                 `json:"t_s"`
	Share map[UnitType][3]float64 `json:"share"`
}

// IncidentRecord is what happened to one call.
type IncidentRecord struct {
	ID    string       `json:"id"`
	Type  IncidentType `json:"type"`
	CallS float64      `json:"call_s"`
	// ResponseS is the time from the call to the first unit on scene,
	// seconds; nil when no unit arrived within the run.
	ResponseS *float64 `json:"response_s"`
	// Units are the units sent, one per need ("" for a need never met),
	// and ArrivalS their arrival times from the call (-1 for none).
	Units    []string  `json:"units"`
	ArrivalS []float64 `json:"arrival_s"`
}

// UnitRecord is one unit's use over the run.
type UnitRecord struct {
	ID      string   `json:"id"`
	Type    UnitType `json:"type"`
	Station string   `json:"station"`
	// BusyS is the time not available (en route, on scene, returning),
	// seconds; Utilisation is BusyS over the run's duration.
	BusyS       float64 `json:"busy_s"`
	Utilisation float64 `json:"utilisation"`
	// Trips is how many times it was sent.
	Trips int `json:"trips"`
}

// Result is a run's outcome, in the order things happened (incidents by
// call time, units in fleet order).
type Result struct {
	Start        time.Time        `json:"start"`
	DurationS    float64          `json:"duration_s"`
	Policy       string           `json:"policy"`
	TargetS      float64          `json:"target_s"`
	Incidents    []IncidentRecord `json:"incidents"`
	Units        []UnitRecord     `json:"units"`
	Coverage     []CoverageSample `json:"coverage"`
	Redispatches int              `json:"redispatches"`
	Reroutes     int              `json:"reroutes"`
	Stranded     int              `json:"stranded"`
	// BusyQ is MEXCLP's busy probability per unit type in force (the
	// options' BusyQ, or each type's estimated utilisation); nil for
	// Nearest.
	BusyQ map[UnitType]float64 `json:"busy_q,omitempty"`
}

// Result returns the outcome so far: incidents called by now, busy time up
// to now. It does not change the simulation.
func (s *Sim) Result() *Result {
	r := &Result{
		Start: s.opt.Start, DurationS: s.now, Policy: s.opt.Policy.Kind.String(), TargetS: s.opt.Policy.TargetS,
		Coverage:     append([]CoverageSample(nil), s.rec.coverage...),
		Redispatches: s.rec.redispatches, Reroutes: s.rec.reroutes, Stranded: s.rec.stranded,
		BusyQ: s.busyQByType(),
	}
	for _, in := range s.inc {
		if in.TimeS > s.now {
			continue
		}
		ir := IncidentRecord{ID: in.ID, Type: in.Type, CallS: in.TimeS}
		if in.first >= 0 {
			rs := in.first - in.TimeS
			ir.ResponseS = &rs
		}
		for k, ui := range in.unit {
			id, at := "", -1.0
			if ui >= 0 {
				id = s.units[ui].ID
			}
			if in.arrived[k] >= 0 {
				at = in.arrived[k] - in.TimeS
			}
			ir.Units = append(ir.Units, id)
			ir.ArrivalS = append(ir.ArrivalS, at)
		}
		r.Incidents = append(r.Incidents, ir)
	}
	for _, u := range s.units {
		busy := u.busyS
		if u.status != Available {
			busy += s.now - u.busyAt
		}
		ur := UnitRecord{ID: u.ID, Type: u.Type, Station: s.st[u.Station].ID, BusyS: busy, Trips: u.trips}
		if s.now > 0 {
			ur.Utilisation = busy / s.now
		}
		r.Units = append(r.Units, ur)
	}
	return r
}
