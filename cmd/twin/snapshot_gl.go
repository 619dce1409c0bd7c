//go:build cgo

package main

import (
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/spf13/cobra"

	"twin/render"
	"twin/render/gl"
	"twin/render/scene"
)

// runSnapshot loads the data, builds its scene, draws one frame offscreen
// and writes it as PNG.
func runSnapshot(cmd *cobra.Command, g *globalFlags, f snapshotFlags) error {
	w, h, err := parseSize(f.size)
	if err != nil {
		return err
	}
	world, _, err := openWorld(cmd.Context(), g, f.data, cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	snap := world.Snapshot()
	cam, err := parseCamera(f.camera, snap)
	if err != nil {
		return err
	}
	opts := scene.Options{}
	if f.xray {
		opts.Mode = scene.ModeXRay
	}
	t0 := time.Now()
	sc, err := scene.Build(snap, opts)
	if err != nil {
		return err
	}
	slog.Debug("scene built", "items", len(sc.DrawList().Items), "seconds", time.Since(t0).Seconds())
	d, err := gl.New(gl.Options{Width: w, Height: h, Samples: f.samples})
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	defer d.Close()
	if r, v := d.Renderer(); r != "" {
		slog.Debug("OpenGL", "renderer", r, "version", v)
	}
	st := sc.Cull(cam, float64(w)/float64(h))
	slog.Debug("culled", "visible", st.Visible, "culled", st.Culled, "roof_only", st.RoofOnly)
	list := sc.DrawList()
	if f.hud {
		list.HUD = sc.HUD(snap, 0)
	}
	if err := render.Sync(d, list, map[render.BufferID]bool{}); err != nil {
		return err
	}
	t1 := time.Now()
	if err := d.Draw(list, cam, render.Viewport{Width: w, Height: h}); err != nil {
		return err
	}
	img, err := d.ReadPixels()
	if err != nil {
		return err
	}
	slog.Info("frame drawn", "draw_calls", d.Stats().DrawCalls, "triangles", d.Stats().Triangles, "seconds", time.Since(t1).Seconds())
	out, err := os.Create(f.out)
	if err != nil {
		return err
	}
	if err := gl.WritePNG(out, img); err != nil {
		out.Close()
		return fmt.Errorf("writing %s: %w", f.out, err)
	}
	if err := out.Close(); err != nil {
		return err
	}
	fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (%dx%d, %d draw calls, %d triangles)\n", f.out, w, h, d.Stats().DrawCalls, d.Stats().Triangles)
	return nil
}
