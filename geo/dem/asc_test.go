package dem

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"twin/geo"
	"twin/internal/sharedtest"
)

func TestDecodeASCMonaco(t *testing.T) {
	crs, err := ParsePRJ(sharedtest.Open(t, monacoPRJ), "srtm3-monaco-crop.prj")
	if err != nil {
		t.Fatal(err)
	}
	ds := sharedDataset(t, monacoASC, Options{CRS: crs})
	g := ds.Grids[0]
	// `gdalinfo -json srtm3-monaco-crop.asc` (GDAL 3.6.2): size [144, 78],
	// geoTransform [7.3795833333329997, 0.000833333333, 0.0,
	// 43.7804166666409955, 0.0, -0.000833333333]; GDAL prints 16 significant
	// digits, hence the tolerance.
	if g.Cols != 144 || g.Rows != 78 {
		t.Fatalf("size %d×%d, want 144×78", g.Cols, g.Rows)
	}
	checkTransform(t, g, [6]float64{7.3795833333329997, 0.000833333333, 0, 43.7804166666409955, 0, -0.000833333333}, 1e-12)
	if ds.CRS != "EPSG:4326" || g.CRS != "EPSG:4326" {
		t.Errorf("CRS %q/%q, want EPSG:4326 from the .prj", ds.CRS, g.CRS)
	}
}

func TestDecodeASCHeaders(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name           string
		in             string
		x0, y0, dx, dy float64
		cols, rows     int
		data           []float64
	}{
		// Corner registration: Y0 = yllcorner + nrows·cellsize (ESRI ASCII spec).
		{"corner", "ncols 3\nnrows 2\nxllcorner 100\nyllcorner 200\ncellsize 10\nNODATA_value -9999\n1 2 3\n4 -9999 6\n",
			100, 220, 10, 10, 3, 2, []float64{1, 2, 3, 4, nan, 6}},
		// Centre registration: the corner is half a cell further out.
		{"center, upper case, CRLF", "NCOLS 2\r\nNROWS 2\r\nXLLCENTER 105\r\nYLLCENTER 205\r\nCELLSIZE 10\r\n1.5 -2.25\r\n3e2 4\r\n",
			100, 220, 10, 10, 2, 2, []float64{1.5, -2.25, 300, 4}},
		{"dx dy, one value per line, no nodata", "ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ndx 2\ndy 0.5\n7\n8\n",
			0, 0.5, 2, 0.5, 2, 1, []float64{7, 8}},
		{"values on one line, tabs", "ncols\t2\nnrows\t2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1\t2 3 4",
			0, 2, 1, 1, 2, 2, []float64{1, 2, 3, 4}},
		{"nan token and float nodata", "ncols 3\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\nnodata_value -3.4e38\nnan -3.4e38 1e-3\n",
			0, 1, 1, 1, 3, 1, []float64{nan, nan, 0.001}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := DecodeASC(strings.NewReader(tt.in), "t.asc", Options{})
			if err != nil {
				t.Fatal(err)
			}
			g := ds.Grids[0]
			if g.Cols != tt.cols || g.Rows != tt.rows {
				t.Fatalf("size %d×%d, want %d×%d", g.Cols, g.Rows, tt.cols, tt.rows)
			}
			checkTransform(t, g, [6]float64{tt.x0, tt.dx, 0, tt.y0, 0, -tt.dy}, 1e-12)
			for i, want := range tt.data {
				if !same(float64(g.Data[i]), float64(float32(want))) {
					t.Errorf("value %d = %v, want %v", i, g.Data[i], want)
				}
			}
		})
	}
}

func TestDecodeASCErrors(t *testing.T) {
	const head = "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n"
	tests := []struct {
		name string
		in   string
		kind error
		line int
	}{
		{"empty", "", geo.ErrSyntax, 1},
		{"garbage", "\x00\x01\x02PK\xff", geo.ErrSyntax, 1},
		{"numbers only", "1 2 3 4\n", geo.ErrSyntax, 1},
		{"missing ncols", "nrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2\n", geo.ErrSyntax, 5},
		{"missing cellsize", "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\n1 2 3 4\n", geo.ErrSyntax, 5},
		{"dx without dy", "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ndx 1\n1 2 3 4\n", geo.ErrSyntax, 6},
		{"missing yllcorner", "ncols 2\nnrows 2\nxllcorner 0\ncellsize 1\n1 2 3 4\n", geo.ErrSyntax, 5},
		{"unknown key", "ncols 2\nfoo 3\n", geo.ErrSyntax, 2},
		{"key without value", "ncols 2\nnrows", geo.ErrSyntax, 2},
		{"ncols zero", "ncols 0\n", geo.ErrInvalid, 1},
		{"ncols negative", "ncols -3\n", geo.ErrInvalid, 1},
		{"ncols not integer", "ncols 2.5\n", geo.ErrSyntax, 1},
		{"cellsize zero", "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 0\n", geo.ErrInvalid, 5},
		{"cellsize NaN", "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize nan\n", geo.ErrInvalid, 5},
		{"xllcorner NaN", "ncols 2\nnrows 2\nxllcorner NaN\n", geo.ErrInvalid, 3},
		{"yllcorner inf", "ncols 2\nnrows 2\nxllcorner 0\nyllcorner -Inf\n", geo.ErrInvalid, 4},
		{"nodata bad", head + "nodata_value x1\n", geo.ErrSyntax, 6},
		{"too few values", head + "1 2\n3\n", geo.ErrInvalid, 7},
		{"too many values", head + "1 2\n3 4\n5\n", geo.ErrInvalid, 8},
		{"bad number", head + "1 2\n3 4x\n", geo.ErrSyntax, 7},
		{"infinite value", head + "1 inf\n3 4\n", geo.ErrInvalid, 6},
		{"huge dimensions", "ncols 4000000000\nnrows 4000000000\nxllcorner 0\nyllcorner 0\ncellsize 1\n1\n", ErrTooLarge, 6},
		{"token too long", head + strings.Repeat("1", 2<<20), geo.ErrSyntax, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeASC(strings.NewReader(tt.in), "bad.asc", Options{})
			pe := wantParseError(t, err, tt.kind)
			if pe.Line != tt.line || pe.File != "bad.asc" {
				t.Errorf("error at %s:%d, want bad.asc:%d (%v)", pe.File, pe.Line, tt.line, err)
			}
		})
	}
}

func TestEncodeASCRoundTrip(t *testing.T) {
	nan := float32(math.NaN())
	tests := []struct {
		name   string
		g      *geo.Grid
		nodata string
	}{
		{"square cells with NaN", &geo.Grid{Cols: 3, Rows: 2, X0: 500000.5, Y0: 4.5e6, DX: 2, DY: 2,
			Data: []float32{1, nan, 3.25, -4, 5e-7, 123456.7}}, "NODATA_value -9999\n"},
		{"non-square cells, -9999 taken", &geo.Grid{Cols: 2, Rows: 2, X0: -0.1, Y0: 0.3, DX: 0.1, DY: 0.05,
			Data: []float32{-9999, nan, 0, 1}}, "NODATA_value -32768\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := EncodeASC(&buf, tt.g); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), tt.nodata) {
				t.Errorf("header lacks %q:\n%s", tt.nodata, buf.String())
			}
			ds, err := DecodeASC(&buf, "rt.asc", Options{})
			if err != nil {
				t.Fatal(err)
			}
			g := ds.Grids[0]
			sameCells(t, g, tt.g)
			// Shortest round-trip formatting keeps the placement exact up to
			// the subtraction Y0 − Rows·DY and back.
			checkTransform(t, g, [6]float64{tt.g.X0, tt.g.DX, 0, tt.g.Y0, 0, -tt.g.DY}, 1e-9*math.Abs(tt.g.Y0)+1e-15)
		})
	}
	t.Run("monaco", func(t *testing.T) {
		src := sharedDataset(t, monacoASC, Options{}).Grids[0]
		var buf bytes.Buffer
		if err := EncodeASC(&buf, src); err != nil {
			t.Fatal(err)
		}
		ds, err := DecodeASC(&buf, "rt.asc", Options{})
		if err != nil {
			t.Fatal(err)
		}
		sameCells(t, ds.Grids[0], src)
	})
}

func TestEncodeBadGrid(t *testing.T) {
	tests := []struct {
		name string
		g    *geo.Grid
	}{
		{"nil", nil},
		{"empty", &geo.Grid{DX: 1, DY: 1}},
		{"short data", &geo.Grid{Cols: 2, Rows: 2, DX: 1, DY: 1, Data: make([]float32, 3)}},
		{"zero cell", &geo.Grid{Cols: 1, Rows: 1, DX: 0, DY: 1, Data: make([]float32, 1)}},
		{"NaN cell", &geo.Grid{Cols: 1, Rows: 1, DX: math.NaN(), DY: 1, Data: make([]float32, 1)}},
		{"infinite origin", &geo.Grid{Cols: 1, Rows: 1, X0: math.Inf(1), DX: 1, DY: 1, Data: make([]float32, 1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := EncodeASC(&bytes.Buffer{}, tt.g); !errors.Is(err, ErrBadGrid) {
				t.Errorf("EncodeASC: %v, want ErrBadGrid", err)
			}
			if err := EncodeGeoTIFF(&bytes.Buffer{}, tt.g, EncodeOptions{}); !errors.Is(err, ErrBadGrid) {
				t.Errorf("EncodeGeoTIFF: %v, want ErrBadGrid", err)
			}
		})
	}
}
