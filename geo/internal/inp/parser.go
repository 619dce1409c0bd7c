package inp

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"twin/geo"
)

// Parser turns fields into numbers with positioned errors. The first
// failure sticks in Err and later calls return zero values, so a decoder can
// read a whole line and check Err once. Not safe for concurrent use.
type Parser struct {
	// File is the name used in error messages.
	File string
	// Err is the first error, a *geo.ParseError, or nil.
	Err error
}

// Failf records a ParseError at line wrapping kind, unless one is recorded.
func (p *Parser) Failf(line int, kind error, format string, args ...any) {
	if p.Err == nil {
		p.Err = geo.LineError(p.File, line, kind, format, args...)
	}
}

// Need reports whether l has at least n fields, failing with geo.ErrSyntax
// when it has not. what names the record for the message ("conduit").
func (p *Parser) Need(l *Line, n int, what string) bool {
	if len(l.Fields) >= n {
		return true
	}
	p.Failf(l.Num, geo.ErrSyntax, "%s needs at least %d columns, got %d", what, n, len(l.Fields))
	return false
}

// Str returns field i of l, or "" when the line is shorter.
func Str(l *Line, i int) string {
	if i < len(l.Fields) {
		return l.Fields[i]
	}
	return ""
}

// Float parses field i of l as a finite decimal number. A missing field, a
// malformed number (geo.ErrSyntax) or a NaN/Inf/out-of-range value
// (geo.ErrInvalid) records an error and returns 0. what names the column.
func (p *Parser) Float(l *Line, i int, what string) float64 {
	if p.Err != nil {
		return 0
	}
	if i >= len(l.Fields) {
		p.Failf(l.Num, geo.ErrSyntax, "missing %s (column %d)", what, i+1)
		return 0
	}
	v, err := ParseFloat(l.Fields[i])
	if err != nil {
		p.Failf(l.Num, kindOf(err), "%s %q: %v", what, clip(l.Fields[i]), err)
		return 0
	}
	return v
}

// FloatOr is Float for an optional column: def when field i is absent.
func (p *Parser) FloatOr(l *Line, i int, what string, def float64) float64 {
	if i >= len(l.Fields) {
		return def
	}
	return p.Float(l, i, what)
}

// Int parses field i of l as a whole number (written as an integer or as a
// float with no fraction, e.g. "1.0"), failing like Float otherwise.
func (p *Parser) Int(l *Line, i int, what string) int {
	v := p.Float(l, i, what)
	if p.Err != nil {
		return 0
	}
	if v != math.Trunc(v) || math.Abs(v) > 1<<31 {
		p.Failf(l.Num, geo.ErrInvalid, "%s %q is not a whole number", what, clip(l.Fields[i]))
		return 0
	}
	return int(v)
}

// IntOr is Int for an optional column: def when field i is absent.
func (p *Parser) IntOr(l *Line, i int, what string, def int) int {
	if i >= len(l.Fields) {
		return def
	}
	return p.Int(l, i, what)
}

var (
	errNumber    = errors.New("not a decimal number")
	errNotFinite = errors.New("not a finite number")
)

func kindOf(err error) error {
	if errors.Is(err, errNotFinite) {
		return geo.ErrInvalid
	}
	return geo.ErrSyntax
}

// ParseFloat parses a decimal number such as "12", "-.5", "104." or
// "1.5E-3". It rejects NaN, Inf, hexadecimal forms, digit separators and
// values beyond the float64 range, which strconv.ParseFloat would accept or
// turn into ±Inf.
func ParseFloat(s string) (float64, error) {
	if s == "" || strings.IndexFunc(s, notDecimal) >= 0 {
		return 0, errNumber
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) && math.IsInf(v, 0) {
			return 0, errNotFinite
		}
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
			return v, nil // underflow to zero or a subnormal: harmless
		}
		return 0, errNumber
	}
	return v, nil
}

func notDecimal(r rune) bool {
	return !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+' || r == 'e' || r == 'E')
}

// Clock parses a duration or clock time written as decimal hours ("1.5"),
// "H:MM" or "H:MM:SS" (hours may exceed 24) and returns seconds. ok is false
// for anything else, for negative values and for minutes or seconds ≥ 60.
func Clock(s string) (seconds float64, ok bool) {
	parts := strings.Split(s, ":")
	if len(parts) > 3 || s == "" {
		return 0, false
	}
	var sec float64
	scale := 3600.0
	for i, part := range parts {
		v, err := ParseFloat(part)
		if err != nil || v < 0 || (i > 0 && v >= 60) || strings.ContainsAny(part, "eE+-") {
			return 0, false
		}
		if i < len(parts)-1 && v != math.Trunc(v) {
			return 0, false
		}
		sec += v * scale
		scale /= 60
	}
	return sec, true
}
