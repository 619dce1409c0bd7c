package render

// Color is a linear RGBA colour, each channel 0..1, not premultiplied.
type Color struct{ R, G, B, A float32 }

// Opaque reports whether A >= 1.
func (c Color) Opaque() bool { return c.A >= 1 }

// Lerp returns the linear interpolation a + t·(b−a) per channel, t clamped
// to [0, 1].
func Lerp(a, b Color, t float64) Color {
	if t < 0 {
		t = 0
	} else if t > 1 {
		t = 1
	}
	f := float32(t)
	return Color{a.R + f*(b.R-a.R), a.G + f*(b.G-a.G), a.B + f*(b.B-a.B), a.A + f*(b.A-a.A)}
}

// Ramp is a piecewise-linear colour ramp: Stops sorted by Value, ascending.
type Ramp struct {
	Stops []RampStop
}

// RampStop is one stop of a Ramp.
type RampStop struct {
	Value float64
	Color Color
}

// At returns the ramp's colour at v: the first stop's colour below the
// first stop, the last stop's above the last, linear in between. An empty
// ramp returns the zero Color. O(len(Stops)).
func (r Ramp) At(v float64) Color {
	s := r.Stops
	if len(s) == 0 {
		return Color{}
	}
	if v <= s[0].Value {
		return s[0].Color
	}
	for i := 1; i < len(s); i++ {
		if v <= s[i].Value {
			d := s[i].Value - s[i-1].Value
			if d <= 0 {
				return s[i].Color
			}
			return Lerp(s[i-1].Color, s[i].Color, (v-s[i-1].Value)/d)
		}
	}
	return s[len(s)-1].Color
}

// Material describes how a draw item is shaded.
type Material struct {
	// Tint multiplies the vertex colours; the zero value means white.
	Tint Color
	// Translucent draws the item after opaque items, blended, without
	// depth writes. Also implied by Tint.A in (0, 1).
	Translucent bool
	// Unlit skips lighting (lines, water, icons).
	Unlit bool
	// LineWidth is the line width in pixels for Lines meshes; 0 means 1.
	LineWidth float32
}

// IsTranslucent reports whether the material must be blended.
func (m Material) IsTranslucent() bool { return m.Translucent || (m.Tint.A > 0 && m.Tint.A < 1) }
