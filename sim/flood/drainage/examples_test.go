package drainage

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"testing"
)

// TestSWMMExamples routes EPA SWMM's example networks and the Bellinge
// network over their simulation periods in both routing modes. SWMM 5
// reports a flow routing and a runoff continuity error (massbal.c; see
// Balance for the definitions); both must stay under 1 %, the bound the
// issue sets. Example 3's control rules and Example 4's LID controls and
// Example 5's groundwater are not simulated (doc.go).
func TestSWMMExamples(t *testing.T) {
	names := []string{"usepa-swmm-Example1.inp", "usepa-swmm-Example2.inp", "usepa-swmm-Example3.inp",
		"usepa-swmm-Example4.inp", "usepa-swmm-Example5.inp", "usepa-swmm-Example6.inp"}
	for _, name := range names {
		for _, r := range []Routing{DynamicWave, KinematicWave} {
			t.Run(name+map[Routing]string{DynamicWave: " DW", KinematicWave: " KW"}[r], func(t *testing.T) {
				m, gauges := sharedModel(t, name)
				s, err := New(m, Rainfall{Gauges: gauges}, Options{Routing: r})
				if err != nil {
					t.Fatal(err)
				}
				if err := s.Advance(m.Options.End.Sub(m.Options.Start).Seconds()); err != nil {
					t.Fatal(err)
				}
				b := s.MassBalance()
				t.Logf("routing %.4f %%, runoff %.4f %%; in %.0f m³, out %.0f, flooded %.0f", b.RoutingError, b.RunoffError,
					b.WetWeatherInflow+b.DryWeatherInflow+b.ExternalInflow, b.Outflow, b.Flooding)
				if math.Abs(b.RoutingError) >= 1 || math.Abs(b.RunoffError) >= 1 {
					t.Errorf("continuity: routing %.3f %%, runoff %.3f %%", b.RoutingError, b.RunoffError)
				}
				if b.Outflow <= 0 {
					t.Error("nothing reached an outfall")
				}
			})
		}
	}
}

// TestBellinge routes the Bellinge network under its own rain file. The
// file's subareas give Manning's n = 0 for both surfaces, which makes
// SWMM's reservoir coefficient α zero (no runoff: the rain stays ponded);
// the test also runs it with n = 0.015 / 0.1 (SWMM manual's typical
// smooth asphalt and grass values) so that the pipes carry flow.
func TestBellinge(t *testing.T) {
	m, gauges := sharedModel(t, "swmmanywhere-bellinge_small.inp")
	s, err := New(m, Rainfall{Gauges: gauges}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Advance(3600); err != nil {
		t.Fatal(err)
	}
	b := s.MassBalance()
	if b.SurfaceRunoff != 0 || math.Abs(b.FinalSurface-b.Rainfall) > 1e-9*b.Rainfall {
		t.Errorf("n = 0: runoff %v, ponded %v of %v m³ rain", b.SurfaceRunoff, b.FinalSurface, b.Rainfall)
	}
	for i := range m.Subareas {
		m.Subareas[i].NImperv, m.Subareas[i].NPerv = 0.015, 0.1
	}
	for _, r := range []Routing{DynamicWave, KinematicWave} {
		s, err := New(m, Rainfall{Gauges: gauges}, Options{Routing: r})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Advance(3 * 3600); err != nil {
			t.Fatal(err)
		}
		b := s.MassBalance()
		t.Logf("routing %d: %.4f %%, runoff %.4f %%, runoff %.1f m³, out %.1f m³", r, b.RoutingError, b.RunoffError, b.SurfaceRunoff, b.Outflow)
		if b.Outflow < 0.5*b.SurfaceRunoff || math.Abs(b.RoutingError) >= 1 || math.Abs(b.RunoffError) >= 1 {
			t.Errorf("routing %d: continuity %.3f %% / %.3f %%, out %v of runoff %v m³", r, b.RoutingError, b.RunoffError, b.Outflow, b.SurfaceRunoff)
		}
	}
}

// TestMonacoDesignStorm routes a 30-minute Chicago storm on the embedded
// synthetic Monaco sewer (1,241 junctions, 138 storage wells with ideal pumps)
// for an hour: no instability, continuity under 1 %, water at outfalls.
func TestMonacoDesignStorm(t *testing.T) {
	m := monaco(t)
	for _, r := range []Routing{DynamicWave, KinematicWave} {
		s, err := New(m, Rainfall{All: designStorm(t, 30)}, Options{Routing: r})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Advance(3600); err != nil {
			t.Fatal(err)
		}
		b := s.MassBalance()
		steps, iters := s.Steps()
		t.Logf("routing %d: %.4f %% (runoff %.4f %%), %d steps, %d iterations; in %.0f m³, out %.0f, flooded %.0f",
			r, b.RoutingError, b.RunoffError, steps, iters, b.WetWeatherInflow, b.Outflow, b.Flooding)
		if math.Abs(b.RoutingError) >= 1 || math.Abs(b.RunoffError) >= 1 || b.Outflow <= 0 {
			t.Errorf("routing %d: continuity %.3f %% / %.3f %%, outflow %v", r, b.RoutingError, b.RunoffError, b.Outflow)
		}
	}
}

// stateHash hashes every node depth and link flow bit for bit.
func stateHash(s *Sim) [32]byte {
	h := sha256.New()
	var buf [8]byte
	for i := range s.nodes {
		binary.LittleEndian.PutUint64(buf[:], math.Float64bits(s.Depth(i)))
		h.Write(buf[:])
	}
	for i := range s.links {
		binary.LittleEndian.PutUint64(buf[:], math.Float64bits(s.Flow(i)))
		h.Write(buf[:])
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// TestDeterminism: identical inputs give bit-identical states.
func TestDeterminism(t *testing.T) {
	m, gauges := sharedModel(t, "usepa-swmm-Example1.inp")
	var hashes [2][][32]byte
	for k := range hashes {
		s, err := New(m, Rainfall{Gauges: gauges}, Options{Routing: DynamicWave})
		if err != nil {
			t.Fatal(err)
		}
		for tt := 3600.0; tt <= 8*3600; tt += 3600 {
			if err := s.Advance(tt); err != nil {
				t.Fatal(err)
			}
			hashes[k] = append(hashes[k], stateHash(s))
		}
	}
	for i := range hashes[0] {
		if hashes[0][i] != hashes[1][i] {
			t.Fatalf("runs differ at hour %d", i+1)
		}
	}
}

// TestCoupling: inflow set on a node enters the balance as coupling
// inflow, and the overflow volumes handed out per Advance add up to the
// flooding total.
func TestCoupling(t *testing.T) {
	m, _ := sharedModel(t, "usepa-swmm-Example2.inp")
	s, err := New(m, Rainfall{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	j, err := s.NodeIndex("16009")
	if err != nil {
		t.Fatal(err)
	}
	s.SetInflow(j, 2)
	over := 0.0
	for tt := 60.0; tt <= 6*3600; tt += 60 {
		if err := s.Advance(tt); err != nil {
			t.Fatal(err)
		}
		for i := range s.Nodes() {
			over += s.Overflow(i)
		}
	}
	b := s.MassBalance()
	// 2 m³/s for 6 h (the trapezoid rule ramps in over the first step, < 1 s)
	if want := 2.0 * 6 * 3600; math.Abs(b.CouplingInflow-want) > 1e-3*want {
		t.Errorf("coupling inflow %v m³, want %v", b.CouplingInflow, want)
	}
	if b.Flooding <= 0 || math.Abs(over-b.Flooding) > 1e-9*b.Flooding {
		t.Errorf("overflow handed out %v m³, flooding %v m³", over, b.Flooding)
	}
	if math.Abs(b.RoutingError) >= 1 {
		t.Errorf("continuity %.3f %%", b.RoutingError)
	}
	if _, err := s.NodeIndex("nope"); err == nil {
		t.Error("unknown node accepted")
	}
}
