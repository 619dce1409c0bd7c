package cityjson

import (
	"twin/geo"
)

// templates is the document's "geometry-templates": template geometries
// whose real-valued vertices (not subject to "transform") are placed by each
// GeometryInstance.
type templates struct {
	Templates []rawGeometry `json:"templates"`
	Vertices  []vertex      `json:"vertices-templates"`

	pts []geo.Point3 // Vertices as coordinates, filled on first use
}

// errNonAffine marks an instance whose matrix is projective; such
// geometries are skipped with a warning.
var errNonAffine = contentErrorf("GeometryInstance with a non-affine transformationMatrix")

// instance resolves a GeometryInstance g: template vertices v become
// M·v + ref, where M is the row-major 4×4 "transformationMatrix" and ref is
// the document vertex named by g's single boundary index. Only affine
// matrices (last row 0 0 0 1) are applied; others return errNonAffine.
// O(vertices of the template).
func (t *templates) instance(g *rawGeometry, doc *vertexSource) (*shape, error) {
	if g.Template == nil || t == nil || *g.Template < 0 || *g.Template >= len(t.Templates) {
		return nil, contentErrorf("GeometryInstance refers to a missing template")
	}
	if g.Boundaries.depth() != 1 || len(g.Boundaries.leaves) != 1 {
		return nil, contentErrorf("GeometryInstance boundaries must be one vertex index")
	}
	m := g.TransformationMatrix
	if len(m) != 16 {
		return nil, contentErrorf("GeometryInstance transformationMatrix has %d values, want 16", len(m))
	}
	if m[12] != 0 || m[13] != 0 || m[14] != 0 || m[15] != 1 {
		return nil, errNonAffine
	}
	for _, x := range m {
		if !finite(x) {
			return nil, contentErrorf("GeometryInstance transformationMatrix is not finite")
		}
	}
	ref, err := doc.at(g.Boundaries.leaves[0])
	if err != nil {
		return nil, err
	}
	tg := &t.Templates[*g.Template]
	if tg.Type == "GeometryInstance" {
		return nil, contentErrorf("template %d is itself a GeometryInstance", *g.Template)
	}
	if t.pts == nil {
		t.pts = t.points()
	}
	vs := &vertexSource{verts: t.pts, m: m, ref: ref}
	return resolveGeometry(tg, vs, nil)
}

// points returns the template vertices as coordinates.
func (t *templates) points() []geo.Point3 {
	ps := make([]geo.Point3, len(t.Vertices))
	for i, v := range t.Vertices {
		ps[i] = geo.Point3(v)
	}
	return ps
}
