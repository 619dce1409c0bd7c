package inp

import (
	"fmt"
	"math"
	"sort"

	"twin/geo"
)

// Num parses field i of l, multiplies it by the unit factor k and fails
// with geo.ErrInvalid when the product overflows. what names the column.
func (p *Parser) Num(l *Line, i int, what string, k float64) float64 {
	return p.Finite(l.Num, p.Float(l, i, what)*k, what)
}

// NumOr is Num for an optional column that defaults to 0.
func (p *Parser) NumOr(l *Line, i int, what string, k float64) float64 {
	return p.Finite(l.Num, p.FloatOr(l, i, what, 0)*k, what)
}

// Finite returns v, or records a geo.ErrInvalid error at line and returns
// 0 when v is NaN or infinite (a unit conversion overflowed).
func (p *Parser) Finite(line int, v float64, what string) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		p.Failf(line, geo.ErrInvalid, "%s out of range after unit conversion", what)
		return 0
	}
	return v
}

// OneOf reports whether v is one of set.
func OneOf(v string, set ...string) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}

// Clip shortens s to 40 bytes for an error message.
func Clip(s string) string { return clip(s) }

// Tally counts warnings by kind, so that a decoder reports "12 links to
// missing nodes dropped (first: P7 → J9)" once instead of twelve times.
// The zero value is ready to use; not safe for concurrent use.
type Tally struct {
	kinds map[string]*tallyEntry
}

type tallyEntry struct {
	n       int
	line    int
	example string
}

// Add counts one occurrence of kind at line (0 when unknown); the first
// occurrence's line and example are kept.
func (t *Tally) Add(kind string, line int, example string) {
	if t.kinds == nil {
		t.kinds = map[string]*tallyEntry{}
	}
	e := t.kinds[kind]
	if e == nil {
		e = &tallyEntry{line: line, example: example}
		t.kinds[kind] = e
	}
	e.n++
}

// Warnings returns one warning per kind, ordered by line and message.
func (t *Tally) Warnings(file string) []geo.Warning {
	out := make([]geo.Warning, 0, len(t.kinds))
	for kind, e := range t.kinds {
		out = append(out, geo.Warning{File: file, Line: e.line, Offset: -1,
			Msg: fmt.Sprintf("%d %s (first: %s)", e.n, kind, e.example)})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Line < out[j].Line || out[i].Line == out[j].Line && out[i].Msg < out[j].Msg
	})
	return out
}
