package urban

import (
	"fmt"
	"math"
)

// linkTrack is a road link and the cells its centreline crosses.
type linkTrack struct {
	id    string
	cells []int32
}

// trackFeatures keeps the links' cells and the buildings' IDs.
func (m *Model) trackFeatures(in *Inputs) {
	for _, l := range in.Links {
		if l == nil {
			continue
		}
		m.links = append(m.links, linkTrack{id: l.ID, cells: lineCells(&m.grid, l.Line)})
	}
	m.bldgIDs = make([]string, len(in.Buildings))
	for i, b := range in.Buildings {
		if b != nil {
			m.bldgIDs[i] = b.ID
		}
	}
}

// checkField panics on a depth field of the wrong size (a programmer
// error).
func (m *Model) checkField(depth []float32) {
	if n := m.grid.Cols * m.grid.Rows; len(depth) != n {
		panic(fmt.Sprintf("urban: depth field has %d cells, grid %d", len(depth), n))
	}
}

// Extent is the flooded part of the grid.
type Extent struct {
	// Mask marks the cells deeper than the threshold, row-major.
	Mask []bool
	// Cells counts them; Area is their area, m².
	Cells int
	Area  float64
}

// FloodExtent returns the land cells of depth (a field from Depth,
// MaxDepth or a Frame) deeper than minDepth (m); sea cells (Sea) never
// count. Panics if depth does not match the grid. O(cells).
func (m *Model) FloodExtent(depth []float32, minDepth float64) Extent {
	m.checkField(depth)
	e := Extent{Mask: make([]bool, len(depth))}
	for c, d := range depth {
		if float64(d) > minDepth && !m.cv.sea[c] {
			e.Mask[c] = true
			e.Cells++
		}
	}
	e.Area = float64(e.Cells) * m.grid.DX * m.grid.DY
	return e
}

// PregnolatoSpeed returns the highest safe vehicle speed through water
// depthM metres deep, km/h, by the depth–disruption function of Pregnolato
// et al. (2017): v = 0.0009·w² − 0.5529·w + 86.9448 with w in mm, and 0
// from w = 300 mm (impassable). Depths ≤ 0 give the dry 86.9448 km/h.
func PregnolatoSpeed(depthM float64) float64 {
	w := math.Max(0, depthM*1000)
	if w >= 300 {
		return 0
	}
	return 0.0009*w*w - 0.5529*w + 86.9448
}

// LinkFlood is a road link under water.
type LinkFlood struct {
	ID string
	// Depth is the greatest depth along the link's centreline, m.
	Depth float64
	// SpeedFactor is PregnolatoSpeed(Depth) over the dry speed, in [0, 1).
	SpeedFactor float64
	// Closed is true when Depth ≥ the closure threshold.
	Closed bool
}

// FloodedLinks returns the Inputs.Links (in input order) whose greatest
// depth along the centreline (open land cells; the sea does not count),
// in the field depth, reaches slowDepth (m);
// those reaching closeDepth are Closed. Zero thresholds take
// DefaultSlowDepth and DefaultClosureDepth. Panics if depth does not
// match the grid. O(link cells).
func (m *Model) FloodedLinks(depth []float32, slowDepth, closeDepth float64) []LinkFlood {
	m.checkField(depth)
	if slowDepth == 0 {
		slowDepth = DefaultSlowDepth
	}
	if closeDepth == 0 {
		closeDepth = DefaultClosureDepth
	}
	var out []LinkFlood
	for _, l := range m.links {
		d := 0.0
		for _, c := range l.cells {
			if m.cv.open(int(c)) && !m.cv.sea[c] {
				d = math.Max(d, float64(depth[c]))
			}
		}
		if d >= slowDepth {
			out = append(out, LinkFlood{ID: l.id, Depth: d, SpeedFactor: PregnolatoSpeed(d) / PregnolatoSpeed(0),
				Closed: d >= closeDepth})
		}
	}
	return out
}

// BuildingFlood is a building with water against it.
type BuildingFlood struct {
	ID string
	// Depth is the greatest depth in the open cells under or next to the
	// footprint, m.
	Depth float64
}

// AffectedBuildings returns the Inputs.Buildings (in input order) whose
// footprint touches water deeper than minDepth (m; 0 takes
// DefaultBuildingDepth) in the field depth: the open cells under the
// footprint or next to (8-neighbours of) a cell under it. Panics if depth
// does not match the grid. O(touching cells).
func (m *Model) AffectedBuildings(depth []float32, minDepth float64) []BuildingFlood {
	m.checkField(depth)
	if minDepth == 0 {
		minDepth = DefaultBuildingDepth
	}
	var out []BuildingFlood
	for i, cells := range m.cv.touch {
		d := 0.0
		for _, c := range cells {
			d = math.Max(d, float64(depth[c]))
		}
		if d > minDepth {
			out = append(out, BuildingFlood{ID: m.bldgIDs[i], Depth: d})
		}
	}
	return out
}
