package render

import "math"

// Box is an axis-aligned box in world metres. The zero Box is empty only
// when built with EmptyBox; use Extend to grow it.
type Box struct {
	Min, Max [3]float64
}

// EmptyBox returns a box that contains nothing and that Extend grows.
func EmptyBox() Box {
	inf := math.Inf(1)
	return Box{Min: [3]float64{inf, inf, inf}, Max: [3]float64{-inf, -inf, -inf}}
}

// Empty reports whether the box contains no point.
func (b Box) Empty() bool { return b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] || b.Min[2] > b.Max[2] }

// Extend returns the smallest box containing b and p.
func (b Box) Extend(p [3]float64) Box {
	for i := 0; i < 3; i++ {
		b.Min[i] = math.Min(b.Min[i], p[i])
		b.Max[i] = math.Max(b.Max[i], p[i])
	}
	return b
}

// Union returns the smallest box containing b and o.
func (b Box) Union(o Box) Box {
	if o.Empty() {
		return b
	}
	return b.Extend(o.Min).Extend(o.Max)
}

// Center returns the box's centre.
func (b Box) Center() [3]float64 {
	return [3]float64{(b.Min[0] + b.Max[0]) / 2, (b.Min[1] + b.Max[1]) / 2, (b.Min[2] + b.Max[2]) / 2}
}
