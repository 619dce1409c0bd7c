package urban

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/sim/flood/rain"
	"twin/sim/flood/surface"
)

// flat returns a cols × rows DEM of cell size cs at height z with its
// north-west corner at (0, rows·cs).
func flat(cols, rows int, cs float64, z float32) *geo.Grid {
	g := &geo.Grid{Cols: cols, Rows: rows, X0: 0, Y0: float64(rows) * cs, DX: cs, DY: cs, Data: make([]float32, cols*rows)}
	for i := range g.Data {
		g.Data[i] = z
	}
	return g
}

// TestResamplePlane: bilinear interpolation reproduces a plane exactly
// (analytic), here z = 10 + 0.02·x − 0.01·y on a 30 m DEM kept in a CRS
// shifted by (+1000, +2000) m from the model's, resampled to 10 m.
func TestResamplePlane(t *testing.T) {
	dem := &geo.Grid{Cols: 20, Rows: 20, X0: 1000, Y0: 2600, DX: 30, DY: 30, Data: make([]float32, 400)}
	plane := func(x, y float64) float64 { return 10 + 0.02*x - 0.01*y }
	for r := range dem.Rows {
		for c := range dem.Cols {
			p := dem.Center(c, r)
			dem.Data[r*dem.Cols+c] = float32(plane(p[0], p[1]))
		}
	}
	in := Inputs{DEM: dem, ToDEM: func(p orb.Point) orb.Point { return orb.Point{p[0] + 1000, p[1] + 2000} },
		Bounds: orb.Bound{Min: orb.Point{100, 100}, Max: orb.Point{400, 350}}}
	g, err := resample(&in, 10)
	if err != nil {
		t.Fatal(err)
	}
	if g.Cols != 30 || g.Rows != 25 || g.X0 != 100 || g.Y0 != 350 {
		t.Fatalf("grid %d × %d at (%g, %g), want 30 × 25 at (100, 350)", g.Cols, g.Rows, g.X0, g.Y0)
	}
	for r := range g.Rows {
		for c := range g.Cols {
			p := g.Center(c, r)
			want := plane(p[0]+1000, p[1]+2000)
			if got := g.At(c, r); math.Abs(got-want) > 1e-4 {
				t.Fatalf("cell (%d, %d): %.6f m, want %.6f (plane)", c, r, got, want)
			}
		}
	}
	if _, err := resample(&Inputs{DEM: dem, ToDEM: in.ToDEM}, 10); !errors.Is(err, ErrInputs) {
		t.Errorf("a DEM in another CRS without Bounds: %v, want ErrInputs", err)
	}
	// the same plane through an Elevation function
	in2 := Inputs{Bounds: in.Bounds, Elevation: func(p orb.Point) (float64, bool) { return plane(p[0]+1000, p[1]+2000), true }}
	g2, err := resample(&in2, 10)
	if err != nil {
		t.Fatal(err)
	}
	for i := range g.Data {
		if math.Abs(float64(g.Data[i]-g2.Data[i])) > 1e-4 {
			t.Fatalf("cell %d: DEM %g, Elevation %g", i, g.Data[i], g2.Data[i])
		}
	}
}

// TestBuildingsAndRoads rasterises a 20 m × 20 m building and a two-lane
// road on a flat 5 m grid and checks the cells, their roughness (Chow's
// values), and that the roof's rain reaches the street: 10 mm/h for an
// hour on 60 m × 60 m is 36 m³ whatever is blocked.
func TestBuildingsAndRoads(t *testing.T) {
	dem := flat(12, 12, 5, 1)
	bldg := &geo.Building{ID: "b", Footprint: orb.MultiPolygon{{{{20, 20}, {40, 20}, {40, 40}, {20, 40}, {20, 20}}}}}
	road := &geo.Road{ID: "r", Class: "residential", Lanes: 2, Line: orb.LineString{{0, 52.5}, {60, 52.5}}}
	tunnel := &geo.Road{ID: "t", Class: "primary", Line: orb.LineString{{2.5, 0}, {2.5, 60}}, Attrs: geo.Attrs{"tunnel": "yes"}}
	link := &geo.RoadLink{ID: "l", Line: orb.LineString{{0, 52.5}, {60, 52.5}}}
	in := Inputs{DEM: dem, Buildings: []*geo.Building{bldg}, Roads: []*geo.Road{road, tunnel}, Links: []*geo.RoadLink{link},
		Rain: rain.Uniform{MMh: 10, Start: 0, End: 3600}}
	m, err := New(in, Options{CellSize: 5, ClosedEdges: true})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	blocked, roads := 0, 0
	for c := range 144 {
		col, row := c%12, c/12
		wantB := col >= 4 && col <= 7 && row >= 4 && row <= 7 // centres 22.5…37.5
		wantR := row == 1                                     // the road's centreline is row 1's centre line
		if m.Blocked(c) != wantB || m.Road(c) != wantR {
			t.Errorf("cell (%d, %d): blocked %v road %v, want %v %v", col, row, m.Blocked(c), m.Road(c), wantB, wantR)
		}
		if m.Blocked(c) {
			blocked++
		}
		if m.Road(c) {
			roads++
			if m.cv.rough[c] != float32(DefaultRoadManning) {
				t.Errorf("road n = %g", m.cv.rough[c])
			}
		} else if !m.Blocked(c) && m.cv.rough[c] != float32(DefaultGroundManning) {
			t.Errorf("ground n = %g", m.cv.rough[c])
		}
	}
	if blocked != 16 || roads != 12 {
		t.Errorf("%d blocked, %d road cells, want 16 and 12", blocked, roads)
	}
	if got := m.cv.touch[0]; len(got) != 36-16 {
		t.Errorf("building touches %d open cells, want the 20 around it", len(got))
	}
	if err := m.Run(context.Background(), 3600, nil); err != nil {
		t.Fatal(err)
	}
	if b := m.MassBalance(); !closeRel(b.Rain, 36, 1e-6, 0) || !closeRel(b.Surface, 36, 1e-5, 0) {
		t.Errorf("rain %.6f m³, stored %.6f m³, want 36 (10 mm/h × 1 h × 3600 m²)", b.Rain, b.Surface)
	}
}

// TestBuildingsRough: with BuildingsRough the footprint's 16 cells stay
// open with Manning's n = DefaultBuildingManning, and every cell keeps
// its own rain (weight 1).
func TestBuildingsRough(t *testing.T) {
	bldg := &geo.Building{ID: "b", Footprint: orb.MultiPolygon{{{{20, 20}, {40, 20}, {40, 40}, {20, 40}, {20, 20}}}}}
	m, err := New(Inputs{DEM: flat(12, 12, 5, 1), Buildings: []*geo.Building{bldg}}, Options{CellSize: 5, Buildings: BuildingsRough})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	rough := 0
	for c := range 144 {
		if m.Blocked(c) || m.cv.rainW[c] != 1 {
			t.Fatalf("cell %d blocked %v, rain weight %g", c, m.Blocked(c), m.cv.rainW[c])
		}
		if m.cv.rough[c] == float32(DefaultBuildingManning) {
			rough++
		}
	}
	if rough != 16 || len(m.cv.touch[0]) != 36 {
		t.Errorf("%d rough cells, %d touching, want 16 and 36", rough, len(m.cv.touch[0]))
	}
}

// TestInfiltration: with Options.Soil, road cells do not infiltrate and
// ground cells do; the account closes to round-off.
func TestInfiltration(t *testing.T) {
	road := &geo.Road{ID: "r", Class: "residential", Lanes: 2, Line: orb.LineString{{0, 32.5}, {60, 32.5}}}
	// sandy loam, Chow, Maidment & Mays (1988) Table 4.3.1: Ks 1.09 cm/h, ψ 11.01 cm
	soil := surface.Soil{Ks: 1.09e-2 / 3600, Suction: 0.1101, Deficit: 0.3}
	in := Inputs{DEM: flat(12, 12, 5, 1), Roads: []*geo.Road{road}, Rain: rain.Uniform{MMh: 20, End: 1800}}
	m, err := New(in, Options{CellSize: 5, ClosedEdges: true, Soil: &soil})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.Run(context.Background(), 1800, nil); err != nil {
		t.Fatal(err)
	}
	f := m.loss.Infiltrated()
	for c := range f {
		if m.Road(c) != (f[c] == 0) {
			t.Fatalf("cell %d (road %v) infiltrated %g m", c, m.Road(c), f[c])
		}
	}
	b := m.MassBalance()
	if b.Infiltration <= 0 || math.Abs(b.Error) > 1e-6*b.Rain {
		t.Errorf("infiltration %g m³, error %g m³ of %g m³ rain", b.Infiltration, b.Error, b.Rain)
	}
}
