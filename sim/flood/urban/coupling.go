package urban

import (
	"fmt"
	"math"

	"twin/geo/swmm"
	"twin/sim/flood/drainage"
)

// newPipes builds the drainage model with no rain on its subcatchments
// (the rain falls on the grid; doc.go). nil for no sewer.
func newPipes(sw *swmm.Model, o Options) (*drainage.Sim, error) {
	if sw == nil {
		return nil, nil
	}
	return drainage.New(sw, drainage.Rainfall{}, o.Drainage)
}

// coupleNodes links every junction and storage unit with a coordinate to
// the cell that holds it, or the nearest open cell within two cells
// (nearest by centre distance, ties to the lower index).
func (m *Model) coupleNodes(in *Inputs) {
	at := make(map[string][2]float64, len(in.Sewer.Coordinates))
	for _, p := range in.Sewer.Coordinates {
		at[p.Name] = [2]float64{p.Pt[0], p.Pt[1]}
	}
	for i, ni := range m.pipes.Nodes() {
		if ni.Kind == drainage.Outfall {
			continue
		}
		p, ok := at[ni.Name]
		cell := -1
		if ok {
			cell = m.nearestOpen(p[0], p[1])
		}
		if cell < 0 {
			m.uncoupled = append(m.uncoupled, ni.Name)
			m.uncoupledIdx = append(m.uncoupledIdx, i)
			continue
		}
		k := len(m.nodes)
		m.nodes = append(m.nodes, coupled{node: i, cell: cell, rim: ni.Invert + ni.MaxDepth,
			inSrc: 2 * k, outSrc: 2*k + 1})
	}
}

// nearestOpen returns the open land cell (not a coastal sink) nearest to
// (x, y) within two cells of the one holding it, or -1.
func (m *Model) nearestOpen(x, y float64) int {
	g := &m.grid
	c0, r0, ok := g.Cell(x, y)
	if !ok {
		return -1
	}
	best, bestD := -1, math.Inf(1)
	for r := r0 - 2; r <= r0+2; r++ {
		for c := c0 - 2; c <= c0+2; c++ {
			if c < 0 || r < 0 || c >= g.Cols || r >= g.Rows || !m.cv.open(r*g.Cols+c) || m.cv.isCoast(r*g.Cols+c) {
				continue
			}
			p := g.Center(c, r)
			if d := math.Hypot(p[0]-x, p[1]-y); d < bestD {
				best, bestD = r*g.Cols+c, d
			}
		}
	}
	return best
}

// setInlets sets each coupled node's inlet sink and overflow source for an
// interval of dt seconds from the current state.
func (m *Model) setInlets(dt float64) error {
	area := m.grid.DX * m.grid.DY
	for k := range m.nodes {
		n := &m.nodes[k]
		h := m.surf.DepthAt(n.cell%m.grid.Cols, n.cell/m.grid.Cols)
		q := m.opt.Inlet.Capture(h, m.pipes.Head(n.node), n.rim)
		q = math.Min(q, h*area/dt)
		if err := m.surf.SetSourceFlow(n.inSrc, -q); err != nil {
			return err
		}
		if err := m.surf.SetSourceFlow(n.outSrc, n.pending/dt); err != nil {
			return err
		}
	}
	return nil
}

// takeInlets reads what each inlet took and each overflow source gave
// during the surface's interval and hands the inlet volumes to the pipes
// as inflows over the same dt.
func (m *Model) takeInlets(dt float64) error {
	for k := range m.nodes {
		n := &m.nodes[k]
		_, in, err := m.surf.SourceVolume(n.inSrc)
		if err != nil {
			return err
		}
		_, out, err := m.surf.SourceVolume(n.outSrc)
		if err != nil {
			return err
		}
		took := n.inTot - in // the sink's total is negative
		n.pending -= out - n.outTot
		n.inTot, n.outTot = in, out
		n.captured += took
		m.acc.given += took
		m.pipes.SetInflow(n.node, took/dt)
	}
	return nil
}

// collectOverflow adds the pipes' overflow of the interval to each coupled
// node's pending volume; an uncoupled node's overflow leaves the model.
func (m *Model) collectOverflow() {
	for k := range m.nodes {
		n := &m.nodes[k]
		v := m.pipes.Overflow(n.node)
		n.pending += v
		n.overflowed += v
		m.acc.overflowed += v
	}
	for _, i := range m.uncoupledIdx {
		v := m.pipes.Overflow(i)
		m.rec.lost[i] += v
		m.acc.lost += v
	}
}

// step advances both models by one exchange interval of dt seconds.
func (m *Model) step(dt float64) error {
	if err := m.setRain(dt); err != nil {
		return err
	}
	end := m.t + dt
	if m.pipes != nil {
		if err := m.setInlets(dt); err != nil {
			return err
		}
	}
	if _, err := m.surf.Advance(end); err != nil {
		return fmt.Errorf("surface at t = %g s: %w", m.t, err)
	}
	if m.pipes != nil {
		if err := m.takeInlets(dt); err != nil {
			return err
		}
		if err := m.pipes.Advance(end); err != nil {
			return fmt.Errorf("pipes at t = %g s: %w", m.t, err)
		}
		m.collectOverflow()
	}
	m.t = end
	return nil
}
