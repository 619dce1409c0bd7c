package geojson

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// TestWriterReset checks that one Writer reused through Reset writes the
// same bytes as a fresh Writer for each collection, including after a
// Reset that failed on bad options.
func TestWriterReset(t *testing.T) {
	fs := []geo.Feature{
		point("a", 7.123456789, 43.5, map[string]any{"k": 1.0}),
		&geo.Generic{ID: "l", Geom: orb.LineString{{1, 2}, {3, -4}}, Z: math.NaN()},
	}
	tests := []struct {
		name    string
		opt     EncodeOptions
		wantErr error
	}{
		{"default", EncodeOptions{}, nil},
		{"name, bbox, foreign", EncodeOptions{Name: "x", BBox: true, Foreign: map[string]any{"numberMatched": 2}}, nil},
		{"bad option", EncodeOptions{Foreign: map[string]any{"features": 1}}, ErrOptions},
		{"precision 3, projected", EncodeOptions{Precision: 3, Project: func(p orb.Point) orb.Point { return orb.Point{p[0] / 3, p[1]} }}, nil},
	}
	reused := &Writer{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got, want bytes.Buffer
			err := reused.Reset(&got, tt.opt)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Reset: %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if werr := reused.Write(fs[0]); werr == nil {
					t.Error("Write after a failed Reset succeeded")
				}
				return
			}
			if err := writeAll(reused, fs); err != nil {
				t.Fatal(err)
			}
			if err := Encode(&want, fs, tt.opt); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("reused Writer wrote\n%s\nfresh Writer\n%s", got.String(), want.String())
			}
		})
	}
}
