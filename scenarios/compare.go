package scenarios

import "math"

// Comparison is one headline metric of a variant against the baseline.
type Comparison struct {
	Variant string  `json:"variant"`
	Metric  string  `json:"metric"`
	Unit    string  `json:"unit"`
	Base    float64 `json:"baseline"`
	Value   float64 `json:"value"`
	// Delta = Value − Base; Pct = 100·Delta/|Base| (0 when Base is 0).
	Delta float64 `json:"delta"`
	Pct   float64 `json:"pct"`
	// Better is "lower" or "higher": which direction is an improvement;
	// Verdict is "better", "worse" or "same".
	Better  string `json:"better"`
	Verdict string `json:"verdict"`
}

// headline is a metric the report compares.
type headline struct {
	name, unit, better string
	get                func(*VariantResult) (float64, bool)
}

var headlines = []headline{
	{"mean response time", "s", "lower", func(v *VariantResult) (float64, bool) {
		return dispatchValue(v, func(d *DispatchResult) float64 { return d.MeanS })
	}},
	{"90th percentile response time", "s", "lower", func(v *VariantResult) (float64, bool) {
		return dispatchValue(v, func(d *DispatchResult) float64 { return d.P90S })
	}},
	{"incidents reached within target", "%", "higher", func(v *VariantResult) (float64, bool) {
		return dispatchValue(v, func(d *DispatchResult) float64 { return 100 * d.WithinTarget })
	}},
	{"unreachable incidents", "", "lower", func(v *VariantResult) (float64, bool) {
		return dispatchValue(v, func(d *DispatchResult) float64 { return float64(d.Unreachable) })
	}},
	{"peak closed road links", "", "lower", func(v *VariantResult) (float64, bool) {
		return floodValue(v, func(f *FloodResult) float64 { return float64(f.PeakClosedLinks) })
	}},
	{"flooded area (max depth ≥ 0.1 m)", "ha", "lower", func(v *VariantResult) (float64, bool) {
		return floodValue(v, func(f *FloodResult) float64 { return f.FloodedAreaHa })
	}},
	{"affected buildings", "", "lower", func(v *VariantResult) (float64, bool) {
		return floodValue(v, func(f *FloodResult) float64 { return float64(f.AffectedBuildings) })
	}},
	{"corridor travel time (outbound)", "s", "lower", func(v *VariantResult) (float64, bool) {
		if v.Traffic == nil || v.Traffic.Corridor == nil {
			return 0, false
		}
		return v.Traffic.Corridor.FinalOutS, true
	}},
	{"mean speed factor", "", "higher", func(v *VariantResult) (float64, bool) {
		if v.Traffic == nil {
			return 0, false
		}
		return v.Traffic.MeanFactor, true
	}},
}

func dispatchValue(v *VariantResult, f func(*DispatchResult) float64) (float64, bool) {
	if v.Dispatch == nil || v.Dispatch.Reached == 0 {
		return 0, false
	}
	return f(v.Dispatch), true
}

func floodValue(v *VariantResult, f func(*FloodResult) float64) (float64, bool) {
	if v.Flood == nil {
		return 0, false
	}
	return f(v.Flood), true
}

// compare lists each variant's headline metrics against the baseline.
func compare(vs []*VariantResult) []Comparison {
	var out []Comparison
	if len(vs) == 0 {
		return out
	}
	base := vs[0]
	for _, v := range vs[1:] {
		for _, h := range headlines {
			b, ok1 := h.get(base)
			x, ok2 := h.get(v)
			if !ok1 || !ok2 {
				continue
			}
			out = append(out, newComparison(v.Name, h, b, x))
		}
	}
	return out
}

func newComparison(variant string, h headline, b, x float64) Comparison {
	c := Comparison{Variant: variant, Metric: h.name, Unit: h.unit, Base: round3(b), Value: round3(x), Better: h.better}
	c.Delta = round3(c.Value - c.Base)
	if c.Base != 0 {
		c.Pct = round3(100 * c.Delta / math.Abs(c.Base))
	}
	switch {
	case c.Delta == 0:
		c.Verdict = "same"
	case (c.Delta < 0) == (h.better == "lower"):
		c.Verdict = "better"
	default:
		c.Verdict = "worse"
	}
	return c
}

// round3 rounds to 3 decimals, so that metrics.json carries no
// floating-point noise.
func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
