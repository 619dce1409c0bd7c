package engine

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"

	"twin/geo/proj"
)

// Snapshot is an immutable view of the World at one version. All methods are
// safe for concurrent use, and the snapshot never changes after it is taken.
type Snapshot struct {
	version  uint64
	crs      *proj.CRS
	layers   map[string]*Layer
	terrain  []*Terrain
	underTol float64
	// lonlat is the lon/lat extent of the data as loaded (see BoundsLonLat).
	lonlat orb.Bound
	hasLL  bool
	// seqs is the last applied delta sequence number per source.
	seqs map[string]uint64
}

// Version returns the snapshot's version: 0 for an empty World, then one more
// per committed update.
func (s *Snapshot) Version() uint64 { return s.version }

// CRS returns the World's CRS; nil when it has none yet, or when the data
// came without a CRS (a local engineering frame).
func (s *Snapshot) CRS() *proj.CRS { return s.crs }

// Layer returns the named layer, or nil when the World has none by that name.
// A nil *Layer behaves as an empty layer.
func (s *Snapshot) Layer(name string) *Layer { return s.layers[name] }

// LayerNames returns the names of the non-empty layers, sorted.
func (s *Snapshot) LayerNames() []string {
	names := make([]string, 0, len(s.layers))
	for n, l := range s.layers {
		if l.Len() > 0 {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// Terrain returns the terrain grids, finest first.
func (s *Snapshot) Terrain() []*Terrain { return s.terrain }

// Bounds returns the extent of every layer and terrain grid in the World's
// CRS; ok is false for an empty World.
func (s *Snapshot) Bounds() (b orb.Bound, ok bool) {
	for _, l := range s.layers {
		if lb, lok := l.Bounds(); lok {
			b, ok = union(b, lb, ok), true
		}
	}
	for _, t := range s.terrain {
		b, ok = union(b, t.Bound(), ok), true
	}
	return b, ok
}

func union(a, b orb.Bound, haveA bool) orb.Bound {
	if !haveA {
		return b
	}
	return a.Union(b)
}

// ToLonLat converts a point in the World's CRS to WGS84 lon/lat degrees.
// It fails with ErrNoCRS when the World has no geodetic CRS.
func (s *Snapshot) ToLonLat(p orb.Point) (orb.Point, error) {
	if s.crs == nil {
		return p, fmt.Errorf("%w: the World has no geodetic CRS", ErrNoCRS)
	}
	lon, lat := s.crs.Inverse(p[0], p[1])
	return orb.Point{lon, lat}, nil
}

// FromLonLat converts WGS84 lon/lat degrees to the World's CRS. It fails with
// ErrNoCRS when the World has no geodetic CRS, and for non-finite input.
func (s *Snapshot) FromLonLat(lon, lat float64) (orb.Point, error) {
	if s.crs == nil {
		return orb.Point{}, fmt.Errorf("%w: the World has no geodetic CRS", ErrNoCRS)
	}
	if math.IsNaN(lon) || math.IsNaN(lat) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return orb.Point{}, fmt.Errorf("engine: lon/lat %g,%g out of range", lon, lat)
	}
	x, y := s.crs.Forward(lon, lat)
	return orb.Point{x, y}, nil
}

// BoundsLonLat returns the World's extent as lon/lat degrees
// [minlon, minlat, maxlon, maxlat]: the extent of the data as it was loaded
// (exact for lon/lat sources; for projected sources the lon/lat hull of
// their own bounding box). Deleting features does not shrink it. For data
// added feature by feature it falls back to the lon/lat hull of the metric
// bounds. ok is false when the World is empty or has no geodetic CRS.
func (s *Snapshot) BoundsLonLat() (b orb.Bound, ok bool) {
	if s.hasLL && s.crs != nil {
		return s.lonlat, true
	}
	return s.boundsHull()
}

func (s *Snapshot) boundsHull() (b orb.Bound, ok bool) {
	mb, ok := s.Bounds()
	if !ok {
		return orb.Bound{}, false
	}
	return s.LonLatHull(mb)
}

// edgePoints returns n points per edge along b's boundary.
func edgePoints(b orb.Bound, n int) []orb.Point {
	pts := make([]orb.Point, 0, 4*n)
	for i := 0; i < n; i++ {
		t := float64(i) / float64(n)
		dx, dy := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
		pts = append(pts,
			orb.Point{b.Min[0] + t*dx, b.Min[1]}, orb.Point{b.Max[0], b.Min[1] + t*dy},
			orb.Point{b.Max[0] - t*dx, b.Max[1]}, orb.Point{b.Min[0], b.Max[1] - t*dy})
	}
	return pts
}

// LonLatHull returns the lon/lat extent of the World-CRS rectangle b: the
// bounds of points along its edges carried to lon/lat. ok is false without
// a geodetic CRS.
func (s *Snapshot) LonLatHull(b orb.Bound) (out orb.Bound, ok bool) {
	if s.crs == nil {
		return out, false
	}
	for i, p := range edgePoints(b, 16) {
		ll, _ := s.ToLonLat(p)
		if i == 0 {
			out = ll.Bound()
		} else {
			out = out.Extend(ll)
		}
	}
	return out, true
}
