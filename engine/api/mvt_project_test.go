package api

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"twin/geo/proj"
)

// webMercatorHalf is half the circumference of the Web Mercator sphere in
// metres (πR, R = 6378137 m), the extent of EPSG:3857.
const webMercatorHalf = 20037508.342789244

// mercatorToTile converts EPSG:3857 metres to the tile units of t.
func mercatorToTile(t maptile.Tile, x, y float64) orb.Point {
	scale := tileExtent * math.Exp2(float64(t.Z))
	return orb.Point{
		(x+webMercatorHalf)/(2*webMercatorHalf)*scale - float64(t.X)*tileExtent,
		(webMercatorHalf-y)/(2*webMercatorHalf)*scale - float64(t.Y)*tileExtent,
	}
}

// TestTileProjectorExact pins the projection of one point of Monaco to
// PROJ: `echo "7.4250 43.7307" | cs2cs +init=epsg:4326 +to +init=epsg:3857
// -f %.4f` gives 826547.2191 5423861.5292. The point goes in as UTM 32N,
// the sample city's CRS, so the test covers the inverse projection too.
func TestTileProjectorExact(t *testing.T) {
	utm, err := proj.EPSG(32632)
	if err != nil {
		t.Fatal(err)
	}
	x, y := utm.Forward(7.4250, 43.7307)
	p := orb.Point{x, y}
	for _, z := range []maptile.Zoom{10, 13, 16, 19, 22} {
		tile := maptile.At(orb.Point{7.4250, 43.7307}, z)
		want := mercatorToTile(tile, 826547.2191, 5423861.5292)
		tp := newTileProjector(utm, tile, tileExtent, orb.Bound{})
		got := tp.exact(p)
		// cs2cs prints 0.1 mm; a tile unit is 0.15 m at z16, 2.4 mm at z22.
		tol := 1e-4 / (2 * webMercatorHalf / tileExtent / math.Exp2(float64(z)))
		if d := maxAbsDiff(got, want); d > 2*tol+1e-9 {
			t.Errorf("z%d: got %v, want %v (cs2cs)", z, got, want)
		}
		if got[0] < 0 || got[0] >= tileExtent || got[1] < 0 || got[1] >= tileExtent {
			t.Errorf("z%d: %v lies outside its own tile %v", z, got, tile)
		}
	}
}

// TestTileProjectorGrid checks the interpolating grid against the exact
// projection at random points of the area it covers, for tiles of every
// zoom over the sample city: within gridTolerance (the bound the grid is
// built to), and the grid is in use from z13, where tiles have buildings.
func TestTileProjectorGrid(t *testing.T) {
	snap := sampleWorld(t).Snapshot()
	seed := uint64(7)
	rng := rand.New(rand.NewPCG(seed, seed))
	center := orb.Point{7.4250, 43.7307}
	for z := maptile.Zoom(0); z <= tileMaxServe; z++ {
		tile := maptile.At(center, z)
		_, grid, ok := tileArea(snap, tile)
		if !ok {
			t.Fatalf("z%d: tile %v misses the sample city", z, tile)
		}
		tp := newTileProjector(snap.CRS(), tile, tileExtent, grid)
		if z >= 13 && tp.n == 0 {
			t.Errorf("z%d: no grid", z)
		}
		worst := 0.0
		for range 2000 {
			p := orb.Point{grid.Min[0] + rng.Float64()*(grid.Max[0]-grid.Min[0]),
				grid.Min[1] + rng.Float64()*(grid.Max[1]-grid.Min[1])}
			worst = math.Max(worst, maxAbsDiff(tp.project(p), tp.exact(p)))
		}
		if worst > gridTolerance {
			t.Errorf("z%d (grid %d×%d): interpolation error %.4g units > %g (seed %d)", z, tp.n, tp.n, worst, gridTolerance, seed)
		}
	}
}

// TestTileProjectorDegenerate checks that an empty or flat grid area falls
// back to exact projection instead of dividing by zero.
func TestTileProjectorDegenerate(t *testing.T) {
	utm, _ := proj.EPSG(32632)
	tile := maptile.New(34118, 23897, 16)
	p := orb.Point{313000, 4844000}
	for _, b := range []orb.Bound{{}, {Min: p, Max: p}, {Min: p, Max: orb.Point{p[0] + 10, p[1]}}} {
		tp := newTileProjector(utm, tile, tileExtent, b)
		if tp.n != 0 {
			t.Errorf("bound %v: grid of %d cells", b, tp.n)
		}
		if got, want := tp.project(p), tp.exact(p); got != want {
			t.Errorf("bound %v: %v, want %v", b, got, want)
		}
	}
}

// maxAbsDiff is the larger of the coordinate differences of a and b.
func maxAbsDiff(a, b orb.Point) float64 {
	return math.Max(math.Abs(a[0]-b[0]), math.Abs(a[1]-b[1]))
}
