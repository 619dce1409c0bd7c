package sumo

import (
	"encoding/xml"
	"strings"
)

// tlElement decodes <tlLogic>, its <phase> and <param> children, appending
// to logics. ok is false for any other element.
func tlElement(x *reader, t xml.StartElement, parent string, logics *[]TLLogic) (ok bool, err error) {
	switch {
	case t.Name.Local == "tlLogic" && parent != "tlLogic":
		l, err := decodeTLLogic(x, t)
		*logics = append(*logics, l)
		return true, err
	case parent == "tlLogic" && t.Name.Local == "phase" && len(*logics) > 0:
		p, err := decodePhase(x, t)
		l := &(*logics)[len(*logics)-1]
		l.Phases = append(l.Phases, p)
		return true, err
	case parent == "tlLogic" && t.Name.Local == "param" && len(*logics) > 0:
		l := &(*logics)[len(*logics)-1]
		k, v := param(t)
		if l.Params == nil {
			l.Params = map[string]string{}
		}
		l.Params[k] = v
		return true, nil
	}
	return false, nil
}

func param(t xml.StartElement) (key, value string) {
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "key":
			key = at.Value
		case "value":
			value = at.Value
		}
	}
	return key, value
}

func decodeTLLogic(x *reader, t xml.StartElement) (TLLogic, error) {
	a := x.attrs("tlLogic")
	l := TLLogic{Line: x.line, Type: "static"}
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "id":
			l.ID = at.Value
		case "type":
			l.Type = at.Value
		case "programID":
			l.ProgramID = at.Value
		case "offset":
			l.Offset = a.time("offset", at.Value)
		}
	}
	if l.ID == "" {
		a.fail("id", "missing")
	}
	return l, a.err
}

func decodePhase(x *reader, t xml.StartElement) (Phase, error) {
	a := x.attrs("phase")
	p := Phase{Duration: -1, MinDur: -1, MaxDur: -1}
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "duration":
			p.Duration = a.time("duration", at.Value)
		case "minDur":
			p.MinDur = a.time("minDur", at.Value)
		case "maxDur":
			p.MaxDur = a.time("maxDur", at.Value)
		case "state":
			p.State = at.Value
		case "name":
			p.Name = at.Value
		case "next":
			for _, f := range strings.Fields(at.Value) {
				p.Next = append(p.Next, a.int("next", f))
			}
		}
	}
	switch {
	case p.Duration <= 0:
		a.fail("duration", "missing or not positive")
	case p.State == "" || strings.Trim(p.State, "GgyYrRuUsoO") != "":
		a.fail("state", "%q is not a signal state", p.State)
	}
	if p.MinDur < 0 {
		p.MinDur = p.Duration
	}
	if p.MaxDur < 0 {
		p.MaxDur = p.Duration
	}
	return p, a.err
}
