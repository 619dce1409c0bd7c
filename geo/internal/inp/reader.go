package inp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"twin/geo"
)

// MaxLineLen is the longest line Read accepts, in bytes. Real models stay far
// below it; the limit keeps a corrupt file from being buffered whole.
const MaxLineLen = 1 << 20

// ErrLineTooLong is wrapped (with geo.ErrSyntax) when a line exceeds MaxLineLen.
var ErrLineTooLong = errors.New("inp: line too long")

// Line is one data line of a section.
type Line struct {
	// Num is the 1-based line number in the file.
	Num int
	// Fields are the line's columns with the comment removed; a quoted
	// column is one field without its quotes ("" gives an empty field).
	Fields []string
	// Text is the line before its comment, trimmed of surrounding space:
	// the form [TITLE], [CONTROLS] and [RULES] keep.
	Text string
	// Comment is the text after the first ';', trimmed, without the ';'.
	Comment string
	// Notes are the full-line comments (without their ';') directly above
	// this line within the same section, e.g. EPANET's ";PUMP:" curve hints.
	Notes []string
}

// Section is one "[NAME]" block of a file.
type Section struct {
	// Name is the upper-cased header text between the brackets.
	Name string
	// Line is the header's line number; 0 for the block before any header.
	Line int
	// Lines are the data lines: neither blank nor comment-only.
	Lines []Line
}

// File is a whole input file split into sections, in file order. A name
// may occur more than once (EPANET files often repeat [REACTIONS]).
type File struct {
	Name string
	// Sections in file order. When data lines precede the first header,
	// Sections[0] has Name "" and Line 0.
	Sections []Section
}

// Read splits the input into sections. Line ends may be LF, CRLF or CR; a
// UTF-8 byte order mark is skipped. It fails only on read errors, on a
// header without its closing ']' and on lines longer than MaxLineLen; the
// error is a *geo.ParseError. O(n) in the input size; Read keeps the whole
// file in memory as strings.
func Read(r io.Reader, name string) (*File, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineLen)
	sc.Split(splitLines)
	f := &File{Name: name}
	var cur *Section
	var notes []string
	var slab []string
	num := 0
	for sc.Scan() {
		num++
		raw := sc.Bytes()
		if num == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		}
		s := strings.TrimSpace(string(raw))
		if s == "" {
			continue
		}
		if s[0] == '[' {
			end := strings.IndexByte(s, ']')
			if end < 0 {
				return nil, geo.LineError(name, num, geo.ErrSyntax, "section header %q has no closing ']'", clip(s))
			}
			f.Sections = append(f.Sections, Section{Name: strings.ToUpper(strings.TrimSpace(s[1:end])), Line: num})
			cur = &f.Sections[len(f.Sections)-1]
			notes = nil
			continue
		}
		text, comment := s, ""
		if i := strings.IndexByte(s, ';'); i >= 0 {
			text, comment = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		}
		if text == "" {
			notes = append(notes, comment)
			continue
		}
		if cur == nil {
			f.Sections = append(f.Sections, Section{})
			cur = &f.Sections[len(f.Sections)-1]
		}
		if cap(slab)-len(slab) < 32 {
			slab = make([]string, 0, 4096)
		}
		start := len(slab)
		slab = Tokenize(text, slab)
		cur.Lines = append(cur.Lines, Line{Num: num, Fields: slab[start:len(slab):len(slab)], Text: text, Comment: comment, Notes: notes})
		notes = nil
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, geo.LineError(name, num+1, geo.ErrSyntax, "%w (over %d bytes)", ErrLineTooLong, MaxLineLen)
		}
		return nil, &geo.ParseError{File: name, Line: num + 1, Offset: -1, Err: fmt.Errorf("inp: read: %w", err)}
	}
	return f, nil
}

// splitLines is a bufio.SplitFunc for LF, CRLF and lone CR line ends.
func splitLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	for i, c := range data {
		switch c {
		case '\n':
			return i + 1, data[:i], nil
		case '\r':
			if i+1 < len(data) {
				if data[i+1] == '\n' {
					return i + 2, data[:i], nil
				}
				return i + 1, data[:i], nil
			}
			if atEOF {
				return i + 1, data[:i], nil
			}
			return 0, nil, nil // need one more byte to tell CR from CRLF
		}
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// Tokenize appends the whitespace-separated columns of s to dst and returns
// it. A double-quoted run is one column without its quotes; an unclosed
// quote runs to the end of s. O(len(s)).
func Tokenize(s string, dst []string) []string {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case isSpace(c):
			i++
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return append(dst, s[i+1:])
			}
			dst = append(dst, s[i+1:i+1+j])
			i += j + 2
		default:
			j := i
			for j < len(s) && !isSpace(s[j]) && s[j] != '"' {
				j++
			}
			dst = append(dst, s[i:j])
			i = j
		}
	}
	return dst
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
