package dispatch

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"twin/geo"
)

// maxTableBytes bounds what ReadIncidents and ReadStations read.
const maxTableBytes = 64 << 20

// row is one record of a table file, its fields by column name.
type row struct {
	line int
	f    map[string]string
}

// readTable reads a CSV file with a header line, or a JSON array of flat
// objects (detected by a leading '['), into rows. Errors are
// *geo.ParseError with the line, wrapping geo.ErrSyntax.
func readTable(r io.Reader, name string) ([]row, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxTableBytes+1))
	if err != nil {
		return nil, &geo.ParseError{File: name, Offset: -1, Err: err}
	}
	if len(data) > maxTableBytes {
		return nil, geo.OffsetError(name, maxTableBytes, geo.ErrUnsupported, "file larger than %d bytes", maxTableBytes)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '[' {
		return readJSONTable(data, name)
	}
	return readCSVTable(data, name)
}

func readCSVTable(data []byte, name string) ([]row, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = false
	head, err := cr.Read()
	if err != nil {
		return nil, csvError(name, err)
	}
	for i := range head {
		head[i] = strings.ToLower(strings.TrimSpace(head[i]))
	}
	var rows []row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(head) {
			return nil, geo.LineError(name, line, geo.ErrSyntax, "%d fields, header has %d", len(rec), len(head))
		}
		f := make(map[string]string, len(rec))
		for i, v := range rec {
			f[head[i]] = strings.TrimSpace(v)
		}
		rows = append(rows, row{line: line, f: f})
	}
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return geo.LineError(name, pe.Line, geo.ErrSyntax, "%v", pe.Err)
	}
	if err == io.EOF {
		return geo.LineError(name, 1, geo.ErrSyntax, "no header line")
	}
	return &geo.ParseError{File: name, Offset: -1, Err: err}
}

func readJSONTable(data []byte, name string) ([]row, error) {
	lineAt := func(off int64) int { return bytes.Count(data[:min(off, int64(len(data)))], []byte("\n")) + 1 }
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // '['
		return nil, geo.LineError(name, lineAt(dec.InputOffset()), geo.ErrSyntax, "%v", err)
	}
	var rows []row
	for dec.More() {
		off := dec.InputOffset()
		var obj map[string]any
		if err := dec.Decode(&obj); err != nil {
			return nil, geo.LineError(name, lineAt(dec.InputOffset()), geo.ErrSyntax, "%v", err)
		}
		line := lineAt(off)
		if t := bytes.IndexByte(data[off:], '{'); t >= 0 {
			line = lineAt(off + int64(t))
		}
		f := make(map[string]string, len(obj))
		for k, v := range obj {
			switch x := v.(type) {
			case string:
				f[strings.ToLower(k)] = strings.TrimSpace(x)
			case json.Number:
				f[strings.ToLower(k)] = x.String()
			case nil:
			default:
				return nil, geo.LineError(name, line, geo.ErrSyntax, "field %q: not a string or number", k)
			}
		}
		rows = append(rows, row{line: line, f: f})
	}
	if _, err := dec.Token(); err != nil { // ']'
		return nil, geo.LineError(name, lineAt(dec.InputOffset()), geo.ErrSyntax, "%v", err)
	}
	return rows, nil
}

// str returns a required text field.
func (r row) str(name, key string) (string, error) {
	v := r.f[key]
	if v == "" {
		return "", geo.LineError(name, r.line, geo.ErrSyntax, "missing %s", key)
	}
	return v, nil
}

// num returns a number field; def when optional and absent.
func (r row) num(name, key string, optional bool, def float64) (float64, error) {
	v, ok := r.f[key]
	if !ok || v == "" {
		if optional {
			return def, nil
		}
		return 0, geo.LineError(name, r.line, geo.ErrSyntax, "missing %s", key)
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, geo.LineError(name, r.line, geo.ErrSyntax, "%s %q is not a finite number", key, v)
	}
	return x, nil
}

// lonLat returns the lon and lat fields, checked for range.
func (r row) lonLat(name string) (orb.Point, error) {
	lon, err := r.num(name, "lon", false, 0)
	if err != nil {
		return orb.Point{}, err
	}
	lat, err := r.num(name, "lat", false, 0)
	if err != nil {
		return orb.Point{}, err
	}
	if lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		return orb.Point{}, geo.LineError(name, r.line, geo.ErrInvalid, "lon,lat %v,%v out of range", lon, lat)
	}
	return orb.Point{lon, lat}, nil
}

// ReadIncidents reads calls from a CSV file with a header line naming the
// columns id, time_s, type, lon, lat and optionally on_scene_s (any order,
// more columns ignored), or from a JSON array of objects with those keys.
// Point is (lon, lat) as read, WGS84 degrees: the caller projects it to the
// graph's CRS. time_s is seconds from the start of the run (≥ 0). Types
// are taken as written and checked when the incidents are simulated.
//
// Errors are *geo.ParseError with the file name and line, wrapping
// geo.ErrSyntax (malformed text, missing or bad fields, duplicate IDs) or
// geo.ErrInvalid (negative times, coordinates out of range). Reads at most
// 64 MiB. O(size).
func ReadIncidents(r io.Reader, name string) ([]Incident, error) {
	rows, err := readTable(r, name)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(rows))
	out := make([]Incident, 0, len(rows))
	for _, rw := range rows {
		in, err := rw.incident(name)
		if err != nil {
			return nil, err
		}
		if seen[in.ID] {
			return nil, geo.LineError(name, rw.line, geo.ErrSyntax, "duplicate id %q", in.ID)
		}
		seen[in.ID] = true
		out = append(out, in)
	}
	return out, nil
}

func (r row) incident(name string) (Incident, error) {
	var in Incident
	var err error
	if in.ID, err = r.str(name, "id"); err != nil {
		return in, err
	}
	typ, err := r.str(name, "type")
	if err != nil {
		return in, err
	}
	in.Type = IncidentType(strings.ToLower(typ))
	if in.TimeS, err = r.num(name, "time_s", false, 0); err != nil {
		return in, err
	}
	if in.OnSceneS, err = r.num(name, "on_scene_s", true, 0); err != nil {
		return in, err
	}
	if in.TimeS < 0 || in.OnSceneS < 0 {
		return in, geo.LineError(name, r.line, geo.ErrInvalid, "negative time_s %v or on_scene_s %v", in.TimeS, in.OnSceneS)
	}
	in.Point, err = r.lonLat(name)
	return in, err
}

// WriteIncidents writes incidents as CSV in ReadIncidents' columns, with
// the points converted by toLonLat (nil: written as they are). Errors:
// those of w and toLonLat.
func WriteIncidents(w io.Writer, in []Incident, toLonLat func(orb.Point) (orb.Point, error)) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "time_s", "type", "lon", "lat", "on_scene_s"}); err != nil {
		return err
	}
	for _, x := range in {
		p := x.Point
		if toLonLat != nil {
			var err error
			if p, err = toLonLat(p); err != nil {
				return fmt.Errorf("incident %s: %w", x.ID, err)
			}
		}
		f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
		if err := cw.Write([]string{x.ID, f(x.TimeS), string(x.Type), f(p[0]), f(p[1]), f(x.OnSceneS)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
