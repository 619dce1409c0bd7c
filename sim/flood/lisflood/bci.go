package lisflood

import (
	"bufio"
	"io"
	"math"
	"strconv"
	"strings"

	"twin/geo"
)

// BCType is the kind of a boundary condition line.
type BCType string

// The boundary condition types of a .bci file.
const (
	Closed BCType = "CLOSED"
	Free   BCType = "FREE" // Value: friction slope, or none for the local slope
	HFix   BCType = "HFIX" // Value: water-surface elevation, m
	HVar   BCType = "HVAR" // Series: a .bdy series of elevations
	QFix   BCType = "QFIX" // Value: unit flow, m²/s
	QVar   BCType = "QVAR" // Series: a .bdy series of unit flows
)

// BoundaryCondition is one line of a .bci file.
type BoundaryCondition struct {
	// Line is the line number in the file.
	Line int
	// Edge is 'N', 'E', 'S' or 'W' for a stretch of the grid's edge, 'P'
	// for a point source.
	Edge byte
	// Start and End bound the stretch along the edge (m: x for N and S, y
	// for E and W); for a point they are its X and Y.
	Start, End float64
	Type       BCType
	// Value is the number of FREE, HFIX and QFIX; HasValue says whether
	// the line gave one (FREE may omit it).
	Value    float64
	HasValue bool
	// Series names the .bdy series of HVAR and QVAR.
	Series string
}

// ReadBCI decodes a .bci file: lines "EDGE start end TYPE [value|name]",
// EDGE one of N E S W P (P: "P x y TYPE …"), '#' starting a comment.
// Errors (*geo.ParseError with the line): an unknown edge or type
// (geo.ErrSyntax), a missing or non-finite number, a missing series name.
func ReadBCI(r io.Reader, name string) ([]BoundaryCondition, error) {
	var out []BoundaryCondition
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	line := 0
	for sc.Scan() {
		line++
		f := fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		bc, err := parseBC(f, name, line)
		if err != nil {
			return nil, err
		}
		out = append(out, bc)
	}
	if err := sc.Err(); err != nil {
		return nil, geo.LineError(name, line+1, geo.ErrSyntax, "%v", err)
	}
	return out, nil
}

// parseBC parses the fields of one .bci line.
func parseBC(f []string, name string, line int) (BoundaryCondition, error) {
	bc := BoundaryCondition{Line: line}
	edge := strings.ToUpper(f[0])
	if len(edge) != 1 || !strings.Contains("NESWP", edge) {
		return bc, geo.LineError(name, line, geo.ErrSyntax, "unknown edge %q (want N, E, S, W or P)", f[0])
	}
	bc.Edge = edge[0]
	if len(f) < 4 {
		return bc, geo.LineError(name, line, geo.ErrSyntax, "want \"%s start end TYPE\", got %d fields", edge, len(f))
	}
	var err error
	if bc.Start, err = number(f[1], name, line); err != nil {
		return bc, err
	}
	if bc.End, err = number(f[2], name, line); err != nil {
		return bc, err
	}
	bc.Type = BCType(strings.ToUpper(f[3]))
	switch bc.Type {
	case Closed:
	case Free, HFix, QFix:
		if len(f) < 5 {
			if bc.Type == Free {
				return bc, nil
			}
			return bc, geo.LineError(name, line, geo.ErrSyntax, "%s needs a value", bc.Type)
		}
		if bc.Value, err = number(f[4], name, line); err != nil {
			return bc, err
		}
		bc.HasValue = true
		if bc.Type == Free && bc.Value < 0 { // LISFLOOD-FP's −1: use the local slope
			bc.HasValue, bc.Value = false, 0
		}
	case HVar, QVar:
		if len(f) < 5 {
			return bc, geo.LineError(name, line, geo.ErrSyntax, "%s needs a series name", bc.Type)
		}
		bc.Series = f[4]
	default:
		return bc, geo.LineError(name, line, geo.ErrSyntax, "unknown boundary type %q", f[3])
	}
	return bc, nil
}

// number parses a finite float.
func number(s, name string, line int) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, geo.LineError(name, line, geo.ErrSyntax, "bad number %q", s)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, geo.LineError(name, line, geo.ErrInvalid, "number %q is not finite", s)
	}
	return v, nil
}
