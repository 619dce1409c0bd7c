package traffic

import (
	"errors"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"twin/geo/sumo"
)

func arterialNetwork(t testing.TB) *Network {
	t.Helper()
	n, err := FromSUMO(readNet(t, filepath.Join("testdata", "arterial.net.xml")), nil)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRouterArterial: by construction (testdata/make-scenarios.sh) the
// fastest way from the west end to the east end is the arterial itself:
// W→J0, J0→J1, …, J7→E (9 edges, 2200 m of edge length).
func TestRouterArterial(t *testing.T) {
	n := arterialNetwork(t)
	from, _ := n.Edge("WJ0")
	to, _ := n.Edge("J7E")
	route, ok := NewRouter(n).Route(from, to, 0)
	if !ok {
		t.Fatal("no route")
	}
	want := []string{"WJ0", "J0J1", "J1J2", "J2J3", "J3J4", "J4J5", "J5J6", "J6J7", "J7E"}
	var got []string
	for _, e := range route {
		got = append(got, n.Edges[e].ID)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("route %v", got)
	}
	if l := routeLength(n, route); l > 2200 || l < 2200-8*2*10 {
		t.Errorf("length %v, want 2200 less at most 10 m of junction area on each side of 8 junctions", l)
	}
}

// TestFlows: flow expansion counts, SUMO's rules: period p gives
// ⌈(end−begin)/p⌉ vehicles, vehsPerHour v gives period 3600/v, number n
// spreads n vehicles over the window, probability draws once per second
// (binomial: 0.25 × 400 = 100 ± 4σ = 35).
func TestFlows(t *testing.T) {
	n := arterialNetwork(t)
	for _, tc := range []struct {
		name     string
		f        sumo.Flow
		lo, hi   int
		firstGap float64
	}{
		{"period", sumo.Flow{Begin: 0, End: 100, Period: 7}, 15, 15, 7},
		{"vehsPerHour", sumo.Flow{Begin: 0, End: 3600, VehsPerHour: 360}, 360, 360, 10},
		{"number", sumo.Flow{Begin: 100, End: 200, Number: 20}, 20, 20, 5},
		{"capped period", sumo.Flow{Begin: 0, End: 100, Period: 1, Number: 10}, 10, 10, 1},
		{"probability", sumo.Flow{Begin: 0, End: 400, Probability: 0.25}, 65, 135, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.f
			f.ID, f.From, f.To = "f", "WJ0", "J7E"
			d, err := DemandFromSUMO(n, &sumo.Demand{Flows: []sumo.Flow{f}}, DemandOptions{}, rand.New(rand.NewPCG(5, 6)))
			if err != nil {
				t.Fatal(err)
			}
			if k := len(d.Trips); k < tc.lo || k > tc.hi {
				t.Fatalf("%d vehicles, want %d…%d", k, tc.lo, tc.hi)
			}
			if tc.firstGap > 0 && math.Abs(d.Trips[1].Depart-d.Trips[0].Depart-tc.firstGap) > 1e-9 {
				t.Errorf("spacing %v, want %v", d.Trips[1].Depart-d.Trips[0].Depart, tc.firstGap)
			}
			if len(d.Trips[0].Route) != 9 || d.Trips[0].ID != "f.0" {
				t.Errorf("first trip %s route %v", d.Trips[0].ID, d.Trips[0].Route)
			}
		})
	}
}

func TestDemandErrors(t *testing.T) {
	n := arterialNetwork(t)
	for _, tc := range []struct {
		name string
		d    sumo.Demand
	}{
		{"unknown edge", sumo.Demand{Vehicles: []sumo.Vehicle{{ID: "a", Edges: []string{"nope"}}}}},
		{"disconnected route", sumo.Demand{Vehicles: []sumo.Vehicle{{ID: "a", Edges: []string{"WJ0", "J7E"}}}}},
		{"unknown route", sumo.Demand{Vehicles: []sumo.Vehicle{{ID: "a", Route: "r"}}}},
		{"unknown type", sumo.Demand{Vehicles: []sumo.Vehicle{{ID: "a", Type: "x", Edges: []string{"WJ0"}}}}},
		{"flow without rate", sumo.Demand{Flows: []sumo.Flow{{ID: "f", End: 10, Edges: []string{"WJ0"}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DemandFromSUMO(n, &tc.d, DemandOptions{}, rand.New(rand.NewPCG(1, 1)))
			if !errors.Is(err, ErrDemand) {
				t.Errorf("err = %v, want ErrDemand", err)
			}
		})
	}
}

// TestDecodeOD: the CSV format of DecodeOD, good rows and positioned
// errors.
func TestDecodeOD(t *testing.T) {
	rows, err := DecodeOD(strings.NewReader("origin,destination,count,begin,end\n# comment\n\nWJ0, J7E, 3, 0, 60\nJ7E,WJ0,2,60,120\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0] != (ODEntry{"WJ0", "J7E", 3, 0, 60, 4}) || rows[1].Count != 2 {
		t.Fatalf("%+v", rows)
	}
	for _, bad := range []string{"a,b,1,0", "a,b,x,0,1", "a,b,1,5,1", "a,b,-1,0,1", ",b,1,0,1", "a,b,1,NaN,1", "a,b,1,0,Inf"} {
		if _, err := DecodeOD(strings.NewReader(bad)); !errors.Is(err, ErrDemand) || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	n := arterialNetwork(t)
	d, err := DemandFromOD(n, rows, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Trips) != 5 || d.Trips[0].Depart >= 60 || d.Trips[4].Depart < 60 || len(d.Trips[0].Route) != 9 {
		t.Errorf("trips %+v", d.Trips)
	}
}

func FuzzDecodeOD(f *testing.F) {
	f.Add("origin,destination,count,begin,end\nWJ0,J7E,3,0,60\n")
	f.Add("a,b,1,0,1\n#x\n")
	f.Fuzz(func(t *testing.T, s string) {
		rows, err := DecodeOD(strings.NewReader(s))
		if err != nil {
			if !errors.Is(err, ErrDemand) {
				t.Fatalf("error %v does not wrap ErrDemand", err)
			}
			return
		}
		for _, r := range rows {
			if r.Count < 0 || r.Count > maxODCount || !(r.End >= r.Begin) || r.Origin == "" {
				t.Fatalf("bad row accepted: %+v", r)
			}
		}
	})
}
