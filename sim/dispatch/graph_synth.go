package dispatch

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/paulmach/orb"

	"twin/geo"
)

// GridOptions shape a synthetic road grid (see SyntheticGrid). The zero
// value means defaults everywhere.
type GridOptions struct {
	// Cols and Rows are the number of nodes across and down; 0 means 1000
	// each (a million nodes).
	Cols, Rows int
	// SpacingM is the block size in metres; 0 means 100.
	SpacingM float64
	// ArterialEvery and FastEvery are the spacings, in blocks, of the
	// arterial roads and of the fast roads; 0 means 10 and 100.
	ArterialEvery, FastEvery int
	// Entrances is the number of residential streets per side of a
	// superblock that meet its arterial; 0 means 2.
	Entrances int
	// OneWay is the share of residential street segments that are
	// one-way, Drop the share left out (dead ends, gaps); 0 means 0.2 and
	// 0.1, negative means none.
	OneWay, Drop float64
}

// Validate reports whether o is usable. The error wraps ErrOptions.
func (o GridOptions) Validate() error {
	d := o.withDefaults()
	switch {
	case d.Cols < 2 || d.Rows < 2 || d.Cols*d.Rows > 1<<26:
		return fmt.Errorf("%w: grid %d × %d nodes", ErrOptions, d.Cols, d.Rows)
	case !(d.SpacingM > 0) || d.SpacingM > 1e5:
		return fmt.Errorf("%w: spacing %v m", ErrOptions, d.SpacingM)
	case d.ArterialEvery < 2 || d.ArterialEvery > 64 || d.FastEvery < d.ArterialEvery || d.FastEvery%d.ArterialEvery != 0:
		return fmt.Errorf("%w: arterials every %d, fast roads every %d blocks: want 2 ≤ a ≤ 64, f a multiple of a", ErrOptions, d.ArterialEvery, d.FastEvery)
	case d.Entrances < 1 || d.Entrances > d.ArterialEvery-1:
		return fmt.Errorf("%w: %d entrances per side of a %d-block superblock", ErrOptions, d.Entrances, d.ArterialEvery)
	case d.OneWay > 1 || d.Drop > 0.5 || d.OneWay != d.OneWay || d.Drop != d.Drop:
		return fmt.Errorf("%w: one-way share %v, drop share %v", ErrOptions, d.OneWay, d.Drop)
	}
	return nil
}

func (o GridOptions) withDefaults() GridOptions {
	defInt := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	defInt(&o.Cols, 1000)
	defInt(&o.Rows, 1000)
	defInt(&o.ArterialEvery, 10)
	defInt(&o.FastEvery, 100)
	defInt(&o.Entrances, 2)
	if o.SpacingM == 0 {
		o.SpacingM = 100
	}
	if o.OneWay == 0 {
		o.OneWay = 0.2
	}
	if o.Drop == 0 {
		o.Drop = 0.1
	}
	o.OneWay, o.Drop = max(o.OneWay, 0), max(o.Drop, 0)
	return o
}

// Road classes of the synthetic grid with their speed limits (m/s) and
// lanes per direction.
var gridClasses = [3]struct {
	class string
	limit float64
	lanes int
}{
	{"residential", 30 / 3.6, 1},
	{"primary", 50 / 3.6, 2},
	{"trunk", 80 / 3.6, 3},
}

// SyntheticGrid returns the links of a seeded, road-like grid in metres
// (origin at 0, 0), for benchmarks and tests on graphs larger than the
// sample cities. It is shaped like a city of superblocks:
//
//   - fast roads (class trunk, 80 km/h, 3 lanes each way) every FastEvery
//     blocks in both directions, meeting other roads only where arterials
//     cross them (interchanges);
//   - arterials (primary, 50 km/h, 2 lanes) every ArterialEvery blocks,
//     crossing each other at every meeting point;
//   - residential streets (30 km/h, 1 lane) inside each superblock, a
//     share of them one-way or missing, joined to the surrounding
//     arterials by only Entrances streets per side.
//
// Nodes lie on the grid, jittered by up to a tenth of a block; node IDs
// are "n{row·Cols+col}", ways are the runs of an arterial or fast road
// between two crossings and single residential segments, link IDs
// "w{way}.{part}" and "w{way}.{part}r" as geo/osm makes them. Only the
// largest strongly connected part is kept, so every node reaches every
// other. The same rng state and options give the same links. Errors:
// ErrOptions. O(Cols·Rows) time and memory (about 250 bytes per link).
func SyntheticGrid(rng *rand.Rand, opt GridOptions) ([]*geo.RoadLink, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	b := newGridBuilder(rng, opt.withDefaults())
	b.build()
	return b.keepLargestSCC(), nil
}

// gridBuilder holds the state of SyntheticGrid.
type gridBuilder struct {
	o      GridOptions
	rng    *rand.Rand
	pts    []orb.Point
	ids    []string
	links  []*geo.RoadLink
	nextWy int64
	// gates holds, per superblock side (rows?, block, arterial line, side),
	// the bit mask of its streets that meet the arterial.
	gates map[[4]int]uint64
}

func newGridBuilder(rng *rand.Rand, o GridOptions) *gridBuilder {
	b := &gridBuilder{o: o, rng: rng, nextWy: 1, gates: map[[4]int]uint64{}}
	n := o.Cols * o.Rows
	b.pts, b.ids = make([]orb.Point, n), make([]string, n)
	for r := range o.Rows {
		for c := range o.Cols {
			k := r*o.Cols + c
			jx, jy := (rng.Float64()-0.5)*0.2, (rng.Float64()-0.5)*0.2
			b.pts[k] = orb.Point{(float64(c) + jx) * o.SpacingM, (float64(r) + jy) * o.SpacingM}
			b.ids[k] = "n" + strconv.Itoa(k)
		}
	}
	return b
}

// level returns the class index of grid line i: 2 fast, 1 arterial, 0
// residential.
func (b *gridBuilder) level(i int) int {
	switch {
	case i%b.o.FastEvery == 0:
		return 2
	case i%b.o.ArterialEvery == 0:
		return 1
	}
	return 0
}

// gate reports whether the residential street on line i (a row when rows
// is true) meets the arterial line at col from the given side (0 before
// it, 1 after it): per superblock side, Entrances of its streets are drawn
// at random.
func (b *gridBuilder) gate(rows bool, i, col, side int) bool {
	a := b.o.ArterialEvery
	r := 0
	if rows {
		r = 1
	}
	key := [4]int{r, i / a, col, side}
	mask, ok := b.gates[key]
	if !ok {
		for _, k := range b.rng.Perm(a - 1)[:b.o.Entrances] {
			mask |= 1 << k
		}
		b.gates[key] = mask
	}
	return mask&(1<<(i%a-1)) != 0
}

// build lays every line of the grid: rows first, then columns.
func (b *gridBuilder) build() {
	o := b.o
	for r := range o.Rows {
		b.line(true, r, o.Cols)
	}
	for c := range o.Cols {
		b.line(false, c, o.Rows)
	}
}

// line lays grid line i (a row when rows is true) of n nodes.
func (b *gridBuilder) line(rows bool, i, n int) {
	node := func(k int) int {
		if rows {
			return i*b.o.Cols + k
		}
		return k*b.o.Cols + i
	}
	lv := b.level(i)
	if lv > 0 {
		b.mainRoad(lv, n, node)
		return
	}
	for k := 0; k+1 < n; k++ {
		a, z := b.level(k), b.level(k+1)
		if a == 2 || z == 2 { // residential streets never meet fast roads
			continue
		}
		if a == 1 && !b.gate(rows, i, k, 1) || z == 1 && !b.gate(rows, i, k+1, 0) {
			continue
		}
		if b.rng.Float64() < b.o.Drop {
			continue
		}
		dir := 0
		if b.rng.Float64() < b.o.OneWay {
			dir = 1 + b.rng.IntN(2)
		}
		b.addWay(0, dir, []int{node(k), node(k + 1)})
	}
}

// mainRoad lays an arterial or fast road along a line: one way per run
// between arterial crossings. A fast road's nodes between crossings meet
// nothing else (the residential streets stop short of them).
func (b *gridBuilder) mainRoad(lv, n int, node func(int) int) {
	run := []int{node(0)}
	for k := 1; k < n; k++ {
		run = append(run, node(k))
		if b.level(k) > 0 || k == n-1 {
			b.addWay(lv, 0, run)
			run = []int{node(k)}
		}
	}
}

// addWay adds the links of one way through the given nodes: dir 0 both
// ways, 1 along, 2 against.
func (b *gridBuilder) addWay(lv, dir int, nodes []int) {
	cl := gridClasses[lv]
	way := b.nextWy
	b.nextWy++
	prefix := "w" + strconv.FormatInt(way, 10) + "."
	for part := 0; part+1 < len(nodes); part++ {
		u, v := nodes[part], nodes[part+1]
		id := prefix + strconv.Itoa(part)
		mk := func(id string, u, v int) {
			b.links = append(b.links, &geo.RoadLink{
				ID: id, WayID: way, From: b.ids[u], To: b.ids[v],
				Line: orb.LineString{b.pts[u], b.pts[v]}, Lanes: cl.lanes, OneWay: dir != 0,
				MaxSpeed: cl.limit, SpeedSource: "tag", Class: cl.class,
			})
		}
		if dir != 2 {
			mk(id, u, v)
		}
		if dir != 1 {
			mk(id+"r", v, u)
		}
	}
}
