package main

import (
	"context"
	"io"
	"testing"

	"twin/engine"
	"twin/geo"
	"twin/scenarios"
)

// TestCloseRoadsOf: closing a link of the sample city marks closed the one
// road of its source way (the roads layer holds one feature per way,
// geo.LayerRoads) and no other; no links mark nothing.
func TestCloseRoadsOf(t *testing.T) {
	w, _, err := openWorld(context.Background(), &globalFlags{quiet: true}, dataFlags{}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := closeRoadsOf(w, nil); n != 0 || err != nil {
		t.Fatalf("no links: %d roads, %v", n, err)
	}
	f, ok := w.Snapshot().Layer(geo.LayerLinks).At(0)
	link, isLink := f.(*geo.RoadLink)
	if !ok || !isLink {
		t.Fatalf("sample city: first link %T", f)
	}
	n, err := closeRoadsOf(w, []string{link.ID, "no-such-link"})
	if err != nil || n != 1 {
		t.Fatalf("closeRoadsOf(%s) = %d, %v; want 1 road", link.ID, n, err)
	}
	closed := 0
	w.Snapshot().Layer(geo.LayerRoads).Ascend("", func(f geo.Feature) bool {
		if r, ok := f.(*geo.Road); ok {
			if c, _ := r.Attrs["closed"].(bool); c {
				closed++
				if r.WayID != link.WayID {
					t.Errorf("road %s (way %d) closed, want way %d", r.ID, r.WayID, link.WayID)
				}
			}
		}
		return true
	})
	if closed != 1 {
		t.Errorf("%d roads closed, want 1", closed)
	}
}

// TestReportImagesDisabled: --no-snapshot and a run without variants give
// no wall view, whatever the build.
func TestReportImagesDisabled(t *testing.T) {
	w, err := engine.New(engine.Config{})
	if err != nil {
		t.Fatal(err)
	}
	res := &scenarios.Results{Variants: []*scenarios.VariantResult{{Name: "baseline"}}}
	for _, tc := range []struct {
		name     string
		res      *scenarios.Results
		disabled bool
	}{
		{"disabled", res, true},
		{"no results", nil, false},
		{"no variants", &scenarios.Results{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if ims := reportImages(context.Background(), w, tc.res, tc.disabled); ims != nil {
				t.Errorf("got %d images, want none", len(ims))
			}
		})
	}
}
