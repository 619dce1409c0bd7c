package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: pgcompare pairs|compare [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "pairs":
		err = runPairs(os.Args[2:], os.Stdout)
	case "compare":
		var ok bool
		ok, err = runCompare(os.Args[2:], os.Stdout)
		if err == nil && !ok {
			os.Exit(1)
		}
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgcompare:", err)
		os.Exit(2)
	}
}

// runPairs writes n seeded random pairs of the node ids of nodes.csv.
func runPairs(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("pairs", flag.ContinueOnError)
	nodes := fs.String("nodes", "", "nodes.csv of a twin graph export")
	n := fs.Int("n", 1000, "number of pairs")
	seed := fs.Uint64("seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	rows, err := readCSV(*nodes)
	if err != nil {
		return err
	}
	if len(rows) < 2 {
		return fmt.Errorf("%s: no nodes", *nodes)
	}
	ids := make([]string, 0, len(rows)-1)
	for _, r := range rows[1:] {
		ids = append(ids, r[0])
	}
	rng := rand.New(rand.NewPCG(*seed, 0x7077))
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "source,target")
	for range *n {
		fmt.Fprintf(bw, "%s,%s\n", ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))])
	}
	return bw.Flush()
}

func readCSV(name string) ([][]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	return r.ReadAll()
}

type pair struct{ s, t int64 }

// runCompare compares the two answers pair by pair.
func runCompare(args []string, w io.Writer) (bool, error) {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	pairsF := fs.String("pairs", "", "pairs.csv")
	twinF := fs.String("twin", "", "twin route --pairs output (JSON lines)")
	pgF := fs.String("pg", "", "pgr_dijkstra output: start_vid,end_vid,agg_cost")
	label := fs.String("label", "", "first column of the table row")
	if err := fs.Parse(args); err != nil {
		return false, err
	}
	rows, err := readCSV(*pairsF)
	if err != nil {
		return false, err
	}
	var pairs []pair
	for i, r := range rows {
		s, err1 := strconv.ParseInt(r[0], 10, 64)
		t, err2 := strconv.ParseInt(r[len(r)-1], 10, 64)
		if err1 != nil || err2 != nil {
			if i == 0 {
				continue
			}
			return false, fmt.Errorf("%s:%d: bad pair %v", *pairsF, i+1, r)
		}
		pairs = append(pairs, pair{s, t})
	}
	twin, err := readTwin(*twinF)
	if err != nil {
		return false, err
	}
	pg, err := readPG(*pgF)
	if err != nil {
		return false, err
	}
	if len(twin) != len(pairs) {
		return false, fmt.Errorf("%d twin answers for %d pairs", len(twin), len(pairs))
	}
	same, unreachable, differ, maxDiff := 0, 0, 0, int64(0)
	for i, p := range pairs {
		a := twin[i]
		if a.Source != p.s || a.Target != p.t {
			return false, fmt.Errorf("twin line %d is %d,%d, pair %d,%d", i+1, a.Source, a.Target, p.s, p.t)
		}
		b, ok := pg[p]
		if !ok && p.s == p.t {
			b, ok = 0, true
		}
		switch {
		case a.Unreachable && !ok:
			unreachable++
		case a.Unreachable || !ok:
			differ++
			fmt.Fprintf(os.Stderr, "pgcompare: %d → %d: twin unreachable %v, pgRouting reachable %v\n", p.s, p.t, a.Unreachable, ok)
		default:
			ms := int64(math.Round(*a.CostS * 1000))
			if d := ms - b; d != 0 {
				differ++
				maxDiff = max(maxDiff, d, -d)
				fmt.Fprintf(os.Stderr, "pgcompare: %d → %d: twin %d ms, pgRouting %d ms\n", p.s, p.t, ms, b)
			} else {
				same++
			}
		}
	}
	fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d |\n", *label, len(pairs), same, unreachable, differ, maxDiff)
	return differ == 0, nil
}

type twinAnswer struct {
	Source, Target int64
	CostS          *float64 `json:"cost_s"`
	Unreachable    bool
}

func readTwin(name string) ([]twinAnswer, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []twinAnswer
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		var a twinAnswer
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if !a.Unreachable && a.CostS == nil {
			return nil, fmt.Errorf("%s:%d: neither cost_s nor unreachable", name, line)
		}
		out = append(out, a)
	}
	return out, sc.Err()
}

// readPG reads start_vid,end_vid,agg_cost rows into costs in whole ms.
func readPG(name string) (map[pair]int64, error) {
	rows, err := readCSV(name)
	if err != nil {
		return nil, err
	}
	out := make(map[pair]int64, len(rows))
	for i, r := range rows {
		if len(r) != 3 {
			return nil, fmt.Errorf("%s:%d: %d fields", name, i+1, len(r))
		}
		s, err1 := strconv.ParseInt(r[0], 10, 64)
		t, err2 := strconv.ParseInt(r[1], 10, 64)
		c, err3 := strconv.ParseFloat(r[2], 64)
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, i+1, err)
		}
		out[pair{s, t}] = int64(math.Round(c * 1000))
	}
	return out, nil
}
