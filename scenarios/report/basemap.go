package report

import (
	"math"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
	"twin/sim/flood/floodout"
)

// Basemap is what the flood maps draw under the water: the terrain (as a
// hillshade, the sea apart), the road links and the building outlines, all
// in the World's CRS (projected metres, the CRS of FloodResult.MaxDepth and
// of the incidents' X, Y). A nil Basemap, or one without Height, gives a
// light grey land mask that cannot tell the sea from the land.
type Basemap struct {
	// Height is the terrain elevation at a point, m; ok is false where
	// there is none. (*engine.Snapshot).TerrainHeight fits.
	Height func(p orb.Point) (z float64, ok bool)
	// SeaLevelM is the elevation at and below which terrain is sea, m:
	// 0 as in the scenario flood models (SRTM puts the sea at 0 m).
	SeaLevelM float64
	// Links are the road links, by ID (the IDs of
	// FloodResult.PeakClosedLinkIDs).
	Links []Link
	// Buildings are the building footprints' outer rings.
	Buildings []orb.Ring
}

// Link is one road link of a Basemap.
type Link struct {
	ID   string
	Line orb.LineString
}

// SnapshotBasemap gathers the basemap of a World snapshot: its terrain,
// the "links" layer and the outer rings of the "buildings" layer, in ID
// order. A nil snapshot gives nil. O(features).
func SnapshotBasemap(s *engine.Snapshot) *Basemap {
	if s == nil {
		return nil
	}
	b := &Basemap{}
	if len(s.Terrain()) > 0 {
		b.Height = s.TerrainHeight
	}
	s.Layer("links").Ascend("", func(f geo.Feature) bool {
		if ls, ok := f.Geometry().(orb.LineString); ok && len(ls) > 1 {
			b.Links = append(b.Links, Link{ID: f.FeatureID(), Line: ls})
		}
		return true
	})
	s.Layer("buildings").Ascend("", func(f geo.Feature) bool {
		switch g := f.Geometry().(type) {
		case orb.Polygon:
			if len(g) > 0 {
				b.Buildings = append(b.Buildings, g[0])
			}
		case orb.MultiPolygon:
			for _, p := range g {
				if len(p) > 0 {
					b.Buildings = append(b.Buildings, p[0])
				}
			}
		}
		return true
	})
	return b
}

// terrain samples the basemap's terrain at the centres of g's cells: the
// elevation grid (NaN without terrain) and the sea mask. Without a Height
// both are nil. O(cells).
func (b *Basemap) terrain(g *geo.Grid) (*geo.Grid, []bool) {
	if b == nil || b.Height == nil {
		return nil, nil
	}
	dem := &geo.Grid{Cols: g.Cols, Rows: g.Rows, X0: g.X0, Y0: g.Y0, DX: g.DX, DY: g.DY, Data: make([]float32, len(g.Data))}
	sea := make([]bool, len(g.Data))
	for r := range g.Rows {
		for c := range g.Cols {
			i := r*g.Cols + c
			z, ok := b.Height(g.Center(c, r))
			if !ok || math.IsNaN(z) {
				dem.Data[i] = float32(math.NaN())
				continue
			}
			dem.Data[i] = float32(z)
			sea[i] = z <= b.SeaLevelM
		}
	}
	return dem, sea
}

// hillshade is floodout's Horn hillshade of dem with the sea flattened to
// sea level, so that the coast does not cast a cliff; nil without dem.
func hillshade(dem *geo.Grid, sea []bool, seaLevel float64) []float32 {
	if dem == nil {
		return nil
	}
	flat := *dem
	flat.Data = append([]float32(nil), dem.Data...)
	for i, s := range sea {
		if s {
			flat.Data[i] = float32(seaLevel)
		}
	}
	return floodout.Hillshade(&flat)
}
