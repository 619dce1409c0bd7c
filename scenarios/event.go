package scenarios

import "time"

// Event is one entry of a timeline: At (from the start) and exactly one
// action.
type Event struct {
	// At is the time from the scenario's start, ≥ 0 and ≤ Duration.
	At time.Duration `yaml:"at"`
	// Name labels the event (variants drop events by name).
	Name string `yaml:"name"`

	Rain      *RainEvent     `yaml:"rain"`
	Incidents *IncidentGen   `yaml:"incidents"`
	Incident  *IncidentEvent `yaml:"incident"`
	Close     *RoadRef       `yaml:"close"`
	Open      *RoadRef       `yaml:"open"`
	Signals   *SignalEvent   `yaml:"signals"`
	Station   *Station       `yaml:"station"`
	Pump      *PumpEvent     `yaml:"pump"`
	Pipe      *PipeEvent     `yaml:"pipe"`
}

// RainEvent starts rain, uniform over the city: a design storm or a gauge
// series. A later rain event replaces an earlier one from its At on.
type RainEvent struct {
	// Design is "chinese": the Chinese storm-intensity formula
	// q = 167·A1·(1 + C·lg P)/(t + b)^n (GB 50014) for ReturnPeriodYears,
	// distributed as a Chicago hyetograph with peak position Peak over
	// Duration.
	Design            string         `yaml:"design"`
	Formula           *ChineseParams `yaml:"formula"`
	ReturnPeriodYears float64        `yaml:"return_period_years"`
	Duration          time.Duration  `yaml:"duration"`
	Peak              float64        `yaml:"peak"`
	// Gauge is a recorded series instead of a design storm.
	Gauge *GaugeSeries `yaml:"gauge"`
}

// ChineseParams are a city's storm-formula parameters: A1 (mm/min), C
// (dimensionless), B (min), N (dimensionless).
type ChineseParams struct {
	A1 float64 `yaml:"a1"`
	C  float64 `yaml:"c"`
	B  float64 `yaml:"b"`
	N  float64 `yaml:"n"`
}

// GaugeSeries is rain recorded at a fixed interval: Values in Unit, "mm/h"
// (intensity) or "mm" (depth per interval).
type GaugeSeries struct {
	Interval time.Duration `yaml:"interval"`
	Unit     string        `yaml:"unit"`
	Values   []float64     `yaml:"values"`
}

// IncidentGen generates incidents as a Poisson process of RatePerHour from
// At until At+For (default: to the end), at places drawn uniformly along
// the drivable road network.
type IncidentGen struct {
	RatePerHour float64       `yaml:"rate_per_hour"`
	For         time.Duration `yaml:"for"`
}

// IncidentEvent is one listed incident at a place.
type IncidentEvent struct {
	Name string  `yaml:"name"`
	Lon  float64 `yaml:"lon"`
	Lat  float64 `yaml:"lat"`
}

// RoadRef names roads: by OSM id ("w123", the roads layer's id) or by
// name (every road of that name).
type RoadRef struct {
	ID   string `yaml:"id"`
	Road string `yaml:"road"`
}

// SignalEvent changes the signal plan of the traffic corridor: "greenwave"
// applies the MAXBAND plan, "fixed" returns to the uncoordinated plan.
type SignalEvent struct {
	Plan string `yaml:"plan"`
}

// PumpEvent adds a pump at a pipe node (a manhole of the pipes layer's
// network) that lifts up to CapacityM3s out of the surface water there.
type PumpEvent struct {
	Node        string  `yaml:"node"`
	CapacityM3s float64 `yaml:"capacity_m3s"`
}

// PipeEvent enlarges (or shrinks) a pipe to DiameterM; the inlet capacity
// of its upstream manhole scales with full-bore Manning flow, as D^(8/3).
type PipeEvent struct {
	ID        string  `yaml:"id"`
	DiameterM float64 `yaml:"diameter_m"`
}

// kind names the event's action, "" when none is set; n counts the actions.
func (e *Event) kind() (k string, n int) {
	for _, c := range []struct {
		name string
		set  bool
	}{
		{"rain", e.Rain != nil}, {"incidents", e.Incidents != nil}, {"incident", e.Incident != nil},
		{"close", e.Close != nil}, {"open", e.Open != nil}, {"signals", e.Signals != nil},
		{"station", e.Station != nil}, {"pump", e.Pump != nil}, {"pipe", e.Pipe != nil},
	} {
		if c.set {
			k, n = c.name, n+1
		}
	}
	return k, n
}
