package scenarios

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
)

const microFile = `name: micro
seed: 9
start: 2026-07-14T17:00:00+02:00
duration: 15m
simulations: [traffic, dispatch]
traffic: {model: micro, demand_vph: 3000}
dispatch:
  stations: [{name: A, lon: 7.4250, lat: 43.7395, units: 5}]
events:
  - {at: 0s, incidents: {rate_per_hour: 30}}
  - {at: 3m, close: {road: Boulevard Charles III}}
  - {at: 5m, signals: {plan: greenwave}}
`

// TestMicroTraffic: with sim/traffic driving, the links slow down below
// their limits as the network fills (speed factors under 1 reach the
// dispatch graph as deltas), a road closure and a green-wave event reach
// the microsimulation live, and two runs give the same bytes.
func TestMicroTraffic(t *testing.T) {
	run := func() ([]byte, *Results) {
		sc, err := Decode("micro.yaml", []byte(microFile))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Run(context.Background(), sampleCity(t), sc, RunOptions{})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(res)
		return b, res
	}
	a, res := run()
	v := res.Variants[0]
	if v.Traffic.Model != TrafficMicro || v.Deltas[SourceTraffic] == 0 {
		t.Fatalf("model %s, %d traffic deltas", v.Traffic.Model, v.Deltas[SourceTraffic])
	}
	if f := v.Traffic.MeanFactor; !(f > 0.05 && f < 1) {
		t.Errorf("mean speed factor %g, want in (0.05, 1)", f)
	}
	if m := v.Traffic.Micro; m == nil || m.Closures == 0 || m.Retimed == 0 {
		t.Errorf("live changes: %+v", m)
	}
	if b, _ := run(); !bytes.Equal(a, b) {
		t.Error("two runs differ")
	}
}
