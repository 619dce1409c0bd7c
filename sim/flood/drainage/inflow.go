package drainage

import (
	"fmt"
	"time"

	"twin/geo/swmm"
)

// extInflow is a FLOW entry of [INFLOWS]: Q(t) = Scale·series(t) +
// Baseline·pattern(t), m³/s, the series interpolated linearly and held at
// its ends (as SWMM's inflow tables).
type extInflow struct {
	node     int
	series   table
	hasSer   bool
	scale    float64
	baseline float64
	pattern  *swmm.Pattern
}

// dwfInflow is a FLOW entry of [DWF]: Baseline times its patterns'
// factors for the month, day and hour.
type dwfInflow struct {
	node     int
	baseline float64
	patterns []*swmm.Pattern
}

func (s *Sim) buildInflows(m *swmm.Model) error {
	series := map[string]*swmm.TimeSeries{}
	for i := range m.TimeSeries {
		series[m.TimeSeries[i].Name] = &m.TimeSeries[i]
	}
	pats := map[string]*swmm.Pattern{}
	for i := range m.Patterns {
		pats[m.Patterns[i].Name] = &m.Patterns[i]
	}
	for _, in := range m.Inflows {
		if in.Type != "FLOW" {
			continue // pollutant loads: not simulated
		}
		e := extInflow{node: s.nodeIdx[in.Node], scale: in.ScaleFactor, baseline: in.Baseline, pattern: pats[in.Pattern]}
		if in.Series != "" {
			ts := series[in.Series]
			if ts == nil || ts.File != "" {
				return fmt.Errorf("%w: inflow at %q names series %q", ErrInvalid, in.Node, in.Series)
			}
			tb := seriesTable(ts)
			if ts.Dated {
				off := ts.Epoch.Sub(s.start).Seconds()
				x := make([]float64, len(ts.Times))
				for i, t := range ts.Times {
					x[i] = t + off
				}
				tb.x = x
			}
			e.series, e.hasSer = tb, true
		}
		s.inflows = append(s.inflows, e)
	}
	for _, d := range m.DWF {
		if d.Constituent != "FLOW" {
			continue
		}
		w := dwfInflow{node: s.nodeIdx[d.Node], baseline: d.Baseline}
		for _, p := range d.Patterns {
			if p = trimQuotes(p); p != "" && pats[p] != nil {
				w.patterns = append(w.patterns, pats[p])
			}
		}
		s.dwf = append(s.dwf, w)
	}
	return nil
}

func trimQuotes(p string) string {
	if len(p) >= 2 && p[0] == '"' && p[len(p)-1] == '"' {
		return p[1 : len(p)-1]
	}
	return p
}

// addInflows adds external and dry-weather inflows at time t (s) to the
// nodes' lateral inflows.
func (s *Sim) addInflows(t float64) {
	if len(s.inflows) == 0 && len(s.dwf) == 0 {
		return
	}
	date := s.start.Add(time.Duration(t * float64(time.Second)))
	for i := range s.inflows {
		e := &s.inflows[i]
		q := e.baseline * patternFactor(e.pattern, date)
		if e.hasSer {
			q += e.scale * e.series.at(t)
		}
		s.nodes[e.node].lat += q
		s.mass.extRate += q
	}
	for i := range s.dwf {
		w := &s.dwf[i]
		q := w.baseline
		for _, p := range w.patterns {
			q *= patternFactor(p, date)
		}
		s.nodes[w.node].lat += q
		s.mass.dwfRate += q
	}
}

// patternFactor returns pattern p's multiplier at date (1 for nil):
// MONTHLY by month, DAILY by weekday (Sunday first), HOURLY by hour,
// WEEKEND by hour on Saturdays and Sundays (1 on weekdays).
func patternFactor(p *swmm.Pattern, date time.Time) float64 {
	if p == nil {
		return 1
	}
	var k int
	switch p.Type {
	case "MONTHLY":
		k = int(date.Month()) - 1
	case "DAILY":
		k = int(date.Weekday())
	case "HOURLY":
		k = date.Hour()
	case "WEEKEND":
		if wd := date.Weekday(); wd != time.Saturday && wd != time.Sunday {
			return 1
		}
		k = date.Hour()
	}
	if k < len(p.Factors) {
		return p.Factors[k]
	}
	return 1
}
