package dem

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

func TestEncodeGeoTIFFRoundTrip(t *testing.T) {
	nd := -9999.0
	tests := []struct {
		name string
		opt  EncodeOptions
		crs  string
	}{
		{"strips", EncodeOptions{}, "EPSG:32632"},
		{"deflate", EncodeOptions{Deflate: true}, "EPSG:4547"},
		{"deflate and predictor", EncodeOptions{Deflate: true, Predictor: true}, "EPSG:4490"},
		{"tiles", EncodeOptions{TileSize: 16}, "EPSG:4326"},
		{"tiles, deflate, predictor", EncodeOptions{TileSize: 32, Deflate: true, Predictor: true}, ""},
		{"nodata -9999", EncodeOptions{NoData: &nd, Deflate: true}, "EPSG:32632"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := testGrid()
			g.CRS = tt.crs
			var buf bytes.Buffer
			if err := EncodeGeoTIFF(&buf, g, tt.opt); err != nil {
				t.Fatal(err)
			}
			ds, err := DecodeGeoTIFF(&buf, "rt.tif", Options{})
			if err != nil {
				t.Fatal(err)
			}
			sameCells(t, ds.Grids[0], g)
			checkTransform(t, ds.Grids[0], [6]float64{g.X0, g.DX, 0, g.Y0, 0, -g.DY}, 0)
			if ds.CRS != tt.crs {
				t.Errorf("CRS %q, want %q", ds.CRS, tt.crs)
			}
		})
	}
	t.Run("monaco", func(t *testing.T) {
		src := sharedDataset(t, monacoTIF, Options{}).Grids[0]
		var buf bytes.Buffer
		if err := EncodeGeoTIFF(&buf, src, EncodeOptions{Deflate: true, Predictor: true}); err != nil {
			t.Fatal(err)
		}
		ds, err := DecodeGeoTIFF(&buf, "rt.tif", Options{})
		if err != nil {
			t.Fatal(err)
		}
		sameCells(t, ds.Grids[0], src)
	})
}

func TestEncodeOptionsValidate(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name string
		opt  EncodeOptions
		ok   bool
	}{
		{"zero", EncodeOptions{}, true},
		{"all", EncodeOptions{Deflate: true, Predictor: true, TileSize: 256}, true},
		{"predictor without deflate", EncodeOptions{Predictor: true}, false},
		{"tile not multiple of 16", EncodeOptions{TileSize: 100}, false},
		{"negative tile", EncodeOptions{TileSize: -16}, false},
		{"infinite nodata", EncodeOptions{NoData: &inf}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opt.Validate()
			if (err == nil) != tt.ok || err != nil && !errors.Is(err, ErrBadOptions) {
				t.Errorf("Validate() = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestEncodeGeoTIFFWriteError(t *testing.T) {
	err := EncodeGeoTIFF(failWriter{}, testGrid(), EncodeOptions{})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v, want the write error", err)
	}
	if err := EncodeASC(failWriter{}, testGrid()); err == nil {
		t.Error("EncodeASC ignored the write error")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestFloatPredictor(t *testing.T) {
	// Adobe TIFF Technical Note 3: the bytes of a row are split into planes,
	// most significant first, then differenced. For the floats 1 (3f800000)
	// and 2 (40000000) the planes are 3f 40 | 80 00 | 00 00 | 00 00 and the
	// differences 3f 01 40 80 00 00 00 00.
	want := []byte{0x3f, 0x01, 0x40, 0x80, 0, 0, 0, 0}
	le := []byte{0, 0, 0x80, 0x3f, 0, 0, 0, 0x40}
	row := bytes.Clone(le)
	floatPredict(row, make([]byte, 8), 4)
	if !bytes.Equal(row, want) {
		t.Errorf("floatPredict = % x, want % x", row, want)
	}
	undoFloatPredictor(row, make([]byte, 8), 4, true)
	if !bytes.Equal(row, le) {
		t.Errorf("undo (little-endian file) = % x, want % x", row, le)
	}
	row = bytes.Clone(want)
	undoFloatPredictor(row, make([]byte, 8), 4, false)
	if be := []byte{0x3f, 0x80, 0, 0, 0x40, 0, 0, 0}; !bytes.Equal(row, be) {
		t.Errorf("undo (big-endian file) = % x, want % x", row, be)
	}
}

func TestIsGeographic(t *testing.T) {
	// Expected kinds from `projinfo EPSG:n -o WKT1_GDAL` (GEOGCS or PROJCS).
	tests := []struct {
		code int
		geog bool
	}{
		{4326, true}, {4490, true}, {4258, true}, {4214, true}, {4610, true}, {7844, true},
		{4491, false}, {4547, false}, {32632, false}, {3857, false}, {4087, false}, {4978, false}, {2056, false},
	}
	for _, tt := range tests {
		if got := isGeographic(tt.code); got != tt.geog {
			t.Errorf("isGeographic(%d) = %v, want %v", tt.code, got, tt.geog)
		}
	}
}
