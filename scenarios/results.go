package scenarios

import (
	"math"
	"sort"
)

// Results are what a scenario run produced: one VariantResult per plan,
// the baseline first. All times are seconds from the start unless named
// otherwise. Results marshal to the metrics.json of a report; the same
// scenario, World and seed give identical values.
type Results struct {
	Scenario    string  `json:"scenario"`
	Description string  `json:"description,omitempty"`
	Seed        uint64  `json:"seed"`
	Start       string  `json:"start"`
	DurationS   float64 `json:"duration_s"`
	StepS       float64 `json:"step_s"`
	// Partial is true when the run was cancelled: each variant holds what
	// it had reached (VariantResult.ReachedS).
	Partial  bool             `json:"partial"`
	Variants []*VariantResult `json:"variants"`
	// Comparisons hold each variant's headline metrics against the
	// baseline's.
	Comparisons []Comparison `json:"comparisons"`
}

// VariantResult is one coupled run.
type VariantResult struct {
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Simulations []string        `json:"simulations"`
	ReachedS    float64         `json:"reached_s"`
	Deltas      map[string]int  `json:"deltas"` // coupling deltas applied, by source
	Flood       *FloodResult    `json:"flood,omitempty"`
	Dispatch    *DispatchResult `json:"dispatch,omitempty"`
	Traffic     *TrafficResult  `json:"traffic,omitempty"`
	// Series are sampled at the end of every step.
	Series Series `json:"series"`
}

// Series are time series at the end of each step.
type Series struct {
	TS []float64 `json:"t_s"`
	// RainMMh is the mean rain intensity of the step, mm/h.
	RainMMh []float64 `json:"rain_mmh,omitempty"`
	// WaterM3 is the surface water volume, m³.
	WaterM3 []float64 `json:"water_m3,omitempty"`
	// ClosedLinks counts the links closed in the routing graph (by any
	// source).
	ClosedLinks []int `json:"closed_links"`
	// SpeedFactor is the length-weighted mean speed factor of the open
	// links.
	SpeedFactor []float64 `json:"speed_factor"`
	// Coverage is the dispatch coverage share (see
	// DispatchResult.CoverageStart).
	Coverage []float64 `json:"coverage,omitempty"`
}

// IncidentResult is one handled incident.
type IncidentResult struct {
	ID      string  `json:"id"`
	Name    string  `json:"name,omitempty"`
	AtS     float64 `json:"at_s"`
	Station string  `json:"station,omitempty"`
	Reached bool    `json:"reached"`
	// ResponseS = WaitS + turnout + TravelS, where WaitS is the time from
	// the call until a unit was free and the place reachable; 0 when no
	// unit reached the place before the end (Reached false).
	ResponseS float64 `json:"response_s"`
	WaitS     float64 `json:"wait_s"`
	TravelS   float64 `json:"travel_s"`
	// Lon and Lat place the incident, degrees (6 decimals); X and Y in
	// the World's CRS, m (for maps, not in the JSON).
	Lon  float64 `json:"lon"`
	Lat  float64 `json:"lat"`
	X, Y float64 `json:"-"`
}

// DispatchResult sums up the emergency response.
type DispatchResult struct {
	Incidents   int     `json:"incidents"`
	Reached     int     `json:"reached"`
	Unreachable int     `json:"unreachable"`
	MeanS       float64 `json:"mean_response_s"`
	MedianS     float64 `json:"median_response_s"`
	P90S        float64 `json:"p90_response_s"`
	// WithinTarget is the share of all incidents reached within the
	// target time, 0–1.
	WithinTarget float64 `json:"within_target"`
	TargetS      float64 `json:"target_s"`
	Units        int     `json:"units"`
	// CoverageStart and CoverageMin are the shares of the demand (building
	// floor area) that a station reaches within the target less turnout:
	// at the start, and the lowest at the end of any step (0–1).
	CoverageStart float64          `json:"coverage_start"`
	CoverageMin   float64          `json:"coverage_min"`
	Siting        *SitingResult    `json:"siting,omitempty"`
	List          []IncidentResult `json:"list"`
}

func summarize(list []IncidentResult, targetS float64, units int) *DispatchResult {
	r := &DispatchResult{Incidents: len(list), TargetS: targetS, Units: units, List: list}
	var rs []float64
	for _, in := range list {
		if !in.Reached {
			r.Unreachable++
			continue
		}
		r.Reached++
		rs = append(rs, in.ResponseS)
		if in.ResponseS <= targetS {
			r.WithinTarget++
		}
	}
	if len(list) > 0 {
		r.WithinTarget /= float64(len(list))
	}
	if len(rs) > 0 {
		sort.Float64s(rs)
		sum := 0.0
		for _, v := range rs {
			sum += v
		}
		r.MeanS, r.MedianS, r.P90S = sum/float64(len(rs)), quantile(rs, 0.5), quantile(rs, 0.9)
	}
	return r
}

// quantile returns the q-quantile of sorted values by linear
// interpolation between order statistics (R's type 7).
func quantile(sorted []float64, q float64) float64 {
	h := q * float64(len(sorted)-1)
	i := int(math.Floor(h))
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}
