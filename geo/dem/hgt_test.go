package dem

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"math"
	"testing"

	"twin/geo"
)

func TestDecodeHGTZip(t *testing.T) {
	ds := sharedDataset(t, tileZIP, Options{})
	g := ds.Grids[0]
	// `gdalinfo -json /vsizip/gh-N43E007.hgt.zip/N43E007.hgt` (GDAL 3.6.2):
	// size [1201, 1201], geoTransform [6.9995833333333337,
	// 0.0008333333333333, 0.0, 44.0004166666666663, 0.0,
	// -0.0008333333333333], EPSG:4326. Analytically X0 = 7 − 1/2400 and
	// Y0 = 44 + 1/2400 (pixel-is-point samples on whole degrees).
	if g.Cols != 1201 || g.Rows != 1201 {
		t.Fatalf("size %d×%d, want 1201×1201", g.Cols, g.Rows)
	}
	checkTransform(t, g, [6]float64{6.9995833333333337, 0.0008333333333333, 0, 44.0004166666666663, 0, -0.0008333333333333}, 1e-13)
	checkTransform(t, g, [6]float64{7 - 1.0/2400, 1.0 / 1200, 0, 44 + 1.0/2400, 0, -1.0 / 1200}, 1e-15)
	if ds.CRS != "EPSG:4326" || ds.Name != "gh-N43E007.hgt.zip" {
		t.Errorf("CRS %q name %q", ds.CRS, ds.Name)
	}
}

func TestDecodeHGTSnippet(t *testing.T) {
	// testdata/N43E007-5x5.hgt is the tile's north-west 5×5 samples; the
	// values are those of `gdal_translate -of AAIGrid -srcwin 0 0 5 5
	// /vsizip/gh-N43E007.hgt.zip/N43E007.hgt`.
	want := []float32{
		771, 743, 730, 743, 784,
		705, 685, 694, 727, 769,
		651, 646, 684, 727, 768,
		609, 637, 678, 725, 790,
		608, 653, 701, 765, 814,
	}
	g := testdataDataset(t, "N43E007-5x5.hgt", Options{}).Grids[0]
	sameCells(t, g, &geo.Grid{Cols: 5, Rows: 5, Data: want})
	// A 5×5 tile spans one degree with 4 intervals: cell 0.25°, corner half
	// a cell outside the whole degrees.
	checkTransform(t, g, [6]float64{6.875, 0.25, 0, 44.125, 0, -0.25}, 1e-15)
}

func TestParseTileName(t *testing.T) {
	tests := []struct {
		name     string
		lon, lat int
		ok       bool
	}{
		{"N43E007.hgt", 7, 43, true},
		{"s12w077.HGT", -77, -12, true},
		{"N00W180.hgt", -180, 0, true},
		{"S90E179.SRTMGL1.hgt", 179, -90, true},
		{"N43E07.hgt", 0, 0, false},
		{"X43E007.hgt", 0, 0, false},
		{"N43X007.hgt", 0, 0, false},
		{"N90E000.hgt", 0, 0, false},
		{"N10E180.hgt", 0, 0, false},
		{"N4aE007.hgt", 0, 0, false},
		{"tile.hgt", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lon, lat, ok := parseTileName(tt.name)
			if ok != tt.ok || ok && (lon != tt.lon || lat != tt.lat) {
				t.Errorf("parseTileName = %d, %d, %v; want %d, %d, %v", lon, lat, ok, tt.lon, tt.lat, tt.ok)
			}
		})
	}
}

// hgtBytes returns an n×n tile with sample i = i, and a void at 1.
func hgtBytes(n int) []byte {
	b := make([]byte, 2*n*n)
	for i := 0; i < n*n; i++ {
		binary.BigEndian.PutUint16(b[2*i:], uint16(i))
	}
	if n > 1 {
		binary.BigEndian.PutUint16(b[2:], 0x8000) // −32768
	}
	return b
}

func TestDecodeHGTSynthetic(t *testing.T) {
	ds, err := DecodeHGT(bytes.NewReader(hgtBytes(3)), `C:\dem\S01W002.hgt`, Options{CRS: "EPSG:4490"})
	if err != nil {
		t.Fatal(err)
	}
	g := ds.Grids[0]
	// Three samples a degree: cell 0.5°; the SW sample is at (−2, −1).
	checkTransform(t, g, [6]float64{-2.25, 0.5, 0, 0.25, 0, -0.5}, 1e-15)
	if !math.IsNaN(g.At(1, 0)) || g.At(2, 2) != 8 || ds.CRS != "EPSG:4490" {
		t.Errorf("cells %v %v, CRS %q", g.At(1, 0), g.At(2, 2), ds.CRS)
	}
}

func TestDecodeHGTErrors(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		kind       error
		off        int64
	}{
		{"no tile name", "tile.hgt", hgtBytes(3), geo.ErrInvalid, 0},
		{"empty", "N43E007.hgt", nil, geo.ErrSyntax, 0},
		{"odd length", "N43E007.hgt", make([]byte, 17), geo.ErrSyntax, 17},
		{"not square", "N43E007.hgt", make([]byte, 2*3*4), geo.ErrSyntax, 24},
		{"one sample", "N43E007.hgt", make([]byte, 2), geo.ErrSyntax, 2},
		{"larger than 1 arc-second", "N43E007.hgt", make([]byte, 2*3602*3602), ErrTooLarge, 2 * 3601 * 3601},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeHGT(bytes.NewReader(tt.data), tt.file, Options{})
			pe := wantParseError(t, err, tt.kind)
			if pe.Offset != tt.off {
				t.Errorf("offset %d, want %d (%v)", pe.Offset, tt.off, err)
			}
		})
	}
}

// zipOf builds a zip archive of the named entries.
func zipOf(t *testing.T, entries ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(e[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDecodeZip(t *testing.T) {
	const asc = "ncols 1\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n42\n"
	const prj = `GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`
	tests := []struct {
		name    string
		entries [][2]string
		crs     string
		warns   int
		kind    error
	}{
		{"asc with prj", [][2]string{{"dir/", ""}, {"dir/a.asc", asc}, {"dir/a.prj", prj}}, "EPSG:4326", 0, nil},
		{"asc with bad prj", [][2]string{{"a.asc", asc}, {"A.PRJ", `LOCAL_CS["x"]`}}, "", 1, nil},
		{"hgt first", [][2]string{{"readme.txt", "x"}, {"a.asc", asc}, {"N01E001.hgt", string(hgtBytes(2))}}, "EPSG:4326", 0, nil},
		{"no raster", [][2]string{{"readme.txt", "x"}}, "", 0, geo.ErrUnsupported},
		{"two rasters", [][2]string{{"a.asc", asc}, {"b.asc", asc}}, "", 0, geo.ErrUnsupported},
		{"bad inner", [][2]string{{"a.asc", "ncols 1\n"}}, "", 0, geo.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := Decode(bytes.NewReader(zipOf(t, tt.entries...)), "in.zip", Options{})
			if tt.kind != nil {
				wantParseError(t, err, tt.kind)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ds.CRS != tt.crs || len(ds.Warnings) != tt.warns || ds.Name != "in.zip" {
				t.Errorf("CRS %q, warnings %v, name %q; want %q, %d", ds.CRS, ds.Warnings, ds.Name, tt.crs, tt.warns)
			}
		})
	}
	t.Run("corrupt", func(t *testing.T) {
		b := zipOf(t, [2]string{"a.asc", asc})
		_, err := Decode(bytes.NewReader(b[:len(b)-10]), "in.zip", Options{})
		wantParseError(t, err, geo.ErrSyntax)
	})
	t.Run("entry over MaxBytes", func(t *testing.T) {
		b := zipOf(t, [2]string{"N01E001.hgt", string(make([]byte, 2*100*100))})
		_, err := Decode(bytes.NewReader(b), "in.zip", Options{MaxBytes: 1000})
		wantParseError(t, err, ErrTooLarge)
	})
}

func TestDecodeSniff(t *testing.T) {
	tiff := testdataBytes(t, "monaco-10x7.tif")
	tests := []struct {
		name, file string
		data       []byte
		kind       error
	}{
		{"tiff named .asc", "x.asc", tiff, nil},
		{"tiff without extension", "x", tiff, nil},
		{"asc without extension", "x.txt", []byte("  ncols 1\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\n42\n"), nil},
		{"unknown", "x.bin", []byte("hello"), geo.ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(bytes.NewReader(tt.data), tt.file, Options{})
			if tt.kind == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantParseError(t, err, tt.kind)
		})
	}
}
