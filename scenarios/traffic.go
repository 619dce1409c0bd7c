package scenarios

import (
	"math"
	"time"

	"twin/engine"
)

// trafficModel turns the time of day into link speed factors with the
// Bureau of Public Roads volume–delay function (BPR, Traffic Assignment
// Manual, 1964): travel time = free time·(1 + 0.15·(v/c)⁴), so the speed
// factor is 1/(1 + 0.15·(v/c)⁴). The volume/capacity ratio of a primary
// road follows a Gaussian rush-hour peak, scaled per road class; links of a
// signal corridor also lose the mean signal delay of its current plan.
type trafficModel struct {
	spec     TrafficSpec
	c        *city
	start    time.Time
	peakSec  float64 // seconds after local midnight
	stamp    deltaStamp
	factor   []float64 // last emitted, per link
	corridor *corridorModel
	micro    *microTraffic // nil with the BPR model
	res      *TrafficResult
	sum      float64
	steps    int
}

// TrafficResult sums up the traffic model.
type TrafficResult struct {
	// MeanFactor is the time mean of the length-weighted mean speed factor
	// of all links (1 is free flow).
	MeanFactor float64 `json:"mean_speed_factor"`
	// Model is the traffic model that ran ("bpr" or "micro").
	Model string `json:"model"`
	// PeakVC is the highest volume/capacity ratio of a primary road (BPR
	// model only).
	PeakVC   float64         `json:"peak_vc"`
	Corridor *CorridorResult `json:"corridor,omitempty"`
	// Micro sums up the microsimulation (micro model only).
	Micro *MicroResult `json:"micro,omitempty"`
}

// classShare scales the primary road's v/c ratio per OSM highway class.
func classShare(class string) float64 {
	switch class {
	case "motorway", "trunk", "primary", "motorway_link", "trunk_link", "primary_link":
		return 1
	case "secondary", "secondary_link":
		return 0.85
	case "tertiary", "tertiary_link":
		return 0.7
	}
	return 0.4
}

func newTrafficModel(c *city, spec TrafficSpec, start time.Time, stamp deltaStamp) *trafficModel {
	pk, _ := time.Parse("15:04", spec.Peak)
	m := &trafficModel{spec: spec, c: c, start: start, stamp: stamp, res: &TrafficResult{},
		peakSec: float64(pk.Hour()*3600 + pk.Minute()*60)}
	m.factor = ones(len(c.links))
	m.res.Model = spec.Model
	return m
}

// vc returns the primary-road volume/capacity ratio at t (s from start):
// the nearest daily peak counts, so a run across midnight sees the next.
func (m *trafficModel) vc(t float64) float64 {
	now := m.start.Add(time.Duration(t * float64(time.Second)))
	sec := float64(now.Hour()*3600+now.Minute()*60+now.Second()) - m.peakSec
	sec = math.Remainder(sec, 86400)
	z := sec / m.spec.PeakWidth.Seconds()
	return m.spec.BaseVC + (m.spec.PeakVC-m.spec.BaseVC)*math.Exp(-z*z/2)
}

func bpr(x float64) float64 { return 1 / (1 + 0.15*x*x*x*x) }

// update returns the deltas of links whose factor changed at time t (s).
func (m *trafficModel) update(t float64) []engine.Delta {
	vc := m.vc(t)
	var micro []float64
	if m.micro != nil {
		micro = m.micro.factors(t)
	} else {
		m.res.PeakVC = math.Max(m.res.PeakVC, round3(vc))
	}
	var out []engine.Delta
	wsum, lsum := 0.0, 0.0
	for i, l := range m.c.links {
		var f float64
		if micro != nil {
			f = micro[i]
		} else {
			f = bpr(vc * classShare(l.Class))
		}
		if m.corridor != nil && micro == nil { // the microsimulation drives the signals itself
			f *= m.corridor.factor(l.ID)
		}
		f = math.Max(0.05, math.Round(f*20)/20)
		wsum += f * l.Length
		lsum += l.Length
		if f != m.factor[i] {
			m.factor[i] = f
			out = append(out, m.stamp.speed(l.ID, t, f))
		}
	}
	if lsum > 0 {
		m.sum += wsum / lsum
		m.steps++
	}
	return out
}

func (m *trafficModel) finish() *TrafficResult {
	if m.steps > 0 {
		m.res.MeanFactor = round3(m.sum / float64(m.steps))
	}
	if m.corridor != nil {
		m.res.Corridor = m.corridor.result()
	}
	if m.micro != nil {
		m.res.Micro = m.micro.summary()
	}
	return m.res
}
