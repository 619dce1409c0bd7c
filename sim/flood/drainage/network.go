package drainage

import (
	"fmt"
	"math"

	"twin/geo/swmm"
)

// NodeKind says what a node is.
type NodeKind uint8

// Node kinds. Flow dividers are routed as junctions (as SWMM's dynamic
// wave does).
const (
	Junction NodeKind = iota
	Outfall
	Storage
)

// LinkKind says what a link is.
type LinkKind uint8

// Link kinds.
const (
	Conduit LinkKind = iota
	Pump
	Orifice
	Weir
	Outlet
)

// NodeInfo describes a node of the network.
type NodeInfo struct {
	Name string
	Kind NodeKind
	// Invert is the bottom elevation, m; MaxDepth the depth from invert to
	// rim (or to the top of a storage unit), m, above which water leaves
	// the node as overflow (after SurchargeDepth, m, for junctions).
	Invert, MaxDepth, SurchargeDepth float64
}

// LinkInfo describes a link of the network.
type LinkInfo struct {
	Name     string
	Kind     LinkKind
	From, To int // node indices
	// Length (m) and FullFlow (m³/s, Manning's full-pipe flow of all
	// barrels at the conduit's slope; 0 for non-conduits).
	Length, FullFlow float64
}

// node is one node's parameters and state.
type node struct {
	kind                      NodeKind
	invert, fullDepth, surDep float64
	crown                     float64 // highest crown of connected links, m (elevation)
	store                     *storeShape
	out                       *outfallSpec
	upTerminal                bool
	depth, oldDepth           float64
	volume, oldVolume         float64
	lat, oldLat               float64 // lateral inflow of the step, m³/s
	inflow, outflow           float64
	oldNetInflow              float64
	surfArea, oldSurfArea     float64
	sumdqdh, dydt             float64
	converged                 bool
	overflow                  float64 // m³/s over the last step
	outflowQ                  float64 // outfall discharge, m³/s
	// staged: an outfall whose depth at the end of the last iteration
	// came from its stage (FIXED, TIMESERIES) and reached into the end of
	// its conduit, so that the stage, not the flow, set the water in the
	// conduit's half next to it
	staged bool
	bcVol  float64 // staged conduit-half volume change of the step, m³
}

// link is one link's parameters and state; flows are totals over barrels,
// areas per barrel.
type link struct {
	kind                     LinkKind
	n1, n2                   int
	off1, off2               float64 // end heights above node inverts, m
	xs                       *xsect
	length, rough, barrels   float64
	slope, beta, rf          float64
	lossIn, lossOut, lossAvg float64
	hasLoss, gated           bool
	qLimit, qFull            float64
	pump                     *pumpSpec
	reg                      *regSpec
	flow, oldFlow            float64
	q1                       float64 // per-barrel iterate
	a1, a2                   float64 // mid area now and at the step start
	depth, volume            float64
	froude                   float64
	class                    int
	dqdh, sa1, sa2           float64
	bypassed                 bool
	// outVol is the water in the conduit's half next to an outfall (the
	// end area there × half the length × barrels, m³; part of volume) and
	// accVol its value when the mass balance last took account
	outVol, accVol float64
	seep           float64 // seepage rate, m/s over the wetted perimeter... (unused: 0)
}

// outfallSpec is an outfall's boundary condition.
type outfallSpec struct {
	typ    string
	stage  float64 // FIXED stage elevation, m
	series table   // TIMESERIES stage elevation, m, against s
	gated  bool
}

// build fills the network's nodes and links from m.
func (s *Sim) build(m *swmm.Model) error {
	curves := map[string]*swmm.Curve{}
	for i := range m.Curves {
		curves[m.Curves[i].Name] = &m.Curves[i]
	}
	series := map[string]*swmm.TimeSeries{}
	for i := range m.TimeSeries {
		series[m.TimeSeries[i].Name] = &m.TimeSeries[i]
	}
	if err := s.buildNodes(m, curves, series); err != nil {
		return err
	}
	return s.buildLinks(m, curves)
}

func (s *Sim) addNode(info NodeInfo, n node) {
	s.nodeIdx[info.Name] = len(s.nodes)
	s.nodeInfo = append(s.nodeInfo, info)
	s.nodes = append(s.nodes, n)
}

func (s *Sim) buildNodes(m *swmm.Model, curves map[string]*swmm.Curve, series map[string]*swmm.TimeSeries) error {
	for _, j := range m.Junctions {
		s.addNode(NodeInfo{j.Name, Junction, j.Elevation, j.MaxDepth, j.SurchargeDepth},
			node{kind: Junction, invert: j.Elevation, fullDepth: j.MaxDepth, surDep: j.SurchargeDepth, depth: j.InitDepth})
	}
	for _, d := range m.Dividers {
		s.addNode(NodeInfo{d.Name, Junction, d.Elevation, d.MaxDepth, d.SurchargeDepth},
			node{kind: Junction, invert: d.Elevation, fullDepth: d.MaxDepth, surDep: d.SurchargeDepth, depth: d.InitDepth})
	}
	for _, o := range m.Outfalls {
		spec := &outfallSpec{typ: o.Type, stage: o.Stage, gated: o.Gated}
		switch o.Type {
		case swmm.OutfallFree, swmm.OutfallNormal, swmm.OutfallFixed:
		case swmm.OutfallTimeseries:
			ts := series[o.Series]
			if ts == nil || ts.File != "" {
				return fmt.Errorf("%w: outfall %q stage series %q", ErrInvalid, o.Name, o.Series)
			}
			spec.series = seriesTable(ts)
		default:
			return fmt.Errorf("%w: %s outfall %q", ErrUnsupported, o.Type, o.Name)
		}
		s.addNode(NodeInfo{o.Name, Outfall, o.Elevation, 0, 0}, node{kind: Outfall, invert: o.Elevation, out: spec})
	}
	for i := range m.Storage {
		st := &m.Storage[i]
		sh, err := newStoreShape(st, curves)
		if err != nil {
			return err
		}
		s.addNode(NodeInfo{st.Name, Storage, st.Elevation, st.MaxDepth, st.SurchargeDepth},
			node{kind: Storage, invert: st.Elevation, fullDepth: st.MaxDepth, surDep: st.SurchargeDepth, depth: st.InitDepth, store: sh})
	}
	return nil
}

// offset returns a link end's height above its node's invert, m.
func (s *Sim) offset(m *swmm.Model, n int, off float64) float64 {
	info := swmm.NodeInfo{Invert: s.nodes[n].invert}
	return m.LinkInvert(info, off) - s.nodes[n].invert
}

func (s *Sim) ends(name, from, to string) (int, int, error) {
	a, ok1 := s.nodeIdx[from]
	b, ok2 := s.nodeIdx[to]
	if !ok1 || !ok2 {
		return 0, 0, fmt.Errorf("%w: link %q joins %q and %q", ErrUnknown, name, from, to)
	}
	return a, b, nil
}

func (s *Sim) addLink(info LinkInfo, l link) {
	s.linkIdx[info.Name] = len(s.links)
	s.linkInfo = append(s.linkInfo, info)
	s.links = append(s.links, l)
}

// finishNodes sets crown elevations, full depths of junctions without one,
// upstream-terminal flags and initial volumes.
func (s *Sim) finishNodes() {
	in := make([]int, len(s.nodes))
	outN := make([]int, len(s.nodes))
	for i := range s.nodes {
		s.nodes[i].crown = s.nodes[i].invert
	}
	for i := range s.links {
		l := &s.links[i]
		h := 0.0
		if l.xs != nil {
			h = l.xs.yFull
		}
		n1, n2 := &s.nodes[l.n1], &s.nodes[l.n2]
		n1.crown = math.Max(n1.crown, n1.invert+l.off1+h)
		n2.crown = math.Max(n2.crown, n2.invert+l.off2+h)
		outN[l.n1]++
		in[l.n2]++
	}
	for i := range s.nodes {
		n := &s.nodes[i]
		if n.kind != Outfall && n.fullDepth <= 0 {
			n.fullDepth = n.crown - n.invert
			s.nodeInfo[i].MaxDepth = n.fullDepth
		}
		n.upTerminal = in[i] == 0 && outN[i] == 1
		n.volume = s.nodeVolume(i, n.depth)
	}
}

// nodeVolume returns the volume held in node i at depth d, m³: the storage
// curve's volume (capped at full depth), or for junctions the depth times
// the minimum surface area (the nodal area the solver gives them), capped
// at the crown of the highest pipe and at full depth. A junction above
// that crown is surcharged: its depth is a pressure head found from the
// links' dQ/dH with no storage term (SWMM 5's surcharge algorithm), so no
// water is stored there; counting the shaft above the crown would put
// water into the balance that no flow brought (or take it out when the
// head falls).
func (s *Sim) nodeVolume(i int, d float64) float64 {
	n := &s.nodes[i]
	switch n.kind {
	case Storage:
		return n.store.volume(math.Min(d, n.fullDepth))
	case Junction:
		return min(d, n.fullDepth, n.crown-n.invert) * s.opt.MinSurfArea
	}
	return 0
}
