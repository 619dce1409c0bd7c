package render

import (
	"testing"
	"time"
)

func TestClock(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name  string
		clock Clock
		times []time.Duration
		ticks []int
	}{
		{"60 Hz frames at 60 TPS", Clock{}, []time.Duration{0, 16667 * time.Microsecond, 33334 * time.Microsecond, 50001 * time.Microsecond}, []int{1, 1, 1, 1}},
		{"120 Hz frames at 60 TPS", Clock{}, []time.Duration{0, 8333333, 16666666, 25 * ms, 33333332}, []int{1, 0, 1, 0, 1}},
		{"stall capped", Clock{TPS: 10}, []time.Duration{0, 2 * time.Second}, []int{1, 5}},
		{"time going back", Clock{TPS: 10}, []time.Duration{0, 100 * ms, 50 * ms, 150 * ms}, []int{1, 1, 0, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.clock
			for i, now := range tc.times {
				if got := c.UpdateFrame(now); got != tc.ticks[i] {
					t.Errorf("frame %d at %v: %d ticks, want %d", i, now, got, tc.ticks[i])
				}
			}
		})
	}
}
