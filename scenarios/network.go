package scenarios

import (
	"fmt"
	"math"
	"time"

	"twin/engine"
	"twin/sim/dispatch"
)

// Delta sources: who asked for a closure or a speed factor.
const (
	SourceEvent   = "event"
	SourceFlood   = "flood"
	SourceTraffic = "traffic"
)

var sources = [...]string{SourceEvent, SourceFlood, SourceTraffic}

// network is a variant's routing graph with the closures and speed factors
// each source asks for; the graph sees their combination: an edge is
// closed when any source closes it, and its speed factor is the product.
type network struct {
	g      *dispatch.Graph
	edge   map[string]int // link ID → edge
	closed [len(sources)][]bool
	factor [len(sources)][]float64
	// applied is what the graph has now.
	appliedClosed []bool
	appliedFactor []float64
	dirty         []int
	deltas        map[string]int // applied deltas by source
}

func newNetwork(c *city) (*network, error) {
	g, err := dispatch.NewGraph(c.links, c.restrictions, dispatch.GraphOptions{Workers: 1})
	if err != nil {
		return nil, err
	}
	n := &network{g: g, edge: make(map[string]int, g.NumEdges()), deltas: map[string]int{}}
	m := g.NumEdges()
	for i := 0; i < m; i++ {
		id, _, _, _, _ := g.Edge(i)
		n.edge[id] = i
	}
	for s := range sources {
		n.closed[s] = make([]bool, m)
		n.factor[s] = ones(m)
	}
	n.appliedClosed, n.appliedFactor = make([]bool, m), ones(m)
	return n, nil
}

func ones(n int) []float64 {
	f := make([]float64, n)
	for i := range f {
		f[i] = 1
	}
	return f
}

func sourceIndex(s string) int {
	for i, x := range sources {
		if x == s {
			return i
		}
	}
	return -1
}

// apply records deltas: closures on the links layer (a link) or the roads
// layer (every link of the way "w123"), and state deltas carrying
// "speed_factor" on the links layer. The graph changes at commit.
func (n *network) apply(ds []engine.Delta) error {
	for i := range ds {
		d := &ds[i]
		s := sourceIndex(d.Source)
		if s < 0 {
			return fmt.Errorf("%w: delta from unknown source %q", engine.ErrBadDelta, d.Source)
		}
		edges, err := n.edgesOf(d)
		if err != nil {
			return err
		}
		for _, e := range edges {
			switch d.Kind {
			case engine.KindClosure:
				n.closed[s][e] = *d.Closed
			case engine.KindState:
				f, _ := d.Properties["speed_factor"].(float64)
				if !(f > 0) || math.IsInf(f, 0) {
					return fmt.Errorf("%w: speed_factor %v", engine.ErrBadDelta, d.Properties["speed_factor"])
				}
				n.factor[s][e] = f
			}
			n.dirty = append(n.dirty, e)
		}
		n.deltas[d.Source]++
	}
	return nil
}

func (n *network) edgesOf(d *engine.Delta) ([]int, error) {
	switch d.Layer {
	case "links":
		e, ok := n.edge[d.ID]
		if !ok {
			return nil, fmt.Errorf("%w: link %s", engine.ErrUnknownFeature, d.ID)
		}
		return []int{e}, nil
	case "roads":
		var way int64
		if _, err := fmt.Sscanf(d.ID, "w%d", &way); err != nil {
			return nil, fmt.Errorf("%w: road %s", engine.ErrUnknownFeature, d.ID)
		}
		es := n.g.WayEdges(way)
		out := make([]int, len(es))
		for i, e := range es {
			out[i] = int(e)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w: layer %q", engine.ErrBadDelta, d.Layer)
}

// commit pushes the combined state of the changed edges into the graph in
// one batch. Factors are rounded to 1/100 so that small drifts of a model
// do not re-customize the hierarchy every step.
func (n *network) commit() error {
	var ch []dispatch.Change
	for _, e := range n.dirty {
		closed, f := false, 1.0
		for s := range sources {
			closed = closed || n.closed[s][e]
			f *= n.factor[s][e]
		}
		f = math.Max(0.01, math.Round(f*100)/100)
		if closed == n.appliedClosed[e] && f == n.appliedFactor[e] {
			continue
		}
		n.appliedClosed[e], n.appliedFactor[e] = closed, f
		ch = append(ch, dispatch.Change{Edge: e, Closed: closed, Factor: f})
	}
	n.dirty = n.dirty[:0]
	if len(ch) == 0 {
		return nil
	}
	return n.g.Apply(ch...)
}

// closedCount returns how many edges the graph has closed now.
func (n *network) closedCount() int {
	k := 0
	for _, c := range n.appliedClosed {
		if c {
			k++
		}
	}
	return k
}

// deltaStamp builds deltas for one source with increasing Seq.
type deltaStamp struct {
	source string
	seq    uint64
	start  time.Time
}

func (s *deltaStamp) closure(layer, id string, t float64, closed bool) engine.Delta {
	s.seq++
	c := closed
	return engine.Delta{Source: s.source, Seq: s.seq, TS: s.at(t), Kind: engine.KindClosure, Layer: layer, ID: id, Closed: &c}
}

func (s *deltaStamp) speed(id string, t, f float64) engine.Delta {
	s.seq++
	return engine.Delta{Source: s.source, Seq: s.seq, TS: s.at(t), Kind: engine.KindState, Layer: "links", ID: id,
		Properties: map[string]any{"speed_factor": f}}
}

func (s *deltaStamp) at(t float64) time.Time {
	return s.start.Add(time.Duration(math.Round(t * float64(time.Second))))
}
