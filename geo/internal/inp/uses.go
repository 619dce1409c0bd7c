package inp

import "math"

// Uses records the ways a model uses each named curve or time series, for
// the objects that carry no unit of their own and are converted by their
// use (an EPANET curve, a SWMM time series). U is one way of use, such as
// a unit with its factors, compared with ==. The zero value is ready to
// use; not safe for concurrent use.
type Uses[U comparable] struct {
	use      map[string]U
	conflict map[string]bool
}

// Add records that name is used as u. A use unlike an earlier one marks
// name as conflicting.
func (s *Uses[U]) Add(name string, u U) {
	if s.use == nil {
		s.use, s.conflict = map[string]U{}, map[string]bool{}
	}
	if prev, ok := s.use[name]; ok && prev != u {
		s.conflict[name] = true
	}
	s.use[name] = u
}

// Of returns the one use of name. ok is false when nothing uses name, and
// when its uses conflict: then d.Tally counts it, at line, in one "<what>
// with conflicting uses left in file units" warning, and the caller leaves
// its values as in the file.
func (s *Uses[U]) Of(d *Decoder, name, what string, line int) (u U, ok bool) {
	u, ok = s.use[name]
	if ok && s.conflict[name] {
		d.Tally.Add(what+" with conflicting uses left in file units", line, name)
		return u, false
	}
	return u, ok
}

// Scale multiplies v by k in place and reports whether every value stayed
// finite (false: a unit conversion overflowed).
func Scale(v []float64, k float64) bool {
	ok := true
	for i := range v {
		v[i] *= k
		ok = ok && !math.IsInf(v[i], 0)
	}
	return ok
}
