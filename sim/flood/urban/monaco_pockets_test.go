package urban

import (
	"math"
	"testing"
)

// spillDepths returns, per cell of m's grid, how deep water can stand
// before it spills to an outlet (the free edges or the shore): on the bed
// with m's blocked cells as walls, and on the bare bed (sea cells and
// cells without terrain excluded from both), m; +Inf where walled in.
// Priority-flood (Barnes et al. 2014), written here apart from the
// package's drainage of pockets.
func spillDepths(m *Model) (walled, bare []float64) {
	g := m.Grid()
	land := func(c int) bool { return !m.Sea(c) && !math.IsNaN(float64(g.Data[c])) }
	open := func(c int) bool { return land(c) && !m.Blocked(c) }
	outlets := func(pass func(int) bool) func(int) bool {
		return func(c int) bool {
			col, row := c%g.Cols, c/g.Cols
			if pass(c) {
				return col == 0 || row == 0 || col == g.Cols-1 || row == g.Rows-1
			}
			if !m.Sea(c) {
				return false
			}
			for _, nb := range []int{c - g.Cols, c - 1, c + 1, c + g.Cols} {
				if nb >= 0 && nb < len(g.Data) && (nb%g.Cols == col || nb/g.Cols == row) && pass(nb) {
					return true
				}
			}
			return false
		}
	}
	depth := func(lv []float64) []float64 {
		for c := range lv {
			lv[c] -= float64(g.Data[c])
		}
		return lv
	}
	return depth(fillLevels(&g, open, outlets(open))), depth(fillLevels(&g, land, outlets(land)))
}

// TestMonacoPockets builds the sample city on the 10 m grid of `twin
// flood` (sea below 0 m) and checks the static bound behind the depth
// bound of TestMonacoDesignStorm: with pockets kept, blocked buildings
// wall in open cells metres deeper than the bare terrain's own
// depressions (the defect: up to 10.8 m of water in dead-end streets);
// drained, no open land cell can hold water more than PocketDepth
// (0.15 m) deeper than on the bare terrain, and none is walled in.
func TestMonacoPockets(t *testing.T) {
	mo := loadMonaco(t)
	in := Inputs{DEM: mo.dem, ToDEM: mo.toDEM, Bounds: mo.bounds, Buildings: mo.buildings, Roads: mo.roads}
	sea := 0.0
	for _, tt := range []struct {
		name string
		keep bool
	}{{"kept", true}, {"drained", false}} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := New(in, Options{CellSize: 10, SeaLevel: &sea, KeepPockets: tt.keep})
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			walled, bare := spillDepths(m)
			over, enclosed, worst := 0, 0, 0.0
			for c := range walled {
				if m.Blocked(c) || m.Sea(c) {
					continue
				}
				switch ex := walled[c] - bare[c]; {
				case math.IsInf(walled[c], 1):
					enclosed++
				case ex > DefaultPocketDepth+1e-6:
					over++
					worst = math.Max(worst, ex)
				}
			}
			t.Logf("%d building cells opened; %d open cells over %.2f m (worst %.2f m), %d walled in",
				m.Passages(), over, DefaultPocketDepth, worst, enclosed)
			if tt.keep && (over < 500 || worst < 5 || enclosed == 0) {
				t.Errorf("pockets kept: %d cells over, worst %.2f m, %d walled in; want the defect (≥ 500, ≥ 5 m, > 0)", over, worst, enclosed)
			}
			if !tt.keep && (over > 0 || enclosed > 0) {
				t.Errorf("drained: %d cells over %.2f m (worst %.2f m), %d walled in; want none", over, DefaultPocketDepth, worst, enclosed)
			}
		})
	}
}
