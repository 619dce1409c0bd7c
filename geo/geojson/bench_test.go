package geojson

import (
	"bytes"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// syntheticSensors makes n generic features around Monaco from a fixed
// seed: nine in ten are points with five properties, one in ten a
// five-vertex polygon, as a sensors or incidents layer looks.
func syntheticSensors(n int) []geo.Feature {
	rng := rand.New(rand.NewPCG(1, 2))
	kinds := []string{"water_level", "traffic_count", "air_quality", "camera"}
	fs := make([]geo.Feature, n)
	for i := range fs {
		x, y := 7.40+rng.Float64()*0.05, 43.72+rng.Float64()*0.03
		var g orb.Geometry = orb.Point{x, y}
		if i%10 == 9 {
			d := 0.0005
			g = orb.Polygon{{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}}
		}
		fs[i] = &geo.Generic{ID: "s" + strconv.Itoa(i), Geom: g, Z: math.NaN(), Props: map[string]any{
			"kind": kinds[i%len(kinds)], "value": rng.Float64() * 100, "ok": i%7 != 0,
			"name": "sensor " + strconv.Itoa(i), "installed": 2000.0 + float64(i%25),
		}}
	}
	return fs
}

// BenchmarkEncode100k encodes 100,000 generic features as one collection.
func BenchmarkEncode100k(b *testing.B) {
	fs := syntheticSensors(100_000)
	var size countWriter
	if err := Encode(&size, fs, EncodeOptions{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if err := Encode(io.Discard, fs, EncodeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncode100kProjected adds a projection (a scaled offset standing
// in for local metres → lon/lat) and bbox members.
func BenchmarkEncode100kProjected(b *testing.B) {
	fs := syntheticSensors(100_000)
	opt := EncodeOptions{BBox: true, Project: func(p orb.Point) orb.Point {
		return orb.Point{p[0]*1.000001 + 1e-6, p[1]*0.999999 - 1e-6}
	}}
	b.ReportAllocs()
	for b.Loop() {
		if err := Encode(io.Discard, fs, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode100k decodes what BenchmarkEncode100k writes.
func BenchmarkDecode100k(b *testing.B) {
	var buf bytes.Buffer
	if err := Encode(&buf, syntheticSensors(100_000), EncodeOptions{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		ds, err := Decode(bytes.NewReader(buf.Bytes()), "bench", Options{})
		if err != nil || ds.Count(defaultLayer) != 100_000 {
			b.Fatal(err)
		}
	}
}

// countWriter counts the bytes written to it.
type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
