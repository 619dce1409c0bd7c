package osm

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// assembleRings joins way node lists into closed rings, end to end,
// reversing fragments as needed, in the order of each ring's first
// fragment. Closed lists are rings on their own; lists of fewer than 2
// nodes are ignored. When a ring cannot be closed it returns ok false and
// the node where the open end stops. O(n) in the number of fragments.
func assembleRings(frags [][]int64) (rings [][]int64, stuck int64, ok bool) {
	ends := make(map[int64][]int)
	for i, f := range frags {
		if len(f) >= 2 && f[0] != f[len(f)-1] {
			ends[f[0]] = append(ends[f[0]], i)
			ends[f[len(f)-1]] = append(ends[f[len(f)-1]], i)
		}
	}
	used := make([]bool, len(frags))
	for i, f := range frags {
		if used[i] || len(f) < 2 {
			continue
		}
		used[i] = true
		cur := append([]int64(nil), f...)
		for cur[0] != cur[len(cur)-1] {
			end := cur[len(cur)-1]
			j := nextFragment(ends[end], used)
			if j < 0 {
				return nil, end, false
			}
			used[j] = true
			g := frags[j]
			if g[0] == end {
				cur = append(cur, g[1:]...)
			} else {
				for k := len(g) - 2; k >= 0; k-- {
					cur = append(cur, g[k])
				}
			}
		}
		rings = append(rings, cur)
	}
	return rings, 0, true
}

func nextFragment(cands []int, used []bool) int {
	for _, j := range cands {
		if !used[j] {
			return j
		}
	}
	return -1
}

// orient reverses r in place when needed so that it runs counter-clockwise
// (ccw true) or clockwise, in lon/lat (the same sense as on the ground).
func orient(r orb.Ring, ccw bool) {
	if (r.Orientation() == orb.CCW) != ccw {
		r.Reverse()
	}
}

// ringArea is the absolute planar area of r in squared degrees, only for
// comparing rings.
func ringArea(r orb.Ring) float64 { return math.Abs(planar.Area(r)) }

// ringInside reports whether inner lies in outer: at least half of its
// vertices are inside or on outer (tolerating inner rings that touch or
// cross the outer a little, as drawn in OSM).
func ringInside(inner, outer orb.Ring) bool {
	n := len(inner) - 1 // the closing point repeats the first
	in := 0
	for _, p := range inner[:n] {
		if planar.RingContains(outer, p) {
			in++
		}
	}
	return n > 0 && 2*in >= n
}

// polygons groups outer rings (counter-clockwise) with the inner rings
// (clockwise) they contain; an inner inside several outers goes to the
// smallest. Inners inside no outer are returned as orphans.
func polygons(outers, inners []orb.Ring) (mp orb.MultiPolygon, orphans int) {
	mp = make(orb.MultiPolygon, len(outers))
	areas := make([]float64, len(outers))
	for i, r := range outers {
		orient(r, true)
		mp[i] = orb.Polygon{r}
		areas[i] = ringArea(r)
	}
	for _, in := range inners {
		orient(in, false)
		best := -1
		for i, out := range outers {
			if (best < 0 || areas[i] < areas[best]) && ringInside(in, out) {
				best = i
			}
		}
		if best < 0 {
			orphans++
			continue
		}
		mp[best] = append(mp[best], in)
	}
	return mp, orphans
}
