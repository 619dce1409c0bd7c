package swmm

import (
	"time"

	"github.com/paulmach/orb"

	"twin/geo"
)

// Options control decoding. The zero value is the default.
type Options struct {
	// Strict makes references to missing objects (a conduit to an undefined
	// node, a cross-section of an undefined link, …) errors wrapping
	// ErrMissingRef. By default they are dropped with one counted warning
	// per kind, because real city exports often carry a few stale rows and
	// the rest of the network is still worth loading.
	Strict bool
}

// Validate reports whether the options are usable; every value is.
func (o Options) Validate() error { return nil }

// Model is a SWMM 5 input file in typed form, with every quantity in SI:
// lengths, elevations and depths in m, areas in m², volumes in m³, flows in
// m³/s, times in s, rain depths in mm and rain intensities, infiltration and
// seepage rates in mm/h. Map coordinates ([COORDINATES], [VERTICES],
// [POLYGONS], [SYMBOLS], [MAP]) stay in the model's map units.
//
// Slices keep file order. Sections Decode does not model are kept verbatim
// in Raw. A Model is a plain value: safe for concurrent reads, not for
// concurrent writes.
type Model struct {
	// Name is the file name Decode was given.
	Name    string
	Title   []string
	Options ModelOptions

	RainGages     []RainGage
	Subcatchments []Subcatchment
	Subareas      []Subarea
	Infiltration  []Infiltration

	Junctions []Junction
	Outfalls  []Outfall
	Dividers  []Divider
	Storage   []Storage

	Conduits  []Conduit
	Pumps     []Pump
	Orifices  []Orifice
	Weirs     []Weir
	Outlets   []Outlet
	XSections []XSection
	Losses    []Loss

	Inflows    []Inflow
	DWF        []DWF
	Curves     []Curve
	TimeSeries []TimeSeries
	Patterns   []Pattern

	Coordinates []Point // node locations
	Vertices    []Path  // interior points of links
	Polygons    []Path  // subcatchment outlines (not closed)
	Symbols     []Point // rain gauge locations
	Map         Map
	Tags        []Tag

	// Raw holds the sections Decode does not model ([EVAPORATION],
	// [REPORT], [CONTROLS], [POLLUTANTS], …, and unknown ones) verbatim, in
	// the source's units.
	Raw []RawSection
	// Warnings lists what Decode skipped or repaired.
	Warnings []geo.Warning
}

// ModelOptions is the [OPTIONS] section.
type ModelOptions struct {
	// Keys are the option names in file order, upper case.
	Keys []string
	// Values holds every option as written (value columns joined by one
	// space), by upper-case name.
	Values map[string]string
	// FlowUnits is the FLOW_UNITS value as given (upper case; default CFS).
	// It says which unit system the file used; Model itself is SI.
	FlowUnits string
	// Infiltration is the default infiltration method: HORTON (default),
	// MODIFIED_HORTON, GREEN_AMPT, MODIFIED_GREEN_AMPT or CURVE_NUMBER.
	Infiltration string
	// FlowRouting is STEADY, KINWAVE (default) or DYNWAVE; SWMM 4 names
	// (NF, KW, DW) are mapped to these.
	FlowRouting string
	// LinkOffsets is DEPTH (default: offsets are heights above the node
	// invert) or ELEVATION (offsets are absolute elevations).
	LinkOffsets string
	// ForceMainEquation is H-W (default) or D-W.
	ForceMainEquation string
	// Start, End and ReportStart are the simulation's start, end and
	// reporting start (UTC wall-clock; zero when not given).
	Start, End, ReportStart time.Time
	// ReportStep, WetStep, DryStep and RoutingStep are time steps, s (0 when
	// not given).
	ReportStep, WetStep, DryStep, RoutingStep float64
	// MinSurfArea is the minimum nodal surface area, m² (MIN_SURFAREA).
	MinSurfArea float64
	// HeadTolerance is the dynamic-wave convergence tolerance, m.
	HeadTolerance float64
}

// Point is a named map location ([COORDINATES], [SYMBOLS]).
type Point struct {
	Name string
	Pt   orb.Point
}

// Path is a named sequence of map points ([VERTICES], [POLYGONS]).
type Path struct {
	Name   string
	Points []orb.Point
}

// Map is the [MAP] section.
type Map struct {
	// Dimensions are the map extent: x1, y1, x2, y2 in map units.
	Dimensions [4]float64
	// HasDimensions says whether DIMENSIONS was given.
	HasDimensions bool
	// Units is FEET, METERS, DEGREES or NONE ("" when not given).
	Units string
}

// Tag is a [TAGS] entry.
type Tag struct {
	Kind string // Node, Link, Subcatch or Gage
	Name string
	Tag  string
}

// RawSection is a section kept verbatim: each line's text before its
// comment, with quotes as written.
type RawSection struct {
	Name  string
	Line  int // header line
	Lines []string
}
