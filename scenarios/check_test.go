package scenarios

import (
	"errors"
	"strings"
	"testing"
)

// TestCheck: references to roads, pipes, pipe nodes and places that the
// sample city lacks are rejected with their line and column, before
// anything runs; those it has pass.
func TestCheck(t *testing.T) {
	snap := sampleCity(t)
	tests := []struct {
		name, events string
		pos          string // "" when the file is fine
	}{
		{"road by name", "  - {at: 0s, close: {road: Boulevard Charles III}}\n", ""},
		{"road by id", "  - {at: 0s, close: {id: w239592573}}\n", ""},
		{"pump and pipe", "  - {at: 0s, pump: {node: Jn1790048385, capacity_m3s: 1}}\n  - {at: 0s, pipe: {id: Pn1790048385, diameter_m: 1}}\n", ""},
		{"unknown road", "  - {at: 0s, close: {road: Champs-Élysées}}\n", "c.yaml:4:21:"},
		{"unknown road id", "  - {at: 0s, open: {id: w1}}\n", "c.yaml:4:20:"},
		{"unknown pump node", "  - {at: 0s, pump: {node: J0, capacity_m3s: 1}}\n", "c.yaml:4:27:"},
		{"unknown pipe", "  - {at: 0s, pipe: {id: P0, diameter_m: 1}}\n", "c.yaml:4:25:"},
		{"incident abroad", "  - {at: 0s, incident: {lon: 2.35, lat: 48.85}}\n", "c.yaml:4:24:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc, err := Decode("c.yaml", []byte("duration: 1h\nsimulations: [dispatch]\nevents:\n"+tc.events))
			if err != nil {
				t.Fatal(err)
			}
			err = sc.Check(snap)
			if tc.pos == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrNotInWorld) || !strings.HasPrefix(err.Error(), tc.pos) {
				t.Fatalf("error %v: want ErrNotInWorld at %s", err, tc.pos)
			}
		})
	}
}
