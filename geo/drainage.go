package geo

import "github.com/paulmach/orb"

// Subcatchment is a SWMM subcatchment: an area whose runoff drains to one
// node (or another subcatchment).
type Subcatchment struct {
	ID        string
	Polygon   orb.Polygon // empty when the model has no [POLYGONS] for it
	RainGauge string
	Outlet    string
	Area      float64 // m²
	Imperv    float64 // impervious share, percent
	Width     float64 // characteristic overland flow width, m
	Slope     float64 // percent
	Attrs     Attrs
}

var _ Feature = (*Subcatchment)(nil)

// FeatureID implements Feature.
func (s *Subcatchment) FeatureID() string { return s.ID }

// Geometry implements Feature.
func (s *Subcatchment) Geometry() orb.Geometry { return s.Polygon }

// ZRange implements Feature.
func (s *Subcatchment) ZRange() (lo, hi float64) { return NaN, NaN }

// Properties implements Feature.
func (s *Subcatchment) Properties() map[string]any {
	m := map[string]any{"id": s.ID, "raingage": s.RainGauge, "outlet": s.Outlet,
		"area": s.Area, "imperv": s.Imperv, "width": s.Width, "slope": s.Slope}
	return copyAttrs(m, s.Attrs)
}

func (s *Subcatchment) transform(fn PointFunc) { transformGeometry(s.Polygon, fn) }

// RainGauge is a SWMM rain gauge with the time series it reads.
type RainGauge struct {
	ID    string
	Point orb.Point
	// Located says whether Point is known (SWMM [SYMBOLS]); a gauge without
	// a location has a nil Geometry and is not spatially indexed.
	Located bool
	// Format is the rainfall format: "INTENSITY", "VOLUME" or "CUMULATIVE".
	Format string
	// Interval is the recording interval, seconds.
	Interval float64
	// Series names the [TIMESERIES] entry, or "" for a file source.
	Series string
	// File is the rainfall file name for FILE sources, else "".
	File  string
	Attrs Attrs
}

var _ Feature = (*RainGauge)(nil)

// FeatureID implements Feature.
func (g *RainGauge) FeatureID() string { return g.ID }

// Geometry implements Feature: the gauge's point, nil when not Located.
func (g *RainGauge) Geometry() orb.Geometry {
	if !g.Located {
		return nil
	}
	return g.Point
}

// ZRange implements Feature.
func (g *RainGauge) ZRange() (lo, hi float64) { return NaN, NaN }

// Properties implements Feature.
func (g *RainGauge) Properties() map[string]any {
	m := map[string]any{"id": g.ID, "format": g.Format, "interval": g.Interval}
	if g.Series != "" {
		m["series"] = g.Series
	}
	if g.File != "" {
		m["file"] = g.File
	}
	return copyAttrs(m, g.Attrs)
}

func (g *RainGauge) transform(fn PointFunc) { g.Point = fn(g.Point) }

// TimeSeries is a named series of (time, value) pairs, as in SWMM's
// [TIMESERIES] and EPANET's [PATTERNS]. Times are seconds from the start of
// the simulation, or from Epoch when the source gave dates.
type TimeSeries struct {
	Name   string
	Times  []float64 // seconds, non-decreasing
	Values []float64 // in the source's unit (e.g. rainfall intensity mm/h or in/h)
	// Epoch is the Unix time (seconds) Times count from when the source gave
	// calendar dates, else 0.
	Epoch int64
	// File is set instead of Times/Values when the series is read from a file.
	File string
	// Unit names the unit of Values when the decoder knows it ("mm/h",
	// "mm", "m", "m3/s", …), else "" (as in the source).
	Unit string
}
