package livebench

import (
	"math"
	"slices"
	"time"
)

// Percentile returns the q-th quantile (0 ≤ q ≤ 1) of ds by the
// nearest-rank method: the smallest value with at least q·len(ds) values at
// or below it. It sorts ds in place; 0 for an empty slice. O(n log n).
func Percentile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	rank := int(math.Ceil(q * float64(len(ds))))
	return ds[min(max(rank, 1), len(ds))-1]
}
