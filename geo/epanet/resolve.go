package epanet

import (
	"math"

	"twin/geo"
)

// resolve checks references once every section is read (EPANET allows any
// order): links to missing nodes, and rows naming missing nodes or links,
// are dropped with a counted warning, or fail under Options.Strict.
func (d *decoder) resolve() {
	m := d.m
	m.Pipes = dropLinks(d, m.Pipes, func(p *Pipe) (string, string, string) { return p.Name, p.From, p.To })
	m.Pumps = dropLinks(d, m.Pumps, func(p *Pump) (string, string, string) { return p.Name, p.From, p.To })
	m.Valves = dropLinks(d, m.Valves, func(p *Valve) (string, string, string) { return p.Name, p.From, p.To })

	rows := func(sec string) []int { return d.rowLines[sec] }
	m.Demands = dropRows(d, m.Demands, rows("DEMANDS"), d.nodes, "demands of missing junctions", func(x *Demand) string { return x.Junction })
	m.Emitters = dropRows(d, m.Emitters, rows("EMITTERS"), d.nodes, "emitters of missing junctions", func(x *Emitter) string { return x.Junction })
	m.Quality = dropRows(d, m.Quality, rows("QUALITY"), d.nodes, "initial qualities of missing nodes", func(x *Quality) string { return x.Node })
	m.Sources = dropRows(d, m.Sources, rows("SOURCES"), d.nodes, "sources at missing nodes", func(x *Source) string { return x.Node })
	m.Mixing = dropRows(d, m.Mixing, rows("MIXING"), d.nodes, "mixing models of missing tanks", func(x *Mixing) string { return x.Tank })
	m.Coordinates = dropRows(d, m.Coordinates, rows("COORDINATES"), d.nodes, "coordinates of missing nodes", func(x *Point) string { return x.Name })
	m.Status = dropRows(d, m.Status, rows("STATUS"), d.links, "statuses of missing links", func(x *Status) string { return x.Link })
	m.Vertices = dropRows(d, m.Vertices, d.vertexLine, d.links, "vertices of missing links", func(x *Path) string { return x.Name })
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
	tagNodes = dropRows(d, tagNodes, nodeLines, d.nodes, "tags of missing nodes", func(x *Tag) string { return x.Name })
	tagLinks = dropRows(d, tagLinks, linkLines, d.links, "tags of missing links", func(x *Tag) string { return x.Name })
	if len(tagNodes)+len(tagLinks) != len(m.Tags) {
		m.Tags = append(tagNodes, tagLinks...)
	}
}

func dropLinks[T any](d *decoder, rows []T, ends func(*T) (name, from, to string)) []T {
	out := rows[:0]
	for i := range rows {
		name, from, to := ends(&rows[i])
		_, okF := d.nodes[from]
		_, okT := d.nodes[to]
		if okF && okT {
			out = append(out, rows[i])
			continue
		}
		missing := from
		if okF {
			missing = to
		}
		if d.opt.Strict {
			d.Failf(d.links[name], geo.ErrInvalid, "%w: link %q connects to undefined node %q", ErrMissingRef, name, missing)
			return rows
		}
		d.tally.Add("links to missing nodes dropped", d.links[name], name+" → "+missing)
		delete(d.links, name)
		d.dropped[name] = true
	}
	return out
}

func dropRows[T any](d *decoder, rows []T, lines []int, ns map[string]int, kind string, ref func(*T) string) []T {
	out := rows[:0]
	for i := range rows {
		name := ref(&rows[i])
		if _, ok := ns[name]; ok {
			out = append(out, rows[i])
			continue
		}
		line := 0
		if i < len(lines) {
			line = lines[i]
		}
		if d.dropped[name] {
			continue // belongs to a link dropped above
		}
		if d.opt.Strict {
			d.Failf(line, geo.ErrInvalid, "%w: %s: %q", ErrMissingRef, kind, name)
			return rows
		}
		d.tally.Add(kind+" dropped", line, name)
	}
	return out
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
	uses := map[string]curveUse{}
	conflict := map[string]bool{}
	use := func(name string, u curveUse) {
		if prev, ok := uses[name]; ok && prev != u {
			conflict[name] = true
		}
		uses[name] = u
	}
	for _, p := range d.m.Pumps {
		if p.HeadCurve != "" {
			use(p.HeadCurve, curveUse{"head", d.u.flow, d.u.length})
		}
	}
	for name := range d.effCurves {
		use(name, curveUse{"efficiency", d.u.flow, 1})
	}
	for _, t := range d.m.Tanks {
		if t.VolumeCurve != "" {
			use(t.VolumeCurve, curveUse{"volume", d.u.length, d.u.volume})
		}
	}
	for _, v := range d.m.Valves {
		if v.Type == "GPV" {
			use(v.Curve, curveUse{"headloss", d.u.flow, d.u.length})
		}
	}
	for i := range d.m.Curves {
		c := &d.m.Curves[i]
		u, ok := uses[c.Name]
		switch {
		case !ok:
		case conflict[c.Name]:
			d.tally.Add("curves with conflicting uses left in file units", d.curveLine[i], c.Name)
		default:
			c.Unit = u.unit
			for j := range c.X {
				c.X[j] *= u.kx
				c.Y[j] *= u.ky
				if math.IsInf(c.X[j], 0) || math.IsInf(c.Y[j], 0) {
					d.Failf(d.curveLine[i], geo.ErrInvalid, "curve %q out of range after unit conversion", c.Name)
					return
				}
			}
		}
	}
}
