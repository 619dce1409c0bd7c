package swmm

import (
	"errors"
	"fmt"
	"testing"
)

var sprintf = fmt.Sprintf

func TestFlowFactor(t *testing.T) {
	tests := []struct {
		units string
		want  float64 // m³/s per unit
		src   string
	}{
		{"CFS", 0.028316846592, "ft³ = 0.3048³ m³ exactly (NIST SP 811 B.8)"},
		{"GPM", 6.30901964e-5, "3.785411784 L / 60 s (NIST SP 811 B.8: gal = 3.785411784 E-03 m³)"},
		{"MGD", 0.043812636388888889, "1e6 × 3.785411784 L / 86400 s"},
		{"CMS", 1, "SI"},
		{"LPS", 1e-3, "SI"},
		{"MLD", 0.011574074074074073, "1e6 L / 86400 s"},
		{"lps", 1e-3, "case-insensitive"},
	}
	for _, tt := range tests {
		t.Run(tt.units, func(t *testing.T) {
			got, err := FlowFactor(tt.units)
			if err != nil || !near(got, tt.want, 1e-15) {
				t.Errorf("FlowFactor(%s) = %v, %v; want %v (%s)", tt.units, got, err, tt.want, tt.src)
			}
		})
	}
	if _, err := FlowFactor("CMH"); !errors.Is(err, ErrFlowUnits) {
		t.Errorf("CMH: %v, want ErrFlowUnits", err)
	}
}

func TestUnitSystems(t *testing.T) {
	tests := []struct {
		flow                          string
		length, landArea, rain, small float64
	}{
		// US: ft, acre (43,560 ft² = 4046.8564224 m², NIST HB 44 App. C), in → mm, in → m.
		{"CFS", 0.3048, 4046.8564224, 25.4, 0.0254},
		{"GPM", 0.3048, 4046.8564224, 25.4, 0.0254},
		{"MGD", 0.3048, 4046.8564224, 25.4, 0.0254},
		// SI: m, hectare, mm, mm → m.
		{"CMS", 1, 1e4, 1, 1e-3},
		{"LPS", 1, 1e4, 1, 1e-3},
		{"MLD", 1, 1e4, 1, 1e-3},
	}
	for _, tt := range tests {
		t.Run(tt.flow, func(t *testing.T) {
			u, ok := newUnits(tt.flow)
			if !ok || u.length != tt.length || u.landArea != tt.landArea || u.rain != tt.rain || !near(u.small, tt.small, 1e-15) {
				t.Errorf("%+v", u)
			}
		})
	}
	// √0.3048 = 0.552086…; SWMM's own roadway-weir code uses 0.552 for the same change.
	u, _ := newUnits("CFS")
	if !near(u.weir, 0.5520869496, 1e-9) {
		t.Errorf("weir factor %v", u.weir)
	}
}

// TestDecodeUnitConversion decodes one line per quantity in US and SI files.
func TestDecodeUnitConversion(t *testing.T) {
	const src = "[OPTIONS]\nFLOW_UNITS %s\n[JUNCTIONS]\nJ 100 10 0 0 1000\n[OUTFALLS]\nO 0 FREE\n" +
		"[CONDUITS]\nC J O 1000 0.013 0 0 0 35\n[SUBCATCHMENTS]\nS G O 2 50 100 1\n"
	tests := []struct {
		flow                     string
		elev, ponded, area, maxQ float64
	}{
		// 100 ft, 1000 ft², 2 acres, 35 ft³/s.
		{"CFS", 30.48, 92.90304, 8093.7128448, 35 * 0.028316846592},
		// 35 US gal/min.
		{"GPM", 30.48, 92.90304, 8093.7128448, 35 * 3.785411784e-3 / 60},
		// 100 m, 1000 m², 2 ha, 35 L/s.
		{"LPS", 100, 1000, 20000, 0.035},
	}
	for _, tt := range tests {
		t.Run(tt.flow, func(t *testing.T) {
			m := decodeString(t, sprintf(src, tt.flow))
			if !near(m.Junctions[0].Elevation, tt.elev, 1e-12) || !near(m.Junctions[0].PondedArea, tt.ponded, 1e-12) ||
				!near(m.Subcatchments[0].Area, tt.area, 1e-12) || !near(m.Conduits[0].MaxFlow, tt.maxQ, 1e-12) {
				t.Errorf("elev %v ponded %v area %v maxQ %v", m.Junctions[0].Elevation, m.Junctions[0].PondedArea,
					m.Subcatchments[0].Area, m.Conduits[0].MaxFlow)
			}
		})
	}
}
