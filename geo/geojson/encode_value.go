package geojson

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"twin/geo"
)

// appendValue appends v as JSON. It handles the types feature properties
// hold (see geo.Attrs) without reflection, writes non-finite floats as null
// (JSON has no NaN), sorts map keys, and falls back to encoding/json for
// anything else.
func appendValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendString(b, v), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case float64:
		return appendFloat(b, v), nil
	case float32:
		return appendFloat(b, float64(v)), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case int32:
		return strconv.AppendInt(b, int64(v), 10), nil
	case uint64:
		return strconv.AppendUint(b, v, 10), nil
	case []any:
		return appendArray(b, v)
	case map[string]any:
		return appendObject(b, v)
	case geo.Attrs:
		return appendObject(b, v)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return b, fmt.Errorf("geojson: property value %T: %w", v, err)
	}
	return append(b, raw...), nil
}

func appendArray(b []byte, vs []any) ([]byte, error) {
	b = append(b, '[')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendValue(b, v); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

// appendObject writes m with its keys in sorted order, so that output is
// deterministic.
func appendObject(b []byte, m map[string]any) ([]byte, error) {
	return appendObjectKeys(b, m, nil)
}

// appendObjectKeys is appendObject with a scratch slice for the keys, which
// it grows as needed and hands back through scratch (nil: allocate).
func appendObjectKeys(b []byte, m map[string]any, scratch *[]string) ([]byte, error) {
	var keys []string
	if scratch != nil {
		keys = (*scratch)[:0]
		defer func() { *scratch = keys[:0] }()
	}
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		var err error
		if b, err = appendValue(b, m[k]); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// appendFloat writes f as encoding/json does (shortest representation that
// reads back exactly, exponent form outside [1e-6, 1e21)), and non-finite
// values as null.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' { // 1e-07 → 1e-7, as encoding/json writes it
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendFixed writes f with at most prec decimal places and no trailing
// zeros; prec < 0 gives the shortest exact form. f must be finite. The
// output is strconv's 'f' formatting (correctly rounded), trimmed.
func appendFixed(b []byte, f float64, prec int) []byte {
	if prec < 0 {
		return appendFloat(b, f)
	}
	if out, ok := appendFixedFast(b, f, prec); ok {
		return out
	}
	start := len(b)
	b = strconv.AppendFloat(b, f, 'f', prec, 64)
	if prec > 0 {
		n := len(b)
		for n > start && b[n-1] == '0' {
			n--
		}
		if b[n-1] == '.' {
			n--
		}
		b = b[:n]
	}
	if string(b[start:]) == "-0" {
		b = append(b[:start], '0')
	}
	return b
}

// pow10 holds 10⁰ … 10⁹, the precisions appendFixedFast handles.
var pow10 = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// fastFixedMax bounds |f|·10^prec for appendFixedFast: below 2⁴⁰ one
// float64 multiplication is off by at most 2⁻¹³ from the exact product.
const fastFixedMax = 1 << 40

// appendFixedFast is appendFixed by integer arithmetic, about five times
// faster than strconv's fixed-precision path, for the coordinates the
// encoder writes most (degrees to 7 places, metres to 3). It scales f by
// 10^prec in one float64 multiplication, whose error (≤ 2⁻¹³) cannot change
// the rounding unless the scaled value lies within 1/1024 of a rounding
// tie; those, and values too large or precisions above 9, are left to
// strconv (ok false), so the output is always the correctly rounded one.
func appendFixedFast(b []byte, f float64, prec int) ([]byte, bool) {
	if prec >= len(pow10) {
		return b, false
	}
	x := math.Abs(f) * float64(pow10[prec])
	if !(x < fastFixedMax) {
		return b, false
	}
	n := math.Floor(x)
	frac := x - n
	if math.Abs(frac-0.5) < 1.0/1024 {
		return b, false
	}
	m := uint64(n)
	if frac > 0.5 {
		m++
	}
	if m == 0 {
		return append(b, '0'), true
	}
	if f < 0 {
		b = append(b, '-')
	}
	p := pow10[prec]
	b = strconv.AppendUint(b, m/p, 10)
	frac10 := m % p
	if frac10 == 0 {
		return b, true
	}
	// Write the decimals zero-padded to prec digits, then drop trailing zeros.
	var digits [9]byte
	for i := prec - 1; i >= 0; i-- {
		digits[i] = byte('0' + frac10%10)
		frac10 /= 10
	}
	end := prec
	for digits[end-1] == '0' {
		end--
	}
	b = append(b, '.')
	return append(b, digits[:end]...), true
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string: quotes, backslashes and control
// characters escaped, invalid UTF-8 replaced by U+FFFD (as encoding/json
// does), everything else verbatim.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
