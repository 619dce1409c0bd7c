package surface

// The flow limiter. The explicit update can draw a cell below zero where
// the flows leaving it in one step carry more than it holds plus what
// enters (thin water on a slope, a steep front). After each depth phase,
// every cell left negative scales down all of its outgoing face flows by
// the one factor f that brings it to exactly zero:
//
//	f = 1 − deficit / outgoing, deficit = −h_new, outgoing = Σ_out |q|·Δt/Δx
//
// (outgoing ≥ deficit always, since the depth before the step was ≥ 0).
// What a scaled face no longer carries is taken back from the cell it
// entered, which may in turn go negative and is then treated the same way,
// in a first-in first-out order that starts from the negative cells in row-
// major order. Volume moves only between cells, so the limiter conserves
// mass; the result does not depend on the number of workers. A cell whose
// deficit is pure round-off with no outgoing flow is set to zero and the
// (tiny) volume so created is reported as MassBalance.Clamped.

// limit settles every negative cell of the last depth phase.
func (c *core[T]) limit() error {
	work := c.work[:0]
	for i := range c.bands {
		work = append(work, c.bands[i].neg...)
		c.bands[i].neg = c.bands[i].neg[:0]
	}
	for i := 0; i < len(work); i++ {
		cell := int(work[i])
		h := float64(c.h[cell])
		if h != h {
			c.work = work[:0]
			return ErrUnstable
		}
		if h >= 0 {
			continue
		}
		if i >= DefaultMaxFixups { // a pathological cascade: stop moving water
			c.acc.clamped -= h * c.area
			c.h[cell] = 0
			continue
		}
		work = c.fixCell(cell, h, work)
	}
	c.work = work[:0]
	return nil
}

// fixCell scales the outgoing flows of cell (depth h < 0) and takes what
// they no longer carry back from their receivers, appending receivers that
// go negative to work.
func (c *core[T]) fixCell(cell int, h float64, work []int32) []int32 {
	nx, ny := c.nx, c.ny
	row, col := cell/nx, cell%nx
	dtdx, dtdy := float64(c.k.dtdx), float64(c.k.dtdy)
	w, e := row*(nx+1)+col, row*(nx+1)+col+1 // x faces
	n, s := row*nx+col, (row+1)*nx+col       // y faces
	qw, qe, qn, qs := float64(c.qxn[w]), float64(c.qxn[e]), float64(c.qyn[n]), float64(c.qyn[s])
	out := dtdx*(max(0, -qw)+max(0, qe)) + dtdy*(max(0, qn)+max(0, -qs))
	if out <= 0 {
		c.acc.clamped -= h * c.area
		c.h[cell] = 0
		return work
	}
	f := max(0, 1+h/out)
	take := func(q *T, qv, d float64, recv int) {
		*q = T(qv * f)
		if recv < 0 {
			return
		}
		hr := float64(c.h[recv]) - (1-f)*abs64(qv)*d
		c.h[recv] = T(hr)
		if hr < 0 {
			work = append(work, int32(recv))
		}
	}
	if qw < 0 {
		take(&c.qxn[w], qw, dtdx, neighbour(col > 0, cell-1))
	}
	if qe > 0 {
		take(&c.qxn[e], qe, dtdx, neighbour(col < nx-1, cell+1))
	}
	if qn > 0 {
		take(&c.qyn[n], qn, dtdy, neighbour(row > 0, cell-nx))
	}
	if qs < 0 {
		take(&c.qyn[s], qs, dtdy, neighbour(row < ny-1, cell+nx))
	}
	c.h[cell] = 0
	return work
}

func neighbour(ok bool, i int) int {
	if ok {
		return i
	}
	return -1
}

func abs64(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
