package drainage

import (
	"fmt"
	"math"
	"testing"
)

// manningQ is Manning's formula Q = (1/n)·A·R^(2/3)·√S in SI (Manning
// 1891; any hydraulics text, e.g. Chow 1959 eq. 5-7), with the exact
// geometry of a circle of diameter d or a rectangle of width b.
func manningQ(shape string, dim, y, n, slope float64) float64 {
	var a, p float64
	if shape == "CIRCULAR" {
		th := 2 * math.Acos(1-2*y/dim)
		a, p = dim*dim/8*(th-math.Sin(th)), dim*th/2
	} else {
		a, p = dim*y, dim+2*y
	}
	return a * math.Pow(a/p, 2.0/3) * math.Sqrt(slope) / n
}

// normalDepthManning solves Manning's formula for the depth by bisection.
func normalDepthManning(shape string, dim, yMax, q, n, slope float64) float64 {
	lo, hi := 0.0, yMax
	for range 200 {
		mid := (lo + hi) / 2
		if manningQ(shape, dim, mid, n, slope) < q {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// channelModel is one conduit of length 400 m falling 0.002·400 m between
// a junction fed with a constant flow and a NORMAL outfall, so that the
// steady state is uniform flow.
func channelModel(shape string, geom1, geom2, n, q float64, routing string) string {
	return fmt.Sprintf(`[OPTIONS]
FLOW_UNITS CMS
FLOW_ROUTING %s
START_DATE 01/01/2020
END_DATE 01/01/2020
END_TIME 03:00:00
ROUTING_STEP 0:00:10
[JUNCTIONS]
J1 100.8 5 0 0 0
[OUTFALLS]
O1 100 NORMAL NO
[CONDUITS]
C1 J1 O1 400 %g 0 0 0 0
[XSECTIONS]
C1 %s %g %g 0 0 1
[INFLOWS]
J1 FLOW "" FLOW 1 1 %g
`, routing, n, shape, geom1, geom2, q)
}

// TestUniformFlow: a single pipe or channel at steady flow carries Manning's
// normal flow at the depth the solver settles to, and that depth is
// Manning's normal depth for the inflow. Expected values come from
// Manning's formula with exact geometry (manningQ above); tolerance 2 %
// (the solver's free surface sits on its table-interpolated normal depth
// at the outfall and on the momentum balance inside).
func TestUniformFlow(t *testing.T) {
	tests := []struct {
		name, shape  string
		g1, g2, n, q float64
	}{
		{"circular pipe half full", "CIRCULAR", 0.6, 0, 0.013, 0.15},
		{"circular pipe 80 % full", "CIRCULAR", 0.6, 0, 0.013, 0.28},
		{"rectangular channel", "RECT_OPEN", 2, 2, 0.02, 1.0},
	}
	for _, tc := range tests {
		for _, routing := range []string{"DYNWAVE", "KINWAVE"} {
			t.Run(tc.name+" "+routing, func(t *testing.T) {
				dim := tc.g1
				if tc.shape == "RECT_OPEN" {
					dim = tc.g2
				}
				m := decode(t, "channel.inp", channelModel(tc.shape, tc.g1, tc.g2, tc.n, tc.q, routing))
				s, err := New(m, Rainfall{}, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if err := s.Advance(3 * 3600); err != nil {
					t.Fatal(err)
				}
				want := normalDepthManning(tc.shape, dim, tc.g1, tc.q, tc.n, 0.002)
				if got := s.LinkDepth(0); math.Abs(got-want) > 0.02*want {
					t.Errorf("depth %.4f m, Manning normal depth %.4f m", got, want)
				}
				if qm := manningQ(tc.shape, dim, s.LinkDepth(0), tc.n, 0.002); math.Abs(qm-tc.q) > 0.03*tc.q {
					t.Errorf("Manning flow at the solver's depth %.4f m³/s, inflow %.4f", qm, tc.q)
				}
				if got := s.Flow(0); math.Abs(got-tc.q) > 1e-3*tc.q {
					t.Errorf("conduit flow %.5f m³/s at steady state, inflow %.5f", got, tc.q)
				}
				if e := s.MassBalance().RoutingError; math.Abs(e) > 0.1 {
					t.Errorf("continuity error %.3f %%", e)
				}
			})
		}
	}
}

// TestTorricelliDrain: a cylindrical tank of area At draining through a
// bottom orifice of area a with coefficient Cd into a free outfall follows
// Torricelli's law, dh/dt = −Cd·a·√(2g·h)/At, whose solution is
// √h(t) = √h0 − Cd·a·√(2g)/(2·At)·t (analytic). The tank depth must follow
// it within 1 % of h0, and the released volume must balance the drop in
// storage (continuity < 0.1 %).
func TestTorricelliDrain(t *testing.T) {
	const inp = `[OPTIONS]
FLOW_UNITS CMS
FLOW_ROUTING DYNWAVE
ROUTING_STEP 0:00:05
[STORAGE]
T1 10 3 2 FUNCTIONAL 0 0 100 0 0
[OUTFALLS]
O1 0 FREE NO
[ORIFICES]
OR1 T1 O1 BOTTOM 0 0.6 NO 0
[XSECTIONS]
OR1 CIRCULAR 0.2 0 0 0
`
	m := decode(t, "tank.inp", inp)
	s, err := New(m, Rainfall{}, Options{Courant: -1, MaxStep: 1})
	if err != nil {
		t.Fatal(err)
	}
	const at, h0, cd = 100.0, 2.0, 0.6
	a := math.Pi / 4 * 0.2 * 0.2
	k := cd * a * math.Sqrt(2*gravity) / (2 * at)
	tank, _ := s.NodeIndex("T1")
	for _, tt := range []float64{60, 300, 600, 900} {
		if err := s.Advance(tt); err != nil {
			t.Fatal(err)
		}
		want := math.Pow(math.Max(math.Sqrt(h0)-k*tt, 0), 2)
		if got := s.Depth(tank); math.Abs(got-want) > 0.01*h0 {
			t.Errorf("t = %g s: depth %.4f m, Torricelli %.4f m", tt, got, want)
		}
	}
	b := s.MassBalance()
	if math.Abs(b.InitialStorage-at*h0) > 1e-9 {
		t.Errorf("initial storage %v m³, want %v", b.InitialStorage, at*h0)
	}
	if math.Abs(b.RoutingError) > 0.1 {
		t.Errorf("continuity %.4f %% (out %v, stored %v of %v m³)", b.RoutingError, b.Outflow, b.FinalStorage, b.InitialStorage)
	}
}

// TestPipeDrainsStorage: a storage unit emptying through a pipe into a
// free outfall — the volume released at the outfall plus what remains
// stored equals the initial volume (continuity < 0.5 %), and the tank
// level never rises.
func TestPipeDrainsStorage(t *testing.T) {
	const inp = `[OPTIONS]
FLOW_UNITS CMS
FLOW_ROUTING DYNWAVE
ROUTING_STEP 0:00:05
[STORAGE]
T1 10 3 2.5 TABULAR Tank 0 0
[OUTFALLS]
O1 9 FREE NO
[CONDUITS]
C1 T1 O1 100 0.013 0 0 0 0
[XSECTIONS]
C1 CIRCULAR 0.3 0 0 0 1
[CURVES]
Tank STORAGE 0 50 3 150
`
	m := decode(t, "pipe-tank.inp", inp)
	s, err := New(m, Rainfall{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// volume of a tank whose area grows linearly from 50 to 150 m² over
	// 3 m, filled to 2.5 m: ∫(50 + 100/3·y)dy = 50·2.5 + 50/3·2.5² m³
	v0 := 50*2.5 + 50.0/3*2.5*2.5
	tank, _ := s.NodeIndex("T1")
	prev := s.Depth(tank)
	for tt := 60.0; tt <= 3*3600; tt += 60 {
		if err := s.Advance(tt); err != nil {
			t.Fatal(err)
		}
		if d := s.Depth(tank); d > prev+1e-9 {
			t.Fatalf("t = %g s: tank rose from %v to %v m", tt, prev, d)
		}
		prev = s.Depth(tank)
	}
	b := s.MassBalance()
	// the pipe starts full too (link depth = mean of its end depths, as in
	// SWMM): 100 m × π/4·0.3² m²
	if v := v0 + 100*math.Pi/4*0.09; math.Abs(b.InitialStorage-v) > 1e-3*v {
		t.Errorf("initial storage %v m³, want %v", b.InitialStorage, v)
	}
	if math.Abs(b.RoutingError) > 0.5 {
		t.Errorf("continuity %.3f %%: out %v + stored %v vs %v m³", b.RoutingError, b.Outflow, b.FinalStorage, v0)
	}
	if b.Outflow < 0.9*v0 {
		t.Errorf("only %v of %v m³ drained in 3 h", b.Outflow, v0)
	}
}
