package scenarios

import (
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
	"twin/geo/swmm"
	"twin/sim/flood/rain"
	"twin/sim/flood/urban"
)

// ErrUnsupported: an event the chosen flood model cannot carry out.
var ErrUnsupported = errors.New("scenarios: not supported by this flood model")

// urbanModel runs sim/flood/urban. Its rain is the plan's whole rain
// timeline, and pipe changes are made to the SWMM model before it is
// built, so rain events need no action during the run and pipe events
// must come at 0 s; pumps are not supported (use the surface model).
type urbanModel struct {
	m     *urban.Model
	rain  *rainTimeline
	roads roadWatch
	depth []float32
	res   *FloodResult
}

// newFlood builds the plan's flood model.
func (r *runner) newFlood(stamp deltaStamp) (flooder, error) {
	spec := r.p.flood
	if spec.Model == FloodSurface {
		return newFloodModel(r.c, spec, stamp, r.pumpNodes())
	}
	if r.sewer == nil {
		return nil, fmt.Errorf("%w: the urban flood model needs the city's SWMM sewer (.inp); use flood model surface", ErrUnsupported)
	}
	for _, e := range r.p.events {
		switch {
		case e.Pump != nil:
			return nil, fmt.Errorf("%w: pump at %s: the urban model takes no pumps; use flood model surface", ErrUnsupported, e.Pump.Node)
		case e.Pipe != nil && e.At != 0:
			return nil, fmt.Errorf("%w: pipe %s changed at %v: the urban model takes pipe changes at 0s", ErrUnsupported, e.Pipe.ID, e.At)
		}
	}
	return newUrbanModel(r.c, spec, stamp, r.sewer, r.p.events)
}

func newUrbanModel(c *city, spec FloodSpec, stamp deltaStamp, sewer *swmm.Model, evs []Event) (*urbanModel, error) {
	tl, err := planRain(evs)
	if err != nil {
		return nil, err
	}
	sw := placedSewer(c, sewer, evs)
	in := urban.Inputs{Sewer: sw, Links: c.links, Buildings: c.buildings, Roads: c.roads(),
		Elevation: c.height, Bounds: urbanBounds(c, sw)}
	if tl != nil {
		in.Rain = tl
	}
	sea := seaLevelM
	m, err := urban.New(in, urban.Options{CellSize: spec.CellM, GroundManning: spec.Manning, SeaLevel: &sea,
		SeriesInterval: 60})
	if err != nil {
		return nil, fmt.Errorf("urban flood model: %w", err)
	}
	u := &urbanModel{m: m, rain: tl, roads: newRoadWatch(c, spec.CloseDepthM, stamp), res: &FloodResult{CellM: spec.CellM}}
	return u, nil
}

// placedSewer copies the sewer with its nodes at their World positions
// (the pipe_nodes layer, in the World's CRS) and the pipe diameters the
// events set.
func placedSewer(c *city, m *swmm.Model, evs []Event) *swmm.Model {
	cp := *m
	cp.Coordinates = nil
	for _, p := range m.Coordinates {
		if n := c.pipeNodes[p.Name]; n != nil {
			cp.Coordinates = append(cp.Coordinates, swmm.Point{Name: p.Name, Pt: n.Point})
		}
	}
	cp.XSections = append([]swmm.XSection(nil), m.XSections...)
	for _, e := range evs {
		if e.Pipe == nil {
			continue
		}
		for i := range cp.XSections {
			if cp.XSections[i].Link == e.Pipe.ID {
				cp.XSections[i].Geom[0] = e.Pipe.DiameterM
			}
		}
	}
	return &cp
}

// urbanBounds is the sewer's extent padded by 100 m, else the links'.
func urbanBounds(c *city, sw *swmm.Model) orb.Bound {
	if len(sw.Coordinates) > 0 {
		b := sw.Coordinates[0].Pt.Bound()
		for _, p := range sw.Coordinates {
			b = b.Extend(p.Pt)
		}
		return b.Pad(100)
	}
	b, _ := c.snap.Layer("links").Bounds()
	return b
}

func (u *urbanModel) setRain(rain.Hyetograph) error { return nil } // in the timeline

func (u *urbanModel) addPump(node string, _ float64) error {
	return fmt.Errorf("%w: pump at %s", ErrUnsupported, node)
}

func (u *urbanModel) setPipe(string, float64) error { return nil } // applied at build

func (u *urbanModel) rainMMh(t0, t1 float64) float64 {
	if u.rain == nil {
		return 0
	}
	return rain.MeanIntensity(u.rain, t0, t1-t0)
}

func (u *urbanModel) advance(t0, t1 float64) ([]engine.Delta, error) {
	for u.m.Time() < t1-1e-9 {
		if err := u.m.Step(t1); err != nil {
			return nil, fmt.Errorf("urban flood model at %.0f s: %w", u.m.Time(), err)
		}
	}
	u.res.RainMM += u.rainMMh(t0, t1) * (t1 - t0) / 3600
	u.depth = u.m.Depth(u.depth)
	return u.roads.update(u.linkDepths(), t1), nil
}

func (u *urbanModel) linkDepths() []float32 {
	out := make([]float32, len(u.roads.links))
	for _, lf := range u.m.FloodedLinks(u.depth, 1e-6, math.MaxFloat64) {
		if k, ok := u.index(lf.ID); ok {
			out[k] = float32(lf.Depth)
		}
	}
	return out
}

// index maps a link ID to its place in the watch (built once).
func (u *urbanModel) index(id string) (int, bool) {
	if u.roads.index == nil {
		u.roads.index = make(map[string]int, len(u.roads.links))
		for i, l := range u.roads.links {
			u.roads.index[l.id] = i
		}
	}
	i, ok := u.roads.index[id]
	return i, ok
}

func (u *urbanModel) depthAt(p orb.Point) float64 {
	g := u.m.Grid()
	c, r, ok := g.Cell(p[0], p[1])
	if !ok || u.depth == nil {
		return 0
	}
	return float64(u.depth[r*g.Cols+c])
}

func (u *urbanModel) storedM3() float64 { return u.m.MassBalance().Surface }

func (u *urbanModel) close() { u.m.Close() }

func (u *urbanModel) finish(linkSeries [][]float32, gauges []Hydrograph) *FloodResult {
	r := u.res
	g := u.m.Grid()
	md := u.m.MaxDepth(nil)
	r.MaxDepth = &geo.Grid{Cols: g.Cols, Rows: g.Rows, X0: g.X0, Y0: g.Y0, DX: g.DX, DY: g.DY, Data: md}
	cells := 0
	for i, d := range md {
		if d >= floodedDepth && !u.m.Blocked(i) {
			cells++
		}
	}
	r.FloodedAreaHa = round3(float64(cells) * g.DX * g.DY / 1e4)
	u.roads.summary(r)
	r.AffectedBuildings = len(u.m.AffectedBuildings(md, floodedDepth))
	mb := u.m.MassBalance()
	r.RainM3, r.SewerM3, r.OutflowM3, r.StoredM3 = round3(mb.Rain), round3(mb.Captured), round3(mb.BoundaryOut+mb.Sea+mb.Outfalls), round3(mb.Surface)
	r.Hydrographs = append(gauges, u.roads.topLinks(linkSeries, 3)...)
	r.RainMM = round3(r.RainMM)
	return r
}
