package rain

import (
	"errors"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"twin/geo/swmm"
	"twin/internal/sharedtest"
)

func decodeShared(t *testing.T, name string) *swmm.Model {
	t.Helper()
	m, err := swmm.Decode(sharedtest.Open(t, "pipes/swmm/"+name), name, swmm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestSWMMGaugesExample1: EPA SWMM Example 1 has one gauge RG1, INTENSITY
// every hour from TS1 (in/h): 0.25, 0.5, 0.8, 0.4, 0.1 from 1:00 and 0.4,
// 0.2 from 28:00, so 2.65 in = 67.31 mm in all (read off the file).
func TestSWMMGaugesExample1(t *testing.T) {
	m := decodeShared(t, "usepa-swmm-Example1.inp")
	g, err := SWMMGauges(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(g) != 1 || g[0].Name != "RG1" || !g[0].HasPt {
		t.Fatalf("gauges %+v", g)
	}
	if got := g[0].Rain.Total(); math.Abs(got-2.65*25.4) > 1e-9 {
		t.Errorf("total %v mm, want 67.31", got)
	}
	// 3:00–4:00 reads 0.8 in/h
	if got := MeanIntensity(g[0].Rain, 3*3600, 3600); math.Abs(got-0.8*25.4) > 1e-9 {
		t.Errorf("3:00–4:00 %v mm/h, want %v", got, 0.8*25.4)
	}
}

// TestSWMMFileBellinge reads the Bellinge model's rain file (5-minute
// intensities in mm/h for station 1: 0, 28, 32, 3 as shipped); the
// expected total is the sum of the file's values × 5/60 h, computed with
// awk: 63 × 5/60 = 5.25 mm.
func TestSWMMFileBellinge(t *testing.T) {
	m := decodeShared(t, "swmmanywhere-bellinge_small.inp")
	if _, err := SWMMGauges(m, nil); !errors.Is(err, ErrUnsupported) {
		t.Fatalf("file gauge without a file: %v", err)
	}
	f := sharedtest.Open(t, "pipes/swmm/swmmanywhere-storm.dat")
	g, err := SWMMGauges(m, map[string]io.Reader{"storm.dat": f})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := g[0].Rain.Total(), 63.0*5/60; math.Abs(got-want) > 1e-9 {
		t.Errorf("total %v mm, want %v", got, want)
	}
}

func TestReadSWMMFile(t *testing.T) {
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	in := "; comment\nA 2000 01 01 00 00 0.5\nB 2000 01 01 00 00 9\nA 2000 01 01 01 30 1 ; tail\n"
	rs, err := ReadSWMMFile(strings.NewReader(in), "A", "IN", start)
	if err != nil {
		t.Fatal(err)
	}
	want := []Reading{{0, 12.7}, {5400, 25.4}}
	if len(rs) != 2 || rs[0] != want[0] || math.Abs(rs[1].V-want[1].V) > 1e-12 || rs[1].T != want[1].T {
		t.Fatalf("readings %v, want %v", rs, want)
	}
	for _, bad := range []string{"A 2000 01 01 00\n", "A 2000 x 01 00 00 1\n", "A 2000 01 01 00 00 -1\n"} {
		if _, err := ReadSWMMFile(strings.NewReader(bad), "A", "MM", start); !errors.Is(err, ErrInvalid) {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if _, err := ReadSWMMFile(strings.NewReader(in), "C", "MM", start); !errors.Is(err, ErrMissing) {
		t.Errorf("missing station: %v", err)
	}
}

func FuzzReadSWMMFile(f *testing.F) {
	f.Add("1 2000 01 01 00 05 28\n1 2000 01 01 00 10 32\n")
	f.Add(";x\n\uFEFF1 1 1 1 1 1 1\n")
	f.Fuzz(func(t *testing.T, s string) {
		rs, err := ReadSWMMFile(strings.NewReader(s), "", "MM", time.Time{})
		if err != nil {
			return
		}
		for _, r := range rs {
			if r.V < 0 || math.IsNaN(r.V) {
				t.Fatalf("bad reading %v", r)
			}
		}
	})
}
