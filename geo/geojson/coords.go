package geojson

import (
	"errors"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// coordParser reads a "coordinates" member by hand, once the geometry type
// (and so the nesting depth) is known: one pass, no reflection, positions
// straight into orb points. encoding/json has already checked that b is
// valid JSON, but the parser relies on nothing and never indexes past b.
type coordParser struct {
	b []byte
	i int
}

func (p *coordParser) skipSpace() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end.
func (p *coordParser) peek() byte {
	p.skipSpace()
	if p.i < len(p.b) {
		return p.b[p.i]
	}
	return 0
}

// list reads "[" elem ("," elem)* "]" or "[]", calling elem for each
// element. Anything but an array gives errBadPosition.
func (p *coordParser) list(elem func() error) error {
	if p.peek() != '[' {
		return errBadPosition
	}
	p.i++
	if p.peek() == ']' {
		p.i++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		switch p.peek() {
		case ',':
			p.i++
		case ']':
			p.i++
			return nil
		default:
			return errBadPosition
		}
	}
}

// number reads one JSON number. Overflow to ±Inf gives errNonFiniteCoord;
// underflow reads as 0.
func (p *coordParser) number() (float64, error) {
	p.skipSpace()
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		if (c < '0' || c > '9') && c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E' {
			break
		}
		p.i++
	}
	v, err := strconv.ParseFloat(string(p.b[start:p.i]), 64)
	switch {
	case err == nil:
		return v, nil
	case errors.Is(err, strconv.ErrRange) && math.IsInf(v, 0):
		return 0, errNonFiniteCoord
	case errors.Is(err, strconv.ErrRange):
		return v, nil
	}
	return 0, errBadPosition
}

// position reads [x, y] or [x, y, z, …] (numbers after z are ignored, as
// RFC 7946 §3.1.1 allows). dims is the count of numbers read.
func (p *coordParser) position() (pt orb.Point, z float64, dims int, err error) {
	z = math.NaN()
	err = p.list(func() error {
		v, err := p.number()
		switch dims {
		case 0, 1:
			pt[dims] = v
		case 2:
			z = v
		}
		dims++
		return err
	})
	if err == nil && dims < 2 {
		err = errBadPosition
	}
	return pt, z, dims, err
}

// points reads an array of positions.
func (p *coordParser) points() ([]orb.Point, error) {
	var pts []orb.Point
	err := p.list(func() error {
		pt, _, _, err := p.position()
		pts = append(pts, pt)
		return err
	})
	return pts, err
}

// lines reads an array of arrays of positions.
func (p *coordParser) lines() ([][]orb.Point, error) {
	var ls [][]orb.Point
	err := p.list(func() error {
		l, err := p.points()
		ls = append(ls, l)
		return err
	})
	return ls, err
}

// polygons reads the three-deep arrays of a MultiPolygon.
func (p *coordParser) polygons() ([][][]orb.Point, error) {
	var ps [][][]orb.Point
	err := p.list(func() error {
		l, err := p.lines()
		ps = append(ps, l)
		return err
	})
	return ps, err
}

// end checks that nothing but white space follows the coordinates.
func (p *coordParser) end() error {
	if p.peek() != 0 {
		return errBadPosition
	}
	return nil
}
