package osm

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
	"twin/internal/sharedtest"
)

func TestSegmentLength(t *testing.T) {
	// Expected: proj's geodesic (Karney) on WGS84, e.g.
	//   echo "43.73 7.42 43.731 7.421" | geod +ellps=WGS84 -I +units=m -F %.6f
	// (input lat1 lon1 lat2 lon2; the distance is the third output column).
	tests := []struct {
		name string
		a, b orb.Point // lon, lat
		geod float64
		tol  float64 // relative
	}{
		{"Monaco 137 m", orb.Point{7.42, 43.73}, orb.Point{7.421, 43.731}, 137.244383, 1e-8},
		{"Helsinki 1.2 km", orb.Point{24.94, 60.17}, orb.Point{24.95, 60.18}, 1244.755744, 1e-8},
		{"meridian 10 km", orb.Point{7.4, 43.7}, orb.Point{7.4, 43.79}, 9999.653789, 1e-8},
		{"equator 11 km", orb.Point{0, 0}, orb.Point{0.1, 0}, 11131.949079, 1e-8},
		{"Beijing 8.5 km east", orb.Point{116.3, 39.9}, orb.Point{116.4, 39.9}, 8551.828889, 1e-7},
		{"diagonal 14 km", orb.Point{7.4, 43.7}, orb.Point{7.5, 43.8}, 13722.931912, 1e-6},
		{"antimeridian", orb.Point{179.9995, -16.5}, orb.Point{-179.9995, -16.5}, 106.764155, 1e-8},
		{"same point", orb.Point{7.42, 43.73}, orb.Point{7.42, 43.73}, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := SegmentLength(tc.a, tc.b)
			if math.Abs(got-tc.geod) > tc.tol*tc.geod {
				t.Errorf("SegmentLength = %.6f m, geod %.6f m (rel %.2g)", got, tc.geod, (got-tc.geod)/tc.geod)
			}
		})
	}
}

// TestLinkLengthsAgainstGeod runs proj's geod on every segment of every
// link of the Monaco file and checks each link's length to 1e-5 relative.
func TestLinkLengthsAgainstGeod(t *testing.T) {
	geod := sharedtest.Tool(t, "geod")
	ds := decodeFile(t, sharedtest.Path(t, "osm/planetiler-monaco-latest.osm.pbf"), Options{})
	links := ds.Layers[geo.LayerLinks]
	var in bytes.Buffer
	for _, f := range links {
		l := f.(*geo.RoadLink)
		for i := 1; i < len(l.Line); i++ {
			a, b := l.Line[i-1], l.Line[i]
			fmt.Fprintf(&in, "%.9f %.9f %.9f %.9f\n", a[1], a[0], b[1], b[0])
		}
	}
	cmd := exec.Command(geod, "+ellps=WGS84", "-I", "+units=m", "-F", "%.6f")
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("geod: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	var worst float64
	for _, f := range links {
		l := f.(*geo.RoadLink)
		var want float64
		for i := 1; i < len(l.Line); i++ {
			if !sc.Scan() {
				t.Fatal("geod output ends early")
			}
			cols := strings.Fields(sc.Text())
			d, err := strconv.ParseFloat(cols[len(cols)-1], 64)
			if err != nil {
				t.Fatalf("geod line %q: %v", sc.Text(), err)
			}
			want += d
		}
		rel := math.Abs(l.Length-want) / want
		worst = math.Max(worst, rel)
		if rel > 1e-5 {
			t.Errorf("%s: length %.6f m, geod %.6f m", l.ID, l.Length, want)
		}
	}
	t.Logf("%d links, worst relative difference to geod %.2g", len(links), worst)
}
