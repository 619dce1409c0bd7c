package scenarios

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const minimal = `name: t
duration: 1h
events:
  - at: 5m
    close: {road: Boulevard Albert 1er}
`

func TestDecodeDefaults(t *testing.T) {
	sc, err := Decode("t.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Step != time.Minute || sc.Seed != 1 || !sc.City.Sample || len(sc.Simulations) != 3 {
		t.Errorf("defaults: step %v seed %d sample %v sims %v", sc.Step, sc.Seed, sc.City.Sample, sc.Simulations)
	}
	if sc.Flood.CloseDepthM != 0.3 || sc.Dispatch.Target != 8*time.Minute {
		t.Errorf("section defaults: %+v %+v", sc.Flood, sc.Dispatch)
	}
}

// TestDecodeErrors: each bad file is rejected with the sentinel and the
// line:column of the offending node (positions counted by hand in src).
func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      error
		pos, msg  string
	}{
		{"unknown key", "name: t\nduration: 1h\nfloood: {}\n", ErrSyntax, "t.yaml:3:1:", "unknown field"},
		{"unknown nested key", "duration: 1h\nflood:\n  cell: 10\n", ErrSyntax, "t.yaml:3:3:", "unknown field"},
		{"negative duration", "name: t\nduration: -1h\n", ErrInvalid, "t.yaml:2:11:", "must be positive"},
		{"missing duration", "name: t\n", ErrInvalid, "t.yaml:1:", "must be positive"},
		{"bad duration text", "duration: soon\n", ErrSyntax, "t.yaml:1:", ""},
		{"step over duration", "duration: 1h\nstep: 2h\n", ErrInvalid, "t.yaml:2:7:", "at most the duration"},
		{"rain in wrong unit", "duration: 1h\nevents:\n  - at: 0s\n    rain:\n      gauge: {interval: 5m, unit: in, values: [1]}\n", ErrInvalid, "t.yaml:5:35:", "rain unit"},
		{"rain implausible", "duration: 1h\nevents:\n  - at: 0s\n    rain:\n      gauge: {interval: 5m, unit: mm/h, values: [10, 5000]}\n", ErrInvalid, "t.yaml:5:54:", "another unit"},
		{"event without action", "duration: 1h\nevents:\n  - at: 0s\n    name: x\n", ErrInvalid, "t.yaml:3:", "exactly one action"},
		{"event after end", "duration: 1h\nevents:\n  - at: 2h\n    signals: {plan: greenwave}\n", ErrInvalid, "t.yaml:3:9:", "within"},
		{"bad plan", "duration: 1h\nevents:\n  - at: 0s\n    signals: {plan: fast}\n", ErrInvalid, "t.yaml:4:21:", "greenwave or fixed"},
		{"road ref both", "duration: 1h\nevents:\n  - at: 0s\n    close: {id: w1, road: x}\n", ErrInvalid, "t.yaml:4:", "one of them"},
		{"bad simulation", "duration: 1h\nsimulations: [flood, weather]\n", ErrInvalid, "t.yaml:2:22:", "weather"},
		{"drop unknown", "duration: 1h\nvariants:\n  - name: v\n    drop: [nope]\n", ErrInvalid, "t.yaml:4:12:", "no baseline event"},
		{"variant unnamed", "duration: 1h\nvariants:\n  - drop: []\n", ErrInvalid, "t.yaml:3:", "unique name"},
		{"storm peak", "duration: 1h\nevents:\n  - rain: {design: chinese, formula: {a1: 10, c: 0.8, b: 10, n: 0.7}, return_period_years: 10, duration: 1h, peak: 1.5}\n", ErrInvalid, "t.yaml:3:", "peak"},
		{"not a mapping", "- 1\n- 2\n", ErrSyntax, "t.yaml:1:1:", "mapping"},
		{"empty", "", ErrSyntax, "t.yaml:1:1:", "empty"},
		{"syntax", "duration: [1h\n", ErrSyntax, "t.yaml:", ""},
		{"type mismatch", "duration: 1h\nseed: many\n", ErrSyntax, "t.yaml:2:7:", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode("t.yaml", []byte(tc.src))
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %v does not wrap %v", err, tc.want)
			}
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not positioned", err)
			}
			if !strings.HasPrefix(err.Error(), tc.pos) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q: want prefix %q and %q", err, tc.pos, tc.msg)
			}
		})
	}
}
