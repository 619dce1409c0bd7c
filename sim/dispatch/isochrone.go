package dispatch

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// IsochroneOptions shape Isochrones. The zero value means defaults.
type IsochroneOptions struct {
	// BufferM is how far in metres from a reached part of a road a point
	// still counts as reached (the walk from the kerb); 0 means 100.
	BufferM float64
	// CellM is the side of the raster cells in metres; 0 means BufferM/4.
	// It must not exceed BufferM·√2, so that every reached road point's
	// cell is marked.
	CellM float64
	// MaxCells bounds the raster; 0 means 16,000,000. Isochrones fails
	// with ErrOptions rather than allocate more.
	MaxCells int
}

// Validate reports whether o is usable. The error wraps ErrOptions.
func (o IsochroneOptions) Validate() error {
	d := o.withDefaults()
	switch {
	case !(d.BufferM > 0) || math.IsInf(d.BufferM, 0):
		return fmt.Errorf("%w: isochrone buffer %v m", ErrOptions, o.BufferM)
	case !(d.CellM > 0) || d.CellM > d.BufferM*math.Sqrt2:
		return fmt.Errorf("%w: isochrone cell %v m: want 0 < cell ≤ buffer·√2 (%v m)", ErrOptions, d.CellM, d.BufferM*math.Sqrt2)
	case d.MaxCells < 1:
		return fmt.Errorf("%w: isochrone MaxCells %d", ErrOptions, o.MaxCells)
	}
	return nil
}

func (o IsochroneOptions) withDefaults() IsochroneOptions {
	if o.BufferM == 0 {
		o.BufferM = 100
	}
	if o.CellM == 0 {
		o.CellM = o.BufferM / 4
	}
	if o.MaxCells == 0 {
		o.MaxCells = 16_000_000
	}
	return o
}

// reachedPart is the share [lo, hi] of an edge reached, entered at time
// enter (s) and left at leave (time linear along the edge).
type reachedPart struct {
	edge         int
	lo           float64
	enter, leave float64
}

// Isochrones returns, for each limit in limitsS (seconds, ascending), the
// area reachable from from within that time under the current costs, as
// a MultiPolygon in the graph's CRS (outer rings counter-clockwise, holes
// clockwise, as GeoJSON wants).
//
// Method: Reach gives every edge entered within the largest limit, with
// the times its start and end are passed; time is linear along an edge,
// so the part reached by a limit is known to the metre. A raster of
// CellM cells over the reached network takes, in each cell, the earliest
// time any road point within BufferM of the cell's centre is reached. The
// area of a limit is the union of the cells whose time is within it,
// traced into rings along the cell sides (a vertex where two cells meet
// only by a corner keeps them apart). So each area contains every road
// point reached within its limit (its cell's centre lies within
// CellM/√2 ≤ BufferM of it, and boundary points count as inside), and no
// point farther than BufferM + CellM/√2 from the reached roads.
//
// Errors: ErrSnap, ErrOptions for bad options or limits (not finite,
// negative, not ascending) or a raster over MaxCells. Cost: Reach's, plus
// O(cells) for the raster and the tracing. Safe for concurrent use;
// deterministic.
func (g *Graph) Isochrones(from Snap, limitsS []float64, opt IsochroneOptions) ([]orb.MultiPolygon, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	for i, l := range limitsS {
		if !(l >= 0) || math.IsInf(l, 0) || i > 0 && l < limitsS[i-1] {
			return nil, fmt.Errorf("%w: isochrone limits %v s: want finite, ≥ 0, ascending", ErrOptions, limitsS)
		}
	}
	out := make([]orb.MultiPolygon, len(limitsS))
	if len(limitsS) == 0 {
		return out, nil
	}
	o := opt.withDefaults()
	top := limitsS[len(limitsS)-1]
	var parts []reachedPart
	err := g.Reach(from, top, func(e int, enter, leave float64) {
		lo := 0.0
		if enter < 0 && leave > enter { // the snapped edge: reached from the snap on
			lo = -enter / (leave - enter)
		}
		parts = append(parts, reachedPart{edge: e, lo: lo, enter: enter, leave: leave})
	})
	if err != nil {
		return nil, err
	}
	r, err := g.newIsoRaster(parts, o)
	if err != nil {
		return nil, err
	}
	if r == nil { // nothing reached: the start point alone
		return out, nil
	}
	for _, p := range parts {
		r.burn(g.e.line[p.edge], p)
	}
	for i, l := range limitsS {
		out[i] = r.trace(l)
	}
	return out, nil
}

// isoRaster holds the earliest reach time of each cell (+Inf: never).
type isoRaster struct {
	x0, y0 float64 // corner of cell (0, 0)
	cell   float64
	nx, ny int
	t      []float64
	buf    float64
}

// newIsoRaster sizes the raster to the reached parts plus the buffer and
// one cell of margin; nil when nothing was reached.
func (g *Graph) newIsoRaster(parts []reachedPart, o IsochroneOptions) (*isoRaster, error) {
	if len(parts) == 0 {
		return nil, nil
	}
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, p := range parts {
		for _, q := range g.e.line[p.edge] {
			b.Min = orb.Point{min(b.Min[0], q[0]), min(b.Min[1], q[1])}
			b.Max = orb.Point{max(b.Max[0], q[0]), max(b.Max[1], q[1])}
		}
	}
	pad := o.BufferM + o.CellM
	x0, y0 := b.Min[0]-pad, b.Min[1]-pad
	nx := int(math.Ceil((b.Max[0]+pad-x0)/o.CellM)) + 1
	ny := int(math.Ceil((b.Max[1]+pad-y0)/o.CellM)) + 1
	if float64(nx)*float64(ny) > float64(o.MaxCells) {
		return nil, fmt.Errorf("%w: isochrone raster of %d × %d cells of %v m exceeds MaxCells %d", ErrOptions, nx, ny, o.CellM, o.MaxCells)
	}
	t := make([]float64, nx*ny)
	for i := range t {
		t[i] = math.Inf(1)
	}
	return &isoRaster{x0: x0, y0: y0, cell: o.CellM, nx: nx, ny: ny, t: t, buf: o.BufferM}, nil
}

// burn lowers the cells near the reached part p of an edge with line
// line: for each cell centre, the earliest time of a road point within the
// buffer.
func (r *isoRaster) burn(line orb.LineString, p reachedPart) {
	total := 0.0
	for k := 1; k < len(line); k++ {
		total += math.Hypot(line[k][0]-line[k-1][0], line[k][1]-line[k-1][1])
	}
	run := 0.0
	for k := 1; k < len(line); k++ {
		a, b := line[k-1], line[k]
		l := math.Hypot(b[0]-a[0], b[1]-a[1])
		s0, s1 := 0.0, 1.0 // shares of the edge at a and b
		if total > 0 {
			s0, s1 = run/total, (run+l)/total
		}
		run += l
		if s1 < p.lo {
			continue
		}
		r.burnSegment(a, b, s0, s1, p)
	}
}

// burnSegment burns segment ab, spanning edge shares s0 … s1.
func (r *isoRaster) burnSegment(a, b orb.Point, s0, s1 float64, p reachedPart) {
	ix0, iy0 := r.index(min(a[0], b[0])-r.buf, min(a[1], b[1])-r.buf)
	ix1, iy1 := r.index(max(a[0], b[0])+r.buf, max(a[1], b[1])+r.buf)
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	r2 := r.buf * r.buf
	tlo := 0.0 // segment parameter where the reached part starts
	if s1 > s0 {
		tlo = max((p.lo-s0)/(s1-s0), 0)
	}
	for iy := iy0; iy <= iy1; iy++ {
		cy := r.y0 + (float64(iy)+0.5)*r.cell
		for ix := ix0; ix <= ix1; ix++ {
			cx := r.x0 + (float64(ix)+0.5)*r.cell
			// points a + t·(b−a) within the buffer of the centre: t in [t0, t1]
			var t0, t1 float64
			if l2 == 0 {
				if sq(a[0]-cx)+sq(a[1]-cy) > r2 {
					continue
				}
				t0, t1 = 0, 1
			} else {
				tc := ((cx-a[0])*dx + (cy-a[1])*dy) / l2
				d2 := sq(a[0]+tc*dx-cx) + sq(a[1]+tc*dy-cy)
				if d2 > r2 {
					continue
				}
				h := math.Sqrt((r2 - d2) / l2)
				t0, t1 = tc-h, tc+h
			}
			t0 = max(t0, tlo)
			if t0 > min(t1, 1) {
				continue
			}
			share := s0 + t0*(s1-s0)
			at := p.enter + share*(p.leave-p.enter)
			if i := iy*r.nx + ix; at < r.t[i] {
				r.t[i] = at
			}
		}
	}
}

// index returns the cell holding (x, y), clamped to the raster.
func (r *isoRaster) index(x, y float64) (int, int) {
	ix := int(math.Floor((x - r.x0) / r.cell))
	iy := int(math.Floor((y - r.y0) / r.cell))
	return min(max(ix, 0), r.nx-1), min(max(iy, 0), r.ny-1)
}

// in reports whether cell (ix, iy) is within limit; outside the raster is
// out.
func (r *isoRaster) in(ix, iy int, limit float64) bool {
	if ix < 0 || iy < 0 || ix >= r.nx || iy >= r.ny {
		return false
	}
	return r.t[iy*r.nx+ix] <= limit
}

// sortPolygons orders polygons by their outer ring's first vertex, for
// deterministic output.
func sortPolygons(mp orb.MultiPolygon) {
	slices.SortFunc(mp, func(a, b orb.Polygon) int {
		pa, pb := a[0][0], b[0][0]
		if pa[1] != pb[1] {
			if pa[1] < pb[1] {
				return -1
			}
			return 1
		}
		if pa[0] < pb[0] {
			return -1
		}
		if pa[0] > pb[0] {
			return 1
		}
		return 0
	})
}
