package floodout

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"twin/sim/flood/surface"
)

// Term is one named volume of a Budget, m³.
type Term struct {
	Name   string  `json:"name"`
	Volume float64 `json:"volume_m3"`
}

// Budget is a run's volume account, m³: what was stored at the start,
// what came in and went out, and what is stored at the end, each split
// into named terms. Its residual is what the account does not explain.
type Budget struct {
	Title   string `json:"title"`
	Initial []Term `json:"initial"`
	In      []Term `json:"in"`
	Out     []Term `json:"out"`
	Stored  []Term `json:"stored"`
	// Notes are remarks printed under the table (a solver's own
	// continuity error, an interrupted run).
	Notes []string `json:"notes,omitempty"`
}

func sum(ts []Term) float64 {
	s := 0.0
	for _, t := range ts {
		s += t.Volume
	}
	return s
}

// Residual returns Σ Stored − (Σ Initial + Σ In − Σ Out), m³.
func (b Budget) Residual() float64 {
	return sum(b.Stored) - (sum(b.Initial) + sum(b.In) - sum(b.Out))
}

// ErrorPercent returns the residual as a percentage of the larger of
// Σ Initial + Σ In and Σ Stored (0 when both are 0), the convention of
// twin/sim/flood/surface's MassBalance.RelativeError.
func (b Budget) ErrorPercent() float64 {
	d := max(sum(b.Initial)+sum(b.In), sum(b.Stored))
	if d <= 0 {
		return 0
	}
	return 100 * b.Residual() / d
}

// SurfaceBudget returns the budget of a surface-only run.
func SurfaceBudget(title string, mb surface.MassBalance) Budget {
	b := Budget{
		Title:   title,
		Initial: []Term{{"surface water", mb.Initial}},
		In:      []Term{{"rain", mb.Rain}, {"sources", mb.SourceIn}, {"boundary inflow", mb.BoundaryIn}},
		Out:     []Term{{"infiltration", mb.Infiltration}, {"sinks", mb.SourceOut}, {"boundary outflow", mb.BoundaryOut}},
		Stored:  []Term{{"surface water", mb.Stored}},
	}
	if mb.Clamped != 0 {
		b.In = append(b.In, Term{"round-off clamping", mb.Clamped})
	}
	return b
}

// budgetJSON is the JSON form: the budget and its derived figures.
type budgetJSON struct {
	Budget
	TotalIn      float64 `json:"total_in_m3"`
	TotalOut     float64 `json:"total_out_m3"`
	TotalStored  float64 `json:"total_stored_m3"`
	Residual     float64 `json:"residual_m3"`
	ErrorPercent float64 `json:"error_percent"`
}

// WriteJSON writes the budget and its totals, residual and error % as an
// indented JSON object. Non-finite volumes are an ErrSeries error (JSON
// has no NaN).
func (b Budget) WriteJSON(w io.Writer) error {
	for _, ts := range [][]Term{b.Initial, b.In, b.Out, b.Stored} {
		for _, t := range ts {
			if math.IsNaN(t.Volume) || math.IsInf(t.Volume, 0) {
				return fmt.Errorf("%w: volume %q is %g", ErrSeries, t.Name, t.Volume)
			}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(budgetJSON{b, sum(b.In), sum(b.Out), sum(b.Stored), b.Residual(), b.ErrorPercent()})
}

// WriteMarkdown writes the budget as a Markdown report: a table of the
// terms (m³, three decimals) with subtotals, the residual and the error %.
func (b Budget) WriteMarkdown(w io.Writer) error {
	var sb strings.Builder
	title := b.Title
	if title == "" {
		title = "Mass balance"
	}
	fmt.Fprintf(&sb, "# %s\n\n| | term | volume (m³) |\n|---|---|---:|\n", title)
	for _, part := range []struct {
		head  string
		terms []Term
	}{{"initial", b.Initial}, {"in", b.In}, {"out", b.Out}, {"stored", b.Stored}} {
		for _, t := range part.terms {
			fmt.Fprintf(&sb, "| %s | %s | %.3f |\n", part.head, t.Name, t.Volume)
		}
		fmt.Fprintf(&sb, "| **%s** | total | **%.3f** |\n", part.head, sum(part.terms))
	}
	fmt.Fprintf(&sb, "\nResidual (stored − initial − in + out): %.6g m³, error %.3g %%.\n", b.Residual(), b.ErrorPercent())
	if len(b.Notes) > 0 {
		sb.WriteString("\n")
		for _, n := range b.Notes {
			fmt.Fprintf(&sb, "- %s\n", n)
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
