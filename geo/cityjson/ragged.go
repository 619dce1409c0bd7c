package cityjson

import (
	"fmt"
	"math"
)

// maxNesting bounds the array nesting of "boundaries": a MultiSolid is the
// deepest CityJSON geometry with five levels.
const maxNesting = 5

// ragged is a nested JSON array of vertex indices ("boundaries") stored flat,
// the way columnar formats store list columns: counts[k][i] is the number of
// elements of the i-th array at nesting k+1 (counts[0] holds the root alone),
// and leaves holds the integers in document order. A MultiSurface has depth
// 3, a Solid 4, a MultiSolid 5. It costs 4 bytes per index plus 4 per array,
// far less than []any.
type ragged struct {
	counts [][]int32
	leaves []int32
}

// depth returns the array nesting of the leaves, 0 for null or no leaves.
func (g *ragged) depth() int {
	if len(g.leaves) == 0 {
		return 0
	}
	return len(g.counts)
}

// UnmarshalJSON scans b, which encoding/json has already checked to be valid
// JSON, as arrays of non-negative integers nested to one uniform depth. It
// returns a *contentError for anything else. O(len(b)).
func (g *ragged) UnmarshalJSON(b []byte) error {
	*g = ragged{}
	depth, leafDepth := 0, 0
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
			i++
		case c == 'n' && depth == 0: // a bare null: no geometry
			return nil
		case c == '[':
			if leafDepth != 0 && depth >= leafDepth {
				return contentErrorf("boundaries mix nesting depths")
			}
			if depth == maxNesting {
				return contentErrorf("boundaries nested too deep")
			}
			depth++
			if depth > 1 {
				last := len(g.counts[depth-2]) - 1
				g.counts[depth-2][last]++
			}
			if len(g.counts) < depth {
				g.counts = append(g.counts, nil)
			}
			g.counts[depth-1] = append(g.counts[depth-1], 0)
			i++
		case c == ']':
			depth--
			i++
		case c >= '0' && c <= '9' && depth > 0:
			if leafDepth == 0 {
				leafDepth = depth
				if len(g.counts) > depth {
					return contentErrorf("boundaries mix nesting depths")
				}
			} else if depth != leafDepth {
				return contentErrorf("boundaries mix nesting depths")
			}
			v, n, err := scanIndex(b[i:])
			if err != nil {
				return err
			}
			g.counts[depth-1][len(g.counts[depth-1])-1]++
			g.leaves = append(g.leaves, v)
			i += n
		default:
			return contentErrorf("boundaries must hold vertex indices, found %q", c)
		}
	}
	if leafDepth != 0 && len(g.counts) != leafDepth {
		return contentErrorf("boundaries mix nesting depths")
	}
	return nil
}

// scanIndex reads a non-negative integer at the start of b and returns it with
// the number of bytes used.
func scanIndex(b []byte) (int32, int, error) {
	var v int64
	n := 0
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		v = v*10 + int64(b[n]-'0')
		if v > math.MaxInt32 {
			return 0, 0, contentErrorf("vertex index %s… out of range", b[:n+1])
		}
		n++
	}
	if n < len(b) && (b[n] == '.' || b[n] == 'e' || b[n] == 'E') {
		return 0, 0, contentErrorf("vertex index is not an integer")
	}
	return int32(v), n, nil
}

// walker visits the surfaces of a ragged array of depth d ≥ 3: the arrays at
// nesting d−1 whose elements are rings.
type walker struct {
	g     *ragged
	d     int
	cur   []int // next node index at each nesting
	leaf  int   // next leaf
	path  []int
	rings [][]int32 // reused for every surface
}

// eachSurface calls fn for every surface in document order with its path
// (its index inside each enclosing array, outermost first; this is the index
// path into semantics "values") and its rings as slices of vertex indices.
// The slices alias g and are only valid during the call. fn's error stops
// the walk and is returned. O(number of indices).
func (g *ragged) eachSurface(fn func(path []int, rings [][]int32) error) error {
	d := g.depth()
	if d < 3 {
		return contentErrorf("boundaries nested %d deep, need at least 3 for surfaces", d)
	}
	w := walker{g: g, d: d, cur: make([]int, d)}
	return w.visit(0, fn)
}

func (w *walker) visit(k int, fn func(path []int, rings [][]int32) error) error {
	n := int(w.g.counts[k][w.cur[k]])
	w.cur[k]++
	if k == w.d-2 {
		w.rings = w.rings[:0]
		for j := 0; j < n; j++ {
			m := int(w.g.counts[k+1][w.cur[k+1]])
			w.cur[k+1]++
			w.rings = append(w.rings, w.g.leaves[w.leaf:w.leaf+m])
			w.leaf += m
		}
		return fn(w.path, w.rings)
	}
	for j := 0; j < n; j++ {
		w.path = append(w.path, j)
		if err := w.visit(k+1, fn); err != nil {
			return err
		}
		w.path = w.path[:len(w.path)-1]
	}
	return nil
}

// lines returns the leaves of a depth-2 array (MultiLineString) split per line.
func (g *ragged) lines() [][]int32 {
	if g.depth() != 2 {
		return nil
	}
	out := make([][]int32, 0, len(g.counts[1]))
	off := 0
	for _, n := range g.counts[1] {
		out = append(out, g.leaves[off:off+int(n)])
		off += int(n)
	}
	return out
}

// contentError is an error in a city object's content (as opposed to JSON
// syntax): the object is skipped with a warning and decoding goes on.
type contentError struct{ msg string }

func (e *contentError) Error() string { return e.msg }

func contentErrorf(format string, args ...any) error {
	return &contentError{msg: fmt.Sprintf(format, args...)}
}
