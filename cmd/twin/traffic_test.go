package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"twin/geo/sumo"
)

const trafficTestdata = "../../sim/traffic/testdata"

// TestTrafficSUMO: the acceptance shape of `twin traffic` on the committed
// arterial scenario: the JSON summary has the keys, its arrived
// count matches the tripinfo file, and a second run writes the same bytes.
func TestTrafficSUMO(t *testing.T) {
	dir := t.TempDir()
	args := func(out string) []string {
		return []string{"-q", "traffic", "--sumo-net", filepath.Join(trafficTestdata, "arterial.net.xml"),
			"--routes", filepath.Join(trafficTestdata, "arterial.rou.xml"), "--end", "900", "--seed", "3",
			"--tripinfo", out, "--json"}
	}
	out, err := run(t, args(filepath.Join(dir, "a.xml"))...)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, k := range []string{"vehicle_steps", "arrived", "running", "mean_travel_time_s", "mean_waiting_time_s", "mean_stops", "mean_time_loss_s", "wall_s"} {
		if _, ok := m[k]; !ok {
			t.Errorf("summary lacks %s", k)
		}
	}
	a, err := os.ReadFile(filepath.Join(dir, "a.xml"))
	if err != nil {
		t.Fatal(err)
	}
	trips, err := sumo.DecodeTripInfos(bytes.NewReader(a), "a.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(trips) == 0 || float64(len(trips)) != m["arrived"].(float64) {
		t.Errorf("%d tripinfos, summary says %v arrived", len(trips), m["arrived"])
	}
	if _, err := run(t, args(filepath.Join(dir, "b.xml"))...); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "b.xml")); !bytes.Equal(a, b) {
		t.Error("second run wrote different tripinfo")
	}
}

// TestTrafficOSM: generated demand on the sample city's OSM roads.
func TestTrafficOSM(t *testing.T) {
	out, err := run(t, "-q", "traffic", "--rate", "600", "--end", "300", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var s trafficSummary
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if s.Edges < 100 || s.Trips != 50 || s.Inserted == 0 || s.VehicleSteps == 0 {
		t.Errorf("%+v", s)
	}
}

func TestTrafficFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"traffic", "--routes", "x.rou.xml"},
		{"traffic", "--sumo-net", "x.net.xml", "--rate", "10"},
		{"traffic", "--sumo-net", "does-not-exist.net.xml"},
	} {
		if _, err := run(t, append([]string{"-q"}, args...)...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
