package dispatch

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestStationsFromBuildings: the sample city's tagged station buildings,
// as listed by `osmium tags-filter monaco.osm.pbf amenity=fire_station,
// police,hospital emergency=ambulance_station`: two police buildings,
// three hospitals (the fourth, IM2S, has emergency=no), no fire station
// building (both are tagged on lone nodes, which geo/osm does not keep).
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
