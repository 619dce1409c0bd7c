package drainage

import (
	"fmt"
	"math"

	"twin/geo/swmm"
)

// pumpSpec is a pump's curve and controls.
type pumpSpec struct {
	ideal            bool
	curveType        string
	curve            table
	on               bool
	startup, shutoff float64
}

// regSpec describes an orifice, weir or outlet.
type regSpec struct {
	typ    string  // orifice SIDE/BOTTOM, weir type, outlet type
	coef   float64 // discharge coefficient (SI form)
	coef2  float64 // trapezoidal weir end coefficient
	crest  float64 // opening bottom above node-1 invert, m (= off1)
	height float64 // opening height, m
	width  float64 // opening width / weir length, m
	slope  float64 // V-notch / trapezoid side slope (run/rise)
	area   float64 // full orifice area, m²
	circ   bool    // circular orifice
	endCon float64
	expo   float64 // outlet exponent
	curve  table   // outlet rating curve
	surch  bool
}

func (s *Sim) buildLinks(m *swmm.Model, curves map[string]*swmm.Curve) error {
	xsec := map[string]swmm.XSection{}
	for _, x := range m.XSections {
		xsec[x.Link] = x
	}
	loss := map[string]swmm.Loss{}
	for _, l := range m.Losses {
		loss[l.Link] = l
	}
	for _, c := range m.Conduits {
		if err := s.addConduit(m, c, xsec, loss); err != nil {
			return err
		}
	}
	for _, p := range m.Pumps {
		if err := s.addPump(m, p, curves); err != nil {
			return err
		}
	}
	for _, o := range m.Orifices {
		if err := s.addOrifice(m, o, xsec); err != nil {
			return err
		}
	}
	for _, w := range m.Weirs {
		if err := s.addWeir(m, w, xsec); err != nil {
			return err
		}
	}
	for _, o := range m.Outlets {
		if err := s.addOutlet(m, o, curves); err != nil {
			return err
		}
	}
	s.finishNodes()
	return nil
}

func (s *Sim) addConduit(m *swmm.Model, c swmm.Conduit, xsec map[string]swmm.XSection, loss map[string]swmm.Loss) error {
	n1, n2, err := s.ends(c.Name, c.From, c.To)
	if err != nil {
		return err
	}
	x, ok := xsec[c.Name]
	if !ok {
		return fmt.Errorf("%w: conduit %q has no cross-section", ErrInvalid, c.Name)
	}
	xs, err := newXsect(x)
	if err != nil {
		return err
	}
	if !(c.Length > 0) || !(c.Roughness > 0) {
		return fmt.Errorf("%w: conduit %q length %g m, roughness %g", ErrInvalid, c.Name, c.Length, c.Roughness)
	}
	l := link{kind: Conduit, n1: n1, n2: n2, xs: xs, length: c.Length, rough: c.Roughness,
		barrels: float64(max(x.Barrels, 1)), qLimit: c.MaxFlow}
	l.off1, l.off2 = s.offset(m, n1, c.InOffset), s.offset(m, n2, c.OutOffset)
	z1 := s.nodes[n1].invert + l.off1
	z2 := s.nodes[n2].invert + l.off2
	l.slope = (z1 - z2) / c.Length
	sl := math.Max(math.Abs(l.slope), s.opt.MinSlope)
	l.beta = math.Sqrt(sl) / c.Roughness
	l.rf = gravity * c.Roughness * c.Roughness
	l.qFull = l.beta * xs.aFull * math.Pow(xs.rFull, 2.0/3)
	if ls, ok := loss[c.Name]; ok {
		l.lossIn, l.lossOut, l.lossAvg, l.gated = ls.Entry, ls.Exit, ls.Avg, ls.FlapGate
		l.hasLoss = ls.Entry != 0 || ls.Exit != 0 || ls.Avg != 0
	}
	l.flow = c.InitFlow
	l.q1 = c.InitFlow / l.barrels
	s.addLink(LinkInfo{c.Name, Conduit, n1, n2, c.Length, l.qFull * l.barrels}, l)
	return nil
}

func (s *Sim) addPump(m *swmm.Model, p swmm.Pump, curves map[string]*swmm.Curve) error {
	n1, n2, err := s.ends(p.Name, p.From, p.To)
	if err != nil {
		return err
	}
	ps := &pumpSpec{ideal: p.Curve == "*", on: p.On, startup: p.Startup, shutoff: p.Shutoff}
	if !ps.ideal {
		cv := curves[p.Curve]
		if cv == nil || len(cv.X) == 0 {
			return fmt.Errorf("%w: pump %q names missing curve %q", ErrInvalid, p.Name, p.Curve)
		}
		ps.curveType, ps.curve = cv.Type, tableOf(cv)
		if cv.Type == "PUMP5" {
			return fmt.Errorf("%w: PUMP5 curve of pump %q", ErrUnsupported, p.Name)
		}
	}
	s.addLink(LinkInfo{p.Name, Pump, n1, n2, 0, 0}, link{kind: Pump, n1: n1, n2: n2, pump: ps, barrels: 1})
	return nil
}

func (s *Sim) addOrifice(m *swmm.Model, o swmm.Orifice, xsec map[string]swmm.XSection) error {
	n1, n2, err := s.ends(o.Name, o.From, o.To)
	if err != nil {
		return err
	}
	x := xsec[o.Name]
	r := &regSpec{typ: o.Type, coef: o.Coef, height: x.Geom[0], width: x.Geom[1]}
	switch x.Shape {
	case "CIRCULAR":
		r.circ, r.width = true, x.Geom[0]
		r.area = math.Pi / 4 * x.Geom[0] * x.Geom[0]
	case "RECT_CLOSED":
		r.area = x.Geom[0] * x.Geom[1]
	default:
		return fmt.Errorf("%w: orifice %q shape %q", ErrUnsupported, o.Name, x.Shape)
	}
	l := link{kind: Orifice, n1: n1, n2: n2, reg: r, gated: o.Gated, barrels: 1}
	l.off1, l.off2 = s.offset(m, n1, o.Offset), 0
	r.crest = l.off1
	s.addLink(LinkInfo{o.Name, Orifice, n1, n2, 0, 0}, l)
	return nil
}

func (s *Sim) addWeir(m *swmm.Model, w swmm.Weir, xsec map[string]swmm.XSection) error {
	n1, n2, err := s.ends(w.Name, w.From, w.To)
	if err != nil {
		return err
	}
	x := xsec[w.Name]
	r := &regSpec{typ: w.Type, coef: w.Coef, coef2: w.EndCoef, height: x.Geom[0], width: x.Geom[1],
		endCon: w.EndContractions, surch: w.Surcharge}
	switch w.Type {
	case "V-NOTCH":
		if x.Geom[0] > 0 {
			r.slope = x.Geom[1] / 2 / x.Geom[0]
		}
	case "TRAPEZOIDAL":
		r.slope = (x.Geom[2] + x.Geom[3]) / 2
	}
	if !(r.height > 0) {
		return fmt.Errorf("%w: weir %q opening height %g m", ErrInvalid, w.Name, r.height)
	}
	l := link{kind: Weir, n1: n1, n2: n2, reg: r, gated: w.Gated, barrels: 1}
	l.off1, l.off2 = s.offset(m, n1, w.CrestHeight), 0
	r.crest = l.off1
	s.addLink(LinkInfo{w.Name, Weir, n1, n2, 0, 0}, l)
	return nil
}

func (s *Sim) addOutlet(m *swmm.Model, o swmm.Outlet, curves map[string]*swmm.Curve) error {
	n1, n2, err := s.ends(o.Name, o.From, o.To)
	if err != nil {
		return err
	}
	r := &regSpec{typ: o.Type, coef: o.Coef, expo: o.Exponent}
	if o.Curve != "" {
		cv := curves[o.Curve]
		if cv == nil {
			return fmt.Errorf("%w: outlet %q names missing curve %q", ErrInvalid, o.Name, o.Curve)
		}
		r.curve = tableOf(cv)
	}
	l := link{kind: Outlet, n1: n1, n2: n2, reg: r, gated: o.Gated, barrels: 1}
	l.off1 = s.offset(m, n1, o.Offset)
	r.crest = l.off1
	s.addLink(LinkInfo{o.Name, Outlet, n1, n2, 0, 0}, l)
	return nil
}
