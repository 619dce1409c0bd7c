package render

import "image"

// HUD is the heads-up display data of one frame. The driver blends Overlay
// (when non-nil) over the frame at the top-left corner; the other fields are
// the data it was drawn from, for drivers that draw text themselves.
type HUD struct {
	// Clock is the simulation time shown, in seconds since the scenario
	// start.
	Clock float64
	// Version is the World snapshot version drawn.
	Version uint64
	// Alarms lists active alarms, most severe first.
	Alarms []Alarm
	// KPIs are the headline figures.
	KPIs KPIs
	// Overlay is the HUD drawn as a non-premultiplied RGBA image
	// (transparent where empty); nil until drawn.
	Overlay *image.RGBA
}

// Alarm is one active alarm, for example a sensor over its threshold.
type Alarm struct {
	// Source is the feature id that raised it.
	Source string
	// Message is short human-readable text.
	Message string
	// Value and Threshold are in the sensor's unit.
	Value, Threshold float64
}

// KPIs are the headline figures of the HUD.
type KPIs struct {
	// UnitsAvailable is the number of emergency units free to dispatch.
	UnitsAvailable int
	// UnitsTotal is the number of emergency units.
	UnitsTotal int
	// FloodedRoads is the number of road segments with water over them.
	FloodedRoads int
	// ClosedRoads is the number of closed road segments.
	ClosedRoads int
	// MeanSpeed is the length-weighted mean live road speed in m/s.
	MeanSpeed float64
}
