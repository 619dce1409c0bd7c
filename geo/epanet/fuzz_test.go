package epanet

import (
	"bytes"
	"math"
	"testing"

	"twin/geo"
	"twin/geo/internal/inp/inptest"
)

var fuzzSeeds = []string{
	"[JUNCTIONS]\n 10 710 0 ;\n 11 710 150 1 ;\n[RESERVOIRS]\n 9 800 ;\n[TANKS]\n 2 850 120 100 150 50.5 0 ;\n[PIPES]\n 10 10 11 10530 18 100 0 Open ;\n 110 2 11 200 18 100 0 CV ;\n[PUMPS]\n 9 9 10 HEAD 1 ;\n[CURVES]\n;PUMP: Pump Curve\n 1 1500 250\n[COORDINATES]\n10 20 70\n11 30 70\n9 10 70\n2 50 90\n[VERTICES]\n10 25 75\n[END]\n",
	"[OPTIONS]\n Units LPS\n Headloss D-W\n Specific Gravity 1.0\n Emitter Exponent 0.5\n Quality Chlorine mg/L\n[TIMES]\n Duration 24:00\n Start ClockTime 12 am\n Pattern Timestep 90 MIN\n",
	"[VALVES]\nVALVE-3890 JUNCTION-3160 JUNCTION-2848 6 prv 50 0\nG A B 8 GPV K 0\n[STATUS]\nPUMP-3829 Closed\n[PATTERNS]\n 1 1.0 1.2 1.4\n 1 0.6 0.8\n[DEMANDS]\nA 1 1 ;Residential\n[EMITTERS]\nA 0.5\n",
	"[SOURCES]\n 1 CONCEN 1.0 3\n[MIXING]\n 2 2COMP 0.5\n[QUALITY]\n 10 0.5\n[TAGS]\nNODE 10 valve\n[LABELS]\n6.99 73.63 \"Source\" 10\n[ENERGY]\n Global Efficiency 75\n Pump 9 Effic E1\n[CONTROLS]\n LINK 9 OPEN IF NODE 2 BELOW 110\n[RULES]\nRULE 1\n",
}

// FuzzDecode checks that Decode never panics, fails only with a positioned
// *geo.ParseError, and returns finite numbers that Dataset can place.
func FuzzDecode(f *testing.F) {
	rels := make([]string, len(sharedNets))
	for i, name := range sharedNets {
		rels[i] = "pipes/epanet/" + name
	}
	inptest.Seed(f, fuzzSeeds, rels)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Decode(bytes.NewReader(data), "fuzz.inp", Options{})
		if inptest.Failed(t, err) {
			return
		}
		ds := m.Dataset()
		if ds.Count(geo.LayerPipeNodes) > len(m.Junctions)+len(m.Reservoirs)+len(m.Tanks) ||
			ds.Count(geo.LayerPipes) > len(m.Pipes)+len(m.Pumps)+len(m.Valves) {
			t.Fatal("dataset has more features than the model")
		}
		for _, layer := range []string{geo.LayerPipeNodes, geo.LayerPipes} {
			for _, f := range ds.Layers[layer] {
				if lo, hi := f.ZRange(); math.IsInf(lo, 0) || math.IsInf(hi, 0) {
					t.Fatalf("%s %s: infinite z range", layer, f.FeatureID())
				}
			}
		}
	})
}
