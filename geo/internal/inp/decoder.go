package inp

import (
	"strings"

	"twin/geo"
)

// Sentinels are the format package's errors that a Decoder wraps, each
// together with a geo sentinel, so that callers of geo/swmm and
// geo/epanet test for that package's own values with errors.Is.
type Sentinels struct {
	// Duplicate is wrapped (with geo.ErrInvalid) by Define.
	Duplicate error
	// Keyword is wrapped (with geo.ErrSyntax) by Keyword.
	Keyword error
	// MissingRef is wrapped (with geo.ErrInvalid) by DropLinks and
	// DropRows under Strict.
	MissingRef error
}

// Decoder is the state the SWMM and EPANET decoders share for one decode:
// the Parser, the node and link name spaces, the line of every row of the
// one-row-per-line sections, the links dropped for a missing end node and
// the warning tally. A format package embeds it in its own decoder. Not
// safe for concurrent use.
type Decoder struct {
	Parser
	// Strict makes references to missing objects errors wrapping
	// Errs.MissingRef instead of counted warnings (see DropLinks).
	Strict bool
	// Errs are the format package's sentinels.
	Errs Sentinels

	// Nodes and Links map each defined name to its defining line.
	Nodes, Links map[string]int
	// RowLines holds, per one-row-per-line section read by ParseRows,
	// each row's line number.
	RowLines map[string][]int
	// Dropped holds the links DropLinks removed.
	Dropped map[string]bool
	// Tally counts the warnings.
	Tally Tally
}

// NewDecoder returns a Decoder for the file named file, with empty name
// spaces.
func NewDecoder(file string, strict bool, errs Sentinels) Decoder {
	return Decoder{Parser: Parser{File: file}, Strict: strict, Errs: errs,
		Nodes: map[string]int{}, Links: map[string]int{},
		RowLines: map[string][]int{}, Dropped: map[string]bool{}}
}

// Run processes f: section for each section in file order, up to the
// first one named stop ("" for none: read to the end), then each of after
// in turn (the passes that need the whole file, such as resolving
// references). It stops at the first error and returns Err.
func (d *Decoder) Run(f *File, stop string, section func(*Section), after ...func()) error {
	for i := range f.Sections {
		if d.Err != nil || stop != "" && f.Sections[i].Name == stop {
			break
		}
		section(&f.Sections[i])
	}
	for _, pass := range after {
		if d.Err != nil {
			break
		}
		pass()
	}
	return d.Err
}

// ParseRows calls parse on each line of s, a section of one row per line,
// recording each row's line in RowLines[s.Name]. It stops at the first
// error; the failing line is not recorded.
func (d *Decoder) ParseRows(s *Section, parse func(*Line)) {
	for i := range s.Lines {
		if parse(&s.Lines[i]); d.Err != nil {
			return
		}
		d.RowLines[s.Name] = append(d.RowLines[s.Name], s.Lines[i].Num)
	}
}

// Warnings returns the tallied warnings, one per kind, in line order.
func (d *Decoder) Warnings() []geo.Warning { return d.Tally.Warnings(d.File) }

// Define records field 0 of l in the name space ns with l's line. It
// fails with geo.ErrInvalid wrapping Errs.Duplicate when the name is
// already there, and reports false then or when an error is already
// recorded. what names the record for the message ("junction").
func (d *Decoder) Define(ns map[string]int, l *Line, what string) bool {
	if d.Err != nil {
		return false
	}
	name := l.Fields[0]
	if prev, dup := ns[name]; dup {
		d.Failf(l.Num, geo.ErrInvalid, "%w: %s %q already defined on line %d", d.Errs.Duplicate, what, name, prev)
		return false
	}
	ns[name] = l.Num
	return true
}

// DefineNode is Define in Nodes.
func (d *Decoder) DefineNode(l *Line, what string) bool { return d.Define(d.Nodes, l, what) }

// DefineLink is Define in Links.
func (d *Decoder) DefineLink(l *Line, what string) bool { return d.Define(d.Links, l, what) }

// Keyword fails with geo.ErrSyntax wrapping Errs.Keyword unless v (field
// i of l, upper-cased by the caller) is one of allowed.
func (d *Decoder) Keyword(l *Line, i int, v, what string, allowed ...string) {
	if !OneOf(v, allowed...) {
		d.Failf(l.Num, geo.ErrSyntax, "%w: %s %q (want %s)", d.Errs.Keyword, what, Clip(Str(l, i)), strings.Join(allowed, ", "))
	}
}

// Entry returns the index in *list of the entry named name, for sections
// that spread one object over several lines ([CURVES], [PATTERNS],
// [VERTICES], …). A new name gets zero appended to *list and its index
// recorded in idx; added reports that. O(1) amortised.
func Entry[T any](idx map[string]int, list *[]T, name string, zero T) (i int, added bool) {
	i, ok := idx[name]
	if !ok {
		i = len(*list)
		idx[name] = i
		*list = append(*list, zero)
	}
	return i, !ok
}
