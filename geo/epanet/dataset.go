package epanet

import (
	"math"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/internal/inp"
)

// Dataset turns the model into the shared layers, in the model's map
// coordinates (CRS "": EPANET files name none): pipe_nodes (junctions,
// reservoirs, tanks) and pipes (pipes, pumps, valves, drawn From →
// [VERTICES] → To), all with Network "water"; Series holds the [PATTERNS]
// (multipliers, Unit "1", one per Times.PatternStep, default 1 h) and
// Options the [OPTIONS].
//
// EPANET models carry no depths, so Dataset places the buried mains:
//
//   - A junction's elevation is taken as the ground level (EPANET junction
//     elevations are surveyed street levels). Its Ground is the elevation,
//     its Invert lies cover + the largest connected pipe or valve diameter
//     below it, and MaxDepth is the difference.
//   - A pipe end at a junction has Ground = the junction elevation and
//     Invert = Ground − cover − diameter, so the crown has exactly cover of
//     soil over it (cover is m.Cover; DefaultCover when it is not positive).
//   - A tank's Invert is its bottom elevation and MaxDepth its maximum
//     level; a reservoir's Invert is its fixed head (the water surface) and
//     MaxDepth 0. Neither has a Ground (NaN): tanks stand on towers or in
//     the ground, and reservoirs are lakes or tanks the model abstracts.
//   - A link end at a tank or reservoir takes the invert of its other end
//     when that is a junction (the main runs level into the tank), else the
//     node's Invert; its Ground is NaN.
//
// Nodes without coordinates are left out, and so are the links touching
// them, with one counted warning each. O(n); safe for concurrent use.
func (m *Model) Dataset() *geo.Dataset {
	b := &dsBuilder{m: m, cover: m.Cover, at: map[string]orb.Point{}, kind: map[string]string{},
		elev: map[string]float64{}, maxD: map[string]float64{},
		ds: &geo.Dataset{Name: m.Name, Format: "epanet", Series: map[string]*geo.TimeSeries{}, Options: map[string]string{}}}
	if !(b.cover > 0) || math.IsInf(b.cover, 0) {
		b.cover = DefaultCover
	}
	for _, c := range m.Coordinates {
		b.at[c.Name] = c.Pt
	}
	for _, p := range m.Pipes {
		b.widen(p.From, p.Diameter)
		b.widen(p.To, p.Diameter)
	}
	for _, v := range m.Valves {
		b.widen(v.From, v.Diameter)
		b.widen(v.To, v.Diameter)
	}
	b.addNodes()
	b.addLinks()
	step := m.Times.PatternStep
	if step <= 0 {
		step = 3600 // EPANET's default pattern time step
	}
	for _, p := range m.Patterns {
		ts := &geo.TimeSeries{Name: p.Name, Unit: "1", Values: append([]float64(nil), p.Factors...)}
		for i := range p.Factors {
			ts.Times = append(ts.Times, float64(i)*step)
		}
		b.ds.Series[p.Name] = ts
	}
	for k, v := range m.Options.Values {
		b.ds.Options[k] = v
	}
	b.ds.Warnings = append(b.ds.Warnings, m.Warnings...)
	b.ds.Warnings = append(b.ds.Warnings, b.tally.Warnings(m.Name)...)
	return b.ds
}

type dsBuilder struct {
	m     *Model
	ds    *geo.Dataset
	cover float64
	at    map[string]orb.Point
	kind  map[string]string  // node → junction, reservoir, tank
	elev  map[string]float64 // node → junction elevation, tank bottom, reservoir head
	maxD  map[string]float64 // node → largest connected diameter
	tally inp.Tally
}

func (b *dsBuilder) widen(node string, d float64) { b.maxD[node] = math.Max(b.maxD[node], d) }

func (b *dsBuilder) node(n *geo.PipeNode) {
	b.kind[n.ID] = n.Kind
	if n.Kind == "junction" {
		b.elev[n.ID] = n.Ground
	} else {
		b.elev[n.ID] = n.Invert
	}
	p, ok := b.at[n.ID]
	if !ok {
		b.tally.Add("nodes without coordinates left out of pipe_nodes", 0, n.ID)
		return
	}
	n.Point, n.Network = p, geo.NetworkWater
	b.ds.Add(geo.LayerPipeNodes, n)
}

func (b *dsBuilder) addNodes() {
	for _, j := range b.m.Junctions {
		depth := b.cover + b.maxD[j.Name]
		b.node(&geo.PipeNode{ID: j.Name, Kind: "junction", Invert: j.Elevation - depth, MaxDepth: depth,
			Ground: j.Elevation, Attrs: geo.Attrs{"demand": j.Demand, "pattern": j.Pattern}})
	}
	for _, r := range b.m.Reservoirs {
		b.node(&geo.PipeNode{ID: r.Name, Kind: "reservoir", Invert: r.Head, Ground: math.NaN(),
			Attrs: geo.Attrs{"head": r.Head}})
	}
	for _, t := range b.m.Tanks {
		b.node(&geo.PipeNode{ID: t.Name, Kind: "tank", Invert: t.Elevation, MaxDepth: t.MaxLevel, Ground: math.NaN(),
			Attrs: geo.Attrs{"tank_diameter": t.Diameter, "init_level": t.InitLevel, "min_level": t.MinLevel}})
	}
}

// end returns the invert and ground of a link end at node whose other end
// is other, for a link of diameter d.
func (b *dsBuilder) end(node, other string, d float64) (invert, ground float64) {
	switch {
	case b.kind[node] == "junction":
		g := b.elev[node]
		return g - b.cover - d, g
	case b.kind[other] == "junction":
		return b.elev[other] - b.cover - d, math.NaN()
	default:
		return b.elev[node], math.NaN()
	}
}

func (b *dsBuilder) link(p *geo.Pipe, vertices []orb.Point) {
	from, okF := b.at[p.From]
	to, okT := b.at[p.To]
	if !okF || !okT {
		b.tally.Add("links touching nodes without coordinates left out of pipes", 0, p.ID)
		return
	}
	line := orb.LineString{from}
	line = append(line, vertices...)
	p.Line = append(line, to)
	p.Network = geo.NetworkWater
	p.InvertFrom, p.GroundFrom = b.end(p.From, p.To, p.Diameter)
	p.InvertTo, p.GroundTo = b.end(p.To, p.From, p.Diameter)
	b.ds.Add(geo.LayerPipes, p)
}

func (b *dsBuilder) addLinks() {
	verts := make(map[string][]orb.Point, len(b.m.Vertices))
	for _, v := range b.m.Vertices {
		verts[v.Name] = v.Points
	}
	for _, p := range b.m.Pipes {
		b.link(&geo.Pipe{ID: p.Name, From: p.From, To: p.To, Kind: "pipe", Length: p.Length, Shape: "CIRCULAR",
			Diameter: p.Diameter, Roughness: p.Roughness,
			Attrs: geo.Attrs{"minor_loss": p.MinorLoss, "status": p.Status, "headloss": b.m.Options.Headloss}}, verts[p.Name])
	}
	for _, p := range b.m.Pumps {
		a := geo.Attrs{"speed": p.Speed}
		if p.HeadCurve != "" {
			a["head_curve"] = p.HeadCurve
		}
		if p.Power > 0 {
			a["power"] = p.Power
		}
		b.link(&geo.Pipe{ID: p.Name, From: p.From, To: p.To, Kind: "pump", Attrs: a}, verts[p.Name])
	}
	for _, v := range b.m.Valves {
		a := geo.Attrs{"valve_type": v.Type}
		if !math.IsNaN(v.Setting) {
			a["setting"] = v.Setting
		}
		b.link(&geo.Pipe{ID: v.Name, From: v.From, To: v.To, Kind: "valve", Shape: "CIRCULAR", Diameter: v.Diameter, Attrs: a}, verts[v.Name])
	}
}
