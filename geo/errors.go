package geo

import (
	"errors"
	"fmt"
)

// Sentinel errors shared by the decoders; test with errors.Is.
var (
	// ErrSyntax marks malformed input: a truncated file, a bad number, an
	// unexpected token.
	ErrSyntax = errors.New("geo: syntax error")
	// ErrInvalid marks well-formed input with impossible content: NaN or
	// infinite coordinates, unclosed rings, references to missing objects.
	ErrInvalid = errors.New("geo: invalid data")
	// ErrUnsupported marks a valid input this version cannot read: an
	// unknown CRS, unit, compression or format version.
	ErrUnsupported = errors.New("geo: unsupported")
)

// ParseError is a decoding error with its position in the input. Line is
// 1-based (0 when the format has no lines); Offset is a byte offset (-1 when
// unknown). File is the name the caller passed to the decoder.
type ParseError struct {
	File   string
	Line   int
	Offset int64
	Err    error
}

// Error formats the error as "file:line: msg" or "file: offset N: msg".
func (e *ParseError) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	case e.Offset >= 0:
		return fmt.Sprintf("%s: offset %d: %v", e.File, e.Offset, e.Err)
	default:
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
}

// Unwrap returns the underlying error, so errors.Is(err, ErrSyntax) works.
func (e *ParseError) Unwrap() error { return e.Err }

// LineError returns a ParseError at a line, wrapping kind (one of the
// sentinels) with a formatted message.
func LineError(file string, line int, kind error, format string, args ...any) *ParseError {
	return &ParseError{File: file, Line: line, Offset: -1, Err: fmt.Errorf("%w: "+format, append([]any{kind}, args...)...)}
}

// OffsetError returns a ParseError at a byte offset, wrapping kind with a
// formatted message.
func OffsetError(file string, off int64, kind error, format string, args ...any) *ParseError {
	return &ParseError{File: file, Offset: off, Err: fmt.Errorf("%w: "+format, append([]any{kind}, args...)...)}
}

// Warning reports a feature that was skipped or repaired while decoding. The
// decoder went on; the position is as in ParseError.
type Warning struct {
	File   string
	Line   int
	Offset int64
	Msg    string
}

// String formats the warning like a ParseError.
func (w Warning) String() string {
	return (&ParseError{File: w.File, Line: w.Line, Offset: w.Offset, Err: errors.New(w.Msg)}).Error()
}
