package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"twin/engine"
	"twin/geo"
	"twin/render/gl"
	"twin/scenarios"
	scenreport "twin/scenarios/report"
)

// Size of the wall view in a scenario report, pixels.
const (
	reportShotWidth  = 1920
	reportShotHeight = 1080
)

// reportImages returns the wall view of the run for its report: the
// baseline's maximum flood depth and the links closed at its peak drawn on
// the city, or none when disabled, when the binary has no OpenGL or when
// there is no display (logged at debug level). Any other render error is
// logged as a warning and the report goes without the view rather than
// being lost. It marks the closed roads in w, after the run.
func reportImages(ctx context.Context, w *engine.World, res *scenarios.Results, disabled bool) []scenreport.Image {
	if disabled || res == nil || len(res.Variants) == 0 || res.Variants[0] == nil {
		return nil
	}
	im, err := wallShot(ctx, w, res.Variants[0], reportShotWidth, reportShotHeight)
	if errors.Is(err, gl.ErrNoDisplay) || errors.Is(err, gl.ErrUnavailable) || errors.Is(err, errNoGL) {
		slog.Debug("no wall view in the report", "reason", err)
		return nil
	}
	if err != nil {
		slog.Warn("no wall view in the report", "err", err)
		return nil
	}
	return []scenreport.Image{*im}
}

// closeRoadsOf marks closed (attribute "closed") the roads whose source
// way carries one of the links, so the scene draws them in its closed
// colour. O(roads + links). It returns the number of roads marked.
func closeRoadsOf(w *engine.World, links []string) (int, error) {
	if len(links) == 0 {
		return 0, nil
	}
	n := 0
	_, err := w.Update(func(tx *engine.Tx) error {
		ways := map[int64]bool{}
		for _, id := range links {
			if f, ok := tx.Layer(geo.LayerLinks).Get(id); ok {
				if l, ok := f.(*geo.RoadLink); ok {
					ways[l.WayID] = true
				}
			}
		}
		var closed []geo.Feature
		tx.Layer(geo.LayerRoads).Ascend("", func(f geo.Feature) bool {
			if r, ok := f.(*geo.Road); ok && ways[r.WayID] {
				if c, ok := geo.WithAttrs(r, map[string]any{"closed": true}); ok {
					closed = append(closed, c)
				}
			}
			return true
		})
		for _, f := range closed {
			if _, err := tx.Put(geo.LayerRoads, f); err != nil {
				return err
			}
		}
		n = len(closed)
		return nil
	})
	return n, err
}

// wallCaption says what the wall view shows.
func wallCaption(v *scenarios.VariantResult, closedRoads int) string {
	if v.Flood == nil {
		return "The city as the wall renderer draws it at the end of the run (no flood simulated)."
	}
	return fmt.Sprintf("Maximum flood depth over the run (water surface, darker is deeper; cells of %g m) "+
		"and the %d links closed by water at the peak (%d roads, drawn red under the water), as the wall renderer draws them.",
		v.Flood.CellM, len(v.Flood.PeakClosedLinkIDs), closedRoads)
}
