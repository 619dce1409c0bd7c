package traffic

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"twin/geo/sumo"
)

// ODEntry is one row of an OD matrix: Count vehicles from edge Origin to
// edge Dest departing in [Begin, End) (s).
type ODEntry struct {
	Origin, Dest string
	Count        int
	Begin, End   float64
	Line         int
}

// maxODCount bounds one row's count, so a corrupt file cannot ask for
// billions of vehicles.
const maxODCount = 1_000_000

// DecodeOD reads an OD matrix as CSV: one row per origin-destination pair,
//
//	origin,destination,count,begin,end
//
// with edge IDs, a vehicle count and the departure window in seconds.
// Blank lines and lines starting with # are skipped, and so is a first
// line starting with "origin". Fields may be padded with spaces. Errors
// wrap ErrDemand with the line number. O(size of the input).
func DecodeOD(r io.Reader) ([]ODEntry, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	var out []ODEntry
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == '#' || line == 1 && strings.HasPrefix(strings.ToLower(text), "origin") {
			continue
		}
		e, err := parseODRow(text, line)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: od: %v", ErrDemand, err)
	}
	return out, nil
}

func parseODRow(text string, line int) (ODEntry, error) {
	f := strings.Split(text, ",")
	if len(f) != 5 {
		return ODEntry{}, errorf(ErrDemand, "od line %d: %d fields, want 5", line, len(f))
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	e := ODEntry{Origin: f[0], Dest: f[1], Line: line}
	var err error
	if e.Count, err = strconv.Atoi(f[2]); err != nil || e.Count < 0 || e.Count > maxODCount {
		return ODEntry{}, errorf(ErrDemand, "od line %d: count %q", line, f[2])
	}
	e.Begin, err = strconv.ParseFloat(f[3], 64)
	if err != nil || math.IsNaN(e.Begin) || math.IsInf(e.Begin, 0) {
		return ODEntry{}, errorf(ErrDemand, "od line %d: begin %q", line, f[3])
	}
	e.End, err = strconv.ParseFloat(f[4], 64)
	if err != nil || !(e.End >= e.Begin) || math.IsInf(e.End, 0) {
		return ODEntry{}, errorf(ErrDemand, "od line %d: end %q", line, f[4])
	}
	if e.Origin == "" || e.Dest == "" {
		return ODEntry{}, errorf(ErrDemand, "od line %d: empty edge", line)
	}
	return e, nil
}

// DemandFromOD turns OD rows into trips, as SUMO's od2trips does: each
// vehicle departs at a time drawn uniformly in its row's window with rng,
// and is routed by the fastest path (Router). Vehicles have SUMO's default
// passenger type. Errors wrap ErrDemand (unknown edge, no path). O(trips ×
// E log E).
func DemandFromOD(n *Network, rows []ODEntry, rng *rand.Rand) (*Demand, error) {
	r := NewRouter(n)
	d := &Demand{Types: []sumo.VType{sumo.DefaultVType("DEFAULT_VEHTYPE")}}
	for _, row := range rows {
		o, ok1 := n.Edge(row.Origin)
		t, ok2 := n.Edge(row.Dest)
		if !ok1 || !ok2 {
			return nil, errorf(ErrDemand, "od line %d: unknown edge %q or %q", row.Line, row.Origin, row.Dest)
		}
		route, ok := r.Route(o, t, 0)
		if !ok {
			return nil, errorf(ErrDemand, "od line %d: no path from %s to %s", row.Line, row.Origin, row.Dest)
		}
		for k := range row.Count {
			dep := row.Begin + rng.Float64()*(row.End-row.Begin)
			d.Trips = append(d.Trips, Trip{ID: fmt.Sprintf("od%d.%d", row.Line, k), Depart: math.Floor(dep), Route: route,
				DepartLane: departBest, DepartPos: -1, SpeedFactor: drawSpeedFactor(d.Types[0].SpeedFactor, rng)})
		}
	}
	slices.SortStableFunc(d.Trips, func(a, b Trip) int { return cmp.Compare(a.Depart, b.Depart) })
	return d, nil
}
