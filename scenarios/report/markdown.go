package report

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strings"

	"twin/scenarios"
)

// WriteMarkdown writes report.md: the scenario, the comparison of every
// variant with the baseline (sign and %), one section per variant and
// links to the charts (charts/NAME.png). Extra images, when given, are
// linked as images/NAME.png in a "Wall view" section after the summary;
// errors wrap ErrImage for an invalid one. O(incidents + steps).
func WriteMarkdown(w io.Writer, res *scenarios.Results, charts []Chart, images ...Image) error {
	if res == nil {
		return ErrNoResults
	}
	if err := validImages(images); err != nil {
		return err
	}
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# %s\n\n", orDefault(res.Scenario, "Scenario"))
	if res.Description != "" {
		fmt.Fprintf(b, "%s\n\n", res.Description)
	}
	for _, line := range summaryLines(res) {
		fmt.Fprintf(b, "- %s\n", line)
	}
	fmt.Fprintln(b)
	if len(images) > 0 {
		fmt.Fprintf(b, "## Wall view\n\n")
		for _, im := range images {
			fmt.Fprintf(b, "![%s](%s/%s.png)\n\n", im.Title, ImagesDir, im.Name)
			if im.Caption != "" {
				fmt.Fprintf(b, "%s\n\n", im.Caption)
			}
		}
	}
	if len(res.Comparisons) > 0 {
		fmt.Fprintf(b, "## Variants against the baseline\n\n")
		mdTable(b, comparisonTable(res))
	}
	for _, v := range res.Variants {
		if v == nil {
			continue
		}
		fmt.Fprintf(b, "## %s\n\n", v.Name)
		if v.Description != "" {
			fmt.Fprintf(b, "%s\n\n", v.Description)
		}
		for _, sec := range variantSections(v) {
			fmt.Fprintf(b, "### %s\n\n", sec.Title)
			mdTable(b, sec.Rows)
		}
	}
	if len(charts) > 0 {
		fmt.Fprintf(b, "## Charts\n\n")
		for _, c := range charts {
			fmt.Fprintf(b, "![%s](%s/%s.png)\n\n", c.Title, ChartsDir, c.Name)
		}
	}
	return b.Flush()
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// summaryLines describe the run.
func summaryLines(res *scenarios.Results) []string {
	out := []string{
		fmt.Sprintf("Start: %s; simulated %s in steps of %s; seed %d", res.Start, dur(res.DurationS), dur(res.StepS), res.Seed),
		runsLine(len(res.Variants)),
	}
	if res.Partial {
		out = append(out, "**Partial results: the run was cancelled** (each run shows the time it reached)")
	}
	return out
}

// runsLine says how many runs a report holds.
func runsLine(n int) string {
	switch n {
	case 1:
		return "Runs: 1 (the baseline)"
	case 2:
		return "Runs: 2 (baseline and 1 variant)"
	}
	return fmt.Sprintf("Runs: %d (baseline and %d variants)", n, max(0, n-1))
}

// dur writes a duration of s seconds as a reader would: "2 h", "6 min",
// "1 h 30 min", "45 s".
func dur(s float64) string {
	d := int64(math.Round(s))
	var parts []string
	if h := d / 3600; h != 0 {
		parts = append(parts, fmt.Sprintf("%d h", h))
	}
	if m := d % 3600 / 60; m != 0 {
		parts = append(parts, fmt.Sprintf("%d min", m))
	}
	if sec := d % 60; sec != 0 || len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("%d s", sec))
	}
	return strings.Join(parts, " ")
}

// mdTable writes rows (the first is the header) as a Markdown table.
func mdTable(b *bufio.Writer, rows [][]string) {
	if len(rows) == 0 {
		return
	}
	for i, r := range rows {
		cells := make([]string, len(r))
		for j, c := range r {
			cells[j] = strings.ReplaceAll(c, "|", `\|`)
		}
		fmt.Fprintf(b, "| %s |\n", strings.Join(cells, " | "))
		if i == 0 {
			fmt.Fprintf(b, "|%s\n", strings.Repeat("---|", len(r)))
		}
	}
	fmt.Fprintln(b)
}

// comparisonTable has one row per variant and metric.
func comparisonTable(res *scenarios.Results) [][]string {
	rows := [][]string{{"variant", "metric", "baseline", "variant value", "change", "change %", "verdict"}}
	for _, c := range res.Comparisons {
		rows = append(rows, []string{c.Variant, withUnit(c.Metric, c.Unit), num(c.Base), num(c.Value),
			signed(c.Delta), pct(c), c.Verdict})
	}
	return rows
}

func withUnit(m, u string) string {
	if u == "" {
		return m
	}
	return m + " (" + u + ")"
}

// num formats a value with at most 3 decimals and no trailing zeros.
func num(v float64) string {
	s := fmt.Sprintf("%.3f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// signed formats a change with its sign: +1.5, −2, ±0.
func signed(v float64) string {
	switch {
	case v > 0:
		return "+" + num(v)
	case v < 0:
		return "−" + num(-v)
	}
	return "±0"
}

func pct(c scenarios.Comparison) string {
	if c.Base == 0 {
		if c.Delta == 0 {
			return "±0 %"
		}
		return "n/a"
	}
	return signed(math.Round(c.Pct*10)/10) + " %"
}
