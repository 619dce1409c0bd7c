package osm

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/paulmach/osm"

	"twin/geo"
)

// xmlReader reads an OSM XML document (https://wiki.openstreetmap.org/wiki/OSM_XML)
// into one batch. It is written on encoding/xml rather than osmxml because
// errors and warnings must carry line numbers (Decoder.InputPos).
type xmlReader struct {
	ctx  context.Context
	dec  *xml.Decoder
	name string
	b    *batch
	line int // line where the current token starts
	lead int // line breaks before the document, skipped by sniff
	n    int // objects read, for cancellation checks
}

// readXML reads the whole document; lead line breaks were read before r's
// start. Errors are *geo.ParseError with a line, or ctx.Err().
func readXML(ctx context.Context, r io.Reader, name string, lead int) (*batch, error) {
	x := &xmlReader{ctx: ctx, dec: xml.NewDecoder(r), name: name, b: &batch{}, lead: lead}
	x.dec.Strict = true
	root, err := x.start()
	if err != nil {
		return nil, err
	}
	if root.Name.Local != "osm" {
		return nil, geo.LineError(name, x.line, geo.ErrUnsupported, "%w: root element <%s>, want <osm>", ErrFormat, root.Name.Local)
	}
	for {
		tok, err := x.token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return x.b, nil // </osm>; anything after is ignored
		case xml.StartElement:
			if err := x.object(t); err != nil {
				return nil, err
			}
		}
	}
}

// start returns the root element.
func (x *xmlReader) start() (xml.StartElement, error) {
	for {
		tok, err := x.token()
		if err != nil {
			return xml.StartElement{}, err
		}
		if t, ok := tok.(xml.StartElement); ok {
			return t, nil
		}
	}
}

// token returns the next token, recording the line it starts on.
func (x *xmlReader) token() (xml.Token, error) {
	x.line = x.pos()
	tok, err := x.dec.Token()
	if err == nil {
		return tok, nil
	}
	var se *xml.SyntaxError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return nil, geo.LineError(x.name, x.pos(), geo.ErrSyntax, "%w: document ends inside an element", ErrTruncated)
	case errors.As(err, &se) && se.Msg == "unexpected EOF":
		return nil, geo.LineError(x.name, se.Line+x.lead, geo.ErrSyntax, "%w: document ends inside an element", ErrTruncated)
	case errors.As(err, &se):
		return nil, geo.LineError(x.name, se.Line+x.lead, geo.ErrSyntax, "%s", se.Msg)
	}
	return nil, geo.LineError(x.name, x.pos(), geo.ErrSyntax, "%v", err)
}

// pos is the decoder's current line in the file.
func (x *xmlReader) pos() int {
	line, _ := x.dec.InputPos()
	return line + x.lead
}

// object reads one child of <osm>.
func (x *xmlReader) object(t xml.StartElement) error {
	if x.n++; x.n%4096 == 0 {
		if err := x.ctx.Err(); err != nil {
			return err
		}
	}
	switch t.Name.Local {
	case "node":
		return x.node(t)
	case "way":
		return x.way(t)
	case "relation":
		return x.relation(t)
	}
	return x.skip()
}

// skip consumes the rest of the current element.
func (x *xmlReader) skip() error {
	for depth := 1; depth > 0; {
		tok, err := x.token()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// children calls fn for each child element of the current element; fn
// must consume the child (its end tag included) or call skip.
func (x *xmlReader) children(fn func(xml.StartElement) error) error {
	for {
		tok, err := x.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		}
	}
}

// xmlAttrs is the attribute list of an element.
type xmlAttrs []xml.Attr

func (a xmlAttrs) get(name string) (string, bool) {
	for _, at := range a {
		if at.Name.Local == name {
			return at.Value, true
		}
	}
	return "", false
}

// int64 reads a required integer attribute.
func (x *xmlReader) int64(a xmlAttrs, elem, name string) (int64, error) {
	s, ok := a.get(name)
	if !ok {
		return 0, geo.LineError(x.name, x.line, geo.ErrSyntax, "<%s> without %s", elem, name)
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, geo.LineError(x.name, x.line, geo.ErrSyntax, "<%s %s=%q>: not an integer", elem, name, s)
	}
	return v, nil
}

// deleted reports visible="false" (history files) or action="delete" (JOSM).
func deleted(a xmlAttrs) bool {
	v, _ := a.get("visible")
	act, _ := a.get("action")
	return v == "false" || act == "delete"
}

// tag reads a <tag k v/> child into tags.
func (x *xmlReader) tag(t xml.StartElement, tags *osm.Tags) error {
	k, ok := xmlAttrs(t.Attr).get("k")
	if !ok {
		return geo.LineError(x.name, x.line, geo.ErrSyntax, "<tag> without k")
	}
	v, _ := xmlAttrs(t.Attr).get("v")
	*tags = append(*tags, osm.Tag{Key: k, Value: v})
	return x.skip()
}

// element reads what <node>, <way> and <relation> share: the id
// attribute and the <tag> children. Every other child is passed to child
// (when not nil) and then skipped; child reads only its attributes.
func (x *xmlReader) element(t xml.StartElement, child func(xml.StartElement) error) (id int64, tags osm.Tags, err error) {
	id, err = x.int64(xmlAttrs(t.Attr), t.Name.Local, "id")
	if err != nil {
		return 0, nil, err
	}
	err = x.children(func(c xml.StartElement) error {
		if c.Name.Local == "tag" {
			return x.tag(c, &tags)
		}
		if child != nil {
			if err := child(c); err != nil {
				return err
			}
		}
		return x.skip()
	})
	if err != nil {
		return 0, nil, err
	}
	return id, tags, nil
}

func (x *xmlReader) node(t xml.StartElement) error {
	a := xmlAttrs(t.Attr)
	line := x.line
	id, tags, err := x.element(t, nil)
	if err != nil {
		return err
	}
	if deleted(a) {
		x.b.nodes = append(x.b.nodes, node{id: id, lat: math.NaN()})
		return nil
	}
	lon, lat, err := x.location(a, line)
	if err != nil {
		return err
	}
	if !validLonLat(lon, lat) {
		x.b.notes = append(x.b.notes, note{int64(line), fmt.Sprintf("node n%d: location (%g, %g) missing or out of range; node skipped", id, lon, lat)})
		return nil
	}
	x.b.nodes = append(x.b.nodes, node{id: id, lon: lon, lat: lat})
	if len(tags) > 0 {
		x.b.tagged = append(x.b.tagged, taggedNode{id: id, tags: tags})
	}
	return nil
}

// location reads lon and lat; a missing one is NaN (a warning follows), a
// malformed number is an error.
func (x *xmlReader) location(a xmlAttrs, line int) (lon, lat float64, err error) {
	lon, lat = math.NaN(), math.NaN()
	for _, c := range []struct {
		name string
		dst  *float64
	}{{"lon", &lon}, {"lat", &lat}} {
		s, ok := a.get(c.name)
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return 0, 0, geo.LineError(x.name, line, geo.ErrSyntax, "<node %s=%q>: not a number", c.name, s)
		}
		*c.dst = v
	}
	return lon, lat, nil
}

func (x *xmlReader) way(t xml.StartElement) error {
	w := way{pos: int64(x.line), gone: deleted(t.Attr)}
	var tags osm.Tags
	var err error
	w.id, tags, err = x.element(t, func(c xml.StartElement) error {
		if c.Name.Local != "nd" {
			return nil
		}
		ref, err := x.int64(xmlAttrs(c.Attr), "nd", "ref")
		if err != nil {
			return err
		}
		w.refs = append(w.refs, ref)
		return nil
	})
	if err != nil {
		return err
	}
	if wantWay(tags) {
		w.tags = tags
	}
	x.b.ways = append(x.b.ways, w)
	return nil
}

func (x *xmlReader) relation(t xml.StartElement) error {
	r := relation{pos: int64(x.line), gone: deleted(t.Attr)}
	var tags osm.Tags
	var err error
	r.id, tags, err = x.element(t, func(c xml.StartElement) error {
		if c.Name.Local != "member" {
			return nil
		}
		m, err := x.member(xmlAttrs(c.Attr))
		if err != nil {
			return err
		}
		r.members = append(r.members, m)
		return nil
	})
	if err != nil {
		return err
	}
	if r.gone || !wantRelation(tags) {
		r.gone, r.members = true, nil
	} else {
		r.tags = tags
	}
	x.b.rels = append(x.b.rels, r)
	return nil
}

func (x *xmlReader) member(a xmlAttrs) (member, error) {
	ref, err := x.int64(a, "member", "ref")
	if err != nil {
		return member{}, err
	}
	typ, _ := a.get("type")
	role, _ := a.get("role")
	m := member{typ: osm.Type(typ), ref: ref, role: role}
	switch m.typ {
	case osm.TypeNode, osm.TypeWay, osm.TypeRelation:
		return m, nil
	}
	return member{}, geo.LineError(x.name, x.line, geo.ErrSyntax, "<member type=%q>: want node, way or relation", typ)
}
