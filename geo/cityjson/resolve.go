package cityjson

import (
	"math"

	"twin/geo"
)

// shape is one geometry of a city object resolved to coordinates.
type shape struct {
	// kind is the CityJSON geometry type; for a GeometryInstance the type of
	// its template.
	kind     string
	lod      string
	surfaces []geo.Surface  // the surface types
	points   []geo.Point3   // MultiPoint
	lines    [][]geo.Point3 // MultiLineString
	minZ     float64        // lowest z of all coordinates, metres
	maxZ     float64        // highest z, metres
}

// volumetric reports whether the shape bounds a volume (a solid of some kind).
func (s *shape) volumetric() bool {
	return s.kind == "Solid" || s.kind == "MultiSolid" || s.kind == "CompositeSolid"
}

// nesting returns the boundaries depth of a geometry type, 0 if unknown.
func nesting(kind string) int {
	switch kind {
	case "MultiPoint":
		return 1
	case "MultiLineString":
		return 2
	case "MultiSurface", "CompositeSurface":
		return 3
	case "Solid":
		return 4
	case "MultiSolid", "CompositeSolid":
		return 5
	}
	return 0
}

// hasSurfaces reports whether kind is a geometry type made of surfaces.
func hasSurfaces(kind string) bool { return nesting(kind) >= 3 }

// vertexSource maps vertex indices to coordinates: the document's vertices
// as they are, or a template's vertices through an instance's affine matrix
// m (row-major 4×4) and reference point.
type vertexSource struct {
	verts []geo.Point3
	m     []float64 // nil: no matrix
	ref   geo.Point3
}

// at returns vertex i, or a *contentError when i is out of range or the
// coordinates are not finite.
func (vs *vertexSource) at(i int32) (geo.Point3, error) {
	if int(i) >= len(vs.verts) {
		return geo.Point3{}, contentErrorf("vertex index %d out of range (%d vertices)", i, len(vs.verts))
	}
	p := vs.verts[i]
	if vs.m != nil {
		m := vs.m
		p = geo.Point3{
			m[0]*p[0] + m[1]*p[1] + m[2]*p[2] + m[3] + vs.ref[0],
			m[4]*p[0] + m[5]*p[1] + m[6]*p[2] + m[7] + vs.ref[1],
			m[8]*p[0] + m[9]*p[1] + m[10]*p[2] + m[11] + vs.ref[2],
		}
	}
	if !finite3(p) {
		return geo.Point3{}, contentErrorf("vertex %d is not finite after the transform", i)
	}
	return p, nil
}

// resolveGeometry turns g into coordinates using vs (and tpl for a
// GeometryInstance). Content problems return a *contentError.
// O(number of indices).
func resolveGeometry(g *rawGeometry, vs *vertexSource, tpl *templates) (*shape, error) {
	if g.Type == "GeometryInstance" {
		return tpl.instance(g, vs)
	}
	want := nesting(g.Type)
	if want == 0 {
		return nil, contentErrorf("unsupported geometry type %q", g.Type)
	}
	if d := g.Boundaries.depth(); d != want {
		if d == 0 {
			return nil, contentErrorf("%s has no boundaries", g.Type)
		}
		return nil, contentErrorf("%s boundaries nested %d deep, want %d", g.Type, d, want)
	}
	s := &shape{kind: g.Type, lod: string(g.LoD), minZ: math.Inf(1), maxZ: math.Inf(-1)}
	var err error
	switch want {
	case 1:
		s.points, err = vs.line(g.Boundaries.leaves, 1)
		s.extend(s.points)
	case 2:
		for _, idx := range g.Boundaries.lines() {
			l, err := vs.line(idx, 2)
			if err != nil {
				return nil, err
			}
			s.lines = append(s.lines, l)
			s.extend(l)
		}
	default:
		err = g.Boundaries.eachSurface(func(path []int, rings [][]int32) error {
			return s.addSurface(vs, g.Semantics.surfaceType(path), rings)
		})
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// addSurface resolves one boundary surface and appends it to s.surfaces.
func (s *shape) addSurface(vs *vertexSource, typ string, rings [][]int32) error {
	if len(rings) == 0 {
		return contentErrorf("surface without rings")
	}
	sf := geo.Surface{Type: typ, Rings: make([][]geo.Point3, len(rings))}
	for i, idx := range rings {
		r, err := vs.ring(idx)
		if err != nil {
			return err
		}
		sf.Rings[i] = r
		s.extend(r)
	}
	s.surfaces = append(s.surfaces, sf)
	return nil
}

func (s *shape) extend(ps []geo.Point3) {
	for _, p := range ps {
		s.minZ = math.Min(s.minZ, p[2])
		s.maxZ = math.Max(s.maxZ, p[2])
	}
}

// line resolves a point list (MultiPoint, LineString) of at least min points.
func (vs *vertexSource) line(idx []int32, min int) ([]geo.Point3, error) {
	if len(idx) < min {
		return nil, contentErrorf("%d vertices where at least %d are needed", len(idx), min)
	}
	out := make([]geo.Point3, len(idx))
	for i, j := range idx {
		p, err := vs.at(j)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// ring resolves a ring without its closing vertex (CityJSON rings are open;
// a repeated first vertex and consecutive duplicates are dropped). It fails
// when fewer than 3 distinct vertices remain.
func (vs *vertexSource) ring(idx []int32) ([]geo.Point3, error) {
	out := make([]geo.Point3, 0, len(idx))
	for _, i := range idx {
		p, err := vs.at(i)
		if err != nil {
			return nil, err
		}
		if len(out) > 0 && out[len(out)-1] == p {
			continue
		}
		out = append(out, p)
	}
	for len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	if distinct(out) < 3 {
		return nil, contentErrorf("ring with fewer than 3 distinct vertices")
	}
	return out, nil
}

// distinct counts the distinct points of r, stopping at 3.
func distinct(r []geo.Point3) int {
	var seen [3]geo.Point3
	n := 0
outer:
	for _, p := range r {
		for _, q := range seen[:n] {
			if p == q {
				continue outer
			}
		}
		seen[n] = p
		n++
		if n == 3 {
			break
		}
	}
	return n
}
