package epanet

import (
	"twin/geo"
	"twin/geo/internal/inp"
)

// resolve checks references once every section is read (EPANET allows any
// order): links to missing nodes, and rows naming missing nodes or links,
// are dropped with a counted warning, or fail under Options.Strict.
func (d *decoder) resolve() {
	m, dec := d.m, &d.Decoder
	m.Pipes = inp.DropLinks(dec, m.Pipes, func(p *Pipe) (string, string, string) { return p.Name, p.From, p.To })
	m.Pumps = inp.DropLinks(dec, m.Pumps, func(p *Pump) (string, string, string) { return p.Name, p.From, p.To })
	m.Valves = inp.DropLinks(dec, m.Valves, func(p *Valve) (string, string, string) { return p.Name, p.From, p.To })

	rows := func(sec string) []int { return d.RowLines[sec] }
	m.Demands = inp.DropRows(dec, m.Demands, rows("DEMANDS"), d.Nodes, "demands of missing junctions", func(x *Demand) string { return x.Junction })
	m.Emitters = inp.DropRows(dec, m.Emitters, rows("EMITTERS"), d.Nodes, "emitters of missing junctions", func(x *Emitter) string { return x.Junction })
	m.Quality = inp.DropRows(dec, m.Quality, rows("QUALITY"), d.Nodes, "initial qualities of missing nodes", func(x *Quality) string { return x.Node })
	m.Sources = inp.DropRows(dec, m.Sources, rows("SOURCES"), d.Nodes, "sources at missing nodes", func(x *Source) string { return x.Node })
	m.Mixing = inp.DropRows(dec, m.Mixing, rows("MIXING"), d.Nodes, "mixing models of missing tanks", func(x *Mixing) string { return x.Tank })
	m.Coordinates = inp.DropRows(dec, m.Coordinates, rows("COORDINATES"), d.Nodes, "coordinates of missing nodes", func(x *Point) string { return x.Name })
	m.Status = inp.DropRows(dec, m.Status, rows("STATUS"), d.Links, "statuses of missing links", func(x *Status) string { return x.Link })
	m.Vertices = inp.DropRows(dec, m.Vertices, d.vertexLine, d.Links, "vertices of missing links", func(x *Path) string { return x.Name })
	tagLines := rows("TAGS")
	var tagNodes, tagLinks []Tag
	var nodeLines, linkLines []int
	for i, t := range m.Tags {
		if t.Kind == "NODE" {
			tagNodes, nodeLines = append(tagNodes, t), append(nodeLines, tagLines[i])
		} else {
			tagLinks, linkLines = append(tagLinks, t), append(linkLines, tagLines[i])
		}
	}
	tagNodes = inp.DropRows(dec, tagNodes, nodeLines, d.Nodes, "tags of missing nodes", func(x *Tag) string { return x.Name })
	tagLinks = inp.DropRows(dec, tagLinks, linkLines, d.Links, "tags of missing links", func(x *Tag) string { return x.Name })
	if len(tagNodes)+len(tagLinks) != len(m.Tags) {
		m.Tags = append(tagNodes, tagLinks...)
	}
}

// curveUse is one way a curve is used, with the factors for X and Y.
type curveUse struct {
	unit   string
	kx, ky float64
}

// convertCurves converts each curve by the use the model makes of it (an
// EPANET curve carries no unit of its own). Curves with conflicting uses
// are left as in the file, with a counted warning.
func (d *decoder) convertCurves() {
	var uses inp.Uses[curveUse]
	for _, p := range d.m.Pumps {
		if p.HeadCurve != "" {
			uses.Add(p.HeadCurve, curveUse{"head", d.u.flow, d.u.length})
		}
	}
	for name := range d.effCurves {
		uses.Add(name, curveUse{"efficiency", d.u.flow, 1})
	}
	for _, t := range d.m.Tanks {
		if t.VolumeCurve != "" {
			uses.Add(t.VolumeCurve, curveUse{"volume", d.u.length, d.u.volume})
		}
	}
	for _, v := range d.m.Valves {
		if v.Type == "GPV" {
			uses.Add(v.Curve, curveUse{"headloss", d.u.flow, d.u.length})
		}
	}
	for i := range d.m.Curves {
		c := &d.m.Curves[i]
		u, ok := uses.Of(&d.Decoder, c.Name, "curves", d.curveLine[i])
		if !ok {
			continue
		}
		c.Unit = u.unit
		if !inp.Scale(c.X, u.kx) || !inp.Scale(c.Y, u.ky) {
			d.Failf(d.curveLine[i], geo.ErrInvalid, "curve %q out of range after unit conversion", c.Name)
			return
		}
	}
}
