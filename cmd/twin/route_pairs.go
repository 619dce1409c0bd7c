package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"twin/sim/dispatch"
)

// routePair is one line of a --pairs file: routing vertex ids and the line
// they came from.
type routePair struct {
	source, target int64
	line           int
}

// readPairs reads source,target node ids, one pair a line. Blank lines are
// skipped, and a first line that is not two integers is taken for a header.
// Errors name the file and line.
func readPairs(r io.Reader, name string) ([]routePair, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	var out []routePair
	line, seen := 0, false
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		first := !seen
		seen = true
		a, b, ok := strings.Cut(text, ",")
		src, err1 := strconv.ParseInt(strings.TrimSpace(a), 10, 64)
		tgt, err2 := strconv.ParseInt(strings.TrimSpace(b), 10, 64)
		if !ok || err1 != nil || err2 != nil {
			if first {
				continue // header
			}
			return nil, fmt.Errorf("%s:%d: %q: want source,target node ids", name, line, text)
		}
		out = append(out, routePair{src, tgt, line})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return out, nil
}

// checkPairs reports the first pair naming an id the graph does not have.
func checkPairs(rg *dispatch.Graph, pairs []routePair, name string) error {
	n := int64(rg.NumVertices())
	for _, p := range pairs {
		for _, id := range []int64{p.source, p.target} {
			if id < 0 || id >= n {
				return fmt.Errorf("%s:%d: unknown node id %d (the graph's ids are 0 to %d, as 'twin graph export' writes them)", name, p.line, id, n-1)
			}
		}
	}
	return nil
}

// pairAnswer is the route of one pair: cost in ms, or unreachable.
type pairAnswer struct {
	costMs      int64
	lengthM     float64
	unreachable bool
}

// routePairs answers every pair on all cores and prints one JSON object a
// line, in the file's order:
//
//	{"source":1,"target":2,"cost_s":12.345,"length_m":678.900}
//	{"source":1,"target":3,"unreachable":true}
func routePairs(w io.Writer, stderr io.Writer, rg *dispatch.Graph, pairs []routePair, name string, timing bool) error {
	if err := checkPairs(rg, pairs, name); err != nil {
		return err
	}
	t0, c0 := time.Now(), processCPU()
	ans, err := answerPairs(rg, pairs)
	if err != nil {
		return err
	}
	if timing {
		d, cpu := time.Since(t0), processCPU()-c0
		fmt.Fprintf(stderr, "route: %d pairs in %.3f ms (%.0f pairs/s, %d threads), %.3f ms CPU\n",
			len(pairs), float64(d.Microseconds())/1000, float64(len(pairs))/d.Seconds(), runtime.GOMAXPROCS(0),
			float64(cpu.Microseconds())/1000)
	}
	var buf []byte
	for i, p := range pairs {
		buf = append(buf[:0], `{"source":`...)
		buf = strconv.AppendInt(buf, p.source, 10)
		buf = append(buf, `,"target":`...)
		buf = strconv.AppendInt(buf, p.target, 10)
		if a := ans[i]; a.unreachable {
			buf = append(buf, `,"unreachable":true}`...)
		} else {
			buf = append(buf, `,"cost_s":`...)
			buf = appendMillis(buf, a.costMs)
			buf = append(buf, `,"length_m":`...)
			buf = strconv.AppendFloat(buf, a.lengthM, 'f', 3, 64)
			buf = append(buf, '}')
		}
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return nil
}

// answerPairs routes the pairs on GOMAXPROCS goroutines; answers are in
// the pairs' order whatever the scheduling.
func answerPairs(rg *dispatch.Graph, pairs []routePair) ([]pairAnswer, error) {
	ans := make([]pairAnswer, len(pairs))
	workers := min(runtime.GOMAXPROCS(0), max(len(pairs)/64, 1))
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		ferr error
	)
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := k; i < len(pairs); i += workers {
				ms, length, err := rg.VertexCost(int(pairs[i].source), int(pairs[i].target))
				switch {
				case errors.Is(err, dispatch.ErrUnreachable):
					ans[i].unreachable = true
				case err != nil:
					mu.Lock()
					ferr = err
					mu.Unlock()
					return
				default:
					ans[i] = pairAnswer{costMs: ms, lengthM: length}
				}
			}
		}()
	}
	wg.Wait()
	return ans, ferr
}
