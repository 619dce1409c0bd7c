package main

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"twin/sim/flood/rain"
)

// TestParseRain checks each --rain form by the rain it gives: uniform
// depth = intensity × time (exact); the Chinese formula's Chicago storm
// holds the IDF depth over its whole duration (Keifer & Chu's window
// property, 1e-9 relative), with A = 0.36·167·A1·(1 + C·lg P) (GB 50014,
// q in L/(s·ha) to mm/h); a CSV series its readings × intervals.
func TestParseRain(t *testing.T) {
	csvFile := filepath.Join(t.TempDir(), "storm.csv")
	writeFile(t, csvFile, "time_s,mm_per_h\n0,12\n300,36\n600,6\n")
	idf, err := rain.ChineseFormula{A1: 12, C: 0.811, B: 8, N: 0.711}.IDF(100)
	if err != nil {
		t.Fatal(err)
	}
	wantA := 0.36 * 167 * 12 * (1 + 0.811*2)
	if math.Abs(idf.A-wantA) > 1e-9*wantA {
		t.Fatalf("IDF A %g, want %g", idf.A, wantA)
	}
	tests := []struct {
		spec   string
		t1     float64 // s, depth over [0, t1)
		wantMM float64
	}{
		{"uniform:50mm/h", 3600, 50},
		{"uniform:50", 1800, 25},
		{"uniform:50mm/h,T=30m", 3600, 25},
		{"uniform:20mm/h,T=0.5h", 3600, 10},
		{"chinese:A1=12,C=0.811,b=8,n=0.711,P=100,r=0.4,T=120m", 7200, idf.Depth(120)},
		{"chinese:A1=12,C=0.811,b=8,n=0.711,P=100", 3600, idf.Depth(60)}, // T = the run, r = 0.4
		{csvFile, 900, (12 + 36 + 6) * 300.0 / 3600},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			rs, err := parseRain(tt.spec, 3600)
			if err != nil {
				t.Fatal(err)
			}
			got := rs.storm.Depth(0, tt.t1)
			if math.Abs(got-tt.wantMM) > 1e-9*tt.wantMM {
				t.Errorf("depth %.9g mm, want %.9g", got, tt.wantMM)
			}
		})
	}
	rs, err := parseRain("swmm-gauges", 3600)
	if err != nil || !rs.gauges {
		t.Errorf("swmm-gauges: %v %+v", err, rs)
	}
	for _, bad := range []string{"uniform:-5", "uniform:5,T=0", "uniform:5,Q=3", "chinese:A1=12,C=1,b=8,n=0.7,P=10,z=1",
		"chinese:A1=12,A1=13,C=1,b=8,n=0.7,P=10", "chinese:A1", "swmm-gauges:x", "rain"} {
		if _, err := parseRain(bad, 3600); err == nil || !strings.Contains(err.Error(), "--rain") {
			t.Errorf("%q: error %v", bad, err)
		}
	}
}

// FuzzReadRainCSV: any input either fails or gives blocks that pass
// Validate, in time order, with a finite total depth.
func FuzzReadRainCSV(f *testing.F) {
	f.Add("time_s,mm_per_h\n0,12\n300,36\n600,6\n")
	f.Add("0,1\n60,2\n")
	f.Add("0,1\n0,2\n")
	f.Add("a,b\n1e308,1\n-1e308,2\n")
	f.Fuzz(func(t *testing.T, s string) {
		b, err := readRainCSV(strings.NewReader(s))
		if err != nil {
			return
		}
		if err := b.Validate(); err != nil {
			t.Fatalf("accepted blocks fail Validate: %v", err)
		}
		if tot := b.Total(); math.IsNaN(tot) || math.IsInf(tot, 0) || tot < 0 {
			t.Fatalf("total %g mm", tot)
		}
	})
}

// FuzzParseRain: any --rain text (files aside) either fails naming the
// flag or gives a storm with a non-negative depth over the run.
func FuzzParseRain(f *testing.F) {
	for _, s := range []string{"uniform:50mm/h", "uniform:5,T=1h", "chinese:A1=12,C=0.811,b=8,n=0.711,P=100,r=0.4,T=120m", "swmm-gauges", "chinese:A1=1e300,C=1e300,b=0,n=0,P=1e300"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.HasSuffix(strings.ToLower(s), ".csv") {
			return // names a file: not read here
		}
		rs, err := parseRain(s, 3600)
		if err != nil {
			if !strings.Contains(err.Error(), "--rain") {
				t.Fatalf("error %q does not name --rain", err)
			}
			return
		}
		if rs.storm == nil {
			if !rs.gauges {
				t.Fatal("no storm and no gauges")
			}
			return
		}
		if d := rs.storm.Depth(0, 3600); math.IsNaN(d) || d < 0 {
			t.Fatalf("%q: depth %g mm", s, d)
		}
	})
}
