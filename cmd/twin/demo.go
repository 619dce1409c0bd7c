package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newDemoCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Run the main job on the embedded sample city",
		Long: `demo loads the embedded sample city (Monaco: OSM roads and buildings, SRTM
terrain, a synthetic storm sewer) and prints its summary.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w, rep, err := openWorld(cmd.Context(), g, dataFlags{}, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), "twin sample city: Monaco")
			return summarize(w.Snapshot(), rep).print(cmd.OutOrStdout())
		},
	}
}
