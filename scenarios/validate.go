package scenarios

import (
	"fmt"
	"math"
	"time"
)

// maxRainMMh is the largest plausible rain intensity: the world's record
// one-hour fall is about 305 mm (Holt, Missouri, 1947; WMO); a larger
// value is taken for rain in the wrong unit.
const maxRainMMh = 400

// validate checks what the file says on its own.
func (s *Scenario) validate(is *issues) {
	s.started = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if s.Start != "" {
		t, err := time.Parse(time.RFC3339, s.Start)
		if err != nil {
			is.addf(ErrInvalid, "$.start", "start %q: want RFC 3339 like 2026-07-14T17:00:00+02:00", s.Start)
		}
		s.started = t
	}
	if s.Duration <= 0 {
		is.addf(ErrInvalid, "$.duration", "duration %v: must be positive", s.Duration)
	} else if s.Duration > 7*24*time.Hour {
		is.addf(ErrInvalid, "$.duration", "duration %v: at most 7 days", s.Duration)
	}
	if s.Step < 0 || s.Duration > 0 && s.Step > s.Duration {
		is.addf(ErrInvalid, "$.step", "step %v: must be positive and at most the duration", s.Step)
	} else if s.Step > 0 && s.Step < time.Second {
		is.addf(ErrInvalid, "$.step", "step %v: at least 1s", s.Step)
	}
	checkSims(is, "$.simulations", s.Simulations)
	checkOutputs(is, s.Outputs)
	if len(s.City.Files) > 0 && s.City.Sample {
		is.addf(ErrInvalid, "$.city", "city: give sample or files, not both")
	}
	s.Flood.validate(is, "$.flood")
	s.Dispatch.validate(is, "$.dispatch")
	s.Traffic.validate(is, "$.traffic")
	names := checkEvents(is, "$.events", s.Events, s.Duration)
	s.validateVariants(is, names)
}

func (s *Scenario) validateVariants(is *issues, names map[string]bool) {
	seen := map[string]bool{"baseline": true}
	for i := range s.Variants {
		v := &s.Variants[i]
		p := fmt.Sprintf("$.variants[%d]", i)
		if v.Name == "" || seen[v.Name] {
			is.addf(ErrInvalid, p+".name", "variant %d: needs a unique name other than baseline", i+1)
		}
		seen[v.Name] = true
		checkSims(is, p+".simulations", v.Simulations)
		if v.Flood != nil {
			v.Flood.validate(is, p+".flood")
		}
		if v.Dispatch != nil {
			v.Dispatch.validate(is, p+".dispatch")
		}
		if v.Traffic != nil {
			v.Traffic.validate(is, p+".traffic")
		}
		checkEvents(is, p+".events", v.Events, s.Duration)
		for j, d := range v.Drop {
			if !names[d] {
				is.addf(ErrInvalid, fmt.Sprintf("%s.drop[%d]", p, j), "drop %q: no baseline event has that name", d)
			}
		}
	}
}

func checkSims(is *issues, path string, sims []string) {
	for i, n := range sims {
		if n != SimFlood && n != SimDispatch && n != SimTraffic {
			is.addf(ErrInvalid, fmt.Sprintf("%s[%d]", path, i), "simulation %q: want flood, dispatch or traffic", n)
		}
	}
}

func checkOutputs(is *issues, outs []string) {
	for i, n := range outs {
		switch n {
		case "metrics", "markdown", "html", "plots":
		default:
			is.addf(ErrInvalid, fmt.Sprintf("$.outputs[%d]", i), "output %q: want metrics, markdown, html or plots", n)
		}
	}
}

// between reports whether v is finite and in [lo, hi]; zero (the default)
// always passes.
func between(v, lo, hi float64) bool {
	return v == 0 || !math.IsNaN(v) && v >= lo && v <= hi
}

func (f *FloodSpec) validate(is *issues, p string) {
	if f.Model != "" && f.Model != FloodUrban && f.Model != FloodSurface {
		is.addf(ErrInvalid, p+".model", "flood model %q: want urban or surface", f.Model)
	}
	if !between(f.CellM, 5, 500) {
		is.addf(ErrInvalid, p+".cell_m", "cell_m %g: want 5 to 500 m", f.CellM)
	}
	if !between(f.Manning, 0.005, 0.5) {
		is.addf(ErrInvalid, p+".manning", "manning %g: want 0.005 to 0.5 s/m^(1/3)", f.Manning)
	}
	if !between(f.CloseDepthM, 0.01, 5) {
		is.addf(ErrInvalid, p+".close_depth_m", "close_depth_m %g: want 0.01 to 5 m", f.CloseDepthM)
	}
	if !between(f.SewerFactor, 1e-6, 100) {
		is.addf(ErrInvalid, p+".sewer_factor", "sewer_factor %g: want 0 to 100", f.SewerFactor)
	}
	for i, g := range f.Gauges {
		checkLonLat(is, fmt.Sprintf("%s.gauges[%d]", p, i), g.Lon, g.Lat)
	}
}

func (d *DispatchSpec) validate(is *issues, p string) {
	for i, st := range d.Stations {
		checkStation(is, fmt.Sprintf("%s.stations[%d]", p, i), st)
	}
	for _, c := range []struct {
		key string
		v   time.Duration
	}{{"turnout", d.Turnout}, {"on_scene", d.OnScene}, {"target", d.Target}} {
		if c.v < 0 || c.v > 24*time.Hour {
			is.addf(ErrInvalid, p+"."+c.key, "%s %v: want 0 to 24h", c.key, c.v)
		}
	}
	if !between(d.SnapM, 1, 10000) {
		is.addf(ErrInvalid, p+".snap_m", "snap_m %g: want 1 to 10000 m", d.SnapM)
	}
	if st := d.Siting; st != nil {
		if st.Stations < 1 || st.Stations > 20 {
			is.addf(ErrInvalid, p+".siting.stations", "siting stations %d: want 1 to 20", st.Stations)
		}
		if st.Units < 0 || st.Units > 100 {
			is.addf(ErrInvalid, p+".siting.units", "siting units %d: want 0 to 100", st.Units)
		}
		if st.Candidates < 0 || st.Candidates > 2000 {
			is.addf(ErrInvalid, p+".siting.candidates", "siting candidates %d: want 0 to 2000", st.Candidates)
		}
		if st.Standard < 0 || st.Standard > 2*time.Hour {
			is.addf(ErrInvalid, p+".siting.standard", "siting standard %v: want 0 to 2h", st.Standard)
		}
	}
}

func checkStation(is *issues, p string, st Station) {
	if st.Name == "" {
		is.addf(ErrInvalid, p, "station needs a name")
	}
	if st.Units < 0 || st.Units > 1000 {
		is.addf(ErrInvalid, p+".units", "units %d: want 0 to 1000", st.Units)
	}
	checkLonLat(is, p, st.Lon, st.Lat)
}

func checkLonLat(is *issues, p string, lon, lat float64) {
	if !(lon >= -180 && lon <= 180) {
		is.addf(ErrInvalid, p+".lon", "lon %g: want -180 to 180 degrees", lon)
	}
	if !(lat >= -90 && lat <= 90) {
		is.addf(ErrInvalid, p+".lat", "lat %g: want -90 to 90 degrees", lat)
	}
}

func (t *TrafficSpec) validate(is *issues, p string) {
	if t.Model != "" && t.Model != TrafficBPR && t.Model != TrafficMicro {
		is.addf(ErrInvalid, p+".model", "traffic model %q: want bpr or micro", t.Model)
	}
	if !between(t.DemandVPH, 1, 100000) {
		is.addf(ErrInvalid, p+".demand_vph", "demand_vph %g: want 1 to 100000 vehicles per hour", t.DemandVPH)
	}
	if t.Peak != "" {
		if _, err := time.Parse("15:04", t.Peak); err != nil {
			is.addf(ErrInvalid, p+".peak", "peak %q: want HH:MM", t.Peak)
		}
	}
	if t.PeakWidth < 0 {
		is.addf(ErrInvalid, p+".peak_width", "peak_width %v: must be positive", t.PeakWidth)
	}
	if !between(t.PeakVC, 0, 2) {
		is.addf(ErrInvalid, p+".peak_vc", "peak_vc %g: want 0 to 2", t.PeakVC)
	}
	if !between(t.BaseVC, 0, 2) {
		is.addf(ErrInvalid, p+".base_vc", "base_vc %g: want 0 to 2", t.BaseVC)
	}
}
