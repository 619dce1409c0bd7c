package epanet

import (
	"strings"
	"testing"

	"twin/geo/internal/inp/inptest"
	"twin/internal/sharedtest"
)

var sharedNets = []string{"wntr-Net1.inp", "wntr-Net2.inp", "wntr-Net3.inp", "wntr-Net6.inp", "wntr-ky4.inp"}

func decodeShared(t testing.TB, name string) *Model {
	t.Helper()
	m, err := Decode(sharedtest.Open(t, "pipes/epanet/"+name), name, Options{})
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	return m
}

func decodeString(t testing.TB, src string, opt Options) *Model {
	t.Helper()
	m, err := Decode(strings.NewReader(src), "test.inp", opt)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return m
}

// near is inptest.Near: a and b agree to the relative tolerance rel.
func near(a, b, rel float64) bool { return inptest.Near(a, b, rel) }

// sectionCounts are data lines and distinct first-column names per section,
// counted independently of this package by the tr and awk command
// inptest.AwkCounts (TestSectionCountsTableMatchesAwk re-runs it; tr
// removes the CR line ends of the Net files, which awk would count as a
// field). patternValues is the sum of NF-1 over [PATTERNS] lines, by
//
//	tr -d '\r' < FILE | awk '/^\[/{s=toupper($1);next} /^[ \t]*;/||NF==0{next}
//	  {sub(/;.*/,"")} s=="[PATTERNS]"{n+=NF-1} END{print n}'
var sectionCounts = map[string]map[string][2]int{
	"wntr-Net1.inp": {"BACKDROP": {4, 4}, "CONTROLS": {2, 1}, "COORDINATES": {11, 11}, "CURVES": {1, 1},
		"ENERGY": {3, 2}, "JUNCTIONS": {9, 9}, "LABELS": {3, 3}, "OPTIONS": {16, 16}, "PATTERNS": {2, 1},
		"PIPES": {12, 12}, "PUMPS": {1, 1}, "QUALITY": {11, 11}, "REACTIONS": {7, 4}, "REPORT": {3, 3},
		"RESERVOIRS": {1, 1}, "TANKS": {1, 1}, "TIMES": {9, 7}, "TITLE": {3, 3}},
	"wntr-Net2.inp": {"BACKDROP": {4, 4}, "COORDINATES": {36, 36}, "ENERGY": {3, 2}, "JUNCTIONS": {35, 35},
		"LABELS": {3, 2}, "OPTIONS": {16, 16}, "PATTERNS": {30, 3}, "PIPES": {40, 40}, "QUALITY": {36, 36},
		"REACTIONS": {7, 4}, "REPORT": {3, 3}, "SOURCES": {1, 1}, "TANKS": {1, 1}, "TIMES": {9, 7}, "TITLE": {6, 6}},
	"wntr-Net3.inp": {"BACKDROP": {4, 4}, "CONTROLS": {18, 1}, "COORDINATES": {97, 97}, "CURVES": {6, 2},
		"ENERGY": {3, 2}, "JUNCTIONS": {92, 92}, "LABELS": {2, 2}, "OPTIONS": {16, 16}, "PATTERNS": {20, 5},
		"PIPES": {117, 117}, "PUMPS": {2, 2}, "REACTIONS": {7, 4}, "REPORT": {3, 3}, "RESERVOIRS": {2, 2},
		"STATUS": {1, 1}, "TANKS": {3, 3}, "TIMES": {9, 7}, "TITLE": {5, 4}},
	"wntr-Net6.inp": {"CONTROLS": {124, 1}, "COORDINATES": {3356, 3356}, "CURVES": {180, 60}, "ENERGY": {3, 2},
		"JUNCTIONS": {3323, 3323}, "OPTIONS": {14, 14}, "PATTERNS": {12, 3}, "PIPES": {3829, 3829},
		"PUMPS": {61, 61}, "REACTIONS": {7, 4}, "REPORT": {3, 3}, "RESERVOIRS": {1, 1}, "STATUS": {18, 18},
		"TANKS": {32, 32}, "TIMES": {9, 7}, "TITLE": {23, 19}, "VALVES": {2, 2}},
	"wntr-ky4.inp": {"BACKDROP": {4, 4}, "CONTROLS": {2, 1}, "COORDINATES": {964, 964}, "ENERGY": {4, 2},
		"JUNCTIONS": {959, 959}, "OPTIONS": {16, 16}, "PATTERNS": {9, 3}, "PIPES": {1156, 1156}, "PUMPS": {2, 2},
		"REACTIONS": {7, 4}, "REPORT": {3, 3}, "RESERVOIRS": {1, 1}, "STATUS": {1, 1}, "TANKS": {4, 4},
		"TIMES": {9, 7}, "VERTICES": {2812, 683}},
}

var patternValues = map[string]int{"wntr-Net1.inp": 12, "wntr-Net2.inp": 165, "wntr-Net3.inp": 120, "wntr-Net6.inp": 72, "wntr-ky4.inp": 48}

func modelCounts(m *Model) map[string][2]int {
	c := map[string][2]int{}
	for sec, k := range map[string]int{"JUNCTIONS": len(m.Junctions), "RESERVOIRS": len(m.Reservoirs),
		"TANKS": len(m.Tanks), "PIPES": len(m.Pipes), "PUMPS": len(m.Pumps), "VALVES": len(m.Valves),
		"DEMANDS": len(m.Demands), "STATUS": len(m.Status), "EMITTERS": len(m.Emitters), "QUALITY": len(m.Quality),
		"SOURCES": len(m.Sources), "MIXING": len(m.Mixing), "COORDINATES": len(m.Coordinates), "TAGS": len(m.Tags)} {
		c[sec] = [2]int{k, k}
	}
	var pts int
	for _, cv := range m.Curves {
		pts += len(cv.X)
	}
	c["CURVES"] = [2]int{pts, len(m.Curves)}
	pts = 0
	for _, v := range m.Vertices {
		pts += len(v.Points)
	}
	c["VERTICES"] = [2]int{pts, len(m.Vertices)}
	c["PATTERNS"] = [2]int{-1, len(m.Patterns)}
	xs := map[float64]bool{}
	for _, l := range m.Labels {
		xs[l.Pt[0]] = true
	}
	c["LABELS"] = [2]int{len(m.Labels), len(xs)}
	for sec, lines := range map[string][]string{"TITLE": m.Title, "CONTROLS": m.Controls, "RULES": m.Rules,
		"ENERGY": m.Energy, "REACTIONS": m.Reactions, "REPORT": m.Report, "BACKDROP": m.Backdrop,
		"OPTIONS": m.Options.Keys, "TIMES": m.Times.Keys} {
		c[sec] = inptest.LinesAndNames(lines)
	}
	for sec, v := range c {
		if v[0] == 0 && v[1] == 0 {
			delete(c, sec)
		}
	}
	return c
}

func TestDecodeSectionCounts(t *testing.T) {
	for _, name := range sharedNets {
		t.Run(name, func(t *testing.T) {
			m := decodeShared(t, name)
			inptest.CompareCounts(t, modelCounts(m), sectionCounts[name])
			var n int
			for _, p := range m.Patterns {
				n += len(p.Factors)
			}
			if n != patternValues[name] {
				t.Errorf("%d pattern factors, awk counts %d", n, patternValues[name])
			}
			if len(m.Warnings) != 0 {
				t.Errorf("warnings: %v", m.Warnings)
			}
		})
	}
}

// TestDecodeNet6Size checks the figures the shared data README states:
// "Net6 has 3,323 junctions and 3,829 pipes".
func TestDecodeNet6Size(t *testing.T) {
	m := decodeShared(t, "wntr-Net6.inp")
	if len(m.Junctions) != 3323 || len(m.Pipes) != 3829 {
		t.Errorf("%d junctions, %d pipes", len(m.Junctions), len(m.Pipes))
	}
}

func TestDecodeNet1Values(t *testing.T) {
	m := decodeShared(t, "wntr-Net1.inp")
	const ft, in, gpm = 0.3048, 0.0254, 3.785411784e-3 / 60 // NIST SP 811, exact
	tests := []struct {
		name      string
		got, want float64
	}{
		// [JUNCTIONS] " 11  710  150": 710 ft, 150 GPM.
		{"junction 11 elevation", m.Junctions[1].Elevation, 710 * ft},
		{"junction 11 demand", m.Junctions[1].Demand, 150 * gpm},
		// [RESERVOIRS] " 9  800": head 800 ft.
		{"reservoir 9 head", m.Reservoirs[0].Head, 800 * ft},
		// [TANKS] " 2  850  120  100  150  50.5  0": ft; diameter in ft for tanks.
		{"tank 2 elevation", m.Tanks[0].Elevation, 850 * ft},
		{"tank 2 max level", m.Tanks[0].MaxLevel, 150 * ft},
		{"tank 2 diameter", m.Tanks[0].Diameter, 50.5 * ft},
		// [PIPES] " 10  10  11  10530  18  100": 10530 ft, 18 in, H-W C 100.
		{"pipe 10 length", m.Pipes[0].Length, 10530 * ft},
		{"pipe 10 diameter", m.Pipes[0].Diameter, 18 * in},
		{"pipe 10 roughness", m.Pipes[0].Roughness, 100},
		// [CURVES] " 1  1500  250": pump head curve, 1500 GPM at 250 ft.
		{"curve 1 flow", m.Curves[0].X[0], 1500 * gpm},
		{"curve 1 head", m.Curves[0].Y[0], 250 * ft},
		// [TIMES] Duration 24:00, Pattern Timestep 2:00, Quality Timestep 0:05.
		{"duration", m.Times.Duration, 86400},
		{"pattern step", m.Times.PatternStep, 7200},
		{"quality step", m.Times.QualityStep, 300},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !near(tt.got, tt.want, 1e-12) {
				t.Errorf("got %.15g, want %.15g", tt.got, tt.want)
			}
		})
	}
	if c := m.Curves[0]; c.Type != "PUMP" || c.Unit != "head" {
		t.Errorf("curve 1 type %q unit %q (\";PUMP:\" note, used as pump 9's HEAD curve)", c.Type, c.Unit)
	}
	if m.Pumps[0].HeadCurve != "1" || m.Options.Units != "GPM" || m.Options.Headloss != "H-W" || m.Options.Pattern != "1" {
		t.Errorf("pump %+v options %+v", m.Pumps[0], m.Options)
	}
	if len(m.Patterns[0].Factors) != 12 || m.Patterns[0].Factors[3] != 1.6 {
		t.Errorf("pattern 1 %v", m.Patterns[0].Factors)
	}
}

func TestDecodeKy4(t *testing.T) {
	m := decodeShared(t, "wntr-ky4.inp")
	// [PUMPS] " ~@Pump-1  I-Pump-1  O-Pump-1  POWER 150": 150 hp.
	if p := m.Pumps[0]; p.Name != "~@Pump-1" || !near(p.Power, 150*745.69987158227022, 1e-12) {
		t.Errorf("pump %+v", p)
	}
	// [VERTICES] " P-1  4971363.50  3905596.24" is P-1's first vertex.
	if v := m.Vertices[0]; v.Name != "P-1" || v.Points[0][0] != 4971363.50 || v.Points[0][1] != 3905596.24 {
		t.Errorf("vertices %+v", v)
	}
	if m.Status[0].Link != "~@Pump-1" || !strings.EqualFold(m.Status[0].Value, "Closed") {
		t.Errorf("status %+v", m.Status)
	}
}
