package greenwave

import (
	"bytes"
	"reflect"
	"testing"
)

// FuzzReadPlan: ReadPlan never panics, and a plan it accepts survives a
// WriteJSON/ReadPlan round trip unchanged.
func FuzzReadPlan(f *testing.F) {
	c := uniform(3, 42, 42, 400, 12.5)
	p, err := Solve(c, Options{})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.WriteJSON(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"cycle_s": 90, "signals": [{"id": "a", "durations_s": [45, 45]}]}`))
	f.Add([]byte(`{"cycle_s": -1}`))
	f.Add([]byte(`{"signals": [{"durations_s": [1e309]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadPlan(bytes.NewReader(data))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := p.WriteJSON(&out); err != nil {
			return // e.g. a value JSON cannot hold
		}
		q, err := ReadPlan(&out)
		if err != nil {
			t.Fatalf("re-reading a written plan: %v\n%s", err, out.Bytes())
		}
		if !reflect.DeepEqual(p, q) {
			t.Fatalf("round trip changed the plan:\n%+v\n%+v", p, q)
		}
	})
}

// TestTLLogicsErrors: a plan naming a signal the network lacks, or with a
// phase count that differs from the network's program, is refused.
func TestTLLogicsErrors(t *testing.T) {
	net := arterialNet(t)
	for _, tc := range []struct {
		name string
		sig  SignalPlan
	}{
		{"unknown signal", SignalPlan{ID: "nowhere", Durations: []float64{45, 45}}},
		{"phase count", SignalPlan{ID: "J1", Durations: []float64{45, 45}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &Plan{Cycle: 90, Signals: []SignalPlan{tc.sig}}
			if _, err := p.TLLogics(net); err == nil {
				t.Error("no error")
			}
		})
	}
}
