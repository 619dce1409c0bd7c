package urban

// MassBalance is the volume account of the coupled run since New, m³,
// across the street surface and the pipes. Exchanges between the two
// cancel out and are listed for information.
//
//	Error = Surface + Pipes + Transit − (Initial + In − Out)
//	In    = Rain + BoundaryIn + SewerInflow + Clamped
//	Out   = Infiltration + BoundaryOut + Outfalls + Sea + Lost
type MassBalance struct {
	// Initial is the water on the surface and in the pipes at the start.
	Initial float64
	// Rain is the rain that fell on the grid (roofs included).
	Rain float64
	// BoundaryIn is inflow over the grid's edges (none with free edges).
	BoundaryIn float64
	// SewerInflow is the SWMM model's own inflows: dry-weather, external
	// and subcatchment runoff (none from rain; doc.go).
	SewerInflow float64
	// Clamped is water the surface solver created by zeroing round-off
	// negative depths (normally ~1e-12 of the volume).
	Clamped float64

	// Infiltration is water lost into the soil.
	Infiltration float64
	// BoundaryOut left over the grid's edges; Outfalls through the sewer
	// outfalls.
	BoundaryOut, Outfalls float64
	// Sea is what ran into the sea (Options.SeaLevel).
	Sea float64
	// Lost is overflow from sewer nodes not coupled to the surface.
	Lost float64

	// Surface and Pipes are the water held now; Transit has left one model
	// and not yet entered the other (doc.go).
	Surface, Pipes, Transit float64

	// Captured is the street water the inlets took, Overflow the pipe
	// water that came up at coupled nodes.
	Captured, Overflow float64

	// Error is the volume the account does not explain (above), and
	// ErrorPercent 100·Error/(Initial + In + water that entered through
	// outfalls, when Outfalls < 0).
	Error, ErrorPercent float64
	// PipeError is the water the drainage solver's own flow-routing
	// account does not explain (inflows + initial − outflow − flooding −
	// stored; positive when lost), m³, and PipeErrorPercent its routing
	// continuity error as SWMM reports it, %. Error is −PipeError plus the
	// surface solver's round-off: the exchange itself is exact.
	PipeError, PipeErrorPercent float64
}

// MassBalance returns the account from the start to Time(). O(cells +
// nodes + links).
func (m *Model) MassBalance() MassBalance {
	s := m.surf.MassBalance()
	b := MassBalance{Initial: s.Initial, Rain: s.Rain, BoundaryIn: s.BoundaryIn, Clamped: s.Clamped,
		Infiltration: s.Infiltration, BoundaryOut: s.BoundaryOut, Surface: s.Stored,
		Captured: m.acc.given, Overflow: m.acc.overflowed}
	for i := range m.cv.coast {
		_, v, _ := m.surf.SourceVolume(m.seaSrc + i)
		b.Sea -= v
	}
	if m.pipes != nil {
		p := m.pipes.MassBalance()
		b.Initial += p.InitialStorage
		b.SewerInflow = p.WetWeatherInflow + p.DryWeatherInflow + p.ExternalInflow
		b.Outfalls = p.Outflow
		b.Lost = m.acc.lost
		b.Pipes = p.FinalStorage
		// left the street, not counted in by the pipes; came up from the
		// pipes, not yet put on the street
		b.Transit = (s.SourceOut - b.Sea - p.CouplingInflow) + (m.acc.overflowed - s.SourceIn)
		b.PipeErrorPercent = p.RoutingError
		pin := p.WetWeatherInflow + p.DryWeatherInflow + p.ExternalInflow + p.CouplingInflow + p.InitialStorage
		b.PipeError = pin - (p.Outflow + p.Flooding + p.FinalStorage)
	}
	in := b.Initial + b.Rain + b.BoundaryIn + b.SewerInflow + b.Clamped
	out := b.Infiltration + b.BoundaryOut + b.Outfalls + b.Sea + b.Lost
	b.Error = b.Surface + b.Pipes + b.Transit - (in - out)
	if base := in + max(0, -b.Outfalls); base > 0 {
		b.ErrorPercent = 100 * b.Error / base
	}
	return b
}
