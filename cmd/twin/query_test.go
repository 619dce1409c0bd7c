package main

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"
)

func queryFC(t *testing.T, args ...string) *orbjson.FeatureCollection {
	t.Helper()
	out, err := run(t, append([]string{"query", "-q"}, args...)...)
	if err != nil {
		t.Fatalf("twin query %v: %v", args, err)
	}
	fc, err := orbjson.UnmarshalFeatureCollection([]byte(out))
	if err != nil {
		t.Fatalf("output is not GeoJSON: %v\n%.500s", err, out)
	}
	return fc
}

// TestQueryBBox: every building returned by --bbox touches the box, and
// every building of the layer that lies well inside it is returned.
func TestQueryBBox(t *testing.T) {
	box := orb.Bound{Min: orb.Point{7.420, 43.730}, Max: orb.Point{7.425, 43.735}}
	fc := queryFC(t, "--layer", "buildings", "--bbox", "7.420,43.730,7.425,43.735")
	all := queryFC(t, "--layer", "buildings", "--bbox", "7.3,43.6,7.6,43.9")
	if len(fc.Features) == 0 || len(all.Features) <= len(fc.Features) {
		t.Fatalf("%d buildings in the box, %d in all of Monaco", len(fc.Features), len(all.Features))
	}
	got := map[string]bool{}
	for _, f := range fc.Features {
		got[f.ID.(string)] = true
		if !f.Geometry.Bound().Pad(1e-6).Intersects(box) {
			t.Errorf("%v lies outside the box", f.ID)
		}
	}
	for _, f := range all.Features {
		b := f.Geometry.Bound()
		if box.Pad(-1e-5).Contains(b.Min) && box.Pad(-1e-5).Contains(b.Max) && !got[f.ID.(string)] {
			t.Errorf("%v lies inside the box but was not returned", f.ID)
		}
	}
}

func TestQueryNear(t *testing.T) {
	fc := queryFC(t, "--layer", "road_nodes", "--near", "7.4246,43.7384", "--k", "5")
	if len(fc.Features) != 5 {
		t.Fatalf("%d results, want 5", len(fc.Features))
	}
	prev := -1.0
	for _, f := range fc.Features {
		d := f.Properties["distance_m"].(float64)
		if d < prev {
			t.Errorf("distances not increasing: %v after %v", d, prev)
		}
		prev = d
		// The distance in UTM zone 32 is the ellipsoidal distance times the
		// point scale factor k = k0·(1 + (Δλ·cos φ)²/2) (Snyder 1987, eq.
		// 8-11 to first order): 0.99980 at 7.42°E, 43.74°N.
		p := f.Geometry.(orb.Point)
		lam := (7.4246 - 9) * math.Pi / 180
		k := 0.9996 * (1 + math.Pow(lam*math.Cos(43.7384*math.Pi/180), 2)/2)
		if g := k * ellipsoidal(p, orb.Point{7.4246, 43.7384}); math.Abs(g-d) > 1e-4*g+0.01 {
			t.Errorf("distance_m %.3f, expected %.3f", d, g)
		}
	}
}

// ellipsoidal is the distance in metres between two close lon/lat points on
// the WGS84 ellipsoid, from the meridional and prime-vertical radii of
// curvature at their mean latitude (exact to ~1e-6 over a few hundred m).
func ellipsoidal(a, b orb.Point) float64 {
	const sa, e2 = 6378137.0, 6.69437999014e-3
	rad := math.Pi / 180
	phi := (a[1] + b[1]) / 2 * rad
	w := 1 - e2*math.Sin(phi)*math.Sin(phi)
	m := sa * (1 - e2) / math.Pow(w, 1.5)
	n := sa / math.Sqrt(w)
	return math.Hypot(m*(b[1]-a[1])*rad, n*math.Cos(phi)*(b[0]-a[0])*rad)
}

// TestQueryUnder finds the sample sewer under a manhole and checks depth
// ordering and the depth filter.
func TestQueryUnder(t *testing.T) {
	nodes := queryFC(t, "--layer", "pipe_nodes", "--near", "7.4246,43.7384", "--k", "1")
	p := nodes.Features[0].Geometry.(orb.Point)
	arg := strconv.FormatFloat(p[0], 'f', 8, 64) + "," + strconv.FormatFloat(p[1], 'f', 8, 64)
	fc := queryFC(t, "--under", arg)
	if len(fc.Features) == 0 {
		t.Fatal("nothing under a manhole")
	}
	tops := make([]float64, len(fc.Features))
	for i, f := range fc.Features {
		tops[i] = f.Properties["depth_top_m"].(float64)
	}
	if !sort.Float64sAreSorted(tops) {
		t.Errorf("not sorted by depth: %v", tops)
	}
	deep := queryFC(t, "--under", arg, "--depth", "2,100")
	for _, f := range deep.Features {
		if f.Properties["depth_bottom_m"].(float64) < 2 {
			t.Errorf("%v ends %.2f m deep, above the 2 m asked for", f.ID, f.Properties["depth_bottom_m"])
		}
	}
}

func TestQueryBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no query", []string{"--layer", "buildings"}, "exactly one"},
		{"two queries", []string{"--layer", "buildings", "--bbox", "1,2,3,4", "--near", "1,2"}, "exactly one"},
		{"bad bbox", []string{"--layer", "buildings", "--bbox", "a,b,c,d"}, "not a finite number"},
		{"short bbox", []string{"--layer", "buildings", "--bbox", "1,2,3"}, "4 comma-separated"},
		{"inverted bbox", []string{"--layer", "buildings", "--bbox", "8,44,7,43"}, "min greater than max"},
		{"unknown layer", []string{"--layer", "rivers", "--near", "7.42,43.73"}, "unknown layer"},
		{"bad k", []string{"--layer", "buildings", "--near", "7.42,43.73", "--k", "0"}, "--k must be positive"},
		{"NaN point", []string{"--layer", "buildings", "--near", "NaN,43"}, "not a finite number"},
		{"bad depth", []string{"--under", "7.42,43.73", "--depth", "5,1"}, "--depth"},
		{"lat out of range", []string{"--layer", "buildings", "--near", "7,95"}, "out of range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run(t, append([]string{"query", "-q"}, tc.args...)...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}
