package benchmarks

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
)

const (
	millionSide = 40000.0 // a 40 km × 40 km city: ~625 buildings per km²
)

func buildWorld(tb testing.TB, fs []geo.Feature) *engine.World {
	w, err := engine.New(engine.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	_, err = w.Update(func(tx *engine.Tx) error {
		_, err := tx.PutAll(geo.LayerBuildings, fs)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// BenchmarkIndex1MBuildings indexes a seeded synthetic city of 1,000,000
// building footprints (ID B-tree + R-tree) in one transaction.
func BenchmarkIndex1MBuildings(b *testing.B) {
	fs := SyntheticBuildings(1_000_000, millionSide, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buildWorld(b, fs)
	}
	b.ReportMetric(float64(len(fs))*float64(b.N)/b.Elapsed().Seconds(), "features/s")
}

var million struct {
	w  *engine.World
	fs []geo.Feature
}

func millionWorld(b *testing.B) *engine.World {
	if million.w == nil {
		million.fs = SyntheticBuildings(1_000_000, millionSide, 1)
		million.w = buildWorld(b, million.fs)
	}
	return million.w
}

// bboxSide is the side of a query box that returns about 100 buildings
// from the synthetic million (checked by the benchmark's results metric).
const bboxSide = 320.0

// BenchmarkBBox100 runs bbox queries (exact intersection) that return about
// 100 buildings each, on the 1M-building city.
func BenchmarkBBox100(b *testing.B) {
	s := millionWorld(b).Snapshot()
	l := s.Layer(geo.LayerBuildings)
	r := rand.New(rand.NewPCG(2, 2))
	boxes := make([]orb.Bound, 4096)
	for i := range boxes {
		// query where the buildings are: around a random building
		f := million.fs[r.IntN(len(million.fs))]
		c := f.Geometry().Bound().Center()
		boxes[i] = orb.Bound{Min: orb.Point{c[0] - bboxSide/2, c[1] - bboxSide/2}, Max: orb.Point{c[0] + bboxSide/2, c[1] + bboxSide/2}}
	}
	found := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l.Search(boxes[i%len(boxes)], func(geo.Feature) bool { found++; return true })
	}
	b.ReportMetric(float64(found)/float64(b.N), "results/op")
}

// BenchmarkKNN10 finds the 10 buildings nearest to a random point (exact
// distance to the footprint) on the 1M-building city.
func BenchmarkKNN10(b *testing.B) {
	s := millionWorld(b).Snapshot()
	l := s.Layer(geo.LayerBuildings)
	r := rand.New(rand.NewPCG(3, 3))
	pts := make([]orb.Point, 4096)
	for i := range pts {
		f := million.fs[r.IntN(len(million.fs))]
		c := f.Geometry().Bound().Center()
		pts[i] = orb.Point{c[0] + r.NormFloat64()*200, c[1] + r.NormFloat64()*200}
	}
	var sum float64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l.Nearest(pts[i%len(pts)], 10, nil, func(_ geo.Feature, d float64) bool { sum += d; return true })
	}
	if math.IsNaN(sum) {
		b.Fatal("NaN distance")
	}
}
