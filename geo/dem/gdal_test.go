package dem

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"twin/geo"
	"twin/internal/sharedtest"
)

// These tests run GDAL live (gdal-bin) and skip without it.

// allPositions lists every cell of a cols×rows grid.
func allPositions(cols, rows int) [][2]int {
	pos := make([][2]int, 0, cols*rows)
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			pos = append(pos, [2]int{c, r})
		}
	}
	return pos
}

// compareWithGDAL checks g's cells at pos against gdallocationinfo on file.
func compareWithGDAL(t *testing.T, g *geo.Grid, file string, pos [][2]int, nodata float64) {
	t.Helper()
	want := gdalValues(t, file, pos, nodata)
	bad := 0
	for i, p := range pos {
		// gdallocationinfo prints float32 cells with 15 digits: compare
		// with a relative tolerance of 1e-6.
		got := g.At(p[0], p[1])
		if !same(got, want[i]) && !(math.Abs(got-want[i]) <= 1e-6*math.Abs(want[i])) {
			if bad++; bad <= 5 {
				t.Errorf("%s cell (%d, %d) = %v, GDAL %v", filepath.Base(file), p[0], p[1], got, want[i])
			}
		}
	}
}

func TestGDALLocationLive(t *testing.T) {
	sharedtest.Tool(t, "gdallocationinfo")
	seed := testSeed(t)
	tests := []struct {
		name, rel string
		zip       bool
	}{
		{"asc", monacoASC, false},
		{"tif", monacoTIF, false},
		{"zip", tileZIP, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := sharedDataset(t, tt.rel, Options{}).Grids[0]
			file := sharedtest.Path(t, tt.rel)
			if tt.zip { // `gdallocationinfo /vsizip/FILE/N43E007.hgt`
				file = "/vsizip/" + file + "/N43E007.hgt"
			}
			compareWithGDAL(t, g, file, samplePositions(seed, 200, g.Cols, g.Rows), -32768)
		})
	}
}

func TestTestdataAgainstGDAL(t *testing.T) {
	sharedtest.Tool(t, "gdallocationinfo")
	files, _ := filepath.Glob("testdata/*.tif")
	files = append(files, "testdata/monaco-10x7.asc")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			ds := testdataDataset(t, filepath.Base(f), Options{})
			g := ds.Grids[0]
			compareWithGDAL(t, g, f, allPositions(g.Cols, g.Rows), -32768)
			info := runGDALInfo(t, f)
			checkTransform(t, g, info.GeoTransform, 1e-9*math.Max(1, math.Abs(info.GeoTransform[3])))
		})
	}
}

// TestGDALTranslateRoundTrip rewrites the Monaco GeoTIFF with
// gdal_translate under several creation options and decodes each copy.
func TestGDALTranslateRoundTrip(t *testing.T) {
	sharedtest.Tool(t, "gdal_translate")
	src := sharedtest.Path(t, monacoTIF)
	want := sharedDataset(t, monacoTIF, Options{}).Grids[0]
	tests := []struct {
		name string
		args []string
	}{
		{"deflate", []string{"-co", "COMPRESS=DEFLATE"}},
		{"tiled", []string{"-co", "TILED=YES"}},
		{"tiled 16, deflate, predictor 2", []string{"-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2"}},
		{"float32", []string{"-ot", "Float32"}},
		{"float32, deflate, predictor 3", []string{"-ot", "Float32", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3"}},
		{"predictor 2, LZW", []string{"-co", "PREDICTOR=2", "-co", "COMPRESS=LZW"}},
		{"big-endian, packbits", []string{"-co", "ENDIANNESS=BIG", "-co", "COMPRESS=PACKBITS"}},
		{"BigTIFF, one row per strip", []string{"-co", "BIGTIFF=YES", "-co", "BLOCKYSIZE=1"}},
		{"float64, area", []string{"-ot", "Float64", "-mo", "AREA_OR_POINT=Area"}},
		// -scale shifts by 32768 (433 → 33201) and maps nodata to 0.
		{"uint16", []string{"-ot", "UInt16", "-scale", "-32768", "32767", "0", "65535"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.tif")
			runTool(t, "", "gdal_translate", append(append([]string{"-q"}, tt.args...), src, out)...)
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			ds, err := Decode(bytes.NewReader(b), "out.tif", Options{})
			if err != nil {
				t.Fatal(err)
			}
			g := ds.Grids[0]
			if tt.name == "uint16" {
				g = shift(g, -32768)
			}
			sameCells(t, g, want)
			checkTransform(t, g, [6]float64{want.X0, want.DX, 0, want.Y0, 0, -want.DY}, 1e-12)
			if ds.CRS != "EPSG:4326" {
				t.Errorf("CRS %q", ds.CRS)
			}
		})
	}
}

// shift returns a copy of g with d added to every cell.
func shift(g *geo.Grid, d float32) *geo.Grid {
	c := *g
	c.Data = make([]float32, len(g.Data))
	for i, v := range g.Data {
		c.Data[i] = v + d
	}
	return &c
}

// TestEncodeReadByGDAL writes grids with EncodeGeoTIFF and EncodeASC and
// reads them back with gdalinfo -json and gdallocationinfo.
func TestEncodeReadByGDAL(t *testing.T) {
	sharedtest.Tool(t, "gdalinfo")
	monaco := sharedDataset(t, monacoTIF, Options{}).Grids[0]
	nd := -9999.0
	tests := []struct {
		name string
		g    *geo.Grid
		crs  string
		opt  EncodeOptions
		asc  bool
	}{
		{"monaco strips", monaco, "EPSG:4326", EncodeOptions{}, false},
		{"monaco deflate predictor", monaco, "EPSG:4326", EncodeOptions{Deflate: true, Predictor: true}, false},
		{"monaco tiles nodata", monaco, "EPSG:4326", EncodeOptions{TileSize: 64, Deflate: true, NoData: &nd}, false},
		{"UTM", testGrid(), "EPSG:32632", EncodeOptions{Deflate: true}, false},
		{"CGCS2000 GK", testGrid(), "EPSG:4547", EncodeOptions{}, false},
		{"CGCS2000 geographic", monaco, "EPSG:4490", EncodeOptions{}, false},
		{"monaco asc", monaco, "", EncodeOptions{}, true},
		{"non-square asc", testGrid(), "", EncodeOptions{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := *tt.g
			g.CRS = tt.crs
			out := filepath.Join(t.TempDir(), "out.tif")
			if tt.asc {
				out = filepath.Join(t.TempDir(), "out.asc")
			}
			f, err := os.Create(out)
			if err != nil {
				t.Fatal(err)
			}
			if tt.asc {
				err = EncodeASC(f, &g)
			} else {
				err = EncodeGeoTIFF(f, &g, tt.opt)
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				t.Fatal(err)
			}
			info := runGDALInfo(t, out)
			if info.Size != [2]int{g.Cols, g.Rows} {
				t.Errorf("gdalinfo size %v, want %d×%d", info.Size, g.Cols, g.Rows)
			}
			checkTransform(t, &geo.Grid{X0: info.GeoTransform[0], DX: info.GeoTransform[1], Y0: info.GeoTransform[3], DY: -info.GeoTransform[5]},
				[6]float64{g.X0, g.DX, 0, g.Y0, 0, -g.DY}, 1e-9*math.Max(1, math.Abs(g.Y0)))
			if code, _ := epsgCode(tt.crs); info.Stac.EPSG != code {
				t.Errorf("gdalinfo EPSG %d, want %d", info.Stac.EPSG, code)
			}
			nodata := math.NaN()
			if tt.opt.NoData != nil {
				nodata = *tt.opt.NoData
			} else if tt.asc {
				nodata = -9999
			}
			compareWithGDAL(t, &g, out, allPositions(g.Cols, g.Rows), nodata)
		})
	}
}
