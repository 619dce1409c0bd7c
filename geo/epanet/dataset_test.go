package epanet

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// smallNet is an SI model: reservoir R → pump → J1 → pipe P1 (300 mm) → J2
// → pipe P2 (200 mm) → tank T, with a vertex on P1.
const smallNet = `[OPTIONS]
Units LPS
[RESERVOIRS]
R 120
[JUNCTIONS]
J1 100 5
J2 95  0
[TANKS]
T 110 2 1 6 15 0
[PIPES]
P1 J1 J2 500 300 130
P2 J2 T  200 200 130
[PUMPS]
U  R  J1 HEAD K
[CURVES]
K 50 40
[COORDINATES]
R  0 0
J1 10 0
J2 510 0
T  710 0
[VERTICES]
P1 250 30
[END]
`

func TestDatasetBurial(t *testing.T) {
	tests := []struct {
		name  string
		cover float64
		// Expected, worked by hand: invert = ground − cover − diameter.
		j1Invert, p1From, p1To, p2To float64
	}{
		// J1 joins P1 (0.3 m) and the pump: 100 − 1 − 0.3. P2 ends at the
		// tank and takes J2's invert: 95 − 1 − 0.2.
		{"default cover 1 m", 0, 98.7, 98.7, 93.7, 93.8},
		{"cover 1.5 m", 1.5, 98.2, 98.2, 93.2, 93.3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := decodeString(t, smallNet, Options{Cover: tt.cover}).Dataset()
			nodes := map[string]*geo.PipeNode{}
			for _, f := range ds.Layers[geo.LayerPipeNodes] {
				nodes[f.FeatureID()] = f.(*geo.PipeNode)
			}
			pipes := map[string]*geo.Pipe{}
			for _, f := range ds.Layers[geo.LayerPipes] {
				pipes[f.FeatureID()] = f.(*geo.Pipe)
			}
			j1, p1, p2 := nodes["J1"], pipes["P1"], pipes["P2"]
			const tol = 1e-12 // decimal sums, exact to rounding
			if !near(j1.Invert, tt.j1Invert, tol) || j1.Ground != 100 || !near(j1.MaxDepth, 100-tt.j1Invert, tol) {
				t.Errorf("J1 %+v", j1)
			}
			if !near(p1.InvertFrom, tt.p1From, tol) || !near(p1.InvertTo, tt.p1To, tol) || p1.GroundFrom != 100 || p1.GroundTo != 95 {
				t.Errorf("P1 inverts %v → %v grounds %v → %v", p1.InvertFrom, p1.InvertTo, p1.GroundFrom, p1.GroundTo)
			}
			if !near(p2.InvertTo, tt.p2To, tol) || !math.IsNaN(p2.GroundTo) {
				t.Errorf("P2 at the tank: invert %v ground %v", p2.InvertTo, p2.GroundTo)
			}
			if _, hi := p1.ZRange(); !near(p1.GroundFrom-hi, effectiveCover(tt.cover), tol) {
				t.Errorf("P1 crown %v m below ground, want the cover", p1.GroundFrom-hi)
			}
		})
	}
}

func effectiveCover(c float64) float64 {
	if c == 0 {
		return DefaultCover
	}
	return c
}

func TestDatasetLayers(t *testing.T) {
	ds := decodeString(t, smallNet, Options{}).Dataset()
	if ds.Format != "epanet" || ds.CRS != "" || ds.Count(geo.LayerPipeNodes) != 4 || ds.Count(geo.LayerPipes) != 3 {
		t.Fatalf("format %q crs %q nodes %d pipes %d", ds.Format, ds.CRS, ds.Count(geo.LayerPipeNodes), ds.Count(geo.LayerPipes))
	}
	for _, f := range ds.Layers[geo.LayerPipeNodes] {
		n := f.(*geo.PipeNode)
		if n.Network != geo.NetworkWater {
			t.Errorf("%s network %q", n.ID, n.Network)
		}
		switch n.ID {
		case "R": // fixed head as invert, no ground
			if n.Invert != 120 || !math.IsNaN(n.Ground) || n.Kind != "reservoir" {
				t.Errorf("R %+v", n)
			}
		case "T": // tank bottom 110, max level 6
			if n.Invert != 110 || n.MaxDepth != 6 || !math.IsNaN(n.Ground) || n.Kind != "tank" {
				t.Errorf("T %+v", n)
			}
		}
	}
	var p1, pump *geo.Pipe
	for _, f := range ds.Layers[geo.LayerPipes] {
		switch p := f.(*geo.Pipe); p.ID {
		case "P1":
			p1 = p
		case "U":
			pump = p
		}
	}
	if want := (orb.LineString{{10, 0}, {250, 30}, {510, 0}}); !orb.Equal(p1.Line, want) {
		t.Errorf("P1 line %v, want From, vertex, To %v", p1.Line, want)
	}
	// 300 mm → 0.3 m; 500 m length; H-W C 130.
	if p1.Diameter != 0.3 || p1.Length != 500 || p1.Roughness != 130 || p1.Kind != "pipe" {
		t.Errorf("P1 %+v", p1)
	}
	// The pump runs from the reservoir into J1: both ends at J1's burial (diameter 0).
	if pump.Kind != "pump" || pump.InvertFrom != 99 || pump.InvertTo != 99 {
		t.Errorf("pump %+v", pump)
	}
}

func TestDatasetNet3(t *testing.T) {
	m := decodeShared(t, "wntr-Net3.inp")
	ds := m.Dataset()
	// 92 junctions + 2 reservoirs + 3 tanks; 117 pipes + 2 pumps (awk table).
	if ds.Count(geo.LayerPipeNodes) != 97 || ds.Count(geo.LayerPipes) != 119 || len(ds.Series) != 5 {
		t.Errorf("nodes %d pipes %d series %d", ds.Count(geo.LayerPipeNodes), ds.Count(geo.LayerPipes), len(ds.Series))
	}
	ts := ds.Series["1"]
	if ts == nil || len(ts.Times) != 24 || ts.Times[1] != 3600 || ts.Unit != "1" {
		t.Errorf("pattern 1 series %+v", ts)
	}
	for _, f := range ds.Layers[geo.LayerPipes] {
		p := f.(*geo.Pipe)
		if lo, hi := p.ZRange(); math.IsNaN(lo) || math.IsNaN(hi) || len(p.Line) < 2 {
			t.Fatalf("pipe %s: z %v..%v line %v", p.ID, lo, hi, p.Line)
		}
	}
}
