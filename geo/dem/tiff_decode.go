package dem

import (
	"io"
	"math"
	"strconv"
	"strings"

	"twin/geo"
)

// layout describes how the first image of a TIFF is stored.
type layout struct {
	width, height  int
	bits, format   int // bits per sample; SampleFormat 1 uint, 2 int, 3 float
	compression    int
	predictor      int
	chunkW, chunkH int // tile size, or width × rows per strip
	across, down   int // chunks per row and per column
	offsets        []uint64
	counts         []uint64
	tiled          bool
}

// DecodeGeoTIFF reads the first image of a single-band GeoTIFF, classic or
// BigTIFF, either byte order. It reads 8-, 16-, 32- and 64-bit unsigned and
// signed integer samples and 32- and 64-bit floats, in strips or tiles,
// uncompressed, deflate (8, 32946), LZW (5) or PackBits (32773), with
// predictor 1, 2 (horizontal) or 3 (floating point). The grid comes from
// ModelPixelScale with ModelTiepoint, or from ModelTransformation (no
// rotation; south-up images are flipped north-up). Pixel-is-point rasters
// (GTRasterTypeGeoKey 2) are shifted half a cell, as GDAL does by default.
// The CRS is "EPSG:n" from ProjectedCSTypeGeoKey or GeographicTypeGeoKey
// (a user-defined CRS gives "" and a warning) unless opt.CRS is set; cells
// equal to GDAL_NODATA become NaN.
//
// The whole file is read into memory (at most opt.MaxBytes). Errors are
// *geo.ParseError values with a byte offset: every offset and length read
// from the file is bounds-checked, the image size is checked against
// opt.MaxCells before allocating, and unsupported features (several samples
// per pixel, JPEG or other compressions, rotated transforms, no
// georeferencing) wrap geo.ErrUnsupported. Time O(file size + cells); safe
// for concurrent use.
func DecodeGeoTIFF(r io.Reader, name string, opt Options) (*geo.Dataset, error) {
	b, err := readAll(r, name, opt.maxBytes())
	if err != nil {
		return nil, err
	}
	return decodeGeoTIFF(b, name, opt)
}

// decodeGeoTIFF decodes a GeoTIFF held in memory; it may modify b.
func decodeGeoTIFF(b []byte, name string, opt Options) (*geo.Dataset, error) {
	t, err := parseTIFF(b, name)
	if err != nil {
		return nil, err
	}
	lay, err := t.layout(opt)
	if err != nil {
		return nil, err
	}
	ref, warns, err := t.georef(lay)
	if err != nil {
		return nil, err
	}
	if opt.CRS != "" {
		warns = nil // the caller supplied the CRS
	}
	nodata, hasND, w := t.noData()
	if w != "" {
		warns = append(warns, w)
	}
	data, err := t.readRaster(lay, nodata, hasND)
	if err != nil {
		return nil, err
	}
	g := &geo.Grid{Cols: lay.width, Rows: lay.height, X0: ref.x0, Y0: ref.y0, DX: ref.dx, DY: ref.dy, Data: data, CRS: ref.crs}
	if ref.flip {
		flipRows(g)
	}
	ds := dataset(name, g, opt)
	for _, w := range warns {
		ds.Warn(0, -1, w)
	}
	return ds, nil
}

// layout reads and checks the image structure tags.
func (t *tiffFile) layout(opt Options) (*layout, error) {
	var v [9]uint64
	for i, q := range []struct {
		tag uint16
		def uint64
	}{{tagImageWidth, 0}, {tagImageLength, 0}, {tagBitsPerSample, 1}, {tagSampleFormat, 1},
		{tagCompression, 1}, {tagPredictor, 1}, {tagSamplesPerPixel, 1}, {tagFillOrder, 1}, {tagPlanarConfig, 1}} {
		x, err := t.uint1(q.tag, q.def)
		if err != nil {
			return nil, err
		}
		v[i] = min(x, math.MaxInt32)
	}
	at := func(tag uint16) int64 { return t.ifd[tag].at }
	l := &layout{width: int(v[0]), height: int(v[1]), bits: int(v[2]), format: int(v[3]), compression: int(v[4]), predictor: int(v[5])}
	if err := checkCells(t.name, 0, at(tagImageWidth), int64(l.width), int64(l.height), opt); err != nil {
		return nil, err
	}
	switch {
	case v[6] != 1:
		return nil, t.errAt(at(tagSamplesPerPixel), geo.ErrUnsupported, "%d samples per pixel (want one band)", v[6])
	case v[7] != 1:
		return nil, t.errAt(at(tagFillOrder), geo.ErrUnsupported, "FillOrder %d", v[7])
	case !sampleSupported(l.bits, l.format):
		return nil, t.errAt(at(tagBitsPerSample), geo.ErrUnsupported, "%d-bit samples of SampleFormat %d", l.bits, l.format)
	case !compressionSupported(l.compression):
		return nil, t.errAt(at(tagCompression), geo.ErrUnsupported, "compression %d", l.compression)
	case l.predictor < 1 || l.predictor > 3 || l.predictor == 3 && l.format != 3:
		return nil, t.errAt(at(tagPredictor), geo.ErrUnsupported, "predictor %d for SampleFormat %d", l.predictor, l.format)
	}
	if err := t.chunks(l, opt); err != nil {
		return nil, err
	}
	return l, nil
}

// chunks fills in the strip or tile grid and checks the offset tables.
func (t *tiffFile) chunks(l *layout, opt Options) error {
	offTag, cntTag := uint16(tagStripOffsets), uint16(tagStripByteCounts)
	l.tiled = t.has(tagTileWidth) || t.has(tagTileOffsets)
	if l.tiled {
		offTag, cntTag = tagTileOffsets, tagTileByteCounts
		tw, err1 := t.uint1(tagTileWidth, 0)
		th, err2 := t.uint1(tagTileLength, 0)
		if err := firstErr(err1, err2); err != nil {
			return err
		}
		l.chunkW, l.chunkH = int(min(tw, math.MaxInt32)), int(min(th, math.MaxInt32))
	} else {
		rps, err := t.uint1(tagRowsPerStrip, math.MaxUint32)
		if err != nil {
			return err
		}
		l.chunkW, l.chunkH = l.width, int(min(rps, uint64(l.height)))
	}
	// A tile may overhang the image, but not absurdly: at most 4× the
	// image's cells or 2²⁰ cells, and never more than opt.MaxCells.
	cells := int64(l.chunkW) * int64(l.chunkH)
	if l.chunkW <= 0 || l.chunkH <= 0 || cells > opt.maxCells() ||
		cells > max(4*int64(l.width)*int64(l.height), 1<<20) {
		return t.errAt(t.ifd[tagTileWidth].at, geo.ErrInvalid, "bad chunk size %d×%d", l.chunkW, l.chunkH)
	}
	l.across = (l.width + l.chunkW - 1) / l.chunkW
	l.down = (l.height + l.chunkH - 1) / l.chunkH
	var err1, err2 error
	l.offsets, err1 = t.uints(offTag)
	l.counts, err2 = t.uints(cntTag)
	if err := firstErr(err1, err2); err != nil {
		return err
	}
	n := l.across * l.down
	if len(l.offsets) < n || len(l.counts) < n {
		return t.errAt(t.ifd[offTag].at, geo.ErrSyntax, "%d offsets and %d byte counts for %d chunks",
			len(l.offsets), len(l.counts), n)
	}
	return t.checkChunks(l, n)
}

// checkChunks bounds-checks every chunk and rejects chunks too small to
// expand to their cells under the compression's best ratio, so that a
// header cannot make the decoder allocate far more than the file holds.
func (t *tiffFile) checkChunks(l *layout, n int) error {
	need := uint64(l.chunkW) * uint64(l.chunkH) * uint64(l.bits/8)
	ratio := uint64(maxRatio(l.compression))
	size := uint64(len(t.b))
	for i := 0; i < n; i++ {
		off, cnt := l.offsets[i], l.counts[i]
		if off == 0 && cnt == 0 {
			continue // sparse
		}
		if off > size || cnt > size-off {
			return t.errAt(int64(min(off, size)), geo.ErrSyntax, "chunk %d: %d bytes at offset %d run past the end of the file (%d bytes)", i, cnt, off, size)
		}
		if !l.tiled && i == n-1 {
			need = uint64(l.chunkW) * uint64(l.height-(n-1)*l.chunkH) * uint64(l.bits/8)
		}
		if cnt*ratio < need {
			return t.errAt(int64(off), geo.ErrSyntax, "chunk %d: %d bytes cannot hold %d bytes of samples", i, cnt, need)
		}
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// noData reads GDAL_NODATA; w is a warning when the tag is unreadable.
func (t *tiffFile) noData() (v float64, ok bool, w string) {
	s, err := t.ascii(tagGDALNoData)
	if err != nil {
		return 0, false, "ignoring GDAL_NODATA: " + err.Error()
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, ""
	}
	v, err = strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false, "ignoring GDAL_NODATA " + strconv.Quote(s)
	}
	return v, true, ""
}

// readRaster decodes every chunk into a Rows×Cols float32 slice.
func (t *tiffFile) readRaster(l *layout, nodata float64, hasND bool) ([]float32, error) {
	size, conv := sampleConverter(l.bits, l.format, t.bo, nodata, hasND)
	data := make([]float32, l.width*l.height)
	dec := newChunkDecoder(t, l, size)
	fill := float32(0)
	if hasND {
		fill = float32(math.NaN())
	}
	for cy := 0; cy < l.down; cy++ {
		for cx := 0; cx < l.across; cx++ {
			i := cy*l.across + cx
			x0, y0 := cx*l.chunkW, cy*l.chunkH
			w, h := min(l.chunkW, l.width-x0), min(l.chunkH, l.height-y0)
			rows := h
			if l.tiled {
				rows = l.chunkH // tiles are stored padded
			}
			if l.offsets[i] == 0 && l.counts[i] == 0 { // sparse: GDAL reads nodata (or 0)
				for r := 0; r < h; r++ {
					row := data[(y0+r)*l.width+x0:][:w]
					for c := range row {
						row[c] = fill
					}
				}
				continue
			}
			buf, err := dec.decode(i, rows)
			if err != nil {
				return nil, err
			}
			for r := 0; r < h; r++ {
				conv(buf[r*l.chunkW*size:][:w*size], data[(y0+r)*l.width+x0:][:w])
			}
		}
	}
	return data, nil
}

// flipRows turns a south-up grid north-up in place.
func flipRows(g *geo.Grid) {
	for top, bot := 0, g.Rows-1; top < bot; top, bot = top+1, bot-1 {
		a := g.Data[top*g.Cols:][:g.Cols]
		b := g.Data[bot*g.Cols:][:g.Cols]
		for i := range a {
			a[i], b[i] = b[i], a[i]
		}
	}
}
