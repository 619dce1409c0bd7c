package dem

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"twin/geo"
)

// fuzzOptions keep allocations small while fuzzing.
var fuzzOptions = Options{MaxCells: 1 << 16, MaxBytes: 1 << 20}

// checkDecoded fails t unless err is a *geo.ParseError or ds is a sane
// one-grid dataset.
func checkDecoded(t *testing.T, ds *geo.Dataset, err error) {
	t.Helper()
	if err != nil {
		var pe *geo.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error %v (%T) is not a *geo.ParseError", err, err)
		}
		if ds != nil {
			t.Fatal("dataset returned with an error")
		}
		return
	}
	if ds == nil || len(ds.Grids) != 1 || ds.Format != "dem" {
		t.Fatalf("bad dataset %+v", ds)
	}
	g := ds.Grids[0]
	if g.Cols <= 0 || g.Rows <= 0 || len(g.Data) != g.Cols*g.Rows || int64(len(g.Data)) > fuzzOptions.MaxCells {
		t.Fatalf("grid %d×%d with %d values", g.Cols, g.Rows, len(g.Data))
	}
	for _, v := range []float64{g.X0, g.Y0, g.DX, g.DY} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("non-finite placement %v %v %v %v", g.X0, g.Y0, g.DX, g.DY)
		}
	}
	if !(g.DX > 0 && g.DY > 0) {
		t.Fatalf("cell size %v×%v", g.DX, g.DY)
	}
}

// addTestdata seeds f with the testdata files matching pattern.
func addTestdata(f *testing.F, pattern string) {
	files, _ := filepath.Glob(filepath.Join("testdata", pattern))
	for _, file := range files {
		if fi, err := os.Stat(file); err != nil || fi.IsDir() {
			continue // testdata/fuzz holds the fuzzer's own corpus
		}
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzDecodeASC(f *testing.F) {
	addTestdata(f, "*.asc")
	f.Add([]byte("ncols 2\nnrows 1\nxllcenter 0.5\nyllcenter 0.5\ndx 1\ndy 2\nnodata_value -1\n-1 nan\n"))
	f.Add([]byte("NCOLS 1\r\nNROWS 1\r\nXLLCORNER 1e300\r\nYLLCORNER -1e300\r\nCELLSIZE 1e-300\r\n1.5e3\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ds, err := DecodeASC(bytes.NewReader(b), "fuzz.asc", fuzzOptions)
		checkDecoded(t, ds, err)
		if err == nil { // what decodes must encode and decode again
			var buf bytes.Buffer
			if err := EncodeASC(&buf, ds.Grids[0]); err != nil {
				t.Fatalf("EncodeASC: %v", err)
			}
			if _, err := DecodeASC(&buf, "again.asc", fuzzOptions); err != nil {
				t.Fatalf("re-decoding our own output: %v\n%s", err, buf.Bytes())
			}
		}
	})
}

func FuzzDecodeGeoTIFF(f *testing.F) {
	addTestdata(f, "*.tif")
	g := testGrid()
	for _, opt := range []EncodeOptions{{}, {TileSize: 16, Deflate: true, Predictor: true}} {
		var buf bytes.Buffer
		if err := EncodeGeoTIFF(&buf, g, opt); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ds, err := DecodeGeoTIFF(bytes.NewReader(b), "fuzz.tif", fuzzOptions)
		checkDecoded(t, ds, err)
	})
}

func FuzzDecodeHGT(f *testing.F) {
	addTestdata(f, "*.hgt")
	f.Add(hgtBytes(2))
	f.Add(hgtBytes(3))
	f.Fuzz(func(t *testing.T, b []byte) {
		ds, err := DecodeHGT(bytes.NewReader(b), "N43E007.hgt", fuzzOptions)
		checkDecoded(t, ds, err)
	})
}

func FuzzDecode(f *testing.F) {
	addTestdata(f, "*")
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, name := range []string{"x.zip", "x", "N01W001.hgt"} {
			ds, err := Decode(bytes.NewReader(b), name, fuzzOptions)
			checkDecoded(t, ds, err)
		}
	})
}

func FuzzParsePRJ(f *testing.F) {
	for _, s := range []string{geogWGS84, esri4547, esri32632, tmPRJ(geogCGCS, 117, 1, 39500000, 0),
		`GEOGCRS["WGS 84",ID["EPSG",4326]]`, `COMPD_CS["x",` + esri32632 + `,VERT_CS["h"]]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		crs, err := ParsePRJ(bytes.NewReader(b), "fuzz.prj")
		if err != nil {
			var pe *geo.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *geo.ParseError", err)
			}
			return
		}
		if _, ok := epsgCode(crs); !ok && len(crs) < 6 {
			t.Fatalf("CRS %q", crs)
		}
	})
}

// FuzzGeoTIFFEntries rewrites up to two IFD entries (type, count, value) of
// little-endian classic TIFFs, which random byte mutations rarely reach
// behind the compressed data.
func FuzzGeoTIFFEntries(f *testing.F) {
	var bases [][]byte
	for _, opt := range []EncodeOptions{{}, {TileSize: 16, Deflate: true, Predictor: true}} {
		var buf bytes.Buffer
		if err := EncodeGeoTIFF(&buf, testGrid(), opt); err != nil {
			f.Fatal(err)
		}
		bases = append(bases, buf.Bytes())
	}
	for _, name := range []string{"monaco-10x7.tif", "monaco-10x7-lzw-tiled.tif", "monaco-10x7-deflate-pred2.tif"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		bases = append(bases, b)
	}
	f.Add(uint8(0), uint8(3), uint16(3), uint32(1), uint32(5), uint8(0), uint32(10))
	f.Add(uint8(1), uint8(12), uint16(4), uint32(2), uint32(1<<20), uint8(13), uint32(0))
	f.Add(uint8(3), uint8(7), uint16(3), uint32(1), uint32(2), uint8(9), uint32(3))
	f.Fuzz(func(t *testing.T, base, e1 uint8, typ uint16, count, v1 uint32, e2 uint8, v2 uint32) {
		b := bytes.Clone(bases[int(base)%len(bases)])
		le := binary.LittleEndian
		ifd := int(le.Uint32(b[4:]))
		n := int(le.Uint16(b[ifd:]))
		ent := func(i uint8) []byte { return b[ifd+2+12*(int(i)%n):][:12] }
		e := ent(e1)
		le.PutUint16(e[2:], typ)
		le.PutUint32(e[4:], count)
		le.PutUint32(e[8:], v1)
		le.PutUint32(ent(e2)[8:], v2)
		ds, err := DecodeGeoTIFF(bytes.NewReader(b), "fuzz.tif", fuzzOptions)
		checkDecoded(t, ds, err)
	})
}
