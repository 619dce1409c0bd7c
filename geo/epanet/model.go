package epanet

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"twin/geo"
)

// DefaultCover is the burial depth Dataset assumes for water mains when
// Options.Cover is 0: 1.0 m of soil from the ground to the pipe crown. It
// is a common design minimum for buried drinking-water mains, e.g. the
// lower end of the usual cover range in DVGW worksheet W 400-1 (Germany)
// and above the 0.7 m minimum under carriageways in GB 50013-2018
// (China). Set Options.Cover to follow local practice.
const DefaultCover = 1.0

// Options control decoding and Dataset. The zero value is the default.
type Options struct {
	// Cover is the depth of soil over the crown of every pipe, m, used by
	// Dataset to place buried mains (EPANET models give no depths);
	// 0 means DefaultCover.
	Cover float64
	// Strict makes references to missing nodes or links errors wrapping
	// ErrMissingRef. By default such links and rows are dropped with one
	// counted warning per kind, because the rest of a large city model is
	// still worth loading.
	Strict bool
}

// Validate reports an error wrapping ErrOptions for a negative, NaN or
// infinite Cover.
func (o Options) Validate() error {
	if !(o.Cover >= 0) || math.IsInf(o.Cover, 0) {
		return fmt.Errorf("%w: cover %v m", ErrOptions, o.Cover)
	}
	return nil
}

func (o Options) cover() float64 {
	if o.Cover == 0 {
		return DefaultCover
	}
	return o.Cover
}

// Model is an EPANET 2 input file in typed form with every quantity in SI:
// elevations, heads, lengths and all diameters in m, flows and demands in
// m³/s, volumes in m³, pressures in m of water head, power in W, times in
// s. Pipe roughness stays in the unit of the HEADLOSS formula (see Pipe).
// Map coordinates ([COORDINATES], [VERTICES], [LABELS]) are as in the file.
// Slices keep file order; sections Decode does not type are kept verbatim.
// A Model is a plain value: safe for concurrent reads, not writes.
type Model struct {
	// Name is the file name Decode was given.
	Name string
	// Cover is the soil depth over the pipe crowns Dataset assumes, m.
	// Decode sets it from Options.Cover; DefaultCover when not positive.
	Cover   float64
	Title   []string
	Options ModelOptions
	Times   Times

	Junctions  []Junction
	Reservoirs []Reservoir
	Tanks      []Tank
	Pipes      []Pipe
	Pumps      []Pump
	Valves     []Valve

	Demands  []Demand
	Status   []Status
	Emitters []Emitter
	Quality  []Quality
	Sources  []Source
	Mixing   []Mixing
	Patterns []Pattern
	Curves   []Curve

	// Controls and Rules are the [CONTROLS] and [RULES] lines as written.
	Controls, Rules []string
	// Energy, Reactions, Report and Backdrop are those sections' lines as
	// written, in the file's units.
	Energy, Reactions, Report, Backdrop []string

	Coordinates []Point
	Vertices    []Path
	Labels      []Label
	Tags        []Tag

	// Raw holds unknown sections verbatim.
	Raw []RawSection
	// Warnings lists what Decode skipped or repaired.
	Warnings []geo.Warning
}

// ModelOptions is the [OPTIONS] section.
type ModelOptions struct {
	// Keys are the option names in file order, upper case with single
	// spaces ("SPECIFIC GRAVITY").
	Keys []string
	// Values holds every option as written, by key.
	Values map[string]string
	// Units is the UNITS value as given (upper case; default GPM). It says
	// which unit system the file used; Model itself is SI.
	Units string
	// Headloss is H-W (default), D-W or C-M.
	Headloss string
	// Pattern is the default demand pattern ("" when not given).
	Pattern string
	// DemandMultiplier scales all demands (default 1).
	DemandMultiplier float64
	// EmitterExponent is the pressure exponent of emitters (default 0.5).
	EmitterExponent float64
	// SpecificGravity is the fluid's specific gravity (default 1).
	SpecificGravity float64
	// MinimumPressure and RequiredPressure are the pressure-driven demand
	// limits, m of head.
	MinimumPressure, RequiredPressure float64
}

// Times is the [TIMES] section, in seconds.
type Times struct {
	// Keys and Values hold the section as written ("HYDRAULIC TIMESTEP").
	Keys                                               []string
	Values                                             map[string]string
	Duration, HydraulicStep, QualityStep, RuleStep     float64
	PatternStep, PatternStart, ReportStep, ReportStart float64
	// StartClock is the time of day the simulation starts, s after midnight.
	StartClock float64
}

// Point is a named map location.
type Point struct {
	Name string
	Pt   orb.Point
}

// Path is a named sequence of map points (a link's interior vertices).
type Path struct {
	Name   string
	Points []orb.Point
}

// Label is a [LABELS] entry.
type Label struct {
	Pt     orb.Point
	Text   string
	Anchor string
}

// Tag is a [TAGS] entry.
type Tag struct {
	Kind string // NODE or LINK
	Name string
	Tag  string
}

// RawSection is an unknown section kept verbatim.
type RawSection struct {
	Name  string
	Line  int
	Lines []string
}
