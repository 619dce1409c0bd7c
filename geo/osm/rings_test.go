package osm

import (
	"reflect"
	"testing"

	"github.com/paulmach/orb"
)

func TestAssembleRings(t *testing.T) {
	tests := []struct {
		name  string
		frags [][]int64
		want  [][]int64
		stuck int64 // 0 when the rings close
	}{
		{"closed way", [][]int64{{1, 2, 3, 1}}, [][]int64{{1, 2, 3, 1}}, 0},
		{"two halves", [][]int64{{1, 2, 3}, {3, 4, 1}}, [][]int64{{1, 2, 3, 4, 1}}, 0},
		{"reversed half", [][]int64{{1, 2, 3}, {1, 4, 3}}, [][]int64{{1, 2, 3, 4, 1}}, 0},
		{"three pieces out of order", [][]int64{{1, 2}, {3, 4, 1}, {2, 3}}, [][]int64{{1, 2, 3, 4, 1}}, 0},
		{"order of first fragments", [][]int64{{5, 6}, {1, 2, 3, 1}, {6, 7, 5}}, [][]int64{{5, 6, 7, 5}, {1, 2, 3, 1}}, 0},
		{"open", [][]int64{{1, 2, 3}, {3, 4}}, nil, 4},
		{"single node ignored", [][]int64{{9}, {1, 2, 3, 1}}, [][]int64{{1, 2, 3, 1}}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, stuck, ok := assembleRings(tc.frags)
			if ok != (tc.stuck == 0) || stuck != tc.stuck {
				t.Fatalf("ok %v stuck %d, want stuck %d", ok, stuck, tc.stuck)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("rings %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPolygons(t *testing.T) {
	sq := func(x0, y0, x1, y1 float64) orb.Ring {
		return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	}
	big, small := sq(0, 0, 10, 10), sq(2, 2, 5, 5)
	hole, far := sq(3, 3, 4, 4), sq(20, 20, 21, 21)
	mp, orphans := polygons([]orb.Ring{big.Clone(), small.Clone()}, []orb.Ring{hole.Clone(), far.Clone()})
	if orphans != 1 {
		t.Errorf("orphans %d, want 1 (the far ring)", orphans)
	}
	// The hole lies in both outers and goes to the smaller one, clockwise.
	if len(mp) != 2 || len(mp[0]) != 1 || len(mp[1]) != 2 {
		t.Fatalf("polygons %v", mp)
	}
	if mp[1][1].Orientation() != orb.CW || mp[0][0].Orientation() != orb.CCW {
		t.Errorf("orientations: outer %v, hole %v", mp[0][0].Orientation(), mp[1][1].Orientation())
	}
}
