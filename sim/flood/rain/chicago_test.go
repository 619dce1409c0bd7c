package rain

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
)

// testFormula is an illustrative parameter set of the Chinese form, of the
// size cities publish (A1 ≈ 10–20 mm/min, C ≈ 0.6–1, b ≈ 5–15 min,
// n ≈ 0.6–0.8); it is not any city's formula.
var testFormula = ChineseFormula{A1: 12, C: 0.8, B: 8, N: 0.7}

func TestChineseFormulaConversion(t *testing.T) {
	// Source: definition of units; 1 L/(s·ha) = 1e-3 m³/s / 1e4 m² =
	// 1e-7 m/s = 1e-4 mm/s = 0.36 mm/h.
	if got := 1e-3 / 1e4 * 1000 * 3600; math.Abs(got-LpsPerHaToMMh) > 1e-15 {
		t.Fatalf("L/(s·ha) → mm/h = %v, constant says %v", got, LpsPerHaToMMh)
	}
	for _, p := range []float64{1, 2, 5, 10, 50, 100} {
		f, err := testFormula.IDF(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, tm := range []float64{5, 10, 30, 60, 120} {
			q := testFormula.Q(tm, p)
			// analytic: q = 167·A1·(1+C·lgP)/(t+b)^n evaluated directly
			want := 167 * 12 * (1 + 0.8*math.Log10(p)) / math.Pow(tm+8, 0.7)
			if math.Abs(q-want) > 1e-12*want {
				t.Errorf("Q(%g, %g) = %v, want %v", tm, p, q, want)
			}
			if got := f.Intensity(tm); math.Abs(got-0.36*q) > 1e-12*got {
				t.Errorf("P=%g t=%g: IDF intensity %v mm/h, want 0.36·q = %v", p, tm, got, 0.36*q)
			}
		}
	}
	// At P = 1 year, lg P = 0: the return-period term vanishes.
	if q1, q0 := testFormula.Q(10, 1), 167*12/math.Pow(18, 0.7); math.Abs(q1-q0) > 1e-12 {
		t.Errorf("Q(10 min, 1 a) = %v, want %v", q1, q0)
	}
}

func TestChicagoIDFProperty(t *testing.T) {
	f, err := testFormula.IDF(50)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []float64{0, 0.2, 0.375, 0.5, 0.8, 1} {
		c := Chicago{IDF: f, DurationMin: 120, Peak: r, Start: 600}
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
		tp := c.Start + r*c.DurationMin*60
		// Keifer & Chu's defining property: the td-minute window with r·td
		// before the peak holds exactly the IDF depth i(td)·td.
		for td := 1.0; td <= c.DurationMin; td += 1 {
			got := c.Depth(tp-r*td*60, tp+(1-r)*td*60)
			want := f.Depth(td)
			if math.Abs(got-want) > 1e-9*want {
				t.Fatalf("r=%g td=%g min: window depth %v mm, IDF depth %v mm", r, td, got, want)
			}
			if mean := got * 60 / td; math.Abs(mean-f.Intensity(td)) > 1e-9*mean {
				t.Fatalf("r=%g td=%g: mean intensity %v, IDF %v mm/h", r, td, mean, f.Intensity(td))
			}
		}
		if tot, want := c.Cumulative(c.Start+1e6), f.Depth(120); math.Abs(tot-want) > 1e-9*want {
			t.Errorf("r=%g: storm depth %v mm, IDF depth for 120 min %v mm", r, tot, want)
		}
	}
}

// TestChicagoIntensityIntegrates checks the instantaneous intensity against
// the cumulative depth with an independent quadrature (gonum's
// Gauss–Legendre), on each side of the peak.
func TestChicagoIntensityIntegrates(t *testing.T) {
	f, _ := testFormula.IDF(10)
	c := Chicago{IDF: f, DurationMin: 90, Peak: 0.4}
	tp := 0.4 * 90 * 60
	for _, w := range [][2]float64{{0, tp}, {tp, 90 * 60}, {600, 1800}, {3000, 5000}} {
		num := quad.Fixed(func(x float64) float64 { return c.Intensity(x) / 3600 }, w[0], w[1], 200, nil, 0)
		if got := c.Depth(w[0], w[1]); math.Abs(got-num) > 1e-6*num {
			t.Errorf("[%g, %g] s: Depth %v mm, quadrature of Intensity %v mm", w[0], w[1], got, num)
		}
	}
	// The peak intensity is A/B^N (the derivative formula at td = 0).
	if got, want := c.Intensity(tp), f.A/math.Pow(f.B, f.N); math.Abs(got-want) > 1e-9*want {
		t.Errorf("peak %v, want A/B^N = %v mm/h", got, want)
	}
}

func TestChicagoBlocks(t *testing.T) {
	f, _ := testFormula.IDF(20)
	c := Chicago{IDF: f, DurationMin: 120, Peak: 0.5}
	b, err := c.Blocks(300)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 24 {
		t.Fatalf("%d blocks, want 24", len(b))
	}
	if got, want := b.Total(), f.Depth(120); math.Abs(got-want) > 1e-9*want {
		t.Errorf("block total %v mm, IDF depth %v mm", got, want)
	}
	// windows on block boundaries around the central peak keep the IDF depth
	for k := 1; k <= 12; k++ {
		t0, t1 := 3600-float64(k)*300, 3600+float64(k)*300
		td := float64(2*k) * 5
		if got, want := b.Depth(t0, t1), f.Depth(td); math.Abs(got-want) > 1e-9*want {
			t.Errorf("%g-min window: %v mm, want %v", td, got, want)
		}
	}
	// the two blocks around the peak are the largest
	if b[11].MMh < b[10].MMh || b[12].MMh < b[13].MMh {
		t.Errorf("peak blocks not the largest: %v %v %v %v", b[10].MMh, b[11].MMh, b[12].MMh, b[13].MMh)
	}
}

func TestDesignValidate(t *testing.T) {
	f, _ := testFormula.IDF(2)
	bad := []struct {
		name string
		err  error
	}{
		{"peak>1", Chicago{IDF: f, DurationMin: 60, Peak: 1.2}.Validate()},
		{"duration 0", Chicago{IDF: f, DurationMin: 0, Peak: 0.5}.Validate()},
		{"N=1", IDF{A: 100, B: 5, N: 1}.Validate()},
		{"A1<0", ChineseFormula{A1: -1, C: 0.5, B: 5, N: 0.7}.Validate()},
	}
	for _, tc := range bad {
		if tc.err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	if _, err := testFormula.IDF(0); err == nil {
		t.Error("P = 0 accepted")
	}
}
