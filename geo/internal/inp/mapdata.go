package inp

import "github.com/paulmach/orb"

// NamedPoint is the underlying type of the format packages' Point: a named
// map location in the file's map units ([COORDINATES], [SYMBOLS]).
type NamedPoint = struct {
	Name string
	Pt   orb.Point
}

// NamedPath is the underlying type of the format packages' Path: a named
// sequence of map points ([VERTICES], [POLYGONS]).
type NamedPath = struct {
	Name   string
	Points []orb.Point
}

// ReadPoint reads a "Name X Y" line into a P, failing like Need and Float.
// ok is false when it failed or an error is already recorded. what names
// the record for the message ("coordinate").
func ReadPoint[P ~NamedPoint](d *Decoder, l *Line, what string) (p P, ok bool) {
	if !d.Need(l, 3, what) {
		return P{}, false
	}
	p = P{Name: l.Fields[0], Pt: orb.Point{d.Float(l, 1, "x"), d.Float(l, 2, "y")}}
	return p, d.Err == nil
}

// AddToPath reads a "Name X Y" line as ReadPoint does and appends its
// point to the path of that name in *paths, found through idx (see Entry).
// A new path's line is appended to *lines, so that (*lines)[i] is the
// first line of (*paths)[i].
func AddToPath[P ~NamedPath](d *Decoder, l *Line, what string, paths *[]P, idx map[string]int, lines *[]int) {
	pt, ok := ReadPoint[NamedPoint](d, l, what)
	if !ok {
		return
	}
	i, added := Entry(idx, paths, pt.Name, P{Name: pt.Name})
	if added {
		*lines = append(*lines, l.Num)
	}
	path := NamedPath((*paths)[i])
	path.Points = append(path.Points, pt.Pt)
	(*paths)[i] = P(path)
}
