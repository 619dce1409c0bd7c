package main

import (
	"time"

	"twin/engine/live"
)

// stampedBatch is a batch with the time it reached the wall.
type stampedBatch struct {
	b  *live.Batch
	at time.Time
}

// nextTick returns the first frame instant after now on the shared clock:
// a multiple of period counted from Go's zero
// time (the same on every node). Render nodes with synchronised
// clocks (NTP/PTP) and the same --fps thus draw their frames at the same
// instants. O(1).
func nextTick(now time.Time, period time.Duration) time.Time {
	return now.Truncate(period).Add(period)
}

// dueBatches splits pending (in arrival order) into the batches to apply
// before the frame at tick, those that arrived at least delay before it,
// and the rest. With delay longer than the spread of arrival times across
// render nodes, every node applies the same versions before the same
// frame. O(len(pending)).
func dueBatches(pending []stampedBatch, tick time.Time, delay time.Duration) (due, rest []stampedBatch) {
	cut := tick.Add(-delay)
	i := 0
	for i < len(pending) && !pending[i].at.After(cut) {
		i++
	}
	return pending[:i], pending[i:]
}
