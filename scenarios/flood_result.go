package scenarios

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"twin/geo"
)

// FloodResult sums up a flood run. Volumes are m³ over the run.
type FloodResult struct {
	CellM  float64 `json:"cell_m"`
	RainMM float64 `json:"rain_mm"`
	// PeakRoadDepthM is the deepest water on any road link, m.
	PeakRoadDepthM float64 `json:"peak_road_depth_m"`
	// FloodedAreaHa is the area whose maximum depth reached 0.1 m, ha.
	FloodedAreaHa float64 `json:"flooded_area_ha"`
	// PeakClosedLinks is the most links closed by water at once;
	// ClosedLinks counts the links closed at some time.
	PeakClosedLinks int `json:"peak_closed_links"`
	ClosedLinks     int `json:"closed_links"`
	// PeakClosedLinkIDs are the links (links layer IDs, in link order)
	// closed by water when PeakClosedLinks was first reached, for the map.
	PeakClosedLinkIDs []string `json:"-"`
	// AffectedBuildings counts buildings whose footprint centroid saw
	// 0.1 m of water or more.
	AffectedBuildings int     `json:"affected_buildings"`
	SewerCapacityM3s  float64 `json:"sewer_inlet_capacity_m3s"`
	RainM3            float64 `json:"rain_m3"`
	SewerM3           float64 `json:"sewer_m3"`
	PumpedM3          float64 `json:"pumped_m3"`
	OutflowM3         float64 `json:"outflow_m3"`
	StoredM3          float64 `json:"stored_m3"`
	// Hydrographs are depth series (m, one per step) at the gauges of the
	// scenario and at the three links with the deepest water.
	Hydrographs []Hydrograph `json:"hydrographs"`
	// MaxDepth is the maximum depth of every cell (m), for the map.
	MaxDepth *geo.Grid `json:"-"`
}

// Hydrograph is a depth series at a place.
type Hydrograph struct {
	Name   string    `json:"name"`
	DepthM []float64 `json:"depth_m"`
}

// floodedDepth is the depth counted as flooded in areas and buildings, m.
const floodedDepth = 0.1

// finish fills the result from the model's final state. linkSeries holds
// each link's depth per step.
func (f *floodModel) finish(linkSeries [][]float32, gauges []Hydrograph) *FloodResult {
	r := f.res
	md := f.sim.MaxDepth(nil)
	r.MaxDepth = &geo.Grid{Cols: f.grid.Cols, Rows: f.grid.Rows, X0: f.grid.X0, Y0: f.grid.Y0, DX: f.grid.DX, DY: f.grid.DY, Data: md}
	cells := 0
	for i, d := range md {
		if d >= floodedDepth && !isSea(f.grid, i) {
			cells++
		}
	}
	r.FloodedAreaHa = round3(float64(cells) * f.grid.DX * f.grid.DY / 1e4)
	f.roads.summary(r)
	r.AffectedBuildings = f.affected(md)
	f.volumes(r)
	r.Hydrographs = append(gauges, f.roads.topLinks(linkSeries, 3)...)
	r.RainMM = round3(r.RainMM)
	return r
}

func (f *floodModel) volumes(r *FloodResult) {
	for i, q := range f.inlets {
		if f.active[i] && q > 0 {
			r.SewerCapacityM3s += q
			_, tot, _ := f.sim.SourceVolume(i)
			r.SewerM3 -= tot
		}
	}
	for _, p := range f.pumps {
		for _, i := range p.sources {
			_, tot, _ := f.sim.SourceVolume(i)
			r.PumpedM3 -= tot
		}
	}
	mb := f.sim.MassBalance()
	r.RainM3, r.OutflowM3, r.StoredM3 = round3(mb.Rain), round3(mb.BoundaryOut), round3(mb.Stored)
	r.SewerCapacityM3s, r.SewerM3, r.PumpedM3 = round3(r.SewerCapacityM3s), round3(r.SewerM3), round3(r.PumpedM3)
}

func (f *floodModel) affected(md []float32) int {
	n := 0
	for _, b := range f.c.buildings {
		if len(b.Footprint) == 0 {
			continue
		}
		p, _ := planar.CentroidArea(b.Footprint)
		if c, r, ok := f.grid.Cell(p[0], p[1]); ok && md[r*f.grid.Cols+c] >= floodedDepth && !isSea(f.grid, r*f.grid.Cols+c) {
			n++
		}
	}
	return n
}

// linkDepths returns every watched link's current depth, m.
func (f *floodModel) linkDepths() []float32 {
	out := make([]float32, len(f.cells))
	for i, cells := range f.cells {
		d := float32(0)
		for _, c := range cells {
			d = max(d, f.depth[c])
		}
		out[i] = d
	}
	return out
}

// depthAt returns the current depth at a point, m (0 outside).
func (f *floodModel) depthAt(p orb.Point) float64 {
	c, r, ok := f.grid.Cell(p[0], p[1])
	if !ok {
		return 0
	}
	return float64(f.depth[r*f.grid.Cols+c])
}
