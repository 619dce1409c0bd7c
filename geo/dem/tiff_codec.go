package dem

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"io"

	"golang.org/x/image/tiff/lzw"

	"twin/geo"
)

// TIFF compression codes.
const (
	compNone        = 1
	compLZW         = 5
	compDeflate     = 8
	compPackBits    = 32773
	compDeflateOld  = 32946
	predNone        = 1
	predHorizontal  = 2
	predFloatingPnt = 3
)

func compressionSupported(c int) bool {
	switch c {
	case compNone, compLZW, compDeflate, compDeflateOld, compPackBits:
		return true
	}
	return false
}

// maxRatio is an upper bound on how many bytes one compressed byte can
// expand to: 1032 for deflate (RFC 1951's longest match per bit pattern),
// 4096/9·8 for LZW with 9- to 12-bit codes, 64 for PackBits.
func maxRatio(c int) int {
	switch c {
	case compDeflate, compDeflateOld:
		return 1100
	case compLZW:
		return 4096
	case compPackBits:
		return 64
	}
	return 1
}

// chunkDecoder decompresses strips or tiles into a reused buffer and undoes
// the predictor.
type chunkDecoder struct {
	t    *tiffFile
	l    *layout
	size int // bytes per sample
	buf  []byte
	tmp  []byte // row scratch for the floating-point predictor
	zr   io.ReadCloser
}

func newChunkDecoder(t *tiffFile, l *layout, size int) *chunkDecoder {
	return &chunkDecoder{t: t, l: l, size: size, buf: make([]byte, l.chunkW*l.chunkH*size)}
}

// decode returns the first rows rows of chunk i, predictor undone.
func (d *chunkDecoder) decode(i, rows int) ([]byte, error) {
	off, cnt := d.l.offsets[i], d.l.counts[i]
	src := d.t.b[off : off+cnt]
	out := d.buf[:rows*d.l.chunkW*d.size]
	var err error
	switch d.l.compression {
	case compNone:
		if len(src) < len(out) {
			err = io.ErrUnexpectedEOF
		}
		copy(out, src)
	case compDeflate, compDeflateOld:
		err = d.inflate(src, out)
	case compLZW:
		rc := lzw.NewReader(bytes.NewReader(src), lzw.MSB, 8)
		_, err = io.ReadFull(rc, out)
		rc.Close()
	case compPackBits:
		err = unpackBits(src, out)
	}
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, d.t.errAt(int64(off), geo.ErrSyntax, "chunk %d (compression %d): %v", i, d.l.compression, err)
	}
	d.unpredict(out, rows)
	return out, nil
}

// inflate decompresses a zlib stream into out, reusing the reader.
func (d *chunkDecoder) inflate(src, out []byte) error {
	var err error
	if d.zr == nil {
		d.zr, err = zlib.NewReader(bytes.NewReader(src))
	} else {
		err = d.zr.(zlib.Resetter).Reset(bytes.NewReader(src), nil)
	}
	if err != nil {
		d.zr = nil
		return err
	}
	_, err = io.ReadFull(d.zr, out)
	return err
}

// unpackBits decodes PackBits (TIFF 6.0 section 9) into out.
func unpackBits(src, out []byte) error {
	o := 0
	for i := 0; o < len(out); {
		if i >= len(src) {
			return io.ErrUnexpectedEOF
		}
		n := int(int8(src[i]))
		i++
		switch {
		case n >= 0: // n+1 literal bytes
			if i+n+1 > len(src) {
				return io.ErrUnexpectedEOF
			}
			o += copy(out[o:], src[i:i+n+1])
			i += n + 1
		case n != -128: // one byte repeated 1−n times
			if i >= len(src) {
				return io.ErrUnexpectedEOF
			}
			for k := 0; k < 1-n && o < len(out); k++ {
				out[o] = src[i]
				o++
			}
			i++
		}
	}
	return nil
}

// unpredict undoes the predictor row by row.
func (d *chunkDecoder) unpredict(b []byte, rows int) {
	rowLen := d.l.chunkW * d.size
	switch d.l.predictor {
	case predHorizontal:
		for r := 0; r < rows; r++ {
			undoHorizontal(b[r*rowLen:][:rowLen], d.size, d.t.bo)
		}
	case predFloatingPnt:
		if len(d.tmp) < rowLen {
			d.tmp = make([]byte, rowLen)
		}
		for r := 0; r < rows; r++ {
			undoFloatPredictor(b[r*rowLen:][:rowLen], d.tmp[:rowLen], d.size, d.t.bo == binary.LittleEndian)
		}
	}
}

// undoHorizontal reverses TIFF predictor 2 on one row of size-byte samples
// in byte order bo: each sample is the difference from its left neighbour,
// modulo 2^(8·size).
func undoHorizontal(row []byte, size int, bo binary.ByteOrder) {
	switch size {
	case 1:
		for i := 1; i < len(row); i++ {
			row[i] += row[i-1]
		}
	case 2:
		for i := 2; i+2 <= len(row); i += 2 {
			bo.PutUint16(row[i:], bo.Uint16(row[i:])+bo.Uint16(row[i-2:]))
		}
	case 4:
		for i := 4; i+4 <= len(row); i += 4 {
			bo.PutUint32(row[i:], bo.Uint32(row[i:])+bo.Uint32(row[i-4:]))
		}
	case 8:
		for i := 8; i+8 <= len(row); i += 8 {
			bo.PutUint64(row[i:], bo.Uint64(row[i:])+bo.Uint64(row[i-8:]))
		}
	}
}

// undoFloatPredictor reverses TIFF predictor 3 (Adobe TIFF Technical Note 3)
// on one row: the bytes were split into planes, most significant byte first,
// then differenced bytewise. It rewrites the samples in the file's byte
// order so that the sample converter reads them as usual.
func undoFloatPredictor(row, tmp []byte, size int, le bool) {
	for i := 1; i < len(row); i++ {
		row[i] += row[i-1]
	}
	copy(tmp, row)
	n := len(row) / size
	for i := 0; i < n; i++ {
		for k := 0; k < size; k++ { // k-th most significant byte
			bi := k
			if le {
				bi = size - 1 - k
			}
			row[i*size+bi] = tmp[k*n+i]
		}
	}
}
