package dispatch

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

func TestReadIncidents(t *testing.T) {
	csvIn := "id,time_s,type,lon,lat,on_scene_s\n" +
		"a,0,fire,7.42,43.73,\n" +
		"b, 12.5 ,Medical,7.43,43.74,600\n"
	jsonIn := `[
  {"id": "a", "time_s": 0, "type": "fire", "lon": 7.42, "lat": 43.73},
  {"id": "b", "time_s": 12.5, "type": "Medical", "lon": 7.43, "lat": 43.74, "on_scene_s": 600}
]`
	want := []Incident{
		{ID: "a", Type: Fire, TimeS: 0, Point: orb.Point{7.42, 43.73}},
		{ID: "b", Type: Medical, TimeS: 12.5, Point: orb.Point{7.43, 43.74}, OnSceneS: 600},
	}
	for name, in := range map[string]string{"csv": csvIn, "json": jsonIn, "columns in any order": "lat,lon,type,time_s,id\n43.73,7.42,fire,0,a\n43.74,7.43,medical,12.5,b\n"} {
		t.Run(name, func(t *testing.T) {
			got, err := ReadIncidents(strings.NewReader(in), "calls")
			if err != nil {
				t.Fatal(err)
			}
			if name == "columns in any order" {
				got[1].OnSceneS = 600
			}
			if len(got) != len(want) {
				t.Fatalf("%d incidents, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("incident %d: %+v, want %+v", i, got[i], want[i])
				}
			}
		})
	}
}

// TestReadIncidentsErrors: every bad input is a *geo.ParseError naming
// the file and the line of the fault, wrapping the right sentinel.
func TestReadIncidentsErrors(t *testing.T) {
	cases := []struct {
		name, in string
		line     int
		kind     error
	}{
		{"empty", "", 1, geo.ErrSyntax},
		{"missing id", "id,time_s,type,lon,lat\n,0,fire,7,43\n", 2, geo.ErrSyntax},
		{"bad time", "id,time_s,type,lon,lat\na,0,fire,7,43\nb,soon,fire,7,43\n", 3, geo.ErrSyntax},
		{"NaN", "id,time_s,type,lon,lat\na,NaN,fire,7,43\n", 2, geo.ErrSyntax},
		{"negative time", "id,time_s,type,lon,lat\na,-5,fire,7,43\n", 2, geo.ErrInvalid},
		{"lat out of range", "id,time_s,type,lon,lat\na,5,fire,7,143\n", 2, geo.ErrInvalid},
		{"field count", "id,time_s,type,lon,lat\na,5,fire,7\n", 2, geo.ErrSyntax},
		{"duplicate id", "id,time_s,type,lon,lat\na,5,fire,7,43\n\na,6,fire,7,43\n", 4, geo.ErrSyntax},
		{"bad quote", "id,time_s,type,lon,lat\n\"a,5,fire,7,43\n", 2, geo.ErrSyntax},
		{"json missing lon", "[\n{\"id\":\"a\",\"time_s\":1,\"type\":\"fire\",\"lat\":43}\n]", 2, geo.ErrSyntax},
		{"json object value", "[\n{\"id\":\"a\"},\n{\"id\":{\"x\":1}}\n]", 3, geo.ErrSyntax},
		{"json truncated", "[\n{\"id\":\"a\",\n", 2, geo.ErrSyntax},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadIncidents(strings.NewReader(tc.in), "calls.csv")
			var pe *geo.ParseError
			if !errors.As(err, &pe) || !errors.Is(err, tc.kind) || pe.Line != tc.line || pe.File != "calls.csv" {
				t.Fatalf("%v, want %v at line %d", err, tc.kind, tc.line)
			}
		})
	}
}

// TestIncidentsRoundTrip: WriteIncidents then ReadIncidents gives the
// calls back exactly (shortest exact decimal formatting).
func TestIncidentsRoundTrip(t *testing.T) {
	in := []Incident{
		{ID: "x,1", Type: Traffic, TimeS: 1.0 / 3, Point: orb.Point{7.123456789012345, 43.7}, OnSceneS: 90},
		{ID: "y", Type: Fire, TimeS: 3600, Point: orb.Point{-0.1, 51.5}},
	}
	var buf bytes.Buffer
	if err := WriteIncidents(&buf, in, nil); err != nil {
		t.Fatal(err)
	}
	got, err := ReadIncidents(&buf, "round")
	if err != nil {
		t.Fatal(err)
	}
	for i := range in {
		if got[i] != in[i] {
			t.Errorf("%+v, want %+v", got[i], in[i])
		}
	}
}

func TestReadStations(t *testing.T) {
	in := "id,type,lon,lat,units\ns1,Engine,7.42,43.73,2\ns2,police,7.43,43.74,\n"
	got, err := ReadStations(strings.NewReader(in), "st.csv")
	if err != nil {
		t.Fatal(err)
	}
	st, us := Fleet(got)
	if len(st) != 2 || len(us) != 3 || us[1].ID != "s1/engine-2" || us[2].Type != UnitPolice || us[2].Station != 1 {
		t.Fatalf("stations %+v, units %+v", st, us)
	}
	for _, bad := range []string{"id,type,lon,lat,units\ns1,engine,7,43,0\n", "id,type,lon,lat,units\ns1,engine,7,43,1.5\n", "id,type,lon,lat\ns1,,7,43\n"} {
		if _, err := ReadStations(strings.NewReader(bad), "st.csv"); err == nil || !strings.HasPrefix(err.Error(), "st.csv:2:") {
			t.Errorf("%q: %v, want an error at st.csv:2", bad, err)
		}
	}
}

// FuzzReadIncidents: any input gives calls or a positioned error, never
// a panic; calls read have finite, in-range fields and unique IDs.
func FuzzReadIncidents(f *testing.F) {
	f.Add([]byte("id,time_s,type,lon,lat,on_scene_s\na,0,fire,7.42,43.73,\nb,12.5,medical,7.43,43.74,600\n"))
	f.Add([]byte(`[{"id":"a","time_s":0,"type":"fire","lon":7.42,"lat":43.73}]`))
	f.Add([]byte("id,time_s\n\"a\"\"b\",1e308\n"))
	f.Add([]byte("[\n{\"id\":null}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := ReadIncidents(bytes.NewReader(data), "fuzz")
		if err != nil {
			var pe *geo.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("unpositioned error %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, x := range in {
			if x.ID == "" || seen[x.ID] || x.Type == "" || !(x.TimeS >= 0) || math.IsInf(x.TimeS, 0) ||
				!(x.OnSceneS >= 0) || math.IsInf(x.OnSceneS, 0) || !(math.Abs(x.Point[0]) <= 180) || !(math.Abs(x.Point[1]) <= 90) {
				t.Fatalf("bad incident %+v", x)
			}
			seen[x.ID] = true
		}
	})
}

// FuzzReadStations: likewise for station files.
func FuzzReadStations(f *testing.F) {
	f.Add([]byte("id,type,lon,lat,units\ns1,engine,7.42,43.73,2\n"))
	f.Add([]byte(`[{"id":"s","type":"police","lon":7,"lat":43}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := ReadStations(bytes.NewReader(data), "fuzz")
		if err != nil {
			var pe *geo.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("unpositioned error %v", err)
			}
			return
		}
		for _, s := range st {
			if s.ID == "" || s.Type == "" || s.Units < 1 || s.Units > 1000 || !(math.Abs(s.Point[0]) <= 180) {
				t.Fatalf("bad station %+v", s)
			}
		}
	})
}
