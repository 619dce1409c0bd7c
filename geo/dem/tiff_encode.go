package dem

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"twin/geo"
)

// ErrBadOptions is returned by EncodeOptions.Validate.
var ErrBadOptions = errors.New("dem: invalid encode options")

// stripBytes is the uncompressed size EncodeGeoTIFF aims at per strip.
const stripBytes = 64 << 10

// EncodeOptions tune EncodeGeoTIFF. The zero value writes uncompressed
// strips and keeps NaN cells as NaN, tagged GDAL_NODATA "nan".
type EncodeOptions struct {
	// Deflate compresses strips or tiles with zlib deflate (Compression 8).
	Deflate bool
	// Predictor applies the floating-point predictor (3) before deflate,
	// which usually shrinks terrain by a further third. Needs Deflate.
	Predictor bool
	// TileSize, when not 0, writes square tiles of this many cells a side (a
	// multiple of 16, as TIFF requires) instead of strips.
	TileSize int
	// NoData, when not nil, is the value NaN cells are written as and
	// GDAL_NODATA names.
	NoData *float64
}

// Validate reports options that cannot be written, wrapping ErrBadOptions.
func (o EncodeOptions) Validate() error {
	switch {
	case o.Predictor && !o.Deflate:
		return fmt.Errorf("%w: Predictor needs Deflate", ErrBadOptions)
	case o.TileSize < 0 || o.TileSize%16 != 0 || o.TileSize > 1<<15:
		return fmt.Errorf("%w: TileSize %d is not a multiple of 16 in [16, 32768]", ErrBadOptions, o.TileSize)
	case o.NoData != nil && (math.IsInf(*o.NoData, 0) || math.Abs(*o.NoData) > math.MaxFloat32):
		return fmt.Errorf("%w: NoData %g is not a float32", ErrBadOptions, *o.NoData)
	}
	return nil
}

// tiffTag is one IFD entry to write; data holds its values, little-endian.
type tiffTag struct {
	tag, typ uint16
	count    uint32
	data     []byte
	off      uint32 // where data goes when it does not fit in the entry
}

// EncodeGeoTIFF writes g as a little-endian classic GeoTIFF with one band
// of float32 samples: ModelPixelScale and ModelTiepoint for the grid
// (PixelIsArea, so the tiepoint is the outer north-west corner), a
// GeoKeyDirectory naming g.CRS ("EPSG:n") as GeographicTypeGeoKey or
// ProjectedCSTypeGeoKey, and GDAL_NODATA. GDAL and this package read it
// back with the same geotransform, CRS and values.
//
// It returns ErrBadGrid for an invalid grid, ErrBadOptions for invalid
// options, ErrTooLarge when the file would pass 4 GiB (the classic TIFF
// limit) and the first write error. The file is assembled in memory (one
// copy of the samples, compressed when Deflate is set). Time O(n); safe for
// concurrent use if g is not being modified.
func EncodeGeoTIFF(w io.Writer, g *geo.Grid, opt EncodeOptions) error {
	if err := checkGrid(g); err != nil {
		return err
	}
	if err := opt.Validate(); err != nil {
		return err
	}
	cw, ch := g.Cols, max(1, min(g.Rows, stripBytes/(4*g.Cols)))
	if opt.TileSize > 0 {
		cw, ch = opt.TileSize, opt.TileSize
	}
	chunks, err := encodeChunks(g, opt, cw, ch)
	if err != nil {
		return err
	}
	return writeTIFF(w, geoTIFFTags(g, opt, cw, ch, len(chunks)), chunks, opt.TileSize > 0)
}

// encodeChunks lays g out in cw×ch chunks (tiles padded with nodata, the
// last strip cut short), applies the predictor and compresses.
func encodeChunks(g *geo.Grid, opt EncodeOptions, cw, ch int) ([][]byte, error) {
	fill := float32(math.NaN())
	if opt.NoData != nil {
		fill = float32(*opt.NoData)
	}
	across, down := (g.Cols+cw-1)/cw, (g.Rows+ch-1)/ch
	chunks := make([][]byte, 0, across*down)
	raw := make([]byte, cw*ch*4)
	tmp := make([]byte, cw*4)
	var zbuf bytes.Buffer
	zw := zlib.NewWriter(&zbuf)
	for cy := 0; cy < down; cy++ {
		for cx := 0; cx < across; cx++ {
			rows := ch
			if opt.TileSize == 0 {
				rows = min(ch, g.Rows-cy*ch)
			}
			for r := 0; r < rows; r++ {
				row := raw[r*cw*4:][:cw*4]
				for c := 0; c < cw; c++ {
					v := g.At(cx*cw+c, cy*ch+r)
					f := float32(v)
					if v != v {
						f = fill
					}
					binary.LittleEndian.PutUint32(row[4*c:], math.Float32bits(f))
				}
				if opt.Predictor {
					floatPredict(row, tmp, 4)
				}
			}
			data := raw[:rows*cw*4]
			if opt.Deflate {
				zbuf.Reset()
				zw.Reset(&zbuf)
				zw.Write(data)
				if err := zw.Close(); err != nil {
					return nil, err
				}
				data = zbuf.Bytes()
			}
			chunks = append(chunks, bytes.Clone(data))
		}
	}
	return chunks, nil
}

// floatPredict applies TIFF predictor 3 to one row of little-endian
// size-byte floats: byte planes, most significant first, then bytewise
// differences. It is the inverse of undoFloatPredictor.
func floatPredict(row, tmp []byte, size int) {
	n := len(row) / size
	for i := 0; i < n; i++ {
		for k := 0; k < size; k++ {
			tmp[k*n+i] = row[i*size+size-1-k]
		}
	}
	row[0] = tmp[0]
	for i := 1; i < len(row); i++ {
		row[i] = tmp[i] - tmp[i-1]
	}
}

// geoTIFFTags returns the IFD entries, sorted by tag, with zeroed chunk
// offsets.
func geoTIFFTags(g *geo.Grid, opt EncodeOptions, cw, ch, n int) []tiffTag {
	le := binary.LittleEndian
	short := func(tag uint16, v ...uint16) tiffTag {
		b := make([]byte, 2*len(v))
		for i, x := range v {
			le.PutUint16(b[2*i:], x)
		}
		return tiffTag{tag: tag, typ: typeShort, count: uint32(len(v)), data: b}
	}
	long := func(tag uint16, v ...uint32) tiffTag {
		b := make([]byte, 4*len(v))
		for i, x := range v {
			le.PutUint32(b[4*i:], x)
		}
		return tiffTag{tag: tag, typ: typeLong, count: uint32(len(v)), data: b}
	}
	double := func(tag uint16, v ...float64) tiffTag {
		b := make([]byte, 8*len(v))
		for i, x := range v {
			le.PutUint64(b[8*i:], math.Float64bits(x))
		}
		return tiffTag{tag: tag, typ: typeDouble, count: uint32(len(v)), data: b}
	}
	comp, pred := uint16(compNone), uint16(predNone)
	if opt.Deflate {
		comp = compDeflate
	}
	if opt.Predictor {
		pred = predFloatingPnt
	}
	tags := []tiffTag{
		long(tagImageWidth, uint32(g.Cols)), long(tagImageLength, uint32(g.Rows)),
		short(tagBitsPerSample, 32), short(tagCompression, comp), short(tagPhotometric, 1),
	}
	zeros := make([]uint32, n)
	if opt.TileSize == 0 {
		tags = append(tags, long(tagStripOffsets, zeros...), short(tagSamplesPerPixel, 1),
			long(tagRowsPerStrip, uint32(ch)), long(tagStripByteCounts, zeros...), short(tagPlanarConfig, 1))
	} else {
		tags = append(tags, short(tagSamplesPerPixel, 1), short(tagPlanarConfig, 1))
	}
	if pred != predNone {
		tags = append(tags, short(tagPredictor, pred))
	}
	if opt.TileSize > 0 {
		tags = append(tags, long(tagTileWidth, uint32(cw)), long(tagTileLength, uint32(ch)),
			long(tagTileOffsets, zeros...), long(tagTileByteCounts, zeros...))
	}
	tags = append(tags, short(tagSampleFormat, sampleFloat),
		double(tagPixelScale, g.DX, g.DY, 0), double(tagTiepoint, 0, 0, 0, g.X0, g.Y0, 0),
		short(tagGeoKeyDirectory, geoKeyDirectory(g.CRS)...))
	nd := "nan"
	if opt.NoData != nil {
		nd = strconv.FormatFloat(*opt.NoData, 'g', -1, 64)
	}
	return append(tags, tiffTag{tag: tagGDALNoData, typ: typeASCII, count: uint32(len(nd) + 1), data: append([]byte(nd), 0)})
}

// geoKeyDirectory returns the GeoKeyDirectory for crs: model type, raster
// type (PixelIsArea) and the EPSG code, or only the raster type when crs is
// not "EPSG:n".
func geoKeyDirectory(crs string) []uint16 {
	keys := [][4]uint16{}
	if code, ok := epsgCode(crs); !ok {
		keys = append(keys, [4]uint16{keyRasterType, 0, 1, rasterIsArea})
	} else if isGeographic(code) {
		keys = append(keys, [4]uint16{keyModelType, 0, 1, modelGeographic},
			[4]uint16{keyRasterType, 0, 1, rasterIsArea}, [4]uint16{keyGeographicType, 0, 1, uint16(code)})
	} else {
		keys = append(keys, [4]uint16{keyModelType, 0, 1, modelProjected},
			[4]uint16{keyRasterType, 0, 1, rasterIsArea}, [4]uint16{keyProjectedType, 0, 1, uint16(code)})
	}
	dir := []uint16{1, 1, 0, uint16(len(keys))}
	for _, k := range keys {
		dir = append(dir, k[:]...)
	}
	return dir
}

// writeTIFF places the out-of-line tag data after the IFD and the chunks
// after that, fills in the chunk offsets and byte counts, and writes it all.
func writeTIFF(w io.Writer, tags []tiffTag, chunks [][]byte, tiled bool) error {
	pos := uint64(8 + 2 + 12*len(tags) + 4)
	offTag, cntTag := uint16(tagStripOffsets), uint16(tagStripByteCounts)
	if tiled {
		offTag, cntTag = tagTileOffsets, tagTileByteCounts
	}
	var offs, cnts []byte
	for i := range tags {
		if len(tags[i].data) > 4 {
			tags[i].off = uint32(pos)
			pos += uint64(len(tags[i].data)+1) &^ 1 // word boundary
		}
		switch tags[i].tag {
		case offTag:
			offs = tags[i].data
		case cntTag:
			cnts = tags[i].data
		}
	}
	for i, c := range chunks {
		binary.LittleEndian.PutUint32(offs[4*i:], uint32(pos))
		binary.LittleEndian.PutUint32(cnts[4*i:], uint32(len(c)))
		pos += uint64(len(c))
	}
	if pos > math.MaxUint32 {
		return fmt.Errorf("%w: GeoTIFF of %d bytes passes the classic TIFF limit of 4 GiB", ErrTooLarge, pos)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	le := binary.LittleEndian
	bw.Write([]byte{'I', 'I', 42, 0, 8, 0, 0, 0})
	var e [12]byte
	bw.Write(le.AppendUint16(nil, uint16(len(tags))))
	for _, t := range tags {
		le.PutUint16(e[0:], t.tag)
		le.PutUint16(e[2:], t.typ)
		le.PutUint32(e[4:], t.count)
		clear(e[8:])
		if len(t.data) <= 4 {
			copy(e[8:], t.data)
		} else {
			le.PutUint32(e[8:], t.off)
		}
		bw.Write(e[:])
	}
	bw.Write([]byte{0, 0, 0, 0}) // no next IFD
	for _, t := range tags {
		if len(t.data) > 4 {
			bw.Write(t.data)
			if len(t.data)%2 == 1 {
				bw.WriteByte(0)
			}
		}
	}
	for _, c := range chunks {
		bw.Write(c)
	}
	return bw.Flush()
}
