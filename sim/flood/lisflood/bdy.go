package lisflood

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"twin/geo"
	"twin/sim/flood/surface"
)

// maxSeriesPoints bounds the point count a .bdy series may declare, so a
// lying count cannot exhaust memory (points are read, not preallocated, but
// the count also bounds the loop).
const maxSeriesPoints = 1 << 24

// ReadBDY decodes a .bdy file: a first comment line, then any number of
// series, each a name line, a "count units" line (units seconds, minutes,
// hours or days, singular or plural) and count lines "value time". Blank
// lines and lines starting with '#' are skipped. Times are converted to
// seconds and must strictly increase. It returns the series by name; a
// repeated name is an error (geo.ErrInvalid), as are unknown units
// (geo.ErrUnsupported), bad numbers and a count larger than the lines
// that follow (geo.ErrSyntax). O(size of input).
func ReadBDY(r io.Reader, name string) (map[string]surface.Series, error) {
	src := &lineSource{r: r}
	out := map[string]surface.Series{}
	for {
		head, ok := src.next()
		if !ok {
			break
		}
		sname := head[0]
		if _, dup := out[sname]; dup {
			return nil, geo.LineError(name, src.line, geo.ErrInvalid, "series %q given twice", sname)
		}
		s, err := readSeries(src.next, name, &src.line)
		if err != nil {
			return nil, err
		}
		out[sname] = s
	}
	return out, src.err(name)
}

// lineSource yields the fields of the lines of r after the first, skipping
// blank lines and '#' comments, counting lines.
type lineSource struct {
	r    io.Reader
	sc   *bufio.Scanner
	line int
}

func (l *lineSource) next() ([]string, bool) {
	if l.sc == nil {
		l.sc = bufio.NewScanner(l.r)
		l.sc.Buffer(make([]byte, 0, 4096), maxLine)
	}
	for l.sc.Scan() {
		l.line++
		t := strings.TrimSpace(l.sc.Text())
		if l.line == 1 || t == "" || t[0] == '#' {
			continue
		}
		return strings.Fields(t), true
	}
	return nil, false
}

// err reports a read error (a line too long) with its position.
func (l *lineSource) err(name string) error {
	if l.sc != nil {
		if err := l.sc.Err(); err != nil {
			return geo.LineError(name, l.line+1, geo.ErrSyntax, "%v", err)
		}
	}
	return nil
}

// readSeries reads the "count units" line and the points of one series.
func readSeries(next func() ([]string, bool), name string, line *int) (surface.Series, error) {
	var s surface.Series
	f, ok := next()
	if !ok {
		return s, geo.LineError(name, *line+1, geo.ErrSyntax, "missing \"count units\" line")
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 1 || n > maxSeriesPoints {
		return s, geo.LineError(name, *line, geo.ErrSyntax, "bad point count %q", f[0])
	}
	scale := 1.0
	if len(f) > 1 {
		var ok bool
		if scale, ok = unitSeconds(f[1]); !ok {
			return s, geo.LineError(name, *line, geo.ErrUnsupported, "unknown time unit %q", f[1])
		}
	}
	for i := 0; i < n; i++ {
		p, ok := next()
		if !ok {
			return s, geo.LineError(name, *line+1, geo.ErrSyntax, "series ends after %d of %d points", i, n)
		}
		if len(p) < 2 {
			return s, geo.LineError(name, *line, geo.ErrSyntax, "want \"value time\"")
		}
		v, err := number(p[0], name, *line)
		if err != nil {
			return s, err
		}
		t, err := number(p[1], name, *line)
		if err != nil {
			return s, err
		}
		t *= scale
		if i > 0 && t <= s.T[i-1] {
			return s, geo.LineError(name, *line, geo.ErrInvalid, "time %g s does not follow %g s", t, s.T[i-1])
		}
		s.T, s.V = append(s.T, t), append(s.V, v)
	}
	return s, nil
}

// unitSeconds returns the seconds in one unit named u.
func unitSeconds(u string) (float64, bool) {
	switch strings.TrimSuffix(strings.ToLower(u), "s") {
	case "second":
		return 1, true
	case "minute":
		return 60, true
	case "hour":
		return 3600, true
	case "day":
		return 86400, true
	}
	return 0, false
}
