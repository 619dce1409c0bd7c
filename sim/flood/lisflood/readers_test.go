package lisflood

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"twin/geo"
	"twin/internal/sharedtest"
)

func TestReadPar(t *testing.T) {
	// The EA test 4 parameter file (Shaw et al. 2021), as distributed.
	p, err := ReadPar(sharedtest.Open(t, ea4Dir+"/ea4.par"), "ea4.par")
	if err != nil {
		t.Fatal(err)
	}
	want := Params{DEMFile: "ea4.dem", BCIFile: "ea4.bci", BDYFile: "ea4.bdy", StageFile: "ea4.stage", ResRoot: "ea4",
		SimTime: 18000, InitialTstep: 5, SaveInt: 3600, MassInt: 100, FPFric: 0.05}
	p2 := *p
	p2.Flags, p2.Values = nil, nil
	if !reflect.DeepEqual(p2, want) {
		t.Errorf("got %+v\nwant %+v", p2, want)
	}
	if !p.Flags["elevoff"] || !p.Flags["voutput"] || len(p.Flags) != 2 {
		t.Errorf("flags %v, want elevoff and voutput", p.Flags)
	}

	for _, tc := range []struct {
		name, in string
		kind     error
		line     int
	}{
		{"bad number", "DEMfile a.asc\nsim_time ten\n", geo.ErrSyntax, 2},
		{"negative", "\n\nfpfric -0.1\n", geo.ErrInvalid, 3},
		{"infinite", "theta Inf", geo.ErrInvalid, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadPar(strings.NewReader(tc.in), "x.par")
			var pe *geo.ParseError
			if !errors.As(err, &pe) || pe.Line != tc.line || !errors.Is(err, tc.kind) {
				t.Errorf("error %v, want %v at line %d", err, tc.kind, tc.line)
			}
		})
	}
	// Case-insensitive keys, comments, later lines win.
	p, err = ReadPar(strings.NewReader("SIM_TIME 10 # ten\nsim_time 20\n# all comment\nCourant 0.5\n"), "x.par")
	if err != nil || p.SimTime != 20 || p.CFL != 0.5 {
		t.Errorf("got %+v, %v", p, err)
	}
}

func TestReadBCI(t *testing.T) {
	bcs, err := ReadBCI(sharedtest.Open(t, ea4Dir+"/ea4.bci"), "ea4.bci")
	if err != nil {
		t.Fatal(err)
	}
	want := []BoundaryCondition{
		{Line: 1, Edge: 'W', Start: 990, End: 1010, Type: QVar, Series: "test4"},
		{Line: 2, Edge: 'E', Start: 0, End: 2000, Type: Free},
		{Line: 3, Edge: 'S', Start: 0, End: 1000, Type: Free},
		{Line: 4, Edge: 'N', Start: 0, End: 1000, Type: Free},
	}
	if len(bcs) != len(want) {
		t.Fatalf("%d conditions, want %d", len(bcs), len(want))
	}
	for i := range want {
		if bcs[i] != want[i] {
			t.Errorf("line %d: got %+v, want %+v", i+1, bcs[i], want[i])
		}
	}
	bcs, err = ReadBCI(strings.NewReader("n 0 10 hfix 2.5\nP 5 5 QFIX 0.1\nE 0 9 FREE 0.001\nW 0 9 FREE -1\n"), "x.bci")
	if err != nil {
		t.Fatal(err)
	}
	if bcs[0].Edge != 'N' || bcs[0].Type != HFix || bcs[0].Value != 2.5 || !bcs[0].HasValue ||
		bcs[1].Edge != 'P' || bcs[1].Value != 0.1 || bcs[2].Value != 0.001 || !bcs[2].HasValue || bcs[3].HasValue {
		t.Errorf("got %+v", bcs)
	}
	for _, tc := range []struct{ name, in string }{
		{"edge", "X 0 1 FREE\n"},
		{"type", "N 0 1 WALL\n"},
		{"short", "N 0 FREE\n"},
		{"value", "N 0 1 HFIX\n"},
		{"series", "N 0 1 QVAR\n"},
		{"number", "N 0 x QFIX 1\n"},
	} {
		if _, err := ReadBCI(strings.NewReader(tc.in), "x.bci"); !errors.Is(err, geo.ErrSyntax) {
			t.Errorf("%s: error %v, want ErrSyntax", tc.name, err)
		}
	}
}

func TestReadBDY(t *testing.T) {
	ss, err := ReadBDY(sharedtest.Open(t, ea4Dir+"/ea4.bdy"), "ea4.bdy")
	if err != nil {
		t.Fatal(err)
	}
	s, ok := ss["test4"]
	if !ok || len(ss) != 1 {
		t.Fatalf("series %v", ss)
	}
	// The EA test 4 hydrograph: 0 to 1 m²/s (20 m³/s over 20 m) between
	// 300 s and 3600 s, held to 14400 s, down to 0 at 18000 s.
	wantT, wantV := []float64{0, 300, 3600, 14400, 18000}, []float64{0, 0, 1, 1, 0}
	for i := range wantT {
		if s.T[i] != wantT[i] || s.V[i] != wantV[i] {
			t.Fatalf("got %v %v", s.T, s.V)
		}
	}
	ss, err = ReadBDY(strings.NewReader("comment\n\nup\n2 hours\n1 0\n# note\n3 0.5\ndown\n1 minute\n7 2\n"), "x.bdy")
	if err != nil {
		t.Fatal(err)
	}
	if u := ss["up"]; u.T[1] != 1800 || u.V[1] != 3 || ss["down"].T[0] != 120 {
		t.Errorf("got %+v", ss)
	}
	for _, tc := range []struct {
		name, in string
		kind     error
	}{
		{"units", "c\ns\n1 fortnights\n1 0\n", geo.ErrUnsupported},
		{"short", "c\ns\n3 seconds\n1 0\n2 1\n", geo.ErrSyntax},
		{"order", "c\ns\n2 seconds\n1 5\n2 5\n", geo.ErrInvalid},
		{"dup", "c\ns\n1 seconds\n1 0\ns\n1 seconds\n1 0\n", geo.ErrInvalid},
		{"count", "c\ns\nmany seconds\n", geo.ErrSyntax},
	} {
		if _, err := ReadBDY(strings.NewReader(tc.in), "x.bdy"); !errors.Is(err, tc.kind) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.kind)
		}
	}
}

func TestReadStages(t *testing.T) {
	pts, err := ReadStages(sharedtest.Open(t, ea4Dir+"/ea4.stage"), "ea4.stage")
	if err != nil {
		t.Fatal(err)
	}
	want := []Point{{50, 1000}, {100, 1000}, {200, 1000}, {300, 1000}, {400, 1000}, {300, 1300}}
	if len(pts) != len(want) {
		t.Fatalf("got %v", pts)
	}
	for i := range want {
		if pts[i] != want[i] {
			t.Errorf("gauge %d: %v, want %v", i+1, pts[i], want[i])
		}
	}
	if _, err := ReadStages(strings.NewReader("3\n1 2\n3 4\n"), "x.stage"); !errors.Is(err, geo.ErrSyntax) {
		t.Errorf("short file: %v", err)
	}
}

// TestStageWriterFormat: the header and rows StageWriter writes are
// byte-for-byte those of LISFLOOD-FP 8 in the EA test 4 reference output
// (its first 14 lines: header and the rows at 5 s and 100 s).
func TestStageWriterFormat(t *testing.T) {
	ref := sharedtest.Open(t, ea4Dir+"/reference-ea4-1m-acc.stage")
	var refBuf bytes.Buffer
	if _, err := refBuf.ReadFrom(ref); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(refBuf.String(), "\n")
	want := strings.Join(lines[:14], "")
	pts := []Point{{50, 1000}, {100, 1000}, {200, 1000}, {300, 1000}, {400, 1000}, {300, 1300}}
	var out bytes.Buffer
	sw, err := NewStageWriter(&out, "ea4.stage", pts, make([]float64, 6))
	if err != nil {
		t.Fatal(err)
	}
	_ = sw.Write(5, make([]float64, 6))
	_ = sw.Write(100, []float64{0, 0, 0, 0, 0, 0})
	if out.String() != want {
		t.Errorf("got\n%q\nwant\n%q", out.String(), want)
	}
	// Round trip, with a gauge outside the grid.
	out.Reset()
	sw, _ = NewStageWriter(&out, "g.stage", pts[:2], []float64{1.5, math.NaN()})
	_ = sw.Write(0, []float64{0.25, math.NaN()})
	_ = sw.Write(60.5, []float64{0.125, math.NaN()})
	got, err := ReadStageOutput(&out, "out.stage")
	if err != nil {
		t.Fatal(err)
	}
	if got.Source != "g.stage" || got.Elev[0] != 1.5 || !math.IsNaN(got.Elev[1]) || got.Times[1] != 60.5 ||
		got.Depths[1][0] != 0.125 || !math.IsNaN(got.Depths[0][1]) {
		t.Errorf("round trip: %+v", got)
	}
}
