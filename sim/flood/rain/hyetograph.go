package rain

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Sentinel errors.
var (
	// ErrInvalid marks parameters or records that cannot describe rain
	// (negative intensity, overlapping blocks, a peak position outside
	// [0, 1], …).
	ErrInvalid = errors.New("rain: invalid")
	// ErrMissing marks a reference to something absent: a gauge's time
	// series, a station in a rain file.
	ErrMissing = errors.New("rain: missing")
	// ErrUnsupported marks a record the package does not read (a SWMM
	// gauge fed by a file, when no file was given).
	ErrUnsupported = errors.New("rain: unsupported")
)

// Hyetograph is rainfall at one place over time.
type Hyetograph interface {
	// Depth returns the rain depth in mm falling in [t0, t1), times in s
	// from the simulation start; 0 when t1 <= t0.
	Depth(t0, t1 float64) float64
}

// MeanIntensity returns the mean intensity of h over [t, t+dt), mm/h (0
// for dt <= 0).
func MeanIntensity(h Hyetograph, t, dt float64) float64 {
	if dt <= 0 {
		return 0
	}
	return h.Depth(t, t+dt) * 3600 / dt
}

// Uniform is rain of constant intensity MMh (mm/h) from Start to End (s).
type Uniform struct {
	MMh        float64
	Start, End float64
}

var _ Hyetograph = Uniform{}

// Depth implements Hyetograph. O(1).
func (u Uniform) Depth(t0, t1 float64) float64 {
	a, b := math.Max(t0, u.Start), math.Min(t1, u.End)
	if b <= a {
		return 0
	}
	return u.MMh * (b - a) / 3600
}

// Block is rain of constant intensity MMh (mm/h) over [T0, T1), s.
type Block struct {
	T0, T1 float64
	MMh    float64
}

// Blocks is a piecewise-constant hyetograph: blocks in time order that do
// not overlap; time outside every block is dry. Build one with NewBlocks
// or append in order and call Validate.
type Blocks []Block

var _ Hyetograph = Blocks(nil)

// NewBlocks returns blocks of width step s starting at start, with the
// given intensities (mm/h). It returns an error wrapping ErrInvalid for a
// step <= 0 or a negative or non-finite intensity.
func NewBlocks(start, step float64, mmh []float64) (Blocks, error) {
	if !(step > 0) || math.IsInf(step, 0) || math.IsNaN(start) {
		return nil, fmt.Errorf("%w: block step %g s", ErrInvalid, step)
	}
	b := make(Blocks, len(mmh))
	for i, v := range mmh {
		b[i] = Block{T0: start + float64(i)*step, T1: start + float64(i+1)*step, MMh: v}
	}
	return b, b.Validate()
}

// Validate reports an error wrapping ErrInvalid when blocks overlap, are
// out of order, empty, or carry a negative or non-finite intensity.
func (b Blocks) Validate() error {
	for i, k := range b {
		if !(k.T1 > k.T0) || math.IsInf(k.T1-k.T0, 0) {
			return fmt.Errorf("%w: block %d spans [%g, %g) s", ErrInvalid, i, k.T0, k.T1)
		}
		if !(k.MMh >= 0) || math.IsInf(k.MMh, 0) {
			return fmt.Errorf("%w: block %d intensity %g mm/h", ErrInvalid, i, k.MMh)
		}
		if i > 0 && k.T0 < b[i-1].T1 {
			return fmt.Errorf("%w: block %d starts at %g s, before block %d ends at %g s", ErrInvalid, i, k.T0, i-1, b[i-1].T1)
		}
	}
	return nil
}

// Depth implements Hyetograph. O(log n + k) for k blocks in the window.
func (b Blocks) Depth(t0, t1 float64) float64 {
	if t1 <= t0 {
		return 0
	}
	i := sort.Search(len(b), func(i int) bool { return b[i].T1 > t0 })
	d := 0.0
	for ; i < len(b) && b[i].T0 < t1; i++ {
		lo, hi := math.Max(t0, b[i].T0), math.Min(t1, b[i].T1)
		if hi > lo {
			d += b[i].MMh * (hi - lo) / 3600
		}
	}
	return d
}

// Total returns the whole depth of the record, mm. O(n).
func (b Blocks) Total() float64 {
	d := 0.0
	for _, k := range b {
		d += k.MMh * (k.T1 - k.T0) / 3600
	}
	return d
}

// Scaled is a hyetograph multiplied by Factor (e.g. a snow catch factor or
// an areal reduction factor).
type Scaled struct {
	H      Hyetograph
	Factor float64
}

// Depth implements Hyetograph.
func (s Scaled) Depth(t0, t1 float64) float64 { return s.Factor * s.H.Depth(t0, t1) }

// Weighted is an areal average of several hyetographs, e.g. Thiessen
// weights of gauges over a subcatchment. Weights should sum to 1.
type Weighted struct {
	H []Hyetograph
	W []float64
}

// Depth implements Hyetograph. O(len(H)) calls.
func (w Weighted) Depth(t0, t1 float64) float64 {
	d := 0.0
	for i, h := range w.H {
		if w.W[i] != 0 {
			d += w.W[i] * h.Depth(t0, t1)
		}
	}
	return d
}
