package swmm

import (
	"math"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/internal/inp"
)

// Dataset turns the model into layers of the shared feature types, in the
// model's map coordinates: pipe_nodes (junctions, outfalls, dividers,
// storage units; Network "sewer"), pipes (conduits, pumps, orifices, weirs,
// outlets, drawn From → [VERTICES] → To), subcatchments (outlines from
// [POLYGONS], closed), raingauges (locations from [SYMBOLS]), Series from
// [TIMESERIES] and Options from [OPTIONS]. CRS is "EPSG:4326" when [MAP]
// UNITS is DEGREES, else "" (SWMM files name no CRS).
//
// Elevations: a node's Ground is Invert+MaxDepth when MaxDepth > 0, else
// NaN; a link's InvertFrom/To follow Model.LinkInvert (orifices, weirs
// and outlets take their offset at the upstream end only and sit at the
// downstream node's invert). Diameter is Geom1, Width is Geom2 for shapes
// whose Geom2 is a width (not CIRCULAR, FORCE_MAIN, FILLED_CIRCULAR).
//
// Nodes without coordinates are left out, and so are the links touching
// them, each with one counted warning; the Model keeps them. The dataset
// shares no memory with m. O(n) in the model size; safe for concurrent use.
func (m *Model) Dataset() *geo.Dataset {
	b := &dsBuilder{m: m, nodes: m.Nodes(), at: map[string]orb.Point{}, xs: map[string]*XSection{},
		ds: &geo.Dataset{Name: m.Name, Format: "swmm", Series: map[string]*geo.TimeSeries{}, Options: map[string]string{}},
	}
	if m.Map.Units == "DEGREES" {
		b.ds.CRS = "EPSG:4326"
	}
	for _, c := range m.Coordinates {
		b.at[c.Name] = c.Pt
	}
	for i := range m.XSections {
		b.xs[m.XSections[i].Link] = &m.XSections[i]
	}
	b.vertices = make(map[string][]orb.Point, len(m.Vertices))
	for _, v := range m.Vertices {
		b.vertices[v.Name] = v.Points
	}
	b.addNodes()
	b.addLinks()
	b.addHydrology()
	for k, v := range m.Options.Values {
		b.ds.Options[k] = v
	}
	for _, ts := range m.TimeSeries {
		g := &geo.TimeSeries{Name: ts.Name, File: ts.File, Unit: ts.Unit,
			Times: append([]float64(nil), ts.Times...), Values: append([]float64(nil), ts.Values...)}
		if ts.Dated {
			g.Epoch = ts.Epoch.Unix()
		}
		b.ds.Series[ts.Name] = g
	}
	b.ds.Warnings = append(b.ds.Warnings, m.Warnings...)
	b.ds.Warnings = append(b.ds.Warnings, b.tally.Warnings(m.Name)...)
	return b.ds
}

type dsBuilder struct {
	m        *Model
	ds       *geo.Dataset
	nodes    map[string]NodeInfo
	at       map[string]orb.Point
	xs       map[string]*XSection
	vertices map[string][]orb.Point
	tally    inp.Tally
}

func (b *dsBuilder) count(kind, example string) { b.tally.Add(kind, 0, example) }

func (b *dsBuilder) node(name, kind string, attrs geo.Attrs) {
	p, ok := b.at[name]
	if !ok {
		b.count("nodes without coordinates left out of pipe_nodes", name)
		return
	}
	n := b.nodes[name]
	b.ds.Add(geo.LayerPipeNodes, &geo.PipeNode{ID: name, Point: p, Network: geo.NetworkSewer, Kind: kind,
		Invert: n.Invert, MaxDepth: n.MaxDepth, Ground: n.Ground(), Attrs: attrs})
}

func (b *dsBuilder) addNodes() {
	for _, j := range b.m.Junctions {
		b.node(j.Name, "junction", geo.Attrs{"init_depth": j.InitDepth, "surcharge_depth": j.SurchargeDepth, "ponded_area": j.PondedArea})
	}
	for _, o := range b.m.Outfalls {
		a := geo.Attrs{"outfall_type": o.Type, "gated": o.Gated}
		if o.Type == OutfallFixed {
			a["stage"] = o.Stage
		}
		b.node(o.Name, "outfall", a)
	}
	for _, v := range b.m.Dividers {
		b.node(v.Name, "divider", geo.Attrs{"divider_type": v.Type, "diversion_link": v.Link})
	}
	for _, s := range b.m.Storage {
		b.node(s.Name, "storage", geo.Attrs{"storage_shape": s.Shape, "init_depth": s.InitDepth})
	}
}

// link adds one link; offFrom and offTo are file offsets (NaN: at invert).
func (b *dsBuilder) link(p *geo.Pipe, offFrom, offTo float64) {
	from, okF := b.at[p.From]
	to, okT := b.at[p.To]
	if !okF || !okT {
		b.count("links touching nodes without coordinates left out of pipes", p.ID)
		return
	}
	line := orb.LineString{from}
	line = append(line, b.vertices[p.ID]...)
	p.Line = append(line, to)
	nf, nt := b.nodes[p.From], b.nodes[p.To]
	p.Network = geo.NetworkSewer
	p.InvertFrom, p.InvertTo = b.m.LinkInvert(nf, offFrom), b.m.LinkInvert(nt, offTo)
	p.GroundFrom, p.GroundTo = nf.Ground(), nt.Ground()
	if x := b.xs[p.ID]; x != nil {
		p.Shape, p.Diameter = x.Shape, x.Geom[0]
		if !inp.OneOf(x.Shape, "CIRCULAR", "FORCE_MAIN", "FILLED_CIRCULAR", "DUMMY") {
			p.Width = x.Geom[1]
		}
		if p.Attrs == nil {
			p.Attrs = geo.Attrs{}
		}
		p.Attrs["barrels"] = float64(x.Barrels)
	}
	b.ds.Add(geo.LayerPipes, p)
}

func (b *dsBuilder) addLinks() {
	nan := math.NaN()
	for _, c := range b.m.Conduits {
		b.link(&geo.Pipe{ID: c.Name, From: c.From, To: c.To, Kind: "conduit", Length: c.Length, Roughness: c.Roughness,
			Attrs: geo.Attrs{"max_flow": c.MaxFlow}}, c.InOffset, c.OutOffset)
	}
	for _, p := range b.m.Pumps {
		b.link(&geo.Pipe{ID: p.Name, From: p.From, To: p.To, Kind: "pump",
			Attrs: geo.Attrs{"curve": p.Curve, "on": p.On}}, nan, nan)
	}
	for _, o := range b.m.Orifices {
		b.link(&geo.Pipe{ID: o.Name, From: o.From, To: o.To, Kind: "orifice",
			Attrs: geo.Attrs{"orifice_type": o.Type, "coef": o.Coef}}, o.Offset, nan)
	}
	for _, w := range b.m.Weirs {
		b.link(&geo.Pipe{ID: w.Name, From: w.From, To: w.To, Kind: "weir",
			Attrs: geo.Attrs{"weir_type": w.Type, "coef": w.Coef}}, w.CrestHeight, nan)
	}
	for _, o := range b.m.Outlets {
		b.link(&geo.Pipe{ID: o.Name, From: o.From, To: o.To, Kind: "outlet",
			Attrs: geo.Attrs{"outlet_type": o.Type}}, o.Offset, nan)
	}
}

func (b *dsBuilder) addHydrology() {
	polys := make(map[string][]orb.Point, len(b.m.Polygons))
	for _, p := range b.m.Polygons {
		polys[p.Name] = p.Points
	}
	for _, s := range b.m.Subcatchments {
		f := &geo.Subcatchment{ID: s.Name, RainGauge: s.RainGage, Outlet: s.Outlet, Area: s.Area,
			Imperv: s.Imperv, Width: s.Width, Slope: s.Slope, Attrs: geo.Attrs{"curb_length": s.CurbLength}}
		switch pts := polys[s.Name]; {
		case len(pts) >= 3:
			ring := append(orb.Ring(nil), pts...)
			if ring[0] != ring[len(ring)-1] {
				ring = append(ring, ring[0])
			}
			f.Polygon = orb.Polygon{ring}
		case len(pts) > 0:
			b.count("subcatchment outlines with fewer than 3 points left empty", s.Name)
		}
		b.ds.Add(geo.LayerSubcatchments, f)
	}
	syms := make(map[string]orb.Point, len(b.m.Symbols))
	for _, p := range b.m.Symbols {
		syms[p.Name] = p.Pt
	}
	for _, g := range b.m.RainGages {
		pt, located := syms[g.Name]
		f := &geo.RainGauge{ID: g.Name, Point: pt, Located: located, Format: g.Format, Interval: g.Interval,
			Series: g.Series, File: g.File, Attrs: geo.Attrs{"scf": g.SCF}}
		if g.File != "" {
			f.Attrs["station"], f.Attrs["file_units"] = g.Station, g.FileUnits
		}
		b.ds.Add(geo.LayerRainGauges, f)
	}
}
