package sewergen

import (
	"math"

	"github.com/paulmach/orb"
)

// contributingArea assigns every raster cell of the network's extent whose
// ground is above sea level (height > 0) and known to its nearest manhole
// within radius, and returns each manhole's local area in m². Cells are
// visited in a fixed order, so the result is deterministic.
func (g *graph) contributingArea(height func(orb.Point) (float64, bool), radius, cell float64, keep []bool) []float64 {
	area := make([]float64, len(g.nodes))
	var b orb.Bound
	first := true
	buckets := map[[2]int][]int{}
	key := func(p orb.Point) [2]int {
		return [2]int{int(math.Floor(p[0] / radius)), int(math.Floor(p[1] / radius))}
	}
	for i, n := range g.nodes {
		if !keep[i] {
			continue
		}
		if first {
			b, first = n.pt.Bound(), false
		} else {
			b = b.Extend(n.pt)
		}
		k := key(n.pt)
		buckets[k] = append(buckets[k], i)
	}
	if first {
		return area
	}
	b = b.Pad(radius)
	for y := b.Min[1] + cell/2; y < b.Max[1]; y += cell {
		for x := b.Min[0] + cell/2; x < b.Max[0]; x += cell {
			p := orb.Point{x, y}
			best, bd := -1, radius
			k := key(p)
			for dx := -1; dx <= 1; dx++ {
				for dy := -1; dy <= 1; dy++ {
					for _, i := range buckets[[2]int{k[0] + dx, k[1] + dy}] {
						d := math.Hypot(g.nodes[i].pt[0]-x, g.nodes[i].pt[1]-y)
						if d < bd || (d == bd && best >= 0 && g.nodes[i].id < g.nodes[best].id) {
							best, bd = i, d
						}
					}
				}
			}
			if best < 0 {
				continue
			}
			if h, ok := height(p); !ok || h <= 0 {
				continue // sea or no data
			}
			area[best] += cell * cell
		}
	}
	return area
}
