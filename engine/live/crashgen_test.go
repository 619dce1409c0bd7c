package live

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/engine/wal"
	"twin/geo"
)

// The crash test's workload: crashSources producers, each owning its own
// features, so that a source's part of the World depends only on how many
// of its deltas were applied, whatever the interleaving of sources. Delta n
// of a source is a pure function of (source, n): the parent process can
// rebuild the state the child must have restored without talking to it.

// crashSources are the producers and their batch sizes: single deltas (a
// version and an fsync each), small, medium and large batches.
var crashSources = []struct {
	name  string
	batch int
}{
	{"p0", 1}, {"p1", 8}, {"p2", 64}, {"p3", 400},
}

// crashT0 is the timestamp of every source's delta 0; delta n is n ms later.
var crashT0 = time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)

// crashWorld is the base data every process starts from: per source two
// ambulances (units) and one road, near Monaco in UTM 32N.
func crashWorld(t testing.TB) *engine.World {
	t.Helper()
	w, err := engine.New(engine.Config{CRS: "EPSG:32632"})
	if err != nil {
		t.Fatal(err)
	}
	s := w.Snapshot()
	p, _ := s.FromLonLat(7.42, 43.73)
	q, _ := s.FromLonLat(7.43, 43.74)
	_, err = w.Update(func(tx *engine.Tx) error {
		for _, src := range crashSources {
			id := src.name + "-r0"
			if _, err := tx.Put(geo.LayerRoads, &geo.Road{ID: id, Line: orb.LineString{p, q}, Class: "primary"}); err != nil {
				return err
			}
			for i := range 2 {
				u := &geo.Generic{ID: fmt.Sprintf("%s-u%d", src.name, i), Geom: p, Z: geo.NaN, Props: map[string]any{"type": "ambulance"}}
				if _, err := tx.Put(geo.LayerUnits, u); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// mix is splitmix64: a well-spread hash of x.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// crashDelta is delta seq (1-based) of source src. Its four sensors are
// created by deltas 1–4; after that every 50th delta deletes sensor 3 and
// the next one creates it again, and the rest are readings (some with
// extra properties), moves of the source's units, closures of its road, and
// state changes, some removing a property with null.
func crashDelta(src string, seq uint64) engine.Delta {
	h := mix(seq ^ mix(uint64(len(src))<<8|uint64(src[len(src)-1])))
	d := engine.Delta{Source: src, Seq: seq, TS: crashT0.Add(time.Duration(seq) * time.Millisecond), Layer: geo.LayerSensors}
	sensor := func(i uint64) string { return fmt.Sprintf("%s-g%d", src, i) }
	lon, lat := 7.40+float64(h%2000)/1e5, 43.72+float64(h/2000%2000)/1e5
	c := seq % 50
	switch {
	case seq <= 4 || c == 1:
		i := min(seq-1, 3)
		d.Kind, d.ID = engine.KindUpsert, sensor(i)
		d.Geometry = json.RawMessage(fmt.Sprintf(`{"type":"Point","coordinates":[%g,%g]}`, lon, lat))
		d.Properties = map[string]any{"type": "water_level", "unit": "m", "since": float64(seq)}
	case c == 0:
		d.Kind, d.ID = engine.KindDelete, sensor(3)
	case c == 25:
		d.Kind, d.ID = engine.KindState, sensor(3)
		d.Properties = map[string]any{"status": []any{"ok", nil}[h%2]}
	case c%7 == 3:
		d.Kind, d.Layer, d.ID = engine.KindMove, geo.LayerUnits, fmt.Sprintf("%s-u%d", src, h%2)
		d.Lon, d.Lat = &lon, &lat
	case c%11 == 5:
		closed := h%2 == 0
		d.Kind, d.Layer, d.ID, d.Closed = engine.KindClosure, geo.LayerRoads, src+"-r0", &closed
	case c%13 == 6:
		d.Kind, d.Layer, d.ID = engine.KindState, geo.LayerUnits, fmt.Sprintf("%s-u%d", src, h%2)
		d.Properties = map[string]any{"status": []any{"available", "busy", nil}[h%3]}
	default:
		v := float64(h%100000) / 1000
		d.Kind, d.ID, d.Value = engine.KindReading, sensor(h%3), &v
		if h%4 == 0 {
			d.Properties = map[string]any{"quality": "estimated"}
		}
	}
	return d
}

// crashBatch is batch j (0-based) of a source: its deltas j·n+1 … (j+1)·n.
func crashBatch(src string, n int, j uint64) []engine.Delta {
	out := make([]engine.Delta, n)
	for i := range out {
		out[i] = crashDelta(src, j*uint64(n)+uint64(i)+1)
	}
	return out
}

// crashModel is the expected state: the base data with the first seqs[src]
// deltas of every source applied, one at a time, in memory.
type crashModel struct {
	w    *engine.World
	seqs map[string]uint64
}

// advance applies each source's deltas up to seqs (which never go down).
func (m *crashModel) advance(t testing.TB, seqs map[string]uint64) {
	t.Helper()
	_, err := m.w.Update(func(tx *engine.Tx) error {
		for src, to := range seqs {
			for n := m.seqs[src] + 1; n <= to; n++ {
				if ok, err := tx.Apply(crashDelta(src, n)); err != nil || !ok {
					return fmt.Errorf("model: %s/%d: applied %v, %v", src, n, ok, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for src, to := range seqs {
		m.seqs[src] = max(m.seqs[src], to)
	}
}

// describe lists what the live path changes, one line each: every feature
// of the sensors, units and roads layers (id, geometry, properties) and
// every source's sequence number.
func describe(w *engine.World) []string {
	s := w.Snapshot()
	var out []string
	for _, layer := range []string{geo.LayerSensors, geo.LayerUnits, geo.LayerRoads} {
		s.Layer(layer).Ascend("", func(f geo.Feature) bool {
			p, _ := json.Marshal(f.Properties())
			out = append(out, fmt.Sprintf("%s/%s %v %s", layer, f.FeatureID(), f.Geometry(), p))
			return true
		})
	}
	return append(out, "seqs "+formatSeqs(s.Seqs()))
}

// digest hashes describe's lines: two Worlds with the same digest hold the
// same live state.
func digest(w *engine.World) string {
	h := sha256.Sum256([]byte(strings.Join(describe(w), "\n")))
	return hex.EncodeToString(h[:8])
}

// diffLines returns the lines of got and want that differ (at most n of
// each), both sorted.
func diffLines(got, want []string, n int) string {
	in := func(ls []string) map[string]bool {
		m := map[string]bool{}
		for _, l := range ls {
			m[l] = true
		}
		return m
	}
	g, w := in(got), in(want)
	var b strings.Builder
	for _, side := range []struct {
		sign  string
		lines []string
		other map[string]bool
	}{{"-", want, g}, {"+", got, w}} {
		k := 0
		for _, l := range side.lines {
			if !side.other[l] && k < n {
				fmt.Fprintf(&b, "%s %s\n", side.sign, l)
				k++
			}
		}
	}
	return b.String()
}

// formatSeqs writes sequence numbers as "a=1,b=2", sorted by source.
func formatSeqs(seqs map[string]uint64) string {
	parts := make([]string, 0, len(seqs))
	for src, n := range seqs {
		parts = append(parts, fmt.Sprintf("%s=%d", src, n))
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// parseSeqs reads formatSeqs's output.
func parseSeqs(s string) (map[string]uint64, error) {
	out := map[string]uint64{}
	if s == "" || s == "-" {
		return out, nil
	}
	for _, kv := range strings.Split(s, ",") {
		var n uint64
		k, v, ok := strings.Cut(kv, "=")
		if _, err := fmt.Sscan(v, &n); !ok || err != nil {
			return nil, fmt.Errorf("bad seq %q", kv)
		}
		out[k] = n
	}
	return out, nil
}

// diskReport is what inspectDir finds in a data directory left by a killed
// process.
type diskReport struct {
	repair     *wal.Repair // the torn tail wal.Open cut, if any
	ckVersion  uint64      // version of the checkpoint, 0 if none
	lastLSN    uint64      // last record of the log
	replayRecs int         // records a restart replays after the checkpoint
	copy       string      // the inspected (and repaired) copy of the directory
}

// inspectDir checks a copy of dir as a restart would see it, leaving dir
// itself for the restarted process to repair: the log opens (at most a torn
// tail is cut), the checkpoint parses and is not ahead of the log, the log
// still holds every record after the checkpoint, and no (source, seq) is
// logged twice or after the checkpoint that already covers it.
func inspectDir(t testing.TB, dir string) (diskReport, error) {
	t.Helper()
	cp := filepath.Join(t.TempDir(), "copy")
	if err := copyTree(dir, cp); err != nil {
		t.Fatal(err)
	}
	rep := diskReport{copy: cp}
	ck, err := readCheckpoint(filepath.Join(cp, checkpointFile))
	if err != nil {
		return rep, fmt.Errorf("checkpoint: %w", err)
	}
	l, err := wal.Open(filepath.Join(cp, "wal"), wal.Options{NoSync: true})
	if err != nil {
		return rep, fmt.Errorf("log: %w", err)
	}
	defer l.Close()
	rep.repair, rep.lastLSN = l.Repair(), l.LastLSN()
	seen := map[string]uint64{}
	if ck != nil {
		rep.ckVersion, seen = ck.Version, ck.Seqs
	}
	if rep.ckVersion > rep.lastLSN {
		return rep, fmt.Errorf("checkpoint version %d is ahead of the log, whose last record is %d: the log will reuse versions", rep.ckVersion, rep.lastLSN)
	}
	if first := l.FirstLSN(); first > rep.ckVersion+1 {
		return rep, fmt.Errorf("log starts at %d but the checkpoint covers only up to %d", first, rep.ckVersion)
	}
	err = l.Replay(rep.ckVersion+1, func(lsn uint64, rec []byte) error {
		rep.replayRecs++
		ds, err := decodeBatch(rec)
		if err != nil {
			return fmt.Errorf("record %d: %w", lsn, err)
		}
		for _, d := range ds {
			if d.Seq <= seen[d.Source] {
				return fmt.Errorf("record %d holds %s/%d, already covered up to %d: a duplicate", lsn, d.Source, d.Seq, seen[d.Source])
			}
			seen[d.Source] = d.Seq
		}
		return nil
	})
	return rep, err
}

// copyTree copies the regular files under src to dst.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		to := filepath.Join(dst, rel)
		if e.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		if !e.Type().IsRegular() {
			return nil
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(to)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

// reopen opens dir on a fresh base World in this process and returns the
// store, closed at the end of the test.
func reopen(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(context.Background(), crashWorld(t), Options{Dir: dir, CheckpointEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
