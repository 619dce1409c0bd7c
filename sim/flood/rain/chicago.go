package rain

import (
	"fmt"
	"math"
)

// Chicago is a design storm distributed in time after Keifer and Chu
// (1957, "Synthetic storm pattern for drainage design", J. Hydraulics Div.
// ASCE 83(4)): the intensity rises to a peak at r·Duration and falls after
// it so that, for every duration td, the window of td minutes placed with
// r·td before the peak and (1−r)·td after holds the IDF depth for td.
// Writing D(td) = i(td)·td the IDF depth, the rain between the peak and tb
// minutes before it is r·D(tb/r), and between the peak and ta minutes after
// it (1−r)·D(ta/(1−r)).
type Chicago struct {
	IDF IDF
	// DurationMin is the storm duration, min.
	DurationMin float64
	// Peak is r, the share of the storm before the peak, in [0, 1].
	Peak float64
	// Start is the storm's start, s from the simulation start.
	Start float64
}

var _ Hyetograph = Chicago{}

// Validate returns an error wrapping ErrInvalid for an invalid IDF, a
// duration <= 0 or a peak position outside [0, 1].
func (c Chicago) Validate() error {
	if err := c.IDF.Validate(); err != nil {
		return err
	}
	if !(c.DurationMin > 0) || math.IsInf(c.DurationMin, 0) {
		return fmt.Errorf("%w: storm duration %g min", ErrInvalid, c.DurationMin)
	}
	if !(c.Peak >= 0 && c.Peak <= 1) {
		return fmt.Errorf("%w: peak position %g (want 0..1)", ErrInvalid, c.Peak)
	}
	return nil
}

// Cumulative returns the depth fallen from the storm's start to time t (s),
// mm; it is D(Duration) after the storm. O(1).
func (c Chicago) Cumulative(t float64) float64 {
	tau := (t - c.Start) / 60
	T := c.DurationMin
	if tau <= 0 {
		return 0
	}
	tau = math.Min(tau, T)
	r := c.Peak
	tp := r * T
	before := r * c.IDF.Depth(T)
	if tau <= tp {
		return before - r*c.IDF.Depth((tp-tau)/r)
	}
	return before + (1-r)*c.IDF.Depth((tau-tp)/(1-r))
}

// Depth implements Hyetograph. O(1).
func (c Chicago) Depth(t0, t1 float64) float64 {
	if t1 <= t0 {
		return 0
	}
	return c.Cumulative(t1) - c.Cumulative(t0)
}

// Intensity returns the instantaneous intensity at time t (s), mm/h; 0
// outside the storm. At the peak it is A/B^N, infinite when B = 0.
func (c Chicago) Intensity(t float64) float64 {
	tau := (t - c.Start) / 60
	T := c.DurationMin
	if tau < 0 || tau > T {
		return 0
	}
	tp := c.Peak * T
	if c.Peak > 0 && tau <= tp {
		return c.IDF.peakIntensity((tp - tau) / c.Peak)
	}
	return c.IDF.peakIntensity((tau - tp) / (1 - c.Peak))
}

// Blocks returns the storm as blocks of stepS seconds, each holding the
// exact depth of the continuous curve over its span (so windows on block
// boundaries keep the IDF property). The last block is shortened to end
// with the storm. It returns an error wrapping ErrInvalid for an invalid
// storm or step.
func (c Chicago) Blocks(stepS float64) (Blocks, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if !(stepS > 0) {
		return nil, fmt.Errorf("%w: block step %g s", ErrInvalid, stepS)
	}
	end := c.Start + c.DurationMin*60
	n := int(math.Ceil((end - c.Start) / stepS))
	b := make(Blocks, 0, n)
	for i := 0; i < n; i++ {
		t0 := c.Start + float64(i)*stepS
		t1 := math.Min(t0+stepS, end)
		if t1 <= t0 {
			break
		}
		b = append(b, Block{T0: t0, T1: t1, MMh: c.Depth(t0, t1) * 3600 / (t1 - t0)})
	}
	return b, nil
}
