package render

import "time"

// Clock is a fixed-tick frame clock: the caller passes the frame time to
// UpdateFrame, which returns how many fixed Update ticks to run before
// drawing. Time is an input, so the clock is testable with synthetic frame
// times. The zero value runs at 60 ticks per second.
type Clock struct {
	// TPS is the number of ticks per second; 0 means 60.
	TPS int
	// MaxCatchUp caps the ticks returned by one UpdateFrame (after a stall);
	// 0 means 5.
	MaxCatchUp int

	started bool
	last    time.Duration
	acc     time.Duration
	ticks   uint64
}

// UpdateFrame advances the clock to now (any monotonic time, e.g. since
// process start) and returns the number of ticks due. The first call starts
// the clock and returns 1. A now earlier than the previous one counts as no
// time passing. O(1).
func (c *Clock) UpdateFrame(now time.Duration) int {
	tps, maxN := c.TPS, c.MaxCatchUp
	if tps <= 0 {
		tps = 60
	}
	if maxN <= 0 {
		maxN = 5
	}
	if !c.started {
		c.started, c.last = true, now
		c.ticks++
		return 1
	}
	if now > c.last {
		c.acc += now - c.last
	}
	c.last = now
	step := time.Second / time.Duration(tps)
	n := int(c.acc / step)
	c.acc -= time.Duration(n) * step
	if n > maxN {
		n, c.acc = maxN, 0
	}
	c.ticks += uint64(n)
	return n
}

// Ticks returns the number of ticks returned so far.
func (c *Clock) Ticks() uint64 { return c.ticks }

// TickSeconds returns the duration of one tick in seconds.
func (c *Clock) TickSeconds() float64 {
	if c.TPS <= 0 {
		return 1.0 / 60
	}
	return 1 / float64(c.TPS)
}
