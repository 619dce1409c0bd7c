package urban

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"testing"

	"twin/sim/flood/rain"
)

// fingerprint runs the synthetic street (rain, a gauge, a pipe hydrograph,
// frames) and returns every output as bytes.
func fingerprint(t *testing.T, workers int) []byte {
	t.Helper()
	s := newStreet()
	in := Inputs{DEM: s.dem, Sewer: s.sewer(t), Rain: rain.Uniform{MMh: 80, Start: 0, End: 600},
		Gauges: []Gauge{{Name: "g", X: s.j1[0] - 10, Y: s.j1[1]}}, Pipes: []string{"C1"}}
	o := Options{CellSize: 5, OutputInterval: 300, SeriesInterval: 30}
	o.Surface.Workers = workers
	m, err := New(in, o)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.Run(context.Background(), 1200, nil); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	put := func(v any) {
		if err := binary.Write(&buf, binary.LittleEndian, v); err != nil {
			t.Fatal(err)
		}
	}
	put(m.MaxDepth(nil))
	put(m.MaxDepthTime(nil))
	for _, f := range m.Frames() {
		put(f.Time)
		put(f.Depth)
		put(f.U)
		put(f.V)
	}
	sr := m.Series()
	put(sr.Times)
	put(sr.Gauges[0].Depth)
	put(sr.Pipes[0].Flow)
	put(sr.Outfalls[0].Flow)
	b := m.MassBalance()
	put(math.Float64bits(b.Error))
	put(math.Float64bits(b.Surface))
	put(math.Float64bits(b.Pipes))
	return buf.Bytes()
}

// TestDeterminism: the same inputs give byte-identical outputs, with one
// worker or two.
func TestDeterminism(t *testing.T) {
	a := fingerprint(t, 1)
	b := fingerprint(t, 1)
	c := fingerprint(t, 2)
	if !bytes.Equal(a, b) {
		t.Fatal("two identical runs differ")
	}
	if !bytes.Equal(a, c) {
		t.Fatal("one and two surface workers differ")
	}
}

// TestDeterminismSampleCity runs five minutes of the sample city at 50 m
// twice and compares the maximum depths, the node maxima and the flooded
// links bit for bit.
func TestDeterminismSampleCity(t *testing.T) {
	mo := loadMonaco(t)
	run := func() []byte {
		m, _ := monacoStorm(t, mo, 50, 10)
		defer m.Close()
		if err := m.Run(context.Background(), 300, nil); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		md := m.MaxDepth(nil)
		binary.Write(&buf, binary.LittleEndian, md)
		for _, n := range m.NodeStats() {
			binary.Write(&buf, binary.LittleEndian, [3]float64{n.MaxHead, n.Captured, n.Overflow})
		}
		for _, l := range m.FloodedLinks(md, 0.01, 0) {
			buf.WriteString(l.ID)
			binary.Write(&buf, binary.LittleEndian, l.Depth)
		}
		return buf.Bytes()
	}
	if a, b := run(), run(); !bytes.Equal(a, b) {
		t.Fatal("two runs of the sample city differ")
	}
}
