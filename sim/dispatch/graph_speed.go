package dispatch

import (
	"fmt"
	"math"
)

// Defaults of SpeedProfile, in m/s unless a name says otherwise.
const (
	// DefaultExcess is the share by which an emergency vehicle may exceed
	// the speed limit: 0.2, so 60 km/h becomes 72 km/h.
	DefaultExcess = 0.2
	// DefaultExcessCap bounds the excess: at most 20 km/h over the limit.
	DefaultExcessCap = 20 / 3.6
	// DefaultCalmLimit: on links whose limit is at or below 30 km/h
	// (residential zones, living streets) no excess is taken.
	DefaultCalmLimit = 30 / 3.6
	// DefaultNarrowShare is the share of the excess taken on links with one
	// lane in the direction of travel, where traffic has less room to pull
	// aside: half.
	DefaultNarrowShare = 0.5
	// DefaultMaxSpeed caps every speed: 130 km/h.
	DefaultMaxSpeed = 130 / 3.6
	// DefaultMinSpeed is the floor under every speed: 5 km/h, walking pace.
	DefaultMinSpeed = 5 / 3.6
)

// SpeedProfile turns a road link's speed limit, class and lanes into the
// free-flow speed of an emergency vehicle, in m/s. The zero value is the
// default emergency profile:
//
//	limit   = Class[link.Class] when set and the link's speed was not tagged,
//	          else link.MaxSpeed (the OSM tag, else the class default of
//	          geo/osm: OSRM's car profile speeds)
//	excess  = 0 if limit ≤ CalmLimit (30 km/h), else
//	          min(Excess·limit, ExcessCap)  (20 % of the limit, ≤ 20 km/h),
//	          times NarrowShare (½) on links with one lane in their direction
//	speed   = clamp(limit + excess, MinSpeed, MaxSpeed)  (5 … 130 km/h)
//
// The defaults are a modelling choice, not a measurement. They follow the
// pattern Pappinen and Nordquist (Nursing Reports 12(1):50–58, 2022) found
// in the GPS records of urgent ambulance missions in Pirkanmaa, Finland:
// above the limit on main roads, not above it on 30 km/h streets. Set
// Excess to a negative value (or use CarProfile) for ordinary traffic.
type SpeedProfile struct {
	// Class maps an OSM highway class to a speed limit in m/s used for
	// links whose SpeedSource is not "tag" (untagged roads). Classes not
	// in the map keep the link's MaxSpeed.
	Class map[string]float64
	// Excess is the share of the limit an emergency vehicle may add; 0
	// means DefaultExcess; negative means none.
	Excess float64
	// ExcessCap bounds the excess in m/s; 0 means DefaultExcessCap.
	ExcessCap float64
	// CalmLimit: links with a limit at or below it (m/s) get no excess;
	// 0 means DefaultCalmLimit; negative means every link gets it.
	CalmLimit float64
	// NarrowShare is the share of the excess on single-lane links, in
	// (0, 1]; 0 means DefaultNarrowShare.
	NarrowShare float64
	// MaxSpeed and MinSpeed bound the result in m/s; 0 means
	// DefaultMaxSpeed and DefaultMinSpeed.
	MaxSpeed, MinSpeed float64
}

// CarProfile returns a profile without excess: ordinary traffic at the
// speed limits (still clamped to DefaultMinSpeed … DefaultMaxSpeed).
func CarProfile() SpeedProfile { return SpeedProfile{Excess: -1} }

// Validate reports whether p is usable: every value finite, Class speeds
// positive, NarrowShare at most 1, MinSpeed ≤ MaxSpeed once defaults are
// applied. The error wraps ErrOptions.
func (p SpeedProfile) Validate() error {
	for class, v := range p.Class {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: SpeedProfile.Class[%q] = %v m/s, want finite > 0", ErrOptions, class, v)
		}
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"Excess", p.Excess}, {"ExcessCap", p.ExcessCap}, {"CalmLimit", p.CalmLimit},
		{"NarrowShare", p.NarrowShare}, {"MaxSpeed", p.MaxSpeed}, {"MinSpeed", p.MinSpeed}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return fmt.Errorf("%w: SpeedProfile.%s = %v, want finite", ErrOptions, f.name, f.v)
		}
	}
	switch d := p.withDefaults(); {
	case d.ExcessCap < 0:
		return fmt.Errorf("%w: SpeedProfile.ExcessCap = %v m/s < 0", ErrOptions, p.ExcessCap)
	case d.NarrowShare < 0 || d.NarrowShare > 1:
		return fmt.Errorf("%w: SpeedProfile.NarrowShare = %v, want 0 … 1", ErrOptions, p.NarrowShare)
	case d.MinSpeed <= 0 || d.MaxSpeed < d.MinSpeed:
		return fmt.Errorf("%w: SpeedProfile MinSpeed %v, MaxSpeed %v m/s: want 0 < min ≤ max", ErrOptions, d.MinSpeed, d.MaxSpeed)
	}
	return nil
}

// withDefaults returns p with zero fields replaced by the defaults.
func (p SpeedProfile) withDefaults() SpeedProfile {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&p.Excess, DefaultExcess)
	def(&p.ExcessCap, DefaultExcessCap)
	def(&p.CalmLimit, DefaultCalmLimit)
	def(&p.NarrowShare, DefaultNarrowShare)
	def(&p.MaxSpeed, DefaultMaxSpeed)
	def(&p.MinSpeed, DefaultMinSpeed)
	return p
}

// Speed returns the travel speed in m/s on a link with the given class,
// speed limit (m/s, ≤ 0 or NaN when unknown: the class speed, else
// MinSpeed), whether that limit was tagged, and its lanes in the direction
// of travel. p must be valid. O(1); safe for concurrent use.
func (p SpeedProfile) Speed(class string, limit float64, tagged bool, lanes int) float64 {
	d := p.withDefaults()
	if v, ok := d.Class[class]; ok && (!tagged || !(limit > 0)) {
		limit = v
	}
	if !(limit > 0) || math.IsInf(limit, 0) {
		limit = d.MinSpeed
	}
	excess := 0.0
	if d.Excess > 0 && (d.CalmLimit < 0 || limit > d.CalmLimit) {
		excess = min(d.Excess*limit, d.ExcessCap)
		if lanes <= 1 {
			excess *= d.NarrowShare
		}
	}
	return min(max(limit+excess, d.MinSpeed), d.MaxSpeed)
}
