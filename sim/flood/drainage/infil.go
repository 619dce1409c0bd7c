package drainage

import (
	"fmt"
	"math"

	"twin/geo/swmm"
)

// infiltrator gives the infiltration over a runoff step.
type infiltrator interface {
	// infiltrate returns the depth (m) infiltrated over dt seconds when
	// water is supplied at `supply` m/s (rain, run-on and ponded water
	// spread over the step), never more than supply·dt.
	infiltrate(supply, dt float64) float64
}

// horton is Horton's equation in the integrated form SWMM 5 uses:
// cumulative capacity F(t) = fmin·t + (f0 − fmin)/k·(1 − e^(−k·t)) along
// an equivalent time tp that advances only by what actually infiltrated.
// In dry steps tp and the cumulative depth recover as e^(−kr·dt) with
// kr = −ln(0.02)/DryTime (SWMM's 98 % recovery over the drying time).
type horton struct {
	f0, fmin, k, fmax, kr float64 // m/s, m/s, 1/s, m, 1/s
	tp, fe                float64 // equivalent time (s), cumulative depth (m)
}

func (h *horton) cum(t float64) float64 {
	return h.fmin*t + (h.f0-h.fmin)/h.k*(1-math.Exp(-h.k*t))
}

func (h *horton) infiltrate(supply, dt float64) float64 {
	if supply <= 0 {
		if h.kr > 0 {
			r := math.Exp(-h.kr * dt)
			h.tp *= r
			h.fe *= r
		}
		return 0
	}
	if h.k <= 0 {
		f := math.Min(h.fmin*dt, supply*dt)
		h.fe += f
		return f
	}
	f1 := h.cum(h.tp)
	fp := h.cum(h.tp+dt) - f1
	if h.fmax > 0 {
		fp = math.Max(0, math.Min(fp, h.fmax-h.fe))
	}
	f := math.Min(fp, supply*dt)
	if f < fp {
		// advance tp to where the curve has gained f: Newton on cum(t) = f1 + f
		t := h.tp + dt*f/math.Max(fp, 1e-300)
		for range 20 {
			g := h.cum(t) - f1 - f
			d := h.fmin + (h.f0-h.fmin)*math.Exp(-h.k*t)
			t -= g / d
			if math.Abs(g) < 1e-12 {
				break
			}
		}
		h.tp = math.Max(t, h.tp)
	} else {
		h.tp += dt
	}
	h.fe += f
	return f
}

// greenAmpt is the Green–Ampt model with Mein and Larson's ponding time:
// before the surface saturates all supply below the capacity
// Ks·(1 + ψ·θd/F) infiltrates; after, F follows the integrated
// Green–Ampt equation F2 − F1 − ψθd·ln((F2 + ψθd)/(F1 + ψθd)) = Ks·dt.
// Soil moisture does not recover between events.
type greenAmpt struct {
	psiD, ks float64 // ψ·θd (m), Ks (m/s)
	f        float64 // cumulative infiltration, m
	sat      bool
}

func (g *greenAmpt) capacity() float64 {
	if g.f <= 0 {
		return math.Inf(1)
	}
	return g.ks * (1 + g.psiD/g.f)
}

// integrate returns F after t seconds of ponded infiltration from F1.
func (g *greenAmpt) integrate(f1, t float64) float64 {
	if g.psiD <= 0 {
		return f1 + g.ks*t
	}
	f2 := f1 + math.Sqrt(2*g.psiD*g.ks*t) + g.ks*t // start above the root
	for range 50 {
		r := f2 - f1 - g.psiD*math.Log((f2+g.psiD)/(f1+g.psiD)) - g.ks*t
		d := 1 - g.psiD/(f2+g.psiD)
		step := r / d
		f2 -= step
		if f2 < f1 {
			f2 = f1
		}
		if math.Abs(step) < 1e-13 {
			break
		}
	}
	return f2
}

func (g *greenAmpt) infiltrate(supply, dt float64) float64 {
	if supply <= 0 || g.ks <= 0 {
		g.sat = false
		return 0
	}
	if !g.sat && supply <= g.ks {
		g.f += supply * dt
		return supply * dt
	}
	f0, lim := g.f, g.f+supply*dt
	if !g.sat {
		fs := g.ks * g.psiD / (supply - g.ks) // F at which ponding starts
		if g.f+supply*dt <= fs {
			g.f += supply * dt
			return supply * dt
		}
		ts := math.Max(fs-g.f, 0) / supply
		g.f = math.Max(g.f, fs)
		dt -= ts
		g.sat = true
	}
	f2 := g.integrate(g.f, dt)
	f2 = math.Min(f2, lim)
	if supply < g.capacity() {
		g.sat = false
	}
	g.f = f2
	return g.f - f0
}

// newInfiltrator builds the infiltration model of one subcatchment.
func newInfiltrator(f *swmm.Infiltration) (infiltrator, error) {
	if f == nil {
		return nil, nil
	}
	switch f.Method {
	case swmm.Horton, swmm.ModifiedHorton:
		h := &horton{f0: f.MaxRate / 3.6e6, fmin: f.MinRate / 3.6e6, k: f.Decay, fmax: f.MaxVolume}
		if f.DryTime > 0 {
			h.kr = -math.Log(0.02) / f.DryTime
		}
		return h, nil
	case swmm.GreenAmpt, swmm.ModifiedGreenAmpt:
		return &greenAmpt{psiD: f.Suction * f.IMD, ks: f.Ksat / 3.6e6}, nil
	}
	return nil, fmt.Errorf("%w: %s infiltration of subcatchment %q", ErrUnsupported, f.Method, f.Subcatchment)
}
