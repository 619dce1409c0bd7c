package sumo

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
)

// TripInfo is one <tripinfo> record of SUMO's trip output: a vehicle that
// arrived. Times are s, lengths m, speeds m/s. SUMO's definitions:
// Duration = Arrival − Depart (the actual insertion time); DepartDelay =
// Depart − the planned departure; WaitingTime is the time spent at or below
// 0.1 m/s outside scheduled stops and WaitingCount the number of times the
// speed dropped to that level; TimeLoss is the time lost against driving at
// the vehicle's ideal speed (lane limit × speed factor, capped by the
// type's maxSpeed); StopTime is the time spent at scheduled stops.
type TripInfo struct {
	ID                                  string
	Depart                              float64
	DepartLane                          string
	DepartPos, DepartSpeed, DepartDelay float64
	Arrival                             float64
	ArrivalLane                         string
	ArrivalPos, ArrivalSpeed            float64
	Duration, RouteLength               float64
	WaitingTime                         float64
	WaitingCount                        int
	StopTime, TimeLoss                  float64
	RerouteNo                           int
	VType                               string
	SpeedFactor                         float64
	Vaporized                           string
	Line                                int
}

// EncodeTripInfos writes trips as a SUMO tripinfo file
// (<tripinfos><tripinfo …/>…</tripinfos>) with SUMO's attribute order and
// precision (two decimals). It returns only errors of w.
func EncodeTripInfos(w io.Writer, trips []TripInfo) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tripinfos>\n")
	for i := range trips {
		writeTrip(bw, &trips[i])
	}
	bw.WriteString("</tripinfos>\n")
	return bw.Flush()
}

func writeTrip(w *bufio.Writer, t *TripInfo) {
	f2 := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	fmt.Fprintf(w, "    <tripinfo id=%s depart=\"%s\" departLane=%s departPos=\"%s\" departSpeed=\"%s\" departDelay=\"%s\"",
		quote(t.ID), f2(t.Depart), quote(t.DepartLane), f2(t.DepartPos), f2(t.DepartSpeed), f2(t.DepartDelay))
	fmt.Fprintf(w, " arrival=\"%s\" arrivalLane=%s arrivalPos=\"%s\" arrivalSpeed=\"%s\" duration=\"%s\" routeLength=\"%s\"",
		f2(t.Arrival), quote(t.ArrivalLane), f2(t.ArrivalPos), f2(t.ArrivalSpeed), f2(t.Duration), f2(t.RouteLength))
	fmt.Fprintf(w, " waitingTime=\"%s\" waitingCount=\"%d\" stopTime=\"%s\" timeLoss=\"%s\" rerouteNo=\"%d\" devices=\"tripinfo_%s\" vType=%s speedFactor=\"%s\" vaporized=%s/>\n",
		f2(t.WaitingTime), t.WaitingCount, f2(t.StopTime), f2(t.TimeLoss), t.RerouteNo, xmlEscape(t.ID), quote(t.VType), f2(t.SpeedFactor), quote(t.Vaporized))
}

func xmlEscape(s string) string { q := quote(s); return q[1 : len(q)-1] }

// DecodeTripInfos reads a SUMO tripinfo file (as written by
// `sumo --tripinfo-output`). Unknown attributes and child elements
// (emissions, persons) are skipped. Errors are *geo.ParseError values with
// the line. Complexity O(size of the input).
func DecodeTripInfos(r io.Reader, name string) ([]TripInfo, error) {
	x := newReader(r, name)
	if _, err := x.root("tripinfos"); err != nil {
		return nil, err
	}
	var out []TripInfo
	for {
		t, parent, err := x.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if parent != "tripinfos" || t.Name.Local != "tripinfo" {
			continue
		}
		ti, err := decodeTrip(x, t)
		if err != nil {
			return nil, err
		}
		out = append(out, ti)
	}
}

func decodeTrip(x *reader, t xml.StartElement) (TripInfo, error) {
	a := x.attrs("tripinfo")
	ti := TripInfo{Line: x.line}
	floats := map[string]*float64{
		"depart": &ti.Depart, "departPos": &ti.DepartPos, "departSpeed": &ti.DepartSpeed,
		"departDelay": &ti.DepartDelay, "arrival": &ti.Arrival, "arrivalPos": &ti.ArrivalPos,
		"arrivalSpeed": &ti.ArrivalSpeed, "duration": &ti.Duration, "routeLength": &ti.RouteLength,
		"waitingTime": &ti.WaitingTime, "stopTime": &ti.StopTime, "timeLoss": &ti.TimeLoss,
		"speedFactor": &ti.SpeedFactor,
	}
	for _, at := range t.Attr {
		k := at.Name.Local
		if p, ok := floats[k]; ok {
			*p = a.float(k, at.Value)
			continue
		}
		switch k {
		case "id":
			ti.ID = at.Value
		case "departLane":
			ti.DepartLane = at.Value
		case "arrivalLane":
			ti.ArrivalLane = at.Value
		case "waitingCount":
			ti.WaitingCount = a.int(k, at.Value)
		case "rerouteNo":
			ti.RerouteNo = a.int(k, at.Value)
		case "vType":
			ti.VType = at.Value
		case "vaporized":
			ti.Vaporized = at.Value
		}
	}
	if ti.ID == "" {
		a.fail("id", "missing")
	}
	return ti, a.err
}
