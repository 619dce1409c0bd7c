package scenarios

import (
	"fmt"
	"math"

	"twin/engine"
	"twin/geo"
	"twin/sim/flood/rain"
	"twin/sim/flood/surface"
)

// floodModel is the flood side of a variant: the 2D surface model with
// rain, sewer inlets and pumps as sinks, and the road links it watches.
type floodModel struct {
	spec   FloodSpec
	c      *city
	sim    *surface.Sim
	grid   *geo.Grid
	rain   rain.Hyetograph
	diam   map[string]float64 // enlarged pipes
	inlets []float64          // m³/s per pipe node (c.pipeNodeIDs order)
	pumps  []pump
	cells  [][]int32 // land cells under each link (c.links order)
	roads  roadWatch
	active []bool // sources on open cells
	depth  []float32
	field  []float32 // rain per cell, m/s (none on the sea)
	res    *FloodResult
}

// pump is a pumping station that draws from the 3×3 cells around its
// node (its sump's catchment), a ninth of its capacity from each.
type pump struct {
	node     string
	capacity float64 // m³/s
	sources  []int   // indices in the surface model's sources
}

// newFloodModel builds the grid and the solver. pumps added later by
// events become sinks at every pipe node from the start (at zero rate), so
// the model need not be rebuilt.
func newFloodModel(c *city, spec FloodSpec, stamp deltaStamp, pumpNodes []string) (*floodModel, error) {
	g, err := floodGrid(c, spec.CellM)
	if err != nil {
		return nil, err
	}
	f := &floodModel{spec: spec, c: c, grid: g, diam: map[string]float64{}, res: &FloodResult{},
		roads: newRoadWatch(c, spec.CloseDepthM, stamp)}
	m := surface.Model{DEM: g, Manning: spec.Manning}
	for _, side := range []surface.Side{surface.North, surface.East, surface.South, surface.West} {
		m.Boundaries = append(m.Boundaries, surface.Boundary{Side: side, Kind: surface.Free, Name: side.String()})
	}
	for _, id := range c.pipeNodeIDs {
		n := c.pipeNodes[id]
		m.Sources = append(m.Sources, surface.Source{Name: id, X: n.Point[0], Y: n.Point[1]})
	}
	for _, id := range pumpNodes {
		n := c.pipeNodes[id]
		p := pump{node: id}
		for dy := -1.0; dy <= 1; dy++ {
			for dx := -1.0; dx <= 1; dx++ {
				p.sources = append(p.sources, len(m.Sources))
				m.Sources = append(m.Sources, surface.Source{Name: "pump " + id, X: n.Point[0] + dx*g.DX, Y: n.Point[1] + dy*g.DY})
			}
		}
		f.pumps = append(f.pumps, p)
	}
	m.Sources = f.dropOutside(m.Sources)
	f.sim, err = surface.New(m, surface.Options{Workers: 1, MaxStep: 10})
	if err != nil {
		return nil, fmt.Errorf("flood model: %w", err)
	}
	f.inlets = inletCapacities(c, f.diam, spec.SewerFactor)
	for _, l := range c.links {
		f.cells = append(f.cells, lineCells(g, l.Line))
	}
	f.res.CellM = g.DX
	return f, nil
}

// dropOutside keeps the sources on open cells; a dropped one keeps its
// slot with a point at the first open cell and never gets a rate.
func (f *floodModel) dropOutside(ss []surface.Source) []surface.Source {
	open := -1
	for i, z := range f.grid.Data {
		if !math.IsNaN(float64(z)) {
			open = i
			break
		}
	}
	p := f.grid.Center(open%f.grid.Cols, open/f.grid.Cols)
	f.active = make([]bool, len(ss))
	for i := range ss {
		c, r, ok := f.grid.Cell(ss[i].X, ss[i].Y)
		f.active[i] = ok && !math.IsNaN(float64(f.grid.Data[r*f.grid.Cols+c]))
		if !f.active[i] {
			ss[i].X, ss[i].Y = p[0], p[1]
		}
	}
	return ss
}

// setRain makes h the rain from now on.
func (f *floodModel) setRain(h rain.Hyetograph) error {
	f.rain = h
	return nil
}

func (f *floodModel) rainMMh(t0, t1 float64) float64 {
	if f.rain == nil {
		return 0
	}
	return rain.MeanIntensity(f.rain, t0, t1-t0)
}

func (f *floodModel) storedM3() float64 { return f.sim.MassBalance().Stored }

func (f *floodModel) close() { f.sim.Close() }

// addPump switches on the pump at node.
func (f *floodModel) addPump(node string, capacity float64) error {
	for i := range f.pumps {
		if f.pumps[i].node == node {
			f.pumps[i].capacity += capacity
			return nil
		}
	}
	return fmt.Errorf("%w: pump node %s", ErrNotInWorld, node)
}

// setPipe changes a pipe's diameter; the inlet capacities follow.
func (f *floodModel) setPipe(id string, d float64) error {
	f.diam[id] = d
	f.inlets = inletCapacities(f.c, f.diam, f.spec.SewerFactor)
	return nil
}

// advance runs the model from t0 to t1 (s) and returns the closure and
// speed deltas for the road links whose state changed.
func (f *floodModel) advance(t0, t1 float64) ([]engine.Delta, error) {
	mmh := f.rainMMh(t0, t1)
	if f.field == nil {
		f.field = make([]float32, len(f.grid.Data))
	}
	for i := range f.field {
		f.field[i] = 0
		if !isSea(f.grid, i) {
			f.field[i] = float32(mmh / 3.6e6)
		}
	}
	if err := f.sim.SetRainField(f.field); err != nil {
		return nil, err
	}
	if err := f.setSinks(); err != nil {
		return nil, err
	}
	if _, err := f.sim.Advance(t1); err != nil {
		return nil, fmt.Errorf("flood model at %.0f s: %w", t1, err)
	}
	f.res.RainMM += mmh * (t1 - t0) / 3600
	f.depth = f.sim.Depth(f.depth)
	return f.roads.update(f.linkDepths(), t1), nil
}

func (f *floodModel) setSinks() error {
	for i, q := range f.inlets {
		if !f.active[i] {
			continue
		}
		if err := f.sim.SetSourceFlow(i, -q); err != nil {
			return err
		}
	}
	for _, p := range f.pumps {
		for _, i := range p.sources {
			if !f.active[i] {
				continue
			}
			if err := f.sim.SetSourceFlow(i, -p.capacity/float64(len(p.sources))); err != nil {
				return err
			}
		}
	}
	return nil
}
