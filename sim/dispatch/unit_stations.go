package dispatch

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"twin/geo"
)

// StationsFromBuildings returns the stations that buildings' OSM tags mark:
// amenity=fire_station → engine; emergency=ambulance_station, or
// amenity=hospital unless emergency=no → ambulance; amenity=police →
// police. Each is placed at its footprint's centroid, named by the
// building's ID, in input order. Stations mapped as lone nodes come from
// StationsFromPOIs. O(n).
func StationsFromBuildings(bs []*geo.Building) []Station {
	var out []Station
	for _, b := range bs {
		typ := stationType(b.Attrs)
		if typ == "" || len(b.Footprint) == 0 {
			continue
		}
		c, _ := planar.CentroidArea(b.Footprint)
		if !finite(c[0]) || !finite(c[1]) {
			continue
		}
		out = append(out, Station{ID: b.ID, Type: typ, Point: c})
	}
	return out
}

// poiDedupeM is the distance within which a point of interest is taken
// for the same station as a building station of its type, metres: the
// usual offset between a station's node (often at its entrance or on a
// neighbouring plot) and its outline's centroid.
const poiDedupeM = 50

// StationsFromPOIs returns the stations that points of interest (the
// *geo.Generic point features of geo.LayerPOIs, in the graph's CRS) mark,
// by the same tag rule as StationsFromBuildings applied to their Props,
// each at its point and named by the feature's ID, in input order. A
// point that duplicates a station of bs is skipped: it lies inside the
// footprint of a building station of the same type, or within 50 m of
// such a station's centroid. Features of other kinds, non-point
// geometries and non-finite points are ignored. O(p·b) for p points and
// b building stations.
func StationsFromPOIs(pois []geo.Feature, bs []*geo.Building) []Station {
	type bstation struct {
		Station
		fp orb.MultiPolygon
	}
	var have []bstation
	for _, b := range bs {
		for _, s := range StationsFromBuildings([]*geo.Building{b}) {
			have = append(have, bstation{s, b.Footprint})
		}
	}
	var out []Station
	for _, f := range pois {
		g, ok := f.(*geo.Generic)
		if !ok {
			continue
		}
		p, ok := g.Geom.(orb.Point)
		typ := stationType(geo.Attrs(g.Props))
		if !ok || typ == "" || !finite(p[0]) || !finite(p[1]) {
			continue
		}
		dup := slices.ContainsFunc(have, func(h bstation) bool {
			return h.Type == typ && (planar.Distance(h.Point, p) <= poiDedupeM || planar.MultiPolygonContains(h.fp, p))
		})
		if !dup {
			out = append(out, Station{ID: g.ID, Type: typ, Point: p})
		}
	}
	return out
}

// StationsFromOSM returns the stations of the tagged buildings
// (StationsFromBuildings) followed by those of the points of interest
// that the buildings do not already give (StationsFromPOIs). O(p·b + b).
func StationsFromOSM(bs []*geo.Building, pois []geo.Feature) []Station {
	return append(StationsFromBuildings(bs), StationsFromPOIs(pois, bs)...)
}

func stationType(a geo.Attrs) UnitType {
	tag := func(k string) string { s, _ := a[k].(string); return s }
	switch {
	case tag("amenity") == "fire_station":
		return UnitEngine
	case tag("emergency") == "ambulance_station", tag("amenity") == "hospital" && tag("emergency") != "no":
		return UnitAmbulance
	case tag("amenity") == "police":
		return UnitPolice
	}
	return ""
}

// medianCandidates is how many demand points MedianStations tries as
// sites.
const medianCandidates = 64

// unreachablePenaltyS is the travel time charged for a demand point a
// site cannot reach, seconds.
const unreachablePenaltyS = 3600

// MedianStations places k stations of type typ where they minimise the
// floor-area weighted travel time from the nearest station to every demand
// point (the k-median problem, Hakimi 1964): the sites are drawn from up
// to 64 demand points sampled by rng with probability ∝ floor area, chosen
// greedily and improved by swapping sites (Teitz and Bart 1968) until no
// swap helps. Travel times are exact, from the Coverage (one OneToMany per
// candidate); an unreachable point costs one hour. Stations are named
// "default-{type}-{i}" and sit at their demand points; there are fewer
// than k when the demand has fewer distinct points. It is the default
// when the data name no station of a type. Errors: ErrOptions for k < 1;
// those of Coverage.Times. O(C·(n + k²·n)) for C candidates.
func MedianStations(rng *rand.Rand, cov *Coverage, typ UnitType, k int) ([]Station, error) {
	if k < 1 {
		return nil, fmt.Errorf("%w: %d stations", ErrOptions, k)
	}
	d := cov.Demand()
	cands := sampleDemand(rng, d, medianCandidates)
	tm := make([][]float64, len(cands))
	for i, c := range cands {
		t, err := cov.Times(d.Snaps[c])
		if err != nil {
			return nil, err
		}
		tm[i] = t
	}
	k = min(k, len(cands))
	var sites []int // indices into cands
	for len(sites) < k {
		best, bestCost := -1, math.Inf(1)
		for c := range cands {
			if cost := medianCost(d, tm, append(sites, c)); cost < bestCost {
				best, bestCost = c, cost
			}
		}
		sites = append(sites, best)
	}
	for improved := true; improved; {
		improved = false
		cur := medianCost(d, tm, sites)
		for j := range sites {
			for c := range cands {
				old := sites[j]
				sites[j] = c
				if cost := medianCost(d, tm, sites); cost < cur-1e-9*cur {
					cur, improved = cost, true
				} else {
					sites[j] = old
				}
			}
		}
	}
	out := make([]Station, len(sites))
	for i, c := range sites {
		out[i] = Station{ID: fmt.Sprintf("default-%s-%d", typ, i+1), Type: typ, Point: d.Snaps[cands[c]].Point}
	}
	return out, nil
}

// sampleDemand draws up to n distinct demand points with probability ∝
// weight, in draw order.
func sampleDemand(rng *rand.Rand, d *Demand, n int) []int {
	n = min(n, d.Len())
	seen := make(map[int]bool, n)
	var out []int
	for tries := 0; len(out) < n && tries < 50*n; tries++ {
		i := d.pick(rng.Float64())
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	return out
}

// medianCost is the weighted travel time to the nearest of the sites.
func medianCost(d *Demand, tm [][]float64, sites []int) float64 {
	var sum float64
	for i, w := range d.Weights {
		best := math.Inf(1)
		for _, s := range sites {
			best = min(best, tm[s][i])
		}
		sum += w * min(best, unreachablePenaltyS)
	}
	return sum
}
