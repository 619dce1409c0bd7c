package scenarios

import (
	"math"

	"twin/sim/traffic/greenwave"
)

// CorridorResult describes the signal corridor and its plans.
type CorridorResult struct {
	Road       string    `json:"road"`
	Signals    []string  `json:"signals"`
	PositionsM []float64 `json:"positions_m"`
	// SpeedMS is the mean progression speed outbound (length over
	// time), m/s; LegOutS and LegInS the travel times of each leg between
	// consecutive signals, outbound and inbound, s.
	SpeedMS float64   `json:"speed_mps"`
	LegOutS []float64 `json:"leg_out_s,omitempty"`
	LegInS  []float64 `json:"leg_in_s,omitempty"`
	// FreeS is the corridor's outbound travel time without signals, s.
	FreeS float64       `json:"free_s"`
	Plans []PlanOutcome `json:"plans"`
	Final string        `json:"final_plan"`
	// FinalOutS and FinalInS are the mean travel times of the plan in
	// force at the end, s.
	FinalOutS float64 `json:"final_out_s"`
	FinalInS  float64 `json:"final_in_s"`
}

// PlanOutcome is one timing plan of the corridor: its offsets and green
// windows (s in the common cycle), its green bands (MAXBAND's geometry)
// and the mean travel time of a car arriving at a uniformly random moment
// of the cycle, each way, s.
type PlanOutcome struct {
	Plan     string    `json:"plan"`
	CycleS   float64   `json:"cycle_s"`
	OffsetsS []float64 `json:"offsets_s"`
	GreenOut []Window  `json:"green_out"`
	GreenIn  []Window  `json:"green_in"`
	BandOutS float64   `json:"band_out_s"`
	BandInS  float64   `json:"band_in_s"`
	// BandOutStartS and BandInStartS are when each band's leading edge
	// passes its first signal, s modulo the cycle.
	BandOutStartS float64 `json:"band_out_start_s"`
	BandInStartS  float64 `json:"band_in_start_s"`
	TravelOutS    float64 `json:"travel_out_s"`
	TravelInS     float64 `json:"travel_in_s"`
}

// Window is a green interval: from Start, Length seconds, in program time.
type Window struct {
	Start  float64 `json:"start_s"`
	Length float64 `json:"length_s"`
}

// corridorModel keeps the corridor's plans and which is in force.
type corridorModel struct {
	res       CorridorResult
	plans     map[string]*PlanOutcome
	active    string
	links     map[string]bool
	factorNow float64
}

// newCorridorModel builds the corridor, measures the as-found ("fixed")
// plan and solves the green wave ("greenwave") with MAXBAND.
func newCorridorModel(c *city, road string) (*corridorModel, error) {
	name, gc, linkIDs, err := buildCorridor(c, road)
	if err != nil {
		return nil, err
	}
	m := &corridorModel{plans: map[string]*PlanOutcome{}, active: PlanFixed, links: map[string]bool{}}
	for _, id := range linkIDs {
		m.links[id] = true
	}
	m.res = CorridorResult{Road: name}
	pos := 0.0
	for i, s := range gc.Signals {
		if i > 0 {
			l := gc.Links[i-1]
			pos += l.Out.Length
			m.res.LegOutS = append(m.res.LegOutS, l.Out.Time())
			m.res.LegInS = append(m.res.LegInS, l.In.Time())
			m.res.FreeS += l.Out.Time()
		}
		m.res.Signals = append(m.res.Signals, s.ID)
		m.res.PositionsM = append(m.res.PositionsM, round3(pos))
	}
	m.res.SpeedMS = round3(pos / m.res.FreeS)
	fixed, err := fixedPlan(gc)
	if err != nil {
		return nil, err
	}
	p, err := greenwave.Solve(gc, greenwave.Options{})
	if err != nil {
		return nil, err
	}
	wave := solvedPlan(p)
	for _, po := range []*PlanOutcome{fixed, wave} {
		po.TravelOutS = round3(meanTravel(po, m.res.LegOutS, false))
		po.TravelInS = round3(meanTravel(po, m.res.LegInS, true))
		m.plans[po.Plan] = po
		m.res.Plans = append(m.res.Plans, *po)
	}
	m.res.FreeS = round3(m.res.FreeS)
	for i := range m.res.LegOutS {
		m.res.LegOutS[i], m.res.LegInS[i] = round3(m.res.LegOutS[i]), round3(m.res.LegInS[i])
	}
	m.factorNow = m.planFactor()
	return m, nil
}

// fixedPlan is the as-found plan: greenwave's default programs (the
// corridor's green first, for both directions) at the hashed offsets.
func fixedPlan(gc *greenwave.Corridor) (*PlanOutcome, error) {
	po := &PlanOutcome{Plan: PlanFixed, CycleS: gc.Signals[0].Cycle()}
	for _, s := range gc.Signals {
		g := Window{0, s.Phases[0].Duration}
		po.OffsetsS = append(po.OffsetsS, s.Offset)
		po.GreenOut = append(po.GreenOut, g)
		po.GreenIn = append(po.GreenIn, g)
	}
	out, in, err := gc.Bands(nil, po.OffsetsS)
	if err != nil {
		return nil, err
	}
	po.BandOutS, po.BandInS = round3(out.Width), round3(in.Width)
	po.BandOutStartS, po.BandInStartS = round3(out.Start), round3(in.Start)
	return po, nil
}

func solvedPlan(p *greenwave.Plan) *PlanOutcome {
	po := &PlanOutcome{Plan: PlanGreenWave, CycleS: p.Cycle, BandOutS: round3(p.Out.Width), BandInS: round3(p.In.Width),
		BandOutStartS: round3(p.Out.Start), BandInStartS: round3(p.In.Start)}
	for _, s := range p.Signals {
		po.OffsetsS = append(po.OffsetsS, round3(s.Offset))
		po.GreenOut = append(po.GreenOut, Window{round3(s.GreenOut.Start), round3(s.GreenOut.Length)})
		po.GreenIn = append(po.GreenIn, Window{round3(s.GreenIn.Start), round3(s.GreenIn.Length)})
	}
	return po
}

// waitAt returns how long a car arriving at signal i at time t waits.
func waitAt(po *PlanOutcome, i int, t float64, inbound bool) float64 {
	g := po.GreenOut[i]
	if inbound {
		g = po.GreenIn[i]
	}
	u := math.Mod(t-po.OffsetsS[i]-g.Start, po.CycleS)
	if u < 0 {
		u += po.CycleS
	}
	if u < g.Length {
		return 0
	}
	return po.CycleS - u
}

// meanTravel is the mean time from the first signal's stop line to past
// the last one, over arrivals at each whole second of the cycle; legs[i]
// is the travel time between signals i and i+1 in the direction driven
// (s).
func meanTravel(po *PlanOutcome, legs []float64, inbound bool) float64 {
	n := len(po.OffsetsS)
	sum := 0.0
	steps := int(math.Ceil(po.CycleS))
	for k := 0; k < steps; k++ {
		t0 := float64(k)
		t := t0
		for j := 0; j < n; j++ {
			i := j
			if inbound {
				i = n - 1 - j
			}
			if j > 0 { // outbound from leg i−1, inbound from leg i
				leg := i - 1
				if inbound {
					leg = i
				}
				t += legs[leg]
			}
			t += waitAt(po, i, t, inbound)
		}
		sum += t - t0
	}
	return sum / float64(steps)
}

// setPlan puts a plan in force.
func (m *corridorModel) setPlan(plan string) {
	m.active = plan
	m.factorNow = m.planFactor()
}

// planFactor is the corridor links' speed factor under the active plan:
// free time over the mean time with signal delays, both directions.
func (m *corridorModel) planFactor() float64 {
	po := m.plans[m.active]
	mean := (po.TravelOutS + po.TravelInS) / 2
	if mean <= 0 || m.res.FreeS <= 0 {
		return 1
	}
	return math.Min(1, m.res.FreeS/mean)
}

// factor returns a link's signal factor (1 off the corridor).
func (m *corridorModel) factor(link string) float64 {
	if m.links[link] {
		return m.factorNow
	}
	return 1
}

func (m *corridorModel) result() *CorridorResult {
	r := m.res
	po := m.plans[m.active]
	r.Final, r.FinalOutS, r.FinalInS = m.active, po.TravelOutS, po.TravelInS
	return &r
}
