package engine

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/geo/proj"
)

// LoadReport says what [World.Load] did.
type LoadReport struct {
	// CRS is the World's CRS after the load ("" for an engineering frame).
	CRS     string
	Version uint64
	Sets    []SetReport
}

// SetReport describes one loaded dataset.
type SetReport struct {
	Name, Format, CRS string
	// Layers counts the features stored per layer.
	Layers map[string]int
	// Replaced counts features that replaced one with the same ID.
	Replaced int
	// Terrain counts terrain grids added.
	Terrain  int
	Warnings []geo.Warning
}

// Load reprojects the datasets into the World's CRS and stores their
// features and grids in one atomic update: when any dataset fails, nothing is
// stored and the World is exactly as it was. Load takes ownership of the
// datasets (it reprojects their features in place).
//
// The World's CRS is fixed by the first load (unless Config.CRS fixed it):
// the first projected CRS among the datasets, else the automatic local CRS of
// the geographic data's centre (proj.ForLonLat). Datasets without a CRS
// (SWMM, EPANET) can only join a World that has none either; give them one
// first (a .prj sidecar, or --crs). Features with the ID of an existing one
// replace it. Features whose coordinates do not survive reprojection are
// skipped with a warning. Buildings without a ground elevation get the
// lowest terrain height under their footprint's vertices.
func (w *World) Load(ctx context.Context, sets ...*geo.Dataset) (*LoadReport, error) {
	rep := &LoadReport{}
	s, err := w.Update(func(tx *Tx) error {
		if err := w.fixCRS(tx, sets); err != nil {
			return err
		}
		terrainAdded := false
		var added []string
		for _, d := range sets {
			sr, ids, err := loadSet(ctx, tx, d)
			if err != nil {
				return err
			}
			terrainAdded = terrainAdded || sr.Terrain > 0
			added = append(added, ids...)
			rep.Sets = append(rep.Sets, sr)
		}
		return fillGround(ctx, tx, added, terrainAdded)
	})
	if err != nil {
		return nil, err
	}
	rep.Version = s.Version()
	if s.CRS() != nil {
		rep.CRS = s.CRS().String()
	}
	return rep, nil
}

// fixCRS gives the World its CRS on the first georeferenced load.
func (w *World) fixCRS(tx *Tx, sets []*geo.Dataset) error {
	if tx.CRS() != nil {
		return nil
	}
	for _, name := range tx.base.LayerNames() {
		if tx.base.Layer(name).Len() > 0 {
			return nil // an engineering World keeps its frame
		}
	}
	if len(tx.base.terrain) > 0 {
		return nil
	}
	c, err := chooseCRS(sets)
	if err != nil || c == nil {
		return err
	}
	return tx.SetCRS(c)
}

// chooseCRS picks the World's CRS for a first load; nil when no dataset has
// a CRS.
func chooseCRS(sets []*geo.Dataset) (*proj.CRS, error) {
	var b orb.Bound
	haveGeo := false
	for _, d := range sets {
		if d.CRS == "" {
			continue
		}
		c, err := proj.Parse(d.CRS)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Name, err)
		}
		if !c.Geographic() {
			return c, nil
		}
		if db, ok := datasetBounds(d); ok {
			b, haveGeo = union(b, db, haveGeo), true
		}
	}
	if !haveGeo {
		return nil, nil
	}
	ctr := b.Center()
	return proj.ForLonLat(ctr[0], ctr[1]), nil
}

func datasetBounds(d *geo.Dataset) (b orb.Bound, ok bool) {
	for _, fs := range d.Layers {
		for _, f := range fs {
			if fb, fok := featureBound(f); fok {
				b, ok = union(b, fb, ok), true
			}
		}
	}
	for _, g := range d.Grids {
		b, ok = union(b, g.Bounds(), ok), true
	}
	return b, ok
}

// loadSet stores one dataset; it returns the IDs of buildings it stored.
func loadSet(ctx context.Context, tx *Tx, d *geo.Dataset) (SetReport, []string, error) {
	sr := SetReport{Name: d.Name, Format: d.Format, CRS: d.CRS, Layers: map[string]int{}, Warnings: d.Warnings}
	fn, src, err := transformFor(tx.CRS(), d.CRS, d.Name)
	if err != nil {
		return sr, nil, err
	}
	if src != nil {
		if b, ok := lonLatExtent(d, src); ok {
			tx.extendLonLat(b)
		}
	}
	var buildings []string
	names := make([]string, 0, len(d.Layers))
	for name := range d.Layers {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		var keep []geo.Feature
		for i, f := range d.Layers[name] {
			if i%4096 == 0 && ctx.Err() != nil {
				return sr, nil, ctx.Err()
			}
			if fn != nil {
				geo.Transform(f, fn)
			}
			if err := validFeature(name, f); err != nil {
				sr.Warnings = append(sr.Warnings, geo.Warning{File: d.Name, Offset: -1, Msg: "skipped: " + err.Error()})
				continue
			}
			keep = append(keep, f)
			if name == geo.LayerBuildings {
				buildings = append(buildings, f.FeatureID())
			}
		}
		replaced, err := tx.PutAll(name, keep)
		if err != nil {
			return sr, nil, err
		}
		sr.Layers[name] = len(keep)
		sr.Replaced += replaced
	}
	for i, g := range d.Grids {
		gsrc := src
		if g.CRS != "" && g.CRS != d.CRS {
			if gsrc, err = proj.Parse(g.CRS); err != nil {
				return sr, nil, fmt.Errorf("%s: grid %d: %w", d.Name, i, err)
			}
		}
		t, err := NewTerrain(d.Name, g, gsrc, tx.CRS())
		if err != nil {
			return sr, nil, fmt.Errorf("%s: %w", d.Name, err)
		}
		tx.AddTerrain(t)
		sr.Terrain++
	}
	return sr, buildings, nil
}

// lonLatExtent is the dataset's extent in lon/lat, read before
// reprojection: its own bounds for geographic data, else the lon/lat hull of
// its bounding box.
func lonLatExtent(d *geo.Dataset, src *proj.CRS) (orb.Bound, bool) {
	b, ok := datasetBounds(d)
	if !ok || src.Geographic() {
		return b, ok
	}
	var out orb.Bound
	first := true
	for _, p := range edgePoints(b, 16) {
		lon, lat := src.Inverse(p[0], p[1])
		q := orb.Point{lon, lat}
		if math.IsNaN(lon) || math.IsNaN(lat) {
			continue
		}
		if first {
			out, first = q.Bound(), false
		} else {
			out = out.Extend(q)
		}
	}
	return out, !first
}

// transformFor returns the point function from a dataset's CRS into the
// World's (nil for identity) and the dataset's parsed CRS.
func transformFor(world *proj.CRS, dataCRS, name string) (geo.PointFunc, *proj.CRS, error) {
	if dataCRS == "" {
		if world != nil {
			return nil, nil, fmt.Errorf("%s: %w; the World is in %s (give the data's CRS with --crs or a .prj file)", name, ErrNoCRS, world)
		}
		return nil, nil, nil
	}
	src, err := proj.Parse(dataCRS)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if world == nil {
		return nil, nil, fmt.Errorf("%s: %w: data in %s cannot join a World without a CRS", name, ErrNoCRS, src)
	}
	if src.String() == world.String() {
		return nil, src, nil
	}
	return proj.Transformer(src, world), src, nil
}

// fillGround sets the ground elevation of buildings that have none: the new
// ones, or every building when terrain was added.
func fillGround(ctx context.Context, tx *Tx, ids []string, all bool) error {
	if len(tx.Terrain()) == 0 {
		return nil
	}
	l := tx.view(geo.LayerBuildings)
	var todo []*geo.Building
	collect := func(f geo.Feature) bool {
		if b, ok := f.(*geo.Building); ok && math.IsNaN(b.Ground) {
			todo = append(todo, b)
		}
		return true
	}
	if all {
		l.Ascend("", collect)
	} else {
		for _, id := range ids {
			if f, ok := l.Get(id); ok {
				collect(f)
			}
		}
	}
	view := &Snapshot{terrain: tx.Terrain()}
	for i, b := range todo {
		if i%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		z, ok := lowestGround(view, b.Footprint)
		if !ok {
			continue
		}
		nb := *b
		nb.Ground = z
		if _, err := tx.Put(geo.LayerBuildings, &nb); err != nil {
			return err
		}
	}
	return nil
}

// lowestGround is the lowest terrain height at the outer-ring vertices of fp.
func lowestGround(s *Snapshot, fp orb.MultiPolygon) (float64, bool) {
	z, ok := math.Inf(1), false
	for _, p := range fp {
		if len(p) == 0 {
			continue
		}
		for _, v := range p[0] {
			if h, hok := s.TerrainHeight(v); hok {
				z, ok = math.Min(z, h), true
			}
		}
	}
	return z, ok
}
