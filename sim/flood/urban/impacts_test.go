package urban

import (
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// TestPregnolatoSpeed checks the depth–disruption curve of Pregnolato et
// al. (2017), v = 0.0009w² − 0.5529w + 86.9448 km/h (w in mm), evaluated
// by hand, and the 300 mm cut-off.
func TestPregnolatoSpeed(t *testing.T) {
	for _, tc := range []struct{ depth, want float64 }{
		{-1, 86.9448},
		{0, 86.9448},
		{0.05, 0.0009*2500 - 0.5529*50 + 86.9448}, // 61.5498
		{0.1, 40.6548},
		{0.2999, 0.0009*299.9*299.9 - 0.5529*299.9 + 86.9448},
		{0.3, 0},
		{1, 0},
	} {
		if got := PregnolatoSpeed(tc.depth); !closeRel(got, tc.want, 1e-9, 1e-9) {
			t.Errorf("PregnolatoSpeed(%g) = %.6f km/h, want %.6f", tc.depth, got, tc.want)
		}
	}
}

// TestImpacts sets depths by hand on a flat grid with one building and
// two links and checks the extent, the flooded links (thresholds 5 cm
// and 30 cm) and the affected building (15 cm).
func TestImpacts(t *testing.T) {
	dem := flat(12, 12, 5, 1)
	bldg := &geo.Building{ID: "b", Footprint: orb.MultiPolygon{{{{20, 20}, {40, 20}, {40, 40}, {20, 40}, {20, 20}}}}}
	dry := &geo.Building{ID: "dry", Footprint: orb.MultiPolygon{{{{45, 45}, {55, 45}, {55, 55}, {45, 55}, {45, 45}}}}}
	north := &geo.RoadLink{ID: "north", Line: orb.LineString{{0, 52.5}, {30, 52.5}}} // row 1, cols 0–5
	south := &geo.RoadLink{ID: "south", Line: orb.LineString{{0, 2.5}, {60, 2.5}}}   // row 11
	m, err := New(Inputs{DEM: dem, Buildings: []*geo.Building{bldg, dry}, Links: []*geo.RoadLink{north, south}},
		Options{CellSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	depth := make([]float32, 144)
	depth[1*12+3] = 0.4  // on the north link
	depth[11*12+6] = 0.1 // on the south link
	depth[8*12+5] = 0.2  // just south of the building (row 8 touches rows 4–7)
	e := m.FloodExtent(depth, 0.15)
	if e.Cells != 2 || e.Area != 50 || !e.Mask[1*12+3] || !e.Mask[8*12+5] {
		t.Errorf("extent %d cells %g m², want 2 cells, 50 m²", e.Cells, e.Area)
	}
	links := m.FloodedLinks(depth, 0, 0)
	if len(links) != 2 || links[0].ID != "north" || !links[0].Closed || links[0].SpeedFactor != 0 ||
		links[1].ID != "south" || links[1].Closed || !closeRel(links[1].SpeedFactor, 40.6548/86.9448, 1e-6, 0) {
		t.Errorf("flooded links %+v", links)
	}
	bs := m.AffectedBuildings(depth, 0)
	if len(bs) != 1 || bs[0].ID != "b" || !closeRel(bs[0].Depth, 0.2, 1e-6, 0) {
		t.Errorf("affected buildings %+v, want b at 0.2 m", bs)
	}
}

// TestImpactsSea: on a 12 × 4 grid of 5 m cells whose two western columns
// are sea (bed −1 m, sea level 0 m; land at 1 m), a field with 2 m of
// water on every sea cell and 0.2 m on the land floods the land only: the
// extent holds the 40 land cells (1,000 m²), the link across the shore
// reads the land's 0.2 m (slowed, not closed), and the building on the
// shore has 0.2 m against it, not the sea's 2 m.
func TestImpactsSea(t *testing.T) {
	dem := flat(12, 4, 5, 1)
	for r := range 4 {
		dem.Data[r*12], dem.Data[r*12+1] = -1, -1
	}
	shore := &geo.Building{ID: "shore", Footprint: orb.MultiPolygon{{{{10, 0}, {20, 0}, {20, 10}, {10, 10}, {10, 0}}}}}
	link := &geo.RoadLink{ID: "across", Line: orb.LineString{{0, 17.5}, {60, 17.5}}} // row 0
	sea := 0.0
	m, err := New(Inputs{DEM: dem, Buildings: []*geo.Building{shore}, Links: []*geo.RoadLink{link}},
		Options{CellSize: 5, SeaLevel: &sea})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	depth := make([]float32, 48)
	for c := range depth {
		depth[c] = 0.2
		if m.Sea(c) {
			depth[c] = 2
		}
	}
	if m.LandCells() != 40 || !m.Sea(0) || !m.Sea(13) || m.Sea(2) {
		t.Fatalf("%d land cells; sea at 0, 13, 2: %v %v %v", m.LandCells(), m.Sea(0), m.Sea(13), m.Sea(2))
	}
	e := m.FloodExtent(depth, 0.1)
	if e.Cells != 40 || e.Area != 1000 || e.Mask[0] || e.Mask[13] {
		t.Errorf("extent %d cells, %g m², sea cells in it %v %v; want the 40 land cells, 1000 m²", e.Cells, e.Area, e.Mask[0], e.Mask[13])
	}
	links := m.FloodedLinks(depth, 0, 0)
	if len(links) != 1 || links[0].Closed || !closeRel(links[0].Depth, 0.2, 1e-6, 0) {
		t.Errorf("flooded links %+v, want across at 0.2 m, open", links)
	}
	bs := m.AffectedBuildings(depth, 0)
	if len(bs) != 1 || !closeRel(bs[0].Depth, 0.2, 1e-6, 0) {
		t.Errorf("affected buildings %+v, want shore at 0.2 m", bs)
	}
}
