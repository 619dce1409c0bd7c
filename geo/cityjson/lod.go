package cityjson

// choose resolves the geometry of o to use: among its geometries (only
// those made of surfaces when surfaces is true), the first whose LoD equals
// Options.LoD, else the first of the highest LoD. A GeometryInstance counts
// with its template's type and LoD. It returns nil, nil when o has no such
// geometry, and the resolution error of the chosen geometry otherwise
// (lower LoDs are not tried: a broken object is reported, not hidden).
func (d *decoder) choose(o *rawObject, vs *vertexSource, tpl *templates, surfaces bool) (*shape, error) {
	want := lod(d.opt.LoD).value()
	best, bestLoD := -1, 0.0
	for i := range o.Geometry {
		g := &o.Geometry[i]
		kind, l := g.Type, g.LoD
		if kind == "GeometryInstance" {
			kind, l = tpl.describe(g)
		}
		if surfaces && !hasSurfaces(kind) {
			continue
		}
		v := l.value()
		if d.opt.LoD != "" && v == want {
			best = i
			break
		}
		if best < 0 || v > bestLoD {
			best, bestLoD = i, v
		}
	}
	if best < 0 {
		return nil, nil
	}
	return resolveGeometry(&o.Geometry[best], vs, tpl)
}

// describe returns the type and LoD of the template an instance uses, or
// the instance's own when the template is missing (resolution then fails
// with a clear message).
func (t *templates) describe(g *rawGeometry) (string, lod) {
	if t == nil || g.Template == nil || *g.Template < 0 || *g.Template >= len(t.Templates) {
		return g.Type, g.LoD
	}
	tg := &t.Templates[*g.Template]
	return tg.Type, tg.LoD
}
