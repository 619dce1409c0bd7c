package sumo

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"

	"twin/geo"
)

// reader walks an XML document element by element, keeping the names of
// the open elements and the line each token starts on.
type reader struct {
	dec   *xml.Decoder
	name  string
	line  int
	stack []string
}

func newReader(r io.Reader, name string) *reader {
	d := xml.NewDecoder(r)
	d.Strict = true
	return &reader{dec: d, name: name}
}

// next returns the next start element, with its parent's name ("" for the
// root), or io.EOF after the root element closes. End elements pop the
// stack on the way.
func (x *reader) next() (xml.StartElement, string, error) {
	for {
		x.line, _ = x.dec.InputPos()
		tok, err := x.dec.Token()
		if err != nil {
			return xml.StartElement{}, "", x.syntax(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			parent := ""
			if n := len(x.stack); n > 0 {
				parent = x.stack[n-1]
			}
			x.stack = append(x.stack, t.Name.Local)
			return t, parent, nil
		case xml.EndElement:
			x.stack = x.stack[:len(x.stack)-1]
			if len(x.stack) == 0 {
				return xml.StartElement{}, "", io.EOF
			}
		}
	}
}

// syntax turns a decoder error into a positioned one.
func (x *reader) syntax(err error) error {
	var se *xml.SyntaxError
	switch {
	case errors.Is(err, io.EOF) && len(x.stack) == 0:
		return geo.LineError(x.name, x.line, geo.ErrSyntax, "%w: no root element", ErrTruncated)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return geo.LineError(x.name, x.line, geo.ErrSyntax, "%w: document ends inside <%s>", ErrTruncated, x.stack[len(x.stack)-1])
	case errors.As(err, &se) && se.Msg == "unexpected EOF":
		return geo.LineError(x.name, se.Line, geo.ErrSyntax, "%w: document ends inside an element", ErrTruncated)
	case errors.As(err, &se):
		return geo.LineError(x.name, se.Line, geo.ErrSyntax, "%s", se.Msg)
	}
	return geo.LineError(x.name, x.line, geo.ErrSyntax, "%v", err)
}

// root reads the root element and checks its name against want.
func (x *reader) root(want ...string) (xml.StartElement, error) {
	t, _, err := x.next()
	if err == io.EOF {
		return t, geo.LineError(x.name, x.line, geo.ErrSyntax, "%w: empty document", ErrTruncated)
	}
	if err != nil {
		return t, err
	}
	for _, w := range want {
		if t.Name.Local == w {
			return t, nil
		}
	}
	return t, geo.LineError(x.name, x.line, geo.ErrUnsupported, "%w: root element <%s>, want <%s>", ErrFormat, t.Name.Local, strings.Join(want, "> or <"))
}

// attrErr is a positioned ErrAttr.
func (x *reader) attrErr(elem, attr, format string, args ...any) error {
	return geo.LineError(x.name, x.line, geo.ErrInvalid, "%w: <%s %s>: "+format, append([]any{ErrAttr, elem, attr}, args...)...)
}

// attrs reads the attributes of one element, recording the first error.
type attrs struct {
	x    *reader
	elem string
	err  error
}

func (x *reader) attrs(elem string) *attrs { return &attrs{x: x, elem: elem} }

func (a *attrs) fail(attr, format string, args ...any) {
	if a.err == nil {
		a.err = a.x.attrErr(a.elem, attr, format, args...)
	}
}

// float parses a finite number.
func (a *attrs) float(attr, v string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		a.fail(attr, "%q is not a finite number", v)
		return 0
	}
	return f
}

// nonNeg parses a finite number ≥ 0.
func (a *attrs) nonNeg(attr, v string) float64 {
	f := a.float(attr, v)
	if f < 0 {
		a.fail(attr, "%v is negative", f)
		return 0
	}
	return f
}

// int parses an integer.
func (a *attrs) int(attr, v string) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		a.fail(attr, "%q is not an integer", v)
	}
	return n
}

// time parses a SUMO time: seconds, or "[[d:]h:]m:s".
func (a *attrs) time(attr, v string) float64 {
	t, ok := parseTime(v)
	if !ok {
		a.fail(attr, "%q is not a time", v)
	}
	return t
}

// bool parses SUMO's booleans (true/false, 1/0, x/-, on/off, yes/no).
func (a *attrs) bool(attr, v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "1", "x", "on", "yes":
		return true
	case "false", "0", "-", "off", "no":
		return false
	}
	a.fail(attr, "%q is not a boolean", v)
	return false
}

// parseTime reads seconds or a colon-separated time.
func parseTime(v string) (float64, bool) {
	v = strings.TrimSpace(v)
	parts := strings.Split(v, ":")
	if len(parts) > 4 {
		return 0, false
	}
	scale := []float64{1, 60, 3600, 86400}
	t := 0.0
	for i := range parts {
		f, err := strconv.ParseFloat(parts[len(parts)-1-i], 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || (len(parts) > 1 && f < 0) {
			return 0, false
		}
		t += f * scale[i]
	}
	return t, true
}

// parseShape reads "x,y x,y …" (a third coordinate, when present, is
// dropped).
func (a *attrs) shape(attr, v string) []Point {
	f := strings.Fields(v)
	pts := make([]Point, 0, len(f))
	for _, s := range f {
		c := strings.Split(s, ",")
		if len(c) < 2 || len(c) > 3 {
			a.fail(attr, "%q is not x,y", s)
			return nil
		}
		pts = append(pts, Point{a.float(attr, c[0]), a.float(attr, c[1])})
	}
	return pts
}

// floats reads n comma-separated numbers.
func (a *attrs) floats(attr, v string, n int) []float64 {
	c := strings.Split(v, ",")
	if len(c) != n {
		a.fail(attr, "%q does not hold %d numbers", v, n)
		return make([]float64, n)
	}
	out := make([]float64, n)
	for i := range c {
		out[i] = a.float(attr, c[i])
	}
	return out
}
