package rain

import (
	"fmt"
	"math"
)

// LpsPerHaToMMh converts a rain intensity expressed as a discharge per unit
// area, L/(s·ha), to mm/h: 1 L/(s·ha) = 1e-7 m/s = 0.36 mm/h (exact).
const LpsPerHaToMMh = 0.36

// IDF is an intensity–duration–frequency curve for one return period in
// the form i(t) = A/(t + B)^N: i is the mean intensity in mm/h over a
// duration t in minutes, B is in minutes and N is dimensionless. It is the
// form Keifer and Chu's Chicago hyetograph is derived for.
type IDF struct {
	A, B, N float64
}

// Validate returns an error wrapping ErrInvalid unless A > 0, B >= 0 and
// 0 <= N < 1 (N >= 1 would make the depth fall with duration).
func (f IDF) Validate() error {
	if !(f.A > 0) || !(f.B >= 0) || !(f.N >= 0 && f.N < 1) || math.IsInf(f.A, 0) || math.IsInf(f.B, 0) {
		return fmt.Errorf("%w: IDF A=%g B=%g min N=%g (want A > 0, B >= 0, 0 <= N < 1)", ErrInvalid, f.A, f.B, f.N)
	}
	return nil
}

// Intensity returns the mean intensity over a storm of tMin minutes, mm/h.
func (f IDF) Intensity(tMin float64) float64 {
	return f.A / math.Pow(tMin+f.B, f.N)
}

// Depth returns the rain depth of a storm of tMin minutes, mm.
func (f IDF) Depth(tMin float64) float64 {
	if tMin <= 0 {
		return 0
	}
	return f.Intensity(tMin) * tMin / 60
}

// peakIntensity returns dDepth/dt at duration tMin expressed in mm/h:
// A·((1−N)·t + B)/(t + B)^(N+1), the instantaneous intensity of the
// Chicago hyetograph at tMin·r before (or tMin·(1−r) after) the peak.
func (f IDF) peakIntensity(tMin float64) float64 {
	return f.A * ((1-f.N)*tMin + f.B) / math.Pow(tMin+f.B, f.N+1)
}

// ChineseFormula is the storm-intensity formula of Chinese municipal
// drainage design (GB 50014):
//
//	q = 167·A1·(1 + C·lg P)/(t + b)^n
//
// with q in L/(s·ha), the duration t in minutes and the return period P in
// years. A city publishes its own A1, C, b and n; they are inputs here.
type ChineseFormula struct {
	// A1 is the rain parameter (≈ mm/min at P = 1 year), C the rain
	// variation parameter (dimensionless), B the duration offset b (min)
	// and N the exponent n (dimensionless).
	A1, C, B, N float64
}

// Validate returns an error wrapping ErrInvalid unless A1 > 0, C >= 0,
// B >= 0 and 0 <= N < 1.
func (c ChineseFormula) Validate() error {
	if !(c.A1 > 0) || !(c.C >= 0) || math.IsInf(c.C, 0) {
		return fmt.Errorf("%w: storm formula A1=%g C=%g", ErrInvalid, c.A1, c.C)
	}
	return IDF{A: 1, B: c.B, N: c.N}.Validate()
}

// Q returns the design storm intensity q for a duration of tMin minutes and
// a return period of p years, L/(s·ha).
func (c ChineseFormula) Q(tMin, p float64) float64 {
	return 167 * c.A1 * (1 + c.C*math.Log10(p)) / math.Pow(tMin+c.B, c.N)
}

// IDF returns the formula for return period p (years) as an IDF curve in
// mm/h: A = 0.36·167·A1·(1 + C·lg P). It returns an error wrapping
// ErrInvalid for invalid parameters or p <= 0.
func (c ChineseFormula) IDF(p float64) (IDF, error) {
	if err := c.Validate(); err != nil {
		return IDF{}, err
	}
	if !(p > 0) || math.IsInf(p, 0) {
		return IDF{}, fmt.Errorf("%w: return period %g years", ErrInvalid, p)
	}
	f := IDF{A: LpsPerHaToMMh * 167 * c.A1 * (1 + c.C*math.Log10(p)), B: c.B, N: c.N}
	return f, f.Validate()
}
