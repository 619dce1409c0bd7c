package dispatch

// cch is the customizable contraction hierarchy (not built yet: the
// Dijkstra engine answers every query).
type cch struct{}

type cchScratch struct{}

func newCCH(*Graph, int) *cch         { return nil }
func (c *cch) numArcs() int           { return 0 }
func (c *cch) newScratch() cchScratch { return cchScratch{} }
func (c *cch) update([]int32)         {}
func (c *cch) route(*scratch, []endpoint, []endpoint, uint32) (uint32, int, int, []int32) {
	return inf, -1, -1, nil
}
func (c *cch) many(*scratch, []endpoint, [][]endpoint, bool, []uint32) {}
