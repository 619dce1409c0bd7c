package swmm

import (
	"strings"

	"twin/geo"
	"twin/geo/internal/inp"
)

func (d *decoder) coordinate(l *inp.Line) {
	if p, ok := inp.ReadPoint[Point](&d.Decoder, l, "coordinate"); ok {
		d.m.Coordinates = append(d.m.Coordinates, p)
		d.coordLine = append(d.coordLine, l.Num)
	}
}

func (d *decoder) symbol(l *inp.Line) {
	if p, ok := inp.ReadPoint[Point](&d.Decoder, l, "symbol"); ok {
		d.m.Symbols = append(d.m.Symbols, p)
		d.symbolLine = append(d.symbolLine, l.Num)
	}
}

func (d *decoder) vertex(l *inp.Line) {
	inp.AddToPath(&d.Decoder, l, "vertex", &d.m.Vertices, d.vertexIdx, &d.vertexLine)
}

func (d *decoder) polygon(l *inp.Line) {
	inp.AddToPath(&d.Decoder, l, "polygon point", &d.m.Polygons, d.polygonIdx, &d.polygonLine)
}

func (d *decoder) mapLine(l *inp.Line) {
	if !d.Need(l, 2, "map entry") {
		return
	}
	switch key := strings.ToUpper(l.Fields[0]); key {
	case "DIMENSIONS":
		if !d.Need(l, 5, "map DIMENSIONS") {
			return
		}
		for i := range d.m.Map.Dimensions {
			d.m.Map.Dimensions[i] = d.Float(l, i+1, "map dimension")
		}
		d.m.Map.HasDimensions = true
	case "UNITS":
		u := strings.ToUpper(l.Fields[1])
		d.Keyword(l, 1, u, "map units", "FEET", "METERS", "DEGREES", "NONE")
		d.m.Map.Units = u
	default:
		d.Failf(l.Num, geo.ErrSyntax, "%w: map keyword %q (want DIMENSIONS or UNITS)", ErrKeyword, l.Fields[0])
	}
}

func (d *decoder) tag(l *inp.Line) {
	if !d.Need(l, 3, "tag") {
		return
	}
	k := l.Fields[0]
	switch strings.ToUpper(k) {
	case "NODE", "LINK", "SUBCATCH", "GAGE":
	default:
		d.Failf(l.Num, geo.ErrSyntax, "%w: tag object type %q (want Node, Link, Subcatch or Gage)", ErrKeyword, k)
		return
	}
	d.m.Tags = append(d.m.Tags, Tag{Kind: k, Name: l.Fields[1], Tag: l.Fields[2]})
}
