package drainage

import (
	"fmt"
	"math"

	"twin/geo/swmm"
)

// storeShape gives a storage unit's surface area (m²) and volume (m³) at a
// depth (m).
type storeShape struct {
	kind    int // storeFunctional, storeTabular
	a, b, c float64
	tab     table
	vol     []float64 // volume at tab.x[i] (tabular)
}

const (
	storeFunctional = iota
	storeTabular
)

func newStoreShape(s *swmm.Storage, curves map[string]*swmm.Curve) (*storeShape, error) {
	switch s.Shape {
	case "FUNCTIONAL":
		return &storeShape{kind: storeFunctional, a: s.Coeff, b: s.Exponent, c: s.Constant}, nil
	case "CYLINDRICAL":
		return &storeShape{kind: storeFunctional, c: math.Pi / 4 * s.L * s.W}, nil
	case "TABULAR":
		cv := curves[s.Curve]
		if cv == nil || len(cv.X) == 0 {
			return nil, fmt.Errorf("%w: storage %q names missing curve %q", ErrInvalid, s.Name, s.Curve)
		}
		st := &storeShape{kind: storeTabular, tab: tableOf(cv)}
		st.vol = make([]float64, len(cv.X))
		st.vol[0] = math.Max(cv.X[0], 0) * cv.Y[0]
		for i := 1; i < len(cv.X); i++ {
			st.vol[i] = st.vol[i-1] + (cv.X[i]-cv.X[i-1])*(cv.Y[i]+cv.Y[i-1])/2
		}
		return st, nil
	}
	return nil, fmt.Errorf("%w: storage shape %s of %q", ErrUnsupported, s.Shape, s.Name)
}

// area returns the surface area at depth d, m².
func (s *storeShape) area(d float64) float64 {
	if s.kind == storeTabular {
		return s.tab.at(d)
	}
	if d <= 0 {
		return s.c
	}
	return s.a*math.Pow(d, s.b) + s.c
}

// volume returns the stored volume at depth d, m³ (exact integral of area).
func (s *storeShape) volume(d float64) float64 {
	if d <= 0 {
		return 0
	}
	if s.kind == storeFunctional {
		return s.a/(s.b+1)*math.Pow(d, s.b+1) + s.c*d
	}
	x := s.tab.x
	n := len(x)
	if d <= x[0] {
		return d * s.tab.y[0]
	}
	for i := 1; i < n; i++ {
		if d <= x[i] {
			ad := s.tab.at(d)
			return s.vol[i-1] + (d-x[i-1])*(s.tab.y[i-1]+ad)/2
		}
	}
	return s.vol[n-1] + (d-x[n-1])*s.tab.y[n-1]
}
