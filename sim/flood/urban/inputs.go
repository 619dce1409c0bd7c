package urban

import (
	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/swmm"
	"twin/sim/flood/rain"
)

// Inputs are the city data a Model floods, all in one projected metric
// CRS (the model CRS) except the DEM, which may keep its own. New copies
// what it needs; the caller may reuse the Inputs afterwards.
type Inputs struct {
	// DEM is the terrain (m above datum). Required unless Elevation is set.
	DEM *geo.Grid
	// ToDEM maps a point of the model CRS into the DEM's CRS; nil when the
	// DEM is in the model CRS.
	ToDEM geo.PointFunc
	// Elevation, when not nil, replaces DEM and ToDEM: it returns the
	// ground height (m) at a point of the model CRS, ok false where
	// unknown. A World snapshot's TerrainHeight (bilinear in each grid's
	// own CRS, finest grid first) fits. Bounds is then required.
	Elevation func(p orb.Point) (z float64, ok bool)
	// Bounds is the area to model in the model CRS. The zero Bound means
	// the DEM's extent, which needs ToDEM and Elevation nil.
	Bounds orb.Bound
	// CRS names the model CRS ("EPSG:n") for the grid; may be empty.
	CRS string
	// Buildings block cells (or roughen them; Options.Buildings) and are
	// checked for flooding.
	Buildings []*geo.Building
	// Roads set the smooth cells (all classes; tunnels skipped).
	Roads []*geo.Road
	// Links are the road links whose flooding is reported (FloodedLinks).
	Links []*geo.RoadLink
	// Sewer is the drainage network; nil runs the surface alone. Its map
	// coordinates must be in the model CRS.
	Sewer *swmm.Model
	// Rain falls uniformly on the grid; nil for none.
	Rain rain.Hyetograph
	// RainGauges rain, each, on the cells nearest to them (Pt in the model
	// CRS; gauges without HasPt are ignored), in addition to Rain.
	RainGauges []rain.Gauge
	// Depth, when not nil, is the initial water depth of every cell of the
	// model grid (m, row-major; len Rows·Cols of the grid New builds).
	Depth []float32
	// Gauges are points where the stage is recorded (Stages).
	Gauges []Gauge
	// Pipes names the SWMM links whose flow is recorded (Hydrographs), in
	// addition to every outfall's discharge.
	Pipes []string
}

// Gauge is a point where the water depth and level are recorded.
type Gauge struct {
	Name string
	X, Y float64
}
