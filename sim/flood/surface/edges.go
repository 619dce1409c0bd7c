package surface

import (
	"math"

	"twin/geo"
)

// edgeFace is one face on the grid's outer edge that belongs to an open
// boundary.
type edgeFace struct {
	face  int     // index into qx (x faces) or qy (y faces)
	x     bool    // an x face (East or West side)
	cell  int     // the boundary cell
	inner int     // its inward neighbour, −1 when there is none or it is blocked
	out   float64 // +1 where a positive q leaves the grid (East, North), else −1
	width float64 // face width, m
	dist  float64 // distance between cell centres across the face, m
	b     int     // index into core.bounds
}

// boundState is a boundary with its per-run state.
type boundState struct {
	Boundary
	width   float64 // total width of its faces, m
	value   float64 // this step's flow (m²/s per width) or level (relative to zRef)
	in, out float64 // cumulative volumes, m³
}

// setBoundaries assigns edge faces to boundaries; a later boundary takes a
// face from an earlier one. O(perimeter × boundaries).
func (c *core[T]) setBoundaries(bs []Boundary, g *geo.Grid) error {
	c.bounds = make([]boundState, len(bs))
	owner := [4][]int{make([]int, c.nx), make([]int, c.ny), make([]int, c.nx), make([]int, c.ny)}
	for s := range owner {
		for i := range owner[s] {
			owner[s][i] = -1
		}
	}
	for bi, b := range bs {
		c.bounds[bi].Boundary = b
		lo, hi := min(b.From, b.To), max(b.From, b.To)
		whole := b.From == 0 && b.To == 0
		for i := range owner[b.Side] {
			var pos float64
			if b.Side == North || b.Side == South {
				pos = g.X0 + (float64(i)+0.5)*g.DX
			} else {
				pos = g.Y0 - (float64(i)+0.5)*g.DY
			}
			if whole || (pos >= lo && pos <= hi) {
				owner[b.Side][i] = bi
			}
		}
	}
	for s := North; s <= West; s++ {
		for i, bi := range owner[s] {
			if bi < 0 || c.bounds[bi].Kind == Closed {
				continue
			}
			e := c.edge(s, i)
			if c.blocked[e.cell] {
				continue
			}
			e.b = bi
			c.bounds[bi].width += e.width
			c.edges = append(c.edges, e)
		}
	}
	return nil
}

// edge describes the face of side s at position i (column for North and
// South, row for East and West).
func (c *core[T]) edge(s Side, i int) edgeFace {
	nx, ny := c.nx, c.ny
	var e edgeFace
	switch s {
	case North:
		e = edgeFace{face: i, cell: i, inner: i + nx, out: 1, width: c.dx, dist: c.dy}
		if ny < 2 {
			e.inner = -1
		}
	case South:
		e = edgeFace{face: ny*nx + i, cell: (ny-1)*nx + i, inner: (ny-2)*nx + i, out: -1, width: c.dx, dist: c.dy}
		if ny < 2 {
			e.inner = -1
		}
	case West:
		e = edgeFace{face: i * (nx + 1), x: true, cell: i * nx, inner: i*nx + 1, out: -1, width: c.dy, dist: c.dx}
		if nx < 2 {
			e.inner = -1
		}
	case East:
		e = edgeFace{face: i*(nx+1) + nx, x: true, cell: i*nx + nx - 1, inner: i*nx + nx - 2, out: 1, width: c.dy, dist: c.dx}
		if nx < 2 {
			e.inner = -1
		}
	}
	if e.inner >= 0 && c.blocked[e.inner] {
		e.inner = -1
	}
	return e
}

// readBoundaries evaluates each boundary's series at time t.
func (c *core[T]) readBoundaries(t float64) {
	for i := range c.bounds {
		b := &c.bounds[i]
		switch b.Kind {
		case Inflow:
			v := b.Flow.At(t)
			if !b.PerWidth && b.width > 0 {
				v /= b.width
			}
			b.value = v
		case Level:
			b.value = b.Level.At(t) - c.zRef
		}
	}
}

// levelDepth returns the largest flow depth a Level boundary imposes on
// its cells (m), for the time step.
func (c *core[T]) levelDepth() float64 {
	var top float64
	for _, e := range c.edges {
		if b := &c.bounds[e.b]; b.Kind == Level {
			top = max(top, b.value-float64(c.z[e.cell]))
		}
	}
	return top
}

// boundaryFlows sets the new flows of the open edge faces from the old
// state (before the interior phases run). dt in s.
func (c *core[T]) boundaryFlows(dt float64) {
	g, thr := c.opt.Gravity, c.opt.DepthThreshold
	for _, e := range c.edges {
		b := &c.bounds[e.b]
		qs, qn := c.qy, c.qyn
		if e.x {
			qs, qn = c.qx, c.qxn
		}
		q0 := e.out * float64(qs[e.face]) // outward flow of the last step
		h, z := float64(c.h[e.cell]), float64(c.z[e.cell])
		n := 2 * float64(c.nh[e.cell])
		var q float64 // outward
		switch b.Kind {
		case Free:
			if h > thr {
				s := b.Slope
				if s == 0 && e.inner >= 0 {
					s = math.Abs(z+h-float64(c.z[e.inner])-float64(c.h[e.inner])) / e.dist
				}
				q = (math.Abs(q0) + g*dt*h*s) / (1 + g*dt*n*n*math.Abs(q0)*math.Pow(h, -7.0/3))
			}
		case Inflow:
			q = -b.value
		case Level:
			if hf := max(h, b.value-z); hf > thr {
				slope := (b.value - (z + h)) / (e.dist / 2)
				q = (q0 - g*dt*hf*slope) / (1 + g*dt*n*n*math.Abs(q0)*math.Pow(hf, -7.0/3))
			}
		}
		qn[e.face] = T(e.out * q)
	}
}

// accountBoundaries adds the volumes that crossed the open edges this step
// (after the limiter has settled the flows).
func (c *core[T]) accountBoundaries(dt float64) {
	for _, e := range c.edges {
		qn := c.qyn
		if e.x {
			qn = c.qxn
		}
		v := e.out * float64(qn[e.face]) * e.width * dt
		b := &c.bounds[e.b]
		if v > 0 {
			b.out += v
			c.acc.boundaryOut += v
		} else {
			b.in -= v
			c.acc.boundaryIn -= v
		}
	}
}
