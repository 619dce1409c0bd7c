package geo

// WithAttrs returns a copy of f whose source attributes (Attrs, or Props for
// a Generic) are f's with set merged in; a nil value in set removes the key.
// f itself is not modified, so it stays safe to share; the copy shares f's
// geometry, which must stay read-only. Unknown feature types are returned
// unchanged with ok false.
func WithAttrs(f Feature, set map[string]any) (out Feature, ok bool) {
	merge := func(a map[string]any) map[string]any {
		m := make(map[string]any, len(a)+len(set))
		for k, v := range a {
			m[k] = v
		}
		for k, v := range set {
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		return m
	}
	switch f := f.(type) {
	case *Generic:
		c := *f
		c.Props = merge(f.Props)
		return &c, true
	case *Building:
		c := *f
		c.Attrs = merge(f.Attrs)
		return &c, true
	case *Road:
		c := *f
		c.Attrs = merge(f.Attrs)
		return &c, true
	case *RoadLink:
		c := *f
		c.Attrs = merge(f.Attrs)
		return &c, true
	case *RoadNode:
		c := *f
		c.Attrs = merge(f.Attrs)
		return &c, true
	case *Pipe:
		c := *f
		c.Attrs = merge(f.Attrs)
		return &c, true
	case *PipeNode:
		c := *f
		c.Attrs = merge(f.Attrs)
		return &c, true
	case *TurnRestriction:
		c := *f
		c.Attrs = merge(f.Attrs)
		return &c, true
	case *Subcatchment:
		c := *f
		c.Attrs = merge(f.Attrs)
		return &c, true
	case *RainGauge:
		c := *f
		c.Attrs = merge(f.Attrs)
		return &c, true
	}
	return f, false
}
