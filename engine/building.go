package engine

import (
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"twin/geo"
	"twin/geo/spatial"
)

// BuildingsAt returns the buildings whose footprint contains p (World CRS),
// smallest footprint first (the most specific building when footprints
// nest). O(log n + k·v).
func (s *Snapshot) BuildingsAt(p orb.Point) []*geo.Building {
	var out []*geo.Building
	s.Layer(geo.LayerBuildings).SearchBounds(orb.Bound{Min: p, Max: p}, func(f geo.Feature) bool {
		if b, ok := f.(*geo.Building); ok && spatial.Distance(b.Footprint, p) == 0 {
			out = append(out, b)
		}
		return true
	})
	sort.Slice(out, func(i, j int) bool {
		ai, aj := planar.Area(out[i].Footprint), planar.Area(out[j].Footprint)
		if ai != aj {
			return ai < aj
		}
		return out[i].ID < out[j].ID
	})
	return out
}
