package swmm

import (
	"strconv"
	"strings"
	"time"

	"twin/geo"
	"twin/geo/internal/inp"
)

// tsState is the parse state of one time series across its lines.
type tsState struct {
	lastDate time.Time // date of the latest dated entry
	line     int       // first line, for messages
}

func (d *decoder) timeseries(l *inp.Line) {
	if !d.Need(l, 2, "time series") {
		return
	}
	name := l.Fields[0]
	i, added := inp.Entry(d.seriesIdx, &d.m.TimeSeries, name, TimeSeries{Name: name})
	if added {
		d.seriesState = append(d.seriesState, tsState{line: l.Num})
	}
	ts, st := &d.m.TimeSeries[i], &d.seriesState[i]
	if strings.EqualFold(l.Fields[1], "FILE") {
		if !d.Need(l, 3, "time series FILE entry") {
			return
		}
		if !added {
			d.Failf(l.Num, geo.ErrInvalid, "time series %q mixes FILE and data lines", name)
			return
		}
		ts.File = l.Fields[2]
		return
	}
	if ts.File != "" {
		d.Failf(l.Num, geo.ErrInvalid, "time series %q mixes FILE and data lines", name)
		return
	}
	d.seriesEntries(l, ts, st)
}

// seriesEntries reads the "[date] time value" triples after the name.
func (d *decoder) seriesEntries(l *inp.Line, ts *TimeSeries, st *tsState) {
	f := l.Fields[1:]
	for k := 0; k < len(f) && d.Err == nil; k += 2 {
		if date, isDate := parseDate(f[k]); isDate {
			if !ts.Dated && len(ts.Times) > 0 {
				d.Failf(l.Num, geo.ErrInvalid, "time series %q mixes relative times and dates", ts.Name)
				return
			}
			if !ts.Dated {
				ts.Dated, ts.Epoch = true, date
			}
			st.lastDate = date
			k++
		}
		if k+1 >= len(f) {
			d.Failf(l.Num, geo.ErrSyntax, "time series %q: time without a value", ts.Name)
			return
		}
		t, ok := inp.Clock(f[k])
		if !ok {
			d.Failf(l.Num, geo.ErrSyntax, "time series %q: bad time %q (want hours or H:MM[:SS])", ts.Name, inp.Clip(f[k]))
			return
		}
		if ts.Dated {
			t += float64(st.lastDate.Unix() - ts.Epoch.Unix())
		}
		v := d.Float(&inp.Line{Num: l.Num, Fields: f[k+1 : k+2]}, 0, "time series value")
		if n := len(ts.Times); n > 0 && t < ts.Times[n-1] {
			d.Failf(l.Num, geo.ErrInvalid, "time series %q goes back in time at %q", ts.Name, inp.Clip(f[k]))
			return
		}
		ts.Times = append(ts.Times, t)
		ts.Values = append(ts.Values, v)
	}
}

var monthNames = []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}

// parseDate reads the date forms SWMM accepts: M/D/YYYY, MON/D/YYYY (month
// abbreviation) and YYYY-M-D, with '/' or '-' as separator. The result is
// midnight UTC.
func parseDate(s string) (time.Time, bool) {
	sep := "/"
	if !strings.Contains(s, sep) {
		sep = "-"
	}
	p := strings.Split(s, sep)
	if len(p) != 3 {
		return time.Time{}, false
	}
	var y, m, dd int
	var ok1, ok2, ok3 bool
	if len(p[0]) == 4 {
		y, ok1 = atoi(p[0])
		m, ok2 = atoi(p[1])
		dd, ok3 = atoi(p[2])
	} else {
		m, ok1 = atoi(p[0])
		for i, name := range monthNames {
			if strings.EqualFold(p[0], name) {
				m, ok1 = i+1, true
			}
		}
		dd, ok2 = atoi(p[1])
		y, ok3 = atoi(p[2])
	}
	if !ok1 || !ok2 || !ok3 || y < 1 || y > 9999 || m < 1 || m > 12 || dd < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
	if t.Day() != dd { // e.g. 02/30 rolled over into March
		return time.Time{}, false
	}
	return t, true
}

func atoi(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && s[0] != '+' && s[0] != '-'
}

// parseDateTime joins a date and an optional clock time ("" → midnight).
func parseDateTime(date, clock string) (time.Time, bool) {
	t, ok := parseDate(date)
	if !ok {
		return t, false
	}
	if clock == "" {
		return t, true
	}
	s, ok := inp.Clock(clock)
	if !ok || s > 1e9 {
		return t, false
	}
	return t.Add(time.Duration(s * float64(time.Second))), true
}
