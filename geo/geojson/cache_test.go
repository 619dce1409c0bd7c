package geojson

import (
	"bytes"
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// TestFeatureCache checks that output through a cache, cold and warm, is
// the output without one; that a full cache empties itself; and that
// BBox output bypasses the cache.
func TestFeatureCache(t *testing.T) {
	var fs []geo.Feature
	for i := range 100 {
		fs = append(fs, &geo.Building{ID: fmt.Sprintf("b%02d", i), Ground: math.NaN(), Height: float64(i),
			Footprint: orb.MultiPolygon{{{{7.4 + float64(i)*1e-4, 43.7}, {7.4001 + float64(i)*1e-4, 43.7}, {7.4001 + float64(i)*1e-4, 43.7001}, {7.4 + float64(i)*1e-4, 43.7}}}}})
	}
	fs = append(fs, point("p", 7.5, 43.8, map[string]any{"k": "v"}))
	encode := func(opt EncodeOptions) string {
		var buf bytes.Buffer
		if err := Encode(&buf, fs, opt); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	want := encode(EncodeOptions{})
	tests := []struct {
		name    string
		max     int64
		bbox    bool
		wantLen int // features cached after two passes
	}{
		{"default budget", 0, false, len(fs)},
		{"small budget empties", 64 * 200, false, -1},
		{"bbox bypasses", 0, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &FeatureCache{MaxBytes: tt.max}
			opt := EncodeOptions{Cache: c, BBox: tt.bbox}
			w := want
			if tt.bbox {
				w = encode(EncodeOptions{BBox: true})
			}
			for pass := range 2 {
				if got := encode(opt); got != w {
					t.Fatalf("pass %d through the cache:\n%s\nwant\n%s", pass, got, w)
				}
			}
			n := c.Len()
			switch {
			case tt.wantLen >= 0 && n != tt.wantLen:
				t.Errorf("%d features cached, want %d", n, tt.wantLen)
			case tt.wantLen < 0 && (n == 0 || n >= len(fs) || c.size.Load() > tt.max):
				t.Errorf("%d features, %d bytes cached: want some, within %d bytes", n, c.size.Load(), tt.max)
			}
		})
	}
}

// TestFeatureCacheConcurrent writes through one cache from several
// goroutines (run with -race) and compares every output.
func TestFeatureCacheConcurrent(t *testing.T) {
	var fs []geo.Feature
	for i := range 200 {
		fs = append(fs, point(fmt.Sprint(i), float64(i)*0.01, 1, map[string]any{"i": float64(i)}))
	}
	var want bytes.Buffer
	if err := Encode(&want, fs, EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	c := &FeatureCache{MaxBytes: 64 * 200} // small: empties under way
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 20 {
				var buf bytes.Buffer
				if err := Encode(&buf, fs, EncodeOptions{Cache: c}); err != nil || buf.String() != want.String() {
					t.Error("output through a shared cache differs")
					return
				}
			}
		})
	}
	wg.Wait()
}
