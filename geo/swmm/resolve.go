package swmm

import (
	"twin/geo"
)

// resolve checks the references between sections once all are read (SWMM
// allows any section order). Links to missing nodes and rows naming missing
// objects are dropped with a counted warning, or fail under Options.Strict.
// References a simulation can do without (a subcatchment's outlet or rain
// gauge, a divider's link) only warn.
func (d *decoder) resolve() {
	m := d.m
	m.Conduits = dropLinks(d, m.Conduits, func(c *Conduit) (string, string, string) { return c.Name, c.From, c.To })
	m.Pumps = dropLinks(d, m.Pumps, func(c *Pump) (string, string, string) { return c.Name, c.From, c.To })
	m.Orifices = dropLinks(d, m.Orifices, func(c *Orifice) (string, string, string) { return c.Name, c.From, c.To })
	m.Weirs = dropLinks(d, m.Weirs, func(c *Weir) (string, string, string) { return c.Name, c.From, c.To })
	m.Outlets = dropLinks(d, m.Outlets, func(c *Outlet) (string, string, string) { return c.Name, c.From, c.To })

	m.XSections = dropRows(d, m.XSections, d.rowLines["XSECTIONS"], d.links, "cross-sections of missing links", func(x *XSection) string { return x.Link })
	m.Losses = dropRows(d, m.Losses, d.rowLines["LOSSES"], d.links, "losses of missing links", func(x *Loss) string { return x.Link })
	m.Vertices = dropRows(d, m.Vertices, d.vertexLine, d.links, "vertices of missing links", func(x *Path) string { return x.Name })
	m.Coordinates = dropRows(d, m.Coordinates, d.coordLine, d.nodes, "coordinates of missing nodes", func(x *Point) string { return x.Name })
	m.Inflows = dropRows(d, m.Inflows, d.rowLines["INFLOWS"], d.nodes, "inflows to missing nodes", func(x *Inflow) string { return x.Node })
	m.DWF = dropRows(d, m.DWF, d.rowLines["DWF"], d.nodes, "dry-weather flows to missing nodes", func(x *DWF) string { return x.Node })
	m.Subareas = dropRows(d, m.Subareas, d.rowLines["SUBAREAS"], d.subcatch, "subareas of missing subcatchments", func(x *Subarea) string { return x.Subcatchment })
	m.Infiltration = dropRows(d, m.Infiltration, d.rowLines["INFILTRATION"], d.subcatch, "infiltration rows of missing subcatchments", func(x *Infiltration) string { return x.Subcatchment })
	m.Polygons = dropRows(d, m.Polygons, d.polygonLine, d.subcatch, "polygons of missing subcatchments", func(x *Path) string { return x.Name })
	m.Symbols = dropRows(d, m.Symbols, d.symbolLine, d.gages, "symbols of missing rain gages", func(x *Point) string { return x.Name })

	for _, s := range m.Subcatchments {
		if _, ok := d.gages[s.RainGage]; !ok {
			d.count("subcatchments with a missing rain gage", d.subcatch[s.Name], s.Name+" → "+s.RainGage)
		}
		_, node := d.nodes[s.Outlet]
		_, sub := d.subcatch[s.Outlet]
		if !node && !sub {
			d.count("subcatchments with a missing outlet", d.subcatch[s.Name], s.Name+" → "+s.Outlet)
		}
	}
	for _, v := range m.Dividers {
		if _, ok := d.links[v.Link]; !ok {
			d.count("dividers with a missing diversion link", d.nodes[v.Name], v.Name+" → "+v.Link)
		}
	}
}

// dropLinks removes links whose end nodes are missing (or fails, when strict).
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
		line := d.links[name]
		if d.opt.Strict {
			d.Failf(line, geo.ErrInvalid, "%w: link %q connects to undefined node %q", ErrMissingRef, name, missing)
			return rows
		}
		d.count("links to missing nodes dropped", line, name+" → "+missing)
		delete(d.links, name)
		d.dropped[name] = true
	}
	return out
}

// dropRows removes rows whose referenced name is not in ns (or fails).
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
			continue // a row of a link dropped above: warned there
		}
		if d.opt.Strict {
			d.Failf(line, geo.ErrInvalid, "%w: %s: %q", ErrMissingRef, kind, name)
			return rows
		}
		d.count(kind+" dropped", line, name)
	}
	return out
}
