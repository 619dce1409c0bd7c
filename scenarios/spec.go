package scenarios

import "time"

// Scenario is a decoded scenario file: the baseline and its variants. The
// zero value of every optional field means the default its comment names.
type Scenario struct {
	// Name and Description are shown in the report.
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	// Seed seeds every random draw of the run (incidents). Default 1.
	Seed uint64 `yaml:"seed"`
	// City selects the data: the embedded sample city, or files.
	City City `yaml:"city"`
	// Start is the wall-clock start, RFC 3339 ("2026-07-14T17:00:00+02:00");
	// it places the traffic peak. Default midnight UTC of 2026-01-01.
	Start string `yaml:"start"`
	// Duration is the simulated time, > 0. Step is the coupling step, > 0
	// and ≤ Duration; default 1 minute.
	Duration time.Duration `yaml:"duration"`
	Step     time.Duration `yaml:"step"`
	// Simulations names the models that run: "flood", "dispatch",
	// "traffic". Default all three.
	Simulations []string     `yaml:"simulations"`
	Flood       FloodSpec    `yaml:"flood"`
	Dispatch    DispatchSpec `yaml:"dispatch"`
	Traffic     TrafficSpec  `yaml:"traffic"`
	// Events is the baseline timeline.
	Events []Event `yaml:"events"`
	// Outputs names what the report holds: "metrics" (metrics.json),
	// "markdown" (report.md), "html" (report.html), "plots" (charts in the
	// HTML and PNG files). Default all.
	Outputs []string `yaml:"outputs"`
	// Variants are run beside the baseline and compared with it.
	Variants []Variant `yaml:"variants"`

	file    string // name for error positions
	source  []byte
	started time.Time
}

// City selects the World a scenario runs on.
type City struct {
	// Sample selects the embedded sample city (the default when Files is
	// empty).
	Sample bool `yaml:"sample"`
	// Files are data files, relative to the scenario file; CRS is the CRS
	// of files that state none.
	Files []string `yaml:"files"`
	CRS   string   `yaml:"crs"`
}

// FloodSpec tunes the flood model.
type FloodSpec struct {
	// Model is "urban" (sim/flood/urban: streets and sewer coupled at the
	// manholes; the default where the city has a SWMM sewer) or "surface"
	// (the streets alone, manholes as sinks of their inlet capacity; it
	// takes pumps and pipe changes at any time).
	Model string `yaml:"model"`
	// CellM is the flood grid's cell size, m (default 25, range 5–500).
	CellM float64 `yaml:"cell_m"`
	// Manning is Manning's n of the surface (default 0.03 s·m^-1/3).
	Manning float64 `yaml:"manning"`
	// CloseDepthM is the road depth at and above which a link closes
	// (default 0.3 m, where Pregnolato et al. 2017's speed reaches zero).
	CloseDepthM float64 `yaml:"close_depth_m"`
	// SewerFactor scales every manhole's inlet capacity (default 1; 0 is
	// taken as the default, use a tiny value for a blocked sewer).
	SewerFactor float64 `yaml:"sewer_factor"`
	// Gauges are places whose depth hydrographs the report plots, by name.
	Gauges []Place `yaml:"gauges"`
}

// DispatchSpec describes the emergency services.
type DispatchSpec struct {
	// Stations are the initial stations and their units.
	Stations []Station `yaml:"stations"`
	// Turnout is the time from call to wheels rolling (default 60 s).
	Turnout time.Duration `yaml:"turnout"`
	// OnScene is the time a unit spends at an incident (default 20 min);
	// it then drives back to its station.
	OnScene time.Duration `yaml:"on_scene"`
	// Target is the response-time target whose compliance the report
	// gives (default 8 min).
	Target time.Duration `yaml:"target"`
	// SnapM is how far an incident or station may lie from a road (default
	// 500 m).
	SnapM float64 `yaml:"snap_m"`
	// Siting, when set, opens new stations where they cover the most
	// demand (see SitingSpec) before the run starts.
	Siting *SitingSpec `yaml:"siting"`
}

// SitingSpec asks for new stations placed by the maximal covering location
// problem (Church and ReVelle 1974, solved by sim/dispatch's greedy search
// with swaps): the demand is the buildings' floor area, a building is
// covered when a station reaches it within Standard, and the existing
// stations stay open.
type SitingSpec struct {
	// Stations is how many new stations to open (1–20); Units the units of
	// each (default 1).
	Stations int `yaml:"stations"`
	Units    int `yaml:"units"`
	// Candidates is how many candidate sites to spread evenly over the road
	// junctions (default 60, at most 2000).
	Candidates int `yaml:"candidates"`
	// Standard is the covering travel time (default: the dispatch target
	// less the turnout).
	Standard time.Duration `yaml:"standard"`
}

// TrafficSpec tunes the traffic model.
type TrafficSpec struct {
	// Model is "bpr" (time-of-day volume–delay, the default) or "micro"
	// (sim/traffic's microsimulation with random trips at DemandVPH).
	Model string `yaml:"model"`
	// DemandVPH is the micro model's trips per hour (default 1500).
	DemandVPH float64 `yaml:"demand_vph"`
	// Peak is the local clock time of the rush-hour peak, "HH:MM" (default
	// "17:30"); PeakWidth its standard deviation (default 1 h).
	Peak      string        `yaml:"peak"`
	PeakWidth time.Duration `yaml:"peak_width"`
	// PeakVC and BaseVC are the volume/capacity ratios of a primary road at
	// the peak and off-peak (defaults 0.95 and 0.35; 0–2).
	PeakVC float64 `yaml:"peak_vc"`
	BaseVC float64 `yaml:"base_vc"`
	// Corridor names the main road whose signals a green-wave plan retimes
	// (default: the named road with the most signals).
	Corridor string `yaml:"corridor"`
}

// Station is a base of emergency units.
type Station struct {
	Name  string  `yaml:"name"`
	Lon   float64 `yaml:"lon"`
	Lat   float64 `yaml:"lat"`
	Units int     `yaml:"units"`
}

// Place is a named point, lon/lat degrees.
type Place struct {
	Name string  `yaml:"name"`
	Lon  float64 `yaml:"lon"`
	Lat  float64 `yaml:"lat"`
}

// Variant overrides parts of the baseline: a section given replaces the
// baseline's whole section; Events are added to the baseline's timeline
// and Drop removes baseline events by name.
type Variant struct {
	Name        string        `yaml:"name"`
	Description string        `yaml:"description"`
	Simulations []string      `yaml:"simulations"`
	Flood       *FloodSpec    `yaml:"flood"`
	Dispatch    *DispatchSpec `yaml:"dispatch"`
	Traffic     *TrafficSpec  `yaml:"traffic"`
	Events      []Event       `yaml:"events"`
	Drop        []string      `yaml:"drop"`
}
