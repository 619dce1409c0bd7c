package proj

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestTransformer(t *testing.T) {
	tests := []struct {
		name, from, to string
		in             orb.Point
		want           orb.Point
		tol            float64 // in units of to (metres or degrees)
		identity       bool
	}{
		{"same CRS", "EPSG:32632", "EPSG:32632", orb.Point{372751.1, 4843098.2}, orb.Point{372751.1, 4843098.2}, 0, true},
		{"WGS84-equal geographic", "EPSG:4490", "CRS84", orb.Point{116.4, 39.9}, orb.Point{116.4, 39.9}, 0, true},
		{"RD New and its compound", "EPSG:7415", "EPSG:28992", orb.Point{84477, 447346}, orb.Point{84477, 447346}, 0, true},
		// Monaco: `echo 7.42 43.73 | cs2cs -f %.6f OGC:CRS84 EPSG:32632` → 372751.122819 4843098.236223.
		{"lon/lat to UTM", "EPSG:4326", "EPSG:32632", orb.Point{7.42, 43.73}, orb.Point{372751.122819, 4843098.236223}, 1e-6, false},
		// `echo 372751.122819 4843098.236223 | cs2cs -f %.6f EPSG:32632 EPSG:3857` → 825990.621686 5423753.691528.
		{"UTM to Web Mercator", "EPSG:32632", "EPSG:3857", orb.Point{372751.122819, 4843098.236223}, orb.Point{825990.621686, 5423753.691528}, 1e-5, false},
		// Delft, with RD New driven as in control_points.txt (the +towgs84 of
		// datum.go): `echo 84477 447346 | cs2cs -f %.10f +proj=sterea
		// +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079
		// +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.4171,50.3319,
		// 465.5524,-0.398957388243134,0.343987817378283,-1.87740163998045,4.0725
		// +units=m +no_defs +to +proj=utm +zone=31 +datum=WGS84 +no_defs` →
		// 593341.5659 5763022.7403. 1 cm covers PROJ's sub-millimetre
		// difference in how it inverts the Helmert shift (see datum.go).
		{"RD New to UTM 31N", "EPSG:28992", "EPSG:32631", orb.Point{84477, 447346}, orb.Point{593341.5659, 5763022.7403}, 1e-2, false},
		// Same command with +to +proj=longlat +datum=WGS84 → 4.3599960659 52.0099923691; 1e-7° ≈ 1 cm.
		{"RD New to CRS84", "EPSG:28992", "CRS84", orb.Point{84477, 447346}, orb.Point{4.3599960659, 52.0099923691}, 1e-7, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fn := Transformer(mustParse(t, tt.from), mustParse(t, tt.to))
			got := fn(tt.in)
			if d := math.Hypot(got[0]-tt.want[0], got[1]-tt.want[1]); !(d <= tt.tol) {
				t.Errorf("%v → %v, want %v ± %g", tt.in, got, tt.want, tt.tol)
			}
			if tt.identity && got != tt.in {
				t.Errorf("identity transformer changed %v to %v", tt.in, got)
			}
		})
	}
}
