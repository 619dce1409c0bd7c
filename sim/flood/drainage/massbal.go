package drainage

// massTotals accumulates the volumes of the routing mass balance, m³.
type massTotals struct {
	initStorage float64
	// rates of the current step's external and dry-weather inflows, set by
	// addInflows, and the previous step's lateral rates by category
	extRate, dwfRate  float64
	oldRates          [4]float64 // runoff, external, DWF, coupling
	inVol             [4]float64
	outfall, flooding float64
	backflow          float64 // water that entered through outfalls
	runoff            runoffTotals
}

// Balance is the mass balance of a run so far, in m³, as SWMM 5 reports it
// (massbal.c). Flow routing continuity error:
//
//	100·(1 − (Outflow + Flooding + FinalStorage)/(inflows + InitialStorage)) %
//
// with inflows = wet-weather + dry-weather + external + coupling inflow +
// Backflow. Outflow is the net volume that left through outfalls: water
// that entered through them (Backflow, a stage above the pipe) counts
// negative there, and as inflow in the error's base, as SWMM 5 counts
// backflow through an outfall as inflow.
// The water entering or leaving the half of a conduit next to an outfall
// whose stage holds the water there (FIXED or TIMESERIES above the
// conduit's end) passes through the outfall: its change of volume is
// counted with the outfall's flow.
// Runoff continuity error:
//
//	100·(1 − (Infiltration + SurfaceRunoff + FinalSurface)/(Rainfall + InitialSurface)) %
//
// where SurfaceRunoff is what leaves the subcatchments for nodes (or for
// nowhere, when the outlet is not in the network) and Runon, the runoff
// passed from one subcatchment to another, stays inside the balance (in
// transit it counts as surface water).
// Storage is water in nodes (storage curves; junctions hold depth × the
// minimum surface area, up to the crown of their highest pipe) and
// conduits (mean end area × length).
type Balance struct {
	WetWeatherInflow, DryWeatherInflow, ExternalInflow, CouplingInflow float64
	Outflow, Flooding, Backflow                                        float64
	InitialStorage, FinalStorage                                       float64
	// RoutingError is the flow routing continuity error, %.
	RoutingError float64

	Rainfall, Runon, Infiltration, SurfaceRunoff float64
	InitialSurface, FinalSurface                 float64
	// RunoffError is the runoff continuity error, %.
	RunoffError float64
}

// MassBalance returns the mass balance from the start to Time(). O(nodes +
// links + subcatchments).
func (s *Sim) MassBalance() Balance {
	m := &s.mass
	b := Balance{WetWeatherInflow: m.inVol[0], ExternalInflow: m.inVol[1], DryWeatherInflow: m.inVol[2],
		CouplingInflow: m.inVol[3], Outflow: m.outfall, Flooding: m.flooding, Backflow: m.backflow,
		InitialStorage: m.initStorage, FinalStorage: s.storedVolume()}
	in := b.WetWeatherInflow + b.DryWeatherInflow + b.ExternalInflow + b.CouplingInflow + b.InitialStorage
	if base := in + b.Backflow; base > 0 {
		// Outflow + Backflow is what left through outfalls
		b.RoutingError = 100 * (1 - (b.Outflow+b.Backflow+b.Flooding+b.FinalStorage)/base)
	}
	r := &m.runoff
	b.Rainfall, b.Runon, b.Infiltration, b.SurfaceRunoff = r.rain, r.runon, r.infil, r.runoff
	b.FinalSurface = s.surfaceVolume()
	if in := b.Rainfall + b.InitialSurface; in > 0 {
		b.RunoffError = 100 * (1 - (b.Infiltration+b.SurfaceRunoff+b.FinalSurface)/in)
	}
	return b
}

// storedVolume returns the water held in nodes and conduits, m³.
func (s *Sim) storedVolume() float64 {
	v := 0.0
	for i := range s.nodes {
		v += s.nodes[i].volume
	}
	for i := range s.links {
		v += s.links[i].volume
	}
	return v
}

// account adds a step's volumes to the mass balance: lateral inflows and
// outfall discharges by the trapezoid rule the node equations use,
// overflow as computed. A staged outfall's discharge also carries the
// change of water in the conduit half next to it: no node equation holds
// that half (its depth is the stage), so what fills it came in through
// the outfall and what drains from it leaves there.
func (s *Sim) account(dt float64) {
	m := &s.mass
	var rates [4]float64
	for i := range s.nodes {
		rates[0] += s.runoffQ[i]
		rates[3] += s.coupling[i]
	}
	rates[1], rates[2] = m.extRate, m.dwfRate
	m.extRate, m.dwfRate = 0, 0
	for k := range rates {
		m.inVol[k] += 0.5 * (m.oldRates[k] + rates[k]) * dt
	}
	m.oldRates = rates
	for i := range s.links {
		l := &s.links[i]
		if l.outVol == l.accVol {
			continue
		}
		if n := s.outfallOf(l); n != nil && n.staged {
			n.bcVol += l.outVol - l.accVol
		}
		l.accVol = l.outVol
	}
	for i := range s.nodes {
		n := &s.nodes[i]
		if n.kind == Outfall {
			q := n.inflow - n.outflow
			v := 0.5*(n.outflowQ+q)*dt - n.bcVol
			m.outfall += v
			if v < 0 {
				m.backflow -= v
			}
			n.outflowQ, n.bcVol = q, 0
		}
		if n.overflow > 0 {
			v := n.overflow * dt
			m.flooding += v
			s.overVol[i] += v
		}
	}
}

// outfallOf returns the outfall at an end of link l, or nil.
func (s *Sim) outfallOf(l *link) *node {
	switch {
	case s.nodes[l.n2].kind == Outfall:
		return &s.nodes[l.n2]
	case s.nodes[l.n1].kind == Outfall:
		return &s.nodes[l.n1]
	}
	return nil
}
