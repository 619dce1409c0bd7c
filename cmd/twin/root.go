package main

import (
	"log/slog"
	"os"

	"github.com/spf13/cobra"
)

// globalFlags are shared by every command.
type globalFlags struct {
	verbose bool
	quiet   bool
}

func newRootCmd() *cobra.Command {
	g := &globalFlags{}
	root := &cobra.Command{
		Use:   "twin",
		Short: "twin is a city digital-twin engine",
		Long: `twin loads a city's buildings, roads, pipes and terrain (OSM, CityJSON,
SWMM/EPANET, DEMs, GeoJSON) into indexed layers in one local metric CRS,
answers spatial queries, and runs what-if simulations on it.

Without --data, commands use the embedded sample city (Monaco).`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			level := slog.LevelWarn
			if g.verbose {
				level = slog.LevelDebug
			}
			if g.quiet {
				level = slog.LevelError
			}
			slog.SetDefault(slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: level})))
		},
	}
	root.PersistentFlags().BoolVarP(&g.verbose, "verbose", "v", false, "log debug detail and list every decoder warning")
	root.PersistentFlags().BoolVarP(&g.quiet, "quiet", "q", false, "log errors only, no progress bar")
	root.AddCommand(newLoadCmd(g), newQueryCmd(g), newDemoCmd(g), newSewerCmd(g), newServeCmd(g), newSensorsCmd(g),
		newFloodCmd(g), newRouteCmd(g), newDispatchCmd(g), newGraphCmd(g), newTrafficCmd(g), newGreenwaveCmd(g), newRunCmd(g),
		newWallCmd(g), newSnapshotCmd(g), newSiteCmd(g))
	return root
}

// interactive reports whether stderr is a terminal, for progress bars.
func interactive(g *globalFlags) bool {
	if g.quiet {
		return false
	}
	fi, err := os.Stderr.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
