package dem

import (
	"bytes"
	"io"
	"testing"

	"twin/internal/sharedtest"
)

// benchDecode decodes the shared file rel b.N times from memory and reports
// cells per second.
func benchDecode(b *testing.B, rel, name string) {
	data, err := io.ReadAll(sharedtest.Open(b, rel))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	cells := 0
	for b.Loop() {
		ds, err := Decode(bytes.NewReader(data), name, Options{})
		if err != nil {
			b.Fatal(err)
		}
		cells = len(ds.Grids[0].Data)
	}
	b.ReportMetric(float64(cells)*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
}

func BenchmarkDecodeHGTZip(b *testing.B) { benchDecode(b, tileZIP, "gh-N43E007.hgt.zip") }

func BenchmarkDecodeGeoTIFFMonaco(b *testing.B) {
	benchDecode(b, monacoTIF, "srtm3-monaco-crop.tif")
}

func BenchmarkDecodeASCMonaco(b *testing.B) {
	benchDecode(b, monacoASC, "srtm3-monaco-crop.asc")
}

// BenchmarkEncodeGeoTIFF writes the full SRTM tile as a deflated float32
// GeoTIFF with the floating-point predictor, as flood runs write depths.
func BenchmarkEncodeGeoTIFF(b *testing.B) {
	g := sharedDataset(b, tileZIP, Options{}).Grids[0]
	b.ReportAllocs()
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := EncodeGeoTIFF(&buf, g, EncodeOptions{Deflate: true, Predictor: true}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(len(g.Data))*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
	b.ReportMetric(float64(size), "bytes")
}
