package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// runCityFlood runs `twin flood --rain …` on the city.
func runCityFlood(cmd *cobra.Command, g *globalFlags, f floodFlags) error {
	return fmt.Errorf("%w: city mode is not available yet; use --lisflood FILE.par", errFloodUsage)
}
