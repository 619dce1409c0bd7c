package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"

	"github.com/spf13/cobra"

	"twin/sim/dispatch"
)

// siteResult is what twin site prints. Areas are floor areas in m²,
// shares 0–1 of the city's floor area.
type siteResult struct {
	Type          string      `json:"type"`
	TargetS       float64     `json:"target_s"`
	Seed          uint64      `json:"seed"`
	DemandPoints  int         `json:"demand_points"`
	FloorAreaM2   float64     `json:"floor_area_m2"`
	Candidates    int         `json:"candidates"`
	Existing      []siteOut   `json:"existing"`
	Sites         []siteOut   `json:"sites"`
	CoveredBefore float64     `json:"covered_before_m2"`
	CoveredAfter  float64     `json:"covered_after_m2"`
	ShareBefore   float64     `json:"share_before"`
	ShareAfter    float64     `json:"share_after"`
	Swaps         int         `json:"swaps"`
	Bound         *siteBound  `json:"lp_bound,omitempty"`
	BoundError    string      `json:"lp_bound_error,omitempty"`
	BoundNote     string      `json:"lp_bound_note,omitempty"`
	Exhaustive    *siteExhaus `json:"exhaustive,omitempty"`
}

// siteOut is a station or chosen site; GainM2 is the floor area it adds
// to the coverage, the sites taken in the order of largest gain.
type siteOut struct {
	ID     string  `json:"id"`
	Lon    float64 `json:"lon"`
	Lat    float64 `json:"lat"`
	GainM2 float64 `json:"gain_m2,omitempty"`
}

// siteBound is the LP relaxation's bound and the answer's gap to it.
type siteBound struct {
	// Method is "lp" (the relaxation solved by the simplex) or
	// "lagrangian" (its Lagrangian dual by subgradient steps, an upper
	// bound of it).
	Method    string  `json:"method"`
	CoveredM2 float64 `json:"covered_m2"`
	Share     float64 `json:"share"`
	// GapPct is (bound − answer)/bound in per cent: the answer is at most
	// this far below the optimum.
	GapPct float64 `json:"gap_pct"`
}

// siteExhaus is the exhaustive search's optimum.
type siteExhaus struct {
	Choices   float64 `json:"choices"`
	CoveredM2 float64 `json:"covered_m2"`
	// Optimal tells whether the greedy answer covers as much (1e-9
	// relative).
	Optimal bool `json:"optimal"`
}

func runSite(cmd *cobra.Command, g *globalFlags, f siteFlags) error {
	if err := f.validate(); err != nil {
		return err
	}
	s, err := setupSite(cmd, g, f)
	if err != nil {
		return err
	}
	res, sol, err := solveSite(s, f)
	if err != nil {
		return err
	}
	slog.Info("site", "candidates", res.Candidates, "existing", len(res.Existing), "share_before", res.ShareBefore, "share_after", res.ShareAfter)
	if err := writeSiteFiles(s, f, res, sol); err != nil {
		return err
	}
	if f.asJSON {
		return writeSiteJSON(cmd.OutOrStdout(), res)
	}
	return printSite(cmd.OutOrStdout(), res)
}

// solveSite runs greedy with swaps, the LP bound and, when small enough,
// the exhaustive search.
func solveSite(s *siteSetup, f siteFlags) (*siteResult, dispatch.Siting, error) {
	p := s.problem
	d := s.cov.Demand()
	sol, err := dispatch.SiteGreedy(p, dispatch.SitingOptions{})
	if err != nil {
		return nil, sol, err
	}
	res := &siteResult{Type: f.typ, TargetS: f.targetS, Seed: f.seed, DemandPoints: d.Len(), FloorAreaM2: d.Total,
		Candidates: len(s.candidates), Existing: []siteOut{}, Swaps: sol.Swaps, CoveredAfter: sol.Covered, ShareAfter: sol.Share}
	for _, e := range s.existing {
		res.Existing = append(res.Existing, siteOut{ID: e.ID, Lon: e.Lon, Lat: e.Lat})
	}
	res.CoveredBefore, res.Sites = siteGains(p, s, sol.Open)
	if d.Total > 0 {
		res.ShareBefore = res.CoveredBefore / d.Total
	}
	method := "lp"
	b, err := dispatch.SiteLPBound(p, f.lpMaxCells)
	if err != nil {
		// Too large for the dense simplex: the Lagrangian dual bounds the
		// same relaxation from above in milliseconds.
		method = "lagrangian"
		res.BoundNote = "LP relaxation not solved (" + err.Error() + "); Lagrangian bound instead"
		b, err = dispatch.SiteLagrangeBound(p, sol.Covered, 1000)
	}
	if err != nil {
		res.BoundError = err.Error()
	} else {
		res.Bound = &siteBound{Method: method, CoveredM2: b, Share: b / d.Total}
		if b > 0 {
			res.Bound.GapPct = 100 * max(0, b-sol.Covered) / b
		}
	}
	if n := siteChoices(len(s.candidates), f.open); f.exhaustiveMax > 0 && n <= float64(f.exhaustiveMax) {
		ex, err := dispatch.SiteExhaustive(p, f.exhaustiveMax)
		if err != nil {
			return nil, sol, err
		}
		res.Exhaustive = &siteExhaus{Choices: n, CoveredM2: ex.Covered,
			Optimal: sol.Covered >= ex.Covered-1e-9*max(ex.Covered, 1)}
	}
	return res, sol, nil
}

// siteChoices is n choose k.
func siteChoices(n, k int) float64 {
	r := 1.0
	for i := 1; i <= k; i++ {
		r = r * float64(n-k+i) / float64(i)
	}
	return r
}

// siteGains returns the weight the fixed sites cover and the new open
// sites with the weight each adds, taken in the order of largest gain
// (lower index on ties), so the gains add up to the answer's increase.
func siteGains(p dispatch.SitingProblem, s *siteSetup, open []int) (float64, []siteOut) {
	covered := make([]bool, len(p.Weights))
	take := func(j int) float64 {
		g := 0.0
		for _, i := range p.Covers[j] {
			if !covered[i] {
				covered[i] = true
				g += p.Weights[i]
			}
		}
		return g
	}
	gain := func(j int) float64 {
		g, seen := 0.0, map[int32]bool{}
		for _, i := range p.Covers[j] {
			if !covered[i] && !seen[i] {
				seen[i] = true
				g += p.Weights[i]
			}
		}
		return g
	}
	before := 0.0
	for _, j := range p.Fixed {
		before += take(j)
	}
	left := map[int]bool{}
	for _, j := range open {
		if j >= len(p.Fixed) {
			left[j] = true
		}
	}
	out := []siteOut{}
	for len(left) > 0 {
		best, bestG := -1, -1.0
		for _, j := range open {
			if g := gain(j); left[j] && g > bestG {
				best, bestG = j, g
			}
		}
		delete(left, best)
		c := s.candidates[best-len(p.Fixed)]
		out = append(out, siteOut{ID: c.ID, Lon: c.Lon, Lat: c.Lat, GainM2: take(best)})
	}
	return before, out
}

func writeSiteJSON(w io.Writer, res *siteResult) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

// printSite prints the result as text.
func printSite(w io.Writer, r *siteResult) error {
	fmt.Fprintf(w, "%s stations, standard %.0f s; %d demand points, %.0f m² of floor area; %d candidates, %d existing\n",
		r.Type, r.TargetS, r.DemandPoints, r.FloorAreaM2, r.Candidates, len(r.Existing))
	for _, s := range r.Sites {
		fmt.Fprintf(w, "open %-24s %.6f,%.6f  +%.0f m²\n", s.ID, s.Lon, s.Lat, s.GainM2)
	}
	fmt.Fprintf(w, "covered within %.0f s: %.1f %% before, %.1f %% after (%.0f → %.0f m²)\n",
		r.TargetS, 100*r.ShareBefore, 100*r.ShareAfter, r.CoveredBefore, r.CoveredAfter)
	if r.Bound != nil {
		fmt.Fprintf(w, "%s bound %.1f %% (%.0f m²): gap at most %.2f %%\n", map[string]string{"lp": "LP", "lagrangian": "Lagrangian"}[r.Bound.Method],
			100*r.Bound.Share, r.Bound.CoveredM2, r.Bound.GapPct)
	} else {
		fmt.Fprintf(w, "LP bound not computed: %s\n", r.BoundError)
	}
	if e := r.Exhaustive; e != nil {
		verdict := "optimal"
		if !e.Optimal {
			verdict = fmt.Sprintf("not optimal: the best of the %.0f choices covers %.0f m²", e.Choices, e.CoveredM2)
		}
		fmt.Fprintf(w, "exhaustive search over %.0f choices: %s\n", e.Choices, verdict)
	}
	return nil
}

// writeSiteFiles writes --png and --out.
func writeSiteFiles(s *siteSetup, f siteFlags, res *siteResult, sol dispatch.Siting) error {
	if f.png != "" {
		if err := writeFileWith(f.png, func(w io.Writer) error { return plotSiteMap(w, s, f, res, sol) }); err != nil {
			return err
		}
	}
	if f.out == "" {
		return nil
	}
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return err
	}
	if err := writeFileWith(filepath.Join(f.out, "site.json"), func(w io.Writer) error { return writeSiteJSON(w, res) }); err != nil {
		return err
	}
	if err := writeFileWith(filepath.Join(f.out, "sites.csv"), func(w io.Writer) error { return writeSitesCSV(w, res.Sites) }); err != nil {
		return err
	}
	return writeFileWith(filepath.Join(f.out, "map.png"), func(w io.Writer) error { return plotSiteMap(w, s, f, res, sol) })
}

func writeSitesCSV(w io.Writer, sites []siteOut) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "lon", "lat", "gain_m2"})
	for _, s := range sites {
		cw.Write([]string{s.ID, strconv.FormatFloat(s.Lon, 'f', 6, 64), strconv.FormatFloat(s.Lat, 'f', 6, 64),
			strconv.FormatFloat(s.GainM2, 'f', 1, 64)})
	}
	cw.Flush()
	return cw.Error()
}

// plotSiteMap draws the coverage map (dispatch.PlotCoverageMap) before
// and after, side by side: travel time from the nearest existing station,
// then from the nearest existing or new one.
func plotSiteMap(w io.Writer, s *siteSetup, f siteFlags, res *siteResult, sol dispatch.Siting) error {
	var before, after []dispatch.Snap
	for _, e := range s.existing {
		before = append(before, e.snap)
	}
	after = append(after, before...)
	for _, j := range sol.Open {
		if j >= len(s.existing) {
			after = append(after, s.candidates[j-len(s.existing)].snap)
		}
	}
	panel := func(units []dispatch.Snap, title string) (image.Image, error) {
		near, err := s.cov.Nearest(units)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := dispatch.PlotCoverageMap(&buf, s.cov.Demand(), near, units, title, 800, 800); err != nil {
			return nil, err
		}
		return png.Decode(&buf)
	}
	a, err := panel(before, fmt.Sprintf("Before: %d %s stations, %.1f %% within %.0f s", len(before), f.typ, 100*res.ShareBefore, f.targetS))
	if err != nil {
		return err
	}
	b, err := panel(after, fmt.Sprintf("After: %d new, %.1f %% within %.0f s", len(after)-len(before), 100*res.ShareAfter, f.targetS))
	if err != nil {
		return err
	}
	ab, bb := a.Bounds(), b.Bounds()
	img := image.NewRGBA(image.Rect(0, 0, ab.Dx()+bb.Dx(), max(ab.Dy(), bb.Dy())))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, ab.Dx(), ab.Dy()), a, ab.Min, draw.Src)
	draw.Draw(img, image.Rect(ab.Dx(), 0, ab.Dx()+bb.Dx(), bb.Dy()), b, bb.Min, draw.Src)
	return png.Encode(w, img)
}
