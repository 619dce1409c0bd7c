package urban

import (
	"fmt"
	"math"

	"twin/sim/flood/drainage"
	"twin/sim/flood/surface"
)

// BuildingMode says how building footprints enter the surface grid.
type BuildingMode int

const (
	// BuildingsBlocked makes cells whose centre lies in a footprint solid:
	// no water enters them; their roof rain goes to the nearest open cell.
	// Cells that would wall in a pocket are opened (Options.PocketDepth).
	BuildingsBlocked BuildingMode = iota
	// BuildingsRough keeps them open with Manning's n =
	// Options.BuildingManning, a documented alternative (Syme 2008's
	// "high roughness" buildings) that lets water pond in them.
	BuildingsRough
)

// Defaults used where an Options field is zero.
const (
	DefaultCellSize        = 10.0  // m
	DefaultExchange        = 5.0   // s
	DefaultSeriesInterval  = 60.0  // s
	DefaultRoadManning     = 0.015 // s·m^-1/3, Chow (1959) Table 5-6: asphalt 0.013–0.016
	DefaultGroundManning   = 0.035 // s·m^-1/3, Chow (1959) Table 5-6: short grass 0.025–0.035
	DefaultBuildingManning = 1.0   // s·m^-1/3 (BuildingsRough only)
	DefaultRoadWidth       = 7.0   // m, two 3.5 m lanes, when a road has no lane count
	DefaultInletDiameter   = 1.0   // m
	DefaultWeirCoeff       = 0.3   // within 0.115–0.372 (J. Hydroinform. 20(3), 2018)
	DefaultOrificeCoeff    = 0.6   // sharp-edged orifice; within 0.349–2.038 (same study)
	// DefaultClosureDepth (m): Pregnolato et al. (2017) take a road as
	// impassable at 300 mm, where their depth–speed curve has fallen to
	// about 2 km/h.
	DefaultClosureDepth = 0.3
	// DefaultSlowDepth (m): reported as slowed from 5 cm, where the same
	// curve gives 71 % of the dry speed.
	DefaultSlowDepth = 0.05
	// DefaultBuildingDepth (m): a building is affected when water next to
	// it is deeper than a 15 cm kerb/doorstep.
	DefaultBuildingDepth = 0.15
	// DefaultSurfaceCFL is the surface solver's α in Δt = α·Δx/√(g·h_max)
	// for city runs. That step ignores the flow speed u, so the Courant
	// number of the fastest wave, (|u| + √(g·h))·Δt/Δx, is at most
	// α·(1 + Fr): with the solver's 0.7 it passes 1 from Froude number
	// 0.43, and the supercritical flows of steep streets (Fr 1–2) grow
	// oscillations, metres high on the sample city. 0.3, within the
	// 0.2–0.7 Bates et al. (2010) give, keeps it ≤ 1 up to Fr = 2.33.
	DefaultSurfaceCFL = 0.3
	// DefaultPocketDepth (m): blocked buildings may hold water up to a
	// 15 cm kerb/doorstep above the level the bare terrain holds it at;
	// deeper water finds the doorways and the gaps between buildings.
	DefaultPocketDepth = 0.15
)

// Inlet describes the opening through which street water enters a node.
type Inlet struct {
	// Diameter of the circular opening, m (perimeter π·D, area π·D²/4).
	// Default 1 m: a manhole's lid and gullies lumped into one inlet.
	Diameter float64
	// Weir and Orifice are the discharge coefficients Cw and Co of the
	// linking equations (doc.go). Defaults 0.3 and 0.6.
	Weir, Orifice float64
}

// Options tune the coupled model. The zero value of every field means the
// default named in its comment.
type Options struct {
	// CellSize is the surface grid's cell size, m. Default 10 m.
	CellSize float64
	// Exchange is the coupling interval, s: both models advance to its end
	// with the exchange flows held constant. Default 5 s.
	Exchange float64
	// OutputInterval is the interval of depth and velocity frames, s;
	// 0 keeps none.
	OutputInterval float64
	// SeriesInterval is the interval of gauge, outfall and pipe series, s.
	// Default 60 s.
	SeriesInterval float64
	// RoadManning, GroundManning and BuildingManning are Manning's n of
	// road cells, other open cells and (BuildingsRough) building cells,
	// s·m^-1/3. Defaults 0.015, 0.035, 1.0.
	RoadManning, GroundManning, BuildingManning float64
	// Buildings picks how footprints enter the grid. Default blocked.
	Buildings BuildingMode
	// PocketDepth (m) is how much higher than on the bare terrain
	// (buildings removed) blocked buildings may make water stand: open
	// cells that blocked cells wall in deeper than that (a dead-end street
	// on a slope, a yard) are drained by opening building cells beside
	// them (doc.go, "Pockets"). Default DefaultPocketDepth.
	PocketDepth float64
	// KeepPockets leaves every building cell blocked, pockets and all.
	KeepPockets bool
	// RoadWidth is the width of a road whose lane count is unknown, m
	// (known: 3.5 m per lane). Default 7 m.
	RoadWidth float64
	// Inlet is the manhole inlet of every coupled node.
	Inlet Inlet
	// ClosedEdges closes the grid's outer edge; by default all four sides
	// are free outflow (normal depth at the local slope).
	ClosedEdges bool
	// SeaLevel, when not nil, makes every cell whose bed is at or below it
	// (m) sea: blocked, except the sea cells next to land, which take all
	// the water that reaches them (MassBalance.Sea). SRTM-like DEMs give
	// the sea a height of 0.
	SeaLevel *float64
	// Soil, when not nil, infiltrates by Green–Ampt on cells that are
	// neither road nor building.
	Soil *surface.Soil
	// Surface and Drainage are passed to the two solvers, except that a
	// zero Surface.CFL takes DefaultSurfaceCFL, not the surface solver's
	// own default.
	Surface  surface.Options
	Drainage drainage.Options
}

// Validate reports a field out of range (ErrOptions) or an invalid
// solver option.
func (o Options) Validate() error {
	for _, f := range []struct {
		name string
		v    float64
	}{
		{"CellSize", o.CellSize}, {"Exchange", o.Exchange}, {"OutputInterval", o.OutputInterval},
		{"SeriesInterval", o.SeriesInterval}, {"RoadManning", o.RoadManning},
		{"GroundManning", o.GroundManning}, {"BuildingManning", o.BuildingManning}, {"PocketDepth", o.PocketDepth},
		{"RoadWidth", o.RoadWidth}, {"Inlet.Diameter", o.Inlet.Diameter},
		{"Inlet.Weir", o.Inlet.Weir}, {"Inlet.Orifice", o.Inlet.Orifice},
	} {
		if !(f.v >= 0) || math.IsInf(f.v, 0) {
			return fmt.Errorf("%w: %s = %g", ErrOptions, f.name, f.v)
		}
	}
	if o.SeaLevel != nil && (math.IsNaN(*o.SeaLevel) || math.IsInf(*o.SeaLevel, 0)) {
		return fmt.Errorf("%w: SeaLevel = %g", ErrOptions, *o.SeaLevel)
	}
	if o.Buildings != BuildingsBlocked && o.Buildings != BuildingsRough {
		return fmt.Errorf("%w: building mode %d", ErrOptions, o.Buildings)
	}
	if o.Soil != nil {
		if err := o.Soil.Validate(); err != nil {
			return fmt.Errorf("%w: %w", ErrOptions, err)
		}
	}
	if err := o.Surface.Validate(); err != nil {
		return err
	}
	return o.Drainage.Validate()
}

// withDefaults returns o with zero fields set to their defaults.
func (o Options) withDefaults() Options {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.CellSize, DefaultCellSize)
	def(&o.Exchange, DefaultExchange)
	def(&o.SeriesInterval, DefaultSeriesInterval)
	def(&o.RoadManning, DefaultRoadManning)
	def(&o.GroundManning, DefaultGroundManning)
	def(&o.BuildingManning, DefaultBuildingManning)
	def(&o.RoadWidth, DefaultRoadWidth)
	def(&o.PocketDepth, DefaultPocketDepth)
	def(&o.Surface.CFL, DefaultSurfaceCFL)
	def(&o.Inlet.Diameter, DefaultInletDiameter)
	def(&o.Inlet.Weir, DefaultWeirCoeff)
	def(&o.Inlet.Orifice, DefaultOrificeCoeff)
	return o
}
