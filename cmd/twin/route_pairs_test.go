package main

import (
	"strings"
	"testing"
)

func TestReadPairs(t *testing.T) {
	tests := []struct {
		name, in string
		want     []routePair
		err      string
	}{
		{"header and blank lines", "source,target\n\n1,2\n 3 , 4 \n", []routePair{{1, 2, 3}, {3, 4, 4}}, ""},
		{"no header", "5,6\n", []routePair{{5, 6, 1}}, ""},
		{"empty", "", nil, ""},
		{"bad second line", "1,2\nx,3\n", nil, "p.csv:2:"},
		{"one field", "1,2\n7\n", nil, "p.csv:2:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readPairs(strings.NewReader(tc.in), "p.csv")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || len(got) != len(tc.want) {
				t.Fatalf("got %v, %v; want %v", got, err, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("pair %d: %v, want %v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// FuzzReadPairs: any input gives pairs or an error naming a line, never a
// panic; every pair's line holds its two ids.
func FuzzReadPairs(f *testing.F) {
	f.Add("source,target\n1,2\n3,4\n")
	f.Add("1,2\n\n-5,99999999999\n")
	f.Add("a,b\nc,d\n")
	f.Fuzz(func(t *testing.T, in string) {
		pairs, err := readPairs(strings.NewReader(in), "f.csv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.csv:") {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		lines := strings.Split(in, "\n")
		for _, p := range pairs {
			if p.line < 1 || p.line > len(lines) || !strings.Contains(lines[p.line-1], ",") {
				t.Fatalf("pair %v: line %d is %q", p, p.line, lines[max(p.line-1, 0)])
			}
		}
	})
}
