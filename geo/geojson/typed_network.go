package geojson

import (
	"math"

	"twin/geo"
)

// pipe reads a *geo.Pipe: LineString; "from", "to", "network", "kind",
// "shape" (""), "length" (m, else measured on the line), "diameter",
// "width", "roughness" (0), "invert_from", "invert_to", "ground_from",
// "ground_to" (m, NaN: unknown).
func (b *builder) pipe() (geo.Feature, error) {
	line, err := b.line()
	if err != nil {
		return nil, err
	}
	pp := &geo.Pipe{ID: b.id, Line: line}
	pp.From = b.strOr("from", "")
	pp.To = b.strOr("to", "")
	pp.Network = b.strOr("network", "")
	pp.Kind = b.strOr("kind", "")
	pp.Shape = b.strOr("shape", "")
	pp.Length = b.numOr("length", math.NaN())
	if math.IsNaN(pp.Length) {
		pp.Length = b.length(line)
	}
	pp.Diameter = b.numOr("diameter", 0)
	pp.Width = b.numOr("width", 0)
	pp.Roughness = b.numOr("roughness", 0)
	pp.InvertFrom = b.numOr("invert_from", math.NaN())
	pp.InvertTo = b.numOr("invert_to", math.NaN())
	pp.GroundFrom = b.numOr("ground_from", math.NaN())
	pp.GroundTo = b.numOr("ground_to", math.NaN())
	pp.Attrs = b.props.attrs()
	return pp, nil
}

// pipeNode reads a *geo.PipeNode: Point; "network", "kind", "invert" (m,
// NaN), "max_depth" (m, 0), "ground" (m, NaN).
func (b *builder) pipeNode() (geo.Feature, error) {
	pt, err := b.point()
	if err != nil {
		return nil, err
	}
	n := &geo.PipeNode{ID: b.id, Point: pt}
	n.Network = b.strOr("network", "")
	n.Kind = b.strOr("kind", "")
	n.Invert = b.numOr("invert", math.NaN())
	n.MaxDepth = b.numOr("max_depth", 0)
	n.Ground = b.numOr("ground", math.NaN())
	n.Attrs = b.props.attrs()
	return n, nil
}

// subcatchment reads a *geo.Subcatchment: Polygon; "raingage", "outlet",
// "area" (m², else measured on the polygon), "imperv" (%), "width" (m),
// "slope" (%) (0).
func (b *builder) subcatchment() (geo.Feature, error) {
	poly, err := b.polygon()
	if err != nil {
		return nil, err
	}
	s := &geo.Subcatchment{ID: b.id, Polygon: poly}
	s.RainGauge = b.strOr("raingage", "")
	s.Outlet = b.strOr("outlet", "")
	s.Area = b.numOr("area", math.NaN())
	if math.IsNaN(s.Area) {
		s.Area = b.area(poly)
	}
	s.Imperv = b.numOr("imperv", 0)
	s.Width = b.numOr("width", 0)
	s.Slope = b.numOr("slope", 0)
	s.Attrs = b.props.attrs()
	return s, nil
}

// rainGauge reads a *geo.RainGauge: Point; "format", "series", "file" (""),
// "interval" (s, 0).
func (b *builder) rainGauge() (geo.Feature, error) {
	pt, err := b.point()
	if err != nil {
		return nil, err
	}
	g := &geo.RainGauge{ID: b.id, Point: pt, Located: true}
	g.Format = b.strOr("format", "")
	g.Interval = b.numOr("interval", 0)
	g.Series = b.strOr("series", "")
	g.File = b.strOr("file", "")
	g.Attrs = b.props.attrs()
	return g, nil
}
