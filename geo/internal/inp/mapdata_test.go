package inp

import (
	"errors"
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"twin/geo"
)

type testPoint struct {
	Name string
	Pt   orb.Point
}

type testPath struct {
	Name   string
	Points []orb.Point
}

func TestReadPoint(t *testing.T) {
	tests := []struct {
		name   string
		fields []string
		want   testPoint
		ok     bool
		kind   error
	}{
		{"name x y", []string{"J1", "1.5", "-2"}, testPoint{"J1", orb.Point{1.5, -2}}, true, nil},
		{"too short", []string{"J1", "1.5"}, testPoint{}, false, geo.ErrSyntax},
		{"bad number", []string{"J1", "x", "2"}, testPoint{}, false, geo.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newTestDecoder(false)
			got, ok := ReadPoint[testPoint](d, &Line{Num: 4, Fields: tt.fields}, "coordinate")
			if ok != tt.ok || ok && got != tt.want || !ok && !errors.Is(d.Err, tt.kind) {
				t.Errorf("ReadPoint = %v, %v (err %v); want %v, %v", got, ok, d.Err, tt.want, tt.ok)
			}
		})
	}
}

func TestAddToPath(t *testing.T) {
	d := newTestDecoder(false)
	idx := map[string]int{}
	var paths []testPath
	var lines []int
	for i, f := range [][]string{{"P", "0", "0"}, {"Q", "5", "5"}, {"P", "1", "2"}} {
		AddToPath(d, &Line{Num: 10 + i, Fields: f}, "vertex", &paths, idx, &lines)
	}
	want := []testPath{{"P", []orb.Point{{0, 0}, {1, 2}}}, {"Q", []orb.Point{{5, 5}}}}
	if d.Err != nil || !reflect.DeepEqual(paths, want) || !reflect.DeepEqual(lines, []int{10, 11}) {
		t.Errorf("paths %v, lines %v, err %v; want %v, [10 11]", paths, lines, d.Err, want)
	}
	AddToPath(d, &Line{Num: 13, Fields: []string{"R", "1"}}, "vertex", &paths, idx, &lines)
	if len(paths) != 2 || len(lines) != 2 || d.Err == nil {
		t.Errorf("a bad line added a path: %v, err %v", paths, d.Err)
	}
}
