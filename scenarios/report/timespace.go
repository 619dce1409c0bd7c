package report

import (
	"fmt"

	"gonum.org/v1/plot"

	"twin/scenarios"
	"twin/sim/traffic/greenwave"
)

// timeSpaceCharts draws the time–space diagram of each corridor plan of
// the first run that has a corridor with greenwave.Diagram: each signal's
// green and red for both directions over three cycles, and the outbound
// and inbound green bands.
func timeSpaceCharts(res *scenarios.Results) ([]Chart, error) {
	for _, v := range res.Variants {
		if v.Traffic == nil || v.Traffic.Corridor == nil {
			continue
		}
		c := v.Traffic.Corridor
		var out []Chart
		for _, po := range c.Plans {
			p, err := timeSpace(c, po)
			if err != nil {
				return nil, err
			}
			title := fmt.Sprintf("Time–space diagram of %s, %s plan (outbound band %s s)", c.Road, po.Plan, num(po.BandOutS))
			ch, err := render(p, "timespace-"+po.Plan, title)
			if err != nil {
				return nil, err
			}
			out = append(out, ch...)
		}
		return out, nil
	}
	return nil, nil
}

// timeSpace rebuilds greenwave's corridor and plan from a corridor result
// and draws them. Leg times come from LegOutS and LegInS, or, in results
// without them, from the positions at SpeedMS.
func timeSpace(c *scenarios.CorridorResult, po scenarios.PlanOutcome) (*plot.Plot, error) {
	n := len(c.Signals)
	if len(c.PositionsM) != n || len(po.OffsetsS) != n || len(po.GreenOut) != n || len(po.GreenIn) != n || n == 0 {
		return nil, fmt.Errorf("report: corridor %s: %d signals, %d positions, plan %s of %d", c.Road, n, len(c.PositionsM), po.Plan, len(po.OffsetsS))
	}
	gc := &greenwave.Corridor{}
	p := &greenwave.Plan{Cycle: po.CycleS, Out: greenwave.Band{Width: po.BandOutS, Start: po.BandOutStartS},
		In: greenwave.Band{Width: po.BandInS, Start: po.BandInStartS}}
	for i, id := range c.Signals {
		gc.Signals = append(gc.Signals, greenwave.Signal{ID: id})
		p.Signals = append(p.Signals, greenwave.SignalPlan{ID: id, Offset: po.OffsetsS[i], Position: c.PositionsM[i],
			GreenOut: greenwave.Green{Start: po.GreenOut[i].Start, Length: po.GreenOut[i].Length},
			GreenIn:  greenwave.Green{Start: po.GreenIn[i].Start, Length: po.GreenIn[i].Length}})
		if i == 0 {
			continue
		}
		length := c.PositionsM[i] - c.PositionsM[i-1]
		out, in := length/c.SpeedMS, length/c.SpeedMS
		if len(c.LegOutS) == n-1 && len(c.LegInS) == n-1 {
			out, in = c.LegOutS[i-1], c.LegInS[i-1]
		}
		gc.Links = append(gc.Links, greenwave.Link{Out: greenwave.Leg{Length: length, Speed: length / out},
			In: greenwave.Leg{Length: length, Speed: length / in}})
	}
	return greenwave.Diagram(gc, p, greenwave.DiagramOptions{Title: fmt.Sprintf("%s: %s plan", c.Road, po.Plan)})
}
