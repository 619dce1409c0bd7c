package urban

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

// TestFillLevels: the priority-flood spill levels of a 3 × 3 bowl whose
// rim is 2 m high but for one 1 m notch, drained from the edge cells:
// the centre (0 m) fills to the notch, 1 m, and every edge cell keeps its
// own bed (analytic).
func TestFillLevels(t *testing.T) {
	g := flat(3, 3, 10, 2)
	g.Data[4], g.Data[1] = 0, 1
	edge := func(c int) bool { return c != 4 }
	lv := fillLevels(g, func(int) bool { return true }, edge)
	for c, want := range []float64{2, 1, 2, 2, 1, 2, 2, 2, 2} {
		if lv[c] != want {
			t.Errorf("cell %d: level %g m, want %g", c, lv[c], want)
		}
	}
	// walled in: without a way to an outlet the level is +Inf
	lv = fillLevels(g, func(c int) bool { return c == 4 }, func(c int) bool { return c == 0 })
	if !math.IsInf(lv[4], 1) {
		t.Errorf("walled-in centre: level %g, want +Inf", lv[4])
	}
}

// deadEnd is a 9 × 6 grid of 10 m cells falling 1 m per row to the south
// (bed 5 − row, m) with a block of buildings over columns 2–6, rows 2–4,
// cut by a yard two cells long, (4, 2) and (4, 3), open to the north only.
func deadEnd() Inputs {
	g := flat(9, 6, 10, 0)
	for c := range g.Data {
		g.Data[c] = float32(5 - c/g.Cols)
	}
	box := func(x0, y0, x1, y1 float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
	}
	return Inputs{DEM: g, Buildings: []*geo.Building{
		{ID: "west", Footprint: box(20, 10, 40, 40)},
		{ID: "east", Footprint: box(50, 10, 70, 40)},
		{ID: "south", Footprint: box(40, 10, 50, 20)},
	}}
}

// TestDrainPockets: the yard of deadEnd holds water to 4 m, the level of
// its opening to the north, 2 m deep at (4, 3), where the bare slope would
// hold none. Draining opens exactly the cell below it, (4, 4), the blocked
// neighbour whose bare spill level is lowest (1 m), after which the yard
// drains south and its levels equal the bare bed's (analytic).
func TestDrainPockets(t *testing.T) {
	in := deadEnd()
	const yard, below = 3*9 + 4, 4*9 + 4
	for _, tt := range []struct {
		name      string
		keep      bool
		passages  int
		yardLevel float64
	}{
		{"kept", true, 0, 4},
		{"drained", false, 1, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := New(in, Options{KeepPockets: tt.keep})
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			if m.Passages() != tt.passages || m.Blocked(below) != tt.keep {
				t.Errorf("%d passages, (4, 4) blocked %v; want %d, %v", m.Passages(), m.Blocked(below), tt.passages, tt.keep)
			}
			g := m.Grid()
			lv := fillLevels(&g, func(c int) bool { return !m.Blocked(c) }, func(c int) bool {
				col, row := c%g.Cols, c/g.Cols
				return !m.Blocked(c) && (col == 0 || row == 0 || col == g.Cols-1 || row == g.Rows-1)
			})
			if lv[yard] != tt.yardLevel {
				t.Errorf("yard spill level %g m, want %g", lv[yard], tt.yardLevel)
			}
			var w float32
			for _, v := range m.cv.rainW {
				w += v
			}
			if w != 54 {
				t.Errorf("rain weights sum to %g, want 54 (every cell's rain, roofs included)", w)
			}
		})
	}
}
