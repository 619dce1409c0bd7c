//go:build cgo

package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"time"

	"twin/engine"
	"twin/geo"
	"twin/render"
	"twin/render/gl"
	"twin/render/scene"
	"twin/scenarios"
	scenreport "twin/scenarios/report"
)

// wallShot draws the city of w as the wall renderer does, width×height
// pixels from the default camera, with v's maximum flood depth as water
// and the links closed at v's flood peak in the closed colour, and returns
// it as the report's "wall" image. Errors wrap gl.ErrNoDisplay when there
// is no display. O(features + flood cells) plus one frame.
func wallShot(_ context.Context, w *engine.World, v *scenarios.VariantResult, width, height int) (*scenreport.Image, error) {
	t0 := time.Now()
	d, err := gl.New(gl.Options{Width: width, Height: height})
	if err != nil {
		return nil, fmt.Errorf("wall view: %w", err)
	}
	defer d.Close()
	var depth *geo.Grid
	var closed []string
	if v.Flood != nil {
		depth, closed = v.Flood.MaxDepth, v.Flood.PeakClosedLinkIDs
	}
	roads, err := closeRoadsOf(w, closed)
	if err != nil {
		return nil, err
	}
	snap := w.Snapshot()
	sc, err := scene.Build(snap, scene.Options{})
	if err != nil {
		return nil, err
	}
	if depth != nil {
		if _, err := sc.SetFlood(snap, depth); err != nil {
			return nil, err
		}
	}
	cam := defaultCamera(snap)
	sc.Cull(cam, float64(width)/float64(height))
	list := sc.DrawList()
	if err := render.Sync(d, list, map[render.BufferID]bool{}); err != nil {
		return nil, err
	}
	if err := d.Draw(list, cam, render.Viewport{Width: width, Height: height}); err != nil {
		return nil, err
	}
	img, err := d.ReadPixels()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := gl.WritePNG(&buf, img); err != nil {
		return nil, err
	}
	slog.Debug("wall view drawn", "width", width, "height", height, "closed_roads", roads, "draw_calls", d.Stats().DrawCalls, "seconds", time.Since(t0).Seconds())
	return &scenreport.Image{Name: "wall", Title: fmt.Sprintf("Wall view: %s", v.Name), PNG: buf.Bytes(),
		Caption: wallCaption(v, roads)}, nil
}
