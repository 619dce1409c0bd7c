package dispatch

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"twin/geo"
)

// ErrDemand is returned when no demand point can be placed on the graph.
var ErrDemand = errors.New("dispatch: no demand")

// Demand is where people are: one point per building, weighted by floor
// area, snapped to the road graph. It is what coverage is measured over
// and what the incident generator draws places from. Read-only after
// NewDemand; safe for concurrent use.
type Demand struct {
	// IDs are the buildings' IDs; Points their footprint centroids (the
	// graph's CRS); Snaps the points snapped to the graph; Weights their
	// floor areas in m².
	IDs     []string
	Points  []orb.Point
	Snaps   []Snap
	Weights []float64
	// Total is the sum of Weights, m²; Dropped counts buildings with no
	// area or no road within reach.
	Total   float64
	Dropped int
	cum     []float64 // running sums of Weights, for sampling
	main    []bool    // edges of the graph's largest strongly connected component
}

// DemandOptions configure NewDemand.
type DemandOptions struct {
	// MaxSnapM is how far a building may lie from the nearest road, metres
	// (0: 250 m).
	MaxSnapM float64
}

// Validate reports a negative or NaN MaxSnapM as ErrOptions.
func (o DemandOptions) Validate() error {
	if !(o.MaxSnapM >= 0) {
		return fmt.Errorf("%w: MaxSnapM %v", ErrOptions, o.MaxSnapM)
	}
	return nil
}

// NewDemand places one demand point per building of bs: the centroid of
// its footprint weighted by its floor area (geo.Building.FloorArea:
// footprint area × storeys), snapped to the nearest road of g's largest
// strongly connected component (the roads that can be reached from and
// left to the rest of the city; stubs cut by an extract's border are
// not). Calls and stations in a Sim snap the same way. Buildings
// without area or farther than MaxSnapM from a road are dropped and
// counted. The footprints must be in g's CRS. Errors: ErrOptions, and
// ErrDemand when no building remains. O(n log m).
func NewDemand(g *Graph, bs []*geo.Building, opt DemandOptions) (*Demand, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	maxD := opt.MaxSnapM
	if maxD == 0 {
		maxD = 250
	}
	d := &Demand{main: mainEdges(g)}
	for _, b := range bs {
		w := b.FloorArea()
		if !(w > 0) || !finite(w) {
			d.Dropped++
			continue
		}
		c, _ := planar.CentroidArea(b.Footprint)
		s, err := snapMain(g, c, maxD, d.main)
		if err != nil {
			d.Dropped++
			continue
		}
		d.add(b.ID, c, s, w)
	}
	if len(d.IDs) == 0 {
		return nil, fmt.Errorf("%w: none of %d buildings lies within %.0f m of a road", ErrDemand, len(bs), maxD)
	}
	return d, nil
}

func (d *Demand) add(id string, p orb.Point, s Snap, w float64) {
	d.IDs = append(d.IDs, id)
	d.Points = append(d.Points, p)
	d.Snaps = append(d.Snaps, s)
	d.Weights = append(d.Weights, w)
	d.Total += w
	d.cum = append(d.cum, d.Total)
}

// NewDemandPoints builds a Demand on g from points already snapped to it,
// with weights (m² or any positive unit). Errors: ErrDemand for no
// points, a length mismatch or a weight that is not positive and finite.
func NewDemandPoints(g *Graph, ids []string, snaps []Snap, weights []float64) (*Demand, error) {
	if len(snaps) == 0 || len(snaps) != len(weights) || len(ids) != len(snaps) {
		return nil, fmt.Errorf("%w: %d ids, %d snaps, %d weights", ErrDemand, len(ids), len(snaps), len(weights))
	}
	d := &Demand{main: mainEdges(g)}
	for i, s := range snaps {
		if !(weights[i] > 0) || !finite(weights[i]) {
			return nil, fmt.Errorf("%w: weight %v of %s", ErrDemand, weights[i], ids[i])
		}
		d.add(ids[i], s.Point, s, weights[i])
	}
	return d, nil
}

// Snap places p on the nearest road of the graph's largest strongly
// connected component within maxDistM metres, as NewDemand does. Errors:
// ErrTooFar, ErrSnap.
func (d *Demand) Snap(g *Graph, p orb.Point, maxDistM float64) (Snap, error) {
	return snapMain(g, p, maxDistM, d.main)
}

// Len returns the number of demand points.
func (d *Demand) Len() int { return len(d.IDs) }

// pick returns the demand point whose share of the running weight holds
// u ∈ [0, 1): point i with probability Weights[i]/Total. O(log n).
func (d *Demand) pick(u float64) int {
	x := u * d.Total
	lo, hi := 0, len(d.cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if d.cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}
