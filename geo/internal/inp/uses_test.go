package inp

import (
	"math"
	"reflect"
	"testing"
)

func TestUses(t *testing.T) {
	type use struct {
		unit string
		k    float64
	}
	var u Uses[use]
	u.Add("H", use{"head", 0.3})
	u.Add("H", use{"head", 0.3})
	u.Add("C", use{"head", 0.3})
	u.Add("C", use{"volume", 2})
	d := newTestDecoder(false)
	tests := []struct {
		name string
		want use
		ok   bool
	}{
		{"H", use{"head", 0.3}, true},
		{"C", use{}, false},
		{"unused", use{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := u.Of(d, tt.name, "curves", 9)
			if ok != tt.ok || ok && got != tt.want {
				t.Errorf("Of(%s) = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
			}
		})
	}
	if w := d.Warnings(); len(w) != 1 || w[0].Line != 9 || w[0].Msg != "1 curves with conflicting uses left in file units (first: C)" {
		t.Errorf("warnings %v", w)
	}
}

func TestScale(t *testing.T) {
	v := []float64{1, -2, 0}
	if !Scale(v, 0.5) || !reflect.DeepEqual(v, []float64{0.5, -1, 0}) {
		t.Errorf("Scale = %v", v)
	}
	if w := []float64{1, math.MaxFloat64}; Scale(w, 10) {
		t.Errorf("Scale(%v, 10) reports finite", w)
	}
}
