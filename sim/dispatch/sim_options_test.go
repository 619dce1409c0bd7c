package dispatch

import (
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestSimOptionsAndErrors(t *testing.T) {
	bad := []SimOptions{
		{}, {DurationS: math.Inf(1)}, {DurationS: 10, TurnoutS: -1}, {DurationS: 10, SampleS: math.NaN()},
		{DurationS: 10, Types: map[IncidentType]TypeSpec{"x": {}}},
		{DurationS: 10, Changes: []TimedChange{{AtS: -1}}}, {DurationS: 10, Policy: PolicyOptions{BusyQ: 2}},
	}
	for _, o := range bad {
		if err := o.Validate(); !errors.Is(err, ErrOptions) {
			t.Errorf("%+v: %v, want ErrOptions", o, err)
		}
	}
	g := line(t, 4)
	cov := NewCoverage(g, lineDemand(t, g, []float64{50}, []float64{1}))
	st := []Station{{ID: "s", Type: UnitPolice, Point: orb.Point{0, 0}}}
	if _, err := NewSim(g, cov, st, []Unit{{ID: "u", Type: UnitPolice, Station: 3}}, SimOptions{DurationS: 10}); !errors.Is(err, ErrUnit) {
		t.Errorf("unit of a missing station: %v", err)
	}
	if _, err := NewSim(g, cov, st, []Unit{{ID: "u", Type: UnitPolice}, {ID: "u", Type: UnitPolice}}, SimOptions{DurationS: 10}); !errors.Is(err, ErrUnit) {
		t.Errorf("duplicate unit: %v", err)
	}
	far := []Station{{ID: "s", Type: UnitPolice, Point: orb.Point{0, 5000}}}
	if _, err := NewSim(g, cov, far, FleetAtStations(far, 1), SimOptions{DurationS: 10}); !errors.Is(err, ErrTooFar) {
		t.Errorf("station 5 km off the road: %v", err)
	}
	s, err := NewSim(g, cov, st, FleetAtStations(st, 1), SimOptions{DurationS: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []Incident{
		{ID: "a", Type: "flood", Point: orb.Point{50, 0}},
		{ID: "b", Type: Fire, TimeS: math.NaN(), Point: orb.Point{50, 0}},
		{ID: "c", Type: Fire, Point: orb.Point{50, 3000}},
		{ID: "", Type: Fire, Point: orb.Point{50, 0}},
	} {
		if err := s.AddIncident(in); !errors.Is(err, ErrIncident) {
			t.Errorf("%+v: %v, want ErrIncident", in, err)
		}
	}
	if err := s.AdvanceTo(50); err != nil {
		t.Fatal(err)
	}
	if err := s.AddIncident(Incident{ID: "late", Type: Traffic, TimeS: 10, Point: orb.Point{50, 0}}); !errors.Is(err, ErrIncident) {
		t.Errorf("call before the clock: %v", err)
	}
	if err := s.AdvanceTo(20); !errors.Is(err, ErrOptions) {
		t.Errorf("clock backwards: %v", err)
	}
}

// TestUnservedCall: a fire call with no engine in the fleet is never
// served: it stays in the record with no response and no unit.
func TestUnservedCall(t *testing.T) {
	g := line(t, 4)
	cov := NewCoverage(g, lineDemand(t, g, []float64{50}, []float64{1}))
	st := []Station{{ID: "s", Type: UnitPolice, Point: orb.Point{0, 0}}}
	s, err := NewSim(g, cov, st, FleetAtStations(st, 1), SimOptions{DurationS: 100})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Run([]Incident{{ID: "f", Type: Fire, TimeS: 5, Point: orb.Point{250, 0}}})
	if err != nil {
		t.Fatal(err)
	}
	sum := Summarize(r)
	if len(r.Incidents) != 1 || r.Incidents[0].ResponseS != nil || r.Incidents[0].Units[0] != "" || sum.Served != 0 || sum.WithinTarget != 0 {
		t.Errorf("%+v, summary %+v", r.Incidents, sum.Stats)
	}
}
