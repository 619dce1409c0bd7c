package scene

import (
	"context"
	"math"
	"sync"
	"testing"

	"twin/engine"
	"twin/geo"
	"twin/internal/samplecity"
	"twin/render"
)

var sample struct {
	once sync.Once
	snap *engine.Snapshot
	err  error
}

// sampleSnapshot loads the embedded sample city into a World, as the twin
// command does without --data.
func sampleSnapshot(tb testing.TB) *engine.Snapshot {
	tb.Helper()
	sample.once.Do(func() {
		w, err := samplecity.World(context.Background())
		if err != nil {
			sample.err = err
			return
		}
		sample.snap = w.Snapshot()
	})
	if sample.err != nil {
		tb.Fatal(sample.err)
	}
	return sample.snap
}

// roofArea sums the horizontal area of the roof triangles of every tile.
func roofArea(s *Scene) float64 {
	var a float64
	for _, t := range s.tiles {
		m := s.list.Items[t.item].Mesh
		for k := 0; k+2 < t.roofIndex; k += 3 {
			p, q, r := m.Position(int(m.Indices[k])), m.Position(int(m.Indices[k+1])), m.Position(int(m.Indices[k+2]))
			a += cross(float64(p[0]), float64(p[1]), float64(q[0]), float64(q[1]), float64(r[0]), float64(r[1])) / 2
		}
	}
	return a
}

func footprintArea(snap *engine.Snapshot) (a float64, n int) {
	snap.Layer(geo.LayerBuildings).Ascend("", func(f geo.Feature) bool {
		b := f.(*geo.Building)
		for _, p := range b.Footprint {
			for k, r := range p {
				ra := math.Abs(signedArea(ringPoints(r)))
				if k == 0 {
					a += ra
				} else {
					a -= ra
				}
			}
		}
		n++
		return true
	})
	return a, n
}

func TestBuildSampleCity(t *testing.T) {
	snap := sampleSnapshot(t)
	s, err := Build(snap, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, n := footprintArea(snap)
	if n == 0 {
		t.Fatal("sample city has no buildings")
	}
	got := roofArea(s)
	// Reference: the shoelace area of the footprints (outer minus holes);
	// flat roofs cover exactly the footprint.
	if math.Abs(got-want) > 1e-6*want {
		t.Errorf("roof area %.3f m², footprint area %.3f m² (rel. diff %.2g)", got, want, math.Abs(got-want)/want)
	}
	var buildings int
	for _, tl := range s.tiles {
		buildings += tl.buildings
	}
	if buildings != n {
		t.Errorf("%d buildings in tiles, want %d", buildings, n)
	}
	counts := map[render.Layer]int{}
	for _, it := range s.list.Items {
		counts[it.Layer]++
	}
	t.Logf("buildings %d in %d tiles, roads %d, items %v", n, len(s.tiles), len(s.roads.refs), counts)
	if counts[render.LayerTerrain] == 0 || counts[render.LayerRoads] != 1 || counts[render.LayerPipes] != 1 {
		t.Errorf("layers %v: want terrain, one roads and one pipes item", counts)
	}
}
