package api

import (
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"twin/engine"
	"twin/geo/proj"
)

// numbers parses a comma-separated list of finite numbers.
func numbers(param, v string) ([]float64, error) {
	parts := strings.Split(v, ",")
	out := make([]float64, len(parts))
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, badParam(param, "%q is not a finite number", p)
		}
		out[i] = x
	}
	return out, nil
}

// intParam parses an integer parameter in [lo, hi]; def when absent.
func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, badParam(name, "%q is not an integer", v)
	}
	if n < lo || n > hi {
		return 0, badParam(name, "%d is outside %d..%d", n, lo, hi)
	}
	return n, nil
}

// wirePoint parses "x,y" in CRS c (lon,lat for CRS84) into World
// coordinates, checking geographic ranges.
func wirePoint(s *engine.Snapshot, param, v string, c *proj.CRS) (orb.Point, error) {
	if v == "" {
		return orb.Point{}, badParam(param, "required: x,y (lon,lat)")
	}
	xy, err := numbers(param, v)
	if err != nil {
		return orb.Point{}, err
	}
	if len(xy) != 2 {
		return orb.Point{}, badParam(param, "want 2 comma-separated numbers, got %d", len(xy))
	}
	p := orb.Point{xy[0], xy[1]}
	if err := checkGeographic(param, c, p); err != nil {
		return orb.Point{}, err
	}
	if s.CRS() == nil {
		return orb.Point{}, badParam(param, "the World has no geodetic CRS")
	}
	return fromWire(s, c)(p), nil
}

// checkGeographic rejects latitudes beyond ±90 and longitudes beyond ±180
// for geographic CRSs (in c's axis order).
func checkGeographic(param string, c *proj.CRS, p orb.Point) error {
	if !c.Geographic() {
		return nil
	}
	lon, lat := p[0], p[1]
	if c.LatLonOrder() {
		lon, lat = lat, lon
	}
	if lat < -90 || lat > 90 {
		return badParam(param, "latitude %g is outside -90..90", lat)
	}
	if lon < -180 || lon > 180 {
		return badParam(param, "longitude %g is outside -180..180", lon)
	}
	return nil
}

// bboxParam parses bbox (4 or 6 numbers) in bbox-crs into a query area in
// World coordinates. ok is false when the request has no bbox.
func bboxParam(s *engine.Snapshot, q url.Values) (a area, ok bool, err error) {
	v := q.Get("bbox")
	if v == "" {
		if q.Has("bbox") {
			return a, false, badParam("bbox", "empty")
		}
		return a, false, nil
	}
	c, err := parseCRS(s, "bbox-crs", q.Get("bbox-crs"), crsCRS84)
	if err != nil {
		return a, false, err
	}
	n, err := numbers("bbox", v)
	if err != nil {
		return a, false, err
	}
	var lo, hi orb.Point
	switch len(n) {
	case 4:
		lo, hi = orb.Point{n[0], n[1]}, orb.Point{n[2], n[3]}
	case 6:
		lo, hi = orb.Point{n[0], n[1]}, orb.Point{n[3], n[4]}
	default:
		return a, false, badParam("bbox", "want 4 or 6 numbers, got %d", len(n))
	}
	if lo[0] > hi[0] || lo[1] > hi[1] {
		return a, false, badParam("bbox", "lower corner above upper corner (bboxes crossing the antimeridian are not supported)")
	}
	for _, p := range []orb.Point{lo, hi} {
		if err := checkGeographic("bbox", c, p); err != nil {
			return a, false, err
		}
	}
	if s.CRS() == nil && c.String() != crsCRS84.String() {
		return a, false, badParam("bbox-crs", "the World has no geodetic CRS")
	}
	b, meets := clipToWorld(s, c, orb.Bound{Min: lo, Max: hi})
	if !meets {
		return area{empty: true}, true, nil
	}
	return newArea(fitArea(fromWire(s, c), b), b), true, nil
}

// timeRange is a datetime filter: an instant or a closed/half-open interval.
type timeRange struct {
	from, to time.Time // zero = open end
}

// datetimeParam parses the OGC datetime parameter: an RFC 3339 instant or an
// interval "a/b" with ".." or "" for an open end.
func datetimeParam(q url.Values) (tr timeRange, ok bool, err error) {
	v := q.Get("datetime")
	if v == "" {
		return tr, false, nil
	}
	parse := func(s string) (time.Time, error) {
		if s == "" || s == ".." {
			return time.Time{}, nil
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			if d, err2 := time.Parse("2006-01-02", s); err2 == nil {
				return d, nil
			}
			return t, badParam("datetime", "%q is not an RFC 3339 time", s)
		}
		return t, nil
	}
	a, b, interval := strings.Cut(v, "/")
	if tr.from, err = parse(a); err != nil {
		return tr, false, err
	}
	if !interval {
		if tr.from.IsZero() {
			return tr, false, badParam("datetime", "an instant cannot be open")
		}
		tr.to = tr.from
		return tr, true, nil
	}
	if tr.to, err = parse(b); err != nil {
		return tr, false, err
	}
	if !tr.from.IsZero() && !tr.to.IsZero() && tr.to.Before(tr.from) {
		return tr, false, badParam("datetime", "interval ends before it starts")
	}
	return tr, true, nil
}

func (tr timeRange) contains(t time.Time) bool {
	return (tr.from.IsZero() || !t.Before(tr.from)) && (tr.to.IsZero() || !t.After(tr.to))
}
