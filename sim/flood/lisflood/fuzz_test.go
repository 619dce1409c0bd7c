package lisflood

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"twin/geo"
)

// checkErr fails unless err is nil or a positioned parse error.
func checkErr(t *testing.T, err error) {
	t.Helper()
	var pe *geo.ParseError
	if err != nil && !errors.As(err, &pe) {
		t.Fatalf("error without a position: %v", err)
	}
}

func FuzzReadPar(f *testing.F) {
	f.Add("DEMfile a.dem\nsim_time 100\nelevoff\n# c\n")
	f.Add("theta 0.7\ncfl x\n")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ReadPar(strings.NewReader(s), "f.par")
		checkErr(t, err)
		if err == nil && (p.SimTime < 0 || math.IsNaN(p.Theta)) {
			t.Fatalf("accepted an invalid value: %+v", p)
		}
	})
}

func FuzzReadBCI(f *testing.F) {
	f.Add("W 990 1010 QVAR test4\nE 0 2000 FREE\n")
	f.Add("P 1 2 QFIX 0.5\nN 0 1 HFIX 3\n")
	f.Fuzz(func(t *testing.T, s string) {
		bcs, err := ReadBCI(strings.NewReader(s), "f.bci")
		checkErr(t, err)
		for _, bc := range bcs {
			if math.IsNaN(bc.Start) || math.IsInf(bc.Value, 0) || !strings.Contains("NESWP", string(bc.Edge)) {
				t.Fatalf("accepted %+v", bc)
			}
		}
	})
}

func FuzzReadBDY(f *testing.F) {
	f.Add("# c\ntest4\n5 seconds\n0 0\n0 300\n1 3600\n1 14400\n0 18000\n")
	f.Add("c\na\n1 hours\n2 1\nb\n2 minutes\n1 0\n1 1\n")
	f.Fuzz(func(t *testing.T, s string) {
		ss, err := ReadBDY(strings.NewReader(s), "f.bdy")
		checkErr(t, err)
		for name, sr := range ss {
			if err := sr.Validate(); err != nil {
				t.Fatalf("series %q: %v", name, err)
			}
		}
	})
}

func FuzzReadStages(f *testing.F) {
	f.Add("2\n50 1000\n100 1000\n")
	f.Fuzz(func(t *testing.T, s string) {
		_, err := ReadStages(strings.NewReader(s), "f.stage")
		checkErr(t, err)
	})
}

// FuzzStageOutput: whatever ReadStageOutput accepts, StageWriter writes
// back to a file ReadStageOutput reads to the same numbers (at the
// precision of the format).
func FuzzStageOutput(f *testing.F) {
	f.Add("Stage output, depth (m). Stage locations from: a\n\nStage information (stage,x,y,elev):\n1\t1.0\t2.0\t0.5\n\nOutput, depths:\nTime; stages 1 to 1\n 5.000 0.1000\n")
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ReadStageOutput(strings.NewReader(s), "f.stage")
		checkErr(t, err)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		sw, err := NewStageWriter(&buf, o.Source, o.Points, o.Elev)
		if err != nil {
			t.Fatal(err)
		}
		for k := range o.Times {
			if err := sw.Write(o.Times[k], o.Depths[k]); err != nil {
				t.Fatal(err)
			}
		}
		back, err := ReadStageOutput(&buf, "back.stage")
		if err != nil {
			t.Fatalf("written file unreadable: %v\n%s", err, buf.String())
		}
		if len(back.Times) != len(o.Times) || len(back.Points) != len(o.Points) {
			t.Fatalf("round trip lost rows or gauges")
		}
	})
}
