package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"twin/engine"
	"twin/engine/live"
)

func TestParseSize(t *testing.T) {
	cases := []struct {
		in   string
		w, h int
		ok   bool
	}{
		{"3840x2160", 3840, 2160, true},
		{" 3X3 ", 3, 3, true},
		{"0x10", 0, 0, false},
		{"8193x10", 0, 0, false},
		{"10", 0, 0, false},
		{"axb", 0, 0, false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			w, h, err := parseSize(c.in)
			if (err == nil) != c.ok || w != c.w || h != c.h {
				t.Errorf("parseSize(%q) = %d, %d, %v; want %d, %d, ok=%v", c.in, w, h, err, c.w, c.h, c.ok)
			}
		})
	}
}

// TestCameraHeading: a camera facing compass heading h has its eye on the
// opposite side of the target; facing north (0°) the eye is due south,
// facing east (90°) due west. Expected by construction of compass bearings
// (clockwise from north) against the camera's yaw (counter-clockwise from
// +x); tolerance 1e-9 m.
func TestCameraHeading(t *testing.T) {
	w, err := engine.New(engine.Config{CRS: "EPSG:32632"})
	if err != nil {
		t.Fatal(err)
	}
	snap := w.Snapshot()
	cases := []struct {
		heading, dx, dy float64 // eye − target, unit horizontal vector
	}{{0, 0, -1}, {90, -1, 0}, {180, 0, 1}, {270, 1, 0}}
	for _, c := range cases {
		cam := orbitCamera(snap, 1000, 2000, 100, c.heading, 0)
		e := cam.Eye()
		if math.Abs(e[0]-1000-100*c.dx) > 1e-9 || math.Abs(e[1]-2000-100*c.dy) > 1e-9 {
			t.Errorf("heading %.0f: eye %v, want (%v, %v)", c.heading, e, 1000+100*c.dx, 2000+100*c.dy)
		}
	}
	for _, bad := range []string{"1,2,3", "7,43,0,0,45", "7,43,100,0,90", "7,43,x,0,45"} {
		if _, err := parseCamera(bad, snap); err == nil {
			t.Errorf("parseCamera(%q) accepted", bad)
		}
	}
}

func TestWallTiles(t *testing.T) {
	f := wallFlags{wall: "3x2", monitor: "640x360"}
	wc, err := f.wallConfig()
	if err != nil {
		t.Fatal(err)
	}
	if wc.Cols != 3 || wc.Rows != 2 || wc.Width != 640 || wc.Height != 360 {
		t.Fatalf("wallConfig = %+v", wc)
	}
	ts, err := f.tiles(wc)
	if err != nil || len(ts) != 6 || ts[5] != (wallTile{1, 2}) {
		t.Fatalf("tiles = %v, %v; want 6 tiles ending at row 1, col 2", ts, err)
	}
	f.tile = "1,0"
	if ts, err := f.tiles(wc); err != nil || len(ts) != 1 || ts[0] != (wallTile{1, 0}) {
		t.Errorf("--tile 1,0: %v, %v", ts, err)
	}
	for _, bad := range []string{"2,0", "0,3", "-1,0", "1"} {
		f.tile = bad
		if _, err := f.tiles(wc); err == nil {
			t.Errorf("--tile %q accepted on a 3x2 wall", bad)
		}
	}

}

// TestReadSSE decodes a stream as engine/api's live_sse.go writes it:
// comments, batch events with ids, and a closing resync event.
func TestReadSSE(t *testing.T) {
	stream := ": twin delta stream, version 4\n\n" +
		"id: 5\nevent: batch\ndata: {\"version\":5,\"deltas\":[{\"source\":\"s\",\"seq\":1,\"layer\":\"roads\",\"id\":\"w1\"}]}\n\n" +
		": keepalive\n\n" +
		"id: 6\nevent: batch\ndata: {\"version\":6,\"deltas\":[]}\n\n" +
		"event: resync\ndata: {\"resync\":true,\"version\":9}\n\n"
	var got []uint64
	last, err := readSSE(strings.NewReader(stream), func(b *live.Batch) error {
		got = append(got, b.Version)
		return nil
	})
	if !errors.Is(err, errResync) || last != 6 || fmt.Sprint(got) != "[5 6]" {
		t.Errorf("readSSE = last %d, %v, batches %v; want 6, errResync, [5 6]", last, err, got)
	}
	if _, err := readSSE(strings.NewReader("event: batch\ndata: {nope\n\n"), func(*live.Batch) error { return nil }); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("bad JSON: %v, want an error naming line 3", err)
	}
	if _, err := readSSE(strings.NewReader("id: 1\n"), func(*live.Batch) error { return nil }); !errors.Is(err, io.EOF) {
		t.Errorf("truncated stream: %v, want io.EOF", err)
	}
}

// TestFollowSSEReconnects: the follower resumes with ?since= the last
// version it saw after the server drops the stream.
func TestFollowSSEReconnects(t *testing.T) {
	var calls atomic.Int32
	var secondSince atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		w.Header().Set("Content-Type", "text/event-stream")
		if n == 1 {
			fmt.Fprint(w, "id: 3\nevent: batch\ndata: {\"version\":3,\"deltas\":[]}\n\n")
			return
		}
		secondSince.Store(r.URL.Query().Get("since"))
		fmt.Fprint(w, "id: 4\nevent: batch\ndata: {\"version\":4,\"deltas\":[]}\n\n")
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	stop := errors.New("done")
	err := followSSE(ctx, srv.Client(), srv.URL, 0, func(b *live.Batch) error {
		if b.Version == 4 {
			return stop
		}
		return nil
	}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if !errors.Is(err, stop) || secondSince.Load() != "3" {
		t.Errorf("followSSE = %v, second request since=%v; want the callback's error and since=3", err, secondSince.Load())
	}
}

// FuzzReadSSE: any stream decodes or errors without panicking, and batch
// versions handed out are the ones returned as last.
func FuzzReadSSE(f *testing.F) {
	f.Add("id: 5\nevent: batch\ndata: {\"version\":5,\"deltas\":[]}\n\n")
	f.Add("event: resync\ndata: {}\n\n: c\n\n")
	f.Add("data: {\"version\":1}\ndata: x\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		var seen uint64
		last, _ := readSSE(strings.NewReader(s), func(b *live.Batch) error { seen = b.Version; return nil })
		if last != seen {
			t.Errorf("last %d, but the last batch handed out was %d", last, seen)
		}
	})
}

// TestNextTick: frame instants are multiples of the period on the absolute
// clock (Truncate counts from Go's zero time), so two nodes asking at
// different moments within one period get the same instant, the end of
// that period.
func TestNextTick(t *testing.T) {
	period := time.Second / 60
	base := nextTick(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC), period) // a tick
	if !base.Truncate(period).Equal(base) {
		t.Fatalf("tick %v is not on a multiple of %v", base, period)
	}
	for _, off := range []time.Duration{0, time.Millisecond, period - time.Nanosecond} {
		if got := nextTick(base.Add(off), period); !got.Equal(base.Add(period)) {
			t.Errorf("nextTick(tick+%v) = %v, want tick+%v", off, got.Sub(base), period)
		}
	}
}

// TestDueBatches: batches that arrived at least delay before the tick are
// due, in arrival order; later ones wait.
func TestDueBatches(t *testing.T) {
	tick := time.Date(2026, 11, 23, 12, 0, 1, 0, time.UTC)
	q := []stampedBatch{
		{&live.Batch{Version: 1}, tick.Add(-200 * time.Millisecond)},
		{&live.Batch{Version: 2}, tick.Add(-50 * time.Millisecond)},
		{&live.Batch{Version: 3}, tick.Add(-10 * time.Millisecond)},
	}
	cases := []struct {
		delay time.Duration
		due   int
	}{{0, 3}, {50 * time.Millisecond, 2}, {100 * time.Millisecond, 1}, {time.Second, 0}}
	for _, c := range cases {
		due, rest := dueBatches(q, tick, c.delay)
		if len(due) != c.due || len(rest) != 3-c.due {
			t.Errorf("delay %v: %d due, %d left; want %d due", c.delay, len(due), len(rest), c.due)
		}
	}
}
