package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"twin/scenarios"
)

// runScenarioCmd runs the command line and returns stdout and the error.
func runScenarioCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := newRootCmd()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetArgs(append([]string{"-q"}, args...))
	err := cmd.Execute()
	return out.String(), err
}

// TestRunCommand: twin run writes the report folder and prints its path
// and the headline numbers; a bad file fails with line and column.
func TestRunCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.yaml")
	writeFile(t, file, `name: cli
duration: 10m
simulations: [dispatch]
dispatch:
  stations: [{name: A, lon: 7.4250, lat: 43.7395, units: 2}]
events:
  - {at: 0s, incidents: {rate_per_hour: 60}}
`)
	out := filepath.Join(dir, "report")
	stdout, err := runScenarioCmd(t, "run", file, "--out", out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, "report: "+filepath.Join(out, "report.html")) || !strings.Contains(stdout, "response (baseline): mean") {
		t.Errorf("stdout:\n%s", stdout)
	}
	b, err := os.ReadFile(filepath.Join(out, "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	var res scenarios.Results
	if err := json.Unmarshal(b, &res); err != nil || res.Scenario != "cli" || res.Variants[0].Dispatch.Incidents == 0 {
		t.Fatalf("metrics.json: %v %.200s", err, b)
	}
	writeFile(t, file, "name: cli\nduration: 10m\nevents:\n  - {at: 0s, close: {road: Nowhere}}\n")
	if _, err := runScenarioCmd(t, "run", file, "--out", out); err == nil || !strings.Contains(err.Error(), "s.yaml:4:21: close: no drivable road named \"Nowhere\"") {
		t.Fatalf("error %v", err)
	}
}

// TestDemoCommand: twin demo, cut to its first 15 minutes, writes the
// report and prints its path and the headline lines.
func TestDemoCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo")
	stdout, err := runScenarioCmd(t, "demo", "--duration", "15m", "--out", out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"report: " + filepath.Join(out, "report.html"), "response (baseline): mean", "mitigated: ", "done: 3 runs"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	for _, f := range []string{"report.html", "report.md", "metrics.json", "charts/comparison.png"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
}
