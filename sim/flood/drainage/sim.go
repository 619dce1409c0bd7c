package drainage

import (
	"fmt"
	"math"
	"time"

	"twin/geo/swmm"
	"twin/sim/flood/rain"
)

// Rainfall says what rain falls on the subcatchments.
type Rainfall struct {
	// All, when set, falls on every subcatchment (a design storm).
	All rain.Hyetograph
	// Gauges gives the hyetograph of each rain gauge by name (see
	// rain.SWMMGauges); a subcatchment whose gauge is absent gets no rain.
	Gauges map[string]rain.Hyetograph
}

// Sim is a running drainage simulation of one SWMM network. It is not safe
// for concurrent use; distinct Sims are independent.
type Sim struct {
	opt        Options
	start      time.Time
	t          float64 // s from the model start
	nodes      []node
	links      []link
	nodeInfo   []NodeInfo
	linkInfo   []LinkInfo
	nodeIdx    map[string]int
	linkIdx    map[string]int
	subs       []subcatch
	inflows    []extInflow
	dwf        []dwfInflow
	coupling   []float64 // coupling inflow per node, m³/s
	runoffQ    []float64 // runoff per node over the current runoff step, m³/s
	nextRunoff float64
	order      []int   // links in topological order (kinematic wave)
	outs       []int   // links leaving each node (kinematic wave)
	upConduits [][]int // conduits leaving each node (kinematic wave)
	variable   float64 // last variable step, s
	steps      int
	iters      int
	mass       massTotals
	overVol    []float64 // overflow volume per node since the last Advance, m³
}

// New builds a simulation of m with the given rain, at time 0 (the
// model's start) with the model's initial depths and flows. Errors wrap
// ErrInvalid, ErrUnsupported or ErrUnknown. O(nodes + links +
// subcatchments).
func New(m *swmm.Model, r Rainfall, opt Options) (*Sim, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	s := &Sim{opt: opt.withDefaults(m), start: m.Options.Start,
		nodeIdx: map[string]int{}, linkIdx: map[string]int{}}
	if err := s.build(m); err != nil {
		return nil, err
	}
	if err := s.buildRunoff(m, r); err != nil {
		return nil, err
	}
	if err := s.buildInflows(m); err != nil {
		return nil, err
	}
	s.coupling = make([]float64, len(s.nodes))
	s.runoffQ = make([]float64, len(s.nodes))
	s.overVol = make([]float64, len(s.nodes))
	s.order = s.topoOrder()
	for i := range s.links {
		l := &s.links[i]
		if l.kind == Conduit {
			s.initConduitState(l)
		}
	}
	s.mass.initStorage = s.storedVolume()
	return s, nil
}

// Time returns the simulation time, s from the model start.
func (s *Sim) Time() float64 { return s.t }

// Nodes returns the network's nodes; index i is node i of the getters.
// The slice is shared: do not modify it.
func (s *Sim) Nodes() []NodeInfo { return s.nodeInfo }

// Links returns the network's links, shared as Nodes.
func (s *Sim) Links() []LinkInfo { return s.linkInfo }

// NodeIndex returns the index of the named node, or an error wrapping
// ErrUnknown.
func (s *Sim) NodeIndex(name string) (int, error) {
	i, ok := s.nodeIdx[name]
	if !ok {
		return -1, fmt.Errorf("%w: node %q", ErrUnknown, name)
	}
	return i, nil
}

// LinkIndex returns the index of the named link, or an error wrapping
// ErrUnknown.
func (s *Sim) LinkIndex(name string) (int, error) {
	i, ok := s.linkIdx[name]
	if !ok {
		return -1, fmt.Errorf("%w: link %q", ErrUnknown, name)
	}
	return i, nil
}

// Depth returns node i's water depth, m. Head returns its water-surface
// elevation, m. Panics if i is out of range (a programmer error).
func (s *Sim) Depth(i int) float64 { return s.nodes[i].depth }

// Head returns node i's water-surface elevation, m.
func (s *Sim) Head(i int) float64 { return s.nodes[i].invert + s.nodes[i].depth }

// Flow returns link i's flow, m³/s, positive from its From to its To node.
func (s *Sim) Flow(i int) float64 { return s.links[i].flow }

// LinkDepth returns the mean flow depth in conduit i, m (0 for other links).
func (s *Sim) LinkDepth(i int) float64 { return s.links[i].depth }

// OutfallFlow returns the discharge leaving outfall node i during the last
// step, m³/s (0 for other nodes).
func (s *Sim) OutfallFlow(i int) float64 { return s.nodes[i].outflowQ }

// SetInflow sets an extra lateral inflow into node i, m³/s, held until
// changed: the coupling's inlet capture from the street surface. It is
// counted as external inflow in the mass balance. Negative values are
// treated as 0. Panics if i is out of range.
func (s *Sim) SetInflow(i int, q float64) {
	if !(q > 0) {
		q = 0
	}
	s.coupling[i] = q
}

// Overflow returns the volume that left node i above its rim since the
// previous call of Advance began, m³: what the coupling hands to the
// street surface.
func (s *Sim) Overflow(i int) float64 { return s.overVol[i] }

// OverflowRate returns node i's overflow rate during the last step, m³/s.
func (s *Sim) OverflowRate(i int) float64 { return s.nodes[i].overflow }

// Steps returns the number of routing steps taken and the Picard
// iterations they used in all.
func (s *Sim) Steps() (steps, iterations int) { return s.steps, s.iters }

// Advance routes the network from Time() to t (s), in variable steps no
// longer than the options allow, with coupling inflows held constant.
// Overflow volumes restart from zero. It returns an error wrapping
// ErrUnstable if the state becomes non-finite, and does nothing for
// t <= Time(). O(steps × (nodes + links)).
func (s *Sim) Advance(t float64) error {
	clear(s.overVol)
	for s.t < t-1e-9 {
		if s.t >= s.nextRunoff-1e-9 {
			s.runoffStep()
		}
		dt := s.routingStep()
		dt = math.Min(dt, t-s.t)
		dt = math.Min(dt, s.nextRunoff-s.t)
		if err := s.step(dt); err != nil {
			return err
		}
	}
	return nil
}

// step advances one routing step of dt seconds.
func (s *Sim) step(dt float64) error {
	s.setLateral(s.t + dt)
	if s.opt.Routing == KinematicWave {
		s.kwStep(dt)
	} else {
		s.dwStep(dt)
	}
	s.t += dt
	s.steps++
	s.account(dt)
	for i := range s.nodes {
		if d := s.nodes[i].depth; math.IsNaN(d) || math.IsInf(d, 0) {
			return fmt.Errorf("%w: node %q depth %g at t = %g s", ErrUnstable, s.nodeInfo[i].Name, d, s.t)
		}
	}
	return nil
}

// setLateral sets each node's lateral inflow for a step ending at t.
func (s *Sim) setLateral(t float64) {
	for i := range s.nodes {
		n := &s.nodes[i]
		n.oldLat = n.lat
		n.lat = s.runoffQ[i] + s.coupling[i]
	}
	s.addInflows(t)
}
