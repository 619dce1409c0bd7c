package floodout

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"twin/geo/dem"
	"twin/internal/sharedtest"
)

// TestGridRoundTrip writes a depth field with Grid through geo/dem's ASCII
// and GeoTIFF encoders and reads it back: every value equal (ASCII: the
// float32 value after its shortest decimal, exact; GeoTIFF: bit for bit),
// and the georeference kept to 1e-9 m.
func TestGridRoundTrip(t *testing.T) {
	g := testDEM(23, 17)
	depth := testDepth(g, 8, 8, 6, 1.7)
	out, err := Grid(g, depth)
	if err != nil {
		t.Fatal(err)
	}
	for _, enc := range []struct {
		name   string
		encode func(*bytes.Buffer) error
	}{
		{"asc", func(b *bytes.Buffer) error { return dem.EncodeASC(b, out) }},
		{"tif", func(b *bytes.Buffer) error { return dem.EncodeGeoTIFF(b, out, dem.EncodeOptions{Deflate: true}) }},
	} {
		t.Run(enc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := enc.encode(&buf); err != nil {
				t.Fatal(err)
			}
			ds, err := dem.Decode(&buf, "depth."+enc.name, dem.Options{})
			if err != nil {
				t.Fatal(err)
			}
			back := ds.Grids[0]
			if back.Cols != g.Cols || back.Rows != g.Rows || math.Abs(back.X0-g.X0) > 1e-9 || math.Abs(back.Y0-g.Y0) > 1e-9 ||
				math.Abs(back.DX-g.DX) > 1e-9 || math.Abs(back.DY-g.DY) > 1e-9 {
				t.Fatalf("georeference %d×%d (%g, %g) %g×%g, want %d×%d (%g, %g) %g×%g", back.Cols, back.Rows, back.X0, back.Y0, back.DX, back.DY,
					g.Cols, g.Rows, g.X0, g.Y0, g.DX, g.DY)
			}
			for i, v := range depth {
				if back.Data[i] != v {
					t.Fatalf("cell %d: %v, want %v", i, back.Data[i], v)
				}
			}
		})
	}
	if _, err := Grid(g, depth[1:]); !errors.Is(err, ErrSize) {
		t.Errorf("short field: %v, want ErrSize", err)
	}
}

// TestGridGDALInfo: gdalinfo (GDAL, the reference reader) reads the
// GeoTIFF with the geotransform (X0, DX, 0, Y0, 0, −DY), to 1e-9 m, and
// the size.
func TestGridGDALInfo(t *testing.T) {
	gdalinfo := sharedtest.Tool(t, "gdalinfo")
	g := testDEM(23, 17)
	out, err := Grid(g, testDepth(g, 8, 8, 6, 1.7))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := dem.EncodeGeoTIFF(&buf, out, dem.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "depth.tif")
	if err := os.WriteFile(f, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := exec.Command(gdalinfo, "-json", f).Output()
	if err != nil {
		t.Fatal(err)
	}
	var info struct {
		Size         []int     `json:"size"`
		GeoTransform []float64 `json:"geoTransform"`
	}
	if err := json.Unmarshal(b, &info); err != nil {
		t.Fatal(err)
	}
	want := []float64{g.X0, g.DX, 0, g.Y0, 0, -g.DY}
	if len(info.Size) != 2 || info.Size[0] != g.Cols || info.Size[1] != g.Rows || len(info.GeoTransform) != 6 {
		t.Fatalf("gdalinfo: size %v, geotransform %v", info.Size, info.GeoTransform)
	}
	for i := range want {
		if math.Abs(info.GeoTransform[i]-want[i]) > 1e-9 {
			t.Errorf("geotransform %v, want %v", info.GeoTransform, want)
			break
		}
	}
}
