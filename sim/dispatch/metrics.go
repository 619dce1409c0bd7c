package dispatch

import (
	"math"
	"sort"
)

// Stats summarises a set of response times.
type Stats struct {
	// N is how many calls; Served how many had a unit on scene.
	N      int `json:"incidents"`
	Served int `json:"served"`
	// P50S, P90S and MeanS are over the served calls, seconds (0 when
	// none). Percentiles are nearest-rank: the ⌈p·n⌉-th smallest.
	P50S  float64 `json:"p50_s"`
	P90S  float64 `json:"p90_s"`
	MeanS float64 `json:"mean_s"`
	// WithinTarget is the share of all N calls served within the target.
	WithinTarget float64 `json:"within_target"`
}

// Summary is the headline of a run: what `twin dispatch --json` prints.
type Summary struct {
	Policy    string  `json:"policy"`
	DurationS float64 `json:"duration_s"`
	TargetS   float64 `json:"target_s"`
	// Stats are over all calls.
	Stats
	// ByType is per incident type.
	ByType map[IncidentType]Stats `json:"by_type"`
	// Utilisation is the mean utilisation of the units of each type.
	Utilisation map[UnitType]float64 `json:"utilisation"`
	// Coverage is, per unit type, the share of floor area within 8, 10 and
	// 15 min of an available unit at the start, and CoverageMean its mean
	// over the samples.
	Coverage     map[UnitType]CoverageAt `json:"coverage"`
	CoverageMean map[UnitType]CoverageAt `json:"coverage_mean"`
	Redispatches int                     `json:"redispatches"`
	Reroutes     int                     `json:"reroutes"`
	// BusyQ is MEXCLP's busy probability per unit type (omitted for
	// Nearest).
	BusyQ map[UnitType]float64 `json:"busy_q,omitempty"`
}

// CoverageAt holds coverage shares at 8, 10 and 15 minutes.
type CoverageAt struct {
	Min8  float64 `json:"min8"`
	Min10 float64 `json:"min10"`
	Min15 float64 `json:"min15"`
}

// Percentile returns the nearest-rank p-quantile (0 < p ≤ 1) of sorted
// values: the ⌈p·n⌉-th smallest; 0 for none.
func Percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	k := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[min(max(k, 0), len(sorted)-1)]
}

// ResponseStats summarises the calls' response times against targetS
// seconds. O(n log n).
func ResponseStats(in []IncidentRecord, targetS float64) Stats {
	st := Stats{N: len(in)}
	var rs []float64
	within := 0
	for _, r := range in {
		if r.ResponseS == nil {
			continue
		}
		rs = append(rs, *r.ResponseS)
		if *r.ResponseS <= targetS {
			within++
		}
	}
	st.Served = len(rs)
	if len(rs) == 0 {
		return st
	}
	sort.Float64s(rs)
	var sum float64
	for _, x := range rs {
		sum += x
	}
	st.P50S, st.P90S, st.MeanS = Percentile(rs, 0.5), Percentile(rs, 0.9), sum/float64(len(rs))
	st.WithinTarget = float64(within) / float64(st.N)
	return st
}

// Summarize computes a run's Summary.
func Summarize(r *Result) Summary {
	s := Summary{
		Policy: r.Policy, DurationS: r.DurationS, TargetS: r.TargetS,
		Stats: ResponseStats(r.Incidents, r.TargetS), ByType: map[IncidentType]Stats{},
		Utilisation: map[UnitType]float64{}, Coverage: map[UnitType]CoverageAt{}, CoverageMean: map[UnitType]CoverageAt{},
		Redispatches: r.Redispatches, Reroutes: r.Reroutes, BusyQ: r.BusyQ,
	}
	byType := map[IncidentType][]IncidentRecord{}
	for _, in := range r.Incidents {
		byType[in.Type] = append(byType[in.Type], in)
	}
	for t, ins := range byType {
		s.ByType[t] = ResponseStats(ins, r.TargetS)
	}
	n := map[UnitType]int{}
	for _, u := range r.Units {
		s.Utilisation[u.Type] += u.Utilisation
		n[u.Type]++
	}
	for t, k := range n {
		s.Utilisation[t] /= float64(k)
	}
	if len(r.Coverage) > 0 {
		sum := map[UnitType][3]float64{}
		for _, c := range r.Coverage {
			for t, v := range c.Share {
				a := sum[t]
				for k := range a {
					a[k] += v[k]
				}
				sum[t] = a
			}
		}
		for t, v := range r.Coverage[0].Share {
			s.Coverage[t] = CoverageAt{v[0], v[1], v[2]}
		}
		m := float64(len(r.Coverage))
		for t, v := range sum {
			s.CoverageMean[t] = CoverageAt{v[0] / m, v[1] / m, v[2] / m}
		}
	}
	return s
}
