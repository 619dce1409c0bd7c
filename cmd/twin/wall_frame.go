//go:build cgo

package main

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"twin/engine"
	"twin/render"
)

// loop draws frames on the shared clock's ticks at f.fps until ctx ends,
// every window is closed or f.frames frames are drawn; before each frame it
// applies the batches that are due (arrived f.syncDelay before the tick).
func (v *wallView) loop(ctx context.Context, world *engine.World, batches <-chan stampedBatch, f wallFlags) error {
	period := time.Duration(float64(time.Second) / max(f.fps, 1))
	lastLog := time.Now()
	tick := nextTick(time.Now(), period)
	for f.frames == 0 || v.frames < f.frames {
		oldest := v.applyDue(world, batches, tick, f.syncDelay)
		if err := v.frame(world, !oldest.IsZero()); err != nil {
			return err
		}
		if !oldest.IsZero() {
			v.lat = append(v.lat, time.Since(oldest).Seconds())
		}
		if f.stats > 0 && time.Since(lastLog) >= f.stats {
			v.logStats()
			lastLog = time.Now()
		}
		if v.allClosed() {
			break
		}
		tick = nextTick(time.Now(), period)
		select {
		case <-ctx.Done():
			v.logStats()
			return nil
		case <-time.After(time.Until(tick)):
		}
	}
	v.logStats()
	return nil
}

// applyDue queues the batches that arrived, applies those due before the
// frame at tick to the scene, and returns the arrival time of the oldest
// applied (zero when none).
func (v *wallView) applyDue(world *engine.World, batches <-chan stampedBatch, tick time.Time, delay time.Duration) time.Time {
	for drained := false; !drained; {
		select {
		case sb, ok := <-batches:
			if ok {
				v.queue = append(v.queue, sb)
			} else {
				drained = true
			}
		default:
			drained = true
		}
	}
	due, rest := dueBatches(v.queue, tick, delay)
	if len(due) == 0 {
		return time.Time{}
	}
	snap := world.Snapshot()
	for _, sb := range due {
		for _, d := range sb.b.Deltas {
			v.sc.Apply(snap, d)
		}
	}
	oldest := due[0].at
	v.queue = append(v.queue[:0], rest...)
	return oldest
}

// frame culls against the whole wall's view, uploads what changed to every
// tile's driver and draws each tile; the HUD goes on the top-left monitor.
func (v *wallView) frame(world *engine.World, changed bool) error {
	t0 := time.Now()
	vw, vh := v.wc.VirtualSize()
	v.sc.Cull(v.cam, float64(vw)/float64(vh))
	if changed || v.hud == nil || time.Since(v.hudAt) >= time.Second {
		v.hud, v.hudAt = v.sc.HUD(world.Snapshot(), time.Since(v.start).Seconds()), time.Now()
	}
	list := v.sc.DrawList()
	if err := syncAll(v.ds, v.seen, list); err != nil {
		return err
	}
	for i, t := range v.tiles {
		d := v.ds[i]
		w, h := d.Size()
		list.HUD = nil
		if t.row == 0 && t.col == 0 {
			list.HUD = v.hud
		}
		if err := d.Draw(list, v.wc.TileCamera(v.cam, t.row, t.col), render.Viewport{Width: w, Height: h}); err != nil {
			return err
		}
	}
	for _, d := range v.ds {
		if err := d.Finish(); err != nil {
			return err
		}
	}
	v.frames++
	v.drawS += time.Since(t0).Seconds()
	return nil
}

// syncAll is render.Sync for several drivers sharing one draw list: new
// buffers are uploaded whole to each driver, dirty ranges sent to each, and
// the dirty marks cleared once all have them.
func syncAll[D render.Driver](ds []D, seen []map[render.BufferID]bool, list *render.DrawList) error {
	for i, d := range ds {
		saved := make([][]render.Range, len(list.Items))
		resized := make([]bool, len(list.Items))
		for j := range list.Items {
			saved[j], resized[j] = slices.Clone(list.Items[j].Dirty), list.Items[j].Resized
		}
		if err := render.Sync(d, list, seen[i]); err != nil {
			return err
		}
		if i < len(ds)-1 {
			for j := range list.Items {
				list.Items[j].Dirty, list.Items[j].Resized = saved[j], resized[j]
			}
		}
	}
	return nil
}

func (v *wallView) allClosed() bool {
	for _, d := range v.ds {
		if !d.ShouldClose() {
			return false
		}
	}
	return len(v.ds) > 0
}

// logStats logs the mean frame time and the delta-to-frame latency.
func (v *wallView) logStats() {
	if v.frames == 0 {
		return
	}
	args := []any{"frames", v.frames, "tiles", len(v.ds), "mean_frame_ms", 1000 * v.drawS / float64(v.frames),
		"draw_calls_per_tile", v.ds[0].Stats().DrawCalls}
	if n := len(v.lat); n > 0 {
		s := slices.Clone(v.lat)
		slices.Sort(s)
		args = append(args, "delta_batches", n, "latency_median_ms", 1000*s[n/2], "latency_max_ms", 1000*s[n-1])
	}
	slog.Info("wall", args...)
}
