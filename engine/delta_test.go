package engine

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"twin/geo"
)

var now = time.Date(2026, 11, 23, 8, 0, 10, 0, time.UTC)

// issueExample is the wire-format example of the live-twin issue, with the
// road id filled in.
const issueExample = `{"source":"s1","seq":1,"ts":"2026-11-23T08:00:00Z","kind":"upsert","layer":"sensors","id":"g1","geometry":{"type":"Point","coordinates":[7.42,43.73]},"properties":{"type":"water_level","unit":"m"}}
{"source":"s1","seq":2,"ts":"2026-11-23T08:00:01Z","kind":"reading","layer":"sensors","id":"g1","value":0.42}
{"source":"s1","seq":3,"ts":"2026-11-23T08:00:02Z","kind":"move","layer":"units","id":"amb-3","lon":7.421,"lat":43.731}
{"source":"ops","seq":1,"ts":"2026-11-23T08:00:03Z","kind":"closure","layer":"roads","id":"w1","closed":true}
`

func liveWorld(t *testing.T) *World {
	t.Helper()
	w, err := New(Config{CRS: "EPSG:32632"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.Update(func(tx *Tx) error {
		p, _ := tx.fromLonLat(7.40, 43.72)
		q, _ := tx.fromLonLat(7.41, 43.72)
		if _, err := tx.Put(geo.LayerRoads, &geo.Road{ID: "w1", Line: orb.LineString{p, q}, Class: "primary"}); err != nil {
			return err
		}
		_, err := tx.Put(geo.LayerUnits, &geo.Generic{ID: "amb-3", Geom: p, Z: geo.NaN, Props: map[string]any{"type": "ambulance"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func applyBatch(w *World, ds []Delta) (applied, dup int, err error) {
	_, err = w.Update(func(tx *Tx) error {
		applied, dup = 0, 0
		for _, d := range ds {
			ok, err := tx.Apply(d)
			if err != nil {
				return err
			}
			if ok {
				applied++
			} else {
				dup++
			}
		}
		return nil
	})
	return applied, dup, err
}

func TestApplyIssueExample(t *testing.T) {
	w := liveWorld(t)
	ds, bad, err := ParseDeltas(strings.NewReader(issueExample), now, 1<<20)
	if err != nil || len(bad) > 0 || len(ds) != 4 {
		t.Fatalf("parse: %d deltas, bad %v, err %v", len(ds), bad, err)
	}
	applied, dup, err := applyBatch(w, ds)
	if err != nil || applied != 4 || dup != 0 {
		t.Fatalf("applied %d, duplicates %d, err %v", applied, dup, err)
	}
	s := w.Snapshot()
	g, ok := s.Layer(geo.LayerSensors).Get("g1")
	if !ok {
		t.Fatal("sensor g1 missing")
	}
	p := g.Properties()
	if p["value"] != 0.42 || p["ts"] != "2026-11-23T08:00:01Z" || p["seq"] != 2.0 || p["type"] != "water_level" {
		t.Errorf("sensor properties %v", p)
	}
	u, _ := s.Layer(geo.LayerUnits).Get("amb-3")
	want, _ := s.FromLonLat(7.421, 43.731)
	if u.Geometry().(orb.Point) != want {
		t.Errorf("unit at %v, want %v", u.Geometry(), want)
	}
	// Re-indexed: the nearest unit to its new position is found there.
	s.Layer(geo.LayerUnits).Nearest(want, 1, nil, func(f geo.Feature, d float64) bool {
		if d > 1e-9 {
			t.Errorf("nearest unit %.3f m from its new position", d)
		}
		return false
	})
	r, _ := s.Layer(geo.LayerRoads).Get("w1")
	if r.Properties()["closed"] != true {
		t.Errorf("road w1 not closed: %v", r.Properties())
	}
	// Resending the batch (a lost acknowledgement) applies nothing.
	applied, dup, err = applyBatch(w, ds)
	if err != nil || applied != 0 || dup != 4 {
		t.Errorf("resend: applied %d, duplicates %d, err %v", applied, dup, err)
	}
	// Delete, then the seq of s1 stands at 4.
	del, _ := ParseDelta([]byte(`{"source":"s1","seq":4,"ts":"2026-11-23T08:00:04Z","kind":"delete","layer":"sensors","id":"g1"}`), now)
	if _, _, err := applyBatch(w, []Delta{del}); err != nil {
		t.Fatal(err)
	}
	if _, ok := w.Snapshot().Layer(geo.LayerSensors).Get("g1"); ok || w.Snapshot().Seq("s1") != 4 {
		t.Errorf("g1 still there or seq %d", w.Snapshot().Seq("s1"))
	}
}

func TestBatchIsAtomic(t *testing.T) {
	w := liveWorld(t)
	before := w.Snapshot()
	ds, _, _ := ParseDeltas(strings.NewReader(issueExample), now, 1<<20)
	bad, _ := ParseDelta([]byte(`{"source":"s2","seq":1,"ts":"2026-11-23T08:00:05Z","kind":"reading","layer":"sensors","id":"nope","value":1}`), now)
	_, _, err := applyBatch(w, append(ds, bad))
	if !errors.Is(err, ErrUnknownFeature) {
		t.Fatalf("got %v, want ErrUnknownFeature", err)
	}
	if w.Snapshot() != before || w.Snapshot().Seq("s1") != 0 {
		t.Fatal("a rejected batch changed the World")
	}
}

func TestParseDeltasRejects(t *testing.T) {
	lines := []string{
		`{"source":"a","seq":1,"ts":"2026-11-23T08:00:00Z","kind":"reading","layer":"sensors","id":"g","value":1}`,
		`not json`,
		`{"seq":1,"ts":"2026-11-23T08:00:00Z","kind":"reading","layer":"sensors","id":"g","value":1}`,
		`{"source":"a","seq":0,"ts":"2026-11-23T08:00:00Z","kind":"reading","layer":"sensors","id":"g","value":1}`,
		`{"source":"a","seq":2,"ts":"2027-01-01T00:00:00Z","kind":"reading","layer":"sensors","id":"g","value":1}`,
		`{"source":"a","seq":3,"ts":"2026-11-23T08:00:00Z","kind":"teleport","layer":"sensors","id":"g"}`,
		`{"source":"a","seq":4,"ts":"2026-11-23T08:00:00Z","kind":"move","layer":"units","id":"u","lon":7,"lat":95}`,
		`{"source":"a","seq":5,"ts":"2026-11-23T08:00:00Z","kind":"reading","layer":"sensors","id":"g"}`,
		`{"source":"a","seq":6,"ts":"2026-11-23T08:00:00Z","kind":"upsert","layer":"sensors","id":"g"}`,
		`{"source":"a","seq":7,"ts":"2026-11-23T08:00:00Z","kind":"closure","layer":"roads","id":"w1"}`,
		``,
		`{"source":"a","seq":8,"ts":"2026-11-23T08:00:00Z","kind":"delete","layer":"sensors","id":"g"}`,
	}
	ds, bad, err := ParseDeltas(strings.NewReader(strings.Join(lines, "\n")), now, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	wantBad := []int{2, 3, 4, 5, 6, 7, 8, 9, 10}
	if len(ds) != 2 || len(bad) != len(wantBad) {
		t.Fatalf("%d good, bad %v", len(ds), bad)
	}
	for i, b := range bad {
		if b.Line != wantBad[i] {
			t.Errorf("bad line %d, want %d (%s)", b.Line, wantBad[i], b.Err)
		}
	}
	_, bad, _ = ParseDeltas(strings.NewReader(strings.Repeat("x", 2000)), now, 1000)
	if len(bad) != 1 || !strings.Contains(bad[0].Err, "longer than") {
		t.Errorf("oversized line: %v", bad)
	}
}

func TestUpsertTypedLayer(t *testing.T) {
	w := liveWorld(t)
	d, err := ParseDelta([]byte(`{"source":"ops","seq":1,"ts":"2026-11-23T08:00:00Z","kind":"upsert","layer":"buildings","id":"new-depot",
		"geometry":{"type":"Polygon","coordinates":[[[7.42,43.73],[7.4201,43.73],[7.4201,43.7301],[7.42,43.7301],[7.42,43.73]]]},
		"properties":{"height":12,"type":"fire_station"}}`), now)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := applyBatch(w, []Delta{d}); err != nil {
		t.Fatal(err)
	}
	f, ok := w.Snapshot().Layer(geo.LayerBuildings).Get("new-depot")
	b, isB := f.(*geo.Building)
	if !ok || !isB || b.Height != 12 {
		t.Fatalf("got %T %+v", f, f)
	}
	// 0.0001° × 0.0001° at 43.73°N: 8.06 m × 11.11 m ≈ 89.5 m² (ellipsoidal
	// radii of curvature), in UTM times k² ≈ 0.9996.
	if a := b.FloorArea() / 4; math.Abs(a-89.5) > 1 {
		t.Errorf("footprint %.1f m², want ≈ 89.5", a)
	}
}

func FuzzParseDeltas(f *testing.F) {
	f.Add([]byte(issueExample))
	f.Add([]byte(`{"source":"a","seq":1,"ts":"2026-11-23T08:00:00Z","kind":"move","layer":"units","id":"u","lon":7,"lat":43}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, bad, err := ParseDeltas(strings.NewReader(string(data)), now, 1<<16)
		if err != nil {
			return
		}
		for _, d := range ds {
			if d.Validate(now) != nil {
				t.Fatalf("accepted an invalid delta %+v", d)
			}
		}
		_ = bad
		w, _ := New(Config{CRS: "EPSG:32632"})
		_, _, _ = applyBatch(w, ds) // may fail (unknown ids), must not panic
		_ = fmt.Sprint(len(ds))
	})
}
