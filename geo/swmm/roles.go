package swmm

import (
	"math"
	"strings"

	"twin/geo"
	"twin/geo/internal/inp"
)

// seriesUse is one way a time series is used, with the unit its values
// have once converted and the factor from file units.
type seriesUse struct {
	unit   string
	factor float64
}

// convertByUse converts curves by their type and time series by the
// objects that use them: a SWMM series has no unit of its own, its values
// are in whatever unit the user (a rain gage, an outfall, an inflow)
// expects. A series with conflicting uses is left as in the file, with a
// counted warning; one no modelled object uses is left as in the file too.
func (d *decoder) convertByUse() {
	for i := range d.m.Curves {
		c := &d.m.Curves[i]
		kx, ky := curveFactors(c.Type, d.u)
		if !scale(c.X, kx) || !scale(c.Y, ky) {
			d.Failf(d.curveLine[i], geo.ErrInvalid, "curve %q out of range after unit conversion", c.Name)
			return
		}
	}
	uses := map[string]seriesUse{}
	conflict := map[string]bool{}
	use := func(name string, u seriesUse) {
		if prev, ok := uses[name]; ok && prev != u {
			conflict[name] = true
		}
		uses[name] = u
	}
	for _, g := range d.m.RainGages {
		if g.Source == "TIMESERIES" {
			unit := "mm/h"
			if g.Format != "INTENSITY" {
				unit = "mm"
			}
			use(g.Series, seriesUse{unit, d.u.rain})
		}
	}
	for _, o := range d.m.Outfalls {
		if o.Type == OutfallTimeseries {
			use(o.Series, seriesUse{"m", d.u.length})
		}
	}
	for _, in := range d.m.Inflows {
		if in.Series == "" {
			continue
		}
		if in.Type == "FLOW" {
			use(in.Series, seriesUse{"m3/s", d.u.flow})
		} else {
			use(in.Series, seriesUse{"", 1}) // pollutant: no unit change
		}
	}
	for i := range d.m.TimeSeries {
		ts := &d.m.TimeSeries[i]
		u, ok := uses[ts.Name]
		switch {
		case !ok:
		case conflict[ts.Name]:
			d.count("time series with conflicting uses left in file units", d.seriesState[i].line, ts.Name)
		default:
			ts.Unit = u.unit
			if !scale(ts.Values, u.factor) {
				d.Failf(d.seriesState[i].line, geo.ErrInvalid, "time series %q out of range after unit conversion", ts.Name)
				return
			}
		}
	}
}

// scale multiplies v by k in place and reports whether all stay finite.
func scale(v []float64, k float64) bool {
	ok := true
	for i := range v {
		v[i] *= k
		ok = ok && !math.IsInf(v[i], 0)
	}
	return ok
}

// IsUS reports whether FlowUnits names a US customary unit system.
func (o *ModelOptions) IsUS() bool {
	return inp.OneOf(strings.ToUpper(o.FlowUnits), "CFS", "GPM", "MGD")
}
