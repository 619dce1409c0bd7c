package dem

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"twin/geo"
)

// prjMaxBytes bounds the size of a .prj file (real ones are under 2 KiB).
const prjMaxBytes = 1 << 20

// wktMaxDepth bounds the nesting of WKT nodes.
const wktMaxDepth = 32

// wktNode is a node of a well-known-text CRS: KEYWORD[arg, …]. Each argument
// is a quoted string, a bare token (number or enumeration) or a child node.
type wktNode struct {
	key  string // upper case
	args []wktArg
}

type wktArg struct {
	text string   // string or bare token
	node *wktNode // nil unless a child node
}

// child returns the first child node named key (upper case), or nil.
func (n *wktNode) child(key string) *wktNode {
	for _, a := range n.args {
		if a.node != nil && a.node.key == key {
			return a.node
		}
	}
	return nil
}

// name returns the node's first argument when it is text.
func (n *wktNode) name() string {
	if n == nil || len(n.args) == 0 || n.args[0].node != nil {
		return ""
	}
	return n.args[0].text
}

// number returns argument i as a float64.
func (n *wktNode) number(i int) (float64, bool) {
	if n == nil || i >= len(n.args) || n.args[i].node != nil {
		return 0, false
	}
	v, err := strconv.ParseFloat(n.args[i].text, 64)
	return v, err == nil
}

// ParsePRJ reads an ESRI .prj sidecar (WKT1 as ESRI or GDAL write it; WKT2
// is accepted too) and names its CRS as "EPSG:n". It takes, in order: an
// AUTHORITY["EPSG","n"] (or ID["EPSG",n]) on the outermost PROJCS or GEOGCS;
// a recognised name, such as GCS_WGS_1984 (EPSG:4326), WGS_1984_UTM_Zone_32N
// (EPSG:32632), ETRS89 and NAD83 UTM zones, GCS_China_Geodetic_Coordinate_
// System_2000 (EPSG:4490) and the CGCS2000, Xian 1980 and Beijing 1954
// Gauss-Krüger zones in both ESRI and EPSG spellings
// (CGCS2000_3_Degree_GK_CM_117E is EPSG:4548); or the Transverse Mercator
// parameters of a UTM or Gauss-Krüger zone on one of those datums. A
// central-meridian Gauss-Krüger projection that fits both a 3° and a 6°
// zone is named as the 3° one (the two are the same projection).
//
// Errors are *geo.ParseError values with a byte offset: malformed WKT wraps
// geo.ErrSyntax; a valid CRS this function cannot name wraps
// geo.ErrUnsupported. Time O(len); safe for concurrent use.
func ParsePRJ(r io.Reader, name string) (crs string, err error) {
	b, err := readAll(r, name, prjMaxBytes)
	if err != nil {
		return "", err
	}
	p := &wktParser{s: string(b), name: name}
	root, err := p.parse()
	if err != nil {
		return "", err
	}
	if code, ok := crsCode(root); ok {
		return fmt.Sprintf("EPSG:%d", code), nil
	}
	return "", geo.OffsetError(name, 0, geo.ErrUnsupported, "cannot name the CRS %s[%q] as an EPSG code", root.key, root.name())
}

// wktParser is a recursive-descent parser over a WKT string.
type wktParser struct {
	s    string
	pos  int
	name string
}

func (p *wktParser) errf(format string, args ...any) error {
	return geo.OffsetError(p.name, int64(p.pos), geo.ErrSyntax, format, args...)
}

// parse reads one root node and checks that only whitespace follows.
func (p *wktParser) parse() (*wktNode, error) {
	p.s = strings.TrimPrefix(p.s, "\ufeff")
	n, err := p.node(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.s) {
		return nil, p.errf("unexpected %q after the WKT", p.s[p.pos])
	}
	return n, nil
}

func (p *wktParser) space() {
	for p.pos < len(p.s) && isSpace(p.s[p.pos]) {
		p.pos++
	}
}

// word reads a keyword or bare token: letters, digits and _ . - +.
func (p *wktParser) word() string {
	start := p.pos
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == '.' || c == '-' || c == '+') {
			break
		}
		p.pos++
	}
	return p.s[start:p.pos]
}

// node reads KEYWORD[args] (or parentheses).
func (p *wktParser) node(depth int) (*wktNode, error) {
	if depth > wktMaxDepth {
		return nil, p.errf("WKT nested deeper than %d", wktMaxDepth)
	}
	p.space()
	key := p.word()
	if key == "" {
		return nil, p.errf("expected a WKT keyword")
	}
	p.space()
	if p.pos >= len(p.s) || p.s[p.pos] != '[' && p.s[p.pos] != '(' {
		return nil, p.errf("expected '[' after %s", key)
	}
	open := p.s[p.pos]
	p.pos++
	n := &wktNode{key: strings.ToUpper(key)}
	for {
		a, err := p.arg(depth)
		if err != nil {
			return nil, err
		}
		n.args = append(n.args, a)
		p.space()
		if p.pos >= len(p.s) {
			return nil, p.errf("unterminated %s", key)
		}
		c := p.s[p.pos]
		p.pos++
		switch {
		case c == ',':
			continue
		case open == '[' && c == ']', open == '(' && c == ')':
			return n, nil
		}
		p.pos--
		return nil, p.errf("unexpected %q in %s", c, key)
	}
}

// arg reads one argument: a quoted string, a child node or a bare token.
func (p *wktParser) arg(depth int) (wktArg, error) {
	p.space()
	if p.pos < len(p.s) && p.s[p.pos] == '"' {
		var sb strings.Builder
		for p.pos++; ; p.pos++ {
			if p.pos >= len(p.s) {
				return wktArg{}, p.errf("unterminated string")
			}
			c := p.s[p.pos]
			if c == '"' {
				if p.pos+1 < len(p.s) && p.s[p.pos+1] == '"' { // WKT2 doubled quote
					p.pos++
				} else {
					p.pos++
					return wktArg{text: sb.String()}, nil
				}
			}
			sb.WriteByte(c)
		}
	}
	start := p.pos
	w := p.word()
	p.space()
	if w != "" && p.pos < len(p.s) && (p.s[p.pos] == '[' || p.s[p.pos] == '(') {
		p.pos = start
		n, err := p.node(depth + 1)
		return wktArg{node: n}, err
	}
	if w == "" {
		return wktArg{}, p.errf("expected a WKT value")
	}
	return wktArg{text: w}, nil
}
