package sumo

import (
	"encoding/xml"
	"io"
	"strings"
)

// DecodeNet reads a SUMO network (.net.xml). name is used in error
// messages. It reads every edge (internal ones included) with its lanes,
// junctions with their requests, connections, tlLogic programs with their
// phases, roundabouts and the location; other elements are counted in
// Net.Ignored. Errors are *geo.ParseError values with the line (see the
// package doc). Complexity O(size of the input).
func DecodeNet(r io.Reader, name string) (*Net, error) {
	x := newReader(r, name)
	root, err := x.root("net")
	if err != nil {
		return nil, err
	}
	n := &Net{Ignored: map[string]int{}}
	for _, at := range root.Attr {
		if at.Name.Local == "version" {
			n.Version = at.Value
		}
	}
	for {
		t, parent, err := x.next()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return nil, err
		}
		if err := n.element(x, t, parent); err != nil {
			return nil, err
		}
	}
}

// element dispatches one start element of a network.
func (n *Net) element(x *reader, t xml.StartElement, parent string) error {
	switch {
	case parent == "net" && t.Name.Local == "edge":
		e, err := decodeEdge(x, t)
		n.Edges = append(n.Edges, e)
		return err
	case parent == "edge" && t.Name.Local == "lane" && len(n.Edges) > 0:
		l, err := decodeLane(x, t)
		e := &n.Edges[len(n.Edges)-1]
		e.Lanes = append(e.Lanes, l)
		return err
	case parent == "net" && t.Name.Local == "junction":
		j, err := decodeJunction(x, t)
		n.Junctions = append(n.Junctions, j)
		return err
	case parent == "junction" && t.Name.Local == "request" && len(n.Junctions) > 0:
		q, err := decodeRequest(x, t)
		j := &n.Junctions[len(n.Junctions)-1]
		j.Requests = append(j.Requests, q)
		return err
	case parent == "net" && t.Name.Local == "connection":
		c, err := decodeConnection(x, t)
		n.Connections = append(n.Connections, c)
		return err
	case parent == "net" && t.Name.Local == "location":
		return decodeLocation(x, t, &n.Location)
	case parent == "net" && t.Name.Local == "roundabout":
		n.Roundabouts = append(n.Roundabouts, decodeRoundabout(t))
		return nil
	}
	ok, err := tlElement(x, t, parent, &n.TLLogics)
	if !ok {
		n.Ignored[t.Name.Local]++
	}
	return err
}

func decodeEdge(x *reader, t xml.StartElement) (Edge, error) {
	a := x.attrs("edge")
	e := Edge{Line: x.line}
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "id":
			e.ID = at.Value
		case "from":
			e.From = at.Value
		case "to":
			e.To = at.Value
		case "function":
			e.Function = at.Value
			if e.Function == "normal" {
				e.Function = ""
			}
		case "type":
			e.Type = at.Value
		case "name":
			e.Name = at.Value
		case "priority":
			e.Priority = a.int("priority", at.Value)
		case "shape":
			e.Shape = a.shape("shape", at.Value)
		}
	}
	if e.ID == "" {
		a.fail("id", "missing")
	}
	return e, a.err
}

func decodeLane(x *reader, t xml.StartElement) (Lane, error) {
	a := x.attrs("lane")
	l := Lane{Line: x.line, Width: 3.2, Index: -1, Length: -1, Speed: -1}
	var allow, disallow string
	var haveAllow bool
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "id":
			l.ID = at.Value
		case "index":
			l.Index = a.int("index", at.Value)
		case "speed":
			l.Speed = a.nonNeg("speed", at.Value)
		case "length":
			l.Length = a.nonNeg("length", at.Value)
		case "width":
			l.Width = a.nonNeg("width", at.Value)
		case "allow":
			allow, haveAllow = at.Value, true
		case "disallow":
			disallow = at.Value
		case "shape":
			l.Shape = a.shape("shape", at.Value)
		}
	}
	switch {
	case l.ID == "":
		a.fail("id", "missing")
	case l.Index < 0:
		a.fail("index", "missing or negative")
	case l.Speed < 0:
		a.fail("speed", "missing")
	case l.Length < 0:
		a.fail("length", "missing")
	}
	l.Allow = a.permissions(allow, haveAllow, disallow)
	return l, a.err
}

// permissions folds allow/disallow lists into one set.
func (a *attrs) permissions(allow string, haveAllow bool, disallow string) Classes {
	if haveAllow {
		c, bad, ok := ParseClasses(allow)
		if !ok {
			a.fail("allow", "unknown vClass %q", bad)
		}
		return c
	}
	c, bad, ok := ParseClasses(disallow)
	if !ok {
		a.fail("disallow", "unknown vClass %q", bad)
	}
	return AllClasses &^ c
}

func decodeJunction(x *reader, t xml.StartElement) (Junction, error) {
	a := x.attrs("junction")
	j := Junction{Line: x.line}
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "id":
			j.ID = at.Value
		case "type":
			j.Type = at.Value
		case "x":
			j.X = a.float("x", at.Value)
		case "y":
			j.Y = a.float("y", at.Value)
		case "incLanes":
			j.IncLanes = strings.Fields(at.Value)
		case "intLanes":
			j.IntLanes = strings.Fields(at.Value)
		case "shape":
			j.Shape = a.shape("shape", at.Value)
		}
	}
	if j.ID == "" {
		a.fail("id", "missing")
	}
	return j, a.err
}

func decodeRequest(x *reader, t xml.StartElement) (Request, error) {
	a := x.attrs("request")
	q := Request{Index: -1}
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "index":
			q.Index = a.int("index", at.Value)
		case "response":
			q.Response = at.Value
		case "foes":
			q.Foes = at.Value
		case "cont":
			q.Cont = a.bool("cont", at.Value)
		}
	}
	if q.Index < 0 {
		a.fail("index", "missing or negative")
	}
	for _, s := range []string{q.Response, q.Foes} {
		if strings.Trim(s, "01") != "" {
			a.fail("response", "%q is not a bit string", s)
		}
	}
	return q, a.err
}

func decodeConnection(x *reader, t xml.StartElement) (Connection, error) {
	a := x.attrs("connection")
	c := Connection{Line: x.line, LinkIndex: -1, FromLane: -1, ToLane: -1}
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "from":
			c.From = at.Value
		case "to":
			c.To = at.Value
		case "fromLane":
			c.FromLane = a.int("fromLane", at.Value)
		case "toLane":
			c.ToLane = a.int("toLane", at.Value)
		case "via":
			c.Via = at.Value
		case "tl":
			c.TL = at.Value
		case "linkIndex":
			c.LinkIndex = a.int("linkIndex", at.Value)
		case "dir":
			c.Dir = at.Value
		case "state":
			c.State = at.Value
		}
	}
	if c.From == "" || c.To == "" {
		a.fail("from", "from and to are required")
	}
	if c.FromLane < 0 || c.ToLane < 0 {
		a.fail("fromLane", "fromLane and toLane are required and non-negative")
	}
	return c, a.err
}

func decodeLocation(x *reader, t xml.StartElement, l *Location) error {
	a := x.attrs("location")
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "netOffset":
			f := a.floats("netOffset", at.Value, 2)
			l.NetOffset = Point{f[0], f[1]}
		case "convBoundary":
			copy(l.ConvBoundary[:], a.floats("convBoundary", at.Value, 4))
		case "origBoundary":
			copy(l.OrigBoundary[:], a.floats("origBoundary", at.Value, 4))
		case "projParameter":
			l.ProjParameter = at.Value
		}
	}
	return a.err
}

func decodeRoundabout(t xml.StartElement) Roundabout {
	var r Roundabout
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "nodes":
			r.Nodes = strings.Fields(at.Value)
		case "edges":
			r.Edges = strings.Fields(at.Value)
		}
	}
	return r
}
