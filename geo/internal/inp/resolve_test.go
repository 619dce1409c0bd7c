package inp

import (
	"errors"
	"reflect"
	"testing"

	"twin/geo"
)

type testLink struct{ Name, From, To string }

type testRow struct{ Ref string }

func linkEnds(l *testLink) (string, string, string) { return l.Name, l.From, l.To }
func rowRef(r *testRow) string                      { return r.Ref }

// resolveFixture defines nodes A and B and links P (A → B), Q (A → X) and
// R (Y → B), as the format decoders would after reading every section.
func resolveFixture(strict bool) (*Decoder, []testLink) {
	d := newTestDecoder(strict)
	d.Nodes = map[string]int{"A": 2, "B": 3}
	d.Links = map[string]int{"P": 5, "Q": 6, "R": 7}
	return d, []testLink{{"P", "A", "B"}, {"Q", "A", "X"}, {"R", "Y", "B"}}
}

func TestDropLinks(t *testing.T) {
	d, links := resolveFixture(false)
	got := DropLinks(d, links, linkEnds)
	if want := []testLink{{"P", "A", "B"}}; !reflect.DeepEqual(got, want) || d.Err != nil {
		t.Fatalf("DropLinks = %v, %v; want %v", got, d.Err, want)
	}
	if _, ok := d.Links["Q"]; ok || !d.Dropped["Q"] || !d.Dropped["R"] {
		t.Errorf("links %v, dropped %v", d.Links, d.Dropped)
	}
	w := d.Warnings()
	if len(w) != 1 || w[0].Line != 6 || w[0].Msg != "2 links to missing nodes dropped (first: Q → X)" {
		t.Errorf("warnings %v", w)
	}

	d, links = resolveFixture(true)
	got = DropLinks(d, links, linkEnds)
	var pe *geo.ParseError
	if len(got) != 3 || !errors.As(d.Err, &pe) || pe.Line != 6 || !errors.Is(d.Err, testErrs.MissingRef) || !errors.Is(d.Err, geo.ErrInvalid) {
		t.Errorf("strict: rows %v, err %v; want all rows and a missing-ref error at line 6", got, d.Err)
	}
}

func TestDropRows(t *testing.T) {
	rows := func() []testRow { return []testRow{{"P"}, {"Q"}, {"Z"}, {"P"}} }
	tests := []struct {
		name   string
		strict bool
		lines  []int
		want   []testRow
		warn   string
		line   int // of the warning or the error
	}{
		{"warns once, dropped links silently", false, []int{10, 11, 12, 13}, []testRow{{"P"}, {"P"}},
			"1 vertices of missing links dropped (first: Z)", 12},
		{"short lines give line 0", false, []int{10}, []testRow{{"P"}, {"P"}},
			"1 vertices of missing links dropped (first: Z)", 0},
		{"strict fails at the first missing name", true, []int{10, 11, 12, 13}, rows(), "", 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newTestDecoder(tt.strict)
			d.Links = map[string]int{"P": 5}
			d.Dropped = map[string]bool{"Q": true}
			got := DropRows(d, rows(), tt.lines, d.Links, "vertices of missing links", rowRef)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows %v, want %v", got, tt.want)
			}
			if tt.strict {
				var pe *geo.ParseError
				if !errors.As(d.Err, &pe) || pe.Line != tt.line || !errors.Is(d.Err, testErrs.MissingRef) {
					t.Errorf("error %v, want a missing-ref error at line %d", d.Err, tt.line)
				}
				return
			}
			if w := d.Warnings(); d.Err != nil || len(w) != 1 || w[0].Msg != tt.warn || w[0].Line != tt.line {
				t.Errorf("err %v, warnings %v; want %q at line %d", d.Err, w, tt.warn, tt.line)
			}
		})
	}
}
