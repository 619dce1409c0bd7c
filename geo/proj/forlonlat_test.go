package proj

import (
	"math"
	"os/exec"
	"strings"
	"testing"

	"twin/internal/sharedtest"
)

func TestForLonLat(t *testing.T) {
	tests := []struct {
		name     string
		lon, lat float64
		want     int
	}{
		{"Monaco", 7.42, 43.73, 32632},
		{"Helsinki", 24.94, 60.17, 32635},
		// Beijing: zone = round(116.4/3) = 39, code = 4513 + 39 − 25 = 4527,
		// "CGCS2000 / 3-degree Gauss-Kruger zone 39" (+lon_0=117
		// +x_0=39500000 in `projinfo EPSG:4527 -o PROJ`).
		{"Beijing", 116.4, 39.9, 4527},
		{"Shanghai", 121.47, 31.23, 4513 + 40 - 25},
		{"Urumqi", 87.62, 43.83, 4513 + 29 - 25},
		{"Kashgar west edge clamps to zone 25", 73.5, 39.5, 4513},
		{"Harbin", 126.63, 45.75, 4513 + 42 - 25},
		{"Sydney", 151.21, -33.87, 32756},
		{"Santiago", -70.65, -33.45, 32719},
		{"Quito just south", -78.5, -0.2, 32717},
		{"Bergen, Norway exception", 5.32, 60.39, 32632},
		{"Longyearbyen, Svalbard exception", 15.63, 78.22, 32633},
		{"Svalbard west", 8.0, 79.0, 32631},
		{"Svalbard east", 35.0, 80.0, 32637},
		{"Tokyo, outside China's box", 139.69, 35.69, 32654},
		{"Singapore, south of China's box", 103.82, 1.35, 32648},
		{"antimeridian", 180, 10, 32660},
		{"longitude wrapped", 190, 10, 32602},
		{"NaN taken as 0,0", math.NaN(), math.NaN(), 32631},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ForLonLat(tt.lon, tt.lat)
			if c.Code() != tt.want {
				t.Errorf("ForLonLat(%v, %v) = %s (%s), want EPSG:%d", tt.lon, tt.lat, c, c.Name(), tt.want)
			}
			if math.IsNaN(tt.lon) {
				return
			}
			// The chosen zone must put the city within its strip, where the
			// scale error is smallest.
			lon := math.Remainder(tt.lon, 360)
			b := c.AreaOfUse()
			if lon < b.Min[0]-6 || lon > b.Max[0]+6 {
				t.Errorf("%s strip %v…%v far from lon %v", c, b.Min[0], b.Max[0], lon)
			}
		})
	}
}

// TestForLonLatBeijingMatchesPROJ checks that the zone picked for Beijing is
// the one PROJ's database defines with the central meridian nearest to it.
func TestForLonLatBeijingMatchesPROJ(t *testing.T) {
	tool := sharedtest.Tool(t, "projinfo")
	c := ForLonLat(116.4, 39.9)
	out, err := exec.Command(tool, c.String(), "-o", "PROJ", "-q").Output()
	if err != nil {
		t.Fatal(err)
	}
	def := string(out)
	for _, want := range []string{"+proj=tmerc", "+lon_0=117 ", "+x_0=39500000 ", "+ellps=GRS80"} {
		if !strings.Contains(def, want) {
			t.Errorf("projinfo %s = %q, lacks %q", c, def, want)
		}
	}
	// Our CRS agrees: the central meridian maps to the zone's false easting.
	if x, _ := c.Forward(117, 39.9); math.Abs(x-39500000) > 1e-6 {
		t.Errorf("%s.Forward(117, 39.9) x = %.6f, want 39500000", c, x)
	}
}
