package urban

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"twin/geo"
)

// cover is what the buildings and roads make of each cell.
type cover struct {
	road  []bool
	bldg  []bool    // a building covers the cell's centre (and no road)
	rough []float32 // Manning's n; +Inf for blocked building cells
	// rainW is the rain multiplier of each cell: 1 for an open land cell
	// (0 for a coastal sink) plus the number of blocked roof cells whose
	// rain it receives; 0 when blocked.
	rainW []float32
	// coast lists the sea cells next to land (ascending): sinks that take
	// all the water reaching them. Other sea cells are blocked.
	coast []int32
	// touch lists, per building, the open cells next to or under it
	// (row-major, ascending).
	touch [][]int32
	// sea marks the cells at or below Options.SeaLevel (coast included).
	sea []bool
	// passages counts the building cells opened to drain pockets.
	passages int
}

// isTunnel reports whether a road runs underground (OSM tunnel=* other
// than "no").
func isTunnel(r *geo.Road) bool {
	v, ok := r.Attrs["tunnel"]
	if !ok {
		return false
	}
	s, _ := v.(string)
	return s != "no" && s != ""
}

// roadHalfWidth returns half the paved width of r, m.
func roadHalfWidth(r *geo.Road, def float64) float64 {
	switch r.Class {
	case "footway", "path", "steps", "cycleway", "bridleway", "corridor":
		return 1
	}
	if r.Lanes > 0 {
		return 1.75 * float64(r.Lanes)
	}
	return def / 2
}

// buildCover rasterises roads and buildings onto g. O(cells + Σ feature
// bounding-box cells × vertices).
func buildCover(g *geo.Grid, in *Inputs, o Options) *cover {
	n := g.Cols * g.Rows
	cv := &cover{road: make([]bool, n), bldg: make([]bool, n), rough: make([]float32, n),
		rainW: make([]float32, n), touch: make([][]int32, len(in.Buildings))}
	for _, r := range in.Roads {
		if r == nil || isTunnel(r) {
			continue
		}
		cellsOfLine(g, r.Line, roadHalfWidth(r, o.RoadWidth), func(c int) { cv.road[c] = true })
	}
	under := make([][]int32, len(in.Buildings))
	for i, b := range in.Buildings {
		if b == nil {
			continue
		}
		cellsOfPolygons(g, b.Footprint, func(c int) {
			under[i] = append(under[i], int32(c))
			if !cv.road[c] {
				cv.bldg[c] = true
			}
		})
		if len(under[i]) == 0 && len(b.Footprint) > 0 && len(b.Footprint[0]) > 0 && len(b.Footprint[0][0]) > 0 {
			p := b.Footprint[0][0][0]
			if c, r, ok := g.Cell(p[0], p[1]); ok {
				under[i] = append(under[i], int32(r*g.Cols+c))
			}
		}
	}
	blocked := o.Buildings == BuildingsBlocked
	sea := make([]bool, n)
	if o.SeaLevel != nil {
		for c, z := range g.Data {
			sea[c] = float64(z) <= *o.SeaLevel
		}
	}
	for c := range n {
		switch {
		case math.IsNaN(float64(g.Data[c])) || sea[c]:
			cv.rough[c] = float32(math.Inf(1))
		case cv.road[c]:
			cv.rough[c] = float32(o.RoadManning)
		case cv.bldg[c] && blocked:
			cv.rough[c] = float32(math.Inf(1))
		case cv.bldg[c]:
			cv.rough[c] = float32(o.BuildingManning)
		default:
			cv.rough[c] = float32(o.GroundManning)
		}
	}
	if blocked && !o.KeepPockets {
		cv.passages = cv.drainPockets(g, sea, o.ClosedEdges, o.PocketDepth, float32(o.GroundManning))
	}
	cv.sea = sea
	cv.setCoast(g, sea, float32(o.GroundManning))
	cv.routeRoofs(g)
	for i := range under {
		cv.touch[i] = cv.touching(g, under[i])
	}
	return cv
}

// setCoast opens the sea cells that have a land cell (open, not sea) among
// their 4-neighbours, as sinks of roughness n.
func (cv *cover) setCoast(g *geo.Grid, sea []bool, n float32) {
	for c, s := range sea {
		if !s {
			continue
		}
		col, row := c%g.Cols, c/g.Cols
		for _, d := range [4][2]int{{0, -1}, {-1, 0}, {1, 0}, {0, 1}} {
			cc, rr := col+d[0], row+d[1]
			if cc < 0 || rr < 0 || cc >= g.Cols || rr >= g.Rows {
				continue
			}
			if nb := rr*g.Cols + cc; !sea[nb] && cv.open(nb) {
				cv.coast = append(cv.coast, int32(c))
				break
			}
		}
	}
	for _, c := range cv.coast {
		cv.rough[c] = n
	}
}

// isCoast reports whether cell c is a coastal sink. O(log coast).
func (cv *cover) isCoast(c int) bool {
	_, found := slices.BinarySearch(cv.coast, int32(c))
	return found
}

// open reports whether cell c carries water.
func (cv *cover) open(c int) bool { return !math.IsInf(float64(cv.rough[c]), 1) }

// routeRoofs sets rainW: each blocked building cell sends its rain to the
// open cell a breadth-first search from all open cells (in index order,
// 4-neighbours) reaches it from; the sea's own cells get no rain. Roof cells no open cell reaches keep
// their rain out of the model.
func (cv *cover) routeRoofs(g *geo.Grid) {
	n := len(cv.rough)
	owner := make([]int32, n)
	queue := make([]int32, 0, n)
	for c := range n {
		owner[c] = -1
		if cv.open(c) {
			owner[c] = int32(c)
			if !cv.sea[c] {
				cv.rainW[c] = 1 // rain on the sea is no flood water
			}
			queue = append(queue, int32(c))
		}
	}
	for k := 0; k < len(queue); k++ {
		c := int(queue[k])
		col, row := c%g.Cols, c/g.Cols
		for _, d := range [4][2]int{{0, -1}, {-1, 0}, {1, 0}, {0, 1}} {
			cc, rr := col+d[0], row+d[1]
			if cc < 0 || rr < 0 || cc >= g.Cols || rr >= g.Rows {
				continue
			}
			nb := rr*g.Cols + cc
			if owner[nb] >= 0 || !cv.bldg[nb] {
				continue
			}
			owner[nb] = owner[c]
			cv.rainW[owner[c]]++
			queue = append(queue, int32(nb))
		}
	}
}

// touching returns the open land cells (no coastal sink) among cells and
// their 8-neighbours, ascending and distinct.
func (cv *cover) touching(g *geo.Grid, cells []int32) []int32 {
	var out []int32
	for _, c32 := range cells {
		c := int(c32)
		col, row := c%g.Cols, c/g.Cols
		for dr := -1; dr <= 1; dr++ {
			for dc := -1; dc <= 1; dc++ {
				cc, rr := col+dc, row+dr
				if cc < 0 || rr < 0 || cc >= g.Cols || rr >= g.Rows {
					continue
				}
				if nb := rr*g.Cols + cc; cv.open(nb) && !cv.sea[nb] {
					out = append(out, int32(nb))
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// lineCells returns the distinct cells a line crosses, ascending.
func lineCells(g *geo.Grid, line orb.LineString) []int32 {
	var out []int32
	cellsOfLine(g, line, 0, func(c int) { out = append(out, int32(c)) })
	slices.Sort(out)
	return slices.Compact(out)
}
