package main

import (
	"bytes"
	"context"
	"io/fs"
	"testing"

	"twin/assets"
	"twin/engine"
	"twin/geo"
	"twin/geo/swmm"
	"twin/sim/flood/sewergen"
)

// TestEmbeddedSewerIsReproducible regenerates the sample city's synthetic
// sewer from its embedded streets and terrain and compares it byte for byte
// with the embedded file (run `go generate ./assets` when this fails after
// a deliberate change).
func TestEmbeddedSewerIsReproducible(t *testing.T) {
	ctx := context.Background()
	w, err := engine.New(engine.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var sets []*geo.Dataset
	for _, name := range []string{"monaco.osm.pbf", "monaco-srtm3.tif"} {
		ds, err := engine.ReadFS(ctx, assets.City(), name, engine.SourceOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sets = append(sets, ds)
	}
	if _, err := w.Load(ctx, sets...); err != nil {
		t.Fatal(err)
	}
	m, rep, err := generateSewer(w.Snapshot(), sewergen.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := swmm.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	want, err := fs.ReadFile(assets.City(), "monaco-sewer.inp")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("regenerated sewer (%s) differs from the embedded monaco-sewer.inp: run go generate ./assets", rep)
	}
}
