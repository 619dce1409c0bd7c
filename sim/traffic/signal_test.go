package traffic

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPhaseAtOffset: SUMO's offset convention worked by hand on a 90 s
// plan of phases 40/5/40/5: with offset 17, phase 0 starts at t = 17 and
// t = 107; at t = 0 the plan is 73 s into its cycle (phase 2, 28 s in).
func TestPhaseAtOffset(t *testing.T) {
	p := Program{Offset: 17, Phases: []Phase{{Duration: 40}, {Duration: 5}, {Duration: 40}, {Duration: 5}}}
	cases := []struct {
		t       float64
		phase   int
		elapsed float64
	}{{17, 0, 0}, {107, 0, 0}, {0, 2, 28}, {16, 3, 4}, {56.5, 0, 39.5}, {-73, 0, 0}}
	for _, c := range cases {
		k, e := p.PhaseAt(c.t)
		if k != c.phase || e != c.elapsed {
			t.Errorf("t=%v: phase %d +%v, want %d +%v", c.t, k, e, c.phase, c.elapsed)
		}
	}
}

// TestOffsetAgainstSUMO runs SUMO with three programs of different
// offsets (positive, negative, longer than the cycle) and its
// SaveTLSStates output, and checks StateAt gives SUMO's state at every
// second of 200 s.
func TestOffsetAgainstSUMO(t *testing.T) {
	dir := t.TempDir()
	net := filepath.Join("testdata", "grid3.net.xml")
	n := gridNetwork(t)
	offsets := map[string]float64{"B1": 17, "A1": -10, "C1": 130}
	var add strings.Builder
	add.WriteString("<additional>\n")
	progs := map[string]Program{}
	for id, off := range offsets {
		si := -1
		for i := range n.Signals {
			if n.Signals[i].ID == id {
				si = i
			}
		}
		p := n.Signals[si].Program
		p.ID, p.Offset = "shifted", off
		p.Phases = append([]Phase(nil), p.Phases...)
		p.Phases[0].Duration, p.Phases[2].Duration = 37, 45 // unequal halves
		progs[id] = p
		fmt.Fprintf(&add, "<tlLogic id=%q type=\"static\" programID=\"shifted\" offset=\"%g\">\n", id, off)
		for _, ph := range p.Phases {
			fmt.Fprintf(&add, "<phase duration=\"%g\" state=%q/>\n", ph.Duration, ph.State)
		}
		fmt.Fprintf(&add, "</tlLogic>\n<timedEvent type=\"SaveTLSStates\" source=%q dest=\"states_%s.xml\"/>\n", id, id)
	}
	add.WriteString("</additional>\n")
	if err := os.WriteFile(filepath.Join(dir, "tls.add.xml"), []byte(add.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(net)
	runTool(t, dir, "sumo", "-n", abs, "-a", "tls.add.xml", "--end", "200", "--no-step-log")
	for id, p := range progs {
		states := readTLSStates(t, filepath.Join(dir, "states_"+id+".xml"))
		if len(states) < 200 {
			t.Fatalf("%s: %d states from SUMO", id, len(states))
		}
		for _, s := range states {
			if got := p.StateAt(s.Time); got != s.State {
				t.Errorf("%s (offset %v) t=%v: %s, SUMO %s", id, p.Offset, s.Time, got, s.State)
			}
		}
	}
}

type tlsState struct {
	Time  float64 `xml:"time,attr"`
	State string  `xml:"state,attr"`
}

func readTLSStates(t *testing.T, path string) []tlsState {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		States []tlsState `xml:"tlsState"`
	}
	if err := xml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.States
}
