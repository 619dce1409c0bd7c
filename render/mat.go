package render

import "math"

// Mat4 is a 4×4 matrix in column-major order (the GL convention):
// element (row r, column c) is m[c*4+r].
type Mat4 [16]float64

// Identity returns the identity matrix.
func Identity() Mat4 { return Mat4{0: 1, 5: 1, 10: 1, 15: 1} }

// Mul returns a·b.
func (a Mat4) Mul(b Mat4) Mat4 {
	var m Mat4
	for c := 0; c < 4; c++ {
		for r := 0; r < 4; r++ {
			var s float64
			for k := 0; k < 4; k++ {
				s += a[k*4+r] * b[c*4+k]
			}
			m[c*4+r] = s
		}
	}
	return m
}

// MulVec returns m·(x, y, z, w).
func (m Mat4) MulVec(v [4]float64) [4]float64 {
	var o [4]float64
	for r := 0; r < 4; r++ {
		o[r] = m[r]*v[0] + m[4+r]*v[1] + m[8+r]*v[2] + m[12+r]*v[3]
	}
	return o
}

// Float32 returns m as float32 in the same column-major order, ready for
// glUniformMatrix4fv with transpose false.
func (m Mat4) Float32() [16]float32 {
	var f [16]float32
	for i, v := range m {
		f[i] = float32(v)
	}
	return f
}

func sub3(a, b [3]float64) [3]float64 { return [3]float64{a[0] - b[0], a[1] - b[1], a[2] - b[2]} }
func dot3(a, b [3]float64) float64    { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }
func cross3(a, b [3]float64) [3]float64 {
	return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}
func norm3(a [3]float64) [3]float64 {
	l := math.Sqrt(dot3(a, a))
	if l == 0 {
		return a
	}
	return [3]float64{a[0] / l, a[1] / l, a[2] / l}
}

// LookAt returns the view matrix of an eye at eye looking at target with
// the given up direction (gluLookAt). eye and target must differ and up must
// not be parallel to the view direction.
func LookAt(eye, target, up [3]float64) Mat4 {
	f := norm3(sub3(target, eye))
	s := norm3(cross3(f, up))
	u := cross3(s, f)
	return Mat4{
		s[0], u[0], -f[0], 0,
		s[1], u[1], -f[1], 0,
		s[2], u[2], -f[2], 0,
		-dot3(s, eye), -dot3(u, eye), dot3(f, eye), 1,
	}
}

// Frustum returns the off-axis perspective projection of glFrustum: the near
// plane window [l, r]×[b, t] at distance n, far plane at f (n, f > 0).
func Frustum(l, r, b, t, n, f float64) Mat4 {
	return Mat4{
		2 * n / (r - l), 0, 0, 0,
		0, 2 * n / (t - b), 0, 0,
		(r + l) / (r - l), (t + b) / (t - b), -(f + n) / (f - n), -1,
		0, 0, -2 * f * n / (f - n), 0,
	}
}
