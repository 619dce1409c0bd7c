package epanet

import (
	"errors"
	"fmt"
	"testing"
)

func TestFlowFactor(t *testing.T) {
	tests := []struct {
		units string
		want  float64 // m³/s per unit
		src   string
	}{
		{"CFS", 0.028316846592, "0.3048³ (NIST SP 811)"},
		{"GPM", 6.30901964e-5, "3.785411784 L / 60 s (NIST SP 811)"},
		{"MGD", 0.0438126363888889, "1e6 US gal / 86400 s"},
		{"IMGD", 0.0526167824074074, "1e6 × 4.54609 L / 86400 s (NIST SP 811)"},
		{"AFD", 0.0142764101568000, "43560 ft³ / 86400 s (NIST HB 44)"},
		{"LPS", 1e-3, "SI"},
		{"LPM", 1.66666666666667e-5, "SI"},
		{"MLD", 0.0115740740740741, "SI"},
		{"CMH", 2.77777777777778e-4, "SI"},
		{"CMD", 1.15740740740741e-5, "SI"},
	}
	for _, tt := range tests {
		t.Run(tt.units, func(t *testing.T) {
			// Tolerance 1e-13 relative: the expected values are printed to 15 digits.
			if got, err := FlowFactor(tt.units); err != nil || !near(got/tt.want, 1, 1e-13) {
				t.Errorf("FlowFactor(%s) = %v, %v; want %v (%s)", tt.units, got, err, tt.want, tt.src)
			}
		})
	}
	if _, err := FlowFactor("FURLONGS"); !errors.Is(err, ErrUnits) {
		t.Errorf("got %v, want ErrUnits", err)
	}
}

// TestDecodeUnits decodes one model in US and SI units.
func TestDecodeUnits(t *testing.T) {
	const src = "[OPTIONS]\nUnits %s\nHeadloss D-W\nSpecific Gravity %s\n[JUNCTIONS]\nA 10 2\nB 5\n" +
		"[PIPES]\nP A B 100 12 0.5\n[VALVES]\nV A B 12 PRV 50\nF B A 12 FCV 3\n[PUMPS]\nU A B POWER 10\n"
	const ft, in = 0.3048, 0.0254
	tests := []struct {
		units, sg                                  string
		elev, demand, diam, rough, prv, fcv, power float64
	}{
		// US: ft, GPM, in, millifeet → mm (0.5 × 0.3048), psi → m by
		// EPANET's 0.4333 psi/ft, hp (745.69987158227022 W).
		{"GPM", "1", 10 * ft, 2 * 3.785411784e-3 / 60, 12 * in, 0.1524, 50 / 0.4333 * ft, 3 * 3.785411784e-3 / 60, 7456.9987158227022},
		// Specific gravity 1.2 lowers the head of a psi setting.
		{"CFS", "1.2", 10 * ft, 2 * 0.028316846592, 12 * in, 0.1524, 50 / (0.4333 * 1.2) * ft, 3 * 0.028316846592, 7456.9987158227022},
		// SI: m, L/s, mm, mm, m, kW.
		{"LPS", "1", 10, 0.002, 0.012, 0.5, 50, 0.003, 10000},
	}
	for _, tt := range tests {
		t.Run(tt.units, func(t *testing.T) {
			m := decodeString(t, fmt.Sprintf(src, tt.units, tt.sg), Options{})
			got := []float64{m.Junctions[0].Elevation, m.Junctions[0].Demand, m.Pipes[0].Diameter, m.Pipes[0].Roughness,
				m.Valves[0].Setting, m.Valves[1].Setting, m.Pumps[0].Power}
			want := []float64{tt.elev, tt.demand, tt.diam, tt.rough, tt.prv, tt.fcv, tt.power}
			for i := range got {
				if !near(got[i], want[i], 1e-12) {
					t.Errorf("quantity %d: got %.15g, want %.15g", i, got[i], want[i])
				}
			}
		})
	}
}

func TestClockTime(t *testing.T) {
	tests := []struct {
		in   []string
		want float64
		ok   bool
	}{
		{[]string{"24:00"}, 86400, true},
		{[]string{"0:05"}, 300, true},
		{[]string{"1.5"}, 5400, true},
		{[]string{"90", "MIN"}, 5400, true},
		{[]string{"30", "SECONDS"}, 30, true},
		{[]string{"2", "DAYS"}, 172800, true},
		{[]string{"12", "am"}, 0, true},
		{[]string{"8", "am"}, 28800, true},
		{[]string{"12", "pm"}, 43200, true},
		{[]string{"1:30", "PM"}, 48600, true},
		{[]string{"13", "PM"}, 0, false},
		{[]string{"1:30", "MIN"}, 0, false},
		{[]string{"x"}, 0, false},
		{nil, 0, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.in), func(t *testing.T) {
			if got, ok := clockTime(tt.in); ok != tt.ok || got != tt.want {
				t.Errorf("clockTime(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}
