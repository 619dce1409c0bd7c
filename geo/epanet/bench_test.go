package epanet

import (
	"bytes"
	"os"
	"testing"

	"twin/internal/sharedtest"
)

func benchDecode(b *testing.B, name string) {
	data, err := os.ReadFile(sharedtest.Path(b, "pipes/epanet/"+name))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var features int
	for b.Loop() {
		m, err := Decode(bytes.NewReader(data), name, Options{})
		if err != nil {
			b.Fatal(err)
		}
		features = len(m.Junctions) + len(m.Reservoirs) + len(m.Tanks) + len(m.Pipes) + len(m.Pumps) + len(m.Valves)
	}
	b.ReportMetric(float64(features)*float64(b.N)/b.Elapsed().Seconds(), "features/s")
}

func BenchmarkDecodeNet6(b *testing.B) { benchDecode(b, "wntr-Net6.inp") }
func BenchmarkDecodeKy4(b *testing.B)  { benchDecode(b, "wntr-ky4.inp") }

func BenchmarkDatasetNet6(b *testing.B) {
	m := decodeShared(b, "wntr-Net6.inp")
	b.ReportAllocs()
	for b.Loop() {
		m.Dataset()
	}
}
