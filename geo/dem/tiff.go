package dem

import (
	"encoding/binary"
	"math"
	"strings"

	"twin/geo"
)

// TIFF tags read or written by this package (TIFF 6.0, GeoTIFF 1.1, GDAL).
const (
	tagImageWidth      = 256
	tagImageLength     = 257
	tagBitsPerSample   = 258
	tagCompression     = 259
	tagPhotometric     = 262
	tagFillOrder       = 266
	tagStripOffsets    = 273
	tagSamplesPerPixel = 277
	tagRowsPerStrip    = 278
	tagStripByteCounts = 279
	tagPlanarConfig    = 284
	tagPredictor       = 317
	tagTileWidth       = 322
	tagTileLength      = 323
	tagTileOffsets     = 324
	tagTileByteCounts  = 325
	tagSampleFormat    = 339
	tagPixelScale      = 33550
	tagTiepoint        = 33922
	tagTransformation  = 34264
	tagGeoKeyDirectory = 34735
	tagGeoDoubleParams = 34736
	tagGeoASCIIParams  = 34737
	tagGDALNoData      = 42113
)

// TIFF field types.
const (
	typeByte     = 1
	typeASCII    = 2
	typeShort    = 3
	typeLong     = 4
	typeRational = 5
	typeSByte    = 6
	typeUndef    = 7
	typeSShort   = 8
	typeSLong    = 9
	typeFloat    = 11
	typeDouble   = 12
	typeIFD      = 13
	typeLong8    = 16
	typeSLong8   = 17
	typeIFD8     = 18
)

// typeSize returns the byte size of one value of a field type, 0 if unknown.
func typeSize(typ uint16) int64 {
	switch typ {
	case typeByte, typeASCII, typeSByte, typeUndef:
		return 1
	case typeShort, typeSShort:
		return 2
	case typeLong, typeSLong, typeFloat, typeIFD:
		return 4
	case typeRational, typeDouble, typeLong8, typeSLong8, typeIFD8:
		return 8
	}
	return 0
}

// tiffFile is a TIFF held in memory, with its first image file directory.
type tiffFile struct {
	b    []byte
	bo   binary.ByteOrder
	big  bool // BigTIFF
	name string
	ifd  map[uint16]tiffEntry
}

// tiffEntry is one IFD entry; at is the entry's own offset (for messages),
// off the offset of its values.
type tiffEntry struct {
	typ   uint16
	count uint64
	at    int64
	off   int64
}

// errAt returns a ParseError at byte offset off.
func (t *tiffFile) errAt(off int64, kind error, format string, args ...any) error {
	return geo.OffsetError(t.name, off, kind, format, args...)
}

// parseTIFF reads the header and the first IFD of b.
func parseTIFF(b []byte, name string) (*tiffFile, error) {
	t := &tiffFile{b: b, name: name}
	if len(b) < 8 {
		return nil, t.errAt(int64(len(b)), geo.ErrSyntax, "truncated TIFF header (%d bytes)", len(b))
	}
	switch string(b[:2]) {
	case "II":
		t.bo = binary.LittleEndian
	case "MM":
		t.bo = binary.BigEndian
	default:
		return nil, t.errAt(0, geo.ErrSyntax, "not a TIFF file (no II/MM byte-order mark)")
	}
	var ifdOff uint64
	switch t.bo.Uint16(b[2:]) {
	case 42:
		ifdOff = uint64(t.bo.Uint32(b[4:]))
	case 43:
		if len(b) < 16 || t.bo.Uint16(b[4:]) != 8 {
			return nil, t.errAt(4, geo.ErrSyntax, "bad BigTIFF header")
		}
		t.big = true
		ifdOff = t.bo.Uint64(b[8:])
	default:
		return nil, t.errAt(2, geo.ErrSyntax, "not a TIFF file (version %d)", t.bo.Uint16(b[2:]))
	}
	if err := t.readIFD(ifdOff); err != nil {
		return nil, err
	}
	return t, nil
}

// readIFD parses the directory at off into t.ifd.
func (t *tiffFile) readIFD(off uint64) error {
	head, esize := uint64(2), uint64(12)
	if t.big {
		head, esize = 8, 20
	}
	n0 := uint64(len(t.b))
	if off < 8 || off > n0 || n0-off < head {
		return t.errAt(int64(min(off, n0)), geo.ErrSyntax, "IFD offset %d outside the file (%d bytes)", off, n0)
	}
	var n uint64
	if t.big {
		n = t.bo.Uint64(t.b[off:])
	} else {
		n = uint64(t.bo.Uint16(t.b[off:]))
	}
	if n == 0 || n > (n0-off-head)/esize {
		return t.errAt(int64(off), geo.ErrSyntax, "IFD with %d entries does not fit in the file", n)
	}
	t.ifd = make(map[uint16]tiffEntry, n)
	for i := uint64(0); i < n; i++ {
		p := off + head + i*esize
		e := t.b[p:]
		ent := tiffEntry{typ: t.bo.Uint16(e[2:]), at: int64(p)}
		var inline, valOff uint64
		if t.big {
			ent.count, inline, valOff = t.bo.Uint64(e[4:]), 8, t.bo.Uint64(e[12:])
		} else {
			ent.count, inline, valOff = uint64(t.bo.Uint32(e[4:])), 4, uint64(t.bo.Uint32(e[8:]))
		}
		size := typeSize(ent.typ)
		if size == 0 {
			continue // unknown type: ignored, as TIFF 6.0 asks
		}
		if ent.count > n0/uint64(size) {
			ent.off = -1 // cannot fit; reported when the tag is read
		} else if ent.count*uint64(size) <= inline {
			ent.off = int64(p) + int64(esize-inline)
		} else {
			ent.off = int64(min(valOff, math.MaxInt64))
		}
		t.ifd[t.bo.Uint16(e)] = ent
	}
	return nil
}

// raw returns the bytes of tag's values, bounds-checked.
func (t *tiffFile) raw(tag uint16) (tiffEntry, []byte, error) {
	e, ok := t.ifd[tag]
	if !ok {
		return e, nil, nil
	}
	size := uint64(typeSize(e.typ)) * e.count
	if e.off < 0 || uint64(e.off) > uint64(len(t.b)) || size > uint64(len(t.b))-uint64(e.off) {
		return e, nil, t.errAt(e.at, geo.ErrSyntax, "tag %d: %d values at offset %d run past the end of the file", tag, e.count, e.off)
	}
	return e, t.b[e.off : uint64(e.off)+size], nil
}

// has reports whether the IFD holds tag.
func (t *tiffFile) has(tag uint16) bool { _, ok := t.ifd[tag]; return ok }

// uints returns the values of an integer tag (nil when absent).
func (t *tiffFile) uints(tag uint16) ([]uint64, error) {
	e, b, err := t.raw(tag)
	if err != nil || b == nil {
		return nil, err
	}
	out := make([]uint64, e.count)
	for i := range out {
		switch e.typ {
		case typeByte, typeSByte, typeUndef:
			out[i] = uint64(b[i])
		case typeShort, typeSShort:
			out[i] = uint64(t.bo.Uint16(b[2*i:]))
		case typeLong, typeSLong, typeIFD:
			out[i] = uint64(t.bo.Uint32(b[4*i:]))
		case typeLong8, typeSLong8, typeIFD8:
			out[i] = t.bo.Uint64(b[8*i:])
		default:
			return nil, t.errAt(e.at, geo.ErrSyntax, "tag %d: type %d is not an integer type", tag, e.typ)
		}
	}
	return out, nil
}

// uint1 returns the first value of an integer tag, or def when absent.
func (t *tiffFile) uint1(tag uint16, def uint64) (uint64, error) {
	v, err := t.uints(tag)
	if err != nil {
		return 0, err
	}
	if len(v) == 0 {
		return def, nil
	}
	return v[0], nil
}

// floats returns the values of a DOUBLE, FLOAT or RATIONAL tag.
func (t *tiffFile) floats(tag uint16) ([]float64, error) {
	e, b, err := t.raw(tag)
	if err != nil || b == nil {
		return nil, err
	}
	out := make([]float64, e.count)
	for i := range out {
		switch e.typ {
		case typeDouble:
			out[i] = math.Float64frombits(t.bo.Uint64(b[8*i:]))
		case typeFloat:
			out[i] = float64(math.Float32frombits(t.bo.Uint32(b[4*i:])))
		case typeRational:
			out[i] = float64(t.bo.Uint32(b[8*i:])) / float64(t.bo.Uint32(b[8*i+4:]))
		default:
			return nil, t.errAt(e.at, geo.ErrSyntax, "tag %d: type %d is not a floating-point type", tag, e.typ)
		}
	}
	return out, nil
}

// ascii returns an ASCII tag without its trailing NULs ("" when absent).
func (t *tiffFile) ascii(tag uint16) (string, error) {
	e, b, err := t.raw(tag)
	if err != nil || b == nil {
		return "", err
	}
	if e.typ != typeASCII {
		return "", t.errAt(e.at, geo.ErrSyntax, "tag %d: type %d is not ASCII", tag, e.typ)
	}
	return strings.TrimRight(string(b), "\x00"), nil
}
