package main

import (
	"github.com/spf13/cobra"

	"twin/geo"
	"twin/sim/traffic/greenwave"
)

// osmCorridor loads the World (--data files or the sample city) and builds
// the corridor of its main signalized arterial from the road links and the
// signal nodes, with the default fixed-time programs.
func osmCorridor(cmd *cobra.Command, g *globalFlags, f *greenwaveFlags) (*greenwave.Corridor, error) {
	w, _, err := openWorld(cmd.Context(), g, f.data, cmd.ErrOrStderr())
	if err != nil {
		return nil, err
	}
	s := w.Snapshot()
	var (
		links []*geo.RoadLink
		nodes []*geo.RoadNode
	)
	s.Layer(geo.LayerLinks).Ascend("", func(ft geo.Feature) bool {
		if l, ok := ft.(*geo.RoadLink); ok {
			links = append(links, l)
		}
		return true
	})
	s.Layer(geo.LayerRoadNodes).Ascend("", func(ft geo.Feature) bool {
		if n, ok := ft.(*geo.RoadNode); ok {
			nodes = append(nodes, n)
		}
		return true
	})
	return greenwave.CorridorFromRoads(links, nodes, greenwave.RoadOptions{SpeedFactor: f.speed})
}
