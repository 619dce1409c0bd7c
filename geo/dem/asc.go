package dem

import (
	"bufio"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"

	"twin/geo"
)

// ascPrealloc caps the values allocated up front from an ASCII header (64 MiB
// of float32); larger grids grow as values arrive, so a lying header cannot
// make the decoder allocate more than the input justifies.
const ascPrealloc = 1 << 24

// ascHeader is the parsed header of an ESRI ASCII grid.
type ascHeader struct {
	cols, rows       int64
	x, y             float64
	xCenter, yCenter bool
	hasX, hasY       bool
	dx, dy           float64
	nodata           float64
	hasNoData        bool
}

// DecodeASC reads an ESRI ASCII grid (Arc/Info ASCII, .asc): header lines
// "key value" with case-insensitive keys ncols, nrows, xllcorner or
// xllcenter, yllcorner or yllcenter, cellsize (or dx and dy) and the optional
// nodata_value, then Rows×Cols numbers in any whitespace layout, row 0 north.
// Cells equal to nodata_value, and "nan" tokens, become NaN. The grid's CRS
// is opt.CRS (ASCII grids keep theirs in a .prj sidecar; see [ParsePRJ]).
//
// Errors are *geo.ParseError values with the line: a missing or unknown
// header key, a bad or non-finite number, a non-positive size, a size above
// opt.MaxCells (ErrTooLarge, checked before allocating), too few or too many
// values. Time O(n) for n cells. Safe for concurrent use.
func DecodeASC(r io.Reader, name string, opt Options) (*geo.Dataset, error) {
	sc := newASCScanner(r)
	h, err := readASCHeader(sc, name)
	if err != nil {
		return nil, err
	}
	if err := checkCells(name, sc.line, 0, h.cols, h.rows, opt); err != nil {
		return nil, err
	}
	data, err := readASCValues(sc, name, h)
	if err != nil {
		return nil, err
	}
	g := &geo.Grid{Cols: int(h.cols), Rows: int(h.rows), DX: h.dx, DY: h.dy, Data: data}
	g.X0 = h.x
	if h.xCenter {
		g.X0 -= h.dx / 2
	}
	g.Y0 = h.y + float64(h.rows)*h.dy
	if h.yCenter {
		g.Y0 -= h.dy / 2
	}
	return dataset(name, g, opt), nil
}

// readASCHeader reads "key value" pairs until the first token that is not a
// header key, which it leaves for the values.
func readASCHeader(sc *ascScanner, name string) (*ascHeader, error) {
	h := &ascHeader{}
	var hasCell, hasDX, hasDY bool
	for sc.peek() {
		key := strings.ToLower(string(sc.tok))
		if !isASCKey(key) {
			if c := sc.tok[0]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
				if _, err := strconv.ParseFloat(string(sc.tok), 64); err != nil {
					return nil, geo.LineError(name, sc.line, geo.ErrSyntax, "unknown header key %q", sc.tok)
				}
			}
			break
		}
		sc.take()
		line := sc.line
		if !sc.next() {
			return nil, geo.LineError(name, line, geo.ErrSyntax, "header key %s has no value", key)
		}
		if err := h.set(key, string(sc.tok), &hasCell, &hasDX, &hasDY); err != nil {
			return nil, geo.LineError(name, sc.line, errKind(err), "%s: %v", key, err)
		}
	}
	if err := sc.err(); err != nil {
		return nil, geo.LineError(name, sc.nl+1, geo.ErrSyntax, "%v", err)
	}
	line := sc.line
	switch {
	case h.cols == 0 && h.rows == 0 && !h.hasX:
		return nil, geo.LineError(name, max(line, 1), geo.ErrSyntax, "not an ESRI ASCII grid: no header")
	case h.cols == 0:
		return nil, geo.LineError(name, line, geo.ErrSyntax, "missing ncols")
	case h.rows == 0:
		return nil, geo.LineError(name, line, geo.ErrSyntax, "missing nrows")
	case !h.hasX:
		return nil, geo.LineError(name, line, geo.ErrSyntax, "missing xllcorner or xllcenter")
	case !h.hasY:
		return nil, geo.LineError(name, line, geo.ErrSyntax, "missing yllcorner or yllcenter")
	case !hasCell && !(hasDX && hasDY):
		return nil, geo.LineError(name, line, geo.ErrSyntax, "missing cellsize (or dx and dy)")
	}
	return h, nil
}

func isASCKey(k string) bool {
	switch k {
	case "ncols", "nrows", "xllcorner", "xllcenter", "yllcorner", "yllcenter",
		"cellsize", "dx", "dy", "nodata_value":
		return true
	}
	return false
}

var (
	errBadNumber = errors.New("bad number")
	errNotFinite = errors.New("not a finite number")
	errNotPos    = errors.New("must be positive")
)

// errKind maps a header value error to its geo sentinel.
func errKind(err error) error {
	if errors.Is(err, errBadNumber) {
		return geo.ErrSyntax
	}
	return geo.ErrInvalid
}

// set stores one header value.
func (h *ascHeader) set(key, val string, hasCell, hasDX, hasDY *bool) error {
	if key == "ncols" || key == "nrows" {
		n, err := strconv.ParseInt(val, 10, 64)
		if err != nil {
			return errBadNumber
		}
		if n <= 0 {
			return errNotPos
		}
		if key == "ncols" {
			h.cols = n
		} else {
			h.rows = n
		}
		return nil
	}
	f, err := strconv.ParseFloat(val, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return errBadNumber
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return errNotFinite
	}
	switch key {
	case "xllcorner", "xllcenter":
		h.x, h.xCenter, h.hasX = f, key == "xllcenter", true
	case "yllcorner", "yllcenter":
		h.y, h.yCenter, h.hasY = f, key == "yllcenter", true
	case "nodata_value":
		h.nodata, h.hasNoData = f, true
	default: // cellsize, dx, dy
		if f <= 0 {
			return errNotPos
		}
		switch key {
		case "cellsize":
			h.dx, h.dy, *hasCell = f, f, true
		case "dx":
			h.dx, *hasDX = f, true
		case "dy":
			h.dy, *hasDY = f, true
		}
	}
	return nil
}

// readASCValues reads exactly h.cols×h.rows numbers.
func readASCValues(sc *ascScanner, name string, h *ascHeader) ([]float32, error) {
	n := h.cols * h.rows
	data := make([]float32, 0, min(n, ascPrealloc))
	for sc.next() {
		if int64(len(data)) == n {
			return nil, geo.LineError(name, sc.line, geo.ErrInvalid, "too many values: more than %d (%d×%d)", n, h.cols, h.rows)
		}
		v, err := parseASCValue(sc.tok)
		if err != nil {
			return nil, geo.LineError(name, sc.line, errKind(err), "value %d %q: %v", len(data)+1, sc.tok, err)
		}
		if h.hasNoData && v == h.nodata {
			v = math.NaN()
		} else if math.Abs(v) > math.MaxFloat32 {
			return nil, geo.LineError(name, sc.line, geo.ErrInvalid, "value %d %q: outside the float32 range the grid stores", len(data)+1, sc.tok)
		}
		data = append(data, float32(v))
	}
	if err := sc.err(); err != nil {
		return nil, geo.LineError(name, sc.nl+1, geo.ErrSyntax, "%v", err)
	}
	if int64(len(data)) < n {
		return nil, geo.LineError(name, sc.line, geo.ErrInvalid, "too few values: %d of %d (%d×%d)", len(data), n, h.cols, h.rows)
	}
	return data, nil
}

// parseASCValue parses one cell value, with a fast path for short integers.
func parseASCValue(tok []byte) (float64, error) {
	if len(tok) > 0 && len(tok) < 10 {
		neg := tok[0] == '-'
		i := 0
		if neg || tok[0] == '+' {
			i = 1
		}
		if i < len(tok) {
			var v int64
			for ; i < len(tok); i++ {
				c := tok[i]
				if c < '0' || c > '9' {
					break
				}
				v = v*10 + int64(c-'0')
			}
			if i == len(tok) {
				if neg {
					v = -v
				}
				return float64(v), nil
			}
		}
	}
	f, err := strconv.ParseFloat(string(tok), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, errBadNumber
	}
	if math.IsInf(f, 0) {
		return 0, errNotFinite
	}
	return f, nil
}

// ascScanner splits the input into whitespace-separated tokens and tracks
// the 1-based line of the current token.
type ascScanner struct {
	s      *bufio.Scanner
	tok    []byte
	line   int
	nl     int // newlines consumed so far
	peeked bool
	ok     bool
}

func newASCScanner(r io.Reader) *ascScanner {
	sc := &ascScanner{s: bufio.NewScanner(r), line: 1}
	sc.s.Buffer(make([]byte, 64<<10), 1<<20)
	sc.s.Split(sc.split)
	return sc
}

// split is a bufio.SplitFunc yielding words. It counts each newline once:
// whitespace is committed to sc.nl only together with the advance that
// consumes it.
func (sc *ascScanner) split(data []byte, atEOF bool) (int, []byte, error) {
	i, nl := 0, 0
	for i < len(data) && isSpace(data[i]) {
		if data[i] == '\n' {
			nl++
		}
		i++
	}
	for j := i; j < len(data); j++ {
		if isSpace(data[j]) {
			sc.nl += nl
			return j, data[i:j], nil
		}
	}
	sc.nl += nl
	if atEOF && i < len(data) {
		return len(data), data[i:], nil
	}
	return i, nil, nil
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
}

// next advances to the next token; false at the end or on error.
func (sc *ascScanner) next() bool {
	if sc.peeked {
		sc.peeked = false
		return sc.ok
	}
	sc.ok = sc.s.Scan()
	if sc.ok {
		sc.line = sc.nl + 1
		sc.tok = sc.s.Bytes()
	} else {
		sc.tok = nil
	}
	return sc.ok
}

// peek reads the next token without consuming it; take consumes it.
func (sc *ascScanner) peek() bool {
	if !sc.peeked {
		sc.next()
		sc.peeked = true
	}
	return sc.ok
}

func (sc *ascScanner) take() { sc.peeked = false }

func (sc *ascScanner) err() error {
	err := sc.s.Err()
	if errors.Is(err, bufio.ErrTooLong) {
		return errors.New("token longer than 1 MiB")
	}
	return err
}
