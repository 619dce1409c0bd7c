package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"twin/sim/flood/rain"
)

// rainSpec is a parsed --rain value. Exactly one of storm, gauges and
// the CSV series is set.
type rainSpec struct {
	storm  rain.Hyetograph // uniform, Chicago or a CSV series
	gauges bool            // rain from the SWMM model's gauges
	desc   string
}

// parseRain reads a --rain value (forms in the flag's help) for a run of
// duration seconds. Errors name the flag and the part at fault.
func parseRain(spec string, duration float64) (rainSpec, error) {
	bad := func(format string, a ...any) (rainSpec, error) {
		return rainSpec{}, fmt.Errorf("%w: --rain %q: "+format, append([]any{errFloodUsage, spec}, a...)...)
	}
	kind, args, _ := strings.Cut(spec, ":")
	switch strings.ToLower(kind) {
	case "uniform":
		return parseUniform(args, duration, bad)
	case "chinese":
		return parseChinese(args, duration, bad)
	case "swmm-gauges":
		if args != "" {
			return bad("swmm-gauges takes no parameters")
		}
		return rainSpec{gauges: true, desc: "the SWMM model's rain gauges"}, nil
	}
	if strings.HasSuffix(strings.ToLower(spec), ".csv") {
		f, err := os.Open(spec)
		if err != nil {
			return bad("%v", err)
		}
		defer f.Close()
		b, err := readRainCSV(f)
		if err != nil {
			return bad("%v", err)
		}
		return rainSpec{storm: b, desc: fmt.Sprintf("%s (%.1f mm)", spec, b.Total())}, nil
	}
	return bad("want uniform:50mm/h, chinese:A1=..,C=..,b=..,n=..,P=..,r=.., swmm-gauges or a .csv file")
}

// keyValues splits "k=v,k=v" into numbers; keys are case-sensitive.
func keyValues(args string) (map[string]float64, error) {
	out := map[string]float64{}
	for _, kv := range strings.Split(args, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("%q is not key=value", kv)
		}
		x, err := parseDuration(v)
		if k != "T" {
			x, err = strconv.ParseFloat(v, 64)
		}
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%s=%q is not a number", k, v)
		}
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("%s given twice", k)
		}
		out[k] = x
	}
	return out, nil
}

// parseDuration reads seconds, or a number with the unit s, m(in) or h.
func parseDuration(v string) (float64, error) {
	for _, u := range []struct {
		suffix string
		f      float64
	}{{"min", 60}, {"h", 3600}, {"m", 60}, {"s", 1}} {
		if n, ok := strings.CutSuffix(v, u.suffix); ok {
			x, err := strconv.ParseFloat(n, 64)
			return x * u.f, err
		}
	}
	return strconv.ParseFloat(v, 64)
}

// parseUniform reads "50mm/h[,T=1h]": a constant intensity for T (default
// the whole run).
func parseUniform(args string, duration float64, bad func(string, ...any) (rainSpec, error)) (rainSpec, error) {
	rate, rest, _ := strings.Cut(args, ",")
	mmh, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rate), "mm/h"), 64)
	if err != nil || !(mmh >= 0) || math.IsInf(mmh, 0) {
		return bad("intensity %q: want a number of mm/h ≥ 0, e.g. uniform:50mm/h", rate)
	}
	end := duration
	if rest != "" {
		kv, err := keyValues(rest)
		if err != nil {
			return bad("%v", err)
		}
		t, ok := kv["T"]
		if !ok || len(kv) != 1 || !(t > 0) {
			return bad("uniform takes only T=DURATION > 0 after the intensity")
		}
		end = t
	}
	return rainSpec{storm: rain.Uniform{MMh: mmh, End: end}, desc: fmt.Sprintf("uniform %g mm/h for %g s", mmh, end)}, nil
}

// parseChinese reads "A1=..,C=..,b=..,n=..,P=..,r=..[,T=..]": the Chinese
// storm-intensity formula for return period P years as a Chicago
// hyetograph peaking at r of its duration T (default the run's duration,
// at most 3 h).
func parseChinese(args string, duration float64, bad func(string, ...any) (rainSpec, error)) (rainSpec, error) {
	kv, err := keyValues(args)
	if err != nil {
		return bad("%v", err)
	}
	for _, k := range []string{"A1", "C", "b", "n", "P"} {
		if _, ok := kv[k]; !ok {
			return bad("missing %s (want A1, C, b, n, P and optionally r, T)", k)
		}
	}
	for k := range kv {
		if !strings.Contains(" A1 C b n P r T ", " "+k+" ") {
			return bad("unknown parameter %s (want A1, C, b, n, P, r, T)", k)
		}
	}
	r, ok := kv["r"]
	if !ok {
		r = 0.4
	}
	t, ok := kv["T"]
	if !ok {
		t = min(duration, 3*3600)
	}
	idf, err := rain.ChineseFormula{A1: kv["A1"], C: kv["C"], B: kv["b"], N: kv["n"]}.IDF(kv["P"])
	if err != nil {
		return bad("%v", err)
	}
	c := rain.Chicago{IDF: idf, DurationMin: t / 60, Peak: r}
	if err := c.Validate(); err != nil {
		return bad("%v", err)
	}
	return rainSpec{storm: c, desc: fmt.Sprintf("Chicago storm, P = %g years, %g min, r = %g: %.1f mm", kv["P"], t/60, r, idf.Depth(t/60))}, nil
}

// readRainCSV reads rows "time_s,mm_per_h" (an optional header first):
// each intensity holds from its time to the next row's, the last for as
// long as the interval before it (one reading per interval, as SWMM reads
// a gauge).
func readRainCSV(r io.Reader) (rain.Blocks, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 2
	cr.TrimLeadingSpace = true
	var ts, vs []float64
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		t, err1 := strconv.ParseFloat(rec[0], 64)
		v, err2 := strconv.ParseFloat(rec[1], 64)
		if line == 1 && (err1 != nil || err2 != nil) {
			continue // header
		}
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("line %d: %q is not time_s,mm_per_h", line, strings.Join(rec, ","))
		}
		if n := len(ts); n > 0 && !(t > ts[n-1]) {
			return nil, fmt.Errorf("line %d: time %g s is not after %g s", line, t, ts[n-1])
		}
		ts, vs = append(ts, t), append(vs, v)
	}
	if len(ts) < 2 {
		return nil, fmt.Errorf("want at least two rows of time_s,mm_per_h, have %d", len(ts))
	}
	b := make(rain.Blocks, len(ts))
	for i := range ts {
		end := ts[len(ts)-1] + (ts[len(ts)-1] - ts[len(ts)-2])
		if i+1 < len(ts) {
			end = ts[i+1]
		}
		b[i] = rain.Block{T0: ts[i], T1: end, MMh: vs[i]}
	}
	return b, b.Validate()
}
