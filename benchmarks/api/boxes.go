package apibench

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"twin/engine"
)

// ErrEmpty: a layer to draw boxes from has no features.
var ErrEmpty = errors.New("apibench: empty layer")

// Boxes returns n seeded query boxes in lon/lat degrees, each the lon/lat
// hull of a side × side metre square (World CRS) centred on the bounding-box
// centre of a randomly drawn feature of layer, so that boxes fall where the
// features are. Each corner coordinate is moved to the odd multiple of
// 5e-8° in its 1e-7° cell (by at most about 5 mm), which URLs carry
// exactly (8 decimals), so that every consumer sees the same numbers and no
// box edge passes through a vertex of OSM data, whose coordinates are
// multiples of 1e-7°: a feature that only touches the box would otherwise
// be in or out by floating-point rounding (the projection round trip moves
// vertices by ~1e-15°). The same snapshot, arguments and seed give the same
// boxes. Errors: ErrEmpty, or a World without a geodetic CRS. O(n log N).
func Boxes(s *engine.Snapshot, layer string, n int, side float64, seed uint64) ([]orb.Bound, error) {
	l := s.Layer(layer)
	if l == nil || l.Len() == 0 {
		return nil, fmt.Errorf("%w: %q", ErrEmpty, layer)
	}
	r := rand.New(rand.NewPCG(seed, 0xb0c5))
	out := make([]orb.Bound, n)
	for i := range out {
		f, _ := l.At(r.IntN(l.Len()))
		c := f.Geometry().Bound().Center()
		m := orb.Bound{Min: orb.Point{c[0] - side/2, c[1] - side/2}, Max: orb.Point{c[0] + side/2, c[1] + side/2}}
		ll, ok := s.LonLatHull(m)
		if !ok {
			return nil, fmt.Errorf("apibench: boxes: %w", engine.ErrNoCRS)
		}
		out[i] = orb.Bound{Min: orb.Point{halfGrid(ll.Min[0]), halfGrid(ll.Min[1])},
			Max: orb.Point{halfGrid(ll.Max[0]), halfGrid(ll.Max[1])}}
	}
	return out, nil
}

// halfGrid moves v to the odd multiple of 5e-8 in its 1e-7 cell.
func halfGrid(v float64) float64 { return (math.Floor(v*1e7) + 0.5) / 1e7 }

// BBoxParam formats b as an OGC bbox parameter value,
// "minlon,minlat,maxlon,maxlat", 8 decimals.
func BBoxParam(b orb.Bound) string {
	buf := make([]byte, 0, 48)
	for i, v := range [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = strconv.AppendFloat(buf, v, 'f', 8, 64)
	}
	return string(buf)
}

// ItemsPath returns the items URL path and query for b with the given page
// size, e.g. "/collections/buildings/items?bbox=…&limit=10". Both twin and
// pgserve answer it.
func ItemsPath(collection string, b orb.Bound, limit int) string {
	return "/collections/" + url.PathEscape(collection) + "/items?bbox=" + BBoxParam(b) +
		"&limit=" + strconv.Itoa(limit)
}

// TilePaths returns n seeded tile paths "/tiles/z/x/y.mvt" at zoom z, each
// the tile holding a randomly drawn feature's bounding-box centre. Errors
// as for Boxes.
func TilePaths(s *engine.Snapshot, layer string, z maptile.Zoom, n int, seed uint64) ([]string, error) {
	l := s.Layer(layer)
	if l == nil || l.Len() == 0 {
		return nil, fmt.Errorf("%w: %q", ErrEmpty, layer)
	}
	r := rand.New(rand.NewPCG(seed, 0x711e))
	out := make([]string, n)
	for i := range out {
		f, _ := l.At(r.IntN(l.Len()))
		ll, err := s.ToLonLat(f.Geometry().Bound().Center())
		if err != nil {
			return nil, fmt.Errorf("apibench: tiles: %w", err)
		}
		t := maptile.At(ll, z)
		out[i] = fmt.Sprintf("/tiles/%d/%d/%d.mvt", t.Z, t.X, t.Y)
	}
	return out, nil
}
