package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"twin/scenarios"
	"twin/scenarios/examples"
)

func newDemoCmd(g *globalFlags) *cobra.Command {
	f := &runFlags{out: "twin-demo-report"}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run the multi-hazard what-if on the embedded sample city and write its report",
		Long: `demo runs the combined example scenario on the embedded sample city
(Monaco: OSM roads and buildings, SRTM terrain, a synthetic storm sewer): a
100-year storm at the evening rush hour with a road closed for works and
emergency calls, against a mitigated variant (pumping station, green wave,
one more station) and a dry evening. Flood, traffic and dispatch run coupled
on one clock. It writes the report folder (report.html, report.md,
metrics.json, charts/; with OpenGL and a display, the wall view of the
flood peak too) and prints the report's path and three headline
numbers. About a minute on two cores; --duration shortens it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			src, err := examples.Read(examples.Demo)
			if err != nil {
				return err
			}
			sc, err := scenarios.Decode(examples.Demo, src)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "twin demo: %s (sample city: Monaco)\n", sc.Name)
			return runScenario(cmd, g, f, sc, ".")
		},
	}
	addRunFlags(cmd, f)
	return cmd
}
