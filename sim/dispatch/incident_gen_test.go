package dispatch

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// TestPoissonCount: with a flat rate λ = 10 /h over T = 2 h the count of
// calls is Poisson(λT = 20). Over R = 2000 seeded runs the sample mean
// must lie within 3 standard errors (√(λT/R)) of λT, and the sample
// variance within 3 standard errors of λT (for a Poisson law the
// variance of the sample variance is about (λT + 2(λT)²)/R).
func TestPoissonCount(t *testing.T) {
	g := line(t, 3)
	d := lineDemand(t, g, []float64{50, 150}, []float64{1, 1})
	opt := GeneratorOptions{RatePerHour: 10, Flat: true}
	const R, T = 2000, 7200.0
	mu := opt.ExpectedCount(T)
	if math.Abs(mu-20) > 1e-9 {
		t.Fatalf("ExpectedCount = %v, want λT = 20", mu)
	}
	rng := rand.New(rand.NewPCG(2024, 5))
	var sum, sum2 float64
	for range R {
		in, err := GenerateIncidents(rng, d, T, opt)
		if err != nil {
			t.Fatal(err)
		}
		n := float64(len(in))
		sum += n
		sum2 += n * n
	}
	mean := sum / R
	variance := (sum2 - R*mean*mean) / (R - 1)
	if z := (mean - mu) / math.Sqrt(mu/R); math.Abs(z) > 3 {
		t.Errorf("mean count %v, λT = %v: z = %.2f", mean, mu, z)
	}
	if z := (variance - mu) / math.Sqrt((mu+2*mu*mu)/R); math.Abs(z) > 3 {
		t.Errorf("count variance %v, λT = %v: z = %.2f", variance, mu, z)
	}
}

// TestDiurnalProfile: over 400 seeded days at 6 calls/h the calls per
// hour of day follow the default profile: Pearson's χ² of the 24 hourly
// totals against their expectations (400 · 6 · profile[h], Poisson) stays
// below 51.18, the 99.9 % point of χ² with 24 degrees of freedom. The
// expected daily count is exactly 24 · 6 (the profile has mean 1), and a
// run starting at 22:00 wraps midnight.
func TestDiurnalProfile(t *testing.T) {
	g := line(t, 3)
	d := lineDemand(t, g, []float64{50}, []float64{1})
	opt := GeneratorOptions{RatePerHour: 6, StartHour: 22}
	if got := opt.ExpectedCount(86400); math.Abs(got-144) > 1e-9 {
		t.Fatalf("expected daily count %v, want 144", got)
	}
	prof := DefaultDiurnal()
	var obs [24]float64
	rng := rand.New(rand.NewPCG(9, 9))
	const days = 400
	for range days {
		in, err := GenerateIncidents(rng, d, 86400, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range in {
			obs[int(math.Mod(22*3600+x.TimeS, 86400)/3600)]++
		}
	}
	var chi2 float64
	for h := range obs {
		e := days * 6 * prof[h]
		chi2 += (obs[h] - e) * (obs[h] - e) / e
	}
	if chi2 > 51.18 {
		t.Errorf("χ² = %.1f over 24 hours (observed %v)", chi2, obs)
	}
	var mean float64
	for _, v := range prof {
		mean += v / 24
	}
	if math.Abs(mean-1) > 1e-12 || prof[4] > 0.6 || prof[15] < 1.25 {
		t.Errorf("profile mean %v, trough %v at 04:00, peak %v at 15:00", mean, prof[4], prof[15])
	}
}

// TestSpatialWeights: calls land on the sample city's buildings in
// proportion to floor area. The buildings are split into 10 groups by
// index; over 60,000 seeded calls Pearson's χ² of the group counts
// against the groups' floor-area shares stays below 27.88 (99.9 % point,
// 9 degrees of freedom). The type mix (10/70/20 %) is checked the same
// way: χ² below 13.82 (99.9 %, 2 degrees of freedom).
func TestSpatialWeights(t *testing.T) {
	tw := monaco(t)
	idx := map[[2]float64]int{}
	for i, p := range tw.d.Points {
		idx[[2]float64(p)] = i
	}
	const groups = 10
	var share [groups]float64
	for i, w := range tw.d.Weights {
		share[i*groups/tw.d.Len()] += w / tw.d.Total
	}
	opt := GeneratorOptions{RatePerHour: 60000, Flat: true}
	in, err := GenerateIncidents(rand.New(rand.NewPCG(3, 4)), tw.d, 3600, opt)
	if err != nil {
		t.Fatal(err)
	}
	var obs [groups]float64
	types := map[IncidentType]float64{}
	for _, x := range in {
		i, ok := idx[[2]float64(x.Point)]
		if !ok {
			t.Fatalf("call %s at %v is not at a building", x.ID, x.Point)
		}
		obs[i*groups/tw.d.Len()]++
		types[x.Type]++
	}
	n := float64(len(in))
	var chi2 float64
	for k := range obs {
		e := n * share[k]
		chi2 += (obs[k] - e) * (obs[k] - e) / e
	}
	if chi2 > 27.88 {
		t.Errorf("χ² = %.1f, observed %v, shares %v", chi2, obs, share)
	}
	chi2 = 0
	for typ, p := range map[IncidentType]float64{Fire: 0.1, Medical: 0.7, Traffic: 0.2} {
		chi2 += (types[typ] - n*p) * (types[typ] - n*p) / (n * p)
	}
	if chi2 > 13.82 {
		t.Errorf("type mix χ² = %.1f: %v of %v", chi2, types, n)
	}
}

func TestGeneratorOptions(t *testing.T) {
	bad := []GeneratorOptions{
		{}, {RatePerHour: -1}, {RatePerHour: math.Inf(1)}, {RatePerHour: 1, StartHour: 24},
		{RatePerHour: 1, Diurnal: []float64{1, 2}}, {RatePerHour: 1, Diurnal: make([]float64, 24)},
		{RatePerHour: 1, Mix: map[IncidentType]float64{Fire: -1}},
	}
	for _, o := range bad {
		if err := o.Validate(); !errors.Is(err, ErrOptions) {
			t.Errorf("%+v: %v, want ErrOptions", o, err)
		}
	}
	g := line(t, 2)
	d := lineDemand(t, g, []float64{50}, []float64{1})
	if _, err := GenerateIncidents(rand.New(rand.NewPCG(1, 1)), d, math.NaN(), GeneratorOptions{RatePerHour: 1}); !errors.Is(err, ErrOptions) {
		t.Errorf("NaN duration: %v", err)
	}
}
