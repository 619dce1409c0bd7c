package cityjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"twin/geo"
)

// value decodes the next JSON value into v. Malformed JSON and read errors
// come back as a *geo.ParseError (see isFatal); content that does not fit v
// (wrong JSON types, bad boundaries or vertices) as another error, after
// the value has been consumed, so that decoding can go on.
func (d *decoder) value(v any) error {
	err := d.dec.Decode(v)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	var ce *contentError
	if errors.As(err, &te) || errors.As(err, &ce) {
		return err
	}
	return d.fatal(err)
}

// isFatal reports whether err stops decoding.
func isFatal(err error) bool {
	var pe *geo.ParseError
	return errors.As(err, &pe)
}

// fatal turns an error of the JSON decoder or the reader into a
// *geo.ParseError at its byte offset in the input; nil stays nil.
func (d *decoder) fatal(err error) error {
	if err == nil || isFatal(err) {
		return err
	}
	off := d.dec.InputOffset()
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return geo.OffsetError(d.name, off+d.buffered(), geo.ErrSyntax, "unexpected end of input")
	case errors.As(err, &se):
		return geo.OffsetError(d.name, d.syntaxOffset(se), geo.ErrSyntax, "%v", se)
	}
	return geo.OffsetError(d.name, off, err, "reading input")
}

// buffered returns how many bytes the JSON decoder has read ahead.
func (d *decoder) buffered() int64 {
	n, _ := io.Copy(io.Discard, d.dec.Buffered())
	return n
}

// syntaxOffset returns the absolute byte offset of se. Errors from
// json.Decoder.Token carry it already; errors from Decode count only the
// bytes seen by Decode calls, so the failed value (still at the head of the
// decoder's buffer) is scanned again on its own to place the error.
func (d *decoder) syntaxOffset(se *json.SyntaxError) int64 {
	start := d.dec.InputOffset()
	if se.Offset == start {
		return start
	}
	var raw json.RawMessage
	buf, _ := io.ReadAll(d.dec.Buffered())
	err := json.NewDecoder(bytes.NewReader(buf)).Decode(&raw)
	var again *json.SyntaxError
	if errors.As(err, &again) {
		return start + again.Offset
	}
	return start
}
