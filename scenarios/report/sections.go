package report

import (
	"fmt"
	"strings"

	"twin/scenarios"
)

// section is a titled table of a variant.
type section struct {
	Title string
	Rows  [][]string
}

// variantSections lists what a variant produced, simulation by simulation.
func variantSections(v *scenarios.VariantResult) []section {
	out := []section{{"Run", [][]string{{"quantity", "value"},
		{"simulations", strings.Join(v.Simulations, ", ")},
		{"simulated time reached", dur(v.ReachedS)},
		{"coupling deltas (event / flood / traffic)", fmt.Sprintf("%d / %d / %d", v.Deltas[scenarios.SourceEvent], v.Deltas[scenarios.SourceFlood], v.Deltas[scenarios.SourceTraffic])},
	}}}
	if f := v.Flood; f != nil {
		out = append(out, section{"Flood", [][]string{{"quantity", "value"},
			{"rain (mm)", num(f.RainMM)},
			{"deepest water on a road (m)", num(f.PeakRoadDepthM)},
			{"flooded area, max depth ≥ 0.1 m (ha)", num(f.FloodedAreaHa)},
			{"road links closed at the peak", fmt.Sprint(f.PeakClosedLinks)},
			{"road links closed at some time", fmt.Sprint(f.ClosedLinks)},
			{"buildings affected (≥ 0.1 m)", fmt.Sprint(f.AffectedBuildings)},
			{"rain volume (m³)", num(f.RainM3)},
			{"taken by sewer inlets (m³)", num(f.SewerM3)},
			{"pumped (m³)", num(f.PumpedM3)},
			{"left the grid (m³)", num(f.OutflowM3)},
			{"on the surface at the end (m³)", num(f.StoredM3)},
		}})
	}
	if d := v.Dispatch; d != nil {
		out = append(out, section{"Dispatch", [][]string{{"quantity", "value"},
			{"incidents", fmt.Sprint(d.Incidents)},
			{"reached", fmt.Sprint(d.Reached)},
			{"never reached", fmt.Sprint(d.Unreachable)},
			{"units", fmt.Sprint(d.Units)},
			{"mean response time (s)", num(d.MeanS)},
			{"median response time (s)", num(d.MedianS)},
			{"90th percentile response time (s)", num(d.P90S)},
			{fmt.Sprintf("reached within %s (%%)", dur(d.TargetS)), num(100 * d.WithinTarget)},
		}})
	}
	if t := v.Traffic; t != nil {
		out = append(out, trafficSections(t)...)
	}
	return out
}

func trafficSections(t *scenarios.TrafficResult) []section {
	rows := [][]string{{"quantity", "value"}, {"model", orDefault(t.Model, scenarios.TrafficBPR)},
		{"mean speed factor (1 = free flow)", num(t.MeanFactor)}}
	if t.Model != scenarios.TrafficMicro {
		rows = append(rows, []string{"peak volume/capacity of primary roads", num(t.PeakVC)})
	}
	if m := t.Micro; m != nil {
		rows = append(rows,
			[]string{"trips inserted / arrived / waiting", fmt.Sprintf("%d / %d / %d", m.Inserted, m.Arrived, m.Waiting)},
			[]string{"mean trip time (s)", num(m.MeanTravelS)},
			[]string{"road closures / reopenings reaching the simulation", fmt.Sprintf("%d / %d", m.Closures, m.Reopenings)},
			[]string{"vehicles rerouted round closures", fmt.Sprint(m.Rerouted)},
			[]string{"signals retimed", fmt.Sprint(m.Retimed)})
	}
	out := []section{{"Traffic", rows}}
	c := t.Corridor
	if c == nil {
		return out
	}
	rows = [][]string{{"plan", "cycle (s)", "band out (s)", "band in (s)", "travel out (s)", "travel in (s)"}}
	for _, p := range c.Plans {
		rows = append(rows, []string{p.Plan, num(p.CycleS), num(p.BandOutS), num(p.BandInS), num(p.TravelOutS), num(p.TravelInS)})
	}
	title := fmt.Sprintf("Signal corridor: %s (%d signals, %s m, free travel %s s, plan in force at the end: %s)",
		c.Road, len(c.Signals), num(c.PositionsM[len(c.PositionsM)-1]), num(c.FreeS), c.Final)
	return append(out, section{title, rows})
}
