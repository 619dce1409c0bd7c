package rain

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ReadSWMMFile reads the readings of one station from a SWMM
// user-prepared rain file: lines "STATION YEAR MONTH DAY HOUR MINUTE
// VALUE" separated by spaces or tabs, ';' starting a comment (SWMM 5 user
// manual, "Rain gage files"). Values keep the gauge's format (intensity,
// volume or cumulative) and are converted to mm (per hour) by units: "IN"
// multiplies by 25.4 (exact), "MM" or "" keeps them. Times are seconds from
// start (UTC wall-clock). Errors carry the 1-based line and wrap
// ErrInvalid; a station with no readings wraps ErrMissing. O(lines).
func ReadSWMMFile(r io.Reader, station, units string, start time.Time) ([]Reading, error) {
	k := 1.0
	switch strings.ToUpper(units) {
	case "IN":
		k = 25.4
	case "MM", "":
	default:
		return nil, fmt.Errorf("%w: rain file units %q (want IN or MM)", ErrInvalid, units)
	}
	sc := bufio.NewScanner(r)
	var out []Reading
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimPrefix(sc.Text(), "\uFEFF")
		if i := strings.IndexByte(line, ';'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) < 7 {
			return nil, fmt.Errorf("%w: rain file line %d: %d fields, want 7", ErrInvalid, n, len(f))
		}
		if station != "" && f[0] != station {
			continue
		}
		var v [6]int
		for i := range 5 {
			x, err := strconv.Atoi(f[1+i])
			if err != nil {
				return nil, fmt.Errorf("%w: rain file line %d: date field %q", ErrInvalid, n, f[1+i])
			}
			v[i] = x
		}
		val, err := strconv.ParseFloat(f[6], 64)
		if err != nil || val < 0 {
			return nil, fmt.Errorf("%w: rain file line %d: value %q", ErrInvalid, n, f[6])
		}
		t := time.Date(v[0], time.Month(v[1]), v[2], v[3], v[4], 0, 0, time.UTC)
		out = append(out, Reading{T: t.Sub(start).Seconds(), V: val * k})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("rain file: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no readings for station %q in rain file", ErrMissing, station)
	}
	return out, nil
}
