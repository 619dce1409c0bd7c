package inp

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"twin/geo"
)

// testErrs stand for a format package's sentinels.
var testErrs = Sentinels{Duplicate: errors.New("fmt: duplicate name"),
	Keyword: errors.New("fmt: unknown keyword"), MissingRef: errors.New("fmt: reference to a missing object")}

func newTestDecoder(strict bool) *Decoder {
	d := NewDecoder("t.inp", strict, testErrs)
	return &d
}

func readString(t *testing.T, src string) *File {
	t.Helper()
	f, err := Read(strings.NewReader(src), "t.inp")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestDecoderDefine(t *testing.T) {
	d := newTestDecoder(false)
	a, b := &Line{Num: 3, Fields: []string{"A"}}, &Line{Num: 7, Fields: []string{"A"}}
	if !d.DefineNode(a, "junction") || d.Nodes["A"] != 3 {
		t.Fatalf("first definition: nodes %v, err %v", d.Nodes, d.Err)
	}
	if !d.DefineLink(b, "pipe") || d.Links["A"] != 7 {
		t.Fatalf("links are a separate name space: links %v, err %v", d.Links, d.Err)
	}
	if d.DefineNode(b, "tank") {
		t.Fatal("duplicate node accepted")
	}
	var pe *geo.ParseError
	if !errors.As(d.Err, &pe) || pe.Line != 7 || !errors.Is(d.Err, geo.ErrInvalid) || !errors.Is(d.Err, testErrs.Duplicate) ||
		!strings.Contains(d.Err.Error(), "already defined on line 3") {
		t.Errorf("error %v, want a duplicate at t.inp:7 naming line 3", d.Err)
	}
	if d.Define(d.Nodes, &Line{Num: 9, Fields: []string{"B"}}, "junction") || d.Nodes["B"] != 0 {
		t.Error("Define records a name after an error")
	}
}

func TestDecoderKeyword(t *testing.T) {
	tests := []struct {
		name string
		v    string
		ok   bool
	}{
		{"allowed", "ON", true},
		{"not allowed", "MAYBE", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newTestDecoder(false)
			d.Keyword(&Line{Num: 2, Fields: []string{"P", strings.ToLower(tt.v)}}, 1, tt.v, "pump status", "ON", "OFF")
			if tt.ok != (d.Err == nil) || !tt.ok && (!errors.Is(d.Err, geo.ErrSyntax) || !errors.Is(d.Err, testErrs.Keyword) ||
				!strings.Contains(d.Err.Error(), `pump status "maybe" (want ON, OFF)`)) {
				t.Errorf("Keyword(%s): %v", tt.v, d.Err)
			}
		})
	}
}

func TestDecoderRun(t *testing.T) {
	f := readString(t, "[A]\na 1\na 2\n[B]\nb 1\n[END]\n[C]\nc 1\n")
	d := newTestDecoder(false)
	var seen []string
	passes := 0
	err := d.Run(f, "END", func(s *Section) {
		seen = append(seen, s.Name)
		d.ParseRows(s, func(l *Line) {})
	}, func() { passes++ }, func() { passes++ })
	if err != nil || !reflect.DeepEqual(seen, []string{"A", "B"}) || passes != 2 {
		t.Fatalf("Run: err %v, sections %v, passes %d", err, seen, passes)
	}
	if want := map[string][]int{"A": {2, 3}, "B": {5}}; !reflect.DeepEqual(d.RowLines, want) {
		t.Errorf("RowLines %v, want %v", d.RowLines, want)
	}

	d, seen, passes = newTestDecoder(false), nil, 0
	err = d.Run(f, "", func(s *Section) {
		seen = append(seen, s.Name)
		d.ParseRows(s, func(l *Line) {
			if l.Fields[1] == "2" {
				d.Failf(l.Num, geo.ErrSyntax, "bad row")
			}
		})
	}, func() { passes++ })
	if err == nil || err != d.Err || !reflect.DeepEqual(seen, []string{"A"}) || passes != 0 {
		t.Errorf("Run after an error: err %v, sections %v, passes %d", err, seen, passes)
	}
	if want := []int{2}; !reflect.DeepEqual(d.RowLines["A"], want) {
		t.Errorf("RowLines[A] %v, want %v (the failing row is not recorded)", d.RowLines["A"], want)
	}
}

func TestEntry(t *testing.T) {
	type curve struct {
		Name string
		X    []float64
	}
	idx := map[string]int{}
	var list []curve
	for _, step := range []struct {
		name  string
		i     int
		added bool
	}{{"K", 0, true}, {"L", 1, true}, {"K", 0, false}} {
		i, added := Entry(idx, &list, step.name, curve{Name: step.name})
		if i != step.i || added != step.added {
			t.Errorf("Entry(%s) = %d, %v; want %d, %v", step.name, i, added, step.i, step.added)
		}
		list[i].X = append(list[i].X, 1)
	}
	if len(list) != 2 || len(list[0].X) != 2 || list[1].Name != "L" {
		t.Errorf("list %+v", list)
	}
}
