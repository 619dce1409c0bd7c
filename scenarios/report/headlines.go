package report

import (
	"fmt"

	"twin/scenarios"
)

// Headlines returns up to three one-line headline numbers of a run: the
// flood's toll and the emergency response of the baseline, and the largest
// improvement (else change) the first variant (the proposal) brings, in
// per cent.
func Headlines(res *scenarios.Results) []string {
	if res == nil || len(res.Variants) == 0 || res.Variants[0] == nil {
		return nil
	}
	var out []string
	base := res.Variants[0]
	if f := firstFlood(res); f != nil {
		out = append(out, fmt.Sprintf("flood (%s): %d road links closed at the peak, %d buildings affected, %s ha under ≥ 0.1 m of water",
			f.name, f.r.PeakClosedLinks, f.r.AffectedBuildings, num(f.r.FloodedAreaHa)))
	}
	if d := base.Dispatch; d != nil && d.Reached > 0 {
		out = append(out, fmt.Sprintf("response (%s): mean %s min, 90th percentile %s min, %s %% within %s, %d of %d incidents reached",
			base.Name, num(round1(d.MeanS/60)), num(round1(d.P90S/60)), num(round1(100*d.WithinTarget)), dur(d.TargetS), d.Reached, d.Incidents))
	}
	var first []scenarios.Comparison
	for _, c := range res.Comparisons {
		if len(res.Variants) > 1 && c.Variant == res.Variants[1].Name {
			first = append(first, c)
		}
	}
	if c, ok := bestChange(first); ok {
		out = append(out, fmt.Sprintf("%s: %s %s → %s (%s, %s)", c.Variant, withUnit(c.Metric, c.Unit), num(c.Base), num(c.Value), pct(c), c.Verdict))
	}
	return out
}

type namedFlood struct {
	name string
	r    *scenarios.FloodResult
}

// firstFlood is the first run where rain fell.
func firstFlood(res *scenarios.Results) *namedFlood {
	for _, v := range res.Variants {
		if v != nil && v.Flood != nil && v.Flood.RainMM > 0 {
			return &namedFlood{v.Name, v.Flood}
		}
	}
	return nil
}

// bestChange is the comparison with the largest improvement in per cent,
// else the largest change.
func bestChange(cs []scenarios.Comparison) (scenarios.Comparison, bool) {
	best, found, better := scenarios.Comparison{}, false, false
	for _, c := range cs {
		if c.Base == 0 || c.Verdict == "same" {
			continue
		}
		isBetter := c.Verdict == "better"
		switch {
		case !found, isBetter && !better, isBetter == better && abs(c.Pct) > abs(best.Pct):
			best, found, better = c, true, isBetter
		}
	}
	return best, found
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

func round1(v float64) float64 { return float64(int64(v*10+0.5)) / 10 }
