package sumo

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"twin/geo"
)

func decodeDemandFile(t testing.TB, path string) *Demand {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := DecodeDemand(f, filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDecodeNetGrid checks the counts a 3×3 netgenerate grid must have by
// construction: 12 street segments × 2 directions = 24 normal edges of 2
// lanes at netgenerate's default 13.89 m/s, 9 junctions with a program each.
func TestDecodeNetGrid(t *testing.T) {
	n := decodeNetFile(t, filepath.Join("testdata", "grid3.net.xml"))
	normal, lanes, tls := 0, 0, 0
	for _, e := range n.Edges {
		if e.Internal() {
			continue
		}
		normal++
		lanes += len(e.Lanes)
		for _, l := range e.Lanes {
			if !near(l.Speed, 13.89, 1e-9) || l.Allow != AllClasses {
				t.Errorf("lane %s speed %v allow %v", l.ID, l.Speed, l.Allow)
			}
		}
	}
	for _, j := range n.Junctions {
		if j.Type == "traffic_light" {
			tls++
			if len(j.Requests) != len(j.IntLanes) {
				t.Errorf("junction %s: %d requests, %d internal lanes", j.ID, len(j.Requests), len(j.IntLanes))
			}
		}
	}
	if normal != 24 || lanes != 48 || tls != 9 || len(n.TLLogics) != 9 {
		t.Errorf("edges %d lanes %d tls %d programs %d, want 24 48 9 9", normal, lanes, tls, len(n.TLLogics))
	}
	if n.Version != "1.9" || n.Location.ConvBoundary != [4]float64{0, 0, 400, 400} {
		t.Errorf("version %q location %+v", n.Version, n.Location)
	}
	if c := n.TLLogics[0].Cycle(); c != 90 {
		t.Errorf("cycle %v, want 90 (42+3+42+3 as netgenerate writes it)", c)
	}
}

// TestRequestBits: SUMO writes the bit of link 0 rightmost.
func TestRequestBits(t *testing.T) {
	q := Request{Response: "0110", Foes: "1001"}
	for j, want := range []bool{false, true, true, false} {
		if q.Yields(j) != want || q.Conflicts(j) == want {
			t.Errorf("link %d: yields %v conflicts %v", j, q.Yields(j), q.Conflicts(j))
		}
	}
	if q.Yields(4) || q.Yields(-1) {
		t.Error("out of range bit set")
	}
}

// TestDecodeDemand reads every kind of element of mixed.rou.xml and
// signals.add.xml; expected values are the files' own, and for absent vType
// attributes SUMO's documented vClass defaults (bus: accel 1.2, decel 4,
// emergencyDecel 7, length 12, maxSpeed 100 km/h).
func TestDecodeDemand(t *testing.T) {
	d := decodeDemandFile(t, filepath.Join("testdata", "mixed.rou.xml"))
	add := decodeDemandFile(t, filepath.Join("testdata", "signals.add.xml"))
	d.Merge(add)
	if len(d.VTypes) != 4 || len(d.VTypeDists) != 1 || len(d.Routes) != 3 || len(d.RouteDists) != 1 ||
		len(d.Vehicles) != 3 || len(d.Flows) != 5 || len(d.TLLogics) != 2 || len(d.BusStops) != 1 {
		t.Fatalf("counts: %d vTypes %d dists %d routes %d rdists %d vehicles %d flows %d logics %d stops",
			len(d.VTypes), len(d.VTypeDists), len(d.Routes), len(d.RouteDists), len(d.Vehicles), len(d.Flows), len(d.TLLogics), len(d.BusStops))
	}
	bus := d.VTypes[1]
	if bus.Class != 1<<9 || bus.Accel != 1.2 || bus.Decel != 4 || bus.EmergencyDecel != 7 || bus.Length != 12 || !near(bus.MaxSpeed, 27.78, 0.01) {
		t.Errorf("bus defaults %+v", bus)
	}
	car := d.VTypes[0]
	if car.Sigma != 0 || car.SpeedFactor != (Dist{1, 0, 0.2, 2}) || car.MaxSpeed != 50 || car.Tau != 1 {
		t.Errorf("car %+v", car)
	}
	if fast := d.VTypes[3]; fast.SpeedFactor != (Dist{1.1, 0.05, 0.5, 1.5}) || fast.Probability != 0.75 {
		t.Errorf("fast %+v", fast)
	}
	if td := d.VTypeDists[0]; !reflect.DeepEqual(td.Types, []string{"slow", "fast"}) || !reflect.DeepEqual(td.Probs, []float64{0.25, 0.75}) {
		t.Errorf("distribution %+v", td)
	}
	if rd := d.RouteDists[0]; !reflect.DeepEqual(rd.Routes, []string{"north", "either#1"}) || !reflect.DeepEqual(rd.Probs, []float64{1, 3}) {
		t.Errorf("route distribution %+v", rd)
	}
	checkVehicles(t, d)
	checkFlows(t, d)
	act := d.TLLogics[1]
	if act.Type != "actuated" || act.Params["max-gap"] != "3.0" || act.Phases[0].MinDur != 10 || act.Phases[1].MaxDur != 4 ||
		!reflect.DeepEqual(act.Phases[2].Next, []int{3}) || d.TLLogics[0].Offset != 17 {
		t.Errorf("programs %+v", d.TLLogics)
	}
	if d.Ignored["e1Detector"] != 1 {
		t.Errorf("ignored %v", d.Ignored)
	}
}

func checkVehicles(t *testing.T, d *Demand) {
	t.Helper()
	v0, v1, t0 := d.Vehicles[0], d.Vehicles[1], d.Vehicles[2]
	if v0.Route != "east" || v0.DepartLane != "best" || v0.DepartSpeed != "max" || v0.Trip {
		t.Errorf("v0 %+v", v0)
	}
	if v1.Depart != 5 || !reflect.DeepEqual(v1.Edges, []string{"A0A1", "A1B1", "B1C1"}) || len(v1.Stops) != 1 ||
		v1.Stops[0].Lane != "A1B1_0" || v1.Stops[0].EndPos != 150 || v1.Stops[0].Duration != 20 {
		t.Errorf("v1 %+v", v1)
	}
	if !t0.Trip || t0.From != "A0B0" || t0.To != "C1C2" || !reflect.DeepEqual(t0.Via, []string{"B0C0"}) || t0.Depart != 10 {
		t.Errorf("t0 %+v", t0)
	}
}

func checkFlows(t *testing.T, d *Demand) {
	t.Helper()
	f := d.Flows
	if f[0].Period != 10 || f[0].End != 100 || f[0].Route != "east" {
		t.Errorf("f0 %+v", f[0])
	}
	if f[1].VehsPerHour != 360 || f[1].From != "C2B2" || f[1].DepartSpeed != "desired" {
		t.Errorf("f1 %+v", f[1])
	}
	if f[2].Number != 5 || f[3].ID != "f4" || f[3].Period != 25 {
		t.Errorf("f3/f4 %+v %+v", f[2], f[3])
	}
	if f[4].Probability != 0.1 || f[4].Begin != 20 || f[4].Route != "either" {
		t.Errorf("f2 %+v", f[4])
	}
}

// TestTripInfoRoundTrip reads SUMO's own tripinfo output for the mixed
// demand and writes it back: the records decode to the same values, and
// the first record holds what SUMO wrote for it.
func TestTripInfoRoundTrip(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "tripinfo.xml"))
	if err != nil {
		t.Fatal(err)
	}
	trips, err := DecodeTripInfos(bytes.NewReader(raw), "tripinfo.xml")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(raw), "<tripinfo "); len(trips) != n {
		t.Fatalf("%d trips, file has %d", len(trips), n)
	}
	v0 := trips[0]
	if v0.ID != "v0" || v0.Duration != 28 || v0.RouteLength != 382.1 || v0.DepartSpeed != 13.89 || v0.ArrivalLane != "B0C0_0" {
		t.Errorf("v0 %+v", v0)
	}
	var buf bytes.Buffer
	if err := EncodeTripInfos(&buf, trips); err != nil {
		t.Fatal(err)
	}
	back, err := DecodeTripInfos(&buf, "again")
	if err != nil {
		t.Fatal(err)
	}
	for i := range back {
		back[i].Line, trips[i].Line = 0, 0
	}
	if !reflect.DeepEqual(back, trips) {
		t.Error("round trip changed the records")
	}
}

// TestEncodeAdditionalRoundTrip writes programs and reads them back.
func TestEncodeAdditionalRoundTrip(t *testing.T) {
	in := decodeDemandFile(t, filepath.Join("testdata", "signals.add.xml")).TLLogics
	var buf bytes.Buffer
	if err := EncodeAdditional(&buf, in); err != nil {
		t.Fatal(err)
	}
	out, err := DecodeDemand(&buf, "out.add.xml")
	if err != nil {
		t.Fatal(err)
	}
	for i := range in {
		in[i].Line, out.TLLogics[i].Line = 0, 0
	}
	if !reflect.DeepEqual(out.TLLogics, in) {
		t.Errorf("round trip:\n%+v\n%+v", out.TLLogics, in)
	}
	bad := []TLLogic{{ID: ""}, {ID: "a", Phases: []Phase{{Duration: 1}}}}
	for _, l := range bad {
		if err := EncodeAdditional(&buf, []TLLogic{l}); !errors.Is(err, ErrEncode) {
			t.Errorf("%+v: %v", l, err)
		}
	}
}

// TestDecodeErrors: malformed input gives a *geo.ParseError at the line
// of the fault, wrapping the right sentinels.
func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		name, doc string
		demand    bool
		line      int
		kinds     []error
	}{
		{"empty", "", false, 1, []error{geo.ErrSyntax, ErrTruncated}},
		{"root", "<routes/>", false, 1, []error{geo.ErrUnsupported, ErrFormat}},
		{"truncated", "<net>\n<edge id=\"a\">\n", false, 3, []error{geo.ErrSyntax, ErrTruncated}},
		{"lane speed", "<net>\n<edge id=\"a\">\n<lane id=\"a_0\" index=\"0\" speed=\"x\" length=\"1\"/></edge></net>", false, 3, []error{geo.ErrInvalid, ErrAttr}},
		{"lane length", "<net>\n\n<edge id=\"a\"><lane id=\"a_0\" index=\"0\" speed=\"1\"/></edge></net>", false, 3, []error{geo.ErrInvalid, ErrAttr}},
		{"nan", "<net><junction id=\"j\" x=\"NaN\" y=\"0\"/></net>", false, 1, []error{geo.ErrInvalid, ErrAttr}},
		{"vclass", "<net>\n<edge id=\"a\"><lane id=\"a_0\" index=\"0\" speed=\"1\" length=\"1\" allow=\"car\"/></edge></net>", false, 2, []error{ErrAttr}},
		{"request", "<net><junction id=\"j\">\n<request index=\"0\" response=\"02\" foes=\"0\"/></junction></net>", false, 2, []error{ErrAttr}},
		{"phase", "<net><tlLogic id=\"t\">\n\n<phase duration=\"0\" state=\"G\"/></tlLogic></net>", false, 3, []error{ErrAttr}},
		{"state", "<net><tlLogic id=\"t\"><phase duration=\"5\" state=\"Gx\"/></tlLogic></net>", false, 1, []error{ErrAttr}},
		{"depart", "<routes>\n<vehicle id=\"v\" depart=\"triggered\"/></routes>", true, 2, []error{geo.ErrUnsupported, ErrAttr}},
		{"departLane", "<routes><vehicle id=\"v\" depart=\"0\" departLane=\"left\"/></routes>", true, 1, []error{ErrAttr}},
		{"flow rate", "<routes>\n<flow id=\"f\" period=\"1\" vehsPerHour=\"3\"/></routes>", true, 2, []error{ErrAttr}},
		{"flow none", "<routes><flow id=\"f\" begin=\"0\" end=\"9\"/></routes>", true, 1, []error{ErrAttr}},
		{"trip", "<routes><trip id=\"t\" depart=\"0\" from=\"a\"/></routes>", true, 1, []error{ErrAttr}},
		{"speedFactor", "<routes><vType id=\"t\" speedFactor=\"unif(1,2)\"/></routes>", true, 1, []error{ErrAttr}},
		{"route", "<routes>\n\n\n<route id=\"r\" edges=\"\"/></routes>", true, 4, []error{ErrAttr}},
		{"syntax", "<routes>\n<vehicle id=\"v\"</routes>", true, 2, []error{geo.ErrSyntax}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			if c.demand {
				_, err = DecodeDemand(strings.NewReader(c.doc), "f.xml")
			} else {
				_, err = DecodeNet(strings.NewReader(c.doc), "f.xml")
			}
			var pe *geo.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *geo.ParseError", err)
			}
			if pe.Line != c.line || pe.File != "f.xml" {
				t.Errorf("at %s:%d, want line %d (%v)", pe.File, pe.Line, c.line, err)
			}
			for _, k := range c.kinds {
				if !errors.Is(err, k) {
					t.Errorf("%v does not wrap %v", err, k)
				}
			}
		})
	}
}

// TestParseTime: SUMO's time strings.
func TestParseTime(t *testing.T) {
	for in, want := range map[string]float64{"12.5": 12.5, "1:00": 60, "1:02:03": 3723, "1:00:00:01": 86401} {
		if got, ok := parseTime(in); !ok || got != want {
			t.Errorf("%q: %v %v, want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "a", "1:-2", "1:2:3:4:5", "Inf"} {
		if _, ok := parseTime(in); ok {
			t.Errorf("%q accepted", in)
		}
	}
}

// TestClasses: permission sets.
func TestClasses(t *testing.T) {
	c, _, ok := ParseClasses("bus taxi")
	bus, _ := Class("bus")
	car, _ := Class("passenger")
	if !ok || !c.Allows(bus) || c.Allows(car) || !c.Allows(ClassIgnoring) || c.String() != "taxi bus" {
		t.Errorf("%v %v", c, ok)
	}
	if AllClasses.String() != "all" {
		t.Error(AllClasses.String())
	}
	if _, bad, ok := ParseClasses("bus car"); ok || bad != "car" {
		t.Errorf("car accepted (%q)", bad)
	}
}
