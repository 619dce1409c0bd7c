package dispatch

import (
	"math/rand/v2"
	"testing"
	"time"

	"twin/internal/sharedtest"
)

// BenchmarkSimDay simulates 24 h of calls (6 per hour, about 145) on the
// sample city with six stations, nearest policy.
func BenchmarkSimDay(b *testing.B) {
	benchDay(b, Nearest)
}

// BenchmarkSimDayMEXCLP is BenchmarkSimDay with the MEXCLP policy.
func BenchmarkSimDayMEXCLP(b *testing.B) {
	benchDay(b, MEXCLP)
}

func benchDay(b *testing.B, kind PolicyKind) {
	tw := monaco(b)
	st := monacoStations(b, tw, 6)
	opt := SimOptions{Start: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), DurationS: 86400, TurnoutS: 60, Policy: PolicyOptions{Kind: kind}}
	in, err := GenerateIncidents(rand.New(rand.NewPCG(1, 1)), tw.d, opt.DurationS, GeneratorOptions{RatePerHour: 6})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		s, err := NewSim(tw.g, NewCoverage(tw.g, tw.d), st, FleetAtStations(st, 1), opt)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Run(in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(in)), "calls/op")
}

// BenchmarkChooseNearest50 picks the nearest of 50 units to a call on the
// sample city: one ManyToOne query over 50 sources.
func BenchmarkChooseNearest50(b *testing.B) {
	benchChoose(b, monaco(b))
}

// BenchmarkChooseNearest50OSRM is BenchmarkChooseNearest50 on the
// osrm-monaco extract (Monaco and the French towns around it, 22,570
// demand points).
func BenchmarkChooseNearest50OSRM(b *testing.B) {
	f := sharedtest.Open(b, "osm/osrm-monaco.osm.pbf")
	tw, err := decodeTown(f, "osrm-monaco.osm.pbf")
	if err != nil {
		b.Fatal(err)
	}
	benchChoose(b, tw)
}

func benchChoose(b *testing.B, tw *town) {
	rng := rand.New(rand.NewPCG(4, 4))
	units := make([]Snap, 50)
	for i := range units {
		units[i] = tw.d.Snaps[rng.IntN(tw.d.Len())]
	}
	calls := make([]Snap, 256)
	for i := range calls {
		calls[i] = tw.d.Snaps[rng.IntN(tw.d.Len())]
	}
	dp, _ := NewDispatcher(tw.g, nil, PolicyOptions{})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, _, err := dp.Choose(units, nil, nil, calls[i%len(calls)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkCoverage measures the floor-area coverage of the sample city
// (1,207 buildings) from six units with an empty cache: six OneToMany
// queries and the sums.
func BenchmarkCoverage(b *testing.B) {
	tw := monaco(b)
	var units []Snap
	for _, s := range monacoStations(b, tw, 6) {
		units = append(units, must(tw.d.Snap(tw.g, s.Point, 100)))
	}
	cov := NewCoverage(tw.g, tw.d)
	b.ReportAllocs()
	for b.Loop() {
		cov.Reset()
		if _, err := cov.Share(units, 480); err != nil {
			b.Fatal(err)
		}
	}
}
