package floodout

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"twin/sim/flood/surface"
)

// TestBudget: residual and error % by hand from the definition: stored
// 1040 − (initial 100 + in 1000 − out 50) = −10 m³, over max(1100, 1040)
// → −0.909 %; JSON carries the same figures (1e-12 relative).
func TestBudget(t *testing.T) {
	b := SurfaceBudget("run", surface.MassBalance{Initial: 100, Rain: 600, BoundaryIn: 400, BoundaryOut: 30, Infiltration: 20, Stored: 1040})
	if r := b.Residual(); math.Abs(r+10) > 1e-9 {
		t.Errorf("residual %g m³, want -10", r)
	}
	want := -10.0 / 1100 * 100
	if e := b.ErrorPercent(); math.Abs(e-want) > 1e-12 {
		t.Errorf("error %g %%, want %g", e, want)
	}
	var buf bytes.Buffer
	if err := b.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var got struct {
		TotalIn      float64 `json:"total_in_m3"`
		Residual     float64 `json:"residual_m3"`
		ErrorPercent float64 `json:"error_percent"`
		In           []Term  `json:"in"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.TotalIn != 1000 || math.Abs(got.Residual+10) > 1e-9 || math.Abs(got.ErrorPercent-want) > 1e-12 || len(got.In) != 3 {
		t.Errorf("JSON %s", buf.String())
	}
	b.In[0].Volume = math.NaN()
	if err := b.WriteJSON(&bytes.Buffer{}); err == nil {
		t.Error("NaN volume written as JSON")
	}
	var md strings.Builder
	if err := SurfaceBudget("", surface.MassBalance{}).WriteMarkdown(&md); err != nil || !strings.Contains(md.String(), "error 0 %") {
		t.Errorf("empty budget: %v\n%s", err, md.String())
	}
	md.Reset()
	nb := Budget{Notes: []string{"pipes: 0.2 % continuity error"}}
	if err := nb.WriteMarkdown(&md); err != nil || !strings.HasSuffix(md.String(), "\n- pipes: 0.2 % continuity error\n") {
		t.Errorf("notes: %v\n%s", err, md.String())
	}
}
