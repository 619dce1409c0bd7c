package main

import (
	"errors"

	"github.com/spf13/cobra"

	"twin/sim/traffic/greenwave"
)

// osmCorridor builds the corridor of the World's main signalized arterial.
func osmCorridor(cmd *cobra.Command, g *globalFlags, f *greenwaveFlags) (*greenwave.Corridor, error) {
	return nil, errors.New("greenwave: OSM corridors are not built yet; use --sumo-net")
}
