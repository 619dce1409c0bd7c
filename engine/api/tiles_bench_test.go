package api

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/paulmach/orb/maptile"
)

// benchmarkTile renders tile t of the sample city as the tile route does
// (query, project, clip, simplify, encode), without HTTP or gzip, in
// scratch space reused from one rendering to the next as the route's pool
// does.
func benchmarkTile(b *testing.B, t maptile.Tile) {
	snap := sampleWorld(b).Snapshot()
	var sc tileScratch
	b.ReportAllocs()
	for b.Loop() {
		renderTile(snap, t, &sc)
	}
	body, counts := renderTile(snap, t, &sc)
	n := 0
	for _, c := range counts {
		n += c.n
	}
	b.ReportMetric(float64(n), "features")
	b.ReportMetric(float64(len(body)), "bytes")
}

// BenchmarkTileZ15Fresh renders the busy z15 tile in fresh memory each
// time.
func BenchmarkTileZ15Fresh(b *testing.B) {
	snap := sampleWorld(b).Snapshot()
	b.ReportAllocs()
	for b.Loop() {
		renderTile(snap, busyZ15, nil)
	}
}

// BenchmarkTileZ15 renders the busiest z15 tile of Monaco (17059/11948:
// 547 buildings, 841 roads, 478 pipes). Target: under 2 ms.
func BenchmarkTileZ15(b *testing.B) { benchmarkTile(b, busyZ15) }

// BenchmarkTileZ13 renders the busiest z13 tile (4264/2987: 725 buildings,
// 567 roads of the classes drawn at z13).
func BenchmarkTileZ13(b *testing.B) { benchmarkTile(b, busyZ13) }

// BenchmarkTileZ16 renders the busiest z16 tile (34118/23897), the first
// zoom with every layer.
func BenchmarkTileZ16(b *testing.B) { benchmarkTile(b, busyZ16) }

// BenchmarkTileZ15HTTP serves the busy z15 tile through the handler,
// gzipped, as a client asking for gzip gets it.
func BenchmarkTileZ15HTTP(b *testing.B) {
	s, err := New(sampleWorld(b), Config{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	path := fmt.Sprintf("/tiles/%d/%d/%d.mvt", busyZ15.Z, busyZ15.X, busyZ15.Y)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}
