package geojson

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// fixedRef is appendFixed's contract spelled with strconv alone: 'f'
// formatting at prec places (correctly rounded), trailing zeros and a bare
// point trimmed, "-0" written as "0".
func fixedRef(f float64, prec int) string {
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// TestAppendFixedMatchesStrconv checks the integer fast path against
// strconv for edge cases and for seeded random values at every precision it
// takes, at the magnitudes of degrees, metres and Web Mercator.
func TestAppendFixedMatchesStrconv(t *testing.T) {
	edge := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 1.5, 2.5, 0.05, 0.15, 0.25, 1e-9, -1e-9, -4e-8, 4e-8, -5e-8, 5e-8,
		7.4246, 43.7384, -180, 180, 90, -90, 179.99999995, -179.99999995, 0.123456789, 372761.7125, 4843653.5625,
		20037508.342789244, -20037508.342789244, 1099.5, 1<<40 - 1, 1 << 40, 1e12, 1e15, 1e21, 1e300}
	r := rand.New(rand.NewPCG(1, 2))
	for prec := 0; prec <= 10; prec++ {
		t.Run("prec"+strconv.Itoa(prec), func(t *testing.T) {
			check := func(f float64) {
				if got, want := string(appendFixed(nil, f, prec)), fixedRef(f, prec); got != want {
					t.Fatalf("appendFixed(%v, %d) = %s, want %s (strconv)", f, prec, got, want)
				}
			}
			for _, f := range edge {
				check(f)
				check(-f)
			}
			for i := 0; i < 20000; i++ {
				scale := []float64{1, 180, 1e4, 1e7, 2e7}[i%5]
				f := (r.Float64()*2 - 1) * scale
				check(f)
				// values on and next to decimal ties at this precision
				tie := (math.Round(f*math.Pow(10, float64(prec))) + 0.5) / math.Pow(10, float64(prec))
				check(tie)
				check(math.Nextafter(tie, 0))
				check(math.Nextafter(tie, math.Inf(1)))
			}
		})
	}
}

func FuzzAppendFixed(f *testing.F) {
	f.Add(7.4246, 7)
	f.Add(-0.00000005, 7)
	f.Add(372761.7125, 3)
	f.Fuzz(func(t *testing.T, v float64, prec int) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		prec = ((prec % 12) + 12) % 12
		if got, want := string(appendFixed(nil, v, prec)), fixedRef(v, prec); got != want {
			t.Fatalf("appendFixed(%v, %d) = %s, want %s", v, prec, got, want)
		}
	})
}

func BenchmarkAppendFixed(b *testing.B) {
	vs := []float64{7.4246123456, 43.73841234, 372761.71234, 4843653.5629}
	precs := []int{7, 7, 3, 3}
	b.ReportAllocs()
	buf := make([]byte, 0, 64)
	for i := 0; i < b.N; i++ {
		buf = appendFixed(buf[:0], vs[i%4], precs[i%4])
	}
}
