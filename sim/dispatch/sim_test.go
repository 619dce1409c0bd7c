package dispatch

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"
)

func TestSimSmoke(t *testing.T) {
	tw := monaco(t)
	st := monacoStations(t, tw, 6)
	units := FleetAtStations(st, 1)
	cov := NewCoverage(tw.g, tw.d)
	opt := SimOptions{Start: time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC), DurationS: 4 * 3600, TurnoutS: 60}
	in, err := GenerateIncidents(rand.New(rand.NewPCG(1, 2)), tw.d, opt.DurationS, GeneratorOptions{RatePerHour: 6, StartHour: 8})
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSim(tw.g, cov, st, units, opt)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Run(in)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(Summarize(r), "", " ")
	t.Logf("%d buildings, %d dropped, %d incidents\n%s", tw.d.Len(), tw.d.Dropped, len(in), b)
}
