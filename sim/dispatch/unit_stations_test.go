package dispatch

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"twin/assets"
	"twin/geo"
	"twin/geo/osm"
)

// TestStationsFromBuildings: the sample city's tagged station buildings,
// as listed by `osmium tags-filter monaco.osm.pbf amenity=fire_station,
// police,hospital emergency=ambulance_station`: two police buildings,
// three hospitals (the fourth, IM2S, has emergency=no), no fire station
// building (both are tagged on lone nodes: see
// TestStationsFromPOIsSampleCity).
func TestStationsFromBuildings(t *testing.T) {
	tw := monaco(t)
	got := map[string]UnitType{}
	for _, s := range StationsFromBuildings(tw.bs) {
		got[s.ID] = s.Type
	}
	want := map[string]UnitType{
		"w261584551": UnitPolice, "w262421148": UnitPolice,
		"w49209406": UnitAmbulance, "w94252399": UnitAmbulance, "w572949998": UnitAmbulance,
	}
	if len(got) != len(want) {
		t.Fatalf("stations %v, want %v", got, want)
	}
	for id, typ := range want {
		if got[id] != typ {
			t.Errorf("%s: %q, want %q", id, got[id], typ)
		}
	}
}

// TestMedianStations: on the sample city the k-median sites' weighted
// travel time equals the brute-force optimum over the same 64 candidate
// sites, for k = 1 (every site tried) and k = 2 (every pair tried: 2016),
// to a relative 1e-12.
func TestMedianStations(t *testing.T) {
	tw := monaco(t)
	cov := NewCoverage(tw.g, tw.d)
	for _, k := range []int{1, 2} {
		st, err := MedianStations(rand.New(rand.NewPCG(5, 5)), cov, UnitEngine, k)
		if err != nil {
			t.Fatal(err)
		}
		cands := sampleDemand(rand.New(rand.NewPCG(5, 5)), tw.d, medianCandidates)
		tm := make([][]float64, len(cands))
		for i, c := range cands {
			tm[i] = must(cov.Times(tw.d.Snaps[c]))
		}
		best := math.Inf(1)
		for a := range cands {
			if k == 1 {
				best = min(best, medianCost(tw.d, tm, []int{a}))
				continue
			}
			for b := a + 1; b < len(cands); b++ {
				best = min(best, medianCost(tw.d, tm, []int{a, b}))
			}
		}
		var sites []int
		for _, s := range st {
			i := slices.IndexFunc(cands, func(c int) bool { return tw.d.Snaps[c].Point == s.Point })
			if i < 0 {
				t.Fatalf("station %s is not a candidate", s.ID)
			}
			sites = append(sites, i)
		}
		if got := medianCost(tw.d, tm, sites); len(st) != k || math.Abs(got-best) > 1e-12*best {
			t.Errorf("k = %d: cost %v, brute force %v (%d stations)", k, got, best, len(st))
		}
	}
}

// monacoPOIs decodes the sample city's pois layer and projects it like
// the town fixture.
func monacoPOIs(t *testing.T, tw *town) []geo.Feature {
	t.Helper()
	f, err := assets.City().Open("monaco.osm.pbf")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ds, err := osm.Decode(context.Background(), f, "monaco.osm.pbf", osm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []geo.Feature
	for _, p := range ds.Layers[geo.LayerPOIs] {
		out = append(out, geo.Transform(p, tw.fn))
	}
	return out
}

// TestStationsFromPOIsSampleCity: the sample city's points of interest
// (osmium tags-filter monaco.osm.pbf n/amenity=fire_station,police,
// hospital,clinic n/emergency=ambulance_station: 11 nodes) give both fire
// stations as engine stations at their nodes, seven police stations and one
// ambulance station (Fondation Hector Ott; the other hospital node has
// emergency=no). None lies within 50 m of, or inside, a building station
// of its type (the nearest, n2104838900, is 185 m from w261584551), so
// StationsFromOSM is the five building stations followed by these nine.
// Node positions: osmium cat -f opl, projected like the fixture, to 1 mm.
func TestStationsFromPOIsSampleCity(t *testing.T) {
	tw := monaco(t)
	pois := monacoPOIs(t, tw)
	got := StationsFromPOIs(pois, tw.bs)
	want := []struct {
		id       string
		typ      UnitType
		lon, lat float64
	}{
		{"n280487253", UnitPolice, 7.4198353, 43.7321083},
		{"n1712696861", UnitPolice, 7.4178018, 43.7371325},
		{"n1736033542", UnitPolice, 7.4377845, 43.751428},
		{"n1794111177", UnitPolice, 7.4334137, 43.7470801},
		{"n1866465411", UnitEngine, 7.4177772, 43.7279297},
		{"n1866523017", UnitEngine, 7.4216832, 43.7323914},
		{"n1876665266", UnitPolice, 7.4273764, 43.7400152},
		{"n2104838900", UnitPolice, 7.416739, 43.7267384},
		{"n6482565676", UnitPolice, 7.4123523, 43.7281104},
		{"n7930513065", UnitAmbulance, 7.4145251, 43.734737},
	}
	if len(got) != len(want) {
		t.Fatalf("%d stations %v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		p := tw.fn(orb.Point{w.lon, w.lat})
		if g := got[i]; g.ID != w.id || g.Type != w.typ || planar.Distance(g.Point, p) > 1e-3 {
			t.Errorf("station %d: %s %s at %v, want %s %s at %v", i, g.ID, g.Type, g.Point, w.id, w.typ, p)
		}
	}
	all := StationsFromOSM(tw.bs, pois)
	if n := len(StationsFromBuildings(tw.bs)); len(all) != n+len(got) || !slices.Equal(all[n:], got) {
		t.Errorf("StationsFromOSM: %d stations, want %d buildings' then the points'", len(all), n+len(got))
	}
}

// TestStationsFromPOIsDedupe: a point inside a building station of its
// type, or within 50 m of its centroid, is the same station; a point of
// another type there, or of the same type 60 m away, is not. Distances are
// exact by construction (a 20 m square centred on the origin).
func TestStationsFromPOIsDedupe(t *testing.T) {
	sq := orb.MultiPolygon{{{{-10, -10}, {10, -10}, {10, 10}, {-10, 10}, {-10, -10}}}}
	big := orb.MultiPolygon{{{{990, -100}, {1010, -100}, {1010, 100}, {990, 100}, {990, -100}}}}
	bs := []*geo.Building{
		{ID: "w1", Footprint: sq, Attrs: geo.Attrs{"amenity": "fire_station"}},
		{ID: "w2", Footprint: big, Attrs: geo.Attrs{"amenity": "police"}},
		{ID: "w3", Footprint: sq, Attrs: geo.Attrs{"amenity": "school"}},
	}
	poi := func(id string, x, y float64, kv ...string) geo.Feature {
		props := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			props[kv[i]] = kv[i+1]
		}
		return &geo.Generic{ID: id, Geom: orb.Point{x, y}, Z: math.NaN(), Props: props}
	}
	pois := []geo.Feature{
		poi("n1", 5, 5, "amenity", "fire_station"),                // inside w1
		poi("n2", 0, 50, "amenity", "fire_station"),               // 50 m from w1's centroid
		poi("n3", 0, 60, "amenity", "fire_station"),               // 60 m: a second station
		poi("n4", 0, 0, "amenity", "police"),                      // other type: kept
		poi("n5", 1000, 95, "amenity", "police"),                  // inside w2, 95 m from its centroid
		poi("n6", 1000, 95, "emergency", "ambulance_station"),     // other type inside w2
		poi("n7", 3, 3, "amenity", "hospital", "emergency", "no"), // not a station
		poi("n8", math.NaN(), 0, "amenity", "police"),             // no location
		&geo.Generic{ID: "n9", Geom: orb.LineString{{0, 0}, {1, 1}}, Props: map[string]any{"amenity": "police"}},
	}
	var got []string
	for _, s := range StationsFromPOIs(pois, bs) {
		got = append(got, s.ID+":"+string(s.Type))
	}
	want := []string{"n3:engine", "n4:police", "n6:ambulance"}
	if !slices.Equal(got, want) {
		t.Errorf("stations %v, want %v", got, want)
	}
}
