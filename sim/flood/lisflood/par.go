package lisflood

import (
	"bufio"
	"io"
	"math"
	"strconv"
	"strings"

	"twin/geo"
)

// Params is a decoded .par file. Keywords are case-insensitive; a later
// line overrides an earlier one, as in LISFLOOD-FP.
type Params struct {
	// Files named by the parameter file, as written (relative to the .par).
	DEMFile, BCIFile, BDYFile, StageFile, StartFile, ManningFile string
	// ResRoot is the prefix of output files; DirRoot their folder.
	ResRoot, DirRoot string
	// The numeric parameters are 0 when not given; Inputs.Model and Run
	// then apply the defaults named in the package doc.
	//
	// SimTime is the simulated duration, s. InitialTstep is the largest
	// time step, and the step on a dry grid, s. MassInt is the interval of
	// the mass and stage outputs, s; SaveInt that of raster outputs.
	SimTime, InitialTstep, MassInt, SaveInt float64
	// FPFric is the floodplain Manning's n.
	FPFric float64
	// Theta is de Almeida's θ, CFL the time-step factor α, DepthThresh the
	// depth threshold (m), Gravity g (m/s²).
	Theta, CFL, DepthThresh, Gravity float64
	// Flags holds the keywords given without a value (elevoff, voutput,
	// acceleration, adaptoff …), lower case.
	Flags map[string]bool
	// Values holds every keyword given with a value, lower case, raw text.
	Values map[string]string
}

// maxLine bounds one line of a text input (1 MiB).
const maxLine = 1 << 20

// numericKeys are the keywords whose values must be non-negative numbers.
var numericKeys = map[string]func(p *Params) *float64{
	"sim_time":      func(p *Params) *float64 { return &p.SimTime },
	"initial_tstep": func(p *Params) *float64 { return &p.InitialTstep },
	"massint":       func(p *Params) *float64 { return &p.MassInt },
	"saveint":       func(p *Params) *float64 { return &p.SaveInt },
	"fpfric":        func(p *Params) *float64 { return &p.FPFric },
	"theta":         func(p *Params) *float64 { return &p.Theta },
	"cfl":           func(p *Params) *float64 { return &p.CFL },
	"courant":       func(p *Params) *float64 { return &p.CFL },
	"depth_thresh":  func(p *Params) *float64 { return &p.DepthThresh },
	"depththresh":   func(p *Params) *float64 { return &p.DepthThresh },
	"gravity":       func(p *Params) *float64 { return &p.Gravity },
}

// fileKeys are the keywords that name files.
var fileKeys = map[string]func(p *Params) *string{
	"demfile":     func(p *Params) *string { return &p.DEMFile },
	"bcifile":     func(p *Params) *string { return &p.BCIFile },
	"bdyfile":     func(p *Params) *string { return &p.BDYFile },
	"stagefile":   func(p *Params) *string { return &p.StageFile },
	"startfile":   func(p *Params) *string { return &p.StartFile },
	"manningfile": func(p *Params) *string { return &p.ManningFile },
	"resroot":     func(p *Params) *string { return &p.ResRoot },
	"dirroot":     func(p *Params) *string { return &p.DirRoot },
}

// ReadPar decodes a LISFLOOD-FP parameter file: one "keyword value" or
// "keyword" per line, '#' starting a comment. Known numeric keywords must
// hold finite, non-negative numbers (geo.ErrSyntax or geo.ErrInvalid with
// the line); unknown keywords are kept in Values and Flags. A line longer
// than 1 MiB is an error. O(size of input).
func ReadPar(r io.Reader, name string) (*Params, error) {
	p := &Params{Flags: map[string]bool{}, Values: map[string]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	line := 0
	for sc.Scan() {
		line++
		f := fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		key := strings.ToLower(f[0])
		if len(f) == 1 {
			p.Flags[key] = true
			continue
		}
		val := f[1]
		p.Values[key] = val
		if get, ok := numericKeys[key]; ok {
			v, err := strconv.ParseFloat(val, 64)
			if err != nil {
				return nil, geo.LineError(name, line, geo.ErrSyntax, "%s: bad number %q", key, val)
			}
			if !(v >= 0) || math.IsInf(v, 0) {
				return nil, geo.LineError(name, line, geo.ErrInvalid, "%s = %g must be a finite number ≥ 0", key, v)
			}
			*get(p) = v
		} else if get, ok := fileKeys[key]; ok {
			*get(p) = val
		}
	}
	if err := sc.Err(); err != nil {
		return nil, geo.LineError(name, line+1, geo.ErrSyntax, "%v", err)
	}
	return p, nil
}

// fields splits a line into whitespace-separated tokens, dropping a
// '#' comment.
func fields(s string) []string {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	return strings.Fields(s)
}
