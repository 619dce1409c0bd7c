package swmm

import (
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
		if !inp.Scale(c.X, kx) || !inp.Scale(c.Y, ky) {
			d.Failf(d.curveLine[i], geo.ErrInvalid, "curve %q out of range after unit conversion", c.Name)
			return
		}
	}
	var uses inp.Uses[seriesUse]
	for _, g := range d.m.RainGages {
		if g.Source == "TIMESERIES" {
			unit := "mm/h"
			if g.Format != "INTENSITY" {
				unit = "mm"
			}
			uses.Add(g.Series, seriesUse{unit, d.u.rain})
		}
	}
	for _, o := range d.m.Outfalls {
		if o.Type == OutfallTimeseries {
			uses.Add(o.Series, seriesUse{"m", d.u.length})
		}
	}
	for _, in := range d.m.Inflows {
		if in.Series == "" {
			continue
		}
		if in.Type == "FLOW" {
			uses.Add(in.Series, seriesUse{"m3/s", d.u.flow})
		} else {
			uses.Add(in.Series, seriesUse{"", 1}) // pollutant: no unit change
		}
	}
	for i := range d.m.TimeSeries {
		ts := &d.m.TimeSeries[i]
		u, ok := uses.Of(&d.Decoder, ts.Name, "time series", d.seriesState[i].line)
		if !ok {
			continue
		}
		ts.Unit = u.unit
		if !inp.Scale(ts.Values, u.factor) {
			d.Failf(d.seriesState[i].line, geo.ErrInvalid, "time series %q out of range after unit conversion", ts.Name)
			return
		}
	}
}

// IsUS reports whether FlowUnits names a US customary unit system.
func (o *ModelOptions) IsUS() bool {
	return inp.OneOf(strings.ToUpper(o.FlowUnits), "CFS", "GPM", "MGD")
}
