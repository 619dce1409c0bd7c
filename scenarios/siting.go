package scenarios

import (
	"fmt"

	"twin/sim/dispatch"
)

// SitingResult reports the stations a siting opened.
type SitingResult struct {
	Stations   []Station `json:"stations"`
	Candidates int       `json:"candidates"`
	StandardS  float64   `json:"standard_s"`
	// CoveredBefore and CoveredAfter are the shares of the demand (floor
	// area) within the standard of an open station, 0–1.
	CoveredBefore float64 `json:"covered_before"`
	CoveredAfter  float64 `json:"covered_after"`
}

// site opens the stations a SitingSpec asks for and returns what it did.
// Candidates are road junctions taken at an even stride over the graph's
// nodes, snapped to its largest strongly connected component.
func (d *dispatcher) site(c *city, st *SitingSpec) (*SitingResult, error) {
	if d.demand == nil {
		return nil, fmt.Errorf("siting needs buildings as demand")
	}
	g := d.net.g
	var snaps []dispatch.Snap
	var fixed []int
	for _, s := range d.stations {
		fixed = append(fixed, len(snaps))
		snaps = append(snaps, s.snap)
	}
	stride := max(1, g.NumNodes()/st.Candidates)
	for i := 0; i < g.NumNodes() && len(snaps) < len(fixed)+st.Candidates; i += stride {
		_, p := g.Node(i)
		if sn, err := d.demand.Snap(g, p, 100); err == nil {
			snaps = append(snaps, sn)
		}
	}
	limit := st.Standard.Seconds()
	prob := dispatch.SitingProblem{Weights: d.demand.Weights, Covers: make([][]int32, len(snaps)),
		Sites: min(len(snaps), len(fixed)+st.Stations), Fixed: fixed}
	for j, sn := range snaps {
		ts, err := d.cover.Times(sn)
		if err != nil {
			return nil, err
		}
		for k, t := range ts {
			if t <= limit {
				prob.Covers[j] = append(prob.Covers[j], int32(k))
			}
		}
	}
	sol, err := dispatch.SiteGreedy(prob, dispatch.SitingOptions{})
	if err != nil {
		return nil, err
	}
	return d.openSited(c, st, snaps, len(fixed), sol, limit)
}

func (d *dispatcher) openSited(c *city, st *SitingSpec, snaps []dispatch.Snap, nFixed int, sol dispatch.Siting, limit float64) (*SitingResult, error) {
	res := &SitingResult{Candidates: len(snaps) - nFixed, StandardS: limit}
	before, err := d.coverage(limit)
	if err != nil {
		return nil, err
	}
	res.CoveredBefore = round3(before)
	k := 0
	for _, j := range sol.Open {
		if j < nFixed {
			continue
		}
		k++
		ll, err := c.snap.ToLonLat(snaps[j].Point)
		if err != nil {
			return nil, err
		}
		s := Station{Name: fmt.Sprintf("sited %d", k), Lon: round6(ll[0]), Lat: round6(ll[1]), Units: st.Units}
		d.stations = append(d.stations, &stationState{name: s.Name, pt: snaps[j].Point, snap: snaps[j], freeAt: make([]float64, s.Units)})
		res.Stations = append(res.Stations, s)
	}
	after, err := d.coverage(limit)
	if err != nil {
		return nil, err
	}
	res.CoveredAfter = round3(after)
	return res, nil
}

func round6(v float64) float64 { return float64(int64(v*1e6+0.5*sign(v))) / 1e6 }

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}
