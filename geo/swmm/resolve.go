package swmm

import "twin/geo/internal/inp"

// resolve checks the references between sections once all are read (SWMM
// allows any section order). Links to missing nodes and rows naming missing
// objects are dropped with a counted warning, or fail under Options.Strict.
// References a simulation can do without (a subcatchment's outlet or rain
// gauge, a divider's link) only warn.
func (d *decoder) resolve() {
	m, dec := d.m, &d.Decoder
	m.Conduits = inp.DropLinks(dec, m.Conduits, func(c *Conduit) (string, string, string) { return c.Name, c.From, c.To })
	m.Pumps = inp.DropLinks(dec, m.Pumps, func(c *Pump) (string, string, string) { return c.Name, c.From, c.To })
	m.Orifices = inp.DropLinks(dec, m.Orifices, func(c *Orifice) (string, string, string) { return c.Name, c.From, c.To })
	m.Weirs = inp.DropLinks(dec, m.Weirs, func(c *Weir) (string, string, string) { return c.Name, c.From, c.To })
	m.Outlets = inp.DropLinks(dec, m.Outlets, func(c *Outlet) (string, string, string) { return c.Name, c.From, c.To })

	m.XSections = inp.DropRows(dec, m.XSections, d.RowLines["XSECTIONS"], d.Links, "cross-sections of missing links", func(x *XSection) string { return x.Link })
	m.Losses = inp.DropRows(dec, m.Losses, d.RowLines["LOSSES"], d.Links, "losses of missing links", func(x *Loss) string { return x.Link })
	m.Vertices = inp.DropRows(dec, m.Vertices, d.vertexLine, d.Links, "vertices of missing links", func(x *Path) string { return x.Name })
	m.Coordinates = inp.DropRows(dec, m.Coordinates, d.coordLine, d.Nodes, "coordinates of missing nodes", func(x *Point) string { return x.Name })
	m.Inflows = inp.DropRows(dec, m.Inflows, d.RowLines["INFLOWS"], d.Nodes, "inflows to missing nodes", func(x *Inflow) string { return x.Node })
	m.DWF = inp.DropRows(dec, m.DWF, d.RowLines["DWF"], d.Nodes, "dry-weather flows to missing nodes", func(x *DWF) string { return x.Node })
	m.Subareas = inp.DropRows(dec, m.Subareas, d.RowLines["SUBAREAS"], d.subcatch, "subareas of missing subcatchments", func(x *Subarea) string { return x.Subcatchment })
	m.Infiltration = inp.DropRows(dec, m.Infiltration, d.RowLines["INFILTRATION"], d.subcatch, "infiltration rows of missing subcatchments", func(x *Infiltration) string { return x.Subcatchment })
	m.Polygons = inp.DropRows(dec, m.Polygons, d.polygonLine, d.subcatch, "polygons of missing subcatchments", func(x *Path) string { return x.Name })
	m.Symbols = inp.DropRows(dec, m.Symbols, d.symbolLine, d.gages, "symbols of missing rain gages", func(x *Point) string { return x.Name })

	for _, s := range m.Subcatchments {
		if _, ok := d.gages[s.RainGage]; !ok {
			d.Tally.Add("subcatchments with a missing rain gage", d.subcatch[s.Name], s.Name+" → "+s.RainGage)
		}
		_, node := d.Nodes[s.Outlet]
		_, sub := d.subcatch[s.Outlet]
		if !node && !sub {
			d.Tally.Add("subcatchments with a missing outlet", d.subcatch[s.Name], s.Name+" → "+s.Outlet)
		}
	}
	for _, v := range m.Dividers {
		if _, ok := d.Links[v.Link]; !ok {
			d.Tally.Add("dividers with a missing diversion link", d.Nodes[v.Name], v.Name+" → "+v.Link)
		}
	}
}
