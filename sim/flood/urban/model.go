package urban

import (
	"math"

	"twin/geo"
	"twin/sim/flood/drainage"
	"twin/sim/flood/rain"
	"twin/sim/flood/surface"
)

// Model is a coupled surface–sewer flood simulation of one city area.
// Build it with New, advance it with Run or Step, read its results
// between calls. Not safe for concurrent use. Close releases the surface
// solver's workers.
type Model struct {
	opt   Options
	grid  geo.Grid // bed elevations (m), NaN where the DEM has none
	cv    *cover
	surf  *surface.Sim
	pipes *drainage.Sim // nil without a sewer
	nodes []coupled
	// uncoupled names the sewer nodes (junctions and storage) that no open
	// cell takes.
	uncoupled    []string
	uncoupledIdx []int // their drainage node indices
	rainU        rain.Hyetograph
	gauges       []rain.Gauge
	gaugeOf      []int32 // nearest gauge per cell, -1 when none
	perGauge     []float64
	// the rates of the rain field last set, m/s
	rainSet bool
	lastUni float64
	lastPer []float64
	field   []float32
	t       float64
	rec     recorder
	acc     exchangeTotals
	links   []linkTrack
	bldgIDs []string
	seaSrc  int // index of the first sea sink among the surface sources
	loss    *surface.GreenAmpt
}

// seaSink is the rate of a coastal sink, m³/s: more than any cell holds,
// so that it empties its cell every step.
const seaSink = 1e9

// coupled is a sewer node linked to a street cell.
type coupled struct {
	node          int // drainage node index
	cell          int
	rim           float64 // m
	inSrc, outSrc int     // surface source indices (inlet sink, overflow)
	inTot, outTot float64 // the sources' cumulative volumes at the last read
	pending       float64 // overflow waiting to reach the street, m³
	captured      float64 // cumulative inlet volume, m³
	overflowed    float64 // cumulative overflow volume, m³
}

// exchangeTotals are the cumulative exchange volumes, m³.
type exchangeTotals struct {
	given      float64 // taken from the street by inlets
	overflowed float64 // overflow of coupled nodes
	lost       float64 // overflow of uncoupled nodes
}

// New builds the grid, the surface model and the sewer model from in and
// couples them, at time 0. Errors wrap ErrOptions, ErrInputs, ErrUnknown
// or the solvers' own errors. O(cells + features × their cells + nodes).
func New(in Inputs, o Options) (*Model, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	bed, err := resample(&in, o.CellSize)
	if err != nil {
		return nil, err
	}
	m := &Model{opt: o, grid: *bed, rainU: in.Rain}
	m.cv = buildCover(bed, &in, o)
	if m.pipes, err = newPipes(in.Sewer, o); err != nil {
		return nil, err
	}
	sm, err := m.surfaceModel(&in)
	if err != nil {
		return nil, err
	}
	so := o.Surface
	so.StartTime = 0
	if m.surf, err = surface.New(sm, so); err != nil {
		return nil, err
	}
	m.setRainGauges(in.RainGauges)
	m.field = make([]float32, bed.Cols*bed.Rows)
	m.trackFeatures(&in)
	if err := m.rec.init(m, &in); err != nil {
		m.Close()
		return nil, err
	}
	return m, nil
}

// surfaceModel assembles the surface.Model: bed, roughness, edges, the
// coupled nodes' sources, gauges and losses.
func (m *Model) surfaceModel(in *Inputs) (surface.Model, error) {
	g := &m.grid
	sm := surface.Model{DEM: g, Roughness: m.cv.rough, Depth: in.Depth}
	if !m.opt.ClosedEdges {
		for _, s := range []surface.Side{surface.North, surface.East, surface.South, surface.West} {
			sm.Boundaries = append(sm.Boundaries, surface.Boundary{Side: s, Kind: surface.Free, Name: "edge " + s.String()})
		}
	}
	if m.pipes != nil {
		m.coupleNodes(in)
		for _, n := range m.nodes {
			p := g.Center(n.cell%g.Cols, n.cell/g.Cols)
			name := m.pipes.Nodes()[n.node].Name
			sm.Sources = append(sm.Sources,
				surface.Source{Name: name + " inlet", X: p[0], Y: p[1]},
				surface.Source{Name: name + " overflow", X: p[0], Y: p[1]})
		}
	}
	m.seaSrc = len(sm.Sources)
	for _, c := range m.cv.coast {
		p := g.Center(int(c)%g.Cols, int(c)/g.Cols)
		sm.Sources = append(sm.Sources, surface.Source{Name: "sea", X: p[0], Y: p[1], Flow: surface.Const(-seaSink)})
	}
	for _, ga := range in.Gauges {
		sm.Gauges = append(sm.Gauges, surface.Gauge{Name: ga.Name, X: ga.X, Y: ga.Y})
	}
	if m.opt.Soil != nil {
		soils := make([]surface.Soil, len(m.cv.rough))
		for c := range soils {
			if !m.cv.road[c] && !m.cv.bldg[c] {
				soils[c] = *m.opt.Soil
			}
		}
		ga, err := surface.NewGreenAmptField(g.Rows, g.Cols, soils)
		if err != nil {
			return sm, err
		}
		sm.Loss, m.loss = ga, ga
	}
	return sm, nil
}

// Close stops the surface solver's workers; results stay readable.
func (m *Model) Close() { m.surf.Close() }

// Time returns the simulation time, s.
func (m *Model) Time() float64 { return m.t }

// Grid returns the surface grid; Data holds the bed elevations (m, NaN
// where the DEM has none) and is shared: do not modify it.
func (m *Model) Grid() geo.Grid { return m.grid }

// Blocked reports whether cell c (row-major index) holds no water: a
// building (when blocked, unless opened as a passage; doc.go), a sea cell
// other than a coastal sink, or a cell without terrain. Panics if c is out
// of range.
func (m *Model) Blocked(c int) bool { return !m.cv.open(c) }

// Sea reports whether cell c lies at or below Options.SeaLevel (always
// false without one): blocked, or a coastal sink, never flooded land.
// Panics if c is out of range.
func (m *Model) Sea(c int) bool { return m.cv.sea[c] }

// LandCells counts the cells with terrain above Options.SeaLevel
// (buildings included): the most a flood extent can hold. O(cells).
func (m *Model) LandCells() int {
	n := 0
	for c, z := range m.grid.Data {
		if !m.cv.sea[c] && !math.IsNaN(float64(z)) {
			n++
		}
	}
	return n
}

// Passages returns the number of building cells opened so that blocked
// buildings make no pocket deeper than Options.PocketDepth (doc.go).
func (m *Model) Passages() int { return m.cv.passages }

// Road reports whether cell c is a road cell. Panics if c is out of range.
func (m *Model) Road(c int) bool { return m.cv.road[c] }

// Surface returns the surface solver, for reading only: stepping it
// directly breaks the coupling.
func (m *Model) Surface() *surface.Sim { return m.surf }

// Pipes returns the drainage solver (nil without a sewer), for reading
// only.
func (m *Model) Pipes() *drainage.Sim { return m.pipes }

// Uncoupled returns the names of sewer junctions and storage units that
// are not linked to the surface (outside the grid, without coordinates,
// or with no open cell within two cells); their overflow leaves the model
// (MassBalance.Lost).
func (m *Model) Uncoupled() []string { return m.uncoupled }

// Depth copies the current depth of every cell (m, row-major) into dst,
// grown if short, and returns it.
func (m *Model) Depth(dst []float32) []float32 { return m.surf.Depth(dst) }

// Velocity copies the current cell velocities (m/s, east and north).
func (m *Model) Velocity(u, v []float32) ([]float32, []float32) { return m.surf.Velocity(u, v) }

// MaxDepth copies the maximum depth each cell has reached (m).
func (m *Model) MaxDepth(dst []float32) []float32 { return m.surf.MaxDepth(dst) }

// MaxDepthTime copies the time each cell first reached its maximum (s).
func (m *Model) MaxDepthTime(dst []float32) []float32 { return m.surf.MaxDepthTime(dst) }
