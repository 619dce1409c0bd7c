package greenwave

import (
	"fmt"
	"io"
)

// WriteTable writes the candidates as a Markdown table: cycle (s), the
// plan's outbound and inbound bands (s), the corridor vehicles' count, mean
// travel time (s) and mean stops, all vehicles' mean travel time (s), the
// objective and a note (chosen, default, why rejected), then the network's
// own programs for reference. The output depends only on the tuning.
func (t *Tuning) WriteTable(w io.Writer) error {
	fmt.Fprintf(w, "| cycle (s) | band out (s) | band in (s) | corridor vehicles | corridor travel (s) | corridor stops | network travel (s) | objective (s) | note |\n")
	fmt.Fprintf(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for i := range t.Candidates {
		cd := &t.Candidates[i]
		note := cd.Rejected
		switch {
		case i == t.Best:
			note = "**chosen**"
		case cd.Rejected == "" && i != t.Default:
			note = ""
		}
		if i == t.Default {
			if note != "" {
				note += "; "
			}
			note += "default (longest current cycle)"
		}
		if cd.Plan == nil {
			fmt.Fprintf(w, "| %.0f | – | – | – | – | – | – | – | %s: %s |\n", cd.Cycle, note, cd.Err)
			continue
		}
		fmt.Fprintf(w, "| %.0f | %.1f | %.1f | %d | %.1f | %.3f | %.1f | %.1f | %s |\n", cd.Cycle, cd.Plan.Out.Width, cd.Plan.In.Width,
			cd.Corridor.Vehicles, cd.Corridor.TravelTime, cd.Corridor.Stops, cd.Network.TravelTime, cd.Objective, note)
	}
	c := &t.Current
	_, err := fmt.Fprintf(w, "| current | – | – | %d | %.1f | %.3f | %.1f | %.1f | the network's own programs |\n",
		c.Corridor.Vehicles, c.Corridor.TravelTime, c.Corridor.Stops, c.Network.TravelTime, c.Objective)
	return err
}
