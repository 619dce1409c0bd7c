package cityjson

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestRagged(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		depth  int
		leaves []int32
		err    string
	}{
		{"null", `null`, 0, nil, ""},
		{"empty", `[]`, 0, nil, ""},
		{"multipoint", `[0, 1, 2]`, 1, []int32{0, 1, 2}, ""},
		{"multisurface", `[[[0,1,2]],[[3,4,5],[6,7,8]]]`, 3, []int32{0, 1, 2, 3, 4, 5, 6, 7, 8}, ""},
		{"solid", "[[[[0,1,2]]\n,\t[[2,1,3]]]]", 4, []int32{0, 1, 2, 2, 1, 3}, ""},
		{"max index", `[[[2147483647,0,1]]]`, 3, []int32{2147483647, 0, 1}, ""},
		{"overflow", `[[[2147483648,0,1]]]`, 0, nil, "out of range"},
		{"too deep", `[[[[[[0]]]]]]`, 0, nil, "too deep"},
		{"mixed", `[[0],[[1]]]`, 0, nil, "mix"},
		{"mixed deeper first", `[[[]],[1]]`, 0, nil, "mix"},
		{"string", `[["a"]]`, 0, nil, "vertex indices"},
		{"object", `{"a":1}`, 0, nil, "vertex indices"},
		{"exponent", `[1e3]`, 0, nil, "not an integer"},
		{"bare number", `3`, 0, nil, "vertex indices"},
		{"null leaf", `[[null]]`, 0, nil, "vertex indices"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var g ragged
			err := json.Unmarshal([]byte(tt.in), &g)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if g.depth() != tt.depth || !reflect.DeepEqual(g.leaves, tt.leaves) {
				t.Errorf("depth %d leaves %v; want %d %v", g.depth(), g.leaves, tt.depth, tt.leaves)
			}
		})
	}
}

// TestEachSurface checks the surface paths of a MultiSolid, which index
// semantics "values" as [solid][shell][surface].
func TestEachSurface(t *testing.T) {
	var g ragged
	in := `[[[[[0,1,2]],[[3,4,5],[6,7,8]]]],[[[[9,10,11]]],[[[12,13,14]]]]]`
	if err := json.Unmarshal([]byte(in), &g); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := g.eachSurface(func(path []int, rings [][]int32) error {
		got = append(got, strings.Trim(strings.Join(strings.Fields(fmtAny(path, rings)), " "), " "))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"[0 0 0] [[0 1 2]]", "[0 0 1] [[3 4 5] [6 7 8]]",
		"[1 0 0] [[9 10 11]]", "[1 1 0] [[12 13 14]]",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("surfaces = %q, want %q", got, want)
	}
}

func fmtAny(path []int, rings [][]int32) string {
	b, _ := json.Marshal(path)
	r, _ := json.Marshal(rings)
	return strings.ReplaceAll(string(b)+" "+string(r), ",", " ")
}

// TestSemanticsLookup checks value paths, nulls and shape mismatches.
func TestSemanticsLookup(t *testing.T) {
	var s rawSemantics
	in := `{"surfaces":[{"type":"GroundSurface"},{"type":"RoofSurface"}],"values":[[0,1,null],null,[5]]}`
	if err := json.Unmarshal([]byte(in), &s); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path []int
		want string
	}{
		{[]int{0, 0}, "GroundSurface"}, {[]int{0, 1}, "RoofSurface"}, {[]int{0, 2}, ""},
		{[]int{1, 0}, ""}, {[]int{2, 0}, ""}, {[]int{3, 0}, ""}, {[]int{0}, ""}, {[]int{0, 0, 0}, ""},
	}
	for _, tt := range tests {
		if got := s.surfaceType(tt.path); got != tt.want {
			t.Errorf("surfaceType(%v) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
