package dispatch

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// defaultDiurnal is the relative hourly call rate, hour 0 = 00:00–01:00,
// before normalisation to a mean of 1. Its shape is the one reported for
// emergency medical call volumes: a trough in the small hours at about
// half the daily mean (04:00–05:00), a steep morning rise, a broad
// maximum about 1.3 × the mean peaking in mid-afternoon, and a slow
// evening decline. Sources for the shape: Helander, Formica and
// Bergen-Cico, "The daily patterns of emergency medical events", Journal
// of Biological Rhythms, 2023 (311 million NEMSIS dispatches 2010–2022:
// one sinusoidal daily rhythm, peaking mid-afternoon, across all 33 call
// types); Channouf, L'Ecuyer, Ingolfsson and Avramidis, "The application
// of forecasting techniques to modeling emergency medical system calls in
// Calgary, Alberta", Health Care Management Science 10, 2007 (hourly
// shares of the daily volume). The values are a smooth curve of that
// shape, not either paper's data.
var defaultDiurnal = [24]float64{
	0.80, 0.70, 0.62, 0.56, 0.52, 0.54, 0.64, 0.82, 1.00, 1.14, 1.22, 1.27,
	1.29, 1.31, 1.33, 1.34, 1.33, 1.31, 1.27, 1.20, 1.12, 1.04, 0.96, 0.88,
}

// DefaultDiurnal returns the default hourly profile normalised to a mean
// of 1 (see the comment on its values in the source for the curve's
// origin): element h scales the rate from h:00 to h+1:00.
func DefaultDiurnal() [24]float64 {
	var sum float64
	for _, v := range defaultDiurnal {
		sum += v
	}
	out := defaultDiurnal
	for i := range out {
		out[i] *= 24 / sum
	}
	return out
}

// GeneratorOptions configure GenerateIncidents.
type GeneratorOptions struct {
	// RatePerHour is the daily mean call rate, calls per hour (> 0).
	RatePerHour float64
	// Diurnal scales the rate hour by hour; nil means DefaultDiurnal. It
	// is normalised to a mean of 1, so RatePerHour stays the daily mean.
	Diurnal []float64
	// Flat makes the rate constant (no time-of-day variation).
	Flat bool
	// StartHour is the time of day at t = 0, hours (0 ≤ StartHour < 24).
	StartHour float64
	// Mix gives the share of each incident type; nil means 10 % fire,
	// 70 % medical, 20 % traffic (EMS calls dominate a city's emergency
	// calls). Shares are normalised; types are taken in name order.
	Mix map[IncidentType]float64
}

// Validate checks the rate, the profile (24 non-negative values, not all
// zero), the start hour and the mix (non-negative, not all zero), and
// returns ErrOptions otherwise.
func (o GeneratorOptions) Validate() error {
	if !(o.RatePerHour > 0) || math.IsInf(o.RatePerHour, 0) {
		return fmt.Errorf("%w: RatePerHour %v", ErrOptions, o.RatePerHour)
	}
	if !(o.StartHour >= 0 && o.StartHour < 24) {
		return fmt.Errorf("%w: StartHour %v", ErrOptions, o.StartHour)
	}
	if o.Diurnal != nil && (len(o.Diurnal) != 24 || !positiveSum(o.Diurnal)) {
		return fmt.Errorf("%w: Diurnal needs 24 non-negative values, not all 0", ErrOptions)
	}
	if o.Mix != nil {
		var v []float64
		for _, x := range o.Mix {
			v = append(v, x)
		}
		if !positiveSum(v) {
			return fmt.Errorf("%w: Mix needs non-negative shares, not all 0", ErrOptions)
		}
	}
	return nil
}

func positiveSum(v []float64) bool {
	var s float64
	for _, x := range v {
		if !(x >= 0) || math.IsInf(x, 0) {
			return false
		}
		s += x
	}
	return s > 0
}

// profile returns the hourly rate in calls per second.
func (o GeneratorOptions) profile() [24]float64 {
	var p [24]float64
	switch {
	case o.Flat:
		for i := range p {
			p[i] = 1
		}
	case o.Diurnal != nil:
		var sum float64
		for _, v := range o.Diurnal {
			sum += v
		}
		for i := range p {
			p[i] = o.Diurnal[i] * 24 / sum
		}
	default:
		p = DefaultDiurnal()
	}
	for i := range p {
		p[i] *= o.RatePerHour / 3600
	}
	return p
}

// ExpectedCount returns the expected number of calls in [0, durationS):
// the integral of the rate, exact for the piecewise-constant profile.
func (o GeneratorOptions) ExpectedCount(durationS float64) float64 {
	p := o.profile()
	var n float64
	t := 0.0
	for t < durationS {
		clock := math.Mod(o.StartHour*3600+t, 86400)
		h := int(clock / 3600)
		step := min(float64(h+1)*3600-clock, durationS-t)
		n += p[h] * step
		t += step
	}
	return n
}

// GenerateIncidents draws calls over [0, durationS) seconds: times from a
// Poisson process whose rate follows the hourly profile (by thinning a
// homogeneous process at the peak rate, Lewis and Shedler 1979), places
// from the demand points with probability proportional to floor area, and
// types from the mix. IDs are "i1", "i2", … in time order. The same rng
// state and inputs give the same incidents. Errors: ErrOptions.
// O(N log n) for N calls over n demand points.
func GenerateIncidents(rng *rand.Rand, d *Demand, durationS float64, opt GeneratorOptions) ([]Incident, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if !(durationS >= 0) || math.IsInf(durationS, 0) {
		return nil, fmt.Errorf("%w: duration %v s", ErrOptions, durationS)
	}
	p := opt.profile()
	peak := 0.0
	for _, v := range p {
		peak = max(peak, v)
	}
	types, cum := opt.mix()
	var out []Incident
	for t := rng.ExpFloat64() / peak; t < durationS; t += rng.ExpFloat64() / peak {
		h := int(math.Mod(opt.StartHour*3600+t, 86400) / 3600)
		if rng.Float64()*peak >= p[h] {
			continue
		}
		i := d.pick(rng.Float64())
		k := sort.SearchFloat64s(cum, rng.Float64()*cum[len(cum)-1])
		k = min(k, len(types)-1)
		out = append(out, Incident{
			ID: fmt.Sprintf("i%d", len(out)+1), Type: types[k], TimeS: t, Point: d.Points[i],
		})
	}
	return out, nil
}

// mix returns the incident types in name order and the running sums of
// their shares.
func (o GeneratorOptions) mix() ([]IncidentType, []float64) {
	m := o.Mix
	if m == nil {
		m = map[IncidentType]float64{Fire: 0.1, Medical: 0.7, Traffic: 0.2}
	}
	var types []IncidentType
	for t, v := range m {
		if v > 0 {
			types = append(types, t)
		}
	}
	sort.Slice(types, func(i, j int) bool { return types[i] < types[j] })
	cum := make([]float64, len(types))
	s := 0.0
	for i, t := range types {
		s += m[t]
		cum[i] = s
	}
	return types, cum
}
