package cityjson

import (
	"cmp"
	"math"
	"slices"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// edge is a directed segment between two exactly equal 2D points.
type edge struct{ a, b orb.Point }

// dissolve merges polygons that share edges into their outline: the edges
// that two polygons share in opposite directions (as the triangles of a
// triangulated floor do, or the roof faces of a gabled roof) cancel, and the
// remaining directed edges are chained into rings. Counter-clockwise rings
// become outer rings and clockwise ones holes of the smallest outer ring
// around them. It needs polys oriented as footprint makes them (outer CCW,
// holes CW) and shared vertices with identical coordinates, which CityJSON's
// indexed vertices give. When the merge fails (a dangling edge, a hole
// outside every outer ring, or a total area that differs from the parts'
// sum by more than 1e-6 relative) it returns the polygons unmerged. Polygons
// that overlap without sharing edges come back overlapping either way.
// Output order depends only on input order. O(e log e) in the edges.
func dissolve(polys []orb.Polygon) orb.MultiPolygon {
	if len(polys) == 1 {
		return orb.MultiPolygon{polys[0]}
	}
	var want float64
	for _, p := range polys {
		want += planar.Area(p)
	}
	edges := boundaryEdges(polys)
	rings, ok := chain(edges)
	if ok {
		if mp, ok := assemble(rings); ok && math.Abs(planar.Area(mp)-want) <= 1e-6*want+1e-9 {
			return mp
		}
	}
	return orb.MultiPolygon(polys)
}

// boundaryEdges returns the directed edges of polys, in input order, that
// no other edge cancels by running the opposite way. Edges are grouped by
// sorting rather than hashing: a slice costs far less memory than a map
// keyed by four float64s.
func boundaryEdges(polys []orb.Polygon) []edge {
	all := polygonEdges(polys)
	keys := make([]segKey, len(all))
	for i, e := range all {
		lo, hi, fwd := canon(e)
		keys[i] = segKey{lo, hi, int32(i), fwd}
	}
	slices.SortFunc(keys, func(x, y segKey) int {
		if c := cmpPoint(x.lo, y.lo); c != 0 {
			return c
		}
		if c := cmpPoint(x.hi, y.hi); c != 0 {
			return c
		}
		return cmp.Compare(x.i, y.i)
	})
	alive := make([]bool, len(all))
	for start := 0; start < len(keys); {
		end := start + 1
		for end < len(keys) && keys[end].lo == keys[start].lo && keys[end].hi == keys[start].hi {
			end++
		}
		survivors(keys[start:end], alive)
		start = end
	}
	out := all[:0]
	for i, e := range all {
		if alive[i] {
			out = append(out, e)
		}
	}
	return out
}

// segKey is an edge as an undirected segment lo–hi (lo < hi), with its
// index in input order and whether it runs from lo to hi.
type segKey struct {
	lo, hi orb.Point
	i      int32
	fwd    bool
}

func cmpPoint(a, b orb.Point) int {
	if c := cmp.Compare(a[0], b[0]); c != 0 {
		return c
	}
	return cmp.Compare(a[1], b[1])
}

// polygonEdges lists the non-degenerate edges of polys' rings in order.
func polygonEdges(polys []orb.Polygon) []edge {
	n := 0
	for _, p := range polys {
		for _, r := range p {
			n += len(r)
		}
	}
	all := make([]edge, 0, n)
	for _, p := range polys {
		for _, r := range p {
			for i := 0; i+1 < len(r); i++ {
				if r[i] != r[i+1] {
					all = append(all, edge{r[i], r[i+1]})
				}
			}
		}
	}
	return all
}

// canon orders an edge's ends so that both directions share a key; fwd
// tells whether e runs from lo to hi.
func canon(e edge) (lo, hi orb.Point, fwd bool) {
	if less(e.a, e.b) {
		return e.a, e.b, true
	}
	return e.b, e.a, false
}

// survivors marks alive the copies of one segment (group, in input
// order) that remain after opposite copies cancel in pairs: the surplus of
// one direction, its last copies in input order.
func survivors(group []segKey, alive []bool) {
	fwd := 0
	for _, k := range group {
		if k.fwd {
			fwd++
		}
	}
	rev := len(group) - fwd
	keepFwd, keepRev := fwd-min(fwd, rev), rev-min(fwd, rev)
	for j := len(group) - 1; j >= 0; j-- {
		k := group[j]
		if k.fwd && keepFwd > 0 {
			alive[k.i], keepFwd = true, keepFwd-1
		} else if !k.fwd && keepRev > 0 {
			alive[k.i], keepRev = true, keepRev-1
		}
	}
}

// less orders points by x, then y.
func less(a, b orb.Point) bool {
	if a[0] != b[0] {
		return a[0] < b[0]
	}
	return a[1] < b[1]
}

// chain links edges head to tail into closed rings, taking at each point
// the first unused edge (in input order) that leaves it. ok is false when
// an edge leads to a point no unused edge leaves from.
func chain(edges []edge) ([]orb.Ring, bool) {
	// from lists edge indices sorted by start point, then input order.
	from := make([]int32, len(edges))
	for i := range from {
		from[i] = int32(i)
	}
	slices.SortStableFunc(from, func(x, y int32) int { return cmpPoint(edges[x].a, edges[y].a) })
	used := make([]bool, len(edges))
	var rings []orb.Ring
	for start := range edges {
		if used[start] {
			continue
		}
		ring := orb.Ring{edges[start].a}
		cur := start
		for {
			used[cur] = true
			p := edges[cur].b
			ring = append(ring, p)
			if p == edges[start].a {
				break
			}
			cur = leaving(edges, from, used, p)
			if cur < 0 {
				return nil, false
			}
		}
		if len(ring) >= 4 {
			rings = append(rings, ring)
		}
	}
	return rings, true
}

// leaving returns the first unused edge starting at p, or −1.
func leaving(edges []edge, from []int32, used []bool, p orb.Point) int {
	k := sort.Search(len(from), func(i int) bool { return !less(edges[from[i]].a, p) })
	for ; k < len(from) && edges[from[k]].a == p; k++ {
		if !used[from[k]] {
			return int(from[k])
		}
	}
	return -1
}

// assemble sorts rings into polygons: counter-clockwise rings are outer
// rings, each clockwise ring becomes a hole of the smallest outer ring that
// contains all its vertices. Degenerate rings are dropped.
func assemble(rings []orb.Ring) (orb.MultiPolygon, bool) {
	type outer struct {
		i    int
		area float64
	}
	var outers []outer
	var holes []orb.Ring
	for i, r := range rings {
		switch r.Orientation() {
		case orb.CCW:
			outers = append(outers, outer{i, planar.Area(r)})
		case orb.CW:
			holes = append(holes, r)
		}
	}
	mp := make(orb.MultiPolygon, len(outers))
	for k, o := range outers {
		mp[k] = orb.Polygon{rings[o.i]}
	}
	bySize := make([]int, len(outers))
	for k := range bySize {
		bySize[k] = k
	}
	sort.SliceStable(bySize, func(a, b int) bool { return outers[bySize[a]].area < outers[bySize[b]].area })
	for _, h := range holes {
		k := container(h, mp, bySize)
		if k < 0 {
			return nil, false
		}
		mp[k] = append(mp[k], h)
	}
	return mp, len(mp) > 0
}

// container returns the index in mp of the smallest outer ring (visiting
// bySize in order) that contains every vertex of h, or −1.
func container(h orb.Ring, mp orb.MultiPolygon, bySize []int) int {
next:
	for _, k := range bySize {
		o := mp[k][0]
		if !o.Bound().Contains(h[0]) {
			continue
		}
		for _, p := range h {
			if !planar.RingContains(o, p) {
				continue next
			}
		}
		return k
	}
	return -1
}
