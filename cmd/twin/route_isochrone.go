package main

import (
	"errors"
	"io"

	"twin/engine"
	"twin/sim/dispatch"
)

func routeIsochrone(w io.Writer, s *engine.Snapshot, rg *dispatch.Graph, f routeFlags, minutes []float64) error {
	return errors.New("--isochrone: not built yet")
}
