package swmm

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"testing"

	"twin/geo"
	"twin/geo/internal/inp/inptest"
)

// fuzzSeeds are short snippets in the shapes the real files use.
var fuzzSeeds = []string{
	"[OPTIONS]\nFLOW_UNITS CFS\nLINK_OFFSETS DEPTH\nSTART_DATE 01/01/1998\nSTART_TIME 00:00:00\nROUTING_STEP 0:01:00\n",
	"[JUNCTIONS]\n9 1000 3 0 0 0\n10 995 3\n[OUTFALLS]\n18 975 FREE NO\n[CONDUITS]\n1 9 10 400 0.01 0 0 0 0\n10 10 18 400 0.01 0 * 0\n[XSECTIONS]\n1 CIRCULAR 1.5 0 0 0 1\n[COORDINATES]\n9 4042.11 9600\n10 4105.26 6947.37\n[VERTICES]\n1 4000 8000\n",
	"[RAINGAGES]\nRG1 INTENSITY 1:00 1.0 TIMESERIES TS1\n[SUBCATCHMENTS]\n1 RG1 9 10 50 500 0.01 0\n[SUBAREAS]\n1 0.001 0.10 0.05 0.05 25 OUTLET\n[INFILTRATION]\n1 0.35 0.25 4.14 0.50 0\n[TIMESERIES]\nTS1 0:00 0.0\nTS1 1:00 0.25\n[Polygons]\n1 0 0\n1 1 0\n1 1 1\n[SYMBOLS]\nRG1 10 10\n",
	"[OPTIONS]\nFLOW_UNITS LPS\n[STORAGE]\nG72F820 23.369 2.76 0 FUNCTIONAL 0 0 0.5 0 0\nI 878 9 0 TABULAR K 0 0\n[CURVES]\nK Storage 0 1\nK 1 2\n",
	"[WEIRS]\nRoadway Inlet Outlet ROADWAY 9 3.33 NO 0 0 NO 40 GRAVEL\n[INFLOWS]\nInlet FLOW Inflow FLOW 1.0 1.0\n[DWF]\nK FLOW 1 \"\" \"\" \"DWF\"\n[PATTERNS]\nDWF HOURLY .0151 .01373\nDWF .02773\n",
	"[TIMESERIES]\nT 01/01/2000 00:05 1 01/01/2000 00:10 2\nT FILE \"rain.dat\"\n[MAP]\nDIMENSIONS 0 0 1 1\nUnits Degrees\n[TAGS]\nNode 9 manhole\n",
	"[PUMPS]\nPUMP1 SU1 KRO1014 PUMP_CURVE1 ON 1 0\n[ORIFICES]\nO1 A B SIDE * 0.65 NO 0.5\n[OUTLETS]\nX A B 0 FUNCTIONAL/DEPTH 10 0.5 NO\n[DIVIDERS]\nD 1 C WEIR 0.1 1 3.3 2\n[LOSSES]\nC 0.5 0.5 0 YES 0.1\n",
}

// FuzzDecode checks that Decode never panics, fails only with a
// *geo.ParseError, returns finite numbers, and that a decoded model
// survives Dataset and an Encode/Decode round trip.
func FuzzDecode(f *testing.F) {
	inptest.Seed(f, fuzzSeeds, sharedExamples)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Decode(bytes.NewReader(data), "fuzz.inp", Options{})
		if inptest.Failed(t, err) {
			return
		}
		if path := nonFinite(reflect.ValueOf(*m), ""); path != "" {
			t.Fatalf("non-finite value at %s", path)
		}
		ds := m.Dataset()
		if ds.Count(geo.LayerSubcatchments) != len(m.Subcatchments) || ds.Count(geo.LayerPipeNodes) > len(m.Nodes()) {
			t.Fatalf("dataset layers do not match the model")
		}
		var buf bytes.Buffer
		if err := Encode(&buf, m); err != nil {
			if !errors.Is(err, ErrEncode) {
				t.Fatalf("Encode: %v", err)
			}
			return
		}
		if _, err := Decode(bytes.NewReader(buf.Bytes()), "encoded.inp", Options{}); err != nil {
			t.Fatalf("encoded model does not decode: %v\n%s", err, buf.String())
		}
	})
}

// nonFinite returns the path of the first Inf anywhere in v, or of a NaN
// outside the offset fields (where NaN stands for "*").
func nonFinite(v reflect.Value, path string) string {
	switch v.Kind() {
	case reflect.Float64:
		f := v.Float()
		if math.IsInf(f, 0) || math.IsNaN(f) && !isOffsetField(path) {
			return path
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				if p := nonFinite(v.Field(i), path+"."+v.Type().Field(i).Name); p != "" {
					return p
				}
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if p := nonFinite(v.Index(i), path); p != "" {
				return p
			}
		}
	}
	return ""
}

func isOffsetField(path string) bool {
	for _, s := range []string{".InOffset", ".OutOffset", ".Offset", ".CrestHeight"} {
		if len(path) >= len(s) && path[len(path)-len(s):] == s {
			return true
		}
	}
	return false
}
