package report

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/scenarios"
)

// Synthetic map: 6 × 4 cells of 100 m, west edge at 0, north edge at
// 400 m. Column 0 is sea (terrain −1 m); the land rises 1 m per cell
// eastward (z = 10 + column), a plane of slope 0.01.
const (
	mapCols, mapRows = 6, 4
	mapCell          = 100.0
)

// Cells of interest (column, row).
var (
	seaCell  = [2]int{0, 1} // sea holding 1.5 m in the model
	wetCell  = [2]int{3, 1} // 0.4 m
	dryCell  = [2]int{4, 2} // 0 m
	deepCell = [2]int{2, 2} // 0.9 m, the deepest on land
)

func mapGrid(depths map[[2]int]float32) *geo.Grid {
	g := &geo.Grid{Cols: mapCols, Rows: mapRows, X0: 0, Y0: mapRows * mapCell, DX: mapCell, DY: mapCell, Data: make([]float32, mapCols*mapRows)}
	for k, d := range depths {
		g.Data[k[1]*mapCols+k[0]] = d
	}
	return g
}

func mapBasemap() *Basemap {
	return &Basemap{
		Height: func(p orb.Point) (float64, bool) {
			if p[0] < 0 || p[0] > mapCols*mapCell || p[1] < 0 || p[1] > mapRows*mapCell {
				return 0, false
			}
			c := math.Floor(p[0] / mapCell)
			if c == 0 {
				return -1, true
			}
			return 10 + c, true
		},
		// One road along the northern row, away from the cells tested.
		Links: []Link{{ID: "l1", Line: orb.LineString{{50, 350}, {550, 350}}}, {ID: "l2", Line: orb.LineString{{150, 350}, {150, 250}}}},
	}
}

func mapResults(depth ...*geo.Grid) *scenarios.Results {
	res := &scenarios.Results{Scenario: "Synthetic storm"}
	for i, g := range depth {
		v := &scenarios.VariantResult{Name: []string{"baseline", "mitigated"}[i],
			Flood: &scenarios.FloodResult{CellM: mapCell, RainMM: 50, MaxDepth: g, PeakClosedLinkIDs: []string{"l2"}},
			Dispatch: &scenarios.DispatchResult{List: []scenarios.IncidentResult{
				{ID: "a", Reached: true, X: 550, Y: 50}, {ID: "b", Reached: false, X: 450, Y: 50}}}}
		res.Variants = append(res.Variants, v)
	}
	return res
}

func baseDepths() map[[2]int]float32 {
	return map[[2]int]float32{seaCell: 1.5, wetCell: 0.4, dryCell: 0, deepCell: 0.9, {1, 0}: 0.03}
}

// near reports whether two colours differ by at most tol per channel.
func near(a color.Color, b color.RGBA, tol int) bool {
	r, g, bl, _ := a.RGBA()
	d := func(x uint32, y uint8) bool { return math.Abs(float64(int(x>>8)-int(y))) <= float64(tol) }
	return d(r, b.R) && d(g, b.G) && d(bl, b.B)
}

// TestDepthMapPixels checks the drawn map at the centres of known cells:
// the sea in the sea colour whatever the model's depth there, 0.4 m in
// the 0.30–0.50 m class, a dry land cell in the basemap's grey. The grey
// is the analytic hillshade of a plane of slope 0.01 rising eastward
// under light from azimuth 315° at 45° (Horn; GDAL's gdaldem defaults):
// (sin 45° + 0.01·cos 45°·sin 45°)/√(1 + 0.01²) = 0.71207, so
// 170 + 75·0.71207 = 223.4 → 223. Resampling in the chart is allowed
// 3 levels per channel.
func TestDepthMapPixels(t *testing.T) {
	g := mapGrid(baseDepths())
	base := mapBasemap()
	l := newMapLayers(g, base)
	wantDry := color.RGBA{223, 223, 223, 255}
	if got := landShade(l.shade[dryCell[1]*mapCols+dryCell[0]]); got != wantDry {
		t.Fatalf("dry cell shade %v, want %v (analytic hillshade 0.71207)", got, wantDry)
	}
	m := newDepthMap(mapResults(g), mapResults(g).Variants[0], base)
	img, at, err := m.canvas()
	if err != nil {
		t.Fatal(err)
	}
	pic := img.Image()
	for _, tc := range []struct {
		name string
		cell [2]int
		want color.RGBA
	}{
		{"sea", seaCell, seaColor},
		{"0.4 m", wetCell, depthColors[2]},
		{"0.9 m", deepCell, depthColors[3]},
		{"dry land", dryCell, wantDry},
	} {
		x, y := (float64(tc.cell[0])+0.5)*mapCell/1000, (float64(mapRows-tc.cell[1])-0.5)*mapCell/1000
		p := at(x, y)
		if got := pic.At(p.X, p.Y); !near(got, tc.want, 3) {
			t.Errorf("%s: pixel %v is %v, want %v", tc.name, p, got, tc.want)
		}
	}
	if depthClass(0.4) != 2 || classLabel(2) != "0.30–0.50 m (roads close)" {
		t.Errorf("0.4 m: class %d %q, want 2 \"0.30–0.50 m (roads close)\"", depthClass(0.4), classLabel(2))
	}
	// The legend column, right of the map, carries ink: swatches and text.
	b := pic.Bounds()
	ink := 0
	for y := b.Min.Y; y < b.Max.Y/2; y++ {
		for x := b.Max.X - int(mapLegendW.Dots(img.DPI())); x < b.Max.X; x++ {
			if r, g, bl, _ := pic.At(x, y).RGBA(); r < 0xe000 || g < 0xe000 || bl < 0xe000 {
				ink++
			}
		}
	}
	if ink < 2000 {
		t.Errorf("legend column: %d inked pixels, want ≥ 2000", ink)
	}
}

// TestDepthMapLegendAndCaption: the legend names every class (the road
// closure depth with its class), the relief, the sea, the roads, the
// closed links and both kinds of incident; the caption gives the deepest
// water on land (0.9 m, not the 1.5 m the model holds in the sea).
func TestDepthMapLegendAndCaption(t *testing.T) {
	res := mapResults(mapGrid(baseDepths()))
	m := newDepthMap(res, res.Variants[0], mapBasemap())
	if _, _, err := m.plot(); err != nil {
		t.Fatal(err)
	}
	want := []string{"maximum depth", "2.0 m and more", "1.0–2.0 m", "0.50–1.0 m", "0.30–0.50 m (roads close)", "0.15–0.30 m", "0.05–0.15 m",
		"under 5 cm (relief)", "sea", "road", "closed by water at the peak", "incident, reached (1)", "incident, never reached (1)"}
	if got := strings.Join(m.legend, "|"); got != strings.Join(want, "|") {
		t.Errorf("legend\n %q\nwant\n %q", m.legend, want)
	}
	for _, s := range []string{"Synthetic storm", "50 mm of rain", "deepest 0.90 m on land, sea excluded", "roads close at 0.30 m", "1 links closed"} {
		if !strings.Contains(m.caption, s) {
			t.Errorf("caption %q lacks %q", m.caption, s)
		}
	}
	// Without a basemap the sea cannot be told apart: its 1.5 m counts.
	bare := newDepthMap(res, res.Variants[0], nil)
	if !strings.Contains(bare.caption, "deepest 1.50 m anywhere (no terrain given") {
		t.Errorf("caption without terrain %q", bare.caption)
	}
	if l := newMapLayers(res.Variants[0].Flood.MaxDepth, nil); l.base(0) != landColor {
		t.Errorf("no terrain: base %v, want the land grey %v", l.base(0), landColor)
	}
}

// TestDepthClasses: class boundaries fall on the breaks; under 5 cm, NaN
// and negative depths are not drawn.
func TestDepthClasses(t *testing.T) {
	for _, tc := range []struct {
		d    float64
		want int
	}{{math.NaN(), -1}, {-1, -1}, {0, -1}, {0.049, -1}, {0.05, 0}, {0.15, 1}, {0.2999, 1}, {0.30, 2}, {0.4, 2}, {0.5, 3}, {1, 4}, {2, 5}, {40, 5}} {
		if got := depthClass(tc.d); got != tc.want {
			t.Errorf("depthClass(%g) = %d, want %d", tc.d, got, tc.want)
		}
	}
	for _, tc := range []struct {
		d    float64
		want string
	}{{0.005, ""}, {-0.02, "−0.01 to −0.05 m"}, {0.02, "+0.01 to +0.05 m"}, {-0.2, "−0.15 to −0.30 m"}, {0.5, "+0.30 m or more"}, {-0.5, "−0.30 m or more"}} {
		k, got := diffClass(tc.d), ""
		if k >= 0 {
			got = diffLabel(k)
		}
		if got != tc.want {
			t.Errorf("diffClass(%g) = %d %q, want %q", tc.d, k, got, tc.want)
		}
	}
}

// TestDiffMap: a variant 0.2 m shallower on one 1 ha cell and 0.1 m
// deeper on another gets a change map whose caption counts 1.00 ha each
// way, drawn in the −0.15 to −0.30 m and +0.05 to +0.15 m colours.
func TestDiffMap(t *testing.T) {
	d := baseDepths()
	d[[2]int{5, 3}] = 0.3
	after := baseDepths()
	after[wetCell] = 0.2  // 0.4 → 0.2
	after[deepCell] = 1.0 // 0.9 → 1.0
	after[[2]int{5, 3}] = 0.305
	after[seaCell] = 0.2 // the sea is not drawn
	res := mapResults(mapGrid(d), mapGrid(after))
	cs, err := diffMapCharts(res, mapBasemap())
	if err != nil || len(cs) != 1 {
		t.Fatalf("charts %d, err %v", len(cs), err)
	}
	if cs[0].Name != "max-depth-change-1" || !strings.Contains(cs[0].Title, "1.00 ha shallower and 1.00 ha deeper") {
		t.Errorf("%s: %q", cs[0].Name, cs[0].Title)
	}
	pic, err := png.Decode(bytes.NewReader(cs[0].PNG))
	if err != nil {
		t.Fatal(err)
	}
	if ink := inked(pic); ink < 0.2 {
		t.Errorf("change map: %.2f of the pixels inked", ink)
	}
	if diffColors[diffClass(-0.2)] != (color.RGBA{67, 147, 195, 255}) || diffColors[diffClass(0.1)] != (color.RGBA{244, 165, 130, 255}) {
		t.Errorf("change colours %v %v", diffColors[diffClass(-0.2)], diffColors[diffClass(0.1)])
	}
	// Equal runs and grids that differ make no change map.
	if cs, err := diffMapCharts(mapResults(mapGrid(d), mapGrid(d)), nil); err != nil || len(cs) != 0 {
		t.Errorf("equal runs: %d charts, err %v", len(cs), err)
	}
	other := mapGrid(after)
	other.X0 = 50
	if cs, err := diffMapCharts(mapResults(mapGrid(d), other), nil); err != nil || len(cs) != 0 {
		t.Errorf("different grids: %d charts, err %v", len(cs), err)
	}
}

// inked is the share of pixels that are not near white.
func inked(img image.Image) float64 {
	b, n := img.Bounds(), 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

// TestFloodMapsDeterministic: the same results and basemap give the same
// PNG bytes.
func TestFloodMapsDeterministic(t *testing.T) {
	run := func() []Chart {
		after := baseDepths()
		after[wetCell] = 0.2
		cs, err := ChartsOver(mapResults(mapGrid(baseDepths()), mapGrid(after)), mapBasemap())
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	a, b := run(), run()
	if len(a) != len(b) {
		t.Fatalf("%d and %d charts", len(a), len(b))
	}
	maps := 0
	for i := range a {
		if strings.HasPrefix(a[i].Name, "max-depth") {
			maps++
		}
		if !bytes.Equal(a[i].PNG, b[i].PNG) {
			t.Errorf("%s: PNG differs between two runs", a[i].Name)
		}
	}
	if maps != 2 {
		t.Errorf("%d maps, want the depth and the change maps", maps)
	}
}

// TestFloodMapBadGrid: a depth grid whose data does not fill it gives no
// map and no panic.
func TestFloodMapBadGrid(t *testing.T) {
	g := mapGrid(baseDepths())
	g.Data = g.Data[:5]
	cs, err := ChartsOver(mapResults(g), mapBasemap())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if strings.HasPrefix(c.Name, "max-depth") {
			t.Errorf("map %s drawn from a broken grid", c.Name)
		}
	}
}
