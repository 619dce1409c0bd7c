package urban

import (
	"fmt"
	"math"

	"twin/sim/flood/drainage"
)

// Frame is the water on the grid at one output time.
type Frame struct {
	// Time is the simulation time, s.
	Time float64
	// Depth (m) and U, V (m/s, east and north) per cell, row-major.
	Depth, U, V []float32
}

// GaugeSeries is the record of one gauge: depth at Series.Times.
type GaugeSeries struct {
	Gauge
	// Bed is the bed elevation of the gauge's cell, m (NaN outside the
	// grid or on a cell without terrain); the stage is Bed + Depth.
	Bed float64
	// Depth is the water depth, m, one value per Series.Times (NaN outside
	// the grid).
	Depth []float64
}

// Hydrograph is the flow of one outfall or pipe at Series.Times, m³/s
// (pipes: positive from the pipe's upstream to its downstream node).
type Hydrograph struct {
	Name string
	Flow []float64
}

// Series are the time series recorded every Options.SeriesInterval,
// starting at time 0.
type Series struct {
	Times    []float64
	Gauges   []GaugeSeries
	Outfalls []Hydrograph
	Pipes    []Hydrograph
}

// NodeStat summarises one sewer node over the run (sampled at the end of
// every exchange interval).
type NodeStat struct {
	Name string
	// Coupled says whether the node is linked to a street cell.
	Coupled bool
	// Rim is the rim elevation (invert + maximum depth), m; MaxHead the
	// highest head reached, m.
	Rim, MaxHead float64
	// Bed is the bed elevation of the street cell the node is coupled to,
	// m (NaN when uncoupled): Rim − Bed shows how far the sewer's ground
	// and the grid's disagree.
	Bed float64
	// Captured is the street water that entered through the inlet, and
	// Overflow the water that left above the rim (onto the street, or out
	// of the model for an uncoupled node), m³.
	Captured, Overflow float64
}

// Surcharged reports whether the node's head reached its rim.
func (s NodeStat) Surcharged() bool { return s.MaxHead >= s.Rim-1e-6 }

// LinkStat summarises one sewer link over the run.
type LinkStat struct {
	Name string
	// MaxFlow is the largest |flow| reached, m³/s; FullFlow the conduit's
	// Manning full-pipe flow (0 for other links).
	MaxFlow, FullFlow float64
}

// recorder keeps the outputs.
type recorder struct {
	series     Series
	gaugeCell  []int
	outfalls   []int
	pipes      []int
	frames     []Frame
	nextSeries float64
	nextFrame  float64
	maxHead    []float64
	maxFlow    []float64
	lost       []float64 // overflow volume of uncoupled nodes, m³
}

// init prepares the series and samples time 0.
func (r *recorder) init(m *Model, in *Inputs) error {
	g := &m.grid
	for _, ga := range in.Gauges {
		gs := GaugeSeries{Gauge: ga, Bed: math.NaN()}
		cell := -1
		if c, rr, ok := g.Cell(ga.X, ga.Y); ok {
			cell = rr*g.Cols + c
			gs.Bed = float64(g.Data[cell])
		}
		r.gaugeCell = append(r.gaugeCell, cell)
		r.series.Gauges = append(r.series.Gauges, gs)
	}
	if p := m.pipes; p != nil {
		for i, ni := range p.Nodes() {
			if ni.Kind == drainage.Outfall {
				r.outfalls = append(r.outfalls, i)
				r.series.Outfalls = append(r.series.Outfalls, Hydrograph{Name: ni.Name})
			}
		}
		for _, name := range in.Pipes {
			i, err := p.LinkIndex(name)
			if err != nil {
				return fmt.Errorf("%w: pipe %q", ErrUnknown, name)
			}
			r.pipes = append(r.pipes, i)
			r.series.Pipes = append(r.series.Pipes, Hydrograph{Name: name})
		}
		r.maxHead = make([]float64, len(p.Nodes()))
		for i := range r.maxHead {
			r.maxHead[i] = p.Head(i)
		}
		r.maxFlow = make([]float64, len(p.Links()))
		r.lost = make([]float64, len(p.Nodes()))
	}
	r.sample(m)
	if m.opt.OutputInterval > 0 {
		r.frame(m)
	}
	return nil
}

// after records what is due at the end of an exchange interval.
func (r *recorder) after(m *Model) {
	if p := m.pipes; p != nil {
		for i := range r.maxHead {
			r.maxHead[i] = math.Max(r.maxHead[i], p.Head(i))
		}
		for i := range r.maxFlow {
			r.maxFlow[i] = math.Max(r.maxFlow[i], math.Abs(p.Flow(i)))
		}
	}
	if m.t >= r.nextSeries-1e-9 {
		r.sample(m)
	}
	if m.opt.OutputInterval > 0 && m.t >= r.nextFrame-1e-9 {
		r.frame(m)
	}
}

// due returns the next time an output falls due.
func (r *recorder) due(m *Model) float64 {
	t := r.nextSeries
	if m.opt.OutputInterval > 0 {
		t = math.Min(t, r.nextFrame)
	}
	return t
}

func (r *recorder) sample(m *Model) {
	s := &r.series
	s.Times = append(s.Times, m.t)
	g := &m.grid
	for i, cell := range r.gaugeCell {
		d := math.NaN()
		if cell >= 0 {
			d = m.surf.DepthAt(cell%g.Cols, cell/g.Cols)
		}
		s.Gauges[i].Depth = append(s.Gauges[i].Depth, d)
	}
	for i, n := range r.outfalls {
		s.Outfalls[i].Flow = append(s.Outfalls[i].Flow, m.pipes.OutfallFlow(n))
	}
	for i, l := range r.pipes {
		s.Pipes[i].Flow = append(s.Pipes[i].Flow, m.pipes.Flow(l))
	}
	r.nextSeries = float64(len(s.Times)) * m.opt.SeriesInterval
}

func (r *recorder) frame(m *Model) {
	f := Frame{Time: m.t, Depth: m.surf.Depth(nil)}
	f.U, f.V = m.surf.Velocity(nil, nil)
	r.frames = append(r.frames, f)
	r.nextFrame = float64(len(r.frames)) * m.opt.OutputInterval
}

// Series returns the recorded series; shared, do not modify.
func (m *Model) Series() *Series { return &m.rec.series }

// Frames returns the depth and velocity frames recorded so far (at time 0
// and every Options.OutputInterval); shared, do not modify.
func (m *Model) Frames() []Frame { return m.rec.frames }

// NodeStats returns every sewer node's summary, in the drainage solver's
// node order. O(nodes).
func (m *Model) NodeStats() []NodeStat {
	if m.pipes == nil {
		return nil
	}
	ni := m.pipes.Nodes()
	out := make([]NodeStat, len(ni))
	for i, n := range ni {
		out[i] = NodeStat{Name: n.Name, Rim: n.Invert + n.MaxDepth, MaxHead: m.rec.maxHead[i], Overflow: m.rec.lost[i],
			Bed: math.NaN()}
	}
	for _, c := range m.nodes {
		s := &out[c.node]
		s.Coupled, s.Captured, s.Overflow = true, c.captured, c.overflowed
		s.Bed = float64(m.grid.Data[c.cell])
	}
	return out
}

// LinkStats returns every sewer link's summary, in the drainage solver's
// link order. O(links).
func (m *Model) LinkStats() []LinkStat {
	if m.pipes == nil {
		return nil
	}
	li := m.pipes.Links()
	out := make([]LinkStat, len(li))
	for i, l := range li {
		out[i] = LinkStat{Name: l.Name, MaxFlow: m.rec.maxFlow[i], FullFlow: l.FullFlow}
	}
	return out
}
