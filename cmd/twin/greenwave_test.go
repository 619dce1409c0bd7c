package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"twin/internal/sharedtest"
	"twin/sim/traffic"
	"twin/sim/traffic/greenwave"
)

const gwTestdata = "../../sim/traffic/greenwave/testdata"

// gwTool runs a SUMO program with SUMO_HOME set (missing: skipped, failed
// under CI) and fails the test when it exits with an error.
func gwTool(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(sharedtest.Tool(t, name), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SUMO_HOME=/usr/share/sumo")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func gwRun(t *testing.T, args ...string) string {
	t.Helper()
	cmd := newRootCmd()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(append([]string{"-q", "greenwave"}, args...))
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("twin greenwave %v: %v\n%s", args, err, out.String())
	}
	return out.String()
}

// TestGreenwaveSUMOLoads runs twin greenwave on the test arterial with a
// cycle range (so the programs are stretched), loads the additional file in
// SUMO together with SaveTLSStates for every signal, and checks that SUMO
// runs the plan: programID "greenwave" and, at every second of 400 s, the
// state that the plan's durations and offset give under SUMO's offset
// convention (phase 0 starts at t ≡ offset mod cycle).
func TestGreenwaveSUMOLoads(t *testing.T) {
	dir := t.TempDir()
	net, _ := filepath.Abs(filepath.Join(gwTestdata, "arterial.net.xml"))
	flows, _ := filepath.Abs(filepath.Join(gwTestdata, "arterial.flows.xml"))
	gwTool(t, dir, "duarouter", "-n", net, "-r", flows, "-o", "arterial.rou.xml", "--no-step-log")
	gwRun(t, "--sumo-net", net, "--routes", filepath.Join(dir, "arterial.rou.xml"), "--cycle-min", "80", "--cycle-max", "100",
		"-o", filepath.Join(dir, "gw.add.xml"), "--plan", filepath.Join(dir, "gw.json"), "--png", filepath.Join(dir, "gw.png"))
	f, err := os.Open(filepath.Join(dir, "gw.json"))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := greenwave.ReadPlan(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Signals) != 8 {
		t.Fatalf("plan has %d signals, want the 8 of the arterial", len(plan.Signals))
	}
	var add strings.Builder
	add.WriteString("<additional>\n")
	for _, s := range plan.Signals {
		fmt.Fprintf(&add, "<timedEvent type=\"SaveTLSStates\" source=%q dest=\"states_%s.xml\"/>\n", s.ID, s.ID)
	}
	add.WriteString("</additional>\n")
	writeFile(t, filepath.Join(dir, "states.add.xml"), add.String())
	gwTool(t, dir, "sumo", "-n", net, "-a", "gw.add.xml,states.add.xml", "--end", "400", "--no-step-log")
	for _, s := range plan.Signals {
		prog := traffic.Program{Offset: s.Offset}
		for k, d := range s.Durations {
			prog.Phases = append(prog.Phases, traffic.Phase{Duration: d, State: s.States[k]})
		}
		states := gwReadStates(t, filepath.Join(dir, "states_"+s.ID+".xml"))
		if len(states) < 400 {
			t.Fatalf("%s: %d states from SUMO", s.ID, len(states))
		}
		for _, st := range states {
			if st.Program != greenwave.ProgramID {
				t.Fatalf("%s t=%v: SUMO runs program %q, want %q", s.ID, st.Time, st.Program, greenwave.ProgramID)
			}
			if want := prog.StateAt(st.Time); want != st.State {
				t.Errorf("%s (offset %v, cycle %v) t=%v: SUMO %s, plan %s", s.ID, s.Offset, plan.Cycle, st.Time, st.State, want)
			}
		}
	}
	pf, err := os.Open(filepath.Join(dir, "gw.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	img, err := png.Decode(pf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 600 || b.Dy() < 400 {
		t.Errorf("diagram is %v, want at least 600 × 400", b)
	}
}

type gwState struct {
	Time    float64 `xml:"time,attr"`
	Program string  `xml:"programID,attr"`
	State   string  `xml:"state,attr"`
}

func gwReadStates(t *testing.T, path string) []gwState {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		States []gwState `xml:"tlsState"`
	}
	if err := xml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.States
}

// TestGreenwaveSampleCity runs twin greenwave on the embedded sample city's
// OSM roads: it finds a corridor of signal nodes, writes a plan whose
// signals run the default 90 s program and a diagram, and refuses -o (a
// SUMO file needs a SUMO net).
func TestGreenwaveSampleCity(t *testing.T) {
	dir := t.TempDir()
	out := gwRun(t, "--plan", filepath.Join(dir, "city.json"), "--png", filepath.Join(dir, "city.png"))
	f, err := os.Open(filepath.Join(dir, "city.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	plan, err := greenwave.ReadPlan(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Signals) < 2 || plan.Cycle != 90 || plan.Out.Width <= 0 {
		t.Errorf("plan: %d signals, cycle %v s, outbound band %v s; want ≥ 2, 90, > 0\n%s", len(plan.Signals), plan.Cycle, plan.Out.Width, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "city.png")); err != nil {
		t.Error(err)
	}
	cmd := newRootCmd()
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	cmd.SetArgs([]string{"-q", "greenwave", "-o", filepath.Join(dir, "x.add.xml")})
	if err := cmd.ExecuteContext(context.Background()); err == nil {
		t.Error("-o without --sumo-net: no error")
	}
}

// TestGreenwaveAuto runs twin greenwave --cycle auto on the test arterial
// with its committed flows (routed by sim/traffic): the candidates are 80,
// 90 (the current cycle) and 100 s, one seed. The plan written runs the
// table's chosen cycle, whose objective is the lowest among the candidates
// not rejected and whose corridor travel time is no worse than the default
// plan's (90 s), and a second run gives byte-identical plan and table.
func TestGreenwaveAuto(t *testing.T) {
	dir := t.TempDir()
	net := filepath.Join(gwTestdata, "arterial.net.xml")
	flows := filepath.Join(gwTestdata, "arterial.flows.xml")
	args := func(tag string) []string {
		return []string{"--sumo-net", net, "--routes", flows, "--cycle", "auto", "--cycle-min", "80", "--cycle-max", "100",
			"--cycle-step", "10", "--seeds", "1", "--plan", filepath.Join(dir, tag+".json"), "--table", filepath.Join(dir, tag+".md")}
	}
	out := gwRun(t, args("a")...)
	gwRun(t, args("b")...)
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if !bytes.Equal(read("a.json"), read("b.json")) || !bytes.Equal(read("a.md"), read("b.md")) {
		t.Errorf("two runs with seed 1 differ:\n%s\n%s", read("a.md"), read("b.md"))
	}
	t.Logf("\n%s", out)
	plan, err := greenwave.ReadPlan(bytes.NewReader(read("a.json")))
	if err != nil {
		t.Fatal(err)
	}
	rows := gwTableRows(t, string(read("a.md")))
	if len(rows) != 3 {
		t.Fatalf("%d candidate rows, want 3 (80, 90, 100 s):\n%s", len(rows), read("a.md"))
	}
	var chosen []string
	for _, r := range rows {
		if strings.Contains(r[8], "chosen") {
			chosen = r
		}
	}
	if chosen == nil || chosen[0] != fmt.Sprint(plan.Cycle) {
		t.Fatalf("plan cycle %v s, table's chosen row %v", plan.Cycle, chosen)
	}
	for _, r := range rows {
		if strings.Contains(r[8], "default") && gwNum(t, chosen[4]) > gwNum(t, r[4]) {
			t.Errorf("chosen %s s: corridor travel %s s, worse than the default %s s plan's %s s", chosen[0], chosen[4], r[0], r[4])
		}
		if rejected := strings.Contains(r[8], "network") || strings.Contains(r[8], "unfinished") || strings.Contains(r[8], "no plan"); !rejected {
			if gwNum(t, r[7]) < gwNum(t, chosen[7]) {
				t.Errorf("cycle %s s has objective %s s, lower than the chosen %s s (%s s)", r[0], r[7], chosen[0], chosen[7])
			}
		}
	}
}

func gwTableRows(t *testing.T, tab string) [][]string {
	t.Helper()
	var rows [][]string
	for _, line := range strings.Split(tab, "\n") {
		if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| cycle") || strings.HasPrefix(line, "| current") {
			continue
		}
		cells := strings.Split(strings.TrimSuffix(strings.TrimPrefix(line, "| "), " |"), " | ")
		if len(cells) != 9 {
			t.Fatalf("table row %q: %d cells, want 9", line, len(cells))
		}
		rows = append(rows, cells)
	}
	return rows
}

func gwNum(t *testing.T, s string) float64 {
	t.Helper()
	var v float64
	if _, err := fmt.Sscan(s, &v); err != nil {
		t.Fatalf("table cell %q: %v", s, err)
	}
	return v
}

// TestGreenwaveAutoErrors: bad options give clear errors before any work.
func TestGreenwaveAutoErrors(t *testing.T) {
	net := filepath.Join(gwTestdata, "arterial.net.xml")
	flows := filepath.Join(gwTestdata, "arterial.flows.xml")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"zero step", []string{"--sumo-net", net, "--routes", flows, "--cycle", "auto", "--cycle-step", "0"}, "--cycle-step"},
		{"negative step", []string{"--sumo-net", net, "--routes", flows, "--cycle", "auto", "--cycle-step", "-5"}, "--cycle-step"},
		{"min above max", []string{"--sumo-net", net, "--routes", flows, "--cycle", "auto", "--cycle-min", "120", "--cycle-max", "60"}, "--cycle-min 120 > --cycle-max 60"},
		{"no routes", []string{"--sumo-net", net, "--cycle", "auto"}, "needs --routes"},
		{"no net", []string{"--cycle", "auto"}, "needs --sumo-net"},
		{"bad cycle", []string{"--sumo-net", net, "--cycle", "fast"}, "--cycle \"fast\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := newRootCmd()
			var out bytes.Buffer
			cmd.SetOut(&out)
			cmd.SetErr(&out)
			cmd.SetArgs(append([]string{"-q", "greenwave"}, tc.args...))
			err := cmd.ExecuteContext(context.Background())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}
