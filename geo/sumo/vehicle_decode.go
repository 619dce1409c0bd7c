package sumo

import (
	"encoding/xml"
	"strconv"
	"strings"
)

func decodeVType(x *reader, t xml.StartElement) (VType, error) {
	a := x.attrs("vType")
	vclass := "passenger"
	for _, at := range t.Attr {
		if at.Name.Local == "vClass" {
			vclass = at.Value
		}
	}
	v, ok := newVType("", vclass)
	v.Line = x.line
	if !ok {
		a.fail("vClass", "unknown vClass %q", vclass)
	}
	emergency := false
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "id":
			v.ID = at.Value
		case "accel":
			v.Accel = a.nonNeg("accel", at.Value)
		case "decel":
			v.Decel = a.nonNeg("decel", at.Value)
		case "emergencyDecel":
			v.EmergencyDecel, emergency = a.nonNeg("emergencyDecel", at.Value), true
		case "sigma":
			v.Sigma = a.nonNeg("sigma", at.Value)
		case "tau":
			v.Tau = a.nonNeg("tau", at.Value)
		case "length":
			v.Length = a.nonNeg("length", at.Value)
		case "minGap":
			v.MinGap = a.nonNeg("minGap", at.Value)
		case "maxSpeed":
			v.MaxSpeed = a.nonNeg("maxSpeed", at.Value)
		case "speedFactor":
			v.SpeedFactor = a.speedFactor(at.Value, v.SpeedFactor)
		case "probability":
			v.Probability = a.nonNeg("probability", at.Value)
		case "carFollowModel":
			v.CarFollowModel = at.Value
		}
	}
	for _, at := range t.Attr { // speedDev overrides the deviation of speedFactor
		if at.Name.Local == "speedDev" {
			v.SpeedFactor.Dev = a.nonNeg("speedDev", at.Value)
		}
	}
	if !emergency && v.EmergencyDecel < v.Decel {
		v.EmergencyDecel = v.Decel
	}
	if v.ID == "" {
		a.fail("id", "missing")
	}
	if v.Decel <= 0 || v.Length <= 0 {
		a.fail("decel", "decel and length must be positive")
	}
	return v, a.err
}

// speedFactor reads a number (the mean) or norm(mean,dev) /
// normc(mean,dev,min,max).
func (a *attrs) speedFactor(v string, d Dist) Dist {
	s := strings.TrimSpace(v)
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 {
		d.Mean = a.nonNeg("speedFactor", s)
		return d
	}
	if end != len(s)-1 || (s[:open] != "norm" && s[:open] != "normc") {
		a.fail("speedFactor", "%q is not a number, norm(…) or normc(…)", v)
		return d
	}
	args := strings.Split(s[open+1:end], ",")
	if len(args) != 2 && len(args) != 4 {
		a.fail("speedFactor", "%q needs 2 or 4 arguments", v)
		return d
	}
	d.Mean, d.Dev = a.nonNeg("speedFactor", args[0]), a.nonNeg("speedFactor", args[1])
	if len(args) == 4 {
		d.Min, d.Max = a.float("speedFactor", args[2]), a.float("speedFactor", args[3])
	}
	return d
}

// insertion reads a departure or arrival attribute; ok is false when the
// attribute is not one.
func (a *attrs) insertion(in *Insertion, name, v string) bool {
	var dst *string
	var words string
	switch name {
	case "departLane":
		dst, words = &in.DepartLane, "random free allowed best first"
	case "departPos":
		dst, words = &in.DepartPos, "random free random_free base last stop"
	case "departSpeed":
		dst, words = &in.DepartSpeed, "random max desired speedLimit last avg"
	case "arrivalLane":
		dst, words = &in.ArrivalLane, "current random first"
	case "arrivalPos":
		dst, words = &in.ArrivalPos, "random max"
	case "arrivalSpeed":
		dst, words = &in.ArrivalSpeed, "current"
	default:
		return false
	}
	*dst = strings.TrimSpace(v)
	for _, w := range strings.Fields(words) {
		if *dst == w {
			return true
		}
	}
	if strings.HasSuffix(name, "Lane") {
		if n, err := strconv.Atoi(*dst); err != nil || n < 0 {
			a.fail(name, "%q is neither a keyword nor a lane index", v)
		}
		return true
	}
	a.float(name, *dst)
	return true
}

func decodeVehicle(x *reader, t xml.StartElement) (Vehicle, error) {
	elem := t.Name.Local
	a := x.attrs(elem)
	v := Vehicle{Line: x.line, Trip: elem == "trip"}
	for _, at := range t.Attr {
		switch at.Name.Local {
		case "id":
			v.ID = at.Value
		case "type":
			v.Type = at.Value
		case "depart":
			if tm, ok := parseTime(at.Value); ok {
				v.Depart = tm
			} else {
				return v, x.unsupported(elem, "depart", at.Value)
			}
		case "route":
			v.Route = at.Value
		case "from":
			v.From = at.Value
		case "to":
			v.To = at.Value
		case "via":
			v.Via = strings.Fields(at.Value)
		default:
			a.insertion(&v.Insertion, at.Name.Local, at.Value)
		}
	}
	if v.ID == "" {
		a.fail("id", "missing")
	}
	if v.Trip && (v.From == "" || v.To == "") {
		a.fail("from", "a trip needs from and to")
	}
	return v, a.err
}

func decodeFlow(x *reader, t xml.StartElement) (Flow, error) {
	a := x.attrs("flow")
	f := Flow{Line: x.line, End: 86400}
	for _, at := range t.Attr {
		switch k := at.Name.Local; k {
		case "id":
			f.ID = at.Value
		case "type":
			f.Type = at.Value
		case "begin":
			f.Begin = a.time(k, at.Value)
		case "end":
			f.End = a.time(k, at.Value)
		case "period":
			if strings.HasPrefix(at.Value, "exp(") {
				return f, x.unsupported("flow", k, at.Value)
			}
			f.Period = a.nonNeg(k, at.Value)
		case "vehsPerHour":
			f.VehsPerHour = a.nonNeg(k, at.Value)
		case "probability":
			f.Probability = a.nonNeg(k, at.Value)
		case "number":
			f.Number = a.int(k, at.Value)
		case "route":
			f.Route = at.Value
		case "from":
			f.From = at.Value
		case "to":
			f.To = at.Value
		case "via":
			f.Via = strings.Fields(at.Value)
		default:
			a.insertion(&f.Insertion, k, at.Value)
		}
	}
	checkFlow(a, &f)
	return f, a.err
}

func checkFlow(a *attrs, f *Flow) {
	rates := 0
	for _, r := range []float64{f.Period, f.VehsPerHour, f.Probability} {
		if r > 0 {
			rates++
		}
	}
	switch {
	case f.ID == "":
		a.fail("id", "missing")
	case rates > 1:
		a.fail("period", "give only one of period, vehsPerHour and probability")
	case rates == 0 && f.Number <= 0:
		a.fail("number", "a flow needs period, vehsPerHour, probability or number")
	case f.Probability > 1:
		a.fail("probability", "%v is above 1", f.Probability)
	case f.End < f.Begin:
		a.fail("end", "end %v before begin %v", f.End, f.Begin)
	case f.Number < 0:
		a.fail("number", "negative")
	}
}
