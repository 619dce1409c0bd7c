package epanet

import (
	"io"
	"testing"

	"twin/geo/internal/inp/inptest"
)

func benchDecode(b *testing.B, name string) {
	inptest.BenchDecode(b, "pipes/epanet/"+name, func(r io.Reader) (int, error) {
		m, err := Decode(r, name, Options{})
		if err != nil {
			return 0, err
		}
		return len(m.Junctions) + len(m.Reservoirs) + len(m.Tanks) + len(m.Pipes) + len(m.Pumps) + len(m.Valves), nil
	})
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
