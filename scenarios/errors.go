package scenarios

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// Sentinel errors. Every error about a file is an *Error (or several,
// joined) wrapping one of them.
var (
	// ErrSyntax: the file is not YAML, or its shape does not fit the format
	// (an unknown key, a string where a number belongs).
	ErrSyntax = errors.New("scenarios: syntax error")
	// ErrInvalid: a value is impossible (a negative duration, rain in the
	// wrong unit, an event with no action).
	ErrInvalid = errors.New("scenarios: invalid value")
	// ErrNotInWorld: the file names a road, pipe or pipe node that the
	// loaded World does not hold, or a place outside it.
	ErrNotInWorld = errors.New("scenarios: not in the city")
	// ErrCanceled: the run was cancelled; its results are partial.
	ErrCanceled = errors.New("scenarios: run cancelled")
)

// Error is a problem at a place in a scenario file: 1-based line and
// column (0 when the problem concerns the whole file).
type Error struct {
	File      string
	Line, Col int
	Msg       string
	Err       error // ErrSyntax, ErrInvalid or ErrNotInWorld
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// issues collects positioned errors against a parsed file.
type issues struct {
	name string
	file *ast.File
	list []*Error
}

// addf records an error at the node that path ("$.events[2].at") names,
// or the nearest ancestor present in the file.
func (is *issues) addf(sentinel error, path, format string, args ...any) {
	line, col := is.pos(path)
	is.list = append(is.list, &Error{File: is.name, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Err: sentinel})
}

// pos resolves a path to a line and column.
func (is *issues) pos(path string) (int, int) {
	for p := path; p != "" && p != "$"; p = parentPath(p) {
		yp, err := yaml.PathString(p)
		if err != nil || is.file == nil {
			continue
		}
		n, err := yp.FilterFile(is.file)
		if err != nil || n == nil || n.GetToken() == nil {
			continue
		}
		tk := n.GetToken()
		return tk.Position.Line, tk.Position.Column
	}
	return 1, 1
}

// parentPath drops the last component of a path.
func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i <= 0 {
		return "$"
	}
	return p[:i]
}

// err joins the collected errors in file order, nil when there are none.
func (is *issues) err() error {
	if len(is.list) == 0 {
		return nil
	}
	sort.SliceStable(is.list, func(i, j int) bool {
		a, b := is.list[i], is.list[j]
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	errs := make([]error, len(is.list))
	for i, e := range is.list {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// yamlError turns a decoder error into a positioned Error.
func yamlError(name string, err error) *Error {
	out := &Error{File: name, Line: 1, Col: 1, Msg: err.Error(), Err: ErrSyntax}
	var ye yaml.Error
	if errors.As(err, &ye) {
		out.Msg = ye.GetMessage()
		if tk := ye.GetToken(); tk != nil {
			out.Line, out.Col = tk.Position.Line, tk.Position.Column
		}
	}
	return out
}
