package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/paulmach/orb"
	"github.com/spf13/cobra"

	"twin/engine"
	"twin/geo"
	"twin/geo/swmm"
	"twin/sim/flood/sewergen"
)

func newSewerCmd(g *globalFlags) *cobra.Command {
	var d dataFlags
	var out string
	cmd := &cobra.Command{
		Use:   "gen-sewer --data FILE... -o sewer.inp",
		Short: "Generate a plausible storm-sewer network (SWMM .inp) from streets and terrain",
		Long: `gen-sewer derives a synthetic storm-sewer network for a city without a public
one: manholes at street junctions and every ≤80 m along streets, pipes under
the streets draining downhill to outfalls, diameters sized by the rational
method. It writes a SWMM 5 .inp in the World's CRS and a .prj sidecar naming
that CRS. The network is synthetic; label anything made from it as such.

It needs an OSM road network and a DEM (default: the sample city's).`,
		Example: `  twin gen-sewer --data city.osm.pbf --data dem.tif -o city-sewer.inp`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w, _, err := openWorld(cmd.Context(), g, d, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			s := w.Snapshot()
			m, rep, err := generateSewer(s, sewergen.Config{})
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := swmm.Encode(&buf, m); err != nil {
				return err
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return err
			}
			if s.CRS() != nil {
				if err := os.WriteFile(out+".prj", []byte(s.CRS().String()+"\n"), 0o644); err != nil {
					return err
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %s\n", out, rep)
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&d.files, "data", nil, "OSM and DEM files (default: the sample city)")
	addCRSFlags(cmd, &d)
	cmd.Flags().StringVarP(&out, "output", "o", "sewer.inp", "SWMM file to write")
	return cmd
}

// generateSewer runs sewergen over the World's drivable links and terrain.
func generateSewer(s *engine.Snapshot, cfg sewergen.Config) (*swmm.Model, sewergen.Report, error) {
	var links []*geo.RoadLink
	s.Layer(geo.LayerLinks).Ascend("", func(f geo.Feature) bool {
		if l, ok := f.(*geo.RoadLink); ok {
			links = append(links, l)
		}
		return true
	})
	if len(links) == 0 || len(s.Terrain()) == 0 {
		return nil, sewergen.Report{}, fmt.Errorf("gen-sewer needs road links and terrain; have %d links and %d terrain grids", len(links), len(s.Terrain()))
	}
	return sewergen.Generate(sewergen.Input{Links: links, Height: func(p orb.Point) (float64, bool) { return s.TerrainHeight(p) }}, cfg)
}
