package osm

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"twin/internal/sharedtest"
)

// BenchmarkDecodeMonaco decodes the planetiler Monaco extract (445 kB PBF,
// 25k nodes, 4.1k ways) from memory and reports features built per second.
// Sub-benchmarks: one worker and the default (GOMAXPROCS), and the file
// converted to XML when osmium is installed.
func BenchmarkDecodeMonaco(b *testing.B) {
	path := sharedtest.Path(b, "osm/planetiler-monaco-latest.osm.pbf")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		opt  Options
	}{{"pbf/workers=1", Options{Workers: 1}}, {"pbf/workers=default", Options{}}} {
		b.Run(bc.name, func(b *testing.B) { benchDecode(b, data, bc.opt) })
	}
	b.Run("xml", func(b *testing.B) {
		osmium := sharedtest.Tool(b, "osmium")
		dst := filepath.Join(b.TempDir(), "monaco.osm")
		// osmium cat FILE -o monaco.osm
		if out, err := exec.Command(osmium, "cat", path, "-o", dst).CombinedOutput(); err != nil {
			b.Fatalf("osmium: %v\n%s", err, out)
		}
		xml, err := os.ReadFile(dst)
		if err != nil {
			b.Fatal(err)
		}
		benchDecode(b, xml, Options{})
	})
}

func benchDecode(b *testing.B, data []byte, opt Options) {
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	var features int
	for b.Loop() {
		ds, err := Decode(context.Background(), bytes.NewReader(data), "monaco", opt)
		if err != nil {
			b.Fatal(err)
		}
		features = 0
		for _, fs := range ds.Layers {
			features += len(fs)
		}
	}
	b.ReportMetric(float64(features)*float64(b.N)/b.Elapsed().Seconds(), "features/s")
}
