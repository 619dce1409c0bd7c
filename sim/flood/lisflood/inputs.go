package lisflood

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"sort"

	"twin/geo"
	"twin/geo/dem"
	"twin/sim/flood/surface"
)

// LISFLOOD-FP 8's defaults for what a .par leaves out (its source, the
// initialisation in lisflood.cpp).
const (
	DefaultSimTime     = 3600.0
	DefaultTstep       = 10.0
	DefaultTheta       = 1.0
	DefaultCFL         = 0.7
	DefaultDepthThresh = 0.001
	DefaultGravity     = 9.80655
	// DefaultMassInt is the stage-output interval Run uses when the .par
	// gives none (twin's choice).
	DefaultMassInt = 100.0
)

// ErrMissing marks a model that lacks something it needs (a DEM, a
// friction, a .bdy series a boundary names).
var ErrMissing = errors.New("lisflood: missing input")

// unsupported are .par keywords whose physics the surface solver does not
// have; a model that uses them is refused rather than run differently.
var unsupported = []string{"riverfile", "weirfile", "sgcwidth", "porfile", "dynamicrainfile",
	"evaporation", "infiltration", "dist_inf", "routing", "diffusive", "chanmask", "startq2d", "damfile"}

// Inputs is a LISFLOOD-FP model, decoded.
type Inputs struct {
	// ParName is the parameter file's path inside the fs.FS given to Load.
	ParName string
	Par     *Params
	// DEM is the bed elevation; no-data cells are NaN.
	DEM *geo.Grid
	// Manning is Manning's n per cell (manningfile), or nil: Par.FPFric.
	Manning []float32
	// Start holds initial depths (startfile; elevations converted when the
	// .par sets startelev), or nil: dry.
	Start []float32
	BCs   []BoundaryCondition
	// Series holds the .bdy series by name.
	Series map[string]surface.Series
	// Stages are the gauges of the stagefile.
	Stages []Point
	// Rain is the rainfall series (rainfall keyword), m/s; empty when none.
	Rain surface.Series
}

// Load reads the parameter file parName and every file it names from
// fsys (paths relative to the .par's folder): the DEM, manningfile and
// startfile as ESRI ASCII grids (twin/geo/dem), the .bci, .bdy, .stage and
// rainfall files. Errors name the file and line (*geo.ParseError), or wrap
// ErrMissing, geo.ErrUnsupported (a keyword whose physics the solver does
// not have: a river channel, weirs, sub-grid channels …) or fs errors.
func Load(fsys fs.FS, parName string) (*Inputs, error) {
	par, err := decodeFile(fsys, parName, ReadPar)
	if err != nil {
		return nil, err
	}
	for _, k := range unsupported {
		if _, ok := par.Values[k]; ok || par.Flags[k] {
			return nil, fmt.Errorf("%s: keyword %q: %w: the surface solver has no such process", parName, k, geo.ErrUnsupported)
		}
	}
	in := &Inputs{ParName: parName, Par: par}
	dir := path.Dir(parName)
	open := func(name string) string { return path.Join(dir, path.Clean(name)) }
	if par.DEMFile == "" {
		return nil, fmt.Errorf("%s: %w: no DEMfile", parName, ErrMissing)
	}
	if in.DEM, err = decodeFile(fsys, open(par.DEMFile), readGrid); err != nil {
		return nil, err
	}
	if err := in.loadRasters(fsys, open); err != nil {
		return nil, err
	}
	if par.BCIFile != "" {
		if in.BCs, err = decodeFile(fsys, open(par.BCIFile), ReadBCI); err != nil {
			return nil, err
		}
	}
	if par.BDYFile != "" {
		if in.Series, err = decodeFile(fsys, open(par.BDYFile), ReadBDY); err != nil {
			return nil, err
		}
	}
	if par.StageFile != "" {
		if in.Stages, err = decodeFile(fsys, open(par.StageFile), ReadStages); err != nil {
			return nil, err
		}
	}
	if f := par.Values["rainfall"]; f != "" {
		if in.Rain, err = decodeFile(fsys, open(f), ReadRain); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// loadRasters reads the manningfile and startfile, which must match the DEM.
func (in *Inputs) loadRasters(fsys fs.FS, open func(string) string) error {
	for _, f := range []struct {
		name string
		dst  *[]float32
	}{{in.Par.ManningFile, &in.Manning}, {in.Par.StartFile, &in.Start}} {
		if f.name == "" {
			continue
		}
		g, err := decodeFile(fsys, open(f.name), readGrid)
		if err != nil {
			return err
		}
		if g.Cols != in.DEM.Cols || g.Rows != in.DEM.Rows {
			return fmt.Errorf("%s: %w: %d × %d cells, DEM %d × %d", f.name, geo.ErrInvalid, g.Cols, g.Rows, in.DEM.Cols, in.DEM.Rows)
		}
		*f.dst = g.Data
	}
	if in.Start != nil {
		for i, v := range in.Start {
			if in.Par.Flags["startelev"] {
				v -= in.DEM.Data[i]
			}
			if !(v > 0) { // NaN (no data) and negatives: dry
				v = 0
			}
			in.Start[i] = v
		}
	}
	return nil
}

// decodeFile opens name in fsys and decodes it with read.
func decodeFile[T any](fsys fs.FS, name string, read func(io.Reader, string) (T, error)) (T, error) {
	var zero T
	f, err := fsys.Open(name)
	if err != nil {
		return zero, err
	}
	defer f.Close()
	return read(f, name)
}

// readGrid decodes an ESRI ASCII grid.
func readGrid(r io.Reader, name string) (*geo.Grid, error) {
	ds, err := dem.DecodeASC(r, name, dem.Options{})
	if err != nil {
		return nil, err
	}
	return ds.Grids[0], nil
}

// ReadRain decodes a LISFLOOD-FP rainfall file: a first comment line, a
// "count units" line and count lines "rate time", the rate in mm/h. It
// returns the rate in m/s. Errors as ReadBDY.
func ReadRain(r io.Reader, name string) (surface.Series, error) {
	// The same layout as one .bdy series without its name line.
	sc := &lineSource{r: r}
	s, err := readSeries(sc.next, name, &sc.line)
	if err != nil {
		return s, err
	}
	for i := range s.V {
		s.V[i] /= 1000 * 3600
	}
	return s, sc.err(name)
}

// Options returns the surface options the .par asks for, with LISFLOOD-FP's
// defaults where it is silent.
func (in *Inputs) Options() surface.Options {
	p := in.Par
	or := func(v, d float64) float64 {
		if v > 0 {
			return v
		}
		return d
	}
	return surface.Options{
		Theta: or(p.Theta, DefaultTheta), CFL: or(p.CFL, DefaultCFL),
		DepthThreshold: or(p.DepthThresh, DefaultDepthThresh), Gravity: or(p.Gravity, DefaultGravity),
		MaxStep: or(p.InitialTstep, DefaultTstep),
	}
}

// Model converts the inputs into a surface model. Errors: ErrMissing (no
// friction, an unknown series), geo.ErrUnsupported (a point HFIX, HVAR or
// FREE), with the .bci line.
func (in *Inputs) Model() (surface.Model, error) {
	m := surface.Model{DEM: in.DEM, Manning: in.Par.FPFric, Depth: in.Start}
	if in.Manning != nil {
		m.Roughness = in.Manning
	} else if _, ok := in.Par.Values["fpfric"]; !ok {
		return m, fmt.Errorf("%s: %w: neither fpfric nor manningfile", in.ParName, ErrMissing)
	}
	bcName := in.Par.BCIFile
	for _, bc := range in.BCs {
		var err error
		if bc.Edge == 'P' {
			err = in.addSource(&m, bc)
		} else {
			err = in.addBoundary(&m, bc)
		}
		if err != nil {
			return m, &geo.ParseError{File: bcName, Line: bc.Line, Offset: -1, Err: err}
		}
	}
	for i, p := range in.Stages {
		m.Gauges = append(m.Gauges, surface.Gauge{Name: fmt.Sprint(i + 1), X: p.X, Y: p.Y})
	}
	return m, nil
}

// series returns the named .bdy series.
func (in *Inputs) series(name string) (surface.Series, error) {
	s, ok := in.Series[name]
	if !ok {
		return s, fmt.Errorf("%w: series %q is not in the .bdy file", ErrMissing, name)
	}
	return s, nil
}

func (in *Inputs) addBoundary(m *surface.Model, bc BoundaryCondition) error {
	side := map[byte]surface.Side{'N': surface.North, 'E': surface.East, 'S': surface.South, 'W': surface.West}[bc.Edge]
	b := surface.Boundary{Side: side, From: bc.Start, To: bc.End, Name: fmt.Sprintf("%c %g %g %s", bc.Edge, bc.Start, bc.End, bc.Type)}
	var err error
	switch bc.Type {
	case Closed:
		b.Kind = surface.Closed
	case Free:
		b.Kind, b.Slope = surface.Free, bc.Value
	case HFix:
		b.Kind, b.Level = surface.Level, surface.Const(bc.Value)
	case HVar:
		b.Kind = surface.Level
		b.Level, err = in.series(bc.Series)
	case QFix:
		b.Kind, b.PerWidth, b.Flow = surface.Inflow, true, surface.Const(bc.Value)
	case QVar:
		b.Kind, b.PerWidth = surface.Inflow, true
		b.Flow, err = in.series(bc.Series)
	}
	if b.From == b.To { // an empty stretch would mean "the whole side" to the solver
		return nil
	}
	m.Boundaries = append(m.Boundaries, b)
	return err
}

func (in *Inputs) addSource(m *surface.Model, bc BoundaryCondition) error {
	s := surface.Source{Name: fmt.Sprintf("P %g %g", bc.Start, bc.End), X: bc.Start, Y: bc.End}
	dx := in.DEM.DX
	switch bc.Type {
	case QFix:
		s.Flow = surface.Const(bc.Value * dx)
	case QVar:
		q, err := in.series(bc.Series)
		if err != nil {
			return err
		}
		s.Flow = surface.Series{T: q.T, V: make([]float64, len(q.V))}
		for i, v := range q.V {
			s.Flow.V[i] = v * dx
		}
	default:
		return fmt.Errorf("%w: point %s", geo.ErrUnsupported, bc.Type)
	}
	m.Sources = append(m.Sources, s)
	return nil
}

// SeriesNames returns the .bdy series names, sorted.
func (in *Inputs) SeriesNames() []string {
	names := make([]string, 0, len(in.Series))
	for k := range in.Series {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// GaugeElevations returns the DEM elevation under each gauge, NaN for a
// gauge outside the grid, for the .stage header.
func (in *Inputs) GaugeElevations() []float64 {
	out := make([]float64, len(in.Stages))
	for i, p := range in.Stages {
		out[i] = math.NaN()
		if c, r, ok := in.DEM.Cell(p.X, p.Y); ok {
			out[i] = in.DEM.At(c, r)
		}
	}
	return out
}
