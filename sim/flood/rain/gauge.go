package rain

import (
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/paulmach/orb"

	"twin/geo/swmm"
)

// Gauge is a rain gauge with its record.
type Gauge struct {
	Name string
	// Pt is the gauge's map location (model map units) when HasPt.
	Pt    orb.Point
	HasPt bool
	// Rain is the record as blocks of intensity, s from the model start.
	Rain Blocks
}

// Reading is one value of a gauge record at T s from the model start, in
// the gauge's format: an intensity (mm/h), a depth over the interval (mm)
// or a running total (mm).
type Reading struct {
	T, V float64
}

// Record turns readings in a SWMM gauge format ("INTENSITY", "VOLUME" or
// "CUMULATIVE") into blocks the way SWMM 5 does (gage.c): each non-zero
// reading holds for intervalS seconds from its time; a reading before the
// previous block ends starts when it ends; VOLUME values are depths per
// interval and CUMULATIVE values running totals that restart when they
// drop. Readings must be in time order. It returns an error wrapping
// ErrInvalid for an unknown format, an interval <= 0, readings out of order
// or a negative intensity.
func Record(format string, intervalS float64, rs []Reading) (Blocks, error) {
	if !(intervalS > 0) {
		return nil, fmt.Errorf("%w: rain interval %g s", ErrInvalid, intervalS)
	}
	var b Blocks
	accum := 0.0
	for i, r := range rs {
		if i > 0 && r.T < rs[i-1].T {
			return nil, fmt.Errorf("%w: reading %d at %g s goes back in time", ErrInvalid, i, r.T)
		}
		var mmh float64
		switch format {
		case "INTENSITY":
			mmh = r.V
		case "VOLUME":
			mmh = r.V / intervalS * 3600
		case "CUMULATIVE":
			d := r.V - accum
			if r.V < accum {
				d = r.V
			}
			accum = r.V
			mmh = d / intervalS * 3600
		default:
			return nil, fmt.Errorf("%w: rain format %q", ErrInvalid, format)
		}
		if !(mmh >= 0) || math.IsInf(mmh, 0) {
			return nil, fmt.Errorf("%w: reading %d gives intensity %g mm/h", ErrInvalid, i, mmh)
		}
		if mmh == 0 {
			continue
		}
		t0, t1 := r.T, r.T+intervalS
		if n := len(b); n > 0 && t0 < b[n-1].T1 {
			t0 = b[n-1].T1
		}
		if t1 > t0 {
			b = append(b, Block{T0: t0, T1: t1, MMh: mmh})
		}
	}
	return b, nil
}

// SWMMGauges returns the rain gauges of m with their records, in model
// order, times in s from m.Options.Start. Gauges fed by a [TIMESERIES]
// use the model's series (already in mm/h or mm). Gauges fed by a rain
// file are read from files[gauge.File], a SWMM user-prepared rain file
// (see ReadSWMMFile); without one the error wraps ErrUnsupported. A
// missing series wraps ErrMissing. The snow catch factor is not applied:
// it scales snowfall only.
func SWMMGauges(m *swmm.Model, files map[string]io.Reader) ([]Gauge, error) {
	series := make(map[string]*swmm.TimeSeries, len(m.TimeSeries))
	for i := range m.TimeSeries {
		series[m.TimeSeries[i].Name] = &m.TimeSeries[i]
	}
	pts := make(map[string]orb.Point, len(m.Symbols))
	for _, s := range m.Symbols {
		pts[s.Name] = s.Pt
	}
	out := make([]Gauge, 0, len(m.RainGages))
	for _, g := range m.RainGages {
		rs, err := gaugeReadings(m, g, series, files)
		if err != nil {
			return nil, err
		}
		b, err := Record(g.Format, g.Interval, rs)
		if err != nil {
			return nil, fmt.Errorf("rain gauge %q: %w", g.Name, err)
		}
		pt, ok := pts[g.Name]
		out = append(out, Gauge{Name: g.Name, Pt: pt, HasPt: ok, Rain: b})
	}
	return out, nil
}

func gaugeReadings(m *swmm.Model, g swmm.RainGage, series map[string]*swmm.TimeSeries, files map[string]io.Reader) ([]Reading, error) {
	if g.Source == "FILE" {
		r, ok := files[g.File]
		if !ok {
			return nil, fmt.Errorf("%w: rain gauge %q reads file %q, which was not given", ErrUnsupported, g.Name, g.File)
		}
		return ReadSWMMFile(r, g.Station, g.FileUnits, m.Options.Start)
	}
	ts := series[g.Series]
	if ts == nil || ts.File != "" {
		return nil, fmt.Errorf("%w: time series %q of rain gauge %q", ErrMissing, g.Series, g.Name)
	}
	off := 0.0
	if ts.Dated {
		off = ts.Epoch.Sub(m.Options.Start).Seconds()
	}
	rs := make([]Reading, len(ts.Times))
	for i := range ts.Times {
		rs[i] = Reading{T: ts.Times[i] + off, V: ts.Values[i]}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].T < rs[j].T })
	return rs, nil
}
