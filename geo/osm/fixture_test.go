package osm

import (
	"context"
	"math"
	"os"
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// The fixture testdata/fixture.osm is hand-written: every expected value
// below follows from its tags by the rules in the package doc, and the
// lengths come from proj's geod, e.g.
//
//	echo "43.73 7.42 43.73 7.421" | geod +ellps=WGS84 -I +units=m -F %.6f  → 80.569022
//	echo "43.729 7.421 43.73 7.421" | geod … → 111.106962
//	echo "43.73 7.421 43.731 7.421" | geod … → 111.106981
//	echo "43.73 7.42 43.729 7.421" | geod … → 137.245154
const (
	geodEast    = 80.569022  // 0.001° of longitude at 43.73° N
	geodNorth1  = 111.106962 // 43.729° → 43.730° N
	geodNorth2  = 111.106981 // 43.730° → 43.731° N
	geodFootway = 137.245154 // n1 → n6
	mph30       = 13.4112    // 30 × 1609.344 m / 3600 s, exact
)

func decodeFixture(t *testing.T) *geo.Dataset {
	t.Helper()
	f, err := os.Open("testdata/fixture.osm")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ds, err := Decode(context.Background(), f, "fixture.osm", Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// near compares lengths with 1e-6 relative tolerance (geod prints µm).
func near(got, want float64) bool { return math.Abs(got-want) <= 1e-6*math.Abs(want) }

func TestFixtureRoads(t *testing.T) {
	ds := decodeFixture(t)
	want := []geo.Road{
		{ID: "w10", WayID: 10, Class: "primary", Name: "Main Street", Lanes: 3, OneWay: true,
			MaxSpeed: mph30, SpeedSource: "tag", Length: 3 * geodEast, Drivable: true},
		{ID: "w11", WayID: 11, Class: "residential", Lanes: 3,
			MaxSpeed: 25 / 3.6, SpeedSource: "default", Length: geodNorth1 + geodNorth2, Drivable: true},
		{ID: "w12", WayID: 12, Class: "service", Lanes: 1, OneWay: true,
			MaxSpeed: 15 / 3.6, SpeedSource: "default", Length: geodEast, Drivable: true},
		{ID: "w14", WayID: 14, Class: "footway",
			MaxSpeed: 5 / 3.6, SpeedSource: "default", Length: geodFootway},
	}
	got := ds.Layers[geo.LayerRoads]
	if len(got) != len(want) {
		t.Fatalf("%d roads, want %d (w13 is skipped)", len(got), len(want))
	}
	for i, w := range want {
		t.Run(w.ID, func(t *testing.T) {
			r := got[i].(*geo.Road)
			if !near(r.Length, w.Length) {
				t.Errorf("Length %.6f m, want %.6f (geod)", r.Length, w.Length)
			}
			if math.Abs(r.MaxSpeed-w.MaxSpeed) > 1e-12 {
				t.Errorf("MaxSpeed %v m/s, want %v", r.MaxSpeed, w.MaxSpeed)
			}
			g := *r
			g.Line, g.Attrs, g.Length, g.MaxSpeed = nil, nil, w.Length, w.MaxSpeed
			if !reflect.DeepEqual(g, w) {
				t.Errorf("got %+v\nwant %+v", g, w)
			}
		})
	}
}

func TestFixtureLinks(t *testing.T) {
	ds := decodeFixture(t)
	res, bwd20 := 25/3.6, 20/3.6
	want := []geo.RoadLink{
		{ID: "w10.0", From: "n1", To: "n2", Lanes: 3, OneWay: true, MaxSpeed: mph30, SpeedSource: "tag", Length: geodEast},
		{ID: "w10.1", From: "n2", To: "n3", Lanes: 3, OneWay: true, MaxSpeed: mph30, SpeedSource: "tag", Length: geodEast},
		{ID: "w10.2", From: "n3", To: "n4", Lanes: 3, OneWay: true, MaxSpeed: mph30, SpeedSource: "tag", Length: geodEast},
		// lanes=3 on a two-way road: 2 forward, 1 backward.
		{ID: "w11.0", From: "n6", To: "n2", Lanes: 2, MaxSpeed: res, SpeedSource: "default", Length: geodNorth1},
		{ID: "w11.0r", From: "n2", To: "n6", Lanes: 1, MaxSpeed: bwd20, SpeedSource: "tag", Length: geodNorth1},
		{ID: "w11.1", From: "n2", To: "n5", Lanes: 2, MaxSpeed: res, SpeedSource: "default", Length: geodNorth2},
		{ID: "w11.1r", From: "n5", To: "n2", Lanes: 1, MaxSpeed: bwd20, SpeedSource: "tag", Length: geodNorth2},
		// oneway=-1: only the reverse link; n7 (NaN) is dropped.
		{ID: "w12.0r", From: "n8", To: "n4", Lanes: 1, OneWay: true, MaxSpeed: 15 / 3.6, SpeedSource: "default", Length: geodEast},
	}
	got := ds.Layers[geo.LayerLinks]
	if len(got) != len(want) {
		t.Fatalf("%d links, want %d", len(got), len(want))
	}
	for i, w := range want {
		t.Run(w.ID, func(t *testing.T) {
			l := got[i].(*geo.RoadLink)
			if l.ID != w.ID || l.From != w.From || l.To != w.To || l.Lanes != w.Lanes ||
				l.OneWay != w.OneWay || l.SpeedSource != w.SpeedSource {
				t.Errorf("got %s %s→%s lanes %d oneway %v %s, want %s %s→%s lanes %d oneway %v %s",
					l.ID, l.From, l.To, l.Lanes, l.OneWay, l.SpeedSource,
					w.ID, w.From, w.To, w.Lanes, w.OneWay, w.SpeedSource)
			}
			if math.Abs(l.MaxSpeed-w.MaxSpeed) > 1e-12 {
				t.Errorf("MaxSpeed %v m/s, want %v", l.MaxSpeed, w.MaxSpeed)
			}
			if !near(l.Length, w.Length) {
				t.Errorf("Length %.6f m, want %.6f (geod)", l.Length, w.Length)
			}
			if len(l.Line) != 2 {
				t.Errorf("line has %d points, want 2", len(l.Line))
			}
		})
	}
}

func TestFixtureRoadNodes(t *testing.T) {
	ds := decodeFixture(t)
	type nd struct {
		id     string
		degree int
		signal bool
	}
	// n9 is a signal on no way: degree 0. n1's footway does not count.
	want := []nd{{"n1", 1, false}, {"n2", 2, false}, {"n3", 1, true}, {"n4", 2, false},
		{"n5", 1, false}, {"n6", 1, false}, {"n8", 1, false}, {"n9", 0, true}}
	var got []nd
	for _, f := range ds.Layers[geo.LayerRoadNodes] {
		n := f.(*geo.RoadNode)
		got = append(got, nd{n.ID, n.Degree, n.Signal})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("road nodes\ngot  %v\nwant %v", got, want)
	}
	n9 := ds.Layers[geo.LayerRoadNodes][7].(*geo.RoadNode)
	if n9.Point != (orb.Point{7.4250, 43.7320}) || n9.Attrs["crossing"] != "traffic_signals" {
		t.Errorf("n9 = %+v", n9)
	}
}

func TestFixtureRestrictions(t *testing.T) {
	ds := decodeFixture(t)
	want := []geo.TurnRestriction{
		{ID: "r20", Kind: "no_left_turn", FromWay: 10, ViaNode: "n2", ToWay: 11, Point: orb.Point{7.4210, 43.7300}},
		// Via way: the point is where the from way meets it (n4).
		{ID: "r21", Kind: "no_u_turn", FromWay: 12, ToWay: 11, ViaWays: []int64{10}, Point: orb.Point{7.4230, 43.7300}},
	}
	got := ds.Layers[geo.LayerRestrictions]
	if len(got) != len(want) {
		t.Fatalf("%d restrictions, want %d (r22 is skipped)", len(got), len(want))
	}
	for i, w := range want {
		g := *got[i].(*geo.TurnRestriction)
		g.Attrs = nil
		if !reflect.DeepEqual(g, w) {
			t.Errorf("got %+v\nwant %+v", g, w)
		}
	}
}

func TestFixtureBuildings(t *testing.T) {
	ds := decodeFixture(t)
	sq := func(x0, y0, x1, y1 float64) orb.Ring { // counter-clockwise
		return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	}
	cw := func(r orb.Ring) orb.Ring { r = r.Clone(); r.Reverse(); return r }
	tests := []struct {
		layer string
		want  geo.Building
	}{
		// Drawn clockwise, turned counter-clockwise; 4 levels × 3 m, min_height 3.
		{geo.LayerBuildings, geo.Building{ID: "w30", Type: "yes", Height: 12, MinHeight: 3, Levels: 4, HeightSource: "levels",
			Footprint: orb.MultiPolygon{{sq(7.4300, 43.7350, 7.4303, 43.7352)}}}},
		// 40 ft = 12.192 m.
		{geo.LayerBuildings, geo.Building{ID: "w31", Type: "house", Height: 40 * 0.3048, HeightSource: "height",
			Footprint: orb.MultiPolygon{{sq(7.4310, 43.7350, 7.4312, 43.7352)}}}},
		// height=tall is ignored: default for "yes", 3 storeys × 3 m.
		{geo.LayerBuildings, geo.Building{ID: "w32", Type: "yes", Height: 9, HeightSource: "default",
			Footprint: orb.MultiPolygon{{{{7.4300, 43.7340}, {7.4302, 43.7340}, {7.4302, 43.7342}, {7.4300, 43.7340}}}}}},
		// 2 levels, min level 1: from 3 m to 6 m.
		{geo.LayerBuildings, geo.Building{ID: "w35", Type: "garage", Height: 6, MinHeight: 3, Levels: 2, HeightSource: "levels",
			Footprint: orb.MultiPolygon{{sq(7.4320, 43.7340, 7.4322, 43.7342)}}}},
		// Outer joined from w41 and w42, hole w43 turned clockwise, second outer w44.
		{geo.LayerBuildings, geo.Building{ID: "r40", Type: "apartments", Height: 12.5, HeightSource: "height",
			Footprint: orb.MultiPolygon{
				{sq(7.4320, 43.7350, 7.4330, 43.7360), cw(sq(7.4323, 43.7353, 7.4327, 43.7357))},
				{sq(7.4340, 43.7350, 7.4342, 43.7352)},
			}}},
		// Part of w30 through relation r50; (2 + 1 roof) levels × 3 m.
		{geo.LayerBuildingParts, geo.Building{ID: "w34", Type: "yes", Parent: "w30", Height: 9, Levels: 2, HeightSource: "levels",
			Footprint: orb.MultiPolygon{{{{7.4300, 43.7350}, {7.4303, 43.7352}, {7.4300, 43.7352}, {7.4300, 43.7350}}}}}},
	}
	if got := ds.Count(geo.LayerBuildings); got != 5 {
		t.Errorf("%d buildings, want 5 (w33 is not closed)", got)
	}
	index := map[string]*geo.Building{}
	for _, layer := range []string{geo.LayerBuildings, geo.LayerBuildingParts} {
		for _, f := range ds.Layers[layer] {
			index[layer+"/"+f.FeatureID()] = f.(*geo.Building)
		}
	}
	for _, tc := range tests {
		t.Run(tc.want.ID, func(t *testing.T) {
			b, ok := index[tc.layer+"/"+tc.want.ID]
			if !ok {
				t.Fatalf("%s not in %s", tc.want.ID, tc.layer)
			}
			if !math.IsNaN(b.Ground) {
				t.Errorf("Ground %v, want NaN", b.Ground)
			}
			if math.Abs(b.Height-tc.want.Height) > 1e-9 {
				t.Errorf("Height %v, want %v", b.Height, tc.want.Height)
			}
			g := *b
			g.Attrs, g.Ground, g.Height = nil, 0, tc.want.Height
			if !reflect.DeepEqual(g, tc.want) {
				t.Errorf("got  %+v\nwant %+v", g, tc.want)
			}
		})
	}
}

func TestFixtureWarnings(t *testing.T) {
	ds := decodeFixture(t)
	want := []string{
		"fixture.osm:12: node n7: location (7.4215, NaN) missing or out of range; node skipped",
		"fixture.osm:18: node n60: location (7.425, 95) missing or out of range; node skipped",
		"fixture.osm:63: way w12: 1 of 3 node refs missing",
		"fixture.osm:68: way w13: 1 of 2 node refs missing",
		"fixture.osm:68: way w13: highway skipped: fewer than 2 nodes with a location",
		"fixture.osm:134: relation r22: restriction skipped: to way w999 not in file",
		`fixture.osm:87: w32: height="tall" not understood; ignored`,
		"fixture.osm:92: way w33: building skipped: way is not closed",
	}
	var got []string
	for _, w := range ds.Warnings {
		got = append(got, w.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings\ngot  %q\nwant %q", got, want)
	}
}
