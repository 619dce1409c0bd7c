package proj

import (
	"flag"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
)

// seedFlag replays a round-trip run: go test ./geo/proj -run RoundTrip -seed N
// (or PROJ_TEST_SEED=N). The default is fixed so runs are reproducible.
var seedFlag = flag.Uint64("seed", 0, "random seed for the round-trip tests (0: $PROJ_TEST_SEED or 1)")

// testSeed returns the seed to use and logs it so a failure can be replayed.
func testSeed(t testing.TB) uint64 {
	t.Helper()
	seed := *seedFlag
	if seed == 0 {
		if v, err := strconv.ParseUint(os.Getenv("PROJ_TEST_SEED"), 10, 64); err == nil {
			seed = v
		}
	}
	if seed == 0 {
		seed = 1
	}
	t.Logf("seed %d (replay with -seed %d)", seed, seed)
	return seed
}

// roundTripCRSs returns every supported EPSG CRS, CRS84 and a few LOCAL
// planes, one per zone and family.
func roundTripCRSs(t *testing.T) []*CRS {
	var out []*CRS
	for _, code := range Supported() {
		c, err := EPSG(code)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	for _, s := range []string{"CRS84", "LOCAL:7.42,43.73", "LOCAL:116.4,39.9", "LOCAL:-70.65,-33.45", "LOCAL:18.07,78.9"} {
		c, err := Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// TestRoundTrip draws seeded random points inside each CRS's area of use and
// requires Forward→Inverse to return within rtTol of the start, and
// Inverse→Forward (from a projected point perturbed by up to 5 km) likewise.
// The bound is far under the 1 mm the engine needs; the worst case is logged.
func TestRoundTrip(t *testing.T) {
	const (
		perCRS = 300
		rtTol  = 1e-6 // metres
	)
	rng := rand.New(rand.NewPCG(testSeed(t), 0x70726f6a))
	for _, c := range roundTripCRSs(t) {
		t.Run(c.String(), func(t *testing.T) {
			b := c.AreaOfUse()
			worstFI, worstIF := 0.0, 0.0
			for range perCRS {
				lon := b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0])
				lat := b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])
				x, y := c.Forward(lon, lat)
				lon2, lat2 := c.Inverse(x, y)
				d := groundDistance(lon, lat, lon2, lat2)
				worstFI = math.Max(worstFI, d)
				if !(d <= rtTol) {
					t.Fatalf("Forward→Inverse (%v, %v) → (%v, %v) → (%v, %v): off by %.3g m",
						lon, lat, x, y, lon2, lat2, d)
				}
				if c.Geographic() {
					continue
				}
				x += (rng.Float64() - 0.5) * 1e4
				y += (rng.Float64() - 0.5) * 1e4
				x3, y3 := c.Forward(c.Inverse(x, y))
				d = math.Hypot(x3-x, y3-y)
				worstIF = math.Max(worstIF, d)
				if !(d <= rtTol) {
					t.Fatalf("Inverse→Forward (%v, %v) → (%v, %v): off by %.3g m", x, y, x3, y3, d)
				}
			}
			if testing.Verbose() {
				t.Logf("worst Forward→Inverse %.2g m, Inverse→Forward %.2g m", worstFI, worstIF)
			}
		})
	}
}
