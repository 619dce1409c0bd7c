package swmm

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// twoPipes is a small SI model: J1 → J2 → O1 with two vertices on C1.
const twoPipes = `[OPTIONS]
FLOW_UNITS CMS
LINK_OFFSETS %MODE%

[JUNCTIONS]
;;Name Elev MaxDepth
J1     10   3
J2     9    2.5

[OUTFALLS]
O1     8    FREE

[CONDUITS]
C1  J1  J2  100  0.013  %IN%  %OUT%
C2  J2  O1  50   0.013  *     0

[XSECTIONS]
C1  RECT_CLOSED  1    2  0  0
C2  CIRCULAR     0.6

[COORDINATES]
J1  0    0
J2  100  0
O1  100  50

[VERTICES]
C1  30  10
C1  60  -10
`

func pipesModel(t *testing.T, mode, in, out string) *geo.Dataset {
	t.Helper()
	src := strings.NewReplacer("%MODE%", mode, "%IN%", in, "%OUT%", out).Replace(twoPipes)
	return decodeString(t, src).Dataset()
}

func TestDatasetConduitGeometryAndInverts(t *testing.T) {
	tests := []struct {
		name, mode, in, out string
		// Expected inverts, worked by hand from the node inverts (J1 10 m,
		// J2 9 m) and the offsets.
		invFrom, invTo float64
	}{
		{"depth offsets", "DEPTH", "0.5", "0.2", 10.5, 9.2},
		{"elevation offsets", "ELEVATION", "10.5", "9.2", 10.5, 9.2},
		{"star offsets", "ELEVATION", "*", "*", 10, 9},
		{"elevation below invert is raised", "ELEVATION", "8", "9", 10, 9},
		{"negative depth offset ignored", "DEPTH", "-1", "0", 10, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := pipesModel(t, tt.mode, tt.in, tt.out)
			pipes := ds.Layers[geo.LayerPipes]
			if len(pipes) != 2 {
				t.Fatalf("%d pipes, want 2", len(pipes))
			}
			c1 := pipes[0].(*geo.Pipe)
			wantLine := orb.LineString{{0, 0}, {30, 10}, {60, -10}, {100, 0}} // From, [VERTICES] in order, To
			if !orb.Equal(c1.Line, wantLine) {
				t.Errorf("C1 line %v, want %v", c1.Line, wantLine)
			}
			// Exact: sums of short decimals, tolerance 1e-12 m.
			if !near(c1.InvertFrom, tt.invFrom, 1e-12) || !near(c1.InvertTo, tt.invTo, 1e-12) {
				t.Errorf("C1 inverts %v → %v, want %v → %v", c1.InvertFrom, c1.InvertTo, tt.invFrom, tt.invTo)
			}
			// Ground = invert + max depth: 10+3 and 9+2.5.
			if c1.GroundFrom != 13 || c1.GroundTo != 11.5 || c1.Diameter != 1 || c1.Width != 2 || c1.Length != 100 {
				t.Errorf("C1 %+v", c1)
			}
			c2 := pipes[1].(*geo.Pipe)
			if c2.InvertFrom != 9 || c2.InvertTo != 8 || !math.IsNaN(c2.GroundTo) || c2.Width != 0 || c2.Diameter != 0.6 {
				t.Errorf("C2 %+v (outfall has no ground, circular has no width)", c2)
			}
		})
	}
}

func TestDatasetNodesAndCRS(t *testing.T) {
	src := strings.NewReplacer("%MODE%", "DEPTH", "%IN%", "0", "%OUT%", "0").Replace(twoPipes)
	src = strings.Replace(src, "O1  100  50\n", "", 1) + "\n[MAP]\nUNITS DEGREES\n"
	ds := decodeString(t, src).Dataset()
	if ds.CRS != "EPSG:4326" || ds.Format != "swmm" {
		t.Errorf("CRS %q format %q", ds.CRS, ds.Format)
	}
	if n := ds.Count(geo.LayerPipeNodes); n != 2 {
		t.Errorf("%d nodes, want 2 (O1 has no coordinates)", n)
	}
	if n := ds.Count(geo.LayerPipes); n != 1 {
		t.Errorf("%d pipes, want 1 (C2 touches O1)", n)
	}
	var msgs []string
	for _, w := range ds.Warnings {
		msgs = append(msgs, w.Msg)
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{"1 nodes without coordinates", "1 links touching nodes without coordinates"} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings %q lack %q", got, want)
		}
	}
	j1 := ds.Layers[geo.LayerPipeNodes][0].(*geo.PipeNode)
	if j1.ID != "J1" || j1.Network != geo.NetworkSewer || j1.Invert != 10 || j1.Ground != 13 {
		t.Errorf("J1 %+v", j1)
	}
}

func TestDatasetSharedLayers(t *testing.T) {
	m := decodeShared(t, "pipes/swmm/usepa-swmm-Example1.inp")
	ds := m.Dataset()
	// Counts from the awk table in decode_test.go: 13 junctions + 1 outfall,
	// 13 conduits, 8 subcatchments, 1 rain gage, 1 time series.
	want := map[string]int{geo.LayerPipeNodes: 14, geo.LayerPipes: 13, geo.LayerSubcatchments: 8, geo.LayerRainGauges: 1}
	for layer, n := range want {
		if got := ds.Count(layer); got != n {
			t.Errorf("%s: %d, want %d", layer, got, n)
		}
	}
	s1 := ds.Layers[geo.LayerSubcatchments][0].(*geo.Subcatchment)
	if r := s1.Polygon[0]; len(r) != 8 || r[0] != r[len(r)-1] {
		t.Errorf("subcatchment 1 ring has %d points (7 in [Polygons] + closing)", len(r))
	}
	g := ds.Layers[geo.LayerRainGauges][0].(*geo.RainGauge)
	if g.Point != (orb.Point{10084.21, 8210.53}) || g.Series != "TS1" || g.Interval != 3600 {
		t.Errorf("rain gauge %+v", g)
	}
	ts := ds.Series["TS1"]
	if ts == nil || ts.Unit != "mm/h" || len(ts.Values) != 11 || ds.Options["FLOW_UNITS"] != "CFS" {
		t.Errorf("series %+v options %v", ts, ds.Options["FLOW_UNITS"])
	}
	// Conduit 10 has one vertex: From, vertex, To.
	for _, f := range ds.Layers[geo.LayerPipes] {
		if p := f.(*geo.Pipe); p.ID == "10" && len(p.Line) != 3 {
			t.Errorf("conduit 10 line %v", p.Line)
		}
	}
}
