package osm

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"sync"
	"sync/atomic"

	"twin/geo"
)

// PBF framing (https://wiki.openstreetmap.org/wiki/PBF_Format): the file is
// a sequence of blobs, each a 4-byte big-endian BlobHeader length, the
// BlobHeader message (type, datasize) and the Blob message (raw or
// compressed PrimitiveBlock / HeaderBlock).

const (
	maxBlobHeaderSize = 64 << 10 // the format's limit
	maxBlobSize       = 32 << 20 // the format's limit, also on raw_size
)

// frame is one blob read from the stream.
type frame struct {
	seq  int
	off  int64 // offset of the blob's length prefix
	kind string
	blob []byte // the Blob message
}

// frameReader splits a PBF stream into frames, tracking offsets.
type frameReader struct {
	r    io.Reader
	name string
	off  int64
	hdr  []byte
}

// next reads one frame. It returns io.EOF at a clean end of input and a
// *geo.ParseError at the blob's offset otherwise.
func (fr *frameReader) next(seq int) (frame, error) {
	start := fr.off
	var size [4]byte
	n, err := io.ReadFull(fr.r, size[:])
	if err == io.EOF {
		return frame{}, io.EOF
	}
	if err != nil {
		return frame{}, fr.readErr(start, n, err)
	}
	hlen := binary.BigEndian.Uint32(size[:])
	if hlen == 0 || hlen > maxBlobHeaderSize {
		return frame{}, geo.OffsetError(fr.name, start, geo.ErrSyntax, "blob header length %d outside 1..%d", hlen, maxBlobHeaderSize)
	}
	fr.hdr = fr.hdr[:0]
	fr.hdr = append(fr.hdr, make([]byte, hlen)...)
	if n, err := io.ReadFull(fr.r, fr.hdr); err != nil {
		return frame{}, fr.readErr(start, 4+n, err)
	}
	kind, dsize, err := parseBlobHeader(fr.hdr)
	if err != nil {
		return frame{}, geo.OffsetError(fr.name, start, geo.ErrSyntax, "blob header: %v", err)
	}
	// Grow the buffer as data arrives rather than trusting datasize, so a
	// corrupt header on a short input costs no 32 MiB allocation.
	var buf bytes.Buffer
	if n, err := io.CopyN(&buf, fr.r, int64(dsize)); err != nil {
		return frame{}, fr.readErr(start, 4+int(hlen)+int(n), err)
	}
	blob := buf.Bytes()
	fr.off = start + 4 + int64(hlen) + int64(dsize)
	return frame{seq: seq, off: start, kind: kind, blob: blob}, nil
}

func (fr *frameReader) readErr(start int64, n int, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return geo.OffsetError(fr.name, start, geo.ErrSyntax, "%w: input ends %d bytes into a blob", ErrTruncated, n)
	}
	return geo.OffsetError(fr.name, start, geo.ErrSyntax, "reading blob: %v", err)
}

// parseBlobHeader returns the BlobHeader's type and datasize.
func parseBlobHeader(b []byte) (kind string, size int, err error) {
	size = -1
	for len(b) > 0 {
		f, err := nextField(&b)
		if err != nil {
			return "", 0, err
		}
		switch {
		case f.num == 1 && f.isBytes():
			kind = string(f.data)
		case f.num == 3 && f.isVarint():
			size = int(int32(f.val))
		}
	}
	if kind == "" || size < 0 || size > maxBlobSize {
		return "", 0, errors.New("missing type or datasize outside 0..32 MiB")
	}
	return kind, size, nil
}

// pbfResult is a decoded frame, or the error that stopped reading.
type pbfResult struct {
	seq int
	b   *batch
	err error
}

// readPBF decodes a PBF stream with workers goroutines and returns the
// batches in file order. On failure it returns the error of the earliest
// failing blob, which does not depend on scheduling.
func readPBF(ctx context.Context, r io.Reader, name string, workers int) ([]*batch, error) {
	jobs := make(chan frame, workers)
	results := make(chan pbfResult, workers)
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(workers + 1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		fr := &frameReader{r: r, name: name}
		for seq := 0; !stop.Load(); seq++ {
			if err := ctx.Err(); err != nil {
				results <- pbfResult{seq: seq, err: err}
				return
			}
			f, err := fr.next(seq)
			if err == io.EOF {
				return
			}
			if err != nil {
				results <- pbfResult{seq: seq, err: err}
				return
			}
			jobs <- f
		}
	}()
	for range workers {
		go func() {
			defer wg.Done()
			d := newBlockDecoder(name)
			for f := range jobs {
				res := pbfResult{seq: f.seq}
				if err := ctx.Err(); err != nil {
					res.err = err
				} else {
					res.b, res.err = d.decodeFrame(f)
				}
				if res.err != nil {
					stop.Store(true)
				}
				results <- res
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	return collect(results)
}

// collect gathers results by sequence number; the error of the lowest
// sequence number wins.
func collect(results <-chan pbfResult) ([]*batch, error) {
	var batches []*batch
	errSeq := -1
	var firstErr error
	for res := range results {
		if res.err != nil {
			if errSeq < 0 || res.seq < errSeq {
				errSeq, firstErr = res.seq, res.err
			}
			continue
		}
		for len(batches) <= res.seq {
			batches = append(batches, nil)
		}
		batches[res.seq] = res.b
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return batches, nil
}
