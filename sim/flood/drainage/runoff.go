package drainage

import (
	"fmt"
	"math"

	"twin/geo/swmm"
	"twin/sim/flood/rain"
)

// Sub-areas of a subcatchment (SWMM 5's): impervious without depression
// storage, impervious with it, pervious.
const (
	imperv0 = iota
	imperv1
	perv
)

// subarea is one nonlinear reservoir: depth d over its share of the area,
// outflow α·(d − ds)^(5/3) per unit area with α = √S·W/(n·A) (m^(−1/3)/s),
// A the impervious or pervious area.
type subarea struct {
	frac, ds, alpha float64
	d               float64 // ponded depth, m
}

// subcatch is a subcatchment with its reservoirs and infiltration.
type subcatch struct {
	name           string
	area           float64 // m²
	outNode        int     // receiving node, or -1
	outSub         int     // receiving subcatchment, or -1
	rain           rain.Hyetograph
	sa             [3]subarea
	infil          infiltrator
	routeTo        string
	pctRouted      float64
	runon, runonNx float64 // run-on this step and next, m³/s
}

// runoffTotals accumulates the runoff mass balance, m³.
type runoffTotals struct {
	rain, runon, infil, runoff float64
}

func (s *Sim) buildRunoff(m *swmm.Model, r Rainfall) error {
	areas := map[string]*swmm.Subarea{}
	for i := range m.Subareas {
		areas[m.Subareas[i].Subcatchment] = &m.Subareas[i]
	}
	infs := map[string]*swmm.Infiltration{}
	for i := range m.Infiltration {
		infs[m.Infiltration[i].Subcatchment] = &m.Infiltration[i]
	}
	subIdx := map[string]int{}
	for i, sc := range m.Subcatchments {
		subIdx[sc.Name] = i
	}
	for _, sc := range m.Subcatchments {
		c, err := newSubcatch(sc, areas[sc.Name], infs[sc.Name])
		if err != nil {
			return err
		}
		c.outNode, c.outSub = -1, -1
		if k, ok := s.nodeIdx[sc.Outlet]; ok {
			c.outNode = k
		} else if k, ok := subIdx[sc.Outlet]; ok {
			c.outSub = k
		}
		c.rain = r.All
		if c.rain == nil && r.Gauges != nil {
			c.rain = r.Gauges[sc.RainGage]
		}
		s.subs = append(s.subs, c)
	}
	return nil
}

func newSubcatch(sc swmm.Subcatchment, a *swmm.Subarea, f *swmm.Infiltration) (subcatch, error) {
	c := subcatch{name: sc.Name, area: sc.Area, routeTo: "OUTLET"}
	if a == nil || !(sc.Area > 0) {
		return c, fmt.Errorf("%w: subcatchment %q: area %g m², subarea given %v", ErrInvalid, sc.Name, sc.Area, a != nil)
	}
	fi := math.Min(math.Max(sc.Imperv/100, 0), 1)
	z := math.Min(math.Max(a.PctZero/100, 0), 1)
	c.sa[imperv0] = subarea{frac: fi * z}
	c.sa[imperv1] = subarea{frac: fi * (1 - z), ds: a.SImperv}
	c.sa[perv] = subarea{frac: 1 - fi, ds: a.SPerv}
	slope := math.Sqrt(math.Max(sc.Slope, 0) / 100)
	for k := range c.sa {
		n, area := a.NImperv, fi*sc.Area
		if k == perv {
			n, area = a.NPerv, (1-fi)*sc.Area
		}
		if n > 0 && area > 0 {
			c.sa[k].alpha = slope * sc.Width / (n * area)
		}
	}
	c.routeTo, c.pctRouted = a.RouteTo, a.PctRouted/100
	if c.sa[perv].frac > 0 {
		inf, err := newInfiltrator(f)
		if err != nil {
			return c, err
		}
		c.infil = inf
	}
	return c, nil
}

// runoffStep computes every subcatchment's runoff over the next runoff
// step and sets the nodes' runoff inflow rates for it.
func (s *Sim) runoffStep() {
	dt := s.opt.RunoffStep
	clear(s.runoffQ)
	for i := range s.subs {
		c := &s.subs[i]
		c.runon, c.runonNx = c.runonNx, 0
	}
	for i := range s.subs {
		c := &s.subs[i]
		q := s.subRunoff(c, s.t, dt)
		if c.outSub >= 0 {
			s.subs[c.outSub].runonNx += q
			s.mass.runoff.runon += q * dt
			continue
		}
		if c.outNode >= 0 {
			s.runoffQ[c.outNode] += q
		}
		s.mass.runoff.runoff += q * dt
	}
	s.nextRunoff = s.t + dt
}

// subRunoff advances one subcatchment over [t, t+dt] and returns its mean
// runoff, m³/s.
func (s *Sim) subRunoff(c *subcatch, t, dt float64) float64 {
	i := 0.0
	if c.rain != nil {
		i = c.rain.Depth(t, t+dt) / 1000 / dt // m/s
	}
	tot := &s.mass.runoff
	tot.rain += i * c.area * dt
	// run-on spreads over the pervious area (the impervious when none)
	extra := [3]float64{}
	if c.runon > 0 {
		k := perv
		if c.sa[perv].frac == 0 {
			k = imperv1
			if c.sa[imperv1].frac == 0 {
				k = imperv0
			}
		}
		extra[k] = c.runon / (c.sa[k].frac * c.area)
	}
	order := [3]int{imperv0, imperv1, perv}
	if c.routeTo == "IMPERVIOUS" {
		order = [3]int{perv, imperv0, imperv1}
	}
	q := 0.0
	for _, k := range order {
		a := &c.sa[k]
		if a.frac == 0 {
			continue
		}
		in := i + extra[k]
		f := 0.0
		if k == perv && c.infil != nil {
			f = c.infil.infiltrate(in+a.d/dt, dt) / dt
			tot.infil += f * a.frac * c.area * dt
		}
		out := reservoir(a, in-f, dt) * a.frac * c.area // m³/s
		switch {
		case c.routeTo == "PERVIOUS" && k != perv && c.sa[perv].frac > 0:
			extra[perv] += out * c.pctRouted / (c.sa[perv].frac * c.area)
			out *= 1 - c.pctRouted
		case c.routeTo == "IMPERVIOUS" && k == perv && c.sa[imperv1].frac+c.sa[imperv0].frac > 0:
			to := imperv1
			if c.sa[imperv1].frac == 0 {
				to = imperv0
			}
			extra[to] += out * c.pctRouted / (c.sa[to].frac * c.area)
			out *= 1 - c.pctRouted
		}
		q += out
	}
	return q
}

// reservoir advances a nonlinear reservoir by backward Euler,
// d' = d + dt·(net − α·(d' − ds)^(5/3)), solved by Newton, and returns the
// mean outflow over the step per unit area, m/s. Mass is conserved
// exactly: d' − d = dt·(net − outflow).
func reservoir(a *subarea, net, dt float64) float64 {
	c := a.d + dt*net
	if c <= a.ds || a.alpha == 0 {
		a.d = math.Max(c, 0)
		return 0
	}
	x := c - a.ds // excess above depression storage, solve x' + dt·α·x'^(5/3) = x
	k := dt * a.alpha
	y := math.Min(x, math.Pow(x/k, 0.6))
	for range 60 {
		g := y + k*math.Pow(y, 5.0/3) - x
		d := 1 + k*5.0/3*math.Pow(y, 2.0/3)
		y -= g / d
		if y <= 0 {
			y = 1e-15
		}
		if math.Abs(g) < 1e-14 {
			break
		}
	}
	a.d = a.ds + y
	return (c - a.d) / dt
}

// surfaceVolume returns the water ponded on subcatchments, m³.
func (s *Sim) surfaceVolume() float64 {
	v := 0.0
	for i := range s.subs {
		c := &s.subs[i]
		for k := range c.sa {
			v += c.sa[k].d * c.sa[k].frac * c.area
		}
		v += c.runonNx * s.opt.RunoffStep // run-on in transit to the next step
	}
	return v
}
