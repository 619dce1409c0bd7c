package scenarios

import (
	"errors"
	"fmt"
	"sort"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo"
)

// city is what a run reads from a World snapshot, gathered once and shared
// read-only by every variant.
type city struct {
	snap         *engine.Snapshot
	links        []*geo.RoadLink
	restrictions []*geo.TurnRestriction
	roadByID     map[string]*geo.Road
	roadsByName  map[string][]*geo.Road
	nodes        map[string]*geo.RoadNode
	pipes        map[string]*geo.Pipe
	pipeNodes    map[string]*geo.PipeNode
	pipeNodeIDs  []string // sorted, for a deterministic order
	buildings    []*geo.Building
}

// ErrNoRoads: the World has no drivable road links to run on.
var ErrNoRoads = errors.New("scenarios: the city has no road links")

// newCity gathers the layers a run needs. O(features).
func newCity(s *engine.Snapshot) (*city, error) {
	c := &city{snap: s, roadByID: map[string]*geo.Road{}, roadsByName: map[string][]*geo.Road{},
		nodes: map[string]*geo.RoadNode{}, pipes: map[string]*geo.Pipe{}, pipeNodes: map[string]*geo.PipeNode{}}
	each(s, "links", func(f geo.Feature) {
		if l, ok := f.(*geo.RoadLink); ok {
			c.links = append(c.links, l)
		}
	})
	if len(c.links) == 0 {
		return nil, ErrNoRoads
	}
	each(s, "restrictions", func(f geo.Feature) {
		if r, ok := f.(*geo.TurnRestriction); ok {
			c.restrictions = append(c.restrictions, r)
		}
	})
	each(s, "roads", func(f geo.Feature) {
		if r, ok := f.(*geo.Road); ok {
			c.roadByID[r.ID] = r
			if r.Name != "" {
				c.roadsByName[r.Name] = append(c.roadsByName[r.Name], r)
			}
		}
	})
	each(s, "road_nodes", func(f geo.Feature) {
		if n, ok := f.(*geo.RoadNode); ok {
			c.nodes[n.ID] = n
		}
	})
	c.gatherPipes(s)
	each(s, "buildings", func(f geo.Feature) {
		if b, ok := f.(*geo.Building); ok {
			c.buildings = append(c.buildings, b)
		}
	})
	return c, nil
}

func (c *city) gatherPipes(s *engine.Snapshot) {
	each(s, "pipes", func(f geo.Feature) {
		if p, ok := f.(*geo.Pipe); ok {
			c.pipes[p.ID] = p
		}
	})
	each(s, "pipe_nodes", func(f geo.Feature) {
		if n, ok := f.(*geo.PipeNode); ok {
			c.pipeNodes[n.ID] = n
			c.pipeNodeIDs = append(c.pipeNodeIDs, n.ID)
		}
	})
	sort.Strings(c.pipeNodeIDs)
}

// each visits a layer's features in ID order; a missing layer is empty.
func each(s *engine.Snapshot, layer string, fn func(geo.Feature)) {
	l := s.Layer(layer)
	if l == nil {
		return
	}
	l.Ascend("", func(f geo.Feature) bool {
		fn(f)
		return true
	})
}

// roads returns every road of the roads layer, in ID order.
func (c *city) roads() []*geo.Road {
	out := make([]*geo.Road, 0, len(c.roadByID))
	for _, id := range sortedKeys(c.roadByID) {
		out = append(out, c.roadByID[id])
	}
	return out
}

// height is the terrain height at p (World CRS), finest grid first.
func (c *city) height(p orb.Point) (float64, bool) {
	for _, t := range c.snap.Terrain() {
		if z, ok := t.Height(p); ok {
			return z, true
		}
	}
	return 0, false
}

// ways returns the OSM ways a road reference names, in ascending order.
func (c *city) ways(r *RoadRef) ([]int64, error) {
	var roads []*geo.Road
	if r.ID != "" {
		if rd, ok := c.roadByID[r.ID]; ok {
			roads = []*geo.Road{rd}
		}
	} else {
		roads = c.roadsByName[r.Road]
	}
	var ws []int64
	for _, rd := range roads {
		if rd.Drivable {
			ws = append(ws, rd.WayID)
		}
	}
	if len(ws) == 0 {
		what := r.ID
		if what == "" {
			what = fmt.Sprintf("named %q", r.Road)
		}
		return nil, fmt.Errorf("no drivable road %s", what)
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i] < ws[j] })
	return ws, nil
}
