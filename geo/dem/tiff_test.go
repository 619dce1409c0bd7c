package dem

import (
	"bytes"
	"encoding/binary"
	"math"
	"slices"
	"testing"

	"twin/geo"
)

func TestDecodeGeoTIFFMonaco(t *testing.T) {
	ds := sharedDataset(t, monacoTIF, Options{})
	g := ds.Grids[0]
	// `gdalinfo -json srtm3-monaco-crop.tif` (GDAL 3.6.2): size [144, 78],
	// geoTransform [7.3795833333333336, 0.0008333333333333, 0.0,
	// 43.7804166666666674, 0.0, -0.0008333333333333], EPSG 4326,
	// AREA_OR_POINT=Point (the tiepoint 7.38, 43.78 is a cell centre).
	if g.Cols != 144 || g.Rows != 78 {
		t.Fatalf("size %d×%d, want 144×78", g.Cols, g.Rows)
	}
	checkTransform(t, g, [6]float64{7.3795833333333336, 0.0008333333333333, 0, 43.7804166666666674, 0, -0.0008333333333333}, 1e-13)
	if ds.CRS != "EPSG:4326" || len(ds.Warnings) != 0 {
		t.Errorf("CRS %q, warnings %v", ds.CRS, ds.Warnings)
	}
}

// TestASCEqualsTIFF checks that the two shared encodings of the Monaco crop
// hold the same cells.
func TestASCEqualsTIFF(t *testing.T) {
	asc := sharedDataset(t, monacoASC, Options{}).Grids[0]
	tif := sharedDataset(t, monacoTIF, Options{}).Grids[0]
	sameCells(t, asc, tif)
	// The placements agree to the 12 decimals the .asc header keeps.
	checkTransform(t, asc, [6]float64{tif.X0, tif.DX, 0, tif.Y0, 0, -tif.DY}, 1e-10)
}

func TestDecodeGeoTIFFVariants(t *testing.T) {
	// testdata/monaco-10x7.asc was written by `gdal_translate -of AAIGrid
	// -srcwin 56 23 10 7 srtm3-monaco-crop.tif`; every .tif below is the same
	// window written by gdal_translate with other creation options (see
	// testdata/README.md). `gdalinfo -json` gives each the geoTransform
	// [7.42625, 0.0008333333333333, 0.0, 43.76125, 0.0, -0.0008333333333333].
	want := testdataDataset(t, "monaco-10x7.asc", Options{}).Grids[0]
	gt := [6]float64{7.42625, 0.0008333333333333, 0, 43.76125, 0, -0.0008333333333333}
	for _, name := range []string{
		"monaco-10x7.tif", "monaco-10x7-deflate-pred2.tif", "monaco-10x7-lzw-tiled.tif",
		"monaco-10x7-f32-pred3.tif", "monaco-10x7-f32-lzw-be.tif", "monaco-10x7-bigtiff-packbits.tif",
		"monaco-10x7-f64-area.tif", "monaco-10x7-i32-pred2-be.tif",
	} {
		t.Run(name, func(t *testing.T) {
			ds := testdataDataset(t, name, Options{})
			sameCells(t, ds.Grids[0], want)
			checkTransform(t, ds.Grids[0], gt, 1e-13)
			if ds.CRS != "EPSG:4326" {
				t.Errorf("CRS %q", ds.CRS)
			}
		})
	}
	t.Run("projected", func(t *testing.T) {
		// `gdalwarp -t_srs EPSG:32632 -tr 90 90 -r bilinear -te 373000 4845000
		// 373900 4845630 srtm3-monaco-crop.tif monaco-utm32-90m.tif`; values
		// from `gdallocationinfo -valonly monaco-utm32-90m.tif c r` for the
		// first and last rows, geoTransform [373000, 90, 0, 4845630, 0, -90].
		ds := testdataDataset(t, "monaco-utm32-90m.tif", Options{})
		g := ds.Grids[0]
		checkTransform(t, g, [6]float64{373000, 90, 0, 4845630, 0, -90}, 1e-9)
		first := []float32{313, 261, 225, 228, 239, 238, 228, 211, 186, 163}
		last := []float32{215, 183, 151, 127, 128, 123, 97, 81, 64, 47}
		if ds.CRS != "EPSG:32632" || !slices.Equal(g.Data[:10], first) || !slices.Equal(g.Data[60:], last) {
			t.Errorf("CRS %q, first row %v, last row %v", ds.CRS, g.Data[:10], g.Data[60:])
		}
	})
}

// testGrid is a 5×3 grid with a NaN, in EPSG:32632.
func testGrid() *geo.Grid {
	d := make([]float32, 15)
	for i := range d {
		d[i] = float32(i)*1.5 - 3
	}
	d[7] = float32(math.NaN())
	return &geo.Grid{Cols: 5, Rows: 3, X0: 373000, Y0: 4845630, DX: 90, DY: 45, Data: d, CRS: "EPSG:32632"}
}

// buildTIFF encodes g as EncodeGeoTIFF does, letting edit change the tags.
func buildTIFF(t *testing.T, g *geo.Grid, opt EncodeOptions, edit func([]tiffTag) []tiffTag) []byte {
	t.Helper()
	cw, ch := g.Cols, g.Rows
	if opt.TileSize > 0 {
		cw, ch = opt.TileSize, opt.TileSize
	}
	chunks, err := encodeChunks(g, opt, cw, ch)
	if err != nil {
		t.Fatal(err)
	}
	tags := geoTIFFTags(g, opt, cw, ch, len(chunks))
	if edit != nil {
		tags = edit(tags)
	}
	slices.SortFunc(tags, func(a, b tiffTag) int { return int(a.tag) - int(b.tag) })
	var buf bytes.Buffer
	if err := writeTIFF(&buf, tags, chunks, opt.TileSize > 0); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// setTag replaces (or adds) a tag.
func setTag(tags []tiffTag, nt tiffTag) []tiffTag {
	tags = slices.DeleteFunc(tags, func(x tiffTag) bool { return x.tag == nt.tag })
	return append(tags, nt)
}

func dropTag(tags []tiffTag, tag uint16) []tiffTag {
	return slices.DeleteFunc(tags, func(x tiffTag) bool { return x.tag == tag })
}

func doubleTag(tag uint16, v ...float64) tiffTag {
	b := make([]byte, 8*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(x))
	}
	return tiffTag{tag: tag, typ: typeDouble, count: uint32(len(v)), data: b}
}

func shortTag(tag uint16, v ...uint16) tiffTag {
	b := make([]byte, 2*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint16(b[2*i:], x)
	}
	return tiffTag{tag: tag, typ: typeShort, count: uint32(len(v)), data: b}
}

// patchEntry calls fn on the 12-byte IFD entry of tag in a file written by
// writeTIFF (little-endian, IFD at offset 8).
func patchEntry(t *testing.T, b []byte, tag uint16, fn func(e []byte)) []byte {
	t.Helper()
	b = bytes.Clone(b)
	n := int(binary.LittleEndian.Uint16(b[8:]))
	for i := 0; i < n; i++ {
		e := b[10+12*i:][:12]
		if binary.LittleEndian.Uint16(e) == tag {
			fn(e)
			return b
		}
	}
	t.Fatalf("tag %d not found", tag)
	return nil
}

// entryValue returns the inline LONG value of tag in a file written by
// writeTIFF.
func entryValue(b []byte, tag uint16) int {
	n := int(binary.LittleEndian.Uint16(b[8:]))
	for i := 0; i < n; i++ {
		if e := b[10+12*i:]; binary.LittleEndian.Uint16(e) == tag {
			return int(binary.LittleEndian.Uint32(e[8:]))
		}
	}
	return -1
}

// corruptAt returns a copy of b with four bytes at off overwritten.
func corruptAt(b []byte, off int) []byte {
	b = bytes.Clone(b)
	copy(b[off:], []byte{0xff, 0xff, 0xff, 0xff})
	return b
}

func TestDecodeGeoTIFFTransforms(t *testing.T) {
	g := testGrid()
	south := testGrid() // rows stored south first
	for r := 0; r < 3; r++ {
		copy(south.Data[r*5:], g.Data[(2-r)*5:(3-r)*5])
	}
	tests := []struct {
		name  string
		src   *geo.Grid
		edit  func([]tiffTag) []tiffTag
		warns int
		crs   string
	}{
		{"ModelTransformation", g, func(tags []tiffTag) []tiffTag {
			tags = dropTag(dropTag(tags, tagTiepoint), tagPixelScale)
			return setTag(tags, doubleTag(tagTransformation, 90, 0, 0, 373000, 0, -45, 0, 4845630, 0, 0, 0, 0, 0, 0, 0, 1))
		}, 0, "EPSG:32632"},
		{"south-up transformation", south, func(tags []tiffTag) []tiffTag {
			tags = dropTag(dropTag(tags, tagTiepoint), tagPixelScale)
			return setTag(tags, doubleTag(tagTransformation, 90, 0, 0, 373000, 0, 45, 0, 4845630-3*45, 0, 0, 0, 0, 0, 0, 0, 1))
		}, 0, "EPSG:32632"},
		// GTRasterTypeGeoKey PixelIsPoint: the tiepoint is the first cell's
		// centre, half a cell inside the corner (GDAL's default reading).
		{"pixel is point", g, func(tags []tiffTag) []tiffTag {
			tags = setTag(tags, doubleTag(tagTiepoint, 0, 0, 0, 373045, 4845607.5, 0))
			return setTag(tags, shortTag(tagGeoKeyDirectory, 1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 2, 3072, 0, 1, 32632))
		}, 0, "EPSG:32632"},
		{"tiepoint at another pixel", g, func(tags []tiffTag) []tiffTag {
			return setTag(tags, doubleTag(tagTiepoint, 2, 1, 0, 373180, 4845585, 0))
		}, 0, "EPSG:32632"},
		{"user-defined CRS", g, func(tags []tiffTag) []tiffTag {
			return setTag(tags, shortTag(tagGeoKeyDirectory, 1, 1, 0, 2, 1024, 0, 1, 1, 3072, 0, 1, 32767))
		}, 1, ""},
		{"no GeoKeyDirectory", g, func(tags []tiffTag) []tiffTag { return dropTag(tags, tagGeoKeyDirectory) }, 1, ""},
		{"geographic key without model type", g, func(tags []tiffTag) []tiffTag {
			return setTag(tags, shortTag(tagGeoKeyDirectory, 1, 1, 0, 1, 2048, 0, 1, 4490))
		}, 0, "EPSG:4490"},
		{"unreadable GDAL_NODATA", g, func(tags []tiffTag) []tiffTag {
			return setTag(tags, tiffTag{tag: tagGDALNoData, typ: typeASCII, count: 4, data: []byte("abc\x00")})
		}, 1, "EPSG:32632"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := buildTIFF(t, tt.src, EncodeOptions{}, tt.edit)
			ds, err := DecodeGeoTIFF(bytes.NewReader(b), "t.tif", Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := ds.Grids[0]
			checkTransform(t, got, [6]float64{373000, 90, 0, 4845630, 0, -45}, 1e-9)
			if tt.name != "unreadable GDAL_NODATA" {
				sameCells(t, got, g)
			}
			if ds.CRS != tt.crs || len(ds.Warnings) != tt.warns {
				t.Errorf("CRS %q, warnings %v; want %q and %d warnings", ds.CRS, ds.Warnings, tt.crs, tt.warns)
			}
		})
	}
}

func TestDecodeGeoTIFFErrors(t *testing.T) {
	g := testGrid()
	plain := buildTIFF(t, g, EncodeOptions{}, nil)
	deflate := buildTIFF(t, g, EncodeOptions{Deflate: true}, nil)
	tiled := buildTIFF(t, g, EncodeOptions{TileSize: 16}, nil)
	le := binary.LittleEndian
	setShort := func(v uint16) func([]byte) { return func(e []byte) { le.PutUint16(e[8:], v) } }
	setLong := func(v uint32) func([]byte) { return func(e []byte) { le.PutUint32(e[8:], v) } }
	rename := func(tag uint16) func([]byte) { return func(e []byte) { le.PutUint16(e, tag) } }
	tests := []struct {
		name string
		data []byte
		kind error
	}{
		{"empty", nil, geo.ErrSyntax},
		{"truncated header", plain[:5], geo.ErrSyntax},
		{"garbage", []byte("GIF89a garbage garbage"), geo.ErrSyntax},
		{"version 41", append([]byte("II\x29\x00"), plain[4:]...), geo.ErrSyntax},
		{"truncated IFD", plain[:40], geo.ErrSyntax},
		{"truncated strip", plain[:len(plain)-3], geo.ErrSyntax},
		{"truncated deflate", deflate[:len(deflate)-3], geo.ErrSyntax},
		{"corrupt deflate", corruptAt(deflate, entryValue(deflate, tagStripOffsets)), geo.ErrSyntax},
		{"IFD offset past the end", append(plain[:4:4], append([]byte{0, 0, 0, 0x40}, plain[8:]...)...), geo.ErrSyntax},
		{"strip offset past the end", patchEntry(t, plain, tagStripOffsets, setLong(1<<30)), geo.ErrSyntax},
		{"strip byte count past the end", patchEntry(t, plain, tagStripByteCounts, setLong(1<<30)), geo.ErrSyntax},
		{"strip too small for its cells", patchEntry(t, plain, tagStripByteCounts, setLong(8)), geo.ErrSyntax},
		{"tile offsets past the end", patchEntry(t, tiled, tagTileOffsets, setLong(uint32(len(tiled)))), geo.ErrSyntax},
		{"too few tile offsets", patchEntry(t, tiled, tagTileOffsets, func(e []byte) { le.PutUint32(e[4:], 0) }), geo.ErrSyntax},
		{"absurd tile size", patchEntry(t, tiled, tagTileWidth, setLong(1<<30)), geo.ErrInvalid},
		{"value array past the end", patchEntry(t, plain, tagPixelScale, setLong(1<<30)), geo.ErrSyntax},
		{"JPEG compression", patchEntry(t, plain, tagCompression, setShort(7)), geo.ErrUnsupported},
		{"unknown compression", patchEntry(t, plain, tagCompression, setShort(50000)), geo.ErrUnsupported},
		{"three samples per pixel", patchEntry(t, plain, tagSamplesPerPixel, setShort(3)), geo.ErrUnsupported},
		{"12-bit samples", patchEntry(t, plain, tagBitsPerSample, setShort(12)), geo.ErrUnsupported},
		{"16-bit floats", patchEntry(t, plain, tagBitsPerSample, setShort(16)), geo.ErrUnsupported},
		{"predictor 3 on integers", patchEntry(t, patchEntry(t, plain, tagSampleFormat, setShort(2)), tagCompression, setShort(1)), nil},
		{"huge dimensions", patchEntry(t, patchEntry(t, plain, tagImageWidth, setLong(1<<31-1)), tagImageLength, setLong(1<<31-1)), ErrTooLarge},
		{"zero width", patchEntry(t, plain, tagImageWidth, setLong(0)), geo.ErrInvalid},
		{"no georeferencing", patchEntry(t, patchEntry(t, plain, tagTiepoint, rename(33923)), tagPixelScale, rename(33551)), geo.ErrUnsupported},
		{"scale without tiepoint", patchEntry(t, plain, tagTiepoint, rename(33923)), geo.ErrUnsupported},
		{"bad GeoKeyDirectory", patchEntry(t, plain, tagGeoKeyDirectory, func(e []byte) { le.PutUint32(e[4:], 2) }), geo.ErrSyntax},
		{"rotated", buildTIFF(t, g, EncodeOptions{}, func(tags []tiffTag) []tiffTag {
			return setTag(tags, doubleTag(tagTransformation, 90, 5, 0, 0, 5, -45, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1))
		}), geo.ErrUnsupported},
		{"negative scale", buildTIFF(t, g, EncodeOptions{}, func(tags []tiffTag) []tiffTag {
			return setTag(tags, doubleTag(tagPixelScale, -90, 45, 0))
		}), geo.ErrUnsupported},
		{"NaN tiepoint", buildTIFF(t, g, EncodeOptions{}, func(tags []tiffTag) []tiffTag {
			return setTag(tags, doubleTag(tagTiepoint, 0, 0, 0, math.NaN(), 0, 0))
		}), geo.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeGeoTIFF(bytes.NewReader(tt.data), "bad.tif", Options{})
			if tt.kind == nil { // int32 read from float bits: valid, just odd
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			pe := wantParseError(t, err, tt.kind)
			if pe.Offset < 0 || pe.Offset > int64(max(len(tt.data), 1<<30)) || pe.File != "bad.tif" {
				t.Errorf("error position %s offset %d (%v)", pe.File, pe.Offset, err)
			}
		})
	}
}

func TestDecodeGeoTIFFSparse(t *testing.T) {
	g := testGrid()
	b := buildTIFF(t, g, EncodeOptions{TileSize: 16}, nil)
	b = patchEntry(t, b, tagTileOffsets, func(e []byte) { binary.LittleEndian.PutUint32(e[8:], 0) })
	b = patchEntry(t, b, tagTileByteCounts, func(e []byte) { binary.LittleEndian.PutUint32(e[8:], 0) })
	ds, err := DecodeGeoTIFF(bytes.NewReader(b), "sparse.tif", Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A sparse tile reads as nodata (GDAL's behaviour), here NaN.
	for i, v := range ds.Grids[0].Data {
		if !math.IsNaN(float64(v)) {
			t.Fatalf("cell %d = %v, want NaN", i, v)
		}
	}
}

func TestDecodeGeoTIFFOptionsCRS(t *testing.T) {
	b := buildTIFF(t, testGrid(), EncodeOptions{}, func(tags []tiffTag) []tiffTag {
		return setTag(tags, shortTag(tagGeoKeyDirectory, 1, 1, 0, 2, 1024, 0, 1, 1, 3072, 0, 1, 32767))
	})
	ds, err := Decode(bytes.NewReader(b), "user.tif", Options{CRS: "EPSG:4547"})
	if err != nil {
		t.Fatal(err)
	}
	if ds.CRS != "EPSG:4547" || ds.Grids[0].CRS != "EPSG:4547" || len(ds.Warnings) != 0 {
		t.Errorf("CRS %q/%q, warnings %v; want EPSG:4547 and none", ds.CRS, ds.Grids[0].CRS, ds.Warnings)
	}
}
