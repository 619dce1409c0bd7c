package surface

import (
	"fmt"
	"math"

	"twin/geo"
)

// Model is what a run floods: the terrain, its roughness, the boundaries,
// point sources, gauges, the initial water and an infiltration hook. New
// copies what it needs; the caller may reuse the Model afterwards.
type Model struct {
	// DEM is the bed elevation (m) on a regular north-up grid (row 0 is the
	// northern edge). Cells that are NaN (no data) are blocked: no water
	// enters them. Required.
	DEM *geo.Grid
	// Manning is Manning's n (s·m^-1/3) of every cell when Roughness is nil.
	// Zero is frictionless.
	Manning float64
	// Roughness, when not nil, is Manning's n per cell, row-major like
	// DEM.Data (len Rows·Cols). +Inf or NaN blocks a cell (a building
	// footprint); negative values are an error. A face's n is the mean of
	// its two cells' (as LISFLOOD-FP's manningfile).
	Roughness []float32
	// Depth, when not nil, is the initial water depth per cell (m, ≥ 0),
	// row-major like DEM.Data. Blocked cells stay dry.
	Depth []float32
	// U and V, when not nil, are the initial depth-averaged velocity per
	// cell (m/s, east and north), row-major like DEM.Data. A face starts
	// with the unit flow hf·(mean of its two cells' velocities), hf its
	// flow depth (zero at or below the depth threshold).
	U, V []float32
	// Boundaries open stretches of the grid's outer edge; every other edge
	// face is closed (no flow). Where two boundaries cover the same face the
	// later one wins, as in a LISFLOOD-FP .bci file.
	Boundaries []Boundary
	// Sources are point inflows and sinks (manholes, pumps).
	Sources []Source
	// Gauges are points where depths are sampled (GaugeDepths).
	Gauges []Gauge
	// Loss, when not nil, removes water each step (infiltration); see
	// GreenAmpt.
	Loss Loss
}

// Side is an outer edge of the grid.
type Side int

// The four sides. North is row 0, West is column 0.
const (
	North Side = iota
	East
	South
	West
)

func (s Side) String() string {
	switch s {
	case North:
		return "N"
	case East:
		return "E"
	case South:
		return "S"
	case West:
		return "W"
	}
	return fmt.Sprintf("Side(%d)", int(s))
}

// BoundaryKind is the condition applied on a boundary's faces.
type BoundaryKind int

const (
	// Closed: no flow (the default of every edge face).
	Closed BoundaryKind = iota
	// Free outflow at normal depth: the face flow follows the local-inertial
	// momentum equation with the boundary cell's depth as flow depth and a
	// friction slope equal to Boundary.Slope, or, where that is zero, the
	// magnitude of the water-surface slope between the boundary cell and its
	// inward neighbour (LISFLOOD-FP's FREE). At steady state this is
	// Manning's normal-depth flow q = h^{5/3}·S^{1/2}/n. Outflow only.
	Free
	// Inflow imposes a discharge hydrograph Boundary.Flow, in m³/s over the
	// whole stretch (spread evenly per metre of edge), or in m²/s per metre
	// of edge when Boundary.PerWidth is set (LISFLOOD-FP's QFIX/QVAR).
	// Negative values withdraw water, limited to what the cells hold.
	Inflow
	// Level imposes a water-surface elevation Boundary.Level (m) just
	// outside the edge (LISFLOOD-FP's HFIX/HVAR): the face flow follows the
	// momentum equation between that level and the boundary cell, over the
	// distance from the cell centre to the edge (half a cell). Water flows
	// both ways.
	Level
)

func (k BoundaryKind) String() string {
	switch k {
	case Closed:
		return "closed"
	case Free:
		return "free"
	case Inflow:
		return "inflow"
	case Level:
		return "level"
	}
	return fmt.Sprintf("BoundaryKind(%d)", int(k))
}

// Boundary opens a stretch of one side of the grid.
type Boundary struct {
	Side Side
	// From, To bound the stretch along the side in CRS metres: x for North
	// and South, y for East and West. The faces of the edge cells whose
	// centres lie in [min(From,To), max(From,To)] belong to it. From == To
	// == 0 means the whole side.
	From, To float64
	Kind     BoundaryKind
	// Slope is the friction slope of a Free boundary (m/m, ≥ 0); zero uses
	// the local water-surface slope.
	Slope float64
	// Flow is the Inflow hydrograph: m³/s over the stretch, or m²/s when
	// PerWidth.
	Flow     Series
	PerWidth bool
	// Level is the water-surface elevation of a Level boundary, m.
	Level Series
	// Name labels the boundary in errors and reports.
	Name string
}

// Source is a point inflow (Flow > 0) or sink (Flow < 0) at the cell that
// holds (X, Y). A sink takes at most the water in its cell; the volume it
// actually took is reported (SourceVolume).
type Source struct {
	Name string
	X, Y float64
	// Flow is the discharge hydrograph, m³/s. A source whose Flow is empty
	// keeps the rate last given to SetSourceFlow (initially 0): the coupling
	// with a pipe network sets it before each step.
	Flow Series
}

// Gauge is a point where depths are sampled.
type Gauge struct {
	Name string
	X, Y float64
}

// validate checks the model against itself; it does not modify it.
func (m *Model) validate() error {
	g := m.DEM
	if g == nil || g.Cols < 1 || g.Rows < 1 || len(g.Data) != g.Cols*g.Rows {
		return fmt.Errorf("%w: missing or malformed DEM", ErrModel)
	}
	if !(g.DX > 0) || !(g.DY > 0) || math.IsInf(g.DX, 0) || math.IsInf(g.DY, 0) {
		return fmt.Errorf("%w: cell size %g × %g", ErrModel, g.DX, g.DY)
	}
	n := g.Cols * g.Rows
	if math.IsNaN(m.Manning) || m.Manning < 0 || math.IsInf(m.Manning, 0) {
		return fmt.Errorf("%w: Manning = %g", ErrModel, m.Manning)
	}
	if m.Roughness != nil && len(m.Roughness) != n {
		return fmt.Errorf("%w: Roughness has %d cells, DEM %d", ErrModel, len(m.Roughness), n)
	}
	for i, v := range m.Roughness {
		if v < 0 {
			return fmt.Errorf("%w: negative roughness %g at cell %d", ErrModel, v, i)
		}
	}
	if m.Depth != nil && len(m.Depth) != n {
		return fmt.Errorf("%w: Depth has %d cells, DEM %d", ErrModel, len(m.Depth), n)
	}
	for i, v := range m.Depth {
		if !(v >= 0) || math.IsInf(float64(v), 0) {
			return fmt.Errorf("%w: initial depth %g at cell %d", ErrModel, v, i)
		}
	}
	for _, f := range []struct {
		name string
		v    []float32
	}{{"U", m.U}, {"V", m.V}} {
		if f.v != nil && len(f.v) != n {
			return fmt.Errorf("%w: %s has %d cells, DEM %d", ErrModel, f.name, len(f.v), n)
		}
		for i, v := range f.v {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return fmt.Errorf("%w: %s = %g at cell %d", ErrModel, f.name, v, i)
			}
		}
	}
	for i, b := range m.Boundaries {
		if err := b.validate(); err != nil {
			return fmt.Errorf("boundary %d (%s): %w", i, b.Name, err)
		}
	}
	for i, s := range m.Sources {
		if err := s.Flow.Validate(); err != nil {
			return fmt.Errorf("source %d (%s): %w", i, s.Name, err)
		}
	}
	return nil
}

func (b *Boundary) validate() error {
	if b.Side < North || b.Side > West {
		return fmt.Errorf("%w: side %v", ErrModel, b.Side)
	}
	if math.IsNaN(b.From) || math.IsNaN(b.To) {
		return fmt.Errorf("%w: extent is NaN", ErrModel)
	}
	switch b.Kind {
	case Closed:
	case Free:
		if !(b.Slope >= 0) || math.IsInf(b.Slope, 0) {
			return fmt.Errorf("%w: free slope %g", ErrModel, b.Slope)
		}
	case Inflow:
		if b.Flow.Len() == 0 {
			return fmt.Errorf("%w: inflow without a hydrograph", ErrModel)
		}
		return b.Flow.Validate()
	case Level:
		if b.Level.Len() == 0 {
			return fmt.Errorf("%w: level boundary without a level series", ErrModel)
		}
		return b.Level.Validate()
	default:
		return fmt.Errorf("%w: boundary kind %v", ErrModel, b.Kind)
	}
	return nil
}
