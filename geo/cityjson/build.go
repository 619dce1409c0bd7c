package cityjson

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"

	"twin/geo"
)

// resolve applies the transform to doc's vertices and turns its city
// objects into features. doc's vertices are not used afterwards.
func (d *decoder) resolve(doc *document) {
	xf := doc.xf
	if xf == nil {
		xf = d.xf
	}
	if xf == nil && len(doc.verts) > 0 && !strings.HasPrefix(d.version, "1.0") && !d.noXf {
		// CityJSON 1.1 and later require a transform; read the numbers as
		// coordinates all the same.
		d.noXf = true
		d.ds.Warn(0, doc.vertsOff, "no \"transform\" in a CityJSON "+d.version+" file; vertices taken as coordinates")
	}
	xf.apply(doc.verts)
	tpl := doc.tpl
	if tpl == nil {
		tpl = d.tpl
	}
	vs := &vertexSource{verts: doc.verts}
	for _, o := range doc.objects {
		d.object(o, vs, tpl)
	}
}

// warn records a warning about city object o.
func (d *decoder) warn(o *rawObject, format string, args ...any) {
	d.ds.Warn(0, o.off, fmt.Sprintf("city object %q: ", o.id)+fmt.Sprintf(format, args...))
}

// object turns o into a Building, BuildingPart or Generic item, or skips it
// with a warning.
func (d *decoder) object(o *rawObject, vs *vertexSource, tpl *templates) {
	isBuilding := o.Type == "Building" || o.Type == "BuildingPart"
	s, err := d.choose(o, vs, tpl, isBuilding)
	if err != nil {
		d.warn(o, "skipped: %v", err)
		return
	}
	if !isBuilding {
		d.generic(o, s)
		return
	}
	if s == nil && o.Type == "Building" && len(o.Children) > 0 {
		b := newBuilding(o)
		d.items = append(d.items, item{layer: geo.LayerBuildings, f: b, pending: true, children: o.Children, off: o.off})
		return
	}
	if s == nil {
		d.warn(o, "skipped: no surface geometry")
		return
	}
	b := newBuilding(o)
	b.LoD, b.Surfaces = s.lod, s.surfaces
	b.Ground = groundZ(s)
	b.Height = s.maxZ - b.Ground
	b.HeightSource = "lod"
	b.Footprint = footprint(s)
	if len(b.Footprint) == 0 {
		d.warn(o, "skipped: no surface that is not vertical")
		return
	}
	layer := geo.LayerBuildings
	if o.Type == "BuildingPart" {
		layer = geo.LayerBuildingParts
		d.parts[o.id] = b
		d.partsOf[b.Parent] = append(d.partsOf[b.Parent], b)
	}
	d.items = append(d.items, item{layer: layer, f: b, off: o.off})
}

// newBuilding fills the fields of a Building that come from o's attributes.
func newBuilding(o *rawObject) *geo.Building {
	b := &geo.Building{ID: o.id, Type: o.Type, Ground: geo.NaN, Attrs: geo.Attrs(o.Attributes)}
	if b.Attrs == nil {
		b.Attrs = geo.Attrs{}
	}
	b.Attrs["cityjson_type"] = o.Type
	if len(o.Parents) > 0 {
		b.Parent = o.Parents[0]
	}
	if n, ok := b.Attrs["storeysAboveGround"].(float64); ok && n >= 1 && n <= 1000 && n == float64(int(n)) {
		b.Levels = int(n)
	}
	return b
}

// generic adds o as a Generic: its footprint (or points or lines), Z the
// lowest elevation, and properties "type", "lod", "ground" and "height"
// (metres) plus its attributes.
func (d *decoder) generic(o *rawObject, s *shape) {
	if s == nil {
		d.warn(o, "skipped: no geometry")
		return
	}
	var g orb.Geometry
	switch {
	case s.points != nil:
		g = multiPoint(s.points)
	case s.lines != nil:
		g = multiLine(s.lines)
	default:
		mp := footprint(s)
		switch len(mp) {
		case 0:
			d.warn(o, "skipped: no surface that is not vertical")
			return
		case 1:
			g = mp[0]
		default:
			g = mp
		}
	}
	props := make(map[string]any, len(o.Attributes)+4)
	for k, v := range o.Attributes {
		props[k] = v
	}
	props["type"], props["lod"] = o.Type, s.lod
	props["ground"], props["height"] = s.minZ, s.maxZ-s.minZ
	f := &geo.Generic{ID: o.id, Geom: g, Z: s.minZ, Props: props}
	d.items = append(d.items, item{layer: LayerCityObjects, f: f, off: o.off})
}

func multiPoint(ps []geo.Point3) orb.MultiPoint {
	mp := make(orb.MultiPoint, len(ps))
	for i, p := range ps {
		mp[i] = orb.Point{p[0], p[1]}
	}
	return mp
}

func multiLine(ls [][]geo.Point3) orb.MultiLineString {
	ml := make(orb.MultiLineString, len(ls))
	for i, l := range ls {
		ml[i] = orb.LineString(multiPoint(l))
	}
	return ml
}
