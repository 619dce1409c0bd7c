package drainage

import (
	"errors"
	"math"
	"testing"
)

// TestHortonCapacity: with supply always above capacity, cumulative
// infiltration follows Horton's integrated equation exactly,
// F(t) = fmin·t + (f0 − fmin)/k·(1 − e^(−k·t)) (Horton 1940).
func TestHortonCapacity(t *testing.T) {
	f0, fmin, k := 76.2/3.6e6, 12.7/3.6e6, 4.0/3600
	h := &horton{f0: f0, fmin: fmin, k: k}
	got := 0.0
	for i := 1; i <= 120; i++ {
		got += h.infiltrate(1e-3, 60)
		tt := float64(i) * 60
		want := fmin*tt + (f0-fmin)/k*(1-math.Exp(-k*tt))
		if math.Abs(got-want) > 1e-9 {
			t.Fatalf("t = %g s: F = %v m, Horton %v m", tt, got, want)
		}
	}
	// limited supply infiltrates entirely and moves along the curve less
	h2 := &horton{f0: f0, fmin: fmin, k: k}
	if got := h2.infiltrate(1e-6, 60); math.Abs(got-60e-6) > 1e-15 {
		t.Errorf("supply below capacity: %v m, want all 6e-5", got)
	}
}

// TestGreenAmptPonded: ponded from the start, cumulative infiltration F
// satisfies Green–Ampt's implicit equation F − ψθ·ln(1 + F/ψθ) = Ks·t
// (Green and Ampt 1911; Chow, Maidment and Mays 1988 eq. 4.3.8).
func TestGreenAmptPonded(t *testing.T) {
	g := &greenAmpt{psiD: 0.11 * 0.3, ks: 10.0 / 3.6e6}
	total := 0.0
	for i := 1; i <= 60; i++ {
		total += g.infiltrate(1, 60) // 1 m/s: always ponded
		tt := float64(i) * 60
		lhs := total - g.psiD*math.Log(1+total/g.psiD)
		if math.Abs(lhs-g.ks*tt) > 1e-9 {
			t.Fatalf("t = %g s: F − ψθ ln(1+F/ψθ) = %v, Ks·t = %v", tt, lhs, g.ks*tt)
		}
	}
}

// TestReservoirSteadyState: constant rain on an impervious surface without
// depression storage reaches the steady state where outflow equals the
// rain (continuity), and the ponded depth is (i/α)^(3/5) (from
// i = α·d^(5/3)).
func TestReservoirSteadyState(t *testing.T) {
	a := &subarea{frac: 1, alpha: 0.5}
	i := 50.0 / 3.6e6
	var q float64
	for range 2000 {
		q = reservoir(a, i, 60)
	}
	if math.Abs(q-i) > 1e-6*i {
		t.Errorf("outflow %v m/s, rain %v", q, i)
	}
	if want := math.Pow(i/0.5, 0.6); math.Abs(a.d-want) > 1e-6*want {
		t.Errorf("depth %v m, (i/α)^(3/5) = %v", a.d, want)
	}
}

func TestOptionsAndErrors(t *testing.T) {
	if err := (Options{MaxStep: -1}).Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("negative step: %v", err)
	}
	if err := (Options{}).Validate(); err != nil {
		t.Errorf("zero options: %v", err)
	}
	bad := `[OPTIONS]
FLOW_UNITS CMS
[JUNCTIONS]
J1 10 2 0 0 0
[OUTFALLS]
O1 9 FREE NO
[CONDUITS]
C1 J1 O1 100 0.013 0 0 0 0
[XSECTIONS]
C1 EGG 1 0 0 0 1
`
	if _, err := New(decode(t, "egg.inp", bad), Rainfall{}, Options{}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("egg-shaped conduit: %v", err)
	}
}
