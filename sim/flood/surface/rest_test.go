package surface

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"twin/geo"
)

// bumpyBed returns a seeded random bed of Gaussian hills (0..~3 m) on
// nc × nr cells of dx metres, offset by base metres (high ground tests
// float32 precision).
func bumpyBed(seed uint64, nc, nr int, dx, base float64) *geo.Grid {
	rng := rand.New(rand.NewPCG(seed, 1))
	g := &geo.Grid{Cols: nc, Rows: nr, DX: dx, DY: dx, Y0: float64(nr) * dx, Data: make([]float32, nc*nr)}
	type hill struct{ x, y, h, w float64 }
	hills := make([]hill, 12)
	for i := range hills {
		hills[i] = hill{rng.Float64() * float64(nc) * dx, rng.Float64() * float64(nr) * dx, 0.5 + 2.5*rng.Float64(), (2 + 6*rng.Float64()) * dx}
	}
	for r := range nr {
		for c := range nc {
			x, y := (float64(c)+0.5)*dx, (float64(r)+0.5)*dx
			z := base
			for _, h := range hills {
				d2 := ((x-h.x)*(x-h.x) + (y-h.y)*(y-h.y)) / (h.w * h.w)
				z += h.h * math.Exp(-d2)
			}
			g.Data[r*nc+c] = float32(z)
		}
	}
	return g
}

// quantize rounds the bed to 1/1024 m, so that a level of a few metres
// minus the bed is exact in float32.
func quantize(g *geo.Grid) *geo.Grid {
	for i, v := range g.Data {
		g.Data[i] = float32(math.Round(float64(v)*1024) / 1024)
	}
	return g
}

// TestLakeAtRest: still water at level base + 1.5 m over the hills (some
// emerge as islands) stays still: the scheme is well balanced because it
// takes bed and depth differences separately and uses the higher bed for
// the flow depth. On a bed quantized so that level − bed is exact, the
// expected motion is exactly none, in either precision (tolerance 0). On
// a raw float32 bed the depths carry round-off, which float32 does not
// damp; tolerances over 500 steps: the level moves less than 1e-5 m
// (spacing at 1.5 m: 1.2e-7), and where the water is over 5 cm deep the
// speed stays below what a gravity wave of that height carries,
// 1e-5·√(g/0.05) = 1.4e-4 m/s.
func TestLakeAtRest(t *testing.T) {
	for _, tc := range []struct {
		p        Precision
		base     float64
		quant    bool
		tol, vel float64
	}{
		{Float32, 0, false, 1e-5, 1.4e-4},
		{Float32, 1200, false, 1e-5, 1.4e-4},
		{Float32, 0, true, 0, 0},
		{Float64, 0, true, 0, 0},
		{Float64, 1200, true, 0, 0},
	} {
		t.Run(fmt.Sprintf("%v/base%g/quantized=%v", tc.p, tc.base, tc.quant), func(t *testing.T) {
			g := bumpyBed(7, 60, 50, 5, tc.base)
			if tc.quant {
				quantize(g)
			}
			level := tc.base + 1.5
			depth := make([]float32, len(g.Data))
			islands := 0
			for i, z := range g.Data {
				depth[i] = float32(max(0, level-float64(z)))
				if depth[i] == 0 {
					islands++
				}
			}
			if islands == 0 {
				t.Fatal("no emerged cell: the test would not cover wet/dry faces")
			}
			s, err := New(Model{DEM: g, Depth: depth, Manning: 0.03}, Options{Precision: tc.p})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for range 500 {
				if _, err := s.Step(0); err != nil {
					t.Fatal(err)
				}
			}
			h := s.Depth(nil)
			u, v := s.Velocity(nil, nil)
			var dl, sp float64
			for i := range h {
				if depth[i] > 0.01 {
					dl = max(dl, math.Abs(float64(h[i])-float64(depth[i])))
				} else {
					dl = max(dl, math.Abs(float64(h[i]-depth[i])))
				}
				if h[i] > 0.05 { // speed = q/h: judge it where h is not a film
					sp = max(sp, math.Hypot(float64(u[i]), float64(v[i])))
				}
			}
			t.Logf("%v base %g: %d islands, level drift %.3g m, speed %.3g m/s after %.0f s", tc.p, tc.base, islands, dl, sp, s.Time())
			if dl > tc.tol || sp > tc.vel {
				t.Errorf("lake moved: level drift %g m, speed %g m/s", dl, sp)
			}
		})
	}
}

// TestMassClosed: water released unevenly over hills in a closed box
// sloshes, wets and dries; the volume stays the same to round-off. The
// expected change is exactly zero; tolerances are the round-off of 2000
// steps' depth updates: 1e-6 of the volume in float32 (spacing 6e-8),
// 1e-12 in float64.
func TestMassClosed(t *testing.T) {
	for _, tc := range []struct {
		p   Precision
		tol float64
	}{{Float32, 1e-6}, {Float64, 1e-12}} {
		t.Run(tc.p.String(), func(t *testing.T) {
			g := bumpyBed(3, 64, 48, 4, 35)
			rng := rand.New(rand.NewPCG(11, 2))
			depth := make([]float32, len(g.Data))
			for i := range depth {
				if rng.Float64() < 0.3 {
					depth[i] = float32(2 * rng.Float64())
				}
			}
			s, err := New(Model{DEM: g, Depth: depth, Manning: 0.02}, Options{Precision: tc.p, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for range 2000 {
				if _, err := s.Step(0); err != nil {
					t.Fatal(err)
				}
			}
			mb := s.MassBalance()
			t.Logf("%v: initial %.6f m³, stored %.6f m³, relative error %.3g, clamped %.3g m³", tc.p, mb.Initial, mb.Stored, mb.RelativeError, mb.Clamped)
			if math.Abs(mb.Stored/mb.Initial-1) > tc.tol {
				t.Errorf("volume changed by %.3g of %g m³", mb.Stored/mb.Initial-1, mb.Initial)
			}
			if math.Abs(mb.RelativeError) > tc.tol {
				t.Errorf("mass balance error %.3g", mb.RelativeError)
			}
		})
	}
}

// richModel exercises every input: hills with blocked cells, roughness
// per cell, every boundary kind, a source and a sink, rain and
// infiltration.
func richModel(t testing.TB) Model {
	g := bumpyBed(5, 80, 60, 5, 12)
	n := len(g.Data)
	rough := make([]float32, n)
	for i := range rough {
		rough[i] = 0.03
		if c, r := i%g.Cols, i/g.Cols; c > 30 && c < 36 && r > 10 && r < 20 {
			rough[i] = float32(math.Inf(1)) // a building
		} else if r == 40 {
			rough[i] = 0.013 // a road
		}
	}
	ga, err := NewGreenAmpt(g.Rows, g.Cols, Soil{Ks: 1e-6, Suction: 0.11, Deficit: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	return Model{
		DEM: g, Roughness: rough, Loss: ga,
		Boundaries: []Boundary{
			{Side: West, From: 100, To: 200, Kind: Inflow, Flow: Series{T: []float64{0, 300, 600}, V: []float64{0, 8, 2}}},
			{Side: East, Kind: Free},
			{Side: South, From: 0, To: 150, Kind: Level, Level: Series{T: []float64{0, 600}, V: []float64{13, 14.5}}},
			{Side: North, From: 200, To: 300, Kind: Free, Slope: 0.01},
		},
		Sources: []Source{
			{Name: "pump", X: 120, Y: 150, Flow: Series{T: []float64{0, 100}, V: []float64{3, 0.5}}},
			{Name: "inlet", X: 250, Y: 100},
		},
		Gauges: []Gauge{{Name: "g1", X: 60, Y: 150}, {Name: "out", X: -5, Y: 0}},
	}
}

// runRich runs richModel for 600 s with the given workers and returns a
// byte image of every output.
func runRich(t *testing.T, p Precision, workers int) []byte {
	t.Helper()
	s, err := New(richModel(t), Options{Precision: p, Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SetRain(20.0 / 1000 / 3600); err != nil { // 20 mm/h
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := func(v any) {
		if err := binary.Write(&buf, binary.LittleEndian, v); err != nil {
			t.Fatal(err)
		}
	}
	for s.Time() < 600 {
		if err := s.SetSourceFlow(1, -0.8); err != nil {
			t.Fatal(err)
		}
		dt, err := s.Step(0)
		if err != nil {
			t.Fatal(err)
		}
		w(dt)
		w(s.GaugeDepths(nil))
	}
	w(s.Depth(nil))
	u, v := s.Velocity(nil, nil)
	w(u)
	w(v)
	w(s.MaxDepth(nil))
	w(s.MaxDepthTime(nil))
	w(s.MassBalance())
	return buf.Bytes()
}

// TestDeterminism: the same inputs give byte-identical outputs, for any
// number of workers (the split of rows must not change a bit).
func TestDeterminism(t *testing.T) {
	for _, p := range []Precision{Float32, Float64} {
		ref := runRich(t, p, 1)
		for _, w := range []int{1, 2, 3} {
			if got := runRich(t, p, w); !bytes.Equal(got, ref) {
				t.Errorf("%v with %d workers: outputs differ from the 1-worker run", p, w)
			}
		}
	}
}

// TestMassBalanceOpen: with rain, infiltration, a source, a sink and all
// boundary kinds open, the account closes to round-off (expected error 0;
// tolerance 1e-6 of the volume in float32, 1e-12 in float64), depths stay
// ≥ 0, and every term moved water.
func TestMassBalanceOpen(t *testing.T) {
	for _, tc := range []struct {
		p   Precision
		tol float64
	}{{Float32, 1e-5}, {Float64, 1e-12}} {
		t.Run(tc.p.String(), func(t *testing.T) {
			s, err := New(richModel(t), Options{Precision: tc.p, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			_ = s.SetRain(20.0 / 1000 / 3600)
			_ = s.SetSourceFlow(1, -0.8)
			if _, err := s.Advance(900); err != nil {
				t.Fatal(err)
			}
			mb := s.MassBalance()
			t.Logf("%v: %+v", tc.p, mb)
			for name, v := range map[string]float64{"Rain": mb.Rain, "SourceIn": mb.SourceIn, "SourceOut": mb.SourceOut,
				"BoundaryIn": mb.BoundaryIn, "BoundaryOut": mb.BoundaryOut, "Infiltration": mb.Infiltration} {
				if !(v > 0) {
					t.Errorf("%s = %g: the test does not exercise it", name, v)
				}
			}
			if math.Abs(mb.RelativeError) > tc.tol {
				t.Errorf("relative mass error %.3g", mb.RelativeError)
			}
			for i, h := range s.Depth(nil) {
				if h < 0 {
					t.Fatalf("negative depth %g at %d", h, i)
				}
			}
		})
	}
}
