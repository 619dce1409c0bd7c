package swmm

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// unitKeys are the options whose text Encode rewrites in the new units.
var unitKeys = map[string]bool{"FLOW_UNITS": true, "MIN_SURFAREA": true, "HEAD_TOLERANCE": true}

// diff lists where a and b differ beyond a relative tolerance of rel on
// floats (NaN equals NaN), ignoring the fields a unit change must alter.
func diff(path string, a, b reflect.Value, rel float64, out *[]string) {
	if len(*out) > 10 {
		return
	}
	switch a.Kind() {
	case reflect.Float64:
		if !near(a.Float(), b.Float(), rel) {
			*out = append(*out, fmt.Sprintf("%s: %v != %v", path, a.Float(), b.Float()))
		}
	case reflect.Struct:
		if t, ok := a.Interface().(time.Time); ok {
			if !t.Equal(b.Interface().(time.Time)) {
				*out = append(*out, fmt.Sprintf("%s: %v != %v", path, t, b.Interface()))
			}
			return
		}
		for i := 0; i < a.NumField(); i++ {
			name := a.Type().Field(i).Name
			if name == "Name" && path == "" || name == "Line" && strings.HasPrefix(path, ".Raw") || name == "FlowUnits" || name == "Warnings" ||
				(name == "MinSurfArea" || name == "HeadTolerance") && path == ".Options" {
				continue
			}
			diff(path+"."+name, a.Field(i), b.Field(i), rel, out)
		}
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			*out = append(*out, fmt.Sprintf("%s: len %d != %d", path, a.Len(), b.Len()))
			return
		}
		for i := 0; i < a.Len(); i++ {
			diff(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i), rel, out)
		}
	case reflect.Map:
		for _, k := range a.MapKeys() {
			if unitKeys[k.String()] {
				continue
			}
			bv := b.MapIndex(k)
			if !bv.IsValid() {
				*out = append(*out, fmt.Sprintf("%s[%v] missing", path, k))
				continue
			}
			diff(fmt.Sprintf("%s[%v]", path, k), a.MapIndex(k), bv, rel, out)
		}
		if a.Len() != b.Len() {
			*out = append(*out, fmt.Sprintf("%s: %d != %d entries", path, a.Len(), b.Len()))
		}
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			*out = append(*out, fmt.Sprintf("%s: %v != %v", path, a.Interface(), b.Interface()))
		}
	}
}

// TestEncodeRoundTrip checks Decode(Encode(Decode(f))) == Decode(f) for
// every shared model. Tolerance: relative 1e-12, for the rounding of the
// SI file-unit factors (ha → m², mm → m, L/s → m³/s) applied twice.
func TestEncodeRoundTrip(t *testing.T) {
	for _, rel := range sharedExamples {
		t.Run(rel[len("pipes/swmm/"):], func(t *testing.T) {
			m := decodeShared(t, rel)
			var buf bytes.Buffer
			if err := Encode(&buf, m); err != nil {
				t.Fatal(err)
			}
			m2, err := Decode(bytes.NewReader(buf.Bytes()), "encoded.inp", Options{})
			if err != nil {
				t.Fatalf("decode of encoded: %v\n%s", err, buf.String())
			}
			if len(m2.Warnings) != len(m.Warnings) {
				t.Errorf("warnings %v, originally %v", m2.Warnings, m.Warnings)
			}
			var out []string
			diff("", reflect.ValueOf(*m), reflect.ValueOf(*m2), 1e-12, &out)
			for _, d := range out {
				t.Error(d)
			}
			wantFU := "CMS"
			if m.Options.FlowUnits == "LPS" {
				wantFU = "LPS"
			}
			if m2.Options.FlowUnits != wantFU {
				t.Errorf("FLOW_UNITS %s, want %s", m2.Options.FlowUnits, wantFU)
			}
		})
	}
}

func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		name string
		m    Model
	}{
		{"name with space", Model{Junctions: []Junction{{Name: "a b"}}}},
		{"empty name", Model{Conduits: []Conduit{{Name: "", From: "a", To: "b"}}}},
		{"NaN elevation", Model{Junctions: []Junction{{Name: "j", Elevation: nan()}}}},
		{"unknown infiltration method", Model{Infiltration: []Infiltration{{Subcatchment: "s", Method: "X"}}}},
		{"semicolon in option", Model{Options: ModelOptions{Values: map[string]string{"A": "b;c"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Encode(&bytes.Buffer{}, &tt.m)
			if !errors.Is(err, ErrEncode) {
				t.Errorf("got %v, want ErrEncode", err)
			}
		})
	}
}

func nan() float64 { return reflectNaN }

var reflectNaN = func() float64 { var z float64; return z / z }()

// ExampleEncode builds a two-manhole sewer in code and writes it as .inp.
func ExampleEncode() {
	m := &Model{
		Options:     ModelOptions{FlowUnits: "LPS", FlowRouting: "DYNWAVE", LinkOffsets: "DEPTH"},
		Junctions:   []Junction{{Name: "MH1", Elevation: 12.5, MaxDepth: 2.5}},
		Outfalls:    []Outfall{{Name: "OUT", Elevation: 11.8, Type: OutfallFree}},
		Conduits:    []Conduit{{Name: "P1", From: "MH1", To: "OUT", Length: 42, Roughness: 0.013, MaxFlow: 0.05}},
		XSections:   []XSection{{Link: "P1", Shape: "CIRCULAR", Geom: [4]float64{0.3}, Barrels: 1}},
		Coordinates: []Point{{"MH1", orb.Point{0, 0}}, {"OUT", orb.Point{42, 0}}},
	}
	if err := Encode(os.Stdout, m); err != nil {
		fmt.Println(err)
	}
	// Output:
	//
	// [OPTIONS]
	// FLOW_UNITS           LPS
	// FLOW_ROUTING         DYNWAVE
	//
	// [JUNCTIONS]
	// MH1              12.5             2.5              0                0                0
	//
	// [OUTFALLS]
	// OUT              11.8             FREE             NO
	//
	// [CONDUITS]
	// P1               MH1              OUT              42               0.013            0                0                0                50
	//
	// [XSECTIONS]
	// P1               CIRCULAR         0.3              0                0                0                1                0
	//
	// [COORDINATES]
	// MH1              0                0
	// OUT              42               0
}
