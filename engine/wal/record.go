package wal

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
)

// MaxRecordSize is the longest payload, in bytes, that a record may have.
const MaxRecordSize = 64 << 20

// headerSize is the size in bytes of a record header; doc.go has the layout.
const headerSize = 16

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// appendRecord appends the encoding of the record (lsn, rec) to dst.
// payloadCRC is the CRC-32C of rec, computed by the caller so that the work
// can be done outside any lock.
func appendRecord(dst []byte, lsn uint64, rec []byte, payloadCRC uint32) []byte {
	off := len(dst)
	dst = append(dst, make([]byte, headerSize)...) // no allocation once dst has room
	h := dst[off : off+headerSize]
	binary.LittleEndian.PutUint32(h[0:4], uint32(len(rec)))
	binary.LittleEndian.PutUint64(h[8:16], lsn)
	binary.LittleEndian.PutUint32(h[4:8], recordCRC(payloadCRC, h))
	return append(dst, rec...)
}

// recordCRC extends the CRC-32C of a payload with the length and LSN fields
// of its header h: the checksum of payload ‖ h[0:4] ‖ h[8:16].
func recordCRC(payloadCRC uint32, h []byte) uint32 {
	c := crc32.Update(payloadCRC, castagnoli, h[0:4])
	return crc32.Update(c, castagnoli, h[8:16])
}

// recordSize is the encoded size in bytes of a record with an n-byte payload.
func recordSize(n int) int64 { return headerSize + int64(n) }

// A scanner reads the records of one segment in order and checks each one.
// It stops at the end of the file, or at the first bad record with an error
// that wraps ErrCorrupt (a bad record) or an I/O error.
type scanner struct {
	r    *bufio.Reader
	name string // segment file name, for errors
	size int64  // bytes of the file to read
	off  int64  // offset of the next record
	next uint64 // LSN the next record must have

	lsn uint64 // the record just read
	rec []byte // its payload; reused by the next call to scan
	err error
	hdr [headerSize]byte
}

// newScanner reads the segment name (size bytes, first record first) from r.
func newScanner(r io.Reader, name string, size int64, first uint64) *scanner {
	return &scanner{r: bufio.NewReaderSize(r, 64<<10), name: name, size: size, next: first}
}

// scan reads the next record into s.lsn and s.rec. It returns false at the
// end of the segment or on error (then s.err is set).
func (s *scanner) scan() bool {
	if s.err != nil || s.off >= s.size {
		return false
	}
	left := s.size - s.off
	if left < headerSize {
		return s.corrupt("torn header: %d of %d bytes", left, headerSize)
	}
	if _, err := io.ReadFull(s.r, s.hdr[:]); err != nil {
		return s.ioError(err)
	}
	n := binary.LittleEndian.Uint32(s.hdr[0:4])
	if n > MaxRecordSize || int64(n) > left-headerSize {
		return s.corrupt("length %d exceeds the %d bytes left", n, left-headerSize)
	}
	if cap(s.rec) < int(n) {
		s.rec = make([]byte, n, max(int(n), 2*cap(s.rec)))
	}
	s.rec = s.rec[:n]
	if _, err := io.ReadFull(s.r, s.rec); err != nil {
		return s.ioError(err)
	}
	want := binary.LittleEndian.Uint32(s.hdr[4:8])
	if got := recordCRC(crc32.Checksum(s.rec, castagnoli), s.hdr[:]); got != want {
		return s.corrupt("checksum %08x, want %08x", got, want)
	}
	if lsn := binary.LittleEndian.Uint64(s.hdr[8:16]); lsn != s.next {
		return s.corrupt("lsn %d, want %d", lsn, s.next)
	}
	s.lsn = s.next
	s.next++
	s.off += recordSize(int(n))
	return true
}

func (s *scanner) corrupt(format string, args ...any) bool {
	s.err = fmt.Errorf("%w: %s at offset %d: %s", ErrCorrupt, s.name, s.off, fmt.Sprintf(format, args...))
	return false
}

func (s *scanner) ioError(err error) bool {
	s.err = fmt.Errorf("wal: read %s at offset %d: %w", s.name, s.off, err)
	return false
}
