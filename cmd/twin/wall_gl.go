//go:build cgo

package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"

	"twin/engine"
	"twin/engine/live"
	"twin/render"
	"twin/render/gl"
	"twin/render/scene"
)

// wallView is the scene and the tile drivers of one wall process.
type wallView struct {
	wc     render.WallConfig
	tiles  []wallTile
	cam    render.Camera
	sc     *scene.Scene
	ds     []*gl.Driver
	seen   []map[render.BufferID]bool
	frames int
	drawS  float64 // summed draw time, seconds
	lat    []float64
	start  time.Time   // the HUD clock counts from here
	hud    *render.HUD // last HUD, rebuilt on change or every second
	hudAt  time.Time
	queue  []stampedBatch // arrived, not yet due
}

func runWall(cmd *cobra.Command, g *globalFlags, f wallFlags) error {
	wc, err := f.wallConfig()
	if err != nil {
		return err
	}
	tiles, err := f.tiles(wc)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(cmd.Context())
	defer cancel()
	world, _, err := openWorld(ctx, g, f.data, cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	st, err := live.Open(ctx, world, live.Options{Log: slog.Default()})
	if err != nil {
		return err
	}
	defer st.Close()
	batches := subscribeStamped(ctx, st)
	if err := startWallFeeds(ctx, st, f); err != nil {
		return err
	}
	v, err := newWallView(world.Snapshot(), wc, tiles, f)
	if err != nil {
		return err
	}
	defer v.close()
	return v.loop(ctx, world, batches, f)
}

// subscribeStamped forwards the store's batches with their arrival time.
func subscribeStamped(ctx context.Context, st *live.Store) <-chan stampedBatch {
	out := make(chan stampedBatch, 1024)
	go func() {
		defer close(out)
		for ctx.Err() == nil {
			sub := st.Subscribe(st.Version(), 1024)
			for b := range sub.C {
				select {
				case out <- stampedBatch{b, time.Now()}:
				case <-ctx.Done():
					sub.Close()
					return
				}
			}
			if !sub.Resync() {
				return // the store closed
			}
			slog.Warn("wall fell behind the delta stream; resubscribing")
		}
	}()
	return out
}

// startWallFeeds starts the remote SSE follower and the MQTT feed, each
// ingesting into st, when their flags are set.
func startWallFeeds(ctx context.Context, st *live.Store, f wallFlags) error {
	log := slog.Default()
	if f.connect != "" {
		go followRemote(ctx, http.DefaultClient, st, f.connect, f.resyncLayers, log)
	}
	_, stop, err := startMQTTFeed(ctx, st, f.mqtt, func(...prometheus.Collector) {}, log)
	if err != nil {
		return err
	}
	context.AfterFunc(ctx, func() { _ = stop() })
	return nil
}

func newWallView(snap *engine.Snapshot, wc render.WallConfig, tiles []wallTile, f wallFlags) (*wallView, error) {
	cam, err := parseCamera(f.camera, snap)
	if err != nil {
		return nil, err
	}
	sc, err := scene.Build(snap, scene.Options{})
	if err != nil {
		return nil, err
	}
	v := &wallView{wc: wc, tiles: tiles, cam: cam, sc: sc, start: time.Now()}
	for _, t := range tiles {
		r := wc.TileRect(t.row, t.col)
		d, err := gl.New(gl.Options{
			Width: r.Width, Height: r.Height, Visible: !f.offscreen,
			X: t.col * r.Width, Y: t.row * r.Height, Undecorated: len(tiles) > 1,
			Title: fmt.Sprintf("twin wall %d,%d", t.row, t.col),
		})
		if err != nil {
			v.close()
			return nil, fmt.Errorf("wall tile %d,%d: %w", t.row, t.col, err)
		}
		v.ds = append(v.ds, d)
		v.seen = append(v.seen, map[render.BufferID]bool{})
	}
	return v, nil
}

func (v *wallView) close() {
	for _, d := range v.ds {
		d.Close()
	}
}
