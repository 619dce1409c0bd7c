package urban

import (
	"math"

	"twin/geo"
)

// drainage4 lists the 4-neighbour offsets (column, row) in index order.
var drainage4 = [4][2]int{{0, -1}, {-1, 0}, {1, 0}, {0, 1}}

// pocketFinder compares where water can stand on the open cells with
// where it could stand on the bare terrain.
type pocketFinder struct {
	g      *geo.Grid
	cv     *cover
	sea    []bool
	closed bool      // outer edges closed: no outlet there
	bare   []float64 // spill levels of the terrain without buildings, m
}

// land reports whether c has terrain above the sea.
func (p *pocketFinder) land(c int) bool { return !math.IsNaN(float64(p.g.Data[c])) && !p.sea[c] }

// edge reports whether c lies on the grid's outer edge and that edge lets
// water out.
func (p *pocketFinder) edge(c int) bool {
	if p.closed {
		return false
	}
	col, row := c%p.g.Cols, c/p.g.Cols
	return col == 0 || row == 0 || col == p.g.Cols-1 || row == p.g.Rows-1
}

// shore reports whether c is a sea cell with a 4-neighbour for which
// pass is true.
func (p *pocketFinder) shore(c int, pass func(int) bool) bool {
	if !p.sea[c] {
		return false
	}
	found := false
	p.neighbours(c, func(nb int) {
		found = found || pass(nb)
	})
	return found
}

// neighbours calls fn for each 4-neighbour of c inside the grid.
func (p *pocketFinder) neighbours(c int, fn func(nb int)) {
	col, row := c%p.g.Cols, c/p.g.Cols
	for _, d := range drainage4 {
		cc, rr := col+d[0], row+d[1]
		if cc >= 0 && rr >= 0 && cc < p.g.Cols && rr < p.g.Rows {
			fn(rr*p.g.Cols + cc)
		}
	}
}

// openLand reports whether c is an open cell above the sea.
func (p *pocketFinder) openLand(c int) bool { return p.cv.open(c) && p.land(c) }

// levels returns the spill levels of the open cells (fillLevels with
// buildings as walls; outlets: open edge cells and the shore).
func (p *pocketFinder) levels() []float64 {
	return fillLevels(p.g, p.openLand, func(c int) bool {
		return (p.openLand(c) && p.edge(c)) || p.shore(c, p.openLand)
	})
}

// bareLevels returns the spill levels of the terrain with every building
// cell open.
func bareLevels(g *geo.Grid, sea []bool, closed bool) []float64 {
	p := &pocketFinder{g: g, sea: sea, closed: closed}
	return fillLevels(g, p.land, func(c int) bool {
		return (p.land(c) && p.edge(c)) || p.shore(c, p.land)
	})
}

// drainPockets opens blocked building cells until no open cell can hold
// water more than tol metres above the level at which the bare terrain
// (buildings removed) would hold it. Each round finds the pockets, the
// 4-connected groups of open cells over the tolerance (cells walled in
// on all sides included), and opens, for each, the blocked building cell
// beside it whose bare spill level is lowest (then lowest bed, then
// lowest index), giving it roughness n: the cell now stands for the
// gaps, passages and doorways narrower than a cell through which water
// leaves a yard or a dead-end street between buildings. It returns the
// number of cells opened. Every round opens at least one cell, so it
// ends; in practice a few rounds of O(cells · log cells) each.
func (cv *cover) drainPockets(g *geo.Grid, sea []bool, closed bool, tol float64, n float32) int {
	p := &pocketFinder{g: g, cv: cv, sea: sea, closed: closed, bare: bareLevels(g, sea, closed)}
	opened := 0
	for {
		lv := p.levels()
		k := p.openRound(lv, tol, n)
		if k == 0 {
			return opened
		}
		opened += k
	}
}

// openRound opens one blocked cell beside each pocket of the spill levels
// lv, and returns how many it opened.
func (p *pocketFinder) openRound(lv []float64, tol float64, n float32) int {
	over := func(c int) bool {
		return p.openLand(c) && !math.IsInf(p.bare[c], 1) && lv[c]-p.bare[c] > tol
	}
	seen := make([]bool, len(lv))
	var toOpen []int
	var stack []int
	for c := range lv {
		if seen[c] || !over(c) {
			continue
		}
		best := -1
		seen[c] = true
		stack = append(stack[:0], c)
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			p.neighbours(x, func(nb int) {
				switch {
				case seen[nb]:
				case over(nb):
					seen[nb] = true
					stack = append(stack, nb)
				case p.blockedBuilding(nb) && p.lower(nb, best):
					best = nb
				}
			})
		}
		if best >= 0 {
			toOpen = append(toOpen, best)
		}
	}
	k := 0
	for _, c := range toOpen {
		if !p.cv.open(c) { // two pockets may share the same cell
			p.cv.rough[c] = n
			k++
		}
	}
	return k
}

// blockedBuilding reports whether c is a blocked building cell on land.
func (p *pocketFinder) blockedBuilding(c int) bool {
	return p.cv.bldg[c] && !p.cv.open(c) && p.land(c)
}

// lower reports whether cell a drains better than b (-1: none yet):
// lower bare spill level, then lower bed, then lower index.
func (p *pocketFinder) lower(a, b int) bool {
	if b < 0 {
		return true
	}
	if p.bare[a] != p.bare[b] {
		return p.bare[a] < p.bare[b]
	}
	za, zb := p.g.Data[a], p.g.Data[b]
	if za != zb {
		return za < zb
	}
	return a < b
}
