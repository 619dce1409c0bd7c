package geojson

import (
	"fmt"
	"io"
	"math"

	"github.com/paulmach/orb"

	"twin/geo"
)

// flushSize is how much output a Writer gathers before writing it out.
const flushSize = 64 << 10

// Encode writes fs to w as one FeatureCollection. It streams: memory stays
// bounded by the largest feature, whatever len(fs). See EncodeOptions for
// projection, precision, bbox, CRS and foreign members.
//
// Errors: invalid opt (ErrOptions), a feature with a non-finite coordinate
// after projection (ErrNonFinite, naming the feature), a property value
// encoding/json cannot encode, or w's error. On error the output is
// incomplete. O(total vertices + properties). Safe for concurrent use with
// distinct writers; the features are only read.
func Encode(w io.Writer, fs []geo.Feature, opt EncodeOptions) error {
	enc, err := NewWriter(w, opt)
	if err != nil {
		return err
	}
	return writeAll(enc, fs)
}

// EncodeNDJSON writes fs to w as newline-delimited GeoJSON: one Feature
// object per line, no collection (Name, CRS and Foreign are ignored; BBox
// adds a bbox to each feature). Errors and cost as for Encode.
func EncodeNDJSON(w io.Writer, fs []geo.Feature, opt EncodeOptions) error {
	enc, err := NewNDJSONWriter(w, opt)
	if err != nil {
		return err
	}
	return writeAll(enc, fs)
}

func writeAll(enc *Writer, fs []geo.Feature) error {
	for _, f := range fs {
		if err := enc.Write(f); err != nil {
			return err
		}
	}
	return enc.Close()
}

// EncodeFeature writes f to w as a single GeoJSON Feature object followed by
// a newline, as an OGC API Features item. opt.Foreign members go into the
// Feature object (links, for example); Name and CRS are ignored. Errors as
// for Encode.
func EncodeFeature(w io.Writer, f geo.Feature, opt EncodeOptions) error {
	if err := opt.Validate(); err != nil {
		return err
	}
	enc := &Writer{w: w, opt: opt, cw: coordWriter{project: opt.Project, prec: opt.precision()}}
	b, err := enc.appendFeature(nil, f, true)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Writer streams features one at a time, for callers that produce them one
// at a time (an index query callback). Output is buffered; Close finishes
// the collection and writes out what is buffered. A Writer is not safe for
// concurrent use.
type Writer struct {
	w        io.Writer
	opt      EncodeOptions
	ndjson   bool
	buf      []byte
	cw       coordWriter
	n        int // features written
	bound    orb.Bound
	hasBound bool
	closed   bool
	err      error    // sticky error of w
	keys     []string // scratch for sorting property names
}

// NewWriter returns a Writer that writes a FeatureCollection to w. The
// collection's opening (type, name, crs and foreign members) is formatted
// at once, so a foreign member that cannot be encoded is reported here.
// Errors: ErrOptions, or a foreign member's encoding error.
func NewWriter(w io.Writer, opt EncodeOptions) (*Writer, error) {
	enc := &Writer{}
	if err := enc.Reset(w, opt); err != nil {
		return nil, err
	}
	return enc, nil
}

// Reset makes enc a Writer of a new FeatureCollection to w, as NewWriter
// does, keeping the buffer it has grown: a server can keep Writers in a
// sync.Pool instead of allocating an 80 KB buffer per response. Anything
// not yet written out is dropped. Errors as for NewWriter; enc is then
// unusable until Reset succeeds.
func (enc *Writer) Reset(w io.Writer, opt EncodeOptions) error {
	buf, keys := enc.buf[:0], enc.keys[:0]
	*enc = Writer{w: w, opt: opt, keys: keys, cw: coordWriter{project: opt.Project, prec: opt.precision()},
		closed: true, err: ErrOptions}
	if err := opt.Validate(); err != nil {
		enc.err = err
		return err
	}
	if cap(buf) == 0 {
		buf = make([]byte, 0, flushSize+flushSize/4)
	}
	b := append(buf, `{"type":"FeatureCollection"`...)
	if opt.Name != "" {
		b = append(b, `,"name":`...)
		b = appendString(b, opt.Name)
	}
	if crs := opt.crsMember(); crs != "" {
		b = append(b, `,"crs":{"type":"name","properties":{"name":`...)
		b = appendString(b, crsURN(crs))
		b = append(b, "}}"...)
	}
	b, err := appendForeign(b, opt)
	if err != nil {
		enc.buf, enc.err = b[:0], err
		return err
	}
	enc.buf = append(b, `,"features":[`...)
	enc.closed, enc.err = false, nil
	return nil
}

// NewNDJSONWriter returns a Writer that writes one Feature per line.
// Errors: ErrOptions.
func NewNDJSONWriter(w io.Writer, opt EncodeOptions) (*Writer, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	return &Writer{w: w, opt: opt, ndjson: true, buf: make([]byte, 0, flushSize+flushSize/4),
		cw: coordWriter{project: opt.Project, prec: opt.precision()}}, nil
}

// appendForeign writes opt.Foreign as members, in key order.
func appendForeign(b []byte, opt EncodeOptions) ([]byte, error) {
	for _, k := range opt.foreignKeys() {
		b = append(b, ',')
		b = appendString(b, k)
		b = append(b, ':')
		var err error
		if b, err = appendValue(b, opt.Foreign[k]); err != nil {
			return b, fmt.Errorf("foreign member %q: %w", k, err)
		}
	}
	return b, nil
}

// Write formats f and queues it for output. A feature that fails
// (ErrNonFinite, a property that cannot be encoded) leaves nothing behind
// and the Writer stays usable; an error of the underlying writer is sticky.
// Returns ErrClosed after Close.
func (w *Writer) Write(f geo.Feature) error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return ErrClosed
	}
	mark := len(w.buf)
	if !w.ndjson {
		if w.n > 0 {
			w.buf = append(w.buf, ',')
		}
		w.buf = append(w.buf, '\n')
	}
	b, err := w.appendCached(w.buf, f)
	if err != nil {
		w.buf = w.buf[:mark]
		return err
	}
	if w.ndjson {
		b = append(b, '\n')
	}
	w.buf = b
	w.n++
	if !w.cw.empty {
		if w.hasBound {
			w.bound = w.bound.Union(w.cw.bound)
		} else {
			w.bound, w.hasBound = w.cw.bound, true
		}
	}
	if len(w.buf) >= flushSize {
		w.flush()
	}
	return w.err
}

// Close ends the collection (with its bbox when EncodeOptions.BBox is set
// and a feature had coordinates) and writes out the buffer. It does not
// close the underlying writer. Closing twice is a no-op.
func (w *Writer) Close() error {
	if w.closed || w.err != nil {
		return w.err
	}
	w.closed = true
	if !w.ndjson {
		w.buf = append(w.buf, "\n]"...)
		if w.opt.BBox && w.hasBound {
			w.buf = append(w.buf, `,"bbox":`...)
			w.buf = w.cw.appendBBox(w.buf, w.bound)
		}
		w.buf = append(w.buf, "}\n"...)
	}
	w.flush()
	return w.err
}

// Count returns the number of features written so far.
func (w *Writer) Count() int { return w.n }

func (w *Writer) flush() {
	if w.err == nil && len(w.buf) > 0 {
		_, w.err = w.w.Write(w.buf)
	}
	w.buf = w.buf[:0]
}

// appendCached formats f through opt.Cache: a cached encoding is copied,
// a new one is formatted and kept.
func (w *Writer) appendCached(b []byte, f geo.Feature) ([]byte, error) {
	c := w.opt.Cache
	if c == nil || w.opt.BBox {
		return w.appendFeature(b, f, false)
	}
	if enc, ok := c.get(f); ok {
		w.cw.empty = true // no bound to add (BBox is off)
		return append(b, enc...), nil
	}
	start := len(b)
	b, err := w.appendFeature(b, f, false)
	if err == nil {
		c.put(f, b[start:])
	}
	return b, err
}

// appendFeature formats one Feature object; foreign adds opt.Foreign
// members to it (EncodeFeature).
func (w *Writer) appendFeature(b []byte, f geo.Feature, foreign bool) ([]byte, error) {
	c := &w.cw
	c.reset()
	id := f.FeatureID()
	b = append(b, `{"type":"Feature","id":`...)
	b = appendString(b, id)
	b = append(b, `,"geometry":`...)
	z := math.NaN()
	if g, ok := f.(*geo.Generic); ok {
		z = g.Z
	}
	b = c.geometry(b, f.Geometry(), z)
	if c.bad {
		return b, fmt.Errorf("%w in feature %q", ErrNonFinite, id)
	}
	if w.opt.BBox && !c.empty {
		b = append(b, `,"bbox":`...)
		b = c.appendBBox(b, c.bound)
	}
	b = append(b, `,"properties":`...)
	b, err := appendObjectKeys(b, f.Properties(), &w.keys)
	if err != nil {
		return b, fmt.Errorf("feature %q: %w", id, err)
	}
	if foreign {
		if b, err = appendForeign(b, w.opt); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}
