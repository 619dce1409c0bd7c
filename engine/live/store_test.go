package live

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
)

var t0 = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

// baseWorld is a small city: one road and two units, in UTM 32N.
func baseWorld(t testing.TB) *engine.World {
	t.Helper()
	w, err := engine.New(engine.Config{CRS: "EPSG:32632"})
	if err != nil {
		t.Fatal(err)
	}
	s := w.Snapshot()
	p, _ := s.FromLonLat(7.40, 43.72)
	q, _ := s.FromLonLat(7.41, 43.72)
	_, err = w.Update(func(tx *engine.Tx) error {
		if _, err := tx.Put(geo.LayerRoads, &geo.Road{ID: "w1", Line: orb.LineString{p, q}, Class: "primary"}); err != nil {
			return err
		}
		for _, id := range []string{"amb-1", "amb-2"} {
			if _, err := tx.Put(geo.LayerUnits, &geo.Generic{ID: id, Geom: p, Z: geo.NaN, Props: map[string]any{"type": "ambulance"}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func reading(src string, seq uint64, id string, v float64) engine.Delta {
	return engine.Delta{Source: src, Seq: seq, TS: t0.Add(time.Duration(seq) * time.Second), Kind: engine.KindReading, Layer: geo.LayerSensors, ID: id, Value: &v}
}

func sensor(src string, seq uint64, id string, lon, lat float64) engine.Delta {
	g := fmt.Sprintf(`{"type":"Point","coordinates":[%g,%g]}`, lon, lat)
	return engine.Delta{Source: src, Seq: seq, TS: t0, Kind: engine.KindUpsert, Layer: geo.LayerSensors, ID: id,
		Geometry: json.RawMessage(g), Properties: map[string]any{"type": "water_level", "unit": "m"}}
}

func move(src string, seq uint64, id string, lon, lat float64) engine.Delta {
	return engine.Delta{Source: src, Seq: seq, TS: t0, Kind: engine.KindMove, Layer: geo.LayerUnits, ID: id, Lon: &lon, Lat: &lat}
}

func closure(src string, seq uint64, id string, closed bool) engine.Delta {
	return engine.Delta{Source: src, Seq: seq, TS: t0, Kind: engine.KindClosure, Layer: geo.LayerRoads, ID: id, Closed: &closed}
}

func mustIngest(t testing.TB, s *Store, ds ...engine.Delta) Result {
	t.Helper()
	r, err := s.Ingest(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestIngestDedupeReject(t *testing.T) {
	s, err := Open(context.Background(), baseWorld(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	batch := []engine.Delta{sensor("s1", 1, "g1", 7.42, 43.73), reading("s1", 2, "g1", 0.42), move("s1", 3, "amb-1", 7.421, 43.731), closure("ops", 1, "w1", true)}
	if r := mustIngest(t, s, batch...); r != (Result{Applied: 4, Version: 1}) {
		t.Errorf("first: %+v", r)
	}
	if r := mustIngest(t, s, batch...); r != (Result{Duplicates: 4, Version: 1}) {
		t.Errorf("resend: %+v", r)
	}
	_, err = s.Ingest(context.Background(), []engine.Delta{reading("s1", 4, "g1", 1), reading("s1", 5, "nope", 1)})
	var rej *RejectError
	if !errors.As(err, &rej) || rej.Index != 1 || !errors.Is(err, engine.ErrUnknownFeature) {
		t.Fatalf("got %v, want a RejectError at delta 2", err)
	}
	if s.Version() != 1 || s.World().Snapshot().Seq("s1") != 3 {
		t.Errorf("rejected batch changed state: version %d, seq %d", s.Version(), s.World().Snapshot().Seq("s1"))
	}
}

func TestSubscribeResumeAndSlowConsumer(t *testing.T) {
	s, _ := Open(context.Background(), baseWorld(t), Options{RingSize: 3})
	live := s.Subscribe(0, 16)
	mustIngest(t, s, sensor("s", 1, "g", 7.42, 43.73))
	for i := uint64(2); i <= 5; i++ {
		mustIngest(t, s, reading("s", i, "g", float64(i)))
	}
	for want := uint64(1); want <= 5; want++ {
		b := <-live.C
		if b.Version != want {
			t.Fatalf("live subscriber got version %d, want %d", b.Version, want)
		}
	}
	// Resume from 3: batches 4 and 5 are still in the ring of 3.
	r := s.Subscribe(3, 16)
	if b := <-r.C; b.Version != 4 {
		t.Errorf("resume got %d, want 4", b.Version)
	}
	if b := <-r.C; b.Version != 5 || *b.Deltas[0].Value != 5 {
		t.Errorf("resume got %+v", b)
	}
	// From 1: batch 2 is gone; the subscriber must resync.
	old := s.Subscribe(1, 16)
	if _, open := <-old.C; open || !old.Resync() {
		t.Error("a subscriber older than the ring was not told to resync")
	}
	// A consumer that does not read is cut off; ingest goes on.
	slow := s.Subscribe(5, 1)
	for i := uint64(6); i <= 9; i++ {
		mustIngest(t, s, reading("s", i, "g", float64(i)))
	}
	n := 0
	for range slow.C {
		n++
	}
	if n != 1 || !slow.Resync() {
		t.Errorf("slow consumer got %d batches, resync %v; want 1 and true", n, slow.Resync())
	}
}

// dump describes the live layers of a World for comparison.
func dump(w *engine.World) string {
	s := w.Snapshot()
	var lines []string
	for _, layer := range []string{geo.LayerSensors, geo.LayerUnits, geo.LayerRoads} {
		s.Layer(layer).Ascend("", func(f geo.Feature) bool {
			p, _ := json.Marshal(f.Properties())
			lines = append(lines, fmt.Sprintf("%s/%s %v %s", layer, f.FeatureID(), f.Geometry(), p))
			return true
		})
	}
	seqs := s.Seqs()
	keys := make([]string, 0, len(seqs))
	for k := range seqs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		lines = append(lines, fmt.Sprintf("seq %s=%d", k, seqs[k]))
	}
	return strings.Join(lines, "\n")
}

// TestRestartRestoresState ingests a mixed workload with a checkpoint in the
// middle, then rebuilds the state on a fresh copy of the base data, twice:
// from checkpoint + log after a clean Close, and from an unclosed store.
func TestRestartRestoresState(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	w := baseWorld(t)
	s, err := Open(ctx, w, Options{Dir: dir, CheckpointEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	mustIngest(t, s, sensor("a", 1, "g1", 7.42, 43.73), sensor("a", 2, "g2", 7.43, 43.74))
	mustIngest(t, s, reading("a", 3, "g1", 1.5), move("u", 1, "amb-1", 7.415, 43.725))
	if err := s.Checkpoint(); err != nil {
		t.Fatal(err)
	}
	mustIngest(t, s, reading("a", 4, "g1", 2.5), closure("ops", 1, "w1", true))
	del := engine.Delta{Source: "a", Seq: 5, TS: t0, Kind: engine.KindDelete, Layer: geo.LayerSensors, ID: "g2"}
	mustIngest(t, s, del, move("u", 2, "amb-2", 7.43, 43.735))
	want, version := dump(w), s.Version()

	// Crash: drop the store without a checkpoint (only the log's files are
	// released, as the kernel does when a process dies).
	s.log.Close()
	w2 := baseWorld(t)
	s2, err := Open(ctx, w2, Options{Dir: dir, CheckpointEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	if got := dump(w2); got != want || s2.Version() != version {
		t.Fatalf("after a crash, version %d (want %d):\n%s\nwant\n%s", s2.Version(), version, got, want)
	}
	// More work, clean close, reopen: checkpoint only.
	mustIngest(t, s2, reading("a", 6, "g1", 3.5))
	want, version = dump(w2), s2.Version()
	if err := s2.Close(); err != nil {
		t.Fatal(err)
	}
	w3 := baseWorld(t)
	s3, err := Open(ctx, w3, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s3.Close()
	if got := dump(w3); got != want || s3.Version() != version {
		t.Fatalf("after close, version %d (want %d):\n%s\nwant\n%s", s3.Version(), version, got, want)
	}
	if r := mustIngest(t, s3, reading("a", 7, "g1", 9)); r.Version != version+1 {
		t.Errorf("version after restart %d, want %d", r.Version, version+1)
	}
}
