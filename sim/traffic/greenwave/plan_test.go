package greenwave

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestPlanRoundTrip(t *testing.T) {
	c := uniform(4, 42, 40, 380, 12.5)
	c.Signals[1].Phases[0].State = ""
	p, err := Solve(c, Options{CycleMin: 80, CycleMax: 100, WholeSeconds: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	q, err := ReadPlan(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, q) {
		t.Errorf("round trip changed the plan:\n%+v\n%+v", p, q)
	}
	if p.Signals[1].States != nil || len(p.Signals[0].States) != 4 {
		t.Errorf("states: a signal with an unnamed phase keeps none, others all: %v / %v", p.Signals[1].States, p.Signals[0].States)
	}
}

func TestReadPlanErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"syntax", `{"cycle_s": 90,]`, "byte"},
		{"truncated", `{"cycle_s": 90,`, "EOF"},
		{"unknown field", `{"cycle_s": 90, "bogus": 1}`, "bogus"},
		{"no cycle", `{"signals": []}`, "cycle"},
		{"sum", `{"cycle_s": 90, "signals": [{"id": "a", "durations_s": [40, 40]}]}`, "sum"},
		{"states", `{"cycle_s": 90, "signals": [{"id": "a", "durations_s": [45, 45], "states": ["G"]}]}`, "states"},
		{"zero phase", `{"cycle_s": 90, "signals": [{"id": "a", "durations_s": [90, 0]}]}`, "duration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadPlan(strings.NewReader(tc.in))
			if !errors.Is(err, ErrPlan) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want ErrPlan mentioning %q", err, tc.want)
			}
		})
	}
}
