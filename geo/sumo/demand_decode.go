package sumo

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"twin/geo"
)

// DecodeDemand reads a SUMO route file (<routes>) or additional file
// (<additional>, or <add> as older files have it): vTypes and
// vTypeDistributions, routes and routeDistributions, vehicles, trips and
// flows with their stops, tlLogic programs and bus stops. Other elements
// (detectors, polygons, …) are counted in Demand.Ignored. name is used in
// error messages; errors are *geo.ParseError values with the line.
// Complexity O(size of the input).
func DecodeDemand(r io.Reader, name string) (*Demand, error) {
	x := newReader(r, name)
	if _, err := x.root("routes", "additional", "add"); err != nil {
		return nil, err
	}
	d := &Demand{Ignored: map[string]int{}}
	for {
		t, parent, err := x.next()
		if err == io.EOF {
			return d, nil
		}
		if err != nil {
			return nil, err
		}
		if err := d.element(x, t, parent); err != nil {
			return nil, err
		}
	}
}

// top reports whether parent is a level where demand objects are defined.
func top(parent string) bool {
	switch parent {
	case "routes", "additional", "add", "interval":
		return true
	}
	return false
}

// element dispatches one start element of a demand file.
func (d *Demand) element(x *reader, t xml.StartElement, parent string) error {
	name := t.Name.Local
	switch {
	case name == "vType" && (top(parent) || parent == "vTypeDistribution"):
		return d.vType(x, t, parent)
	case name == "vTypeDistribution" && top(parent):
		return d.vTypeDist(x, t)
	case name == "route":
		return d.route(x, t, parent)
	case name == "routeDistribution" && top(parent):
		rd := RouteDist{Line: x.line}
		for _, at := range t.Attr {
			if at.Name.Local == "id" {
				rd.ID = at.Value
			}
		}
		d.RouteDists = append(d.RouteDists, rd)
		return nil
	case (name == "vehicle" || name == "trip") && top(parent):
		v, err := decodeVehicle(x, t)
		d.Vehicles = append(d.Vehicles, v)
		return err
	case name == "flow" && top(parent):
		f, err := decodeFlow(x, t)
		d.Flows = append(d.Flows, f)
		return err
	case name == "stop":
		return d.stop(x, t, parent)
	case name == "busStop" && top(parent):
		b, err := decodeBusStop(x, t)
		d.BusStops = append(d.BusStops, b)
		return err
	case name == "interval" && top(parent):
		return nil
	}
	ok, err := tlElement(x, t, parent, &d.TLLogics)
	if !ok {
		d.Ignored[name]++
	}
	return err
}

// vType decodes a <vType>, at top level or inside a distribution.
func (d *Demand) vType(x *reader, t xml.StartElement, parent string) error {
	v, err := decodeVType(x, t)
	d.VTypes = append(d.VTypes, v)
	if parent == "vTypeDistribution" && len(d.VTypeDists) > 0 {
		td := &d.VTypeDists[len(d.VTypeDists)-1]
		td.Types = append(td.Types, v.ID)
		td.Probs = append(td.Probs, v.Probability)
	}
	return err
}

func (d *Demand) vTypeDist(x *reader, t xml.StartElement) error {
	a := x.attrs("vTypeDistribution")
	td := VTypeDist{Line: x.line}
	var probs []string
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "id":
			td.ID = at.Value
		case "vTypes":
			td.Types = strings.Fields(at.Value)
		case "probabilities":
			probs = strings.Fields(at.Value)
		}
	}
	for i := range td.Types {
		p := 1.0
		if i < len(probs) {
			p = a.nonNeg("probabilities", probs[i])
		}
		td.Probs = append(td.Probs, p)
	}
	if td.ID == "" {
		a.fail("id", "missing")
	}
	d.VTypeDists = append(d.VTypeDists, td)
	return a.err
}

// route decodes a <route>: named at top level, in a distribution, or inline
// in a vehicle or flow.
func (d *Demand) route(x *reader, t xml.StartElement, parent string) error {
	a := x.attrs("route")
	r := Route{Line: x.line, Probability: 1}
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "id":
			r.ID = at.Value
		case "edges":
			r.Edges = strings.Fields(at.Value)
		case "probability":
			r.Probability = a.nonNeg("probability", at.Value)
		}
	}
	if len(r.Edges) == 0 {
		a.fail("edges", "missing or empty")
	}
	switch {
	case (parent == "vehicle" || parent == "trip") && len(d.Vehicles) > 0:
		d.Vehicles[len(d.Vehicles)-1].Edges = r.Edges
	case parent == "flow" && len(d.Flows) > 0:
		d.Flows[len(d.Flows)-1].Edges = r.Edges
	case parent == "routeDistribution" && len(d.RouteDists) > 0:
		rd := &d.RouteDists[len(d.RouteDists)-1]
		if r.ID == "" {
			r.ID = rd.ID + "#" + strconv.Itoa(len(rd.Routes))
		}
		rd.Routes = append(rd.Routes, r.ID)
		rd.Probs = append(rd.Probs, r.Probability)
		d.Routes = append(d.Routes, r)
	case top(parent):
		if r.ID == "" {
			a.fail("id", "missing")
		}
		d.Routes = append(d.Routes, r)
	default:
		d.Ignored["route"]++
	}
	return a.err
}

// stop decodes a <stop> and attaches it to the enclosing object.
func (d *Demand) stop(x *reader, t xml.StartElement, parent string) error {
	s, err := decodeStop(x, t)
	switch {
	case (parent == "vehicle" || parent == "trip") && len(d.Vehicles) > 0:
		v := &d.Vehicles[len(d.Vehicles)-1]
		v.Stops = append(v.Stops, s)
	case parent == "flow" && len(d.Flows) > 0:
		f := &d.Flows[len(d.Flows)-1]
		f.Stops = append(f.Stops, s)
	case parent == "route" && len(x.stack) >= 3:
		d.routeStop(x.stack[len(x.stack)-3], s)
	default:
		d.Ignored["stop"]++
	}
	return err
}

// routeStop attaches a stop inside a <route> whose parent is grand.
func (d *Demand) routeStop(grand string, s Stop) {
	switch {
	case (grand == "vehicle" || grand == "trip") && len(d.Vehicles) > 0:
		v := &d.Vehicles[len(d.Vehicles)-1]
		v.Stops = append(v.Stops, s)
	case grand == "flow" && len(d.Flows) > 0:
		f := &d.Flows[len(d.Flows)-1]
		f.Stops = append(f.Stops, s)
	case len(d.Routes) > 0:
		r := &d.Routes[len(d.Routes)-1]
		r.Stops = append(r.Stops, s)
	}
}

func decodeStop(x *reader, t xml.StartElement) (Stop, error) {
	a := x.attrs("stop")
	s := Stop{Line: x.line, StartPos: -1, EndPos: -1, Until: -1}
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "busStop":
			s.BusStop = at.Value
		case "lane":
			s.Lane = at.Value
		case "startPos":
			s.StartPos = a.float("startPos", at.Value)
		case "endPos":
			s.EndPos = a.float("endPos", at.Value)
		case "duration":
			s.Duration = a.time("duration", at.Value)
		case "until":
			s.Until = a.time("until", at.Value)
		}
	}
	if s.BusStop == "" && s.Lane == "" {
		a.fail("lane", "a stop needs a busStop or a lane")
	}
	return s, a.err
}

func decodeBusStop(x *reader, t xml.StartElement) (BusStop, error) {
	a := x.attrs("busStop")
	b := BusStop{Line: x.line, EndPos: -1}
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "id":
			b.ID = at.Value
		case "lane":
			b.Lane = at.Value
		case "startPos":
			b.StartPos = a.float("startPos", at.Value)
		case "endPos":
			b.EndPos = a.float("endPos", at.Value)
		}
	}
	if b.ID == "" || b.Lane == "" {
		a.fail("id", "id and lane are required")
	}
	return b, a.err
}

// unsupported returns a positioned geo.ErrUnsupported error.
func (x *reader) unsupported(elem, attr, value string) error {
	return geo.LineError(x.name, x.line, geo.ErrUnsupported, "%w: <%s %s=%q> is not supported", ErrAttr, elem, attr, value)
}
