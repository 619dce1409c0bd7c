package sumo

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"twin/geo"
)

// seed adds the testdata files to f's corpus.
func seed(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("<net><edge id=\"a\"><lane id=\"a_0\" index=\"0\" speed=\"1\" length=\"2\"/></edge></net>"))
	f.Add([]byte("<routes><flow id=\"f\" number=\"3\" from=\"a\" to=\"b\"/></routes>"))
}

// positioned fails t unless err is nil or a *geo.ParseError with a line.
func positioned(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var pe *geo.ParseError
	if !errors.As(err, &pe) || pe.Line <= 0 {
		t.Fatalf("error %v (%T) is not a positioned *geo.ParseError", err, err)
	}
}

func FuzzDecodeNet(f *testing.F) {
	seed(f, "grid3.net.xml")
	f.Fuzz(func(t *testing.T, b []byte) {
		n, err := DecodeNet(bytes.NewReader(b), "fuzz")
		positioned(t, err)
		if err != nil {
			return
		}
		for _, e := range n.Edges {
			for _, l := range e.Lanes {
				if !(l.Speed >= 0 && l.Length >= 0 && l.Index >= 0) {
					t.Fatalf("lane %+v", l)
				}
			}
		}
		for _, l := range n.TLLogics {
			if c := l.Cycle(); l.Phases != nil && !(c > 0) {
				t.Fatalf("cycle %v", c)
			}
		}
	})
}

func FuzzDecodeDemand(f *testing.F) {
	seed(f, "mixed.rou.xml", "signals.add.xml")
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := DecodeDemand(bytes.NewReader(b), "fuzz")
		positioned(t, err)
		if err != nil {
			return
		}
		for _, v := range d.VTypes {
			if !(v.Decel > 0 && v.Length > 0 && v.EmergencyDecel >= v.Decel) {
				t.Fatalf("vType %+v", v)
			}
		}
		for _, fl := range d.Flows {
			if fl.End < fl.Begin || fl.Probability > 1 {
				t.Fatalf("flow %+v", fl)
			}
		}
		var buf bytes.Buffer
		if err := EncodeAdditional(&buf, d.TLLogics); err != nil {
			t.Fatalf("decoded programs do not encode: %v", err)
		}
	})
}

func FuzzDecodeTripInfos(f *testing.F) {
	seed(f, "tripinfo.xml")
	f.Fuzz(func(t *testing.T, b []byte) {
		trips, err := DecodeTripInfos(bytes.NewReader(b), "fuzz")
		positioned(t, err)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := EncodeTripInfos(&buf, trips); err != nil {
			t.Fatal(err)
		}
		if _, err := DecodeTripInfos(&buf, "again"); err != nil {
			t.Fatalf("encoded trips do not decode: %v", err)
		}
	})
}
