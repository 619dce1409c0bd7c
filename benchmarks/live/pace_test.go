package livebench

import (
	"context"
	"testing"
	"time"
)

// TestPercentile checks the nearest-rank method on the worked example of
// the Wikipedia article "Percentile" (list 15, 20, 35, 40, 50: the 5th,
// 30th, 40th, 50th and 100th percentiles are 15, 20, 20, 35 and 50).
func TestPercentile(t *testing.T) {
	tests := []struct {
		name string
		q    float64
		want time.Duration
	}{
		{"5th", 0.05, 15}, {"30th", 0.30, 20}, {"40th", 0.40, 20}, {"50th", 0.50, 35}, {"100th", 1, 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := []time.Duration{35, 20, 50, 15, 40}
			if got := Percentile(ds, tt.q); got != tt.want {
				t.Errorf("Percentile(%g) = %d, want %d", tt.q, got, tt.want)
			}
		})
	}
	if got := Percentile(nil, 0.5); got != 0 {
		t.Errorf("Percentile of nothing = %d, want 0", got)
	}
}

// TestPaceListen runs the harness briefly: every batch Pace had
// acknowledged reaches the subscriber, once, in version order, with the
// feed's deltas (no timing is asserted).
func TestPaceListen(t *testing.T) {
	s := newStore(t)
	sub := s.Subscribe(s.Version(), 1<<12)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	st := Pace(ctx, s, 2000, 10, 4, 1)
	if st.Err != nil {
		t.Fatal(st.Err)
	}
	sub.Close()
	var n, deltas int64
	last := uint64(1) // the Populate batch
	for b := range sub.C {
		if b.Version != last+1 {
			t.Fatalf("batch version %d after %d", b.Version, last)
		}
		last = b.Version
		n++
		deltas += int64(len(b.Deltas))
	}
	if n != st.Batches || deltas != st.Deltas || st.Batches == 0 || int64(len(st.Acks)) != st.Batches {
		t.Errorf("subscriber got %d batches, %d deltas; Pace acknowledged %d, %d, timing %d",
			n, deltas, st.Batches, st.Deltas, len(st.Acks))
	}
}

// TestWindowsRatio: the median of the pairwise ratios (here 0.5, 0.8 and
// 0.9 → 0.8; an idle window of 0 is left out).
func TestWindowsRatio(t *testing.T) {
	w := Windows{Idle: []float64{100, 200, 50, 0}, Loaded: []float64{50, 160, 45, 10}}
	if got := w.Ratio(); got != 0.8 {
		t.Errorf("Ratio = %g, want 0.8", got)
	}
	if got := (Windows{}).Ratio(); got != 0 {
		t.Errorf("Ratio of nothing = %g, want 0", got)
	}
}
