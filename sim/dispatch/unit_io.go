package dispatch

import (
	"fmt"
	"io"
	"math"
	"strings"

	"twin/geo"
)

// StationSpec is a station read from a file and how many units it houses.
type StationSpec struct {
	Station
	// Units is the number of units of the station's type (≥ 1).
	Units int
}

// ReadStations reads stations from a CSV file with a header line naming
// the columns id, type, lon, lat and optionally units (default 1), or a
// JSON array of objects with those keys. Point is (lon, lat) as read: the
// caller projects it. Types are lower-cased; any non-empty type is
// accepted. Errors are *geo.ParseError with the line, wrapping
// geo.ErrSyntax or geo.ErrInvalid (units not a whole number from 1 to
// 1000, coordinates out of range). O(size).
func ReadStations(r io.Reader, name string) ([]StationSpec, error) {
	rows, err := readTable(r, name)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []StationSpec
	for _, rw := range rows {
		var s StationSpec
		if s.ID, err = rw.str(name, "id"); err != nil {
			return nil, err
		}
		if seen[s.ID] {
			return nil, geo.LineError(name, rw.line, geo.ErrSyntax, "duplicate id %q", s.ID)
		}
		seen[s.ID] = true
		typ, err := rw.str(name, "type")
		if err != nil {
			return nil, err
		}
		s.Type = UnitType(strings.ToLower(typ))
		n, err := rw.num(name, "units", true, 1)
		if err != nil {
			return nil, err
		}
		if n != math.Trunc(n) || n < 1 || n > 1000 {
			return nil, geo.LineError(name, rw.line, geo.ErrInvalid, "units %v", n)
		}
		s.Units = int(n)
		if s.Point, err = rw.lonLat(name); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// Fleet returns the stations and their units, named
// "{station}/{type}-{k}", in file order.
func Fleet(specs []StationSpec) ([]Station, []Unit) {
	var st []Station
	var us []Unit
	for i, s := range specs {
		st = append(st, s.Station)
		for k := 1; k <= s.Units; k++ {
			us = append(us, Unit{ID: fmt.Sprintf("%s/%s-%d", s.ID, s.Type, k), Type: s.Type, Station: i})
		}
	}
	return st, us
}
